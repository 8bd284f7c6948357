"""The shipped fonts are subsets: they must still hold every letter of drivers' names."""

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from paddock.reports.assets import font_path

# Names from every script the series meets, the documents' own symbols and punctuation.
SAMPLES = (
    "Tomás Echeverría Mila Nováková Théo Marchand Ayhan Gürsel Łukasz Żyła Øystein Ærø "
    "Ştefan Ţurcanu Trần Đức Nguyễn Αλέξης Παπαδόπουλος Дмитрий Сергеевич Ñandú "
    "– — · • … ‘ ’ “ ” € ° ± × ▲ ▼ ✓ #01 1:42:08.126 +0.903"
)
FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
         "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")
# The monospaced faces print only content hashes and tyre barcodes.
MONO_FACES = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")
MONO_SAMPLES = "0123456789abcdefABCDEFGHIJKLMNOPQRSTUVWXYZ-"


def missing_glyphs(face: str, text: str) -> set[str]:
    font = TTFont(face, str(font_path(face)))
    return {c for c in text if not c.isspace() and ord(c) not in font.face.charToGlyph}


@pytest.mark.parametrize("face", FACES)
def test_every_character_of_names_and_symbols_has_a_glyph(face: str) -> None:
    assert not missing_glyphs(face, SAMPLES)


@pytest.mark.parametrize("face", MONO_FACES)
def test_hashes_and_barcodes_have_their_glyphs(face: str) -> None:
    assert not missing_glyphs(face, MONO_SAMPLES)
