"""Starting grids through the services: timing files in, grid out, stewards' amendments."""

from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord, GridAdjustment
from paddock.errors import NotFound, RuleViolation
from paddock.services.database import Database
from paddock.services.grids import (
    adjust_grid,
    clear_adjustments,
    remove_adjustment,
    starting_grid,
)
from paddock.services.results import add_penalty, publish
from tests.services.timing_csv import load_laps, race_laps

# Sebring (event 1) has 30 cars entered: the demo's 32 but #61 and #31 (part season).
SEBRING_CARS = 30


def numbers(grid: object) -> list[str]:
    return [slot.number for slot in grid.slots]  # type: ignore[attr-defined]


@pytest.fixture
def qualified(db: Database, tmp_path: Path) -> Database:
    """Sebring qualifying: #7 99.0 (lap 2), #1 99.1 (lap 3), #02 98.5 (lap 1), #8 one lap."""
    load_laps(db, tmp_path, "sebring", "Q", {
        "7": [101_000, 99_000, 99_500],
        "1": [100_000, 99_200, 99_100],
        "02": [98_500, 120_000, 130_000],
        "8": [104_000],
    })
    return db


def test_race_1_pole_goes_to_the_best_qualifying_lap(qualified: Database) -> None:
    grid = starting_grid(qualified, event="sebring", race=1)
    assert numbers(grid)[:4] == ["02", "7", "1", "8"]
    pole = grid.slots[0]
    assert (pole.position, pole.time_ms, pole.time_source) == (1, 98_500, "Q best")
    assert (pole.driver, pole.class_name, pole.team) == ("Ethan Calloway", "Rookie",
                                                        "Lakeshore GT")
    assert len(grid.slots) == SEBRING_CARS and not grid.amended
    # Untimed cars start behind, by car number (its value: "05" before "9").
    assert numbers(grid)[4:7] == ["3", "4", "05"]
    assert grid.slots[4].time_ms is None and grid.slots[4].time_source is None
    assert grid.pole_side == "left" and grid.basis == "Best qualifying lap"


def test_equal_qualifying_times_go_to_the_lap_set_first(db: Database, tmp_path: Path) -> None:
    # #33 sets 99.000 on its first lap at 99 s; #3 sets it on lap 2 at 200 s.
    load_laps(db, tmp_path, "1", "Q", {"3": [101_000, 99_000], "33": [99_000, 105_000]})
    assert numbers(starting_grid(db, event="1", race=1))[:2] == ["33", "3"]


def test_cars_without_a_qualifying_time_start_by_their_practice_time(
    qualified: Database, tmp_path: Path
) -> None:
    load_laps(qualified, tmp_path, "sebring", "FP2", {"44": [102_000], "9": [103_000]})
    load_laps(qualified, tmp_path, "sebring", "FP1", {"9": [101_500]})
    grid = starting_grid(qualified, event="sebring", race=1)
    assert numbers(grid)[4:7] == ["9", "44", "3"]
    assert grid.slots[4].time_source == "practice" and grid.slots[4].time_ms == 101_500


def test_a_deleted_qualifying_lap_does_not_count_for_the_grid(qualified: Database) -> None:
    add_penalty(qualified, event="sebring", session="Q", car="02", kind="delete-lap", lap=1,
                reason="track limits, turn 17")
    grid = starting_grid(qualified, event="sebring", race=1)
    assert numbers(grid)[:4] == ["7", "1", "8", "02"]
    assert grid.slot_of("02").time_ms == 120_000  # type: ignore[union-attr]


def test_race_2_takes_the_second_best_qualifying_lap_or_a_quicker_race_1_lap(
    qualified: Database, tmp_path: Path
) -> None:
    # Second-best Q laps: #7 99.5, #1 99.2, #02 120.0; #8 has only one Q lap.
    # In race 1 #02 laps 99.3 (quicker than its 120.0), #7 laps 99.6 (slower than 99.5).
    load_laps(qualified, tmp_path, "sebring", "R1",
              race_laps(["7", "02", "1", "8"], 10, lap_ms=101_000,
                        fastest={"02": 99_300, "7": 99_600, "8": 100_500}))
    grid = starting_grid(qualified, event="sebring", race=2)
    assert numbers(grid)[:4] == ["1", "02", "7", "8"]
    sources = {slot.number: (slot.time_ms, slot.time_source) for slot in grid.slots[:4]}
    assert sources == {"1": (99_200, "Q 2nd best"), "02": (99_300, "R1 fastest"),
                       "7": (99_500, "Q 2nd best"), "8": (100_500, "R1 fastest")}
    assert [s.session for s in grid.sources] == ["Q", "R1"]


