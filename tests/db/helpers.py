"""Running `paddock` as a child process, as a desk would, for the fault tests."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest


def paddock(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            process: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``paddock ARGS`` as the desk runs it: exit status, stdout and stderr.

    In this process by default (``cli.main``: any exception but a refusal escapes and fails
    the test, so "no traceback" holds just the same); in a child process with ``process``
    when the test kills it or needs a process of its own.
    """
    if process:
        return subprocess.run(
            [sys.executable, "-m", "paddock", *args], capture_output=True, text=True,
            timeout=timeout, env={**os.environ, **(env or {})}, cwd=cwd)
    from paddock.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    saved_cwd = os.getcwd()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return subprocess.CompletedProcess(["paddock", *args], code, out.getvalue(),
                                       err.getvalue())


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
