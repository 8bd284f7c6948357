"""Where the project's resources (fonts, images, icons) live on disk."""

from __future__ import annotations

from pathlib import Path

_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def font_path(file_name: str) -> Path:
    """A font file in ``resources/fonts``."""
    return _RESOURCES / "fonts" / file_name


def image_path(file_name: str) -> Path:
    """An image in ``resources/images``."""
    return _RESOURCES / "images" / file_name
