"""The documented generic CSVs (docs/timing-formats.md)."""

from __future__ import annotations

import pytest

from paddock.errors import InputError
from paddock.rules.classification import SessionType, Status
from paddock.timing.detect import read_timing_bytes
from paddock.timing.records import FileKind


def test_reads_generic_results_in_any_column_order_and_case() -> None:
    text = (
        "Status,Number,Laps,Total_Time,Best_Lap,best_lap_number,class\n"
        "classified,7,20,45:01.100,1:20.300,4,Pro\n"
        "NC,021,12,46:10.000,1:22.000,,Pro-Am\n"
        ",03,0,,,,Rookie\n"
    )
    f = read_timing_bytes(text.encode(), "hand.csv")
    assert f.kind is FileKind.GENERIC_RESULTS
    assert f.session_hint is SessionType.RACE
    winner, nc, dns = f.results
    assert (winner.number, winner.laps, winner.total_time_ms) == ("7", 20, 2_701_100)
    assert (winner.best_lap_ms, winner.best_lap_number, winner.status) == (
        80_300,
        4,
        Status.CLASSIFIED,
    )
    assert (nc.number, nc.status, nc.best_lap_number) == ("021", Status.NOT_CLASSIFIED, None)
    assert (dns.number, dns.status) == ("03", Status.DNS)  # blank status and no laps


def test_generic_results_refuse_an_unknown_status() -> None:
    text = "number,laps,total_time,best_lap,status\n7,20,45:01.100,1:20.300,winner\n"
    with pytest.raises(InputError, match=r"^g.csv:2: unknown status 'winner'.*\(column status\)"):
        read_timing_bytes(text.encode(), "g.csv")


def test_reads_generic_laps_with_or_without_elapsed() -> None:
    with_elapsed = "number,lap,lap_time,elapsed\n7,1,1:30.000,1:30.000\n7,2,1:20.500,2:50.500\n"
    f = read_timing_bytes(with_elapsed.encode(), "laps.csv")
    assert f.kind is FileKind.GENERIC_LAPS
    assert [(lap.lap, lap.lap_time_ms, lap.elapsed_ms, lap.line) for lap in f.laps] == [
        (1, 90_000, 90_000, 2),
        (2, 80_500, 170_500, 3),
    ]
    without = read_timing_bytes(b"number;lap;lap_time\n01;1;1:30.000\n", "l.csv")
    assert without.laps[0].number == "01" and without.laps[0].elapsed_ms is None


def test_generic_laps_refuse_duplicates_and_bad_lap_numbers() -> None:
    dup = "number,lap,lap_time\n7,1,1:30.000\n8,1,1:31.000\n7,1,1:29.000\n"
    with pytest.raises(
        InputError, match=r"^d.csv:4: car 7 lap 1 is given twice \(first on line 2\)"
    ):
        read_timing_bytes(dup.encode(), "d.csv")
    bad = "number,lap,lap_time\n7,one,1:30.000\n"
    with pytest.raises(InputError, match=r"^b.csv:2: 'one' is not a whole number \(column lap\)"):
        read_timing_bytes(bad.encode(), "b.csv")


def test_a_missing_required_column_is_named() -> None:
    # Recognised as time cards by NUMBER/LAP_NUMBER/LAP_TIME, then read by kind: here the
    # kind is forced and the column it needs is absent.
    with pytest.raises(InputError) as caught:
        read_timing_bytes(b"number,lap\n7,1\n", "m.csv", FileKind.GENERIC_LAPS)
    assert str(caught.value) == (
        "m.csv:1: generic laps CSV: required column lap_time is missing (column lap_time)"
    )


def test_a_missing_car_number_is_refused() -> None:
    with pytest.raises(InputError, match=r"^n.csv:3: car number is missing \(column number\)"):
        read_timing_bytes(b"number,lap,lap_time\n7,1,1:30.000\n,2,1:30.000\n", "n.csv")
