"""Run `paddock` commands in several real processes released at the same instant.

Each child imports everything first, says it is ready, and waits for the starting gun
(a file), so the commands really race: the test is about two desks, not two imports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paddock.services.database import Database

_CHILD = r"""
import os, sys, time
import paddock.cli, paddock.services.tyres, paddock.services.database  # warm imports
ready, go = sys.argv[1], sys.argv[2]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.0005)
sys.exit(paddock.cli.main(sys.argv[3:]))
"""


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def race(folder: Path, commands: list[list[str]], *, env: dict[str, str] | None = None,
         timeout: float = 60) -> list[Outcome]:
    """Start one process per command, release them together, return their outcomes."""
    go = folder / "go"
    procs = []
    readies = []
    for n, argv in enumerate(commands):
        ready = folder / f"ready-{n}"
        readies.append(ready)
        procs.append(subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(ready), str(go), *argv],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})}))
    deadline = time.monotonic() + timeout
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            for p in procs:
                p.kill()
            raise AssertionError([p.communicate() for p in procs])
        time.sleep(0.005)
    go.touch()
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        outcomes.append(Outcome(p.returncode, out, err))
    go.unlink()
    for r in readies:
        r.unlink()
    return outcomes


# --- desks that work a whole plan -------------------------------------------------------------
#
# `race` runs one command per process. The acceptance test and the benchmarks need desks
# that each work through a long plan (a tyre desk's 200 scans) against the real services,
# as the window's desk does: one process per desk, one database handle opened once, one
# unit of work per step. Each step's outcome goes to a JSON report: what was committed
# (and the audit rows it must have left), or the one-line refusal the desk was shown.
# Anything that is not a PaddockError is left to escape: the process then exits with a
# traceback on stderr, which the test reads as a failure.

_DESK = r"""
import sys
from tests.db.desks import work_plan
sys.exit(work_plan(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]))
"""

#: A step of a plan: {"op": "register", "car": "7", "barcode": "MX1", "type": "slick"},
#: {"op": "check", "barcode": "MX1"}, {"op": "publish", "session": "R1"},
#: {"op": "penalty", "session": "R1", "car": "3", "seconds": 5}, {"op": "cli", "argv": [...],
#: "audit": [["import", "tyre"], ...]}, {"op": "sleep", "seconds": 0.1}. Every step but
#: "sleep" and "cli" names its "event" (default "1").
Step = dict[str, Any]

#: The refusal of a desk that waited for the write lock longer than the busy timeout.
BUSY = "another desk is writing"
#: How many times a desk tries a step again after that refusal, as the message asks.
BUSY_RETRIES = 3


@dataclass(frozen=True)
class StepOutcome:
    op: str
    ok: bool
    refusal: str | None
    ms: float
    #: The "another desk is writing; try again" refusals met (and tried again) first.
    busy: tuple[str, ...]
    #: The audit rows the committed step must have left: (action, entity_id or "").
    audit: tuple[tuple[str, str], ...]
    detail: dict[str, Any]


@dataclass(frozen=True)
class DeskReport:
    returncode: int
    stderr: str
    steps: tuple[StepOutcome, ...]

    @property
    def committed(self) -> list[StepOutcome]:
        return [s for s in self.steps if s.ok and s.op not in ("check", "sleep")]

    @property
    def refusals(self) -> list[str]:
        """Every refusal a desk was shown, those it then tried again included."""
        return [m for s in self.steps
                for m in (*s.busy, *((s.refusal,) if s.refusal is not None else ()))]


def _step(db: Database, step: Step) -> tuple[tuple[tuple[str, str], ...], dict[str, Any]]:
    """Run one step; return the audit rows it committed and what it said."""
    from paddock.services import results, tyres

    op = step["op"]
    event = str(step.get("event", "1"))
    if op == "register":
        done = tyres.register_tyres(db, event=event, car=str(step["car"]),
                                    barcodes=[str(step["barcode"])],
                                    tyre_type=str(step.get("type", "slick")))
        return (tuple(("register", t.barcode) for t in done.tyres),
                {"used": done.used, "quota": done.quota})
    if op == "check":
        verdict = tyres.check_tyre(db, event=event, barcode=str(step["barcode"]))
        return (), {"verdict": verdict.kind.value, "car": verdict.car}
    if op == "publish":
        shown = results.publish(db, event=event, session=str(step["session"]),
                                reason=str(step.get("reason", "")))
        return (("publish", ""),), {"revision": shown.revision}
    if op == "penalty":
        given = results.add_penalty(
            db, event=event, session=str(step["session"]), car=str(step["car"]),
            kind="time", seconds=float(step["seconds"]),
            reason=str(step.get("reason", "Track limits")))
        rows = [("penalty", str(given.penalty.id))]
        if given.revision is not None:
            rows.append(("publish", ""))
        return tuple(rows), {"decision": given.penalty.decision, "revision": given.revision,
                             "car": given.penalty.number, "time_ms": given.penalty.time_ms}
    if op == "cli":
        import contextlib
        import io

        from paddock.cli import main
        from paddock.errors import PaddockError

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in step["argv"]])
        if code == 1:
            raise PaddockError(err.getvalue().strip().removeprefix("paddock: "))
        if code != 0:
            raise AssertionError(f"paddock exited {code}: {err.getvalue()}")
        return (tuple((str(a), str(e)) for a, e in step.get("audit", ())),
                {"stdout": out.getvalue()})
    raise AssertionError(f"unknown step {op}")


def work_plan(location: str, plan_file: str, ready: str, go: str) -> int:
    """A desk's process: open the database, say it is ready, wait for the gun, work the
    plan and write the report beside the plan (``PLAN.report.json``)."""
    import json

    from paddock.errors import PaddockError
    from paddock.services import results, tyres  # noqa: F401  (warm imports)
    from paddock.services.database import open_database

    plan: list[Step] = json.loads(Path(plan_file).read_text())
    outcomes = []
    with open_database(location, create=False) as db:
        # One read first: the connection is made before the gun, as a desk's already is.
        tyres.event_tyres(db, "1")
        Path(ready).touch()
        while not os.path.exists(go):
            time.sleep(0.0005)
        for step in plan:
            if step["op"] == "sleep":
                time.sleep(float(step["seconds"]))
                continue
            started = time.perf_counter()
            busy: list[str] = []
            while True:
                try:
                    audit_rows, detail = _step(db, step)
                    ok, refusal = True, None
                except PaddockError as exc:
                    audit_rows, detail, ok, refusal = (), {}, False, str(exc)
                    # The official is told to try again, and does (a few times).
                    if BUSY in refusal and len(busy) < BUSY_RETRIES:
                        busy.append(refusal)
                        continue
                break
            outcomes.append({"op": step["op"], "ok": ok, "refusal": refusal, "busy": busy,
                             "ms": (time.perf_counter() - started) * 1000,
                             "audit": audit_rows, "detail": {**detail, "step": step}})
    Path(plan_file + ".report.json").write_text(json.dumps(outcomes))
    return 0


def run_desks(folder: Path, location: str, plans: list[list[Step]], *,
              timeout: float = 300) -> list[DeskReport]:
    """One process per plan on the database at ``location``, released together."""
    import json

    go = folder / "desks-go"
    project = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(project), os.environ.get("PYTHONPATH", "")) if p)}
    procs, readies, plan_files = [], [], []
    for n, plan in enumerate(plans):
        plan_file = folder / f"desk-{n}.json"
        plan_file.write_text(json.dumps(plan))
        plan_files.append(plan_file)
        ready = folder / f"desk-{n}.ready"
        readies.append(ready)
        procs.append(subprocess.Popen(
            [sys.executable, "-c", _DESK, location, str(plan_file), str(ready), str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=folder))
    deadline = time.monotonic() + timeout
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            for p in procs:
                p.kill()
            raise AssertionError([p.communicate() for p in procs])
        time.sleep(0.01)
    go.touch()
    reports = []
    for p, plan_file in zip(procs, plan_files, strict=True):
        _out, err = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
        report = Path(str(plan_file) + ".report.json")
        steps = tuple(
            StepOutcome(s["op"], s["ok"], s["refusal"], s["ms"], tuple(s["busy"]),
                        tuple((a, e) for a, e in s["audit"]), s["detail"])
            for s in (json.loads(report.read_text()) if report.exists() else []))
        reports.append(DeskReport(p.returncode, err, steps))
    go.unlink()
    for r in readies:
        r.unlink()
    return reports
