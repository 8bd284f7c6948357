"""`paddock copy`: a whole database from a file to a server and back, never merging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import init_database, open_database
from paddock.services.results import session_results
from paddock.services.tyres import event_tyres, register_tyres


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _state(db_target: str) -> tuple[object, ...]:
    with open_database(db_target, create=False) as db:
        r1 = session_results(db, event="ctmp", session="R1")
        return (r1.revision, [(r.row.number, r.row.penalty_ms) for r in r1.rows],
                sorted(t.barcode for t in event_tyres(db, "2").tyres))


def test_a_file_to_a_server_and_back(tmp_path: Path, postgres_url: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    laptop = str(tmp_path / "laptop.db")
    init_database(laptop, demo_weekend=True)
    code, out, err = run(capsys, "copy", "--from", laptop, "--to", postgres_url, "--json")
    assert code == 0, err
    there = json.loads(out)
    assert there["total_rows"] > 1000 and there["revisions_verified"] >= 2
    assert _state(postgres_url) == _state(laptop)
    assert run(capsys, "verify", "--db", postgres_url)[0] == 0

    # The server's ids go on after the copied ones: new rows can be written.
    with open_database(postgres_url, create=False) as db:
        register_tyres(db, event="3", car="7", barcodes=["NEW00001"])

    home = tmp_path / "home.db"
    code, out, err = run(capsys, "copy", "--from", postgres_url, "--to", str(home))
    assert code == 0 and out.startswith("copied "), err
    assert _state(str(home)) == _state(laptop)
    assert run(capsys, "verify", "--db", str(home))[0] == 0
    with open_database(str(home), create=False) as db:
        assert "NEW00001" in {t.barcode for t in event_tyres(db, "3").tyres}
    rows_back = json.loads(run(capsys, "copy", "--from", str(home), "--to",
                               str(tmp_path / "again.db"), "--json")[1])["rows"]
    assert rows_back["tyre"] == there["rows"]["tyre"] + 1

    # Never merges: an existing file, a server database with rows.
    code, _, err = run(capsys, "copy", "--from", laptop, "--to", str(home))
    assert code == 1 and "already exists" in err and "never merges" in err
    code, _, err = run(capsys, "copy", "--from", laptop, "--to", postgres_url)
    assert code == 1 and "is not empty" in err and "nothing was copied" in err
    assert _state(postgres_url)[2] == _state(str(home))[2]


def test_a_missing_source_is_refused_and_nothing_appears(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "copy", "--from", str(tmp_path / "none.db"), "--to",
                       str(tmp_path / "new.db"))
    assert code == 1 and "no database at" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_file_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(init_database(tmp_path / "a.db", demo=True))
    code, out, err = run(capsys, "copy", "--from", source, "--to", str(tmp_path / "b.db"))
    assert code == 0 and "0 official revisions verified" in out, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "b.db"]
