"""CST Notes: clinical notes for craniosacral therapists."""

__version__ = "0.1.0"
APP_NAME = "CST Notes"
# The desktop id: the .desktop file, the icon and the AppStream metadata are named after it (bundle/).
APP_ID = "org.cstnotes.CSTNotes"
# The program's name, and its headless commands (``cst_notes.cli`` runs each as ``cmd_NAME``): here,
# so that the app's start-up tells a command from the GUI's options without importing the CLI.
PROG = "cst-notes"
COMMAND_NAMES = (
    "demo",
    "check",
    "backup",
    "export",
    "import",
    "restore",
    "encrypt",
    "retention",
    "export-pdf",
    "patient-copy",
    "practitioner",
    "clinic",
    "sync",
)
