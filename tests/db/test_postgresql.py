"""The same schema and services on PostgreSQL (the paddock's multi-workstation set-up).

Runs when PADDOCK_TEST_POSTGRES names an empty database, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5433/postgres`` (needs ``pip install
'psycopg[binary]'``); skipped otherwise. The schema in that database is dropped first.
"""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from paddock.db import schema
from paddock.db.engine import Database
from paddock.services import database as database_service
from paddock.services import entries, results, standings, tyres

URL = os.environ.get("PADDOCK_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="PADDOCK_TEST_POSTGRES not set")


@pytest.fixture
def pg() -> Iterator[Database]:
    assert URL is not None
    db = Database(URL)
    with db.engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
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
