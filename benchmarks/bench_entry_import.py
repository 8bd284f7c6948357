"""Entry import that lists every problem, a demo cleared, the demo built: how long each takes.

- A 1,000-row entry list with a problem on every third row: every problem is listed in one
  refusal (what an official waits for before correcting the file in one pass); the same
  file without problems, imported.
- Clearing the demo season (the window's first-start demo: two weekends run).
- Building the demo database (`paddock --demo` and the first start's "demo" choice).

Prints, never fails. Run: .venv/bin/python benchmarks/bench_entry_import.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from paddock.errors import RuleViolation
from paddock.services.database import init_database, open_database
from paddock.services.demo_season import clear_demo
from paddock.services.entries import import_entries_csv

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season")


def entry_list(rows: int, *, bad: bool) -> str:
    lines = [HEADER]
    for i in range(rows):
        number = str(100 + i % 900) if i < 900 else f"0{i % 100:02d}"
        date = "1990-13-01" if bad and i % 3 == 0 else "1990-01-01"
        cls = "GT3" if bad and i % 3 == 1 else "Pro-Am"
        lines.append(f"{number},First{i},Last{i},{date},USA,Team {i % 20},992,{cls},yes,yes")
    return "\n".join(lines) + "\n"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-entries-"))
    try:
        base = folder / "base.db"
        init_database(base, year=2026)
        for bad in (True, False):
            path = folder / f"entries-{'bad' if bad else 'good'}.csv"
            path.write_text(entry_list(1000, bad=bad), encoding="utf-8")
            db_file = folder / f"run-{bad}.db"
            shutil.copy(base, db_file)
            with open_database(db_file) as db:
                start = time.perf_counter()
                try:
                    count = import_entries_csv(db, path)
                    what = f"imported {count} rows"
                except RuleViolation as exc:
                    what = f"refused, {len(exc.problems)} problems listed"
                took = (time.perf_counter() - start) * 1000
            print(f"1,000-row entry list ({'bad' if bad else 'good'}): {took:7.0f} ms  ({what})")

        start = time.perf_counter()
        demo = folder / "demo.db"
        init_database(demo, demo_weekend=True)
        print(f"build the demo database:           {(time.perf_counter() - start) * 1000:7.0f} ms")
        with open_database(demo) as db:
            start = time.perf_counter()
            cleared = clear_demo(db)
            took = (time.perf_counter() - start) * 1000
        print(f"clear the demo (with its backup):  {took:7.0f} ms  ({cleared.text})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
