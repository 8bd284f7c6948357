"""Documents a service may well produce on a quiet day: empty, odd-sized, without status."""

from __future__ import annotations

import dataclasses

from paddock.reports.classification import (
    render_qualifying_classification,
    render_race_classification,
    render_results_by_class,
)
from paddock.reports.entry_list import render_entry_list
from paddock.reports.grid_sheet import render_grid_sheet
from paddock.reports.standings import render_standings
from paddock.reports.tyres import render_tyre_allocation, render_tyre_barcodes
from tests.reports.pdfread import pages_text, words
from tests.reports.samples import entry_list, grid, qualifying, race, standings, tyres


def test_empty_documents_still_render_a_page_with_their_letterhead() -> None:
    renders = [
        render_entry_list(dataclasses.replace(entry_list(), rows=())),
        render_race_classification(dataclasses.replace(race(), rows=(), penalties=())),
        render_results_by_class(dataclasses.replace(race(), rows=(), penalties=())),
        render_qualifying_classification(dataclasses.replace(qualifying(), rows=())),
        render_grid_sheet(dataclasses.replace(grid(), slots=())),
        render_standings(dataclasses.replace(standings(), classes=(), teams=(),
                                             computed_from=())),
        render_tyre_allocation(dataclasses.replace(tyres(), cars=())),
        render_tyre_barcodes(dataclasses.replace(tyres(), cars=())),
    ]
    for pdf in renders:
        text = pages_text(pdf)
        assert "Porsche Carrera Cup North America" in text[0]
        assert f"Page 1 of {len(text)}" in text[0]


def test_an_odd_number_of_cars_leaves_the_last_grid_row_half_empty() -> None:
    pdf = render_grid_sheet(grid(size=7))
    found = {w.text for w in words(pdf)}
    assert {"#1", "#01", "#21", "#021", "#3", "#03"} <= found  # the 7th starts from the pits
    assert len(pages_text(pdf)) == 1


def test_without_a_status_there_is_no_band() -> None:
    pdf = render_entry_list(dataclasses.replace(entry_list(size=5), status=None))
    text = pages_text(pdf)[0]
    assert "PROVISIONAL" not in text.replace(" ", "")
    assert "OFFICIAL" not in text


def test_a_long_series_event_and_title_shrink_to_fit_the_letterhead() -> None:
    document = dataclasses.replace(
        entry_list(size=3),
        series="Porsche Carrera Cup North America presented by a Very Long Sponsor Name Inc.",
        subtitle="Rounds 15 & 16 — Michelin Raceway Road Atlanta Season Finale Weekend Event",
        title="Provisional Entry List for the Season Finale",
    )
    found = words(render_entry_list(document))
    assert all(w.x0 >= 36 - 0.5 and w.x1 <= 612 - 36 + 0.5 for w in found)
    # Shrunk as far as is readable, then cut: never printed over the document's title.
    text = pages_text(render_entry_list(document))[0]
    assert "Porsche Carrera Cup North America presented by" in text
    assert "Provisional Entry List for the Season Finale" in text
