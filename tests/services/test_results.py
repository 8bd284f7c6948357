"""Results through the services: real Al Kamel files, penalties, publishing, revisions."""

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import LapRecordRow
from paddock.errors import InputError, RuleViolation
from paddock.rules.laptime import parse_time
from paddock.services.database import Database, open_database
from paddock.services.entries import import_entries_csv
from paddock.services.results import (
    add_penalty,
    import_results,
    publish,
    revision_results,
    revisions,
    session_results,
    set_car_status,
)
from paddock.services.season import add_class
from paddock.services.timing_check import check_session

RACE = "2023_08-long-beach-street-circuit_202304151405-race"
QUALI = "2023_08-long-beach-street-circuit_202304141715-qualifying"


def official_lines(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


@pytest.fixture
def imsa(tmp_path: Path, imsa_data: Path) -> Iterator[Database]:
    """A season holding the Long Beach 2023 field as its entry list (names from the file)."""
    db = open_database(tmp_path / "p.db")
    for name in ("GTP", "GTD", "GTDPRO"):
        add_class(db, name)
    entries = tmp_path / "entries.csv"
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "first_name", "last_name", "date_of_birth", "nationality",
                      "team", "car", "class", "gentleman", "full_season"])
        for line in official_lines(imsa_data / f"{RACE}-results.csv"):
            out.writerow([line["NUMBER"], line["DRIVER1_FIRSTNAME"], line["DRIVER1_SECONDNAME"],
                          "1990-01-01", line["DRIVER1_COUNTRY"] or "USA", line["TEAM"], "992",
                          line["CLASS"], "no", "yes"])
    import_entries_csv(db, entries)
    yield db
    db.close()


def test_race_time_cards_reproduce_the_official_classification(
    imsa: Database, imsa_data: Path
) -> None:
    summary = import_results(imsa, event="sebring", session="R1",
                             files=[imsa_data / f"{RACE}-laps.csv"])
    assert summary.laps == 1844
    results = session_results(imsa, event="sebring", session="R1")
    assert results.status == "provisional"
    ours = {r.row.number: r.row for r in results.rows}
    official = [ln for ln in official_lines(imsa_data / f"{RACE}-results.csv")
                if int(ln["LAPS"]) > 0]
    assert [r.row.number for r in results.rows][: len(official)] == [
        ln["NUMBER"] for ln in official]
    for line in official:
        row = ours[line["NUMBER"]]
        assert row.position == int(line["POSITION"])
        assert row.laps == int(line["LAPS"])
        assert row.total_time_ms == parse_time(line["TOTAL_TIME"])
        assert row.gap == line["GAP_FIRST"]
        assert (row.best_lap_ms, row.best_lap_number) == (
            parse_time(line["FL_TIME"]), int(line["FL_LAPNUM"]))
    # Not in the time cards: listed apart, without a position.
    assert all(ours[n].position is None for n in ("01", "80", "93"))


def test_with_the_results_file_beside_the_time_cards_every_position_is_the_officials(
    imsa: Database, imsa_data: Path
) -> None:
    """The results file says who started: #01 took the start and never crossed the line."""
    import_results(imsa, event="sebring", session="R1",
                   files=[imsa_data / f"{RACE}-laps.csv", imsa_data / f"{RACE}-results.csv"])
    rows = {r.row.number: r.row for r in session_results(imsa, event="1", session="R1").rows}
    for line in official_lines(imsa_data / f"{RACE}-results.csv"):
        row = rows[line["NUMBER"]]
        assert row.position == (int(line["POSITION"]) if line["POSITION"] else None)
        assert row.laps == int(line["LAPS"])
    assert (rows["01"].status.value, rows["80"].status.value) == ("dnf", "dns")


