"""Mark a sale or a purchase void: the reason (and the EDC reversal reference when the sale was
paid on the EDC), checked before the dialog closes, with the harmless button as the default.

"Batal" is the button that closes a dialog without doing anything; voiding says "Tandai
batal", so the two are never the same word.
"""

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

from ewarong_desktop.domain.rules import MAX_VOID_REASON
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.widgets import ERROR_STYLE
from ewarong_desktop.services.purchases import PurchaseView
from ewarong_desktop.services.redemption import SavedBasket


class _ReasonDialog(QDialog):
    """The shared layout; leaf classes give the words (only they call `tr()`)."""

    def _build(
        self,
        summary: str,
        reason_label: str,
        reason_hint: str,
        note: str,
        void_text: str,
        keep_text: str,
        reversal_rows: tuple[tuple[str, str], str, str] | None = None,
    ) -> None:
        self.setMinimumWidth(480)
        head = QLabel(summary, self)
        head.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(MAX_VOID_REASON)  # the services refuse a longer one
        self.reason.setPlaceholderText(reason_hint)
        self.reversal = QLineEdit(self)
        self.reversal.setObjectName("voidReversal")
        form = QFormLayout()
        form.addRow(reason_label, self.reason)
        if reversal_rows is not None:
            (ref_label, ref), reversal_label, reversal_hint = reversal_rows
            form.addRow(ref_label, QLabel(ref, self))
            form.addRow(reversal_label, self.reversal)
            self.reversal.setPlaceholderText(reversal_hint)
        else:
            self.reversal.hide()
        self.needs_reversal = reversal_rows is not None
        explain = QLabel(note, self)
        explain.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("voidMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.ok = QPushButton(void_text, self)
        self.ok.setObjectName("voidConfirm")
        self.ok.setAutoDefault(False)
        self.keep = QPushButton(keep_text, self)
        self.keep.setObjectName("voidKeep")
        self.keep.setDefault(True)  # Enter never voids by accident
        self.ok.clicked.connect(self.check_and_accept)
        self.keep.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reason.setFocus()

    def _missing(self) -> tuple[QLineEdit, str] | None:  # pragma: no cover - leaves override
        return None

    def check_and_accept(self) -> None:
        """Close only with what the void needs; otherwise say so at the field at fault."""
        missing = self._missing()
        if missing is not None:
            field, text = missing
            self.message.setText(text)
            field.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str | None]:
        return self.reason.text().strip(), (self.reversal.text().strip() or None)


class VoidDialog(_ReasonDialog):
    """A KPM's sale: the whole basket, every month of aid it drew on."""

    def __init__(self, basket: SavedBasket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.basket = basket
        first = basket.parts[0]
        self.setWindowTitle(self.tr("Tandai transaksi batal"))
        reversal = None
        paid = next((p.edc_reference for p in basket.parts if p.edc_reference), None)
        if paid:
            reversal = (
                (self.tr("Ref. EDC asal:"), paid),
                self.tr("Ref. pembatalan EDC:"),
                self.tr("nomor referensi pembatalan di struk EDC"),
            )
        months = ", ".join(fmt.month(p.period) for p in basket.parts)
        note = self.tr("Transaksi tidak dihapus: ditandai batal, stok kembali, sisa bantuan pulih.")
        if len(basket.parts) > 1:
            note = (
                self.tr(
                    "Satu belanja dari %n bulan bantuan: semua bagiannya ditandai batal bersama.",
                    "",
                    len(basket.parts),
                )
                + " "
                + note
            )
        self._build(
            f"<b>{first.beneficiary_name}</b> · {months} · {fmt.rupiah(basket.total_rupiah)}",
            self.tr("Alasan:"),
            self.tr("mis. salah barang, KPM membatalkan"),
            note,
            self.tr("Tandai batal"),
            self.tr("Jangan ubah"),
            reversal,
        )

    def _missing(self) -> tuple[QLineEdit, str] | None:
        if not self.reason.text().strip():
            return self.reason, self.tr("Isi alasannya dulu.")
        if self.needs_reversal and not self.reversal.text().strip():
            return self.reversal, self.tr(
                "Dibayar lewat EDC: isi nomor referensi pembatalan dari struk EDC."
            )
        return None


class PurchaseVoidDialog(_ReasonDialog):
    """A purchase recorded by mistake (admin only; the service says so too)."""

    def __init__(self, purchase: PurchaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purchase = purchase
        self.setWindowTitle(self.tr("Tandai pembelian batal"))
        self._build(
            f"<b>{purchase.source_name}</b> · {fmt.day(purchase.date)} · "
            f"{fmt.rupiah(purchase.total_rupiah)}",
            self.tr("Alasan:"),
            self.tr("mis. salah catat jumlah"),
            self.tr("Pembelian tidak dihapus: ditandai batal dan barangnya keluar lagi dari stok."),
            self.tr("Tandai batal"),
            self.tr("Jangan ubah"),
        )

    def _missing(self) -> tuple[QLineEdit, str] | None:
        if not self.reason.text().strip():
            return self.reason, self.tr("Isi alasannya dulu.")
        return None
