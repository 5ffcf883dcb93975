"""Charting a session: the sessions list, starting a session, and the session editor with its sections."""
