"""The `paddock` command: every service of the window, headless.

The contract (names, options, exit codes, JSON shapes) is shared/cli.md. Exit 0 on
success, 1 when input is refused (reason on stderr, nothing written), 2 on a usage error.
Heavy modules are imported inside each command so `paddock --help` stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from paddock import __version__
from paddock.errors import PaddockError

Handler = Callable[[argparse.Namespace], int]


def _db(args: argparse.Namespace) -> Any:
    from paddock.services.database import open_database

    return open_database(args.db)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def _write_output(path: str, data: bytes, db_path: Path | None = None) -> None:
    """Write a document whole (never over the database, its companions or its backups)."""
    from paddock.services.output_paths import write_output

    target = write_output(path, data, db_path=db_path)
    print(f"wrote {target} ({len(data):,} bytes)", file=sys.stderr)


# --- commands ------------------------------------------------------------------------------


def cmd_window(args: argparse.Namespace) -> int:
    from paddock.ui.app import run

    # A server's URL stays a string: Path() would fold its '//' and break it.
    return run(args.db or None)


def cmd_init(args: argparse.Namespace) -> int:
    from paddock.services.database import init_database

    path = init_database(args.db, demo=args.demo, demo_weekend=args.demo_weekend,
                         force=args.force)
    extra = (" and the demo field, Sebring and CTMP run and published" if args.demo_weekend
             else " and the demo field" if args.demo else "")
    print(f"created {path} with the 2021 season{extra}")
    return 0


def cmd_entries_import(args: argparse.Namespace) -> int:
    from paddock.services.entries import import_entries_csv

    with _db(args) as db:
        count = import_entries_csv(db, Path(args.file), replace=args.replace)
    print(f"imported {count} entries from {args.file}")
    return 0


def cmd_entries_list(args: argparse.Namespace) -> int:
    from paddock.services.entries import list_entries

    with _db(args) as db:
        rows = list_entries(db)
    if args.json:
        _print_json({"entries": [
            {"number": e.number, "driver": e.driver, "date_of_birth": e.date_of_birth.isoformat(),
             "nationality": e.nationality, "team": e.team, "car": e.car, "class": e.class_name,
             "junior": e.junior, "gentleman": e.gentleman, "full_season": e.full_season,
             "team_championship": e.team_championship}
            for e in rows
        ]})
        return 0
    for e in rows:
        flags = " ".join(f for f, on in (("J", e.junior), ("G", e.gentleman),
                                           ("TC", e.team_championship)) if on)
        print(f"{e.number:>4}  {e.class_name:<8} {e.driver:<30} {e.nationality:<4}"
              f"{e.team:<32} {e.car:<6} {flags}")
    print(f"{len(rows)} entries", file=sys.stderr)
    return 0


def cmd_entries_events(args: argparse.Namespace) -> int:
    from paddock.errors import NotFound
    from paddock.services.entries import entry_events, list_entries, set_entry_events

    with _db(args) as db:
        entry = next((e for e in list_entries(db) if e.number == args.number.strip()), None)
        if entry is None:
            raise NotFound(f"car {args.number} is not entered this season")
        if args.set is not None:
            try:
                wanted = [int(n) for n in args.set.split(",") if n.strip()]
            except ValueError:
                raise PaddockError(f"--set takes event numbers, e.g. 1,2,5 (not '{args.set}')") \
                    from None
            set_entry_events(db, entry.id, wanted)
        events = entry_events(db, entry.id)
    if args.json:
        _print_json({"number": entry.number, "events": events})
    else:
        print(f"car {entry.number} ({entry.driver}): events "
              + (", ".join(str(n) for n in events) or "none"))
    return 0


def cmd_tyres_register(args: argparse.Namespace) -> int:
    from paddock.services.tyres import register_tyres

    with _db(args) as db:
        result = register_tyres(db, event=args.event, car=args.car, barcodes=args.barcodes,
                                tyre_type=args.type, replacement=args.replacement,
                                reason=args.reason or "")
    print(f"car {result.car} ({result.driver}): registered {len(result.tyres)} "
          f"{args.type} tyre(s); {result.quota_text} new {args.type}s at this event")
    return 0


def cmd_tyres_check(args: argparse.Namespace) -> int:
    from paddock.services.tyres import check_tyre

    with _db(args) as db:
        verdict = check_tyre(db, event=args.event, barcode=args.barcode, expected_car=args.car)
    if args.json:
        _print_json(verdict.to_json())
    else:
        head = "OK" if verdict.legal else verdict.kind.value.upper().replace("-", " ")
        detail = f"car {verdict.car} ({verdict.driver})" if verdict.car else ""
        print(f"{head}: {verdict.message}" + (f" — {detail}, {verdict.quota_text}"
                                              if detail and verdict.quota_text else ""))
    return 0 if verdict.legal else 1


def cmd_tyres_scrap(args: argparse.Namespace) -> int:
    from paddock.services.tyres import scrap_tyre

    with _db(args) as db:
        tyre = scrap_tyre(db, event=args.event, barcode=args.barcode, reason=args.reason)
    print(f"tyre {tyre.barcode} of car {tyre.car} scrapped: {tyre.reason}")
    return 0


def cmd_tyres_move(args: argparse.Namespace) -> int:
    from paddock.services.tyres import move_tyre

    with _db(args) as db:
        done = move_tyre(db, event=args.event, barcode=args.barcode, to_car=args.to_car,
                         reason=args.reason)
    print(f"tyre {done.tyre.barcode} moved from car {done.from_car} to car {done.to_car} "
          f"({done.tyre.driver}): {done.quota_text} new {done.tyre.tyre_type}s at this "
          f"event; {done.window}")
    return 0


def cmd_tyres_void(args: argparse.Namespace) -> int:
    from paddock.services.tyres import void_tyre

    with _db(args) as db:
        done = void_tyre(db, event=args.event, barcode=args.barcode, reason=args.reason)
    print(f"tyre {done.tyre.barcode} of car {done.from_car} voided: {done.tyre.reason}; "
          f"car {done.from_car} now has {done.quota_text} new {done.tyre.tyre_type}s at this "
          f"event; {done.window}")
    return 0


def cmd_tyres_carry(args: argparse.Namespace) -> int:
    from paddock.services.tyres import carry_over_tyres

    with _db(args) as db:
        moved = carry_over_tyres(db, event=args.event, car=args.car, barcodes=args.barcodes,
                                 to_event=args.to)
    print(f"car {args.car}: carried {len(moved)} tyre(s) to event {moved[0].event}"
          if moved else "nothing carried")
    return 0


def cmd_tyres_list(args: argparse.Namespace) -> int:
    from paddock.services.tyres import event_tyres

    with _db(args) as db:
        info = event_tyres(db, args.event)
    if args.json:
        _print_json({"event": info.event_number, "tyres": [
            {"barcode": t.barcode, "car": t.car, "driver": t.driver, "type": t.tyre_type,
             "status": t.status, "carried_from": t.carried_from, "reason": t.reason,
             "registered_at": t.registered_at.isoformat()} for t in info.tyres],
            "cars": [{"car": s.car, "driver": s.driver, "registered": s.registered,
                      "quota": s.quota, "left": s.left, "carried_over": s.carried_over,
                      "replacements": s.replacements, "scrapped": s.scrapped}
                     for s in info.slicks]})
        return 0
    print(f"Event {info.event_number} {info.event_name}: slicks per car "
          f"(quota {info.tyre_rules.slick_quota})")
    for s in info.slicks:
        print(f"{s.car:>4}  {s.driver or '':<30} {s.registered:>2} registered, "
              f"{'' if s.left is None else s.left:>2} left, {s.carried_over} carried over, "
              f"{s.replacements} replacements, {s.scrapped} scrapped")
    return 0


def cmd_results_import(args: argparse.Namespace) -> int:
    from paddock.services.results import import_results

    with _db(args) as db:
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

    with _db(args) as db:
        check = check_session(db, event=args.event, session=args.session)
    if args.json:
        _print_json(check.as_json())
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

    with _db(args) as db:
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

    with _db(args) as db:
        if args.revision:
            results = revision_results(db, event=args.event, session=args.session,
                                       revision=args.revision)
        else:
            results = session_results(db, event=args.event, session=args.session,
                                      preview=args.preview)
    if args.json:
        _print_json(results.to_json(args.class_name))
    else:
        _results_table(results, args.class_name)
    return 0


def cmd_results_publish(args: argparse.Namespace) -> int:
    from paddock.services.results import publish

    with _db(args) as db:
        results = publish(db, event=args.event, session=args.session, reason=args.reason or "")
    print(f"{results.event_name} {results.session_name}: published OFFICIAL revision "
          f"{results.revision} ({results.content_hash})")
    return 0


def cmd_penalty_add(args: argparse.Namespace) -> int:
    from paddock.services.results import add_penalty

    kind = ("time" if args.seconds is not None else "drive-through" if args.drive_through
            else "stop-and-go" if args.stop_and_go else "dsq" if args.dsq
            else "warning" if args.warning else "reprimand" if args.reprimand
            else "grid-drop" if args.grid_drop is not None
            else "reinstate-lap" if args.reinstate_lap is not None else "delete-lap")
    with _db(args) as db:
        result = add_penalty(db, event=args.event, session=args.session, car=args.car,
                             kind=kind, reason=args.reason, seconds=args.seconds,
                             places=args.grid_drop,
                             lap=args.delete_lap if args.delete_lap is not None
                             else args.reinstate_lap, served=args.served,
                             decision=args.decision or "", article=args.article or "",
                             pending=args.pending)
    print(f"decision {result.penalty.decision}: car {result.penalty.number} {kind}"
          + (f"; published revision {result.revision}" if result.revision else "")
          + ("; pending: `paddock results publish` publishes the bulletin"
             if result.penalty.pending else ""))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from paddock.services.audit_log import recent_changes

    with _db(args) as db:
        changes = recent_changes(db, limit=args.limit, entity=args.entity)
    if args.json:
        _print_json({"changes": [c.to_json() for c in changes]})
        return 0
    for c in changes:
        detail = json.dumps(c.after, ensure_ascii=False) if c.after is not None else ""
        print(f"{c.at:%Y-%m-%d %H:%M:%S}Z  {c.user:<10} {c.action:<12} {c.entity:<14} "
              f"{c.entity_id:<22} {detail[:80]}")
    return 0


# --- parser --------------------------------------------------------------------------------


def _add_db(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # --db and --season are accepted before or after the sub-command; SUPPRESS keeps a
    # later sub-parser from overwriting a value given earlier with its default.
    parser.add_argument(
        "--db", metavar="PATH", default=None if top else argparse.SUPPRESS,
        help="database file, or a server: postgresql://user@host:port/name (default: "
        "$PADDOCK_DB, else the user data folder)",
    )
    parser.add_argument(
        "--season", type=int, metavar="YEAR", default=None if top else argparse.SUPPRESS,
        help="work on this season (default: the season marked current, `paddock season use`)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paddock",
        description="Paddock: trackside operations for the Porsche Carrera Cup North America. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"paddock {__version__}")
    _add_db(parser, top=True)
    parser.set_defaults(handler=cmd_window)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create the database with the season")
    _add_db(p)
    p.add_argument("--demo", action="store_true", help="add a fictional demo field of 32 entries")
    p.add_argument("--demo-weekend", action="store_true",
                   help="the demo field, with Sebring and CTMP run (results, penalties, tyres) "
                   "and Watkins Glen practice, as the window's first start")
    p.add_argument("--force", action="store_true",
                   help="replace an existing database (the old file is kept as a copy)")
    p.set_defaults(handler=cmd_init)

    entries = sub.add_parser("entries", help="the entry list")
    entries_sub = entries.add_subparsers(dest="entries_command", metavar="ACTION", required=True)
    p = entries_sub.add_parser("import", help="import an entry list CSV (all rows or none)")
    _add_db(p)
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--replace", action="store_true",
                   help="replace the season's entry list instead of adding to it")
    p.set_defaults(handler=cmd_entries_import)
    p = entries_sub.add_parser("list", help="list the entries")
    _add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_entries_list)
    p = entries_sub.add_parser("events", help="the events a car is entered in (part season)")
    _add_db(p)
    p.add_argument("number", metavar="NO")
    p.add_argument("--set", metavar="N,N,...", help="enter the car in exactly these events")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_entries_events)

    tyres = sub.add_parser("tyres", help="tyre allocation and checks")
    tyres_sub = tyres.add_subparsers(dest="tyres_command", metavar="ACTION", required=True)
    p = tyres_sub.add_parser("register", help="register tyres to a car (all or none)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--type", choices=["slick", "wet"], default="slick")
    p.add_argument("--replacement", action="store_true",
                   help="replaces a damaged tyre with the stewards' approval (needs --reason)")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("barcodes", nargs="+", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_register)
    p = tyres_sub.add_parser("check", help="whose tyre is this? exit 0 when legal")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--car", metavar="NO", help="the car being inspected")
    p.add_argument("--json", action="store_true")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_check)
    p = tyres_sub.add_parser("scrap", help="mark a tyre scrapped")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_scrap)
    p = tyres_sub.add_parser("move", help="correct a registration: the tyre is another "
                             "car's (until the event's first race starts)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--to-car", required=True, metavar="NO", dest="to_car")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_move)
    p = tyres_sub.add_parser("void", help="correct a registration made by mistake: it "
                             "frees the quota (until the event's first race starts)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_void)
    p = tyres_sub.add_parser("carry-over", help="carry unused slicks to the next event")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT", help="the event they come from")
    p.add_argument("--to", metavar="EVENT", help="default: the next event")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("barcodes", nargs="+", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_carry)
    p = tyres_sub.add_parser("list", help="tyres and per-car totals at an event")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tyres_list)

    results = sub.add_parser("results", help="session results")
    results_sub = results.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    p = results_sub.add_parser("import", help="load timing files (kind detected from the header)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT",
                   help="why an official session's data is corrected (publishes a revision)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_results_import)
    p = results_sub.add_parser("show", help="the classification")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--class", dest="class_name", metavar="C")
    p.add_argument("--revision", type=int, metavar="N", help="a past official revision")
    p.add_argument("--preview", action="store_true",
                   help="with the pending decisions, as the next publish would give it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_results_show)
    p = results_sub.add_parser("publish", help="publish the classification as official")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--reason", metavar="TEXT",
                   help="needed for revision 2 and later, and when the classification "
                   "disagrees with the timing system's results file")
    p.set_defaults(handler=cmd_results_publish)
    p = results_sub.add_parser(
        "check", help="compare with the timing system's own results file (exit 0: agrees)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_results_check)
    p = results_sub.add_parser(
        "status", help="settle a car without a crossing: it started (dnf) or not (dns)")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--status", required=True, choices=("dns", "dnf"))
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_results_status)

    penalty = sub.add_parser("penalty", help="stewards' decisions")
    penalty_sub = penalty.add_subparsers(dest="penalty_command", metavar="ACTION", required=True)
    p = penalty_sub.add_parser("add", help="record a penalty")
    _add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--session", required=True, metavar="SESSION")
    p.add_argument("--car", required=True, metavar="NO")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--seconds", type=float, metavar="N", help="time added to the result")
    what.add_argument("--drive-through", action="store_true",
                      help="drive-through (converted to time when not served)")
    what.add_argument("--stop-and-go", action="store_true")
    what.add_argument("--dsq", action="store_true", help="disqualification")
    what.add_argument("--grid-drop", type=int, metavar="N", help="grid places at the next race")
    what.add_argument("--delete-lap", type=int, metavar="N", help="delete lap N's time")
    what.add_argument("--reinstate-lap", type=int, metavar="N",
                      help="count lap N's time again (deleted by the timing system or a decision)")
    what.add_argument("--warning", action="store_true", help="a warning (no penalty)")
    what.add_argument("--reprimand", action="store_true", help="a reprimand (no penalty)")
    p.add_argument("--served", action="store_true", help="the drive-through was served")
    p.add_argument("--article", metavar="TEXT", help="regulation article, e.g. 'Art. 12.3'")
    p.add_argument("--pending", action="store_true",
                   help="on an official session: keep it pending; `results publish` publishes "
                   "every pending decision as one revision")
    p.add_argument("--decision", metavar="NO", help="decision number (default: the next)")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_penalty_add)

    p = sub.add_parser("audit", help="who changed what, when (newest first)")
    _add_db(p)
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--entity", metavar="KIND", help="entry, tyre, penalty, classification...")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)

    from paddock.commands import (
        backups,
        copy,
        export,
        grids,
        integrity,
        reports,
        season,
        sessions,
    )

    season.register(sub, _add_db)
    reports.register(sub, _add_db)
    sessions.register(sub, _add_db)
    export.register(sub, _add_db)
    grids.register(sub, _add_db)
    integrity.register(sub, _add_db)
    backups.register(sub, _add_db)
    copy.register(sub, _add_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        if args.season is None:
            return handler(args)
        from paddock.services.season import season_chosen

        with season_chosen(args.season):
            return handler(args)
    except PaddockError as exc:
        print(f"paddock: {exc}" if "\n" not in str(exc) else str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `paddock entries list | head`: the reader left; not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # The environment's fault (disk full, no permission, read-only disk) while writing
        # a file: one line for the desk, like a refusal; the services wrote nothing.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"paddock: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
