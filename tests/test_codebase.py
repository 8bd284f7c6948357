"""The codebase's own contracts: the layering, the lint and the types, checked with every
test run."""

import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api

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


def test_code_type_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """mypy over paddock/ as [tool.mypy] in pyproject.toml configures it."""
    monkeypatch.chdir(ROOT)  # the configuration's paths are relative to the project
    out, err, status = mypy_api.run([])
    assert status == 0, f"mypy found type errors:\n{out}{err}"
