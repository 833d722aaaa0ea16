"""A month as an officer picks it: the month's name and a year, both usable by keyboard
(type the first letters of the month, arrows or digits for the year)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from ewarong_desktop.domain.periods import MONTHS_EN, MONTHS_ID, Period
from ewarong_desktop.gui import formatting as fmt

FIRST_YEAR = 2017  # the programme's first rate


class MonthPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, period: Period | None = None) -> None:
        super().__init__(parent)
        self.month = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, date.today().year + 10)
        self.year.setMinimumWidth(80)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.month)
        layout.addWidget(self.year)
        self.setFocusProxy(self.month)
        self.retranslate()
        self.set_period(period or Period.of(date.today()))
        self.month.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.year.valueChanged.connect(lambda _v: self.changed.emit())

    def retranslate(self) -> None:
        """Month names in the window's language (they come from `domain.periods`)."""
        keep = self.month.currentIndex()
        names = MONTHS_EN if fmt.lang() == "en" else MONTHS_ID
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItems(list(names))
        self.month.setCurrentIndex(max(keep, 0))
        self.month.blockSignals(False)

    def period(self) -> Period:
        return Period(self.year.value(), self.month.currentIndex() + 1)

    def set_period(self, period: Period) -> None:
        self.blockSignals(True)
        if period.year > self.year.maximum():
            self.year.setMaximum(period.year)
        self.year.setValue(max(period.year, self.year.minimum()))
        self.month.setCurrentIndex(period.month - 1)
        self.blockSignals(False)
