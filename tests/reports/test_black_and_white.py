"""Emphasis that survives a black-and-white copier: bold and a mark, never colour alone."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber

from paddock.reports.classification import (
    FASTEST_MARK,
    fastest_per_class,
    render_race_classification,
    render_results_by_class,
)
from paddock.rules.laptime import format_laptime
from tests.reports.samples import race


def chars_of(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [c for page in document.pages for c in page.chars]


def runs(chars: list[dict], text: str) -> list[list[dict]]:
    """Every place ``text`` is printed, as its characters."""
    joined = "".join(c["text"] for c in chars)
    found, start = [], joined.find(text)
    while start != -1:
        found.append(chars[start:start + len(text)])
        start = joined.find(text, start + 1)
    return found


def test_each_class_fastest_lap_is_bold_and_marked_not_only_red() -> None:
    document = race()
    fastest = fastest_per_class(document.rows, document.class_order)
    for render in (render_race_classification,
                   lambda d: render_results_by_class(replace(d, title="Results by Class"))):
        chars = chars_of(render(document))
        for row in fastest:
            marked = runs(chars, FASTEST_MARK + format_laptime(row.best_lap_ms))
            assert marked, row.number
            assert all("Bold" in c["fontname"] for c in marked[0])
        # Every other best lap is in the regular face: bold alone tells the fastest apart.
        slow = next(r for r in document.rows if r not in fastest and r.best_lap_ms
                    and format_laptime(r.best_lap_ms) not in
                    {format_laptime(f.best_lap_ms) for f in fastest})
        plain = runs(chars, format_laptime(slow.best_lap_ms))
        assert plain and all("Bold" not in c["fontname"] for c in plain[0])


def test_a_time_penalty_is_printed_in_bold_under_the_total() -> None:
    document = race()
    penalised = next(row for row in document.rows if row.penalty)
    chars = chars_of(render_race_classification(document))
    (printed, *_) = runs(chars, penalised.penalty)
    assert all("Bold" in c["fontname"] for c in printed if c["text"].strip())
