"""The classification engine on synthetic sessions: order, statuses, gaps, penalties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import pytest

from paddock.rules.classification import (
    ClassificationSettings,
    Lap,
    SessionType,
    Status,
    classification_from_results,
    classify,
    classify_qualifying,
    classify_race,
)
from paddock.rules.penalties import (
    delete_lap,
    disqualification,
    drive_through,
    stop_and_go,
    time_penalty,
)
from paddock.timing.records import ResultRecord


def laps_of(times: Mapping[str, Sequence[int]], *, with_elapsed: bool = True) -> list[Lap]:
    """Crossings from each car's lap times (ms); elapsed is the running sum."""
    laps = []
    for number, car_times in times.items():
        elapsed = 0
        for i, ms in enumerate(car_times, start=1):
            elapsed += ms
            laps.append(Lap(number, i, ms, elapsed if with_elapsed else None))
    return laps


def race(times: Mapping[str, Sequence[int]], **kwargs: object):
    return classify_race(laps_of(times), **kwargs)  # type: ignore[arg-type]


# --- Race order ------------------------------------------------------------------------


def test_orders_by_laps_then_elapsed_at_the_last_crossing() -> None:
    c = race(
        {
            "7": [60_000] * 10,  # 10 laps in 600.000
            "12": [59_000] * 9 + [70_000],  # 10 laps in 601.000
            "3": [58_000] * 9,  # 9 laps, quickest laps but lapped
        }
    )
    assert c.order == ("7", "12", "3")
    assert [r.position for r in c.rows] == [1, 2, 3]
    assert [r.total_time_ms for r in c.rows] == [600_000, 601_000, 522_000]
    assert [r.gap for r in c.rows] == ["-", "+1.000", "1 Lap"]
    assert [r.interval for r in c.rows] == ["-", "+1.000", "1 Lap"]
    assert (c.rows[1].gap_ms, c.rows[2].gap_laps) == (1_000, 1)
    assert c.rows[2].best_lap_ms == 58_000


def test_gaps_say_laps_in_the_plural_and_times_past_a_minute() -> None:
    c = race({"1": [60_000] * 10, "2": [60_000] * 9 + [125_211], "3": [60_000] * 5})
    assert [r.gap for r in c.rows] == ["-", "+1:05.211", "5 Laps"]
    assert c.rows[2].interval == "5 Laps"


def test_equal_laps_and_time_fall_back_to_grid_order() -> None:
    c = race({"8": [60_000] * 3, "4": [60_000] * 3}, starters=["8", "4"])
    assert c.order == ("8", "4")
    assert c.rows[1].gap == "+0.000"


def test_numbers_keep_their_leading_zeros_as_distinct_cars() -> None:
    c = race(
        {"03": [60_000] * 5, "3": [61_000] * 5, "021": [62_000] * 5},
        classes={"03": "Pro", "3": "Pro-Am", "021": "Pro"},
    )
    assert c.order == ("03", "3", "021")
    assert [(r.class_name, r.class_position) for r in c.rows] == [
        ("Pro", 1),
        ("Pro-Am", 1),
        ("Pro", 2),
    ]
    assert c.rows[2].class_gap == "+10.000"  # to "03", the Pro leader
    assert c.row("3").class_gap == "-"


def test_elapsed_is_summed_from_lap_times_when_the_file_has_none() -> None:
    c = classify_race(laps_of({"1": [60_000, 61_000], "2": [60_500, 60_000]}, with_elapsed=False))
    assert c.order == ("2", "1")
    assert [r.total_time_ms for r in c.rows] == [120_500, 121_000]


def test_laps_led_counts_who_crossed_first_on_each_lap() -> None:
    c = race({"1": [60_000, 62_000, 60_000], "2": [61_000, 60_000, 60_000]})
    # Lap 1: car 1 (60.0 vs 61.0); lap 2: car 2 (121.0 vs 122.0); lap 3: car 2.
    assert {r.number: r.laps_led for r in c.rows} == {"1": 1, "2": 2}


# --- Statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("winner_laps", "share", "needed"),
    [
        (20, 0.75, 15),
        (21, 0.75, 15),  # 15.75 rounds down
        (23, 0.75, 17),  # 17.25
        (100, 0.29, 29),  # exactly 29, whatever floats think of 0.29 * 100
        (10, Fraction(1, 2), 5),
        (1, 0.75, 1),  # at least one lap
    ],
)
def test_classified_share_rounds_down(winner_laps: int, share: float, needed: int) -> None:
    settings = ClassificationSettings(classified_share=share)
    assert settings.min_laps(winner_laps) == needed
    times = {"1": [60_000] * winner_laps, "2": [50_000] * needed}
    if needed > 1:
        times["3"] = [50_000] * (needed - 1)
    c = race(times, settings=settings)
    assert c.row("2").status is Status.CLASSIFIED
    if needed > 1:
        assert c.row("3").status is not Status.CLASSIFIED


