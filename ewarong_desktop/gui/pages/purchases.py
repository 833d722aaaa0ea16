"""F4 Pembelian: record goods bought, from own sources (which kind) or a third-party supplier.

Keyboard flow like the counter: item, Enter, quantity, Enter, unit price (the selling price
is offered), Enter adds the line; Enter in an empty item field saves the purchase.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
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
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.domain.states import Status
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.pages.void_dialog import PurchaseVoidDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    PageBase,
    add_period,
    admin_only,
    current_period,
    find_period,
    heading,
    line_edit_of,
    message_line,
    qdate,
    split_page,
)
from ewarong_desktop.services import products, purchases
from ewarong_desktop.services.changes import Topic
from ewarong_desktop.services.purchases import (
    PurchaseInput,
    PurchaseLineInput,
    PurchaseView,
    SourceView,
)


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
        fit=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Sumber"), lambda p: p.source_name, width=200, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jenis"),
        lambda p: fmt.source_kind(p.source_kind),
        width=150,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Total"),
        lambda p: fmt.rupiah(p.total_rupiah),
        sort=lambda p: p.total_rupiah,
        align_right=True,
        width=100,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda p: words.status(p.status),
        width=80,
        fit=True,
    ),
)
ITEM_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda r: r.product_name, width=160, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jumlah"),
        lambda r: fmt.qty(r.quantity, r.unit),
        align_right=True,
        width=100,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga beli"),
        lambda r: fmt.rupiah(r.unit_price_rupiah),
        align_right=True,
        width=100,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Subtotal"),
        lambda r: fmt.rupiah(r.total_rupiah),
        align_right=True,
    ),
)


SOURCE_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Sumber"), lambda t: t.name, width=200, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jenis"),
        lambda t: fmt.source_kind(t.kind),
        width=170,
        fit=True,
    ),
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


class PurchasesPage(PageBase):
    topics = frozenset({Topic.PURCHASE, Topic.PRODUCT, Topic.SETTINGS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.lines: list[tuple[products.ProductView, PurchaseLineInput]] = []
        self.product_list: list[products.ProductView] = []
        self.pending: products.ProductView | None = None
        self.known: dict[str, SourceView] = {}
        self.title = heading(self)
        self.date = QDateEdit(self)
        self.date.setObjectName("purchaseDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        # No wheel, and never the first stop: a stray arrow key must not move the purchase.
        self.date.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.kind = QComboBox(self)
        self.kind.setObjectName("purchaseKind")
        self.source = QComboBox(self)
        self.source.setObjectName("purchaseSource")
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line_edit_of(self.source).returnPressed.connect(lambda: self.product.setFocus())
        self.source.currentTextChanged.connect(self._source_typed)
        self.source_hint = QLabel(self)
        self.source_hint.setObjectName("purchaseSourceHint")
        self.source_hint.setStyleSheet(MUTED_STYLE)
        self.source_hint.setWordWrap(True)
        self.product: QLineEdit = QLineEdit(self)
        self.product.setObjectName("purchaseProduct")
        self.product.returnPressed.connect(self.on_product_enter)
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product.setCompleter(completer)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("purchaseQty")
        self.qty.returnPressed.connect(self._to_price)
        self.price: QLineEdit = QLineEdit(self)
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
        self.kind_label, self.source_label = QLabel(self), QLabel(self)
        self.date_label, self.note_label = QLabel(self), QLabel(self)
        self.product_label, self.qty_label, self.price_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )

        self.list_title = heading(self, 12)
        self.month = QComboBox(self)
        self.month.currentIndexChanged.connect(lambda _i: self._list())
        self.list = TableBundle(PURCHASE_COLUMNS, self)
        self.list.model.dim = lambda p: p.status == Status.VOIDED
        self.list.view.selectionModel().selectionChanged.connect(lambda *_a: self._show_items())
        self.items_title = QLabel(self)
        self.items_title.setObjectName("purchaseItemsTitle")
        self.items = TableBundle(ITEM_COLUMNS, self)
        self.items.view.setObjectName("purchaseItems")
        self.share = message_line(self)
        self.share.setObjectName("purchaseShare")
        self.sources = TableBundle(SOURCE_COLUMNS, self)
        self.void_button = QPushButton(self)
        self.void_button.setObjectName("purchaseVoid")
        admin_only(self.void_button)
        self.void_button.clicked.connect(self.void_selected)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self.title)
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.source_label, self.source)
        form.addRow("", self.source_hint)
        form.addRow(self.date_label, self.date)
        form.addRow(self.note_label, self.note)
        lv.addLayout(form)
        entry = QGridLayout()
        for col, (label, field) in enumerate(
            (
                (self.product_label, self.product),
                (self.qty_label, self.qty),
                (self.price_label, self.price),
            )
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
        rv.addWidget(self.items_title)
        rv.addWidget(self.items.view, 2)
        rv.addWidget(self.share)
        rv.addWidget(self.sources.view, 2)
        vb = QHBoxLayout()
        vb.addStretch(1)
        vb.addWidget(self.void_button)
        rv.addLayout(vb)
        split_page(self, left, right, (430, 730))
        for first, second in (
            (self.kind, self.source),
            (self.source, self.date),
            (self.date, self.note),
            (self.note, self.product),
        ):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self._fill_kinds()
        self.actor_changed()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Catat pembelian"))
        self.kind_label.setText(self.tr("Jenis sumber:"))
        self.source_label.setText(self.tr("Nama sumber:"))
        self.date_label.setText(self.tr("Tanggal:"))
        self.note_label.setText(self.tr("Catatan:"))
        self.product_label.setText(self.tr("Barang"))
        self.qty_label.setText(self.tr("Jumlah"))
        self.price_label.setText(self.tr("Harga beli per satuan"))
        line_edit_of(self.source).setPlaceholderText(
            self.tr("mis. Kelompok Tani Makmur, CV Sumber Pangan")
        )
        self.product.setPlaceholderText(self.tr("nama atau kode, Enter"))
        self.add_button.setText(self.tr("Tambah"))
        self.remove_button.setText(self.tr("Hapus baris"))
        self.save_button.setText(self.tr("Simpan pembelian (Enter di kolom barang kosong)"))
        self.list_title.setText(self.tr("Pembelian bulan"))
        self.void_button.setText(self.tr("Tandai pembelian batal…"))
        self._source_typed(self.source.currentText())
        self._total()
        self._list()

    def language_changed(self) -> None:
        self._fill_kinds()
        self._fill_months()
        self.table.retranslate()
        self.list.retranslate()
        self.sources.retranslate()
        self.items.retranslate()
        self._list()

    def actor_changed(self) -> None:
        self.void_button.setVisible(self.state.is_admin)  # admin only: not shown to others

    def activate(self) -> None:
        super().activate()
        if not self.lines:
            self.kind.setFocus()  # never the date: its arrow keys change the day

    def _to_price(self) -> None:
        self.price.setFocus()
        self.price.selectAll()

    def _source_typed(self, text: str) -> None:
        """A source already bought from keeps its kind: a known supplier cannot quietly
        become an own source (the service refuses that too)."""
        known = self.known.get(" ".join(text.split()).lower())
        self.source_hint.setVisible(known is not None)
        if known is None:
            self.source_hint.setText("")
            return
        self.kind.setCurrentIndex(self.kind.findData(known.kind))
        self.source_hint.setText(
            self.tr("Sudah tercatat sebagai: {0}").format(fmt.source_kind(known.kind))
        )

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
        self.date.setMaximumDate(qdate(self.state.ctx.today()))
        if not self.lines:
            self.date.setDate(qdate(self.state.ctx.today()))
        self.product_list = products.list_products(self.state.ctx, include_inactive=False)
        self.names.setStringList(
            [p.name for p in self.product_list] + [p.code for p in self.product_list]
        )
        known = purchases.known_sources(self.state.ctx)
        self.known = {s.name.lower(): s for s in known}
        text = self.source.currentText()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItems(sorted({s.name for s in known}))
        self.source.setCurrentText(text)
        self.source.blockSignals(False)
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
        picked = self.date.date().toPython()
        assert isinstance(picked, date)
        data = PurchaseInput(
            date=picked,
            source_kind=self.kind.currentData(),
            source_name=self.source.currentText().strip(),
            lines=tuple(line for _p, line in self.lines),
            note=self.note.text(),
        )
        saved = perform(
            self,
            self.state,
            lambda: purchases.record_purchase(self.state.ctx, data),
            refused=lambda exc: self._say(self.state.text(exc), error=True),
            confirmed=lambda: purchases.record_purchase(
                self.state.ctx, dataclasses.replace(data, confirmed=True)
            ),
        )
        if saved is None:
            return
        self.lines = []
        self.table.set_rows(())
        self.note.clear()
        self._total()
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
        month = purchases.purchase_month(self.state.ctx, period)
        self.list.set_rows(month.purchases)
        lang = self.state.lang
        self.share.setText(
            self.tr("Sumber sendiri: {0} · Pihak ketiga: {1} · Bagian sumber sendiri: {2}").format(
                fmt.rupiah(month.own_rupiah),
                fmt.rupiah(month.third_party_rupiah),
                format_share(month.own_share, lang),
            )
        )
        self.sources.set_rows(month.by_source)
        self._show_items()

    def _show_items(self) -> None:
        chosen: PurchaseView | None = self.list.selected()
        if chosen is None:
            self.items_title.setText(self.tr("Pilih satu pembelian untuk melihat barangnya."))
            self.items.set_rows(())
            return
        self.items_title.setText(
            self.tr("Barang dalam pembelian dari {0}, {1}:").format(
                chosen.source_name, fmt.day(chosen.date)
            )
        )
        self.items.set_rows(chosen.lines)

    def void_selected(self) -> None:
        chosen: PurchaseView | None = self.list.selected()
        if chosen is None:
            return
        dialog = PurchaseVoidDialog(chosen, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, _reversal = dialog.values()
        if perform(
            self,
            self.state,
            lambda: purchases.void_purchase(self.state.ctx, chosen.id, reason),
            refused=lambda exc: self._say(self.state.text(exc), error=True),
        ):
            self._say(self.tr("Pembelian ditandai batal; barangnya keluar lagi dari stok."))
            self.refresh()
