"""District window tests: offscreen Qt, the shop's GUI rules (boxes recorded, Qt warnings fail
the test), on a fresh district database (the district tests' migrated template)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.district.conftest import db_path, migrated_template, pg_url  # noqa: F401 - fixtures
from tests.district_gui.office import Office, build_office
from tests.gui.conftest import (  # noqa: F401 - fixtures
    RecordingBridge,
    fail_on_qt_warnings,
    messages,
    no_quit_left_over,
)
from tests.templates import copy_of_template


def _opened(db: str) -> Iterator:
    """A desk on `db` for one test, closed (and back in Indonesian) after it."""
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.gui.app import make_application

    make_application()
    opened = Desk(db, "id")
    yield opened
    opened.close()
    opened.set_language("id")


def _shown(qtbot, desk):
    from ewarong_desktop.district_gui.window import DeskWindow

    win = DeskWindow(desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def desk(qapp, db_path: Path, tmp_path: Path, monkeypatch) -> Iterator:  # noqa: F811
    """A desk on a fresh district database; its office keys in the test's own folder."""
    monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(tmp_path / "office-keys"))
    yield from _opened(str(db_path))


@pytest.fixture
def desk_window(qtbot, desk):
    return _shown(qtbot, desk)


# -- a district office filled from demo shops (tests/district_gui/office.py) ----------------


@pytest.fixture
def office(tmp_path: Path, monkeypatch) -> Office:
    """A private copy of the office (built once per run) for one test."""
    root = tmp_path / "office"
    codes = copy_of_template("office", lambda folder: build_office(folder).codes, root)
    monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(root / "office-keys"))
    return Office(root / "district.sqlite", root / "office-keys", root / "stick", codes)


@pytest.fixture
def office_desk(qapp, office: Office) -> Iterator:
    yield from _opened(str(office.db))


@pytest.fixture
def office_window(qtbot, office_desk):
    return _shown(qtbot, office_desk)


def click_page(qtbot, window, key: str):
    """Bring a page to the front with a mouse click on its side-list row."""
    from PySide6.QtCore import Qt

    from ewarong_desktop.district_gui.window import PAGES

    side = window.side
    row = [p[0] for p in PAGES].index(key)
    qtbot.mouseClick(side.viewport(), Qt.MouseButton.LeftButton,
                     pos=side.visualItemRect(side.item(row)).center())  # fmt: skip
    return window.pages[key]
