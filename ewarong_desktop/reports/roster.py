"""Daftar tanda terima: the month's whole KPM list on A4, one line each, with a box to sign.

Fifteen KPMs to a page, sorted by desa, RT/RW and name as a village calls them up; every line
holds the number, name, masked KKS and NIK, the month's entitlement, what was received (rupiah
and the items in short), the receipt codes and a box a thumb fits in. KPMs not served are on
the list too, marked, their box struck through. Each page ends with its totals and the totals
so far, which the next page carries forward; the last page has the grand total and the monthly
report's signature block. Drawn straight on the canvas like the statements: a cell never
wraps into its neighbour, long names are set smaller instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.domain.address import neighbourhood
from ewarong_desktop.domain.identity import mask_number
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_date, format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.reports import signatures
from ewarong_desktop.reports.data import KpmStatement, StatementsData
from ewarong_desktop.reports.fonts import (
    FONT,
    FONT_BOLD,
    draw_fitted,
    fit_size,
    register_fonts,
    text_width,
)
from ewarong_desktop.reports.labels import t
from ewarong_desktop.reports.output import Output, as_target

PAGE_W, PAGE_H = A4
SIDE = 12 * mm
WIDTH = PAGE_W - 2 * SIDE
TOP = PAGE_H - 10 * mm
_SHADE = Color(0.9, 0.9, 0.9)

HEADER_TOP = TOP - 32  # the table's header row, under the two heading lines
HEADER_H = 20.0
CARRY_H = 12.0  # "carried from page n", on every page after the first
ROWS_TOP = HEADER_TOP - HEADER_H - CARRY_H
ROW_H = 46.0  # 16.2 mm: the signature box inside is 24.7 x 14.8 mm
TOTAL_H = 12.0  # each of the two totals rows under the lines
FOOTER_Y = 7 * mm
ROWS_BOTTOM = FOOTER_Y + 10 + 2 * TOTAL_H
CLOSING_H = 14 + 8 + signatures.HEIGHT  # counts line, gap, the signature block

ROWS_PER_PAGE = int((ROWS_TOP - ROWS_BOTTOM) // ROW_H)
ROWS_ON_LAST_PAGE = int((ROWS_TOP - ROWS_BOTTOM - CLOSING_H) // ROW_H)

# (label key, width, right-aligned); the KPM column takes what the others leave.
_NO_W, _ENT_W, _REC_W, _CODE_W, _SIGN_W = 24.0, 64.0, 146.0, 66.0, 76.0
_KPM_W = WIDTH - _NO_W - _ENT_W - _REC_W - _CODE_W - _SIGN_W
COLUMNS = (
    ("no", _NO_W, True),
    ("roster_kpm", _KPM_W, False),
    ("roster_entitlement", _ENT_W, True),
    ("roster_received", _REC_W, False),
    ("roster_codes", _CODE_W, False),
    ("roster_sign", _SIGN_W, False),
)
_X = [SIDE + sum(width for _, width, _ in COLUMNS[:i]) for i in range(len(COLUMNS) + 1)]
NAME_SIZE = 8.5
ONE_LINE_MIN = 7.0  # a name that would be smaller than this on one line takes two
LONG_NAME_SIZE = 7.5
SMALL = 7.0
PAD = 3.0


def sort_roster(statements: Sequence[KpmStatement]) -> list[KpmStatement]:
    """By desa, then RW and RT (addresses without them last), then name, case-insensitively."""
    return sorted(
        statements,
        key=lambda s: (
            s.desa.casefold(),
            neighbourhood(s.address).sort_key(),
            s.kpm_name.casefold(),
            s.kks_number,
        ),
    )


def page_slices(count: int) -> list[tuple[int, int]]:
    """Which lines go on which page: full pages, and a last page with room to sign under."""
    slices: list[tuple[int, int]] = []
    start = 0
    while count - start > ROWS_ON_LAST_PAGE:
        # Leave at least one line for the signed last page, so it never stands alone.
        step = min(ROWS_PER_PAGE, count - start - 1)
        slices.append((start, start + step))
        start += step
    slices.append((start, count))
    return slices


def count_pages(data: StatementsData) -> int:
    return len(page_slices(len(data.statements)))


def items_in_short(statement: KpmStatement, lang: str) -> list[str]:
    """`Beras medium 10 kg`, one per product, quantities summed over the month's receipts."""
    totals: dict[tuple[str, str], Decimal] = {}
    for item in statement.items:
        key = (item.product, item.unit)
        totals[key] = totals.get(key, Decimal(0)) + item.quantity
    return [
        f"{product} {format_quantity(quantity, unit, lang)}"
        for (product, unit), quantity in totals.items()
    ]


