"""The real Long Beach 2023 exports read as they come (commas, BOM, trailing separator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paddock.errors import InputError
from paddock.rules.classification import Status
from paddock.timing.detect import read_timing_file
from paddock.timing.records import FileKind

RACE = "2023_08-long-beach-street-circuit_202304151405-race-"
QUALIFYING = "2023_08-long-beach-street-circuit_202304141715-qualifying-"


def test_reads_the_race_time_cards(imsa_data: Path) -> None:
    f = read_timing_file(imsa_data / f"{RACE}laps.csv")
    assert f.kind is FileKind.ALKAMEL_TIME_CARDS
    assert len(f.laps) == 1844
    first = f.laps[0]
    assert (first.number, first.lap, first.lap_time_ms, first.elapsed_ms) == (
        "1",
        1,
        96_568,
        96_568,
    )
    assert (first.driver_name, first.flag, first.class_name, first.line) == (
        "Madison Snow",
        "FCY",
        "GTD",
        2,
    )
    assert "01" not in f.numbers  # #01 never crossed the line in the race


def test_reads_the_race_results(imsa_data: Path) -> None:
    f = read_timing_file(imsa_data / f"{RACE}results.csv")
    assert f.kind is FileKind.ALKAMEL_RACE_RESULTS
    assert len(f.results) == 28
    winner = f.results[0]
    assert (winner.position, winner.number, winner.laps, winner.total_time_ms) == (
        1,
        "6",
        78,
        6_128_126,
    )
    assert (winner.best_lap_number, winner.best_lap_ms, winner.driver) == (27, 71_990, "Nick Tandy")
    assert winner.drivers == ("Nick Tandy", "Mathieu Jaminet")
    by_number = {r.number: r for r in f.results}
    assert (by_number["01"].position, by_number["01"].laps, by_number["01"].status) == (
        26,
        0,
        Status.CLASSIFIED,
    )
    assert by_number["1"].team == "Paul Miller Racing"  # "1" is not "01"
    assert (by_number["80"].position, by_number["80"].status) == (None, Status.DNS)


def test_reads_the_qualifying_files(imsa_data: Path) -> None:
    laps = read_timing_file(imsa_data / f"{QUALIFYING}laps.csv")
    results = read_timing_file(imsa_data / f"{QUALIFYING}results.csv")
    assert laps.kind is FileKind.ALKAMEL_TIME_CARDS and len(laps.laps) == 297
    assert results.kind is FileKind.ALKAMEL_QUALIFYING_RESULTS
    pole = results.results[0]
    assert (pole.number, pole.best_lap_ms, pole.best_lap_number, pole.laps) == (
        "10",
        69_909,
        11,
        13,
    )


def test_a_car_missing_from_the_entry_list_stops_the_import_at_its_line(imsa_data: Path) -> None:
    f = read_timing_file(imsa_data / f"{RACE}results.csv")
    known = set(f.numbers) - {"01"}
    known.add("1")  # "1" is another car: "01" must not match it
    with pytest.raises(InputError) as caught:
        f.check_numbers(known)
    assert str(caught.value).endswith(
        "race-results.csv:27: car 01 is not in the entry list (column NUMBER)"
    )
    f.check_numbers(set(f.numbers))  # all known: no error
