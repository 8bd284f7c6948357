"""Acceptance for several desks on one database: a race weekend's load, in real processes.

On each engine (a SQLite file, and the PostgreSQL test server), released at one instant:

- four tyre desks scan 200 tyres each through the real services (register a tyre to a
  car, or check one), with collisions made on purpose: two cars one slick short of their
  quota that every desk keeps scanning for, each desk working through every car's
  quota at once, and the same barcode given to a different car by each desk;
- the timing office publishes Race 1 while two race-control desks add penalties to it;
- two timing desks import the same Race 2 files at once (through the command line).

A desk told "another desk is writing; try again" tries again, as the official would.
Then: no quota overrun, no traceback (every refusal is one line a desk can read), every
committed change has its row in the audit trail (and nothing else has), every decision
is in Race 1's latest official revision, and Race 2 holds its file once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import col, select

from paddock.db.models import AuditRecord, PublishedRevision
from paddock.services.database import init_database, open_database
from paddock.services.entries import list_entries
from paddock.services.results import import_results, revisions, session_results
from paddock.services.tyres import event_tyres, register_tyres
from tests.db.desks import DeskReport, Step, run_desks

TYRE_DESKS = 4
#: The acceptance's figure: every tyre desk scans this many tyres.
SCANS_PER_DESK = 200
QUOTA = 8
#: Cars one slick short of the quota before the desks start: every desk keeps trying.
EDGE_CARS = ("7", "12")
R1_CARS = ("3", "7", "12", "1", "4", "9")
PENALTIES_PER_DESK = 4

#: What a desk may be told (one line each): the quota, a barcode taken, the lock busy.
REFUSALS = ("of 8", "already registered", "another desk is writing")


def _typed(cars: tuple[str, ...], laps: int) -> str:
    lines = ["number,laps,total_time,best_lap,status"]
    for n, car in enumerate(cars):
        lines.append(f"{car},{laps},45:{10 + n:02d}.{100 + n:03d},2:12.{300 + n:03d},")
    return "\n".join(lines) + "\n"


def _tyre_plan(desk: int, cars: list[str]) -> list[Step]:
    plan: list[Step] = []
    own: list[str] = []
    others = [c for c in cars if c not in EDGE_CARS]
    for i in range(SCANS_PER_DESK):
        slot = i % 10
        if slot == 0:
            # The same two cars at their quota edge, from every desk.
            plan.append({"op": "register", "car": EDGE_CARS[(i // 10) % 2],
                         "barcode": f"MXE{desk}{i:03d}"})
        elif slot == 5:
            # One barcode, four desks, four different cars (wets: no quota in the way).
            plan.append({"op": "register", "car": others[(i // 10 + desk * 5) % len(others)],
                         "barcode": f"MXS{i:03d}", "type": "wet"})
        elif slot in (2, 7):
            plan.append({"op": "check", "barcode": own[-1] if slot == 2 else f"MXS{i - 2:03d}"})
        else:
            code = f"MXD{desk}{i:03d}"
            own.append(code)
            plan.append({"op": "register", "car": others[(desk * 7 + i) % len(others)],
                         "barcode": code, "type": "slick" if i % 3 else "wet"})
    return plan


def _one_line(report: DeskReport) -> None:
    assert report.returncode == 0, report.stderr
    assert "Traceback" not in report.stderr, report.stderr
    for refusal in report.refusals:
        assert "\n" not in refusal and refusal.strip() == refusal, refusal
        assert any(known in refusal for known in REFUSALS), refusal
        assert "Error" not in refusal and "Traceback" not in refusal, refusal


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_race_weekend_of_desks_at_once(engine: str, tmp_path: Path,
                                         request: pytest.FixtureRequest) -> None:
    location = str(tmp_path / "paddock.db") if engine == "sqlite" else \
        str(request.getfixturevalue("postgres_url"))
    init_database(location, demo=True)
    r1, r2 = tmp_path / "r1.csv", tmp_path / "r2.csv"
    r1.write_text(_typed(R1_CARS, 20))
    r2_cars = ("1", "3", "4", "7", "8", "9", "11", "12", "14", "15")
    r2.write_text(_typed(r2_cars, 18))
    with open_database(location, create=False) as db:
        cars = [e.number for e in list_entries(db, event=1)]
        for n, car in enumerate(EDGE_CARS):
            register_tyres(db, event="1", car=car,
                           barcodes=[f"MXP{n}{k:03d}" for k in range(QUOTA - 1)])
        import_results(db, event="1", session="R1", files=[r1])
        before = {t.barcode for t in event_tyres(db, "1").tyres}
        with db.reader() as session:
            baseline = session.exec(select(AuditRecord.id).order_by(
                col(AuditRecord.id).desc())).first() or 0

    publish_plan: list[Step] = [{"op": "sleep", "seconds": 0.4},
                                {"op": "publish", "session": "R1"}]
    control_plans: list[list[Step]] = []
    for desk in range(2):
        plan: list[Step] = []
        for k in range(PENALTIES_PER_DESK):
            plan += [{"op": "sleep", "seconds": 0.15 * bool(k)},
                     {"op": "penalty", "session": "R1", "car": R1_CARS[(desk + 2 * k) % 6],
                      "seconds": desk * 10 + k + 1, "reason": f"Track limits ({desk}.{k})"}]
        control_plans.append(plan)
    import_plan: list[Step] = [{"op": "cli", "audit": [["import", ""]], "argv": [
        "--db", location, "results", "import", "--event", "1", "--session", "R2", str(r2)]}]
    tyre_plans = [_tyre_plan(desk, cars) for desk in range(TYRE_DESKS)]

    reports = run_desks(tmp_path, location, [
        *tyre_plans, publish_plan, *control_plans, import_plan, import_plan])
    for report in reports:
        _one_line(report)
    tyre_reports = reports[:TYRE_DESKS]
    publish_report, *control_reports = reports[TYRE_DESKS:TYRE_DESKS + 3]
    import_reports = reports[TYRE_DESKS + 3:]
    assert all(len(r.steps) == SCANS_PER_DESK for r in tyre_reports)

    with open_database(location, create=False) as db:
        tyres = event_tyres(db, "1").tyres
        owner = {t.barcode: t.car for t in tyres}

        # No quota overrun; the cars at the edge took exactly their last slick.
        slicks = Counter(t.car for t in tyres if t.tyre_type == "slick")
        assert max(slicks.values()) <= QUOTA, slicks
        for car in EDGE_CARS:
            assert slicks[car] == QUOTA, (car, slicks[car])

        # Every committed registration is there, to its car; nothing refused is.
        registered = {str(s.detail["step"]["barcode"]): str(s.detail["step"]["car"])
                      for r in tyre_reports for s in r.committed}
        assert set(owner) == before | set(registered)
        assert all(owner[code] == car for code, car in registered.items())
        # One barcode, four desks: exactly one registered it.
        shared = Counter(code for r in tyre_reports for s in r.committed
                         if (code := str(s.detail["step"]["barcode"])).startswith("MXS"))
        assert set(shared.values()) == {1}
        assert len(shared) == SCANS_PER_DESK // 10
        # A check never named a car the tyre did not end up on.
        for r in tyre_reports:
            for s in r.steps:
                if s.op == "check" and s.detail["verdict"] != "not-registered":
                    code = str(s.detail["step"]["barcode"])
                    assert s.detail["car"] == owner[code], s.detail

        # The audit trail: every committed change, nothing more.
        with db.reader() as session:
            rows = session.exec(select(AuditRecord).where(col(AuditRecord.id) > baseline)).all()
        expected = [a for r in reports for step in r.committed for a in step.audit]
        assert Counter(a.action for a in rows) == Counter(a for a, _ in expected)
        assert sorted(a.entity_id for a in rows if a.action == "register") == \
            sorted(e for a, e in expected if a == "register")
        assert sorted(a.entity_id for a in rows if a.action == "penalty") == \
            sorted(e for a, e in expected if a == "penalty")

        # Every decision is in Race 1's latest official revision.
        assert [s.ok for s in publish_report.steps] == [True]
        penalties = [s for r in control_reports for s in r.steps]
        assert all(s.ok for s in penalties), [s.refusal for s in penalties]
        decisions = [str(s.detail["decision"]) for s in penalties]
        assert len(set(decisions)) == len(decisions) == 2 * PENALTIES_PER_DESK
        official = session_results(db, event="1", session="R1")
        assert official.official
        assert sorted(p.decision for p in official.penalties) == sorted(decisions)
        owed = Counter[str]()
        for s in penalties:
            owed[str(s.detail["car"])] += int(s.detail["time_ms"])
        for row in official.rows:
            assert row.row.penalty_ms == owed[row.row.number], (row.row.number, owed)
        published = revisions(db, event="1", session="R1")
        assert [v.revision for v in published] == list(range(1, len(published) + 1))
        assert len(published) == Counter(a.action for a in rows)["publish"]
        with db.reader() as session:
            assert len(session.exec(select(PublishedRevision)).all()) == len(published)

        # Two imports of Race 2 at once: both done, the file there once.
        assert all(s.ok for r in import_reports for s in r.steps)
        r2_now = session_results(db, event="1", session="R2")
        assert sorted(row.row.number for row in r2_now.rows) == sorted(r2_cars)

    writes = [s for r in tyre_reports for s in r.steps if s.op == "register"]
    told = Counter(next(k for k in REFUSALS if k in m) for r in reports for m in r.refusals)
    print(f"\n{engine}: {sum(s.ok for s in writes)} of {len(writes)} registrations "
          f"committed, refused: {dict(told)}; "
          f"{sum(1 for s in penalties if s.detail['revision'])} penalties after the publish")


#: The write-lock test: twice the tyre desks, each writing without a pause.
LOCK_DESKS = 8
LOCK_WRITES = 100


def test_eight_desks_writing_nonstop_all_get_their_turn(tmp_path: Path) -> None:
    """On a SQLite file a desk waiting for the write lock is served before the busy
    timeout however long the queue: none is told "another desk is writing" (SQLite's own
    wait, backing off to a try every 100 ms, left a desk waiting over 5 s here)."""
    location = str(tmp_path / "paddock.db")
    init_database(location, demo=True)
    cars = ("1", "3", "4", "7", "9", "11", "12", "14")
    reports = run_desks(tmp_path, location, [
        [{"op": "register", "car": cars[(desk + i) % len(cars)], "barcode": f"MXL{desk}{i:04d}",
          "type": "wet"} for i in range(LOCK_WRITES)]
        for desk in range(LOCK_DESKS)])
    for report in reports:
        _one_line(report)
    assert [m for r in reports for m in r.refusals] == []
    assert sum(len(r.committed) for r in reports) == LOCK_DESKS * LOCK_WRITES
    with open_database(location, create=False) as db:
        register_tyres(db, event="1", car="7", barcodes=["MXL9999999"], tyre_type="wet")
        with db.engine.connect() as con:
            # The fair wait leaves SQLite's own busy timeout as it was, for everything else.
            assert con.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
