"""Documents made from the database and read back from the PDF, as an official reads them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pdfplumber
import pytest

from paddock.errors import NotFound, PaddockError
from paddock.reports.base import local_stamp
from paddock.reports.documents import ClassificationDocument, QualifyingDocument, content_hash
from paddock.rules.laptime import format_gap, format_laptime, format_racetime
from paddock.services.database import Database, open_database
from paddock.services.documents import (
    NoResults,
    classification_document,
    classification_pdf,
    entry_list_pdf,
    event_pack,
    grid_document,
    grid_pdf,
    results_by_class_document,
    standings_document,
    standings_pdf,
    tyre_allocation_document,
    tyres_pdf,
)
from paddock.services.entries import list_entries
from paddock.services.grids import starting_grid
from paddock.services.results import add_penalty, publish, session_results
from paddock.services.standings import season_standings
from tests.reports.pdfread import pages_text
from tests.services.test_documents_weekend import (
    EVENT,
    Weekend,
    entered_cars,
    load_weekend,
    register_some_tyres,
)


def text_of(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Weekend]]:
    """Road America: practice, qualifying, race 1 (provisional), five decisions, tyres."""
    folder = tmp_path_factory.mktemp("weekend")
    db = open_database(folder / "p.db", demo_if_new=True)
    w = load_weekend(db, folder / "timing")
    cars = w.cars
    add_penalty(db, event=EVENT, session="R1", car=cars[1], kind="time", seconds=5,
                reason="Track limits, turn 17 (4th offence)")
    add_penalty(db, event=EVENT, session="R1", car=cars[3], kind="drive-through",
                reason="Speeding in the pit lane")
    add_penalty(db, event=EVENT, session="R1", car=cars[5], kind="dsq",
                reason="Ride height")
    add_penalty(db, event=EVENT, session="R1", car=cars[6], kind="grid-drop", places=3,
                reason="Causing a collision, turn 1")
    add_penalty(db, event=EVENT, session="Q", car=cars[0], kind="delete-lap", lap=4,
                reason="Track limits, turn 10")
    register_some_tyres(db, EVENT, list(cars[:3]))
    yield db, w
    db.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Database, Weekend]]:
    """A weekend of its own, for tests that publish or add decisions."""
    db = open_database(tmp_path / "p.db", demo_if_new=True)
    yield db, load_weekend(db, tmp_path / "timing", sessions=("Q", "R1"))
    db.close()


# --- entry list ----------------------------------------------------------------------------


def test_event_entry_list_lists_the_cars_entered_there(db: Database) -> None:
    pages = pages_text(entry_list_pdf(db, event="sebring"))
    text = "\n".join(pages)
    assert "Entry List" in text and "Rounds 1 & 2 — Sebring" in text
    assert "March 17–20, 2021" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    lines = text.splitlines()
    entered = set(entered_cars(db, "sebring"))
    for entry in list_entries(db):
        found = [ln for ln in lines if ln.startswith(f"{entry.number} {entry.class_name} ")]
        # Part-season entries (61, 31 in the demo) are not on Sebring's list.
        assert bool(found) == (entry.number in entered), entry.number
        if found:
            assert entry.driver in found[0] and entry.nationality in found[0]
            marks = found[0].split(entry.car)[-1].split()
            assert marks == [m for m, on in (("J", entry.junior), ("G", entry.gentleman),
                                             ("T", entry.team_championship)) if on]
    assert {"61", "31"}.isdisjoint(entered)


def test_season_entry_list_without_event(db: Database) -> None:
    text = text_of(entry_list_pdf(db))
    assert "2021 Season" in text and "Mila Novakova" in text and "Sofia Lindgren" in text


# --- race classification -------------------------------------------------------------------


def test_race_classification_prints_the_order_times_and_statuses(
        weekend: tuple[Database, Weekend]) -> None:
    db, w = weekend
    results = session_results(db, event=EVENT, session="R1")
    pages = pages_text(classification_pdf(db, event=EVENT, session="R1"))
    text = "\n".join(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "PROVISIONAL" in page.replace(" ", "") and "Race Classification" in page
        assert "Rounds 9 & 10 — Road America" in page and "Race 1" in page
    assert "Document hash" not in text  # only official documents carry it
    for view in results.rows:
        row = view.row
        if row.position is None or row.status.value != "classified":
            continue
        line = line_of(text, f"{row.position} {row.number} {row.class_name} ")
        if row.penalty_ms:  # the total sits over its "+5 s" note: two lines of text
            assert format_racetime(row.total_time_ms) in text
        else:
            assert f"{row.laps} {format_racetime(row.total_time_ms)}" in line
        assert format_laptime(row.best_lap_ms) in line
        if row.position > 1 and row.gap_laps == 0:
            assert format_gap(row.gap_ms or 0) in line
    # The season numbers every starter (the timekeepers' convention): NC and DNF cars keep
    # their position and class position, and say what they are beside the gap.
    numbered = {view.row.number: view.row for view in results.rows}
    for car, status in ((w.nc, "NC"), (w.dnf, "DNF")):
        row = numbered[car]
        assert row.position is not None and row.class_position is not None
        line = line_of(text, f"{row.position} {car} {row.class_name} {row.class_position} ")
        assert f" {status} " in line
    assert line_of(text, f"DNS {w.dns} ")
    assert line_of(text, f"DSQ {w.cars[5]} ")
    assert text.index("Not classified") < text.index("Did not start") < text.index("Disqualified")
    assert "Classified: at least" in text


def test_penalties_are_listed_with_decision_numbers_and_what_was_applied(
        weekend: tuple[Database, Weekend]) -> None:
    db, w = weekend
    text = text_of(classification_pdf(db, event=EVENT, session="R1"))
    section = text[text.index("Penalties applied"):]
    cars = w.cars
    assert line_of(section, f"1 {cars[1]} ").endswith("+5 s")
    assert line_of(section, f"2 {cars[3]} ").endswith("Drive-through converted to +30 s")
    assert line_of(section, f"3 {cars[5]} ").endswith("Disqualified")
    assert line_of(section, f"4 {cars[6]} ").endswith("3-place grid drop (next race)")
    assert "Track limits, turn 17 (4th offence)" in section
    # Qualifying's decision is not on the race's document.
    assert "Track limits, turn 10" not in section
    # The time added is printed beside the car's total.
    document = classification_document(db, event=EVENT, session="R1")
    assert isinstance(document, ClassificationDocument)
    penalised = {row.number: row.penalty for row in document.rows if row.penalty}
    assert penalised == {cars[1]: "+5 s", cars[3]: "+30 s"}


def test_results_by_class_one_table_per_class(weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    document = results_by_class_document(db, event=EVENT, session="R1")
    text = text_of(classification_pdf(db, event=EVENT, session="R1", by_class=True))
    assert "Results by Class" in text
    assert text.index("Pro — ") < text.index("Pro-Am — ") < text.index("Rookie — ")
    winners = [row for row in document.rows if row.class_position == 1]
    assert len(winners) == 3
    for row in winners:
        # PIC, overall position, car number: the class winner heads its table.
        assert line_of(text, f"1 {row.position} {row.number} ")


def test_one_class_of_a_race(weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    text = text_of(classification_pdf(db, event=EVENT, session="R1", class_name="rookie"))
    assert "Race 1 — Rookie" in text and "Rookie — " in text
    assert "Pro-Am — " not in text and "Pro — " not in text
    rookies = [e.number for e in list_entries(db) if e.class_name == "Rookie"]
    others = [e for e in list_entries(db) if e.class_name != "Rookie"]
    assert any(f" {n} " in text for n in rookies)
    assert not any(e.driver in text for e in others)


# --- qualifying and practice ---------------------------------------------------------------


def test_qualifying_prints_best_and_second_best_laps(weekend: tuple[Database, Weekend]) -> None:
    db, w = weekend
    results = session_results(db, event=EVENT, session="Q")
    pdf = classification_pdf(db, event=EVENT, session="Q")
    text = text_of(pdf)
    assert "Qualifying Classification" in text
    for view in results.rows:
        row = view.row
        line = line_of(text, f"{row.position} {row.number} {row.class_name} ")
        assert format_laptime(row.best_lap_ms) in line
        assert format_laptime(row.second_best_lap_ms) in line
    # The deleted lap is explained under the table, with its decision.
    assert f"Car {w.cars[0]}: Lap 4 time deleted (Track limits, turn 10; decision 5)" in text
    assert line_of(text[text.index("Penalties applied"):], f"5 {w.cars[0]} ").endswith(
        "Lap 4 time deleted")


def test_practice_is_ranked_by_best_lap(weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    document = classification_document(db, event=EVENT, session="FP1")
    assert isinstance(document, QualifyingDocument)
    assert document.title == "Practice Classification"
    assert document.session == "Free Practice 1"
    laps = [row.best_lap_ms for row in document.rows if row.best_lap_ms is not None]
    assert laps == sorted(laps)


def test_one_class_of_qualifying_measures_gaps_within_the_class(
        weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    document = classification_document(db, event=EVENT, session="Q", class_name="PRO-AM")
    assert isinstance(document, QualifyingDocument)
    assert {row.class_name for row in document.rows} == {"Pro-Am"}
    first, second = document.rows[0], document.rows[1]
    assert first.class_position == 1 and first.gap_ms is None
    assert first.best_lap_ms is not None and second.best_lap_ms is not None
    assert second.gap_ms == second.best_lap_ms - first.best_lap_ms
    assert document.session == "Qualifying — Pro-Am"


# --- official revisions --------------------------------------------------------------------


def test_official_document_prints_revision_local_time_and_hash(
        fresh: tuple[Database, Weekend]) -> None:
    db, w = fresh
    published = publish(db, event=EVENT, session="R1")
    assert published.published_at is not None
    document = classification_document(db, event=EVENT, session="R1")
    pdf = classification_pdf(db, event=EVENT, session="R1")
    pages = pages_text(pdf)
    stamp = local_stamp(published.published_at, ZoneInfo("America/Chicago"))
    for page in pages:
        assert f"OFFICIAL — Revision 1, published {stamp}" in page
        # The revision's own hash, as the record holds it.
        assert f"Revision 1 hash {published.content_hash}" in page
    # Two printouts of the same revision carry the same data.
    again = classification_document(db, event=EVENT, session="R1")
    assert content_hash(again) == content_hash(document)

    add_penalty(db, event=EVENT, session="R1", car=w.cars[0], kind="time", seconds=10,
                reason="Unsafe release")
    second = text_of(classification_pdf(db, event=EVENT, session="R1"))
    assert "OFFICIAL — Revision 2" in second
    assert f"Revision 2: Decision 1: car {w.cars[0]}, Unsafe release" in second
    assert line_of(second[second.index("Penalties applied"):], f"1 {w.cars[0]} ").endswith(
        "+10 s")
    revised = classification_document(db, event=EVENT, session="R1")
    assert content_hash(revised) != content_hash(document)

    # Revision 1 stays printable exactly as it was: without the later decision.
    first = classification_document(db, event=EVENT, session="R1", revision=1)
    assert first.status is not None and first.status.revision == 1
    assert first.penalties == () and content_hash(first) == content_hash(document)
    assert "Penalties applied" not in text_of(
        classification_pdf(db, event=EVENT, session="R1", revision=1))


def test_event_time_zone_is_used_for_times(fresh: tuple[Database, Weekend]) -> None:
    db, _ = fresh
    publish(db, event=EVENT, session="Q")
    document = classification_document(db, event=EVENT, session="Q")
    assert document.local_tz == ZoneInfo("America/Chicago")
    ctmp = tyre_allocation_document(db, event="ctmp")
    assert ctmp.local_tz == ZoneInfo("America/Toronto")
    assert "Canadian Tire Motorsport Park" in ctmp.subtitle and "Rounds 3 & 4" in ctmp.subtitle


# --- refusals ------------------------------------------------------------------------------


def test_a_session_without_results_is_refused_with_what_to_do(
        weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    with pytest.raises(NoResults, match="no results for road-america R2: import the timing files"):
        classification_pdf(db, event=EVENT, session="R2")
    with pytest.raises(NotFound, match="no class 'GT3'; classes are Pro, Pro-Am, Rookie"):
        classification_document(db, event=EVENT, session="R1", class_name="GT3")
    with pytest.raises(NotFound, match="no session 'R3'"):
        classification_document(db, event=EVENT, session="R3")
    with pytest.raises(NotFound, match="has no revision 1"):
        classification_document(db, event=EVENT, session="R1", revision=1)
    # Qualifying by class is allowed: each class ranked on its best laps.
    by_class = results_by_class_document(db, event=EVENT, session="Q")
    assert isinstance(by_class, QualifyingDocument) and by_class.title == "Qualifying by Class"
    text = text_of(classification_pdf(db, event=EVENT, session="Q", by_class=True))
    assert "Qualifying by Class" in text and "Pro-Am — " in text


# --- tyres ---------------------------------------------------------------------------------


def test_tyre_sheet_then_a_barcode_page_per_car(weekend: tuple[Database, Weekend]) -> None:
    db, w = weekend
    document = tyre_allocation_document(db, event=EVENT)
    with_tyres = [car for car in document.cars if car.tyres]
    assert [car.number for car in with_tyres] == sorted(
        w.cars[:3], key=lambda n: [c.number for c in document.cars].index(n))
    assert {car.number for car in document.cars} == set(entered_cars(db, EVENT))
    sheet = pages_text(tyres_pdf(db, event=EVENT, barcodes=False))
    pages = pages_text(tyres_pdf(db, event=EVENT))
    # One file, numbered through: the sheet's pages, then the labels, "Page X of <all>".
    assert [re.sub(r"Page \d+ of \d+", "", p) for p in pages[:len(sheet)]] == [
        re.sub(r"Page \d+ of \d+", "", p) for p in sheet]
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    barcode_pages = pages[len(sheet):]
    assert len(barcode_pages) == 3
    for car, page in zip(with_tyres, barcode_pages, strict=True):
        assert "Tyre Barcodes" in page and f"#{car.number}" in page
        for tyre in car.tyres:
            assert tyre.barcode in page
    summary = "\n".join(sheet)
    first = with_tyres[0]
    # New slicks against the quota, wets, carried over against its limit, tyres.
    assert line_of(summary, f"{first.number} {first.driver} ").endswith("8 / 8 0 0 / 4 8")
    idle = next(car for car in document.cars if not car.tyres)
    assert line_of(summary, f"{idle.number} {idle.driver} ").endswith("0 / 8 0 0 / 4 0")
    assert "New slicks" in summary and "Sizes: 992: front 30/65-18, rear 31/71-18" in summary


# --- grid and standings --------------------------------------------------------------------


def test_grid_sheet_follows_the_grid_service(weekend: tuple[Database, Weekend]) -> None:
    db, w = weekend
    grid = starting_grid(db, event=EVENT, race=2)
    document = grid_document(db, event=EVENT, race=2)
    assert [(s.position, s.number, s.time_ms) for s in document.slots] == [
        (s.position, s.number, s.time_ms) for s in grid.slots]
    assert document.session == "Race 2" and document.status is not None
    assert not document.status.official  # qualifying is still provisional
    text = text_of(grid_pdf(db, event=EVENT, race=2))
    assert "Starting Grid" in text and "Race 2" in text
    pole = grid.slots[0]
    assert f"#{pole.number}" in text and format_laptime(pole.time_ms) in text
    # The race 1 grid drop moves the car on race 2's grid, and the sheet says why.
    dropped = grid.slot_of(w.cars[6])
    assert dropped is not None and "Causing a collision" in dropped.note
    assert "Causing a collision" in text


def test_grid_is_official_when_qualifying_is(fresh: tuple[Database, Weekend]) -> None:
    db, _ = fresh
    qualifying = publish(db, event=EVENT, session="Q")
    document = grid_document(db, event=EVENT, race=1)
    assert document.status is not None and document.status.official
    published = local_stamp(qualifying.published_at, ZoneInfo("America/Chicago"))
    formed = (f"Formed from Qualifying (official, revision 1 published {published}, "
              f"hash {qualifying.content_hash}).")
    assert formed in document.notes
    text = text_of(grid_pdf(db, event=EVENT, race=1))
    # The grid has no revision of its own; it names its sources' revisions and hashes.
    assert "OFFICIAL" in text and "OFFICIAL — Revision" not in text
    assert formed in text


def test_standings_follow_the_standings_service(weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    view = season_standings(db)
    document = standings_document(db)
    assert document.session == "After round 9"
    assert [c.class_name for c in document.classes] == ["Pro", "Pro-Am", "Rookie", "Junior"]
    leader = view.classes[0].drivers[0]
    assert document.classes[0].rows[0].points == leader.points
    text = text_of(standings_pdf(db, class_name="pro"))
    assert "Championship Standings" in text and "After round 9 — Pro" in text
    assert line_of(text, f"1 {leader.number} {leader.driver}").endswith(
        f"{leader.points} {leader.wins}")
    assert "Round 9 — Road America, Race 1" in text and "Provisional" in text


# --- event pack ----------------------------------------------------------------------------


def test_event_pack_writes_every_current_document(
        weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    db, _ = weekend
    pack = event_pack(db, event=EVENT, folder=tmp_path / "pack")
    names = sorted(p.name for p in (tmp_path / "pack").iterdir()
                   if p.name != "00-road-america-event-pack.pdf")
    assert names == [
        "01-road-america-entry-list.pdf",
        "02-road-america-FP1-classification.pdf",
        "03-road-america-FP1-fastest-laps.pdf",
        "04-road-america-FP1-best-laps.pdf",
        "05-road-america-FP1-best-sectors.pdf",
        "12-road-america-Q-classification.pdf",
        "13-road-america-Q-results-by-class.pdf",  # qualifying by class
        "14-road-america-Q-fastest-laps.pdf",
        "15-road-america-Q-best-laps.pdf",
        "16-road-america-Q-best-sectors.pdf",
        "17-road-america-Q-decisions.pdf",
        "18-road-america-R1-grid.pdf",
        "19-road-america-R1-classification.pdf",
        "20-road-america-R1-results-by-class.pdf",
        "21-road-america-R1-time-cards.pdf",  # a race's time cards only
        "22-road-america-R1-lap-chart.pdf",
        "23-road-america-R1-fastest-laps.pdf",
        "24-road-america-R1-best-laps.pdf",
        "25-road-america-R1-best-sectors.pdf",
        "26-road-america-R1-pit-stops.pdf",
        "27-road-america-R1-flags.pdf",
        "28-road-america-R1-decisions.pdf",
        "29-road-america-R2-grid.pdf",
        "40-road-america-tyres.pdf",
        "41-standings.pdf",
    ]
    assert [p.path.name for p in pack.written] == names
    assert "Free Practice 2 classification: no results for FP2 yet" in pack.skipped
    assert "Race 2 time cards: no time cards for R2 yet" in pack.skipped
    assert "Race 2 stewards' decisions: no decisions in R2 yet" in pack.skipped
    assert not any("FP1 time cards" in s or "Free Practice 1 time cards" in s
                   for s in pack.skipped)
    for item in pack.written:
        assert item.path.read_bytes()[:5] == b"%PDF-" and item.size == item.path.stat().st_size
    assert "Results by Class" in text_of((tmp_path / "pack" / names[13]).read_bytes())
    assert "Qualifying by Class" in text_of((tmp_path / "pack" / names[6]).read_bytes())
    # Run again: the same names, replaced.
    again = event_pack(db, event="5", folder=tmp_path / "pack")
    assert [p.path.name for p in again.written] == names
    assert len(list((tmp_path / "pack").iterdir())) == len(names) + 1  # and the combined


def test_event_pack_of_an_event_without_results(tmp_path: Path) -> None:
    db = open_database(tmp_path / "bare.db")  # the season only: no entries, no results
    try:
        pack = event_pack(db, event="road-atlanta", folder=tmp_path / "ra")
        assert [p.path.name for p in pack.written] == ["01-road-atlanta-entry-list.pdf"]
        assert "Tyre allocation: no tyres registered at Road Atlanta yet" in pack.skipped
        assert "Championship standings: no race results in the season yet" in pack.skipped
        assert "Race 2 starting grid: no qualifying results yet" in pack.skipped
        with pytest.raises(PaddockError, match="no such folder"):
            event_pack(db, event="8", folder=tmp_path / "missing" / "pack")
    finally:
        db.close()


def test_the_standings_pdf_has_the_junior_table(weekend: tuple[Database, Weekend]) -> None:
    db, _ = weekend
    view = season_standings(db)
    document = standings_document(db)
    junior = document.classes[-1]
    assert junior.class_name == "Junior"
    assert [r.number for r in junior.rows] == [r.number for r in view.juniors]
    assert "Junior — Drivers" in text_of(standings_pdf(db))


def test_an_amended_grid_says_so_at_the_top_of_its_first_page(
    fresh: tuple[Database, Weekend],
) -> None:
    from paddock.services.grids import adjust_grid, starting_grid

    db, _ = fresh
    car = starting_grid(db, event=EVENT, race=1).slots[-1].number
    adjust_grid(db, event=EVENT, race=1, kind="withdraw", car=car, reason="Engine change")
    with pdfplumber.open(io.BytesIO(grid_pdf(db, event=EVENT, race=1))) as pdf:
        first = pdf.pages[0]
        top = first.crop((0, 0, first.width, first.height / 4)).extract_text() or ""
    assert "AMENDED" in top and "Engine change" in top


def test_the_event_pack_also_writes_one_combined_file(
        weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    """A cover with an index (each document, its state, the page it starts on), then
    every document of the pack, in the pack's order."""
    db, _ = weekend
    pack = event_pack(db, event=EVENT, folder=tmp_path / "pack")
    assert pack.combined is not None
    assert pack.combined.path.name == "00-road-america-event-pack.pdf"
    combined = pack.combined.path.read_bytes()
    parts = [item.path.read_bytes() for item in pack.written]
    with pdfplumber.open(io.BytesIO(combined)) as pdf:
        total = len(pdf.pages)
        texts = [page.extract_text() or "" for page in pdf.pages]
    counts = []
    for part in parts:
        with pdfplumber.open(io.BytesIO(part)) as pdf:
            counts.append(len(pdf.pages))
    cover_pages = total - sum(counts)  # the cover (its index may run on), then every part
    assert cover_pages in (1, 2)
    cover = "\n".join(texts[:cover_pages])
    assert "Event Pack" in cover and "Road America" in cover and "Made " in cover
    assert "Contents" in cover and "Not made yet" in cover
    assert "Race 2 classification No results for R2 yet" in cover
    start = cover_pages + 1
    for index, (item, count) in enumerate(zip(pack.written, counts, strict=True), start=1):
        row = line_of(cover, f"{index} {item.title}")
        assert row.endswith(f"{item.path.name} {count} {start}"), row
        # The part's first page is where the index says.
        assert texts[start - 1].split("\n")[0] == text_of(
            item.path.read_bytes()).split("\n")[0]
        start += count
    race1 = next(i for i, item in enumerate(pack.written, start=1)
                 if item.title == "Race 1 classification")
    assert "Provisional" in line_of(cover, f"{race1} Race 1 classification")
