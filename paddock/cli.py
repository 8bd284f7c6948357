"""The `paddock` command: every service of the window, headless.

The contract (names, options, exit codes, JSON shapes) is shared/cli.md. Exit 0 on
success, 1 when input is refused (reason on stderr, nothing written), 2 on a usage error.
Heavy modules are imported inside each command so `paddock --help` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from paddock import __version__
from paddock.commands.common import Handler, add_db
from paddock.errors import PaddockError


def build_parser() -> argparse.ArgumentParser:
    from paddock.commands import (
        audit,
        backups,
        copy,
        demo,
        entries,
        export,
        grids,
        integrity,
        penalties,
        reports,
        results,
        season,
        sessions,
        setup,
        tyres,
    )

    parser = argparse.ArgumentParser(
        prog="paddock",
        description="Paddock: trackside operations for the Porsche Carrera Cup North America. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"paddock {__version__}")
    add_db(parser, top=True)
    parser.add_argument("--demo", dest="demo_window", action="store_true",
                        help="open the window on the demo season, in a database of its own "
                        "(your database is not touched)")
    parser.set_defaults(handler=setup.cmd_window)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (setup, season, entries, tyres, results, penalties, audit, reports, sessions,
                  export, grids, integrity, backups, copy, demo):
        group.register(sub, add_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        from paddock.services.season import season_chosen

        # Always set (None: the season marked current), so a caller's earlier choice in
        # this process (a test, an embedding program) never leaks into the command.
        with season_chosen(args.season):
            return handler(args)
    except PaddockError as exc:
        print(f"paddock: {exc}" if "\n" not in str(exc) else str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `paddock entries list | head`: the reader left; not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # The environment's fault (disk full, no permission, read-only disk) while writing
        # a file: one line for the desk, like a refusal; the services wrote nothing.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"paddock: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
