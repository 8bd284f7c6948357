"""Migration 0009 (seasons: current marker, tyre supplier, event length, cancelling) on a
database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite

SEASON = ("INSERT INTO season (year, name, age_reference, rookie_max_age, junior_max_age, "
          "current_car, slick_quota, carry_over_limit, classified_share_pct, "
          "drive_through_s, stop_and_go_s, number_all_starters, created_at) VALUES "
          "({year}, 'S {year}', '{year}-01-01', 23, 23, '992', 8, 4, 75, 30, 40, 1, "
          "'2021-01-01 00:00:00')")


def test_the_latest_season_becomes_current_and_every_season_ran_on_michelin(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0008_points_drop")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        con.execute(text(SEASON.format(year=2021)))
        con.execute(text(SEASON.format(year=2022)))
        con.execute(text("INSERT INTO event (id, season_id, number, short_name, name, "
                         "provisional_month, pole_side, time_zone) VALUES "
                         "(1, 1, 1, 'sebring', 'Sebring', '', 'left', 'America/New_York')"))
    engine.dispose()

    db, _ = open_sqlite(path)
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        rows = con.execute(text("SELECT year, is_current, tyre_supplier, tyre_name "
                                "FROM season ORDER BY year")).all()
        assert [tuple(r) for r in rows] == [(2021, 0, "Michelin", "Pilot Sport Cup N3"),
                                           (2022, 1, "Michelin", "Pilot Sport Cup N3")]
        event = con.execute(text("SELECT lap_length_m, cancelled_reason FROM event")).one()
        assert tuple(event) == (None, "")
    db.close()
    from paddock.services.database import open_database
    from paddock.services.season import season_overview
    from paddock.services.tyre_supply import season_tyres

    with open_database(path) as opened:
        assert season_overview(opened).year == 2022
        assert season_tyres(opened).label == "Michelin Pilot Sport Cup N3"
