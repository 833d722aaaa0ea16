"""A KPM not on this shop's list, registered at the counter by an admin (with the reason)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.widgets import MUTED_STYLE, form_dialog
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.beneficiaries import BeneficiaryInput, BeneficiaryView


class UnlistedDialog(QDialog):
    def __init__(self, state: AppState, typed: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.saved: BeneficiaryView | None = None
        self.setMinimumWidth(520)
        self.setWindowTitle(self.tr("KPM luar daftar"))
        self.nik, self.kks, self.name = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.desa, self.reason = QLineEdit(self), QLineEdit(self)
        for field, name in (
            (self.nik, "unlistedNik"),
            (self.kks, "unlistedKks"),
            (self.name, "unlistedName"),
            (self.desa, "unlistedDesa"),
            (self.reason, "unlistedReason"),
        ):
            field.setObjectName(name)
        digits = "".join(c for c in typed if c.isdigit())
        if len(digits) == 16:
            self.nik.setText(digits)
        elif digits:
            self.kks.setText(digits)
        elif typed:
            self.name.setText(typed)
        self.reason.setPlaceholderText(self.tr("misalnya: dikirim dari e-warong desa tetangga"))
        note = QLabel(
            self.tr(
                "Untuk KPM yang tidak ada di daftar e-warong ini tetapi dilayani di sini. "
                "Tercatat sebagai luar daftar di struk, laporan dan berkas sinkron."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        form = QFormLayout()
        form.addRow(note)
        form.addRow(self.tr("Nama:"), self.name)
        form.addRow(self.tr("NIK (16 angka):"), self.nik)
        form.addRow(self.tr("No. kartu KKS:"), self.kks)
        form.addRow(self.tr("Desa asal:"), self.desa)
        form.addRow(self.tr("Alasan:"), self.reason)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)

    def save(self) -> None:
        data = BeneficiaryInput(
            self.nik.text(), self.kks.text(), self.name.text(), self.desa.text()
        )
        reason = self.reason.text()
        saved = perform(
            self,
            self.state,
            lambda: beneficiaries.register_unlisted(self.state.ctx, data, reason),
            refused=lambda exc: self.message.setText(self.state.text(exc)),
        )
        if saved is None:
            return
        self.saved = saved
        self.accept()
