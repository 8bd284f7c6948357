from paddock.rules.points import DropRule, PointsScale, RaceResult, RaceRow
from paddock.rules.standings import (
    StandingsEntry,
    driver_standings,
    junior_standings,
    season_standings,
    team_standings,
)


def race(label: str, *rows: tuple[str, str, int | None] | RaceRow) -> RaceResult:
    """Rows as (number, class, class position) or full RaceRow."""
    return RaceResult(
        label, tuple(r if isinstance(r, RaceRow) else RaceRow(r[0], r[1], r[2]) for r in rows)
    )


def season(results: dict[str, list[int | None]], class_name: str = "Pro") -> list[RaceResult]:
    """Races from each car's class positions race by race (None: not in that race)."""
    count = len(next(iter(results.values())))
    return [
        race(
            f"R{i + 1}",
            *((car, class_name, places[i]) for car, places in results.items() if places[i]),
        )
        for i in range(count)
    ]


def order(rows: tuple) -> list[tuple[int, str]]:
    return [(row.position, row.number) for row in rows]


def test_points_wins_podiums_and_points_per_race() -> None:
    races = [
        race("Sebring R1", ("7", "Pro", 1), ("12", "Pro", 2), ("3", "Pro", 3)),
        race("Sebring R2", ("12", "Pro", 1), ("3", "Pro", 2)),
    ]
    table = driver_standings(races, "Pro")
    assert order(table) == [(1, "12"), (2, "3"), (3, "7")]
    twelve = table[0]
    assert (twelve.points, twelve.wins, twelve.podiums) == (45, 1, 2)
    assert table[2].per_race == (25, None)
    assert table[2].results == (1, None)


def test_tie_on_points_goes_to_more_wins() -> None:
    table = driver_standings(season({"A": [1, 7], "B": [2, 4]}), "Pro")
    assert (table[0].points, table[1].points) == (34, 34)
    assert order(table) == [(1, "A"), (2, "B")]


def test_count_back_looks_at_seconds_when_wins_are_equal_before_the_latest_race() -> None:
    # Both 59 points and one win; A has a second place, B only thirds, though B won last.
    table = driver_standings(season({"A": [1, 2, 4], "B": [3, 3, 1]}), "Pro")
    assert [row.points for row in table] == [59, 59]
    assert order(table) == [(1, "A"), (2, "B")]


def test_equal_count_back_goes_to_the_better_result_in_the_latest_race() -> None:
    table = driver_standings(season({"A": [1, 2], "B": [2, 1]}), "Pro")
    assert order(table) == [(1, "B"), (2, "A")]


def test_latest_race_without_either_goes_back_race_by_race() -> None:
    races = season({"A": [1, 3, None], "B": [3, 1, None], "C": [2, 2, 1]})
    table = driver_standings(races, "Pro")
    assert [row.number for row in table][1:] == ["B", "A"]


def test_drivers_equal_in_everything_share_the_position() -> None:
    races = [
        race(
            "R1",
            ("7", "Pro", 1),
            RaceRow("30", "Pro", None, "dns"),
            RaceRow("4", "Pro", None, "dns"),
        )
    ]
    assert order(driver_standings(races, "Pro")) == [(1, "7"), (2, "4"), (2, "30")]


def test_a_disqualified_win_is_neither_points_nor_a_win() -> None:
    races = [race("R1", RaceRow("7", "Pro", 1, "dsq"), ("12", "Pro", 1))]
    table = {row.number: row for row in driver_standings(races, "Pro")}
    assert (table["7"].points, table["7"].wins, table["7"].per_race) == (0, 0, (0,))
    assert table["12"].wins == 1


def test_only_results_in_the_class_count_for_its_table() -> None:
    races = [race("R1", ("7", "Pro", 1), ("91", "Pro-Am", 1), ("92", "Pro-Am", 2))]
    assert [row.number for row in driver_standings(races, "Pro-Am")] == ["91", "92"]
    assert [row.number for row in driver_standings(races, "Pro")] == ["7"]


def test_points_scale_is_the_seasons() -> None:
    races = season({"A": [1], "B": [2]})
    table = driver_standings(races, "Pro", PointsScale(positions=(10, 8)))
    assert [row.points for row in table] == [10, 8]


