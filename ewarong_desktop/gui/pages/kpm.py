"""F2 KPM: the list (filter as you type), add/edit/deactivate, each KPM's history by month."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.identity import clean_name, validate_kks, validate_nik
from ewarong_desktop.domain.states import Status
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.errors import ask
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    MUTED_STYLE,
    PageBase,
    add_period,
    current_period,
    find_period,
    form_dialog,
    heading,
    split_page,
)
from ewarong_desktop.services import beneficiaries, redemption
from ewarong_desktop.services.beneficiaries import BeneficiaryInput, BeneficiaryView
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.redemption import local_time


def active_text(active: bool) -> str:
    return words.active(active)


KPM_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda b: b.name, width=220, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "NIK"), lambda b: b.nik, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "No. KKS"), lambda b: b.kks_number, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Desa"), lambda b: b.desa, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "Alamat"), lambda b: b.address),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Mulai"),
        lambda b: fmt.month(b.eligible_from),
        sort=lambda b: b.eligible_from,
        width=130,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"), lambda b: active_text(b.active), width=90, fit=True
    ),
)
HISTORY_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bantuan"),
        lambda r: fmt.month(r.period),
        sort=lambda r: r.period,
        width=140,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Tanggal"),
        lambda r: fmt.day(local_time(r).date()),
        sort=lambda r: r.created_at,
        width=140,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Barang"),
        lambda r: ", ".join(
            f"{line.product_name} {fmt.qty(line.quantity, line.unit)}" for line in r.lines
        ),
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Total"),
        lambda r: fmt.rupiah(r.total_rupiah),
        sort=lambda r: r.total_rupiah,
        align_right=True,
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda r: words.status(r.status),
        width=80,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Operator"), lambda r: r.operator_name, width=90),
)


class KpmDialog(QDialog):
    """Register a new KPM or correct one. Enter moves to the next field; the fields are checked
    before the dialog closes and the cursor goes to the one at fault."""

    def __init__(
        self, state: AppState, kpm: BeneficiaryView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state, self.kpm = state, kpm
        self.saved: BeneficiaryView | None = None
        self.setMinimumWidth(520)
        self.setWindowTitle(self.tr("Ubah data KPM") if kpm else self.tr("KPM baru"))
        self.nik, self.kks, self.name = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.desa, self.address = QLineEdit(self), QLineEdit(self)
        self.start = QComboBox(self)
        self.nik.setObjectName("kpmNik")
        self.kks.setObjectName("kpmKks")
        self.name.setObjectName("kpmName")
        self.start.setObjectName("kpmStart")
        working = working_period(state.ctx)
        self.start.addItem(self.tr("bulan kerja ({0})").format(fmt.month(working)), "")
        first = kpm.eligible_from.shift(-24) if kpm else working.shift(-24)
        for i in range(37):
            add_period(self.start, fmt.month(first.shift(i)), first.shift(i))
        if kpm:
            self.nik.setText(kpm.nik)
            self.kks.setText(kpm.kks_number)
            self.name.setText(kpm.name)
            self.desa.setText(kpm.desa)
            self.address.setText(kpm.address)
            self.start.setCurrentIndex(find_period(self.start, kpm.eligible_from))
        form = QFormLayout()
        form.addRow(self.tr("NIK (16 angka):"), self.nik)
        form.addRow(self.tr("No. kartu KKS:"), self.kks)
        form.addRow(self.tr("Nama:"), self.name)
        form.addRow(self.tr("Desa:"), self.desa)
        form.addRow(self.tr("Alamat:"), self.address)
        form.addRow(self.tr("Menerima bantuan mulai:"), self.start)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)
        self.message.setObjectName("kpmMessage")
        for button in self.findChildren(QPushButton):
            button.setDefault(False)  # Enter in a field goes on to the next field
            button.setAutoDefault(False)
        fields = (self.nik, self.kks, self.name, self.desa, self.address)
        for here, after in itertools.pairwise(fields):
            here.returnPressed.connect(after.setFocus)
        self.address.returnPressed.connect(self.save)

    def _check(self) -> QLineEdit | None:
        """The first field the service would refuse, with its words shown; None if all fit."""
        for field, check in (
            (self.nik, validate_nik),
            (self.kks, validate_kks),
            (self.name, lambda text: clean_name(text, what_id="Nama KPM", what_en="KPM name")),
        ):
            try:
                check(field.text())
            except EwarongError as exc:
                self.message.setText(self.state.text(exc))
                return field
        return None

    def save(self) -> None:
        wrong = self._check()
        if wrong is not None:
            wrong.selectAll()
            wrong.setFocus()
            return
        start = current_period(self.start)
        data = BeneficiaryInput(
            self.nik.text(),
            self.kks.text(),
            self.name.text(),
            self.desa.text(),
            self.address.text(),
            start,
        )
        ctx, kpm = self.state.ctx, self.kpm

        def refused(exc: EwarongError) -> None:
            self.message.setText(self.state.text(exc))
            field = self.kks if "KKS" in exc.message("id") else self.nik
            field.selectAll()
            field.setFocus()

        saved = perform(
            self,
            self.state,
            lambda: (
                beneficiaries.register(ctx, data)
                if kpm is None
                else beneficiaries.edit(ctx, kpm.id, data)
            ),
            refused=refused,
            confirmed=lambda: (
                beneficiaries.register(ctx, data, confirmed=True)
                if kpm is None
                else beneficiaries.edit(ctx, kpm.id, data, confirmed=True)
            ),
        )
        if saved is not None:
            self.saved = saved
            self.accept()


class KpmPage(PageBase):
    topics = frozenset({Topic.KPM, Topic.REDEMPTION})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.title = heading(self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("kpmFilter")
        self.filter.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setStyleSheet(MUTED_STYLE)
        self.table = TableBundle(KPM_COLUMNS, self)
        self.table.model.dim = lambda b: not b.active
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._chosen())
        self.add_button, self.edit_button = QPushButton(self), QPushButton(self)
        self.active_button, self.import_button = QPushButton(self), QPushButton(self)
        self.active_button.setObjectName("kpmActive")
        self.add_button.clicked.connect(lambda: self.edit_kpm(None))
        self.edit_button.clicked.connect(lambda: self.edit_kpm(self.table.selected()))
        self.table.view.activated.connect(lambda _i: self.edit_kpm(self.table.selected()))
        self.active_button.clicked.connect(self.toggle_active)
        self.import_button.clicked.connect(self.import_list)
        self.history_title = heading(self, 12)
        self.history = TableBundle(HISTORY_COLUMNS, self)
        self.history.model.dim = lambda r: r.status == Status.VOIDED

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        upper = QWidget(self)
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addLayout(top)
        uv.addWidget(self.table.view, 1)
        uv.addLayout(buttons)
        lower = QWidget(self)
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.history_title)
        lv.addWidget(self.history.view, 1)
        split_page(self, upper, lower, (470, 230), vertical=True)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Daftar KPM"))
        self.filter.setPlaceholderText(self.tr("Saring: nama, NIK, KKS atau desa"))
        self.add_button.setText(self.tr("Tambah KPM"))
        self.edit_button.setText(self.tr("Ubah"))
        self.import_button.setText(self.tr("Impor daftar dari Dinas Sosial…"))
        self._count()
        self._chosen()

    def language_changed(self) -> None:
        self.table.retranslate()
        self.history.retranslate()
        self._history()

    def _on_changed(self, topics: Changes) -> None:
        if Topic.KPM in topics:
            super()._on_changed(topics)
        elif Topic.REDEMPTION in topics and self.isVisible():
            self._history()  # a sale changes one KPM's history, not the 10,000-row list

    def activate(self) -> None:
        super().activate()
        self._history()

    def reload(self) -> None:
        keep = self.table.selected()
        self.table.set_rows(beneficiaries.list_all(self.state.ctx))
        self._count()
        if keep is not None:
            self.select(keep.id)
        self._chosen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter goes into the list, on its first row."""
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.table.proxy.rowCount()
        ):
            self.table.view.setFocus()
            if not self.table.view.selectionModel().hasSelection():
                self.table.select_first()
            return True
        return super().eventFilter(watched, event)

    def _chosen(self) -> None:
        kpm: BeneficiaryView | None = self.table.selected()
        self.edit_button.setEnabled(kpm is not None)
        self.active_button.setEnabled(kpm is not None)
        if kpm is not None and not kpm.active:
            self.active_button.setText(self.tr("Aktifkan lagi"))
        else:
            self.active_button.setText(self.tr("Nonaktifkan"))
        self._history()

    def _filter(self, text: str) -> None:
        self.table.proxy.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown, total = self.table.proxy.rowCount(), self.table.model.rowCount()
        active = sum(1 for b in self.table.model.rows if b.active)
        self.count.setText(self.tr("{0} dari {1} KPM ({2} aktif)").format(shown, total, active))

    def select(self, kpm_id: str) -> None:
        for row in range(self.table.proxy.rowCount()):
            index = self.table.proxy.index(row, 0)
            if index.data(self.table.model.ROW_ROLE).id == kpm_id:
                self.table.view.selectRow(row)
                self.table.view.scrollTo(index)
                return

    def _history(self) -> None:
        kpm = self.table.selected()
        if kpm is None:
            self.history_title.setText(self.tr("Riwayat belanja: pilih satu KPM"))
            self.history.set_rows(())
            return
        rows = redemption.history(self.state.ctx, kpm.id)
        self.history_title.setText(self.tr("Riwayat belanja {0}").format(kpm.name))
        self.history.set_rows(rows)

    def edit_kpm(self, kpm: BeneficiaryView | None) -> None:
        dialog = KpmDialog(self.state, kpm, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.refresh()
            self.select(dialog.saved.id)

    def toggle_active(self) -> None:
        kpm = self.table.selected()
        if kpm is None:
            return
        if kpm.active and not ask(
            self,
            self.tr("Nonaktifkan KPM"),
            self.tr(
                "Nonaktifkan {0} (KKS {1})? KPM yang tidak aktif tidak bisa dilayani; "
                "datanya tetap tersimpan."
            ).format(kpm.name, kpm.kks_number),
        ):
            return
        ctx = self.state.ctx
        if perform(self, self.state, lambda: beneficiaries.set_active(ctx, kpm.id, not kpm.active)):
            self.refresh()
            self.select(kpm.id)

    def import_list(self) -> None:
        from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog

        dialog = ImportDialog(self.state, self)
        dialog.start()
