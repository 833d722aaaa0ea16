"""The officer's pages (flags inbox, report, enrol, settings) driven by keyboard and mouse on a
district database filled from four e-warongs' bundles, bad ones among them (`filled.py`), on
SQLite and on PostgreSQL: what the officer sees, the files written, what the database holds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTreeWidgetItem

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.enrolment import list_warongs
from ewarong_desktop.district.flags import default_officer, kind_of, list_flags
from ewarong_desktop.district.rates import list_rates
from ewarong_desktop.district.report import build_report
from ewarong_desktop.district.target import list_targets
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.sync.keys import fingerprint
from tests.district.conftest import pg_schema_url
from tests.district_gui.filled import Filled, enrolment_in, fill
from tests.gui.conftest import wait_job

MAY = Period(2024, 5)


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Filled]:
    """Filled once per run on SQLite; each test gets a copy of the file."""
    from ewarong_desktop.district.db import open_engine

    folder = tmp_path_factory.mktemp("filled")
    engine = open_engine(str(folder / "district.sqlite"))
    filled = fill(engine, folder)
    engine.dispose()
    return folder / "district.sqlite", filled


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def office(
    request: pytest.FixtureRequest,
    qapp,
    filled_template: tuple[Path, Filled],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[object, Filled, str]]:
    """(desk, what was filled, the --db it runs on)."""
    from ewarong_desktop.district.db import open_engine
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.gui.app import make_application

    monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(tmp_path / "office-keys"))
    make_application()
    urls = pg_schema_url(request) if request.param == "postgresql" else None
    if urls is None:
        db = str(tmp_path / "district.sqlite")
        shutil.copyfile(filled_template[0], db)
        filled = filled_template[1]
    else:
        db = next(urls)
        engine = open_engine(db)
        filled = fill(engine, tmp_path)
        engine.dispose()
    desk = Desk(db, "id")
    yield desk, filled, db
    wait_all()
    desk.close()
    desk.set_language("id")
    if urls is not None:
        next(urls, None)


def wait_all() -> None:
    from ewarong_desktop.gui.background import wait_all as wait

    wait()


def shown(qtbot, page) -> None:
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    qtbot.waitExposed(page)
    page.raise_()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts (Ctrl+F, Ctrl+O...) need it
    if hasattr(page, "activate"):
        page.activate()
        wait_job(qtbot, getattr(page, "job", None))


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def click_item(qtbot, tree, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tree_items(tree) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []

    def walk(item: QTreeWidgetItem) -> None:
        found.append(item)
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return found


# --- flags ------------------------------------------------------------------------------------


def test_flags_inbox_groups_by_kind_and_ewarong_and_reviews_by_keyboard(qtbot, office):
    from ewarong_desktop.district_gui.pages.flags import FLAG_ROLE, FlagsPage

    desk, _filled, _db = office
    page = FlagsPage(desk)
    shown(qtbot, page)
    engine = desk.engine
    opened = [f for f in list_flags(engine) if f.is_open]
    assert opened, "the filled database raises flags"
    tree = page.tree
    kinds = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    zero = kinds["Harga Rp0 (2)"]
    # The kind's line carries what to check, in the words `ewarong-district flags` prints.
    assert zero.text(1) == kind_of("zero_price").check("id")
    assert (zero.child(0).text(0), zero.child(0).text(1)) == ("CURANG-01 (2)", "E-Warong CURANG-01")
    flags_shown = [i for i in tree_items(tree) if i.data(0, FLAG_ROLE) is not None]
    assert len(flags_shown) == len(opened)
    assert page.count.text() == f"{len(opened)} terbuka"

    target = zero.child(0).child(0)
    flag_id = int(target.data(0, FLAG_ROLE))
    click_item(qtbot, tree, target)
    assert page.detail_title.text().startswith(f"F{flag_id} · Harga Rp0 · CURANG-01")
    assert page.check.text() == kind_of("zero_price").check("id")
    # The record's history, as `ewarong-district history` prints it, one key away.
    qtbot.keyClick(tree, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    record = page.flags[flag_id].record_id
    history = page.history.toPlainText().splitlines()
    assert page.history.isVisible()
    assert history[0].startswith(f"redemptions {record} v1: diterima ")
    assert history[-1] == page.flags[flag_id].line("id")
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert page.note.hasFocus()
    qtbot.keyClick(page.note, Qt.Key.Key_Escape)
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.keyClick(page.note, Qt.Key.Key_Return)  # no note: refused in words, nothing written
    assert "catatan" in page.message.text()
    assert all(f.is_open for f in list_flags(engine) if f.id == flag_id)
    qtbot.keyClicks(page.note, "nota dicek: barang bonus, bukan bantuan")
    qtbot.keyClick(page.note, Qt.Key.Key_Return)
    wait_job(qtbot, page.job)

    reviewed = next(f for f in list_flags(engine) if f.id == flag_id)
    assert (reviewed.status, reviewed.reviewed_by) == ("reviewed", default_officer())
    assert reviewed.review_note == "nota dicek: barang bonus, bukan bantuan"
    assert page.message.text() == f"F{flag_id} ditinjau oleh {default_officer()}."
    # Hidden now; the list moved on to the next open flag.
    ids = [int(i.data(0, FLAG_ROLE)) for i in tree_items(tree) if i.data(0, FLAG_ROLE)]
    assert flag_id not in ids and len(ids) == len(opened) - 1
    assert page.current_flag() is not None and page.current_flag().is_open
    assert page.count.text() == f"{len(opened) - 1} terbuka"

    # Asked for, the reviewed flag shows greyed with who reviewed it and the note.
    box = page.show_reviewed
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    wait_job(qtbot, page.job)
    item = next(i for i in tree_items(tree) if i.data(0, FLAG_ROLE) == flag_id)
    assert item.text(0) == f"F{flag_id} (ditinjau)"
    click_item(qtbot, tree, item)
    assert page.status.text().startswith(f"Ditinjau {default_officer()}, ")
    assert page.status.text().endswith(": nota dicek: barang bonus, bukan bantuan")
    assert f" {date.today().year} " in page.status.text()  # "30 November 2026 12:20", local
    assert not page.review_button.isEnabled()


def test_flags_filter_and_the_officer_typed(qtbot, office):
    from ewarong_desktop.district_gui.pages.flags import FLAG_ROLE, FlagsPage

    desk, _filled, _db = office
    page = FlagsPage(desk)
    shown(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()
    qtbot.keyClicks(page.filter, "jujur-02")
    qtbot.waitUntil(lambda: not page.pause.isActive())  # the list follows after a pause
    flags = [i for i in tree_items(page.tree) if i.data(0, FLAG_ROLE)]
    assert flags and all(
        "JUJUR-02" in page.flags[int(i.data(0, FLAG_ROLE))].line("id") for i in flags
    )
    flag_id = page.current_flag().id
    page.officer.clear()
    qtbot.keyClicks(page.officer, "Budi (Dinsos)")
    page.note.setText("sudah ditelepon")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    done = next(f for f in list_flags(desk.engine) if f.id == flag_id)
    assert (done.reviewed_by, done.review_note) == ("Budi (Dinsos)", "sudah ditelepon")


# --- report -----------------------------------------------------------------------------------


def test_report_shows_the_month_per_ewarong_and_kecamatan_with_its_chart(qtbot, office):
    from ewarong_desktop.district_gui.pages.report import ReportPage

    desk, _filled, _db = office
    page = ReportPage(desk)
    shown(qtbot, page)
    assert page.month.period() == MAY  # the latest month with redemptions
    expected = build_report(desk.engine, MAY)
    t = expected.total
    assert page.total.text().startswith(f"Mei 2024: {t.kpm_served} KPM dilayani, ")
    assert "Tidak dapat dicocokkan, CURANG-01: 6 transaksi Rp89.000, pembelian Rp60.000" in (
        page.odd.text()
    )
    model = page.warongs.model
    cells = {
        model.rows[r].code: [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }
    assert sorted(cells) == ["CURANG-01", "JUJUR-01", "JUJUR-02", "SEHAT-03"]
    assert cells["JUJUR-01"][:5] == ["JUJUR-01", "E-Warong JUJUR-01", "4", "4", "Rp592.000"]
    assert cells["SEHAT-03"][7] == "0,0%"
    assert cells["CURANG-01"][8] == "6 / Rp89.000"
    # Per kecamatan: a tab away by keyboard, and the chart follows it.
    page.tabs.setFocus()
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    places = page.kecamatan.model
    assert [places.index(r, 0).data() for r in range(places.rowCount())] == [
        "Batanghari",
        "Way Jepara",
    ]
    assert [r.name for r in page.chart.rows] == ["Batanghari", "Way Jepara"]
    page.tabs.setCurrentIndex(0)
    chart = {r.name: r for r in page.chart.rows}
    assert page.chart.target == 60
    sehat = chart["SEHAT-03 · E-Warong SEHAT-03"]
    assert (sehat.share, sehat.kpm_served) == (0.0, 3)
    assert chart["JUJUR-01 · E-Warong JUJUR-01"].kpm_served == 4

    # The KUBE fund at the month's end, per e-warong, per kecamatan and for the district.
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.tabText(2) == "Dana KUBE per akhir bulan"
    fund = page.fund.model
    fund_rows = {
        fund.index(r, 0).data(): [fund.index(r, c).data() for c in range(2, 7)]
        for r in range(fund.rowCount())
    }
    assert fund_rows["JUJUR-01 · E-Warong JUJUR-01"] == [
        "Rp10.000.000", "Rp3.000.000", "Rp7.000.000", "Rp3.000.000", "100,0%"
    ]  # fmt: skip
    assert fund_rows["Way Jepara"][:3] == ["Rp10.000.000", "Rp3.000.000", "Rp7.000.000"]
    assert fund_rows["Kabupaten"][:3] == ["Rp10.000.000", "Rp3.000.000", "Rp7.000.000"]
    # The month's open flags, as the report lists them.
    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 3
    assert page.tabs.tabText(3) == f"Tanda terbuka ({len(expected.flags)})"
    shown_flags = page.month_flags.model
    assert [shown_flags.index(r, 0).data() for r in range(shown_flags.rowCount())] == [
        f.short_id for f in expected.flags
    ]
    page.tabs.setCurrentIndex(0)

    # Another month: typed in the month field; the figures follow after a short pause.
    page.month.month.setFocus()
    qtbot.keyClick(page.month.month, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.job is not None and page.job.done and page.report.month
                    == Period(2024, 6), timeout=10000)  # fmt: skip
    assert page.total.text().startswith("Juni 2024: 0 KPM dilayani")
    assert page.warongs.model.rowCount() == 4  # every enrolled e-warong, with nothing


def test_report_written_to_pdf_and_xlsx_as_the_command_line_does(
    qtbot, office, tmp_path, monkeypatch, messages
):
    from ewarong_desktop.district_gui.pages import report as report_page

    desk, _filled, db = office
    chosen: list[Path] = [tmp_path / "mei", tmp_path / "mei.xlsx"]
    monkeypatch.setattr(report_page, "choose_file_to_save", lambda *_a: chosen.pop(0))
    page = report_page.ReportPage(desk)
    shown(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    wait_job(qtbot, page.export_job)
    pdf = tmp_path / "mei.pdf"  # the suffix added to a name typed without one
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Laporan kabupaten Mei 2024" in text and "CURANG-01" in text
    assert page.message.text() == f"Laporan ditulis: {pdf}"
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.export_job)
    assert messages.opened == [pdf, tmp_path / "mei.xlsx"]

    cli = tmp_path / "cli.xlsx"
    assert main(["--db", db, "report", "--month", "2024-05", "--out", str(cli)]) == 0

    def sheets(path: Path) -> dict[str, list[tuple]]:
        book = load_workbook(path)
        return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}

    assert sheets(tmp_path / "mei.xlsx") == sheets(cli)


# --- enrol ------------------------------------------------------------------------------------


def _open(qtbot, page, monkeypatch, path: Path) -> None:
    from ewarong_desktop.district_gui.pages import enrol as enrol_page

    monkeypatch.setattr(enrol_page, "choose_file_to_open", lambda *_a: path)
    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


def test_enrol_a_new_ewarong_only_when_the_fingerprint_read_out_matches(
    qtbot, office, tmp_path, monkeypatch
):
    from ewarong_desktop.district_gui.pages.enrol import EnrolPage
    from tests.sync.bundlekit import Laptop

    desk, _filled, _db = office
    lap = Laptop(code="BARU-05")
    path = enrolment_in(lap, "Labuhan Maringgai", tmp_path / "stick")
    page = EnrolPage(desk)
    shown(qtbot, page)
    _open(qtbot, page, monkeypatch, path)
    said = texts(page)
    assert {"BARU-05", "E-Warong BARU-05", "Labuhan Maringgai"} <= set(said)
    assert "Belum terdaftar di kabupaten." in said
    right = fingerprint(lap.enrolled.key_id)
    assert not any(right in s or lap.enrolled.key_id in s for s in said)  # never shown first
    assert page.fingerprint.hasFocus()

    qtbot.keyClicks(page.fingerprint, right[:9])
    assert page.match.text() == "Baru 8 dari 16 karakter."
    assert not page.submit_button.isEnabled()
    wrong = "0" if right[-1] != "0" else "1"
    qtbot.keyClicks(page.fingerprint, right[9:-1] + wrong)
    assert page.match.text().startswith("✗ Tidak cocok")
    qtbot.keyClick(page.fingerprint, Qt.Key.Key_Return)  # refused: nothing enrolled
    assert "BARU-05" not in {w.code for w in list_warongs(desk.engine)}
    qtbot.keyClick(page.fingerprint, Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.fingerprint, right[-1])
    assert page.match.text() == "✓ Cocok: sidik jari sama dengan berkas."
    qtbot.keyClick(page.fingerprint, Qt.Key.Key_Return)
    enrolled = {w.code: w for w in list_warongs(desk.engine)}
    assert enrolled["BARU-05"].kecamatan == "Labuhan Maringgai"
    assert page.message.text() == (
        f"Terdaftar: BARU-05 (E-Warong BARU-05), epoch 1, sidik jari {right}."
    )
    assert page.standing.text().startswith("Sudah terdaftar dengan kunci ini (epoch 1)")
    assert not page.submit_button.isVisible()


def test_replace_a_key_with_a_reason(qtbot, office, tmp_path, monkeypatch):
    from ewarong_desktop.district_gui.pages.enrol import EnrolPage

    desk, filled, _db = office
    lap = filled.laptops["JUJUR-02"]
    new = type(lap)(code=lap.code, epoch=lap.epoch + 1)
    path = enrolment_in(new, "Way Jepara", tmp_path / "rekey")
    page = EnrolPage(desk)
    shown(qtbot, page)
    _open(qtbot, page, monkeypatch, path)
    assert page.standing.text().startswith("Sudah terdaftar dengan kunci lain (epoch 1)")
    assert page.submit_button.text() == "Ganti kunci" and page.reason.isVisible()
    qtbot.keyClicks(page.fingerprint, fingerprint(new.enrolled.key_id))
    assert not page.submit_button.isEnabled()  # no reason yet
    qtbot.keyClick(page.fingerprint, Qt.Key.Key_Return)
    assert page.reason.hasFocus()
    qtbot.keyClicks(page.reason, "laptop dicuri")
    qtbot.keyClick(page.reason, Qt.Key.Key_Return)
    current = {w.code: w for w in list_warongs(desk.engine)}["JUJUR-02"]
    assert (current.epoch, current.fingerprint) == (2, fingerprint(new.enrolled.key_id))
    assert page.message.text().startswith("Kunci JUJUR-02 diganti: epoch 2")


def test_a_file_that_is_not_an_enrolment_is_refused_in_words(qtbot, office, tmp_path, monkeypatch):
    from ewarong_desktop.district_gui.pages.enrol import EnrolPage

    desk, _filled, _db = office
    path = tmp_path / "foto.enrol.json"
    path.write_bytes(b"\x89PNG\r\n")
    page = EnrolPage(desk)
    shown(qtbot, page)
    _open(qtbot, page, monkeypatch, path)
    assert page.message.text() and "Traceback" not in page.message.text()
    assert not page.card.isVisible() and not page.fingerprint.isVisible()


# --- settings ---------------------------------------------------------------------------------


def test_a_future_rate_is_added_and_closes_the_one_in_force(qtbot, office):
    from ewarong_desktop.district_gui.pages.settings import DeskSettingsPage

    desk, _filled, _db = office
    page = DeskSettingsPage(desk)
    shown(qtbot, page)
    assert page.rates.model.rowCount() == 3  # the programme's defaults
    page.amount.setFocus()
    qtbot.keyClicks(page.amount, "Rp250.000")
    page.rate_from.set_period(Period(2031, 1))
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    wait_job(qtbot, page.job)
    wait_job(qtbot, page.job)
    assert page.rate_message.text() == (
        "Besaran bantuan dicatat: Rp250.000 mulai Januari 2031. Besaran sebelumnya kini: "
        "Rp200.000 Maret 2020 sampai Desember 2030."
    )
    assert [r.rate.amount for r in list_rates(desk.engine)] == [110_000, 150_000, 200_000, 250_000]
    assert page.rates.model.rowCount() == 4


def test_a_rate_over_reported_months_says_which_flags_change_and_asks(qtbot, office, messages):
    from ewarong_desktop.district_gui.pages.settings import DeskSettingsPage

    desk, _filled, _db = office
    page = DeskSettingsPage(desk)
    shown(qtbot, page)
    messages.answers = [False]
    page.amount.setText("100000")
    page.rate_from.set_period(MAY)
    qtbot.mouseClick(page.add_rate_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    kind, _title, question = messages.shown[-1]
    assert kind == "question"
    assert question.startswith("Besaran mulai Mei 2024 mengubah hak bulan yang sudah dilaporkan")
    assert "Tanda KPM melebihi hak berubah: Mei 2024 0 → " in question
    assert page.rate_message.text().endswith("Tidak ada yang dicatat.")
    assert len(list_rates(desk.engine)) == 3

    messages.answers = [True]
    qtbot.mouseClick(page.add_rate_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.job)
    wait_job(qtbot, page.job)
    assert [r.rate.amount for r in list_rates(desk.engine)][-1] == 100_000
    assert any(f.kind == "over_redeemed" for f in list_flags(desk.engine, month="2024-05"))


def test_bad_rate_words_and_the_target(qtbot, office):
    from ewarong_desktop.district_gui.pages.settings import DeskSettingsPage

    desk, _filled, _db = office
    page = DeskSettingsPage(desk)
    shown(qtbot, page)
    page.amount.setText("dua ratus ribu")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    assert page.rate_message.text() and "Traceback" not in page.rate_message.text()
    page.amount.setText("Rp0")
    page.rate_from.set_period(Period(2031, 1))
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    wait_job(qtbot, page.job)
    assert page.rate_message.text()
    assert len(list_rates(desk.engine)) == 3

    assert page.targets.model.rowCount() == 1  # 60% from January 2024 (filled)
    page.percent.setFocus()
    page.percent.selectAll()
    qtbot.keyClicks(page.percent, "75")
    page.target_from.set_period(Period(2024, 6))
    qtbot.keyClicks(page.target_note, "SK Bupati 2024")
    qtbot.keyClick(page.target_note, Qt.Key.Key_Return)
    assert page.target_message.text() == "Target dicatat: 75% mulai Juni 2024 — SK Bupati 2024."
    assert [(t.percent, str(t.valid_from)) for t in list_targets(desk.engine)] == [
        (60, "2024-01"),
        (75, "2024-06"),
    ]
    assert page.targets.model.rowCount() == 2


# --- both languages, on the office's screen ----------------------------------------------------


def test_every_page_speaks_english_when_asked_and_fits_the_screen(qtbot, office):
    from ewarong_desktop.district_gui.pages.enrol import EnrolPage
    from ewarong_desktop.district_gui.pages.flags import FlagsPage
    from ewarong_desktop.district_gui.pages.report import ReportPage
    from ewarong_desktop.district_gui.pages.settings import DeskSettingsPage

    desk, _filled, _db = office
    pages = [cls(desk) for cls in (FlagsPage, ReportPage, EnrolPage, DeskSettingsPage)]
    for page in pages:
        shown(qtbot, page)
    desk.set_language("en")
    for page in pages:
        wait_job(qtbot, getattr(page, "job", None))
        page.activate()
        wait_job(qtbot, getattr(page, "job", None))
        # The window gives a page 1366x768 less its side list (210), margins and status line.
        hint = page.minimumSizeHint()
        assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 70, type(page).__name__
    flags, report, enrol, settings = pages
    kinds = [flags.tree.topLevelItem(i).text(0) for i in range(flags.tree.topLevelItemCount())]
    assert "Price Rp0 (2)" in kinds
    zero = next(
        flags.tree.topLevelItem(i)
        for i in range(flags.tree.topLevelItemCount())
        if flags.tree.topLevelItem(i).text(0) == "Price Rp0 (2)"
    )
    assert zero.text(1) == kind_of("zero_price").check("en")
    assert report.total.text().startswith("May 2024: ")
    assert "Not matched, CURANG-01: 6 redemption(s) Rp89.000" in report.odd.text()
    assert report.tabs.tabText(1) == "Per kecamatan"
    assert report.warongs.model.headerData(2, Qt.Orientation.Horizontal) == "KPM served"
    assert enrol.heading.text() == "Enrol an e-warong's key"
    assert settings.add_rate_button.text() == "Add rate"
    assert settings.rate_from.month.itemText(0) == "January"
    assert settings.rates.model.index(2, 1).data() == "March 2020"


STARTS = {"flags": "tree", "report": "month", "enrol": "open_button", "settings": "amount"}


def test_the_officer_reaches_each_page_by_its_f_key_in_the_window(qtbot, office):
    from ewarong_desktop.district_gui.window import PAGES, DeskWindow

    desk, _filled, _db = office
    win = DeskWindow(desk)
    shown(qtbot, win)
    keys = [key for key, _module, _cls in PAGES]
    for key, heading in (
        ("flags", "Tanda untuk ditinjau"),
        ("report", "Laporan bulanan"),
        ("enrol", "Daftarkan kunci e-warong"),
        ("settings", "Pengaturan kabupaten"),
    ):
        row = keys.index(key)
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_F{row + 1}"))
        page = win.pages[key]
        assert win.stack.currentWidget() is page and page.heading.text() == heading
        # The keyboard lands where the page's work starts.
        start = getattr(page, STARTS[key])
        qtbot.waitUntil(lambda w=start: w.hasFocus() or w.isAncestorOf(QApplication.focusWidget()))
        assert win.side.item(row).text().startswith(f"F{row + 1}  ")
        wait_job(qtbot, getattr(page, "job", None))
    assert win.pages["report"].warongs.model.rowCount() == 4
    assert win.pages["flags"].tree.topLevelItemCount() > 0


def test_names_from_files_and_notes_stay_text_on_every_page(qtbot, office, tmp_path, monkeypatch):
    from ewarong_desktop.district_gui.pages.enrol import EnrolPage
    from ewarong_desktop.district_gui.pages.flags import FlagsPage
    from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
    from tests.district.test_hostile_text import NAME
    from tests.sync.bundlekit import Laptop, warong

    desk, _filled, _db = office
    lap = Laptop(code="ANEH-07")
    path = tmp_path / enrolment_filename(lap.code)
    place = dict(warong(lap.code), name=NAME, kecamatan="<i>Kec</i>")
    path.write_bytes(enrolment_bytes(place, lap.epoch, lap.key.public_key()))
    page = EnrolPage(desk)
    shown(qtbot, page)
    _open(qtbot, page, monkeypatch, path)
    name_label = page.values[1]
    assert name_label.text() == NAME and name_label.textFormat() == Qt.TextFormat.PlainText
    assert page.values[3].textFormat() == Qt.TextFormat.PlainText

    flags = FlagsPage(desk)
    shown(qtbot, flags)
    flags.note.setText("<b>dicek</b> <img src='/etc/passwd'>")
    flags.review()
    wait_job(qtbot, flags.job)
    flags.show_reviewed.setChecked(True)
    wait_job(qtbot, flags.job)
    reviewed = next(f for f in flags.flags.values() if not f.is_open)
    item = next(i for i in tree_items(flags.tree) if i.text(0) == f"{reviewed.short_id} (ditinjau)")
    click_item(qtbot, flags.tree, item)
    assert flags.status.text().endswith(": <b>dicek</b> <img src='/etc/passwd'>")
    assert flags.status.textFormat() == Qt.TextFormat.PlainText


def test_a_flag_another_officer_reviewed_first_is_said_and_leaves_the_list(qtbot, office):
    from ewarong_desktop.district.flags import review_flag
    from ewarong_desktop.district_gui.pages.flags import FLAG_ROLE, FlagsPage

    desk, _filled, _db = office
    page = FlagsPage(desk)
    shown(qtbot, page)
    flag = page.current_flag()
    review_flag(desk.engine, flag.id, "sudah ke lokasi", "Budi")  # at the next desk
    page.note.setText("saya juga")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert (
        page.message.text() == f"Tanda {flag.short_id} sudah ditinjau oleh Budi (sudah ke lokasi)."
    )
    wait_job(qtbot, page.job)
    ids = [int(i.data(0, FLAG_ROLE)) for i in tree_items(page.tree) if i.data(0, FLAG_ROLE)]
    assert flag.id not in ids
    done = next(f for f in list_flags(desk.engine) if f.id == flag.id)
    assert (done.reviewed_by, done.review_note) == ("Budi", "sudah ke lokasi")


def test_the_report_chart_follows_the_tables_filter_and_sorting(qtbot, office):
    from ewarong_desktop.district_gui.pages.report import ReportPage

    desk, _filled, _db = office
    page = ReportPage(desk)
    shown(qtbot, page)
    view = page.warongs.view
    share = 7  # "Porsi sendiri"
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(share) + header.sectionSize(share) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [r.share for r in page.chart.rows] == sorted(r.share for r in page.chart.rows)
    assert page.chart.rows[0].name == "SEHAT-03 · E-Warong SEHAT-03"  # 0%: first when rising
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()
    qtbot.keyClicks(page.filter, "jujur")
    assert page.warongs.proxy.rowCount() == 2
    assert [r.name for r in page.chart.rows] == [
        "JUJUR-01 · E-Warong JUJUR-01",
        "JUJUR-02 · E-Warong JUJUR-02",
    ]


def test_a_report_that_cannot_be_written_is_said_in_words(qtbot, office, tmp_path, monkeypatch):
    from ewarong_desktop.district_gui.pages import report as report_page

    desk, _filled, _db = office
    target = tmp_path / "no-such-folder" / "mei.pdf"
    monkeypatch.setattr(report_page, "choose_file_to_save", lambda *_a: target)
    page = report_page.ReportPage(desk)
    shown(qtbot, page)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, page.export_job)
    assert str(target) in page.message.text() and "Traceback" not in page.message.text()
    assert not target.exists()
