"""The stewards' decision sheet and the session's bulletin of decisions, read back from
the PDF as an official reads them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paddock.errors import NotFound
from paddock.services.catalogue import build, event_documents
from paddock.services.database import Database, open_database
from paddock.services.decision_documents import decisions_document
from paddock.services.documents import NoResults
from paddock.services.results import add_penalty, publish
from tests.reports.pdfread import pages_text
from tests.services.test_documents_weekend import EVENT, load_weekend

TRACK_LIMITS = "Exceeding track limits at turn 5 (4th offence)"
COLLISION = "Causing a collision at turn 1 on lap 1"


@dataclass(frozen=True)
class Decided:
    timed: str  # decision 1: +5 s, published
    warned: str  # decision 2: a warning
    pending: str  # decision 3: a drive-through recorded on the official session, pending


def decide(db: Database, cars: tuple[str, ...]) -> Decided:
    """Three decisions in R1: a time penalty, a warning, then (official) a pending one."""
    add_penalty(db, event=EVENT, session="R1", car=cars[2], kind="time", seconds=5,
                reason=TRACK_LIMITS, article="SR 12.4")
    add_penalty(db, event=EVENT, session="R1", car=cars[4], kind="warning",
                reason="Unsafe release from the pit box", article="SR 27.3")
    publish(db, event=EVENT, session="R1")
    add_penalty(db, event=EVENT, session="R1", car=cars[1], kind="drive-through",
                reason=COLLISION, article="ISC App. L IV 2d", pending=True)
    return Decided(cars[2], cars[4], cars[1])


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Decided]]:
    folder = tmp_path_factory.mktemp("decisions")
    db = open_database(folder / "p.db", demo_if_new=True)
    w = load_weekend(db, folder / "timing", sessions=("Q", "R1"))
    yield db, decide(db, w.cars)
    db.close()


def test_the_bulletin_lists_every_decision_in_number_order(
        weekend: tuple[Database, Decided]) -> None:
    db, decided = weekend
    document = decisions_document(db, event=EVENT, session="R1")
    assert [line.decision for line in document.decisions] == ["1", "2", "3"]
    assert [line.number for line in document.decisions] == [decided.timed, decided.warned,
                                                              decided.pending]
    assert [line.pending for line in document.decisions] == [False, False, True]
    text = "\n".join(pages_text(build(db, "decisions", event=EVENT, session="R1")))
    assert "Stewards' Decisions" in text and "Race 1" in text
    assert "+5 s" in text and "Warning" in text and "Drive-through" in text
    assert "SR 12.4" in text and "SR 27.3" in text
    assert "PENDING — not yet published" in text
    assert "CHIEF STEWARD" in text and "Time of notification" in text
    # In decision-number order down the page.
    lines = text.splitlines()
    rows = [next(i for i, line in enumerate(lines) if line.split()[:1] == [number])
            for number in ("1", "2", "3")]
    assert rows == sorted(rows)


def test_one_decision_sheet(weekend: tuple[Database, Decided]) -> None:
    db, decided = weekend
    text = "\n".join(pages_text(build(db, "decisions", event=EVENT, session="R1",
                                      decision="1")))
    assert "Stewards' Decision No. 1" in text
    assert "Decision No. 1" in text
    assert f"Car {decided.timed}" in text
    assert f"Infringement {TRACK_LIMITS}" in text
    assert "Regulation article SR 12.4" in text
    assert "Penalty +5 s" in text
    assert "Status Published" in text
    assert "Race 1 (R1)" in text
    assert "CHIEF STEWARD" in text and "Signature" in text
    assert "Time of notification" in text
    assert "Unsafe release" not in text  # only this decision


def test_a_pending_decision_says_so(weekend: tuple[Database, Decided]) -> None:
    db, decided = weekend
    text = "\n".join(pages_text(build(db, "decisions", event=EVENT, session="R1",
                                      decision="3")))
    assert f"Car {decided.pending}" in text
    assert "Status Pending — not yet published" in text
    assert "Drive-through converted to +" in text


def test_a_warning_is_a_decision(weekend: tuple[Database, Decided]) -> None:
    db, decided = weekend
    text = "\n".join(pages_text(build(db, "decisions", event=EVENT, session="R1",
                                      decision="2")))
    assert "Penalty Warning" in text and f"Car {decided.warned}" in text


def test_an_unknown_decision_is_refused(weekend: tuple[Database, Decided]) -> None:
    db, _ = weekend
    with pytest.raises(NotFound, match="decisions are 1, 2, 3"):
        decisions_document(db, event=EVENT, session="R1", decision="9")


def test_a_session_without_decisions(weekend: tuple[Database, Decided]) -> None:
    db, _ = weekend
    with pytest.raises(NoResults):
        decisions_document(db, event=EVENT, session="Q")


def test_the_catalogue_lists_decisions_per_session(weekend: tuple[Database, Decided]) -> None:
    db, _ = weekend
    listed = {c.session: c for c in event_documents(db, EVENT).choices if c.kind == "decisions"}
    assert listed["Q"].missing == "No decisions in Q yet"
    assert listed["R1"].available
    assert listed["R1"].state == "3 decisions · 1 pending"
    assert listed["R1"].full_title == "Race 1 stewards' decisions"


def test_a_decision_numbered_by_the_stewards(tmp_path: Path) -> None:
    """A decision numbered by the stewards themselves ("12a") is found by its number."""
    db = open_database(tmp_path / "p.db", demo_if_new=True)
    try:
        w = load_weekend(db, tmp_path / "timing", sessions=("R1",))
        add_penalty(db, event=EVENT, session="R1", car=w.cars[0], kind="reprimand",
                    reason="Driving standards", decision="12a")
        document = decisions_document(db, event=EVENT, session="R1", decision="12a")
        assert [line.penalty for line in document.decisions] == ["Reprimand"]
        assert document.decisions[0].article == ""
    finally:
        db.close()
