"""First run on an empty data folder: the e-warong profile, the admin PIN, then the key's
fingerprint to read out to the district office. Enter moves on; nothing is written until the
last step, and then all at once (the service makes store, admin and key together)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError, InvalidInput
from ewarong_desktop.domain.states import Role
from ewarong_desktop.gui import i18n
from ewarong_desktop.gui.widgets import ERROR_STYLE, heading
from ewarong_desktop.services.operators import validate_pin
from ewarong_desktop.services.profile import ProfileInput
from ewarong_desktop.services.setup import SetupResult, initialise


class SetupWizard(QDialog):
    def __init__(self, data_dir: Path, lang: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.lang = Path(data_dir), lang
        self.result_: SetupResult | None = None
        self.setMinimumSize(560, 440)
        self.title = heading(self, 15)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.language = QComboBox(self)
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if lang == "en" else 0)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.steps = QStackedWidget(self)
        self.step_list = QLabel(self)  # every step, the current one in bold
        self.step_list.setObjectName("setupSteps")
        self.step_list.setTextFormat(Qt.TextFormat.RichText)

        profile = QWidget(self)
        self.code, self.name = QLineEdit(profile), QLineEdit(profile)
        self.desa, self.kecamatan = QLineEdit(profile), QLineEdit(profile)
        self.kabupaten, self.area_code = QLineEdit(profile), QLineEdit(profile)
        for field, object_name in (
            (self.code, "setupCode"),
            (self.name, "setupName"),
            (self.desa, "setupDesa"),
            (self.kecamatan, "setupKecamatan"),
            (self.kabupaten, "setupKabupaten"),
            (self.area_code, "setupArea"),
        ):
            field.setObjectName(object_name)
        self.profile_labels = [QLabel(profile) for _ in range(6)]
        pf = QFormLayout(profile)
        for label, field in zip(
            self.profile_labels,
            (self.code, self.name, self.desa, self.kecamatan, self.kabupaten, self.area_code),
            strict=True,
        ):
            pf.addRow(label, field)

        admin = QWidget(self)
        self.admin_name = QLineEdit("admin", admin)
        self.admin_name.setObjectName("setupAdminName")
        self.pin, self.pin_again = QLineEdit(admin), QLineEdit(admin)
        self.pin.setObjectName("setupPin")
        self.pin_again.setObjectName("setupPinAgain")
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_labels = [QLabel(admin) for _ in range(3)]
        af = QFormLayout(admin)
        for label, field in zip(
            self.admin_labels, (self.admin_name, self.pin, self.pin_again), strict=True
        ):
            af.addRow(label, field)

        done = QWidget(self)
        self.done_text = QLabel(done)
        self.done_text.setWordWrap(True)
        self.fingerprint = QLabel(done)
        self.fingerprint.setObjectName("setupFingerprint")
        font = self.fingerprint.font()
        font.setPointSize(16)
        font.setBold(True)
        font.setFamily("DejaVu Sans Mono")
        self.fingerprint.setFont(font)
        dv = QVBoxLayout(done)
        dv.addWidget(self.done_text)
        dv.addWidget(self.fingerprint)
        dv.addStretch(1)

        self.chains = (
            [self.code, self.name, self.desa, self.kecamatan, self.kabupaten, self.area_code],
            [self.admin_name, self.pin, self.pin_again],
        )
        for chain in self.chains:
            for i, field in enumerate(chain):
                following = chain[i + 1] if i + 1 < len(chain) else None
                field.returnPressed.connect(
                    lambda nxt=following: nxt.setFocus() if nxt is not None else self._next_later()
                )
        for page in (profile, admin, done):
            self.steps.addWidget(page)
        self.message = QLabel(self)
        self.message.setObjectName("setupMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.go_back)
        self.next = QPushButton(self)
        self.next.setObjectName("setupNext")
        # Enter is handled per field (next field, then next step), never by a default button.
        for button in (self.back, self.next):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.next.clicked.connect(self.go_next)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.step_list)
        layout.addWidget(self.intro)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self._show_step(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Penyiapan awal e-Warong"))
        step = self.steps.currentIndex()
        titles = (
            self.tr("1. Profil e-warong"),
            self.tr("2. Admin dan PIN"),
            self.tr("3. Sidik jari kunci"),
        )
        self.title.setText(titles[max(step, 0)])
        self.step_list.setText(
            "  ›  ".join(
                f"<b>{title}</b>"
                if i == max(step, 0)
                else f"<span style='color:#5f6368'>{title}</span>"
                for i, title in enumerate(titles)
            )
        )
        self.intro.setText(
            (
                self.tr("Isi data e-warong seperti yang terdaftar di Dinas Sosial."),
                self.tr(
                    "Admin mengurus pengaturan, operator, besaran bantuan dan pembatalan. "
                    "PIN admin 6 sampai 12 angka."
                ),
                "",
            )[max(step, 0)]
        )
        for label, text in zip(
            self.profile_labels,
            (
                self.tr("Kode e-warong:"),
                self.tr("Nama e-warong:"),
                self.tr("Desa:"),
                self.tr("Kecamatan:"),
                self.tr("Kabupaten:"),
                self.tr("Kode wilayah (boleh kosong):"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.code.setPlaceholderText(self.tr("mis. LTM-SKP-01"))
        self.area_code.setPlaceholderText(self.tr("mis. 18.07.12.2001"))
        for label, text in zip(
            self.admin_labels,
            (self.tr("Nama admin:"), self.tr("PIN admin:"), self.tr("Ulangi PIN:")),
            strict=True,
        ):
            label.setText(text)
        self.done_text.setText(
            self.tr(
                "Data e-warong sudah dibuat. Kunci tanda tangan untuk berkas sinkron juga "
                "sudah dibuat; bacakan sidik jari ini kepada Dinas Sosial saat pendaftaran:"
            )
        )
        self.back.setText(self.tr("Kembali"))
        self.next.setText(
            self.tr("Mulai", "button: start using the app") if step == 2 else self.tr("Lanjut")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.code, self.pin, self.next)[self.steps.currentIndex()].setFocus()

    def _language_chosen(self) -> None:
        self.lang = i18n.switch(self.language.currentData())

    def _show_step(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back.setVisible(step == 1)
        self.message.clear()
        self.retranslate()
        (self.code, self.pin, self.next)[step].setFocus()
        if step == 1 and self.pin.text():
            self.pin.selectAll()

    def profile_input(self) -> ProfileInput:
        return ProfileInput(
            code=self.code.text(),
            name=self.name.text(),
            desa=self.desa.text(),
            kecamatan=self.kecamatan.text(),
            kabupaten=self.kabupaten.text(),
            area_code=self.area_code.text().strip() or None,
        )

    def _next_later(self) -> None:
        """Enter in a step's last field: move on once this key press is over. The line edit
        passes its Enter on to the dialog too, and on the fingerprint step that Enter would
        start the app before the fingerprint was ever seen."""
        QTimer.singleShot(0, self.go_next)

    def go_back(self) -> None:
        self._show_step(0)

    def go_next(self) -> None:
        step = self.steps.currentIndex()
        try:
            if step == 0:
                self.profile_input().cleaned()
                self._show_step(1)
            elif step == 1:
                pin = validate_pin(self.pin.text(), Role.ADMIN)
                if pin != self.pin_again.text().strip():
                    raise InvalidInput("Kedua PIN tidak sama.", "The two PINs differ.")
                self.result_ = initialise(
                    self.data_dir, self.profile_input(), pin, self.admin_name.text().strip()
                )
                self.fingerprint.setText(self.result_.fingerprint)
                self._show_step(2)
            else:
                self.accept()
        except EwarongError as exc:
            self.message.setText(exc.message(self.lang))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc must not throw away what was typed; Enter on the last step starts the app.
        step = self.steps.currentIndex()
        if event.key() == Qt.Key.Key_Escape and step < 2:
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if step == 2:
                self.go_next()
            return
        super().keyPressEvent(event)
