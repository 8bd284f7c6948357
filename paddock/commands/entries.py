"""`paddock entries ...`: the entry list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paddock.commands.common import AddDb, open_db, print_json
from paddock.errors import PaddockError


def cmd_entries_import(args: argparse.Namespace) -> int:
    from paddock.services.entries import import_entries_csv

    with open_db(args) as db:
        count = import_entries_csv(db, Path(args.file), replace=args.replace)
    print(f"imported {count} entries from {args.file}")
    return 0


def cmd_entries_list(args: argparse.Namespace) -> int:
    from paddock.services.entries import list_entries

    with open_db(args) as db:
        rows = list_entries(db)
    if args.json:
        print_json({"entries": [
            {"number": e.number, "driver": e.driver, "date_of_birth": e.date_of_birth.isoformat(),
             "nationality": e.nationality, "team": e.team, "car": e.car, "class": e.class_name,
             "junior": e.junior, "gentleman": e.gentleman, "full_season": e.full_season,
             "team_championship": e.team_championship, "withdrawn": e.withdrawn,
             "withdrawn_from": list(e.withdrawn_from)}
            for e in rows
        ]})
        return 0
    for e in rows:
        flags = " ".join(f for f, on in (("J", e.junior), ("G", e.gentleman),
                                           ("TC", e.team_championship)) if on)
        status = f"  [{e.status_text}]" if e.status_text else ""
        print(f"{e.number:>4}  {e.class_name:<8} {e.driver:<30} {e.nationality:<4}"
              f"{e.team:<32} {e.car:<6} {flags}{status}".rstrip())
    print(f"{len(rows)} entries", file=sys.stderr)
    return 0


def cmd_entries_withdraw(args: argparse.Namespace) -> int:
    from paddock.services.withdrawals import withdraw_entry

    with open_db(args) as db:
        done = withdraw_entry(db, args.car, event=args.event, reason=args.reason)
    print(done.text)
    return 0


def cmd_entries_events(args: argparse.Namespace) -> int:
    from paddock.errors import NotFound
    from paddock.services.entries import entry_events, list_entries, set_entry_events

    with open_db(args) as db:
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
        print_json({"number": entry.number, "events": events})
    else:
        print(f"car {entry.number} ({entry.driver}): events "
              + (", ".join(str(n) for n in events) or "none"))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    entries = sub.add_parser("entries", help="the entry list")
    entries_sub = entries.add_subparsers(dest="entries_command", metavar="ACTION", required=True)
    p = entries_sub.add_parser("import", help="import an entry list CSV (all rows or none)")
    add_db(p)
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--replace", action="store_true",
                   help="replace the season's entry list instead of adding to it")
    p.set_defaults(handler=cmd_entries_import)
    p = entries_sub.add_parser("list", help="list the entries")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_entries_list)
    p = entries_sub.add_parser(
        "withdraw", help="withdraw a car from the season or one event, with a reason (its "
        "tyres and results stay)")
    add_db(p)
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--event", metavar="EVENT", help="only this event (number or short name)")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_entries_withdraw)
    p = entries_sub.add_parser("events", help="the events a car is entered in (part season)")
    add_db(p)
    p.add_argument("number", metavar="NO")
    p.add_argument("--set", metavar="N,N,...", help="enter the car in exactly these events")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_entries_events)
