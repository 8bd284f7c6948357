"""The starting grid sheet, read back from the PDF."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from paddock.reports.grid_sheet import BOX_WIDTH, render_grid_sheet
from tests.reports.pdfread import Word, pages_text, words
from tests.reports.samples import LONG_DRIVER, amended_grid, grid

LEFT_EDGE, RIGHT_EDGE = 36.0, 612 - 36.0


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_grid_sheet(grid())


def word(found: tuple[Word, ...], text: str) -> Word:
    (match,) = [w for w in found if w.text == text]
    return match


def test_forty_cars_fit_two_pages_with_every_car_number(pdf: bytes) -> None:
    pages = pages_text(pdf)
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    found = words(pdf)
    for number in ("1", "01", "21", "021", "3", "03", "88"):
        word(found, f"#{number}")
    # The last car starts from the pit lane: listed under the grid, not in a box.
    assert "#99" not in {w.text for w in found}
    assert "Start from the pit lane" in pages[1]
    assert "starts from the pit lane" in pages[1]


@pytest.mark.parametrize("pole_side", ["left", "right"])
def test_pole_is_on_the_given_side_and_second_place_half_a_row_back(pole_side: str) -> None:
    pdf = render_grid_sheet(grid(pole_side=pole_side))
    found = words(pdf)
    pole, second, third = word(found, "#1"), word(found, "#01"), word(found, "#21")
    assert (pole.x0 < second.x0) == (pole_side == "left")
    assert third.x0 == pytest.approx(pole.x0)
    # Staggered: second sits between first and third, not level with either.
    assert pole.top < second.top < third.top
    assert second.top - pole.top == pytest.approx(third.top - second.top, abs=1)
    assert "POLE POSITION" in pages_text(pdf)[0]


def test_each_box_shows_time_class_team_and_amendment(pdf: bytes) -> None:
    text = "\n".join(pages_text(pdf))
    assert "1:45.850" in text  # pole time
    assert "no time" in text
    assert "5-place grid penalty, decision 7" in text
    assert "amended: 5-place" not in text
    assert "Rookie" in text and "Pro-Am" in text
    assert "Grid order: Best qualifying lap. Pole position on the left of the track." in text


def test_no_text_crosses_from_one_column_of_the_grid_into_the_other(pdf: bytes) -> None:
    found = words(pdf)
    footer = 740.0
    pit_lane_top = min(w.top for w in found if w.page == 2 and w.text == "Start")
    start_line = max(w.top for w in found if w.page == 1 and w.text == "LINE")
    in_grid = [
        w
        for w in found
        if (w.page == 1 and start_line + 10 < w.top < footer)
        or (w.page == 2 and 112 < w.top < pit_lane_top)
    ]
    assert len(in_grid) > 200
    for w in in_grid:
        in_left = w.x0 >= LEFT_EDGE - 0.5 and w.x1 <= LEFT_EDGE + BOX_WIDTH + 0.5
        in_right = w.x0 >= RIGHT_EDGE - BOX_WIDTH - 0.5 and w.x1 <= RIGHT_EDGE + 0.5
        assert in_left or in_right, w
    assert set(LONG_DRIVER.split()) <= {w.text for w in in_grid}


def test_each_box_names_the_time_that_placed_the_car() -> None:
    document = amended_grid()
    text = "\n".join(pages_text(render_grid_sheet(document)))
    assert text.count("2nd-best Q lap") == sum(
        1 for s in document.slots if s.time_source == "Q 2nd best" and not s.pit_lane)
    assert text.count("Race 1 lap") >= sum(
        1 for s in document.slots if s.time_source == "R1 fastest" and not s.pit_lane)


def test_withdrawn_cars_amendments_and_pending_drops_are_tables() -> None:
    document = amended_grid()
    pdf = render_grid_sheet(document)
    found = words(pdf)
    gone = document.withdrawn[0]
    # Each table has its heading row, and the withdrawn car's number sits in the "No." column.
    heads = [w for w in found if w.text in ("Withdrawn", "Amendments", "pending")]
    assert len(heads) == 3
    text = "\n".join(pages_text(pdf))
    assert f"{gone.number} {gone.driver} {gone.class_name} Engine change after Race 1" in text
    assert "27 Jun 2021 09:05 EDT " + gone.number + " Withdrawn: Engine change after Race 1" in text
    pending = document.pending[0]
    assert (f"{pending.number} {pending.driver} {pending.class_name} +3 places: decision 9, "
            "causing a collision Race 2 the next event's Race 1 grid") in text


def test_amendments_print_in_readable_type_not_small_grey() -> None:
    pdf = render_grid_sheet(amended_grid())
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for page in document.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    # Under a moved car's box: a mark, in bold, 8 pt (at least 7 when the reason is long).
    marks = [c for c in chars if c["text"] == "▶"]
    assert marks and all(c["size"] >= 7 and "Bold" in c["fontname"] for c in marks)
    # In the amendments table: bold, 8.5 pt, black.
    start = text.index("Withdrawn: Engine")
    assert chars[start]["size"] >= 8 and "Bold" in chars[start]["fontname"]
    assert max(chars[start]["non_stroking_color"] or (0,)) < 0.3
