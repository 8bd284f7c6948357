"""Migration 0008 (drop rules per class) on a database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite

SEASON = (
    "INSERT INTO season (id, year, name, age_reference, rookie_max_age, junior_max_age, "
    "current_car, slick_quota, carry_over_limit, classified_share_pct, drive_through_s, "
    "stop_and_go_s, number_all_starters, created_at) VALUES "
    "({id}, {year}, 'S', '{year}-01-01', 23, 23, '992', 8, 4, 75, 30, 40, 1, "
    "'2021-01-01 00:00:00')")
POINTS = ("INSERT INTO season_points (season_id, positions, pole_bonus, fastest_lap_bonus) "
          "VALUES ({id}, '{positions}', {pole}, 0)")
DEFAULT = "25,20,17,14,12,10,9,8,7,6,5,4,3,2,1"


def test_classes_drop_nothing_and_an_untouched_2021_scale_takes_the_class_pole_bonus(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0007_session_facts")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        for id_, year, positions, pole in ((1, 2021, DEFAULT, 0), (2, 2020, DEFAULT, 0),
                                           (3, 2019, "20,15,10", 2)):
            con.execute(text(SEASON.format(id=id_, year=year)))
            con.execute(text(POINTS.format(id=id_, positions=positions, pole=pole)))
        con.execute(text("INSERT INTO race_class (season_id, name, sort_order, allowed_cars, "
                         "requires_gentleman) VALUES (1, 'Pro-Am', 1, '992', 1)"))
    engine.dispose()

    db, _ = open_sqlite(path)
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        assert con.execute(text("SELECT count(*) FROM season_drop_rule")).scalar() == 0
        poles = dict(con.execute(text(
            "SELECT s.year, p.pole_bonus FROM season_points p JOIN season s "
            "ON s.id = p.season_id")).all())
    # Only 2021 ran a pole bonus; a season whose scale someone set keeps it.
    assert poles == {2021: 5, 2020: 0, 2019: 2}
    db.close()

    from paddock.services.database import open_database
    from paddock.services.standings import points_scale

    with open_database(path) as opened:
        scale = points_scale(opened, year=2021)
    assert scale.pole_bonus == 5 and scale.drops == ()
