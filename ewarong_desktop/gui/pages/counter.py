"""F1 Layani KPM: scan or type the card, add items, see the total against one balance, Enter.

Built for a queue and a barcode/card reader: the reader types digits + Enter into the search
field, which selects the KPM and puts the cursor in the item field; Enter in the item field
goes to the quantity, Enter there adds the line; Enter in an empty item field goes to the EDC
reference, and Enter there saves. The KPM's aid is one balance: the basket draws on the open
months oldest first (Ctrl+B pins it to one month). Goods aid cannot buy and quantities beyond
stock are refused as they are chosen; every remaining problem is listed before saving.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import (
    CategoryNotRedeemable,
    EntitlementExceeded,
    EwarongError,
    InsufficientStock,
    RuleViolation,
)
from ewarong_desktop.domain.identity import clean_digits
from ewarong_desktop.domain.quantity import parse_quantity
from ewarong_desktop.domain.rules import NEVER_REDEEMABLE
from ewarong_desktop.gui import errors
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import perform
from ewarong_desktop.gui.pages.counter_columns import (
    BASKET_COLUMNS,
    MATCH_COLUMNS,
    basket_rows,
    fixed_lines,
)
from ewarong_desktop.gui.pages.counter_today import TodayPanel
from ewarong_desktop.gui.pages.unlisted_dialog import UnlistedDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import TableBundle
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    PageBase,
    add_period,
    card_frame,
    current_period,
    figure_label,
    find_period,
    heading,
    message_line,
    split_page,
)
from ewarong_desktop.services import beneficiaries, products, redemption
from ewarong_desktop.services.beneficiaries import BeneficiaryView
from ewarong_desktop.services.changes import Topic
from ewarong_desktop.services.redemption import BasketCheck, BasketItem, BasketLine, RedeemRequest

MARK_SEPARATOR = " — "  # what follows it in the item completer is a mark, not the name


# Problems that belong to the item just chosen: refused there, never added to the basket.
ITEM_REFUSALS = (CategoryNotRedeemable, InsufficientStock, RuleViolation)


class CounterPage(PageBase):
    topics = frozenset({Topic.REDEMPTION, Topic.KPM, Topic.STOCK, Topic.PRODUCT, Topic.SETTINGS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.kpm: BeneficiaryView | None = None
        self.items: dict[str, Decimal] = {}  # product id -> quantity, in the order chosen
        self.check: BasketCheck | None = None
        self.balance: redemption.Balance | None = None
        self.product_list: list[products.ProductView] = []
        self.pending_product: products.ProductView | None = None
        self.editing: str | None = None  # product id whose quantity is being changed
        self.last_saved: redemption.SavedBasket | None = None
        self._build()
        self.retranslate()
        self.actor_changed()
        state.locked.connect(self.clear_messages)

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = heading(self)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("counterSearch")
        self.search.setClearButtonEnabled(True)
        font = self.search.font()
        font.setPointSize(13)
        self.search.setFont(font)
        self.search.returnPressed.connect(self.on_search)
        self.unlisted_button = QPushButton(self)
        self.unlisted_button.setObjectName("counterUnlisted")
        self.unlisted_button.clicked.connect(self.register_unlisted)
        self.search_message = fixed_lines(message_line(self), 1)
        self.matches = TableBundle(MATCH_COLUMNS, self)
        self.matches.view.setMaximumHeight(150)
        self.matches.view.hide()
        self.matches.view.activated.connect(self._match_chosen)

        self.card = card_frame(self)
        self.kpm_name = figure_label(self.card, 14)
        self.kpm_detail = QLabel(self.card)
        self.kpm_detail.setStyleSheet(MUTED_STYLE)
        self.balance_caption, self.balance_figure = QLabel(self.card), figure_label(self.card, 18)
        self.balance_figure.setObjectName("counterBalance")
        self.months_line = QLabel(self.card)
        self.months_line.setObjectName("counterMonths")
        self.months_line.setWordWrap(True)
        self.period_label = QLabel(self.card)
        self.period = QComboBox(self.card)
        self.period.setObjectName("counterPin")
        self.period.currentIndexChanged.connect(lambda _i: self._recheck())
        card = QGridLayout(self.card)
        card.addWidget(self.kpm_name, 0, 0, 1, 3)
        card.addWidget(self.kpm_detail, 1, 0, 1, 3)
        card.addWidget(self.balance_caption, 2, 0)
        card.addWidget(self.balance_figure, 3, 0)
        card.addWidget(self.months_line, 2, 1, 2, 2)
        card.addWidget(self.period_label, 4, 0)
        card.addWidget(self.period, 4, 1, 1, 2)
        card.setColumnStretch(1, 1)

        self.product_label = QLabel(self)
        self.product = QLineEdit(self)
        self.product.setObjectName("counterProduct")
        self.product.returnPressed.connect(self.on_product_enter)
        self.completer_model = QStandardItemModel(self)
        completer = QCompleter(self.completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.product.setCompleter(completer)
        self.qty_label = QLabel(self)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("counterQty")
        self.qty.setMaximumWidth(90)
        self.qty.returnPressed.connect(self.on_qty_enter)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.on_qty_enter)
        self.item_message = fixed_lines(message_line(self), 2)
        self.item_message.setObjectName("counterItemMessage")

        self.basket = TableBundle(BASKET_COLUMNS, self)
        self.basket.view.setObjectName("counterBasket")
        self.basket.view.setSortingEnabled(False)
        self.basket.view.activated.connect(lambda _i: self.edit_line())
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_line)
        for keys, action in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_line),
            (QKeySequence(Qt.Key.Key_Plus), lambda: self.step_line(1)),
            (QKeySequence(Qt.Key.Key_Minus), lambda: self.step_line(-1)),
        ):  # on the basket only: in a text field these keys type
            shortcut = QShortcut(keys, self.basket.view, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.total_caption, self.total = QLabel(self), figure_label(self, 16)
        self.after_caption, self.after = QLabel(self), figure_label(self, 16)
        self.problems = fixed_lines(message_line(self), 3)
        self.problems.setObjectName("counterProblems")
        self.problems.setStyleSheet(ERROR_STYLE)

        self.edc_label = QLabel(self)
        self.edc = QLineEdit(self)
        self.edc.setObjectName("counterEdc")
        self.edc.returnPressed.connect(self.confirm)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("counterConfirm")
        self.confirm_button.setMinimumHeight(36)
        self.confirm_button.clicked.connect(self.confirm)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear_customer)

        self.saved_line = fixed_lines(message_line(self), 3)
        self.saved_line.setObjectName("counterSaved")
        self.saved_line.setStyleSheet(OK_STYLE)
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(self.print_last)
        self.receipt_button.setEnabled(False)
        self.folder_button = QPushButton(self)
        self.folder_button.setObjectName("counterOpenFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self._folder_action: Callable[[], None] | None = None
        self.folder_button.hide()

        self.today_panel = TodayPanel(self.state, self)
        self.today_panel.said.connect(self._say)
        self.today_panel.printed.connect(self.show_printed)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self.title)
        lv.addWidget(self.search_label)
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.unlisted_button)
        lv.addLayout(find)
        lv.addWidget(self.search_message)
        lv.addWidget(self.matches.view)
        lv.addWidget(self.card)
        entry = QHBoxLayout()
        entry.addWidget(self.product_label)
        entry.addWidget(self.product, 1)
        entry.addWidget(self.qty_label)
        entry.addWidget(self.qty)
        entry.addWidget(self.add_button)
        entry.addWidget(self.remove_button)
        lv.addLayout(entry)
        lv.addWidget(self.item_message)
        lv.addWidget(self.basket.view, 1)
        totals = QGridLayout()
        totals.addWidget(self.total_caption, 0, 0)
        totals.addWidget(self.total, 0, 1)
        totals.addWidget(self.after_caption, 0, 2)
        totals.addWidget(self.after, 0, 3)
        totals.setColumnStretch(1, 1)
        totals.setColumnStretch(3, 1)
        lv.addLayout(totals)
        lv.addWidget(self.problems)
        pay = QHBoxLayout()
        pay.addWidget(self.edc_label)
        pay.addWidget(self.edc, 1)
        pay.addWidget(self.clear_button)
        pay.addWidget(self.confirm_button)
        lv.addLayout(pay)
        saved = QHBoxLayout()
        saved.addWidget(self.saved_line, 1)
        saved.addWidget(self.folder_button)
        saved.addWidget(self.receipt_button)
        lv.addLayout(saved)

        splitter = split_page(self, left, self.today_panel, (760, 420))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.confirm)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_customer)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.print_last)
        QShortcut(QKeySequence("Ctrl+B"), self, self.next_pin)
        QShortcut(QKeySequence("Ctrl+N"), self, self.register_unlisted)
        self._show_kpm()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Layani KPM"))
        self.search_label.setText(self.tr("Kartu KKS / NIK / nama KPM:"))
        self.search.setPlaceholderText(
            self.tr("Pindai kartu atau ketik nomor KKS, NIK, atau sebagian nama, lalu Enter")
        )
        self.unlisted_button.setText(self.tr("KPM luar daftar… (Ctrl+N)"))
        self.balance_caption.setText(self.tr("Sisa bantuan"))
        self.period_label.setText(self.tr("Ambil dari (Ctrl+B):"))
        self.product_label.setText(self.tr("Barang:"))
        self.product.setPlaceholderText(self.tr("nama atau kode barang, Enter"))
        self.qty_label.setText(self.tr("Jumlah:"))
        self.add_button.setText(self.tr("Tambah"))
        self.remove_button.setText(self.tr("Hapus baris (Del)"))
        self.basket.view.setToolTip(
            self.tr("+/- ubah jumlah, Enter ketik jumlah baru, Del hapus baris")
        )
        self.total_caption.setText(self.tr("Total belanja:"))
        self.after_caption.setText(self.tr("Sisa sesudahnya:"))
        self.edc_label.setText(self.tr("Ref. EDC (boleh kosong):"))
        self.edc.setPlaceholderText(self.tr("nomor referensi di struk EDC, lalu Enter"))
        self.confirm_button.setText(self.tr("Simpan transaksi (Enter)"))
        self.clear_button.setText(self.tr("KPM berikutnya (Esc)"))
        self.receipt_button.setText(self.tr("Cetak struk (F9)"))
        self.folder_button.setText(self.tr("Buka folder"))
        if self.kpm is None:
            self.kpm_name.setText(self.tr("Belum ada KPM dipilih"))
        self._fill_pins()
        self._show_totals()

    def actor_changed(self) -> None:
        self.today_panel.set_admin(self.state.is_admin)
        self.unlisted_button.setEnabled(self.state.is_admin)
        if self.kpm is not None:
            self.clear_customer()  # another operator unlocked: a half basket is not theirs
        self.clear_messages()

    def language_changed(self) -> None:
        self.clear_messages()
        super().language_changed()
        self._show_kpm()
        self._fill_pins()
        self._recheck()
        self.basket.retranslate()
        self.matches.retranslate()

    def clear_messages(self) -> None:
        """Messages belong to a moment: Esc, a new KPM, a language switch, a lock, a login."""
        for label in (self.search_message, self.item_message, self.saved_line):
            label.clear()
        self.folder_button.hide()
        self.matches.view.hide()

    # --- work in progress ---------------------------------------------------------------
    def may_leave(self) -> bool:
        """Asked before the page is left, the window closed or the screen locked."""
        if not self.items:
            return True
        name = self.kpm.name if self.kpm is not None else ""
        return errors.ask(
            self,
            self.tr("Keranjang belum disimpan"),
            self.tr(
                "Keranjang {0} belum disimpan ({1} barang). Tinggalkan dulu? Keranjang tetap "
                "ada saat Anda kembali."
            ).format(name, len(self.items)),
        )

    # --- data -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.product_list = products.list_products(self.state.ctx, include_inactive=False)
        self._fill_completer()
        self.today_panel.reload()
        if self.kpm is not None:
            self._load_balance()

    def _fill_completer(self) -> None:
        self.completer_model.clear()
        for product in self.product_list:
            mark = ""
            if product.category == NEVER_REDEEMABLE:
                mark = self.tr("bukan barang bantuan")
            elif product.stock <= 0:
                mark = self.tr("stok habis")
            for key in (product.name, product.code):
                item = QStandardItem(key + (MARK_SEPARATOR + mark if mark else ""))
                if mark:
                    item.setForeground(Qt.GlobalColor.gray)
                self.completer_model.appendRow(item)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.kpm is None:
            self.search.setFocus()
        else:
            self.product.setFocus()

    # --- finding the KPM ------------------------------------------------------------------
    def on_search(self) -> None:
        text = self.search.text().strip()
        self.clear_messages()
        if not text:
            return
        if self.items:
            # Never drop a half-served basket silently because the next card was scanned.
            self._search_error(self._finish_first())
            return
        try:
            digits = clean_digits(text)
            if digits.isdigit():
                try:
                    self.select_kpm(beneficiaries.find_one(self.state.ctx, digits))
                    return
                except EwarongError:
                    found = beneficiaries.find(self.state.ctx, digits)
            else:
                found = beneficiaries.find(self.state.ctx, text)
            rows = redemption.match_rows(self.state.ctx, found)
        except EwarongError as exc:
            self._search_error(self.state.text(exc))
            return
        if not rows:
            hint = (
                self.tr(" Admin: Ctrl+N mencatat KPM luar daftar.") if self.state.is_admin else ""
            )
            self._search_error(
                self.tr("Tidak ada KPM yang cocok dengan '{0}'.").format(text) + hint
            )
        elif len(rows) == 1:
            self.select_kpm(rows[0].kpm)
        else:
            self.matches.set_rows(rows)
            self.matches.view.show()
            self.matches.select_first()
            self.matches.view.setFocus()
            self.search_message.setStyleSheet(MUTED_STYLE)
            self.search_message.setText(
                self.tr("{0} KPM cocok: pilih dengan panah lalu Enter.").format(len(rows))
            )

    def _search_error(self, text: str) -> None:
        self.search_message.setStyleSheet(ERROR_STYLE)
        self.search_message.setText(text)
        self.search.selectAll()
        self.search.setFocus()

    def _match_chosen(self, _index: object) -> None:
        row = self.matches.selected()
        if row is not None:
            self.select_kpm(row.kpm)

    def select_kpm(self, kpm: BeneficiaryView) -> None:
        self.clear_messages()
        self.kpm = kpm
        self.items = {}
        self.check = None
        self.editing = None
        self.edc.clear()
        self.search.clear()  # the card shows the numbers; the next scan starts clean
        self._show_kpm()
        self._load_balance()
        if not kpm.active:
            self.search_message.setStyleSheet(ERROR_STYLE)
            self.search_message.setText(self.tr("KPM ini tidak aktif."))
        self.product.setFocus()

    def register_unlisted(self) -> None:
        if not self.state.is_admin or self.items:
            if self.items:
                self._item_error(self._finish_first())
            return
        dialog = UnlistedDialog(self.state, self.search.text().strip(), self)
        if dialog.exec() and dialog.saved is not None:
            self.select_kpm(dialog.saved)
            self.item_message.setStyleSheet(OK_STYLE)
            self.item_message.setText(
                self.tr("KPM luar daftar tercatat: {0}.").format(dialog.saved.name)
            )

    def _load_balance(self) -> None:
        if self.kpm is None:
            return
        try:
            self.balance = redemption.balance(self.state.ctx, self.kpm.id)
        except EwarongError as exc:
            self.balance = None
            self._search_error(self.state.text(exc))
        self._fill_pins()
        self._recheck()

    def _fill_pins(self) -> None:
        """Automatic (oldest first) first; then each open month, to pin the basket to it."""
        keep = current_period(self.period)
        self.period.blockSignals(True)
        self.period.clear()
        if self.kpm is not None and self.balance is not None:
            self.period.addItem(self.tr("Semua bulan, yang terlama dulu"), "")
            for status in self.balance.months:
                add_period(
                    self.period,
                    self.tr("Hanya {0} (sisa {1})").format(
                        fmt.month(status.period), fmt.rupiah(status.remaining)
                    ),
                    status.period,
                )
            index = find_period(self.period, keep) if keep is not None else 0
            self.period.setCurrentIndex(max(index, 0))
        self.period.blockSignals(False)

    def next_pin(self) -> None:
        """Ctrl+B: automatic -> each open month -> automatic."""
        if self.period.count():
            self.period.setCurrentIndex((self.period.currentIndex() + 1) % self.period.count())

    def _show_kpm(self) -> None:
        kpm = self.kpm
        enabled = kpm is not None
        for widget in (self.product, self.qty, self.add_button, self.edc, self.period):
            widget.setEnabled(enabled)
        if kpm is None:
            self.kpm_name.setText(self.tr("Belum ada KPM dipilih"))
            self.kpm_detail.setText(self.tr("Pindai kartu KKS untuk mulai."))
            self.balance_figure.setText("–")
            self.months_line.clear()
            return
        name = kpm.name
        if not kpm.listed:
            name += "  " + self.tr("(luar daftar)")
        self.kpm_name.setText(name)
        place = ", ".join(p for p in (kpm.address, kpm.desa) if p) or "–"
        self.kpm_detail.setText(
            self.tr("KKS {0} · NIK {1} · {2}").format(kpm.kks_number, kpm.nik, place)
        )

    def _show_balance(self) -> None:
        balance = self.balance
        if self.kpm is None or balance is None:
            return
        pinned = current_period(self.period)
        month = balance.month(pinned) if pinned is not None else None
        if month is not None:
            self.balance_caption.setText(
                self.tr("Sisa bantuan {0}").format(fmt.month(month.period))
            )
            self.balance_figure.setText(fmt.rupiah(month.remaining))
        else:
            self.balance_caption.setText(self.tr("Sisa bantuan"))
            self.balance_figure.setText(fmt.rupiah(balance.remaining))
        open_months = [m for m in balance.months if m.remaining > 0]
        if not open_months:
            self.months_line.setText(self.tr("Bantuan semua bulan sudah habis."))
            return
        self.months_line.setText(
            " · ".join(f"{fmt.month(m.period)}: {fmt.rupiah(m.remaining)}" for m in open_months)
        )

    # --- the basket -----------------------------------------------------------------------------
    def _typed_product(self) -> str:
        """What names the product: the completer's mark after the name is not part of it."""
        return self.product.text().split(MARK_SEPARATOR)[0].strip()

    def on_product_enter(self) -> None:
        text = self._typed_product()
        self.item_message.clear()
        if not text:
            if self.items:
                self.edc.setFocus()
                self.edc.selectAll()
            return
        if text.isdigit() and len(text) >= 10:
            # A card scanned while the cursor sat in the item field: the next KPM.
            if self.items:
                self._item_error(self._finish_first())
                return
            self.product.clear()
            self.search.setText(text)
            self.on_search()
            return
        try:
            product = products.find_product(self.state.ctx, text)
        except EwarongError as exc:
            self._item_error(self.state.text(exc))
            return
        refusal = self._refusal(product, Decimal("0.001"))
        if refusal:
            self._item_error(refusal)
            return
        self.pending_product = product
        self.editing = product.id if product.id in self.items else None
        self.product.setText(product.name)
        self.item_message.setStyleSheet(MUTED_STYLE)
        self.item_message.setText(
            self.tr("{0}: {1} per {2}, stok {3}").format(
                product.name,
                fmt.rupiah(product.price_rupiah),
                product.unit,
                fmt.qty(product.stock, product.unit),
            )
        )
        self.qty.setText(str(self.items.get(product.id, "1")))
        self.qty.selectAll()
        self.qty.setFocus()

    def _refusal(self, product: products.ProductView, quantity: Decimal) -> str:
        """Why aid cannot take `quantity` of `product` in this basket, in plain words; "" when
        it can (what is over the balance is left to the basket's list)."""
        request = self._request({**self.items, product.id: quantity})
        if request is None:
            return ""
        try:
            check = redemption.check_basket(self.state.ctx, request)
        except EwarongError as exc:
            return self.state.text(exc)
        before = {self.state.text(p) for p in self.check.problems} if self.check else set()
        new = [
            self.state.text(p)
            for p in check.problems
            if isinstance(p, ITEM_REFUSALS)
            and not isinstance(p, EntitlementExceeded)
            and self.state.text(p) not in before
        ]
        return " ".join(new)

    def on_qty_enter(self) -> None:
        if self.kpm is None:
            return
        try:
            product = self.pending_product
            if product is None or product.name != self._typed_product():
                product = products.find_product(self.state.ctx, self._typed_product())
            quantity = parse_quantity(self.qty.text())
        except EwarongError as exc:
            self._item_error(self.state.text(exc))
            return
        if self.editing != product.id:
            quantity += self.items.get(product.id, Decimal(0))
        refusal = self._refusal(product, quantity)
        if refusal:
            self.item_message.setStyleSheet(ERROR_STYLE)
            self.item_message.setText(refusal)
            self.qty.selectAll()
            self.qty.setFocus()
            return
        self.set_quantity(product.id, quantity)
        self.item_message.clear()
        self.pending_product = None
        self.editing = None
        self.product.clear()
        self.qty.clear()
        self.product.setFocus()

    def _item_error(self, text: str) -> None:
        self.item_message.setStyleSheet(ERROR_STYLE)
        self.item_message.setText(text)
        self.product.selectAll()
        self.product.setFocus()

    def add_item(self, product_id: str, quantity: Decimal) -> None:
        self.set_quantity(product_id, self.items.get(product_id, Decimal(0)) + quantity)

    def set_quantity(self, product_id: str, quantity: Decimal) -> None:
        if quantity <= 0:
            self.items.pop(product_id, None)
        else:
            self.items[product_id] = quantity
        self._recheck()
        self._select_line(product_id)

    def _select_line(self, product_id: str) -> None:
        for row, basket_row in enumerate(self.basket.model.rows):
            if basket_row.line.product_id == product_id:
                self.basket.view.selectRow(row)

    def _selected_line(self) -> BasketLine | None:
        row = self.basket.selected()
        return row.line if row is not None else None

    def step_line(self, step: int) -> None:
        """+/- on a basket line: one more or one less (a weighed good by 0,5 under 1)."""
        line = self._selected_line()
        if line is None:
            return
        delta = Decimal(step)
        if line.quantity < 1 or (step < 0 and line.quantity <= 1 and line.unit in ("kg", "liter")):
            delta = Decimal("0.5") * step
        quantity = line.quantity + delta
        if quantity <= 0:
            return  # Del removes a line; - never does it by surprise
        if step > 0:
            product = next((p for p in self.product_list if p.id == line.product_id), None)
            refusal = self._refusal(product, quantity) if product is not None else ""
            if refusal:
                self.item_message.setStyleSheet(ERROR_STYLE)
                self.item_message.setText(refusal)
                return
        self.item_message.clear()
        self.set_quantity(line.product_id, quantity)
        self.basket.view.setFocus()

    def edit_line(self) -> None:
        """Enter on a basket line: type its new quantity."""
        line = self._selected_line()
        if line is None:
            return
        product = next((p for p in self.product_list if p.id == line.product_id), None)
        if product is None:
            return
        self.pending_product = product
        self.editing = product.id
        self.product.setText(product.name)
        self.qty.setText(fmt.qty(line.quantity))
        self.item_message.setStyleSheet(MUTED_STYLE)
        self.item_message.setText(
            self.tr("Ketik jumlah baru {0}, lalu Enter.").format(line.product_name)
        )
        self.qty.selectAll()
        self.qty.setFocus()

    def remove_line(self) -> None:
        line = self._selected_line()
        if line is None:
            return
        self.items.pop(line.product_id, None)
        self.item_message.clear()
        self._recheck()
        if self.items:
            self.basket.view.selectRow(0)
        self.product.setFocus()

    def _request(self, items: dict[str, Decimal] | None = None) -> RedeemRequest | None:
        if self.kpm is None:
            return None
        chosen = self.items if items is None else items
        return RedeemRequest(
            self.kpm.id,
            current_period(self.period),
            tuple(BasketItem(pid, qty) for pid, qty in chosen.items()),
            self.edc.text().strip() or None,
        )

    def _finish_first(self) -> str:
        return self.tr("Selesaikan transaksi ini (Enter) atau batalkan (Esc) dulu.")

    def _recheck(self) -> None:
        if not self.items:  # the basket it spoke of is gone
            for label in (self.search_message, self.item_message):
                if label.text() == self._finish_first():
                    label.clear()
        request = self._request()
        self.check = None
        self.problems.clear()
        if request is not None and request.items:
            try:
                self.check = redemption.check_basket(self.state.ctx, request)
            except EwarongError as exc:
                self.problems.setText(self.state.text(exc))
        self.basket.set_rows(basket_rows(self.check) if self.check else ())
        self._show_balance()
        self._show_totals()

    def _show_totals(self) -> None:
        check = self.check
        self.after.setStyleSheet("")
        if check is None:
            self.total.setText("–")
            self.after.setText("–")
            self.confirm_button.setEnabled(False)
            return
        self.total.setText(fmt.rupiah(check.total_rupiah))
        self.after.setText(fmt.rupiah(check.remaining_after))
        if check.remaining_after < 0:
            self.after.setStyleSheet(ERROR_STYLE)
        lines = [self.state.text(p) for p in check.problems]
        self.problems.setText(
            "\n".join(f"• {line}" for line in lines) if len(lines) > 1 else "".join(lines)
        )
        self.confirm_button.setEnabled(check.ok)

    # --- saving ---------------------------------------------------------------------------------
    def confirm(self) -> None:
        request = self._request()
        if request is None or not self.items:
            return
        self._recheck()
        if self.check is None or not self.check.ok:
            # Refused before anything is written: the reasons are already on screen.
            self.product.setFocus()
            return
        saved = perform(
            self,
            self.state,
            lambda: redemption.serve(self.state.ctx, request),
            refused=lambda exc: self.problems.setText(self.state.text(exc)),
        )
        if saved is None:
            return
        self.last_saved = saved
        self.clear_customer()
        months = " + ".join(fmt.month(p.period) for p in saved.parts)
        self._say(
            self.tr("Tersimpan: {0}, {1} dari bantuan {2}.").format(
                saved.first.beneficiary_name, fmt.rupiah(saved.total_rupiah), months
            )
        )
        self.receipt_button.setEnabled(True)
        self.refresh()
        if self.today_panel.auto_print():
            self.print_last()

    def _say(self, text: str) -> None:
        self.saved_line.setStyleSheet(OK_STYLE)
        self.saved_line.setText(text)

    def clear_customer(self) -> None:
        self.kpm = None
        self.items = {}
        self.check = None
        self.balance = None
        self.pending_product = None
        self.editing = None
        self._fill_pins()
        for field in (self.product, self.qty, self.edc):
            field.clear()
        self.clear_messages()
        self.problems.clear()
        self.basket.set_rows(())
        self._show_kpm()
        self._show_totals()
        self.search.clear()
        self.search.setFocus()

    # --- receipts -------------------------------------------------------------------------------
    def print_last(self) -> None:
        if self.last_saved is not None:
            self.today_panel.print_receipt(self.last_saved.first)

    def show_printed(self, text: str, folder_action: Callable[[], None] | None) -> None:
        """The print's outcome on the saved line; a saved PDF offers its folder."""
        self.saved_line.setStyleSheet(OK_STYLE)
        current = self.saved_line.text()
        self.saved_line.setText(f"{current}\n{text}" if current and "\n" not in current else text)
        self._folder_action = folder_action
        self.folder_button.setVisible(folder_action is not None)

    def open_folder(self) -> None:
        if self._folder_action is not None:
            self._folder_action()
