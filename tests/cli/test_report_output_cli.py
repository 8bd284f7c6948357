"""`paddock report ... -o PATH` never writes over the database, its files or its backups."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import open_database
from paddock.services.results import publish


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo weekend, one publication more (so a backups folder exists)."""
    path = tmp_path_factory.mktemp("output") / "p.db"
    db = open_database(path, demo_if_new=True, demo_weekend=True)
    publish(db, event="watkins-glen", session="FP1")
    db.close()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / template.name
    shutil.copy(template, target)
    shutil.copytree(template.with_name(template.name + ".backups"),
                    target.with_name(target.name + ".backups"))
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_report_onto_the_open_database_is_refused(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(db)
    (tmp_path / "x").mkdir()
    for output in (db, tmp_path / "x" / ".." / db.name, db.with_name(db.name + "-wal")):
        code, out, err = run(capsys, "--db", str(db), "report", "classification",
                             "--event", "sebring", "--session", "R1", "-o", str(output))
        assert (code, out) == (1, "")
        assert len(err.splitlines()) == 1 and "nothing was written" in err, err
    assert digest(db) == before
    assert not db.with_name(db.name + "-wal").exists()
    # ... and the database still opens and verifies.
    assert run(capsys, "--db", str(db), "verify")[0] == 0


def test_a_report_into_the_backups_is_refused(db: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    backups = db.with_name(db.name + ".backups")
    copy = next(backups.glob("*.db"))
    before = digest(copy)
    for output in (copy, backups / "standings.pdf"):
        code, _, err = run(capsys, "--db", str(db), "report", "standings", "-o", str(output))
        assert code == 1 and "backup" in err
    assert digest(copy) == before
    assert sorted(backups.iterdir()) == [copy]


def test_a_report_onto_a_folder_is_refused(db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "report", "entry-list", "-o", str(tmp_path))
    assert code == 1 and err.strip() == f"paddock: {tmp_path}: is a folder; give the name of " \
        "the file to write"


def test_an_event_pack_into_the_backups_is_refused(db: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    backups = db.with_name(db.name + ".backups")
    before = sorted(backups.iterdir())
    for folder in (backups, backups / "sebring"):
        code, stdout, err = run(capsys, "--db", str(db), "report", "event-pack",
                                "--event", "sebring", "-o", str(folder))
        assert (code, stdout) == (1, "") and "backups folder" in err
    assert sorted(backups.iterdir()) == before


def test_an_event_pack_beside_the_database_writes_whole_files(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "report", "event-pack", "--event", "sebring",
                       "-o", str(db.parent))
    assert code == 0, err
    written = sorted(p.name for p in db.parent.glob("*.pdf"))
    assert written and all(name[:2].isdigit() and name[2] == "-" for name in written)
    assert not list(db.parent.glob(".*.part"))  # no temporary file left behind
    assert run(capsys, "--db", str(db), "verify")[0] == 0
