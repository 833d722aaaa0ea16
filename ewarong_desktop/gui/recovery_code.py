"""The backup recovery code: shown once to an admin to write down and print, and on demand.

`offer_recovery_code` runs after an admin signs in (the first sign-in after setup, or the first
after an upgrade that made the code); `show_recovery_code` is the Settings button, behind the
admin PIN. The code itself comes from `services.recovery`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import errors, messages
from ewarong_desktop.services import recovery
from ewarong_desktop.services.context import ServiceContext


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, warong: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code, self.warong = code, warong
        self.setWindowTitle(self.tr("Kode pemulihan cadangan"))
        explain = QLabel(
            self.tr(
                "Cadangan yang disalin ke flashdisk dikunci dengan kode ini. Tanpa kode ini "
                "cadangan itu tidak bisa dipulihkan. Tulis atau cetak kode ini, lalu simpan di "
                "tempat aman, terpisah dari laptop dan flashdisk."
            ),
            self,
        )
        explain.setWordWrap(True)
        shown = QLabel(code, self)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(20)
        font.setBold(True)
        shown.setFont(font)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Cetak"), self)
        self.print_button.clicked.connect(self.print_code)
        self.done_button = QPushButton(self.tr("Sudah saya catat"), self)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(shown)
        layout.addLayout(buttons)
        self.resize(520, 220)

    def page_html(self) -> str:
        title = self.tr("Kode pemulihan cadangan")
        note = self.tr("Simpan kertas ini di tempat aman. Kode ini membuka cadangan di flashdisk.")
        return (
            f"<h2>{_escape(title)}</h2><p>{_escape(self.warong)}</p>"
            f"<p style='font-size:24pt; font-family:monospace'><b>{_escape(self.code)}</b></p>"
            f"<p>{_escape(note)}</p>"
        )

    def print_code(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(self.page_html())
        document.print_(printer)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _warong(ctx: ServiceContext) -> str:
    from ewarong_desktop.services import profile

    view = profile.get_profile(ctx)
    return f"{view.name} ({view.code})"


def offer_recovery_code(ctx: ServiceContext, parent: QWidget | None) -> None:
    """After an admin signs in: the code, once, until the admin says it is written down."""
    code = recovery.pending_code(ctx)
    if code is None or not messages.bridge().interactive:
        return
    if RecoveryCodeDialog(code, _warong(ctx), parent).exec() == QDialog.DialogCode.Accepted:
        recovery.mark_shown(ctx)


def show_recovery_code(ctx: ServiceContext, parent: QWidget | None) -> None:
    """The Settings button: the admin types the PIN again, then sees the code."""
    pin = errors.ask_text(
        parent,
        QCoreApplication.translate("RecoveryCode", "Kode pemulihan cadangan"),
        QCoreApplication.translate("RecoveryCode", "PIN admin:"),
        secret=True,
    )
    if not pin:
        return
    try:
        code = recovery.show_code(ctx, pin)
    except EwarongError as exc:
        errors.show_refusal(parent, exc)
        return
    if messages.bridge().interactive:
        RecoveryCodeDialog(code, _warong(ctx), parent).exec()
    else:
        errors.inform(parent, QCoreApplication.translate("RecoveryCode", "Kode"), code)
