"""What every editable form shares: drafts while typing, Save/Revert tabs and the unsaved-changes prompt."""
