"""The file given is the file used, and a file that cannot be a database is refused whole.

Each case runs `paddock` in a child process and checks what the user sees (one line,
exit 1, no traceback) and that no file was changed or created on the way.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.db.helpers import (
    digest,
    one_line_refusal,
    paddock,
    read_only_folder,
)


@pytest.mark.parametrize("name", ["a#b.db", "a?mode=memory.db", "a%20b.db", "[x]*.db"])
def test_a_path_is_taken_literally(tmp_path: Path, name: str) -> None:
    """'#' and '?' are characters of the name, never URI syntax pointing at another file."""
    foreign = tmp_path / "a"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = digest(foreign)
    path = tmp_path / name
    assert paddock("--db", str(path), "init", "--demo").returncode == 0
    assert paddock("--db", str(path), "tyres", "register", "--event", "1", "--car", "7",
                   "MX100001").returncode == 0
    listed = json.loads(paddock("--db", str(path), "entries", "list", "--json").stdout)
    assert len(listed["entries"]) == 32
    assert digest(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a", name])


def test_a_foreign_file_named_by_a_hash_path_is_never_touched(tmp_path: Path) -> None:
    foreign = tmp_path / "other"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = digest(foreign)
    line = one_line_refusal(paddock("--db", str(foreign), "season"))
    assert "not a Paddock database" in line
    assert paddock("--db", str(tmp_path / "other#x"), "season").returncode == 0
    assert digest(foreign) == before


@pytest.mark.parametrize("url", ["postgresql+psycopg://desk@nosuchhost.invalid/paddock",
                                 "postgresql://desk:secret@nosuchhost.invalid:5432/paddock"])
def test_a_server_url_is_never_taken_for_a_file_name(tmp_path: Path, url: str) -> None:
    done = paddock("season", env={"PADDOCK_DB": url}, cwd=tmp_path)
    line = one_line_refusal(done)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        assert "PostgreSQL support is not installed" in line
    else:
        assert "cannot reach the database server" in line
    assert "secret" not in line
    assert list(tmp_path.iterdir()) == []


def test_a_url_of_another_kind_is_refused(tmp_path: Path) -> None:
    line = one_line_refusal(paddock("--db", "mysql://desk@server/paddock", "season",
                                    cwd=tmp_path))
    assert "file or a PostgreSQL server" in line
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_refused_not_adopted(tmp_path: Path) -> None:
    path = tmp_path / "paddock.db"
    path.touch()
    line = one_line_refusal(paddock("--db", str(path), "season"))
    assert line == (f"paddock: {path} is empty: it is not a Paddock database. Use `paddock "
                    "init --force` to make a new database there, or remove the file")
    assert path.stat().st_size == 0
    assert "an empty file already exists" in one_line_refusal(
        paddock("--db", str(path), "init"))
    assert paddock("--db", str(path), "init", "--force").returncode == 0
    assert paddock("--db", str(path), "season").returncode == 0


def test_a_pipe_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    path = tmp_path / "paddock.db"
    os.mkfifo(path)
    assert "not a regular file" in one_line_refusal(paddock("--db", str(path), "season",
                                                            timeout=20))
    assert "not a regular file" in one_line_refusal(
        paddock("--db", str(path), "init", "--force", timeout=20))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "is a folder" in one_line_refusal(paddock("--db", str(tmp_path), "season"))


def test_a_read_only_database_can_be_read_but_not_changed(tmp_path: Path) -> None:
    with read_only_folder(tmp_path) as (folder, make_read_only):
        path = folder / "paddock.db"
        assert paddock("--db", str(path), "init", "--demo").returncode == 0
        # Opened once for writing: the file is in WAL mode, which needs a -shm to read.
        assert paddock("--db", str(path), "season").returncode == 0
        make_read_only()
        before = digest(path)
        listed = paddock("--db", str(path), "entries", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)["entries"]) == 32
        assert paddock("--db", str(path), "tyres", "list", "--event", "1").returncode == 0
        line = one_line_refusal(paddock("--db", str(path), "tyres", "register", "--event",
                                        "1", "--car", "7", "MX100001"))
        assert line == f"paddock: {path} is read-only; nothing was written"
        assert digest(path) == before
        assert sorted(p.name for p in folder.iterdir()) == ["paddock.db"]
