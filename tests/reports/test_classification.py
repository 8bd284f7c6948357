"""Race, qualifying and by-class classifications, read back from the PDF."""

from __future__ import annotations

import pytest

from paddock.reports.classification import (
    RaceClassificationRenderer,
    render_qualifying_classification,
    render_race_classification,
    render_results_by_class,
)
from paddock.reports.documents import content_hash
from tests.reports.pdfread import column_bounds, pages_text, within, words
from tests.reports.samples import LONG_DRIVER, LONG_TEAM, qualifying, race


@pytest.fixture(scope="module")
def provisional() -> bytes:
    return render_race_classification(race())


@pytest.fixture(scope="module")
def official() -> bytes:
    return render_race_classification(race(official=True))


def test_overall_order_positions_and_times(provisional: bytes) -> None:
    widths = [c.width for c in RaceClassificationRenderer(race()).columns()]
    left, right = column_bounds(widths, 0)
    positions = [
        w.text
        for w in sorted(words(provisional), key=lambda w: (w.page, w.top))
        if within([w], left, right)
        and w.top > 112
        and (w.text.isdigit() or w.text in {"NC", "DNF", "DNS", "DSQ"})
    ]
    assert positions == [*map(str, range(1, 37)), "NC", "DNF", "DNS", "DSQ"]
    text = "\n".join(pages_text(provisional))
    # The winner: total time with hours, fastest lap of the class, lap number and speed.
    assert "0:50:23.926" in text
    assert "1:46.650 3 181.3" in text
    assert "+1.903" in text
    assert "1 Lap" in text and "2 Laps" in text


def test_sections_for_cars_not_classified_not_started_disqualified(provisional: bytes) -> None:
    text = "\n".join(pages_text(provisional))
    for title in ("Not classified", "Did not start", "Disqualified", "Fastest lap per class"):
        assert title in text
    assert text.index("Not classified") < text.index("Did not start") < text.index("Disqualified")


def test_fastest_lap_per_class_and_penalties(provisional: bytes) -> None:
    lines = "\n".join(pages_text(provisional)).splitlines()
    fastest = lines[next(i for i, line in enumerate(lines) if "Fastest lap per class" in line):]
    assert any(line.startswith("Pro-Am 29 Jon Ravenscroft") and "1:46.675 8" in line
               for line in fastest)
    assert any(line.startswith("Rookie 30 Ayhan Gürsel") and "1:46.712 9" in line
               for line in fastest)
    assert any(line.startswith("12 7 Curtis Wexford Track limits, turn 7 (4th offence)")
               for line in lines)
    assert "+5 s" in "\n".join(lines)  # beside car 7's total time


def test_status_band_and_hash(provisional: bytes, official: bytes) -> None:
    provisional_text = "\n".join(pages_text(provisional))
    official_text = "\n".join(pages_text(official))
    assert "PROVISIONAL" in provisional_text
    assert "Document hash" not in provisional_text
    assert "OFFICIAL — Revision 1, published 27 Jun 2021 15:30 EDT" in official_text
    assert official_text.count(f"Document hash {content_hash(race(official=True))}") == 2
    assert "Page 1 of 2" in official_text and "Page 2 of 2" in official_text
    assert "RACE DIRECTOR" in official_text and "CHIEF STEWARD" in official_text


def test_long_names_stay_inside_the_driver_column(provisional: bytes) -> None:
    widths = [c.width for c in RaceClassificationRenderer(race()).columns()]
    names = set(LONG_DRIVER.split()) | set(LONG_TEAM.split())
    found = [w for w in words(provisional) if w.text in names and w.top > 112]
    assert [w.text for w in found].count("Halloran") >= 4
    assert "Adeyemi-Vandermeulen" in [w.text for w in found]
    # The penalty and fastest-lap tables have their own columns: check the main table only.
    main = [w for w in found if w.x0 < column_bounds(widths, 5)[0]]
    assert within(main, *column_bounds(widths, 4))
    assert [w.text for w in main].count("Group") >= 3


def test_qualifying_prints_best_and_second_best_laps() -> None:
    text = "\n".join(pages_text(render_qualifying_classification(qualifying())))
    lines = text.splitlines()
    assert any(line.startswith("1 1 Pro 1") and "1:45.850 4" in line and "1:46.061 7" in line
               for line in lines)
    assert any("+0.173 +0.173" in line for line in lines)
    assert "no time" in text
    assert "Car 9: Lap 6 deleted (track limits, turn 11)" in text
    assert "Page 1 of 2" in text


def test_results_by_class_has_a_table_per_class_with_gaps_in_class() -> None:
    pdf = render_results_by_class(race())
    text = "\n".join(pages_text(pdf))
    assert text.index("Pro — 12 classified of 14") < text.index("Pro-Am — 12 classified of 13")
    assert "Rookie — 12 classified of 13" in text
    lines = text.splitlines()
    # Second in Pro is fourth overall, 5.709 behind the class winner.
    assert any(line.startswith("2 4 021") and "+5.709 +5.709" in line for line in lines)


def test_a_disqualified_car_never_holds_the_fastest_lap_of_its_class() -> None:
    from paddock.reports.classification import fastest_per_class
    from paddock.reports.documents import DISQUALIFIED
    from paddock.reports.documents import ClassificationRow as Row

    def row(number: str, best: int, status: str = "Classified") -> Row:
        return Row(position=None, number=number, class_name="Pro-Am", class_position=None,
                   driver="D", nationality="USA", team="T", car="992", laps=20,
                   total_ms=None, best_lap_ms=best, best_lap_number=3, status=status)

    (fastest,) = fastest_per_class([row("8", 82_000, DISQUALIFIED), row("15", 82_500)],
                                   ["Pro-Am"])
    assert fastest.number == "15"
