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
