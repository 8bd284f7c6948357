import pytest

from paddock.rules.points import (
    DEFAULT_POINTS_SCALE,
    DropRule,
    PointsScale,
    RaceRow,
    points_by_car,
    race_points,
    scores,
)


@pytest.mark.parametrize(
    ("position", "points"),
    [(1, 25), (2, 20), (3, 17), (4, 14), (5, 12), (10, 6), (14, 2), (15, 1), (16, 0), (40, 0)],
)
def test_default_scale_for_classified_finishers(position: int, points: int) -> None:
    assert race_points(RaceRow("7", "Pro", position)) == points


@pytest.mark.parametrize("status", ["not-classified", "dnf", "dns", "dsq"])
def test_no_points_for_nc_dnf_dns_dsq_even_with_a_class_position(status: str) -> None:
    row = RaceRow("7", "Pro", 1, status)
    assert not scores(row)
    assert race_points(row) == 0


def test_a_retirement_above_the_classified_share_scores() -> None:
    # The engine calls such a car "classified" (fewer laps), so it scores as placed.
    assert race_points(RaceRow("7", "Pro", 6, "classified")) == 10


def test_no_bonus_points_by_default() -> None:
    assert race_points(RaceRow("7", "Pro", 1, pole=True, fastest_lap=True)) == 25


def test_pole_and_fastest_lap_bonuses_are_season_options() -> None:
    scale = PointsScale(pole_bonus=1, fastest_lap_bonus=2)
    assert race_points(RaceRow("7", "Pro", 3, pole=True, fastest_lap=True), scale) == 20
    assert race_points(RaceRow("7", "Pro", 3, fastest_lap=True), scale) == 19


def test_bonuses_need_a_scoring_result_unless_the_season_says_otherwise() -> None:
    dsq_on_pole = RaceRow("7", "Pro", None, "dsq", pole=True)
    assert race_points(dsq_on_pole, PointsScale(pole_bonus=1)) == 0
    lenient = PointsScale(pole_bonus=1, bonus_needs_score=False)
    assert race_points(dsq_on_pole, lenient) == 1


def test_a_custom_points_table() -> None:
    scale = PointsScale(positions=(10, 6, 4, 3, 2, 1))
    rows = [RaceRow("1", "Pro", 1), RaceRow("2", "Pro", 6), RaceRow("3", "Pro", 7)]
    assert points_by_car(rows, scale) == {"1": 10, "2": 1, "3": 0}


def test_a_class_position_below_one_is_a_bug_in_the_caller() -> None:
    with pytest.raises(ValueError, match="class position 0"):
        DEFAULT_POINTS_SCALE.for_position(0)


def test_the_2021_pole_bonus_goes_to_each_races_class_pole() -> None:
    scale = PointsScale(pole_bonus=5)
    assert race_points(RaceRow("7", "Pro", 1, pole=True), scale) == 30
    assert race_points(RaceRow("7", "Pro", 4, pole=True), scale) == 19
    assert race_points(RaceRow("9", "Pro", 1), scale) == 25


def test_a_drop_rule_is_looked_up_by_class_and_a_zero_count_is_no_rule() -> None:
    scale = PointsScale(drops=(DropRule("Pro-Am", 2, 2), DropRule("Rookie", 0)))
    assert scale.drop_rule("Pro-Am") == DropRule("Pro-Am", 2, 2)
    assert scale.drop_rule("Rookie") is None
    assert scale.drop_rule("Pro") is None
