"""Rekap harian: the day's counter for the operator or the whole shop, printable on a roll."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.pages.counter_columns import fixed_lines
from ewarong_desktop.gui.printing import print_daily
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.widgets import OK_STYLE, message_line
from ewarong_desktop.services import daily
from ewarong_desktop.services.daily import DailySummary


class DailyDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.summary: DailySummary | None = None
        self.setWindowTitle(self.tr("Rekap harian"))
        self.resize(520, 560)
        self.who = QComboBox(self)
        self.who.setObjectName("dailyWho")
        self.who.addItem(self.tr("Saya ({0})").format(state.actor.name), state.actor.name)
        self.who.addItem(self.tr("Seluruh e-warong"), "")
        self.who.currentIndexChanged.connect(lambda _i: self.load())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("dailyText")
        self.text.setReadOnly(True)
        font = self.text.font()
        font.setFamily("monospace")
        self.text.setFont(font)
        self.message = fixed_lines(message_line(self), 2)
        self.message.setStyleSheet(OK_STYLE)
        self.print_button = QPushButton(self.tr("Cetak ke printer struk (F9)"), self)
        self.print_button.clicked.connect(self.print_summary)
        close = QPushButton(self.tr("Tutup"), self)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rekap untuk:"), self))
        top.addWidget(self.who, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("F9"), self, self.print_summary)
        self.load()
        self.who.setFocus()

    def load(self) -> None:
        operator = self.who.currentData() or None
        self.summary = daily.daily_summary(self.state.ctx, operator=operator)
        self.text.setPlainText(self.summary_text(self.summary))
        self.message.clear()

    def summary_text(self, s: DailySummary) -> str:
        lines = [
            self.tr("Tanggal: {0}").format(fmt.day(s.day)),
            self.tr("Operator: {0}").format(s.operator or self.tr("seluruh e-warong")),
            "",
            self.tr("Transaksi: {0}").format(s.transactions),
            self.tr("KPM dilayani: {0}").format(s.kpm_served),
            self.tr("Total: {0}").format(fmt.rupiah(s.total_rupiah)),
            "",
            self.tr("Per barang:"),
        ]
        lines += [
            f"  {p.name:<22} {fmt.qty(p.quantity, p.unit):>10} {fmt.rupiah(p.total_rupiah):>12}"
            for p in s.by_product
        ] or ["  –"]
        lines += ["", self.tr("Per bulan bantuan:")]
        lines += [
            f"  {fmt.month(m.period):<22} {m.redemptions:>10} {fmt.rupiah(m.total_rupiah):>12}"
            for m in s.by_month
        ] or ["  –"]
        lines += [
            "",
            self.tr("Dibatalkan: {0} ({1})").format(s.voids, fmt.rupiah(s.voided_rupiah)),
        ]
        if s.operator is None and s.operators:
            lines.append(self.tr("Operator hari ini: {0}").format(", ".join(s.operators)))
        return "\n".join(lines)

    def print_summary(self) -> None:
        if self.summary is None:
            return
        try:
            outcome = print_daily(self.state.ctx, self.summary, self.state.lang)
        except EwarongError as exc:
            self.message.setText(self.state.text(exc))
            return
        if outcome.printer is not None:
            self.message.setText(self.tr("Rekap dicetak ke {0}.").format(outcome.printer))
        else:
            self.message.setText(
                self.tr("Belum ada printer struk: PDF disimpan di {0}.").format(outcome.saved)
            )
