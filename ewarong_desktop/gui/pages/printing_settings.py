"""Settings > Pencetakan: this laptop's receipt printer, office printer, auto-print, ESC/POS.

Kept in its own tab and module so the Settings page only adds it; the choices are the
laptop's (saved beside the store, never synced), made among the system's printers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui.printing import system_printers
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, message_line
from ewarong_desktop.services import printing
from ewarong_desktop.services.printing import PrintSettings


class PrintingTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.receipt_printer = QComboBox(self)
        self.receipt_printer.setObjectName("printReceiptPrinter")
        self.office_printer = QComboBox(self)
        self.office_printer.setObjectName("printOfficePrinter")
        self.auto_print = QCheckBox(self)
        self.auto_print.setObjectName("printAuto")
        self.escpos = QLineEdit(self)
        self.escpos.setObjectName("printEscpos")
        self.escpos.setPlaceholderText("usb:0416:5011  /  /dev/usb/lp0")
        self.escpos.setEnabled(printing.escpos_available())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(MUTED_STYLE)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("printSave")
        self.save_button.clicked.connect(self.save)
        self.message = message_line(self)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.receipt_printer)
        form.addRow("", self.auto_print)
        form.addRow(self.labels[1], self.office_printer)
        form.addRow(self.labels[2], self.escpos)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.retranslate()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def title(self) -> str:
        return self.tr("Pencetakan")

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Printer struk:"))
        self.labels[1].setText(self.tr("Printer kantor (kuitansi, laporan):"))
        self.labels[2].setText(self.tr("Printer thermal USB tanpa driver (ESC/POS):"))
        self.auto_print.setText(self.tr("Cetak struk otomatis setiap transaksi tersimpan"))
        self.note.setText(
            self.tr(
                'F9 dan "Cetak struk" langsung mencetak ke printer struk, tanpa dialog. Tanpa '
                "printer, struk disimpan sebagai PDF di folder dokumen. Ukuran kertas struk "
                "diatur di tab Profil. ESC/POS dipakai bila diisi (perlu paket python-escpos)."
            )
        )
        self.save_button.setText(self.tr("Simpan pengaturan cetak"))
        for combo in (self.receipt_printer, self.office_printer):
            if combo.count():
                combo.setItemText(0, self.tr("(tidak ada: simpan sebagai PDF)"))

    def set_admin(self, admin: bool) -> None:
        for widget in (
            self.receipt_printer,
            self.office_printer,
            self.auto_print,
            self.save_button,
        ):
            widget.setEnabled(admin)
        self.escpos.setEnabled(admin and printing.escpos_available())

    def reload(self) -> None:
        current = printing.print_settings(self.state.ctx)
        names = system_printers()
        for combo, chosen in (
            (self.receipt_printer, current.receipt_printer),
            (self.office_printer, current.office_printer),
        ):
            combo.clear()
            combo.addItem(self.tr("(tidak ada: simpan sebagai PDF)"), "")
            for name in names:
                combo.addItem(name, name)
            if chosen and chosen not in names:
                combo.addItem(self.tr("{0} (tidak ditemukan)").format(chosen), chosen)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        self.auto_print.setChecked(current.auto_print)
        self.escpos.setText(current.escpos_device)

    def save(self) -> None:
        try:
            saved = printing.save_print_settings(
                self.state.ctx,
                PrintSettings(
                    receipt_printer=self.receipt_printer.currentData() or "",
                    office_printer=self.office_printer.currentData() or "",
                    auto_print=self.auto_print.isChecked(),
                    escpos_device=self.escpos.text(),
                ),
            )
        except EwarongError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.state.text(exc))
            return
        self.message.setStyleSheet(OK_STYLE)
        where = saved.escpos_device or saved.receipt_printer or self.tr("PDF")
        self.message.setText(self.tr("Pengaturan cetak tersimpan; struk ke: {0}.").format(where))
