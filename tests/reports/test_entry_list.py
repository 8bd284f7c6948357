"""The entry list, read back from the PDF."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from paddock.reports.documents import DocumentStatus, content_hash
from paddock.reports.entry_list import COLUMNS, render_entry_list
from tests.reports.pdfread import column_bounds, pages_text, within, words
from tests.reports.samples import LONG_DRIVER, LONG_TEAM, NUMBERS, entry_list

WIDTHS = [column.width for column in COLUMNS]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_entry_list(entry_list())


def test_lists_every_car_by_number_with_distinct_leading_zero_numbers(pdf: bytes) -> None:
    left, right = column_bounds(WIDTHS, 0)
    found = [
        w for w in words(pdf) if w.text in NUMBERS and within([w], left, right) and w.top > 112
    ]
    in_print_order = [w.text for w in sorted(found, key=lambda w: (w.page, w.top))]
    assert in_print_order[:8] == ["1", "01", "3", "03", "4", "5", "7", "9"]
    assert in_print_order.index("21") + 1 == in_print_order.index("021")
    assert sorted(in_print_order) == sorted(NUMBERS)


def test_has_letterhead_status_and_page_numbers(pdf: bytes) -> None:
    pages = pages_text(pdf)
    assert len(pages) == 2
    for number, text in enumerate(pages, start=1):
        assert "Porsche Carrera Cup North America" in text
        assert "Entry List" in text
        assert "Watkins Glen International" in text
        assert f"Page {number} of 2" in text
        assert "PROVISIONAL" in text.replace(" ", "")
        assert "Posted 27 Jun 2021 14:05 EDT" in text
    assert "hash" not in "".join(pages).lower()


def test_counts_entries_per_class_and_car(pdf: bytes) -> None:
    lines = "\n".join(pages_text(pdf)).splitlines()
    # Columns: class, entries, 992, 991.2, juniors.
    assert "Pro 14 14 0 2" in lines
    assert "Pro-Am 13 7 6 2" in lines
    assert "Rookie 13 13 0 13" in lines
    assert "Total 40 34 6 17" in lines


def test_marks_juniors_and_explains_the_marker(pdf: bytes) -> None:
    text = "\n".join(pages_text(pdf))
    assert "J = Porsche Junior programme" in text
    rookie_line = next(line for line in text.splitlines() if line.startswith("03 Rookie"))
    assert rookie_line.endswith(" J")
    pro_line = next(line for line in text.splitlines() if line.startswith("12 Pro "))
    assert not pro_line.endswith("J")


def test_long_driver_and_team_names_stay_inside_their_columns(pdf: bytes) -> None:
    found = words(pdf)
    driver = [w for w in found if w.text in LONG_DRIVER.split()]
    team_words = set(LONG_TEAM.split())
    team = [w for w in found if w.text in team_words]
    assert {w.text for w in driver} == set(LONG_DRIVER.split())
    # The long team has four cars; its last word is there each time (nothing cut off).
    assert [w.text for w in team].count("Halloran") == 4
    assert [w.text for w in team].count("Group") == 4
    assert within(driver, *column_bounds(WIDTHS, 2))
    assert within(team, *column_bounds(WIDTHS, 4))


def test_official_revision_prints_its_band_and_content_hash() -> None:
    published = datetime(2021, 6, 27, 19, 30, tzinfo=UTC)
    document = dataclasses.replace(
        entry_list(),
        status=DocumentStatus(official=True, revision=2, published_at=published,
                              reason="Car 44 changes team"),
    )
    text = "\n".join(pages_text(render_entry_list(document)))
    assert "OFFICIAL — Revision 2, published 27 Jun 2021 15:30 EDT" in text
    assert "Revision 2: Car 44 changes team" in text
    assert f"Document hash {content_hash(document)}" in text
    assert text.count(content_hash(document)) == 2  # on every page


def test_a_small_field_fits_one_page() -> None:
    text = pages_text(render_entry_list(entry_list(size=12)))
    assert len(text) == 1
    assert "Page 1 of 1" in text[0]
