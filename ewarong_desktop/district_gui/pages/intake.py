"""Impor dari flashdisk: every bundle on a USB stick (or in a folder) imported in one go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.intake import Intake, Outcome, find_bundles
from ewarong_desktop.district.office import open_sealed
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.gui import drives
from ewarong_desktop.gui.background import BackgroundOp, Progress
from ewarong_desktop.gui.files import choose_folder
from ewarong_desktop.gui.widgets import heading


class ImportPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Impor dari flashdisk")
    topics = frozenset({DeskTopic.BUNDLES})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.job: BackgroundOp | None = None
        self.outcomes: list[Outcome] = []
        self.heading = heading(self)
        self.source = QComboBox(self)
        self.source.setMinimumWidth(420)
        self.rescan = QPushButton(self)
        self.rescan.clicked.connect(self.refresh)
        self.start = QPushButton(self)
        self.start.clicked.connect(self.import_chosen)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.lines = QListWidget(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.rescan)
        row.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Impor bundel dari flashdisk atau folder"))
        self.rescan.setText(self.tr("Cari flashdisk lagi"))
        self.start.setText(self.tr("Impor semua bundel"))

    def refresh(self) -> None:
        super().refresh()
        self.source.clear()
        for stick in drives.usb_sticks():
            self.source.addItem(self.tr("{0} ({1})").format(stick.name, stick.root), stick.root)
        self.source.addItem(self.tr("Folder lain…"), None)

    def import_chosen(self) -> None:
        root = self.source.currentData()
        folder = Path(root) if root else choose_folder(self, self.tr("Pilih flashdisk atau folder"))
        if folder is not None:
            self.import_folder(folder)

    def import_folder(self, folder: Path) -> BackgroundOp:
        """Every bundle under `folder` imported on a pool thread; one line per file."""
        engine, keys, lang = self.desk.engine, self.desk.keys, self.desk.lang
        self.lines.clear()
        self.start.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)

        def work(progress: Progress) -> list[Outcome]:
            files = find_bundles([folder])
            intake = Intake(engine, dry_run=False, unseal=lambda data: open_sealed(data, keys))
            return intake.run(
                files, lambda done, total, o: progress(f"{done}/{total}\t{o.message(lang)}")
            )

        self.job = self.desk.run(
            self,
            work,
            label=self.tr("Mengimpor bundel…"),
            changes=(DeskTopic.BUNDLES,),
            on_done=self._done,
            modal=False,
        )
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        return self.job

    def _progressed(self, text: str) -> None:
        count, _tab, line = text.partition("\t")
        done, _slash, total = count.partition("/")
        self.progress.setRange(0, int(total))
        self.progress.setValue(int(done))
        self.lines.addItem(line)

    def _done(self, outcomes: list[Outcome]) -> None:
        self.outcomes = outcomes
        refused = sum(not o.accepted for o in outcomes)
        self.summary.setText(
            self.tr("{0} berkas: {1} diterima, {2} ditolak.").format(
                len(outcomes), len(outcomes) - refused, refused
            )
        )

    def _finished(self) -> None:
        self.start.setEnabled(True)
        self.progress.setVisible(False)
