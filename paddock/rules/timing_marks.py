"""What the timing system already decided about lap times, read from its own marks.

Al Kamel's time cards mark in ``LAP_IMPROVEMENT`` the lap the timing system counts as a
car's best: ``2`` (the car's best) or ``3`` (also the session's best); every other lap is
``0``. Race control deletes lap times (track limits) in the timing system, and the export
then marks the car's best *valid* lap. So (domain: "What the timing system already
decided"):

- a car's best valid lap is its fastest lap with a non-zero mark (a car may carry more
  than one mark in some exports: the fastest of them counts);
- every lap of that car that is quicker, left at ``0``, was deleted in the timing system
  (an equal time set earlier too: the first of equal laps would have been the one marked);
- a car with no marked lap has no valid lap time: all its timed laps were disallowed (or
  it never completed a timed lap).

Files without the column carry no marks (``mark`` None on every lap), and a column with no
non-zero mark anywhere says nothing either: nothing is deleted.
These deletions are the timing system's word, not the stewards' decisions: they carry no
decision number, and an official may reinstate one with a reason (``REINSTATE_LAP``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class MarkedLap(Protocol):
    """A lap crossing with the timing system's mark (a time-card record, a stored lap)."""

    @property
    def number(self) -> str: ...

    @property
    def lap(self) -> int: ...

    @property
    def lap_time_ms(self) -> int | None: ...

    @property
    def mark(self) -> int | None: ...


NO_MARK_REASON = "deleted in the timing system: none of the car's laps is marked as valid"


def quicker_than_reason(best_lap: int) -> str:
    return f"deleted in the timing system: quicker than lap {best_lap}, the best lap it counts"


def timing_system_deletions(laps: Iterable[MarkedLap]) -> dict[str, dict[int, str]]:
    """The laps the timing system deleted, per car, each with the reason.

    Return:
        ``{car: {lap: reason}}`` for the cars with deleted laps; empty when the file carries
        no marks at all (a file without ``LAP_IMPROVEMENT``: nothing is read into it).
    """
    by_car: dict[str, list[MarkedLap]] = {}
    marked_file = False
    for lap in laps:
        by_car.setdefault(lap.number, []).append(lap)
        marked_file = marked_file or bool(lap.mark)
    # A column left blank or all 0 (another tool's export) says nothing: it deletes nothing.
    if not marked_file:
        return {}
    deleted: dict[str, dict[int, str]] = {}
    for number, car_laps in by_car.items():
        timed = [lap for lap in car_laps if lap.lap_time_ms is not None]
        marked = [lap for lap in timed if lap.mark]
        if not marked:
            if timed:
                deleted[number] = {lap.lap: NO_MARK_REASON for lap in timed}
            continue
        best = min(marked, key=lambda lap: (lap.lap_time_ms, lap.lap))
        assert best.lap_time_ms is not None
        quicker = {
            lap.lap: quicker_than_reason(best.lap)
            for lap in timed
            if not lap.mark
            and lap.lap_time_ms is not None
            and (lap.lap_time_ms, lap.lap) < (best.lap_time_ms, best.lap)
        }
        if quicker:
            deleted[number] = quicker
    return deleted
