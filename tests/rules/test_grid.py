import random
from datetime import UTC, datetime, timedelta

import pytest

from paddock.errors import RuleViolation
from paddock.rules.cars import car_number_key
from paddock.rules.grid import (
    Grid,
    GridPenalty,
    GridPlace,
    Lap,
    MoveTo,
    PoleSide,
    TimeSource,
    Withdrawal,
    build_grid,
    grid_place,
    grid_places,
    race1_grid,
    race2_grid,
)


def laps(car: str, *times: int, start: int = 0) -> list[Lap]:
    """Laps of one car, set one after the other (set_at = elapsed ms in the session)."""
    return [Lap(car, time, start + i * 100_000) for i, time in enumerate(times)]


def simple_grid(order: list[str], **options: object) -> Grid:
    """A race-1 grid whose formed order is ``order`` (one lap each, 1:10.000 + 0.1 s a place)."""
    qualifying = [Lap(car, 70_000 + 100 * i, i) for i, car in enumerate(order)]
    return race1_grid(qualifying, **options)  # type: ignore[arg-type]


def test_race1_grid_from_each_cars_best_qualifying_lap() -> None:
    qualifying = laps("7", 71_500, 70_900) + laps("12", 70_950, 71_000) + laps("3", 70_400)
    grid = race1_grid(qualifying)
    assert grid.numbers() == ("3", "7", "12")
    assert [(s.position, s.time_ms, s.time_source) for s in grid.slots] == [
        (1, 70_400, TimeSource.Q_BEST),
        (2, 70_900, TimeSource.Q_BEST),
        (3, 70_950, TimeSource.Q_BEST),
    ]
    assert not grid.amended


def test_equal_times_the_lap_set_first_ranks_ahead() -> None:
    qualifying = [Lap("10", 70_123, 900_000), Lap("2", 70_123, 450_000)]
    assert race1_grid(qualifying).numbers() == ("2", "10")


def test_equal_times_with_utc_datetimes() -> None:
    start = datetime(2021, 3, 18, 15, 0, tzinfo=UTC)
    qualifying = [
        Lap("10", 70_123, start + timedelta(minutes=3)),
        Lap("2", 70_123, start + timedelta(minutes=12)),
    ]
    assert race1_grid(qualifying).numbers() == ("10", "2")


def test_race2_uses_second_best_qualifying_lap_unless_race1_was_quicker() -> None:
    qualifying = (
        laps("7", 70_000, 70_800)  # pole in Q, but a slow second lap
        + laps("12", 70_300, 70_400)
        + laps("3", 70_500, 70_600)
    )
    race1 = laps("7", 70_350, 71_000) + laps("12", 70_900) + laps("3", 70_700)
    grid = race2_grid(qualifying, race1)
    assert grid.numbers() == ("7", "12", "3")
    assert [(s.time_ms, s.time_source) for s in grid.slots] == [
        (70_350, TimeSource.R1_FASTEST),
        (70_400, TimeSource.Q_SECOND_BEST),
        (70_600, TimeSource.Q_SECOND_BEST),
    ]


def test_race2_equal_time_the_qualifying_lap_was_set_first() -> None:
    # Elapsed ms restart in each session: the race-1 lap at 60 s is still set after Q.
    qualifying = laps("5", 70_000, 70_500, start=1_500_000) + laps("9", 69_000, 71_000)
    race1 = [Lap("9", 70_500, 60_000)]
    grid = race2_grid(qualifying, race1)
    assert grid.numbers() == ("5", "9")
    assert grid.slots[1].time_source is TimeSource.R1_FASTEST


def test_race2_a_single_qualifying_lap_is_no_race2_time() -> None:
    grid = race2_grid(laps("5", 69_000) + laps("9", 70_000, 70_100), [], cars=["5", "9"])
    assert grid.numbers() == ("9", "5")
    assert grid.slots[1].time_ms is None


