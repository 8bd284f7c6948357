"""Generic timing CSVs for service tests (format: docs/timing-formats.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.database import Database
from paddock.services.results import import_results


def write_laps(path: Path, laps: Mapping[str, Sequence[int]], *, start_ms: int = 0,
               stagger_ms: int = 0) -> Path:
    """A laps CSV: each car's lap times (ms) from ``start_ms``; car k starts k*stagger later.

    The elapsed column is each car's running total, so "set first" is what it would be on
    track.
    """
    lines = ["number,lap,lap_time,elapsed"]
    for k, (car, times) in enumerate(laps.items()):
        elapsed = start_ms + k * stagger_ms
        for lap, time in enumerate(times, start=1):
            elapsed += time
            lines.append(f"{car},{lap},{format_laptime(time)},{format_racetime(elapsed)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_laps(db: Database, tmp_path: Path, event: str, session: str,
              laps: Mapping[str, Sequence[int]], **kwargs: int) -> None:
    path = write_laps(tmp_path / f"{event}-{session}-laps.csv", laps, **kwargs)
    import_results(db, event=event, session=session, files=[path])


def race_laps(order: Sequence[str], laps: int, *, lap_ms: int = 100_000,
              gap_ms: int = 500, fastest: Mapping[str, int] | None = None,
              short: Mapping[str, int] | None = None) -> dict[str, list[int]]:
    """A race where the cars finish in ``order``, ``gap_ms`` apart on the last lap.

    ``fastest``: car -> a quicker time for its lap 2 (its fastest lap); ``short``: car ->
    laps it completed (retired or lapped).
    """
    fastest = fastest or {}
    short = short or {}
    result: dict[str, list[int]] = {}
    for rank, car in enumerate(order):
        times = [lap_ms] * short.get(car, laps)
        times[-1] += rank * gap_ms
        if car in fastest and len(times) > 1:
            times[1] = fastest[car]
            times[-1] += lap_ms - fastest[car]
        result[car] = times
    return result
