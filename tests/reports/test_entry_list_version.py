"""The entry list says which version it is, and marks the team championship's entries."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from paddock.reports.entry_list import render_entry_list
from paddock.services.database import open_database
from paddock.services.documents import entry_list_document, entry_list_pdf
from paddock.services.entries import list_entries, update_entry
from tests.reports.pdfread import pages_text
from tests.reports.samples import entry_list


def test_each_change_to_the_entries_is_a_new_version_with_its_time(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db", demo_if_new=True)
    try:
        before = entry_list_document(db, "1")
        entry = next(e for e in list_entries(db) if e.number == "7")
        update_entry(db, entry.id, replace(entry.to_input(), team="Blue Ridge Racing II"))
        after = entry_list_document(db, "1")
        assert before.version is not None and after.version == before.version + 1
        assert after.version_at is not None and before.version_at is not None
        assert after.version_at >= before.version_at
        local = after.version_at.astimezone(after.local_tz)
        page = pages_text(entry_list_pdf(db, "1"))[0]
        assert f"Version {after.version} — {local:%Y-%m-%d %H:%M}" in page
        # Team-championship entries carry the T mark; the legend says what it means.
        marked = {e.number for e in list_entries(db) if e.team_championship}
        assert {r.number for r in after.rows if r.team_championship} == marked & {
            r.number for r in after.rows}
        assert "T = scores in the team championship" in page
    finally:
        db.close()


def test_the_marks_column_reads_t_for_a_team_entry() -> None:
    document = entry_list(6)
    rows = tuple(replace(row, team_championship=index % 2 == 0)
                 for index, row in enumerate(document.rows))
    text = pages_text(render_entry_list(replace(document, rows=rows, version=3)))[0]
    assert "Version 3" in text
    for row in rows:
        line = next(line for line in text.splitlines() if line.startswith(f"{row.number} "))
        assert line.endswith(" T") == row.team_championship
