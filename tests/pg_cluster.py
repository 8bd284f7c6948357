"""A throw-away PostgreSQL cluster in a temporary folder, for the tests and the benchmarks.

tests/conftest.py starts one for a test session; benchmarks/ import this module (adding
the project folder to ``sys.path``) to start their own the same way.
"""

from __future__ import annotations

import os
from pathlib import Path


def postgres_bin(name: str) -> str | None:
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster in a temporary folder, run by an unprivileged user.

    Args:
        durable: keep the server's own defaults (fsync, synchronous commit), as a paddock's
            server runs, for the benchmarks; the tests turn them off to go faster.

    Raises:
        RuntimeError: why no cluster could be started (psycopg or PostgreSQL missing, ...).
    """

    def __init__(self, *, durable: bool = False) -> None:
        import shutil
        import subprocess
        import tempfile

        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise RuntimeError("psycopg is not installed (pip install -e '.[test]')") from None
        initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
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
        self.port = free_port()

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
                  + ("" if durable else "-c fsync=off -c synchronous_commit=off "
                                        "-c full_page_writes=off ")
                  + "-c max_connections=200",
            "start")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        import shutil
        from contextlib import suppress

        with suppress(Exception):
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self, name: str) -> str:
        """Create an empty database on the cluster; return its URL."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        server = create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as con:
                con.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 '
                                 "ENCODING 'UTF8'"))
        finally:
            server.dispose()
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)
