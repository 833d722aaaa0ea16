"""`ewarong-desktop import-kpm`: counts, each refused row, and exit codes scripts rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.cli.kpm_import import column_letter, parse_column_choice
from ewarong_desktop.kpm_import import KpmFileUnreadable
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.context import ServiceContext
from tests.cli.conftest import act_as
from tests.kpm_import.builders import ew01_store, kpm_row, kpm_rows, nik, write_csv, write_xlsx


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    ew01_store(path)
    act_as(monkeypatch, "admin", "482913")
    return path


def stored_niks(data_dir: Path) -> set[str]:
    ctx = ServiceContext.open(data_dir)
    try:
        return {b.nik for b in beneficiaries.list_all(ctx)}
    finally:
        ctx.close()


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "import-kpm", *args])


def test_all_good_exits_0_and_counts(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(3))
    assert run(data_dir, str(path)) == 0
    out = capsys.readouterr().out
    assert "KPM baru: 3" in out and "Ditolak: 0" in out
    assert len(stored_niks(data_dir)) == 3

    assert run(data_dir, str(path)) == 0
    assert "Tidak ada perubahan" in capsys.readouterr().out


def test_some_refused_exits_1_imports_the_rest_and_lists_each(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*kpm_rows(3), kpm_row(4, name="")]
    rows[1][1] = "1.80712E+15"
    path = write_csv(tmp_path / "kpm.csv", rows, titles=["DAFTAR KPM", "DESA SUKAMAJU"])
    rejects = tmp_path / "ditolak.csv"
    assert run(data_dir, str(path), "--rejects", str(rejects)) == 1
    out = capsys.readouterr().out
    assert "Ditolak: 2" in out
    assert "Baris 5: NIK rusak oleh Excel" in out
    assert "Baris 7: Nama KPM kosong." in out
    assert stored_niks(data_dir) == {nik(1), nik(3)}
    assert rejects.read_bytes().count(b"\r\n") == 3


def test_dry_run_writes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*kpm_rows(2), kpm_row(3, name="")]
    path = write_csv(tmp_path / "kpm.csv", rows)
    assert (
        main(["--lang", "en", "--data-dir", str(data_dir), "import-kpm", str(path), "--dry-run"])
        == 1
    )
    out = capsys.readouterr().out
    assert "New KPMs: 2" in out and "Row 4: The KPM's name is empty." in out
    assert "Dry run" in out
    assert stored_niks(data_dir) == set()


@pytest.mark.parametrize(
    "content", [b"\xd0\xcf\x11\xe0" + b"\x00" * 64, b"Nomor;Nama\r\n1;ANI\r\n", b""]
)
def test_unreadable_file_exits_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "kpm.xls"
    path.write_bytes(content)
    assert run(data_dir, str(path)) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("galat: ") and "Traceback" not in captured.err
    assert run(data_dir, str(tmp_path / "missing.csv")) == 2


def test_sheet_choice_and_unknown_sheet(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = [["NIK", "Nama", "No KKS"], [nik(20), "DARI DESA B", "601301000000020"]]
    path = write_xlsx(
        tmp_path / "kpm.xlsx", kpm_rows(1), sheet="Desa A", more_sheets={"Desa B": other}
    )
    assert run(data_dir, str(path), "--sheet", "Desa B") == 0
    assert "lembar 'Desa B'" in capsys.readouterr().out
    assert stored_niks(data_dir) == {nik(20)}
    assert run(data_dir, str(path), "--sheet", "Desa C") == 2
    assert "'Desa A'" in capsys.readouterr().err


def test_operator_corrects_columns(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["No", "Identitas", "Kartu", "Penerima Bantuan", "Wilayah"]
    path = write_csv(tmp_path / "kpm.csv", kpm_rows(2), header=header)
    assert run(data_dir, str(path)) == 2
    capsys.readouterr()
    args = ["--column", "nik=B", "--column", "kks=3", "--column", "name=penerima bantuan"]
    assert run(data_dir, str(path), "--header-row", "1", *args) == 0
    assert "NIK = B 'Identitas'" in capsys.readouterr().out
    assert stored_niks(data_dir) == {nik(1), nik(2)}


def test_column_choice_parsing() -> None:
    assert parse_column_choice("nik=B") == ("nik", 1)
    assert parse_column_choice("nik=AA") == ("nik", 26)
    assert parse_column_choice("kks=3") == ("kks", 2)
    assert parse_column_choice("name = Nama KPM") == ("name", "Nama KPM")
    assert parse_column_choice("village=") == ("village", None)
    assert parse_column_choice("desa=E") == ("village", 4)
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert parse_column_choice("alamat=C") == ("address", 2)
    with pytest.raises(KpmFileUnreadable):
        parse_column_choice("telepon=C")
