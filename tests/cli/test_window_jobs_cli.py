"""#18 point 7: the window's jobs that had no subcommand, from the shell, with its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import act_as, cli


def test_kpm_edit_and_an_unlisted_kpm(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(capsys, store, "kpm", "edit", "6013010012345678", "--name", "Siti R.")
    assert code == 0 and "Siti R." in out, err
    new = ["--nik", "1807125205800099", "--kks", "6013010099999999", "--name", "Tamu"]
    act_as(monkeypatch, "siti", "2468")
    code, _, err = cli(capsys, store, "kpm", "add", *new, "--unlisted", "dari desa tetangga")
    assert code == 1 and "admin" in err
    act_as(monkeypatch, "admin", "123456")
    code, out, err = cli(capsys, store, "kpm", "add", *new, "--unlisted", "dari desa tetangga")
    assert code == 0 and "Tamu" in out, err


def test_purchase_list_and_void(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, store, "purchase", "list")
    first = next(line for line in out.splitlines() if "Kelompok Tani Makmur" in line)
    assert code == 0 and "sumber sendiri" in first and "Rp" in first
    pid = first.split()[0]
    code, _, err = cli(capsys, store, "purchase", "void", pid[:4], "--reason", "Salah")
    assert code == 1 and "8 karakter" in err
    code, out, err = cli(capsys, store, "purchase", "void", pid[:8], "--reason", "Salah catat")
    assert code == 0 and out.rstrip().endswith("batal"), err


def test_daily_summary(store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cli(capsys, store, "redeem", "--kks", "6013010012345678", "--item", "BRS:2")
    code, out, err = cli(capsys, store, "daily", "--out", str(tmp_path / "rekap.pdf"))
    assert code == 0 and out.startswith("Rekap ") and "Beras medium" in out and "2 kg" in out, err
    assert (tmp_path / "rekap.pdf").read_bytes().startswith(b"%PDF")
    code, out, _ = cli(capsys, store, "--lang", "en", "daily")
    assert code == 0 and out.startswith("Summary of ")


def test_profile_shown_to_all_changed_by_an_admin(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = cli(capsys, store, "profile", "--receipt-width", "58", "--name", "EW Maju")
    assert code == 0 and "EW Maju" in out and "58" in out
    act_as(monkeypatch, "siti", "2468")
    code, _, err = cli(capsys, store, "profile", "--name", "Bukan")
    assert code == 1 and "Hanya admin" in err
    monkeypatch.delenv("EWARONG_PIN")
    code, out, _ = cli(capsys, store, "profile")
    assert code == 0 and "EW Maju" in out


def test_operators_from_the_shell(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EWARONG_NEW_PIN", "1357")
    code, out, err = cli(capsys, store, "operator", "add", "wati")
    assert code == 0 and out.split()[:2] == ["wati", "operator"], err
    code, out, _ = cli(capsys, store, "operator", "deactivate", "wati")
    assert code == 0 and "[nonaktif]" in out
    code, out, _ = cli(capsys, store, "operator", "activate", "wati")
    monkeypatch.setenv("EWARONG_NEW_PIN", "9753")
    assert cli(capsys, store, "operator", "pin", "wati")[0] == 0
    act_as(monkeypatch, "wati", "9753")
    code, out, _ = cli(capsys, store, "operator", "list")
    assert code == 0 and "wati" in out and "siti" in out
    code, _, err = cli(capsys, store, "operator", "add", "budi")
    assert code == 1 and "Hanya admin" in err
    code, _, err = cli(capsys, store, "operator", "pin", "nobody")
    assert code == 1


def test_the_recovery_code_for_an_admin_with_the_pin(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(capsys, store, "recovery-code")
    assert code == 0 and len(out.strip()) >= 16, err
    act_as(monkeypatch, "siti", "2468")
    code, out, err = cli(capsys, store, "recovery-code")
    assert code == 1 and out == "" and "Hanya admin" in err


def test_printing_settings(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        capsys, store, "printing", "--receipt-printer", "POS-58", "--auto-print", "yes"
    )
    assert code == 0 and "POS-58" in out and "ya" in out
    code, _, err = cli(capsys, store, "printing", "--escpos-device", "nonsense")
    assert code == 1 and "ESC/POS" in err
