"""Tanda: the open flags to work through, grouped by kind and e-warong, each kind with what to
check (the words of `ewarong-district flags`); a flag is reviewed with a note, as `flags
review` records it (officer: the account's user name unless typed). Reviewed flags are
hidden unless asked for.

Keyboard: Ctrl+F the filter; arrows in the list; Enter on a flag goes to the note, Enter in
the note reviews it and moves to the next open flag, Esc goes back to the list; Ctrl+H
shows the flagged record's history (`ewarong-district history`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ewarong_desktop.district.enrolment import list_warongs
from ewarong_desktop.district.flags import (
    FlagGroup,
    FlagView,
    default_officer,
    group_flags,
    list_flags,
    review_flag,
)
from ewarong_desktop.district.history import record_history
from ewarong_desktop.district_gui.desk import Desk, DeskTopic
from ewarong_desktop.district_gui.page import DeskPage
from ewarong_desktop.district_gui.text import plain
from ewarong_desktop.domain.errors import Conflict, EwarongError, NotFound
from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.background import BackgroundOp
from ewarong_desktop.gui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    card_frame,
    heading,
    message_line,
    split_page,
)

FLAG_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Inbox:
    groups: tuple[FlagGroup, ...]
    names: dict[str, str]  # e-warong code -> name
    search: dict[int, str]  # flag id -> its words in both languages, lower-cased, for the filter


def inbox_of(flags: list[FlagView], names: dict[str, str]) -> Inbox:
    """Grouped, with each flag's filter line made once (on the loading thread)."""
    search = {
        f.id: f"{f.short_id} {f.code} {names.get(f.code, '')} {f.line('id')} {f.line('en')}".lower()
        for f in flags
    }
    return Inbox(tuple(group_flags(flags)), names, search)


