"""Draw Paddock's own artwork: a waving chequered flag mark and the wordmark.

Writes, from one geometry, the PNGs used in PDFs and the SVGs used for the app icon:
  resources/images/paddock-mark.png, paddock-mark.svg  (the mark alone, transparent)
  resources/images/paddock-mark-print.png              (the mark as PDFs embed it)
  resources/images/paddock-logo.png, paddock-logo.svg  (mark + "PADDOCK" wordmark)
  resources/icons/paddock.png (256 px), paddock.svg    (the app icon: mark on a tile)

Run from the project root: ``.venv/bin/python resources/images/make_artwork.py``.
Only the outputs are used at run time; this script is kept so the art can be redrawn.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
RESOURCES = HERE.parent
NAVY = "#14213d"
RED = "#d62828"
WHITE = "#ffffff"
BLACK = "#111111"

Point = tuple[float, float]


def flag_cells(size: float) -> list[tuple[list[Point], str]]:
    """The flag's squares as quads on a ``size`` x ``size`` canvas (y grows downwards)."""
    cols, rows = 6, 4
    x0, y0 = 0.24 * size, 0.22 * size
    width, height = 0.64 * size, 0.42 * size
    amp = 0.045 * size

    def at(u: float, v: float) -> Point:
        # The cloth waves along its length and droops a little towards the free end.
        x = x0 + u * width
        y = y0 + v * height + amp * math.sin(u * 2 * math.pi) + 0.03 * size * u
        return (x, y)

    cells = []
    for r in range(rows):
        for c in range(cols):
            u0, u1 = c / cols, (c + 1) / cols
            v0, v1 = r / rows, (r + 1) / rows
            steps = 4
            top = [at(u0 + (u1 - u0) * i / steps, v0) for i in range(steps + 1)]
            bottom = [at(u1 - (u1 - u0) * i / steps, v1) for i in range(steps + 1)]
            colour = BLACK if (r + c) % 2 == 0 else WHITE
            cells.append((top + bottom, colour))
    return cells


def pole(size: float) -> list[Point]:
    x, w = 0.20 * size, 0.045 * size
    return [(x, 0.14 * size), (x + w, 0.14 * size), (x + w, 0.88 * size), (x, 0.88 * size)]


def outline(size: float) -> list[Point]:
    """The whole cloth's outline, stroked so white squares read on a white page."""
    cells = flag_cells(size)
    cols, rows = 6, 4
    top = [p for c in range(cols) for p in cells[c][0][:5]]
    right = [cells[(r + 1) * cols - 1][0][5] for r in range(rows)]
    bottom = [p for c in reversed(range(cols)) for p in cells[(rows - 1) * cols + c][0][5:]]
    left = [cells[r * cols][0][-1] for r in reversed(range(rows))]
    return top + right + bottom + left


def draw_mark(draw: ImageDraw.ImageDraw, size: float, dx: float = 0, dy: float = 0) -> None:
    def shift(points: list[Point]) -> list[Point]:
        return [(x + dx, y + dy) for x, y in points]

    draw.polygon(shift(pole(size)), fill=RED)
    for quad, colour in flag_cells(size):
        draw.polygon(shift(quad), fill=colour)
    edge = shift(outline(size))
    draw.line([*edge, edge[0]], fill=BLACK, width=max(1, int(size * 0.012)))


def svg_mark(size: float, dx: float = 0, dy: float = 0) -> str:
    def pts(points: list[Point]) -> str:
        return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for x, y in points)

    parts = [f'<polygon points="{pts(pole(size))}" fill="{RED}"/>']
    parts += [f'<polygon points="{pts(q)}" fill="{c}"/>' for q, c in flag_cells(size)]
    parts.append(
        f'<polygon points="{pts(outline(size))}" fill="none" stroke="{BLACK}" '
        f'stroke-width="{size * 0.012:.1f}" stroke-linejoin="round"/>'
    )
    return "\n  ".join(parts)


def supersampled(width: int, height: int, paint, background=(0, 0, 0, 0)) -> Image.Image:
    scale = 4
    big = Image.new("RGBA", (width * scale, height * scale), background)
    paint(ImageDraw.Draw(big), scale)
    return big.resize((width, height), Image.LANCZOS)


def main() -> None:
    images, icons = RESOURCES / "images", RESOURCES / "icons"
    font_file = RESOURCES / "fonts" / "DejaVuSans-Bold.ttf"

    # The mark alone.
    mark = supersampled(512, 512, lambda d, s: draw_mark(d, 512 * s))
    mark.save(images / "paddock-mark.png", optimize=True)
    # The letterhead copy: 44 pt wide at 300 dpi, flat on white. Small and without alpha,
    # it costs a render ~1 ms to embed instead of ~20 ms for the large transparent one.
    flat = Image.new("RGB", mark.size, "white")
    flat.paste(mark, mask=mark)
    flat.resize((184, 184), Image.LANCZOS).save(images / "paddock-mark-print.png", optimize=True)
    (images / "paddock-mark.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">\n'
        f"  {svg_mark(512)}\n</svg>\n"
    )

    # The app icon: the mark on a rounded navy tile with a white plate behind the cloth.
    def icon(d: ImageDraw.ImageDraw, s: int) -> None:
        n = 256 * s
        d.rounded_rectangle((0, 0, n - 1, n - 1), radius=int(n * 0.18), fill=NAVY)
        d.rounded_rectangle(
            (n * 0.08, n * 0.08, n * 0.92, n * 0.92), radius=int(n * 0.12), fill="#e9edf3"
        )
        draw_mark(d, n)

    supersampled(256, 256, icon).save(icons / "paddock.png", optimize=True)
    (icons / "paddock.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256">\n'
        f'  <rect width="256" height="256" rx="46" fill="{NAVY}"/>\n'
        '  <rect x="20.5" y="20.5" width="215" height="215" rx="31" fill="#e9edf3"/>\n'
        f"  {svg_mark(256)}\n"
        "</svg>\n"
    )

    # The logo for document letterheads: mark + wordmark, on transparent ground.
    text_width = ImageFont.truetype(str(font_file), 130).getlength("PADDOCK")
    width = int(300 + text_width + 24)

    def logo(d: ImageDraw.ImageDraw, s: int) -> None:
        draw_mark(d, 300 * s)
        font = ImageFont.truetype(str(font_file), 130 * s)
        d.text((300 * s, 86 * s), "PADDOCK", font=font, fill=NAVY)
        d.rectangle((304 * s, 232 * s, (300 + text_width) * s, 244 * s), fill=RED)

    supersampled(width, 300, logo).save(images / "paddock-logo.png", optimize=True)
    (images / "paddock-logo.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 300" '
        f'width="{width}" height="300">\n'
        f"  {svg_mark(300)}\n"
        f'  <text x="300" y="210" font-family="DejaVu Sans, Verdana, sans-serif" '
        f'font-weight="bold" font-size="130" fill="{NAVY}">PADDOCK</text>\n'
        f'  <rect x="304" y="232" width="{text_width - 4:.0f}" height="12" fill="{RED}"/>\n'
        "</svg>\n"
    )


if __name__ == "__main__":
    main()
