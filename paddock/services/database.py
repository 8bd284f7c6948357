"""Finding and opening the database; the one handle every service takes.

The UI and the CLI get their `Database` from here, so neither imports `paddock.db`.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from paddock.db.engine import Database, open_sqlite
from paddock.errors import DatabaseError

__all__ = ["Database", "default_path", "init_database", "open_database", "resolve_path"]

ENV_VAR = "PADDOCK_DB"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Paddock", appauthor=False) / "paddock.db"


def resolve_path(path: Path | str | None = None) -> Path:
    """``--db PATH``, else ``PADDOCK_DB``, else the platform's user data dir."""
    if path:
        return Path(path).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_path()


def _populate(db: Database, *, demo: bool, weekend: bool = False) -> None:
    from paddock.services import entries
    from paddock.services.seed import seed_season_2021

    with db.transaction() as session:
        seed_season_2021(session)
        if demo:
            from paddock.services.demo import PART_SEASON, demo_entries

            for view in entries.add_many(session, demo_entries(), action="demo"):
                if view.number in PART_SEASON:
                    entry = session.get_one(entries.Entry, view.id)
                    entries.enter_events(session, entry, PART_SEASON[view.number])
    if demo and weekend:
        # The weekends go through the public services, one transaction each, so they run
        # once the season and the field are committed.
        from paddock.services.demo_weekend import populate_demo_weekend

        populate_demo_weekend(db)


def open_database(path: Path | str | None = None, *, demo_if_new: bool = False,
                  demo_weekend: bool = False) -> Database:
    """Open the database, creating it with the season (and the demo field) when new.

    Args:
        demo_if_new: a new database gets the fictional demo field.
        demo_weekend: ... and the first weekends run (results, penalties, tyres), as the
            app does on its first start so every page has something to show.

    Raises:
        DatabaseError: not a Paddock database, newer than this program, or unusable;
            the file is left as it was.
    """
    file = resolve_path(path)
    db, created = open_sqlite(file)
    if created:
        try:
            _populate(db, demo=demo_if_new, weekend=demo_weekend)
        except Exception:
            db.close()
            raise
    return db


def init_database(path: Path | str | None = None, *, demo: bool = False,
                  demo_weekend: bool = False, force: bool = False) -> Path:
    """Create a new database with the season; refuse an existing one unless ``force``.

    With ``force`` the old file is kept beside the new one as ``NAME.replaced-TIMESTAMP``:
    nothing an official typed is ever thrown away by a command.

    Return:
        The path of the new database.
    """
    file = resolve_path(path)
    if file.exists() and file.stat().st_size > 0:
        if not force:
            raise DatabaseError(
                f"a database already exists at {file}; nothing was changed "
                "(use --force to replace it; the old file is kept as a copy)"
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        shutil.move(file, file.with_name(f"{file.name}.replaced-{stamp}"))
        for suffix in ("-wal", "-shm"):
            side = file.with_name(file.name + suffix)
            if side.exists():
                side.unlink()
    db, _created = open_sqlite(file)
    try:
        _populate(db, demo=demo or demo_weekend, weekend=demo_weekend)
    finally:
        db.close()
    return file
