"""Impor dari flashdisk: every bundle on a USB stick (or in a folder) imported in one go.

The mounted sticks are listed as on the shop's Sinkron page (`gui.drives`); one action runs
`district.stick.import_stick_in_process` (plain and encrypted bundles, the same
`Intake` as `ewarong-district import`), so the window keeps answering while a thousand
bundles go in. Each file gets one line as soon as it is done; afterwards the replies written
onto the stick are said, and the session's receipt (PDF) is kept in `tanda-terima/` to open
or print for the person who brought the stick.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.office import has_keys
from ewarong_desktop.district.stick import (
    ALREADY,
    REFUSED,
    FileLine,
    ProcessResult,
    StickSession,
    import_stick_in_process,
)
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.gui import drives
from ewarong_desktop.gui.background import BackgroundOp, Progress
from ewarong_desktop.gui.errors import inform, show_refusal
from ewarong_desktop.gui.files import choose_folder
from ewarong_desktop.gui.widgets import ERROR_STYLE, MUTED_STYLE, heading, message_line

COLOURS = {REFUSED: "#b00020", ALREADY: "#5f6368"}  # the rest in the text colour


class ImportPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Impor dari flashdisk")
    topics = frozenset({DeskTopic.OFFICE})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.job: BackgroundOp | None = None
        self.file_lines: list[FileLine] = []  # the running or last session, in order
        self._arrived: list[FileLine] = []  # appended by the worker, taken by the GUI thread
        self.session: StickSession | None = None
        self.receipt: Path | None = None

        self.heading = heading(self)
        self.intro = message_line(self)
        self.no_key = message_line(self)
        self.no_key.setStyleSheet(ERROR_STYLE)
        self.source_label = QLabel(self)
        self.source = QComboBox(self)
        self.source.setMinimumWidth(460)
        self.source_label.setBuddy(self.source)
        self.rescan = QPushButton(self)
        self.rescan.clicked.connect(self.fill_sources)
        self.start = QPushButton(self)
        self.start.setObjectName("importAll")
        self.start.setDefault(True)
        self.start.clicked.connect(self.import_chosen)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.summary = message_line(self)
        self.replies = message_line(self)
        # One line per file; plain text, so a thousand lines cost nothing and can be copied.
        self.lines = QPlainTextEdit(self)
        self.lines.setReadOnly(True)
        self.lines.setObjectName("importLines")
        # The lines, bar and count are brought up to date ten times a second, not per file.
        self.pace = QTimer(self)
        self.pace.setInterval(100)
        self.pace.timeout.connect(self._catch_up)
        self._count = (0, 0)
        self._lines_lang = desk.lang  # the language the lines are written in
        self.open_receipt = QPushButton(self)
        self.open_receipt.clicked.connect(self.show_receipt)
        self.print_receipt = QPushButton(self)
        self.print_receipt.clicked.connect(self.print_the_receipt)
        self.receipt_line = message_line(self)
        self.receipt_line.setStyleSheet(MUTED_STYLE)
        for button in (self.open_receipt, self.print_receipt):
            button.setEnabled(False)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_chosen)

        choose = QHBoxLayout()
        choose.addWidget(self.source_label)
        choose.addWidget(self.source, 1)
        choose.addWidget(self.rescan)
        choose.addWidget(self.start)
        receipt = QHBoxLayout()
        receipt.addWidget(self.open_receipt)
        receipt.addWidget(self.print_receipt)
        receipt.addWidget(self.receipt_line, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.no_key)
        layout.addLayout(choose)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.replies)
        layout.addWidget(self.lines, 1)
        layout.addLayout(receipt)
        self.retranslate()

    # --- words ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Impor bundel dari flashdisk atau folder"))
        self.intro.setText(
            self.tr(
                "Colokkan flashdisk dari e-warong, pilih di bawah, lalu Impor semua bundel "
                "(Ctrl+I). Setiap berkas mendapat satu baris; balasan untuk e-warong ditulis "
                "ke flashdisk yang sama."
            )
        )
        self.source_label.setText(self.tr("&Dari:"))
        self.rescan.setText(self.tr("Cari flashdisk lagi"))
        self.start.setText(self.tr("Impor semua bundel"))
        self.open_receipt.setText(self.tr("Buka tanda terima"))
        self.print_receipt.setText(self.tr("Cetak tanda terima"))
        self._key_note()

    def _key_note(self) -> None:
        missing = not has_keys(self.desk.keys)
        self.no_key.setVisible(missing)
        self.no_key.setText(
            self.tr(
                "Kantor ini belum punya kunci: bundel terenkripsi (.ewb.enc) ditolak dan "
                "balasan tidak ditulis. Buat kunci sekali: ewarong-district key --office "
                "NAMA --kabupaten NAMA --out FOLDER"
            )
            if missing
            else ""
        )

    def refresh(self) -> None:
        super().refresh()
        self._key_note()
        if self.job is None or self.job.done:
            self.fill_sources()
        if self._lines_lang != self.desk.lang:  # a thousand lines are written again only then
            self._show_lines()
        self._show_session()

    def fill_sources(self) -> None:
        """The USB sticks the system has mounted, then 'another folder' (a folder dialog)."""
        chosen = self.source.currentData()
        self.source.clear()
        for stick in drives.usb_sticks():
            self.source.addItem(self.tr("Flashdisk {0} ({1})").format(stick.name, stick.root),
                                stick.root)  # fmt: skip
        self.source.addItem(self.tr("Folder lain…"), None)
        # The stick chosen before if it is still there, else the first stick.
        self.source.setCurrentIndex(max(self.source.findData(chosen), 0) if chosen else 0)

    # --- the import -----------------------------------------------------------------------
    def import_chosen(self) -> None:
        if self.job is not None and not self.job.done:
            return
        root = self.source.currentData()
        folder = Path(root) if root else choose_folder(self, self.tr("Pilih flashdisk atau folder"))
        if folder is not None:
            self.import_folder(folder)

    def import_folder(self, folder: Path) -> BackgroundOp:
        """Every bundle under `folder` imported on a pool thread; one line per file."""
        keys, db, lang = self.desk.keys, self.desk.db, self.desk.lang
        self.file_lines, self._arrived = [], []
        self.session, self.receipt = None, None
        self.lines.clear()
        self._count = (0, 0)
        self.summary.setText(self.tr("Mengimpor dari {0}…").format(folder))
        self.replies.setText("")
        self.receipt_line.setText("")
        for button in (self.open_receipt, self.print_receipt):
            button.setEnabled(False)
        self.start.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        arrived = self._arrived

        def work(say: Progress) -> ProcessResult:
            def one(done: int, total: int, line: FileLine) -> None:
                arrived.append(line)  # read by the GUI thread when the signal arrives
                say(f"{done}/{total}")

            return import_stick_in_process(db, folder, keys, one, receipt_lang=lang)

        self.job = self.desk.run(
            self,
            work,
            label=self.tr("Mengimpor bundel…"),
            changes=(DeskTopic.BUNDLES, DeskTopic.WARONGS, DeskTopic.FLAGS, DeskTopic.OFFICE),
            on_done=self._done,
            modal=False,
        )
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        return self.job

    def _progressed(self, text: str) -> None:
        done, _slash, total = text.partition("/")
        self._count = (int(done), int(total))
        if not self.pace.isActive():
            self.pace.start()

    def _catch_up(self) -> None:
        """The lines that arrived since the last look, the bar and the count: one update."""
        done, total = self._count
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.summary.setText(self.tr("Mengimpor: {0} dari {1} berkas…").format(done, total))
        new = self._arrived[len(self.file_lines) :]
        self.file_lines += new
        self._append(new)

    def _append(self, lines: list[FileLine]) -> None:
        if not lines:
            return
        lang = self.desk.lang
        for line in lines:  # one paragraph each (QPlainTextEdit appends cheaply)
            colour = COLOURS.get(line.status, "#1b1b1b")
            self.lines.appendHtml(
                f'<span style="color:{colour}">{escape(line.message(lang))}</span>'
            )

    def _show_lines(self) -> None:
        self.lines.clear()
        self._append(self.file_lines)
        self._lines_lang = self.desk.lang

    def shown_lines(self) -> list[str]:
        """The lines as the officer reads them."""
        return self.lines.toPlainText().splitlines()

    def _done(self, result: ProcessResult) -> None:
        self.pace.stop()
        self._catch_up()
        self.session, self.receipt = result.session, result.receipt
        lines = result.session.lines
        if [line.name for line in self.file_lines] != [line.name for line in lines]:
            self.file_lines = list(lines)  # the lines in the order the import said them
            self._show_lines()
        self._show_session()
        if result.receipt_problem is not None:
            show_refusal(self, result.receipt_problem)

    def _show_session(self) -> None:
        session = self.session
        if session is None:
            return
        self.summary.setText(session.summary(self.desk.lang))
        said = [session.replies_said(self.desk.lang)]
        said += [r.message(self.desk.lang) for r in session.replies if r.file is None]
        self.replies.setText("\n".join(s for s in said if s))
        self.replies.setStyleSheet(
            ERROR_STYLE if session.imported_codes and not session.office_has_key else ""
        )
        if self.receipt is not None:
            self.receipt_line.setText(self.tr("Tanda terima disimpan: {0}").format(self.receipt))
        for button in (self.open_receipt, self.print_receipt):
            button.setEnabled(self.receipt is not None)

    def _finished(self) -> None:
        self.pace.stop()
        self.start.setEnabled(True)
        self.progress.setVisible(False)

    # --- the receipt ----------------------------------------------------------------------
    def show_receipt(self) -> None:
        if self.receipt is not None:
            self.desk.open_document(self.receipt)

    def print_the_receipt(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ewarong_desktop.gui.printing import print_pdf

        if self.receipt is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        receipt = self.receipt
        self.desk.perform(self, lambda: print_pdf(printer, receipt, self.tr("tanda terima")))

    def may_close(self) -> bool:
        """The window stays open while an import runs: its child process would be cut off
        between two bundles and the rest of the stick left for another day unsaid."""
        if self.job is None or self.job.done:
            return True
        inform(
            self,
            self.tr("Impor masih berjalan"),
            self.tr(
                "Tunggu sampai impor selesai; jendela bisa ditutup sesudahnya. Bundel yang "
                "sudah diimpor tetap tersimpan."
            ),
        )
        return False
