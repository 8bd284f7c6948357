"""`paddock grid ...`, `paddock standings` and `paddock points-scale`: grids and championships.

The contract is shared/cli.md:

- ``paddock grid --event EVENT --race 1|2 [--json]`` → ``{"race": 1, "slots": [...]}``
- ``paddock grid adjust --event EVENT --race N (--withdraw | --pit-lane | --move-to P)
  --car NO --reason TEXT`` (also ``grid remove ID`` and ``grid clear --event E --race N``)
- ``paddock standings [--class C] [--json]`` → with ``--class``: ``{"class", "drivers",
  "teams"}``; without: ``{"classes": [that, per class], "juniors": [...], "sources":
  [{"event", "session", "status", "revision"}]}``. Each driver row adds ``races``
  (``[{"event", "session", "points", "dropped"}]``), ``dropped`` (the races a drop rule
  took out) and ``dropped_points``; each class adds ``drop`` (its rule or null).
- ``paddock points-scale [--positions LIST] [--pole-bonus N] [--fastest-lap-bonus N]
  [--drop CLASS=N ... [--protect-last K]] [--json]``: a class dropping 0 drops nothing.

Both take the season from the global ``--season YEAR`` when there is one.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from paddock.commands.common import AddDb
from paddock.commands.common import open_db as _db
from paddock.commands.common import print_json as _print_json

# --- grid -----------------------------------------------------------------------------------


def _print_grid(grid: Any) -> None:
    from paddock.rules.laptime import format_laptime

    sources = ", ".join(
        f"{s.session} {'OFFICIAL revision ' + str(s.revision) if s.official else 'PROVISIONAL'}"
        for s in grid.sources)
    print(f"{grid.event.name} — Race {grid.race} starting grid"
          + (" (AMENDED)" if grid.amended else ""))
    print(f"{grid.basis}; from {sources}; pole on the {grid.pole_side}")
    for slot in grid.slots:
        time = format_laptime(slot.time_ms) if slot.time_ms is not None else "no time"
        print(f"{slot.position:>3} {slot.number:>4}  {slot.class_name:<8} {slot.driver:<28} "
              f"{time:>9}  {slot.time_source or '':<10} {slot.note}")
    for adjustment in grid.adjustments:
        print(f"  amendment {adjustment.id}: {adjustment.text}")


def cmd_grid(args: argparse.Namespace, usage: Callable[[str], NoReturn]) -> int:
    from paddock.services.grids import starting_grid

    if args.event is None or args.race is None:
        usage("grid needs --event EVENT and --race 1|2")
    with _db(args) as db:
        grid = starting_grid(db, event=args.event, race=args.race)
    if args.json:
        _print_json(grid.to_json())
    else:
        _print_grid(grid)
    return 0


def cmd_grid_adjust(args: argparse.Namespace) -> int:
    from paddock.services.grids import MOVE, PIT_LANE, WITHDRAW, adjust_grid

    kind = WITHDRAW if args.withdraw else PIT_LANE if args.pit_lane else MOVE
    with _db(args) as db:
        grid = adjust_grid(db, event=args.event, race=args.race, kind=kind, car=args.car,
                           reason=args.reason, position=args.move_to)
    print(f"{grid.event.name} race {grid.race} grid amended: {grid.adjustments[-1].text}")
    return 0


def cmd_grid_remove(args: argparse.Namespace) -> int:
    from paddock.services.grids import remove_adjustment

    with _db(args) as db:
        grid = remove_adjustment(db, adjustment_id=args.id)
    print(f"{grid.event.name} race {grid.race}: amendment {args.id} taken back")
    return 0


def cmd_grid_clear(args: argparse.Namespace) -> int:
    from paddock.services.grids import clear_adjustments, grid_adjustments

    with _db(args) as db:
        count = len(grid_adjustments(db, event=args.event, race=args.race))
        grid = clear_adjustments(db, event=args.event, race=args.race)
    print(f"{grid.event.name} race {grid.race}: {count} amendment(s) taken back")
    return 0


# --- standings ------------------------------------------------------------------------------


def _drop_text(rule: Any) -> str:
    protected = (f"; the last {rule.protect_last} race(s) cannot be dropped"
                 if rule.protect_last else "")
    return f"{rule.count} lowest result(s) dropped{protected}"


def _dropped_text(row: Any, sources: Any) -> str:
    dropped = [f"{s.column} ({row.standing.per_race[i] or 0})"
               for i, s in enumerate(sources) if row.standing.is_dropped(i)]
    return "  dropped: " + ", ".join(dropped) if dropped else ""


def _print_standings(view: Any) -> None:
    state = ("no race results yet" if not view.sources
             else "PROVISIONAL" if view.provisional else "official results only")
    print(f"{view.season_name} — standings ({state})")
    for table in view.classes:
        rule = f" ({_drop_text(table.drop)})" if table.drop else ""
        print(f"\n{table.class_name} — drivers{rule}")
        for row in table.drivers:
            print(f"{row.position:>3} {row.number:>4}  {row.driver:<28} {row.team:<30} "
                  f"{row.points:>4}  {row.wins} win(s)" + _dropped_text(row, view.sources))
        print(f"{table.class_name} — teams")
        for team in table.teams:
            print(f"{team.position:>3}  {team.team:<34} {team.points:>4}  {team.wins} win(s)")
    if view.class_name is None and view.juniors:
        print("\nJunior")
        for row in view.juniors:
            print(f"{row.position:>3} {row.number:>4}  {row.driver:<28} "
                  f"{row.standing.class_name:<8} {row.points:>4}"
                  + _dropped_text(row, view.sources))
    print("\nFrom: " + ("; ".join(
        f"{s.event_short_name} {s.session} "
        + (f"official revision {s.revision}" if s.official else "PROVISIONAL")
        for s in view.sources) or "no race results yet"))


def cmd_standings(args: argparse.Namespace) -> int:
    from paddock.services.standings import season_standings

    with _db(args) as db:
        view = season_standings(db, class_name=args.class_name,
                                year=getattr(args, "season", None))
    if args.json:
        _print_json(view.to_json())
    else:
        _print_standings(view)
    return 0


def _positions(text: str) -> list[int]:
    try:
        return [int(p) for p in text.replace(" ", "").split(",") if p]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a points list: write it like 25,20,17,14") from None


def _drop(text: str) -> tuple[str, int]:
    name, equals, count = text.rpartition("=")
    try:
        if not equals or not name.strip():
            raise ValueError
        return name.strip(), int(count)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a drop rule: write it like Pro-Am=2") from None


def _print_scale(scale: Any) -> None:
    print(f"points for class positions 1-{len(scale.positions)}: "
          + ", ".join(str(p) for p in scale.positions)
          + f"; pole bonus {scale.pole_bonus}; fastest-lap bonus {scale.fastest_lap_bonus}")
    for rule in scale.drops:
        print(f"{rule.class_name}: {_drop_text(rule)}")
    if not scale.drops:
        print("every class counts every result")


def cmd_points_scale(args: argparse.Namespace, usage: Callable[[str], NoReturn]) -> int:
    from paddock.rules.points import DropRule
    from paddock.services.standings import points_scale, scale_json, set_points_scale

    if args.protect_last is not None and not args.drop:
        usage("--protect-last goes with --drop CLASS=N")
    year = getattr(args, "season", None)
    with _db(args) as db:
        current = points_scale(db, year=year)
        if (args.positions is None and args.pole_bonus is None
                and args.fastest_lap_bonus is None and not args.drop):
            scale = current
        else:
            drops = None
            if args.drop:
                given = {name.casefold(): (name, count) for name, count in args.drop}
                kept = [rule for rule in current.drops
                        if rule.class_name.casefold() not in given]
                old = {rule.class_name.casefold(): rule.protect_last for rule in current.drops}
                drops = kept + [
                    DropRule(name, count, args.protect_last if args.protect_last is not None
                             else old.get(key, 0))
                    for key, (name, count) in given.items()]
            scale = set_points_scale(
                db,
                positions=current.positions if args.positions is None else args.positions,
                pole_bonus=current.pole_bonus if args.pole_bonus is None else args.pole_bonus,
                fastest_lap_bonus=(current.fastest_lap_bonus if args.fastest_lap_bonus is None
                                   else args.fastest_lap_bonus),
                drops=drops, year=year)
    if args.json:
        _print_json(scale_json(scale))
    else:
        _print_scale(scale)
    return 0


# --- parsers --------------------------------------------------------------------------------


def _event_race(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--event", required=required, metavar="EVENT",
                        help="event number or short name")
    parser.add_argument("--race", required=required, type=int, choices=[1, 2])


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``grid``, ``standings`` and ``points-scale`` to the ``paddock`` parser.

    Args:
        subparsers: what ``ArgumentParser.add_subparsers()`` returned.
        add_db: adds ``--db`` to a sub-command's parser (accepted after the sub-command).
    """
    grid = subparsers.add_parser("grid", help="a race's starting grid, and amending it")
    add_db(grid)
    _event_race(grid, required=False)
    grid.add_argument("--json", action="store_true")
    grid.set_defaults(handler=lambda args: cmd_grid(args, grid.error))
    actions = grid.add_subparsers(dest="grid_command", metavar="ACTION")

    p = actions.add_parser("adjust", help="the stewards amend the grid (with a reason)")
    add_db(p)
    _event_race(p, required=True)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--withdraw", action="store_true", help="the car does not start")
    what.add_argument("--pit-lane", action="store_true", help="the car starts from the pit lane")
    what.add_argument("--move-to", type=int, metavar="P", help="put the car at position P")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_grid_adjust)

    p = actions.add_parser("remove", help="take back one amendment (its number)")
    add_db(p)
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_grid_remove)

    p = actions.add_parser("clear", help="take back every amendment of a race's grid")
    add_db(p)
    _event_race(p, required=True)
    p.set_defaults(handler=cmd_grid_clear)

    p = subparsers.add_parser("standings", help="championship standings per class")
    add_db(p)
    p.add_argument("--class", dest="class_name", metavar="C")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_standings)

    scale = subparsers.add_parser("points-scale", help="show or set the season's points scale")
    add_db(scale)
    scale.add_argument("--positions", type=_positions, metavar="LIST",
                       help="points for class positions 1, 2, ..., e.g. 25,20,17,14")
    scale.add_argument("--pole-bonus", type=int, metavar="N")
    scale.add_argument("--fastest-lap-bonus", type=int, metavar="N")
    scale.add_argument("--drop", type=_drop, action="append", metavar="CLASS=N",
                       help="the class drops its N lowest race results (0: none); repeatable")
    scale.add_argument("--protect-last", type=int, metavar="K",
                       help="with --drop: the last K races of the calendar cannot be dropped")
    scale.add_argument("--json", action="store_true")
    scale.set_defaults(handler=lambda args: cmd_points_scale(args, scale.error))
