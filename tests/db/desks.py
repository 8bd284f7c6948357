"""Run `paddock` commands in several real processes released at the same instant.

Each child imports everything first, says it is ready, and waits for the starting gun
(a file), so the commands really race: the test is about two desks, not two imports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

_CHILD = r"""
import os, sys, time
import paddock.cli, paddock.services.tyres, paddock.services.database  # warm imports
ready, go = sys.argv[1], sys.argv[2]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.0005)
sys.exit(paddock.cli.main(sys.argv[3:]))
"""


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def race(folder: Path, commands: list[list[str]], *, env: dict[str, str] | None = None,
         timeout: float = 60) -> list[Outcome]:
    """Start one process per command, release them together, return their outcomes."""
    go = folder / "go"
    procs = []
    readies = []
    for n, argv in enumerate(commands):
        ready = folder / f"ready-{n}"
        readies.append(ready)
        procs.append(subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(ready), str(go), *argv],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})}))
    deadline = time.monotonic() + timeout
    while not all(r.exists() for r in readies):
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            for p in procs:
                p.kill()
            raise AssertionError([p.communicate() for p in procs])
        time.sleep(0.005)
    go.touch()
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        outcomes.append(Outcome(p.returncode, out, err))
    go.unlink()
    for r in readies:
        r.unlink()
    return outcomes
