"""`entries import` listing every problem, `entries withdraw`, `demo clear`, `init --year`."""

import io
import json
import re
from pathlib import Path

import pytest

from paddock.cli import main

HEADER = (
    "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,full_season\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "p.db")
    assert run(capsys, "init", "--demo", "--db", db)[0] == 0
    return db


def test_import_lists_every_bad_row_with_its_line_and_column_and_writes_nothing(
        demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "list.csv"
    bad.write_text(HEADER
                   + "7,Ana,Reyes,1999-13-06,MEX,T,992,Pro,no,yes\n"
                   + "101,Bo,Lund,1999-01-01,SWE,T,991.2,Pro,no,yes\n"
                   + "102,Cy,Marsh,1999-01-01,U$A,T,992,Nope,no,maybe\n", encoding="utf-8")
    before = run(capsys, "entries", "list", "--json", "--db", demo)[1]
    code, out, err = run(capsys, "entries", "import", str(bad), "--db", demo)
    assert code == 1 and out == ""
    lines = err.rstrip("\n").split("\n")
    assert [re.match(rf"{re.escape(str(bad))}:([0-9]+): (\w+): ", line).groups()  # type: ignore[union-attr]
            for line in lines] == [
        ("2", "date_of_birth"), ("2", "number"), ("3", "car"), ("4", "full_season"),
        ("4", "class"), ("4", "nationality")]
    assert run(capsys, "entries", "list", "--json", "--db", demo)[1] == before


def test_withdraw_from_an_event_and_the_season_shows_in_the_list(
        demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "entries", "withdraw", "--car", "7", "--event", "5",
                       "--reason", "driver injured", "--db", demo)
    assert code == 0 and "car 7 (" in out and "withdrawn from Road America: driver injured" in out
    code, out, _ = run(capsys, "entries", "list", "--db", demo)
    assert "[Withdrawn from event 5]" in next(line for line in out.splitlines()
                                              if line.strip().startswith("7 "))
    code, _, err = run(capsys, "entries", "withdraw", "--car", "7", "--reason", " ",
                       "--db", demo)
    assert code == 1 and "needs a reason" in err
    assert run(capsys, "entries", "withdraw", "--car", "7", "--reason", "budget",
               "--db", demo)[0] == 0
    rows = json.loads(run(capsys, "entries", "list", "--json", "--db", demo)[1])["entries"]
    seven = next(r for r in rows if r["number"] == "7")
    assert seven["withdrawn"] == "budget" and seven["withdrawn_from"] == [5]
    code, _, err = run(capsys, "entries", "withdraw", "--car", "7", "--reason", "x",
                       "--db", demo)
    assert code == 1 and "already withdrawn from the season" in err


def test_demo_clear_asks_then_clears_and_refuses_a_real_season(
        demo: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _, err = run(capsys, "demo", "clear", "--db", demo)
    assert code == 1 and "nothing was changed" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _ = run(capsys, "demo", "clear", "--db", demo)
    assert code == 0 and out.startswith("demo season 2021 cleared: 32 entries")
    assert json.loads(run(capsys, "entries", "list", "--json", "--db", demo)[1]) == {
        "entries": []}
    code, _, err = run(capsys, "demo", "clear", "--yes", "--db", demo)
    assert code == 1 and "not the demo season" in err


def test_init_year_starts_an_empty_season_of_that_year(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "new.db")
    code, out, _ = run(capsys, "init", "--year", "2027", "--db", db)
    assert code == 0 and out.startswith(f"created {db} with the 2027 season")
    code, out, _ = run(capsys, "season", "--json", "--db", db)
    assert code == 0 and json.loads(out)["year"] == 2027 and json.loads(out)["events"] == []
    code, _, err = run(capsys, "init", "--year", "1999", "--db", str(tmp_path / "x.db"))
    assert code == 1 and "1999 is not a season" in err and not (tmp_path / "x.db").exists()


def test_paddock_demo_opens_the_window_on_a_demo_of_its_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[object, bool]] = []
    monkeypatch.setattr("paddock.ui.app.run",
                        lambda db=None, *, demo=False: asked.append((db, demo)) or 0)
    assert main(["--demo"]) == 0 and main([]) == 0
    assert asked == [(None, True), (None, False)]
