"""E-warong: every enrolled e-warong, what it last sent and when."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ewarong_desktop.district.enrolment import WarongRow, list_warongs
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import heading

COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Kode"), lambda w: w.code, width=110, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda w: w.name, width=220, fit=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Kecamatan"), lambda w: w.kecamatan, width=160),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Bundel terakhir"),
        lambda w: str(w.last_seq),
        sort=lambda w: w.last_seq,
        align_right=True,
        width=120,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Diterima"),
        lambda w: w.last_import_at.strftime("%Y-%m-%d %H:%M") if w.last_import_at else "-",
        sort=lambda w: w.last_import_at,
    ),
)


class WarongsPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "E-warong")
    topics = frozenset({DeskTopic.WARONGS, DeskTopic.BUNDLES})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.heading = heading(self)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.table = TableBundle(COLUMNS, self)
        self.filter.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.empty = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.table.view, 1)
        layout.addWidget(self.empty)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("E-warong terdaftar"))
        self.filter.setPlaceholderText(self.tr("Saring: kode, nama, kecamatan..."))
        self.table.retranslate()

    def refresh(self) -> None:
        super().refresh()
        engine = self.desk.engine
        rows: list[WarongRow] | None = self.desk.perform(self, lambda: list_warongs(engine))
        self.table.set_rows(rows or [])
        self.empty.setText("" if rows else self.tr("Belum ada e-warong terdaftar."))
