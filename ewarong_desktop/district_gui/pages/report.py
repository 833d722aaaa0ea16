"""Laporan: a month's figures per e-warong and per kecamatan (`district.report.build_report`,
as `ewarong-district report`), a chart of the own-source share against the district's target
and of KPM served, and the PDF and workbook written by the command line's own functions
(`district.report_output.write_pdf`, `write_xlsx`).

Keyboard: the month and year fields first (the figures follow after a short pause), Ctrl+Tab
through the tabs (per e-warong, per kecamatan, the KUBE fund at the month's end, the month's
open flags), Ctrl+P the PDF, Ctrl+E the workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.flags import kind_of
from ewarong_desktop.district.fund import FundPosition
from ewarong_desktop.district.report import DistrictReport, Figures, build_report
from ewarong_desktop.district.report_output import unmatched_lines, write_pdf, write_xlsx
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.figures_chart import ChartRow, ChartWords, FiguresChart
from ewarong_desktop.district_gui.month_picker import MonthPicker
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.district_gui.text import plain
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp
from ewarong_desktop.gui.files import choose_file_to_save
from ewarong_desktop.gui.table import Column, RowsModel, TableBundle
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, heading, message_line


def _money(title: object, get: Callable[[Figures], int], width: int = 110) -> Column:
    return Column(title, lambda f: fmt.rupiah(get(f)), sort=get, align_right=True, width=width)


def _count(title: object, get: Callable[[Figures], int], width: int = 90) -> Column:
    return Column(title, lambda f: str(get(f)), sort=get, align_right=True, width=width)


def _unmatched(f: Figures) -> str:
    if not f.has_unmatched:
        return ""
    return f"{f.unmatched_redemptions} / {fmt.rupiah(f.unmatched_redeemed_rupiah)}"


def _figure_columns(first: tuple[Column, ...]) -> tuple[Column, ...]:
    return (
        *first,
        _count(QT_TRANSLATE_NOOP("Columns", "KPM dilayani"), lambda f: f.kpm_served),
        _count(QT_TRANSLATE_NOOP("Columns", "Transaksi"), lambda f: f.redemptions),
        _money(QT_TRANSLATE_NOOP("Columns", "Nilai"), lambda f: f.redeemed_rupiah),
        _money(QT_TRANSLATE_NOOP("Columns", "Sumber sendiri"), lambda f: f.own_rupiah),
        _money(QT_TRANSLATE_NOOP("Columns", "Pihak ketiga"), lambda f: f.third_party_rupiah),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Porsi sendiri"),
            lambda f: format_share(f.own_share, fmt.lang()),
            sort=lambda f: f.own_share,
            align_right=True,
            width=90,
        ),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Tak cocok"),
            _unmatched,
            sort=lambda f: f.unmatched_redemptions,
            align_right=True,
            width=None,
        ),
    )


WARONG_COLUMNS = _figure_columns(
    (
        Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda f: f.code, width=90, fit=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda f: f.name, width=150, fit=True),
    )
)
KECAMATAN_COLUMNS = _figure_columns(
    (Column(QT_TRANSLATE_NOOP("Columns", "Kecamatan"), lambda f: f.name or "?", width=170),)
)


def _fund_money(title: object, get: Callable[[FundPosition], int], width: int = 120) -> Column:
    return Column(title, lambda p: fmt.rupiah(get(p)), sort=get, align_right=True, width=width)


FUND_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "E-warong / kecamatan"),
        lambda p: f"{p.code} · {p.name}" if p.code else p.name or "?",
        width=220,
        fit=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Kecamatan"), lambda p: p.kecamatan, width=150),
    _fund_money(QT_TRANSLATE_NOOP("Columns", "Dana diterima"), lambda p: p.received),
    _fund_money(QT_TRANSLATE_NOOP("Columns", "Dipakai"), lambda p: p.used),
    _fund_money(QT_TRANSLATE_NOOP("Columns", "Sisa"), lambda p: p.left),
    _fund_money(
        QT_TRANSLATE_NOOP("Columns", "Untuk barang sumber sendiri"), lambda p: p.own_goods, 200
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Porsi sendiri"),
        lambda p: format_share(p.own_share, fmt.lang()),
        sort=lambda p: p.own_share,
        align_right=True,
        width=None,
    ),
)
FLAG_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Tanda"), lambda f: f.short_id, sort=lambda f: f.id,
           width=60),
    Column(QT_TRANSLATE_NOOP("Columns", "Jenis"), lambda f: kind_of(f.kind).label(fmt.lang()),
           width=190, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda f: f.code, width=100, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Yang ditemukan"), lambda f: f.found(fmt.lang()),
           width=None),
)  # fmt: skip


class ReportPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Laporan")
    topics = frozenset({DeskTopic.BUNDLES, DeskTopic.WARONGS, DeskTopic.FLAGS, DeskTopic.RATES,
                        DeskTopic.TARGET})  # fmt: skip

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.report: DistrictReport | None = None
        self.job: BackgroundOp | None = None
        self.export_job: BackgroundOp | None = None
        self._asked: Period | None = None  # None: the latest month with redemptions
        self._generation = 0  # only the latest refresh's report is shown
        self.heading = heading(self)
        self.month_label = QLabel(self)
        self.month = MonthPicker(self)
        self.month.setObjectName("reportMonth")
        self.month_label.setBuddy(self.month)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(350)
        self.pause.timeout.connect(self._month_chosen)
        self.month.changed.connect(self.pause.start)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("reportPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.setObjectName("reportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.total = QLabel(self)
        self.total.setObjectName("reportTotal")
        self.total.setWordWrap(True)
        self.total.setStyleSheet("font-weight: bold;")
        self.odd = message_line(self)
        self.odd.setObjectName("reportUnmatched")
        self.odd.setStyleSheet("color: #b35c00;")
        self.flag_note = message_line(self)
        self.flag_note.setObjectName("reportFlags")
        self.flag_note.setStyleSheet(MUTED_STYLE)
        self.message = message_line(self)
        self.message.setObjectName("reportMessage")

        self.filter = QLineEdit(self)
        self.filter.setObjectName("reportFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(320)
        self.tabs = QTabWidget(self)
        self.warongs = TableBundle(WARONG_COLUMNS, self.tabs)
        self.warongs.view.setObjectName("reportWarongs")
        self.kecamatan = TableBundle(KECAMATAN_COLUMNS, self.tabs)
        self.kecamatan.view.setObjectName("reportKecamatan")
        self.fund = TableBundle(FUND_COLUMNS, self.tabs)
        self.fund.view.setObjectName("reportFund")
        self.month_flags = TableBundle(FLAG_COLUMNS, self.tabs)
        self.month_flags.view.setObjectName("reportMonthFlags")
        self.tabs.addTab(self.warongs.view, "")
        self.tabs.addTab(self.kecamatan.view, "")
        self.tabs.addTab(self.fund.view, "")
        self.tabs.addTab(self.month_flags.view, "")
        self.tabs.currentChanged.connect(lambda _i: self._chart())
        for table in (self.warongs, self.kecamatan, self.fund, self.month_flags):
            self.filter.textChanged.connect(table.proxy.setFilterFixedString)
        self.filter.textChanged.connect(lambda _t: self._chart())
        for table in (self.warongs, self.kecamatan):
            table.model.layoutChanged.connect(self._chart)  # sorted by a header click
        self.chart = FiguresChart()
        self.chart.setObjectName("reportChart")
        self.chart_area = QScrollArea(self)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(self.chart)
        self.chart_area.setMinimumHeight(120)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.month_label)
        top.addWidget(self.month)
        top.addSpacing(12)
        top.addWidget(self.filter, 1)
        top.addStretch(0)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)
        # The table over the whole width (nine columns of figures), the chart under it; the
        # officer drags the line between them.
        middle = QSplitter(Qt.Orientation.Vertical, self)
        middle.addWidget(self.tabs)
        middle.addWidget(self.chart_area)
        middle.setChildrenCollapsible(False)
        middle.setSizes([380, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.total)
        layout.addWidget(self.odd)
        layout.addWidget(middle, 1)
        layout.addWidget(self.flag_note)
        layout.addWidget(self.message)
        plain(self.total, self.odd, self.flag_note, self.message)
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.export("pdf"))
        QShortcut(QKeySequence("Ctrl+E"), self, lambda: self.export("xlsx"))
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        self.retranslate()

    def activate(self) -> None:
        """Brought to the front: the keyboard is on the month."""
        super().activate()
        self.month.setFocus()

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Laporan bulanan"))
        self.month_label.setText(self.tr("&Bulan:"))
        self.filter.setPlaceholderText(self.tr("Saring: kode, nama, kecamatan… (Ctrl+F)"))
        self.pdf_button.setText(self.tr("Simpan PDF… (Ctrl+P)"))
        self.xlsx_button.setText(self.tr("Simpan Excel… (Ctrl+E)"))
        self.tabs.setTabText(0, self.tr("Per e-warong"))
        self.tabs.setTabText(1, self.tr("Per kecamatan"))
        self.tabs.setTabText(2, self.tr("Dana KUBE per akhir bulan"))
        self._flags_tab_text()
        self.month.retranslate()
        for table in (self.warongs, self.kecamatan, self.fund, self.month_flags):
            table.retranslate()
        self._show()

    # --- loading ----------------------------------------------------------------------------
    def _month_chosen(self) -> None:
        self._asked = self.month.period()
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.month.retranslate()  # month names in the language now in force
        self.pause.stop()
        engine, month = self.desk.engine, self._asked
        self._generation += 1
        generation = self._generation
        self.job = self.desk.run(
            self,
            lambda _progress: build_report(engine, month),
            label=self.tr("Menghitung laporan…"),
            on_done=lambda report: self._loaded(report, generation),
        )

    def _loaded(self, report: DistrictReport, generation: int) -> None:
        if generation != self._generation:
            return  # a month asked for later is on its way: this one is not shown
        self.report = report
        self.month.set_period(report.month)
        self._show()

    def _show(self) -> None:
        report = self.report
        has = report is not None
        self.pdf_button.setEnabled(has)
        self.xlsx_button.setEnabled(has)
        if report is None:
            self.total.setText(self.tr("Menghitung laporan…"))
            return
        lang, t = self.desk.lang, report.total
        self.total.setText(
            self.tr(
                "{0}: {1} KPM dilayani, {2} transaksi senilai {3}; belanja sumber sendiri {4}, "
                "pihak ketiga {5}, porsi sendiri {6}."
            ).format(
                fmt.month(report.month),
                t.kpm_served,
                t.redemptions,
                fmt.rupiah(t.redeemed_rupiah),
                fmt.rupiah(t.own_rupiah),
                fmt.rupiah(t.third_party_rupiah),
                format_share(t.own_share, lang),
            )
        )
        odd = unmatched_lines(report, lang)
        self.odd.setText("\n".join(odd))
        self.odd.setVisible(bool(odd))
        self.flag_note.setText(
            self.tr(
                "{0} tanda terbuka untuk bulan ini atau tanpa bulan: lihat halaman Tanda."
            ).format(len(report.flags))
            if report.flags
            else self.tr("Tidak ada tanda terbuka untuk bulan ini.")
        )
        self.warongs.set_rows(report.warongs)
        self.kecamatan.set_rows(report.kecamatan)
        section = report.independence
        if section is not None:
            total = replace(section.fund_total, name=self.tr("Kabupaten"))
            self.fund.set_rows([*section.fund, *section.fund_by_kecamatan, total])
        else:
            self.fund.set_rows([])
        self.month_flags.set_rows(report.flags)
        self._flags_tab_text()
        self._chart()

    def _flags_tab_text(self) -> None:
        count = len(self.report.flags) if self.report is not None else 0
        self.tabs.setTabText(3, self.tr("Tanda terbuka ({0})").format(count))

    def _chart(self) -> None:
        """The chart follows the figures' tabs (per kecamatan on the second, else per
        e-warong), their sorting and the filter."""
        report = self.report
        target = report.independence.target if report and report.independence else None
        self.chart.set_words(
            ChartWords(
                self.tr("Porsi sumber sendiri (belanja)"),
                self.tr("KPM dilayani"),
                self.tr("garis putus-putus: target {0}%").format(target) if target else "",
                self.tr("Belum ada angka untuk bulan ini."),
                self.desk.lang,
            )
        )
        if report is None:
            self.chart.set_rows([], None)
            return
        by_kecamatan = self.tabs.currentIndex() == 1
        table = self.kecamatan if by_kecamatan else self.warongs
        proxy = table.proxy
        # In the table's order and through its filter: sorted by share, the chart is too.
        rows = [proxy.index(r, 0).data(RowsModel.ROW_ROLE) for r in range(proxy.rowCount())]
        self.chart.set_rows(
            [
                ChartRow(
                    (f.name or "?") if by_kecamatan else f"{f.code} · {f.name}",
                    f.own_share,
                    f.kpm_served,
                )
                for f in rows
            ],
            target,
        )

    # --- documents --------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        report = self.report
        if report is None or (self.export_job is not None and not self.export_job.done):
            return
        lang = self.desk.lang
        stem = f"{self.tr('laporan-kabupaten')}-{report.month}"
        if kind == "pdf":
            title, filters, suffix = self.tr("Simpan laporan PDF"), "PDF (*.pdf)", ".pdf"
        else:
            title, filters, suffix = self.tr("Simpan laporan Excel"), "Excel (*.xlsx)", ".xlsx"
        chosen = choose_file_to_save(self, title, filters, Path.home() / f"{stem}{suffix}")
        if chosen is None:
            return
        out = chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)
        writer = write_pdf if kind == "pdf" else write_xlsx

        def work(_progress: object) -> Path:
            writer(report, out, lang)
            return out

        self.export_job = self.desk.run(
            self,
            work,
            label=self.tr("Menulis laporan…"),
            on_done=self._written,
            refused=self._refused,
        )

    def _written(self, path: Path) -> None:
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(self.tr("Laporan ditulis: {0}").format(path))
        self.desk.open_document(path)

    def _refused(self, error: object) -> None:
        from ewarong_desktop.domain.errors import EwarongError

        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(
            self.desk.text(error) if isinstance(error, EwarongError) else str(error)
        )