ENTRIES = [
    StandingsEntry("7", "Halloran", team_eligible=True),
    StandingsEntry("8", "Halloran", team_eligible=True, junior=True),
    StandingsEntry("9", "Halloran", team_eligible=False),  # 991.2 or part season
    StandingsEntry("10", "Okoro", team_eligible=True),
    StandingsEntry("11", "Okoro", team_eligible=True, junior=True),
    StandingsEntry("21", "Marlowe", team_eligible=False, junior=True),
]


def test_team_points_are_the_sum_of_its_eligible_cars_only() -> None:
    races = [race("R1", ("9", "Pro", 1), ("10", "Pro", 2), ("7", "Pro", 3), ("8", "Pro", 4))]
    teams = team_standings(races, "Pro", ENTRIES)
    assert [(t.position, t.team, t.points, t.cars) for t in teams] == [
        (1, "Halloran", 17 + 14, ("7", "8")),
        (2, "Okoro", 20, ("10",)),
    ]


def test_a_team_of_ineligible_entries_is_not_in_the_table() -> None:
    races = [race("R1", ("21", "Pro", 1), ("7", "Pro", 2))]
    assert [t.team for t in team_standings(races, "Pro", ENTRIES)] == ["Halloran"]


def test_team_ties_use_count_back_before_the_latest_race() -> None:
    races = [
        race("R1", ("10", "Pro", 1), ("7", "Pro", 4), ("8", "Pro", 5)),
        race("R2", ("7", "Pro", 2), ("10", "Pro", 4), ("11", "Pro", 9)),
    ]
    teams = team_standings(races, "Pro", ENTRIES)
    # Level on 46; Okoro has the only win, Halloran the better result in the latest race.
    assert [(t.team, t.points, t.wins) for t in teams] == [("Okoro", 46, 1), ("Halloran", 46, 0)]
    assert teams[1].per_race == (26, 20)
    assert teams[1].results == (4, 2)


def test_junior_table_ranks_juniors_across_classes() -> None:
    races = [
        race("R1", ("7", "Pro", 1), ("8", "Pro", 2), ("21", "Pro-Am", 1), ("11", "Rookie", 3)),
    ]
    juniors = junior_standings(races, ENTRIES)
    assert [(j.number, j.class_name, j.points) for j in juniors] == [
        ("21", "Pro-Am", 25),
        ("8", "Pro", 20),
        ("11", "Rookie", 17),
    ]


def test_season_standings_json_matches_the_cli_contract() -> None:
    races = [race("R1", ("7", "Pro", 1), ("10", "Pro", 2), ("91", "Pro-Am", 1))]
    standings = season_standings(races, ENTRIES)
    assert [c.class_name for c in standings.classes] == ["Pro", "Pro-Am"]
    assert standings.for_class("Pro").to_json({"7": "Ada Driver"}) == {
        "class": "Pro",
        "drivers": [
            {"position": 1, "number": "7", "driver": "Ada Driver", "points": 25, "wins": 1},
            {"position": 2, "number": "10", "driver": None, "points": 20, "wins": 0},
        ],
        "teams": [
            {"position": 1, "team": "Halloran", "points": 25, "wins": 1},
            {"position": 2, "team": "Okoro", "points": 20, "wins": 0},
        ],
    }
    assert standings.for_class("Rookie").drivers == ()


# --- drop rules -----------------------------------------------------------------------------

PRO_AM_DROPS_TWO = PointsScale(drops=(DropRule("Pro-Am", 2, protect_last=2),))


def pro_am(results: dict[str, list[int | None]]) -> list[RaceResult]:
    return season(results, "Pro-Am")


def only(table: tuple, number: str):  # type: ignore[no-untyped-def]
    return next(row for row in table if row.number == number)


def test_the_two_lowest_results_are_dropped() -> None:
    races = pro_am({"A": [1, 5, 3, 2, 4, 6]})  # 25, 12, 17, 20, 14, 10
    a = driver_standings(races, "Pro-Am", PRO_AM_DROPS_TWO)[0]
    assert a.dropped == (False, True, True, False, False, False)
    assert (a.points, a.dropped_points) == (25 + 20 + 14 + 10, 12 + 17)


