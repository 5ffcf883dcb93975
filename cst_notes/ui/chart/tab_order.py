"""What the main window needs to know of the chart before the chart is built: the order of its
tabs. (The chart's modules load when the first chart opens.)"""

from __future__ import annotations

from enum import IntEnum


class ChartTab(IntEnum):
    """The chart's tabs, by position."""

    INTAKE = 0
    SESSIONS = 1
    PLAN = 2
    PROGRESS = 3