def test_below_the_share_nc_when_taking_the_flag_dnf_when_retired() -> None:
    c = race(
        {
            "1": [60_000] * 20,  # flag at 1200.000
            "2": [60_000] * 14 + [400_000],  # 15 laps, crosses at 1240.000: took the flag
            "3": [60_000] * 10,  # 10 laps, last crossing 600.000: retired
            "4": [60_000] * 16,  # retired above the share: classified
        }
    )
    assert c.min_laps == 15
    statuses = {r.number: r.status for r in c.rows}
    assert statuses == {
        "1": Status.CLASSIFIED,
        "4": Status.CLASSIFIED,
        "2": Status.CLASSIFIED,
        "3": Status.DNF,
    }
    c = race({"1": [60_000] * 20, "2": [60_000] * 13 + [700_000], "3": [60_000] * 10})
    assert c.row("2").status is Status.NOT_CLASSIFIED  # 14 laps, crossed after the flag
    assert c.row("3").status is Status.DNF
    assert [r.position for r in c.rows] == [1, None, None]
    assert c.row("2").gap == "6 Laps"  # unclassified cars still show their gap


def test_number_all_starters_numbers_nc_and_dnf_like_al_kamel() -> None:
    settings = ClassificationSettings(number_all_starters=True)
    c = race({"1": [60_000] * 20, "3": [60_000] * 10}, settings=settings)
    assert [(r.position, r.status) for r in c.rows] == [(1, Status.CLASSIFIED), (2, Status.DNF)]
    assert c.row("3").class_position is None  # no class given


def test_starter_without_a_lap_is_dnf_and_entrant_without_start_is_dns() -> None:
    c = race(
        {"5": [60_000] * 10, "6": [60_000] * 9},
        classes={"5": "Pro", "6": "Pro", "01": "Pro", "80": "Pro-Am", "93": "Pro-Am"},
        starters=["01", "5", "6"],
        entered=["5", "6", "01", "93", "80"],
    )
    assert c.order == ("5", "6", "01", "80", "93")
    row = c.row("01")
    assert (row.position, row.status, row.laps, row.gap, row.interval) == (
        None,
        Status.DNF,
        0,
        "10 Laps",
        "9 Laps",
    )
    for number in ("80", "93"):
        dns = c.row(number)
        assert (dns.position, dns.status, dns.gap, dns.class_position) == (
            None,
            Status.DNS,
            "",
            None,
        )


def test_without_starters_every_car_with_a_lap_started() -> None:
    c = race({"5": [60_000] * 3}, entered=["5", "9"])
    assert [(r.number, r.status) for r in c.rows] == [("5", Status.CLASSIFIED), ("9", Status.DNS)]


def test_duplicate_laps_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="car 1: lap 1 given twice"):
        classify_race([Lap("1", 1, 60_000, 60_000), Lap("1", 1, 60_000, 60_000)])


# --- Penalties in a race -----------------------------------------------------------------


def test_time_penalty_adds_to_total_and_changes_the_order() -> None:
    times = {"1": [60_000] * 10, "2": [60_000] * 9 + [61_000], "3": [60_000] * 9 + [63_000]}
    c = race(times, penalties=[time_penalty("1", 5, "Track limits", decision="12")])
    assert c.order == ("2", "3", "1")
    _, second, penalised = c.rows
    assert (penalised.total_time_ms, penalised.elapsed_ms, penalised.penalty_ms) == (
        605_000,
        600_000,
        5_000,
    )
    assert (second.gap, penalised.gap, penalised.interval) == ("+2.000", "+4.000", "+2.000")
    assert penalised.note == "+5 s"


def test_penalty_never_moves_a_car_past_one_with_more_laps() -> None:
    c = race(
        {"1": [60_000] * 10, "2": [60_000] * 9},
        penalties=[time_penalty("1", 300, "Big one")],
    )
    assert c.order == ("1", "2")


