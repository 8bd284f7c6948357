"""The session's facts on its documents, read back from page 1 of the PDF; the grid's sources
and amendments with their times."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from paddock.reports.base import local_stamp
from paddock.services.database import Database, open_database
from paddock.services.documents import (
    classification_document,
    classification_pdf,
    grid_document,
    grid_pdf,
)
from paddock.services.grids import adjust_grid, starting_grid
from paddock.services.sessions import set_session_facts
from tests.reports.pdfread import pages_text


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Sebring and CTMP run and published; Watkins Glen practice provisional."""
    database = open_database(tmp_path_factory.mktemp("facts") / "p.db", demo_if_new=True,
                             demo_weekend=True)
    set_session_facts(database, event="sebring", session="R1", start="14:05", length="20L",
                      conditions="dry", air=24, track=31)
    yield database
    database.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_race_classification_carries_the_sessions_facts_on_page_1(db: Database) -> None:
    pages = pages_text(classification_pdf(db, event="sebring", session="R1"))
    first = flat(pages[0])
    assert "Friday 19 March 2021" in first and "14:05 EDT" in first
    assert "20 laps" in first and "120.38 km" in first  # 20 × 6.019 km
    assert "6.019 km" in first and "Dry · air 24 °C · track 31 °C" in first
    for page in pages:  # the date and start, the state and the posting time on every page
        assert "Fri 19 Mar 2021 · start 14:05 EDT" in flat(page)
        assert "OFFICIAL — Revision 1, published" in flat(page) and "Posted " in page


def test_a_timed_race_prints_the_distance_its_winner_ran(db: Database) -> None:
    first = flat(pages_text(classification_pdf(db, event="sebring", session="R2"))[0])
    assert "Saturday 20 March 2021" in first and "11:30 EDT" in first and "45 min" in first
    assert "Conditions" not in first  # nobody typed them
    document = classification_document(db, event="sebring", session="R2")
    assert document.session_info is not None
    winner = document.rows[0]
    assert document.session_info.distance_m == winner.laps * 6019
    assert f"{winner.laps * 6.019:.2f} km" in first


def test_qualifying_and_practice_carry_their_facts(db: Database) -> None:
    first = flat(pages_text(classification_pdf(db, event="watkins-glen", session="FP1"))[0])
    assert "PROVISIONAL" in first.replace(" ", "")
    assert "Friday 25 June 2021" in first and "10:00 EDT" in first and "45 min" in first


def test_a_grid_names_its_sources_state_revision_and_time_and_its_amendments_times(
        db: Database) -> None:
    car = starting_grid(db, event="ctmp", race=1).slots[-1].number
    grid = adjust_grid(db, event="ctmp", race=1, kind="withdraw", car=car,
                       reason="Engine change")
    made = local_stamp(grid.adjustments[-1].created_at, ZoneInfo("America/Toronto"))
    document = grid_document(db, event="ctmp", race=1)
    assert document.session_info is not None and document.session_info.name == "Race 1"
    text = flat(" ".join(pages_text(grid_pdf(db, event="ctmp", race=1))))
    assert "Formed from Qualifying (official, revision 1 published" in text
    assert f"{made} {car} Withdrawn: Engine change" in text  # the amendments table
    assert "Scheduled start" in flat(pages_text(grid_pdf(db, event="ctmp", race=1))[0])
