"""Make the shipped DejaVu fonts: the faces PDFs use, cut to the scripts names are written in.

Why: reportlab parses every glyph of a TrueType font when it registers it, and the
full DejaVu faces (about 6,000 glyphs) cost ~25 ms each in every process that prints;
these subsets (Latin, Greek, Cyrillic, punctuation, arrows and symbols the documents use)
cost ~9 ms. Run once by a developer, from the system's full fonts:

    pip install fonttools
    python resources/fonts/subset_fonts.py /usr/share/fonts/truetype/dejavu

DejaVu's licence (LICENSE-DejaVu.txt) allows modified copies under names without
"Bitstream" or "Vera".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FACES = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansCondensed",
         "DejaVuSansCondensed-Bold", "DejaVuSansMono", "DejaVuSansMono-Bold")
UNICODES = ",".join([
    "U+0000-024F",  # Basic Latin to Latin Extended-B
    "U+0259,U+02B0-02FF,U+0300-036F",  # schwa, modifier letters, combining marks
    "U+0370-03FF,U+0400-04FF",  # Greek, Cyrillic
    "U+1E00-1EFF",  # Latin Extended Additional (Vietnamese and more)
    "U+2000-206F,U+20A0-20CF,U+2100-214F",  # punctuation, currency, letterlike
    "U+2190-21FF,U+2200-22FF,U+2500-257F,U+25A0-25FF",  # arrows, maths, boxes, shapes
    "U+2600-26FF,U+2700-27BF",  # symbols, dingbats (check marks)
])


def main(source: Path) -> None:
    target = Path(__file__).parent
    for face in FACES:
        subprocess.run(
            [sys.executable, "-m", "fontTools.subset", str(source / f"{face}.ttf"),
             f"--unicodes={UNICODES}", "--layout-features=*",
             f"--output-file={target / f'{face}.ttf'}"],
            check=True,
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
