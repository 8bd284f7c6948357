"""Whole-process time of each `paddock report ...` command on a 40-car weekend, median.

Target (issue 5): 0.6 s per document command. The floor on this kind of machine is
Python's start plus `import sqlmodel` (~0.5 s alone) plus `import reportlab.platypus`
(~0.15 s): both are measured and printed beside the figures. When LibreOffice is
installed, the time of `libreoffice --headless --convert-to pdf` on the same race
classification as CSV is printed too, as a ratio. Prints, never asserts.

Run from the project root: .venv/bin/python benchmarks/bench_report_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.database import open_database
from paddock.services.entries import import_entries_csv
from paddock.services.results import add_penalty, publish, session_results
from tests.services.test_documents_weekend import load_weekend, register_some_tyres

HEADER = ["number", "first_name", "last_name", "date_of_birth", "nationality", "team", "car",
          "class", "gentleman", "full_season"]


def median_s(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of a whole process.

    The CPU time is what the process itself costs; on a machine busy with other work
    the wall-clock time also holds the waiting.
    """
    def once() -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    once()  # warm the file cache
    samples = [once() for _ in range(runs)]
    return (statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples))


def make_weekend(folder: Path) -> Path:
    """40 entries; practice, qualifying (official) and race 1 (official) with decisions;
    8 slicks registered for every car."""
    path = folder / "bench.db"
    db = open_database(path)
    entries = folder / "entries.csv"
    numbers = [f"0{c + 1}" if c % 9 == 0 else str(c + 1) for c in range(40)]
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i, number in enumerate(numbers):
            cls = ("Pro", "Pro-Am", "Rookie")[i % 3]
            born = "2002-01-01" if cls == "Rookie" else "1985-01-01"
            out.writerow([number, f"Driver{i}", f"Surname-{i}", born, "USA",
                          f"Team number {i % 12} Motorsport", "992", cls,
                          "yes" if cls == "Pro-Am" else "no", "yes"])
    import_entries_csv(db, entries)
    w = load_weekend(db, folder / "timing", event="1", sessions=("FP1", "Q", "R1"),
                     cars=numbers)
    add_penalty(db, event="1", session="R1", car=w.cars[1], kind="time", seconds=5,
                reason="Track limits")
    add_penalty(db, event="1", session="R1", car=w.cars[4], kind="grid-drop", places=3,
                reason="Causing a collision")
    publish(db, event="1", session="Q")
    publish(db, event="1", session="R1")
    register_some_tyres(db, "1", numbers)
    db.close()
    return path


def race_csv(db_path: Path, target: Path) -> None:
    """The race classification as a spreadsheet would hold it."""
    db = open_database(db_path)
    results = session_results(db, event="1", session="R1")
    db.close()
    with target.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Pos", "No.", "Class", "PIC", "Driver", "Team", "Nat.", "Car", "Laps",
                      "Total time", "Gap", "Interval", "Best lap", "Lap"])
        for v in results.rows:
            r = v.row
            out.writerow([r.position or r.status.value.upper(), r.number, r.class_name,
                          r.class_position or "", v.driver, v.team, v.nationality, v.car,
                          r.laps, format_racetime(r.total_time_ms), r.gap, r.interval,
                          format_laptime(r.best_lap_ms), r.best_lap_number or ""])


def in_process(db_path: Path, runs: int) -> None:
    """The work itself, imports done: read the database, fill the document, render."""
    from paddock.services import documents as d

    db = open_database(db_path)
    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("entry list", lambda: d.entry_list_pdf(db, "1")),
        ("race classification", lambda: d.classification_pdf(db, event="1", session="R1")),
        ("results by class",
         lambda: d.classification_pdf(db, event="1", session="R1", by_class=True)),
        ("qualifying", lambda: d.classification_pdf(db, event="1", session="Q")),
        ("grid race 2", lambda: d.grid_pdf(db, event="1", race=2)),
        ("tyres + 40 barcode pages", lambda: d.tyres_pdf(db, event="1")),
        ("standings", lambda: d.standings_pdf(db)),
    ]
    d.entry_list_pdf(db, "1")  # fonts registered, image decoded: once per process
    print("in process, imports done (database + document + render):")
    for label, make in cases:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            make()
            times.append(time.perf_counter() - start)
        print(f"  {label:<40} {statistics.median(times):6.3f} s")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    runs = args.runs
    print(f"median of {runs} runs, whole process, {os.cpu_count()} cores")
    floors = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import sqlmodel", [py, "-c", "import sqlmodel"]),
        ("import reportlab.platypus", [py, "-c", "import reportlab.platypus"]),
        ("import sqlmodel + reportlab.platypus",
         [py, "-c", "import sqlmodel, reportlab.platypus"]),
        ("import paddock.services.documents", [py, "-c", "import paddock.services.documents"]),
    ]
    print(f"floors:{'wall':>42}   {'CPU':>7}")
    for label, cmd in floors:
        wall, cpu = median_s(cmd, runs)
        print(f"  {label:<40} {wall:6.3f} s {cpu:6.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = make_weekend(folder)
        env = {**os.environ, "PADDOCK_DB": str(db)}
        base = [py, "-m", "paddock", "report"]
        out = str(folder / "out.pdf")
        commands = [
            ("entry-list --event 1", ["entry-list", "--event", "1", "-o", out]),
            ("classification R1 (official)",
             ["classification", "--event", "1", "--session", "R1", "-o", out]),
            ("classification R1 --by-class",
             ["classification", "--event", "1", "--session", "R1", "--by-class", "-o", out]),
            ("classification Q", ["classification", "--event", "1", "--session", "Q", "-o", out]),
            ("grid --race 1", ["grid", "--event", "1", "--race", "1", "-o", out]),
            ("grid --race 2", ["grid", "--event", "1", "--race", "2", "-o", out]),
            ("tyres (sheet + 40 barcode pages)", ["tyres", "--event", "1", "-o", out]),
            ("tyres --no-barcodes", ["tyres", "--event", "1", "--no-barcodes", "-o", out]),
            ("standings", ["standings", "-o", out]),
            ("event-pack (9 documents)",
             ["event-pack", "--event", "1", "-o", str(folder / "pack")]),
        ]
        in_process(db, runs)
        print("paddock report, 40 cars, whole process (target 0.6 s per document):   wall"
              "       CPU")
        timings = {}
        for label, extra in commands:
            wall, cpu = median_s([*base, *extra], runs, env)
            timings[label] = wall
            print(f"  {label:<40} {wall:6.3f} s {cpu:6.3f} s")

        office = shutil.which("libreoffice") or shutil.which("soffice")
        if office is None:
            print("libreoffice: not installed, comparison skipped")
            return
        table = folder / "race.csv"
        race_csv(db, table)
        profile = folder / "lo-profile"
        cmd = [office, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(table)]
        office_s, office_cpu = median_s(cmd, max(3, runs // 2))
        ours = timings["classification R1 (official)"]
        print(f"libreoffice --headless --convert-to pdf, same race as CSV: {office_s:6.3f} s "
              f"(CPU {office_cpu:.3f} s)")
        print(f"  ratio libreoffice / paddock classification ({ours:.3f} s): "
              f"{office_s / ours:.2f}")


if __name__ == "__main__":
    main()
