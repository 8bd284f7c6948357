"""Publishing a 40-car race: on PostgreSQL, on a SQLite file, and with two desks at once.

Issue 15's figures: the publish of a 40-car, 45-minute race (~1,100 laps of time cards)
on each engine, and on SQLite with two processes publishing at once (each its own race:
the file's write lock serves them one after the other). A desk publishes revision 1 and
then adds nine time penalties, each publishing the next revision, so a figure is the
median of ten publishes with the backup each one makes first (a copy of the file; on a
server `pg_dump -Fc` when the client tools are installed, said below).

The PostgreSQL server is a throw-away cluster (tests/pg_cluster.py, the one the tests
start) with the server's durable defaults (fsync on); it is skipped, saying why, when it
cannot start. Prints figures, never fails.

Run: .venv/bin/python benchmarks/bench_publish.py
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The throw-away cluster and the desk processes are the tests' own (tests/pg_cluster.py,
# tests/db/desks.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_classify import synthetic_race
from bench_results_cli import HEADER

from paddock.db.backup import pg_dump_program
from paddock.services.database import init_database, open_database
from paddock.services.entries import import_entries_csv
from paddock.services.results import import_results
from tests.db.desks import DeskReport, Step, run_desks
from tests.pg_cluster import Cluster

CARS = 40
REVISIONS = 10
NUMBERS = [f"{c + 1:02d}" if c % 7 == 0 else str(c + 1) for c in range(CARS)]
CLASSES = [("Pro", "Pro-Am", "Rookie")[c % 3] for c in range(CARS)]


def prepare(location: str, folder: Path) -> None:
    """A season with 40 cars entered everywhere and both races' time cards imported."""
    init_database(location)
    entries = folder / "entries.csv"
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i, (number, cls) in enumerate(zip(NUMBERS, CLASSES, strict=True)):
            born = "2002-01-01" if cls == "Rookie" else "1990-01-01"
            out.writerow([number, "Driver", f"No{i}", born, "USA", f"Team {i % 12}",
                          "992", cls, "yes" if cls == "Pro-Am" else "no", "yes"])
    with open_database(location, create=False) as db:
        import_entries_csv(db, entries)
        for seed, session in enumerate(("R1", "R2"), start=1):
            laps = folder / f"{session}-laps.csv"
            synthetic_race(laps, seed=seed)
            import_results(db, event="1", session=session, files=[laps])


def plan(session: str) -> list[Step]:
    steps: list[Step] = [{"op": "publish", "session": session,
                          "reason": "check waived for the benchmark"}]
    for k in range(REVISIONS - 1):
        steps.append({"op": "penalty", "session": session, "car": NUMBERS[k], "seconds": k + 1,
                      "reason": f"Track limits ({k})"})
    return steps


def figures(label: str, reports: list[DeskReport]) -> None:
    for r in reports:
        if r.returncode or r.refusals:
            print(f"  a desk failed: {r.refusals} {r.stderr.strip()[-400:]}")
    times = sorted(s.ms for r in reports for s in r.steps if s.ok)
    first = [r.steps[0].ms for r in reports if r.steps]
    print(f"  {label:<34} median {statistics.median(times):7.1f} ms  "
          f"max {times[-1]:7.1f} ms  (revision 1: {', '.join(f'{t:.0f}' for t in first)} ms; "
          f"n={len(times)})")


def run_engine(name: str, new_location: Callable[[], str], folder: Path) -> None:
    print(f"{name}:")
    location = new_location()
    prepare(location, folder)
    figures("one desk publishing", run_desks(folder, location, [plan("R1")]))
    location = new_location()
    prepare(location, folder)
    figures("two desks publishing at once", run_desks(folder, location,
                                                     [plan("R1"), plan("R2")]))


def main() -> None:
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; "
          f"{CARS} cars, 45 minutes; each desk a process; a publish = the service call, "
          "its backup included")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PADDOCK_SERVER_BACKUPS"] = str(folder / "server-backups")
        try:
            cluster: Cluster | None = Cluster(durable=True)
        except (RuntimeError, OSError) as exc:
            cluster = None
            print(f"PostgreSQL skipped: no server could be started ({exc})")
        if cluster is not None:
            dump = "with pg_dump -Fc" if pg_dump_program() else "no pg_dump installed"
            try:
                run_engine(f"PostgreSQL over loopback (fsync on, {dump})",
                           lambda: cluster.new_database(f"bench_{uuid.uuid4().hex[:8]}"),
                           folder)
            finally:
                cluster.stop()
        files = iter(range(100))
        run_engine("SQLite file (a copy of the file first)",
                   lambda: str(folder / f"publish-{next(files)}.db"), folder)


if __name__ == "__main__":
    main()
