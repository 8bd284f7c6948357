"""A generated race weekend for the document tests, the CLI tests and the benchmark.

Timing data is written as the generic laps CSV (docs/timing-formats.md) and imported
through the results service, so every document is built from what Paddock stores. The
weekend is deterministic: the same seed gives the same laps.

It goes to Road America by default: the demo database's own weekends (Sebring, CTMP,
Watkins Glen) are left alone, so the tests hold whatever the demo holds.

The race holds every status the documents print: a winner, lapped cars, a car not
classified (a long stop, then it takes the flag), a retirement (DNF) and a car that
did not start (DNS).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.database import Database
from paddock.services.results import import_results
from paddock.services.season import event_view
from paddock.services.tyres import register_tyres

RACE_MS = 45 * 60 * 1000
QUALI_MS = 30 * 60 * 1000


@dataclass(frozen=True)
class Weekend:
    """Which car did what, for the tests to check against."""

    cars: tuple[str, ...]  # entered cars, by pace (fastest first)
    dns: str  # not on the grid: no lap in the race
    dnf: str  # stopped after a few laps
    nc: str  # a long stop, then the flag with too few laps
    folder: Path


def entered_cars(db: Database, event: str) -> list[str]:
    from paddock.services.entries import entry_events, list_entries

    number = event_view(db, event).number
    return [e.number for e in list_entries(db) if number in entry_events(db, e.id)]


def _write(path: Path, header: str, lines: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def race_laps(cars: list[str], base_ms: int, *, seed: int, dns: str = "", dnf: str = "",
              nc: str = "", length_ms: int = RACE_MS) -> list[str]:
    """Generic laps CSV lines for a race run to time: the leader's first crossing after
    ``length_ms`` ends it, and each other car ends with its next crossing."""
    rng = random.Random(seed)
    pace = {car: base_ms + index * 180 + rng.randint(0, 120) for index, car in enumerate(cars)}
    crossings: dict[str, list[int]] = {}
    for car in cars:
        if car == dns:
            continue
        laps, elapsed = [], 0
        for lap in range(1, 200):
            time = pace[car] + rng.randint(-400, 900) + (6_000 if lap == 1 else 0)
            if car == nc and lap == 3:
                time += 14 * 60 * 1000  # repairs in the pits
            elapsed += time
            laps.append(elapsed)
            if car == dnf and lap == 6:
                break
            if elapsed > length_ms + 4 * base_ms:
                break
        crossings[car] = laps
    leader_end = min(next(e for e in laps if e >= length_ms) for laps in crossings.values()
                     if laps[-1] >= length_ms)
    lines = []
    for car, laps in crossings.items():
        previous = 0
        for lap, elapsed in enumerate(laps, start=1):
            lines.append(f"{car},{lap},{format_laptime(elapsed - previous)},"
                         f"{format_racetime(elapsed)}")
            previous = elapsed
            if elapsed >= leader_end:
                break
    return lines


def session_laps(cars: list[str], base_ms: int, *, seed: int, length_ms: int) -> list[str]:
    """Qualifying or practice: out lap, timed laps, each car stops when time runs out."""
    rng = random.Random(seed)
    lines = []
    for index, car in enumerate(cars):
        pace = base_ms + index * 150 + rng.randint(0, 100)
        elapsed = rng.randint(0, 60_000)
        for lap in range(1, 40):
            time = pace + (20_000 if lap == 1 else rng.randint(-300, 1_500))
            elapsed += time
            lines.append(f"{car},{lap},{format_laptime(time)},{format_racetime(elapsed)}")
            if elapsed > length_ms:
                break
    return lines


EVENT = "road-america"


def load_weekend(db: Database, folder: Path, *, event: str = EVENT,
                 sessions: tuple[str, ...] = ("FP1", "Q", "R1"), base_ms: int = 120_000,
                 cars: list[str] | None = None) -> Weekend:
    """Import generated laps into the event's sessions (race sessions get DNS/DNF/NC)."""
    folder.mkdir(parents=True, exist_ok=True)
    field = cars or entered_cars(db, event)
    rng = random.Random(7)
    by_pace = field[:]
    rng.shuffle(by_pace)
    dns, dnf, nc = by_pace[-1], by_pace[-2], by_pace[len(by_pace) // 2]
    header = "number,lap,lap_time,elapsed"
    for index, code in enumerate(sessions):
        if code.startswith("R"):
            lines = race_laps(by_pace, base_ms, seed=index, dns=dns, dnf=dnf, nc=nc)
        else:
            lines = session_laps(by_pace, base_ms - 1_500, seed=index,
                                 length_ms=QUALI_MS if code == "Q" else RACE_MS)
        path = _write(folder / f"{event}-{code}.csv", header, lines)
        import_results(db, event=event, session=code, files=[path])
    return Weekend(tuple(by_pace), dns, dnf, nc, folder)


def register_some_tyres(db: Database, event: str, cars: list[str]) -> dict[str, list[str]]:
    """Eight new slicks for each car given; the barcodes by car."""
    codes = {}
    for index, car in enumerate(cars):
        codes[car] = [f"PDKTEST{index:03d}T{t:02d}" for t in range(8)]
        register_tyres(db, event=event, car=car, barcodes=codes[car])
    return codes
