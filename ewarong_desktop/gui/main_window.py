"""The main window: a side list of pages (F1-F7), the page stack, and a status line.

The window knows the pages only as widgets with `activate()`; pages load lazily the first
time they are shown, so the window opens fast even on a store with 10,000 KPMs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.gui.login import IdleWatcher, LoginDialog
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.widgets import PageBase, keeps_front_page, put_page
from ewarong_desktop.services import operators, profile
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.opening import remember_login

# (key, module, class); titles are in `_titles` so lupdate sees them in this class's context.
PAGES = (
    ("counter", "ewarong_desktop.gui.pages.counter", "CounterPage"),
    ("kpm", "ewarong_desktop.gui.pages.kpm", "KpmPage"),
    ("stock", "ewarong_desktop.gui.pages.stock", "StockPage"),
    ("purchases", "ewarong_desktop.gui.pages.purchases", "PurchasesPage"),
    ("reports", "ewarong_desktop.gui.pages.reports", "ReportsPage"),
    ("sync", "ewarong_desktop.gui.pages.sync", "SyncPage"),
    ("settings", "ewarong_desktop.gui.pages.settings", "SettingsPage"),
    ("fund", "ewarong_desktop.gui.pages.fund", "FundPage"),
)


class MainWindow(QMainWindow):
    def __init__(self, state: AppState, idle_minutes: float = 10) -> None:
        super().__init__()
        self.state = state
        self.pages: dict[str, PageBase] = {}
        self._quit_from_lock = False
        self.side = QListWidget(self)
        self.side.setObjectName("sideList")
        self.side.setFixedWidth(190)
        self.side.setIconSize(QSize(0, 0))
        font = self.side.font()
        font.setPointSize(12)
        self.side.setFont(font)
        self.side.setSpacing(2)
        for _key, _module, _cls in PAGES:
            self.side.addItem(QListWidgetItem())
        self.stack = QStackedWidget(self)
        for _ in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # placeholders until first shown
        self.side.currentRowChanged.connect(self.show_page)
        self.first_steps = QLabel(self)
        self.first_steps.setObjectName("firstSteps")
        self.first_steps.setWordWrap(True)
        self.first_steps.setStyleSheet(
            "background: #fff4cc; border: 1px solid #e8b730; padding: 6px; color: #333333;"
        )
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.side)
        work = QVBoxLayout()
        work.setContentsMargins(0, 0, 0, 0)
        work.addWidget(self.first_steps)
        work.addWidget(self.stack, 1)
        layout.addLayout(work, 1)
        self.setCentralWidget(central)

        self.who = QLabel(self)
        self.month = QLabel(self)
        self.language_button = QPushButton(self)
        self.language_button.setObjectName("languageButton")
        self.language_button.setFlat(True)
        self.language_button.clicked.connect(self.toggle_language)
        self.lock_button = QPushButton(self)
        self.lock_button.setFlat(True)
        self.lock_button.clicked.connect(lambda: self.lock())
        bar = self.statusBar()
        bar.addWidget(self.who, 1)
        bar.addPermanentWidget(self.month)
        bar.addPermanentWidget(self.language_button)
        bar.addPermanentWidget(self.lock_button)

        for row in range(len(PAGES)):
            QShortcut(
                QKeySequence(getattr(Qt.Key, f"Key_F{row + 1}")),
                self,
                lambda r=row: self.side.setCurrentRow(r),
            )  # window context: an open dialog keeps the keys to itself
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.lock())
        self.idle = IdleWatcher(idle_minutes, lambda: self.lock(asked=False), self)
        state.actor_changed.connect(lambda _a: self._status())
        state.changed.connect(self._on_changed)
        self.resize(1366, 768)
        self.retranslate()
        self.side.setCurrentRow(0)

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("Layani KPM"),
            self.tr("KPM"),
            self.tr("Stok"),
            self.tr("Pembelian"),
            self.tr("Laporan"),
            self.tr("Sinkron"),
            self.tr("Pengaturan"),
            self.tr("Dana KUBE"),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("e-Warong - bantuan pangan non tunai"))
        for row, title in enumerate(self._titles()):
            self.side.item(row).setText(f"F{row + 1}  {title}")
        # The button names the *other* language: the English catalogue says "Bahasa Indonesia".
        self.language_button.setText(self.tr("English", "name of the other language"))
        self.language_button.setToolTip(self.tr("Ganti bahasa tampilan"))
        self.lock_button.setText(self.tr("Kunci (Ctrl+L)"))
        self._status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, topics: Changes) -> None:
        if Topic.SETTINGS in topics:
            self._status()
        if topics & {Topic.SETTINGS, Topic.PRODUCT, Topic.KPM}:
            self._first_steps()

    def _first_steps(self) -> None:
        """A new shop is told what to do first, until it has goods, KPMs and a rate."""
        from ewarong_desktop.services.setup import first_steps

        steps = first_steps(self.state.ctx)
        self.first_steps.setVisible(not steps.done)
        if steps.done:
            return
        done, todo = "✓", "•"
        lines = [
            self.tr("Langkah pertama e-warong baru:"),
            f"{done if steps.has_products else todo} "
            + self.tr("isi barang yang dijual (F7 Pengaturan › Barang), lalu catat pembelian (F4)"),
            f"{done if steps.has_kpm else todo} "
            + self.tr("impor daftar KPM dari Dinas Sosial (F2 KPM › Impor daftar)"),
            f"{done if steps.has_rate else todo} "
            + self.tr("periksa besaran bantuan per bulan (F7 Pengaturan › Besaran bantuan)"),
        ]
        self.first_steps.setText("\n".join(lines))

    def _status(self) -> None:
        from ewarong_desktop.gui import formatting as fmt

        actor = self.state.actor
        role = actor.role.label(fmt.lang())
        view = profile.get_profile(self.state.ctx)
        period = profile.working_period(self.state.ctx)
        self.who.setText(f"{view.name} ({view.code}) · {actor.name} [{role}]")
        self.month.setText(self.tr("Bulan kerja: {0}").format(fmt.month(period)))
        self._first_steps()

    # --- pages ------------------------------------------------------------------------------
    def page(self, key: str) -> PageBase:
        row = [p[0] for p in PAGES].index(key)
        if key not in self.pages:
            _key, module, cls = PAGES[row]
            page_class: Callable[..., PageBase] = getattr(importlib.import_module(module), cls)
            page = page_class(self.state, self.stack)
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

    def go(self, key: str) -> PageBase:
        self.side.setCurrentRow([p[0] for p in PAGES].index(key))
        return self.pages[key]

    # --- language and lock --------------------------------------------------------------------
    def toggle_language(self) -> None:
        self.set_language("en" if self.state.lang == "id" else "id")

    def set_language(self, lang: str) -> None:
        self.state.choose_language(lang)

    def _open_work_ok(self) -> bool:
        return all(page.may_leave() for page in self.pages.values())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quitting from the lock screen never asks: no one unlocked, so no one may stay.
        if not self._quit_from_lock and not self._open_work_ok():
            event.ignore()
            return
        super().closeEvent(event)

    def lock(self, *, asked: bool = True) -> None:
        """Idle or asked: hide the work behind the login until a PIN is given again. Work in
        progress stays for the same operator; asked by hand, an open basket asks first."""
        if asked and not self._open_work_ok():
            return
        self.idle.stop()
        self.state.locked.emit()
        names = [o.name for o in operators.list_operators(self.state.ctx) if o.active]
        warong = profile.get_profile(self.state.ctx).name
        dialog = LoginDialog(
            partial(operators.login, self.state.ctx.db),
            names,
            warong,
            self.state.actor.name,
            self,
            change_pin=partial(operators.change_pin_at_login, self.state.ctx.db),
        )
        work = self.centralWidget()
        assert work is not None
        work.setVisible(False)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
                self._quit_from_lock = True
                self.close()
                return
            if dialog.actor != self.state.actor:
                self.state.set_actor(dialog.actor)
                remember_login(self.state.ctx.data_dir, dialog.actor.name)
        finally:
            work.setVisible(True)
        self.idle.start()
