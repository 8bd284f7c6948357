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


# --- venues and dropped results -------------------------------------------------------------

VENUES = ("SEB", "CTMP", "WGL", "TOR", "RAM", "VIR", "TBA", "RAT")


def _with_drops(rounds: int) -> bytes:
    """The sample with venue columns; Pro-Am drops each driver's results in rounds 2 and 3."""
    from dataclasses import replace

    from tests.reports.samples import ROUNDS

    labels = tuple(f"{VENUES[i // 2]} R{i % 2 + 1}" for i in range(len(ROUNDS)))[:rounds]
    document = standings()
    classes = []
    for table in document.classes:
        rows = tuple(replace(row, round_points=row.round_points[:rounds],
                             dropped=tuple(table.class_name == "Pro-Am" and i in (1, 2)
                                           for i in range(rounds)))
                     for row in table.rows)
        classes.append(replace(table, rounds=labels, rows=rows,
                               drop_rule="2 lowest results dropped; the last 2 races cannot be"
                               if table.class_name == "Pro-Am" else ""))
    teams = tuple(replace(t, rounds=labels, rows=tuple(
        replace(r, round_points=r.round_points[:rounds]) for r in t.rows))
        for t in document.teams)
    return render_standings(replace(document, classes=tuple(classes), teams=teams))


def test_columns_name_the_venue_over_its_races() -> None:
    pdf = _with_drops(4)
    lines = pages_text(pdf)[0].splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Pos"))
    assert lines[header - 1] == "SEB CTMP"
    assert lines[header].endswith("R1 R2 R1 R2 Points Wins")
    # Each venue is printed over its two races.
    found = [w for w in words(pdf) if w.page == 1]
    ctmp = next(w for w in found if w.text == "CTMP")
    row = [w for w in found if w.text in {"R1", "R2"} and abs(w.top - ctmp.top) < 14]
    races = sorted(row, key=lambda w: w.x0)[2:4]
    assert races[0].x0 - 1 <= (ctmp.x0 + ctmp.x1) / 2 <= races[1].x1 + 1


def test_a_dropped_result_is_in_brackets_with_a_legend_and_the_class_says_its_rule() -> None:
    pdf = _with_drops(4)
    text = "\n".join(pages_text(pdf))
    assert "Pro-Am — Drivers (2 lowest results dropped; the last 2 races cannot be)" in text
    assert "(25) = a result dropped under the class's drop rule" in text
    lines = text.splitlines()
    pro_am = lines.index(next(line for line in lines if line.startswith("Pro-Am — Drivers")))
    first = lines[pro_am + 3].split()  # the venues, the heading, then the class leader
    rounds = first[-6:-2]
    assert rounds[1].startswith("(") and rounds[2].startswith("(")
    assert not rounds[0].startswith("(") and not rounds[3].startswith("(")
    # The Pro table drops nothing: no brackets there.
    pro = lines[lines.index("Pro — Drivers") + 3]
    assert "(" not in pro


def test_sixteen_venue_columns_with_drops_fit_the_page() -> None:
    pdf = _with_drops(16)
    found = words(pdf)
    assert all(w.x0 >= 36 - 0.5 and w.x1 <= 612 - 36 + 0.5 for w in found)
    assert {"RAT", "SEB"} <= {w.text for w in found}
