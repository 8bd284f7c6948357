"""`paddock demo ...`: the fictional demo season."""

from __future__ import annotations

import argparse
import sys

from paddock.commands.common import AddDb, open_db


def cmd_demo_clear(args: argparse.Namespace) -> int:
    from paddock.errors import PaddockError
    from paddock.services.demo_season import clear_demo, is_demo

    with open_db(args) as db:
        if not args.yes:
            if not is_demo(db):
                clear_demo(db)  # refused with the reason
            # The question goes to stderr: stdout carries only the outcome.
            print("Remove every entry, tyre and result of the demo season? [y/N] ", end="",
                  file=sys.stderr, flush=True)
            answer = sys.stdin.readline().strip().lower()
            if answer not in ("y", "yes"):
                raise PaddockError("nothing was changed")
        cleared = clear_demo(db)
    print(cleared.text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    demo = sub.add_parser("demo", help="the fictional demo season")
    actions = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "clear", help="remove the demo season's entries, tyres and results (after a backup), "
        "ready for the real entry list; refused for a real season")
    add_db(p)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_demo_clear)
