"""The Documents page's first show: time until the page is up, and until its first preview.

Each run is a fresh process (the cost of a first show includes the imports the window has
not made yet): the demo weekend database (Sebring and CTMP run and published) is made
once, then every run imports the page, builds it on event 1, shows it and waits for
``preview_ready``. Printed per run and as the median:

- ``import``: importing `paddock.ui.documents.documents_page` (the window and its Entries
  page already loaded, as when an official first clicks Documents);
- ``shown``: from building the page to ``show()`` returning (the list read and filled);
- ``preview``: from building the page to the first page of the first document on screen.

By default the window's idle-time warm-up (`paddock.ui.documents.warmup`, started 1.5 s
after the window shows) has run, as when an official opens Documents after the window is
up; ``--cold`` opens it before (the worst case). Target (issue 12): <= 0.3 s to the
first preview. ``--profile`` prints cProfile's top
functions of one run (main thread and pool). Prints; never asserts. Run from the project
root: ``.venv/bin/python benchmarks/bench_documents_page.py [--runs N] [--profile]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one_run(db_path: str, profile: bool, settled: bool) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    # What the window has loaded before its Documents page is first shown: the window
    # itself and the Entries page it opens on (the page is built on first show).
    import paddock.ui.entries.entries_page
    import paddock.ui.main_window  # noqa: F401
    from paddock.services.database import open_database
    from paddock.services.entries import list_entries

    db = open_database(db_path)
    list_entries(db)
    if settled:
        # The window has been up a moment: its idle-time warm-up has run.
        from paddock.ui.documents.warmup import warm_documents

        warm_documents()
    profiler = None
    if profile:
        import cProfile
        import threading

        profiler = cProfile.Profile()
        threading.setprofile(lambda *a: None)
        profiler.enable()
    started = time.perf_counter()
    from paddock.ui.documents.documents_page import DocumentsPage

    imported = time.perf_counter()
    page = DocumentsPage(db, 1)
    page.resize(1136, 760)
    ready: list[float] = []
    page.preview_ready.connect(lambda: ready.append(time.perf_counter()))
    page.show()
    shown = time.perf_counter()
    while not ready and time.perf_counter() - shown < 30:
        app.processEvents()
        time.sleep(0.001)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    page.runner.wait(30_000)
    figures = {"import": (imported - started) * 1000, "shown": (shown - imported) * 1000,
               "preview": (ready[0] - imported) * 1000 if ready else float("nan")}
    page.close()
    db.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true",
                        help="open the page before the window's idle warm-up has run")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.profile, not args.cold)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db_path = str(Path(tmp) / "p.db")
        from paddock.services.database import open_database

        open_database(db_path, demo_if_new=True, demo_weekend=True).close()
        if args.profile:
            subprocess.run([sys.executable, __file__, "--one", db_path, "--profile",
                            *(["--cold"] if args.cold else [])], check=True, cwd=ROOT)
            return
        runs = []
        for index in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--one", db_path,
                                  *(["--cold"] if args.cold else [])], check=True,
                                 capture_output=True, text=True, cwd=ROOT).stdout
            figures = json.loads(out.strip().splitlines()[-1])
            runs.append(figures)
            print(f"run {index + 1}: import {figures['import']:6.1f} ms  shown "
                  f"{figures['shown']:6.1f} ms  first preview {figures['preview']:6.1f} ms")
        for key in ("import", "shown", "preview"):
            print(f"median {key:<8} {statistics.median(r[key] for r in runs):7.1f} ms"
                  + ("   (target <= 300 ms)" if key == "preview" else ""))


if __name__ == "__main__":
    main()
