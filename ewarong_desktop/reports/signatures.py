"""The monthly report's signature block (TKSK on the left, the ketua on the right), drawn on a
canvas so the report and the roster put the same two signing places where pens go."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.reports.data import WarongInfo
from ewarong_desktop.reports.fonts import FONT, FONT_BOLD
from ewarong_desktop.reports.labels import t

HEIGHT = 40 * mm
BODY = 9.0


def draw_signatures(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    *,
    warong: WarongInfo,
    printed_on: date,
    ketua: str,
    tksk: str,
    lang: str,
) -> None:
    """The block with its bottom-left corner at (`x`, `y`), `HEIGHT` tall."""
    place = warong.desa or warong.name
    half = width / 2
    columns = (
        (x + half / 2, t("signatures", lang) + ",", t("tksk", lang), tksk),
        (x + half + half / 2, f"{place}, {format_date(printed_on, lang)}", t("ketua", lang), ketua),
    )
    for centre, first_line, role, name in columns:
        canvas.setFont(FONT, BODY)
        canvas.drawCentredString(centre, y + HEIGHT - 10, first_line)
        canvas.drawCentredString(centre, y + HEIGHT - 22, role)
        canvas.setLineWidth(0.6)
        canvas.line(centre - 75, y + 16, centre + 75, y + 16)
        if name:
            canvas.setFont(FONT_BOLD, BODY)
            canvas.drawCentredString(centre, y + 20, name)
