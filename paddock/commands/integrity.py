"""`paddock verify [--json]`: the official record checks itself.

Recomputes every official revision's hash, checks the backup copies and the database
file's integrity. Exit 0 with one line (``verified: 12 revisions, 3 backups, integrity
ok``) when all matches; exit 1 naming each thing that does not, one line each on stderr.
With ``--json``: ``{"ok", "revisions", "backups", "integrity_checked", "problems"}`` on
stdout, whatever the outcome, and the same exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

AddDb = Callable[[argparse.ArgumentParser], None]


def cmd_verify(args: argparse.Namespace) -> int:
    from paddock.services.database import open_database
    from paddock.services.integrity import verify_database

    # create=False: a missing (or empty server) database is refused; made now, it would
    # verify as clean.
    with open_database(args.db, create=False) as db:
        path = db.where
        report = verify_database(db)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
    elif report.ok:
        print(report.summary())
    for problem in report.problems:
        print(f"paddock verify: {problem}", file=sys.stderr)
    if not report.ok:
        print(f"paddock verify: {len(report.problems)} problem(s) in {path}; "
              "restore from a backup (paddock backup list) and tell the chief timekeeper",
              file=sys.stderr)
    return 0 if report.ok else 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``verify`` to the ``paddock`` parser."""
    p = subparsers.add_parser(
        "verify", help="check every official revision's hash, the backups and the file",
        description="Recompute every official revision's hash, check the backup copies and "
        "the database's integrity; exit 1 naming what does not match.")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)
