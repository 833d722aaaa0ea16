"""Daftarkan: open an e-warong's enrolment file, type the fingerprint the e-warong reads out by
phone, see at once whether it matches, and enrol the key (`district.enrolment.enrol`), or,
for an e-warong enrolled with another key, replace it with a reason (`replace_key`): the
same services as `ewarong-district enrol [--replace]`.

The file's own fingerprint is never shown before the officer has typed one (as the command
line: the officer must hear it from the e-warong, not copy it from the file).

Keyboard: Ctrl+O opens a file; Enter in the fingerprint enrols when it matches (or goes to
the reason for a replacement); Enter in the reason replaces the key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.enrolment import (
    EnrolmentPreview,
    EnrolResult,
    FingerprintMatch,
    enrol,
    preview_enrolment,
    replace_key,
)
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.district_gui.text import plain
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui.files import choose_file_to_open
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    card_frame,
    figure_label,
    heading,
    message_line,
)


class EnrolPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Daftarkan e-warong")
    topics = frozenset({DeskTopic.WARONGS})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.preview: EnrolmentPreview | None = None
        self.heading = heading(self)
        self.steps = message_line(self)
        self.steps.setStyleSheet(MUTED_STYLE)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("enrolOpen")
        self.open_button.clicked.connect(self.choose_file)
        self.path = message_line(self)
        self.path.setObjectName("enrolPath")

        self.card = card_frame(self)
        self.captions = [QLabel(self.card) for _ in range(6)]
        self.values = [figure_label(self.card, 12) for _ in range(6)]
        card_form = QFormLayout(self.card)
        for caption, value in zip(self.captions, self.values, strict=True):
            caption.setStyleSheet(MUTED_STYLE)
            card_form.addRow(caption, value)
        self.standing = message_line(self.card)
        self.standing.setObjectName("enrolStanding")
        card_form.addRow(self.standing)

        self.fingerprint_label = QLabel(self)
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setObjectName("enrolFingerprint")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(max(14, QFont(self.font()).pointSize() + 4))
        self.fingerprint.setFont(mono)
        self.fingerprint.setMaxLength(64)
        self.fingerprint.textChanged.connect(lambda _t: self._check())
        self.fingerprint.returnPressed.connect(self._enter_in_fingerprint)
        self.fingerprint_label.setBuddy(self.fingerprint)
        self.match = figure_label(self, 13)
        self.match.setObjectName("enrolMatch")
        self.match.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("enrolReason")
        self.reason.textChanged.connect(lambda _t: self._check())
        self.reason.returnPressed.connect(self.submit)
        self.reason_label.setBuddy(self.reason)
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("enrolSubmit")
        self.submit_button.clicked.connect(self.submit)
        self.message = message_line(self)
        self.message.setObjectName("enrolMessage")

        opener = QHBoxLayout()
        opener.addWidget(self.open_button)
        opener.addWidget(self.path, 1)
        form = QFormLayout()
        form.addRow(self.fingerprint_label, self.fingerprint)
        form.addRow("", self.match)
        form.addRow(self.reason_label, self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addWidget(self.steps)
        column.addLayout(opener)
        column.addWidget(self.card)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addStretch(1)
        # A readable column on a wide screen: a fingerprint is 19 characters, not 1,100 px.
        outer = QHBoxLayout(self)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(820)
        outer.addWidget(holder, 1)
        outer.addStretch(0)
        plain(self.path, *self.values, self.standing, self.match, self.message)
        QShortcut(QKeySequence.StandardKey.Open, self, self.choose_file)
        self.retranslate()

    def activate(self) -> None:
        """Brought to the front: the keyboard opens a file, or types into the open one's
        fingerprint."""
        super().activate()
        (self.fingerprint if self.preview is not None else self.open_button).setFocus()

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Daftarkan kunci e-warong"))
        self.steps.setText(
            self.tr(
                "1. Buka berkas enrolmen yang dibawa e-warong (ewarong-KODE.enrol.json).\n"
                "2. Telepon atau temui e-warong dan minta mereka membacakan sidik jari kunci "
                "dari aplikasinya.\n"
                "3. Ketik sidik jari itu di bawah. Hanya bila cocok, e-warong bisa didaftarkan."
            )
        )
        self.open_button.setText(self.tr("Buka berkas enrolmen… (Ctrl+O)"))
        for label, text in zip(
            self.captions,
            (
                self.tr("Kode"),
                self.tr("Nama"),
                self.tr("Desa"),
                self.tr("Kecamatan"),
                self.tr("Kabupaten"),
                self.tr("Epoch kunci"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.fingerprint_label.setText(self.tr("&Sidik jari yang dibacakan:"))
        self.fingerprint.setPlaceholderText("abcd ef01 2345 6789")
        self.reason_label.setText(self.tr("&Alasan ganti kunci:"))
        self.reason.setPlaceholderText(self.tr("mis. laptop dicuri, laptop diinstal ulang"))
        self._show_preview()

    def refresh(self) -> None:
        """The file is looked up again (another page may have enrolled its code)."""
        super().refresh()
        if self.preview is not None:
            self.open_file(self.preview.path, quiet=True)

    # --- the file ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = choose_file_to_open(
            self,
            self.tr("Buka berkas enrolmen"),
            self.tr("Berkas enrolmen (*.enrol.json *.json);;Semua berkas (*)"),
        )
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path, *, quiet: bool = False) -> None:
        engine = self.desk.engine
        found = self.desk.perform(
            self, lambda: preview_enrolment(engine, path), refused=self._refused
        )
        if found is None:
            self.preview = None
            self.path.setText(str(path))
            self._show_preview()
            return
        if not quiet:
            self.message.clear()
            self.fingerprint.clear()
            self.reason.clear()
        self.preview = found
        self.path.setText(str(path))
        self._show_preview()
        if not quiet:
            self.fingerprint.setFocus()

    def _show_preview(self) -> None:
        p = self.preview
        self.card.setVisible(p is not None)
        for widget in (self.fingerprint_label, self.fingerprint, self.match):
            widget.setVisible(p is not None)
        if p is None:
            self.reason_label.setVisible(False)
            self.reason.setVisible(False)
            self.submit_button.setVisible(False)
            if not self.path.text():
                self.path.setText(self.tr("Belum ada berkas dibuka."))
            return
        for label, text in zip(
            self.values,
            (p.code, p.name, p.desa, p.kecamatan, p.kabupaten, str(p.epoch)),
            strict=True,
        ):
            label.setText(text)
        if p.is_new:
            self.standing.setStyleSheet("")
            self.standing.setText(self.tr("Belum terdaftar di kabupaten."))
        elif p.same_key:
            self.standing.setStyleSheet(OK_STYLE)
            self.standing.setText(
                self.tr(
                    "Sudah terdaftar dengan kunci ini (epoch {0}): tidak perlu apa-apa."
                ).format(p.enrolled_epoch)
            )
        else:
            self.standing.setStyleSheet("color: #b35c00; font-weight: bold;")
            self.standing.setText(
                self.tr(
                    "Sudah terdaftar dengan kunci lain (epoch {0}). Berkas ini kunci baru: "
                    "ganti kunci hanya bila e-warong memang membuat kunci baru, dan tulis "
                    "alasannya. Bundel dari kunci lama tidak diterima lagi."
                ).format(p.enrolled_epoch)
            )
        self.reason_label.setVisible(p.needs_replace)
        self.reason.setVisible(p.needs_replace)
        self.submit_button.setVisible(not p.same_key)
        self.submit_button.setText(
            self.tr("Ganti kunci") if p.needs_replace else self.tr("Daftarkan")
        )
        self._check()

    # --- the fingerprint --------------------------------------------------------------------
    def _check(self) -> None:
        p = self.preview
        if p is None:
            return
        typed = self.fingerprint.text()
        state = p.match(typed)
        if state == FingerprintMatch.EMPTY:
            self.match.setStyleSheet(MUTED_STYLE)
            self.match.setText(self.tr("Ketik sidik jari yang dibacakan e-warong."))
        elif state == FingerprintMatch.INCOMPLETE:
            self.match.setStyleSheet(MUTED_STYLE)
            self.match.setText(
                self.tr("Baru {0} dari {1} karakter.").format(p.typed_length(typed), p.digits)
            )
        elif state == FingerprintMatch.MATCH:
            self.match.setStyleSheet(OK_STYLE)
            self.match.setText(self.tr("✓ Cocok: sidik jari sama dengan berkas."))
        else:
            self.match.setStyleSheet(ERROR_STYLE)
            self.match.setText(
                self.tr(
                    "✗ Tidak cocok: sidik jari berbeda dengan berkas. Jangan daftarkan; periksa "
                    "ketikan, atau hubungi e-warong lagi (berkas bisa saja bukan dari mereka)."
                )
            )
        ready = state == FingerprintMatch.MATCH and not p.same_key
        if p.needs_replace:
            ready = ready and bool(self.reason.text().strip())
        self.submit_button.setEnabled(ready)

    def _enter_in_fingerprint(self) -> None:
        p = self.preview
        if p is not None and p.needs_replace and not self.reason.text().strip():
            self.reason.setFocus()
            return
        self.submit()

    def submit(self) -> None:
        p = self.preview
        if p is None or not self.submit_button.isEnabled():
            return
        engine, typed, reason = self.desk.engine, self.fingerprint.text(), self.reason.text()
        if p.needs_replace:
            done: EnrolResult | None = self.desk.perform(
                self,
                lambda: replace_key(engine, p.path, typed, reason),
                changes=[DeskTopic.WARONGS],
                refused=self._refused,
            )
            text = self.tr(
                "Kunci {0} diganti: epoch {1}, sidik jari {2}. Bundel dari kunci lama tidak "
                "diterima lagi."
            )
        else:
            done = self.desk.perform(
                self,
                lambda: enrol(engine, p.path, typed),
                changes=[DeskTopic.WARONGS],
                refused=self._refused,
            )
            text = self.tr("Terdaftar: {0} ({3}), epoch {1}, sidik jari {2}.")
        if done is None:
            return
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text.format(done.code, done.epoch, done.fingerprint, done.name))
        self.open_file(p.path, quiet=True)

    def _refused(self, error: EwarongError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.desk.text(error))
