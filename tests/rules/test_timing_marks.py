"""The timing system's own marks decide which lap times count (LAP_IMPROVEMENT)."""

from dataclasses import dataclass

from paddock.rules import penalties as pen
from paddock.rules.classification import Lap, SessionType, classify
from paddock.rules.timing_marks import NO_MARK_REASON, timing_system_deletions


@dataclass(frozen=True)
class Marked:
    number: str
    lap: int
    lap_time_ms: int | None
    mark: int | None
    elapsed_ms: int | None = None


def laps(number: str, *times_and_marks: tuple[int | None, int | None]) -> list[Marked]:
    out, elapsed = [], 0
    for i, (time, mark) in enumerate(times_and_marks, start=1):
        elapsed += time or 90_000
        out.append(Marked(number, i, time, mark, elapsed))
    return out


def test_a_quicker_lap_left_unmarked_was_deleted_in_the_timing_system() -> None:
    # Long Beach 2023 Q, car 60: lap 10 (1:10.489) is quicker than its marked lap 12.
    car = laps("60", (75_000, 0), (70_489, 0), (71_000, 0), (70_583, 2))
    deleted = timing_system_deletions(car)
    assert list(deleted) == ["60"]
    assert list(deleted["60"]) == [2]
    assert "quicker than lap 4" in deleted["60"][2]


def test_a_car_with_two_marks_counts_the_quicker_and_keeps_slower_laps() -> None:
    car = laps("7", (72_000, 2), (71_000, 0), (71_500, 3), (73_000, 0))
    assert timing_system_deletions(car) == {
        "7": {2: "deleted in the timing system: quicker than lap 3, the best lap it counts"}}


def test_a_car_without_any_mark_has_no_valid_time() -> None:
    data = laps("9", (72_000, 0), (71_000, 0)) + laps("10", (70_000, 3))
    deleted = timing_system_deletions(data)
    assert deleted == {"9": {1: NO_MARK_REASON, 2: NO_MARK_REASON}}
    result = classify(SessionType.QUALIFYING, data, timing_deleted=deleted)
    assert result.order == ("10", "9")
    assert result.row("9").best_lap_ms is None
    assert result.row("9").deleted_laps == (1, 2)


def test_a_mark_on_a_lap_that_is_not_the_fastest_ranks_the_car_on_the_marked_lap() -> None:
    data = laps("1", (70_000, 0), (71_000, 2)) + laps("2", (70_500, 2))
    result = classify(SessionType.QUALIFYING, data, timing_deleted=timing_system_deletions(data))
    assert result.order == ("2", "1")
    assert (result.row("1").best_lap_ms, result.row("1").best_lap_number) == (71_000, 2)


def test_a_file_without_the_column_deletes_nothing() -> None:
    data = [Lap("1", 1, 70_000), Lap("1", 2, 69_000)]
    assert timing_system_deletions(
        [Marked(lap.number, lap.lap, lap.lap_time_ms, None) for lap in data]) == {}


def test_an_official_reinstates_a_lap_the_timing_system_deleted_and_can_delete_it_again() -> None:
    data = laps("1", (70_000, 0), (71_000, 2))
    timing = timing_system_deletions(data)
    back = [pen.reinstate_lap("1", 1, "Track limits not exceeded: video review")]
    assert classify(SessionType.QUALIFYING, data, timing_deleted=timing,
                    penalties=back).row("1").best_lap_ms == 70_000
    again = [*back, pen.delete_lap("1", 1, "Second look: track limits")]
    assert classify(SessionType.QUALIFYING, data, timing_deleted=timing,
                    penalties=again).row("1").best_lap_ms == 71_000


def test_deleted_laps_still_count_for_laps_and_total_in_a_race() -> None:
    data = laps("1", (70_000, 0), (71_000, 2), (72_000, 0)) + laps("2", (80_000, 2))
    result = classify(SessionType.RACE, data, timing_deleted=timing_system_deletions(data))
    winner = result.row("1")
    assert (winner.laps, winner.total_time_ms, winner.best_lap_ms) == (3, 213_000, 71_000)


def test_a_results_file_keeps_positions_only_where_the_season_numbers_them() -> None:
    from paddock.rules.classification import (
        ClassificationSettings,
        Status,
        classification_from_results,
    )

    @dataclass(frozen=True)
    class Line:
        number: str
        position: int | None
        status: Status | None
        laps: int
        total_time_ms: int | None
        best_lap_ms: int | None = None
        best_lap_number: int | None = None
        class_name: str = "Pro"
        class_position: int | None = None

    lines = [Line("1", 1, Status.CLASSIFIED, 20, 2_000_000, class_position=1),
             Line("2", 2, Status.DNF, 3, 300_000, class_position=2)]
    every = classification_from_results(
        lines, settings=ClassificationSettings(number_all_starters=True))
    assert [(r.position, r.class_position) for r in every.rows] == [(1, 1), (2, 2)]
    only = classification_from_results(
        lines, settings=ClassificationSettings(number_all_starters=False))
    assert [(r.position, r.class_position) for r in only.rows] == [(1, 1), (None, None)]


def test_a_column_without_a_single_mark_deletes_nothing() -> None:
    data = laps("1", (70_000, 0), (71_000, 0)) + laps("2", (72_000, 0))
    assert timing_system_deletions(data) == {}
