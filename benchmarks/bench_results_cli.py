"""Whole-process time of `paddock results import` + `results show`, median.

Targets (issue 4): import and classify a 40-car, 45-minute race (~1,100 laps) in
<= 0.8 s for the CLI command; the 1,844-lap real Long Beach 2023 race when the shared
data is present. The in-process figures are in bench_classify.py. Prints, never fails.

Run: .venv/bin/python benchmarks/bench_results_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_classify import synthetic_race

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "imsa"
LONG_BEACH = "2023_08-long-beach-street-circuit_202304151405-race"
HEADER = ["number", "first_name", "last_name", "date_of_birth", "nationality", "team", "car",
          "class", "gentleman", "full_season"]


def median_s(cmd: list[str], runs: int) -> float:
    def once() -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return time.perf_counter() - start

    once()
    return statistics.median(once() for _ in range(runs))


def make_db(folder: Path, numbers: list[str], classes: list[str]) -> Path:
    py = sys.executable
    db = folder / "bench.db"
    subprocess.run([py, "-m", "paddock", "init", "--db", str(db)], check=True,
                   capture_output=True)
    for name in sorted(set(classes) - {"Pro", "Pro-Am", "Rookie"}):
        subprocess.run([py, "-m", "paddock", "class", "add", name, "--db", str(db)],
                       check=True, capture_output=True)
    entries = folder / "entries.csv"
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i, (number, cls) in enumerate(zip(numbers, classes, strict=True)):
            born = "2002-01-01" if cls == "Rookie" else "1990-01-01"
            out.writerow([number, "Driver", f"No{i}", born, "USA", f"Team {i % 12}",
                          "992", cls, "yes" if cls == "Pro-Am" else "no", "yes"])
    subprocess.run([py, "-m", "paddock", "entries", "import", str(entries), "--db", str(db)],
                   check=True, capture_output=True)
    return db


def bench(label: str, folder: Path, db: Path, laps_file: Path, runs: int) -> None:
    py = sys.executable
    base = [py, "-m", "paddock", "--db", str(db), "results"]
    imp = median_s([*base, "import", "--event", "1", "--session", "R1", str(laps_file)], runs)
    show = median_s([*base, "show", "--event", "1", "--session", "R1", "--json"], runs)
    print(f"  {label:<38} import {imp:6.3f} s   show --json {show:6.3f} s   (target 0.8 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    floor = median_s([py, "-c", "import sqlmodel"], args.runs)
    print(f"median of {args.runs} runs, whole process, {os.cpu_count()} cores; "
          f"floor `import sqlmodel` = {floor:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        race = folder / "race-laps.csv"
        laps = synthetic_race(race)
        numbers = [f"{c + 1:02d}" if c % 7 == 0 else str(c + 1) for c in range(40)]
        classes = [("Pro", "Pro-Am", "Rookie")[c % 3] for c in range(40)]
        db = make_db(folder, numbers, classes)
        bench(f"synthetic 40 cars, {laps} laps", folder, db, race, args.runs)
        real = SHARED / f"{LONG_BEACH}-laps.csv"
        if real.exists():
            with (SHARED / f"{LONG_BEACH}-results.csv").open(encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f, skipinitialspace=True))
            sub = folder / "lb"
            sub.mkdir()
            db = make_db(sub, [r["NUMBER"] for r in rows], [r["CLASS"] for r in rows])
            bench("Long Beach 2023 race, 1,844 laps", sub, db, real, args.runs)
        else:
            print(f"  (real file not present at {real})")


if __name__ == "__main__":
    main()
