"""What the main window needs to know of the chart before the chart is built: the order of its
tabs and the start-session shortcut. (The chart's modules load when the first chart opens.)"""

from __future__ import annotations

INTAKE, SESSIONS, PLAN, PROGRESS = range(4)
START_SESSION_SHORTCUT = "Ctrl+Shift+N"
