"""The window's own artwork ships in resources/ and is found wherever the theme module sits."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from paddock.ui.common import theme


def test_the_shipped_icon_is_found(qapp: QApplication) -> None:
    icon = theme.app_icon()
    assert icon is not None, f"no icon in {theme.ICON_DIR}"
    assert not icon.isNull()