def test_unserved_drive_through_and_stop_and_go_convert_to_time() -> None:
    times = {"1": [60_000] * 10, "2": [60_000] * 10, "3": [60_000] * 10, "4": [60_000] * 10}
    c = race(
        times,
        starters=["1", "2", "3", "4"],
        penalties=[
            drive_through("1", "Jump start", "3"),
            stop_and_go("2", "Unsafe release", "4"),
            drive_through("3", "Speeding in pit lane", "5", served=True),
        ],
    )
    assert c.order == ("3", "4", "1", "2")
    assert (c.row("1").penalty_ms, c.row("2").penalty_ms, c.row("3").penalty_ms) == (
        30_000,
        40_000,
        0,
    )
    assert c.row("1").note == "Drive-through converted to +30 s"


def test_disqualified_car_loses_its_position_and_comes_after_the_ranked() -> None:
    c = race(
        {"1": [60_000] * 10, "2": [61_000] * 10, "3": [62_000] * 9},
        entered=["1", "2", "3", "4"],
        penalties=[disqualification("1", "Technical infringement", "7")],
    )
    assert c.order == ("2", "3", "1", "4")
    assert [(r.position, r.status) for r in c.rows] == [
        (1, Status.CLASSIFIED),
        (2, Status.CLASSIFIED),
        (None, Status.DSQ),
        (None, Status.DNS),
    ]
    assert c.rows[0].gap == "-" and c.row("1").gap == ""
    assert c.winner_laps == 10  # car 2 won with 10 laps


def test_deleted_lap_does_not_count_for_best_lap_but_counts_for_laps_and_time() -> None:
    c = race(
        {"1": [62_000, 58_000, 60_000, 61_000]},
        penalties=[delete_lap("1", 2, "Track limits, turn 9")],
    )
    row = c.row("1")
    assert (row.laps, row.total_time_ms) == (4, 241_000)
    assert (row.best_lap_ms, row.best_lap_number) == (60_000, 3)
    assert (row.second_best_lap_ms, row.second_best_lap_number) == (61_000, 4)
    assert row.deleted_laps == (2,)


# --- Qualifying and practice ---------------------------------------------------------------


def test_qualifying_orders_by_best_lap_with_gaps_and_second_best() -> None:
    c = classify_qualifying(
        laps_of({"10": [90_000, 69_909, 70_184], "60": [90_000, 70_583, 70_626], "7": [95_000]}),
        classes={"10": "GTP", "60": "GTP", "7": "GTD"},
    )
    assert c.order == ("10", "60", "7")
    pole, second, third = c.rows
    assert (pole.best_lap_ms, pole.best_lap_number, pole.second_best_lap_ms) == (69_909, 2, 70_184)
    assert (second.gap, second.interval, second.gap_ms) == ("+0.674", "+0.674", 674)
    assert (third.gap, third.interval) == ("+25.091", "+24.417")
    assert third.class_gap == "-" and third.class_position == 1
    assert pole.total_time_ms is None


def test_equal_qualifying_times_go_to_whoever_set_it_first() -> None:
    laps = [
        Lap("5", 1, 80_000, elapsed_ms=500_000),
        Lap("4", 1, 80_000, elapsed_ms=400_000),
        Lap("6", 1, 80_000, elapsed_ms=None, hour_ms=61_000_000),
        Lap("3", 1, 80_000, elapsed_ms=None, hour_ms=60_000_000),
    ]
    assert classify_qualifying(laps[:2]).order == ("4", "5")
    assert classify_qualifying(laps[2:]).order == ("3", "6")  # by time of day without elapsed


def test_qualifying_deleted_laps_and_cars_without_a_time() -> None:
    laps = laps_of({"1": [80_000, 78_000], "2": [79_000], "3": [81_000, 82_000], "4": [85_000]})
    c = classify_qualifying(
        laps,
        entered=["1", "2", "3", "4", "9"],
        penalties=[
            delete_lap("1", 2, "Track limits"),
            delete_lap("3", 1, "Red flag caused"),
            delete_lap("3", 2, "Red flag caused"),
            disqualification("4", "Underweight"),
        ],
    )
    assert c.order == ("2", "1", "3", "4", "9")
    assert [(r.position, r.status) for r in c.rows] == [
        (1, Status.CLASSIFIED),
        (2, Status.CLASSIFIED),
        (None, Status.NOT_CLASSIFIED),
        (None, Status.DSQ),
        (None, Status.DNS),
    ]
    assert c.row("1").best_lap_ms == 80_000 and c.row("3").best_lap_ms is None
    assert c.row("3").laps == 2 and c.row("3").gap == ""


