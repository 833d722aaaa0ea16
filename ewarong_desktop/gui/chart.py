"""Own vs third-party purchases by month as stacked bars, drawn with QPainter (no QtCharts,
which PySide6-Essentials does not ship)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ewarong_desktop.domain.periods import MONTHS_EN, MONTHS_ID, Period
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.services.monthly import MonthShare

OWN = QColor("#1f7a4d")
THIRD = QColor("#e8b730")


def short_amount(amount: int) -> str:
    """`12,5 jt` / `12.5M`, `300 rb` / `300k`, `0`: an axis label, one decimal at most."""
    if amount >= 1_000_000:
        text = f"{amount / 1_000_000:.1f}".removesuffix(".0")
        return f"{text.replace('.', ',')} jt" if fmt.lang() == "id" else f"{text}M"
    if amount >= 1_000:
        return f"{amount // 1_000} rb" if fmt.lang() == "id" else f"{amount // 1_000}k"
    return str(amount)


def axis_steps(peak: int, most: int = 5) -> list[int]:
    """Round axis values from 0 up to at least `peak`: 0, 10 jt, 20 jt ... (steps of 1, 2,
    2.5 or 5 times a power of ten), at most `most` steps above 0."""
    if peak <= 0:
        return [0]
    raw = peak / most
    power = 10 ** max(0, len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        step = int(factor * power)
        if step * most >= peak:
            break
    count = -(-peak // step)
    return [step * i for i in range(count + 1)]


class ShareChart(QWidget):
    """Stacked bars (own below, third party above) with the own share over each bar; the
    month chosen on the page is marked; while the figures are computed it says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[MonthShare] = []
        self.chosen: Period | None = None
        self.loading = True
        self.words = ("", "", "", "")  # own, third party, nothing bought, still computing
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 280)

    def set_series(self, series: list[MonthShare]) -> None:
        self.series = list(series)
        self.loading = False
        self.update()

    def set_loading(self) -> None:
        self.loading = True
        self.update()

    def set_chosen(self, period: Period | None) -> None:
        self.chosen = period
        self.update()

    def set_legend(self, own: str, third: str, empty: str, loading: str) -> None:
        self.words = (own, third, empty, loading)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSize(max(10, font.pointSize()))
        p.setFont(font)
        line = p.fontMetrics().height()
        width, height = self.width(), self.height()
        # The legend has a row of its own; the share labels have room above the tallest bar.
        x = 8.0
        for color, text in ((OWN, self.words[0]), (THIRD, self.words[1])):
            p.fillRect(QRectF(x, 6 + (line - 12) / 2, 12, 12), color)
            p.setPen(QColor("#333333"))
            advance = p.fontMetrics().horizontalAdvance(text)
            p.drawText(QRectF(x + 16, 6, advance + 4, line), Qt.AlignmentFlag.AlignVCenter, text)
            x += 16 + advance + 24
        peak = max((s.own_rupiah + s.third_party_rupiah for s in self.series), default=0)
        steps = axis_steps(peak)
        left = 12 + max(p.fontMetrics().horizontalAdvance(short_amount(s)) for s in steps)
        top, bottom = 6 + line + 8 + line + 4, 2 * line + 10
        plot = QRectF(left, top, width - left - 10, height - top - bottom)
        p.setPen(QPen(QColor("#c8c8c8"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if self.loading or not self.series or peak == 0:
            p.setPen(QColor("#555555"))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.words[3 if self.loading else 2])
            p.end()
            return
        scale = plot.height() / steps[-1]
        for value in steps:
            y = plot.bottom() - value * scale
            if value:
                p.setPen(QPen(QColor("#eeeeee"), 1))
                p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(QColor("#555555"))
            p.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                short_amount(value),
            )
        slot = plot.width() / len(self.series)
        bar = min(46.0, slot * 0.62)
        names = MONTHS_EN if fmt.lang() == "en" else MONTHS_ID
        bold = QFont(font)
        bold.setBold(True)
        for i, share in enumerate(self.series):
            cx = plot.left() + slot * (i + 0.5)
            chosen = share.period == self.chosen
            if chosen:
                p.fillRect(
                    QRectF(
                        cx - slot / 2, plot.top() - line - 4, slot, plot.height() + line * 2 + 12
                    ),
                    QColor("#e3efff"),
                )
            own_h = share.own_rupiah * scale
            third_h = share.third_party_rupiah * scale
            p.fillRect(QRectF(cx - bar / 2, plot.bottom() - own_h, bar, own_h), OWN)
            p.fillRect(QRectF(cx - bar / 2, plot.bottom() - own_h - third_h, bar, third_h), THIRD)
            p.setFont(bold if chosen else font)
            p.setPen(QColor("#222222"))
            # The month's short name under each bar; the year under the first and each January.
            p.drawText(
                QRectF(cx - slot / 2, plot.bottom() + 4, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                names[share.period.month - 1][:3],
            )
            if i == 0 or share.period.month == 1:
                p.drawText(
                    QRectF(cx - slot / 2, plot.bottom() + 4 + line, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(share.period.year),
                )
            if share.own_share is not None:
                p.drawText(
                    QRectF(cx - slot / 2, plot.bottom() - own_h - third_h - line - 2, slot, line),
                    Qt.AlignmentFlag.AlignCenter,
                    format_share(share.own_share, fmt.lang()),
                )
        p.end()
