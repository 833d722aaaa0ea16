"""F1 Layani KPM: scan or type the card, add items, see the total against what is left, Enter.

Built for a queue and a barcode/card reader: the reader types digits + Enter into the search
field, which selects the KPM and puts the cursor in the item field; Enter in the item field
goes to the quantity, Enter there adds the line; Enter in an empty item field goes to the EDC
reference, and Enter there saves. Every refusal the services would give is shown under the
basket before saving, so nothing is saved that would be refused half-way.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
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

from ewarong_desktop.domain.errors import EntitlementExceeded, EwarongError, InvalidInput, NotFound
from ewarong_desktop.domain.identity import clean_digits
from ewarong_desktop.domain.quantity import parse_quantity
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp
from ewarong_desktop.gui.pages.counter_today import TodayPanel
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
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
from ewarong_desktop.services.redemption import BasketCheck, BasketItem, RedeemRequest

MATCH_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda b: b.name, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "No. KKS"), lambda b: b.kks_number, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Desa"), lambda b: b.desa),
)
BASKET_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda line: line.product_name),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jumlah"),
        lambda line: fmt.qty(line.quantity, line.unit),
        sort=lambda line: line.quantity,
        align_right=True,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga"),
        lambda line: fmt.rupiah(line.unit_price_rupiah),
        sort=lambda line: line.unit_price_rupiah,
        align_right=True,
        width=95,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Subtotal"),
        lambda line: fmt.rupiah(line.total_rupiah),
        sort=lambda line: line.total_rupiah,
        align_right=True,
        width=100,
    ),
)


class CounterPage(PageBase):
    topics = frozenset({Topic.REDEMPTION, Topic.KPM, Topic.STOCK, Topic.PRODUCT, Topic.SETTINGS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.kpm: BeneficiaryView | None = None
        self.items: list[BasketItem] = []
        self.check: BasketCheck | None = None
        self.offered: list[redemption.EntitlementStatus] = []  # the KPM's open months
        self.product_list: list[products.ProductView] = []
        self.pending_product: products.ProductView | None = None
        self.last_saved: redemption.RedemptionView | None = None
        self._build()
        self.retranslate()
        self.actor_changed()

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
        self.search_message = message_line(self)
        self.matches = TableBundle(MATCH_COLUMNS, self)
        self.matches.view.setMaximumHeight(150)
        self.matches.view.hide()
        self.matches.view.activated.connect(self._match_chosen)

        self.card = card_frame(self)
        self.kpm_name = figure_label(self.card, 14)
        self.kpm_detail = QLabel(self.card)
        self.kpm_detail.setStyleSheet(MUTED_STYLE)
        self.period_label = QLabel(self.card)
        self.period = QComboBox(self.card)
        self.period.currentIndexChanged.connect(lambda _i: self._recheck())
        self.entitlement_caption, self.entitlement = QLabel(self.card), figure_label(self.card)
        self.spent_caption, self.spent = QLabel(self.card), figure_label(self.card)
        self.remaining_caption, self.remaining = QLabel(self.card), figure_label(self.card)
        card = QGridLayout(self.card)
        card.addWidget(self.kpm_name, 0, 0, 1, 4)
        card.addWidget(self.kpm_detail, 1, 0, 1, 4)
        card.addWidget(self.period_label, 2, 0)
        card.addWidget(self.period, 2, 1, 1, 3)
        for col, (caption, value) in enumerate(
            (
                (self.entitlement_caption, self.entitlement),
                (self.spent_caption, self.spent),
                (self.remaining_caption, self.remaining),
            )
        ):
            card.addWidget(caption, 3, col)
            card.addWidget(value, 4, col)

        self.product_label = QLabel(self)
        self.product = QLineEdit(self)
        self.product.setObjectName("counterProduct")
        self.product.returnPressed.connect(self.on_product_enter)
        self.completer_model = QStringListModel(self)
        completer = QCompleter(self.completer_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product.setCompleter(completer)
        self.qty_label = QLabel(self)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("counterQty")
        self.qty.setMaximumWidth(90)
        self.qty.returnPressed.connect(self.on_qty_enter)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.on_qty_enter)
        self.item_message = message_line(self)

        self.basket = TableBundle(BASKET_COLUMNS, self)
        self.basket.view.setSortingEnabled(False)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_line)
        QShortcut(QKeySequence.StandardKey.Delete, self.basket.view, self.remove_line)

        self.total_caption, self.total = QLabel(self), figure_label(self, 16)
        self.after_caption, self.after = QLabel(self), figure_label(self, 16)
        self.problems = message_line(self)
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

        self.saved_line = message_line(self)
        self.saved_line.setObjectName("counterSaved")
        self.saved_line.setStyleSheet(OK_STYLE)
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(lambda: self.print_receipt(self.last_saved))
        self.receipt_button.hide()

        self.today_panel = TodayPanel(self.state, self)
        self.today_panel.said.connect(self.saved_line.setText)
        self.today = self.today_panel.table  # the list, for tests and screenshots
        self.void_button = self.today_panel.void_button

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 6, 0)
        lv.addWidget(self.title)
        lv.addWidget(self.search_label)
        lv.addWidget(self.search)
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
        saved.addWidget(self.receipt_button)
        lv.addLayout(saved)

        right = self.today_panel

        splitter = split_page(self, left, right, (700, 460))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        QShortcut(QKeySequence("Ctrl+Return"), self, self.confirm)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.confirm)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_customer)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, lambda: self.print_receipt(self.last_saved))
        self._show_kpm()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Layani KPM"))
        self.search_label.setText(self.tr("Kartu KKS / NIK / nama KPM:"))
        self.search.setPlaceholderText(
            self.tr("Pindai kartu atau ketik nomor KKS, NIK, atau sebagian nama, lalu Enter")
        )
        self.period_label.setText(self.tr("Bantuan bulan:"))
        self.entitlement_caption.setText(self.tr("Hak bantuan"))
        self.spent_caption.setText(self.tr("Sudah dibelanjakan"))
        self.remaining_caption.setText(self.tr("Sisa bantuan"))
        self.product_label.setText(self.tr("Barang:"))
        self.product.setPlaceholderText(self.tr("nama atau kode barang, Enter"))
        self.qty_label.setText(self.tr("Jumlah:"))
        self.add_button.setText(self.tr("Tambah"))
        self.remove_button.setText(self.tr("Hapus baris (Del)"))
        self.total_caption.setText(self.tr("Total belanja:"))
        self.after_caption.setText(self.tr("Sisa sesudahnya:"))
        self.edc_label.setText(self.tr("Ref. EDC (boleh kosong):"))
        self.edc.setPlaceholderText(self.tr("nomor referensi di struk EDC, lalu Enter"))
        self.confirm_button.setText(self.tr("Simpan transaksi (Enter)"))
        self.clear_button.setText(self.tr("KPM berikutnya (Esc)"))
        self.receipt_button.setText(self.tr("Cetak struk (F9)"))
        if self.kpm is None:
            self.kpm_name.setText(self.tr("Belum ada KPM dipilih"))
        self._show_totals()

    def actor_changed(self) -> None:
        self.today_panel.set_admin(self.state.is_admin)
        if self.kpm is not None:
            self.clear_customer()  # another operator unlocked: a half basket is not theirs

    def language_changed(self) -> None:
        self.item_message.clear()
        super().language_changed()
        self._show_kpm()
        self._recheck()
        self.basket.retranslate()
        self.matches.retranslate()

    # --- data -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.product_list = products.list_products(self.state.ctx, include_inactive=False)
        names = [p.name for p in self.product_list] + [p.code for p in self.product_list]
        self.completer_model.setStringList(names)
        self.today_panel.reload()
        if self.kpm is not None:
            self._load_periods()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search.setFocus()

    # --- finding the KPM ------------------------------------------------------------------
    def on_search(self) -> None:
        text = self.search.text().strip()
        self.search_message.clear()
        self.matches.view.hide()
        if not text:
            return
        if self.items:
            # Never drop a half-served basket silently because the next card was scanned.
            self._search_error(
                self.tr("Selesaikan transaksi ini (Enter) atau batalkan (Esc) dulu.")
            )
            return
        try:
            digits = clean_digits(text)
            if digits.isdigit():
                try:
                    self.select_kpm(beneficiaries.find_one(self.state.ctx, digits))
                    return
                except NotFound:
                    found = beneficiaries.find(self.state.ctx, digits)
            else:
                found = beneficiaries.find(self.state.ctx, text)
        except EwarongError as exc:
            self._search_error(self.state.text(exc))
            return
        if not found:
            self._search_error(self.tr("Tidak ada KPM yang cocok dengan '{0}'.").format(text))
        elif len(found) == 1:
            self.select_kpm(found[0])
        else:
            self.matches.set_rows(found)
            self.matches.view.show()
            self.matches.select_first()
            self.matches.view.setFocus()
            self.search_message.setStyleSheet(MUTED_STYLE)
            self.search_message.setText(
                self.tr("{0} KPM cocok: pilih dengan panah lalu Enter.").format(len(found))
            )

    def _search_error(self, text: str) -> None:
        self.search_message.setStyleSheet(ERROR_STYLE)
        self.search_message.setText(text)
        self.search.selectAll()
        self.search.setFocus()

    def _match_chosen(self, index: QModelIndex) -> None:
        row = self.matches.selected()
        if row is not None:
            self.select_kpm(row)

    def select_kpm(self, kpm: BeneficiaryView) -> None:
        self.kpm = kpm
        self.items = []
        self.check = None
        self.edc.clear()
        self.matches.view.hide()
        self.search_message.clear()
        self.search.clear()  # the card shows the numbers; the next scan starts clean
        self.saved_line.clear()
        self.receipt_button.hide()
        self._show_kpm()
        self._load_periods()
        self._recheck()
        if not kpm.active:
            self.search_message.setStyleSheet(ERROR_STYLE)
            self.search_message.setText(self.tr("KPM ini tidak aktif."))
        self.product.setFocus()

    def _load_periods(self) -> None:
        if self.kpm is None:
            return
        keep = current_period(self.period)
        self.period.blockSignals(True)
        self.period.clear()
        try:
            offered = redemption.offered_periods(self.state.ctx, self.kpm.id)
        except EwarongError as exc:
            offered = []
            self._search_error(self.state.text(exc))
        self.offered = offered
        for status in offered:
            add_period(
                self.period,
                self.tr("{0} (sisa {1})").format(
                    fmt.month(status.period), fmt.rupiah(status.remaining)
                ),
                status.period,
            )
        # The oldest month with aid left comes first: that is what the KPM usually spends.
        index = find_period(self.period, keep) if keep is not None else -1
        self.period.setCurrentIndex(index if index >= 0 else 0)
        self.period.blockSignals(False)
        self._recheck()

    def _show_kpm(self) -> None:
        kpm = self.kpm
        enabled = kpm is not None
        for widget in (self.product, self.qty, self.add_button, self.edc, self.period):
            widget.setEnabled(enabled)
        if kpm is None:
            self.kpm_name.setText(self.tr("Belum ada KPM dipilih"))
            self.kpm_detail.setText(self.tr("Pindai kartu KKS untuk mulai."))
            for label in (self.entitlement, self.spent, self.remaining):
                label.setText("–")
            return
        self.kpm_name.setText(kpm.name)
        self.kpm_detail.setText(
            self.tr("KKS {0} · NIK {1} · Desa {2}").format(kpm.kks_number, kpm.nik, kpm.desa or "–")
        )

    # --- the basket -----------------------------------------------------------------------------
    def _resolve_product(self, text: str) -> products.ProductView:
        try:
            return products.find_product(self.state.ctx, text)
        except NotFound:
            pass
        key = text.lower()
        hits = [p for p in self.product_list if key in p.name.lower()]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise NotFound(
                f"Barang '{text}' tidak ada (cari dengan nama atau kode barang).",
                f"No product '{text}' (use the product's name or code).",
            )
        names = ", ".join(p.name for p in hits[:5])
        raise InvalidInput(
            f"Ada beberapa barang yang cocok: {names}. Ketik lebih lengkap.",
            f"Several products match: {names}. Type more of the name.",
        )

    def on_product_enter(self) -> None:
        text = self.product.text().strip()
        self.item_message.clear()
        if not text:
            if self.items:
                self.edc.setFocus()
                self.edc.selectAll()
            return
        if text.isdigit() and len(text) >= 10:
            # A card scanned while the cursor sat in the item field: the next KPM.
            if self.items:
                self._item_error(
                    self.tr("Selesaikan transaksi ini (Enter) atau batalkan (Esc) dulu.")
                )
                return
            self.product.clear()
            self.search.setText(text)
            self.on_search()
            return
        try:
            product = self._resolve_product(text)
        except EwarongError as exc:
            self._item_error(self.state.text(exc))
            return
        self.pending_product = product
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
        self.qty.setText("1")
        self.qty.selectAll()
        self.qty.setFocus()

    def on_qty_enter(self) -> None:
        if self.kpm is None:
            return
        try:
            product = self.pending_product
            if product is None or product.name != self.product.text().strip():
                product = self._resolve_product(self.product.text().strip())
            quantity = parse_quantity(self.qty.text())
        except EwarongError as exc:
            self._item_error(self.state.text(exc))
            return
        self.add_item(product.id, quantity)
        self.pending_product = None
        self.product.clear()
        self.qty.clear()
        self.product.setFocus()

    def _item_error(self, text: str) -> None:
        self.item_message.setStyleSheet(ERROR_STYLE)
        self.item_message.setText(text)
        self.product.selectAll()
        self.product.setFocus()

    def add_item(self, product_id: str, quantity: Decimal) -> None:
        self.items.append(BasketItem(product_id, quantity))
        self._recheck()

    def remove_line(self) -> None:
        line = self.basket.selected()
        if line is None:
            return
        self.items = [i for i in self.items if i.product_id != line.product_id]
        self._recheck()

    def _request(self) -> RedeemRequest | None:
        period = current_period(self.period)
        if self.kpm is None or period is None:
            return None
        return RedeemRequest(
            self.kpm.id, period, tuple(self.items), self.edc.text().strip() or None
        )

    def _recheck(self) -> None:
        request = self._request()
        self.check = None
        if request is not None:
            try:
                self.check = redemption.check_basket(self.state.ctx, request)
            except EwarongError as exc:
                self.problems.setText(self.state.text(exc))
        self.basket.set_rows(self.check.lines if self.check else ())
        self._show_totals()

    def _show_totals(self) -> None:
        check = self.check
        if check is None:
            self.total.setText("–")
            self.after.setText("–")
            self.confirm_button.setEnabled(False)
            if self.kpm is None:
                self.problems.clear()
            return
        self.entitlement.setText(fmt.rupiah(check.status.entitlement))
        self.spent.setText(fmt.rupiah(check.status.spent))
        self.remaining.setText(fmt.rupiah(check.status.remaining))
        self.total.setText(fmt.rupiah(check.total_rupiah))
        self.after.setText(fmt.rupiah(check.remaining_after))
        self.after.setStyleSheet(ERROR_STYLE if check.remaining_after < 0 else "")
        lines = [self.state.text(p) for p in check.problems]
        hint = self._other_month_hint(check)
        if hint:
            lines.append(hint)
        self.problems.setText("\n".join(lines))
        self.confirm_button.setEnabled(check.ok)

    def _other_month_hint(self, check: BasketCheck) -> str:
        """Over this month's aid, but another open month has enough: say which, kindly."""
        if not any(isinstance(p, EntitlementExceeded) for p in check.problems):
            return ""
        for status in self.offered:
            if status.period != check.status.period and status.remaining >= check.total_rupiah:
                return self.tr("Sisa bantuan {0} cukup ({1}): pilih bulan itu di atas.").format(
                    fmt.month(status.period), fmt.rupiah(status.remaining)
                )
        return ""

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
        try:
            saved = redemption.redeem(self.state.ctx, request)
        except EwarongError as exc:
            self.problems.setText(self.state.text(exc))
            return
        self.last_saved = saved
        self.state.notify("redemption", "stock")
        self.clear_customer()
        self.saved_line.setText(
            self.tr("Tersimpan: {0}, {1} untuk bantuan {2}.").format(
                saved.beneficiary_name, fmt.rupiah(saved.total_rupiah), fmt.month(saved.period)
            )
        )
        self.receipt_button.show()
        self.refresh()

    def clear_customer(self) -> None:
        self.kpm = None
        self.items = []
        self.check = None
        self.pending_product = None
        self.period.clear()
        for field in (self.product, self.qty, self.edc):
            field.clear()
        self.item_message.clear()
        self.problems.clear()
        self.basket.set_rows(())
        self._show_kpm()
        self._show_totals()
        self.search.clear()
        self.search.setFocus()

    def print_receipt(self, row: redemption.RedemptionView | None) -> None:
        self.today_panel.print_receipt(row)

    @property
    def receipt_job(self) -> BackgroundOp | None:
        return self.today_panel.receipt_job
