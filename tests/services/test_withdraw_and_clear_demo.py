"""Correcting the entry list: withdrawing an entry that ran, and clearing the demo season."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord, ResultLine, TyreRecord
from paddock.errors import NotFound, RuleViolation
from paddock.services.database import Database, init_database, open_database
from paddock.services.demo_season import clear_demo, is_demo
from paddock.services.entries import (
    delete_entry,
    import_entries_csv,
    list_entries,
    set_entry_events,
)
from paddock.services.tyres import register_tyres
from paddock.services.withdrawals import withdraw_entry


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The window's first-start demo: the field, and Sebring and CTMP run."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    init_database(path, demo_weekend=True)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "paddock.db"
    shutil.copy(demo_file, copy)
    database = open_database(copy)
    yield database
    database.close()


def entry(db: Database, number: str):  # type: ignore[no-untyped-def]
    return next(e for e in list_entries(db) if e.number == number)


def test_an_entry_withdrawn_from_an_event_leaves_it_and_takes_no_tyres_there(
        demo: Database) -> None:
    done = withdraw_entry(demo, "7", event="road-america", reason="  driver injured ")
    assert done.text.startswith("car 7 (") and "withdrawn from Road America: driver injured" \
        in done.text
    assert "7" not in {e.number for e in list_entries(demo, event=5)}
    assert "7" in {e.number for e in list_entries(demo, event=4)}
    assert entry(demo, "7").status_text == "Withdrawn from event 5"
    with pytest.raises(RuleViolation, match="not entered"):
        register_tyres(demo, event="5", car="7", barcodes=["MI21000001"])
    with pytest.raises(RuleViolation, match="already withdrawn from Road America"):
        withdraw_entry(demo, "7", event="5", reason="again")
    with demo.reader() as s:
        record = s.exec(select(AuditRecord).where(AuditRecord.action == "withdraw")).one()
    assert '"reason": "driver injured"' in record.after and record.entity == "entry"


def test_a_car_that_ran_at_an_event_is_not_withdrawn_from_it(demo: Database) -> None:
    with pytest.raises(RuleViolation, match=r"ran at Sebring .*grid adjust"):
        withdraw_entry(demo, "7", event="sebring", reason="late")
    assert "7" in {e.number for e in list_entries(demo, event=1)}


def test_a_season_withdrawal_keeps_what_the_car_ran_and_leaves_the_rest(
        demo: Database) -> None:
    with pytest.raises(RuleViolation, match="cannot be deleted"):
        delete_entry(demo, entry(demo, "7").id)
    with pytest.raises(RuleViolation, match=r"reason: .*needs a reason"):
        withdraw_entry(demo, "7", reason="  ")
    done = withdraw_entry(demo, "7", reason="budget")
    assert (done.left, done.kept) == ((4, 5, 6, 7, 8), (1, 2, 3))
    assert "results at event 1, 2, 3 stand" in done.text
    view = entry(demo, "7")
    assert view.withdrawn == "budget" and view.status_text == "Withdrawn: budget"
    assert "7" in {e.number for e in list_entries(demo, event=2)}
    assert all("7" not in {e.number for e in list_entries(demo, event=n)} for n in range(4, 9))
    with pytest.raises(RuleViolation, match="already withdrawn from the season"):
        withdraw_entry(demo, "7", event="5", reason="again")
    with pytest.raises(RuleViolation, match="withdrawn from the season"):
        set_entry_events(demo, view.id, [1, 2, 3])
    with pytest.raises(NotFound, match="car 999 is not entered"):
        withdraw_entry(demo, "999", reason="x")


def test_clearing_the_demo_removes_its_field_and_results_in_one_step(
        demo: Database, tmp_path: Path) -> None:
    assert is_demo(demo)
    cleared = clear_demo(demo)
    assert cleared.entries == 32 and cleared.tyres > 0 and cleared.results > 0
    assert list_entries(demo) == [] and not is_demo(demo)
    with demo.reader() as s:
        assert s.exec(select(TyreRecord)).all() == []
        assert s.exec(select(ResultLine)).all() == []
    # The real entry list now goes in, car 7 included.
    path = tmp_path / "real.csv"
    path.write_text("number,first_name,last_name,date_of_birth,nationality,team,car,class,"
                    "gentleman,full_season\n7,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n",
                    encoding="utf-8")
    assert import_entries_csv(demo, path) == 1
    with pytest.raises(RuleViolation, match="not the demo season"):
        clear_demo(demo)
    assert [e.number for e in list_entries(demo)] == ["7"]
    assert demo.path is not None
    backups = list((demo.path.parent / "paddock.db.backups").glob("*clear-demo*"))
    assert len(backups) == 1


def test_a_real_season_is_never_cleared(tmp_path: Path) -> None:
    path = tmp_path / "real.db"
    init_database(path, year=2026)
    with open_database(path) as db:
        assert not is_demo(db)
        with pytest.raises(RuleViolation, match="2026 season is not the demo"):
            clear_demo(db)


def test_the_season_entry_list_says_withdrawn_and_the_event_list_leaves_the_car_out(
        demo: Database) -> None:
    from paddock.services.documents import entry_list_document

    withdraw_entry(demo, "7", reason="budget")
    season = {r.number: r.driver for r in entry_list_document(demo).rows}
    assert season["7"].endswith("(withdrawn)")
    assert "7" not in {r.number for r in entry_list_document(demo, "5").rows}
