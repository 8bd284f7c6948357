"""Cold start of the window and of `paddock report entry-list`, whole process, median.

Prints figures, never fails. Targets (issue 2): window shown <= 1.0 s, entry-list PDF
<= 0.6 s on a 2-core machine; the import floors printed beside them are what Python needs
just to load sqlmodel, reportlab and Qt on this machine.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The real `run()` with one addition: quit as soon as the main window is visible.
WINDOW_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import paddock.ui.app as appmod

def check():
    for w in QApplication.topLevelWidgets():
        if w.isWindow() and w.isVisible() and w.inherits("QMainWindow"):
            print("shown", flush=True)
            QApplication.quit()
            return
    QTimer.singleShot(1, check)

original = appmod.create_application
def create(*args):
    app = original(*args)
    QTimer.singleShot(0, check)
    return app
appmod.create_application = create
sys.exit(appmod.run(Path(sys.argv[1])))
"""


def timed(cmd: list[str], env: dict[str, str], until: str | None = None) -> float:
    start = time.perf_counter()
    if until is None:
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        return time.perf_counter() - start
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == until:
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"{cmd} ended without printing {until!r}")
        proc.wait()
    return elapsed


def median(cmd: list[str], env: dict[str, str], runs: int, until: str | None = None) -> float:
    timed(cmd, env, until)  # warm the OS file cache: "cold" here means a new process
    return statistics.median(timed(cmd, env, until) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        subprocess.run([py, "-m", "paddock", "init", "--demo-weekend", "--db", str(db)], env=env,
                       check=True, capture_output=True)
        rows = [
            ("python -c pass", median([py, "-c", "pass"], env, args.runs), None),
            ("import sqlmodel (floor)", median([py, "-c", "import sqlmodel"], env, args.runs),
             None),
            ("import reportlab.platypus (floor)",
             median([py, "-c", "import reportlab.platypus"], env, args.runs), None),
            ("import PySide6.QtWidgets (floor)",
             median([py, "-c", "import PySide6.QtWidgets"], env, args.runs), None),
            ("window shown, demo season",
             median([py, "-c", WINDOW_CHILD, str(db)], env, args.runs, until="shown"), 1.0),
            ("paddock report entry-list",
             median([py, "-m", "paddock", "report", "entry-list", "--event", "sebring",
                     "--db", str(db), "-o", str(Path(tmp) / "e.pdf")], env, args.runs), 0.6),
        ]
    print(f"median of {args.runs} runs, whole process, {os.cpu_count()} cores")
    for name, seconds, target in rows:
        goal = f"(target {target:.1f} s)" if target else ""
        print(f"  {name:<36} {seconds:6.3f} s {goal}")


if __name__ == "__main__":
    main()
