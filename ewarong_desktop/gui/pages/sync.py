"""F6 Sinkron: export the next signed bundle to a folder or USB stick; copy one again; the
key's fingerprint to read out to the district office; the enrolment file. The way back: the
Dinas's key (bundles are then sealed to it), its signed replies (bundles received, new rates
for the admin, its KPM list as a KPM import preview)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.gui import drives, words
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp, Progress, perform, run_in_background
from ewarong_desktop.gui.errors import inform
from ewarong_desktop.gui.files import choose_file_to_open, choose_folder
from ewarong_desktop.gui.state import AppState
from ewarong_desktop.gui.table import Column, TableBundle
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    PageBase,
    admin_only,
    card_frame,
    heading,
    message_line,
)
from ewarong_desktop.services import district_reply, sync_export
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


def dinas_text(b: KeptBundle) -> str:
    """What the Dinas's last reply said of this bundle, if anything."""
    if b.received:
        return QCoreApplication.translate("Dinas", "diterima Dinas {0}").format(
            fmt.day(date.fromisoformat(b.received))
        )
    if b.dinas_missing:
        return QCoreApplication.translate("Dinas", "belum diterima Dinas: salin lagi")
    return ""


def rate_text(rate: district_reply.RateNote) -> str:
    months = fmt.month(Period.parse(rate.valid_from))
    if rate.valid_until:
        months = f"{months} – {fmt.month(Period.parse(rate.valid_until))}"
    else:
        months = QCoreApplication.translate("Dinas", "mulai {0}").format(months)
    note = f" ({rate.note})" if rate.note else ""
    return f"{fmt.rupiah(rate.amount_rupiah)} {months}{note}"


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
    Column(QT_TRANSLATE_NOOP("Columns", "Dinas Sosial"), dinas_text, width=240, fit=True),
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
        self.district_card = card_frame(self)
        self.district_caption = QLabel(self.district_card)
        self.district_caption.setStyleSheet(MUTED_STYLE)
        self.district_line = QLabel(self.district_card)
        self.district_line.setObjectName("syncDistrict")
        self.district_line.setWordWrap(True)
        self.reply_line = QLabel(self.district_card)
        self.reply_line.setObjectName("syncReply")
        self.reply_line.setWordWrap(True)
        self.district_button = QPushButton(self.district_card)
        self.district_button.setObjectName("syncDistrictKey")
        self.district_button.clicked.connect(self.choose_and_enrol_district)
        self.receive_button = QPushButton(self.district_card)
        self.receive_button.setObjectName("syncReceive")
        self.receive_button.clicked.connect(self.choose_and_receive)
        self.kpm_list_button = QPushButton(self.district_card)
        self.kpm_list_button.setObjectName("syncKpmList")
        self.kpm_list_button.clicked.connect(self.review_kpm_list)
        admin_only(self.district_button, self.receive_button, self.kpm_list_button)
        district_buttons = QHBoxLayout()
        district_buttons.addWidget(self.district_button)
        district_buttons.addWidget(self.receive_button)
        district_buttons.addWidget(self.kpm_list_button)
        district_buttons.addStretch(1)
        district_grid = QVBoxLayout(self.district_card)
        district_grid.addWidget(self.district_caption)
        district_grid.addWidget(self.district_line)
        district_grid.addWidget(self.reply_line)
        district_grid.addLayout(district_buttons)
        self.rates_line = message_line(self)
        self.rates_line.setObjectName("syncRates")
        self.rates_line.setStyleSheet("font-weight: bold;")
        self.accept_rates_button = QPushButton(self)
        self.accept_rates_button.setObjectName("syncAcceptRates")
        admin_only(self.accept_rates_button)
        self.accept_rates_button.clicked.connect(self.accept_rates)
        self.district = district_reply.district_status(state.ctx)
        self.kpm_dialog: QWidget | None = None
        self.key_dialog: QWidget | None = None
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
        cards = QHBoxLayout()
        # The fingerprint card keeps its own width; the Dinas's card wraps in the rest.
        self.card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        cards.addWidget(self.card)
        cards.addWidget(self.district_card, 1)
        layout.addLayout(cards)
        rates = QHBoxLayout()
        rates.addWidget(self.rates_line, 1)
        rates.addWidget(self.accept_rates_button)
        layout.addLayout(rates)
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
        self.district_caption.setText(self.tr("Kunci Dinas Sosial:"))
        self.receive_button.setText(self.tr("Terima balasan Dinas…"))
        self.kpm_list_button.setText(self.tr("Tinjau daftar KPM dari Dinas…"))
        self.accept_rates_button.setText(self.tr("Terima besaran baru"))
        self._key()
        self._backup_line()
        self._district()

    def language_changed(self) -> None:
        self.bundles.retranslate()
        self.refresh()

    def actor_changed(self) -> None:
        """The key's fingerprint, id and epoch and the enrolment file are the admin's
        business with the district office; an operator sees what was sent and what not."""
        admin = self.state.is_admin
        self.card.setVisible(admin)
        self.enrol_button.setVisible(admin)
        self._district()  # its words for an operator differ

    def _district_buttons(self) -> None:
        admin, status = self.state.is_admin, self.district
        self.district_button.setVisible(admin and status.key is None)
        self.receive_button.setVisible(admin and status.key is not None)
        self.kpm_list_button.setVisible(admin and status.kpm_list is not None)
        self.accept_rates_button.setVisible(admin and bool(status.pending_rates))

    def _district(self) -> None:
        """The Dinas's key, its last reply, what it did not get, rates waiting."""
        self.district = status = district_reply.district_status(self.state.ctx)
        self.district_button.setText(self.tr("Daftarkan kunci Dinas…"))
        if status.key is None:
            self.district_line.setStyleSheet("")
            self.district_line.setText(
                self.tr(
                    "Belum didaftarkan: bundel dikirim tanpa enkripsi. Minta berkas kunci "
                    "Dinas dan sidik jarinya lewat telepon."
                )
                if self.state.is_admin
                else self.tr(
                    "Belum didaftarkan: bundel dikirim tanpa enkripsi sampai admin "
                    "mendaftarkan kunci Dinas."
                )
            )
        else:
            key = status.key
            self.district_line.setStyleSheet(OK_STYLE)
            self.district_line.setText(
                self.tr(
                    "Bundel dienkripsi untuk {0}, Kabupaten {1} (sidik jari {2}); hanya "
                    "Dinas itu yang bisa membacanya."
                ).format(key.office, key.kabupaten, key.fingerprint)
            )
        if status.last_number == 0:
            reply = self.tr("Belum ada balasan Dinas.")
        else:
            reply = self.tr("Balasan Dinas terakhir: no. {0}.").format(status.last_number)
        if status.missing_seqs is not None:
            epoch, first, last = status.missing_seqs
            seqs = str(first) if first == last else f"{first}–{last}"
            reply += " " + self.tr(
                "Dinas belum menerima berkas no. {0} (epoch {1}): pilih di daftar lalu tekan "
                "Salin lagi, atau ekspor dengan Kirim semua data."
            ).format(seqs, epoch)
        elif status.missing:
            reply += " " + self.tr("Dinas melaporkan: {0}").format(status.missing)
        self.reply_line.setStyleSheet(ERROR_STYLE if status.missing else MUTED_STYLE)
        self.reply_line.setText(reply)
        if status.pending_rates:
            rates = "; ".join(rate_text(r) for r in status.pending_rates)
            text = self.tr("Besaran baru dari Dinas menunggu persetujuan admin: {0}.").format(rates)
            if not self.state.is_admin:
                text += " " + self.tr("Minta admin menerimanya di halaman ini.")
            self.rates_line.setText(text)
        else:
            self.rates_line.setText("")
        self.rates_line.setVisible(bool(status.pending_rates))
        self._district_buttons()

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
            self.tr("%Ln transaksi", "", status.unsent_redemptions),
            self.tr("%Ln pembelian", "", status.unsent_purchases),
            self.tr("%Ln data KPM", "", status.unsent_kpm),
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
        self._district()
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

    # -- the way back from the Dinas ------------------------------------------------------------

    def _say(self, text: str, *, refused: bool = False) -> None:
        self.result.setStyleSheet(ERROR_STYLE if refused else OK_STYLE)
        self.result.setText(text)

    def _stick(self) -> Path | None:
        root = self.target.currentData()
        return Path(root) if root else None

    def choose_and_enrol_district(self) -> None:
        from ewarong_desktop.gui.pages.district_key_dialog import DistrictKeyDialog

        stick = self._stick()
        found = district_reply.find_district_keys(stick) if stick is not None else []
        dialog = DistrictKeyDialog(self.state, found, stick, self)
        dialog.finished.connect(lambda _code: self._district_enrolled(dialog.enrolled))
        self.key_dialog = dialog
        dialog.open()

    def _district_enrolled(self, key: district_reply.DistrictKey | None) -> None:
        if key is None:
            return
        self._say(
            self.tr(
                "Kunci Dinas terdaftar. Mulai sekarang bundel dienkripsi untuk {0}, "
                "Kabupaten {1} (sidik jari {2})."
            ).format(key.office, key.kabupaten, key.fingerprint)
        )
        self.refresh()

    def choose_and_receive(self) -> None:
        """The newest true reply for this e-warong on the chosen stick; else a file dialog."""
        stick = self._stick()
        found = district_reply.find_replies(self.state.ctx, stick) if stick is not None else []
        if found:
            self.receive_newest(found)
            return
        path = self._reply_file(stick)
        if path is not None:
            self.receive(path)

    def _reply_file(self, start: Path | None) -> Path | None:
        return choose_file_to_open(
            self,
            self.tr("Pilih berkas balasan Dinas"),
            self.tr("Balasan Dinas (*.reply.json);;Semua berkas (*)"),
            start,
        )

    def _refused_line(self, path: Path, exc: EwarongError) -> str:
        return self.tr("Balasan {0} ditolak, tidak ada yang berubah: {1}").format(
            path.name, self.state.text(exc)
        )

    def receive_newest(self, found: list[Path]) -> None:
        ctx = self.state.ctx
        done = perform(
            self,
            self.state,
            lambda: district_reply.receive_from_stick(ctx, found),
            refused=lambda exc: self._say(self.state.text(exc), refused=True),
        )
        if done is None:
            return
        skipped = [self._refused_line(path, exc) for path, exc in done.refused]
        if done.result is None:
            self._say("\n".join(skipped), refused=True)
            return
        self._said(done.result, skipped)

    def receive(self, path: Path) -> None:
        ctx = self.state.ctx

        def refused(exc: EwarongError) -> None:
            self._say(self._refused_line(path, exc), refused=True)

        result = perform(
            self,
            self.state,
            lambda: district_reply.receive_reply(ctx, path),
            refused=refused,
        )
        if result is not None:
            self._said(result, [])

    def _said(self, result: district_reply.ReceiveResult, skipped: list[str]) -> None:
        """What applying a reply did, after the newer files on the stick that were refused."""
        if not result.applied:
            line = self.tr(
                "Balasan no. {0} tidak diterapkan: balasan no. {1} yang sama atau lebih "
                "baru sudah diterapkan. Tidak ada yang berubah."
            ).format(result.number, result.latest)
        else:
            line = self.tr("Balasan Dinas no. {0} diterapkan: {1}.").format(
                result.number, self.tr("%Ln bundel baru diterima Dinas", "", result.received)
            )
        self._say("\n".join([*skipped, line]), refused=bool(skipped) or not result.applied)
        if result.applied and result.kpm_list is not None:
            self._check_kpm_list()

    def accept_rates(self) -> None:
        ctx = self.state.ctx
        done = perform(self, self.state, lambda: district_reply.accept_waiting_rates(ctx))
        if done is not None:
            self._say(
                self.tr("Besaran baru diterima: {0}.").format(
                    "; ".join(rate_text(r) for r in done.accepted)
                )
            )

    def review_kpm_list(self) -> None:
        """The Dinas's KPM list as the KPM import's own preview; the admin applies it there."""
        from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog

        listed = self.district.kpm_list
        if listed is None:
            return
        dialog = ImportDialog(self.state, self)
        self.kpm_dialog = dialog
        dialog.start_with(listed, self._kpm_list_title())

    def _kpm_list_title(self) -> str:
        return self.tr("Daftar KPM dari Dinas (balasan no. {0})").format(self.district.last_number)

    def _check_kpm_list(self) -> None:
        """After a reply: the preview opens only when the list would change something."""
        from ewarong_desktop.services.kpm_import import ImportPreview, preview_import

        ctx = self.state.ctx
        listed = district_reply.district_status(ctx).kpm_list
        if listed is None:
            return

        def done(preview: ImportPreview) -> None:
            from ewarong_desktop.gui.pages.kpm_import_dialog import ImportDialog

            if not preview.changes_anything and not preview.rejected:
                self.result.setText(
                    self.result.text()
                    + " "
                    + self.tr("Daftar KPM dari Dinas sama dengan data e-warong ini.")
                )
                return
            dialog = ImportDialog(self.state, self)
            self.kpm_dialog = dialog
            dialog.show_with(preview, self._kpm_list_title())

        self.job = run_in_background(
            self,
            self.state,
            lambda _p: preview_import(ctx, listed),
            label=self.tr("Membaca daftar KPM dari Dinas…"),
            on_done=done,
        )
