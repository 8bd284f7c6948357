"""`paddock backup list|restore N`: the copies kept before publishes and upgrades.

- ``paddock backup list [--json]`` → newest first: number, time (UTC), label, size;
  JSON ``{"database": PATH, "backups": [{"number": 1, "time": ISO, "label": "...",
  "size": BYTES, "file": PATH}]}``.
- ``paddock backup restore N`` — restores copy N over the database (the current state is
  copied first); refused while another desk is writing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

AddDb = Callable[[argparse.ArgumentParser], None]


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} kB"


def cmd_backup_list(args: argparse.Namespace) -> int:
    from paddock.services.backups import list_backups

    database, backups = list_backups(args.db)
    if args.json:
        sys.stdout.write(json.dumps({"database": str(database),
                                     "backups": [b.to_json() for b in backups]},
                                    ensure_ascii=False) + "\n")
        return 0
    for b in backups:
        print(f"{b.number:>3}  {b.at:%Y-%m-%d %H:%M:%S}Z  {_size(b.size):>8}  {b.label}")
    print(f"{len(backups)} backup(s) of {database}"
          + (f" in {backups[0].file.parent}" if backups else ""), file=sys.stderr)
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from paddock.services.backups import restore_backup

    result = restore_backup(args.db, args.number)
    b = result.restored
    kept = (f"; the database as it was is kept at {result.previous}" if result.previous
            else " (there was no database file)")
    print(f"restored backup {b.number} ({b.at:%Y-%m-%d %H:%M:%S}Z, {b.label}) over "
          f"{result.database}{kept}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``backup list`` and ``backup restore`` to the ``paddock`` parser."""
    backup = subparsers.add_parser("backup", help="the copies kept before publishes")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    p = actions.add_parser("list", help="the kept copies, newest first")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup_list)
    p = actions.add_parser("restore", help="put copy N back as the database")
    add_db(p)
    p.add_argument("number", type=int, metavar="N", help="the copy's number in `backup list`")
    p.set_defaults(handler=cmd_backup_restore)
