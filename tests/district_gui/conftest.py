"""District window tests: offscreen Qt, the shop's GUI rules (boxes recorded, Qt warnings fail
the test), on a fresh district database (the district tests' migrated template)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
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


# -- a district office filled from demo shops ---------------------------------------------------

SHOPS = (
    # code, name, desa, kecamatan: three e-warongs in two kecamatan
    ("LTM-SKP-01", "E-Warong KUBE Sejahtera", "Sidodadi", "Sekampung"),
    ("LTM-SKP-02", "E-Warong Maju Bersama", "Giriklopomulyo", "Sekampung"),
    ("LTM-BTH-03", "E-Warong Tani Makmur", "Sumbersari", "Batanghari"),
)
SEALED = "LTM-BTH-03"  # this shop enrolled the district's key: its bundle is encrypted
BAD_FILES = ("rusak.ewb", "ewarong-LTM-XXX-09-e1-000001.ewb", "diubah.ewb")


@dataclass(frozen=True)
class Office:
    """A district database with the demo shops enrolled (nothing imported yet), the office's
    keys, and a stick holding each shop's full bundle and three bad files: garbage, a bundle
    from an e-warong never enrolled, and a bundle altered after signing."""

    db: Path
    keys: Path
    stick: Path
    codes: tuple[str, ...]


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Office:
    from dataclasses import replace

    from ewarong_desktop.district.db import open_engine
    from ewarong_desktop.district.enrolment import enrol
    from ewarong_desktop.district.office import create_keys, write_key_file
    from ewarong_desktop.services import district_reply, sync_export
    from ewarong_desktop.services.context import Actor, ServiceContext
    from ewarong_desktop.services.demo import DEMO_PROFILE, build_demo
    from ewarong_desktop.services.setup import initialise
    from tests.sync.bundlekit import Laptop, month_tables

    root = tmp_path_factory.mktemp("office")
    stick, papers = root / "stick", root / "papers"
    stick.mkdir()
    papers.mkdir()
    keys = create_keys(root / "office-keys", "Dinas Sosial Lampung Timur", "Lampung Timur")
    key_file = write_key_file(keys, papers)
    db = root / "district.sqlite"
    engine = open_engine(str(db))
    try:
        for n, (code, name, desa, kecamatan) in enumerate(SHOPS):
            data = root / f"shop-{n}"
            profile = replace(DEMO_PROFILE, code=code, name=name, desa=desa, kecamatan=kecamatan)
            initialise(data, profile, admin_pin="135790")
            build_demo(data, kpm=6, months=3, seed=n + 1, actor=Actor("admin", "admin"))
            ctx = ServiceContext.open(data, Actor("admin", "admin"))
            try:
                if code == SEALED:
                    district_reply.enrol_district_key(ctx, key_file, keys.public.fingerprint)
                sync_export.export_bundle(ctx, stick)
                enrolment = sync_export.write_enrolment(ctx, papers)
                enrol(engine, enrolment, sync_export.key_info(ctx).key_id)
            finally:
                ctx.close()
        (stick / BAD_FILES[0]).write_bytes(b"PK\x03\x04 bukan bundel")
        stranger = Laptop(code="LTM-XXX-09")
        (stick / BAD_FILES[1]).write_bytes(stranger.export(month_tables("2024-05")).data)
        altered = bytearray(next(stick.glob("ewarong-LTM-SKP-01-*.ewb")).read_bytes())
        altered[len(altered) // 2] ^= 0xFF  # one byte changed after signing
        (stick / BAD_FILES[2]).write_bytes(bytes(altered))
    finally:
        engine.dispose()
    return Office(db, root / "office-keys", stick, tuple(s[0] for s in SHOPS))


@pytest.fixture
def office(office_template: Office, tmp_path: Path, monkeypatch) -> Office:
    """A private copy of the office for one test."""
    root = tmp_path / "office"
    shutil.copytree(office_template.db.parent, root)
    monkeypatch.setenv("EWARONG_DISTRICT_KEYS", str(root / "office-keys"))
    return Office(
        root / "district.sqlite", root / "office-keys", root / "stick", office_template.codes
    )


@pytest.fixture
def office_desk(qapp, office: Office) -> Iterator:
    from ewarong_desktop.district_gui.desk import Desk
    from ewarong_desktop.gui.app import make_application

    make_application()
    opened = Desk(str(office.db), "id")
    yield opened
    opened.close()
    opened.set_language("id")


@pytest.fixture
def office_window(qtbot, office_desk):
    from ewarong_desktop.district_gui.window import DeskWindow

    win = DeskWindow(office_desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_page(qtbot, window, key: str):
    """Bring a page to the front with a mouse click on its side-list row."""
    from PySide6.QtCore import Qt

    from ewarong_desktop.district_gui.window import PAGES

    side = window.side
    row = [p[0] for p in PAGES].index(key)
    qtbot.mouseClick(side.viewport(), Qt.MouseButton.LeftButton,
                     pos=side.visualItemRect(side.item(row)).center())  # fmt: skip
    return window.pages[key]
