"""The Qt GUI, one sub-package per feature (see the README's code map). It talks to the database
only through ``cst_notes.services.Services``; start-up is ``cst_notes.ui.shell.launch``."""
