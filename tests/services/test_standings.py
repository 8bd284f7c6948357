"""Championship standings through the services: races in, tables out, revisions named."""

from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord
from paddock.errors import NotFound, RuleViolation
from paddock.rules.points import DropRule
from paddock.services.database import Database
from paddock.services.results import add_penalty, publish
from paddock.services.standings import (
    points_scale,
    season_standings,
    set_points_scale,
    venue_codes,
)
from tests.services.timing_csv import load_laps, race_laps

# Sebring race 1, classes mixed on track. #19 (Pro) is a part-season entry and #44 (Pro-Am)
# runs the 991.2: neither scores team points. #9 retires after 10 of 20 laps (DNF).
RACE1 = ["19", "7", "44", "38", "1", "8", "02", "05", "3", "9"]
RACE2 = ["1", "7", "3", "38", "44", "05", "02"]


def points(view: object, class_name: str) -> dict[str, tuple[int, int, int]]:
    """Car -> (position, points, wins) in a class's drivers' table."""
    table = view.table(class_name)  # type: ignore[attr-defined]
    return {row.number: (row.position, row.points, row.wins) for row in table.drivers}


def teams(view: object, class_name: str) -> dict[str, int]:
    table = view.table(class_name)  # type: ignore[attr-defined]
    return {row.team: row.points for row in table.teams}


@pytest.fixture
def raced(db: Database, tmp_path: Path) -> Database:
    """Sebring race 1 official (revision 1); race 2 loaded, still provisional.

    Counted without 2021's class pole bonus (race 2's grid has timed poles): these tests
    are about positions; the pole bonus has tests of its own.
    """
    set_points_scale(db, positions=points_scale(db).positions, pole_bonus=0)
    load_laps(db, tmp_path, "sebring", "R1", race_laps(RACE1, 20, short={"9": 10}))
    publish(db, event="sebring", session="R1")
    load_laps(db, tmp_path, "sebring", "R2", race_laps(RACE2, 20))
    return db


def test_points_and_wins_are_counted_per_class(db: Database, tmp_path: Path) -> None:
    load_laps(db, tmp_path, "sebring", "R1", race_laps(RACE1, 20, short={"9": 10}))
    view = season_standings(db)
    pro = points(view, "Pro")
    assert [pro[n] for n in ("19", "7", "1", "3")] == [(1, 25, 1), (2, 20, 0), (3, 17, 0),
                                                       (4, 14, 0)]
    assert pro["9"][1] == 0  # retired short of 75 %: no points
    assert points(view, "Pro-Am")["44"] == (1, 25, 1)
    assert points(view, "Pro-Am")["38"] == (2, 20, 0)
    assert points(view, "Rookie")["02"] == (1, 25, 1)
    assert [t.class_name for t in view.classes] == ["Pro", "Pro-Am", "Rookie"]


def test_points_add_up_and_equal_points_go_to_the_better_latest_result(
    raced: Database,
) -> None:
    view = season_standings(raced)
    pro = points(view, "Pro")
    assert pro["1"] == (1, 17 + 25, 1)
    assert pro["7"] == (2, 20 + 20, 0)
    assert pro["3"] == (3, 14 + 17, 0)
    assert pro["19"] == (4, 25, 1)  # did not start race 2
    # Pro-Am: #44 25 + 20, #38 20 + 25; one win and one second each: #38 won the latest.
    pro_am = points(view, "Pro-Am")
    assert pro_am["38"] == (1, 45, 1) and pro_am["44"] == (2, 45, 1)


def test_team_points_count_only_full_season_entries_with_the_current_car(
    raced: Database,
) -> None:
    view = season_standings(raced)
    pro = teams(view, "Pro")
    assert "Tidewater Motorsport Group" not in pro  # #19: part season
    assert pro["Kestrel Motorsport"] == 42  # #1 (and #21, who did not start)
    assert pro["Blue Ridge Racing"] == 40  # #7 (and #24)
    pro_am = teams(view, "Pro-Am")
    assert "Tidewater Motorsport Group" not in pro_am  # #44: a 991.2
    assert pro_am["Silver Mesa Autosport"] == 45  # #38
    assert view.table("Pro-Am").teams[0].team == "Silver Mesa Autosport"


