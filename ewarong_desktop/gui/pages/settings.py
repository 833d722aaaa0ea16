"""F7 Pengaturan: profile, working month and language, entitlement rates, products, operators.

Admin-only changes are refused by the services whatever the window shows; the buttons are
disabled for operators only so nobody is invited to try.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError, PermissionDenied
from ewarong_desktop.domain.money import parse_rupiah
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.quantity import UNITS
from ewarong_desktop.domain.rules import CATEGORIES
from ewarong_desktop.domain.states import STORED_ROLES
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.pages.printing_settings import PrintingTab
from ewarong_desktop.gui.recovery_code import show_recovery_code
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    OK_STYLE,
    PageBase,
    add_period,
    admin_only,
    current_period,
    find_period,
    form_dialog,
    heading,
    message_line,
)
from ewarong_desktop.services import operators, products, profile, programme
from ewarong_desktop.services.changes import Done, Topic
from ewarong_desktop.services.operators import OperatorView
from ewarong_desktop.services.products import ProductInput, ProductView
from ewarong_desktop.services.profile import ProfileInput

T = TypeVar("T")

RATE_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Besaran per bulan"),
        lambda r: fmt.rupiah(r.amount),
        sort=lambda r: r.amount,
        align_right=True,
        width=160,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Berlaku mulai"),
        lambda r: fmt.month(r.valid_from),
        sort=lambda r: r.valid_from,
        width=180,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Sampai"),
        lambda r: fmt.month(r.valid_until) if r.valid_until else words.open_ended(),
        sort=lambda r: r.valid_until or Period(2999, 12),
    ),
)
PRODUCT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda p: p.code, width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda p: p.name, width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "Kategori"), lambda p: fmt.category(p.category), width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "Satuan"), lambda p: p.unit, width=80),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga jual"),
        lambda p: fmt.rupiah(p.price_rupiah),
        sort=lambda p: p.price_rupiah,
        align_right=True,
        width=110,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda p: words.selling(p.active),
    ),
)
OPERATOR_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda o: o.name, width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "Peran"), lambda o: o.role.label(fmt.lang()), width=120),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda o: words.active(o.active),
    ),
)


class ProductDialog(QDialog):
    def __init__(
        self, state: AppState, product: ProductView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state, self.product = state, product
        self.setWindowTitle(self.tr("Ubah barang") if product else self.tr("Barang baru"))
        self.setMinimumWidth(440)
        self.code, self.name, self.price = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.category, self.unit = QComboBox(self), QComboBox(self)
        for key in CATEGORIES:
            self.category.addItem(fmt.category(key), key)
        self.unit.addItems(list(UNITS))
        if product:
            self.code.setText(product.code)
            self.name.setText(product.name)
            self.price.setText(str(product.price_rupiah))
            self.category.setCurrentIndex(self.category.findData(product.category))
            self.unit.setCurrentText(product.unit)
        form = QFormLayout()
        form.addRow(self.tr("Kode:"), self.code)
        form.addRow(self.tr("Nama:"), self.name)
        form.addRow(self.tr("Kategori:"), self.category)
        form.addRow(self.tr("Satuan:"), self.unit)
        form.addRow(self.tr("Harga jual per satuan:"), self.price)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)

    def save(self) -> None:
        def save() -> ProductView:
            data = ProductInput(
                self.code.text(),
                self.name.text(),
                self.category.currentData(),
                self.unit.currentText(),
                parse_rupiah(self.price.text()),
            )
            if self.product is None:
                return products.add_product(self.state.ctx, data)
            return products.edit_product(self.state.ctx, self.product.id, data)

        refused = lambda exc: self.message.setText(self.state.text(exc))  # noqa: E731
        if perform(self, self.state, save, refused=refused) is not None:
            self.accept()


class PinDialog(QDialog):
    """A new PIN typed twice; checked (same twice, digits, length) before the dialog closes,
    with the cursor put on the field at fault."""

    def __init__(self, state: AppState, operator: OperatorView, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.operator = state, operator
        self.setWindowTitle(self.tr("Ganti PIN {0}").format(operator.name))
        self.setMinimumWidth(420)
        self.pin, self.again = QLineEdit(self), QLineEdit(self)
        self.pin.setObjectName("pinNew")
        self.again.setObjectName("pinAgain")
        for field in (self.pin, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.again.setFocus)
        form = QFormLayout()
        form.addRow(self.tr("PIN baru:"), self.pin)
        form.addRow(self.tr("Ulangi PIN baru:"), self.again)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)
        self.message.setObjectName("pinMessage")
        self.pin.setFocus()

    def save(self) -> None:
        if self.pin.text() != self.again.text():
            self.message.setText(self.tr("Kedua PIN tidak sama; ketik ulang."))
            self.again.clear()
            self.again.setFocus()
            return

        def refused(exc: EwarongError) -> None:
            self.message.setText(self.state.text(exc))
            self.pin.selectAll()
            self.pin.setFocus()

        ctx, chosen, pin = self.state.ctx, self.operator, self.pin.text()
        if perform(
            self, self.state, lambda: operators.set_pin(ctx, chosen.id, pin), refused=refused
        ):
            self.accept()


class SettingsPage(PageBase):
    topics = frozenset({Topic.SETTINGS, Topic.PRODUCT, Topic.OPERATOR})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.title = heading(self)
        self.tabs = QTabWidget(self)
        self.message = message_line(self)
        self.message.setObjectName("settingsMessage")
        self._build_general()
        self._build_rates()
        self._build_products()
        self._build_operators()
        self.printing = PrintingTab(state, self.tabs)
        self.tabs.addTab(self.printing, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.retranslate()
        self._mark_admin_only()
        self.actor_changed()

    # --- building ------------------------------------------------------------------------------
    def _build_general(self) -> None:
        page = QWidget(self)
        self.code = QLabel(page)
        self.p_name, self.p_desa = QLineEdit(page), QLineEdit(page)
        self.p_kecamatan, self.p_kabupaten, self.p_area = (
            QLineEdit(page),
            QLineEdit(page),
            QLineEdit(page),
        )
        self.save_profile = QPushButton(page)
        self.save_profile.clicked.connect(self.on_save_profile)
        self.working = QComboBox(page)
        self.confirm_month = QPushButton(page)
        self.confirm_month.clicked.connect(self.on_confirm_month)
        self.language = QComboBox(page)
        self.language.setObjectName("settingsLanguage")
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.activated.connect(
            lambda _i: self.state.choose_language(self.language.currentData())
        )
        self.paper = QComboBox(page)
        self.paper.setObjectName("settingsReceiptPaper")
        for width in profile.RECEIPT_WIDTHS:
            self.paper.addItem("", width)
        self.paper.activated.connect(lambda _i: self.on_paper(self.paper.currentData()))
        self.statements_label = QLabel(page)
        self.statements_sheet = QComboBox(page)
        self.statements_sheet.setObjectName("settingsStatementsPerSheet")
        for per_sheet in profile.STATEMENTS_PER_SHEET:
            self.statements_sheet.addItem("", per_sheet)
        self.statements_sheet.activated.connect(
            lambda _i: self.on_statements_per_sheet(self.statements_sheet.currentData())
        )
        self.my_pin = QPushButton(page)
        self.my_pin.setObjectName("settingsMyPin")
        self.my_pin.clicked.connect(self.on_my_pin)
        self.code_label, self.name_label, self.desa_label = QLabel(page), QLabel(page), QLabel(page)
        self.kecamatan_label, self.kabupaten_label = QLabel(page), QLabel(page)
        self.area_label, self.working_label = QLabel(page), QLabel(page)
        self.language_label, self.paper_label = QLabel(page), QLabel(page)
        self.profile_heading, self.work_heading = heading(page, 12), heading(page, 12)
        form = QFormLayout()
        form.addRow(self.profile_heading)
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.p_name)
        form.addRow(self.desa_label, self.p_desa)
        form.addRow(self.kecamatan_label, self.p_kecamatan)
        form.addRow(self.kabupaten_label, self.p_kabupaten)
        form.addRow(self.area_label, self.p_area)
        form.addRow("", self.save_profile)
        form.addRow(self.work_heading)
        month_row = QHBoxLayout()
        month_row.addWidget(self.working, 1)
        month_row.addWidget(self.confirm_month)
        form.addRow(self.working_label, month_row)
        form.addRow(self.language_label, self.language)
        form.addRow(self.paper_label, self.paper)
        form.addRow(self.statements_label, self.statements_sheet)
        form.addRow("", self.my_pin)
        outer = QHBoxLayout(page)
        outer.addLayout(form, 2)
        outer.addStretch(1)
        self.tabs.addTab(page, "")

    def _build_rates(self) -> None:
        page = self.rates_page = QWidget(self)
        self.rates = TableBundle(RATE_COLUMNS, page)
        self.rate_amount, self.rate_from = QLineEdit(page), QComboBox(page)
        self.rate_from.setObjectName("settingsRateFrom")
        self.add_rate = QPushButton(page)
        self.add_rate.clicked.connect(self.on_add_rate)
        self.rate_amount_label, self.rate_from_label = QLabel(page), QLabel(page)
        self.rate_note = QLabel(page)
        self.rate_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.rate_amount_label)
        row.addWidget(self.rate_amount)
        row.addWidget(self.rate_from_label)
        row.addWidget(self.rate_from)
        row.addWidget(self.add_rate)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.rates.view, 1)
        layout.addWidget(self.rate_note)
        layout.addLayout(row)
        self.tabs.addTab(page, "")

    def _build_products(self) -> None:
        page = self.products_page = QWidget(self)
        self.products = TableBundle(PRODUCT_COLUMNS, page)
        self.products.model.dim = lambda p: not p.active
        self.add_product, self.edit_product, self.toggle_product = (
            QPushButton(page),
            QPushButton(page),
            QPushButton(page),
        )
        self.add_product.clicked.connect(lambda: self.on_product(None))
        self.edit_product.clicked.connect(lambda: self.on_product(self.products.selected()))
        self.toggle_product.clicked.connect(self.on_toggle_product)
        row = QHBoxLayout()
        for button in (self.add_product, self.edit_product, self.toggle_product):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.products.view, 1)
        layout.addLayout(row)
        self.tabs.addTab(page, "")

    def _build_operators(self) -> None:
        page = self.operators_page = QWidget(self)
        self.operators = TableBundle(OPERATOR_COLUMNS, page)
        self.op_name, self.op_pin, self.op_role = QLineEdit(page), QLineEdit(page), QComboBox(page)
        self.op_pin.setEchoMode(QLineEdit.EchoMode.Password)
        for role in STORED_ROLES:
            self.op_role.addItem(role.label(fmt.lang()), role)
        self.add_operator = QPushButton(page)
        self.add_operator.clicked.connect(self.on_add_operator)
        self.set_pin = QPushButton(page)
        self.set_pin.clicked.connect(self.on_set_pin)
        self.toggle_operator = QPushButton(page)
        self.toggle_operator.clicked.connect(self.on_toggle_operator)
        self.op_name_label, self.op_pin_label, self.op_role_label = (
            QLabel(page),
            QLabel(page),
            QLabel(page),
        )
        row = QHBoxLayout()
        for label, field in (
            (self.op_name_label, self.op_name),
            (self.op_pin_label, self.op_pin),
            (self.op_role_label, self.op_role),
        ):
            row.addWidget(label)
            row.addWidget(field)
        row.addWidget(self.add_operator)
        row.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.set_pin)
        row2.addWidget(self.toggle_operator)
        self.recovery_code = QPushButton(page)  # the backup recovery code, behind the admin PIN
        self.recovery_code.clicked.connect(lambda: show_recovery_code(self.state.ctx, self))
        row2.addWidget(self.recovery_code)
        row2.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.operators.view, 1)
        layout.addLayout(row2)
        layout.addLayout(row)
        self.tabs.addTab(page, "")

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Pengaturan"))
        for i, text in enumerate(
            (
                self.tr("Profil dan bahasa"),
                self.tr("Besaran bantuan"),
                self.tr("Barang", "settings tab"),
                self.tr("Operator", "settings tab"),
            )
        ):
            self.tabs.setTabText(i, text)
        self.tabs.setTabText(self.tabs.indexOf(self.printing), self.printing.title())
        self.profile_heading.setText(self.tr("Profil e-warong"))
        self.work_heading.setText(self.tr("Bulan kerja dan bahasa"))
        self.code_label.setText(self.tr("Kode e-warong:"))
        self.name_label.setText(self.tr("Nama e-warong:"))
        self.desa_label.setText(self.tr("Desa:"))
        self.kecamatan_label.setText(self.tr("Kecamatan:"))
        self.kabupaten_label.setText(self.tr("Kabupaten:"))
        self.area_label.setText(self.tr("Kode wilayah:"))
        self.working_label.setText(self.tr("Bulan kerja:"))
        self.language_label.setText(self.tr("Bahasa:"))
        self.paper_label.setText(self.tr("Kertas struk:"))
        self.my_pin.setText(self.tr("Ganti PIN saya…"))
        for index, text in enumerate(
            (self.tr("Rol 58 mm"), self.tr("Rol 80 mm"), self.tr("Lembar A5"))
        ):
            self.paper.setItemText(index, text)
        self.statements_label.setText(self.tr("Kuitansi bulanan:"))
        for index, text in enumerate(
            (self.tr("1 per lembar A4"), self.tr("2 per lembar A4 (A5, digunting)"))
        ):
            self.statements_sheet.setItemText(index, text)
        self.save_profile.setText(self.tr("Simpan profil"))
        self.confirm_month.setText(self.tr("Tetapkan bulan kerja"))
        self.rate_amount_label.setText(self.tr("Besaran baru:"))
        self.rate_from_label.setText(self.tr("berlaku mulai bulan:"))
        self.add_rate.setText(self.tr("Tambah besaran"))
        self.rate_note.setText(
            self.tr(
                "Besaran baru berlaku mulai bulan itu; besaran sebelumnya otomatis berakhir "
                "sebulan sebelumnya."
            )
        )
        self.add_product.setText(self.tr("Tambah barang"))
        self.edit_product.setText(self.tr("Ubah"))
        self.toggle_product.setText(self.tr("Berhenti / mulai dijual"))
        self.op_name_label.setText(self.tr("Nama:"))
        self.op_pin_label.setText(self.tr("PIN:"))
        self.op_role_label.setText(self.tr("Peran:"))
        for index, role in enumerate(STORED_ROLES):
            self.op_role.setItemText(index, role.label(fmt.lang()))
        self.add_operator.setText(self.tr("Tambah operator"))
        self.set_pin.setText(self.tr("Ganti PIN…"))
        self.toggle_operator.setText(self.tr("Nonaktifkan / aktifkan"))
        self.recovery_code.setText(self.tr("Kode pemulihan cadangan…"))

    def language_changed(self) -> None:
        super().language_changed()
        for table in (self.rates, self.products, self.operators):
            table.retranslate()

    def _mark_admin_only(self) -> None:
        admin_only(
            self.save_profile,
            self.paper,
            self.paper_label,
            self.statements_sheet,
            self.statements_label,
        )
        admin_only(self.rates_page, self.products_page, self.operators_page)

    def actor_changed(self) -> None:
        """An operator sees the profile (read only), the working month, the language and
        their own PIN; every admin-only tab and button is gone, not merely greyed."""
        admin = self.state.is_admin
        self.printing.set_admin(admin)
        for index in (1, 2, 3):  # rates, products, operators
            self.tabs.setTabVisible(index, admin)
        for widget in (
            self.save_profile,
            self.paper,
            self.paper_label,
            self.statements_sheet,
            self.statements_label,
            self.recovery_code,
        ):
            widget.setVisible(admin)
        for field in (self.p_name, self.p_desa, self.p_kecamatan, self.p_kabupaten, self.p_area):
            field.setReadOnly(not admin)

    # --- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        ctx = self.state.ctx
        view = profile.get_profile(ctx)
        self.code.setText(view.code)
        self.p_name.setText(view.name)
        self.p_desa.setText(view.desa)
        self.p_kecamatan.setText(view.kecamatan)
        self.p_kabupaten.setText(view.kabupaten)
        self.p_area.setText(view.area_code or "")
        current = profile.working_period(ctx)
        clock = Period.of(ctx.today())
        self.working.clear()
        for i in range(-12, 2):
            period = clock.shift(i)
            add_period(self.working, fmt.month(period), period)
        self.working.setCurrentIndex(find_period(self.working, current))
        keep = current_period(self.rate_from) or current.next()
        self.rate_from.clear()
        for i in range(-12, 13):
            add_period(self.rate_from, fmt.month(current.shift(i)), current.shift(i))
        self.rate_from.setCurrentIndex(max(find_period(self.rate_from, keep), 0))
        self.language.setCurrentIndex(1 if self.state.lang == "en" else 0)
        self.paper.setCurrentIndex(self.paper.findData(view.receipt_width))
        self.statements_sheet.setCurrentIndex(
            self.statements_sheet.findData(profile.statements_per_sheet(ctx))
        )
        self.rates.set_rows(programme.list_rates(ctx))
        self.products.set_rows(products.list_products(ctx))
        self.operators.set_rows(operators.list_operators(ctx))

    def _done(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)
        self.refresh()

    def _refused(self, exc: EwarongError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.state.text(exc))

    def _perform(self, call: Callable[[], T]) -> T | None:
        return perform(self, self.state, call, refused=self._refused)

    def on_save_profile(self) -> None:
        data = ProfileInput(
            self.code.text(),
            self.p_name.text(),
            self.p_desa.text(),
            self.p_kecamatan.text(),
            self.p_kabupaten.text(),
            self.p_area.text().strip() or None,
        )
        if self._perform(lambda: profile.update_profile(self.state.ctx, data)):
            self._done(self.tr("Profil tersimpan."))

    def on_paper(self, width: str) -> None:
        if self._perform(lambda: profile.set_receipt_width(self.state.ctx, width)) is None:
            self.refresh()
            return
        self._done(self.tr("Struk dicetak untuk: {0}.").format(self.paper.currentText()))

    def on_statements_per_sheet(self, per_sheet: int) -> None:
        # Only printing reads it, so nothing on screen waits for a change notice.
        if self._perform(lambda: profile.set_statements_per_sheet(self.state.ctx, per_sheet)):
            self._done(
                self.tr("Kuitansi bulanan dicetak: {0}.").format(
                    self.statements_sheet.currentText()
                )
            )
        else:
            self.refresh()

    def on_confirm_month(self) -> None:
        period = current_period(self.working)
        if period is None:
            return
        if self._perform(lambda: profile.confirm_working_month(self.state.ctx, period)):
            self._done(self.tr("Bulan kerja: {0}.").format(fmt.month(period)))

    def on_add_rate(self) -> None:
        start = current_period(self.rate_from)
        if start is None:
            return

        def add() -> Done:
            amount = parse_rupiah(self.rate_amount.text())
            return programme.add_rate(self.state.ctx, amount, start)

        if self._perform(add):
            self.rate_amount.clear()
            self._done(self.tr("Besaran bantuan tersimpan."))

    def on_product(self, product: ProductView | None) -> None:
        if ProductDialog(self.state, product, self).exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("Barang tersimpan."))

    def on_toggle_product(self) -> None:
        product = self.products.selected()
        if product is None:
            return
        ctx = self.state.ctx
        if self._perform(lambda: products.set_product_active(ctx, product.id, not product.active)):
            self._done(self.tr("Barang tersimpan."))

    def on_add_operator(self) -> None:
        name, role, pin = self.op_name.text(), self.op_role.currentData(), self.op_pin.text()
        if self._perform(lambda: operators.add_operator(self.state.ctx, name, role, pin)):
            self.op_name.clear()
            self.op_pin.clear()
            self._done(self.tr("Operator tersimpan."))

    def on_set_pin(self) -> None:
        chosen: OperatorView | None = self.operators.selected()
        if chosen is not None:
            self._change_pin(chosen)

    def on_my_pin(self) -> None:
        me = [
            o for o in operators.list_operators(self.state.ctx) if o.name == self.state.actor.name
        ]
        if me:
            self._change_pin(me[0])

    def _change_pin(self, chosen: OperatorView) -> None:
        if chosen.name != self.state.actor.name and not self.state.is_admin:
            # Said before anything is typed (the service refuses it as well).
            self._refused(
                PermissionDenied(
                    "Hanya admin yang boleh mengganti PIN orang lain.",
                    "Only an admin may change someone else's PIN.",
                )
            )
            return
        dialog = PinDialog(self.state, chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(self.tr("PIN {0} diganti.").format(chosen.name))

    def on_toggle_operator(self) -> None:
        chosen = self.operators.selected()
        if chosen is None:
            return
        ctx = self.state.ctx
        if self._perform(lambda: operators.set_operator_active(ctx, chosen.id, not chosen.active)):
            self._done(self.tr("Operator tersimpan."))
