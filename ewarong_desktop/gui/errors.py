"""Refusals become a message box in the operator's language; bugs become a polite dialog + log.

qutebrowser's split: an `EwarongError` is something the user can act on (show its words);
anything else is our bug (write the traceback to `<data>/logs/`, say so kindly, keep going).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.paths import write_crash_log

log = logging.getLogger("ewarong_desktop.gui")
_log_dir: Path | None = None
_lang = "id"
# Tests turn this off: boxes are then recorded in `shown` (kind, title, text) instead of
# blocking, and `ask` takes its answer from `answers` (default yes).
interactive = True
shown: list[tuple[str, str, str]] = []
answers: list[bool] = []
text_answers: list[str | None] = []


def configure(log_dir: Path | None, lang: str) -> None:
    global _log_dir, _lang
    _log_dir, _lang = log_dir, lang


def set_language(lang: str) -> None:
    global _lang
    _lang = lang


def _box(kind: str, parent: QWidget | None, title: str, text: str) -> None:
    shown.append((kind, title, text))
    if not interactive or QApplication.instance() is None:
        return
    if kind == "critical":
        QMessageBox.critical(parent, title, text)
    elif kind == "warning":
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box("info", parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question with our own (translated) button words."""
    shown.append(("question", title, text))
    if not interactive:
        return answers.pop(0) if answers else True
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(QCoreApplication.translate("Errors", "Ya"), QMessageBox.ButtonRole.YesRole)
    box.addButton(QCoreApplication.translate("Errors", "Tidak"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def ask_text(parent: QWidget | None, title: str, label: str, secret: bool = False) -> str | None:
    """One line of text (a reason, a PIN) with our own button words; None when cancelled."""
    shown.append(("text", title, label))
    if not interactive:
        return text_answers.pop(0) if text_answers else None
    from PySide6.QtWidgets import QInputDialog, QLineEdit

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


def show_refusal(parent: QWidget | None, error: EwarongError) -> None:
    _box(
        "warning",
        parent,
        QCoreApplication.translate("Errors", "Tidak dapat dilakukan"),
        error.message(_lang),
    )


def write_log(detail: str) -> Path | None:
    return None if _log_dir is None else write_crash_log(_log_dir, detail, "gui-crash")


def show_bug(parent: QWidget | None, exc: BaseException) -> Path | None:
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", detail)
    path = write_log(detail)
    where = f"\n\n{path}" if path else ""
    _box(
        "critical",
        parent,
        QCoreApplication.translate("Errors", "Terjadi kesalahan program"),
        QCoreApplication.translate(
            "Errors",
            "Maaf, program mengalami kesalahan. Data yang sudah tersimpan aman; "
            "pekerjaan terakhir mungkin belum tersimpan. Kirim berkas catatan ini "
            "ke pendamping:",
        )
        + where,
    )
    return path


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The one place a caught exception turns into words on the screen."""
    if isinstance(exc, EwarongError):
        show_refusal(parent, exc)
    elif isinstance(exc, OSError):
        _box(
            "warning",
            parent,
            QCoreApplication.translate("Errors", "Berkas tidak dapat dibaca atau ditulis"),
            f"{exc.strerror or exc} {exc.filename or ''}".strip(),
        )
    else:
        show_bug(parent, exc)


def install_excepthook() -> None:
    """An exception escaping a slot shows the polite dialog instead of killing the window."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
