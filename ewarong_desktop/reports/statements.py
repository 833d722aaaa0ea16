"""Kuitansi bulanan: one A4 page per KPM for a month, the whole month in one PDF; or two to an
A4 sheet, each page set on an A5 half with a cut line between them (half the paper).

Built for a thousand KPMs in one go: drawn straight on the canvas, with everything that is
the same on every page (titles, table header, the acknowledgement and the signature block)
drawn once as a PDF form and stamped on each page. Every cell is fitted to its column at
one line, so a name or an amount is never wrapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.domain.identity import mask_number
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_date, format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.reports.data import KpmStatement, StatementItem, StatementsData
from ewarong_desktop.reports.fonts import (
    FONT,
    FONT_BOLD,
    draw_fitted,
    register_fonts,
    text_width,
)
from ewarong_desktop.reports.labels import t
from ewarong_desktop.reports.output import Output, as_target

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
WIDTH = PAGE_W - 2 * MARGIN
ROW_H = 15.0
BODY = 9.0
_SHADE = Color(0.9, 0.9, 0.9)

# Table columns: (label key, width, right-aligned). "item" takes what the others leave.
_FIXED = (("no", 22.0, True), ("date", 82.0, False))
_TAIL = (
    ("quantity", 58.0, True),
    ("unit_price", 70.0, True),
    ("line_total", 70.0, True),
    ("receipt_code", 88.0, False),
)
_ITEM_W = WIDTH - sum(w for _, w, _ in _FIXED) - sum(w for _, w, _ in _TAIL)
COLUMNS = (*_FIXED, ("item", _ITEM_W, False), *_TAIL)

INFO_Y = PAGE_H - MARGIN - 48  # the e-warong line; the KPM's lines sit under it
TABLE_TOP = PAGE_H - MARGIN - 118  # first row's top on a KPM's first page
CONT_TABLE_TOP = PAGE_H - MARGIN - 62  # on a continuation page
SIGN_BLOCK_H = 66 * mm  # totals, acknowledgement, signatures, above the footer
FOOTER_Y = MARGIN - 4


def rows_per_page(first: bool, last: bool) -> int:
    top = TABLE_TOP if first else CONT_TABLE_TOP
    bottom = MARGIN + (SIGN_BLOCK_H if last else 10)
    return int((top - ROW_H - bottom) // ROW_H)  # minus the header row


def _pages_for(count: int) -> list[tuple[int, int]]:
    """Slices of a KPM's items per page; the last page keeps room for the signature block."""
    if count <= rows_per_page(True, True):
        return [(0, count)]
    slices = []
    start, first = 0, True
    while count - start > rows_per_page(first, True):
        step = rows_per_page(first, False)
        # Leave at least one row for the signed last page, so it never stands alone.
        step = min(step, count - start - 1)
        slices.append((start, start + step))
        start, first = start + step, False
    slices.append((start, count))
    return slices


def sort_statements(statements: Sequence[KpmStatement]) -> list[KpmStatement]:
    """By desa, then name, case-insensitively: the order KPMs are called up in a village."""
    return sorted(
        statements, key=lambda s: (s.desa.casefold(), s.kpm_name.casefold(), s.kks_number)
    )


# Where the KPM's details start: label columns; each value follows its label, measured.
_KPM_LABELS = (("kks", 0.0), ("nik", 0.36), ("desa", 0.70))


@dataclass(frozen=True)
class _Layout:
    lang: str
    data: StatementsData
    month: str
    name_x: float  # the KPM's name, after the "Nama KPM" label
    value_x: tuple[float, float, float]  # KKS, NIK, desa values

    @classmethod
    def of(cls, data: StatementsData, lang: str) -> _Layout:
        def after(key: str, start: float) -> float:
            return start + text_width(t(key, lang), FONT, BODY) + 8

        values = tuple(after(key, MARGIN + WIDTH * share) for key, share in _KPM_LABELS)
        return cls(
            lang,
            data,
            format_month(data.period, lang),
            max(MARGIN + 70, after("kpm_name", MARGIN)),
            (values[0], values[1], values[2]),
        )


