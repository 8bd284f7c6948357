"""The same schema and services on PostgreSQL (the paddock's multi-workstation set-up).

Each test gets a new database on the test server (tests/conftest.py: a throw-away cluster,
or the server PADDOCK_TEST_POSTGRES names); skipped with the reason when there is none.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from paddock.db import schema
from paddock.db.engine import Database
from paddock.services import database as database_service
from paddock.services import entries, results, standings, tyres


@pytest.fixture
def pg(postgres_url: str) -> Iterator[Database]:
    db = Database(postgres_url)
    assert schema.ensure_current(db.engine)
    database_service._populate(db, demo=True, weekend=True)
    yield db
    db.close()


def test_the_demo_season_runs_the_same_on_postgresql(pg: Database) -> None:
    assert len(entries.list_entries(pg)) == 32
    r1 = results.session_results(pg, event="ctmp", session="R1")
    assert (r1.status, r1.revision) == ("official", 2)
    pro = standings.season_standings(pg, class_name="Pro").to_json()
    assert pro["drivers"][0]["position"] == 1
    barcode = tyres.event_tyres(pg, "2").tyres[0].barcode
    assert tyres.check_tyre(pg, event="2", barcode=barcode).legal


@pytest.fixture
def pg_field(postgres_url: str) -> Iterator[str]:
    """An empty PostgreSQL database with the season and the demo field (no tyres yet)."""
    db = Database(postgres_url)
    assert schema.ensure_current(db.engine)
    database_service._populate(db, demo=True)
    db.close()
    yield postgres_url


def test_two_desks_on_the_server_cannot_break_a_quota(pg_field: str, tmp_path: Path) -> None:
    """Writers lock at BEGIN on the server too: the later desk sees the first one's tyres."""
    from tests.db.desks import race

    outcomes = race(tmp_path, [
        ["--db", pg_field, "tyres", "register", "--event", "1", "--car", "7",
         *[f"PG{desk}X{i:04d}" for i in range(5)]] for desk in range(2)])
    for o in outcomes:
        assert "Traceback" not in o.stderr, o.stderr
    assert sorted(o.returncode for o in outcomes) == [0, 1], outcomes
    (loser,) = [o for o in outcomes if o.returncode]
    assert "would have 10 of 8" in loser.stderr, loser.stderr
    with Database(pg_field) as db:
        assert len(tyres.event_tyres(db, "1").tyres) == 5


def test_two_first_starts_on_one_server_make_one_season(postgres_url: str,
                                                        tmp_path: Path) -> None:
    from tests.db.desks import race

    url = postgres_url
    outcomes = race(tmp_path, [["--db", url, "entries", "list", "--json"] for _ in range(3)])
    for o in outcomes:
        assert "Traceback" not in o.stderr, o.stderr
    assert any(o.returncode == 0 for o in outcomes), outcomes
    with Database(url) as db, db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM season")).scalar() == 1


def test_a_publish_on_the_server_keeps_a_pg_dump_first(
        pg_field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from paddock.db import backup

    if backup.pg_dump_program() is None:
        pytest.skip("pg_dump is not installed")
    monkeypatch.setenv("PADDOCK_SERVER_BACKUPS", str(tmp_path / "dumps"))
    typed = tmp_path / "r1.csv"
    typed.write_text("number,laps,total_time,best_lap,status\n7,20,45:10.100,2:12.300,\n")
    with Database(pg_field) as db:
        results.import_results(db, event="1", session="R1", files=[typed])
        results.publish(db, event="1", session="R1")
        with pytest.raises(Exception, match="nothing changed"):
            results.publish(db, event="1", session="R1", reason="again")
    dumps = list((tmp_path / "dumps").rglob("*.dump"))
    assert [d.name.split("-", 1)[1] for d in dumps] == ["sebring-R1-publish.dump"]
    assert dumps[0].read_bytes().startswith(b"PGDMP")

    monkeypatch.setattr(backup, "pg_dump_program", lambda: None)
    with Database(pg_field) as db:
        results.add_penalty(db, event="1", session="R1", car="7", kind="time", seconds=5,
                            reason="Track limits")
        assert results.session_results(db, event="1", session="R1").revision == 2
    assert "no server backup before this change (pg_dump is not installed here)" in \
        capsys.readouterr().err
