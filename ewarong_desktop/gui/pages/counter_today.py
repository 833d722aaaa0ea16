"""The counter's right side: today's transactions, their receipts, and voiding (admin)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.states import Status
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.pages.void_dialog import VoidDialog
from ewarong_desktop.gui.printing import PrintOutcome, print_receipt
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import admin_only, heading
from ewarong_desktop.services import printing, redemption
from ewarong_desktop.services.redemption import local_time
from ewarong_desktop.services.redemption import redemptions_on as todays_redemptions

TODAY_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jam"),
        lambda r: local_time(r).strftime("%H:%M"),
        sort=lambda r: r.created_at,
        width=52,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "KPM"), lambda r: r.beneficiary_name),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bantuan"),
        lambda r: fmt.month(r.period),
        sort=lambda r: r.period,
        width=128,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Total"),
        lambda r: fmt.rupiah(r.total_rupiah),
        sort=lambda r: r.total_rupiah,
        align_right=True,
        width=86,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda r: status_text(r.status),
        width=70,
    ),
)


def status_text(status: str) -> str:
    return words.status(status)


class TodayPanel(QWidget):
    said = Signal(str)  # a line for the counter's message area
    printed = Signal(str, object)  # what happened to a print, and a folder action or None

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.title = heading(self, 12)
        self.table = TableBundle(TODAY_COLUMNS, self)
        self.table.model.dim = lambda r: r.status == Status.VOIDED
        self.total = QLabel(self)
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(lambda: self.print_receipt(self.table.selected()))
        self.void_button = QPushButton(self)
        self.void_button.setObjectName("counterVoid")
        admin_only(self.void_button)
        self.void_button.clicked.connect(self.void_selected)
        self.daily_button = QPushButton(self)
        self.daily_button.setObjectName("counterDaily")
        self.daily_button.clicked.connect(self.show_daily)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table.view, 1)
        layout.addWidget(self.total)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.daily_button)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Transaksi hari ini"))
        self.receipt_button.setText(self.tr("Cetak struk"))
        self.void_button.setText(self.tr("Tandai transaksi batal…"))
        self.daily_button.setText(self.tr("Rekap harian"))
        self._total()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.table.retranslate()
        super().changeEvent(event)

    def set_admin(self, admin: bool) -> None:
        self.void_button.setVisible(admin)  # admin only: not shown to others

    def reload(self) -> None:
        self.table.set_rows(todays_redemptions(self.state.ctx))
        self._total()

    def _total(self) -> None:
        done = [r for r in self.table.model.rows if r.status == Status.COMPLETED]
        self.total.setText(
            self.tr("{0} transaksi, {1}").format(
                len(done), fmt.rupiah(sum(r.total_rupiah for r in done))
            )
        )

    def auto_print(self) -> bool:
        return printing.print_settings(self.state.ctx).auto_print

    def print_receipt(self, row: redemption.RedemptionView | None) -> PrintOutcome | None:
        """Straight to the receipt printer, no dialog; with none, the PDF is saved."""
        if row is None:
            return None
        try:
            outcome = print_receipt(self.state.ctx, row.id, self.state.lang)
        except EwarongError as exc:
            self.printed.emit(self.state.text(exc), None)
            return None
        self.printed.emit(*self.describe(outcome))
        return outcome

    def describe(self, outcome: PrintOutcome) -> tuple[str, object]:
        if outcome.printer is not None:
            return self.tr("Struk dicetak ke {0}.").format(outcome.printer), None
        assert outcome.saved is not None
        folder = outcome.saved.parent
        text = self.tr("Belum ada printer struk: PDF disimpan di {0}.").format(outcome.saved)
        if outcome.missing:
            text = self.tr("Printer {0} tidak ditemukan: PDF disimpan di {1}.").format(
                outcome.missing, outcome.saved
            )
        return text, lambda: self.state.open_document(folder)

    def show_daily(self) -> None:
        # Loaded on first use: the summary's data types live with the reports, which the
        # window must not import at start-up.
        from ewarong_desktop.gui.pages.daily_dialog import DailyDialog

        DailyDialog(self.state, self).exec()

    def void_selected(self) -> None:
        row = self.table.selected()
        if row is None:
            return
        ctx = self.state.ctx
        basket = perform(self, self.state, lambda: redemption.basket_of(ctx, row.id))
        if basket is None:
            return
        dialog = VoidDialog(basket, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, reversal = dialog.values()
        voided = perform(
            self,
            self.state,
            lambda: redemption.void_redemption(ctx, row.id, reason, reversal),
        )
        if voided is None:
            return
        self.said.emit(
            self.tr("Dibatalkan: {0}, {1}.").format(
                row.beneficiary_name, fmt.rupiah(voided.total_rupiah)
            )
        )
