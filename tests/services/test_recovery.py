"""The recovery code: made at setup, or at the first admin sign-in of an older store."""

from __future__ import annotations

import shutil
from pathlib import Path

from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import backup_files as bf
from ewarong_desktop.services import recovery
from ewarong_desktop.services.context import Actor, ServiceContext

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stores"


def test_a_store_from_before_the_code_gets_one_at_the_next_admin_sign_in(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "0003" / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ctx = ServiceContext.open(data_dir, Actor("admin", "admin"))
    try:
        code = recovery.pending_code(ctx)
        assert code is not None and bf.normalise_code(code) == code
        assert recovery.pending_code(ctx) == code  # the same one until it is written down
        usb = tmp_path / "usb"
        usb.mkdir()
        sealed = backups.backup(ctx, usb).copy
        recovery.mark_shown(ctx)
        assert recovery.pending_code(ctx) is None
    finally:
        ctx.close()
    assert sealed is not None
    bf.unpack(sealed, tmp_path / "opened.sqlite", code)  # the copy is sealed to that code
    assert (tmp_path / "opened.sqlite").read_bytes().startswith(bf.SQLITE_MAGIC)


def test_codes_are_typed_back_forgivingly_and_refused_when_not_a_code():
    code = bf.new_recovery_code()
    assert bf.normalise_code(code.lower().replace("-", " ")) == code
    assert bf.normalise_code(code[:-1]) is None
    assert bf.normalise_code(code.replace(code[0], "0")) is None  # 0 is never in a code
