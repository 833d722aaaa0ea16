"""Void a redemption: the reason, and the EDC reversal reference when it was paid on the EDC."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.services.redemption import RedemptionView


class VoidDialog(QDialog):
    def __init__(self, redemption: RedemptionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.redemption = redemption
        self.setWindowTitle(self.tr("Batalkan transaksi"))
        self.setMinimumWidth(460)
        summary = QLabel(
            f"<b>{redemption.beneficiary_name}</b> · {fmt.month(redemption.period)} · "
            f"{fmt.rupiah(redemption.total_rupiah)}",
            self,
        )
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("mis. salah barang, KPM membatalkan"))
        self.reversal = QLineEdit(self)
        self.reversal.setPlaceholderText(self.tr("nomor referensi pembatalan di struk EDC"))
        form = QFormLayout()
        form.addRow(self.tr("Alasan:"), self.reason)
        if redemption.edc_reference:
            form.addRow(self.tr("Ref. EDC asal:"), QLabel(redemption.edc_reference, self))
            form.addRow(self.tr("Ref. pembatalan EDC:"), self.reversal)
        else:
            self.reversal.hide()
        note = QLabel(
            self.tr("Transaksi tidak dihapus: ditandai batal, stok kembali, sisa bantuan pulih."),
            self,
        )
        note.setWordWrap(True)
        self.ok = QPushButton(self.tr("Batalkan transaksi"), self)
        self.ok.setDefault(True)
        cancel = QPushButton(self.tr("Tutup"), self)
        self.ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def values(self) -> tuple[str, str | None]:
        return self.reason.text(), (self.reversal.text().strip() or None)
