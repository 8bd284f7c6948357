"""Migration 0010 (demo seasons, entry withdrawals) on a database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite

SEASON = ("INSERT INTO season (id, year, name, age_reference, rookie_max_age, junior_max_age, "
          "current_car, slick_quota, carry_over_limit, classified_share_pct, drive_through_s, "
          "stop_and_go_s, number_all_starters, created_at) VALUES "
          "({id}, {year}, 'S', '2021-01-01', 23, 23, '992', 8, 4, 75, 30, 40, 1, "
          "'2021-01-01 00:00:00')")


def test_a_season_filled_by_an_older_first_start_is_recognised_as_the_demo(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0009_seasons")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        con.execute(text(SEASON.format(id=1, year=2021)))
        con.execute(text(SEASON.format(id=2, year=2022)))
        con.execute(text("INSERT INTO team (id, name) VALUES (1, 'T')"))
        con.execute(text("INSERT INTO driver (id, first_name, last_name, date_of_birth, "
                         "nationality) VALUES (1, 'A', 'B', '1990-01-01', 'USA')"))
        con.execute(text("INSERT INTO car (id, season_id, code, name, front_tyre, rear_tyre) "
                         "VALUES (1, 1, '992', 'Cup', '', ''), (2, 2, '992', 'Cup', '', '')"))
        con.execute(text("INSERT INTO race_class (id, season_id, name, sort_order, "
                         "allowed_cars, requires_gentleman) VALUES (1, 1, 'Pro', 0, '992', 0), "
                         "(2, 2, 'Pro', 0, '992', 0)"))
        for entry_id, season, action in ((1, 1, "demo"), (2, 2, "import")):
            con.execute(text(
                "INSERT INTO entry (id, season_id, number, driver_id, team_id, car_id, "
                "class_id, gentleman, full_season, created_at, updated_at) VALUES "
                f"({entry_id}, {season}, '7', 1, 1, {season}, {season}, 0, 1, "
                "'2021-01-01 00:00:00', '2021-01-01 00:00:00')"))
            con.execute(text(
                "INSERT INTO audit (at, user, action, entity, entity_id, before, after) "
                f"VALUES ('2021-01-01 00:00:00', 'u', '{action}', 'entry', '{entry_id}', "
                "'', '')"))
    engine.dispose()

    db, _ = open_sqlite(path)
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        demo = dict(con.execute(text("SELECT year, demo FROM season")).all())
        assert demo == {2021: 1, 2022: 0}
        assert con.execute(text("SELECT count(*) FROM entry_withdrawal")).scalar() == 0
    db.close()


def test_the_downgrade_takes_the_columns_away_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    schema.upgrade(engine, "0010_demo_withdraw")
    from alembic import command

    with engine.begin() as con:
        command.downgrade(schema.alembic_config(connection=con), "0009_seasons")
        columns = {row[1] for row in con.execute(text("PRAGMA table_info(season)"))}
        tables = {row[0] for row in con.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert "demo" not in columns and "entry_withdrawal" not in tables
    engine.dispose()
