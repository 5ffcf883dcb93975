"""Python's cyclic garbage collection, in the GUI thread only.

Left to itself, Python collects reference cycles in whichever thread happens to allocate when a
generation's count passes its threshold: the background thread drawing a preview, the due list's
or the clinic's worker. A Qt object caught in such a cycle (a closed dialog whose Python side
refers to itself, say) is then deleted in that thread. But a QObject must be deleted in its own
thread, a widget in the GUI thread: deleted elsewhere, it races the GUI thread's event queue.

So, once the application exists, automatic collection is off, and the GUI thread looks every
``INTERVAL_MS`` at Python's generation counts and thresholds and applies CPython's own rule
(``due_generation``): at most one collection per look, and only once the youngest generation is
over its threshold; then the oldest generation over its threshold, except that a full collection
(which walks every tracked object and so costs the most) also waits until the oldest generation has
grown by more than a quarter since the last one (CPython counts the objects that reached it; we
count the objects in it, which also drops those freed since). Reference counting, which frees
almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
LONG_LIVED_RATIO = 4  # a full collection waits until the newly long-lived are over 1/4 of the rest

_installed: list[QTimer] = []
_long_lived_after_full = [0]  # objects in the oldest generation just after the last full collection


def due_generation(
    counts: tuple[int, int, int], thresholds: tuple[int, int, int], long_lived_total: int, long_lived_now: int
) -> int | None:
    """The generation to collect now, or None, by CPython's rule: nothing until the youngest
    generation's count passes its threshold; then the oldest generation whose count passed its
    own, except that the oldest is passed over while ``long_lived_now`` (objects in it now) exceeds
    ``long_lived_total`` (objects in it after the last full collection) by no more than a quarter
    of the latter."""
    if not thresholds[0] or counts[0] <= thresholds[0]:
        return None
    for generation in (2, 1):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            if generation == 2 and long_lived_now - long_lived_total <= long_lived_total // LONG_LIVED_RATIO:
                continue
            return generation
    return 0


def collect_if_due() -> int | None:
    """Collect the generation ``due_generation`` names; returns it, or None when none is due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    long_lived_now = 0
    if thresholds[0] and counts[0] > thresholds[0] and thresholds[2] and counts[2] > thresholds[2]:
        long_lived_now = len(gc.get_objects(generation=2))  # only when a full collection could be due
    generation = due_generation(counts, thresholds, _long_lived_after_full[0], long_lived_now)
    if generation is not None:
        gc.collect(generation)
        if generation == 2:
            _long_lived_after_full[0] = len(gc.get_objects(generation=2))
    return generation


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
    _long_lived_after_full[0] = len(gc.get_objects(generation=2))
    gc.disable()