def _table_header(canvas: Canvas, top: float, lang: str) -> None:
    canvas.setFillColor(_SHADE)
    canvas.rect(MARGIN, top - ROW_H, WIDTH, ROW_H, stroke=0, fill=1)
    canvas.setFillColor(black)
    x = MARGIN
    for key, width, right in COLUMNS:
        draw_fitted(
            canvas, t(key, lang), FONT_BOLD, BODY - 0.5, x + 3, top - ROW_H + 4.5, width - 6, right
        )
        x += width
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, top - ROW_H, MARGIN + WIDTH, top - ROW_H)


def _draw_first_form(canvas: Canvas, layout: _Layout) -> None:
    """What every KPM's first page shares: title, e-warong, labels, table header."""
    lang, data = layout.lang, layout.data
    canvas.beginForm("first", 0, 0, PAGE_W, PAGE_H)  # A4, also on a landscape sheet
    y = PAGE_H - MARGIN - 14
    canvas.setFont(FONT_BOLD, 14)
    canvas.drawCentredString(PAGE_W / 2, y, t("statement_title", lang))
    y -= 16
    canvas.setFont(FONT, 11)
    canvas.drawCentredString(
        PAGE_W / 2, y, f"{t('period', lang)}: {format_month(data.period, lang)}"
    )
    y = INFO_Y
    warong = data.warong
    place = f" — {warong.place()}" if warong.place() else ""
    draw_fitted(
        canvas,
        f"{t('ewarong', lang)}: {warong.name} ({warong.code}){place}",
        FONT,
        BODY,
        MARGIN,
        y,
        WIDTH,
    )
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, y - 6, MARGIN + WIDTH, y - 6)
    canvas.setFont(FONT, BODY)
    canvas.drawString(MARGIN, y - 24, t("kpm_name", lang))
    for key, share in _KPM_LABELS:
        canvas.drawString(MARGIN + WIDTH * share, y - 44, t(key, lang))
    _table_header(canvas, TABLE_TOP, lang)
    canvas.endForm()


def _draw_cont_form(canvas: Canvas, layout: _Layout) -> None:
    lang, data = layout.lang, layout.data
    canvas.beginForm("cont", 0, 0, PAGE_W, PAGE_H)  # A4, also on a landscape sheet
    y = PAGE_H - MARGIN - 12
    draw_fitted(
        canvas,
        f"{t('statement_title', lang)} — {format_month(data.period, lang)}",
        FONT_BOLD,
        11,
        MARGIN,
        y,
        WIDTH,
    )
    _table_header(canvas, CONT_TABLE_TOP, lang)
    canvas.endForm()


def _draw_sign_form(canvas: Canvas, layout: _Layout) -> None:
    """Acknowledgement and signature block; the KPM's name is written under it per page."""
    lang = layout.lang
    canvas.beginForm("sign", 0, 0, PAGE_W, PAGE_H)  # A4, also on a landscape sheet
    top = MARGIN + SIGN_BLOCK_H - 62
    canvas.setFont(FONT, BODY)
    canvas.drawString(MARGIN, top, t("acknowledge", lang))
    y = top - 22
    half = WIDTH / 2
    canvas.drawCentredString(MARGIN + half / 2, y, t("for_ewarong", lang))
    canvas.drawCentredString(MARGIN + half + half / 2, y, t("kpm_signature", lang))
    line_y = MARGIN + 22
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN + 30, line_y, MARGIN + half - 30, line_y)
    # Signature line on the left of the KPM's half, thumbprint box on the right.
    box = 24 * mm
    box_x = MARGIN + WIDTH - box - 6
    canvas.line(MARGIN + half + 20, line_y, box_x - 14, line_y)
    canvas.setDash(2, 2)
    canvas.rect(box_x, line_y - 4, box, box * 1.15, stroke=1, fill=0)
    canvas.setDash()
    canvas.setFont(FONT, BODY - 2)
    canvas.drawCentredString(box_x + box / 2, line_y - 12, t("thumb", lang))
    canvas.endForm()


