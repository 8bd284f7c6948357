"""A stewards' bulletin on a 40-car race: the preview of five pending decisions, in process.

Target (issue 14): `session_results(preview=True)` with five pending decisions on a 40-car,
45-minute race (~1,100 laps) in <= 100 ms (what the Results page waits for when the
official presses "Preview bulletin"); the official view beside it, and the publish of the
bulletin (one revision). Prints, never fails.

Run: .venv/bin/python benchmarks/bench_bulletin.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_classify import synthetic_race
from bench_results_cli import make_db

from paddock.services import results as rs
from paddock.services.database import open_database


def timed(work, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[min(len(times) - 1, int(len(times) * .99))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        race = folder / "race-laps.csv"
        laps = synthetic_race(race)
        numbers = [f"{c + 1:02d}" if c % 7 == 0 else str(c + 1) for c in range(40)]
        classes = [("Pro", "Pro-Am", "Rookie")[c % 3] for c in range(40)]
        db = open_database(make_db(folder, numbers, classes))
        try:
            rs.import_results(db, event="1", session="R1", files=[race])
            rs.publish(db, event="1", session="R1", reason="check waived for the benchmark")
            for number, seconds in zip(numbers[:5], (5, 10, 3, 30, 1), strict=True):
                rs.add_penalty(db, event="1", session="R1", car=number, kind="time",
                               seconds=seconds, reason="Track limits", pending=True)
            official = timed(lambda: rs.session_results(db, event="1", session="R1"),
                             args.runs)
            preview = timed(lambda: rs.session_results(db, event="1", session="R1",
                                                       preview=True), args.runs)
            start = time.perf_counter()
            published = rs.publish(db, event="1", session="R1")
            publish_ms = (time.perf_counter() - start) * 1000
        finally:
            db.close()
    print(f"40 cars, {laps} laps, 5 pending decisions; {args.runs} runs (median / p99)")
    print(f"  official view            {official[0]:7.1f} ms / {official[1]:7.1f} ms")
    print(f"  bulletin preview         {preview[0]:7.1f} ms / {preview[1]:7.1f} ms"
          "   (target 100 ms)")
    print(f"  publish the bulletin     {publish_ms:7.1f} ms   -> revision "
          f"{published.revision} (one revision for five decisions)")


if __name__ == "__main__":
    main()
