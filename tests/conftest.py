"""Test configuration shared by every test package.

Qt needs a platform before the first QApplication: without a display it would abort the
whole pytest process, so the offscreen platform is set here, before pytest-qt starts.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_cluster import Cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the user's real database.
os.environ.pop("PADDOCK_DB", None)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def imsa_data() -> Path:
    """The folder of real Al Kamel exports beside the project; skip when it is absent."""
    folder = SHARED_DATA / "imsa"
    if not folder.is_dir():
        pytest.skip(f"real timing files not present at {folder}")
    return folder


# --- a throw-away PostgreSQL server -----------------------------------------------------------
#
# The services, CLI and concurrency tests that matter run on both engines (the `engine`
# fixture in tests/db/engines.py). PADDOCK_TEST_POSTGRES names a server to use (a URL whose
# user may create databases); else, when PostgreSQL is installed (Debian: `postgresql`,
# which `scripts/setup --test` installs), a cluster is made in a temporary folder (by
# tests/pg_cluster.py, which the benchmarks use too), started on a free port of 127.0.0.1
# for the session and stopped at its end. Anything that keeps it from starting skips the
# PostgreSQL tests with the reason: CI never fails for that.

POSTGRES_ENV = "PADDOCK_TEST_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a PostgreSQL server whose user may create databases; else a skip."""
    # A publish on a server keeps a pg_dump: in a temporary folder, never the user's.
    dumps = tmp_path_factory.mktemp("server-backups")
    os.environ["PADDOCK_SERVER_BACKUPS"] = str(dumps)
    given = os.environ.get(POSTGRES_ENV)
    if given:
        yield given
        return
    try:
        cluster = Cluster()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    os.environ[POSTGRES_ENV] = cluster.url
    try:
        yield cluster.url
    finally:
        os.environ.pop(POSTGRES_ENV, None)
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server (dropped after the test)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"paddock_test_{uuid.uuid4().hex[:12]}"
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as con:
            con.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        yield make_url(postgres_server).set(database=name).render_as_string(
            hide_password=False)
        with server.connect() as con:
            con.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        server.dispose()
