"""`paddock penalty add`: stewards' decisions."""

from __future__ import annotations

import argparse

from paddock.commands.common import AddDb, open_db


def cmd_penalty_add(args: argparse.Namespace) -> int:
    from paddock.services.results import add_penalty

    kind = ("time" if args.seconds is not None else "drive-through" if args.drive_through
            else "stop-and-go" if args.stop_and_go else "dsq" if args.dsq
            else "warning" if args.warning else "reprimand" if args.reprimand
            else "grid-drop" if args.grid_drop is not None
            else "reinstate-lap" if args.reinstate_lap is not None else "delete-lap")
    with open_db(args) as db:
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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    penalty = sub.add_parser("penalty", help="stewards' decisions")
    penalty_sub = penalty.add_subparsers(dest="penalty_command", metavar="ACTION", required=True)
    p = penalty_sub.add_parser("add", help="record a penalty")
    add_db(p)
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
