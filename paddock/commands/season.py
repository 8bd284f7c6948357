"""`paddock season` and `paddock class ...`: the season's calendar and classes."""

from __future__ import annotations

import argparse

from paddock.commands.common import AddDb, open_db, print_json


def cmd_season(args: argparse.Namespace) -> int:
    from paddock.services.season import season_overview

    with open_db(args) as db:
        overview = season_overview(db)
    if args.json:
        print_json({"year": overview.year, "name": overview.name, "events": [
            {"number": e.number, "short_name": e.short_name, "name": e.name, "venue": e.venue,
             "start_date": e.start_date.isoformat() if e.start_date else None,
             "end_date": e.end_date.isoformat() if e.end_date else None,
             "sessions": list(e.sessions),
             "schedule": [facts.to_json() for facts in e.schedule]}
            for e in overview.events]})
        return 0
    print(overview.name)
    for e in overview.events:
        print(f"{e.number:>2}  {e.short_name:<14} {e.venue:<34} {e.dates_text}")
    return 0


def cmd_class_add(args: argparse.Namespace) -> int:
    from paddock.services.season import add_class

    cars = tuple(c.strip() for c in args.cars.split(",")) if args.cars else ()
    with open_db(args) as db:
        add_class(db, args.name, cars=cars, gentleman=args.gentleman, max_age=args.max_age)
    print(f"added class {args.name}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    p = sub.add_parser("season", help="the season's events and dates")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_season)

    classes = sub.add_parser("class", help="the season's classes")
    classes_sub = classes.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    p = classes_sub.add_parser("add", help="add a class to the season")
    add_db(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--cars", metavar="CODES", help="admitted cars, e.g. 991.2 (default: all)")
    p.add_argument("--gentleman", action="store_true", help="needs the gentleman declaration")
    p.add_argument("--max-age", type=int, metavar="N", help="only drivers aged N or younger")
    p.set_defaults(handler=cmd_class_add)
