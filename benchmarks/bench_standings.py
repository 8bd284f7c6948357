"""How long the championship tables take: one season, and ten seasons.

Target (issue 6): 16 races x 40 cars well under 50 ms; 10 seasons in about 300 ms.
Prints median times; never asserts (run: ``.venv/bin/python benchmarks/bench_standings.py``).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from paddock.rules.points import DropRule, PointsScale, RaceResult, RaceRow
from paddock.rules.standings import StandingsEntry, season_standings

CLASSES = ("Pro", "Pro-Am", "Pro-Am 991", "Rookie")
TEAMS = tuple(f"Team {n}" for n in range(12))
STATUSES = ("classified",) * 16 + ("not-classified", "dnf", "dns", "dsq")


def make_season(seed: int, races: int = 16, cars: int = 40) -> tuple[list[RaceResult], list]:
    chooser = random.Random(seed)
    numbers = [str(n) for n in chooser.sample(range(1, 200), cars)]
    classes = {number: chooser.choice(CLASSES) for number in numbers}
    entries = [
        StandingsEntry(
            number,
            chooser.choice(TEAMS),
            team_eligible=chooser.random() < 0.7,
            junior=chooser.random() < 0.3,
        )
        for number in numbers
    ]
    results = []
    for index in range(races):
        field = chooser.sample(numbers, len(numbers))
        in_class: dict[str, int] = {}
        rows = []
        for number in field:
            status = chooser.choice(STATUSES)
            position = None
            if status in ("classified", "dnf"):
                in_class[classes[number]] = in_class.get(classes[number], 0) + 1
                position = in_class[classes[number]]
            rows.append(RaceRow(number, classes[number], position, status))
        results.append(RaceResult(f"R{index + 1}", tuple(rows)))
    return results, entries


def median_ms(work: Callable[[], object], repeat: int = 25) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    seasons = [make_season(seed) for seed in range(10)]
    races, entries = seasons[0]
    one = median_ms(lambda: season_standings(races, entries, classes=CLASSES))
    ten = median_ms(lambda: [season_standings(r, e, classes=CLASSES) for r, e in seasons], repeat=9)
    drops = PointsScale(drops=tuple(DropRule(c, 2, protect_last=2) for c in CLASSES))
    dropped = median_ms(lambda: season_standings(races, entries, drops, classes=CLASSES))
    print(
        f"one season, 16 races x 40 cars, {len(CLASSES)} classes + teams + juniors: "
        f"median {one:.1f} ms (target well under 50 ms)"
    )
    print(f"ten seasons: median {ten:.1f} ms (target about 300 ms)")
    print(f"one season, every class dropping its 2 lowest (last 2 protected): "
          f"median {dropped:.1f} ms")


if __name__ == "__main__":
    main()
