"""Scan-to-verdict with four tyre desks scanning at once, on PostgreSQL and on SQLite.

Issue 15's figure: on a PostgreSQL server over loopback, with 4 desks scanning
concurrently, the verdict of a scan in p99 <= 50 ms. Each desk is a process of its own
working the real services (as the window's desk does, one database handle opened once):
it scans 200 tyres, in turn registering a new one to a car ("5 of 8" is the verdict) and
checking one already registered (the verdict an inspector reads). The clock runs around
the service call: from the barcode handed over to the verdict back. The same with one
desk alone, for comparison, and the same on a SQLite file.

The PostgreSQL server is a throw-away cluster (tests/pg_cluster.py, the one the tests
start) with the server's durable defaults (fsync on); it is skipped, saying why, when it
cannot start. Prints figures, never fails.

Run: .venv/bin/python benchmarks/bench_server_scan.py [--scans N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

# The throw-away cluster and the desk processes are the tests' own (tests/pg_cluster.py,
# tests/db/desks.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paddock.services.database import init_database, open_database
from paddock.services.entries import list_entries
from paddock.services.tyres import register_tyres
from tests.db.desks import Step, StepOutcome, run_desks
from tests.pg_cluster import Cluster

DESKS = 4
TARGET_P99_MS = 50
#: Tyres registered to every car before the desks start (6 slicks, 4 wets).
SLICKS_BEFORE, WETS_BEFORE = 6, 4


def prepare(location: str) -> list[str]:
    """The demo field with tyres already on every car; return the barcodes registered."""
    init_database(location, demo=True)
    barcodes = []
    with open_database(location, create=False) as db:
        for n, entry in enumerate(list_entries(db, event=1)):
            slicks = [f"MXB{n:02d}S{k}" for k in range(SLICKS_BEFORE)]
            wets = [f"MXB{n:02d}W{k}" for k in range(WETS_BEFORE)]
            register_tyres(db, event="1", car=entry.number, barcodes=slicks)
            register_tyres(db, event="1", car=entry.number, barcodes=wets, tyre_type="wet")
            barcodes += slicks + wets
    return barcodes


def plan(desk: int, scans: int, cars: list[str], known: list[str]) -> list[Step]:
    steps: list[Step] = []
    for i in range(scans):
        if i % 2:
            steps.append({"op": "check", "barcode": known[(desk * 37 + i * 7) % len(known)]})
        else:
            steps.append({"op": "register", "car": cars[(desk * 11 + i) % len(cars)],
                          "barcode": f"MXN{desk}{i:04d}",
                          "type": "slick" if i % 4 == 0 else "wet"})
    return steps


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return f"p50 {statistics.median(times):6.1f} ms  p99 {p99:6.1f} ms  (n={len(times)})"


def bench(label: str, location: str, folder: Path, scans: int, desks: int,
          known: list[str]) -> float:
    """Run ``desks`` desks at once; print the figures; return the p99 of every scan."""
    with open_database(location, create=False) as db:
        cars = [e.number for e in list_entries(db, event=1)]
    reports = run_desks(folder, location, [plan(d, scans, cars, known) for d in range(desks)])
    steps: list[StepOutcome] = [s for r in reports for s in r.steps]
    for r in reports:
        if r.returncode:
            print(f"  a desk failed: {r.stderr.strip()[-400:]}")
    busy = sum(len(s.busy) for s in steps)
    every = [s.ms for s in steps]
    print(f"  {label:<28} all      {percentiles(every)}"
          + (f"  ({busy} told 'another desk is writing')" if busy else ""))
    print(f"  {'':<28} check    {percentiles([s.ms for s in steps if s.op == 'check'])}")
    print(f"  {'':<28} register {percentiles([s.ms for s in steps if s.op == 'register'])}")
    every.sort()
    return every[min(len(every) - 1, int(len(every) * 0.99))]


def run_engine(name: str, new_location: Callable[[], str], folder: Path, scans: int) -> None:
    print(f"{name}:")
    for desks in (1, DESKS):
        location = new_location()
        known = prepare(location)
        p99 = bench(f"{desks} desk{'s' if desks > 1 else ''} x {scans} scans", location,
                    folder, scans, desks, known)
        if desks == DESKS:
            verdict = "meets" if p99 <= TARGET_P99_MS else "misses"
            print(f"  p99 {p99:.1f} ms {verdict} the target of {TARGET_P99_MS} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=200, help="scans per desk")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; each "
          "desk a process; a scan = the service call")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["PADDOCK_SERVER_BACKUPS"] = str(folder / "server-backups")
        try:
            cluster: Cluster | None = Cluster(durable=True)
        except (RuntimeError, OSError) as exc:
            cluster = None
            print(f"PostgreSQL skipped: no server could be started ({exc})")
        if cluster is not None:
            try:
                run_engine("PostgreSQL over loopback (fsync on)",
                           lambda: cluster.new_database(f"bench_{uuid.uuid4().hex[:8]}"),
                           folder, args.scans)
            finally:
                cluster.stop()
        files = iter(range(100))
        run_engine("SQLite file", lambda: str(folder / f"scan-{next(files)}.db"), folder,
                   args.scans)


if __name__ == "__main__":
    main()
