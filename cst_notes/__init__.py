"""CST Notes: clinical notes for craniosacral therapists."""

__version__ = "0.1.0"
APP_NAME = "CST Notes"