def receipt_codes(statement: KpmStatement) -> list[str]:
    """Each receipt's code once, in the order they were served."""
    return list(dict.fromkeys(item.receipt_code for item in statement.items if item.receipt_code))


def identity_lines(statement: KpmStatement, lang: str) -> tuple[str, str, str]:
    """The three small lines under a KPM's name: KKS, NIK, desa and RT/RW."""
    place = statement.desa
    rt_rw = neighbourhood(statement.address).label()
    if rt_rw:
        place = f"{place} · {rt_rw}" if place else rt_rw
    return (
        f"{t('kks', lang)} {mask_number(statement.kks_number)}",
        f"{t('nik', lang)} {mask_number(statement.nik)}",
        place,
    )


def _two_lines(name: str, width: float) -> tuple[str, str] | None:
    """None when `name` fits one line at a readable size; else its best break into two."""
    if fit_size(name, FONT_BOLD, NAME_SIZE, width) >= ONE_LINE_MIN or " " not in name:
        return None
    words = name.split(" ")
    cuts = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return min(
        cuts,
        key=lambda pair: max(text_width(part, FONT_BOLD, LONG_NAME_SIZE) for part in pair),
    )


def _wrap(parts: Sequence[str], font: str, size: float, width: float) -> list[str]:
    """Join `parts` with commas into lines no wider than `width`, breaking only between parts."""
    lines: list[str] = []
    for part in parts:
        if lines:
            joined = f"{lines[-1]}, {part}"
            if text_width(joined, font, size) <= width:
                lines[-1] = joined
                continue
            lines[-1] += ","
        lines.append(part)
    return lines


def _stack(
    canvas: Canvas, lines: Sequence[str], x: float, top: float, width: float, height: float
) -> None:
    """Lines of small type filling at most `height` below `top`; more lines, smaller type."""
    if not lines:
        return
    leading = min(SMALL + 2, height / len(lines))
    size = min(SMALL, leading * 0.85)
    y = top - size
    for line in lines:
        draw_fitted(canvas, line, FONT, size, x, y, width)
        y -= leading


@dataclass
class _Totals:
    kpms: int = 0
    served: int = 0
    entitlement: int = 0
    received: int = 0

    def add(self, statement: KpmStatement) -> None:
        self.kpms += 1
        self.served += statement.served
        self.entitlement += statement.entitlement
        self.received += statement.received


def _draw_heading_form(canvas: Canvas, data: StatementsData, lang: str) -> None:
    """Every page's heading and table header, drawn once and stamped."""
    canvas.beginForm("heading")
    canvas.setFont(FONT_BOLD, 12)
    canvas.drawCentredString(PAGE_W / 2, TOP - 10, t("roster_title", lang))
    warong = data.warong
    place = f" — {warong.place()}" if warong.place() else ""
    draw_fitted(
        canvas,
        f"{t('period', lang)}: {format_month(data.period, lang)} · "
        f"{t('ewarong', lang)}: {warong.name} ({warong.code}){place}",
        FONT,
        8.5,
        SIDE,
        TOP - 24,
        WIDTH,
    )
    canvas.setFillColor(_SHADE)
    canvas.rect(SIDE, HEADER_TOP - HEADER_H, WIDTH, HEADER_H, stroke=0, fill=1)
    canvas.setFillColor(black)
    for (key, width, right), x in zip(COLUMNS, _X, strict=False):
        label, inner = t(key, lang), width - 2 * PAD
        if text_width(label, FONT_BOLD, 7.5) <= inner or " " not in label:
            draw_fitted(canvas, label, FONT_BOLD, 7.5, x + PAD, HEADER_TOP - 13, inner, right)
            continue
        # Two lines, broken at the space nearest the middle, rather than tiny type.
        spaces = [i for i, c in enumerate(label) if c == " "]
        cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
        for line, y in ((label[:cut], HEADER_TOP - 9), (label[cut + 1 :], HEADER_TOP - 17)):
            draw_fitted(canvas, line, FONT_BOLD, 7.5, x + PAD, y, inner, right)
    canvas.setLineWidth(0.6)
    canvas.rect(SIDE, HEADER_TOP - HEADER_H, WIDTH, HEADER_H, stroke=1, fill=0)
    canvas.endForm()


