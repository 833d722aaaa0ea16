"""DejaVu Sans registered once per process, and text fitted to a width without wrapping."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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
        _registered = True


def text_width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def fit_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line."""
    natural = text_width(text, font, size)
    if natural <= width or natural == 0:
        return size
    # Round down to a tenth of a point so the fitted text never overshoots by a rounding hair.
    return max(int(size * width / natural * 10) / 10, 1.0)
