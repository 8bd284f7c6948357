"""`paddock verify`: is everything still as it was written?

Every official revision's hash is recomputed from its stored text, the database file is
checked by SQLite, and every kept backup is read back. Nothing is changed; the answer
names what does not match, so an official knows what to restore or report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import col, select

from paddock.db.engine import Database
from paddock.db.integrity import backup_problems, database_problems
from paddock.db.models import Event, PublishedRevision, RaceSession
from paddock.services.revision_hash import RevisionAltered, check_revision


@dataclass(frozen=True)
class Verification:
    revisions: int
    backups: int
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "revisions": self.revisions, "backups": self.backups,
                "problems": list(self.problems)}


def verify(db: Database) -> Verification:
    """Check the official record, the file and the backups; change nothing."""
    problems: list[str] = []
    with db.reader() as s:
        rows = s.exec(
            select(PublishedRevision, RaceSession.code, Event.short_name)
            .join(RaceSession, col(PublishedRevision.session_id) == RaceSession.id)
            .join(Event, col(RaceSession.event_id) == Event.id)
            .order_by(col(Event.number), col(RaceSession.id), col(PublishedRevision.revision))
        ).all()
    for revision, code, event in rows:
        try:
            check_revision(f"{event} {code}", revision.revision, revision.payload,
                           revision.content_hash)
        except RevisionAltered as exc:
            problems.append(str(exc))
    problems.extend(database_problems(db))
    backups = 0
    if db.path is not None:
        backups, wrong = backup_problems(db.path)
        problems.extend(wrong)
    return Verification(len(rows), backups, tuple(problems))
