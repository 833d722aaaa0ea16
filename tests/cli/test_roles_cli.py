"""Roles hold from the shell: a PIN for every subcommand that changes or signs, none to read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ewarong_desktop.cli import build_parser, main, roles
from ewarong_desktop.services import beneficiaries, operators
from ewarong_desktop.services.context import ServiceContext
from tests.cli.conftest import OPERATOR_PIN, act_as, shop_with_siti
from tests.conftest import ADMIN

ADMIN_PIN = "123456"  # make_shop's admin
SITI_PIN = OPERATOR_PIN


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    shop_with_siti(data)  # siti's PIN is SITI_PIN
    for name in ("EWARONG_OPERATOR", "EWARONG_PIN", "EWARONG_NEW_PIN"):
        monkeypatch.delenv(name, raising=False)
    return data


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def kpm_names(data_dir: Path) -> set[str]:
    ctx = ServiceContext.open(data_dir, ADMIN)
    try:
        return {b.name for b in beneficiaries.list_all(ctx)}
    finally:
        ctx.close()


ADD_GULA = ["product", "add", "--code", "GLA", "--name", "Gula", "--category", "lainnya"]
ADD_GULA += ["--unit", "kg", "--price", "15000"]
ADD_ANI = ["kpm", "add", "--nik", "1807124407900004", "--kks", "601301009", "--name", "Ani"]


def test_every_subcommand_declares_what_it_needs_in_the_one_table() -> None:
    declared = set(roles.NEEDS)
    found = set(roles.name_subcommands(build_parser()))
    assert found - declared == set(), "a new subcommand must declare its need in roles.NEEDS"
    assert declared - found == set(), "NEEDS names a subcommand that no longer exists"


def test_reading_needs_no_pin_and_writing_needs_a_named_operator_and_pin(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in (["kpm", "list"], ["stock"], ["month", "2020-05"], ["check"], ["clock"]):
        code, _, err = cli(capsys, store, *args)
        assert code == 0, (args, err)
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 1 and err.count("\n") == 1 and "--operator" in err
    code, _, err = cli(capsys, store, "--operator", "siti", *ADD_ANI)
    assert code == 1 and err.count("\n") == 1 and "EWARONG_PIN" in err
    monkeypatch.setenv("EWARONG_PIN", "9999")
    code, _, err = cli(capsys, store, "--operator", "siti", *ADD_ANI)
    assert code == 1 and err == "error: Wrong name or PIN.\n"
    assert "Ani" not in kpm_names(store)
    monkeypatch.setenv("EWARONG_OPERATOR", "siti")
    monkeypatch.setenv("EWARONG_PIN", SITI_PIN)
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 0, err
    assert "Ani" in kpm_names(store)


def test_the_pin_may_come_on_standard_input(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SITI_PIN}\n"))
    code, _, err = cli(capsys, store, "--operator", "siti", "--pin-stdin", *ADD_ANI)
    assert code == 0, err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = cli(capsys, store, "--operator", "siti", "--pin-stdin", "stock")
    assert code == 0, "a reading command does not wait for a PIN"
    code, _, err = cli(capsys, store, "--operator", "siti", "--pin-stdin", *ADD_ANI)
    assert code == 1 and "standard input" in err and err.count("\n") == 1


def test_an_operator_cannot_do_an_admin_s_job_from_the_shell(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    act_as(monkeypatch, "siti", SITI_PIN)
    for args in (
        ["rekey", "--reason", "coba"],
        ADD_GULA,
        ["restore", str(store / "nothing.sqlite")],
    ):
        code, _, err = cli(capsys, store, *args)
        assert code == 1 and "Only an admin" in err and err.count("\n") == 1, (args, err)
    act_as(monkeypatch, "admin", ADMIN_PIN)
    code, out, err = cli(capsys, store, *ADD_GULA)
    assert code == 0 and "Gula" in out, err


def test_five_wrong_pins_lock_the_operator_as_in_the_window(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    act_as(monkeypatch, "siti", "0000")
    for _ in range(operators.MAX_FAILED_ATTEMPTS):
        assert cli(capsys, store, *ADD_ANI)[0] == 1
    act_as(monkeypatch, "siti", SITI_PIN)
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 1 and "minutes" in err and "Ani" not in kpm_names(store)


def test_an_admin_with_an_old_4_digit_pin_must_change_it_first(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ewarong_desktop.store.database import Database
    from ewarong_desktop.store.repositories import operators as operator_rows

    db = Database.open(store)
    with db.session() as session:  # as a store made before the 6-digit rule holds it
        row = operator_rows.named(session, "admin")
        assert row is not None
        row.pin_hash = operators.hash_pin("1234")
    db.close()
    act_as(monkeypatch, "admin", "1234")
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 1 and "change-pin" in err and err.count("\n") == 1
    monkeypatch.setenv("EWARONG_NEW_PIN", "5678")
    code, _, err = cli(capsys, store, "change-pin")
    assert code == 1 and "at least 6 digits" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n864209\n"))
    code, out, err = cli(capsys, store, "--pin-stdin", "change-pin")
    assert code == 0 and "changed" in out, err
    act_as(monkeypatch, "admin", "864209")
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 0, err


def test_init_and_demo_on_an_empty_folder_need_no_pin_and_demo_prints_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EWARONG_OPERATOR", raising=False)
    monkeypatch.delenv("EWARONG_PIN", raising=False)
    code, out, err = cli(capsys, tmp_path / "d", "demo", "--kpm", "3", "--months", "1")
    assert code == 0, err
    assert "Admin PIN (admin):" in out and "Operator: siti, PIN" in out
    code, _, err = cli(capsys, tmp_path / "d", "demo", "--kpm", "3", "--months", "1")
    assert code == 1 and "--operator" in err, "a demo into a real store is an admin's job"
    code, out, err = cli(
        capsys,
        tmp_path / "e",
        *["init", "--code", "X-1", "--name", "X", "--desa", "D", "--kecamatan", "K"],
        *["--kabupaten", "B", "--admin-pin", "1234"],
    )
    assert code == 1 and "at least 6 digits" in err


def test_writes_wait_while_the_clock_looks_wrong_until_clock_confirm(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from ewarong_desktop.services.clockguard import confirm_clock
    from ewarong_desktop.store.base import utc_now
    from ewarong_desktop.store.database import Database

    db = Database.open(store)
    confirm_clock(db, utc_now() + timedelta(days=500))  # the store saw a later time
    db.close()
    act_as(monkeypatch, "admin", ADMIN_PIN)
    usb = tmp_path / "usb"
    usb.mkdir()
    purchase = ["purchase", "add", "--source-kind", "pemasok", "--source-name", "CV"]
    for args in (
        ["redeem", "--kks", "6013010012345678", "--item", "BRS:1"],
        [*purchase, "--item", "BRS:1@10000"],
        ["export", "--out", str(usb)],
        ADD_ANI,
    ):
        code, _, err = cli(capsys, store, *args)
        assert code == 1 and "clock --confirm" in err and err.count("\n") == 1, (args, err)
    assert list(usb.iterdir()) == [] and "Ani" not in kpm_names(store)
    assert cli(capsys, store, "clock", "--confirm")[0] == 0
    code, _, err = cli(capsys, store, *ADD_ANI)
    assert code == 0, err


def test_a_damaged_store_is_restored_only_by_an_admin_the_backup_knows(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ewarong_desktop.services import backup as backups
    from ewarong_desktop.store.database import STORE_FILE

    ctx = ServiceContext.open(store, ADMIN)
    saved = backups.backup(ctx).path
    ctx.close()
    spoiled = bytearray((store / STORE_FILE).read_bytes())
    spoiled[100:8192] = b"\x00" * (8192 - 100)
    (store / STORE_FILE).write_bytes(bytes(spoiled))
    for name, pin in (("siti", SITI_PIN), ("admin", "999999"), ("nobody", ADMIN_PIN)):
        act_as(monkeypatch, name, pin)
        code, _, err = cli(capsys, store, "restore", str(saved))
        assert code == 1 and "checked against this backup" in err, (name, err)
        assert err.count("\n") == 1
        assert (store / STORE_FILE).read_bytes() == bytes(spoiled), "nothing was replaced"
    act_as(monkeypatch, "admin", ADMIN_PIN)
    code, out, err = cli(capsys, store, "restore", str(saved))
    assert code == 0 and "Restored from" in out, err
    assert "Ani" not in kpm_names(store)  # the store opens again
