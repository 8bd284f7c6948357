"""A past season keeps its standings exactly as they were, pole bonuses included."""

from __future__ import annotations

from pathlib import Path

from paddock.services.calendar import new_season, use_season
from paddock.services.database import open_database
from paddock.services.standings import StandingsView, season_standings


def _table(view: StandingsView) -> list[tuple[str, str, int, tuple[int | None, ...]]]:
    return [(t.class_name, d.standing.number, d.standing.points, d.standing.per_race)
            for t in view.classes for d in t.drivers]


def _pole_bonuses(view: StandingsView) -> int:
    """Race scores that are the class position's points plus the pole bonus."""
    scale = view.scale
    count = 0
    for table in view.classes:
        for driver in table.drivers:
            for points, position in zip(driver.standing.per_race, driver.standing.results,
                                        strict=True):
                if points is not None and position is not None and \
                        points == scale.positions[position - 1] + scale.pole_bonus:
                    count += 1
    return count


def test_a_season_made_after_keeps_the_old_one_s_standings_and_pole_bonuses(
        tmp_path: Path) -> None:
    with open_database(tmp_path / "demo.db", demo_if_new=True, demo_weekend=True) as db:
        before = season_standings(db)
        assert before.scale.pole_bonus == 5
        # One class pole per class and race run (Sebring and CTMP: 4 races, 3 classes).
        assert _pole_bonuses(before) >= 4
        new_season(db, 2022, from_year=2021)
        use_season(db, 2022)

        after = season_standings(db, year=2021)

        assert after.season_year == 2021 and season_standings(db).season_year == 2022
        assert _table(after) == _table(before)
        assert _pole_bonuses(after) == _pole_bonuses(before)
