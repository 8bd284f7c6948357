"""`paddock session ...`: a session's facts as the documents print them.

::

    paddock session set --event EVENT --session SESSION [--start HH:MM] [--date YYYY-MM-DD]
                        [--length 45m|20L] [--conditions dry|wet|mixed] [--air C]
                        [--track C] [--clear FACT] [--json]
    paddock session show --event EVENT --session SESSION [--json]

The start is the event's local time. Exit 1 (nothing changed) for a value that does not
parse or an unknown event or session.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from paddock.commands.common import AddDb
from paddock.commands.common import open_db as _db

# As `paddock.services.sessions` has them (not imported here: `paddock --help` stays quick).
CONDITIONS = ("dry", "wet", "mixed")
FACTS = ("start", "length", "conditions", "air", "track")



def describe(facts: Any) -> str:
    """"Race 1 (R1): Saturday 26 June 2021, 15:00 EDT · 45 min · dry, air 24 °C, track 31 °C"."""
    parts = [f"{facts.date_text}, {facts.start_text}" if facts.start_text else "no start time",
             facts.length_text or "no length"]
    conditions = [facts.conditions] if facts.conditions else []
    conditions += [f"{what} {value:g} °C" for what, value in
                   (("air", facts.air_c), ("track", facts.track_c)) if value is not None]
    if conditions:
        parts.append(", ".join(conditions))
    return f"{facts.name} ({facts.code}): " + " · ".join(parts)


def _print(facts: Any, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(facts.to_json(), ensure_ascii=False) + "\n")
    else:
        print(describe(facts))


def cmd_session_set(args: argparse.Namespace) -> int:
    from paddock.services.sessions import set_session_facts

    with _db(args) as db:
        facts = set_session_facts(
            db, event=args.event, session=args.session, start=args.start, day=args.date,
            length=args.length, conditions=args.conditions, air=args.air, track=args.track,
            clear=tuple(args.clear or ()))
    _print(facts, args.json)
    return 0


def cmd_session_show(args: argparse.Namespace) -> int:
    from paddock.services.sessions import session_facts

    with _db(args) as db:
        facts = session_facts(db, event=args.event, session=args.session)
    _print(facts, args.json)
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``session set`` and ``session show`` to the ``paddock`` parser."""
    session = subparsers.add_parser("session", help="a session's start, length and conditions")
    actions = session.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    for name, helptext in (("set", "set a session's facts (start, length, conditions)"),
                           ("show", "a session's facts")):
        p = actions.add_parser(name, help=helptext)
        add_db(p)
        p.add_argument("--event", required=True, metavar="EVENT",
                       help="event number or short name")
        p.add_argument("--session", required=True, metavar="SESSION", help="FP1, FP2, Q, R1, R2")
        p.add_argument("--json", action="store_true")
        if name == "show":
            p.set_defaults(handler=cmd_session_show)
            continue
        p.add_argument("--start", metavar="HH:MM", help="scheduled start, the event's local time")
        p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                       help="the session's day (default: the day it has)")
        p.add_argument("--length", metavar="45m|20L", help="minutes (45m) or laps (20L)")
        p.add_argument("--conditions", choices=CONDITIONS)
        p.add_argument("--air", type=float, metavar="C", help="air temperature, °C")
        p.add_argument("--track", type=float, metavar="C", help="track temperature, °C")
        p.add_argument("--clear", action="append", choices=FACTS, metavar="FACT",
                       help=f"forget a fact ({', '.join(FACTS)}); may be repeated")
        p.set_defaults(handler=cmd_session_set)
