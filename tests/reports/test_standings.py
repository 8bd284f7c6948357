"""Championship standings, read back from the PDF."""

from __future__ import annotations

import pytest

from paddock.reports.standings import render_standings
from tests.reports.pdfread import pages_text, words
from tests.reports.samples import standings


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_standings(standings())


def test_each_class_has_drivers_then_teams(pdf: bytes) -> None:
    text = "\n".join(pages_text(pdf))
    order = [
        "Pro — Drivers", "Pro-Am — Drivers", "Rookie — Drivers",
        "Pro — Teams", "Pro-Am — Teams", "Rookie — Teams", "Computed from",
    ]
    assert [text.index(title) for title in order] == sorted(text.index(t) for t in order)


def test_rows_show_position_number_points_per_round_total_and_wins(pdf: bytes) -> None:
    lines = "\n".join(pages_text(pdf)).splitlines()
    leader = next(line for line in lines if line.startswith("1 1 Parker Thornbury"))
    assert leader.split()[-2:] == ["335", "6"]
    assert leader.split()[5:8] == ["25", "20", "17"]
    # Missed round 3: a dash, not a zero.
    missed = next(line for line in lines if line.startswith("8 16 Philip Marwood"))
    assert missed.split()[5:8] == ["10", "9", "–"]


def test_sources_name_sessions_with_revisions_and_status(pdf: bytes) -> None:
    lines = "\n".join(pages_text(pdf)).splitlines()
    assert "Round 4 — Race 2 2 Official 27 Jun 2021 15:30 EDT" in lines
    assert "Round 16 — Race 2 1 Provisional" in lines


def test_sixteen_rounds_and_long_names_fit_the_width_of_the_page(pdf: bytes) -> None:
    found = words(pdf)
    assert {"R1", "R16"} <= {w.text for w in found}
    assert all(w.x0 >= 36 - 0.5 and w.x1 <= 612 - 36 + 0.5 for w in found)
    assert "Adeyemi-Vandermeulen" in {w.text for w in found}
    assert "Page 1 of 3" in pages_text(pdf)[0]
