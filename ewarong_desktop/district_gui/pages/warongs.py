"""E-warong: every enrolled e-warong, what it last sent and when, what is missing; one
e-warong in detail (its months, its bundles, its keys and flags).

Everything comes from `district.overview`; filtering and sorting happen on the rows held
(a district has hundreds of e-warongs, not millions).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.overview import (
    BundleSeen,
    WarongDetail,
    WarongOverview,
    warong_detail,
    warong_overview,
)
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.share import format_share
from ewarong_desktop.domain.words import say
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import MUTED_STYLE, heading, message_line, split_page

ALL, SILENT, MISSING, FLAGGED = "all", "silent", "missing", "flagged"


def _last_bundle(w: WarongOverview) -> str:
    text = f"no. {w.last_seq}" if w.last_seq else "-"
    if w.waiting_for_seq is not None:
        text += " (" + fmt_pick("menunggu", "waiting for") + f" no. {w.waiting_for_seq})"
    return text


def fmt_pick(id_text: str, en_text: str) -> str:
    """Words made here, in the window's language."""
    return say(fmt.lang(), id_text, en_text)


def _silent(w: WarongOverview) -> str:
    return fmt_pick(f"{w.silent_days} hari", f"{w.silent_days} days") if w.silent else "-"


def _missing(w: WarongOverview) -> str:
    if not w.months_missing:
        return "-"
    shown = ", ".join(fmt.month(m) for m in w.months_missing[:2])
    more = len(w.months_missing) - 2
    return f"{len(w.months_missing)}: {shown}" + (f" +{more}" if more > 0 else "")


WARONG_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda w: w.code, width=100, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda w: w.name, width=170, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Kecamatan"), lambda w: w.kecamatan, width=100, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Desa"), lambda w: w.desa, width=100, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bundel terakhir"),
        _last_bundle,
        sort=lambda w: (w.epoch, w.last_seq),
        width=110,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Diterima"),
        lambda w: fmt.utc_moment(w.last_received_at),
        sort=lambda w: w.last_received_at,
        width=130,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bulan hilang"),
        _missing,
        sort=lambda w: len(w.months_missing),
        width=110,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Diam"),
        _silent,
        sort=lambda w: w.silent_days or 0,
        align_right=True,
        width=70,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Tanda"),
        lambda w: str(w.open_flags),
        sort=lambda w: w.open_flags,
        align_right=True,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Porsi sendiri"),
        lambda w: format_share(w.own_share, fmt.lang()),
        sort=lambda w: w.own_share,
        align_right=True,
        width=None,
    ),
)

MONTH_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bulan"),
        lambda m: fmt.month(m.month),
        sort=lambda m: m.month,
        width=140,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Transaksi"),
        lambda m: str(m.redemptions),
        sort=lambda m: m.redemptions,
        align_right=True,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "KPM dilayani"),
        lambda m: str(m.kpm_served),
        sort=lambda m: m.kpm_served,
        align_right=True,
        width=100,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Nilai"),
        lambda m: format_rupiah(m.redeemed_rupiah),
        sort=lambda m: m.redeemed_rupiah,
        align_right=True,
        width=130,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Belanja sumber sendiri"),
        lambda m: format_rupiah(m.own_rupiah),
        sort=lambda m: m.own_rupiah,
        align_right=True,
        width=170,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Belanja pihak ketiga"),
        lambda m: format_rupiah(m.third_party_rupiah),
        sort=lambda m: m.third_party_rupiah,
        align_right=True,
        width=160,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Porsi sendiri"),
        lambda m: format_share(m.own_share, fmt.lang()),
        sort=lambda m: m.own_share,
        align_right=True,
        width=None,
    ),
)


def _kind(b: BundleSeen) -> str:
    return fmt_pick({"full": "penuh", "incremental": "inkremental"}.get(b.kind, b.kind), b.kind)


def _status(b: BundleSeen) -> str:
    return (
        fmt_pick("diimpor", "imported")
        if b.status == "imported"
        else fmt_pick("digantikan bundel penuh", "replaced by a full bundle")
    )