def _draw_rows(
    canvas: Canvas, items: Sequence[StatementItem], first_no: int, top: float, lang: str
) -> float:
    y = top - ROW_H
    canvas.setLineWidth(0.3)
    for offset, item in enumerate(items):
        base = y - ROW_H + 4.5
        cells = (
            str(first_no + offset),
            format_date(item.day, lang),
            item.product,
            format_quantity(item.quantity, item.unit, lang),
            format_rupiah(item.unit_price),
            format_rupiah(item.total),
            item.receipt_code,
        )
        x = MARGIN
        for (_key, width, right), text in zip(COLUMNS, cells, strict=True):
            draw_fitted(canvas, text, FONT, BODY, x + 3, base, width - 6, right)
            x += width
        y -= ROW_H
        canvas.line(MARGIN, y, MARGIN + WIDTH, y)
    return y


def _draw_totals(
    canvas: Canvas, statement: KpmStatement, top: float, month: str, lang: str
) -> None:
    """Entitlement, received, remaining, right under the table's Total column."""
    label_x = MARGIN + WIDTH - 88 - 70 - 150
    amount_x = MARGIN + WIDTH - 88 - 70
    rows = (
        (t("entitlement_of", lang, month=month), statement.entitlement, False),
        (t("received", lang), statement.received, False),
        (t("remaining", lang), statement.remaining, True),
    )
    y = top - 14
    for label, amount, bold in rows:
        font = FONT_BOLD if bold else FONT
        draw_fitted(canvas, label, font, BODY, label_x, y, 146)
        draw_fitted(canvas, format_rupiah(amount), font, BODY, amount_x, y, 67, right=True)
        y -= 13


class _Sheets:
    """Where each statement page goes: a whole A4 sheet, or an A5 half of a landscape one.

    Two to a sheet, every page is drawn exactly as on A4, cropped to its printed area and
    scaled into its half, so both layouts hold the same text in the same places.
    """

    # The A4 page's printed area: the margins, less the footer that sits in the bottom one.
    CROP_X, CROP_Y = MARGIN - 2, FOOTER_Y - 4
    CROP_W, CROP_H = WIDTH + 4, PAGE_H - MARGIN + 2 - CROP_Y
    HALF_MARGIN = 6 * mm

    def __init__(self, canvas: Canvas, per_sheet: int, lang: str) -> None:
        self.canvas, self.per_sheet, self.lang, self.half = canvas, per_sheet, lang, 0
        sheet_w, sheet_h = landscape(A4)
        room_w, room_h = sheet_w / 2 - 2 * self.HALF_MARGIN, sheet_h - 2 * self.HALF_MARGIN
        self.scale = min(room_w / self.CROP_W, room_h / self.CROP_H)
        self.offset_x = (sheet_w / 2 - self.CROP_W * self.scale) / 2
        self.offset_y = (sheet_h - self.CROP_H * self.scale) / 2
        self.sheets = 0

    @staticmethod
    def size(per_sheet: int) -> tuple[float, float]:
        return landscape(A4) if per_sheet == 2 else A4

    def begin_page(self) -> None:
        if self.per_sheet == 1:
            return
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(self.half * landscape(A4)[0] / 2 + self.offset_x, self.offset_y)
        canvas.scale(self.scale, self.scale)
        canvas.translate(-self.CROP_X, -self.CROP_Y)

    def end_page(self) -> None:
        if self.per_sheet == 1:
            self.canvas.showPage()
            self.sheets += 1
            return
        self.canvas.restoreState()
        self.half += 1
        if self.half == 2:
            self.end_sheet()

    def end_sheet(self) -> None:
        """Close a sheet (also one with only its left half used): cut line, then the page."""
        if self.per_sheet == 2 and self.half:
            canvas = self.canvas
            sheet_w, sheet_h = landscape(A4)
            canvas.saveState()
            canvas.setLineWidth(0.4)
            canvas.setDash(4, 3)
            canvas.line(sheet_w / 2, 4 * mm, sheet_w / 2, sheet_h - 4 * mm)
            canvas.setDash()
            canvas.setFont(FONT, 6)
            canvas.translate(sheet_w / 2 - 2, sheet_h / 2)
            canvas.rotate(90)
            canvas.drawCentredString(0, 0, f"✂ {t('cut_here', self.lang)}")
            canvas.restoreState()
            canvas.showPage()
            self.sheets += 1
            self.half = 0


