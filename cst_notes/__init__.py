"""CST Notes: clinical notes for craniosacral therapists."""

__version__ = "0.1.0"
APP_NAME = "CST Notes"
# The desktop id: the .desktop file, the icon and the AppStream metadata are named after it (bundle/).
APP_ID = "org.cstnotes.CSTNotes"
