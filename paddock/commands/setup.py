"""`paddock init` and the window: creating the database, opening the app."""

from __future__ import annotations

import argparse

from paddock.commands.common import AddDb
from paddock.errors import PaddockError


def cmd_window(args: argparse.Namespace) -> int:
    from paddock.ui.app import run

    # A server's URL stays a string: Path() would fold its '//' and break it.
    if getattr(args, "demo_window", False):
        return run(None, demo=True)
    return run(args.db or None)


def cmd_init(args: argparse.Namespace) -> int:
    from paddock.services.database import init_database

    demo = args.demo or args.demo_weekend
    if demo and args.year not in (None, 2021):
        raise PaddockError("--year: the demo is the 2021 season; give --demo or --year")
    path = init_database(args.db, demo=args.demo, demo_weekend=args.demo_weekend,
                         force=args.force, year=None if demo else args.year)
    extra = (" and the demo field, Sebring and CTMP run and published" if args.demo_weekend
             else " and the demo field" if args.demo else "")
    year = args.year if args.year is not None and not demo else 2021
    print(f"created {path} with the {year} season{extra}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    p = sub.add_parser("init", help="create the database with the season")
    add_db(p)
    p.add_argument("--demo", action="store_true", help="add a fictional demo field of 32 entries")
    p.add_argument("--demo-weekend", action="store_true",
                   help="the demo field, with Sebring and CTMP run (results, penalties, tyres) "
                   "and Watkins Glen practice, as the window's first start")
    p.add_argument("--year", type=int, metavar="YEAR",
                   help="start with this season from the series' defaults (classes and cars, "
                   "an empty calendar); default: the 2021 season as announced")
    p.add_argument("--force", action="store_true",
                   help="replace an existing database (the old file is kept as a copy)")
    p.set_defaults(handler=cmd_init)
