"""Refusals become a message box in the operator's language; bugs become a polite dialog + log.

qutebrowser's split: an `EwarongError` is something the user can act on (show its words);
anything else is our bug (write the traceback to `<data>/logs/`, say so kindly, keep going).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ewarong_desktop.domain.errors import EwarongError, FileProblem
from ewarong_desktop.gui import i18n, messages
from ewarong_desktop.gui.messages import Kind
from ewarong_desktop.paths import write_crash_log

log = logging.getLogger("ewarong_desktop.gui")
_log_dir: Path | None = None


def configure(log_dir: Path | None) -> None:
    global _log_dir
    _log_dir = log_dir


def inform(parent: QWidget | None, title: str, text: str) -> None:
    messages.bridge().show(Kind.INFO, parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    messages.bridge().show(Kind.WARNING, parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, *, default_yes: bool = True) -> bool:
    """A yes/no question with our own (translated) button words."""
    return messages.bridge().ask(parent, title, text, default_yes=default_yes)


def ask_text(parent: QWidget | None, title: str, label: str, secret: bool = False) -> str | None:
    """One line of text (a reason, a PIN) with our own button words; None when cancelled."""
    return messages.bridge().ask_text(parent, title, label, secret=secret)


def show_refusal(parent: QWidget | None, error: EwarongError) -> None:
    title = QCoreApplication.translate("Errors", "Tidak dapat dilakukan")
    warn(parent, title, error.message(i18n.current()))


def write_log(detail: str) -> Path | None:
    return None if _log_dir is None else write_crash_log(_log_dir, detail, "gui-crash")


def show_bug(parent: QWidget | None, exc: BaseException) -> Path | None:
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", detail)
    path = write_log(detail)
    where = f"\n\n{path}" if path else ""
    messages.bridge().show(
        Kind.CRITICAL,
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
    elif isinstance(exc, OSError):  # the environment failed: said as every file problem is
        show_refusal(parent, FileProblem.from_os_error(exc))
    else:
        show_bug(parent, exc)


def install_excepthook() -> None:
    """An exception escaping a slot shows the polite dialog instead of killing the window."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
