"""`paddock audit`: who changed what, when."""

from __future__ import annotations

import argparse
import json

from paddock.commands.common import AddDb, open_db, print_json


def cmd_audit(args: argparse.Namespace) -> int:
    from paddock.services.audit_log import recent_changes

    with open_db(args) as db:
        changes = recent_changes(db, limit=args.limit, entity=args.entity)
    if args.json:
        print_json({"changes": [c.to_json() for c in changes]})
        return 0
    for c in changes:
        detail = json.dumps(c.after, ensure_ascii=False) if c.after is not None else ""
        print(f"{c.at:%Y-%m-%d %H:%M:%S}Z  {c.user:<10} {c.action:<12} {c.entity:<14} "
              f"{c.entity_id:<22} {detail[:80]}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    p = sub.add_parser("audit", help="who changed what, when (newest first)")
    add_db(p)
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--entity", metavar="KIND", help="entry, tyre, penalty, classification...")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)
