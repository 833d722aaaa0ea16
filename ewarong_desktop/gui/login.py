"""Login and the idle lock: operator name and PIN, checked by the service (locks after 5 tries)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError, InvalidInput
from ewarong_desktop.gui import i18n
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, heading

if TYPE_CHECKING:  # the login screen shows before SQLAlchemy and the services are loaded
    from ewarong_desktop.services.context import Actor

# Checks a name and PIN: the Actor, or None when the window must close instead (the store
# could not be opened, or the clock was refused); raises EwarongError for a wrong PIN.
LoginCheck = Callable[[str, str], "Actor | None"]
# Changes a PIN at login (name, current PIN, new PIN): the Actor with no change due.
PinChange = Callable[[str, str, str], "Actor"]


class LoginDialog(QDialog):
    """Name (the list of active operators, nothing else to type) and PIN; Enter logs in.

    As the idle lock (`locked_by`), there is no way out but a PIN: no quit button beside
    "Masuk", no Esc, no title-bar close. An admin whose PIN is shorter than the rule now
    asks (6 digits) gets a second step in the same dialog: a new PIN, typed twice, before
    the window opens.
    """

    def __init__(
        self,
        check: LoginCheck,
        names: list[str],
        warong_name: str = "",
        locked_by: str | None = None,
        parent: QWidget | None = None,
        change_pin: PinChange | None = None,
        last: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.check, self.locked_by = check, locked_by
        self.change_pin = change_pin
        self.actor: Actor | None = None
        self._changing: tuple[str, str] | None = None  # (name, old PIN) in the change step
        self.setMinimumWidth(420)
        self.title = heading(self, 14)
        self.subtitle = QLabel(warong_name, self)
        self.name = QComboBox(self)
        self.name.setObjectName("loginName")
        self.name.setEditable(not names)  # only a store without a list asks for a typed name
        self.name.addItems(names)
        chosen = locked_by or last  # the one at the lock, else who logged in last
        if chosen and chosen in names:
            self.name.setCurrentIndex(names.index(chosen))
        self.pin = QLineEdit(self)
        self.pin.setObjectName("loginPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.try_login)
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.ok = QPushButton(self)
        # Enter in the PIN field logs in once; a default button would try the PIN twice.
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(self.try_login)
        self.quit = QPushButton(self)
        self.quit.setObjectName("loginQuit")
        self.quit.setAutoDefault(False)
        self.quit.clicked.connect(self.reject)
        self.quit.setVisible(not locked_by)
        if locked_by:
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.new_pin, self.new_pin_again = QLineEdit(self), QLineEdit(self)
        self.new_pin.setObjectName("loginNewPin")
        self.new_pin_again.setObjectName("loginNewPinAgain")
        for field in (self.new_pin, self.new_pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.returnPressed.connect(self.new_pin_again.setFocus)
        self.new_pin_again.returnPressed.connect(self.try_login)
        self.form = QFormLayout()
        self.name_label, self.pin_label = QLabel(self), QLabel(self)
        self.new_pin_label, self.new_pin_again_label = QLabel(self), QLabel(self)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.pin_label, self.pin)
        self.form.addRow(self.new_pin_label, self.new_pin)
        self.form.addRow(self.new_pin_again_label, self.new_pin_again)
        for field in (self.new_pin, self.new_pin_again):
            self.form.setRowVisible(field, False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        (self.pin if names else self.name).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Masuk - e-Warong"))
        self.title.setText(self.tr("Layar terkunci") if self.locked_by else self.tr("Masuk"))
        if self._changing is not None:
            self.title.setText(self.tr("Ganti PIN admin"))
        self.name_label.setText(self.tr("Nama operator:"))
        self.pin_label.setText(self.tr("PIN:"))
        self.new_pin_label.setText(self.tr("PIN baru (6-12 angka):"))
        self.new_pin_again_label.setText(self.tr("Ulangi PIN baru:"))
        self.ok.setText(self.tr("Simpan PIN") if self._changing else self.tr("Masuk"))
        self.quit.setText(self.tr("Batal"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        if self.locked_by:
            return  # a locked screen is left by a PIN, not by Esc or the title bar's x
        super().reject()

    def try_login(self) -> None:
        if self._changing is not None:
            self._save_new_pin()
            return
        name, pin = self.name.currentText(), self.pin.text()
        try:
            actor = self.check(name, pin)
        except EwarongError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message(i18n.current()))
            self.pin.clear()
            self.pin.setFocus()
            return
        if actor is None:
            self.reject()
            return
        if actor.pin_change_due and self.change_pin is not None:
            self._ask_new_pin(name, pin)
            return
        self.actor = actor
        self.accept()

    def _ask_new_pin(self, name: str, pin: str) -> None:
        """The PIN was right but too short for an admin now: a new one before going on."""
        self._changing = (name, pin)
        self.name.setEnabled(False)
        self.form.setRowVisible(self.pin, False)
        for field in (self.new_pin, self.new_pin_again):
            self.form.setRowVisible(field, True)
        self.retranslate()
        self.say(
            self.tr("PIN admin sekarang paling sedikit 6 angka. Buat PIN baru untuk {0}.").format(
                name
            )
        )
        self.new_pin.setFocus()

    def _save_new_pin(self) -> None:
        assert self._changing is not None and self.change_pin is not None
        new, again = self.new_pin.text().strip(), self.new_pin_again.text().strip()
        try:
            if new != again:
                raise InvalidInput("Kedua PIN tidak sama.", "The two PINs differ.")
            actor = self.change_pin(self._changing[0], self._changing[1], new)
        except EwarongError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message(i18n.current()))
            self.new_pin.clear()
            self.new_pin_again.clear()
            self.new_pin.setFocus()
            return
        self.actor = actor
        self.accept()

    def say(self, text: str) -> None:
        """A word under the fields while the login waits (the store still opening): news,
        not an error, so not in red."""
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText(text)


class IdleWatcher(QObject):
    """Calls `on_idle` after `minutes` with no key press or mouse click anywhere in the app."""

    def __init__(
        self, minutes: float, on_idle: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(on_idle)
        self.enabled = minutes > 0

    def start(self) -> None:
        if self.enabled:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.timer.isActive() and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
        ):
            self.timer.start()
        return False
