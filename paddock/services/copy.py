"""`paddock copy`: a whole database from one place to another, SQLite ⇄ PostgreSQL.

A laptop's season onto the paddock's server before the weekend, the server's onto a laptop
to take home. The target must be new (a file that does not exist, or a server database
with no rows): a copy never merges. Every table is copied in one transaction on the
target, from one consistent snapshot of the source; the copy is then checked (the same
number of rows in every table, every official revision's hash still matching) before it
counts as done. A new file appears only when the check passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paddock.db import copy as sql
from paddock.db.engine import Database, building_sqlite
from paddock.errors import DatabaseError
from paddock.services.database import _open_server, _safe, open_database, resolve_target

__all__ = ["CopyResult", "copy_database"]


@dataclass(frozen=True)
class CopyResult:
    source: str
    target: str
    rows: dict[str, int]
    revisions: int

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def to_json(self) -> dict[str, object]:
        return {"from": self.source, "to": self.target, "rows": self.rows,
                "total_rows": self.total, "revisions_verified": self.revisions}


def _fill(source: Database, target: Database) -> dict[str, int]:
    """Copy ``source`` into the empty ``target`` in one transaction; check the counts."""
    with sql.snapshot(source) as read:
        sql.check_schema(read, source.where)
        expected = sql.row_counts(read)

        def work(session: object) -> dict[str, int]:
            con = session.connection()  # type: ignore[attr-defined]
            sql.check_schema(con, target.where)
            present = {name: n for name, n in sql.row_counts(con).items() if n}
            if present:
                raise DatabaseError(_not_empty(target.where, present))
            copied = sql.copy_rows(read, con)
            sql.reset_sequences(con)
            counted = sql.row_counts(con)
            if copied != expected or counted != expected:
                wrong = sorted(t for t in expected if counted.get(t) != expected[t])
                raise DatabaseError(f"the copy does not hold the same rows as {source.where} "
                                    f"(tables {', '.join(wrong)}); nothing was copied")
            return counted

        with target.transaction() as session:
            return work(session)


def _not_empty(where: str, present: dict[str, int]) -> str:
    some = ", ".join(f"{name} {n}" for name, n in sorted(present.items())[:4])
    return (f"{where} is not empty ({some}...); a copy never merges: choose a new file or "
            "an empty server database; nothing was copied")


def _verify(source: Database, target: Database) -> int:
    """Every official revision of the copy checks as it did in the source."""
    from paddock.services.integrity import verify_database

    report = verify_database(target)
    if report.ok:
        return report.revisions
    before = set(verify_database(source).problems)
    new = [p for p in report.problems if p not in before]
    if new:
        raise DatabaseError(f"the copy at {target.where} does not verify: {new[0]}")
    return report.revisions


def copy_database(source: Path | str, target: Path | str) -> CopyResult:
    """Copy the whole database ``source`` to the new database ``target``.

    Args:
        source: a Paddock database file or server URL (it must exist).
        target: a file that does not exist yet, or a server database without rows.

    Raises:
        DatabaseError: the source is missing, the target is not empty, or the copy does
            not verify; then nothing was copied.
    """
    src_target, dst = resolve_target(source), resolve_target(target)
    if isinstance(dst, Path) and (dst.exists() or dst.is_symlink()):
        raise DatabaseError(f"{dst} already exists; a copy never merges: choose a new file; "
                            "nothing was copied")
    with open_database(src_target, create=False) as src:
        if isinstance(dst, Path):
            with building_sqlite(dst) as new:
                rows = _fill(src, new)
                revisions = _verify(src, new)
            return CopyResult(src.where, str(dst), rows, revisions)
        server, _created = _open_server(dst)
        try:
            rows = _fill(src, server)
            revisions = _verify(src, server)
        finally:
            server.close()
        return CopyResult(src.where, _safe(dst), rows, revisions)
