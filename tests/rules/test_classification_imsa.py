"""Acceptance: the engine, fed the Long Beach 2023 time cards, gives IMSA's official results.

Race: the time cards alone give the order, laps, total times, gaps and fastest laps of
the official race results. What they cannot give is who *started*: #01 (position 26,
0 laps, "Classified") and #80/#93 ("Not started") are all absent from the race time
cards. The starting grid says which took the start; here it is the cars the official file
numbers. IMSA labels every starter "Classified"; Paddock's rules call #01 DNF.

Qualifying: the officials deleted lap times before computing the results (the time cards
still hold them). Comparing the time cards with the official best laps finds them:

- #60 lap 10 (1:10.489): deleted, official best is lap 12 (1:10.583).
- #79 lap 7 (1:18.976): deleted, official best is lap 9 (1:19.436).
- #93 laps 6 (1:19.316) and 8 (1:19.441): deleted, official best is lap 7 (1:19.583).
- #80 laps 7 (1:19.733) and 9 (1:19.584): deleted, official best is lap 8 (1:19.767).

#80 and #93 lost their two fastest laps. The time cards show why: neither completed the
lap on which the GTD session was red-flagged (every other GTD car crossed the line under
the red flag and went into the pit lane), so both stopped on track and caused the red
flag. That is also why neither took the start of the race. #60 and #79 lost one lap each
(track limits). Passed as lap-deletion penalties, they
make the time cards reproduce the official qualifying order and times exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paddock.rules.classification import (
    SessionType,
    Status,
    classification_from_results,
    classify_qualifying,
    classify_race,
)
from paddock.rules.penalties import Penalty, delete_lap
from paddock.timing.detect import read_timing_file
from paddock.timing.records import TimingFile

RACE = "2023_08-long-beach-street-circuit_202304151405-race-"
QUALIFYING = "2023_08-long-beach-street-circuit_202304141715-qualifying-"

QUALIFYING_DELETIONS: tuple[Penalty, ...] = (
    delete_lap("60", 10, "Track limits"),
    delete_lap("79", 7, "Track limits"),
    delete_lap("93", 6, "Caused a red flag"),
    delete_lap("93", 8, "Caused a red flag"),
    delete_lap("80", 7, "Caused a red flag"),
    delete_lap("80", 9, "Caused a red flag"),
)


@pytest.fixture(scope="module")
def race_files(imsa_data: Path) -> tuple[TimingFile, TimingFile]:
    return read_timing_file(imsa_data / f"{RACE}laps.csv"), read_timing_file(
        imsa_data / f"{RACE}results.csv"
    )


@pytest.fixture(scope="module")
def qualifying_files(imsa_data: Path) -> tuple[TimingFile, TimingFile]:
    return read_timing_file(imsa_data / f"{QUALIFYING}laps.csv"), read_timing_file(
        imsa_data / f"{QUALIFYING}results.csv"
    )


def test_race_time_cards_reproduce_the_official_race_results(
    race_files: tuple[TimingFile, TimingFile],
) -> None:
    laps, official = race_files
    grid = [r.number for r in official.results if r.position is not None]
    c = classify_race(
        laps.laps, classes=official.classes(), starters=grid, entered=official.numbers
    )

    assert c.order == tuple(r.number for r in official.results)
    for row, line in zip(c.rows, official.results, strict=True):
        assert (row.number, row.laps, row.total_time_ms) == (
            line.number,
            line.laps,
            line.total_time_ms,
        )
        assert (row.best_lap_ms, row.best_lap_number) == (line.best_lap_ms, line.best_lap_number)
        if line.position is not None:
            assert (row.gap, row.interval) == (line.gap_first, line.gap_previous)

    assert c.winner_laps == 78 and c.min_laps == 58
    # Numbered like the official file up to the last car with a lap.
    assert [r.position for r in c.rows[:25]] == [r.position for r in official.results[:25]]
    assert {r.number: r.status for r in c.rows if r.status is not Status.CLASSIFIED} == {
        "01": Status.DNF,  # started, never completed a lap
        "80": Status.DNS,
        "93": Status.DNS,
    }
    # #10 retired with 76 of 78 laps: above the share, classified, as IMSA has it.
    assert c.row("10").status is Status.CLASSIFIED and c.row("10").gap == "2 Laps"
    assert sum(r.laps_led or 0 for r in c.rows) == 78
    assert c.row("6").laps_led == 44


def test_race_class_positions_follow_the_order(race_files: tuple[TimingFile, TimingFile]) -> None:
    laps, official = race_files
    c = classify_race(laps.laps, classes=official.classes(), entered=official.numbers)
    gtdpro = c.in_class("GTDPRO")
    assert [(r.number, r.class_position) for r in gtdpro] == [
        ("14", 1),
        ("3", 2),
        ("9", 3),
        ("23", 4),
        ("79", 5),
    ]
    assert [r.class_gap for r in gtdpro] == ["-", "+2.785", "+3.584", "+26.245", "1 Lap"]


def test_qualifying_time_cards_with_the_deletions_reproduce_the_official_order(
    qualifying_files: tuple[TimingFile, TimingFile],
) -> None:
    laps, official = qualifying_files
    c = classify_qualifying(laps.laps, classes=official.classes(), penalties=QUALIFYING_DELETIONS)

    assert c.order == tuple(r.number for r in official.results)
    for row, line in zip(c.rows, official.results, strict=True):
        assert (row.position, row.number) == (line.position, line.number)
        assert (row.best_lap_ms, row.best_lap_number) == (line.best_lap_ms, line.best_lap_number)
        assert row.laps == line.laps
        assert (row.gap, row.interval) == (line.gap_first, line.gap_previous)
    assert c.row("80").deleted_laps == (7, 9)


def test_qualifying_without_the_deletions_does_not_match(
    qualifying_files: tuple[TimingFile, TimingFile],
) -> None:
    laps, official = qualifying_files
    c = classify_qualifying(laps.laps, classes=official.classes())
    assert c.order != tuple(r.number for r in official.results)
    assert c.row("60").best_lap_ms == 70_489  # the deleted lap 10


def test_official_results_files_convert_to_the_same_shape(
    race_files: tuple[TimingFile, TimingFile], qualifying_files: tuple[TimingFile, TimingFile]
) -> None:
    _, race = race_files
    c = classification_from_results(race.results, session=race.session_hint or SessionType.RACE)
    assert c.order == race.numbers
    assert [r.gap for r in c.rows] == [r.gap_first for r in race.results]
    assert c.row("01").position == 26

    _, qualifying = qualifying_files
    q = classification_from_results(qualifying.results, session=SessionType.QUALIFYING)
    assert [(r.position, r.best_lap_ms, r.gap) for r in q.rows] == [
        (r.position, r.best_lap_ms, r.gap_first) for r in qualifying.results
    ]
