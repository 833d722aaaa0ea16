"""Choosing a file or a folder in the operator's language.

Qt ships no Indonesian translation of its own file dialog ("Look in", "File name", "Open"),
so where the system offers its own dialog (Windows, a desktop portal) that one is used, in
the system's language; where Qt must draw its own, every label and button is set here, in
ours. `i18n` loads Qt's own catalogue for a language when one exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


def _words(dialog: QFileDialog, accept: str) -> None:
    label = QFileDialog.DialogLabel
    dialog.setLabelText(label.LookIn, QCoreApplication.translate("Files", "Cari di:"))
    dialog.setLabelText(label.FileName, QCoreApplication.translate("Files", "Nama berkas:"))
    dialog.setLabelText(label.FileType, QCoreApplication.translate("Files", "Jenis berkas:"))
    dialog.setLabelText(label.Accept, accept)
    dialog.setLabelText(label.Reject, QCoreApplication.translate("Files", "Batal"))


def _run(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen else None


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    dialog = QFileDialog(parent, title, str(start or Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    _words(dialog, QCoreApplication.translate("Files", "Pilih folder ini"))
    return _run(dialog)


def choose_file_to_open(
    parent: QWidget | None, title: str, filters: str, start: Path | None = None
) -> Path | None:
    dialog = QFileDialog(parent, title, str(start or Path.home()), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    _words(dialog, QCoreApplication.translate("Files", "Buka"))
    return _run(dialog)


def choose_file_to_save(
    parent: QWidget | None, title: str, filters: str, start: Path
) -> Path | None:
    dialog = QFileDialog(parent, title, str(start), filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    _words(dialog, QCoreApplication.translate("Files", "Simpan"))
    return _run(dialog)
