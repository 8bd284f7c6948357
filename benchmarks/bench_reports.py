"""Median in-process render time of each document for a 40-car field.

Run from the project root: ``.venv/bin/python benchmarks/bench_reports.py [repeats]``.
Fonts are registered (and the letterhead image decoded) by a warm-up render first, as
they are once per process in the app. Prints; never asserts.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paddock.reports.classification import (
    render_qualifying_classification,
    render_race_classification,
    render_results_by_class,
)
from paddock.reports.entry_list import render_entry_list
from paddock.reports.grid_sheet import render_grid_sheet
from paddock.reports.standings import render_standings
from paddock.reports.tyres import render_tyre_allocation, render_tyre_barcodes
from tests.reports import samples


def median_ms(render: Callable[[], bytes], repeats: int) -> tuple[float, float, int]:
    """Median wall-clock and CPU milliseconds, and the PDF's size."""
    wall, cpu = [], []
    size = 0
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(render())
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    race = samples.race(official=True)
    tyres = samples.tyres()
    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("entry list", lambda: render_entry_list(samples.entry_list())),
        ("race classification", lambda: render_race_classification(race)),
        ("results by class", lambda: render_results_by_class(race)),
        ("qualifying classification",
         lambda: render_qualifying_classification(samples.qualifying())),
        ("grid sheet", lambda: render_grid_sheet(samples.grid())),
        ("standings (3 classes, 16 rounds)", lambda: render_standings(samples.standings())),
        ("tyre allocation (40 cars)", lambda: render_tyre_allocation(tyres)),
        ("tyre barcodes (1 car)", lambda: render_tyre_barcodes(tyres, ["1"])),
        ("tyre barcodes (40 cars)", lambda: render_tyre_barcodes(tyres)),
    ]
    start = time.perf_counter()
    render_entry_list(samples.entry_list())
    print(f"first render (fonts, image): {(time.perf_counter() - start) * 1000:.1f} ms")
    accelerated = importlib.util.find_spec("_rl_accel") is not None
    print(f"reportlab C accelerator (rl-accel): {'yes' if accelerated else 'NO (slower)'}")
    print(f"median of {repeats} renders, 40 cars:       wall ms    CPU ms     size")
    for name, render in cases:
        wall, cpu, size = median_ms(render, repeats)
        print(f"  {name:<34} {wall:8.1f}  {cpu:8.1f}  {size / 1024:5.0f} KiB")


if __name__ == "__main__":
    main()