def _draw_line(canvas: Canvas, statement: KpmStatement, number: int, top: float, lang: str) -> None:
    bottom = top - ROW_H
    kpm_x, ent_x, rec_x, code_x, sign_x = _X[1:6]
    draw_fitted(
        canvas, str(number), FONT, SMALL + 1, SIDE + 1, top - 11, _NO_W - PAD - 1, right=True
    )
    name, name_w = statement.kpm_name, _KPM_W - 2 * PAD
    halves = _two_lines(name, name_w)
    if halves is None:
        draw_fitted(canvas, name, FONT_BOLD, NAME_SIZE, kpm_x + PAD, top - 11, name_w)
        _stack(canvas, identity_lines(statement, lang), kpm_x + PAD, top - 14, name_w, 30)
    else:
        # A name too long for one line takes two, inside its own box; the ids close up.
        for line, y in zip(halves, (top - 9, top - 17.5), strict=True):
            draw_fitted(canvas, line, FONT_BOLD, LONG_NAME_SIZE, kpm_x + PAD, y, name_w)
        _stack(canvas, identity_lines(statement, lang), kpm_x + PAD, top - 20, name_w, 24)
    draw_fitted(
        canvas,
        format_rupiah(statement.entitlement),
        FONT,
        SMALL + 1,
        ent_x + PAD,
        top - 11,
        _ENT_W - 2 * PAD,
        right=True,
    )
    inner = _REC_W - 2 * PAD
    if statement.served:
        draw_fitted(
            canvas,
            format_rupiah(statement.received),
            FONT_BOLD,
            NAME_SIZE,
            rec_x + PAD,
            top - 11,
            inner,
            right=True,
        )
        _stack(canvas, _wrap(items_in_short(statement, lang), FONT, SMALL, inner), rec_x + PAD,
               top - 14, inner, 30)  # fmt: skip
        _stack(canvas, receipt_codes(statement), code_x + PAD, top - 3, _CODE_W - 2 * PAD, 41)
    else:
        draw_fitted(canvas, t("not_served_mark", lang), FONT_BOLD, NAME_SIZE, rec_x + PAD, top - 11,
             inner)  # fmt: skip
        draw_fitted(canvas, format_rupiah(0), FONT, SMALL, rec_x + PAD, top - 21, inner, right=True)
    # The box for a signature or a thumbprint; struck through where nothing was received.
    box_x, box_y, box_w, box_h = sign_x + PAD, bottom + 2, _SIGN_W - 2 * PAD, ROW_H - 4
    canvas.setLineWidth(0.4)
    canvas.rect(box_x, box_y, box_w, box_h, stroke=1, fill=0)
    if not statement.served:
        canvas.line(box_x, box_y, box_x + box_w, box_y + box_h)
    canvas.setLineWidth(0.3)
    canvas.line(SIDE, bottom, SIDE + WIDTH, bottom)