BUNDLE_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "No."),
        lambda b: f"{b.seq}" if b.epoch == 1 else f"{b.seq} (epoch {b.epoch})",
        sort=lambda b: (b.epoch, b.seq),
        align_right=True,
        width=80,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Jenis"), _kind, width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "Status"), _status, width=180, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Dibuat (jam laptop)"),
        lambda b: b.created_at.replace("T", " ").removesuffix("Z")[:16],
        width=150,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Diterima"),
        lambda b: fmt.utc_moment(b.received_at),
        sort=lambda b: b.received_at,
        width=140,
        fit=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Baris data"),
        lambda b: str(b.records),
        sort=lambda b: b.records,
        align_right=True,
        width=90,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Berkas"), lambda b: b.file_name, width=None),
)


class WarongsPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "E-warong")
    topics = frozenset({DeskTopic.WARONGS, DeskTopic.BUNDLES, DeskTopic.FLAGS})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.rows: list[WarongOverview] = []
        self.detail: WarongDetail | None = None

        top = QWidget(self)
        self.heading = heading(top)
        self.filter = QLineEdit(top)
        self.filter.setClearButtonEnabled(True)
        self.filter.setObjectName("warongFilter")
        self.show_label = QLabel(top)
        self.which = QComboBox(top)
        self.show_label.setBuddy(self.which)
        self.kecamatan = QComboBox(top)
        self.table = TableBundle(WARONG_COLUMNS, top)
        self.count = QLabel(top)
        self.count.setStyleSheet(MUTED_STYLE)
        self.filter.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.filter.textChanged.connect(lambda _t: self._count())
        self.which.currentIndexChanged.connect(lambda _i: self._fill())
        self.kecamatan.currentIndexChanged.connect(lambda _i: self._fill())
        self.table.view.selectionModel().selectionChanged.connect(lambda *_a: self.load_detail())
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 2)
        bar.addWidget(self.show_label)
        bar.addWidget(self.which, 1)
        bar.addWidget(self.kecamatan, 1)
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(self.heading)
        upper.addLayout(bar)
        upper.addWidget(self.table.view, 1)
        upper.addWidget(self.count)

        bottom = QWidget(self)
        self.detail_heading = heading(bottom, 13)
        self.detail_line = message_line(bottom)
        self.tabs = QTabWidget(bottom)
        self.months = TableBundle(MONTH_COLUMNS, bottom)
        self.months.model.dim = lambda m: m.empty
        self.bundles = TableBundle(BUNDLE_COLUMNS, bottom)
        self.history = QListWidget(bottom)
        self.history.setWordWrap(True)
        self.tabs.addTab(self.months.view, "")
        self.tabs.addTab(self.bundles.view, "")
        self.tabs.addTab(self.history, "")
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.detail_heading)
        lower.addWidget(self.detail_line)
        lower.addWidget(self.tabs, 1)
        split_page(self, top, bottom, (360, 300), vertical=True)
        self.retranslate()

    # --- words ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("E-warong terdaftar"))
        self.filter.setPlaceholderText(self.tr("Saring: kode, nama, kecamatan, desa..."))
        self.show_label.setText(self.tr("&Tampilkan:"))
        current = self.which.currentData()
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem(self.tr("semua"), ALL)
        self.which.addItem(self.tr("diam lebih dari 30 hari"), SILENT)
        self.which.addItem(self.tr("ada bulan hilang"), MISSING)
        self.which.addItem(self.tr("ada tanda terbuka"), FLAGGED)
        self.which.setCurrentIndex(max(self.which.findData(current), 0))
        self.which.blockSignals(False)
        self._fill_kecamatan()
        self.tabs.setTabText(0, self.tr("Bulan"))
        self.tabs.setTabText(1, self.tr("Bundel"))
        self.tabs.setTabText(2, self.tr("Riwayat dan tanda"))
        for table in (self.table, self.months, self.bundles):
            table.retranslate()

    def _fill_kecamatan(self) -> None:
        current = self.kecamatan.currentData()
        self.kecamatan.blockSignals(True)
        self.kecamatan.clear()
        self.kecamatan.addItem(self.tr("semua kecamatan"), None)
        for name in sorted({w.kecamatan for w in self.rows}):
            self.kecamatan.addItem(name, name)
        self.kecamatan.setCurrentIndex(max(self.kecamatan.findData(current), 0))
        self.kecamatan.blockSignals(False)

    # --- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        engine = self.desk.engine
        rows = self.desk.perform(self, lambda: warong_overview(engine))
        self.rows = rows or []
        self._fill_kecamatan()
        self._fill()

    def shown_rows(self) -> list[WarongOverview]:
        show, kecamatan = self.which.currentData(), self.kecamatan.currentData()
        keep = {
            ALL: lambda w: True,
            SILENT: lambda w: w.silent,
            MISSING: lambda w: bool(w.months_missing),
            FLAGGED: lambda w: w.open_flags > 0,
        }[show or ALL]
        return [w for w in self.rows if keep(w) and kecamatan in (None, w.kecamatan)]

    def _fill(self) -> None:
        chosen = self.detail.overview.code if self.detail is not None else None
        self.table.set_rows(self.shown_rows())
        self._count()
        codes = [
            self.table.proxy.index(r, 0).data(self.table.model.ROW_ROLE).code
            for r in range(self.table.proxy.rowCount())
        ]
        if chosen in codes:
            self.table.view.selectRow(codes.index(chosen))
        else:
            self.table.select_first()
        if not codes:  # a selection made above has loaded its detail already
            self.load_detail()

    def _count(self) -> None:
        if not self.rows:
            self.count.setText(
                self.tr(
                    "Belum ada e-warong terdaftar. Daftarkan dulu dengan berkas enrolmen dari "
                    "e-warong."
                )
            )
            return
        self.count.setText(
            self.tr("{0} dari {1} e-warong ditampilkan.").format(
                self.table.proxy.rowCount(), len(self.rows)
            )
        )

    # --- the detail -----------------------------------------------------------------------
    def load_detail(self) -> None:
        chosen = self.table.selected()
        if chosen is None:
            self.detail = None
            self._show_detail()
            return
        engine, code = self.desk.engine, chosen.code
        self.detail = self.desk.perform(self, lambda: warong_detail(engine, code))
        self._show_detail()

    def _show_detail(self) -> None:
        d = self.detail
        self.tabs.setEnabled(d is not None)
        if d is None:
            self.detail_heading.setText(self.tr("Pilih satu e-warong untuk melihat rinciannya."))
            self.detail_line.setText("")
            for table in (self.months, self.bundles):
                table.set_rows([])
            self.history.clear()
            return
        w = d.overview
        self.detail_heading.setText(f"{w.code} · {w.name}")
        said = [self.tr("Desa {0}, kecamatan {1}.").format(w.desa, w.kecamatan)]
        if w.silent:
            said.append(self.tr("Tidak ada kiriman selama {0} hari: hubungi e-warong.").format(
                w.silent_days))  # fmt: skip
        if w.months_missing:
            said.append(
                self.tr("Bulan tanpa data: {0}.").format(
                    ", ".join(fmt.month(m) for m in w.months_missing)
                )
            )
        if w.waiting_for_seq is not None:
            said.append(
                self.tr("Bundel no. {0} belum diterima: minta e-warong menyalinnya lagi.").format(
                    w.waiting_for_seq
                )
            )
        self.detail_line.setText(" ".join(said))
        self.months.set_rows(list(d.months))
        self.bundles.set_rows(list(d.bundles))
        self.history.clear()
        lang = self.desk.lang
        for key in d.keys:
            line = self.tr("Kunci epoch {0}, sidik jari {1}, didaftarkan {2}").format(
                key.epoch, key.fingerprint, fmt.utc_moment(key.enrolled_at)
            )
            if key.replaced_at is not None:
                line += self.tr("; diganti {0}: {1}").format(
                    fmt.utc_moment(key.replaced_at), key.reason or "-"
                )
            self.history.addItem(line)
        for flag in d.flags:
            self.history.addItem(flag.line(lang))

    def select_code(self, code: str) -> bool:
        """Highlight the row of `code` (for tests and for other pages' links)."""
        for row in range(self.table.proxy.rowCount()):
            if self.table.proxy.index(row, 0).data(self.table.model.ROW_ROLE).code == code:
                self.table.view.selectRow(row)
                return True
        return False
