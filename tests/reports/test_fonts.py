"""Fonts are read once per process, not on every render."""

from __future__ import annotations

import pytest

from paddock.reports import fonts
from paddock.reports.entry_list import render_entry_list
from tests.reports.samples import entry_list


def test_second_render_does_not_load_fonts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    render_entry_list(entry_list(size=3))

    def refuse(*_args: object) -> None:
        raise AssertionError("a font file was read again")

    monkeypatch.setattr(fonts, "TTFont", refuse)
    assert render_entry_list(entry_list(size=3)).startswith(b"%PDF")


def test_documents_module_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, paddock.reports.documents;"
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
