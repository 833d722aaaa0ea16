"""DejaVu Sans registered once per process, and text fitted to a width without wrapping."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.paths import resource_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
# Below this a thermal print stops being legible; long names still shrink past it rather than
# wrap or lose letters, because a name cut short is a wrong name.
MIN_SIZE = 4.0

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped DejaVu faces (idempotent; parsing a TTF costs ~50 ms)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = resource_dir() / "fonts"
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
        # Page streams as plain binary (Flate only) instead of ASCII85 over Flate: a fifth
        # smaller and a third faster for a month of statements. Every PDF reader takes it;
        # reportlab only defaults to ASCII85 for 7-bit mail. Reports are this process's only
        # reportlab user, so the process-wide switch is set here, once.
        rl_config.useA85 = 0
        _registered = True


_widths: dict[tuple[str, str, float], float] = {}
_WIDTHS_KEPT = 20_000


def text_width(text: str, font: str, size: float) -> float:
    """`stringWidth`, remembered: statements measure the same amounts and dates thousands of
    times, and measuring a TTF string in pure Python is a third of a month's build."""
    key = (text, font, size)
    width = _widths.get(key)
    if width is None:
        if len(_widths) >= _WIDTHS_KEPT:
            _widths.clear()
        width = _widths[key] = float(pdfmetrics.stringWidth(text, font, size))
    return width


def fit_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line."""
    natural = text_width(text, font, size)
    if natural <= width or natural == 0:
        return size
    # Round down to a tenth of a point so the fitted text never overshoots by a rounding hair.
    return max(int(size * width / natural * 10) / 10, 1.0)


def draw_fitted(
    canvas: Canvas,
    text: str,
    font: str,
    size: float,
    x: float,
    y: float,
    width: float,
    right: bool = False,
) -> None:
    """Draw `text` on one line within `width`, smaller if it must be; measured once."""
    natural = text_width(text, font, size)
    if natural > width:
        size = fit_size(text, font, size, width)
        natural = text_width(text, font, size)
    canvas.setFont(font, size)
    canvas.drawString(x + width - natural if right else x, y, text)