def test_the_last_races_of_the_calendar_are_never_dropped() -> None:
    races = pro_am({"A": [1, 1, 1, 1, 10, 10]})
    a = driver_standings(races, "Pro-Am", PRO_AM_DROPS_TWO)[0]
    assert a.dropped == (True, True, False, False, False, False)
    assert a.points == 25 + 25 + 6 + 6


def test_nothing_is_dropped_while_every_droppable_result_still_counts() -> None:
    # Six races in the calendar, two protected, two dropped: two results count of the
    # first four, so the third race run is the first with a dropped result.
    races = pro_am({"A": [1, 5, 3]})
    for run, dropped in ((2, ()), (3, (False, True, False))):
        a = driver_standings(races[:run], "Pro-Am", PRO_AM_DROPS_TWO, calendar_races=6)[0]
        assert a.dropped == dropped


def test_a_race_not_started_or_not_entered_counts_zero_and_is_dropped_first() -> None:
    races = pro_am({"A": [None, None, 2, 2, 2, 2], "B": [1, 1, 1, 1, 1, 1]})
    races[0] = race("R1", ("B", "Pro-Am", 1), RaceRow("A", "Pro-Am", None, "dns"))
    a = only(driver_standings(races, "Pro-Am", PRO_AM_DROPS_TWO), "A")
    assert a.per_race[:2] == (0, None)
    assert a.dropped == (True, True, False, False, False, False)
    assert a.points == 4 * 20


def test_a_disqualification_is_never_dropped() -> None:
    races = pro_am({"A": [None, 1, 1, 1, 1, 1], "B": [1, 2, 2, 2, 2, 2]})
    races[0] = race("R1", ("B", "Pro-Am", 1), RaceRow("A", "Pro-Am", None, "dsq"))
    a = only(driver_standings(races, "Pro-Am", PRO_AM_DROPS_TWO), "A")
    assert a.per_race[0] == 0
    assert a.dropped == (False, True, True, False, False, False)
    assert a.points == 0 + 25 + 25 + 25


def test_a_dropped_race_takes_its_pole_bonus_with_it() -> None:
    scale = PointsScale(pole_bonus=5, drops=(DropRule("Pro-Am", 1),))
    races = [
        race("R1", RaceRow("A", "Pro-Am", 3, pole=True), ("B", "Pro-Am", 1)),
        race("R2", ("A", "Pro-Am", 1), ("B", "Pro-Am", 2)),
        race("R3", ("A", "Pro-Am", 1), ("B", "Pro-Am", 2)),
    ]
    a = only(driver_standings(races, "Pro-Am", scale), "A")
    assert a.per_race == (17 + 5, 25, 25)
    assert a.dropped == (True, False, False)
    assert (a.points, a.dropped_points) == (50, 22)


def test_count_back_uses_the_dropped_results_too() -> None:
    # Both 37 after dropping race 1. Counting only what counts, A and B are equal (a second
    # and a third each) and B's better latest race would win; with every result A has
    # two thirds to B's one.
    scale = PointsScale(drops=(DropRule("Pro-Am", 1),))
    table = driver_standings(pro_am({"A": [3, 2, 3], "B": [4, 3, 2]}), "Pro-Am", scale)
    assert [row.points for row in table] == [37, 37]
    assert order(table) == [(1, "A"), (2, "B")]


def test_other_classes_and_teams_drop_nothing() -> None:
    races = season({"7": [1, 5, 3, 2, 4, 6]}, "Pro")
    pro = driver_standings(races, "Pro", PRO_AM_DROPS_TWO)[0]
    assert (pro.points, pro.dropped) == (98, ())
    teams = team_standings(pro_am({"A": [1, 5, 3, 2, 4, 6]}), "Pro-Am",
                           [StandingsEntry("A", "Team", team_eligible=True)], PRO_AM_DROPS_TWO)
    assert teams[0].points == 98


def test_the_junior_table_drops_as_the_drivers_class_does() -> None:
    races = pro_am({"A": [1, 5, 3, 2, 4, 6]})
    junior = junior_standings(races, [StandingsEntry("A", junior=True)], PRO_AM_DROPS_TWO)[0]
    assert junior.points == 69
