"""F6 Sinkron: export the next signed bundle to a folder or USB stick; copy one again; the
key's fingerprint to read out to the district office; the enrolment file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.gui import drives, words
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp, Progress, perform, run_in_background
from ewarong_desktop.gui.errors import inform
from ewarong_desktop.gui.files import choose_folder
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    MUTED_STYLE,
    OK_STYLE,
    PageBase,
    admin_only,
    card_frame,
    heading,
    message_line,
)
from ewarong_desktop.services import sync_export
from ewarong_desktop.services.backup import BackupResult
from ewarong_desktop.services.changes import Topic
from ewarong_desktop.services.sync_export import ExportResult, KeptBundle, NothingToExport


def kind_text(kind: str) -> str:
    return words.bundle_kind(kind)


def made_at(created_at: str) -> datetime:
    """A bundle's UTC stamp on this laptop's clock."""
    return datetime.fromisoformat(created_at.replace("Z", "+00:00")).astimezone()


def when(moment: datetime) -> str:
    return f"{fmt.day(moment.date())} {moment:%H:%M}"


BUNDLE_COLUMNS = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Dibuat"),
        lambda b: when(made_at(b.created_at)),
        sort=lambda b: (b.epoch, b.seq),
        width=190,
        fit=True,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Jenis"), lambda b: kind_text(b.kind), width=120, fit=True),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Baris data"),
        lambda b: str(b.records),
        sort=lambda b: b.records,
        align_right=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Transaksi"),
        lambda b: str(b.redemptions),
        sort=lambda b: b.redemptions,
        align_right=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Nilai"),
        lambda b: fmt.rupiah(b.redemptions_rupiah),
        sort=lambda b: b.redemptions_rupiah,
        align_right=True,
        width=120,
        fit=True,
    ),
)


class SyncPage(PageBase):
    # What the next file will carry changes with every sale, purchase and KPM.
    topics = frozenset({Topic.SYNC, Topic.SETTINGS, Topic.REDEMPTION, Topic.PURCHASE, Topic.KPM})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.job: BackgroundOp | None = None
        self.title = heading(self)
        self.status = QLabel(self)
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setPointSize(font.pointSize() + 1)
        font.setBold(True)
        self.status.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.card = card_frame(self)
        self.fp_caption = QLabel(self.card)
        self.fp_caption.setStyleSheet(MUTED_STYLE)
        self.fingerprint = QLabel(self.card)
        self.fingerprint.setObjectName("syncFingerprint")
        font = self.fingerprint.font()
        font.setPointSize(15)
        font.setBold(True)
        font.setFamily("DejaVu Sans Mono")
        self.fingerprint.setFont(font)
        self.key_line = QLabel(self.card)
        self.key_line.setStyleSheet(MUTED_STYLE)
        grid = QGridLayout(self.card)
        grid.addWidget(self.fp_caption, 0, 0)
        grid.addWidget(self.fingerprint, 1, 0)
        grid.addWidget(self.key_line, 2, 0)
        self.target_label = QLabel(self)
        self.target = QComboBox(self)
        self.target.setObjectName("syncTarget")
        self.target.setMinimumWidth(320)
        self.target_label.setBuddy(self.target)
        self.rescan_button = QPushButton(self)
        self.rescan_button.clicked.connect(self._fill_targets)
        self.full = QCheckBox(self)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("syncExport")
        self.export_button.setMinimumHeight(34)
        self.export_button.clicked.connect(self.choose_and_export)
        self.enrol_button = QPushButton(self)
        self.enrol_button.setObjectName("syncEnrol")
        admin_only(self.card, self.enrol_button)
        self.enrol_button.clicked.connect(self.choose_and_enrol)
        self.result = message_line(self)
        self.result.setStyleSheet(OK_STYLE)
        self.backup_title = heading(self, 12)
        self.backup_line = message_line(self)
        self.backup_line.setStyleSheet(MUTED_STYLE)
        self.backup_button = QPushButton(self)
        self.backup_button.setObjectName("syncBackup")
        self.backup_button.clicked.connect(self.choose_and_backup)
        self.list_title = heading(self, 12)
        self.bundles = TableBundle(BUNDLE_COLUMNS, self)
        self.empty = QLabel(self)
        self.empty.setObjectName("syncEmpty")
        self.empty.setStyleSheet(MUTED_STYLE)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.again_button = QPushButton(self)
        self.again_button.clicked.connect(self.choose_and_copy_again)
        where = QHBoxLayout()
        where.addWidget(self.target_label)
        where.addWidget(self.target, 1)
        where.addWidget(self.rescan_button)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.full)
        actions.addStretch(1)
        actions.addWidget(self.enrol_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.intro)
        layout.addWidget(self.card)
        layout.addLayout(where)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.list_title)
        layout.addWidget(self.bundles.view, 1)
        layout.addWidget(self.empty, 1)  # takes the list's room while there is no list
        layout.addLayout(bottom)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_line, 1)
        backup_row.addWidget(self.backup_button)
        layout.addWidget(self.backup_title)
        layout.addLayout(backup_row)
        self.retranslate()
        self.actor_changed()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sinkron ke Dinas Sosial"))
        self.intro.setText(
            self.tr(
                "Pasang flashdisk, pilih di daftar Tujuan, tekan Ekspor. Berkas bertanda tangan "
                "berisi semua perubahan sejak ekspor terakhir; serahkan ke Dinas Sosial. "
                "Salinan setiap berkas tetap disimpan di laptop ini."
            )
        )
        self.fp_caption.setText(
            self.tr("Sidik jari kunci e-warong ini (bacakan saat pendaftaran):")
        )
        self.target_label.setText(self.tr("&Tujuan:"))
        self.rescan_button.setText(self.tr("Cari flashdisk lagi"))
        self._fill_targets()
        self.full.setText(self.tr("Kirim semua data (bukan hanya perubahan)"))
        self.export_button.setText(self.tr("Ekspor ke flashdisk / folder…"))
        self.enrol_button.setText(self.tr("Simpan berkas pendaftaran…"))
        self.list_title.setText(self.tr("Berkas yang pernah diekspor"))
        self.empty.setText(
            self.tr(
                "Belum pernah mengekspor. Berkas pertama berisi semua data e-warong; "
                "berikutnya hanya perubahannya."
            )
        )
        self.again_button.setText(self.tr("Salin lagi berkas terpilih…"))
        self.backup_title.setText(self.tr("Cadangan data"))
        self.backup_button.setText(self.tr("Cadangkan sekarang ke flashdisk…"))
        self._key()
        self._backup_line()

    def language_changed(self) -> None:
        self.bundles.retranslate()
        self.refresh()

    def actor_changed(self) -> None:
        """The key's fingerprint, id and epoch and the enrolment file are the admin's
        business with the district office; an operator sees what was sent and what not."""
        admin = self.state.is_admin
        self.card.setVisible(admin)
        self.enrol_button.setVisible(admin)

    def _key(self) -> None:
        try:
            info = sync_export.key_info(self.state.ctx)
        except EwarongError as exc:  # no key: said in words, the rest of the page still works
            self.fingerprint.setText("–")
            self.key_line.setText(self.state.text(exc))
            return
        self.fingerprint.setText(info.fingerprint)
        self.key_line.setText(self.tr("ID kunci {0} · epoch {1}").format(info.key_id, info.epoch))

    def _status(self) -> None:
        try:
            status = sync_export.sync_status(self.state.ctx)
        except EwarongError as exc:
            self.status.setText(self.state.text(exc))
            return
        if status.last_sent_at is None:
            sent = self.tr("Belum pernah dikirim ke Dinas Sosial.")
        else:
            sent = self.tr("Terakhir dikirim {0}.").format(when(status.last_sent_at.astimezone()))
        waiting = self.tr("Belum dikirim: {0}, {1}, {2}.").format(
            self.tr("%n transaksi", "", status.unsent_redemptions),
            self.tr("%n pembelian", "", status.unsent_purchases),
            self.tr("%n data KPM", "", status.unsent_kpm),
        )
        if status.next_is_full and status.last_sent_at is not None:
            waiting += " " + self.tr("Berkas berikutnya berisi semua data.")
        self.status.setText(f"{sent} {waiting}")

    def _backup_line(self) -> None:
        from ewarong_desktop.services.backup import last_backup

        latest = last_backup(self.state.ctx.data_dir)
        if latest is None:
            self.backup_line.setText(self.tr("Belum ada cadangan."))
            return
        day = datetime.strptime(latest.day, "%Y%m%d").date()
        self.backup_line.setText(
            self.tr(
                "Cadangan terakhir: {0}. Laptop membuat satu cadangan setiap hari; "
                "simpan juga salinan di flashdisk."
            ).format(fmt.day(day))
        )

    def _fill_targets(self) -> None:
        """The USB sticks the OS has mounted, then 'another folder' (a file dialog)."""
        self.target.clear()
        for stick in drives.usb_sticks():
            free = f"{stick.free_bytes / 10**9:.1f}"
            free = free.replace(".", ",") if fmt.lang() == "id" else free
            label = self.tr("{0} ({1}), kosong {2} GB").format(stick.name, stick.root, free)
            self.target.addItem(label, stick.root)
        self.target.addItem(self.tr("Folder lain…"), None)

    def _destination(self, title: str) -> Path | None:
        """The stick chosen in the list, or a folder picked in a dialog."""
        root = self.target.currentData()
        return Path(root) if root else self._folder(title)

    def choose_and_backup(self) -> None:
        folder = self._destination(self.tr("Pilih flashdisk atau folder tujuan"))
        if folder is not None:
            self.backup_to(folder)

    def backup_to(self, folder: Path) -> None:
        from ewarong_desktop.services.backup import backup

        ctx = self.state.ctx

        def done(result: BackupResult) -> None:
            sealed = str(result.copy).endswith(".enc")  # off the laptop: to the recovery code
            text = (
                self.tr("Cadangan terenkripsi disalin ke {0}; memulihkannya perlu kode pemulihan.")
                if sealed
                else self.tr("Cadangan disalin ke {0}.")
            )
            self.result.setText(text.format(result.copy))
            self._backup_line()

        self.job = run_in_background(
            self,
            self.state,
            lambda _p: backup(ctx, to=folder),
            label=self.tr("Mencadangkan data…"),
            on_done=done,
        )

    def reload(self) -> None:
        self._fill_targets()
        self._backup_line()
        self._key()
        self._status()
        kept = list(reversed(sync_export.list_bundles(self.state.ctx)))
        self.bundles.set_rows(kept)
        self.bundles.view.setVisible(bool(kept))
        self.empty.setVisible(not kept)
        self.again_button.setEnabled(bool(kept))

    def _folder(self, title: str) -> Path | None:
        return choose_folder(self, title)

    def choose_and_export(self) -> None:
        folder = self._destination(self.tr("Pilih flashdisk atau folder tujuan"))
        if folder is not None:
            self.export_to(folder)

    def export_to(self, folder: Path) -> None:
        ctx, full = self.state.ctx, self.full.isChecked()
        steps = {
            "collect": self.tr("Mengumpulkan data…"),
            "keep": self.tr("Menyimpan salinan di laptop…"),
            "copy": self.tr("Menyalin ke flashdisk…"),
        }

        def work(progress: Progress) -> ExportResult | NothingToExport:
            return sync_export.export_bundle(
                ctx, folder, full=full, progress=lambda step: progress(steps.get(step, step))
            )

        self.job = run_in_background(
            self, self.state, work, label=self.tr("Mengekspor…"), on_done=self._exported
        )

    def _exported(self, result: ExportResult | NothingToExport) -> None:
        if isinstance(result, NothingToExport):
            self.result.setText(
                self.tr(
                    "Tidak ada yang berubah sejak bundel seq {0}: tidak ada berkas yang ditulis."
                ).format(result.last_seq)
            )
            return
        self.result.setText(
            self.tr("Tersimpan di {0}. Cabut flashdisk dengan aman, lalu serahkan.").format(
                result.path.parent
            )
        )
        self.full.setChecked(False)
        self.refresh()

    def choose_and_copy_again(self) -> None:
        chosen: KeptBundle | None = self.bundles.selected()
        if chosen is None:
            return
        folder = self._destination(self.tr("Pilih flashdisk atau folder tujuan"))
        if folder is None:
            return
        ctx = self.state.ctx
        self.job = run_in_background(
            self,
            self.state,
            lambda _p: sync_export.export_again(ctx, chosen.seq, folder, chosen.epoch),
            label=self.tr("Menyalin…"),
            on_done=lambda path: self.result.setText(
                self.tr("Disalin lagi ke {0}.").format(path.parent)
            ),
        )

    def choose_and_enrol(self) -> None:
        folder = self._folder(self.tr("Simpan berkas pendaftaran ke"))
        if folder is None:
            return
        ctx = self.state.ctx
        path = perform(self, self.state, lambda: sync_export.write_enrolment(ctx, folder))
        if path is not None:
            inform(self, self.tr("Tersimpan"), str(path))
