"""How fast the Tyres page answers a scan, on a full season's tyres.

Builds a season of 40 cars x 8 events x 20 tyres (8 slicks, the quota, and 12 wets, which
are not limited): 6,400 tyres. Then drives the real page offscreen like a scanner: the
code is typed, and the clock runs from the Enter key to the verdict painted (events
processed until the panel shows the new verdict). Target: <= 20 ms at p99 for a scan.
A refused scan also starts the panel's flash and asks for the system's beep (counted
here, not sounded). Prints median, p90 and p99 times; never asserts (run:
``.venv/bin/python benchmarks/bench_scan.py``).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

# Chosen before Qt loads: the benchmark draws the real page with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paddock.rules.tyres import TyreType
from paddock.services import entries as entry_service
from paddock.services import tyres as tyre_service
from paddock.services.database import Database, open_database
from paddock.services.season import season_overview
from paddock.ui.common.theme import apply_theme
from paddock.ui.tyres.tyres_page import ScanMode, TyresPage

CARS = 40
SLICKS = 8
WETS = 12
EXTRA_NUMBERS = ("60", "62", "63", "64", "65", "66", "67", "68")


def build_season(path: Path) -> tuple[Database, int, dict[int, list[str]]]:
    """The demo field topped up to 40 cars, all entered everywhere, every tyre registered.

    Return:
        The database, the number of events, and the barcodes registered per event.
    """
    db = open_database(path, demo_if_new=True)
    for index, number in enumerate(EXTRA_NUMBERS):
        entry_service.add_entry(db, entry_service.EntryInput(
            number, "Bench", f"Driver{index}", date(1990, 1, 1), "USA",
            "Kestrel Motorsport", "992", "Pro"))
    events = [e.number for e in season_overview(db).events]
    entries = entry_service.list_entries(db)
    for entry in entries:
        entry_service.set_entry_events(db, entry.id, events)
    cars = [e.number for e in entries][:CARS]
    barcodes: dict[int, list[str]] = {}
    for event in events:
        done: list[str] = []
        for index, car in enumerate(cars):
            stem = f"E{event}C{index:02d}"
            slicks = [f"{stem}S{n:02d}" for n in range(SLICKS)]
            wets = [f"{stem}W{n:02d}" for n in range(WETS)]
            tyre_service.register_tyres(db, event=str(event), car=car, barcodes=slicks)
            tyre_service.register_tyres(db, event=str(event), car=car, barcodes=wets,
                                        tyre_type="wet")
            done += slicks + wets
        barcodes[event] = done
    return db, len(events), barcodes


def time_scans(app: QApplication, page: TyresPage, scans: list[str]) -> list[float]:
    """Milliseconds from Enter to the verdict painted, one per scan."""
    times = []
    for code in scans:
        QTest.keyClicks(page.scan_edit, code)  # the scanner's typing: not ours to time
        app.processEvents()
        before = page.verdict.display
        start = time.perf_counter()
        QTest.keyClick(page.scan_edit, Qt.Key.Key_Return)
        while page.verdict.display is before:
            app.processEvents()
        app.processEvents()  # layout and paint of the new verdict
        times.append((time.perf_counter() - start) * 1000)
    return times


ALL: list[float] = []


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(round(len(ordered) * share) - 1, 0)]


def report(label: str, times: list[float], *, scans: bool = True) -> None:
    if scans:
        ALL.extend(times)
    print(f"{label:<50} median {statistics.median(times):6.1f} ms   "
          f"p90 {percentile(times, 0.9):6.1f} ms   p99 {percentile(times, 0.99):6.1f} ms   "
          f"max {max(times):6.1f} ms   (n={len(times)})")


def timed(work: Callable[[], object], repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


BEEPS: list[None] = []


def main() -> None:
    app = QApplication([])
    QApplication.beep = staticmethod(lambda: BEEPS.append(None))  # type: ignore[method-assign]
    apply_theme(app)
    chooser = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        db, events, barcodes = build_season(Path(folder) / "season.db")
        total = sum(len(codes) for codes in barcodes.values())
        print(f"season built: {total} tyres ({CARS} cars x {events} events x "
              f"{SLICKS + WETS}) in {time.perf_counter() - start:.1f} s")

        event = events
        page = TyresPage(db, event)
        page.resize(1136, 740)
        page.show()
        app.processEvents()

        page.set_mode(ScanMode.CHECK)
        page.select_car(None)
        here = chooser.sample(barcodes[event], 150)
        elsewhere = chooser.sample(barcodes[1], 25)
        unknown = [f"NONE{n:06d}" for n in range(25)]
        report("check scan, any car (ok)", time_scans(app, page, here[:100]))
        service = [timed(lambda c=c: tyre_service.check_tyre(db, event=str(event), barcode=c),
                         repeat=1) for c in here[:100]]
        report("  of which the service check_tyre alone", service, scans=False)
        report("check scan, other event / not registered",
               time_scans(app, page, elsewhere + unknown))
        car = page.car_model.rows()[5].car
        page.select_car(car)
        report(f"check scan, inspecting car {car} (mostly other car)",
               time_scans(app, page, here[100:]))

        page.set_mode(ScanMode.REGISTER)
        page.set_tyre_type(TyreType.WET)
        page.select_car(car)
        new = [f"NEWW{n:06d}" for n in range(100)]
        report("register scan (wet, written)", time_scans(app, page, new))
        page.set_tyre_type(TyreType.SLICK)
        refused = [f"NEWS{n:06d}" for n in range(30)]
        report("register scan refused (slick quota full)", time_scans(app, page, refused))
        page.set_tyre_type(TyreType.WET)
        burst = [code for n in range(100) for code in (
            [f"BRST{n:06d}"] if n % 5 else [chooser.choice(barcodes[event])])]
        report("register burst, 1 in 5 refused (another car's)", time_scans(app, page, burst))
        print(f"{'every scan above':<50} median {statistics.median(ALL):6.1f} ms   "
              f"p99 {percentile(ALL, 0.99):6.1f} ms   (n={len(ALL)}; "
              f"{page.verdict.flash_count} refusals flashed, {len(BEEPS)} beeps asked)")

        print(f"{'table reload after a pause (event_tyres + models)':<50} "
              f"median {timed(page.refresh):6.1f} ms   ({len(page.tyre_model.rows())} "
              f"tyres at event {event})")
        # Destroyed while Python is still whole: PySide6 can crash tearing widgets down
        # during interpreter finalisation.
        page.close()
        page.deleteLater()
        app.processEvents()
        del page
        db.close()


if __name__ == "__main__":
    main()
