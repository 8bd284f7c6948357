"""In-process time of each document issue 12 added, for a 40-car, 45-minute race weekend.

The synthetic race of `bench_lap_documents` (Al Kamel time cards: sectors, pit stops,
full-course yellow, deleted laps) is imported as the race *and* as qualifying at Road
America, with 40 entries; eight stewards' decisions, a grid amendment and 320 tyres (some
carried on to the next event) are added. Each document's data is built once (timed as
"data") and rendered ``repeats`` times: the median render time is printed beside its
target (issue 12: <= 60 ms for a one-page sheet, <= 300 ms for the time cards of all
cars). Prints; never asserts. Run:
``.venv/bin/python benchmarks/bench_documents_new.py [repeats] [--keep FOLDER]``.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_lap_documents import load, number_of, pages

EVENT = "road-america"


def prepare(db: Any, folder: Path) -> None:
    """Qualifying from the same laps, decisions, a grid amendment, tyres."""
    from paddock.services.grids import adjust_grid
    from paddock.services.results import add_penalty, import_results
    from paddock.services.tyres import carry_over_tyres, register_tyres

    timing = folder / "23_Time Cards_Race 1.CSV"
    qualifying = folder / "23_Time Cards_Qualifying.CSV"
    shutil.copy(timing, qualifying)
    import_results(db, event=EVENT, session="Q", files=[qualifying])
    for index in range(8):
        car = number_of(index * 4)
        if index % 4 == 3:
            add_penalty(db, event=EVENT, session="R1", car=car, kind="grid-drop", places=3,
                        reason="Causing a collision", decision=str(index + 1),
                        article="Art. 12.3")
        else:
            add_penalty(db, event=EVENT, session="R1", car=car, kind="time", seconds=5,
                        reason="Track limits", decision=str(index + 1), article="Art. 28.2")
    adjust_grid(db, event=EVENT, race=2, kind="withdraw", car=number_of(39),
                reason="Engine change")
    for car in range(40):
        codes = [f"BENCH{car:02d}T{t:02d}" for t in range(8)]
        register_tyres(db, event=EVENT, car=number_of(car), barcodes=codes)
        if car % 5 == 0:
            carry_over_tyres(db, event=EVENT, car=number_of(car), barcodes=codes[:2])


def documents(db: Any) -> list[tuple[str, int, Callable[[], Any], Callable[[Any], bytes]]]:
    """(name, target ms, build the data, render it) for each document."""
    from paddock.reports.classification import (
        render_qualifying_by_class,
        render_results_by_class,
    )
    from paddock.reports.decisions import render_decisions
    from paddock.reports.entry_list import render_entry_list
    from paddock.reports.grid_sheet import render_grid_sheet
    from paddock.reports.tyres import render_tyre_allocation
    from paddock.services import documents as docs
    from paddock.services.decision_documents import decisions_document
    from paddock.services.lap_documents import LAP_DOCUMENTS, lap_document, render_lap_document

    found: list[tuple[str, int, Callable[[], Any], Callable[[Any], bytes]]] = []
    for key in LAP_DOCUMENTS:
        found.append((f"{key} (R1)", 300 if key == "time-cards" else 60,
                      lambda key=key: lap_document(db, key, event=EVENT, session="R1"),
                      render_lap_document))
    found += [
        ("decision sheet", 60,
         lambda: decisions_document(db, event=EVENT, session="R1", decision="1"),
         render_decisions),
        ("decisions bulletin", 60,
         lambda: decisions_document(db, event=EVENT, session="R1"), render_decisions),
        ("grid sheet (R2)", 120, lambda: docs.grid_document(db, event=EVENT, race=2),
         render_grid_sheet),
        ("results by class", 120,
         lambda: docs.results_by_class_document(db, event=EVENT, session="R1"),
         render_results_by_class),
        ("qualifying by class", 120,
         lambda: docs.results_by_class_document(db, event=EVENT, session="Q"),
         render_qualifying_by_class),
        ("entry list", 60, lambda: docs.entry_list_document(db, EVENT), render_entry_list),
        ("tyre sheet", 300, lambda: docs.tyre_allocation_document(db, event=EVENT),
         lambda d: render_tyre_allocation(d, [c.number for c in d.cars])),
    ]
    return found


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeats = int(args[0]) if args else 7
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = load(folder)
        prepare(db, folder)
        print(f"{'document':<22} {'render':>9} {'CPU':>8} {'data':>8}  pages  target")
        for title, target, build, render in documents(db):
            started = time.perf_counter()
            data = build()
            data_ms = (time.perf_counter() - started) * 1000
            render(replace(data))  # fonts and images loaded once, as in the app
            times, cpu = [], []
            pdf = b""
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                pdf = render(data)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            count = pages(pdf)
            print(f"{title:<22} {statistics.median(times):7.1f}ms {statistics.median(cpu):6.1f}ms "
                  f"{data_ms:6.1f}ms  {count:>5}  <= {target} ms"
                  + (" (one page)" if target == 60 else ""))
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"{title.split()[0]}-{title.split()[-1].strip('()')}.pdf").write_bytes(pdf)
        db.close()


if __name__ == "__main__":
    main()
