"""Enrol the Dinas Sosial's key: open its key file, type the fingerprint read out by phone,
see whether they match, enrol.

The file's own fingerprint is not shown before the typed one matches: the check is that the
person on the phone and the file agree, not that the admin copies the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.files import choose_file_to_open
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, heading
from ewarong_desktop.services import district_reply

DistrictKey = district_reply.DistrictKey


class DistrictKeyDialog(QDialog):
    def __init__(
        self, state: AppState, found: list[Path], start: Path | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.start_folder = start
        self.key: DistrictKey | None = None
        self.enrolled: DistrictKey | None = None
        self.setWindowTitle(self.tr("Daftarkan kunci Dinas Sosial"))
        self.setMinimumWidth(620)
        self.title = heading(self, 12)
        self.title.setText(self.tr("Kunci Dinas Sosial"))
        self.explain = QLabel(
            self.tr(
                "Dinas memberikan berkas kuncinya (dinas-….district.json) dan membacakan sidik "
                "jarinya lewat telepon. Setelah didaftarkan, setiap bundel dienkripsi sehingga "
                "hanya Dinas yang bisa membacanya, dan balasan Dinas bisa diperiksa."
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.file_label = QLabel(self.tr("&Berkas kunci:"), self)
        self.files = QComboBox(self)
        self.files.setObjectName("districtKeyFile")
        self.file_label.setBuddy(self.files)
        for path in found:
            self.files.addItem(path.name, str(path))
        self.files.currentIndexChanged.connect(lambda _i: self._read())
        self.browse = QPushButton(self.tr("Pilih berkas…"), self)
        self.browse.setObjectName("districtKeyBrowse")
        self.browse.clicked.connect(self.choose_file)
        self.office = QLabel(self)
        self.office.setObjectName("districtKeyOffice")
        self.office.setWordWrap(True)
        self.typed_label = QLabel(self.tr("&Sidik jari yang dibacakan Dinas:"), self)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("districtKeyFingerprint")
        self.typed.setPlaceholderText("abcd ef01 2345 6789")
        self.typed_label.setBuddy(self.typed)
        self.typed.textChanged.connect(lambda _t: self._check())
        self.verdict = QLabel(self)
        self.verdict.setObjectName("districtKeyVerdict")
        self.verdict.setWordWrap(True)
        self.enrol_button = QPushButton(self.tr("&Daftarkan"), self)
        self.enrol_button.setObjectName("districtKeyEnrol")
        self.enrol_button.clicked.connect(self.enrol)
        cancel = QPushButton(self.tr("Batal"), self)
        cancel.clicked.connect(self.reject)
        for button in (self.browse, self.enrol_button, cancel):
            button.setAutoDefault(False)
        grid = QGridLayout()
        grid.addWidget(self.file_label, 0, 0)
        grid.addWidget(self.files, 0, 1)
        grid.addWidget(self.browse, 0, 2)
        grid.addWidget(self.office, 1, 1, 1, 2)
        grid.addWidget(self.typed_label, 2, 0)
        grid.addWidget(self.typed, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._read()

    def choose_file(self) -> None:
        path = choose_file_to_open(
            self,
            self.tr("Pilih berkas kunci Dinas"),
            self.tr("Kunci Dinas (*.district.json);;Semua berkas (*)"),
            self.start_folder,
        )
        if path is None:
            return
        self.files.addItem(path.name, str(path))
        self.files.setCurrentIndex(self.files.count() - 1)

    def path(self) -> Path | None:
        chosen = self.files.currentData()
        return Path(chosen) if chosen else None

    def _read(self) -> None:
        path = self.path()
        self.key = None
        if path is None:
            self.office.setStyleSheet(MUTED_STYLE)
            self.office.setText(
                self.tr("Tidak ada berkas kunci Dinas di flashdisk ini: tekan Pilih berkas.")
            )
        else:
            try:
                self.key = district_reply.read_district_key(path)
            except EwarongError as exc:
                self.office.setStyleSheet(ERROR_STYLE)
                self.office.setText(
                    self.tr("Berkas ini tidak bisa dipakai: {0}").format(self.state.text(exc))
                )
            else:
                self.office.setStyleSheet("")
                self.office.setText(
                    self.tr("{0}, Kabupaten {1}").format(self.key.office, self.key.kabupaten)
                )
        self._check()

    def _check(self) -> None:
        typed = self.typed.text()
        matched = self.key is not None and district_reply.fingerprint_matches(self.key, typed)
        self.enrol_button.setEnabled(matched)
        digits = sum(1 for c in typed if c.isalnum())
        if self.key is None:
            self.verdict.setStyleSheet(MUTED_STYLE)
            self.verdict.setText("")
        elif matched:
            self.verdict.setStyleSheet(OK_STYLE)
            self.verdict.setText(
                self.tr("Cocok: sidik jari sama dengan berkas ini. Tekan Daftarkan.")
            )
        elif digits < 16:
            self.verdict.setStyleSheet(MUTED_STYLE)
            self.verdict.setText(
                self.tr(
                    "Ketik sidik jari yang dibacakan petugas Dinas: 16 huruf dan angka "
                    "(sudah {0}). Spasi dan tanda hubung boleh."
                ).format(digits)
            )
        else:
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.verdict.setText(
                self.tr(
                    "Tidak cocok: berkas ini bukan kunci yang dibacakan Dinas. Jangan "
                    "didaftarkan; periksa ketikan atau telepon Dinas lagi."
                )
            )

    def enrol(self) -> None:
        path = self.path()
        if path is None or self.key is None:
            return
        ctx, typed = self.state.ctx, self.typed.text()
        enrolled = perform(
            self, self.state, lambda: district_reply.enrol_district_key(ctx, path, typed)
        )
        if enrolled is not None:
            self.enrolled = enrolled
            self.accept()
