"""`paddock copy --from SRC --to DST [--json]`: a whole database, SQLite ⇄ PostgreSQL.

Exit 0 with one line (``copied 12,345 rows in 21 tables from A to B; 7 revisions
verified``); exit 1 when the target is not empty or the copy does not verify (nothing was
copied). With ``--json``: ``{"from", "to", "rows": {table: n}, "total_rows",
"revisions_verified"}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

AddDb = Callable[[argparse.ArgumentParser], None]


def cmd_copy(args: argparse.Namespace) -> int:
    from paddock.services.copy import copy_database

    result = copy_database(args.source, args.target)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        print(f"copied {result.total:,} rows in {len(result.rows)} tables from "
              f"{result.source} to {result.target}; {result.revisions} official "
              "revisions verified")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``copy`` to the ``paddock`` parser."""
    p = subparsers.add_parser(
        "copy", help="copy a whole database (file or server) to a new one",
        description="Copy a whole Paddock database between SQLite files and PostgreSQL "
        "servers, either way. The target must be new (a file that does not exist, or an "
        "empty server database): a copy never merges. The copy is checked (row counts, "
        "every official revision's hash) before it counts as done.")
    p.add_argument("--from", dest="source", required=True, metavar="SRC",
                   help="the database to copy: a file or postgresql://user@host:port/name")
    p.add_argument("--to", dest="target", required=True, metavar="DST",
                   help="a new file, or an empty server database")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_copy)
