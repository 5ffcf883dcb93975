"""Python's cyclic garbage collection, in the GUI thread only.

Left to itself, Python collects reference cycles in whichever thread happens to allocate when a
generation's count passes its threshold: the background thread drawing a preview, the due list's
or the clinic's worker. A Qt object caught in such a cycle (a closed dialog whose Python side
refers to itself, say) is then deleted in that thread. But a QObject must be deleted in its own
thread, a widget in the GUI thread: deleted elsewhere, it races the GUI thread's event queue.

So, once the application exists, automatic collection is off, and the GUI thread looks every
``INTERVAL_MS`` at the same counts and thresholds Python would, collecting the oldest generation
that is due (``collect_if_due``). Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500

_installed: list[QTimer] = []


def collect_if_due() -> int | None:
    """Collect the oldest generation whose count passed its threshold, as Python's automatic
    collection would have by now; returns that generation, or None when none is due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return None


def install(app: QObject) -> None:
    """Turn automatic collection off and collect from a timer in ``app``'s (the GUI) thread; once."""
    if _installed:
        return
    timer = QTimer(app)
    timer.setObjectName("garbage collection")
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_if_due)
    timer.start()
    _installed.append(timer)
    gc.disable()
