import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord
from paddock.errors import InputError, RuleViolation
from paddock.services.database import Database
from paddock.services.entries import (
    EntryInput,
    add_entry,
    check_entry,
    delete_entry,
    import_entries_csv,
    list_entries,
    update_entry,
)

NEW = EntryInput(number="88", first_name="Nora", last_name="Quist",
                 date_of_birth=date(2001, 2, 3), nationality="usa", team="Kestrel Motorsport",
                 car="992", class_name="Rookie")
HEADER = (
    "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,full_season\n"
)


def audit_count(db: Database) -> int:
    with db.reader() as s:
        return len(s.exec(select(AuditRecord)).all())


def test_demo_field_covers_every_class_and_both_cars(db: Database) -> None:
    rows = list_entries(db)
    assert len(rows) == 32
    assert {r.class_name for r in rows} == {"Pro", "Pro-Am", "Rookie"}
    assert {r.car for r in rows} == {"992", "991.2"}
    assert all(r.junior for r in rows if r.class_name == "Rookie")


def test_entries_come_in_car_number_order_with_leading_zeros_kept(db: Database) -> None:
    numbers = [r.number for r in list_entries(db)]
    assert numbers[:5] == ["1", "02", "3", "4", "05"]


def test_adding_an_eligible_entry_flags_junior_and_team_points(db: Database) -> None:
    view = add_entry(db, NEW)
    assert (view.number, view.nationality, view.junior, view.team_championship) == (
        "88", "USA", True, True)
    assert any(r.number == "88" for r in list_entries(db))


def test_an_ineligible_entry_is_refused_with_the_rule_and_nothing_is_saved(db: Database) -> None:
    before, audits = list_entries(db), audit_count(db)
    with pytest.raises(RuleViolation) as err:
        add_entry(db, replace(NEW, date_of_birth=date(1990, 1, 1)))
    assert "Car 88 (Nora Quist)" in str(err.value) and "23 or younger" in str(err.value)
    assert list_entries(db) == before and audit_count(db) == audits


def test_a_number_is_unique_in_the_season_but_01_is_not_1(db: Database) -> None:
    with pytest.raises(RuleViolation, match="already entered"):
        add_entry(db, replace(NEW, number="7"))
    assert add_entry(db, replace(NEW, number="07")).number == "07"


def test_live_check_reports_every_problem_without_writing(db: Database) -> None:
    problems = check_entry(db, replace(NEW, number="7", car="991.2", class_name="Pro",
                                       date_of_birth=date(1980, 1, 1)))
    assert any("already entered" in p for p in problems)
    assert any("requires the 992" in p for p in problems)
    assert check_entry(db, NEW) == []


def test_editing_an_entry_keeps_its_number_free_for_itself_and_is_audited(db: Database) -> None:
    entry = next(r for r in list_entries(db) if r.number == "7")
    audits = audit_count(db)
    updated = update_entry(db, entry.id, replace(entry.to_input(), team="Lakeshore GT"))
    assert updated.team == "Lakeshore GT" and updated.number == "7"
    assert audit_count(db) == audits + 1
    with pytest.raises(RuleViolation, match="requires the 992"):
        update_entry(db, entry.id, replace(entry.to_input(), car="991.2"))


def test_delete_removes_the_entry_and_records_who_did_it(db: Database) -> None:
    entry = list_entries(db)[0]
    delete_entry(db, entry.id)
    assert entry.number not in {r.number for r in list_entries(db)}
    with db.reader() as s:
        last = s.exec(select(AuditRecord).order_by(AuditRecord.id.desc())).first()  # type: ignore[union-attr]
    assert last is not None and last.action == "delete" and last.user


def write(tmp_path: Path, body: str | bytes, name: str = "entries.csv") -> Path:
    path = tmp_path / name
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(body)
    return path


def test_import_adds_every_row(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER
                 + "101,Ana,Reyes,1999-05-06,MEX,New Team,992,Pro,no,yes\n"
                 + "021,Bo,Lund,1970-01-01,SWE,New Team,991.2,Pro-Am,yes,no\n")
    assert import_entries_csv(db, path) == 2
    rows = {r.number: r for r in list_entries(db)}
    assert rows["021"].class_name == "Pro-Am" and not rows["021"].team_championship


