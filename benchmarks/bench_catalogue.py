"""The catalogue of documents and the results export, in process, median of N runs.

- the catalogue of an event as the Documents page lists it (`document_catalogue`), and
  the part of it that forms the two starting grids;
- `export_results` of a race as CSV and as JSON (every lap).

On the demo weekend (Sebring run and published). Prints, never asserts.

Run from the project root: .venv/bin/python benchmarks/bench_catalogue.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paddock.services.catalogue import event_documents
from paddock.services.database import open_database
from paddock.services.export import export_results
from paddock.services.grids import starting_grid


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "p.db", demo_if_new=True, demo_weekend=True)
        try:
            figures = {
                "catalogue of Sebring (13 documents)":
                    median_ms(lambda: event_documents(db, "sebring"), runs),
                "  of which the two starting grids":
                    median_ms(lambda: [starting_grid(db, event="1", race=r) for r in (1, 2)],
                              runs),
                "export R1 as CSV": median_ms(lambda: export_results(
                    db, event="1", session="R1", format="csv", output=folder / "r1.csv"), runs),
                "export R1 as JSON (every lap)": median_ms(lambda: export_results(
                    db, event="1", session="R1", format="json", output=folder / "r1.json"),
                    runs),
            }
        finally:
            db.close()
    for name, ms in figures.items():
        print(f"{name:<40} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
