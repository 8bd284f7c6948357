"""Penalties as data: what each kind adds, deletes or carries."""

from __future__ import annotations

import pytest

from paddock.rules.penalties import (
    PenaltyKind,
    PenaltySettings,
    added_time_by_car,
    delete_lap,
    deleted_laps_by_car,
    describe_all,
    disqualification,
    disqualified_cars,
    drive_through,
    grid_drop,
    grid_drops_by_car,
    penalties_of,
    stop_and_go,
    time_penalty,
)


def test_time_added_per_car_with_conversions_as_parameters() -> None:
    penalties = [
        time_penalty("7", 5, "Track limits", "1"),
        time_penalty("7", 2.5, "Track limits again", "2"),
        drive_through("01", "Jump start", "3"),
        stop_and_go("1", "Pit lane speeding", "4"),
        drive_through("12", "Served one", "5", served=True),
        grid_drop("3", 3, "Avoidable contact", "6"),
    ]
    assert added_time_by_car(penalties) == {"7": 7_500, "01": 30_000, "1": 40_000}
    custom = PenaltySettings(drive_through_ms=20_000, stop_and_go_ms=35_000)
    assert added_time_by_car(penalties, custom) == {"7": 7_500, "01": 20_000, "1": 35_000}


def test_deletions_dsq_and_grid_drops_are_sorted_out_per_car() -> None:
    penalties = [
        delete_lap("60", 10, "Track limits, turn 9", "11"),
        delete_lap("60", 12, "Track limits, turn 11", "12"),
        disqualification("80", "Technical: ride height", "13"),
        grid_drop("3", 3, "Avoidable contact", "14"),
        grid_drop("3", 2, "Unsafe rejoin", "15"),
    ]
    assert deleted_laps_by_car(penalties) == {
        "60": {10: "Track limits, turn 9", 12: "Track limits, turn 11"}
    }
    assert disqualified_cars(penalties) == {"80": "Technical: ride height"}
    assert grid_drops_by_car(penalties) == {"3": 5}
    assert [p.decision for p in penalties_of("3", penalties)] == ["14", "15"]
    assert added_time_by_car(penalties) == {}  # none of those adds time


def test_each_penalty_says_what_was_applied() -> None:
    penalties = [
        time_penalty("7", 5, "Track limits"),
        time_penalty("7", 1.5, "Track limits"),
        drive_through("8", "Jump start"),
        drive_through("9", "Jump start", served=True),
        stop_and_go("10", "Unsafe release"),
        delete_lap("11", 4, "Track limits"),
        disqualification("12", "Fuel"),
        grid_drop("13", 3, "Contact"),
    ]
    assert describe_all(penalties) == {
        "7": "+5 s, +1.500 s",
        "8": "Drive-through converted to +30 s",
        "9": "Drive-through (served)",
        "10": "Stop-and-go converted to +40 s",
        "11": "Lap 4 deleted",
        "12": "Disqualified",
        "13": "3-place grid drop",
    }


@pytest.mark.parametrize(
    "make",
    [
        lambda: time_penalty("1", 0, "nothing"),
        lambda: delete_lap("1", 0, "no such lap"),
        lambda: grid_drop("1", 0, "no places"),
    ],
)
def test_refuses_penalties_that_mean_nothing(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        make()


def test_penalty_kinds_are_the_cli_words() -> None:
    assert {k.value for k in PenaltyKind} == {
        "time",
        "drive-through",
        "stop-and-go",
        "dsq",
        "delete-lap",
        "reinstate-lap",
        "warning",
        "reprimand",
        "grid-drop",
    }
