"""A grid drop decided in race 2 waits for the next event, and never rewrites a published grid."""

from __future__ import annotations

from pathlib import Path

import pytest

from paddock.services.database import Database
from paddock.services.documents import grid_document, grid_pdf
from paddock.services.grids import starting_grid
from paddock.services.results import add_penalty, publish
from tests.reports.pdfread import pages_text
from tests.services.timing_csv import load_laps, race_laps


def numbers(grid: object) -> list[str]:
    return [slot.number for slot in grid.slots]  # type: ignore[attr-defined]


@pytest.fixture
def decided(db: Database, tmp_path: Path) -> Database:
    """Sebring Q and R2 run; car 7 gets a 1-place drop in Race 2 (decision 9)."""
    load_laps(db, tmp_path, "sebring", "Q", {"7": [99_000], "1": [99_100], "02": [99_200]})
    load_laps(db, tmp_path, "sebring", "R2", race_laps(["7", "1"], 5))
    add_penalty(db, event="sebring", session="R2", car="7", kind="grid-drop", places=1,
                reason="jump start", decision="9")
    return db


def test_a_race_2_drop_is_pending_until_the_next_grid_is_formed(decided: Database) -> None:
    # Sebring's grids are untouched; its race 2 grid lists the drop as pending.
    assert numbers(starting_grid(decided, event="sebring", race=1))[:3] == ["7", "1", "02"]
    race2 = starting_grid(decided, event="sebring", race=2)
    assert [(p.number, p.applies_to) for p in race2.pending] == [
        ("7", "the next event's Race 1 grid")]
    # CTMP has no qualifying yet: the grid is not formed, the drop waits there too.
    ctmp = starting_grid(decided, event="ctmp", race=1)
    assert [(p.number, p.decided_in, p.applies_to) for p in ctmp.pending] == [
        ("7", "Sebring Race 2", "this grid, once it is formed")]
    assert all(slot.note == "" for slot in ctmp.slots)
    text = " ".join(pages_text(grid_pdf(decided, event="sebring", race=2)))
    assert "Grid drops pending" in text and "+1 place: decision 9, jump start" in text


def test_the_drop_applies_once_the_next_grid_is_formed(decided: Database,
                                                       tmp_path: Path) -> None:
    load_laps(decided, tmp_path, "ctmp", "Q", {"7": [80_000], "1": [81_000], "02": [82_000]})
    ctmp = starting_grid(decided, event="ctmp", race=1)
    assert numbers(ctmp)[:3] == ["1", "7", "02"] and not ctmp.pending
    assert "decision 9" in (ctmp.slot_of("7").note or "")  # type: ignore[union-attr]


def test_a_drop_decided_after_the_next_grid_was_published_waits_for_race_2(
    db: Database, tmp_path: Path,
) -> None:
    load_laps(db, tmp_path, "sebring", "R2", race_laps(["7", "1"], 5))
    load_laps(db, tmp_path, "ctmp", "Q", {"7": [80_000, 80_500], "1": [81_000, 81_500],
                                          "02": [82_000, 82_500]})
    publish(db, event="ctmp", session="Q")
    published = numbers(starting_grid(db, event="ctmp", race=1))
    add_penalty(db, event="sebring", session="R2", car="7", kind="grid-drop", places=1,
                reason="late decision", decision="11")
    race1 = starting_grid(db, event="ctmp", race=1)
    assert numbers(race1) == published
    assert [p.applies_to for p in race1.pending] == [
        "Race 2 (decided after this grid was published)"]
    race2 = starting_grid(db, event="ctmp", race=2)
    assert numbers(race2)[:3] == ["1", "7", "02"]
    document = grid_document(db, event="ctmp", race=1)
    assert document.pending[0].number == "7"
