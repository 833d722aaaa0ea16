"""Import the Dinas Sosial's KPM list: preview with the column mapping, correct it, apply.

Reading and planning run in the background helper (a 10,000-row workbook takes a while);
the operator sees what each row would do and why a row is refused before anything is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.gui.background import BackgroundOp, perform, run_in_background
from ewarong_desktop.gui.errors import inform
from ewarong_desktop.gui.files import choose_file_to_open, choose_file_to_save
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import ERROR_STYLE, heading, message_line

if TYPE_CHECKING:  # the import service loads only when the dialog is used
    from ewarong_desktop.services.kpm_import import ImportPreview, ImportResult

FIELDS = ("nik", "name", "kks", "village", "address")


def outcome_text(outcome: str) -> str:
    words = {
        "imported": QT_TRANSLATE_NOOP("Outcome", "baru"),
        "updated": QT_TRANSLATE_NOOP("Outcome", "diperbarui"),
        "unchanged": QT_TRANSLATE_NOOP("Outcome", "tidak berubah"),
    }
    return QCoreApplication.translate("Outcome", str(words.get(outcome, outcome)))


PLAN_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Baris"), lambda r: str(r.row), sort=lambda r: r.row, width=60
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Hasil"), lambda r: outcome_text(r.outcome), width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "NIK"), lambda r: r.nik, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda r: r.name, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "No. KKS"), lambda r: r.kks_number, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Desa"), lambda r: r.desa, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "Alamat"), lambda r: r.address),
)


def _lang() -> str:
    from ewarong_desktop.gui import formatting

    return formatting.lang()


REJECT_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Baris"), lambda r: str(r.row), sort=lambda r: r.row, width=60
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "NIK"), lambda r: r.nik_text, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda r: r.name_text, width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "Alasan"), lambda r: r.message(_lang())),
)


class ImportDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.preview: ImportPreview | None = None
        self.path: Path | None = None
        self.job: BackgroundOp | None = None
        self.title_override: str | None = None  # what the list is, when it is not a file
        self.setWindowTitle(self.tr("Impor daftar KPM"))
        self.resize(1100, 620)
        self.file_label = heading(self, 12)
        self.choose = QPushButton(self.tr("Pilih berkas…"), self)
        self.choose.clicked.connect(self.choose_file)
        self.sheet = QComboBox(self)
        self.mapping: dict[str, QComboBox] = {f: QComboBox(self) for f in FIELDS}
        names = {
            "nik": self.tr("Kolom NIK:"),
            "name": self.tr("Kolom nama:"),
            "kks": self.tr("Kolom No. KKS:"),
            "village": self.tr("Kolom desa:"),
            "address": self.tr("Kolom alamat:"),
        }
        grid = QGridLayout()
        self.sheet_label = QLabel(self.tr("Lembar:"), self)
        grid.addWidget(self.sheet_label, 0, 0)
        grid.addWidget(self.sheet, 0, 1)
        for i, field in enumerate(FIELDS, start=1):
            grid.addWidget(QLabel(names[field], self), i // 3, (i % 3) * 2)
            grid.addWidget(self.mapping[field], i // 3, (i % 3) * 2 + 1)
        self.again = QPushButton(self.tr("Pratinjau lagi"), self)
        self.again.clicked.connect(lambda: self.run_preview(self.path, with_choices=True))
        grid.addWidget(self.again, 1, 6)
        self.summary = message_line(self)
        self.warnings = message_line(self)
        self.warnings.setStyleSheet(ERROR_STYLE)
        self.plan = TableBundle(PLAN_COLUMNS, self)
        self.rejects = TableBundle(REJECT_COLUMNS, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.plan.view, self.tr("Akan disimpan"))
        self.tabs.addTab(self.rejects.view, self.tr("Ditolak"))
        self.save_rejects = QPushButton(self.tr("Simpan baris ditolak…"), self)
        self.save_rejects.clicked.connect(self.export_rejects)
        self.apply = QPushButton(self.tr("Impor sekarang"), self)
        self.apply.setObjectName("importApply")
        self.apply.clicked.connect(self.run_apply)
        close = QPushButton(self.tr("Tutup"), self)
        close.clicked.connect(self.reject)
        for button in (self.choose, self.again, self.save_rejects, self.apply, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejects)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.apply)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        for widget in (
            self.apply,
            self.again,
            self.save_rejects,
            self.sheet,
            *self.mapping.values(),
        ):
            widget.setEnabled(ready)

    def start(self) -> None:
        self.show()
        self.choose_file()

    def start_with(self, path: Path, title: str) -> None:
        """A list that is already here (the Dinas's, from its reply): straight to the preview."""
        self.title_override = title
        self.show()
        self.run_preview(path)

    def show_with(self, preview: ImportPreview, title: str) -> None:
        """A preview already made (the Dinas's list after its reply)."""
        self.title_override = title
        self.path = preview.path
        self.file_label.setText(title)
        self.show()
        self.show_preview(preview)

    def choose_file(self) -> None:
        path = choose_file_to_open(
            self,
            self.tr("Pilih daftar KPM"),
            self.tr("Daftar KPM (*.csv *.xlsx *.xlsm);;Semua berkas (*)"),
        )
        if path is not None:
            self.title_override = None
            self.run_preview(path)

    def run_preview(self, path: Path | None, with_choices: bool = False) -> None:
        if path is None:
            return
        from ewarong_desktop.services.kpm_import import preview_import

        chosen = self.path = Path(path)
        self.file_label.setText(self.title_override or chosen.name)
        ctx = self.state.ctx
        sheet = self.sheet.currentText() or None if with_choices else None
        mapping = {f: self.mapping[f].currentData() for f in FIELDS} if with_choices else None
        self.job = run_in_background(
            self,
            self.state,
            lambda _p: preview_import(ctx, chosen, sheet=sheet, mapping=mapping),
            label=self.tr("Membaca {0}…").format(chosen.name),
            on_done=self.show_preview,
        )

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        lang = self.state.lang
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(list(preview.sheets))
        if preview.sheet:
            self.sheet.setCurrentText(preview.sheet)
        self.sheet.setVisible(bool(preview.sheets))  # a CSV has no sheets
        self.sheet_label.setVisible(bool(preview.sheets))
        self.sheet.blockSignals(False)
        for field in FIELDS:
            combo = self.mapping[field]
            combo.clear()
            combo.addItem(self.tr("(tidak ada)"), None)
            for i, header in enumerate(preview.headers):
                combo.addItem(f"{i + 1}. {header}", i)
            chosen = preview.mapping.column(field)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
        c = preview.counts
        self.summary.setText(
            self.tr("{0} KPM baru, {1} diperbarui, {2} tidak berubah, {3} baris ditolak.").format(
                c["imported"], c["updated"], c["unchanged"], c["rejected"]
            )
        )
        self.warnings.setText("\n".join(w.message(lang) for w in preview.warnings))
        self.plan.set_rows([r for r in preview.rows if r.outcome != "unchanged"] or preview.rows)
        self.rejects.set_rows(preview.rejected)
        self._enable(True)
        self.apply.setEnabled(preview.changes_anything)
        self.save_rejects.setEnabled(bool(preview.rejected))

    def run_apply(self) -> None:
        if self.preview is None:
            return
        from ewarong_desktop.services.kpm_import import apply_import

        ctx, preview = self.state.ctx, self.preview
        self.job = run_in_background(
            self,
            self.state,
            lambda _p: apply_import(ctx, preview),
            label=self.tr("Menyimpan daftar KPM…"),
            on_done=self._applied,
        )

    def _applied(self, result: ImportResult) -> None:
        inform(self, self.tr("Impor selesai"), result.summary(self.state.lang))
        self.accept()

    def export_rejects(self) -> None:
        if self.preview is None:
            return
        from ewarong_desktop.services.kpm_import import save_rejects

        path = choose_file_to_save(
            self,
            self.tr("Simpan baris ditolak"),
            "CSV (*.csv);;Excel (*.xlsx)",
            Path.home() / "kpm-ditolak.csv",
        )
        if path is None:
            return
        preview, lang = self.preview, self.state.lang
        saved = perform(self, self.state, lambda: save_rejects(preview, path, lang))
        if saved is not None:
            inform(self, self.tr("Tersimpan"), str(saved))