def test_qualifying_ignores_time_penalties() -> None:
    laps = laps_of({"1": [80_000], "2": [80_500]})
    c = classify_qualifying(laps, penalties=[time_penalty("1", 5, "n/a in qualifying")])
    assert c.order == ("1", "2")


def test_practice_ranks_like_qualifying() -> None:
    c = classify(SessionType.PRACTICE, laps_of({"1": [81_000], "2": [80_000]}))
    assert c.session is SessionType.PRACTICE and c.order == ("2", "1")
    assert c.fastest_lap is not None and c.fastest_lap.number == "2"


def test_rows_map_onto_the_cli_json() -> None:
    row = race({"6": [71_990] * 3}, classes={"6": "Pro"}).rows[0]
    assert row.as_json() == {
        "position": 1,
        "number": "6",
        "class": "Pro",
        "class_position": 1,
        "status": "classified",
        "laps": 3,
        "total_time_ms": 215_970,
        "gap": "-",
        "best_lap_ms": 71_990,
        "best_lap_number": 1,
        "second_best_lap_ms": 71_990,
    }


# --- Official results (no laps) -----------------------------------------------------------


def result(number: str, position: int | None, laps: int, total: int | None, **kw: object):
    status = kw.pop("status", Status.CLASSIFIED if position else Status.DNS)
    return ResultRecord(number, position, status, "", laps, total, **kw)  # type: ignore[arg-type]


def test_official_results_keep_their_order_and_positions() -> None:
    lines = [
        result("6", 1, 78, 6_128_126, class_name="GTP"),
        result("25", 2, 78, 6_129_029, class_name="GTP"),
        result("14", 3, 73, 6_165_051, class_name="GTD"),
        result("01", 4, 0, None, class_name="GTP"),
        result("80", None, 0, None, class_name="GTD"),
    ]
    c = classification_from_results(lines)
    assert c.order == ("6", "25", "14", "01", "80")
    assert [r.position for r in c.rows] == [1, 2, 3, 4, None]
    assert [r.gap for r in c.rows] == ["-", "+0.903", "5 Laps", "78 Laps", ""]
    assert [r.class_position for r in c.rows] == [1, 2, 1, 3, None]


def test_penalty_after_import_reorders_official_results() -> None:
    lines = [result("6", 1, 78, 6_128_126), result("25", 2, 78, 6_129_029)]
    c = classification_from_results(lines, penalties=[time_penalty("6", 5, "Track limits")])
    assert c.order == ("25", "6")
    assert [(r.position, r.total_time_ms, r.gap) for r in c.rows] == [
        (1, 6_129_029, "-"),
        (2, 6_133_126, "+4.097"),
    ]


def test_results_without_positions_are_ordered_by_the_rules() -> None:
    lines = [
        result("3", None, 19, 2_760_000, status=Status.NOT_CLASSIFIED),
        result("2", None, 20, 2_701_500, status=Status.CLASSIFIED),
        result("1", None, 20, 2_701_000, status=Status.CLASSIFIED),
        result("9", None, 0, None, status=Status.DNS),
    ]
    c = classification_from_results(lines)
    assert c.order == ("1", "2", "3", "9")
    assert [r.position for r in c.rows] == [1, 2, None, None]


def test_qualifying_results_keep_their_order_and_drop_a_dsq() -> None:
    lines = [
        result("10", 1, 13, None, best_lap_ms=69_909, best_lap_number=11),
        result("60", 2, 14, None, best_lap_ms=70_583, best_lap_number=12),
        result("01", 3, 13, None, best_lap_ms=70_981, best_lap_number=13),
    ]
    c = classification_from_results(
        lines, session=SessionType.QUALIFYING, penalties=[disqualification("60", "Fuel")]
    )
    assert c.order == ("10", "01", "60")
    assert [(r.position, r.gap) for r in c.rows] == [(1, "-"), (2, "+1.072"), (None, "")]


def test_results_by_class_keep_the_published_class_positions() -> None:
    lines = [
        result("68", 1, 72, 10_892_386, class_name="Silver", class_position=1),
        result("03", 2, 72, 10_900_000, class_name="Am", class_position=1),
        result("12", 3, 71, 10_800_000, class_name="Silver", class_position=2),
    ]
    c = classification_from_results(lines)
    assert [(r.number, r.position, r.class_position, r.class_gap) for r in c.rows] == [
        ("68", 1, 1, "-"),
        ("03", 2, 1, "-"),
        ("12", 3, 2, "1 Lap"),
    ]
