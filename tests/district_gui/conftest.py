"""District window tests: offscreen Qt, the shop's GUI rules (boxes recorded, Qt warnings fail
the test), on a fresh district database (the district tests' migrated template)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.district.conftest import db_path, migrated_template  # noqa: F401 - fixtures
from tests.gui.conftest import (  # noqa: F401 - fixtures
    RecordingBridge,
    fail_on_qt_warnings,
    messages,
    no_quit_left_over,
)


@pytest.fixture
def desk(qapp, db_path: Path, tmp_path: Path, monkeypatch) -> Iterator:  # noqa: F811
    """A desk on a fresh district database; its office keys in the test's own folder."""
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.gui.app import make_application

    monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(tmp_path / "office-keys"))
    make_application()
    opened = Desk(str(db_path), "id")
    yield opened
    opened.close()
    opened.set_language("id")


@pytest.fixture
def desk_window(qtbot, desk):
    from ewarong_desktop.district_gui.window import DeskWindow

    win = DeskWindow(desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
