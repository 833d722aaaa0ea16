"""Pengaturan: the district's entitlement rates (`district.rates`, as `ewarong-district rates
[add]`) and the own-source target (`district.target`, as `ewarong-district target`).

A rate that starts in a month already past, or in a month with redemptions, changes what the
district reported: as `rates add` without `--yes`, the page says which months' over-entitlement
flags change and asks before anything is recorded.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.rates import (
    AddedRate,
    PastChange,
    StoredRate,
    add_rate,
    describe_rate,
    list_rates,
    past_months_changed,
)
from ewarong_desktop.district.target import Target, list_targets, set_target
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.month_picker import MonthPicker
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.district_gui.text import plain
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.money import parse_rupiah
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp
from ewarong_desktop.gui.errors import ask
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, heading, message_line

RATE_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Besaran"),
        lambda r: fmt.rupiah(r.rate.amount),
        sort=lambda r: r.rate.amount,
        align_right=True,
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Mulai"),
        lambda r: fmt.month(r.rate.valid_from),
        sort=lambda r: r.rate.valid_from,
        width=120,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Sampai"),
        lambda r: fmt.month(r.rate.valid_until) if r.rate.valid_until else "–",
        sort=lambda r: r.rate.valid_until,
        width=120,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Catatan"), lambda r: r.note or "", width=None),
)
TARGET_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Target"),
        lambda t: f"{t.percent}%",
        sort=lambda t: t.percent,
        align_right=True,
        width=70,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Mulai"),
        lambda t: fmt.month(t.valid_from),
        sort=lambda t: t.valid_from,
        width=120,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Catatan"), lambda t: t.note or "", width=None),
)


class DeskSettingsPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Pengaturan")
    topics = frozenset({DeskTopic.RATES, DeskTopic.TARGET})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.job: BackgroundOp | None = None
        self.heading = heading(self)

        # -- rates
        self.rates_box = QGroupBox(self)
        self.rates = TableBundle(RATE_COLUMNS, self.rates_box)
        self.rates.view.setObjectName("settingsRates")
        self.rates_about = message_line(self.rates_box)
        self.rates_about.setStyleSheet(MUTED_STYLE)
        self.amount_label, self.rate_from_label, self.rate_note_label = (
            QLabel(self.rates_box),
            QLabel(self.rates_box),
            QLabel(self.rates_box),
        )
        self.amount = QLineEdit(self.rates_box)
        self.amount.setObjectName("settingsRateAmount")
        self.amount.returnPressed.connect(self.add_rate)
        # A new rate is usually for a month to come; a past one is asked about.
        self.rate_from = MonthPicker(self.rates_box, Period.of(date.today()).next())
        self.rate_from.setObjectName("settingsRateFrom")
        self.rate_note = QLineEdit(self.rates_box)
        self.rate_note.setObjectName("settingsRateNote")
        self.rate_note.returnPressed.connect(self.add_rate)
        for label, field in (
            (self.amount_label, self.amount),
            (self.rate_from_label, self.rate_from),
            (self.rate_note_label, self.rate_note),
        ):
            label.setBuddy(field)
        self.add_rate_button = QPushButton(self.rates_box)
        self.add_rate_button.setObjectName("settingsAddRate")
        self.add_rate_button.clicked.connect(self.add_rate)
        self.rate_message = message_line(self.rates_box)
        self.rate_message.setObjectName("settingsRateMessage")
        rate_form = QFormLayout()
        rate_form.addRow(self.amount_label, self.amount)
        rate_form.addRow(self.rate_from_label, self.rate_from)
        rate_form.addRow(self.rate_note_label, self.rate_note)
        rate_button = QHBoxLayout()
        rate_button.addStretch(1)
        rate_button.addWidget(self.add_rate_button)
        rates_layout = QVBoxLayout(self.rates_box)
        rates_layout.addWidget(self.rates.view, 1)
        rates_layout.addWidget(self.rates_about)
        rates_layout.addLayout(rate_form)
        rates_layout.addLayout(rate_button)
        rates_layout.addWidget(self.rate_message)

        # -- target
        self.target_box = QGroupBox(self)
        self.targets = TableBundle(TARGET_COLUMNS, self.target_box)
        self.targets.view.setObjectName("settingsTargets")
        self.target_about = message_line(self.target_box)
        self.target_about.setStyleSheet(MUTED_STYLE)
        self.percent_label, self.target_from_label, self.target_note_label = (
            QLabel(self.target_box),
            QLabel(self.target_box),
            QLabel(self.target_box),
        )
        self.percent = QSpinBox(self.target_box)
        self.percent.setObjectName("settingsTargetPercent")
        self.percent.setRange(1, 100)
        self.percent.setValue(60)
        self.percent.setSuffix("%")
        self.target_from = MonthPicker(self.target_box)
        self.target_from.setObjectName("settingsTargetFrom")
        self.target_note = QLineEdit(self.target_box)
        self.target_note.setObjectName("settingsTargetNote")
        self.target_note.returnPressed.connect(self.save_target)
        target_fields: tuple[tuple[QLabel, QWidget], ...] = (
            (self.percent_label, self.percent),
            (self.target_from_label, self.target_from),
            (self.target_note_label, self.target_note),
        )
        for label, buddy in target_fields:
            label.setBuddy(buddy)
        self.target_button = QPushButton(self.target_box)
        self.target_button.setObjectName("settingsSaveTarget")
        self.target_button.clicked.connect(self.save_target)
        self.target_message = message_line(self.target_box)
        self.target_message.setObjectName("settingsTargetMessage")
        target_form = QFormLayout()
        target_form.addRow(self.percent_label, self.percent)
        target_form.addRow(self.target_from_label, self.target_from)
        target_form.addRow(self.target_note_label, self.target_note)
        target_button = QHBoxLayout()
        target_button.addStretch(1)
        target_button.addWidget(self.target_button)
        target_layout = QVBoxLayout(self.target_box)
        target_layout.addWidget(self.targets.view, 1)
        target_layout.addWidget(self.target_about)
        target_layout.addLayout(target_form)
        target_layout.addLayout(target_button)
        target_layout.addWidget(self.target_message)

        plain(self.rate_message, self.target_message)
        boxes = QHBoxLayout()
        boxes.addWidget(self.rates_box, 3)
        boxes.addWidget(self.target_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(boxes, 1)
        self.retranslate()

    def activate(self) -> None:
        """Brought to the front: the keyboard is on the new rate's amount."""
        super().activate()
        self.amount.setFocus()

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Pengaturan kabupaten"))
        self.rates_box.setTitle(self.tr("Besaran bantuan per KPM per bulan"))
        self.rates_about.setText(
            self.tr(
                "Dipakai untuk tanda KPM melebihi hak. Besaran baru harus mulai sesudah "
                "besaran terakhir; besaran yang berlaku ditutup sebulan sebelumnya. Besaran "
                "yang sudah dicatat tidak bisa diubah di sini: periksa sebelum menyimpan. "
                "Laptop e-warong memakai besarannya sendiri."
            )
        )
        self.amount_label.setText(self.tr("&Besaran baru:"))
        self.amount.setPlaceholderText(self.tr("mis. 250.000"))
        self.rate_from_label.setText(self.tr("&Mulai bulan:"))
        self.rate_note_label.setText(self.tr("&Catatan:"))
        self.rate_note.setPlaceholderText(self.tr("mis. dasar keputusan (SK Mensos …)"))
        self.add_rate_button.setText(self.tr("Tambah besaran"))
        self.target_box.setTitle(self.tr("Target porsi sumber sendiri"))
        self.target_about.setText(
            self.tr(
                "Porsi belanja dari sumber sendiri yang dituju kabupaten, mulai bulan itu. "
                "Bulan yang sama lagi mengganti targetnya; bulan sebelumnya tetap."
            )
        )
        self.percent_label.setText(self.tr("&Target:"))
        self.target_from_label.setText(self.tr("M&ulai bulan:"))
        self.target_note_label.setText(self.tr("C&atatan:"))
        self.target_button.setText(self.tr("Simpan target"))
        self.rate_from.retranslate()
        self.target_from.retranslate()
        self.rates.retranslate()
        self.targets.retranslate()

    def refresh(self) -> None:
        super().refresh()
        # Month names follow the language (a switch reaches `refresh` after the services'
        # words changed, `retranslate` before).
        self.rate_from.retranslate()
        self.target_from.retranslate()
        engine = self.desk.engine
        rates: list[StoredRate] | None = self.desk.perform(self, lambda: list_rates(engine))
        targets: list[Target] | None = self.desk.perform(self, lambda: list_targets(engine))
        self.rates.set_rows(rates or [])
        self.targets.set_rows(targets or [])
        if rates:
            last = max(r.rate.valid_from for r in rates)
            if self.rate_from.period() <= last:
                self.rate_from.set_period(last.next())

    # --- rates ------------------------------------------------------------------------------
    def _say(self, label: QLabel, text: str, ok: bool) -> None:
        label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        label.setText(text)

    def add_rate(self) -> None:
        if self.job is not None and not self.job.done:
            return
        try:
            amount = parse_rupiah(self.amount.text())
        except EwarongError as exc:
            self._say(self.rate_message, self.desk.text(exc), False)
            self.amount.setFocus()
            return
        valid_from, note, engine = self.rate_from.period(), self.rate_note.text(), self.desk.engine
        self.rate_message.clear()
        self.job = self.desk.run(
            self,
            lambda _p: past_months_changed(engine, amount, valid_from),
            label=self.tr("Memeriksa bulan yang sudah dilaporkan…"),
            on_done=lambda changes: self._confirm_rate(changes, amount, valid_from, note),
            refused=lambda exc: self._say(self.rate_message, self.desk.text(exc), False),
        )

    def _confirm_rate(
        self, changes: PastChange | None, amount: int, valid_from: Period, note: str
    ) -> None:
        if changes is not None:
            question = changes.warning(self.desk.lang) + "\n\n" + self.tr("Tetap catat?")
            if not ask(self, self.tr("Mengubah bulan lalu"), question, default_yes=False):
                self._say(
                    self.rate_message,
                    changes.warning(self.desk.lang) + " " + self.tr("Tidak ada yang dicatat."),
                    False,
                )
                return
        engine = self.desk.engine
        self.job = self.desk.run(
            self,
            lambda _p: add_rate(engine, amount, valid_from, note),
            label=self.tr("Mencatat besaran…"),
            changes=[DeskTopic.RATES],
            on_done=self._rate_added,
            refused=lambda exc: self._say(self.rate_message, self.desk.text(exc), False),
        )

    def _rate_added(self, added: AddedRate) -> None:
        lang = self.desk.lang
        text = self.tr("Besaran bantuan dicatat: {0}.").format(describe_rate(added.rate, lang))
        if added.closed is not None:
            text += " " + self.tr("Besaran sebelumnya kini: {0}.").format(
                describe_rate(added.closed, lang)
            )
        self._say(self.rate_message, text, True)
        self.amount.clear()
        self.rate_note.clear()

    # --- target -----------------------------------------------------------------------------
    def save_target(self) -> None:
        percent, valid_from = self.percent.value(), self.target_from.period()
        note, engine = self.target_note.text(), self.desk.engine
        saved: Target | None = self.desk.perform(
            self,
            lambda: set_target(engine, percent, valid_from, note),
            changes=[DeskTopic.TARGET],
            refused=lambda exc: self._say(self.target_message, self.desk.text(exc), False),
        )
        if saved is None:
            return
        self._say(
            self.target_message,
            self.tr("Target dicatat: {0}.").format(saved.describe(self.desk.lang)),
            True,
        )
        self.target_note.clear()
