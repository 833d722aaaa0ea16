"""How the window speaks to the person: message boxes, questions, documents opened for reading.

One replaceable bridge (qutebrowser's `MessageBridge`): the program uses `MessageBridge`, which
shows real boxes; the build's smoke test uses `StderrBridge` (nobody is there to close a box);
the tests install a recording bridge of their own (in `tests/`). Nothing here knows about
tests.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget


class Kind(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"
    QUESTION = "question"
    TEXT = "text"


class MessageBridge:
    """Real boxes on the screen, with our own (translated) button words."""

    def show(self, kind: Kind, parent: QWidget | None, title: str, text: str) -> None:
        if QApplication.instance() is None:
            print(f"{title}: {text}", file=sys.stderr)
            return
        if kind == Kind.CRITICAL:
            QMessageBox.critical(parent, title, text)
        elif kind == Kind.WARNING:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)

    def ask(self, parent: QWidget | None, title: str, text: str, *, default_yes: bool) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
        )
        yes = box.addButton(
            QCoreApplication.translate("Errors", "Ya"), QMessageBox.ButtonRole.YesRole
        )
        no = box.addButton(
            QCoreApplication.translate("Errors", "Tidak"), QMessageBox.ButtonRole.NoRole
        )
        box.setDefaultButton(yes if default_yes else no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, *, secret: bool
    ) -> str | None:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setOkButtonText(QCoreApplication.translate("Errors", "Simpan"))
        dialog.setCancelButtonText(QCoreApplication.translate("Errors", "Batal"))
        if secret:
            dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def open_document(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class StderrBridge(MessageBridge):
    """When nobody can close a box (the build's smoke test): say it on stderr, answer no."""

    def show(self, kind: Kind, parent: QWidget | None, title: str, text: str) -> None:
        print(f"{kind}: {title}: {text}", file=sys.stderr)

    def ask(self, parent: QWidget | None, title: str, text: str, *, default_yes: bool) -> bool:
        print(f"{Kind.QUESTION}: {title}: {text}", file=sys.stderr)
        return False

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, *, secret: bool
    ) -> str | None:
        return None

    def open_document(self, path: Path) -> None:
        print(f"document: {path}", file=sys.stderr)


_bridge: MessageBridge = MessageBridge()


def bridge() -> MessageBridge:
    return _bridge


def install(new: MessageBridge) -> MessageBridge:
    """Use `new` from now on; returns the bridge it replaced."""
    global _bridge
    old, _bridge = _bridge, new
    return old
