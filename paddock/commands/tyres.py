"""`paddock tyres ...`: the slick allocation, scans and corrections."""

from __future__ import annotations

import argparse

from paddock.commands.common import AddDb, open_db, print_json


def cmd_tyres_register(args: argparse.Namespace) -> int:
    from paddock.services.tyres import register_tyres

    with open_db(args) as db:
        result = register_tyres(db, event=args.event, car=args.car, barcodes=args.barcodes,
                                tyre_type=args.type, replacement=args.replacement,
                                reason=args.reason or "")
    print(f"car {result.car} ({result.driver}): registered {len(result.tyres)} "
          f"{args.type} tyre(s); {result.quota_text} new {args.type}s at this event")
    return 0


def cmd_tyres_check(args: argparse.Namespace) -> int:
    from paddock.services.tyres import check_tyre

    with open_db(args) as db:
        verdict = check_tyre(db, event=args.event, barcode=args.barcode, expected_car=args.car)
    if args.json:
        print_json(verdict.to_json())
    else:
        head = "OK" if verdict.legal else verdict.kind.value.upper().replace("-", " ")
        detail = f"car {verdict.car} ({verdict.driver})" if verdict.car else ""
        print(f"{head}: {verdict.message}" + (f" — {detail}, {verdict.quota_text}"
                                              if detail and verdict.quota_text else ""))
    return 0 if verdict.legal else 1


def cmd_tyres_scrap(args: argparse.Namespace) -> int:
    from paddock.services.tyres import scrap_tyre

    with open_db(args) as db:
        tyre = scrap_tyre(db, event=args.event, barcode=args.barcode, reason=args.reason)
    print(f"tyre {tyre.barcode} of car {tyre.car} scrapped: {tyre.reason}")
    return 0


def cmd_tyres_move(args: argparse.Namespace) -> int:
    from paddock.services.tyres import move_tyre

    with open_db(args) as db:
        done = move_tyre(db, event=args.event, barcode=args.barcode, to_car=args.to_car,
                         reason=args.reason)
    print(f"tyre {done.tyre.barcode} moved from car {done.from_car} to car {done.to_car} "
          f"({done.tyre.driver}): {done.quota_text} new {done.tyre.tyre_type}s at this "
          f"event; {done.window}")
    return 0


def cmd_tyres_void(args: argparse.Namespace) -> int:
    from paddock.services.tyres import void_tyre

    with open_db(args) as db:
        done = void_tyre(db, event=args.event, barcode=args.barcode, reason=args.reason)
    print(f"tyre {done.tyre.barcode} of car {done.from_car} voided: {done.tyre.reason}; "
          f"car {done.from_car} now has {done.quota_text} new {done.tyre.tyre_type}s at this "
          f"event; {done.window}")
    return 0


def cmd_tyres_carry(args: argparse.Namespace) -> int:
    from paddock.services.tyres import carry_over_tyres

    with open_db(args) as db:
        moved = carry_over_tyres(db, event=args.event, car=args.car, barcodes=args.barcodes,
                                 to_event=args.to)
    print(f"car {args.car}: carried {len(moved)} tyre(s) to event {moved[0].event}"
          if moved else "nothing carried")
    return 0


def cmd_tyres_list(args: argparse.Namespace) -> int:
    from paddock.services.tyres import event_tyres

    with open_db(args) as db:
        info = event_tyres(db, args.event)
    if args.json:
        print_json({"event": info.event_number, "tyres": [
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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDb) -> None:
    tyres = sub.add_parser("tyres", help="Michelin tyre allocation and checks")
    tyres_sub = tyres.add_subparsers(dest="tyres_command", metavar="ACTION", required=True)
    p = tyres_sub.add_parser("register", help="register tyres to a car (all or none)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("--type", choices=["slick", "wet"], default="slick")
    p.add_argument("--replacement", action="store_true",
                   help="replaces a damaged tyre with the stewards' approval (needs --reason)")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("barcodes", nargs="+", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_register)
    p = tyres_sub.add_parser("check", help="whose tyre is this? exit 0 when legal")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--car", metavar="NO", help="the car being inspected")
    p.add_argument("--json", action="store_true")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_check)
    p = tyres_sub.add_parser("scrap", help="mark a tyre scrapped")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_scrap)
    p = tyres_sub.add_parser("move", help="correct a registration: the tyre is another "
                             "car's (until the event's first race starts)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--to-car", required=True, metavar="NO", dest="to_car")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_move)
    p = tyres_sub.add_parser("void", help="correct a registration made by mistake: it "
                             "frees the quota (until the event's first race starts)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("barcode", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_void)
    p = tyres_sub.add_parser("carry-over", help="carry unused slicks to the next event")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT", help="the event they come from")
    p.add_argument("--to", metavar="EVENT", help="default: the next event")
    p.add_argument("--car", required=True, metavar="NO")
    p.add_argument("barcodes", nargs="+", metavar="BARCODE")
    p.set_defaults(handler=cmd_tyres_carry)
    p = tyres_sub.add_parser("list", help="tyres and per-car totals at an event")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tyres_list)