def test_publish_then_a_penalty_makes_revision_2_and_revision_1_stays(
    imsa: Database, imsa_data: Path
) -> None:
    import_results(imsa, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv"])
    first = publish(imsa, event="1", session="R1")
    assert (first.status, first.revision) == ("official", 1)
    assert list(Path(str(imsa.path) + ".backups").glob("*.db"))
    result = add_penalty(imsa, event="1", session="R1", car="25", kind="time", seconds=5,
                         reason="Avoidable contact, turn 1")
    assert result.revision == 2
    now = session_results(imsa, event="1", session="R1")
    assert now.revision == 2 and "Avoidable contact" in now.reason
    # 1:42:09.029 + 5 s = 1:42:14.029: behind #7 (1:42:11.030) and #24 (1:42:11.818).
    assert [r.row.number for r in now.rows[:4]] == ["6", "7", "24", "25"]
    assert now.rows[3].row.total_time_ms == parse_time("1:42:09.029") + 5_000
    old = revision_results(imsa, event="1", session="R1", revision=1)
    assert [r.row.number for r in old.rows[:3]] == ["6", "25", "7"]
    assert [r.revision for r in revisions(imsa, event="1", session="R1")] == [1, 2]
    assert old.content_hash != now.content_hash


def test_publishing_twice_without_a_change_is_refused(imsa: Database, imsa_data: Path) -> None:
    import_results(imsa, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv"])
    publish(imsa, event="1", session="R1")
    with pytest.raises(RuleViolation, match="nothing changed since revision 1"):
        publish(imsa, event="1", session="R1", reason="again")


def test_a_corrected_import_of_an_official_session_needs_a_reason(
    imsa: Database, imsa_data: Path
) -> None:
    files = [imsa_data / f"{RACE}-laps.csv"]
    import_results(imsa, event="1", session="R1", files=files)
    publish(imsa, event="1", session="R1")
    with pytest.raises(RuleViolation, match="needs a reason"):
        import_results(imsa, event="1", session="R1", files=files)


def test_qualifying_time_cards_alone_equal_the_official_results_on_every_row(
    imsa: Database, imsa_data: Path
) -> None:
    """The timing system's own marks say which laps it deleted: no hand work needed."""
    summary = import_results(imsa, event="1", session="Q", files=[imsa_data / f"{QUALI}-laps.csv"])
    assert "no results file" in summary.check
    official = official_lines(imsa_data / f"{QUALI}-results.csv")
    rows = [r.row for r in session_results(imsa, event="1", session="Q").rows]
    assert [r.number for r in rows] == [ln["NUMBER"] for ln in official]
    assert [r.position for r in rows] == [int(ln["POS"]) for ln in official]
    assert [r.laps for r in rows] == [int(ln["LAPS"]) for ln in official]
    assert [r.best_lap_ms for r in rows] == [parse_time(ln["TIME"]) for ln in official]
    assert [r.best_lap_number for r in rows] == [int(ln["LAP"]) for ln in official]
    # Car 60: lap 10 (1:10.489) was deleted in the timing system; lap 12 counts.
    car60 = next(r for r in rows if r.number == "60")
    assert (car60.best_lap_ms, car60.best_lap_number) == (parse_time("1:10.583"), 12)
    assert 10 in car60.deleted_laps
    with imsa.reader() as s:
        deleted = s.exec(select(LapRecordRow).where(LapRecordRow.timing_deleted)).all()
    assert len(deleted) == 6
    assert all("timing system" in lap.timing_reason for lap in deleted)


def test_an_official_reinstates_a_lap_the_timing_system_deleted(
    imsa: Database, imsa_data: Path
) -> None:
    import_results(imsa, event="1", session="Q", files=[imsa_data / f"{QUALI}-laps.csv"])
    with pytest.raises(RuleViolation, match="lap 12 is not deleted"):
        add_penalty(imsa, event="1", session="Q", car="60", kind="reinstate-lap", lap=12,
                    reason="Video review")
    add_penalty(imsa, event="1", session="Q", car="60", kind="reinstate-lap", lap=10,
                reason="Video review: inside track limits")
    rows = [r.row for r in session_results(imsa, event="1", session="Q").rows]
    assert [r.number for r in rows[:2]] == ["10", "60"]
    assert (rows[1].best_lap_ms, rows[1].best_lap_number) == (parse_time("1:10.489"), 10)
    assert 10 not in rows[1].deleted_laps
    check = check_session(imsa, event="1", session="Q")
    assert not check.has_file


def test_results_check_agrees_with_the_officials_files_and_names_a_time_penalty(
    imsa: Database, imsa_data: Path, tmp_path: Path
) -> None:
    race = [imsa_data / f"{RACE}-laps.csv", imsa_data / f"{RACE}-results.csv"]
    summary = import_results(imsa, event="1", session="R1", files=race)
    assert summary.check.startswith("agrees")
    assert check_session(imsa, event="1", session="R1").agrees
    quali = [imsa_data / f"{QUALI}-laps.csv", imsa_data / f"{QUALI}-results.csv"]
    import_results(imsa, event="1", session="Q", files=quali)
    assert check_session(imsa, event="1", session="Q").agrees

    # The same results file with car 25 given +5 s, as the timekeepers would after a decision.
    text = (imsa_data / f"{RACE}-results.csv").read_text(encoding="utf-8-sig")
    altered = tmp_path / "03_Results_Race.csv"
    altered.write_text(text.replace("1:42:09.029", "1:42:14.029"), encoding="utf-8")
    import_results(imsa, event="1", session="R1", files=[altered])
    check = check_session(imsa, event="1", session="R1")
    assert not check.agrees
    totals = [d for d in check.reconciliation.differences if d.field == "total_time"]
    assert [(d.car, d.cause) for d in totals] == [("25", "time penalty 5 s")]
    assert [(p.car, p.seconds) for p in check.reconciliation.suggested_penalties] == [("25", 5)]
    with pytest.raises(RuleViolation, match="publish only with a reason"):
        publish(imsa, event="1", session="R1")
    add_penalty(imsa, event="1", session="R1", car="25", kind="time", seconds=5,
                reason="Avoidable contact")
    # The totals now agree; the altered file kept its old order, which is all that is left.
    left = check_session(imsa, event="1", session="R1").reconciliation.differences
    assert left and {d.field for d in left} == {"position"}


def test_a_car_without_a_crossing_is_a_question_until_an_official_settles_it(
    imsa: Database, imsa_data: Path
) -> None:
    import_results(imsa, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv"])
    check = check_session(imsa, event="1", session="R1")
    assert [c.car for c in check.no_crossing] == ["01", "80", "93"]
    set_car_status(imsa, event="1", session="R1", car="01", status="dnf",
                   reason="Took the start, stopped on lap 1")
    for car in ("80", "93"):
        set_car_status(imsa, event="1", session="R1", car=car, status="dns",
                       reason="Did not take the start")
    assert check_session(imsa, event="1", session="R1").no_crossing == ()
    rows = {r.row.number: r.row for r in session_results(imsa, event="1", session="R1").rows}
    assert (rows["01"].status.value, rows["01"].position) == ("dnf", 26)
    assert (rows["80"].status.value, rows["80"].position) == ("dns", None)
    with pytest.raises(RuleViolation, match="crossed the line"):
        set_car_status(imsa, event="1", session="R1", car="6", status="dnf", reason="x")


def test_a_file_of_the_wrong_kind_is_refused(imsa: Database, imsa_data: Path) -> None:
    with pytest.raises(InputError, match="qualifying/practice results file cannot be loaded"):
        import_results(imsa, event="1", session="R1", files=[imsa_data / f"{QUALI}-results.csv"])
    assert session_results(imsa, event="1", session="R1").rows == ()


def test_an_unknown_car_stops_the_import_with_file_and_line(
    db: Database, imsa_data: Path
) -> None:
    with pytest.raises(InputError) as err:
        import_results(db, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv"])
    # The demo season has a car 31, but not at Sebring (a part-season entry).
    assert f"{RACE}-laps.csv:672: car 31 is not entered at Sebring" in str(err.value)
    assert session_results(db, event="1", session="R1").rows == ()


def test_a_time_that_does_not_parse_names_file_line_and_column(
    db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "laps.csv"
    bad.write_text("number,lap,lap_time,elapsed\n7,1,2:10.500,2:10.500\n7,2,2:1O.000,4:20.500\n")
    with pytest.raises(InputError, match=r"laps.csv:3: .*2:1O\.000"):
        import_results(db, event="1", session="FP1", files=[bad])


def test_a_hand_typed_results_file_classifies(db: Database, tmp_path: Path) -> None:
    typed = tmp_path / "r1.csv"
    typed.write_text("number,laps,total_time,best_lap,status\n"
                     "7,20,45:10.100,2:12.300,\n3,20,45:09.000,2:12.000,\n"
                     "12,12,30:00.000,2:13.000,retired\n")
    import_results(db, event="1", session="R1", files=[typed])
    rows = session_results(db, event="1", session="R1").rows
    assert [(r.row.number, r.row.status.value) for r in rows[:3]] == [
        ("3", "classified"), ("7", "classified"), ("12", "dnf")]
    assert rows[1].row.gap == "+1.100" and rows[0].driver == "Julien Desrosiers"


def test_typed_results_classify_and_corrections_of_official_ones_make_revisions(
    db: Database,
) -> None:
    from paddock.services.results import TypedResult, delete_typed_result, set_typed_result

    set_typed_result(db, event="1", session="R1",
                     result=TypedResult("7", 20, 2_710_100, 132_300, 5))
    shown = set_typed_result(db, event="1", session="R1",
                             result=TypedResult("3", 20, 2_709_000, 132_000, 7))
    assert [r.row.number for r in shown.rows] == ["3", "7"]
    publish(db, event="1", session="R1")
    with pytest.raises(RuleViolation, match="needs a reason"):
        set_typed_result(db, event="1", session="R1", result=TypedResult("3", 19, 2_709_000))
    fixed = set_typed_result(db, event="1", session="R1", reason="Lap count corrected",
                             result=TypedResult("3", 19, 2_709_000, 132_000, 7))
    assert fixed.revision == 2 and [r.row.number for r in fixed.rows] == ["7", "3"]
    assert fixed.rows[1].row.gap == "1 Lap"
    gone = delete_typed_result(db, event="1", session="R1", number="3", reason="Typed twice")
    assert gone.revision == 3 and [r.row.number for r in gone.rows] == ["7"]


def test_typed_results_refused_where_time_cards_rule(db: Database, tmp_path: Path) -> None:
    from paddock.services.results import TypedResult, set_typed_result

    laps = tmp_path / "laps.csv"
    laps.write_text("number,lap,lap_time,elapsed\n7,1,2:10.500,2:10.500\n")
    import_results(db, event="1", session="FP1", files=[laps])
    with pytest.raises(RuleViolation, match="come from the time cards"):
        set_typed_result(db, event="1", session="FP1", result=TypedResult("7", 2))


def test_an_official_revision_edited_outside_paddock_is_refused_loudly(
    imsa: Database, imsa_data: Path
) -> None:
    import sqlite3

    from paddock.services.revision_hash import RevisionAltered

    import_results(imsa, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv"])
    publish(imsa, event="1", session="R1")
    assert session_results(imsa, event="1", session="R1").revision == 1
    # Swap the winner's number in the stored text, as a hand edit with a SQLite tool would.
    con = sqlite3.connect(str(imsa.path))
    payload = con.execute("SELECT payload FROM classification_revision").fetchone()[0]
    con.execute("UPDATE classification_revision SET payload = ?",
                (payload.replace('"number": "6"', '"number": "66"', 1),))
    con.commit()
    con.close()
    with pytest.raises(RevisionAltered, match="revision 1 of sebring R1 has been altered"):
        session_results(imsa, event="1", session="R1")
    with pytest.raises(RevisionAltered):
        revision_results(imsa, event="1", session="R1", revision=1)


def test_practice_ranks_by_best_valid_lap_from_the_same_files(
    imsa: Database, imsa_data: Path
) -> None:
    import_results(imsa, event="1", session="FP1", files=[imsa_data / f"{QUALI}-laps.csv"])
    official = official_lines(imsa_data / f"{QUALI}-results.csv")
    rows = [r.row for r in session_results(imsa, event="1", session="FP1").rows]
    assert [(r.number, r.best_lap_ms) for r in rows] == [
        (ln["NUMBER"], parse_time(ln["TIME"])) for ln in official]


def test_race_1_grid_from_the_qualifying_time_cards_alone_is_the_official_order(
    imsa: Database, imsa_data: Path
) -> None:
    from paddock.services.grids import starting_grid

    import_results(imsa, event="1", session="Q", files=[imsa_data / f"{QUALI}-laps.csv"])
    grid = starting_grid(imsa, event="1", race=1)
    official = official_lines(imsa_data / f"{QUALI}-results.csv")
    assert [slot.number for slot in grid.slots][: len(official)] == [
        ln["NUMBER"] for ln in official]
    assert [slot.time_ms for slot in grid.slots][: len(official)] == [
        parse_time(ln["TIME"]) for ln in official]


def test_results_by_class_beside_the_time_cards_agree_class_by_class(
    imsa: Database, imsa_data: Path, tmp_path: Path
) -> None:
    """A ``05_`` file (class positions) made from the official results agrees; a swapped
    class position is named."""
    lines = official_lines(imsa_data / f"{RACE}-results.csv")
    seen: dict[str, int] = {}
    rows = ["CLASS_TYPE;POS;PIC;NUMBER;VEHICLE;LAPS;ELAPSED;GAP_FIRST;GAP_PREVIOUS;"
            "BEST_LAP_NUM;BEST_LAP_TIME;BEST_LAP_KPH"]
    for ln in lines:
        pic = ""
        if ln["POSITION"]:
            seen[ln["CLASS"]] = seen.get(ln["CLASS"], 0) + 1
            pic = str(seen[ln["CLASS"]])
        rows.append(";".join([ln["CLASS"], ln["POSITION"], pic, ln["NUMBER"], ln["VEHICLE"],
                              ln["LAPS"], ln["TOTAL_TIME"], ln["GAP_FIRST"], ln["GAP_PREVIOUS"],
                              ln["FL_LAPNUM"], ln["FL_TIME"], ln["FL_KPH"]]))
    by_class = tmp_path / "05_Results by Class_Race 1.CSV"
    by_class.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_results(imsa, event="1", session="R1",
                   files=[imsa_data / f"{RACE}-laps.csv", by_class])
    check = check_session(imsa, event="1", session="R1")
    assert check.agrees, check.reconciliation.differences
    assert check.files == ("by-class",)

    swapped = by_class.read_text(encoding="utf-8").replace(
        "GTP;1;1;6;", "GTP;1;2;6;", 1).replace("GTP;2;2;25;", "GTP;2;1;25;", 1)
    by_class.write_text(swapped, encoding="utf-8")
    import_results(imsa, event="1", session="R1", files=[by_class])
    differences = check_session(imsa, event="1", session="R1").reconciliation.differences
    assert [(d.car, d.field, d.ours, d.theirs) for d in differences] == [
        ("6", "class_position", 1, 2), ("25", "class_position", 2, 1)]


def test_a_stewards_bulletin_of_five_decisions_is_previewed_and_published_as_one_revision(
    imsa: Database, imsa_data: Path
) -> None:
    from paddock.services.results import withdraw_pending

    import_results(imsa, event="1", session="R1",
                   files=[imsa_data / f"{RACE}-laps.csv", imsa_data / f"{RACE}-results.csv"])
    publish(imsa, event="1", session="R1")
    cars = ["25", "7", "24", "10", "31"]
    for car in cars:
        result = add_penalty(imsa, event="1", session="R1", car=car, kind="time", seconds=5,
                             reason="Track limits", article="Art. 12.3", pending=True)
        assert result.revision is None and result.penalty.pending
    warned = add_penalty(imsa, event="1", session="R1", car="6", kind="warning",
                         reason="Unsportsmanlike gesture")
    assert warned.revision is None and not warned.penalty.pending
    still = session_results(imsa, event="1", session="R1")
    assert (still.revision, len(still.pending)) == (1, 5)
    preview = session_results(imsa, event="1", session="R1", preview=True)
    assert (preview.status, preview.revision) == ("preview", 2)
    previewed = {r.row.number: r.row.penalty_ms for r in preview.rows}
    assert all(previewed[car] == 5_000 for car in cars)
    withdraw_pending(imsa, event="1", session="R1",
                     decision=result.penalty.decision, reason="Reviewed: no offence")
    published = publish(imsa, event="1", session="R1")
    assert (published.revision, published.status) == (2, "official")
    assert published.reason.startswith("Decisions ")
    assert {r.row.number for r in published.rows if r.row.penalty_ms} == set(cars[:4])
    assert not session_results(imsa, event="1", session="R1").pending
    assert [r.revision for r in revisions(imsa, event="1", session="R1")] == [1, 2]
    with pytest.raises(RuleViolation, match="nothing changed since revision 2"):
        publish(imsa, event="1", session="R1", reason="again")


def test_time_cards_cut_short_beside_their_results_file_are_refused_whole(
    imsa: Database, imsa_data: Path, tmp_path: Path
) -> None:
    lines = (imsa_data / f"{RACE}-laps.csv").read_text(encoding="utf-8-sig").splitlines()
    # The last crossing of car 6 (the winner) is missing: the file was cut at a line end.
    last = max(i for i, line in enumerate(lines) if line.startswith("6,"))
    cut = tmp_path / "23_Time Cards_Race 1.CSV"
    cut.write_text("\n".join(lines[:last] + lines[last + 1:]) + "\n", encoding="utf-8")
    with pytest.raises(RuleViolation, match="6"):
        import_results(imsa, event="1", session="R1",
                       files=[cut, imsa_data / f"{RACE}-results.csv"])
    assert session_results(imsa, event="1", session="R1").rows == ()
    summary = import_results(imsa, event="1", session="R1",
                             files=[imsa_data / f"{RACE}-laps.csv",
                                    imsa_data / f"{RACE}-results.csv"])
    assert any("01" in w for w in summary.warnings)
