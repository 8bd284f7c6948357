"""Test configuration shared by every test package.

Qt needs a platform before the first QApplication: without a display it would abort the
whole pytest process, so the offscreen platform is set here, before pytest-qt starts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the user's real database.
os.environ.pop("PADDOCK_DB", None)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def imsa_data() -> Path:
    """The folder of real Al Kamel exports beside the project; skip when it is absent."""
    folder = SHARED_DATA / "imsa"
    if not folder.is_dir():
        pytest.skip(f"real timing files not present at {folder}")
    return folder
