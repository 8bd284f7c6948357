"""Properties of race classifications over many random races (seeded, reproducible)."""

from __future__ import annotations

import itertools
import random

import pytest

from paddock.rules.classification import (
    ClassificationSettings,
    Lap,
    Status,
    classify_race,
)
from paddock.rules.laptime import format_gap, format_laps_gap
from paddock.rules.penalties import Penalty, time_penalty


def random_race(seed: int) -> tuple[list[Lap], list[Penalty], dict[str, str]]:
    chooser = random.Random(seed)
    cars = chooser.randint(2, 30)
    numbers = list(dict.fromkeys(chooser.choice(["0", ""]) + str(n) for n in range(1, cars + 1)))
    race_ms = chooser.randint(20, 45) * 60_000
    laps: list[Lap] = []
    for number in numbers:
        pace = chooser.randint(80_000, 90_000)
        retire_at = race_ms if chooser.random() < 0.8 else chooser.randint(0, race_ms)
        elapsed = 0
        lap = 0
        while elapsed < retire_at:
            lap += 1
            # Whole seconds now and then, so that equal totals happen.
            lap_ms = pace + (chooser.randint(0, 3) * 1000 if seed % 2 else chooser.randint(0, 3000))
            elapsed += lap_ms
            laps.append(Lap(number, lap, lap_ms, elapsed))
    penalties = [
        time_penalty(number, chooser.choice([5, 10, 30]), "random")
        for number in numbers
        if chooser.random() < 0.15
    ]
    classes = {number: chooser.choice(["Pro", "Pro-Am", "Rookie"]) for number in numbers}
    return laps, penalties, classes


@pytest.mark.parametrize("seed", range(60))
def test_race_classification_invariants(seed: int) -> None:
    laps, penalties, classes = random_race(seed)
    settings = ClassificationSettings(classified_share=random.Random(seed).choice([0.5, 0.75, 0.9]))
    c = classify_race(laps, classes=classes, penalties=penalties, settings=settings)
    rows = c.rows

    # Every car once; the order is laps desc, then total time (penalties included) asc.
    assert sorted(r.number for r in rows) == sorted({lap.number for lap in laps})
    keys = [(-r.laps, r.total_time_ms) for r in rows]
    assert keys == sorted(keys)

    # Totals are the last crossing plus the penalties.
    added = {p.number: 0 for p in penalties}
    for p in penalties:
        added[p.number] += p.time_ms
    last = {lap.number: lap.elapsed_ms for lap in sorted(laps, key=lambda x: x.lap)}
    for r in rows:
        assert r.total_time_ms == last[r.number] + added.get(r.number, 0)

    # Classified exactly when at or above the share; they are numbered 1..k first.
    for r in rows:
        assert (r.status is Status.CLASSIFIED) == (r.laps >= c.min_laps)
    classified = [r for r in rows if r.status is Status.CLASSIFIED]
    assert [r.position for r in classified] == list(range(1, len(classified) + 1))
    assert rows[: len(classified)] == tuple(classified)
    for name in set(classes.values()):
        in_class = [r.class_position for r in c.in_class(name) if r.status is Status.CLASSIFIED]
        assert in_class == list(range(1, len(in_class) + 1))

    # Gaps: time on the same lap, laps otherwise; the leader has "-".
    leader = rows[0]
    assert leader.gap == "-"
    for ahead, r in itertools.pairwise(rows):
        if r.laps == leader.laps:
            assert r.gap == format_gap(r.total_time_ms - leader.total_time_ms)
        else:
            assert r.gap == format_laps_gap(leader.laps - r.laps)
        if r.laps == ahead.laps:
            assert r.interval_ms == r.total_time_ms - ahead.total_time_ms
        else:
            assert r.interval == format_laps_gap(ahead.laps - r.laps)

    # Laps led add up to the leader's laps (one leader per lap).
    assert sum(r.laps_led or 0 for r in rows) == leader.laps or leader.laps == 0


@pytest.mark.parametrize("seed", range(20))
def test_order_does_not_depend_on_the_order_of_the_crossings(seed: int) -> None:
    laps, penalties, classes = random_race(seed)
    shuffled = list(laps)
    random.Random(seed).shuffle(shuffled)
    first = classify_race(laps, classes=classes, penalties=penalties)
    second = classify_race(shuffled, classes=classes, penalties=penalties)
    assert first == second
