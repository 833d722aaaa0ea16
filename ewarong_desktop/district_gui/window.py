"""The district window: a side list of pages, the page stack, and a status line.

Built for the office's 1366x768 laptop (maximised when the screen is that small), Indonesian
first and English at the press of a button, as the shop's window. Pages are listed in `PAGES`
and built the first time they are shown (`district_gui.page` says what a page is).
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from ewarong_desktop.district_gui.desk import Desk
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.gui.widgets import keeps_front_page, put_page

# (key, module, class). Each page class carries its own title (`DeskPage.TITLE`); F1, F2...
# follow this order.
PAGES: list[tuple[str, str, str]] = [
    ("import", "ewarong_desktop.district_gui.pages.intake", "ImportPage"),
    ("warongs", "ewarong_desktop.district_gui.pages.warongs", "WarongsPage"),
    ("flags", "ewarong_desktop.district_gui.pages.flags", "FlagsPage"),
    ("report", "ewarong_desktop.district_gui.pages.report", "ReportPage"),
    ("enrol", "ewarong_desktop.district_gui.pages.enrol", "EnrolPage"),
    ("settings", "ewarong_desktop.district_gui.pages.settings", "DeskSettingsPage"),
]


SIDE_PADDING = 40  # the item's padding (app style) and the list's frame and margins


class DeskWindow(QMainWindow):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.pages: dict[str, DeskPage] = {}
        self.classes: list[type[DeskPage]] = [
            getattr(importlib.import_module(module), cls) for _key, module, cls in PAGES
        ]
        self.side = QListWidget(self)
        self.side.setObjectName("sideList")
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side.setIconSize(QSize(0, 0))
        font = self.side.font()
        font.setPointSize(12)
        self.side.setFont(font)
        self.side.setSpacing(2)
        for _ in PAGES:
            self.side.addItem(QListWidgetItem())
        self.stack = QStackedWidget(self)
        for _ in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # placeholders until first shown
        self.side.currentRowChanged.connect(self.show_page)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.where = QLabel(self)
        self.where.setObjectName("deskWhere")
        self.language_button = QPushButton(self)
        self.language_button.setObjectName("languageButton")
        self.language_button.setFlat(True)
        self.language_button.clicked.connect(self.toggle_language)
        bar = self.statusBar()
        bar.addWidget(self.where, 1)
        bar.addPermanentWidget(self.language_button)
        for row in range(min(len(PAGES), 12)):
            QShortcut(
                QKeySequence(getattr(Qt.Key, f"Key_F{row + 1}")),
                self,
                lambda r=row: self.side.setCurrentRow(r),
            )
        self.resize(1366, 768)
        self.retranslate()
        self.side.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("e-Warong - meja Dinas Sosial"))
        for row, page_class in enumerate(self.classes):
            self.side.item(row).setText(f"F{row + 1}  {page_class.title()}")
        self._fit_side()
        # The button names the *other* language: the English catalogue says "Bahasa Indonesia".
        self.language_button.setText(self.tr("English", "name of the other language"))
        self.language_button.setToolTip(self.tr("Ganti bahasa tampilan"))
        self.where.setText(self.tr("Database kabupaten: {0}").format(self.desk.where()))

    def _fit_side(self) -> None:
        """The side list as wide as its longest title (in this language), never cut."""
        metrics = self.side.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.side.item(r).text()) for r in range(self.side.count())),
            default=0,
        )
        self.side.setFixedWidth(max(200, widest + SIDE_PADDING))

    def side_texts_cut(self) -> list[str]:
        """Titles wider than the side list shows (for the window checks)."""
        metrics = self.side.fontMetrics()
        room = self.side.viewport().width() - SIDE_PADDING + 8
        return [
            self.side.item(r).text()
            for r in range(self.side.count())
            if metrics.horizontalAdvance(self.side.item(r).text()) > room
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- pages ------------------------------------------------------------------------------
    def page(self, key: str) -> DeskPage:
        row = [p[0] for p in PAGES].index(key)
        if key not in self.pages:
            page = self.classes[row](self.desk, self.stack)
            put_page(self.stack, row, page)
            self.pages[key] = page
        return self.pages[key]

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        if keeps_front_page(self.stack, self.side, row):
            return
        page = self.page(PAGES[row][0])
        self.stack.setCurrentIndex(row)
        page.activate()

    def go(self, key: str) -> DeskPage:
        """Bring the page `key` to the front (as its side-list row would) and return it."""
        self.side.setCurrentRow([p[0] for p in PAGES].index(key))
        return self.pages[key]

    # --- language -----------------------------------------------------------------------------
    def toggle_language(self) -> None:
        self.desk.set_language("en" if self.desk.lang == "id" else "id")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(page.may_close() for page in self.pages.values()):
            event.ignore()
            return
        super().closeEvent(event)
