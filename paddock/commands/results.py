"""`paddock results ...`: timing imports, the classification, checks and publishing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from paddock.commands.common import AddDb, open_db, print_json


def cmd_results_import(args: argparse.Namespace) -> int:
    from paddock.services.results import import_results

    with open_db(args) as db:
        summary = import_results(db, event=args.event, session=args.session,
                                 files=[Path(f) for f in args.files], reason=args.reason or "")
    kinds = ", ".join(sorted(set(summary.kinds)))
    print(f"imported {len(summary.files)} file(s) ({kinds}): {summary.cars} cars, "
          f"{summary.laps} laps, {summary.result_lines} result lines"
          + (f"; published revision {summary.revision}" if summary.revision else ""))
    if summary.check:
        print(f"check: {summary.check}")
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_results_check(args: argparse.Namespace) -> int:
    from paddock.services.timing_check import check_session

    with open_db(args) as db:
        check = check_session(db, event=args.event, session=args.session)
    if args.json:
        print_json(check.as_json())
    else:
        print(check.summary)
        for difference in check.reconciliation.differences:
            print(f"  {difference.text}")
        for car in check.no_crossing:
            print(f"  {car.text}")
        for note in check.reconciliation.notes:
            print(f"  note: {note}")
    return 0 if check.has_file and check.agrees else 1


def cmd_results_status(args: argparse.Namespace) -> int:
    from paddock.services.results import set_car_status

    with open_db(args) as db:
        results = set_car_status(db, event=args.event, session=args.session, car=args.car,
                                 status=args.status, reason=args.reason)
    state = f"OFFICIAL revision {results.revision}" if results.official else "provisional"
    print(f"car {args.car.strip()}: {args.status.upper()} in {results.event_name} "
          f"{results.session_name} ({state})")
    return 0


def _results_table(results: Any, class_name: str | None) -> None:
    from paddock.rules.laptime import format_laptime, format_racetime

    state = (f"OFFICIAL revision {results.revision}" if results.official
             else f"PREVIEW of revision {results.revision} ({results.reason})"
             if results.preview else "PROVISIONAL")
    if results.official and results.pending:
        state += (f"; {len(results.pending)} pending decision(s): see --preview, publish with "
                  "`paddock results publish`")
    print(f"{results.event_name} — {results.session_name}: {state}")
    race = results.session_kind == "race"
    for view in results.in_class(class_name):
        r = view.row
        pos = "" if r.position is None else str(r.position)
        pic = "" if r.class_position is None else str(r.class_position)
        time = format_racetime(r.total_time_ms) if race else format_laptime(r.best_lap_ms)
        print(f"{pos:>3} {r.number:>4} {r.class_name:<8} {pic:>3} {view.driver:<28} "
              f"{r.laps:>3} {time:>12} {r.gap:>9}  {format_laptime(r.best_lap_ms):>9} "
              f"{r.status.value if r.status.value != 'classified' else ''} {r.note}")


def cmd_results_show(args: argparse.Namespace) -> int:
    from paddock.services.results import revision_results, session_results

    with open_db(args) as db:
        if args.revision:
            results = revision_results(db, event=args.event, session=args.session,
                                       revision=args.revision)
        else:
            results = session_results(db, event=args.event, session=args.session,
                                      preview=args.preview)
    if args.json:
        print_json(results.to_json(args.class_name))
    else:
        _results_table(results, args.class_name)
    return 0


def cmd_results_publish(args: argparse.Namespace) -> int:
    from paddock.services.results import publish

    with open_db(args) as db:
        results = publish(db, event=args.event, session=args.session, reason=args.reason or "")
    print(f"{results.event_name} {results.session_name}: published OFFICIAL revision "
          f"{results.revision} ({results.content_hash})")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    results = sub.add_parser("results", help="session results")
    results_sub = results.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    p = results_sub.add_parser("import", help="load timing files (kind detected from the header)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT",
                   help="why an official session's data is corrected (publishes a revision)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_results_import)
    p = results_sub.add_parser("show", help="the classification")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--class", dest="class_name", metavar="C")
    p.add_argument("--revision", type=int, metavar="N", help="a past official revision")
    p.add_argument("--preview", action="store_true",
                   help="with the pending decisions, as the next publish would give it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_results_show)
    p = results_sub.add_parser("publish", help="publish the classification as official")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT",
                   help="needed for revision 2 and later, and when the classification "
                   "disagrees with the timing system's results file")
    p.set_defaults(handler=cmd_results_publish)
    p = results_sub.add_parser(
        "check", help="compare with the timing system's own results file (exit 0: agrees)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_results_check)
    p = results_sub.add_parser(
        "status", help="settle a car without a crossing: it started (dnf) or not (dns)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--status", required=True, choices=("dns", "dnf"))
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_results_status)
