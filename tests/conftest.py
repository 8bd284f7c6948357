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
# which `scripts/setup --test` installs), a cluster is made in a temporary folder, started
# on a free port of 127.0.0.1 for the session and stopped at its end. Anything that keeps
# it from starting skips the PostgreSQL tests with the reason: CI never fails for that.

POSTGRES_ENV = "PADDOCK_TEST_POSTGRES"


def _postgres_bin(name: str) -> str | None:
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Cluster:
    """A PostgreSQL cluster in a temporary folder, run by an unprivileged user."""

    def __init__(self) -> None:
        import shutil
        import subprocess
        import tempfile

        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise RuntimeError("psycopg is not installed (pip install -e '.[test]')") from None
        initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt install postgresql)")
        self.pg_ctl = pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="paddock-pg-"))
        self.data = self.folder / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            # initdb refuses root: run the cluster as the 'postgres' user (or nobody).
            import pwd

            for user in ("postgres", "nobody"):
                try:
                    entry = pwd.getpwnam(user)
                except KeyError:
                    continue
                runuser = shutil.which("runuser")
                if runuser is None:
                    break
                os.chown(self.folder, entry.pw_uid, entry.pw_gid)
                self.prefix = [runuser, "-u", user, "--"]
                break
            else:
                raise RuntimeError("running as root with no unprivileged user for PostgreSQL")
            if not self.prefix:
                raise RuntimeError("running as root and `runuser` is missing")
        self.folder.chmod(0o755)
        self.port = _free_port()

        def run(*argv: str) -> None:
            done = subprocess.run([*self.prefix, *argv], capture_output=True, text=True,
                                  timeout=120, cwd=self.folder)
            if done.returncode:
                raise RuntimeError(f"{Path(argv[0]).name} failed: "
                                   f"{(done.stderr or done.stdout).strip()[-400:]}")

        self._run = run
        run(initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync")
        run(pg_ctl, "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60",
            "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                  "-c max_connections=200",
            "start")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        import shutil
        from contextlib import suppress

        with suppress(Exception):
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


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
        cluster = _Cluster()
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
