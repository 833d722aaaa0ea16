"""The E-warong page on an office whose stick was imported: the table, its filters and
sorting by keyboard and mouse, one e-warong's detail; and the overview's own rules (months
missing, silence) a month and more later."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.models import utc_now
from ewarong_desktop.district.overview import warong_detail, warong_overview
from ewarong_desktop.district.stick import import_stick
from ewarong_desktop.domain.periods import Period
from tests.district_gui.conftest import click_page
from tests.district_gui.office import SHOPS


@pytest.fixture
def imported(office):
    engine = open_engine(str(office.db))
    try:
        import_stick(engine, office.stick, office.keys, replies=False)
    finally:
        engine.dispose()
    return office


@pytest.fixture
def page(qtbot, imported, request):
    return click_page(qtbot, request.getfixturevalue("office_window"), "warongs")


def shown_codes(page) -> list[str]:
    model = page.table.model
    return [
        page.table.proxy.index(r, 0).data(model.ROW_ROLE).code
        for r in range(page.table.proxy.rowCount())
    ]


def test_every_e_warong_is_listed_with_what_it_sent(page):
    assert shown_codes(page) == sorted(s[0] for s in SHOPS)
    assert page.count.text() == "3 dari 3 e-warong ditampilkan."
    row = {w.code: w for w in page.table.model.rows}["LTM-BTH-03"]
    model, columns = page.table.model, [str(c.title) for c in page.table.model.columns]
    at = model.rows.index(row)
    cell = {title: model.index(at, i).data() for i, title in enumerate(columns)}
    assert cell["Kecamatan"] == "Batanghari" and cell["Desa"] == "Sumbersari"
    assert cell["Bundel terakhir"] == "no. 1"
    assert cell["Diam"] == "-" and cell["Bulan hilang"] == "-"
    assert cell["Porsi sendiri"].endswith("%") or cell["Porsi sendiri"] == "-"
    # the header reads in the officer's language
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Bulan hilang"


def test_filter_by_typing_by_kecamatan_and_by_what_needs_attention(qtbot, page):
    qtbot.keyClicks(page.filter, "batang")
    assert shown_codes(page) == ["LTM-BTH-03"]
    assert page.count.text() == "1 dari 3 e-warong ditampilkan."
    page.filter.clear()
    page.kecamatan.setFocus()
    qtbot.keyClick(page.kecamatan, Qt.Key.Key_Down)  # the first kecamatan: Batanghari
    assert page.kecamatan.currentText() == "Batanghari"
    assert shown_codes(page) == ["LTM-BTH-03"]
    qtbot.keyClick(page.kecamatan, Qt.Key.Key_Down)
    assert shown_codes(page) == ["LTM-SKP-01", "LTM-SKP-02"]
    qtbot.keyClick(page.kecamatan, Qt.Key.Key_Home)
    qtbot.keyClick(page.which, Qt.Key.Key_Down)
    assert page.which.currentText() == "diam lebih dari 30 hari"
    assert shown_codes(page) == []  # everyone sent a bundle today


def test_a_header_click_sorts_and_a_row_shows_its_detail(qtbot, page):
    header = page.table.view.horizontalHeader()
    x = header.sectionPosition(0) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().topLeft()
                     + type(header.rect().topLeft())(x, 5))  # fmt: skip
    first = shown_codes(page)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().topLeft()
                     + type(header.rect().topLeft())(x, 5))  # fmt: skip
    assert shown_codes(page) == list(reversed(first))

    view = page.table.view
    row = shown_codes(page).index("LTM-SKP-02")
    rect = view.visualRect(page.table.proxy.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.detail_heading.text() == "LTM-SKP-02 · E-Warong Maju Bersama"
    assert "Desa Giriklopomulyo, kecamatan Sekampung." in page.detail_line.text()
    months = page.months.model.rows
    assert len(months) == 3 and months[0].month == Period.of(utc_now().date())
    assert sum(m.redemptions for m in months) > 0
    assert [b.seq for b in page.bundles.model.rows] == [1]
    history = [page.history.item(i).text() for i in range(page.history.count())]
    assert history[0].startswith("Kunci epoch 1, sidik jari ")
    # the keyboard moves the detail along
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down if row == 0 else Qt.Key.Key_Up)
    assert page.detail_heading.text() != "LTM-SKP-02 · E-Warong Maju Bersama"


def test_the_page_speaks_english_after_the_switch(qtbot, page, request):
    window = request.getfixturevalue("office_window")
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() == "Enrolled e-warongs"
    assert page.count.text() == "3 of 3 e-warongs shown."
    assert page.table.model.headerData(6, Qt.Orientation.Horizontal) == "Months missing"
    assert page.tabs.tabText(2) == "History and flags"
    assert page.which.currentText() == "all"


def test_a_month_and_more_later_an_e_warong_is_silent_and_its_months_are_missing(imported):
    engine = open_engine(str(imported.db))
    try:
        later = utc_now() + timedelta(days=70)
        rows = {w.code: w for w in warong_overview(engine, later)}
        detail = warong_detail(engine, "LTM-SKP-01", later)
    finally:
        engine.dispose()
    w = rows["LTM-SKP-01"]
    assert w.silent and w.silent_days is not None and w.silent_days >= 69
    this_month = Period.of(utc_now().date())
    later_month = Period.of(later.date())
    # every month after the last one with data, up to the month before `later`, is missing
    expected = []
    month = this_month.next()
    while month < later_month:
        expected.append(month)
        month = month.next()
    assert list(w.months_missing) == expected and expected
    assert all(m.empty for m in detail.months if m.month in expected)
    assert detail.months[0].month == expected[-1]
