"""`paddock verify`: the official record checks itself.

Every official revision of every season is read back as stored and its hash worked out
again; a revision whose text or recorded hash was changed outside Paddock is named. The
backup copies kept before each publication are opened read-only, checked page by page and
their revisions checked the same way, since a backup nobody can restore from is found
out the day it is needed, too late.
Last, SQLite checks the database file itself.

Nothing is written: verify may run while the window is open, as often as wanted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlmodel import col, select

from paddock.db import checks
from paddock.db.engine import Database
from paddock.db.models import Event, PublishedRevision, RaceSession, Season
from paddock.services.revision_hash import stored_hash


@dataclass(frozen=True)
class VerifyReport:
    """What `verify_database` checked and what it found.

    Attributes:
        revisions: official revisions whose hash was recomputed.
        backups: backup copies opened and checked.
        integrity_checked: whether the database engine's own check ran (SQLite only).
        problems: one line each, naming what does not match; empty when all is well.
    """

    revisions: int
    backups: int
    integrity_checked: bool
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The one line a clean check prints."""
        integrity = "integrity ok" if self.integrity_checked else "integrity checked by the server"
        return (f"verified: {_count(self.revisions, 'revision')}, "
                f"{_count(self.backups, 'backup')}, {integrity}")

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "revisions": self.revisions, "backups": self.backups,
                "integrity_checked": self.integrity_checked, "problems": list(self.problems)}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def verify_database(db: Database) -> VerifyReport:
    """Recompute every official revision's hash, check the backups and the file itself.

    Return:
        The counts checked and every problem found; never raises for a mismatch, so one
        altered revision does not hide a damaged backup.
    """
    problems: list[str] = []
    integrity = checks.integrity_problems(db)
    problems.extend(f"integrity_check: {line}" for line in integrity)
    try:
        revisions = _revision_problems(db, problems)
    except SQLAlchemyDatabaseError as exc:
        # A file broken badly enough that the revisions cannot be read at all.
        problems.append(f"revisions: unreadable ({exc.orig})")
        revisions = 0
    files = checks.backup_files(db)
    for path in files:
        backup = checks.check_backup(path)
        if backup.problem is not None:
            problems.append(f"backup {path.name}: {backup.problem}")
        # A copy to restore from must hold the record as published, too.
        problems.extend(f"backup {path.name}: {line}" for line in _altered(backup.revisions))
    return VerifyReport(revisions=revisions, backups=len(files),
                        integrity_checked=db.is_sqlite, problems=tuple(problems))


def _revision_problems(db: Database, problems: list[str]) -> int:
    """Check every stored revision against its recorded hash; return how many there are."""
    with db.reader() as s:
        rows = s.exec(
            # sqlmodel's select() is typed for at most 4 columns, this one has more.
            select(  # type: ignore[call-overload]
                   Season.year, Event.short_name, RaceSession.code, PublishedRevision.session_id,
                   PublishedRevision.revision, PublishedRevision.payload,
                   PublishedRevision.content_hash)
            .select_from(PublishedRevision)
            # Outer joins: a revision whose session was deleted by hand is still checked.
            .outerjoin(RaceSession, col(PublishedRevision.session_id) == RaceSession.id)
            .outerjoin(Event, col(RaceSession.event_id) == Event.id)
            .outerjoin(Season, col(Event.season_id) == Season.id)
            .order_by(Season.year, Event.number, RaceSession.sort_order,
                      PublishedRevision.revision)
        ).all()
    problems.extend(_altered([checks.StoredRevision(*row) for row in rows]))
    return len(rows)


def _altered(revisions: Sequence[checks.StoredRevision]) -> list[str]:
    """One line for each revision whose stored text does not give its recorded hash."""
    years = {r.year for r in revisions}
    found = []
    for r in revisions:
        digest = stored_hash(r.payload)
        if digest == r.content_hash:
            continue
        if r.session is None or r.event is None:
            label = f"session #{r.session_id} (no longer in the calendar)"
        else:
            label = f"{r.event} {r.session}" if len(years) <= 1 else \
                f"{r.year} {r.event} {r.session}"
        found.append(f"{label} revision {r.revision}: altered outside Paddock (hash "
                     f"{digest or 'none: the stored text is not JSON'}, published as "
                     f"{r.content_hash})")
    return found
