"""`paddock report ...`: documents as PDF files.

::

    paddock report entry-list [--event EVENT] -o FILE.pdf
    paddock report classification --event EVENT --session SESSION
                                  [--class C] [--by-class] [--revision N] -o FILE.pdf
    paddock report grid --event EVENT --race 1|2 -o FILE.pdf
    paddock report tyres --event EVENT [--no-barcodes] -o FILE.pdf
    paddock report standings [--class C] -o FILE.pdf
    paddock report results-by-class --event EVENT --session R1 [--class C] -o FILE.pdf
    paddock report season-entry-list -o FILE.pdf
    paddock report event-pack --event EVENT -o FOLDER   (and NN-...-event-pack.pdf: all
                                                         of them behind a cover and index)

Which documents there are, what options each needs and how each is made is the
catalogue's (`paddock.services.catalogue`), which the window and the event pack read too.

Exit 1 with the reason on stderr (nothing written) for an unknown event, session or
class, a session without results, an output folder that does not exist, or an output
that would overwrite the database, its -wal/-shm/-journal files or its backups; exit 2
when a document's required option is missing. A document is written whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

PACK = "event-pack"


def _usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with the options given for the document asked (empty: nothing)."""
    if args.document == PACK:
        return "" if args.event is not None else "the event-pack report needs --event"
    from paddock.errors import NotFound
    from paddock.services.catalogue import document_type

    try:
        document = document_type(_key(args))
    except NotFound as exc:
        return f"{exc.message} (or {PACK})"
    missing = [f"--{name}" for name in document.required if _option(args, name) is None]
    if missing:
        return f"the {args.document} report needs {' and '.join(missing)}"
    if args.by_class and args.document != "classification":
        return "--by-class is for the classification report"
    takes = set(document.required) | set(document.optional)
    for name, flag in (("class_name", "--class"), ("revision", "--revision"),
                       ("car", "--car"), ("decision", "--decision"),
                       ("session", "--session"), ("race", "--race")):
        if _option(args, name) is not None and name not in takes:
            return f"{flag} is not an option of the {args.document} report"
    if args.no_barcodes and "barcodes" not in takes:
        return "--no-barcodes is for the tyres report"
    return ""


def _key(args: argparse.Namespace) -> str:
    # `--by-class` makes a race's classification its results by class (one table per class).
    if args.document == "classification" and args.by_class:
        return "results-by-class"
    return str(args.document)


def _option(args: argparse.Namespace, name: str) -> object:
    if name == "barcodes":
        return False if args.no_barcodes else None
    return getattr(args, name, None)


def cmd_report(args: argparse.Namespace) -> int:
    from paddock.commands.common import open_db as _db
    from paddock.commands.common import write_output as _write_output

    problem = _usage_problem(args)
    if problem:
        args.report_parser.print_usage(sys.stderr)
        print(f"paddock report: error: {problem}", file=sys.stderr)
        return 2
    if args.document == PACK:
        return _event_pack(args)
    from paddock.services.catalogue import build

    db_path = _check_output(args)
    with _db(args) as db:
        data = build(db, _key(args), **{name: _option(args, name) for name in OPTIONS})
    _write_output(args.output, data, db_path)
    return 0


#: The options a document may take (`paddock.services.catalogue.OPTIONS`).
OPTIONS = ("event", "session", "race", "class_name", "car", "decision", "revision", "barcodes")


def _check_output(args: argparse.Namespace) -> Path | None:
    """Refuse before any work a place the document cannot go (checked again on writing).

    Return:
        The database file the command opens, which the document must not overwrite
        (None for a server database: there is no file of ours to protect).
    """
    from paddock.services.database import resolve_target
    from paddock.services.output_paths import check_output_file

    target = resolve_target(args.db)
    db_path = target if isinstance(target, Path) else None
    check_output_file(args.output, db_path)
    return db_path


def _event_pack(args: argparse.Namespace) -> int:
    from paddock.commands.common import open_db as _db
    from paddock.services.documents import event_pack

    with _db(args) as db:
        pack = event_pack(db, event=args.event, folder=args.output)
    for item in pack.written:
        print(f"wrote {item.path} ({item.size:,} bytes): {item.title}")
    if pack.combined is not None:
        item = pack.combined
        print(f"wrote {item.path} ({item.size:,} bytes): {item.title}")
    for reason in pack.skipped:
        print(f"skipped {reason}", file=sys.stderr)
    print(f"{len(pack.written)} document(s) in {pack.folder}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: Callable[..., None]) -> None:
    p = sub.add_parser(
        "report", help="write a document as PDF",
        description="Write a document as PDF (event-pack: every current document of an "
        "event into one folder).")
    add_db(p)
    # The documents are the catalogue's; checked when the command runs, so that
    # `paddock --help` does not load the services to list them.
    p.add_argument("document", metavar="DOCUMENT",
                   help="entry-list, classification, results-by-class, grid, tyres, "
                   "standings, season-entry-list, any other document of the catalogue, "
                   "or event-pack")
    p.add_argument("--event", metavar="EVENT", help="event number or short name")
    p.add_argument("--session", metavar="SESSION", help="FP1, FP2, Q, R1, R2")
    p.add_argument("--race", type=int, choices=[1, 2], help="the grid's race")
    p.add_argument("--class", dest="class_name", metavar="C", help="only this class")
    p.add_argument("--by-class", action="store_true",
                   help="a race's results, one table per class")
    p.add_argument("--revision", type=int, metavar="N",
                   help="a past official revision of the classification")
    p.add_argument("--car", metavar="NO", help="only this car (documents per car)")
    p.add_argument("--decision", metavar="NO", help="one stewards' decision")
    p.add_argument("--no-barcodes", action="store_true",
                   help="the tyre allocation sheet without the per-car barcode pages")
    p.add_argument("-o", "--output", required=True, metavar="PATH",
                   help="the PDF file (event-pack: the folder)")
    p.set_defaults(handler=cmd_report, report_parser=p)
