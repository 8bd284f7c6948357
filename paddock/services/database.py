"""Finding and opening the database; the one handle every service takes.

The UI and the CLI get their `Database` from here, so neither imports `paddock.db`.

A new database is built whole before it appears (see `paddock.db.engine.building_sqlite`):
a first start or an ``init --demo-weekend`` killed part-way leaves no half-filled file.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError

from paddock.db import schema
from paddock.db.engine import (
    AlreadyExists,
    Database,
    Notify,
    building_sqlite,
    environment_errors,
    keep_aside,
    open_existing_sqlite,
)
from paddock.errors import DatabaseError

__all__ = ["Database", "default_path", "init_database", "open_database", "resolve_path"]

ENV_VAR = "PADDOCK_DB"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Paddock", appauthor=False) / "paddock.db"


def _given(path: Path | str | None) -> str | Path:
    if path:
        return path
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    return default_path()


def resolve_path(path: Path | str | None = None) -> Path:
    """``--db PATH``, else ``PADDOCK_DB``, else the platform's user data dir.

    Raises:
        DatabaseError: the setting is a URL (a server), not a file.
    """
    target = resolve_target(path)
    if isinstance(target, str):
        raise DatabaseError(f"{_safe(target)} is a database server, not a file")
    return target


def resolve_target(path: Path | str | None = None) -> Path | str:
    """The database file, or a server URL (``postgresql://...``) as a string.

    A URL is never taken as a file name: ``PADDOCK_DB=postgresql+psycopg://...`` must not
    leave a local file named like the URL. ``sqlite:///PATH`` is the file PATH.
    """
    given = _given(path)
    if isinstance(given, Path):
        return given.expanduser()
    if given.startswith("sqlite:///"):
        return Path(given[len("sqlite:///"):]).expanduser()
    if _URL.match(given):
        scheme = given.split("://", 1)[0].lower()
        if scheme not in _POSTGRES_SCHEMES:
            raise DatabaseError(f"{_safe(given)}: Paddock opens a database file or a "
                                "PostgreSQL server (postgresql://user@host/name), nothing else")
        return given
    return Path(given).expanduser()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def server_url(url: str) -> str:
    """The SQLAlchemy URL of a server given as ``postgresql://`` (psycopg 3 is the driver)."""
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def _open_server(url: str, *, create: bool = True) -> tuple[Database, bool]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseError(
            f"{_safe(url)}: PostgreSQL support is not installed "
            "(pip install 'psycopg[binary]'); nothing was created") from None
    db = Database(server_url(url))
    try:
        try:
            db.engine.connect().close()
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DatabaseError(f"cannot reach the database server {_safe(url)} "
                                f"({reason})") from exc
        with environment_errors(_safe(url)):
            if not create:
                with db.engine.connect() as con:
                    if schema.current_revision(con) is None:
                        raise DatabaseError(f"no Paddock database at {_safe(url)} (the "
                                            "database is empty): run `paddock init` first")
            created = schema.ensure_current(db.engine)
    except BaseException:
        db.close()
        raise
    return db, created


def _populate(db: Database, *, demo: bool, weekend: bool = False,
              year: int | None = None) -> None:
    from paddock.services import entries
    from paddock.services.new_season import seed_new_season
    from paddock.services.seed import seed_season_2021

    with db.transaction() as session:
        if demo or year is None:
            season = seed_season_2021(session)
            # Marked so the window and every document printed from it say so.
            season.demo = demo
        else:
            seed_new_season(session, year)
        if demo:
            from paddock.services.demo import PART_SEASON, demo_entries

            for view in entries.add_many(session, demo_entries(), action="demo"):
                if view.number in PART_SEASON:
                    entry = session.get_one(entries.Entry, view.id)
                    entries.enter_events(session, entry, PART_SEASON[view.number])
    if demo and weekend:
        # The weekends go through the public services, one transaction each, so they run
        # once the season and the field are committed (in the file being built).
        from paddock.services.demo_weekend import populate_demo_weekend

        populate_demo_weekend(db)


def open_database(path: Path | str | None = None, *, demo_if_new: bool = False,
                  demo_weekend: bool = False, notify: Notify | None = None,
                  create: bool = True) -> Database:
    """Open the database, creating it with the season (and the demo field) when new.

    Args:
        demo_if_new: a new database gets the fictional demo field.
        demo_weekend: ... and the first weekends run (results, penalties, tyres), as the
            app does on its first start so every page has something to show.
        notify: where to say that the schema is being upgraded (default: stderr).
        create: make the database when there is none (False: refuse, as `verify` does).

    Raises:
        DatabaseError: not a Paddock database, newer than this program, or unusable;
            the file is left as it was.
    """
    target = resolve_target(path)
    if isinstance(target, str):
        db, created = _open_server(target, create=create)
        if created:
            try:
                _populate(db, demo=demo_if_new, weekend=demo_weekend)
            except BaseException:
                db.close()
                raise
        return db
    if not target.exists():
        if not create:
            raise DatabaseError(f"no database at {target}: run `paddock init` to create one")
        try:
            with building_sqlite(target) as new:
                _populate(new, demo=demo_if_new, weekend=demo_weekend)
        except AlreadyExists:
            pass  # another first start made it meanwhile: open theirs
    if notify is None:
        return open_existing_sqlite(target)
    return open_existing_sqlite(target, notify=notify)


def _is_empty_file(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def init_database(path: Path | str | None = None, *, demo: bool = False,
                  demo_weekend: bool = False, force: bool = False,
                  year: int | None = None) -> Path | str:
    """Create a new database with the season; refuse an existing one unless ``force``.

    Args:
        year: the season a new (non-demo) database starts with, from the series'
            defaults (`paddock.services.new_season`); None: the 2021 season as announced.

    With ``force`` the old file is kept beside the new one as ``NAME.replaced-TIMESTAMP``
    (with its journal): nothing an official typed is ever thrown away by a command. The
    new database is built whole beside the target and moved into place at the end.

    Return:
        The path of the new database (a server's URL, without its password, for a server).
    """
    target = resolve_target(path)
    if isinstance(target, str):
        db, created = _open_server(target)
        try:
            if not created:
                raise DatabaseError(f"{_safe(target)} already holds a Paddock database; "
                                    "nothing was changed")
            _populate(db, demo=demo or demo_weekend, weekend=demo_weekend, year=year)
        finally:
            db.close()
        return _safe(target)
    file = target
    exists = file.exists() or file.is_symlink()
    if exists and file.is_dir():
        raise DatabaseError(f"{file} is a folder, not a database file; nothing was changed")
    if exists and not file.is_file():
        raise DatabaseError(f"{file} is not a regular file (a pipe or a device?); nothing "
                            "was changed")
    if exists and not force:
        what = "an empty file" if _is_empty_file(file) else "a database"
        raise DatabaseError(
            f"{what} already exists at {file}; nothing was changed (use --force to replace "
            "it; the old file is kept as a copy)"
        )

    def keep_old(old: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        # Kept under a second name, then the new file replaces the first in one step:
        # killed at any moment, the name holds the old database or the new one.
        return keep_aside(old, old.with_name(f"{old.name}.replaced-{stamp}"))

    try:
        with building_sqlite(file, replace=force, keep_old=keep_old) as new:
            _populate(new, demo=demo or demo_weekend, weekend=demo_weekend, year=year)
    except AlreadyExists:
        raise DatabaseError(f"a database was created at {file} meanwhile by another Paddock; "
                            "nothing was changed") from None
    return file


def open_demo_database(folder: Path | None = None) -> Database:
    """A new demo database (2021, the fictional field, the first weekends run) to look at.

    Built in ``folder`` (default: a new temporary folder), never at the user's database:
    ``paddock --demo`` shows the demo and leaves the real season alone. The caller removes
    the folder when done (``db.path.parent``).
    """
    import tempfile

    where = folder if folder is not None else Path(tempfile.mkdtemp(prefix="paddock-demo-"))
    path = where / "demo.db"
    init_database(path, demo_weekend=True, force=path.exists())
    return open_existing_sqlite(path)


def save_copy(db: Database, target: Path) -> Path:
    """Save a copy of the open database (a file or a server's) as the file ``target``.

    The copy is made from one consistent snapshot and checked (`paddock copy`) beside the
    target, then put in its place: ``target`` holds the old file or the whole copy, never
    half of one. A target that exists is replaced (the window's save dialog asked).

    Raises:
        DatabaseError: ``target`` is the open database itself, a folder, or the copy
            cannot be written or does not verify; nothing was changed.
    """
    from paddock.services.copy import copy_database

    target = target.expanduser().absolute()
    if db.path is not None and target.exists() and target.resolve() == db.path.resolve():
        raise DatabaseError(f"{target} is the open database; choose another file for the "
                            "copy; nothing was changed")
    if target.is_dir():
        raise DatabaseError(f"{target} is a folder; choose a file name for the copy")
    partial = target.with_name(f".{target.name}.copy-{os.getpid()}")
    try:
        copy_database(db.location, partial)
        os.replace(partial, target)
    except OSError as exc:
        raise DatabaseError(f"the copy could not be saved at {target}: "
                            f"{exc.strerror or exc}; nothing was changed") from exc
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            if leftover.exists():
                leftover.unlink()
    return target
