"""The codebase's own contracts: the layering and the lint, checked with every test run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_layers_depend_one_way() -> None:
    """rules import no Qt/SQL, only ui imports Qt, reports never touch the database."""
    done = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_ruff_clean() -> None:
    done = subprocess.run([str(BIN / "ruff"), "check", "paddock", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