def test_cars_without_a_time_go_behind_by_practice_then_car_number() -> None:
    qualifying = laps("50", 72_000)
    practice = laps("107", 71_000) + laps("3", 73_000) + laps("50", 60_000)
    grid = race1_grid(qualifying, cars=["50", "021", "107", "3", "9", "10"], practice=practice)
    assert grid.numbers() == ("50", "107", "3", "9", "10", "021")
    assert [(s.time_ms, s.time_source) for s in grid.slots[1:4]] == [
        (71_000, TimeSource.PRACTICE),
        (73_000, TimeSource.PRACTICE),
        (None, None),
    ]


def test_car_numbers_sort_by_value_then_text() -> None:
    assert sorted(["10", "021", "9", "1", "01", "X1"], key=car_number_key) == [
        "1",
        "01",
        "9",
        "10",
        "021",
        "X1",
    ]


def test_grid_penalty_drops_the_car_after_the_order_is_formed() -> None:
    grid = simple_grid(
        ["1", "2", "3", "4", "5", "6"], penalties=[GridPenalty("2", 3, "decision 12")]
    )
    assert grid.numbers() == ("1", "3", "4", "5", "2", "6")
    assert grid.slot_of("2") is not None
    assert grid.slot_of("2").note == "+3 places: decision 12"  # type: ignore[union-attr]
    assert grid.slot_of("2").time_ms == 70_100  # type: ignore[union-attr]
    assert not grid.amended


def test_penalty_never_pushes_a_car_behind_the_pit_lane_starters() -> None:
    grid = simple_grid(
        ["1", "2", "3", "4", "5"],
        penalties=[GridPenalty("2", 10, "decision 3")],
        pit_lane={"4": "car worked on after parc fermé"},
    )
    assert grid.numbers() == ("1", "3", "5", "2", "4")
    assert grid.slots[4].note == "pit lane start: car worked on after parc fermé"


def test_pit_lane_starters_keep_their_formed_order_at_the_back() -> None:
    grid = simple_grid(["1", "2", "3", "4"], pit_lane=["3", "1"])
    assert grid.numbers() == ("2", "4", "1", "3")
    assert grid.slots[2].note == "pit lane start"


def test_two_penalised_cars_the_one_ahead_keeps_the_contested_place() -> None:
    grid = simple_grid(
        ["A", "B", "C", "D", "E"],
        penalties=[GridPenalty("A", 2, "decision 1"), GridPenalty("B", 1, "decision 2")],
    )
    # A aims at 3, B at 3 too: A qualified ahead, so A is 3rd and B 4th.
    assert grid.numbers() == ("C", "D", "A", "B", "E")


def test_adjacent_penalised_cars_each_lose_their_places() -> None:
    grid = simple_grid(
        ["A", "B", "C", "D", "E"],
        penalties=[GridPenalty("A", 1, "d1"), GridPenalty("B", 1, "d2")],
    )
    assert grid.numbers() == ("C", "A", "B", "D", "E")


def test_penalties_of_one_car_add_up_and_are_all_noted() -> None:
    grid = simple_grid(
        ["A", "B", "C", "D", "E"],
        penalties=[GridPenalty("A", 1, "decision 4"), GridPenalty("A", 2, "decision 7")],
    )
    assert grid.numbers() == ("B", "C", "D", "A", "E")
    assert grid.slots[3].note == "+1 place: decision 4; +2 places: decision 7"


def test_drops_past_the_back_keep_the_formed_order() -> None:
    grid = simple_grid(
        ["A", "B", "C", "D"],
        penalties=[GridPenalty("C", 5, "d1"), GridPenalty("B", 9, "d2")],
    )
    assert grid.numbers() == ("A", "D", "B", "C")


def test_penalty_for_a_car_not_on_the_grid_is_refused() -> None:
    with pytest.raises(RuleViolation, match="car 99 is not on the race 1 grid"):
        simple_grid(["1", "2"], penalties=[GridPenalty("99", 3, "decision 1")])


def test_a_drop_of_no_places_is_refused() -> None:
    with pytest.raises(RuleViolation, match="0 places is not a drop"):
        simple_grid(["1", "2"], penalties=[GridPenalty("1", 0, "typo")])


