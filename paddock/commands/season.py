"""`paddock season ...` and `paddock class ...`: seasons, their calendars, classes, tyres.

::

    paddock [--season YEAR] season [--json]          the season's calendar
    paddock season list [--json]                     every season; * marks the current one
    paddock season new YEAR [--from YEAR]            a new season (from another: its set-up)
    paddock season use YEAR                          the season every desk works on
    paddock season event add SHORT [--name ...] [--venue ...] [--start D --end D] ...
    paddock season event edit EVENT [--start D] [--end D] [--name ...] [--clear dates] ...
    paddock season event cancel EVENT --reason TEXT  (an event with results: never deleted)
    paddock season event reinstate|delete EVENT
    paddock season event session EVENT CODE [--name NAME]   add a session (then `session set`)
    paddock season tyres [--supplier S] [--dry NAME] [--wet NAME] [--slick-quota N] ...
    paddock season car CODE [--name NAME] [--front SIZE] [--rear SIZE]
    paddock class list|add|edit|remove ...

`--season YEAR` (any command) works on that season; default: the one marked current.
Exit 1 (nothing written) for refused input, with the field named.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from paddock.commands.common import AddDb, open_db, print_json

# As `paddock.services.calendar` has them (not imported here: `paddock --help` stays quick).
CLEARABLE_EVENT = ("dates", "venue", "lap-length")
CLEARABLE_TYRES = ("slick-quota", "wet-quota")
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|m)?\s*$", re.IGNORECASE)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def _track_length(text: str) -> int:
    """``6.02km`` or ``6019m`` (or ``6019``, metres) → metres."""
    match = _LENGTH.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(
            f"track length '{text}': write 6.02km or 6019m") from None
    value = float(match.group(1))
    return round(value * 1000) if (match.group(2) or "").lower() == "km" else round(value)


# --- season --------------------------------------------------------------------------------


def event_json(e: Any) -> dict[str, Any]:
    """One event of `paddock season --json` (today's keys, then the newer facts)."""
    return {"number": e.number, "short_name": e.short_name, "name": e.name, "venue": e.venue,
            "start_date": e.start_date.isoformat() if e.start_date else None,
            "end_date": e.end_date.isoformat() if e.end_date else None,
            "sessions": list(e.sessions),
            "schedule": [facts.to_json() for facts in e.schedule],
            "dates": e.dates_text, "lap_length_m": e.lap_length_m, "time_zone": e.time_zone,
            "pole_side": e.pole_side, "cancelled": e.cancelled,
            "cancelled_reason": e.cancelled_reason or None}


def _event_line(e: Any) -> str:
    line = f"{e.number:>2}  {e.short_name:<14} {e.venue:<34} {e.dates_text}"
    return line + (f"  CANCELLED: {e.cancelled_reason}" if e.cancelled else "")


def cmd_season(args: argparse.Namespace) -> int:
    from paddock.services.season import season_overview
    from paddock.services.tyre_supply import season_tyres

    with open_db(args) as db:
        overview = season_overview(db)
        tyres = season_tyres(db)
    if args.json:
        print_json({"year": overview.year, "name": overview.name,
                     "events": [event_json(e) for e in overview.events],
                     "tyres": tyres.to_json()})
        return 0
    print(overview.name)
    for e in overview.events:
        print(_event_line(e))
    if not overview.events:
        print("no events yet: `paddock season event add SHORT --start ... --end ...`")
    print(f"tyres: {tyres.label or tyres.supplier_text}")
    return 0


def cmd_season_list(args: argparse.Namespace) -> int:
    from paddock.services.calendar import list_seasons

    with open_db(args) as db:
        seasons = list_seasons(db)
    if args.json:
        print_json({"seasons": [{"year": s.year, "name": s.name, "current": s.current,
                                  "events": s.events, "cancelled": s.cancelled}
                                 for s in seasons]})
        return 0
    for s in seasons:
        mark = "*" if s.current else " "
        print(f"{mark} {s.year}  {s.name:<44} {s.events} events"
              + (f", {s.cancelled} cancelled" if s.cancelled else ""))
    return 0


def cmd_season_new(args: argparse.Namespace) -> int:
    from paddock.services.calendar import new_season

    with open_db(args) as db:
        info = new_season(db, args.year, from_year=args.from_year)
    source = f" from {args.from_year}" if args.from_year else ""
    print(f"made the {info.year} season{source}: {info.events} events; the current season is "
          f"unchanged (`paddock season use {info.year}` makes it the desks' season)")
    return 0


def cmd_season_use(args: argparse.Namespace) -> int:
    from paddock.services.calendar import use_season

    with open_db(args) as db:
        info = use_season(db, args.year)
    print(f"{info.year} is now the current season")
    return 0


def _fields(args: argparse.Namespace, short_name: str | None) -> Any:
    from paddock.services.calendar import EventFields

    return EventFields(short_name=short_name, name=args.name, venue=args.venue,
                       start=args.start, end=args.end, month=args.month,
                       lap_length_m=args.track_length, time_zone=args.time_zone,
                       pole_side=args.pole_side)


def cmd_event_add(args: argparse.Namespace) -> int:
    from paddock.services.calendar import WEEKEND_CODES, add_event

    sessions = (tuple(c for c in args.sessions.split(",")) if args.sessions is not None
                else WEEKEND_CODES)
    with open_db(args) as db:
        view = add_event(db, _fields(args, args.short_name), sessions=sessions)
    print(f"added event {_event_line(view).strip()} ({', '.join(view.sessions)})")
    return 0


def cmd_event_edit(args: argparse.Namespace) -> int:
    from paddock.services.calendar import edit_event

    with open_db(args) as db:
        view = edit_event(db, args.event, _fields(args, args.short_name),
                          clear=tuple(args.clear or ()))
    print(f"event {_event_line(view).strip()}")
    return 0


def cmd_event_cancel(args: argparse.Namespace) -> int:
    from paddock.services.calendar import cancel_event

    with open_db(args) as db:
        view = cancel_event(db, args.event, args.reason)
    print(f"cancelled event {view.number} {view.short_name}: {view.cancelled_reason}")
    return 0


def cmd_event_reinstate(args: argparse.Namespace) -> int:
    from paddock.services.calendar import reinstate_event

    with open_db(args) as db:
        view = reinstate_event(db, args.event)
    print(f"event {_event_line(view).strip()} is back on the calendar")
    return 0


def cmd_event_delete(args: argparse.Namespace) -> int:
    from paddock.services.calendar import delete_event

    with open_db(args) as db:
        delete_event(db, args.event)
    print(f"deleted event {args.event}")
    return 0


def cmd_event_session(args: argparse.Namespace) -> int:
    from paddock.services.calendar import add_session

    with open_db(args) as db:
        view = add_session(db, event=args.event, code=args.code, name=args.name)
    print(f"{view.name}: sessions {', '.join(view.sessions)} (`paddock session set` gives "
          "the start and length)")
    return 0


def cmd_season_tyres(args: argparse.Namespace) -> int:
    from paddock.services.tyre_supply import season_tyres, set_season_tyres

    changes = dict(supplier=args.supplier, dry=args.dry, wet=args.wet,
                   slick_quota=args.slick_quota, wet_quota=args.wet_quota,
                   carry_over=args.carry_over)
    with open_db(args) as db:
        if any(v is not None for v in changes.values()) or args.clear:
            tyres = set_season_tyres(db, **changes, clear=tuple(args.clear or ()))
        else:
            tyres = season_tyres(db)
    if args.json:
        print_json(tyres.to_json())
        return 0
    print(f"{tyres.year} tyres: {tyres.label or tyres.supplier_text}"
          + (f" (wet: {tyres.wet})" if tyres.wet else ""))
    quota = "not limited" if tyres.slick_quota is None else str(tyres.slick_quota)
    wets = "not limited" if tyres.wet_quota is None else str(tyres.wet_quota)
    print(f"new slicks per car per event: {quota}; wets: {wets}; carry-over up to "
          f"{tyres.carry_over}")
    for car in tyres.cars:
        print(f"  {car.code:<6} {car.name:<32} front {car.front or '-'}, rear {car.rear or '-'}")
    return 0


def cmd_season_car(args: argparse.Namespace) -> int:
    from paddock.services.tyre_supply import set_car

    with open_db(args) as db:
        tyres = set_car(db, args.code, name=args.name, front=args.front, rear=args.rear)
    car = next(c for c in tyres.cars if c.code == args.code.strip())
    print(f"{tyres.year} car {car.code} {car.name}: front {car.front or '-'}, "
          f"rear {car.rear or '-'}")
    return 0


# --- classes -------------------------------------------------------------------------------


def _cars(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(c.strip() for c in text.split(","))


def cmd_class_list(args: argparse.Namespace) -> int:
    from paddock.services.classes import list_classes

    with open_db(args) as db:
        classes = list_classes(db)
    if args.json:
        print_json({"classes": [c.to_json() for c in classes]})
        return 0
    for c in classes:
        print(f"{c.name:<14} {c.rules_text:<50} {c.entries} entries")
    return 0


def cmd_class_add(args: argparse.Namespace) -> int:
    from paddock.services.season import add_class

    with open_db(args) as db:
        add_class(db, args.name, cars=_cars(args.cars), gentleman=args.gentleman,
                  max_age=args.max_age)
    print(f"added class {args.name}")
    return 0


def cmd_class_edit(args: argparse.Namespace) -> int:
    from paddock.services.classes import edit_class

    with open_db(args) as db:
        info = edit_class(db, args.name, rename=args.rename, cars=_cars(args.cars),
                          gentleman=args.gentleman, max_age=args.max_age,
                          no_age_limit=args.no_age_limit)
    print(f"class {info.name}: {info.rules_text}")
    return 0


def cmd_class_remove(args: argparse.Namespace) -> int:
    from paddock.services.classes import remove_class

    with open_db(args) as db:
        remove_class(db, args.name)
    print(f"removed class {args.name}")
    return 0


# --- parser --------------------------------------------------------------------------------


def _event_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", metavar="TEXT", help="the event's name, e.g. 'Sebring'")
    p.add_argument("--venue", metavar="TEXT", help="e.g. 'Sebring International Raceway'")
    p.add_argument("--start", type=_date, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--end", type=_date, metavar="YYYY-MM-DD", help="last day")
    p.add_argument("--month", metavar="MONTH", help="what is known before the days are")
    p.add_argument("--track-length", type=_track_length, metavar="LEN", dest="track_length",
                   help="the lap length: 6.02km or 6019m (default: the venue's)")
    p.add_argument("--time-zone", metavar="ZONE", dest="time_zone",
                   help="e.g. America/New_York (session times are typed in it)")
    p.add_argument("--pole-side", choices=("left", "right"), dest="pole_side")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    season = sub.add_parser("season", help="seasons, the season's calendar, tyres and cars")
    add_db(season)
    season.add_argument("--json", action="store_true")
    season.set_defaults(handler=cmd_season)
    actions = season.add_subparsers(dest="season_command", metavar="ACTION")

    p = actions.add_parser("list", help="every season of the database (* = current)")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_season_list)
    p = actions.add_parser("new", help="make a new season (the current one stays current)")
    add_db(p)
    p.add_argument("year", type=int, metavar="YEAR")
    p.add_argument("--from", type=int, metavar="YEAR", dest="from_year",
                   help="copy its calendar, classes, cars, points scale and tyre rules")
    p.set_defaults(handler=cmd_season_new)
    p = actions.add_parser("use", help="mark the season every desk works on")
    add_db(p)
    p.add_argument("year", type=int, metavar="YEAR")
    p.set_defaults(handler=cmd_season_use)

    event = actions.add_parser("event", help="add, edit (move, rename), cancel an event")
    events = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    p = events.add_parser("add", help="add an event at the end of the calendar")
    add_db(p)
    p.add_argument("short_name", metavar="SHORT", help="its short name, e.g. sebring")
    _event_options(p)
    p.add_argument("--sessions", metavar="CODES",
                   help="its sessions, e.g. FP1,Q,R1,R2 (default: FP1,FP2,Q,R1,R2)")
    p.set_defaults(handler=cmd_event_add)
    p = events.add_parser("edit", help="change an event; new dates move its sessions")
    add_db(p)
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--short-name", metavar="SHORT", dest="short_name")
    _event_options(p)
    p.add_argument("--clear", action="append", choices=CLEARABLE_EVENT, metavar="FACT",
                   help="forget: dates (to be confirmed), venue (to be announced), "
                   "lap-length (the venue's)")
    p.set_defaults(handler=cmd_event_edit)
    p = events.add_parser("cancel", help="cancel an event, with a reason (kept on the calendar)")
    add_db(p)
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_event_cancel)
    p = events.add_parser("reinstate", help="take a cancelled event back")
    add_db(p)
    p.add_argument("event", metavar="EVENT")
    p.set_defaults(handler=cmd_event_reinstate)
    p = events.add_parser("delete", help="delete the last event, when it holds nothing")
    add_db(p)
    p.add_argument("event", metavar="EVENT")
    p.set_defaults(handler=cmd_event_delete)
    p = events.add_parser("session", help="add a session to an event (FP3, WU, Q2, R3...)")
    add_db(p)
    p.add_argument("event", metavar="EVENT")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--name", metavar="TEXT", help="default: from the code ('Race 3')")
    p.set_defaults(handler=cmd_event_session)

    p = actions.add_parser("tyres", help="the season's tyre supplier, tyres and quotas")
    add_db(p)
    p.add_argument("--supplier", metavar="NAME", help="e.g. Michelin, Yokohama, Pirelli")
    p.add_argument("--dry", metavar="NAME", help="the dry tyre, e.g. 'Pilot Sport Cup N3'")
    p.add_argument("--wet", metavar="NAME", help="the wet tyre")
    p.add_argument("--slick-quota", type=int, metavar="N", dest="slick_quota",
                   help="new slicks per car per event")
    p.add_argument("--wet-quota", type=int, metavar="N", dest="wet_quota")
    p.add_argument("--carry-over", type=int, metavar="N", dest="carry_over",
                   help="unused slicks a car may carry to the next event")
    p.add_argument("--clear", action="append", choices=CLEARABLE_TYRES, metavar="QUOTA",
                   help="a quota back to 'not limited': slick-quota, wet-quota")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_season_tyres)
    p = actions.add_parser("car", help="add a car type, or change its name and tyre sizes")
    add_db(p)
    p.add_argument("code", metavar="CODE", help="e.g. 992, 991.2, 992.2")
    p.add_argument("--name", metavar="TEXT")
    p.add_argument("--front", metavar="SIZE", help="front tyre size, e.g. 30/65-18")
    p.add_argument("--rear", metavar="SIZE", help="rear tyre size, e.g. 31/71-18")
    p.set_defaults(handler=cmd_season_car)

    classes = sub.add_parser("class", help="the season's classes")
    classes_sub = classes.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    p = classes_sub.add_parser("list", help="the season's classes and their rules")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_class_list)
    p = classes_sub.add_parser("add", help="add a class to the season")
    add_db(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--cars", metavar="CODES", help="admitted cars, e.g. 991.2 (default: all)")
    p.add_argument("--gentleman", action="store_true", help="needs the gentleman declaration")
    p.add_argument("--max-age", type=int, metavar="N", help="only drivers aged N or younger")
    p.set_defaults(handler=cmd_class_add)
    p = classes_sub.add_parser("edit", help="change a class: cars, age limit, declaration")
    add_db(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--rename", metavar="NAME")
    p.add_argument("--cars", metavar="CODES", help="admitted cars, e.g. 992,991.2")
    declaration = p.add_mutually_exclusive_group()
    declaration.add_argument("--gentleman", action="store_true", default=None,
                             help="needs the gentleman declaration")
    declaration.add_argument("--no-gentleman", action="store_false", dest="gentleman",
                             help="open to every driver")
    age = p.add_mutually_exclusive_group()
    age.add_argument("--max-age", type=int, metavar="N", help="only drivers aged N or younger")
    age.add_argument("--no-age-limit", action="store_true", dest="no_age_limit")
    p.set_defaults(handler=cmd_class_edit)
    p = classes_sub.add_parser("remove", help="remove a class nobody is entered in")
    add_db(p)
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_class_remove)
