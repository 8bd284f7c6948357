"""The starting grid sheet, read back from the PDF."""

from __future__ import annotations

import pytest

from paddock.reports.grid_sheet import BOX_WIDTH, render_grid_sheet
from tests.reports.pdfread import Word, pages_text, words
from tests.reports.samples import LONG_DRIVER, grid

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