def _draw_totals_row(
    canvas: Canvas, label: str, totals: _Totals, top: float, bold: bool = False
) -> None:
    font = FONT_BOLD if bold else FONT
    base = top - TOTAL_H + 3
    draw_fitted(canvas, label, font, SMALL + 0.5, _X[1] + PAD, base, _KPM_W - 2 * PAD, right=True)
    draw_fitted(canvas, format_rupiah(totals.entitlement), font, SMALL + 0.5, _X[2] + PAD, base,
         _ENT_W - 2 * PAD, right=True)  # fmt: skip
    draw_fitted(canvas, format_rupiah(totals.received), font, SMALL + 0.5, _X[3] + PAD, base,
         _REC_W - 2 * PAD, right=True)  # fmt: skip


def _draw_grid(canvas: Canvas, top: float, bottom: float) -> None:
    """The column rules from under the header to the last line, and the table's sides."""
    canvas.setLineWidth(0.3)
    for x in _X[1:-1]:
        canvas.line(x, top, x, bottom)
    canvas.setLineWidth(0.6)
    canvas.line(SIDE, top, SIDE, bottom)
    canvas.line(SIDE + WIDTH, top, SIDE + WIDTH, bottom)


def write_roster(
    data: StatementsData, out: Output, *, lang: str = "id", ketua: str = "", tksk: str = ""
) -> int:
    """Write the month's roster; returns the number of pages. `ketua` and `tksk` are printed
    under the signature lines, as on the monthly report."""
    register_fonts()
    canvas = Canvas(as_target(out), pagesize=A4, pageCompression=1, initialFontName=FONT)
    canvas.setTitle(f"{t('roster_title', lang)} {format_month(data.period, lang)}")
    canvas.setAuthor(data.warong.name)
    canvas.setCreator("ewarong-desktop")
    _draw_heading_form(canvas, data, lang)
    lines = sort_roster(data.statements)
    slices = page_slices(len(lines))
    footer_left = f"{t('printed', lang, date=format_date(data.printed_on, lang))}"
    running = _Totals()
    for page, (start, end) in enumerate(slices, 1):
        canvas.doForm("heading")
        top = HEADER_TOP - HEADER_H
        if page > 1:
            _draw_totals_row(canvas, t("carried", lang, page=page - 1), running, top)
            canvas.setLineWidth(0.3)
            canvas.line(SIDE, top - CARRY_H, SIDE + WIDTH, top - CARRY_H)
        top = ROWS_TOP
        this_page = _Totals()
        for number, statement in enumerate(lines[start:end], start + 1):
            _draw_line(canvas, statement, number, top, lang)
            this_page.add(statement)
            running.add(statement)
            top -= ROW_H
        if not lines:
            canvas.setFont(FONT, SMALL + 1)
            canvas.drawString(_X[1] + PAD, top - 14, t("nobody_registered", lang))
            top -= ROW_H
        _draw_grid(canvas, HEADER_TOP - HEADER_H, top)
        last = page == len(slices)
        _draw_totals_row(canvas, t("page_total", lang), this_page, top)
        top -= TOTAL_H
        label = t("grand_total", lang) if last else t("running_total", lang)
        _draw_totals_row(canvas, label, running, top, bold=True)
        top -= TOTAL_H
        canvas.setLineWidth(0.6)
        canvas.line(SIDE, top, SIDE + WIDTH, top)
        if last:
            counts = t(
                "roster_counts",
                lang,
                kpms=running.kpms,
                served=running.served,
                not_served=running.kpms - running.served,
            )
            draw_fitted(canvas, counts, FONT, SMALL + 1, SIDE, top - 12, WIDTH)
            signatures.draw_signatures(
                canvas,
                SIDE,
                top - CLOSING_H,
                WIDTH,
                warong=data.warong,
                printed_on=data.printed_on,
                ketua=ketua,
                tksk=tksk,
                lang=lang,
            )
        canvas.setFont(FONT, SMALL)
        canvas.drawString(SIDE, FOOTER_Y, f"{footer_left} · {data.warong.code}")
        canvas.drawRightString(
            SIDE + WIDTH, FOOTER_Y, t("page_of", lang, page=page, pages=len(slices))
        )
        canvas.showPage()
    canvas.save()
    return len(slices)
