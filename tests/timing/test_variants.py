"""Every file variant in circulation reads to the same records (seeded random variants)."""

from __future__ import annotations

import random

import pytest

from paddock.rules.laptime import format_laptime, format_racetime
from paddock.timing.detect import read_timing_bytes
from paddock.timing.records import FileKind

COLUMNS = [
    "NUMBER",
    "DRIVER_NUMBER",
    "LAP_NUMBER",
    "LAP_TIME",
    "LAP_IMPROVEMENT",
    "CROSSING_FINISH_LINE_IN_PIT",
    "S1",
    "KPH",
    "ELAPSED",
    "HOUR",
    "TOP_SPEED",
    "DRIVER_NAME",
    "PIT_TIME",
    "CLASS",
    "TEAM",
    "FLAG_AT_FL",
    "IM1a_time",
    "IM1a_elapsed",
]


def write_variant(
    laps: list[tuple[str, int, int, int]], chooser: random.Random
) -> tuple[bytes, str]:
    delimiter = chooser.choice([";", ","])
    columns = list(COLUMNS)
    chooser.shuffle(columns)
    spaced = chooser.random() < 0.5
    trailing = delimiter if chooser.random() < 0.5 else ""
    header = (delimiter + (" " if spaced else "")).join(columns) + trailing
    lines = [header]
    for number, lap, lap_ms, elapsed in laps:
        values = {
            "NUMBER": number,
            "DRIVER_NUMBER": "1",
            "LAP_NUMBER": str(lap),
            "LAP_TIME": format_laptime(lap_ms),
            "ELAPSED": format_racetime(elapsed)
            if elapsed >= 3_600_000
            else format_laptime(elapsed),
            "HOUR": format_racetime(50_000_000 + elapsed),
            "DRIVER_NAME": "Jo Doe",
            "CLASS": "Pro-Am",
            "TEAM": "Team, Inc." if delimiter == ";" else "Team Inc.",
            "FLAG_AT_FL": chooser.choice(["GF", "FCY", "FF"]),
            "KPH": "150.2",
        }
        lines.append(delimiter.join(values.get(c, "") for c in columns) + trailing)
    newline = chooser.choice(["\n", "\r\n"])
    data = (newline.join(lines) + newline).encode("utf-8")
    if chooser.random() < 0.5:
        data = b"\xef\xbb\xbf" + data
    return data, delimiter


@pytest.mark.parametrize("seed", range(40))
def test_time_card_variants_read_to_the_same_laps(seed: int) -> None:
    chooser = random.Random(seed)
    laps = []
    for number in ("7", "07", "021", "21"):
        elapsed = 0
        for lap in range(1, chooser.randint(2, 50)):
            lap_ms = chooser.randint(60_000, 130_000)
            elapsed += lap_ms
            laps.append((number, lap, lap_ms, elapsed))
    data, delimiter = write_variant(laps, chooser)
    f = read_timing_bytes(data, f"variant-{seed}.CSV")
    assert f.kind is FileKind.ALKAMEL_TIME_CARDS
    assert f.delimiter == delimiter
    assert [(r.number, r.lap, r.lap_time_ms, r.elapsed_ms) for r in f.laps] == laps
    assert [r.line for r in f.laps] == list(range(2, len(laps) + 2))
    assert {r.class_name for r in f.laps} == {"Pro-Am"}
