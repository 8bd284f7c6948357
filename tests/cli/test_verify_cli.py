"""`paddock verify`: a hand edit of the official record, or a broken backup, is named."""

from __future__ import annotations

import json
import shutil
import sqlite3
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
    """The demo weekend (7 official revisions) and one more publication, with its backup."""
    path = tmp_path_factory.mktemp("verify") / "p.db"
    db = open_database(path, demo_if_new=True, demo_weekend=True)
    publish(db, event="watkins-glen", session="FP1")
    db.close()
    return path


def copy_of(template: Path, folder: Path) -> Path:
    """A private copy of the database and its backups folder, for a test to spoil."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / template.name
    shutil.copy(template, target)
    shutil.copytree(template.with_name(template.name + ".backups"),
                    target.with_name(target.name + ".backups"))
    return target


def sql(path: Path, statement: str) -> None:
    """A hand edit, as someone with the sqlite3 shell would make it."""
    con = sqlite3.connect(path)
    try:
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def test_a_clean_database_verifies(template: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert (code, err) == (0, "")
    assert out == "verified: 8 revisions, 1 backup, integrity ok\n"


def recorded_hash(path: Path, event: str, session: str, revision: int) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute(
            "SELECT r.content_hash FROM classification_revision r JOIN session s "
            "ON s.id = r.session_id JOIN event e ON e.id = s.event_id "
            "WHERE e.short_name = ? AND s.code = ? AND r.revision = ?",
            (event, session, revision)).fetchone()[0])
    finally:
        con.close()


def test_an_edited_payload_is_named(template: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    published = recorded_hash(db, "ctmp", "R1", 2)
    # Someone "fixes" the lap counts of CTMP race 1, revision 2, in the stored text.
    sql(db, "UPDATE classification_revision SET payload = replace(payload, '\"laps\": ', "
            "'\"laps\": 1') WHERE revision = 2 AND session_id = (SELECT s.id FROM session s "
            "JOIN event e ON e.id = s.event_id WHERE e.short_name = 'ctmp' AND s.code = 'R1')")
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("paddock verify: ctmp R1 revision 2: altered outside Paddock "
                               "(hash ")
    assert lines[0].endswith(f", published as {published})")
    assert f"(hash {published}," not in lines[0]
    assert "1 problem(s)" in lines[1]


def test_an_edited_hash_is_named_with_both_hashes(template: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    stored = recorded_hash(db, "sebring", "R1", 1)
    sql(db, f"UPDATE classification_revision SET content_hash = '000000000000' "
            f"WHERE content_hash = '{stored}'")
    code, _, err = run(capsys, "verify", "--db", str(db))
    assert code == 1
    assert (f"sebring R1 revision 1: altered outside Paddock (hash {stored}, published as "
            "000000000000)") in err


def test_a_corrupt_backup_is_named(template: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    folder = db.with_name(db.name + ".backups")
    backup = next(folder.glob("*.db"))
    data = bytearray(backup.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the first overwritten
    backup.write_bytes(bytes(data))
    (folder / "p-copied-by-hand.db").write_bytes(b"not a database at all")
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert code == 1 and out == ""
    assert f"backup {backup.name}: " in err
    assert "backup p-copied-by-hand.db: unreadable (file is not a database)" in err
    assert "revision" not in err.split("problem(s)")[0]  # the revisions themselves are fine
    # Looking never writes: no -wal or -shm files appear beside the backups.
    assert sorted(p.suffix for p in folder.iterdir()) == [".db", ".db"]


def test_an_edited_revision_inside_a_backup_is_named(
        template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    backup = next(db.with_name(db.name + ".backups").glob("*.db"))
    published = recorded_hash(backup, "sebring", "R2", 1)
    sql(backup, "UPDATE classification_revision SET payload = replace(payload, 'Pro-Am', "
                "'Pro') WHERE session_id = (SELECT s.id FROM session s JOIN event e "
                "ON e.id = s.event_id WHERE e.short_name = 'sebring' AND s.code = 'R2')")
    code, _, err = run(capsys, "verify", "--db", str(db))
    assert code == 1
    problem = err.splitlines()[0]
    assert problem.startswith(f"paddock verify: backup {backup.name}: sebring R2 revision 1: "
                              "altered outside Paddock")
    assert problem.endswith(f"published as {published})")
    assert len(err.splitlines()) == 2  # the database itself is fine


def test_a_backup_of_another_program_is_named(template: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    sql(db.with_name(db.name + ".backups") / "p-other.db", "CREATE TABLE t (x)")
    code, _, err = run(capsys, "verify", "--db", str(db))
    assert code == 1 and "backup p-other.db: not a Paddock database" in err


def test_a_folder_name_with_uri_characters_is_read_right(
        template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path / "weekend #2 ?final 100%")
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert (code, err) == (0, "")
    assert "1 backup," in out


def test_a_row_pointing_at_nothing_fails_the_integrity_check(
        template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    sql(db, "UPDATE classification_revision SET session_id = 9999 WHERE id = 1")
    code, out, err = run(capsys, "verify", "--db", str(db), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["revisions"] == 8 and report["backups"] == 1
    assert "integrity_check: classification_revision row 1 points at a missing session" \
        in report["problems"]
    assert err.count("paddock verify:") == len(report["problems"]) + 1


def test_json_of_a_clean_database(template: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_of(template, tmp_path)
    code, out, err = run(capsys, "--db", str(db), "verify", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"ok": True, "revisions": 8, "backups": 1,
                               "integrity_checked": True, "problems": []}


def test_a_missing_database_is_not_created(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run(capsys, "verify", "--db", str(missing))
    assert code == 1 and "no database at" in err
    assert not missing.exists()