def test_stewards_amendments_mark_the_grid_amended_with_reasons() -> None:
    grid = simple_grid(
        ["1", "2", "3", "4", "5"],
        adjustments=[
            Withdrawal("2", "engine failure in warm-up"),
            MoveTo("5", 1, "stewards' decision 9: timing fault in Q"),
        ],
    )
    assert grid.numbers() == ("5", "1", "3", "4")
    assert [s.position for s in grid.slots] == [1, 2, 3, 4]
    assert grid.amended
    assert grid.amendments == (
        "car 2 withdrawn: engine failure in warm-up",
        "car 5 moved to position 1: stewards' decision 9: timing fault in Q",
    )
    assert grid.slots[0].note == "moved to position 1: stewards' decision 9: timing fault in Q"


def test_amendment_to_a_position_that_does_not_exist_is_refused() -> None:
    with pytest.raises(RuleViolation, match="cannot go to position 4"):
        simple_grid(["1", "2", "3"], adjustments=[MoveTo("1", 4, "x")])


def test_withdrawing_a_car_twice_is_refused() -> None:
    with pytest.raises(RuleViolation, match="already withdrawn"):
        simple_grid(["1", "2"], adjustments=[Withdrawal("1", "a"), Withdrawal("1", "b")])


def test_grid_json_matches_the_cli_contract() -> None:
    grid = simple_grid(["10", "7"])
    assert grid.to_json({"10": "Ada Driver"}, {"10": "Pro", "7": "Pro-Am"}) == {
        "race": 1,
        "slots": [
            {
                "position": 1,
                "number": "10",
                "driver": "Ada Driver",
                "class": "Pro",
                "time_ms": 70_000,
                "note": "",
            },
            {
                "position": 2,
                "number": "7",
                "driver": None,
                "class": "Pro-Am",
                "time_ms": 70_100,
                "note": "",
            },
        ],
    }


def test_build_grid_takes_ready_made_times() -> None:
    grid = build_grid(2, {"4": (70_000, TimeSource.Q_BEST, (0, 5))}, cars=["4", "8"])
    assert (grid.race, grid.numbers()) == (2, ("4", "8"))


@pytest.mark.parametrize(
    ("pole", "expected"),
    [
        ("left", [(1, "left"), (1, "right"), (2, "left"), (2, "right"), (3, "left")]),
        (PoleSide.RIGHT, [(1, "right"), (1, "left"), (2, "right"), (2, "left"), (3, "right")]),
    ],
)
def test_pole_side_decides_where_each_position_stands(pole: str, expected: list) -> None:
    places = grid_places(5, pole)
    assert [(p.row, p.side.value) for p in places] == expected
    assert places[0] == GridPlace(1, 1, PoleSide(pole))


def test_grid_positions_start_at_one() -> None:
    with pytest.raises(ValueError, match="position 0"):
        grid_place(0, "left")


def test_random_penalties_keep_the_promises_made_to_the_officials() -> None:
    """Every car stays on the grid; clean cars keep their order and are never passed by a
    penalised car that qualified behind them; a penalised car loses all its places unless
    only penalised cars are behind it."""
    chooser = random.Random(2021)
    for _ in range(500):
        order = [str(n) for n in range(1, chooser.randint(2, 30))]
        penalised = chooser.sample(order, chooser.randint(1, min(5, len(order))))
        drops = {car: chooser.randint(1, 8) for car in penalised}
        grid = simple_grid(order, penalties=[GridPenalty(c, n, "d") for c, n in drops.items()])
        final = list(grid.numbers())
        assert sorted(final, key=int) == order
        clean = [car for car in order if car not in drops]
        assert [car for car in final if car not in drops] == clean
        for car, places in drops.items():
            here = final.index(car)
            assert all(final.index(c) < here for c in clean if order.index(c) < order.index(car))
            behind = final[here + 1 :]
            assert here >= order.index(car) + places or all(c in drops for c in behind)
