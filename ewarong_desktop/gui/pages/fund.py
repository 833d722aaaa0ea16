"""F8 Dana KUBE: the fund ledger (tranches, uses, voids, the report), the own-source share
over 12 months against the district's target, and the suppliers' tax numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.fund import PURPOSES, STAGE, FundOverdrawn, purpose_label
from ewarong_desktop.domain.money import parse_rupiah
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.domain.states import FundKind, Status
from ewarong_desktop.gui import errors
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp, run_in_background
from ewarong_desktop.gui.pages.target_line import TargetLine
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    MUTED_STYLE,
    OK_STYLE,
    PageBase,
    add_period,
    card_frame,
    current_period,
    figure_label,
    form_dialog,
    heading,
    message_line,
    split_page,
)
from ewarong_desktop.services import document_files, fund, independence, purchases
from ewarong_desktop.services.changes import Topic


def _what(entry: fund.FundEntryView) -> str:
    if entry.kind == FundKind.TRANCHE:
        text = STAGE.format(stage=entry.stage).text(fmt.lang())
        if entry.reference:
            text += f" ({entry.reference})"
    else:
        text = purpose_label(entry.purpose, fmt.lang())
    return f"{text} — {entry.note}" if entry.note else text


def _money_if(kind: FundKind) -> Callable[[fund.FundEntryView], str]:
    return lambda e: fmt.rupiah(e.amount_rupiah) if e.kind == kind else ""


ENTRY_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Tanggal"), lambda e: fmt.day(e.date),
           sort=lambda e: e.date, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Uraian"), _what),
    Column(QT_TRANSLATE_NOOP("Columns", "Masuk"), _money_if(FundKind.TRANCHE), align_right=True,
           width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "Keluar"), _money_if(FundKind.USE), align_right=True,
           width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "Sisa"),
           lambda e: "" if e.balance_after is None else fmt.rupiah(e.balance_after),
           align_right=True, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "Batal"), lambda e: e.void_reason or "", width=160),
)  # fmt: skip


def _share(value: float | None) -> str:
    return format_share(value, fmt.lang())  # the one share wording: `62,5%`


MONTH_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Bulan"), lambda m: fmt.month(m.period),
           sort=lambda m: m.period, width=130),
    Column(QT_TRANSLATE_NOOP("Columns", "Sumber sendiri"), lambda m: fmt.rupiah(m.own_rupiah),
           align_right=True, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "Pihak ketiga"),
           lambda m: fmt.rupiah(m.third_party_rupiah), align_right=True, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "Porsi sendiri"), lambda m: _share(m.share),
           align_right=True),
)  # fmt: skip

SUPPLIER_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Pemasok"), lambda s: s.name),
    Column(QT_TRANSLATE_NOOP("Columns", "NPWP/NIB"), lambda s: s.tax_id or "–", width=150),
)


class FundEntryDialog(QDialog):
    """A tranche received or a use of the fund; a use beyond the balance asks first."""

    def __init__(self, state: AppState, kind: FundKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.kind = state, FundKind(kind)
        self.saved: fund.FundEntryView | None = None
        self.setWindowTitle(self.kind.label(fmt.lang()))
        today = state.ctx.today()
        self.date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date.setObjectName("fundDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.amount = QLineEdit(self)
        self.amount.setObjectName("fundAmount")
        self.amount.setPlaceholderText("10.000.000")
        self.note = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("Tanggal"), self.date)
        if kind == FundKind.TRANCHE:
            self.stage = QSpinBox(self)
            self.stage.setObjectName("fundStage")
            self.stage.setRange(1, 100)
            self.reference = QLineEdit(self)
            self.reference.setObjectName("fundReference")
            form.addRow(self.tr("Tahap"), self.stage)
            form.addRow(self.tr("Jumlah uang"), self.amount)
            form.addRow(self.tr("No. surat / transfer"), self.reference)
        else:
            self.purpose = QComboBox(self)
            self.purpose.setObjectName("fundPurpose")
            for key in PURPOSES:
                self.purpose.addItem(purpose_label(key, state.lang), key)
            self.purchase = QComboBox(self)
            self.purchase.setObjectName("fundPurchase")
            self.purchase.addItem(self.tr("(tidak terkait pembelian)"), "")
            for p in purchases.list_purchases(state.ctx):
                if p.status == Status.COMPLETED:
                    self.purchase.addItem(
                        f"{fmt.day(p.date)} · {p.source_name} · {fmt.rupiah(p.total_rupiah)}", p.id
                    )
            form.addRow(self.tr("Jumlah uang"), self.amount)
            form.addRow(self.tr("Keperluan"), self.purpose)
            form.addRow(self.tr("Untuk pembelian"), self.purchase)
        form.addRow(self.tr("Catatan"), self.note)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)
        self.message.setObjectName("fundMessage")

    def _record(self, confirm: bool) -> fund.FundEntryView:
        ctx = self.state.ctx
        day = cast(date, self.date.date().toPython())
        amount = parse_rupiah(self.amount.text())
        if self.kind == FundKind.TRANCHE:
            return fund.record_tranche(
                ctx,
                fund.TrancheInput(self.stage.value(), amount, day, self.reference.text(),
                                  self.note.text()),
            )  # fmt: skip
        data = fund.UseInput(amount, day, self.purpose.currentData(),
                             self.purchase.currentData() or None, self.note.text())  # fmt: skip
        return fund.record_use(ctx, data, confirm_overdraw=confirm)

    def save(self) -> None:
        try:
            try:
                self.saved = self._record(confirm=False)
            except FundOverdrawn as over:
                if not errors.ask(self, self.tr("Melebihi saldo dana"), self.state.text(over)
                                  + "\n\n" + self.tr("Tetap simpan?")):  # fmt: skip
                    return
                self.saved = self._record(confirm=True)
        except EwarongError as exc:
            self.message.setText(self.state.text(exc))
            return
        self.accept()


class FundPage(PageBase):
    topics = frozenset({Topic.FUND, Topic.PURCHASE, Topic.SETTINGS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.doc_job: BackgroundOp | None = None
        self.title = heading(self)
        self.buttons = {name: QPushButton(self) for name in
                        ("tranche", "use", "void", "pdf", "xlsx")}  # fmt: skip
        for name, button in self.buttons.items():
            button.setObjectName(f"fund_{name}")
        self.buttons["tranche"].clicked.connect(lambda: self.add_entry(FundKind.TRANCHE))
        self.buttons["use"].clicked.connect(lambda: self.add_entry(FundKind.USE))
        self.buttons["void"].clicked.connect(self.void_selected)
        self.buttons["pdf"].clicked.connect(lambda: self.make_report("pdf"))
        self.buttons["xlsx"].clicked.connect(lambda: self.make_report("xlsx"))
        self.card = card_frame(self)
        self.captions = [QLabel(self.card) for _ in range(4)]
        self.values = [figure_label(self.card, 12) for _ in range(4)]
        grid = QGridLayout(self.card)
        for i, (caption, value) in enumerate(zip(self.captions, self.values, strict=True)):
            caption.setStyleSheet(MUTED_STYLE)
            grid.addWidget(caption, 0, i)
            grid.addWidget(value, 1, i)
        self.entries = TableBundle(ENTRY_COLUMNS, self)
        self.entries.model.dim = lambda e: e.status == Status.VOIDED
        self.message = message_line(self)
        self.message.setObjectName("fundPageMessage")

        self.share_title = heading(self, 12)
        self.target_text = TargetLine(self)
        self.months = TableBundle(MONTH_COLUMNS, self)
        self.target_percent = QSpinBox(self)
        self.target_percent.setObjectName("targetPercent")
        self.target_percent.setRange(1, 100)
        self.target_percent.setSuffix("%")
        self.target_percent.setValue(60)
        self.target_from = QComboBox(self)
        self.target_from.setObjectName("targetFrom")
        self.target_save = QPushButton(self)
        self.target_save.setObjectName("targetSave")
        self.target_save.clicked.connect(self.save_target)
        self.target_label = QLabel(self)
        self.supplier_title = heading(self, 12)
        self.suppliers = TableBundle(SUPPLIER_COLUMNS, self)
        self.tax_button = QPushButton(self)
        self.tax_button.setObjectName("supplierTaxId")
        self.tax_button.clicked.connect(self.set_tax_id)

        top = QWidget(self)
        top_row = QHBoxLayout()
        top_row.addWidget(self.title)
        top_row.addStretch(1)
        for button in self.buttons.values():
            top_row.addWidget(button)
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addLayout(top_row)
        upper.addWidget(self.card)
        upper.addWidget(self.entries.view, 1)
        upper.addWidget(self.message)
        bottom = QWidget(self)
        share_box = QVBoxLayout()
        share_box.addWidget(self.share_title)
        share_box.addWidget(self.target_text)
        share_box.addWidget(self.months.view, 1)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_percent)
        target_row.addWidget(self.target_from)
        target_row.addWidget(self.target_save)
        target_row.addStretch(1)
        share_box.addLayout(target_row)
        supplier_box = QVBoxLayout()
        supplier_box.addWidget(self.supplier_title)
        supplier_box.addWidget(self.suppliers.view, 1)
        supplier_box.addWidget(self.tax_button)
        lower = QHBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addLayout(share_box, 3)
        lower.addLayout(supplier_box, 2)
        split_page(self, top, bottom, (420, 300), vertical=True)
        self.retranslate()
        self.actor_changed()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dana KUBE"))
        for name, text in (
            ("tranche", self.tr("Dana masuk (tahap)")),
            ("use", self.tr("Penggunaan dana")),
            ("void", self.tr("Tandai batal…")),
            ("pdf", self.tr("Laporan dana (PDF)")),
            ("xlsx", self.tr("Tabel (Excel)")),
        ):
            self.buttons[name].setText(text)
        for label, text in zip(
            self.captions,
            (self.tr("Dana diterima"), self.tr("Terpakai"), self.tr("Sisa dana"),
             self.tr("Terpakai untuk barang sumber sendiri")),
            strict=True,
        ):  # fmt: skip
            label.setText(text)
        self.share_title.setText(self.tr("Porsi sumber sendiri, 12 bulan terakhir"))
        self.target_label.setText(self.tr("Target kabupaten:"))
        self.target_save.setText(self.tr("Simpan target"))
        self.supplier_title.setText(self.tr("Pemasok dan NPWP/NIB"))
        self.tax_button.setText(self.tr("Isi NPWP/NIB pemasok…"))

    def actor_changed(self) -> None:
        admin = self.state.is_admin
        for name in ("tranche", "use", "void"):
            self.buttons[name].setEnabled(admin)
        for widget in (self.target_percent, self.target_from, self.target_save):
            widget.setEnabled(admin)

    def reload(self) -> None:
        ctx = self.state.ctx
        led = fund.ledger(ctx)
        for label, text in zip(
            self.values,
            (fmt.rupiah(led.received_rupiah), fmt.rupiah(led.used_rupiah),
             fmt.rupiah(led.balance_rupiah),
             f"{fmt.rupiah(led.goods_own_rupiah)} ({_share(led.own_goods_share)})"),
            strict=True,
        ):  # fmt: skip
            label.setText(text)
        self.entries.set_rows(led.entries)
        view = independence.independence(ctx)
        self.months.set_rows(tuple(reversed(view.months)))
        self.target_text.show_view(view)
        self.target_from.clear()
        now = Period.of(ctx.today())
        for i in range(-12, 13):
            add_period(self.target_from, fmt.month(now.shift(-i)), now.shift(-i))
        if view.target_percent is not None and view.target_from is not None:
            self.target_percent.setValue(view.target_percent)
            self.target_from.setCurrentIndex(self.target_from.findData(str(view.target_from)))
        else:
            self.target_from.setCurrentIndex(self.target_from.findData(str(now)))
        self.suppliers.set_rows(independence.suppliers(ctx))

    def _say(self, text: str) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)

    def add_entry(self, kind: FundKind) -> None:
        dialog = FundEntryDialog(self.state, kind, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.state.announce(dialog.saved.changes)
            self.refresh()
            self._say(self.tr("Tersimpan. Sisa dana: {0}").format(
                fmt.rupiah(fund.balance(self.state.ctx))))  # fmt: skip

    def void_selected(self) -> None:
        entry = self.entries.selected()
        if entry is None or entry.status == Status.VOIDED:
            return
        reason = errors.ask_text(self, self.tr("Tandai catatan dana batal"), self.tr("Alasan:"))
        if not reason:
            return
        try:
            try:
                voided = fund.void_entry(self.state.ctx, entry.id, reason)
            except FundOverdrawn as over:
                if not errors.ask(self, self.tr("Melebihi saldo dana"), self.state.text(over)
                                  + "\n\n" + self.tr("Tetap tandai batal?")):  # fmt: skip
                    return
                voided = fund.void_entry(self.state.ctx, entry.id, reason, confirm_overdraw=True)
        except EwarongError as exc:
            errors.show_refusal(self, exc)
            return
        self.state.announce(voided.changes)
        self.refresh()

    def save_target(self) -> None:
        period = current_period(self.target_from)
        if period is None:
            return
        try:
            independence.set_target(self.state.ctx, self.target_percent.value(), period)
        except EwarongError as exc:
            errors.show_refusal(self, exc)
            return
        self.state.announce(frozenset({Topic.SETTINGS}))
        self.refresh()

    def set_tax_id(self) -> None:
        supplier = self.suppliers.selected()
        if supplier is None:
            return
        number = errors.ask_text(
            self, self.tr("NPWP/NIB pemasok"),
            self.tr("NPWP/NIB {0} (untuk pembelian berikutnya):").format(supplier.name),
        )  # fmt: skip
        if not number:
            return
        try:
            independence.set_supplier_tax_id(self.state.ctx, supplier.name, number)
        except EwarongError as exc:
            errors.show_refusal(self, exc)
            return
        self.refresh()

    def make_report(self, kind: str) -> None:
        ctx, lang = self.state.ctx, self.state.lang
        self.doc_job = run_in_background(
            self,
            self.state,
            lambda _p: document_files.write_fund_report(ctx, kind, lang),
            label=self.tr("Membuat laporan dana KUBE…"),
            on_done=self.state.open_document,
        )