def _draw_statement(
    canvas: Canvas,
    statement: KpmStatement,
    layout: _Layout,
    page_no: int,
    pages_total: int,
    sheets: _Sheets,
) -> int:
    lang, data = layout.lang, layout.data
    slices = _pages_for(len(statement.items))
    footer_left = t("printed", lang, date=format_date(data.printed_on, lang))
    for index, (start, end) in enumerate(slices):
        first, last = index == 0, index == len(slices) - 1
        sheets.begin_page()
        if first:
            canvas.doForm("first")
            y = INFO_Y
            name_x = layout.name_x
            shown = statement.kpm_name
            if not statement.listed:
                shown += f" ({t('unlisted', lang)})"
            draw_fitted(canvas, shown, FONT_BOLD, 12, name_x, y - 24, MARGIN + WIDTH - name_x)
            kks_x, nik_x, desa_x = layout.value_x
            canvas.setFont(FONT, BODY)
            canvas.drawString(kks_x, y - 44, mask_number(statement.kks_number))
            canvas.drawString(nik_x, y - 44, mask_number(statement.nik))
            draw_fitted(canvas, statement.desa, FONT, BODY, desa_x, y - 44, MARGIN + WIDTH - desa_x)
            top = TABLE_TOP
        else:
            canvas.doForm("cont")
            draw_fitted(
                canvas,
                f"{statement.kpm_name} {t('continued', lang)}",
                FONT_BOLD,
                BODY,
                MARGIN,
                PAGE_H - MARGIN - 34,
                WIDTH,
            )
            top = CONT_TABLE_TOP
        items = statement.items[start:end]
        bottom = _draw_rows(canvas, items, start + 1, top, lang)
        if not statement.items:
            canvas.setFont(FONT, BODY)
            canvas.drawString(MARGIN + 3, top - 2 * ROW_H + 4, t("nothing_received", lang))
            bottom = top - 2 * ROW_H
        if last:
            _draw_totals(canvas, statement, bottom, layout.month, lang)
            canvas.doForm("sign")
            draw_fitted(
                canvas,
                statement.kpm_name,
                FONT,
                BODY - 0.5,
                MARGIN + WIDTH / 2 + 20,
                MARGIN + 12,
                WIDTH / 2 - 24 * mm - 40,
            )
        canvas.setFont(FONT, BODY - 2)
        canvas.drawString(MARGIN, FOOTER_Y, f"{footer_left} · {data.warong.code}")
        canvas.drawRightString(
            MARGIN + WIDTH, FOOTER_Y, t("page_of", lang, page=page_no, pages=pages_total)
        )
        sheets.end_page()
        page_no += 1
    return page_no


def count_pages(data: StatementsData) -> int:
    return sum(len(_pages_for(len(s.items))) for s in data.statements)


PER_SHEET = (1, 2)


def write_statements(
    data: StatementsData, out: Output, *, lang: str = "id", per_sheet: int = 1
) -> int:
    """Write the month's statements, sorted by desa then name, one page per A4 sheet or two
    (`per_sheet` = 2, A5 halves); returns the number of sheets (PDF pages)."""
    if per_sheet not in PER_SHEET:
        raise ValueError(f"per_sheet must be 1 or 2, not {per_sheet!r}")
    register_fonts()
    canvas = Canvas(
        as_target(out), pagesize=_Sheets.size(per_sheet), pageCompression=1, initialFontName=FONT
    )
    sheets = _Sheets(canvas, per_sheet, lang)
    canvas.setTitle(f"{t('statement_title', lang)} {format_month(data.period, lang)}")
    canvas.setAuthor(data.warong.name)
    canvas.setCreator("ewarong-desktop")
    layout = _Layout.of(data, lang)
    _draw_first_form(canvas, layout)
    _draw_cont_form(canvas, layout)
    _draw_sign_form(canvas, layout)
    total = count_pages(data)
    page_no = 1
    for statement in sort_statements(data.statements):
        page_no = _draw_statement(canvas, statement, layout, page_no, total, sheets)
    if not data.statements:
        sheets.begin_page()
        canvas.setFont(FONT, BODY)
        canvas.drawString(MARGIN, PAGE_H - MARGIN - 20, t("nothing_received", lang))
        sheets.end_page()
    sheets.end_sheet()
    canvas.save()
    return sheets.sheets