BAD_FILES = {
    "wrong columns": (HEADER.replace("team,", "squad,")
                      + "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n", ":1: ", "missing team"),
    "bad date": (HEADER + "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n"
                 + "102,Bo,Lund,06/05/1999,SWE,T,992,Pro,no,yes\n", ":3: ", "date_of_birth"),
    "unknown class": (HEADER + "101,Ana,Reyes,1999-05-06,MEX,T,992,GT3 Cup,no,yes\n",
                      ":2: ", "class 'GT3 Cup'"),
    "duplicate number": (HEADER + "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n"
                         + "101,Bo,Lund,1998-01-01,SWE,T,992,Pro,no,yes\n", ":3: ",
                         "number entered twice"),
    "number taken": (HEADER + "7,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n", ":2: ",
                     "already entered"),
    "ineligible": (HEADER + "101,Ana,Reyes,1980-05-06,MEX,T,992,Rookie,no,yes\n", ":2: ",
                   "23 or younger"),
    "bad yes/no": (HEADER + "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,maybe,yes\n", ":2: ",
                   "gentleman: must be yes or no"),
    "short row": (HEADER + "101,Ana,Reyes\n", ":2: ", "expected 10 fields"),
    "empty file": ("", ":1: ", "empty"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_names_file_and_line_and_writes_nothing(
    db: Database, tmp_path: Path, case: str
) -> None:
    body, where, what = BAD_FILES[case]
    path = write(tmp_path, body)
    before, audits = list_entries(db), audit_count(db)
    with pytest.raises((InputError, RuleViolation)) as err:
        import_entries_csv(db, path)
    message = str(err.value)
    assert f"{path}{where}" in message and what in message
    assert list_entries(db) == before and audit_count(db) == audits


ROW = "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes"
HOSTILE_ROWS = {
    "Arabic-Indic number": (ROW.replace("101", "١٠١"), "car number '١٠١' is not valid"),
    "superscript number": (ROW.replace("101", "10²"), "car number '10²' is not valid"),
    "number too big": (ROW.replace("101", "9" * 30), "is not valid: use 1 to 3 digits"),
    "Arabic-Indic date": (ROW.replace("1999", "١٩٩٩"), "is not a date in the form YYYY-MM-DD"),
    "compact date": (ROW.replace("1999-05-06", "19990506"), "'19990506' is not a date"),
    "week date": (ROW.replace("1999-05-06", "1999-W01-1"), "'1999-W01-1' is not a date"),
    "superscript date": (ROW.replace("1999", "199⁹"), "is not a date in the form YYYY-MM-DD"),
    "name too long": (ROW.replace("Ana", "A" * 5000), "first_name: 5000 characters long"),
    "control character": (ROW.replace("Ana", "A\x1bna"), "first_name: holds a control"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_ROWS))
def test_hostile_rows_are_refused_at_their_line(db: Database, tmp_path: Path, case: str) -> None:
    row, what = HOSTILE_ROWS[case]
    path = write(tmp_path, HEADER + "102,Bo,Lund,1998-01-01,SWE,T,992,Pro,no,yes\n" + row + "\n")
    before = list_entries(db)
    with pytest.raises((InputError, RuleViolation)) as err:
        import_entries_csv(db, path)
    assert f"{path}:3: " in str(err.value) and what in str(err.value)
    assert list_entries(db) == before


def test_a_field_over_the_csv_limit_is_a_message_with_its_line(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + ROW + "\n" + ROW.replace("Ana", "x" * 200_000) + "\n")
    with pytest.raises(InputError) as err:
        import_entries_csv(db, path)
    assert str(err.value).startswith(f"{path}:3: cannot be read as CSV (field larger than")
    assert len(list_entries(db)) == 32


def test_cr_only_line_ends_import_with_the_right_line_numbers(
    db: Database, tmp_path: Path
) -> None:
    good = write(tmp_path, (HEADER + ROW + "\n" + ROW.replace("101", "102") + "\n")
                 .replace("\n", "\r"), "cr.csv")
    assert import_entries_csv(db, good) == 2
    bad = write(tmp_path, (HEADER + ROW.replace("101", "103") + "\n"
                           + ROW.replace("101", "104").replace("Pro,no", "Pro,maybe") + "\n")
                .replace("\n", "\r"), "bad.csv")
    with pytest.raises(RuleViolation, match=r"bad.csv:3: gentleman: must be yes or no"):
        import_entries_csv(db, bad)


def test_a_quote_left_open_is_refused_where_it_opens(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ROW.replace("Ana", '"Ana') + "\n"
                 + ROW.replace("101", "102") + "\n")
    with pytest.raises(InputError, match=r"entries.csv:2: a quoted field opened here runs on"):
        import_entries_csv(db, path)


def test_what_is_not_a_regular_file_is_refused_unread(db: Database, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"fifo.csv: is not a regular file"):
        import_entries_csv(db, fifo)
    with pytest.raises(InputError, match=r": is a folder, not a file"):
        import_entries_csv(db, tmp_path)
    if Path("/dev/zero").exists():
        with pytest.raises(InputError, match=r"^/dev/zero: is not a regular file"):
            import_entries_csv(db, Path("/dev/zero"))
    assert len(list_entries(db)) == 32


def test_a_file_that_is_not_utf8_is_refused_with_its_line(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "101,Zoë,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n")
                 .encode("latin-1"))
    with pytest.raises(InputError, match=r"entries.csv:2: the file is not UTF-8"):
        import_entries_csv(db, path)
    assert len(list_entries(db)) == 32


def test_import_with_replace_swaps_the_whole_list(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "7,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n")
    assert import_entries_csv(db, path, replace=True) == 1
    assert [r.driver for r in list_entries(db)] == ["Ana Reyes"]


def test_the_entries_of_one_event_leave_out_part_season_cars_not_there(db: Database) -> None:
    at_sebring = {e.number for e in list_entries(db, event=1)}
    assert "19" in at_sebring and "31" not in at_sebring  # 31 starts at event 5
    assert len(at_sebring) == 30 and len(list_entries(db)) == 32
