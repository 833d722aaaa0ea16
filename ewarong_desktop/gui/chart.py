"""Own vs third-party purchases by month as stacked bars, drawn with QPainter (no QtCharts,
which PySide6-Essentials does not ship)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ewarong_desktop.domain.periods import MONTHS_EN, MONTHS_ID
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.services.gui_support import MonthShare

OWN = QColor("#1f7a4d")
THIRD = QColor("#e8b730")


def short_amount(amount: int) -> str:
    if amount >= 1_000_000:
        return (
            f"{amount / 1_000_000:.1f} jt".replace(".", ",")
            if fmt.lang() == "id"
            else (f"{amount / 1_000_000:.1f}M")
        )
    if amount >= 1_000:
        return f"{amount // 1_000} rb" if fmt.lang() == "id" else f"{amount // 1_000}k"
    return str(amount)


class ShareChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[MonthShare] = []
        self.legend = ("", "", "")  # own, third party, empty message
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_series(self, series: list[MonthShare]) -> None:
        self.series = list(series)
        self.update()

    def set_legend(self, own: str, third: str, empty: str) -> None:
        self.legend = (own, third, empty)
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        width, height = self.width(), self.height()
        left, right, top, bottom = 58, 12, 30, 38
        plot = QRectF(left, top, width - left - right, height - top - bottom)
        small = QFont(self.font())
        small.setPointSize(8)
        p.setFont(small)
        # legend
        x = left
        for color, text in ((OWN, self.legend[0]), (THIRD, self.legend[1])):
            p.fillRect(QRectF(x, 8, 12, 12), color)
            p.setPen(QColor("#333333"))
            p.drawText(QRectF(x + 16, 4, 260, 20), Qt.AlignmentFlag.AlignVCenter, text)
            x += 20 + p.fontMetrics().horizontalAdvance(text) + 24
        peak = max((s.own_rupiah + s.third_party_rupiah for s in self.series), default=0)
        p.setPen(QPen(QColor("#c8c8c8"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.series or peak == 0:
            p.setPen(QColor("#777777"))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.legend[2])
            p.end()
            return
        for step in range(1, 5):
            y = plot.bottom() - plot.height() * step / 4
            p.setPen(QPen(QColor("#eeeeee"), 1))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(QColor("#777777"))
            p.drawText(
                QRectF(0, y - 8, left - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                short_amount(peak * step // 4),
            )
        slot = plot.width() / len(self.series)
        bar = min(46.0, slot * 0.62)
        names = MONTHS_EN if fmt.lang() == "en" else MONTHS_ID
        for i, share in enumerate(self.series):
            cx = plot.left() + slot * (i + 0.5)
            own_h = plot.height() * share.own_rupiah / peak
            third_h = plot.height() * share.third_party_rupiah / peak
            p.fillRect(QRectF(cx - bar / 2, plot.bottom() - own_h, bar, own_h), OWN)
            p.fillRect(QRectF(cx - bar / 2, plot.bottom() - own_h - third_h, bar, third_h), THIRD)
            p.setPen(QColor("#333333"))
            label = f"{names[share.period.month - 1][:3]} {share.period.year % 100:02d}"
            p.drawText(
                QRectF(cx - slot / 2, plot.bottom() + 4, slot, 16),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            if share.own_share is not None:
                p.drawText(
                    QRectF(cx - slot / 2, plot.bottom() - own_h - third_h - 16, slot, 14),
                    Qt.AlignmentFlag.AlignCenter,
                    f"{round(share.own_share * 100)}%",
                )
        p.end()
