"""F4 Pembelian: record goods bought, from own sources (which kind) or a third-party supplier.

Keyboard flow like the counter: item, Enter, quantity, Enter, unit price (the selling price
is offered), Enter adds the line; Enter in an empty item field saves the purchase.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.money import line_total, parse_rupiah
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.quantity import parse_quantity
from ewarong_desktop.domain.rules import SOURCE_KINDS
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.errors import ask_text, show_error
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    OK_STYLE,
    PageBase,
    add_period,
    current_period,
    find_period,
    heading,
    message_line,
    split_page,
)
from ewarong_desktop.services import products, purchases
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput


def own_text(is_own: bool) -> str:
    return words.own_source(is_own)


LINE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda r: r[0].name),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jumlah"),
        lambda r: fmt.qty(r[1].quantity, r[0].unit),
        align_right=True,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga beli"),
        lambda r: fmt.rupiah(r[1].unit_price_rupiah),
        align_right=True,
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Subtotal"),
        lambda r: fmt.rupiah(line_total(r[1].quantity, r[1].unit_price_rupiah)),
        align_right=True,
        width=100,
    ),
)
PURCHASE_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Tanggal"),
        lambda p: fmt.day(p.date),
        sort=lambda p: p.date,
        width=120,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Sumber"), lambda p: p.source_name),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jenis"), lambda p: fmt.source_kind(p.source_kind), width=150
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Total"),
        lambda p: fmt.rupiah(p.total_rupiah),
        sort=lambda p: p.total_rupiah,
        align_right=True,
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda p: words.redemption_status(p.status),
        width=70,
    ),
)


@dataclass(frozen=True)
class SourceTotal:
    name: str
    kind: str
    count: int
    total_rupiah: int


SOURCE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Sumber"), lambda t: t.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Jenis"), lambda t: fmt.source_kind(t.kind), width=170),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Pembelian"),
        lambda t: str(t.count),
        sort=lambda t: t.count,
        align_right=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Total"),
        lambda t: fmt.rupiah(t.total_rupiah),
        sort=lambda t: t.total_rupiah,
        align_right=True,
        width=110,
    ),
)


def totals_by_source(rows) -> list[SourceTotal]:
    """The month's completed purchases added up per source, biggest first."""
    found: dict[tuple[str, str], list[int]] = {}
    for p in rows:
        if p.status == "completed":
            entry = found.setdefault((p.source_name, p.source_kind), [0, 0])
            entry[0] += 1
            entry[1] += p.total_rupiah
    totals = [SourceTotal(name, kind, n, amount) for (name, kind), (n, amount) in found.items()]
    return sorted(totals, key=lambda t: -t.total_rupiah)


