"""Every page as an admin and as an operator, in both languages, in the area a maximised
window has at 1366x768 above a taskbar: nothing cut that matters, nothing off the screen,
no admin control in front of an operator. (tools/real_window.py runs the same checks in a
real X window and keeps screenshots.)"""

from __future__ import annotations

import pytest

from ewarong_desktop.gui.main_window import PAGES
from ewarong_desktop.services.context import Actor
from tests.gui.conftest import wait_job
from tests.gui.window_checks import SCREEN, admin_controls_shown, cut_texts, outside


def visit(qtbot, window, key: str):
    page = window.go(key)
    wait_job(qtbot, getattr(page, "series_job", None))
    if key == "kpm":
        page.table.view.selectRow(2)  # one KPM's history below the list
    if key == "purchases":
        page.list.view.selectRow(0)  # one purchase's items
    qtbot.wait(1)
    return page


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("role", ["admin", "operator"])
def test_every_page_fits_and_shows_the_role_its_own_controls(
    qtbot, window, state, demo, role, lang
):
    if role == "operator":
        state.set_actor(Actor(demo.operator_name, "operator"))
    state.set_language(lang)
    window.resize(SCREEN.size())
    problems = {}
    for key, _module, _cls in PAGES:
        visit(qtbot, window, key)
        found = cut_texts(window) + outside(window)
        if role == "operator":
            found += [f"admin control {name}" for name in admin_controls_shown(window)]
        if found:
            problems[key] = found
    assert problems == {}


def test_the_checks_see_a_cut_name_and_a_widget_off_the_screen(qtbot):
    from PySide6.QtWidgets import QLabel, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(SCREEN.size())
    label = QLabel("Kelompok Tani Makmur Sejahtera Desa Sukamaju", window)
    label.setGeometry(10, 10, 80, 20)
    off = QLabel("x", window)
    off.setGeometry(1360, 720, 40, 20)
    window.show()
    assert any("Kelompok" in c for c in cut_texts(window))
    assert len(outside(window)) == 1
