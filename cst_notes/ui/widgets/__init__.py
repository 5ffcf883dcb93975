"""Small shared widgets: date edit, code combo, checklists, rows editor, field feedback, formatting."""
