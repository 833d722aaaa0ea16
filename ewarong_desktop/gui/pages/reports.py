"""F5 Laporan: a month's figures, the own-vs-third-party share by month, the documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp, run_in_background
from ewarong_desktop.gui.chart import ShareChart
from ewarong_desktop.gui.errors import inform, show_error
from ewarong_desktop.gui.pages.target_line import TargetLine
from ewarong_desktop.gui.printing import print_document
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    MUTED_STYLE,
    PageBase,
    add_period,
    card_frame,
    current_period,
    figure_label,
    find_period,
    heading,
)
from ewarong_desktop.services import document_files, printing
from ewarong_desktop.services.changes import Topic
from ewarong_desktop.services.monthly import MonthlyFigures, monthly_figures, share_by_month
from ewarong_desktop.services.profile import working_period


def _qty_column(title: object, attr: str) -> Column:
    return Column(
        title,
        lambda s: fmt.qty(getattr(s, attr), s.unit),
        sort=lambda s: getattr(s, attr),
        align_right=True,
        width=72,
        fit=True,
    )


STOCK_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda s: s.name, width=120, fit=True),
    _qty_column(QT_TRANSLATE_NOOP("Columns", "Awal"), "opening"),
    _qty_column(QT_TRANSLATE_NOOP("Columns", "Dibeli"), "purchased"),
    _qty_column(QT_TRANSLATE_NOOP("Columns", "Ke KPM"), "redeemed"),
    _qty_column(QT_TRANSLATE_NOOP("Columns", "Koreksi"), "adjusted"),
    _qty_column(QT_TRANSLATE_NOOP("Columns", "Akhir"), "closing"),
)


class ReportsPage(PageBase):
    topics = frozenset({Topic.REDEMPTION, Topic.PURCHASE, Topic.STOCK, Topic.KPM, Topic.SETTINGS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.series_job: BackgroundOp | None = None
        self.doc_job: BackgroundOp | None = None
        self.figures: MonthlyFigures | None = None
        self.title = heading(self)
        self.month = QComboBox(self)
        self.month.setObjectName("reportMonth")
        self.month.currentIndexChanged.connect(lambda _i: self._show_month())
        self.card = card_frame(self)
        self.captions = [QLabel(self.card) for _ in range(12)]
        self.values = [figure_label(self.card, 12) for _ in range(12)]
        grid = QGridLayout(self.card)
        for i, (caption, value) in enumerate(zip(self.captions, self.values, strict=True)):
            caption.setStyleSheet(MUTED_STYLE)
            grid.addWidget(caption, (i // 3) * 2, i % 3)
            grid.addWidget(value, (i // 3) * 2 + 1, i % 3)
        self.chart_title = heading(self, 12)
        self.chart = ShareChart(self)
        self.chart.setObjectName("shareChart")
        self.target_line = TargetLine(self)
        self.stock_title = heading(self, 12)
        self.stock = TableBundle(STOCK_COLUMNS, self)
        self.pdf_button, self.xlsx_button, self.statements_button = (
            QPushButton(self),
            QPushButton(self),
            QPushButton(self),
        )
        self.pdf_button.clicked.connect(lambda: self.make_document("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.make_document("xlsx"))
        self.statements_button.clicked.connect(lambda: self.make_document("statements"))
        self.roster_button = QPushButton(self)
        self.roster_button.setObjectName("reportRoster")
        self.roster_button.clicked.connect(self.make_roster)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.month)
        top.addStretch(1)
        for button in (self.pdf_button, self.xlsx_button, self.statements_button):
            top.addWidget(button)
        top.addWidget(self.roster_button)
        lower = QHBoxLayout()
        chart_box = QVBoxLayout()
        chart_box.addWidget(self.chart_title)
        chart_box.addWidget(self.chart, 1)
        chart_box.addWidget(self.target_line)
        stock_box = QVBoxLayout()
        stock_box.addWidget(self.stock_title)
        stock_box.addWidget(self.stock.view, 1)
        lower.addLayout(chart_box, 1)
        lower.addLayout(stock_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.card)
        layout.addLayout(lower, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Laporan bulan"))
        self.pdf_button.setText(self.tr("Laporan bulanan (PDF)"))
        self.xlsx_button.setText(self.tr("Tabel (Excel)"))
        self.statements_button.setText(self.tr("Kuitansi semua KPM (PDF)"))
        self.roster_button.setText(self.tr("Daftar tanda terima (PDF)"))
        for label, text in zip(
            self.captions,
            (
                self.tr("KPM terdaftar"),
                self.tr("KPM sudah dilayani"),
                self.tr("KPM belum dilayani"),
                self.tr("Transaksi"),
                self.tr("Bantuan dibelanjakan"),
                self.tr("Hak bantuan semua KPM"),
                self.tr("Pembelian dari sumber sendiri"),
                self.tr("Pembelian dari pihak ketiga"),
                self.tr("Bagian sumber sendiri"),
                self.tr("Diterima KPM dari sumber sendiri"),
                self.tr("Diterima KPM dari pihak ketiga"),
                self.tr("Diterima KPM, asal tidak tercatat"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.chart_title.setText(self.tr("Pembelian menurut sumber, 12 bulan terakhir"))
        self.chart.set_legend(
            self.tr("Sumber sendiri (% di atas batang)"),
            self.tr("Pihak ketiga (pemasok)"),
            self.tr("Belum ada pembelian dalam 12 bulan ini"),
            self.tr("Menghitung pembelian per bulan…"),
        )
        self._headings()

    def language_changed(self) -> None:
        self._fill_months()
        self.stock.retranslate()
        self._show_month()
        self.chart.update()

    def _fill_months(self) -> None:
        keep = current_period(self.month)
        self.month.blockSignals(True)
        self.month.clear()
        now = working_period(self.state.ctx)
        for i in range(24):
            period = now.shift(-i)
            add_period(self.month, fmt.month(period), period)
        index = find_period(self.month, keep) if keep else 0
        self.month.setCurrentIndex(max(index, 0))
        self.month.blockSignals(False)

    def reload(self) -> None:
        self._fill_months()
        self._show_month()
        ctx = self.state.ctx
        self.target_line.reload(ctx)
        last = working_period(ctx)
        self.chart.set_loading()
        self.series_job = run_in_background(
            self,
            self.state,
            lambda progress: share_by_month(ctx, last, 12, progress),
            label=self.tr("Menghitung pembelian per bulan…"),
            on_done=self.chart.set_series,
        )

    def _show_month(self) -> None:
        period: Period | None = current_period(self.month)
        if period is None:
            return
        f = monthly_figures(self.state.ctx, period)
        self.figures = f
        self.chart.set_chosen(period)
        self._headings()
        share = format_share(f.own_share, self.state.lang)
        if f.voided_count:
            transactions = self.tr("{0}, {1} dibatalkan").format(
                f.redemptions_count, f.voided_count
            )
        else:
            transactions = str(f.redemptions_count)
        for label, text in zip(
            self.values,
            (
                str(f.kpm_registered),
                str(f.kpm_served),
                str(f.kpm_not_served),
                transactions,
                fmt.rupiah(f.redemptions_total_rupiah),
                fmt.rupiah(f.entitlement_total_rupiah),
                fmt.rupiah(f.purchases_own_rupiah),
                fmt.rupiah(f.purchases_third_party_rupiah),
                share,
                fmt.rupiah(f.received_own_rupiah),
                fmt.rupiah(f.received_third_party_rupiah),
                fmt.rupiah(f.received_unknown_rupiah),
            ),
            strict=True,
        ):
            label.setText(text)
        self.stock.set_rows(f.stock)

    def _headings(self) -> None:
        """Every heading names the month chosen above, not "this month"."""
        period = current_period(self.month)
        if period is None:
            return
        self.stock_title.setText(self.tr("Stok {0}").format(fmt.month(period)))

    def make_document(self, kind: str) -> None:
        period = current_period(self.month)
        if period is None:
            return
        ctx, lang = self.state.ctx, self.state.lang
        if kind == "statements":
            work = lambda _p: document_files.write_statements_pdf(ctx, period, lang)  # noqa: E731
            label = self.tr("Membuat kuitansi semua KPM…")
        else:
            work = lambda _p: document_files.write_report(ctx, period, kind, lang)  # noqa: E731
            label = self.tr("Membuat laporan bulanan…")
        self.doc_job = run_in_background(
            self, self.state, work, label=label, on_done=self._document_done
        )

    def _document_done(self, path: Path) -> None:
        """A PDF goes straight to the office printer when one is chosen; else it opens."""
        if path.suffix == ".pdf" and printing.print_settings(self.state.ctx).office_printer:
            try:
                outcome = print_document(self.state.ctx, path, path.stem)
            except EwarongError as exc:
                show_error(self, exc)
                return
            if outcome.printer is not None:
                inform(
                    self,
                    self.tr("Dicetak"),
                    self.tr("{0} dicetak ke {1}.").format(path.name, outcome.printer),
                )
                return
        self.state.open_document(path)

    def make_roster(self) -> None:
        """The month's signature roster: every KPM on one line with a box to sign."""
        period = current_period(self.month)
        if period is None:
            return
        ctx, lang = self.state.ctx, self.state.lang
        self.doc_job = run_in_background(
            self,
            self.state,
            lambda _p: document_files.write_roster_pdf(ctx, period, lang),
            label=self.tr("Membuat daftar tanda terima…"),
            on_done=self._document_done,
        )