def test_the_junior_table_ranks_every_junior_whatever_the_class(raced: Database) -> None:
    juniors = {row.number: row.points for row in season_standings(raced).juniors}
    assert juniors["02"] == 25 + 20 and juniors["05"] == 20 + 25
    assert "7" not in juniors and "44" not in juniors


def test_the_standings_say_which_revisions_they_come_from(raced: Database) -> None:
    view = season_standings(raced)
    assert [(s.event_short_name, s.session, s.status, s.revision, s.round)
            for s in view.sources] == [("sebring", "R1", "official", 1, 1),
                                       ("sebring", "R2", "provisional", 1, 2)]
    assert view.provisional
    publish(raced, event="sebring", session="R2")
    view = season_standings(raced)
    assert not view.provisional
    assert view.sources[1].published_at is not None


def test_a_penalty_published_after_the_race_changes_the_standings_in_the_next_revision(
    raced: Database,
) -> None:
    before = points(season_standings(raced), "Pro")
    assert before["19"] == (4, 25, 1)
    result = add_penalty(raced, event="sebring", session="R1", car="19", kind="time",
                         seconds=30, reason="jump start")
    assert result.revision == 2
    view = season_standings(raced)
    after = points(view, "Pro")
    # #19 falls to 4th in class (14 points); #7 inherits the win, #1 and #3 move up;
    # #7 and #1 now share 45 points and a win each: #1 won the latest race.
    assert after["19"][1:] == (14, 0)
    assert after["1"] == (1, 20 + 25, 1) and after["7"] == (2, 25 + 20, 1)
    assert after["3"][1] == 17 + 17
    assert (view.sources[0].revision, view.sources[0].official) == (2, True)


def test_the_seasons_points_scale_and_bonuses_apply(db: Database, tmp_path: Path) -> None:
    assert points_scale(db).positions[:3] == (25, 20, 17)
    set_points_scale(db, positions=[10, 6, 4], fastest_lap_bonus=1)
    load_laps(db, tmp_path, "ctmp", "R1",
              race_laps(["1", "7", "3", "9", "8"], 10, fastest={"3": 90_000, "8": 89_000}))
    pro = points(season_standings(db), "Pro")
    assert (pro["1"][1], pro["7"][1], pro["3"][1], pro["9"][1]) == (10, 6, 4 + 1, 0)
    assert points(season_standings(db), "Pro-Am")["8"][1] == 10 + 1  # its class's fastest
    with db.reader() as s:
        assert any(a.entity == "points_scale" for a in s.exec(select(AuditRecord)).all())


@pytest.mark.parametrize(("positions", "message"), [
    ([], "at least position 1"),
    ([10, 12, 8], "position 2 would score more than position 1"),
    ([10, -1], "cannot be negative"),
])
def test_a_scale_the_rules_refuse_is_not_saved(
    db: Database, positions: list[int], message: str
) -> None:
    with pytest.raises(RuleViolation, match=message):
        set_points_scale(db, positions=positions)
    assert points_scale(db).positions[0] == 25


def test_one_class_json_follows_the_contract(raced: Database) -> None:
    data = season_standings(raced, class_name="pro-am").to_json()
    assert set(data) >= {"class", "drivers", "teams"} and data["class"] == "Pro-Am"
    first = data["drivers"][0]  # type: ignore[index]
    assert {key: first[key] for key in ("position", "number", "driver", "points", "wins")} == {
        "position": 1, "number": "38", "driver": "Victor Santangelo", "points": 45, "wins": 1}
    assert set(data["teams"][0]) == {"position", "team", "points", "wins"}  # type: ignore[index]


def test_every_class_json_lists_the_classes_juniors_and_sources(raced: Database) -> None:
    data = season_standings(raced).to_json()
    assert [c["class"] for c in data["classes"]] == ["Pro", "Pro-Am", "Rookie"]  # type: ignore[attr-defined]
    assert data["sources"] == [
        {"event": 1, "session": "R1", "status": "official", "revision": 1},
        {"event": 1, "session": "R2", "status": "provisional", "revision": 1}]
    assert data["juniors"][0]["number"] in {"02", "05"}  # type: ignore[index]


def test_an_unknown_class_is_refused_with_the_seasons_classes(db: Database) -> None:
    with pytest.raises(NotFound, match=r"no class 'GT3'.*Pro, Pro-Am, Rookie"):
        season_standings(db, class_name="GT3")