def test_a_grid_drop_in_qualifying_moves_the_car_back_on_the_race_1_grid_only(
    qualified: Database,
) -> None:
    add_penalty(qualified, event="sebring", session="Q", car="02", kind="grid-drop", places=2,
                reason="impeding car 7", decision="4")
    grid = starting_grid(qualified, event="sebring", race=1)
    assert numbers(grid)[:4] == ["7", "1", "02", "8"]
    assert grid.slot_of("02").note == "+2 places: decision 4, impeding car 7"  # type: ignore[union-attr]
    # Race 2 (second-best laps: #1 99.2, #7 99.5, #02 120.0) is untouched by the drop.
    race2 = starting_grid(qualified, event="sebring", race=2)
    assert numbers(race2)[:3] == ["1", "7", "02"] and race2.slot_of("02").note == ""  # type: ignore[union-attr]


def test_a_grid_drop_in_race_1_applies_to_race_2(qualified: Database, tmp_path: Path) -> None:
    load_laps(qualified, tmp_path, "sebring", "R1", race_laps(["7", "1", "02", "8"], 5))
    add_penalty(qualified, event="sebring", session="R1", car="1", kind="grid-drop", places=3,
                reason="avoidable contact")
    race2 = numbers(starting_grid(qualified, event="sebring", race=2))
    assert race2.index("1") == 3
    assert numbers(starting_grid(qualified, event="sebring", race=1))[2] == "1"


def test_a_grid_drop_in_race_2_applies_at_the_next_event(
    qualified: Database, tmp_path: Path
) -> None:
    load_laps(qualified, tmp_path, "sebring", "R2", race_laps(["7", "1"], 5))
    add_penalty(qualified, event="sebring", session="R2", car="7", kind="grid-drop", places=1,
                reason="jump start")
    load_laps(qualified, tmp_path, "ctmp", "Q", {"7": [80_000], "1": [81_000], "02": [82_000]})
    assert numbers(starting_grid(qualified, event="ctmp", race=1))[:3] == ["1", "7", "02"]
    assert numbers(starting_grid(qualified, event="sebring", race=1))[:3] == ["02", "7", "1"]


def test_a_withdrawn_car_is_gone_and_the_grid_says_amended_with_the_reason(
    qualified: Database,
) -> None:
    grid = adjust_grid(qualified, event="sebring", race=1, kind="withdraw", car="7",
                       reason="engine change after qualifying")
    assert "7" not in numbers(grid)
    assert numbers(grid)[:2] == ["02", "1"] and len(grid.slots) == SEBRING_CARS - 1
    assert grid.amended
    assert grid.amendments == ("car 7 withdrawn: engine change after qualifying",)
    again = starting_grid(qualified, event="sebring", race=1)
    assert again.amended and "7" not in numbers(again)
    assert not starting_grid(qualified, event="sebring", race=2).amended


def test_pit_lane_starters_go_to_the_back_and_moves_go_where_the_stewards_say(
    qualified: Database,
) -> None:
    adjust_grid(qualified, event="sebring", race=1, kind="pit-lane", car="02",
                reason="car worked on under parc fermé")
    grid = adjust_grid(qualified, event="sebring", race=1, kind="move", car="33", position=3,
                       reason="stewards' discretion: no time, fastest in FP2")
    assert numbers(grid)[:4] == ["7", "1", "33", "8"]
    last = grid.slots[-1]
    assert (last.number, last.pit_lane) == ("02", True)
    assert "pit lane start" in last.note
    assert grid.amendments == (
        "car 02 starts from the pit lane: car worked on under parc fermé",
        "car 33 moved to position 3: stewards' discretion: no time, fastest in FP2")


