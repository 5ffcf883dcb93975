"""Signed records: the signed panel with its addenda, and the dialogs to sign and to add an addendum."""
