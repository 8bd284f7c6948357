"""`paddock report ...`: documents as PDF files.

::

    paddock report entry-list [--event EVENT] -o FILE.pdf
    paddock report classification --event EVENT --session SESSION
                                  [--class C] [--by-class] [--revision N] -o FILE.pdf
    paddock report grid --event EVENT --race 1|2 -o FILE.pdf
    paddock report tyres --event EVENT [--no-barcodes] -o FILE.pdf
    paddock report standings [--class C] -o FILE.pdf
    paddock report event-pack --event EVENT -o FOLDER
    paddock report time-cards --event EVENT --session SESSION [--car NO] -o FILE.pdf
    paddock report fastest-laps|best-laps|best-sectors|pit-stops|flags|lap-chart
                   --event EVENT --session SESSION -o FILE.pdf

The lap documents come from the session's time cards: time cards (lap analysis, every car
or ``--car NO``), fastest laps (every car's best lap, the best per class), best laps (the
best 10 laps of every car, a document of its own), best sectors and the ideal lap, pit
stops, flags (laps under FCY / SC / red flag) and the lap chart (races only).

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

#: The documents made from a session's time cards (see paddock.services.lap_documents).
LAP_DOCUMENTS = ["time-cards", "fastest-laps", "best-laps", "best-sectors", "pit-stops",
                 "flags", "lap-chart"]
DOCUMENTS = ["entry-list", "tyres", "grid", "classification", "standings", "event-pack",
             *LAP_DOCUMENTS]

#: The options each document needs (beyond -o).
REQUIRED: dict[str, tuple[str, ...]] = {
    "classification": ("event", "session"),
    "grid": ("event", "race"),
    "tyres": ("event",),
    "event-pack": ("event",),
    **{name: ("event", "session") for name in LAP_DOCUMENTS},
}


def _usage_problem(args: argparse.Namespace) -> str:
    missing = [f"--{name}" for name in REQUIRED.get(args.document, ())
               if getattr(args, name) is None]
    if missing:
        return f"the {args.document} report needs {' and '.join(missing)}"
    if args.by_class and args.document != "classification":
        return "--by-class is for the classification report"
    if args.class_name and args.document not in ("classification", "standings"):
        return "--class is for the classification and standings reports"
    if args.revision is not None and args.document != "classification":
        return "--revision is for the classification report"
    if args.car is not None and args.document != "time-cards":
        return "--car is for the time-cards report"
    return ""


def cmd_report(args: argparse.Namespace) -> int:
    from paddock.cli import _db, _write_output

    problem = _usage_problem(args)
    if problem:
        args.report_parser.print_usage(sys.stderr)
        print(f"paddock report: error: {problem}", file=sys.stderr)
        return 2
    if args.document == "event-pack":
        return _event_pack(args)
    from paddock.services import documents

    db_path = _check_output(args)
    with _db(args) as db:
        if args.document == "entry-list":
            data = documents.entry_list_pdf(db, event=args.event)
        elif args.document == "classification":
            data = documents.classification_pdf(
                db, event=args.event, session=args.session, class_name=args.class_name,
                by_class=args.by_class, revision=args.revision)
        elif args.document == "grid":
            data = documents.grid_pdf(db, event=args.event, race=args.race)
        elif args.document in LAP_DOCUMENTS:
            from paddock.services.lap_documents import lap_document_pdf

            data = lap_document_pdf(db, args.document, event=args.event, session=args.session,
                                    car=args.car)
        elif args.document == "tyres":
            data = documents.tyres_pdf(db, event=args.event, barcodes=not args.no_barcodes)
        else:
            data = documents.standings_pdf(db, class_name=args.class_name)
    _write_output(args.output, data, db_path)
    return 0


def _check_output(args: argparse.Namespace) -> Path:
    """Refuse before any work a place the document cannot go (checked again on writing).

    Return:
        The database file the command opens, which the document must not overwrite.
    """
    from paddock.services.database import resolve_path
    from paddock.services.output_paths import check_output_file

    db_path = resolve_path(args.db)
    check_output_file(args.output, db_path)
    return db_path


def _event_pack(args: argparse.Namespace) -> int:
    from paddock.cli import _db
    from paddock.services.documents import event_pack

    with _db(args) as db:
        pack = event_pack(db, event=args.event, folder=args.output)
    for item in pack.written:
        print(f"wrote {item.path} ({item.size:,} bytes): {item.title}")
    for reason in pack.skipped:
        print(f"skipped {reason}", file=sys.stderr)
    print(f"{len(pack.written)} document(s) in {pack.folder}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, add_db: Callable[..., None]) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "report", help="write a document as PDF",
        description="Write a document as PDF (event-pack: every current document of an "
        "event into one folder). From a session's time cards: time-cards (lap analysis, "
        "--car NO for one car), fastest-laps (every car's best lap, best per class), "
        "best-laps (the best 10 laps of every car), best-sectors (and the ideal lap), "
        "pit-stops, flags (laps under FCY/SC/red flag), lap-chart (races).")
    add_db(p)
    p.add_argument("document", choices=DOCUMENTS)
    p.add_argument("--event", metavar="EVENT", help="event number or short name")
    p.add_argument("--session", metavar="SESSION", help="FP1, FP2, Q, R1, R2")
    p.add_argument("--car", metavar="NO", help="time-cards: only this car")
    p.add_argument("--race", type=int, choices=[1, 2], help="the grid's race")
    p.add_argument("--class", dest="class_name", metavar="C", help="only this class")
    p.add_argument("--by-class", action="store_true",
                   help="a race's results, one table per class")
    p.add_argument("--revision", type=int, metavar="N",
                   help="a past official revision of the classification")
    p.add_argument("--no-barcodes", action="store_true",
                   help="the tyre allocation sheet without the per-car barcode pages")
    p.add_argument("-o", "--output", required=True, metavar="PATH",
                   help="the PDF file (event-pack: the folder)")
    p.set_defaults(handler=cmd_report, report_parser=p)
