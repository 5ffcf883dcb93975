"""The session's keys that are known before the session's screens load (the main window's menu)."""

from __future__ import annotations

START_SESSION_SHORTCUT = "Ctrl+Shift+N"