class PurchasesPage(PageBase):
    topics = frozenset({"purchase", "product", "settings"})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.lines: list[tuple[products.ProductView, PurchaseLineInput]] = []
        self.product_list: list[products.ProductView] = []
        self.pending = None
        self.title = heading(self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.kind = QComboBox(self)
        self.kind.setObjectName("purchaseKind")
        self.source = QComboBox(self)
        self.source.setObjectName("purchaseSource")
        self.source.setEditable(True)
        self.source.lineEdit().returnPressed.connect(lambda: self.product.setFocus())
        self.product = QLineEdit(self)
        self.product.setObjectName("purchaseProduct")
        self.product.returnPressed.connect(self.on_product_enter)
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product.setCompleter(completer)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("purchaseQty")
        self.qty.returnPressed.connect(lambda: (self.price.setFocus(), self.price.selectAll()))
        self.price = QLineEdit(self)
        self.price.setObjectName("purchasePrice")
        self.price.returnPressed.connect(self.add_line)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_line)
        self.table = TableBundle(LINE_COLUMNS, self)
        self.table.view.setSortingEnabled(False)
        self.note = QLineEdit(self)
        self.total = QLabel(self)
        self.message = message_line(self)
        self.message.setObjectName("purchaseMessage")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("purchaseSave")
        self.save_button.clicked.connect(self.save)
        self.form_labels = [QLabel(self) for _ in range(4)]
        self.entry_labels = [QLabel(self) for _ in range(3)]

        self.list_title = heading(self, 12)
        self.month = QComboBox(self)
        self.month.currentIndexChanged.connect(lambda _i: self._list())
        self.list = TableBundle(PURCHASE_COLUMNS, self)
        self.list.model.dim = lambda p: p.status == "voided"
        self.share = message_line(self)
        self.sources = TableBundle(SOURCE_COLUMNS, self)
        self.void_button = QPushButton(self)
        self.void_button.clicked.connect(self.void_selected)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self.title)
        form = QFormLayout()
        for label, field in zip(
            self.form_labels, (self.date, self.kind, self.source, self.note), strict=True
        ):
            form.addRow(label, field)
        lv.addLayout(form)
        entry = QGridLayout()
        for col, (label, field) in enumerate(
            zip(self.entry_labels, (self.product, self.qty, self.price), strict=True)
        ):
            entry.addWidget(label, 0, col)
            entry.addWidget(field, 1, col)
        entry.setColumnStretch(0, 3)
        entry.setColumnStretch(1, 1)
        entry.setColumnStretch(2, 1)
        entry.addWidget(self.add_button, 1, 3)
        lv.addLayout(entry)
        lv.addWidget(self.table.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(self.total)
        lv.addLayout(bottom)
        lv.addWidget(self.message)
        lv.addWidget(self.save_button)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(6, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.list_title, 1)
        head.addWidget(self.month)
        rv.addLayout(head)
        rv.addWidget(self.list.view, 3)
        rv.addWidget(self.share)
        rv.addWidget(self.sources.view, 2)
        vb = QHBoxLayout()
        vb.addStretch(1)
        vb.addWidget(self.void_button)
        rv.addLayout(vb)
        split_page(self, left, right, (560, 600))
        self.retranslate()
        self._fill_kinds()
        self.actor_changed()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Catat pembelian"))
        for label, text in zip(
            self.form_labels,
            (
                self.tr("Tanggal:"),
                self.tr("Jenis sumber:"),
                self.tr("Nama sumber:"),
                self.tr("Catatan:"),
            ),
            strict=True,
        ):
            label.setText(text)
        for label, text in zip(
            self.entry_labels,
            (self.tr("Barang"), self.tr("Jumlah"), self.tr("Harga beli per satuan")),
            strict=True,
        ):
            label.setText(text)
        self.source.lineEdit().setPlaceholderText(
            self.tr("mis. Kelompok Tani Makmur, CV Sumber Pangan")
        )
        self.product.setPlaceholderText(self.tr("nama atau kode, Enter"))
        self.add_button.setText(self.tr("Tambah"))
        self.remove_button.setText(self.tr("Hapus baris"))
        self.save_button.setText(self.tr("Simpan pembelian (Enter di kolom barang kosong)"))
        self.list_title.setText(self.tr("Pembelian bulan"))
        self.void_button.setText(self.tr("Batalkan pembelian… (admin)"))
        self._total()
        self._list()

    def language_changed(self) -> None:
        self._fill_kinds()
        self._fill_months()
        self.table.retranslate()
        self.list.retranslate()
        self.sources.retranslate()
        self._list()

    def actor_changed(self) -> None:
        self.void_button.setEnabled(self.state.is_admin)

    def _fill_kinds(self) -> None:
        keep = self.kind.currentData()
        self.kind.clear()
        for key in SOURCE_KINDS:
            self.kind.addItem(fmt.source_kind(key), key)
        if keep:
            self.kind.setCurrentIndex(self.kind.findData(keep))

    def _fill_months(self) -> None:
        keep = current_period(self.month)
        self.month.blockSignals(True)
        self.month.clear()
        now = Period.of(self.state.ctx.today())
        for i in range(13):
            period = now.shift(-i)
            add_period(self.month, fmt.month(period), period)
        index = find_period(self.month, keep) if keep else 0
        self.month.setCurrentIndex(max(index, 0))
        self.month.blockSignals(False)

    def reload(self) -> None:
        self.date.setMaximumDate(QDate(self.state.ctx.today()))
        if not self.lines:
            self.date.setDate(QDate(self.state.ctx.today()))
        self.product_list = products.list_products(self.state.ctx, include_inactive=False)
        self.names.setStringList(
            [p.name for p in self.product_list] + [p.code for p in self.product_list]
        )
        sources = sorted({p.source_name for p in purchases.list_purchases(self.state.ctx)})
        text = self.source.currentText()
        self.source.clear()
        self.source.addItems(sources)
        self.source.setCurrentText(text)
        if self.month.count() == 0:
            self._fill_months()
        self._list()

    # --- entry ----------------------------------------------------------------------------
    def _resolve(self, text: str) -> products.ProductView:
        # The one matching rule (code, name, prefix, part of the name) lives in the service.
        return products.find_product(self.state.ctx, text)

    def on_product_enter(self) -> None:
        text = self.product.text().strip()
        if not text:
            if self.lines:
                self.save()
            return
        try:
            self.pending = self._resolve(text)
        except EwarongError as exc:
            self._say(self.state.text(exc), error=True)
            return
        self.product.setText(self.pending.name)
        self.message.clear()
        # The cost is what was paid, not the selling price: shown as a hint, never filled in.
        self.price.clear()
        self.price.setPlaceholderText(
            self.tr("harga jual {0}").format(fmt.rupiah(self.pending.price_rupiah))
        )
        self.qty.setFocus()
        self.qty.selectAll()

    def add_line(self) -> None:
        try:
            product = self.pending
            if product is None or product.name != self.product.text().strip():
                product = self._resolve(self.product.text().strip())
            line = PurchaseLineInput(
                product.id, parse_quantity(self.qty.text()), parse_rupiah(self.price.text())
            )
        except EwarongError as exc:
            self._say(self.state.text(exc), error=True)
            return
        self.lines.append((product, line))
        self.table.set_rows(self.lines)
        self.pending = None
        for field in (self.product, self.qty, self.price):
            field.clear()
        self.message.clear()
        self._total()
        self.product.setFocus()

    def remove_line(self) -> None:
        chosen = self.table.selected()
        if chosen is not None:
            self.lines.remove(chosen)
            self.table.set_rows(self.lines)
            self._total()

    def _total(self) -> None:
        total = sum(line_total(line.quantity, line.unit_price_rupiah) for _p, line in self.lines)
        self.total.setText(self.tr("Total: {0}").format(fmt.rupiah(total)))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def save(self) -> None:
        data = PurchaseInput(
            date=self.date.date().toPython(),
            source_kind=self.kind.currentData(),
            source_name=self.source.currentText().strip(),
            lines=tuple(line for _p, line in self.lines),
            note=self.note.text(),
        )
        try:
            saved = purchases.record_purchase(self.state.ctx, data)
        except EwarongError as exc:
            self._say(self.state.text(exc), error=True)
            return
        self.lines = []
        self.table.set_rows(())
        self.note.clear()
        self._total()
        self.state.notify("purchase", "stock")
        self._say(
            self.tr("Tersimpan: pembelian dari {0}, {1} ({2}).").format(
                saved.source_name, fmt.rupiah(saved.total_rupiah), own_text(saved.is_own)
            )
        )
        self.refresh()
        self.product.setFocus()

    # --- the list -----------------------------------------------------------------------------
    def _list(self) -> None:
        period = current_period(self.month)
        if period is None:
            return
        rows = purchases.list_purchases(self.state.ctx, period)
        self.list.set_rows(rows)
        done = [p for p in rows if p.status == "completed"]
        own = sum(p.total_rupiah for p in done if p.is_own)
        third = sum(p.total_rupiah for p in done if not p.is_own)
        share = f"{own * 100 // (own + third)}%" if own + third else "–"
        self.share.setText(
            self.tr("Sumber sendiri: {0} · Pihak ketiga: {1} · Bagian sendiri: {2}").format(
                fmt.rupiah(own), fmt.rupiah(third), share
            )
        )
        self.sources.set_rows(totals_by_source(rows))

    def void_selected(self) -> None:
        chosen = self.list.selected()
        if chosen is None:
            return
        reason = ask_text(self, self.tr("Batalkan pembelian"), self.tr("Alasan pembatalan:"))
        if reason is None:
            return
        try:
            purchases.void_purchase(self.state.ctx, chosen.id, reason)
        except Exception as exc:
            show_error(self, exc)
            return
        self.state.notify("purchase", "stock")
        self.refresh()
