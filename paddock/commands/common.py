"""What every command group shares: the database option, opening it, JSON and file output.

Command modules import from here, never from `paddock.cli`, so the entry point can import
every group without an import circle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

Handler = Callable[[argparse.Namespace], int]


class AddDb(Protocol):
    def __call__(self, parser: argparse.ArgumentParser, *, top: bool = False) -> None: ...


def add_db(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # --db is accepted before or after the sub-command; SUPPRESS keeps a later
    # sub-parser from overwriting a value given earlier with its default.
    parser.add_argument(
        "--db", metavar="PATH", default=None if top else argparse.SUPPRESS,
        help="database file, or a server: postgresql://user@host:port/name (default: "
        "$PADDOCK_DB, else the user data folder)",
    )


def open_db(args: argparse.Namespace) -> Any:
    from paddock.services.database import open_database

    return open_database(args.db)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def write_output(path: str, data: bytes, db_path: Path | None = None) -> None:
    """Write a document whole (never over the database, its companions or its backups)."""
    from paddock.services.output_paths import write_output as write_whole

    target = write_whole(path, data, db_path=db_path)
    print(f"wrote {target} ({len(data):,} bytes)", file=sys.stderr)