def test_a_season_without_results_has_empty_tables(db: Database) -> None:
    view = season_standings(db)
    assert view.sources == () and all(t.drivers == () for t in view.classes)


def test_a_season_not_in_the_database_is_refused(db: Database) -> None:
    with pytest.raises(NotFound, match="no 2019 season in this database; seasons: 2021"):
        season_standings(db, year=2019)
    assert season_standings(db, year=2021).season_year == 2021


def test_a_pole_bonus_goes_to_the_first_car_of_each_class_on_the_grid(
    db: Database, tmp_path: Path
) -> None:
    set_points_scale(db, positions=[25, 20, 17], pole_bonus=3)
    load_laps(db, tmp_path, "sebring", "Q",
              {"7": [99_000, 99_500], "1": [99_800, 99_900], "8": [101_000, 101_500]})
    load_laps(db, tmp_path, "sebring", "R1", race_laps(["1", "7", "8"], 10))
    view = season_standings(db)
    assert points(view, "Pro")["7"][1] == 20 + 3 and points(view, "Pro")["1"][1] == 25
    assert points(view, "Pro-Am")["8"][1] == 25 + 3


# --- 2021's pole bonus, drop rules, seasons ---------------------------------------------------


def test_the_2021_season_gives_each_races_class_pole_five_points(
    db: Database, tmp_path: Path
) -> None:
    # Race 1's grid: best qualifying laps (#7 on pole). Race 2's: second-best laps, where
    # #1 (99.6 s) is ahead of #7 (99.9 s): each race has its own pole.
    assert points_scale(db).pole_bonus == 5
    load_laps(db, tmp_path, "sebring", "Q", {"7": [99_000, 99_900], "1": [99_500, 99_600],
                                             "3": [101_000, 101_500]})
    load_laps(db, tmp_path, "sebring", "R1", race_laps(["1", "7", "3"], 10))
    load_laps(db, tmp_path, "sebring", "R2", race_laps(["3", "7", "1"], 10))
    pro = season_standings(db).table("Pro")
    per_race = {row.number: row.standing.per_race for row in pro.drivers}
    assert per_race["7"] == (20 + 5, 20)
    assert per_race["1"] == (25, 17 + 5)
    assert per_race["3"] == (17, 25)


def _pro_am(view: object) -> dict[str, tuple[tuple[int | None, ...], tuple[bool, ...], int]]:
    table = view.table("Pro-Am")  # type: ignore[attr-defined]
    return {row.number: (row.standing.per_race, row.standing.dropped, row.points)
            for row in table.drivers}


def test_a_class_drop_rule_takes_out_its_lowest_results_and_says_which(raced: Database) -> None:
    # The 2021 calendar has 16 races; with the last 2 protected and 13 dropped, one result
    # of the first 14 counts: after Sebring's two races, each Pro-Am driver's lower one
    # is dropped. #8 did not start race 2: it counts 0 and is the one dropped.
    set_points_scale(raced, positions=points_scale(raced).positions, pole_bonus=0,
                     drops=[DropRule("pro-am", 13, protect_last=2)])
    assert points_scale(raced).drops == (DropRule("Pro-Am", 13, 2),)
    view = season_standings(raced)
    rows = _pro_am(view)
    for number, (per_race, dropped, total) in rows.items():
        low = min(range(2), key=lambda i: (per_race[i] or 0, i))
        assert dropped == tuple(i == low for i in range(2)), number
        assert total == max(p or 0 for p in per_race)
    assert rows["8"] == ((17, 0), (False, True), 17)
    assert all(row.standing.dropped == () for row in view.table("Pro").drivers)

    data = season_standings(raced, class_name="Pro-Am").to_json()
    assert data["drop"] == {"count": 13, "protect_last": 2}
    eight = next(d for d in data["drivers"] if d["number"] == "8")  # type: ignore[attr-defined]
    assert eight["dropped"] == [{"event": 1, "session": "R2"}]
    assert [r["dropped"] for r in eight["races"]] == [False, True]
    assert eight["races"][1]["points"] == 0 and eight["dropped_points"] == 0


