"""Qualifying by class: one table per class, gaps within the class, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace

from paddock.reports.classification import render_qualifying_by_class
from paddock.rules.laptime import format_gap, format_laptime
from tests.reports.pdfread import pages_text
from tests.reports.samples import qualifying


def test_each_class_in_its_own_table_with_gaps_in_the_class() -> None:
    document = replace(qualifying(24), title="Qualifying by Class")
    text = "\n".join(pages_text(render_qualifying_by_class(document)))
    assert "Qualifying by Class" in text
    for class_name in {row.class_name for row in document.rows}:
        in_class = [r for r in document.rows if r.class_name == class_name]
        timed = [r for r in in_class if r.best_lap_ms is not None]
        assert f"{class_name} — {len(timed)} with a time of {len(in_class)}" in text
        if len(timed) >= 2:
            leader, second = sorted(timed, key=lambda r: r.best_lap_ms or 0)[:2]
            assert second.best_lap_ms is not None and leader.best_lap_ms is not None
            line = next(line for line in text.splitlines()
                        if f" {second.number} " in f" {line} "
                        and format_laptime(second.best_lap_ms) in line)
            assert format_gap(second.best_lap_ms - leader.best_lap_ms) in line
    assert "Gap and interval within the class" in text
