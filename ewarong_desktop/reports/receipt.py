"""The struk for one redemption: 58 mm and 80 mm thermal rolls, or an A5 sheet.

Drawn straight on a canvas as a column of rows. On a roll the page is exactly as tall as its
content; on A5 the column starts again on a new sheet if it ever runs past the bottom. No
text ever wraps: a row that does not fit its width is drawn smaller instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.domain.identity import mask_number
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import format_date, format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.reports.data import DailySummary, ReceiptData
from ewarong_desktop.reports.fonts import FONT, FONT_BOLD, fit_size, register_fonts, text_width
from ewarong_desktop.reports.labels import format_datetime, t
from ewarong_desktop.reports.output import Output, as_target
from ewarong_desktop.reports.verification import qr_payload

WIDTHS = ("58", "80", "a5")


@dataclass(frozen=True)
class _Paper:
    page_width: float
    margin: float  # left and right
    size: float  # base font size
    qr: float  # QR code side
    fixed_height: float | None  # None: a roll, as tall as the content
    margin_y: float = 4 * mm


PAPERS = {
    # 58 mm rolls print about 48 mm, 80 mm rolls about 72 mm.
    "58": _Paper(58 * mm, 5 * mm, 7.5, 26 * mm, None),
    "80": _Paper(80 * mm, 4 * mm, 9.0, 30 * mm, None),
    "a5": _Paper(A5[0], 16 * mm, 9.0, 28 * mm, A5[1], margin_y=10 * mm),
}

_GREY = Color(0.85, 0.85, 0.85)
REASON_LINES = 4  # of a void's reason on a roll receipt


def wrap_lines(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """`text` broken into lines that fit `width`; past `most` lines the last ends in `…`."""

    def fits(piece: str) -> bool:
        return text_width(piece, font, size) <= width

    lines: list[str] = []
    for word in text.split():
        if len(lines) > most:
            break  # enough to know it is cut
        while not fits(word) and len(lines) <= most:  # one unbroken run longer than a line
            low, high = 1, len(word)  # the longest head of `word` that fits
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if fits(word[:mid]) else (low, mid - 1)
            lines.append(word[:low])
            word = word[low:]
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    if len(lines) > most:
        last = lines[most - 1]
        while last and not fits(last + "…"):
            last = last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + "…"]
    return lines


_MIN_SQUEEZE = 0.75


@dataclass(frozen=True)
class _Row:
    height: float
    draw: Callable[[Canvas, float, float, float], None]  # (canvas, x, top y, column width)


def fit_line(left: str, right: str, font: str, size: float, width: float) -> tuple[float, float]:
    """(font size, horizontal scale) at which `left`, a gap and `right` fit `width`.

    Too long for the line: first narrow the letters (down to _MIN_SQUEEZE of their width,
    still easy to read on a roll), only then make them smaller. Never wrap, never cut.
    """
    gap = size if right else 0.0
    needed = text_width(left, font, size) + text_width(right, font, size)
    ratio = min(1.0, (width - gap - 0.5) / needed) if needed else 1.0
    squeeze = max(ratio, _MIN_SQUEEZE)
    return size * min(1.0, ratio / squeeze), squeeze


def _text_row(
    left: str,
    right: str = "",
    *,
    size: float,
    width: float,
    bold: bool = False,
    center: bool = False,
) -> _Row:
    font = FONT_BOLD if bold else FONT
    fitted, squeeze = fit_line(left, right, font, size, width)

    def put(canvas: Canvas, text: str, x: float, baseline: float) -> None:
        line = canvas.beginText()
        line.setFont(font, fitted)
        line.setHorizScale(squeeze * 100)
        line.setTextOrigin(x, baseline)
        line.textOut(text)
        canvas.drawText(line)

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        baseline = top - size
        left_width = text_width(left, font, fitted) * squeeze
        put(canvas, left, x + (w - left_width) / 2 if center else x, baseline)
        if right:
            put(canvas, right, x + w - text_width(right, font, fitted) * squeeze, baseline)

    return _Row(size * 1.3, draw)


def _rule_row(size: float) -> _Row:
    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        canvas.setLineWidth(0.5)
        canvas.setDash(2, 2)
        y = top - size * 0.5
        canvas.line(x, y, x + w, y)
        canvas.setDash()

    return _Row(size, draw)


def _banner_row(text: str, size: float) -> _Row:
    """White on black, full width: what a cashier notices across the counter."""
    height = size * 2.6

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        canvas.setFillColor(black)
        canvas.rect(x, top - height + size * 0.3, w, height - size * 0.6, stroke=0, fill=1)
        canvas.setFillColor(white)
        fitted = fit_size(text, FONT_BOLD, size * 1.8, w - size)
        canvas.setFont(FONT_BOLD, fitted)
        canvas.drawCentredString(x + w / 2, top - height / 2 - fitted * 0.35, text)
        canvas.setFillColor(black)

    return _Row(height, draw)


def _qr_row(payload: str, side: float) -> _Row:
    """The QR code as filled squares drawn straight on the canvas (4 modules of quiet zone).

    Drawn by hand rather than through renderPDF, whose default state would pull an extra,
    unembedded Helvetica into the file.
    """
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    count = qr.getModuleCount()
    box = side / (count + 8)
    modules = qr.modules

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        left = x + (w - side) / 2 + 4 * box
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            y = top - (r + 5) * box
            for c, dark in enumerate(row):
                if dark:
                    path.rect(left + c * box, y, box, box)
        canvas.setFillColor(black)
        canvas.drawPath(path, stroke=0, fill=1)

    return _Row(side + 2 * mm, draw)


def _code_and_qr_row(label: str, code: str, payload: str, side: float, size: float) -> _Row:
    """On a wide column the code sits beside its QR code, so an A5 receipt stays one sheet."""
    qr = _qr_row(payload, side)

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        text_w = w - side - size
        canvas.setFont(FONT, size * 0.9)
        canvas.drawString(x, top - side / 2 + size * 0.6, label)
        big = fit_size(code, FONT_BOLD, size * 1.5, text_w)
        canvas.setFont(FONT_BOLD, big)
        canvas.drawString(x, top - side / 2 - big, code)
        qr.draw(canvas, x + w - side, top, side)

    return _Row(qr.height, draw)


def _item_row(product: str, price: str, total: str, size: float, width: float) -> _Row:
    """Product | quantity x price | total on one row, each part fitted to its own share."""
    parts = (
        (product, 0.0, width * 0.44, False),
        (price, width * 0.44, width * 0.36, True),
        (total, width * 0.80, width * 0.20, True),
    )
    fitted = [
        (text, x, w, right, fit_size(text, FONT, size, w - size * 0.5))
        for text, x, w, right in parts
    ]

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        baseline = top - size
        for text, offset, share, right, at in fitted:
            canvas.setFont(FONT, at)
            if right:
                canvas.drawRightString(x + offset + share, baseline, text)
            else:
                canvas.drawString(x + offset, baseline, text)

    return _Row(size * 1.3, draw)


def _gap(height: float) -> _Row:
    return _Row(height, lambda canvas, x, top, w: None)


def _rows(data: ReceiptData, paper: _Paper, lang: str) -> list[_Row]:
    size = paper.size
    width = paper.page_width - 2 * paper.margin

    def row(
        left: str, right: str = "", *, bold: bool = False, center: bool = False, scale: float = 1
    ) -> _Row:
        return _text_row(left, right, size=size * scale, width=width, bold=bold, center=center)

    rows: list[_Row] = []
    if data.voided:
        rows += [_banner_row(t("void_banner", lang), size), _gap(size * 0.4)]
    warong = data.warong
    rows.append(row(warong.name, bold=True, center=True, scale=1.2))
    rows.append(row(f"{t('code', lang)}: {warong.code}", center=True, scale=0.9))
    if warong.place():
        rows.append(row(warong.place(), center=True, scale=0.9))
    rows.append(_rule_row(size))
    rows.append(row(t("receipt_title", lang), bold=True, center=True))
    rows.append(row(t("date", lang), format_datetime(data.served_at, lang)))
    months = [p.period for p in data.parts] or [data.period]
    rows.append(row(t("period", lang), " + ".join(format_month(m, lang) for m in months)))
    rows.append(row(t("kpm", lang) + ":"))
    rows.append(row(data.kpm_name, bold=True, scale=1.1))
    if not data.listed:
        rows.append(row(t("unlisted", lang), bold=True, scale=0.9))
    rows.append(row(t("kks", lang), mask_number(data.kks_number)))
    rows.append(row(t("nik", lang), mask_number(data.nik)))
    if data.desa:
        rows.append(row(t("desa", lang), data.desa))
    rows.append(_rule_row(size))
    for line in data.lines:
        qty = format_quantity(line.quantity, line.unit, lang)
        price = f"{qty} x {format_rupiah(line.unit_price)}"
        if paper.fixed_height is None:
            rows.append(row(line.product))
            rows.append(row(f"  {price}", format_rupiah(line.total)))
        else:  # a sheet is wide enough for one row per item, and must stay one sheet
            rows.append(_item_row(line.product, price, format_rupiah(line.total), size, width))
    rows.append(_rule_row(size))
    rows.append(row(t("total", lang), format_rupiah(data.total), bold=True, scale=1.15))
    rows.append(_rule_row(size))
    if data.parts:
        # One basket drawn on several months: each month's part, then what each has left.
        rows.append(row(t("by_month", lang), bold=True))
        for part in data.parts:
            label = format_month(part.period, lang)
            if part.voided:
                label += " " + t("part_voided", lang)
            rows.append(row(label, format_rupiah(part.total), bold=True, scale=0.95))
            for line in part.lines:
                qty = format_quantity(line.quantity, line.unit, lang)
                rows.append(row(f"  {line.product} {qty}", format_rupiah(line.total), scale=0.9))
        rows.append(_rule_row(size))
        for part in data.parts:
            month = format_month(part.period, lang)
            rows.append(row(t("remaining_of", lang, month=month), format_rupiah(part.remaining)))
    else:
        month = format_month(data.period, lang)
        rows.append(row(t("entitlement_of", lang, month=month), format_rupiah(data.entitlement)))
        rows.append(row(t("spent", lang), format_rupiah(data.spent)))
        rows.append(row(t("remaining", lang), format_rupiah(data.remaining), bold=True))
    rows.append(_rule_row(size))
    rows.append(row(t("operator", lang), data.operator))
    rows.append(row(t("edc_ref", lang), data.edc_reference or t("none", lang)))
    rows.append(_rule_row(size))
    payload = qr_payload(warong.code, data.redemption_id, data.verification_code)
    if paper.fixed_height is None:
        rows.append(row(t("verification", lang), center=True, scale=0.9))
        rows.append(row(data.verification_code, bold=True, center=True, scale=1.3))
        rows.append(_gap(size * 0.3))
        rows.append(_qr_row(payload, paper.qr))
    else:
        rows.append(_gap(size * 0.3))
        rows.append(
            _code_and_qr_row(
                t("verification", lang), data.verification_code, payload, paper.qr, size
            )
        )
    if data.voided:
        rows.append(_rule_row(size))
        rows.append(row(t("void_note", lang), bold=True, center=True, scale=0.9))
        if data.voided_at is not None:
            rows.append(row(t("voided_at", lang), format_datetime(data.voided_at, lang)))
        if data.void_edc_reference:
            rows.append(row(t("void_edc_ref", lang), data.void_edc_reference))
        if data.void_reason:
            rows.append(row(t("void_reason", lang) + ":"))
            # Wrapped at the paper's width, never squeezed to dust; a sheet has room for
            # fewer lines than a roll. A reason longer than that (from before the limit) is cut.
            most = 2 if paper.fixed_height is not None else REASON_LINES
            for text in wrap_lines(data.void_reason, FONT, size, width, most):
                rows.append(row(text))
        rows += [_gap(size * 0.4), _banner_row(t("void_banner", lang), size)]
    else:
        rows.append(row(t("thanks", lang), center=True, scale=0.9))
    return rows


def _watermark(canvas: Canvas, page_width: float, page_height: float, text: str) -> None:
    canvas.saveState()
    canvas.setFillColor(_GREY)
    canvas.translate(page_width / 2, page_height / 2)
    canvas.rotate(45)
    canvas.setFont(FONT_BOLD, fit_size(text, FONT_BOLD, 110, page_height * 0.8))
    canvas.drawCentredString(0, -30, text)
    canvas.restoreState()


def write_receipt(data: ReceiptData, out: Output, *, width: str = "80", lang: str = "id") -> None:
    """Write the receipt PDF to a path or binary file; `width` is `58`, `80` or `a5`."""
    if width not in PAPERS:
        raise ValueError(f"receipt width must be one of {', '.join(WIDTHS)}, not {width!r}")
    register_fonts()
    paper = PAPERS[width]
    rows = _rows(data, paper, lang)
    column = paper.page_width - 2 * paper.margin
    content = sum(row.height for row in rows)
    page_height = paper.fixed_height or content + 2 * paper.margin_y
    canvas = Canvas(
        as_target(out),
        pagesize=(paper.page_width, page_height),
        pageCompression=1,
        initialFontName=FONT,
    )
    title = f"{t('receipt_title', lang)} {data.verification_code}"
    canvas.setTitle(title)
    canvas.setAuthor(data.warong.name)
    canvas.setCreator("ewarong-desktop")

    def start_page() -> float:
        if data.voided and paper.fixed_height is not None:
            _watermark(canvas, paper.page_width, page_height, t("void_banner", lang))
        return page_height - paper.margin_y

    top = start_page()
    for row in rows:
        if top - row.height < paper.margin_y and paper.fixed_height is not None:
            canvas.showPage()
            top = start_page()
        row.draw(canvas, paper.margin, top, column)
        top -= row.height
    canvas.showPage()
    canvas.save()


def _daily_rows(data: DailySummary, paper: _Paper, lang: str) -> list[_Row]:
    size = paper.size
    width = paper.page_width - 2 * paper.margin

    def row(left: str, right: str = "", *, bold: bool = False, center: bool = False) -> _Row:
        return _text_row(left, right, size=size, width=width, bold=bold, center=center)

    rows = [
        row(data.warong_name, bold=True, center=True),
        row(t("daily_title", lang), bold=True, center=True),
        row(t("date", lang), format_date(data.day, lang)),
        row(t("operator", lang), data.operator or t("daily_shop", lang)),
        _rule_row(size),
        row(t("transactions", lang), str(data.transactions)),
        row(t("kpm_served", lang), str(data.kpm_served)),
        row(t("total", lang), format_rupiah(data.total_rupiah), bold=True),
        _rule_row(size),
        row(t("by_product", lang), bold=True),
    ]
    for item in data.by_product:
        qty = format_quantity(item.quantity, item.unit, lang)
        rows.append(row(f"  {item.name} {qty}", format_rupiah(item.total_rupiah)))
    rows += [_rule_row(size), row(t("by_aid_month", lang), bold=True)]
    for month in data.by_month:
        rows.append(
            row(
                f"  {format_month(month.period, lang)} ({month.redemptions})",
                format_rupiah(month.total_rupiah),
            )
        )
    rows += [
        _rule_row(size),
        row(t("voids", lang), f"{data.voids} · {format_rupiah(data.voided_rupiah)}"),
    ]
    if data.operator is None and data.operators:
        rows.append(row(t("operators", lang), ", ".join(data.operators)))
    return rows


def write_daily_summary(
    data: DailySummary, out: Output, *, width: str = "80", lang: str = "id"
) -> None:
    """The day's close on receipt paper (or A5), for the receipt printer."""
    if width not in PAPERS:
        raise ValueError(f"receipt width must be one of {', '.join(WIDTHS)}, not {width!r}")
    register_fonts()
    paper = PAPERS[width]
    rows = _daily_rows(data, paper, lang)
    content = sum(row.height for row in rows)
    page_height = max(paper.fixed_height or 0, content + 2 * paper.margin_y)
    canvas = Canvas(
        as_target(out),
        pagesize=(paper.page_width, page_height),
        pageCompression=1,
        initialFontName=FONT,
    )
    canvas.setTitle(t("daily_title", lang))
    canvas.setCreator("ewarong-desktop")
    top = page_height - paper.margin_y
    for row in rows:
        row.draw(canvas, paper.margin, top, paper.page_width - 2 * paper.margin)
        top -= row.height
    canvas.showPage()
    canvas.save()
