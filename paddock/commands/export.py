"""`paddock export results ...`: a session's results for other tools.

::

    paddock export results --event EVENT --session SESSION --format csv|json -o PATH

CSV in the timing service's own layout (semicolons; races as its results file,
qualifying and practice as theirs), read back by ``paddock results import``; JSON with
the session, the classification and every lap (times as integer milliseconds). Exit 1
(nothing written) for an unknown event or session, a session without results, or a path
that is the database's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

AddDb = Callable[[argparse.ArgumentParser], None]


def cmd_export_results(args: argparse.Namespace) -> int:
    from paddock.services.database import open_database
    from paddock.services.export import export_results

    with open_database(args.db) as db:
        result = export_results(db, event=args.event, session=args.session,
                                format=args.format, output=args.output)
    laps = f", {result.laps} laps" if result.format == "json" else ""
    print(f"wrote {result.path} ({result.size:,} bytes): {result.cars} cars{laps}",
          file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             add_db: AddDb) -> None:
    """Add ``export results`` to the ``paddock`` parser."""
    export = subparsers.add_parser("export", help="results as files for other tools")
    actions = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    p = actions.add_parser("results", help="a session's classification (CSV) or all (JSON)")
    add_db(p)
    p.add_argument("--event", required=True, metavar="EVENT", help="event number or short name")
    p.add_argument("--session", required=True, metavar="SESSION", help="FP1, FP2, Q, R1, R2")
    p.add_argument("--format", required=True, choices=("csv", "json"))
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    p.set_defaults(handler=cmd_export_results)