def test_the_last_races_of_the_calendar_are_never_dropped(
    db: Database, tmp_path: Path
) -> None:
    # Road Atlanta race 2 is the season's final race: with it protected, the worse
    # Sebring result is dropped even though the final race scored less.
    set_points_scale(db, positions=points_scale(db).positions, pole_bonus=0,
                     drops=[DropRule("Pro-Am", 14, protect_last=1)])
    load_laps(db, tmp_path, "sebring", "R1", race_laps(["38", "8"], 10))
    load_laps(db, tmp_path, "road-atlanta", "R2", race_laps(["8", "38"], 10))
    rows = _pro_am(season_standings(db))
    assert rows["38"] == ((25, 20), (), 45)  # two results of which one counts: none dropped
    load_laps(db, tmp_path, "sebring", "R2", race_laps(["8", "38"], 10))
    rows = _pro_am(season_standings(db))
    assert rows["38"] == ((25, 20, 20), (False, True, False), 45)
    assert rows["8"] == ((20, 25, 25), (True, False, False), 50)


@pytest.mark.parametrize(("change", "field"), [
    ({"positions": [25, 20, 22]}, "positions: the scale must go down"),
    ({"drops": [DropRule("GT3", 1)]}, r"drop GT3: no class 'GT3' in 2021; classes are Pro"),
    ({"drops": [DropRule("Pro-Am", 14, 2)]}, r"drop Pro-Am=14: would drop every result"),
    ({"drops": [DropRule("Pro-Am", 16)]}, r"drop Pro-Am=16: would drop every result"),
    ({"pole_bonus": -5}, "pole bonus: cannot be negative"),
])
def test_a_refused_scale_or_drop_rule_names_the_field_and_writes_nothing(
    db: Database, change: dict[str, object], field: str
) -> None:
    set_points_scale(db, positions=[25, 20, 17], pole_bonus=5,
                     drops=[DropRule("Pro-Am", 2, 2)])
    before = points_scale(db)
    arguments: dict[str, object] = {"positions": [25, 20, 17], "pole_bonus": 5, **change}
    with pytest.raises(RuleViolation, match=field):
        set_points_scale(db, **arguments)  # type: ignore[arg-type]
    assert points_scale(db) == before


def test_each_season_counts_by_its_own_scale(raced: Database) -> None:
    from datetime import date

    from paddock.db.models import RaceClass, Season

    publish(raced, event="sebring", session="R2")
    before = season_standings(raced, year=2021).to_json()
    with raced.transaction() as s:
        later = Season(year=2022, name="2022", age_reference=date(2022, 1, 1))
        s.add(later)
        s.flush()
        assert later.id is not None
        s.add(RaceClass(season_id=later.id, name="Pro-Am"))
    set_points_scale(raced, positions=[10, 5], pole_bonus=0, year=2022,
                     drops=[DropRule("Pro-Am", 0)])
    assert points_scale(raced, year=2022).positions == (10, 5)
    assert points_scale(raced, year=2021).positions[:2] == (25, 20)
    assert season_standings(raced, year=2021).to_json() == before
    assert season_standings(raced, year=2022).scale.positions == (10, 5)


def test_each_event_has_a_short_venue_code_for_the_columns() -> None:
    codes = venue_codes(["sebring", "ctmp", "watkins-glen", "road-america", "road-atlanta",
                         "vir", "sebring-2"])
    assert codes == {"sebring": "SEB", "ctmp": "CTMP", "watkins-glen": "WGL",
                     "road-america": "RAM", "road-atlanta": "RAT", "vir": "VIR",
                     "sebring-2": "S2"}


def test_the_standings_pdf_brackets_dropped_results_under_venue_columns(
    raced: Database,
) -> None:
    from paddock.services.documents import standings_pdf
    from tests.reports.pdfread import pages_text

    set_points_scale(raced, positions=points_scale(raced).positions, pole_bonus=0,
                     drops=[DropRule("Pro-Am", 13, protect_last=2)])
    lines = "\n".join(pages_text(standings_pdf(raced, class_name="Pro-Am"))).splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("Pro-Am — Drivers"))
    assert lines[title] == ("Pro-Am — Drivers (13 lowest results dropped; the last 2 races "
                            "cannot be)")
    assert lines[title + 1] == "SEB"
    assert lines[title + 2].endswith("R1 R2 Points Wins")
    eight = next(line for line in lines if " Gordon Fairweather " in line).split()
    assert eight[-4:] == ["17", "(0)", "17", "0"]
    assert "(25) = a result dropped under the class's drop rule" in "\n".join(lines)
