"""A new database appears whole or not at all (first start, `init --demo-weekend`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.db.helpers import paddock


def test_init_killed_part_way_leaves_no_half_filled_file(tmp_path: Path) -> None:
    path = tmp_path / "paddock.db"
    child = subprocess.Popen([sys.executable, "-m", "paddock", "--db", str(path), "init",
                              "--demo-weekend"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    # Wait until the weekends are being written (the file being built has grown), then kill.
    while time.monotonic() < deadline:
        building = [p for p in tmp_path.iterdir() if ".building-" in p.name
                    and not p.name.endswith(("-wal", "-shm"))]
        wal = [p for p in tmp_path.iterdir() if p.name.endswith("-wal")]
        if building and wal and wal[0].stat().st_size > 400_000:
            break
        assert child.poll() is None, child.communicate()
        time.sleep(0.01)
    child.kill()
    child.wait()
    assert not path.exists()
    # The next attempt neither refuses nor trips over the leftovers; they are cleared.
    done = paddock("--db", str(path), "init", "--demo")
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(tmp_path)) == ["paddock.db"]
    assert paddock("--db", str(path), "entries", "list").returncode == 0


def test_init_force_keeps_the_old_file_whole_beside_the_new(tmp_path: Path) -> None:
    path = tmp_path / "paddock.db"
    assert paddock("--db", str(path), "init", "--demo").returncode == 0
    assert paddock("--db", str(path), "tyres", "register", "--event", "1", "--car", "7",
                   "MX000001").returncode == 0
    assert paddock("--db", str(path), "init", "--force").returncode == 0
    (old,) = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    listing = paddock("--db", str(old), "tyres", "list", "--event", "1", "--json")
    assert '"MX000001"' in listing.stdout
    assert paddock("--db", str(path), "entries", "list").stderr.strip() == "0 entries"


def test_init_force_is_refused_while_a_desk_has_the_database_in_use(tmp_path: Path) -> None:
    """Its unfolded journal would be replayed onto the new file: refuse, change nothing."""
    import sqlite3

    from tests.db.helpers import one_line_refusal

    path = tmp_path / "paddock.db"
    assert paddock("--db", str(path), "init", "--demo").returncode == 0
    desk = sqlite3.connect(path, isolation_level=None)
    desk.execute("PRAGMA journal_mode = WAL")
    desk.execute("PRAGMA wal_autocheckpoint = 0")
    desk.execute("UPDATE season SET name = name || ' (desk)'")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entry").fetchone()  # holds the log in place
    try:
        line = one_line_refusal(paddock("--db", str(path), "init", "--force"))
    finally:
        reader.execute("ROLLBACK")
        reader.close()
        desk.close()
    assert "is in use by another Paddock" in line
    assert not [p for p in tmp_path.iterdir() if ".replaced-" in p.name or ".building-" in p.name]
    assert "(desk)" in paddock("--db", str(path), "season").stdout