class FlagTree(QTreeWidget):
    """Enter on a flag hands the keyboard to the review note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_enter = lambda: None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None and item.data(0, FLAG_ROLE) is not None:
                self.on_enter()
                return
        super().keyPressEvent(event)


class FlagsPage(DeskPage):
    TITLE = QT_TRANSLATE_NOOP("DeskWindow", "Tanda")
    topics = frozenset({DeskTopic.FLAGS, DeskTopic.BUNDLES, DeskTopic.WARONGS, DeskTopic.RATES,
                        DeskTopic.TARGET})  # fmt: skip

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.job: BackgroundOp | None = None
        self.inbox = Inbox((), {}, {})
        self.flags: dict[int, FlagView] = {}
        self._select_after: int | None = None
        self._generation = 0  # only the latest load is shown

        left = QWidget(self)
        self.heading = heading(left)
        self.count = QLabel(left)
        self.count.setStyleSheet(MUTED_STYLE)
        self.filter = QLineEdit(left)
        self.filter.setObjectName("flagsFilter")
        self.filter.setClearButtonEnabled(True)
        # The list follows the filter after a short pause, not at every key.
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(200)
        self.pause.timeout.connect(self._fill)
        self.filter.textChanged.connect(lambda _t: self.pause.start())
        self.show_reviewed = QCheckBox(left)
        self.show_reviewed.setObjectName("flagsShowReviewed")
        self.show_reviewed.toggled.connect(lambda _on: self.refresh())
        self.tree = FlagTree(left)
        self.tree.setObjectName("flagsTree")
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 230)
        self.tree.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.tree.on_enter = self._to_note
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count)
        tools = QHBoxLayout()
        tools.addWidget(self.filter, 1)
        tools.addWidget(self.show_reviewed)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(top)
        left_box.addLayout(tools)
        left_box.addWidget(self.tree, 1)

        right = QWidget(self)
        self.detail_title = heading(right, 13)
        self.detail_title.setWordWrap(True)
        self.card = card_frame(right)
        self.found_caption, self.check_caption, self.status_caption = (
            QLabel(self.card),
            QLabel(self.card),
            QLabel(self.card),
        )
        self.found = message_line(self.card)
        self.found.setObjectName("flagFound")
        self.check = message_line(self.card)
        self.check.setObjectName("flagCheck")
        self.check.setStyleSheet("font-weight: bold;")
        self.status = message_line(self.card)
        self.status.setObjectName("flagStatus")
        card_form = QFormLayout(self.card)
        card_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        card_form.addRow(self.found_caption, self.found)
        card_form.addRow(self.check_caption, self.check)
        card_form.addRow(self.status_caption, self.status)
        self.note_label, self.officer_label = QLabel(right), QLabel(right)
        self.note = QLineEdit(right)
        self.note.setObjectName("flagNote")
        self.note.returnPressed.connect(self.review)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.note, self.tree.setFocus,
                  Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self.officer = QLineEdit(default_officer(), right)
        self.officer.setObjectName("flagOfficer")
        self.officer.returnPressed.connect(self.review)
        self.note_label.setBuddy(self.note)
        self.officer_label.setBuddy(self.officer)
        self.review_button = QPushButton(right)
        self.review_button.setObjectName("flagReview")
        self.review_button.clicked.connect(self.review)
        self.message = message_line(right)
        self.message.setObjectName("flagsMessage")
        self.history_button = QPushButton(right)
        self.history_button.setObjectName("flagHistory")
        self.history_button.clicked.connect(self.show_history)
        self.history = QPlainTextEdit(right)
        self.history.setObjectName("flagHistoryText")
        self.history.setReadOnly(True)
        self.history.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.history.setVisible(False)
        form = QFormLayout()
        form.addRow(self.note_label, self.note)
        form.addRow(self.officer_label, self.officer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(8, 0, 0, 0)
        right_box.addWidget(self.detail_title)
        right_box.addWidget(self.card)
        right_box.addLayout(form)
        right_box.addLayout(buttons)
        right_box.addWidget(self.message)
        right_box.addWidget(self.history, 1)
        right_box.addStretch(0)
        split_page(self, left, right, (620, 480))
        plain(self.detail_title, self.found, self.check, self.status, self.message)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)
        QShortcut(QKeySequence("Ctrl+H"), self, self.show_history)
        self.retranslate()
        self._show_current()

    def activate(self) -> None:
        """Brought to the front: the keyboard is in the list, ready for the arrows."""
        super().activate()
        self.tree.setFocus()

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Tanda untuk ditinjau"))
        self.filter.setPlaceholderText(self.tr("Saring: kode e-warong, F12, kata… (Ctrl+F)"))
        self.show_reviewed.setText(self.tr("&Tampilkan yang sudah ditinjau"))
        self.tree.setHeaderLabels([self.tr("Jenis / e-warong / tanda"), self.tr("Keterangan")])
        self.found_caption.setText(self.tr("Yang ditemukan"))
        self.check_caption.setText(self.tr("Yang perlu diperiksa"))
        self.status_caption.setText(self.tr("Status"))
        self.note_label.setText(self.tr("&Catatan tinjauan:"))
        self.note.setPlaceholderText(self.tr("mis. dicek ke lokasi, KPM fiktif"))
        self.officer_label.setText(self.tr("&Petugas:"))
        self.review_button.setText(self.tr("Tandai sudah ditinjau (Enter)"))
        self.history_button.setText(self.tr("Riwayat catatan (Ctrl+H)"))
        self._count_text()
        self._show_current()

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        engine, open_only = self.desk.engine, not self.show_reviewed.isChecked()

        def work(_progress: object) -> Inbox:
            flags = list_flags(engine, open_only=open_only)
            names = {w.code: w.name for w in list_warongs(engine)}
            return inbox_of(flags, names)

        self._generation += 1
        generation = self._generation
        self.job = self.desk.run(
            self,
            work,
            label=self.tr("Memuat tanda…"),
            on_done=lambda inbox: self._loaded(inbox, generation),
        )

    def _loaded(self, inbox: Inbox, generation: int) -> None:
        if generation != self._generation:
            return  # a later load (the box ticked again, a review) is on its way
        self.inbox = inbox
        self.flags = {f.id: f for g in inbox.groups for f in g.flags}
        self._fill()

    def _count_text(self) -> None:
        opened = sum(f.is_open for f in self.flags.values())
        self.count.setText(self.tr("{0} terbuka").format(opened))

    def _fill(self) -> None:
        lang = self.desk.lang
        needle = self.filter.text().strip().lower()
        keep = self._select_after if self._select_after is not None else self._current_id()
        self._select_after = None
        self.pause.stop()
        self.tree.blockSignals(True)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        kinds: dict[str, QTreeWidgetItem] = {}
        per_kind: Counter[str] = Counter()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        chosen: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        for group in self.inbox.groups:
            name = self.inbox.names.get(group.code, "")
            search = self.inbox.search
            shown = [f for f in group.flags if not needle or needle in search.get(f.id, "")]
            if not shown:
                continue
            per_kind[group.kind] += len(shown)
            kind = kinds.get(group.kind)
            if kind is None:
                kind = QTreeWidgetItem(self.tree, [group.label(lang), group.check(lang)])
                kind.setFont(0, bold)
                kind.setData(0, KIND_ROLE, group.kind)
                kind.setToolTip(1, group.check(lang))
                kind.setFirstColumnSpanned(False)
                kinds[group.kind] = kind
            where = QTreeWidgetItem(
                kind, [group.code or self.tr("Kabupaten (lintas e-warong)"), name]
            )
            for flag in shown:
                text = flag.found(lang)
                item = QTreeWidgetItem(where, [flag.short_id, text])
                item.setData(0, FLAG_ROLE, flag.id)  # its words in full: on the right
                if not flag.is_open:
                    grey = QBrush(QColor("#8a8a8a"))
                    item.setForeground(0, grey)
                    item.setForeground(1, grey)
                    item.setText(0, self.tr("{0} (ditinjau)").format(flag.short_id))
                if first is None:
                    first = item
                if flag.id == keep:
                    chosen = item
            where.setText(0, f"{where.text(0)} ({where.childCount()})")
        for kind in kinds.values():
            kind.setText(0, f"{kind.text(0)} ({per_kind[kind.data(0, KIND_ROLE)]})")
        self.tree.expandAll()
        # Kind names in full where the list has room; what to check is also on the right.
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(max(self.tree.columnWidth(0), 200), 330))
        self.tree.setUpdatesEnabled(True)
        self.tree.blockSignals(False)
        target = chosen or first
        if target is not None:
            self.tree.setCurrentItem(target)
        self._count_text()
        self._show_current()

    # --- one flag ---------------------------------------------------------------------------
    def _current_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, FLAG_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def current_flag(self) -> FlagView | None:
        flag_id = self._current_id()
        return self.flags.get(flag_id) if flag_id is not None else None

    def _show_current(self) -> None:
        flag = self.current_flag()
        lang = self.desk.lang
        can_review = flag is not None and flag.is_open
        self.history.setVisible(False)
        self.history_button.setEnabled(flag is not None and bool(flag.record_id))
        for widget in (self.note, self.officer, self.review_button):
            widget.setEnabled(can_review)
        if flag is None:
            self.detail_title.setText(
                self.tr("Tidak ada tanda terbuka.")
                if not self.flags
                else self.tr("Pilih satu tanda di daftar.")
            )
            for label in (self.found, self.check, self.status):
                label.clear()
            return
        group = next(g for g in self.inbox.groups if flag in g.flags)
        name = self.inbox.names.get(flag.code, "")
        where = " — ".join(x for x in (flag.code, name) if x) or self.tr("Kabupaten")
        self.detail_title.setText(f"{flag.short_id} · {group.label(lang)} · {where}")
        record = " ".join(x for x in (flag.record_table, flag.record_id) if x)
        self.found.setText(f"{record}: {flag.found(lang)}" if record else flag.found(lang))
        self.check.setText(group.check(lang) or "–")
        if flag.is_open:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Terbuka sejak {0}").format(fmt.utc_moment(flag.raised_at)))
        else:
            when = fmt.utc_moment(flag.reviewed_at)
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(
                self.tr("Ditinjau {0}, {1}: {2}").format(flag.reviewed_by, when, flag.review_note)
            )

    def show_history(self) -> None:
        """Every version the district received of the flag's record, oldest first, then the
        record's flags: what `ewarong-district history CODE RECORD_ID` prints."""
        flag = self.current_flag()
        if flag is None or not flag.record_id:
            return
        engine, code, record_id = self.desk.engine, flag.code, flag.record_id
        found = self.desk.perform(
            self, lambda: record_history(engine, code, record_id), refused=self._refused
        )
        if found is None:
            return
        self.history.setPlainText("\n".join(found.lines(self.desk.lang)))
        self.history.setVisible(True)

    def _to_note(self) -> None:
        if self.note.isEnabled():
            self.note.setFocus()

    def _next_open_after(self, flag_id: int) -> int | None:
        order = [f.id for g in self.inbox.groups for f in g.flags if f.is_open or f.id == flag_id]
        if flag_id not in order:
            return None
        at = order.index(flag_id)
        rest = order[at + 1 :] + order[:at]
        return rest[0] if rest else None

    def review(self) -> None:
        flag = self.current_flag()
        if flag is None or not flag.is_open:
            return
        note, officer = self.note.text(), self.officer.text()
        if not note.strip():
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("Tulis dulu apa yang diperiksa (catatan tinjauan)."))
            self.note.setFocus()
            return
        engine = self.desk.engine
        self._select_after = self._next_open_after(flag.id)
        done = self.desk.perform(
            self,
            lambda: review_flag(engine, flag.id, note, officer),
            changes=[DeskTopic.FLAGS],
            refused=self._review_refused,
        )
        if done is None:
            self._select_after = None
            return
        self.note.clear()
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(
            self.tr("{0} ditinjau oleh {1}.").format(done.short_id, done.reviewed_by)
        )
        self.tree.setFocus()

    def _review_refused(self, error: EwarongError) -> None:
        """Another officer reviewed it first (or it is gone): say so, and show the list as
        the database holds it now; the typed note stays for the next flag."""
        self._refused(error)
        if isinstance(error, (Conflict, NotFound)):
            self.refresh()

    def _refused(self, error: EwarongError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.desk.text(error))
        self.note.setFocus()
