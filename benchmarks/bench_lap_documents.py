"""In-process render time of each lap document for a 40-car, 45-minute race.

A synthetic race in Al Kamel's time-card layout (sectors, a pit stop per car with its
PIT_TIME on the out-lap, three laps under full-course yellow, a few laps deleted in the
timing system) is imported into a fresh database; each document's data is built once
through `paddock.services.lap_documents` and then rendered repeatedly. Targets (issue 12):
<= 60 ms for a one-page sheet, <= 300 ms for the time cards of all cars. Prints medians;
never asserts. Run: ``.venv/bin/python benchmarks/bench_lap_documents.py [repeats]``
(``--keep FOLDER`` also writes the PDFs there, to look at).
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from paddock.rules.laptime import format_laptime, format_racetime

HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; "
    "S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; KPH; ELAPSED; HOUR;S1_LARGE;"
    "S2_LARGE;S3_LARGE;TOP_SPEED;DRIVER_NAME;PIT_TIME;CLASS;GROUP;TEAM;MANUFACTURER;FLAG_AT_FL;"
)
CLASSES = ("Pro", "Pro-Am", "Rookie")
LAP_LENGTH_M = 4_800


def number_of(car: int) -> str:
    return f"{car + 1:02d}" if car % 7 == 0 else str(car + 1)


def synthetic_race(path: Path, cars: int = 40, minutes: int = 45, seed: int = 7) -> int:
    """Write the race's time cards; return the number of laps written."""
    chooser = random.Random(seed)
    start_ms = 14 * 3_600_000 + 5 * 60_000
    flag_ms = minutes * 60_000
    yellow = range(6, 9)  # the leader's laps 6-8 under full-course yellow (about)
    laps: list[tuple[int, int, int, tuple[int, int, int], bool, int | None, str]] = []
    for car in range(cars):
        pace = chooser.randint(95_000, 100_000)
        stop_on = chooser.randint(8, 14)
        elapsed = 0
        lap = 0
        while elapsed < flag_ms:
            lap += 1
            lap_ms = pace + chooser.randint(-900, 2_400)
            flag = "FCY" if lap in yellow else "GF"
            if flag == "FCY":
                lap_ms = pace + 35_000 + chooser.randint(0, 3_000)
            pit_time = None
            if lap == stop_on + 1:
                pit_time = 62_000 + chooser.randint(0, 9_000)
                lap_ms += pit_time
            if lap % 9 == 4 and car % 3 == 0:  # track limits: deleted by the timing system
                lap_ms = pace - 1_200
            s1 = lap_ms * 31 // 100
            s2 = lap_ms * 37 // 100
            elapsed += lap_ms
            laps.append((car, lap, lap_ms, (s1, s2, lap_ms - s1 - s2), lap == stop_on,
                         pit_time, flag))
    best: dict[int, tuple[int, int]] = {}
    for car, lap, lap_ms, _s, _p, _t, _f in laps:
        if not (lap % 9 == 4 and car % 3 == 0) and (car not in best or lap_ms < best[car][0]):
            best[car] = (lap_ms, lap)
    overall = min(best.values())
    lines = [HEADER]
    elapsed_by_car: dict[int, int] = {}
    for car, lap, lap_ms, sectors, in_pit, pit_time, flag in laps:
        number = number_of(car)
        elapsed = elapsed_by_car.get(car, 0) + lap_ms
        elapsed_by_car[car] = elapsed
        last = elapsed >= flag_ms
        mark = 3 if best[car] == overall and best[car][1] == lap else \
            2 if best[car][1] == lap else 0
        s = [format_laptime(ms) for ms in sectors]
        lines.append(
            f"{number};1;{lap};{format_laptime(lap_ms)};{mark};{'B' if in_pit else ''};"
            f"{s[0]};0;{s[1]};0;{s[2]};0;{LAP_LENGTH_M * 3.6 / lap_ms * 1000:.1f};"
            f"{format_racetime(elapsed)};{format_racetime(start_ms + elapsed)};;;;;"
            f"Driver {number};{format_racetime(pit_time) if pit_time else ''};"
            f"{CLASSES[car % 3]};;Team {car % 12};Porsche;{'FF' if last else flag};")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(laps)


def load(folder: Path) -> object:
    from paddock.services.database import open_database
    from paddock.services.entries import import_entries_csv
    from paddock.services.results import import_results

    timing = folder / "23_Time Cards_Race 1.CSV"
    count = synthetic_race(timing)
    db = open_database(folder / "bench.db")
    entries = folder / "entries.csv"
    rows = ["number,first_name,last_name,date_of_birth,nationality,team,car,class,"
            "gentleman,full_season"]
    for car in range(40):
        class_name = CLASSES[car % 3]
        rows.append(f"{number_of(car)},Driver,No{number_of(car)},2002-01-01,USA,"
                    f"Team {car % 12},992,{class_name},{'yes' if class_name == 'Pro-Am' else 'no'},"
                    "yes")
    entries.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_entries_csv(db, entries)
    import_results(db, event="road-america", session="R1", files=[timing])
    print(f"synthetic race: 40 cars, {count} laps, 45 minutes")
    return db


def pages(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    from paddock.services.lap_documents import LAP_DOCUMENTS, lap_document, render_lap_document

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeats = int(args[0]) if args else 9
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    with tempfile.TemporaryDirectory() as name:
        db = load(Path(name))
        # Fonts registered and the letterhead image read once, as in the app.
        render_lap_document(lap_document(db, "flags", event="road-america", session="R1"))
        from paddock.services.results import publish

        names = [*LAP_DOCUMENTS, "time-cards (official)"]
        for document_name in names:
            if document_name.endswith("(official)"):
                # Official: the footer's hash is worked out from the document's own data.
                publish(db, event="road-america", session="R1")  # type: ignore[arg-type]
            started = time.perf_counter()
            document = lap_document(db, document_name.split()[0], event="road-america",
                                    session="R1")
            build_ms = (time.perf_counter() - started) * 1000
            times, cpu = [], []
            pdf = b""
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                pdf = render_lap_document(document)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            count = pages(pdf)
            target = 300 if document_name.startswith("time-cards") else 60
            print(f"{document_name:<22} render {statistics.median(times):7.1f} ms median "
                  f"(CPU {statistics.median(cpu):6.1f} ms) "
                  f"({count} page{'s' if count != 1 else ''}, target <= {target} ms"
                  f"{' for one page' if target == 60 else ''}); data {build_ms:6.1f} ms")
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / f"{document_name.split()[0]}.pdf").write_bytes(pdf)
        db.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
