"""The unit of work: a writer holds the lock from its start; a server conflict is retried."""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from paddock.db.engine import ConflictError, open_sqlite
from paddock.db.models import AuditRecord


def test_a_writer_holds_the_write_lock_from_its_first_statement(tmp_path: Path) -> None:
    """Even a unit of work that has only read so far keeps another writer out."""
    db, _ = open_sqlite(tmp_path / "p.db")
    started, release = threading.Event(), threading.Event()

    def desk() -> None:
        with db.transaction() as s:
            s.exec(select(AuditRecord)).all()  # the "may I?" read
            started.set()
            release.wait(5)
            s.add(AuditRecord(user="desk 1", action="a", entity="e"))

    worker = threading.Thread(target=desk)
    worker.start()
    assert started.wait(5)
    other = sqlite3.connect(tmp_path / "p.db", timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    # A reader is not blocked meanwhile.
    assert other.execute("SELECT count(*) FROM audit").fetchone() == (0,)
    release.set()
    worker.join()
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    db.close()


def test_write_runs_the_work_again_after_a_conflict_and_keeps_only_the_last(
    tmp_path: Path,
) -> None:
    db, _ = open_sqlite(tmp_path / "p.db")
    attempts: list[int] = []

    def work(s: Session) -> int:
        attempts.append(len(attempts) + 1)
        s.add(AuditRecord(user=f"attempt {len(attempts)}", action="a", entity="e"))
        s.flush()
        if len(attempts) < 3:
            raise ConflictError("another desk changed the same data at the same moment")
        return len(attempts)

    assert db.write(work) == 3
    with db.reader() as s:
        assert [r.user for r in s.exec(select(AuditRecord))] == ["attempt 3"]
    attempts.clear()
    with pytest.raises(ConflictError):
        db.write(work, attempts=2)
    db.close()


def test_the_busy_timeout_is_waited_before_giving_up(tmp_path: Path) -> None:
    """A lock held briefly by another desk is waited for, not reported."""
    db, _ = open_sqlite(tmp_path / "p.db")
    holder = sqlite3.connect(tmp_path / "p.db", isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("ROLLBACK")).start()
    start = time.monotonic()
    with db.transaction() as s:
        s.add(AuditRecord(user="u", action="a", entity="e"))
    assert 0.3 < time.monotonic() - start < 4
    holder.close()
    db.close()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (sqlite3.OperationalError("database is locked"),
         "another desk is writing; try again (nothing was written)"),
        (sqlite3.OperationalError("database or disk is full"),
         "the disk holding p.db is full; nothing was written (free some space)"),
        (sqlite3.OperationalError("attempt to write a readonly database"),
         "p.db is read-only; nothing was written"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: tyre.season_id, tyre.barcode"),
         "the change conflicts with a record saved meanwhile (UNIQUE constraint failed: "
         "tyre.season_id, tyre.barcode); nothing was written, try again"),
    ],
)
def test_the_environments_faults_are_one_line(error: Exception, message: str) -> None:
    from paddock.db.engine import environment_errors
    from paddock.errors import DatabaseError

    with pytest.raises(DatabaseError) as raised, environment_errors("p.db"):
        raise error
    assert str(raised.value) == message


def test_a_bug_stays_a_traceback() -> None:
    from paddock.db.engine import environment_errors

    with pytest.raises(sqlite3.ProgrammingError), environment_errors("p.db"):
        raise sqlite3.ProgrammingError("Incorrect number of bindings supplied")


def test_a_full_disk_while_copying_a_file_is_named_as_such() -> None:
    from paddock.db.engine import describe_failure

    assert describe_failure(OSError(errno.ENOSPC, "No space left on device"), "p.db") == (
        "the disk holding p.db is full; nothing was written (free some space)")