def test_amendments_are_audited_and_can_be_taken_back(qualified: Database) -> None:
    grid = adjust_grid(qualified, event="sebring", race=1, kind="withdraw", car="7",
                       reason="engine change")
    (adjustment,) = grid.adjustments
    restored = remove_adjustment(qualified, adjustment_id=adjustment.id)
    assert numbers(restored)[1] == "7" and not restored.amended
    adjust_grid(qualified, event="sebring", race=1, kind="withdraw", car="1", reason="ill")
    adjust_grid(qualified, event="sebring", race=1, kind="pit-lane", car="8", reason="setup")
    cleared = clear_adjustments(qualified, event="sebring", race=1)
    assert not cleared.amended and len(cleared.slots) == SEBRING_CARS
    with qualified.reader() as s:
        actions = [(a.action, a.entity) for a in s.exec(select(AuditRecord)).all()
                   if a.entity == "grid"]
    assert actions == [("adjust", "grid"), ("remove", "grid"), ("adjust", "grid"),
                       ("adjust", "grid"), ("clear", "grid")]
    with pytest.raises(NotFound):
        remove_adjustment(qualified, adjustment_id=adjustment.id)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "withdraw", "car": "7", "reason": "  "}, "needs the stewards' reason"),
    ({"kind": "withdraw", "car": "61", "reason": "x"}, "car 61 is not entered at"),
    ({"kind": "move", "car": "7", "reason": "x"}, "a move needs the grid position"),
    ({"kind": "move", "car": "7", "reason": "x", "position": 31}, "cannot go to position 31"),
    ({"kind": "pit-lane", "car": "7", "reason": "x", "position": 2}, "only a move"),
    ({"kind": "disqualify", "car": "7", "reason": "x"}, "is not one of"),
])
def test_an_amendment_the_rules_refuse_writes_nothing(
    qualified: Database, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(RuleViolation, match=message):
        adjust_grid(qualified, event="sebring", race=1, **kwargs)  # type: ignore[arg-type]
    with qualified.reader() as s:
        assert s.exec(select(GridAdjustment)).all() == []
        assert [a for a in s.exec(select(AuditRecord)).all() if a.entity == "grid"] == []


def test_a_car_cannot_be_withdrawn_twice(qualified: Database) -> None:
    adjust_grid(qualified, event="sebring", race=1, kind="withdraw", car="7", reason="engine")
    with pytest.raises(RuleViolation, match="already withdrawn"):
        adjust_grid(qualified, event="sebring", race=1, kind="move", car="7", position=1,
                    reason="changed our minds")
    assert len(starting_grid(qualified, event="sebring", race=1).adjustments) == 1


def test_the_grid_says_whether_its_qualifying_is_official(qualified: Database) -> None:
    grid = starting_grid(qualified, event="sebring", race=1)
    assert grid.qualifying is not None and grid.qualifying.status == "provisional"
    assert not grid.qualifying_official
    publish(qualified, event="sebring", session="Q")
    grid = starting_grid(qualified, event="sebring", race=1)
    assert grid.qualifying_official and grid.qualifying_revision == 1 and grid.official


def test_unknown_event_or_race_is_refused(qualified: Database) -> None:
    with pytest.raises(NotFound, match="no event 'monaco'"):
        starting_grid(qualified, event="monaco", race=1)
    with pytest.raises(RuleViolation, match="race 3 does not exist"):
        starting_grid(qualified, event="sebring", race=3)


def test_grid_json_follows_the_contract(qualified: Database) -> None:
    data = starting_grid(qualified, event="sebring", race=1).to_json()
    assert set(data) == {"race", "slots"} and data["race"] == 1
    assert data["slots"][0] == {"position": 1, "number": "02", "driver": "Ethan Calloway",  # type: ignore[index]
                                "class": "Rookie", "time_ms": 98_500, "note": ""}


def test_a_pit_lane_starter_cannot_also_be_moved(qualified: Database) -> None:
    adjust_grid(qualified, event="sebring", race=1, kind="pit-lane", car="8", reason="setup")
    with pytest.raises(RuleViolation, match="already starts race 1 from the pit lane"):
        adjust_grid(qualified, event="sebring", race=1, kind="move", car="8", position=1,
                    reason="x")
    adjust_grid(qualified, event="sebring", race=1, kind="move", car="1", position=1,
                reason="stewards' decision 9")
    with pytest.raises(RuleViolation, match="was moved to position 1"):
        adjust_grid(qualified, event="sebring", race=1, kind="pit-lane", car="1", reason="x")


def test_a_car_disqualified_from_qualifying_starts_with_the_untimed_cars(
    qualified: Database,
) -> None:
    add_penalty(qualified, event="sebring", session="Q", car="02", kind="dsq",
                reason="underweight at scrutineering")
    grid = starting_grid(qualified, event="sebring", race=1)
    assert numbers(grid)[:5] == ["7", "1", "8", "02", "3"]
    slot = grid.slot_of("02")
    assert slot is not None and slot.time_ms is None and slot.note == "disqualified from Q"
