"""F3 Stok: products with category, unit, price and level; the movement ledger; adjustments."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
from ewarong_desktop.domain.quantity import parse_change
from ewarong_desktop.domain.rules import ADJUSTMENT_REASONS
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui import words
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import PageBase, form_dialog, heading, split_page
from ewarong_desktop.services import products, stock
from ewarong_desktop.services.changes import Topic
from ewarong_desktop.services.products import ProductView
from ewarong_desktop.services.stock import StockLevel

KIND_WORDS = {
    "purchase_in": QT_TRANSLATE_NOOP("Movement", "pembelian masuk"),
    "purchase_void": QT_TRANSLATE_NOOP("Movement", "pembelian dibatalkan"),
    "redemption_out": QT_TRANSLATE_NOOP("Movement", "keluar ke KPM"),
    "void_in": QT_TRANSLATE_NOOP("Movement", "kembali (transaksi batal)"),
    "adjustment": QT_TRANSLATE_NOOP("Movement", "penyesuaian"),
}


def kind_text(kind: str) -> str:
    return QCoreApplication.translate("Movement", str(KIND_WORDS.get(kind, kind)))


PRODUCT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda p: p.code, width=70, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda p: p.name, width=200, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Kategori"),
        lambda p: fmt.category(p.category),
        width=190,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga"),
        lambda p: f"{fmt.rupiah(p.price_rupiah)} / {p.unit}",
        sort=lambda p: p.price_rupiah,
        align_right=True,
        width=130,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Stok"),
        lambda p: fmt.qty(p.stock, p.unit),
        sort=lambda p: p.stock,
        align_right=True,
        width=110,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda p: words.selling(p.active),
    ),
)
MOVEMENT_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Tanggal"),
        lambda m: fmt.day(m.movement_date),
        sort=lambda m: (m.movement_date, m.created_at),
        width=140,
        fit=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda m: m.product_name, width=150, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Jenis"), lambda m: kind_text(m.kind), width=170, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jumlah"),
        lambda m: fmt.qty(m.quantity, m.unit),
        sort=lambda m: m.quantity,
        align_right=True,
        width=100,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Sisa stok"),
        lambda m: fmt.qty(m.balance, m.unit),
        sort=lambda m: m.balance,
        align_right=True,
        width=100,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Alasan"),
        lambda m: fmt.adjustment_reason(m.reason) if m.reason else "",
        width=110,
        fit=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Operator"), lambda m: m.operator_name, width=90, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Catatan"), lambda m: m.note),
)


def signed_quantity(text: str) -> Decimal:
    return parse_change(text)


class AdjustDialog(QDialog):
    def __init__(
        self, state: AppState, product: ProductView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state, self.product = state, product
        self.setWindowTitle(self.tr("Penyesuaian stok"))
        self.setMinimumWidth(460)
        self.reason = QComboBox(self)
        for key in ADJUSTMENT_REASONS:
            self.reason.addItem(fmt.adjustment_reason(key), key)
        self.change = QLineEdit(self)
        self.change.setObjectName("adjustChange")
        self.change.setPlaceholderText(self.tr("mis. -2 (berkurang) atau 3 (opname, bertambah)"))
        self.note = QLineEdit(self)
        form = QFormLayout()
        form.addRow(
            self.tr("Barang:"),
            QLabel(
                self.tr("{0} · stok {1}").format(product.name, fmt.qty(product.stock, product.unit))
            ),
        )
        form.addRow(self.tr("Alasan:"), self.reason)
        form.addRow(self.tr("Perubahan ({0}):").format(product.unit), self.change)
        form.addRow(self.tr("Catatan:"), self.note)
        self.message = form_dialog(self, form, self.tr("Simpan"), self.tr("Batal"), self.save)

    def save(self) -> None:
        def adjust() -> StockLevel:
            return stock.adjust_stock(
                self.state.ctx,
                self.product.id,
                signed_quantity(self.change.text()),
                self.reason.currentData(),
                self.note.text().strip(),
            )

        def refused(exc: EwarongError) -> None:
            self.message.setText(self.state.text(exc))
            self.change.selectAll()
            self.change.setFocus()

        if perform(self, self.state, adjust, refused=refused) is not None:
            self.accept()


class StockPage(PageBase):
    topics = frozenset({Topic.STOCK, Topic.PRODUCT, Topic.PURCHASE, Topic.REDEMPTION})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.title = heading(self)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(
            lambda t: self.products.proxy.setFilterFixedString(t.strip())
        )
        self.products: TableBundle = TableBundle(PRODUCT_COLUMNS, self)
        self.products.model.dim = lambda p: not p.active
        self.products.view.selectionModel().selectionChanged.connect(lambda *_: self._chosen())
        self.adjust_button = QPushButton(self)
        self.adjust_button.setObjectName("stockAdjust")
        self.adjust_button.clicked.connect(self.adjust)
        self.all_button = QPushButton(self)
        self.all_button.clicked.connect(self.show_all)
        self.moves_title = heading(self, 12)
        self.moves = TableBundle(MOVEMENT_COLUMNS, self)
        self.only_all = False

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.filter, 1)
        top.addWidget(self.adjust_button)
        upper = QWidget(self)
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addLayout(top)
        uv.addWidget(self.products.view, 1)
        lower = QWidget(self)
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        mt = QHBoxLayout()
        mt.addWidget(self.moves_title, 1)
        mt.addWidget(self.all_button)
        lv.addLayout(mt)
        lv.addWidget(self.moves.view, 1)
        split_page(self, upper, lower, (330, 370), vertical=True)
        self.retranslate()
        self.adjust_button.setEnabled(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Stok barang"))
        self.filter.setPlaceholderText(self.tr("Saring barang"))
        self.adjust_button.setText(self.tr("Penyesuaian stok… (rusak, hilang, opname)"))
        self.adjust_button.setToolTip(self.tr("Pilih barangnya dulu di daftar."))
        self.all_button.setText(self.tr("Semua barang"))
        self._moves()

    def language_changed(self) -> None:
        self.products.retranslate()
        self.moves.retranslate()
        self._moves()

    def reload(self) -> None:
        keep = self.products.selected()
        self.products.set_rows(products.list_products(self.state.ctx))
        if keep is not None:
            for row in range(self.products.proxy.rowCount()):
                if (
                    self.products.proxy.index(row, 0).data(self.products.model.ROW_ROLE).id
                    == keep.id
                ):
                    self.products.view.selectRow(row)
        self._moves()

    def show_all(self) -> None:
        self.products.view.clearSelection()
        self.products.view.setCurrentIndex(self.products.proxy.index(-1, -1))
        self._moves()

    def _moves(self) -> None:
        product = self.products.selected()
        if product is None:
            self.moves_title.setText(self.tr("Buku stok: semua barang (terbaru dulu)"))
            self.moves.set_rows(stock.movements(self.state.ctx, limit=500))
        else:
            self.moves_title.setText(self.tr("Buku stok: {0} (terbaru dulu)").format(product.name))
            self.moves.set_rows(stock.movements(self.state.ctx, product.id))

    def _chosen(self) -> None:
        """Adjusting needs a highlighted item: the button says which one."""
        product = self.products.selected()
        self.adjust_button.setEnabled(product is not None)
        self._moves()

    def adjust(self) -> None:
        product = self.products.selected()
        if product is not None:
            AdjustDialog(self.state, product, self).exec()
            self.refresh()
