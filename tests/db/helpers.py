"""Running `paddock` as a child process, as a desk would, for the fault tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def paddock(*args: str, env: dict[str, str] | None = None, user: int | None = None,
            cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``paddock ARGS`` in a child process (optionally as another user)."""
    return subprocess.run(
        [sys.executable, "-m", "paddock", *args], capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})}, user=user, cwd=cwd)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_refusal(done: subprocess.CompletedProcess[str]) -> str:
    """The refusal a desk sees: exit 1, one line on stderr, no traceback."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A folder, and the function that turns it read-only for the child processes.

    As root, permissions stop nobody, so the folder is then bind-mounted read-only on
    itself (as a write-protected stick or share would be); skipped when that is not
    allowed.
    """
    folder = tmp_path / "stick"
    folder.mkdir()
    mounted = False

    def make_read_only() -> None:
        nonlocal mounted
        if os.geteuid() != 0:
            for p in folder.rglob("*"):
                p.chmod(0o444)
            folder.chmod(0o555)
            return
        for args in (["mount", "--bind", str(folder), str(folder)],
                     ["mount", "-o", "remount,ro,bind", str(folder)]):
            done = subprocess.run(args, capture_output=True, text=True)
            if done.returncode != 0:
                if mounted:
                    subprocess.run(["umount", str(folder)], capture_output=True)
                pytest.skip(f"cannot make a read-only folder as root: {done.stderr.strip()}")
            mounted = True

    try:
        yield folder, make_read_only
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)
        if os.geteuid() != 0:
            for p in [folder, *folder.rglob("*")]:
                p.chmod(0o755 if p.is_dir() else 0o644)
