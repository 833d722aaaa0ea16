"""Pengaturan page (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ewarong_desktop.gui.widgets import PageBase, heading


class SettingsPage(PageBase):
    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent)
        self.title = heading(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Pengaturan"))
