"""The counter's right side: today's transactions, their receipts, and voiding (admin)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import BackgroundOp, run_in_background
from ewarong_desktop.gui.errors import show_error
from ewarong_desktop.gui.pages.void_dialog import VoidDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import heading
from ewarong_desktop.services import redemption
from ewarong_desktop.services.gui_support import local_time, todays_redemptions, write_receipt_pdf

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
    return words.redemption_status(status)


class TodayPanel(QWidget):
    said = Signal(str)  # a line for the counter's message area

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.receipt_job: BackgroundOp | None = None
        self.title = heading(self, 12)
        self.table = TableBundle(TODAY_COLUMNS, self)
        self.table.model.dim = lambda r: r.status == "voided"
        self.total = QLabel(self)
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(lambda: self.print_receipt(self.table.selected()))
        self.void_button = QPushButton(self)
        self.void_button.setObjectName("counterVoid")
        self.void_button.clicked.connect(self.void_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table.view, 1)
        layout.addWidget(self.total)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Transaksi hari ini"))
        self.receipt_button.setText(self.tr("Cetak struk"))
        self.void_button.setText(self.tr("Batalkan… (admin)"))
        self._total()

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.table.retranslate()
        super().changeEvent(event)

    def set_admin(self, admin: bool) -> None:
        self.void_button.setEnabled(admin)

    def reload(self) -> None:
        self.table.set_rows(todays_redemptions(self.state.ctx))
        self._total()

    def _total(self) -> None:
        done = [r for r in self.table.model.rows if r.status == "completed"]
        self.total.setText(
            self.tr("{0} transaksi, {1}").format(
                len(done), fmt.rupiah(sum(r.total_rupiah for r in done))
            )
        )

    def print_receipt(self, row: redemption.RedemptionView | None) -> None:
        if row is None:
            return
        ctx, lang = self.state.ctx, self.state.lang
        self.receipt_job = run_in_background(
            self,
            self.state,
            lambda _progress: write_receipt_pdf(ctx, row.id, lang),
            label=self.tr("Membuat struk…"),
            on_done=self.state.open_document,
        )

    def void_selected(self) -> None:
        row = self.table.selected()
        if row is None:
            return
        dialog = VoidDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, reversal = dialog.values()
        try:
            redemption.void_redemption(self.state.ctx, row.id, reason, reversal)
        except Exception as exc:
            show_error(self, exc)
            return
        self.state.notify("redemption", "stock")
        self.said.emit(
            self.tr("Dibatalkan: {0}, {1}.").format(
                row.beneficiary_name, fmt.rupiah(row.total_rupiah)
            )
        )
