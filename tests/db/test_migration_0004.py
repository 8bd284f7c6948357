"""Migration 0004 (grid amendments, points scale) on a database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite


def test_upgrading_a_results_database_gives_its_seasons_the_default_points_scale(
    tmp_path: Path,
) -> None:
    """Last month's database keeps its results and scores by the series' default scale."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0003_results")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        for year in (2021, 2022):
            con.execute(text(
                "INSERT INTO season (year, name, age_reference, rookie_max_age, junior_max_age, "
                "current_car, slick_quota, carry_over_limit, classified_share_pct, "
                "drive_through_s, stop_and_go_s, number_all_starters, created_at) VALUES "
                f"({year}, 'S', '{year}-01-01', 23, 23, '992', 8, 4, 75, 30, 40, 1, "
                "'2021-01-01 00:00:00')"))
        con.execute(text("INSERT INTO event (id, season_id, number, short_name, name, "
                         "provisional_month, pole_side, time_zone) VALUES "
                         "(1, 1, 1, 'sebring', 'Sebring', '', 'left', 'UTC')"))
        con.execute(text("INSERT INTO session (id, event_id, code, name, kind, race_number, "
                         "sort_order) VALUES (1, 1, 'R1', 'Race 1', 'race', 1, 3)"))
        con.execute(text("INSERT INTO classification_revision (session_id, revision, reason, "
                         "payload, content_hash, published_by, published_at) VALUES "
                         "(1, 1, '', '[]', 'abc', 'u', '2021-03-20 20:00:00')"))
    engine.dispose()

    db, created = open_sqlite(path)
    assert not created
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        scales = con.execute(text("SELECT season_id, positions, pole_bonus, fastest_lap_bonus "
                                  "FROM season_points ORDER BY season_id")).all()
        # Migration 0008 then gives 2021 (only) its +5 for each race's class pole.
        assert scales == [(1, "25,20,17,14,12,10,9,8,7,6,5,4,3,2,1", 5, 0),
                          (2, "25,20,17,14,12,10,9,8,7,6,5,4,3,2,1", 0, 0)]
        assert con.execute(text("SELECT count(*) FROM grid_adjustment")).scalar() == 0
        assert con.execute(text("SELECT content_hash FROM classification_revision")).scalar() \
            == "abc"
    db.close()


def test_downgrading_0004_removes_its_tables_only(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    schema.upgrade(engine, "0004_grids_points")
    from alembic import command

    command.downgrade(schema.alembic_config(engine), "0003_results")
    with engine.connect() as con:
        tables = {r[0] for r in con.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))}
    engine.dispose()
    assert "grid_adjustment" not in tables and "season_points" not in tables
    assert {"season", "penalty", "classification_revision"} <= tables
