"""The report page's chart: per e-warong (or kecamatan) its own-source share of purchases
against the district's target, and its KPM served, as two columns of horizontal bars, drawn
with QPainter (PySide6-Essentials ships no QtCharts). One row per name, so hundreds of
e-warongs scroll in a `QScrollArea` instead of squeezing into unreadable slivers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ewarong_desktop.domain.share import format_share

AT_TARGET = QColor("#1f7a4d")  # the shop window's "own source" green
BELOW = QColor("#d9822b")
NO_TARGET = QColor("#4f8a6b")
KPM = QColor("#3465a4")
ROW = 24


@dataclass(frozen=True)
class ChartRow:
    name: str
    share: float | None  # own-source share of purchases; None: nothing bought
    kpm_served: int


@dataclass(frozen=True)
class ChartWords:
    share: str = ""  # column titles
    kpm: str = ""
    target: str = ""  # "target {0}%" with the number filled in, or "" without a target
    empty: str = ""  # nothing to draw
    lang: str = "id"


class FiguresChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ChartRow] = []
        self.target: int | None = None
        self.words = ChartWords()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)
        self._fit()

    def set_rows(self, rows: list[ChartRow], target: int | None) -> None:
        self.rows, self.target = list(rows), target
        self._fit()
        self.update()

    def set_words(self, words: ChartWords) -> None:
        self.words = words
        self.update()

    def _header(self) -> int:
        return 2 * self.fontMetrics().height() + 12

    def _fit(self) -> None:
        self.setFixedHeight(self._header() + max(1, len(self.rows)) * ROW + 8)

    def sizeHint(self) -> QSize:
        return QSize(560, self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        metrics = p.fontMetrics()
        line = metrics.height()
        width = self.width()
        top = self._header()
        if not self.rows:
            p.setPen(QColor("#555555"))
            p.drawText(
                QRectF(0, 0, width, self.height()), Qt.AlignmentFlag.AlignCenter, self.words.empty
            )
            p.end()
            return
        longest = max(metrics.horizontalAdvance(r.name) for r in self.rows)
        name_w = min(max(90, longest + 12), int(width * 0.3))
        number_w = metrics.horizontalAdvance("100,0%") + 10
        usable = width - name_w - 2 * number_w - 24
        share_w = max(60, usable * 0.55)
        kpm_w = max(40, usable - share_w)
        share_x = name_w + 6
        kpm_x = share_x + share_w + number_w + 12
        bold = QFont(p.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222222"))
        p.drawText(
            QRectF(share_x, 4, share_w + number_w, line),
            Qt.AlignmentFlag.AlignLeft,
            self.words.share,
        )
        p.drawText(
            QRectF(kpm_x, 4, kpm_w + number_w, line), Qt.AlignmentFlag.AlignLeft, self.words.kpm
        )
        p.setFont(self.font())
        if self.target is not None and self.words.target:
            p.setPen(QColor("#555555"))
            p.drawText(
                QRectF(share_x, 4 + line, share_w + number_w, line),
                Qt.AlignmentFlag.AlignLeft,
                self.words.target,
            )
        peak = max((r.kpm_served for r in self.rows), default=0)
        for i, row in enumerate(self.rows):
            y = top + i * ROW
            if i % 2:
                p.fillRect(QRectF(0, y, width, ROW), QColor("#f5f7fa"))
            p.setPen(QColor("#222222"))
            name = metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_w - 8)
            p.drawText(QRectF(4, y, name_w - 6, ROW), Qt.AlignmentFlag.AlignVCenter, name)
            bar_h = ROW - 8
            p.fillRect(QRectF(share_x, y + 4, share_w, bar_h), QColor("#eceff3"))
            if row.share is not None:
                if self.target is None:
                    color = NO_TARGET
                else:
                    color = AT_TARGET if row.share * 100 >= self.target else BELOW
                p.fillRect(QRectF(share_x, y + 4, share_w * row.share, bar_h), color)
            p.setPen(QColor("#222222"))
            p.drawText(
                QRectF(share_x + share_w + 4, y, number_w, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                format_share(row.share, self.words.lang),
            )
            length = kpm_w * row.kpm_served / peak if peak else 0
            p.fillRect(QRectF(kpm_x, y + 4, length, bar_h), KPM)
            p.drawText(
                QRectF(kpm_x + length + 4, y, number_w, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                str(row.kpm_served),
            )
        if self.target is not None:
            x = share_x + share_w * self.target / 100
            pen = QPen(QColor("#333333"), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(int(x), top - 2, int(x), top + len(self.rows) * ROW)
        p.end()
