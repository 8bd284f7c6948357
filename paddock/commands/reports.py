"""`paddock report ...`: documents as PDF files."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from paddock.errors import PaddockError

DOCUMENTS = ["entry-list", "tyres", "grid", "classification", "standings", "event-pack"]


def cmd_report(args: argparse.Namespace) -> int:
    from paddock.cli import _db, _write_output
    from paddock.services import documents

    with _db(args) as db:
        if args.document == "entry-list":
            data = documents.entry_list_pdf(db, event=args.event)
        else:
            raise PaddockError(f"the {args.document} report is not available yet")
    _write_output(args.output, data)
    return 0


def register(sub: argparse._SubParsersAction, add_db: Callable[..., None]) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="write a document as PDF")
    add_db(p)
    p.add_argument("document", choices=DOCUMENTS)
    p.add_argument("--event", metavar="EVENT", help="event number or short name")
    p.add_argument("--session", metavar="SESSION")
    p.add_argument("--race", type=int, choices=[1, 2])
    p.add_argument("--class", dest="class_name", metavar="C")
    p.add_argument("--by-class", action="store_true")
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    p.set_defaults(handler=cmd_report)
