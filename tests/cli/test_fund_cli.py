"""`fund`, `supplier`, `target` headless: exit codes, words, and the fund report's files."""

from pathlib import Path

import openpyxl
import pytest

from ewarong_desktop.cli import main
from tests.reports.pdfcheck import has_run, page_lines, page_texts
from tests.templates import copy_of_template


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EWARONG_OPERATOR", "admin")
    monkeypatch.setenv("EWARONG_PIN", "123456")

    def init(folder: Path) -> None:
        assert main(["--data-dir", str(folder), "init", "--code", "LTM-WWK-02", "--name",
                     "E-Warong Wawai", "--desa", "Wawai Karya", "--kecamatan", "Sekampung Udik",
                     "--kabupaten", "Lampung Timur", "--admin-pin", "123456"]) == 0  # fmt: skip

    folder = tmp_path / "data"
    copy_of_template("wawai-init", init, folder)
    return folder


def run(data_dir: Path, *args: str, lang: str = "id") -> int:
    return main(["--data-dir", str(data_dir), "--lang", lang, *args])


def test_a_use_beyond_the_balance_exits_1_unless_yes(data_dir: Path, capsys) -> None:
    assert run(data_dir, "fund", "tranche", "--stage", "1", "--amount", "Rp10.000.000",
               "--date", "2019-11-04", "--reference", "B-123/DINSOS/2019") == 0  # fmt: skip
    capsys.readouterr()
    args = ("fund", "use", "--amount", "12000000", "--date", "2019-12-01", "--purpose", "peralatan")
    assert run(data_dir, *args) == 1
    err = capsys.readouterr().err
    assert "galat: Saldo dana KUBE akan menjadi -Rp2.000.000" in err and "--yes" in err
    assert run(data_dir, *args, lang="en") == 1
    assert "balance would become -Rp2.000.000" in capsys.readouterr().err
    assert run(data_dir, "fund") == 0
    assert "sisa Rp10.000.000" in capsys.readouterr().out  # nothing was saved
    assert run(data_dir, *args, "--yes") == 0
    assert run(data_dir, "fund", "--date", "2019-11-30") == 0  # the balance at any date
    assert "sisa Rp10.000.000 per 30 November 2019" in capsys.readouterr().out
    assert run(data_dir, "fund") == 0
    out = capsys.readouterr().out
    assert "Peralatan" in out and "sisa -Rp2.000.000" in out


def test_bad_input_is_one_line_never_a_traceback(data_dir: Path, capsys) -> None:
    assert run(data_dir, "fund", "tranche", "--stage", "1", "--amount", "sepuluh juta",
               "--date", "2019-11-04") == 1  # fmt: skip
    assert run(data_dir, "fund", "tranche", "--stage", "1", "--amount", "1000",
               "--date", "2019-13-04") == 1  # fmt: skip
    assert run(data_dir, "fund", "void", "deadbeef", "--reason", "x") == 1
    assert run(data_dir, "supplier", "tax-id", "CV Tidak Ada", "012345678901000") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert all(line.startswith("galat: ") for line in err.strip().splitlines())


def test_fund_report_pdf_and_xlsx(data_dir: Path, tmp_path: Path, capsys) -> None:
    for args in (
        ("tranche", "--stage", "1", "--amount", "10000000", "--date", "2019-11-04"),
        ("use", "--amount", "3000000", "--date", "2020-01-10", "--purpose",
         "barang_sumber_sendiri", "--note", "beras petani"),
        ("use", "--amount", "1000000", "--date", "2020-01-11", "--purpose", "barang_pemasok"),
    ):  # fmt: skip
        assert run(data_dir, "fund", *args) == 0
    pdf, xlsx = tmp_path / "dana.pdf", tmp_path / "dana.xlsx"
    assert run(data_dir, "fund", "report", "--out", str(pdf), "--ketua", "Ibu Sumarni") == 0
    assert run(data_dir, "fund", "report", "--out", str(xlsx)) == 0
    lines = page_lines("\n".join(page_texts(pdf)))
    assert "LAPORAN PENGGUNAAN DANA KUBE" in lines
    assert has_run(lines, "Sisa dana", "Rp6.000.000")
    assert has_run(lines, "Porsi sumber sendiri (dari dana terpakai)", "75,0%")
    assert "Ibu Sumarni" in lines and "Ketua e-warong" in lines
    book = openpyxl.load_workbook(xlsx)
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Dana diterima"] == 10_000_000
    assert summary["Barang dari pemasok"] == 1_000_000
    assert summary["Porsi sumber sendiri (dari dana terpakai)"] == 0.75
    assert run(data_dir, "fund", "report", "--out", str(tmp_path / "dana.txt")) == 1


def test_supplier_number_and_target(data_dir: Path, capsys) -> None:
    assert run(data_dir, "product", "add", "--code", "BRS", "--name", "Beras", "--category",
               "karbohidrat", "--unit", "kg", "--price", "12000") == 0  # fmt: skip
    assert run(data_dir, "purchase", "add", "--source-kind", "pemasok", "--source-name",
               "CV. Sumber Pangan", "--item", "Beras:10@10000", "--source-tax-id",
               "01.234.567.8-901.000") == 0  # fmt: skip
    capsys.readouterr()
    assert run(data_dir, "supplier") == 0
    assert "012345678901000" in capsys.readouterr().out
    assert run(data_dir, "target", "60") == 1  # --from is needed
    assert run(data_dir, "target", "60", "--from", "2020-01") == 0
    assert "Target kabupaten 60%" in capsys.readouterr().out
