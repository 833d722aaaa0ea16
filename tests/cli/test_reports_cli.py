"""`receipt`, `statements`, `roster`, `report` on a demo store: files appear, figures match
`month`."""

import json
from io import BytesIO

import openpyxl
import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.domain.money import format_rupiah
from tests.reports import demo_store
from tests.reports.pdfcheck import has_run, page_lines, page_texts


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    voided, late = demo_store.copy(data_dir)
    return data_dir, voided, late


def run(data_dir, *args, lang="id") -> int:
    return main(["--data-dir", str(data_dir), "--lang", lang, *args])


def month_json(data_dir, period, capsys) -> dict:
    capsys.readouterr()
    assert run(data_dir, "month", period, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_report_pdf_and_xlsx_match_month(store, tmp_path, capsys):
    data_dir, _, _ = store
    figures = month_json(data_dir, "2020-06", capsys)
    pdf, xlsx = tmp_path / "laporan.pdf", tmp_path / "laporan.xlsx"
    assert run(data_dir, "report", "2020-06", "--out", str(pdf), "--ketua", "Hj. Sumiati") == 0
    assert run(data_dir, "report", "2020-06", "--out", str(xlsx)) == 0
    assert str(pdf) in capsys.readouterr().out
    lines = page_lines("\n".join(page_texts(pdf)))
    assert has_run(lines, "Nilai transaksi", format_rupiah(figures["redemptions_total_rupiah"]))
    assert has_run(lines, "KPM sudah dilayani", str(figures["kpm_served"]))
    assert "Hj. Sumiati" in lines
    book = openpyxl.load_workbook(xlsx)
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Nilai transaksi"] == figures["redemptions_total_rupiah"]
    assert summary["KPM belum dilayani"] == figures["kpm_not_served"]
    assert summary["Sumber sendiri"] == figures["purchases_own_rupiah"]
    assert summary["Pihak ketiga"] == figures["purchases_third_party_rupiah"]
    assert not list(tmp_path.glob("*.part"))


def test_statements_one_page_per_kpm(store, tmp_path, capsys):
    data_dir, _, late = store
    figures = month_json(data_dir, "2020-06", capsys)
    out = tmp_path / "kuitansi.pdf"
    assert run(data_dir, "statements", "2020-06", "--out", str(out)) == 0
    texts = page_texts(out)
    assert len(texts) == figures["kpm_registered"]
    assert f"{len(texts)} halaman" in capsys.readouterr().out
    assert any(late.beneficiary_name in page_lines(t) for t in texts)


def test_roster_and_two_up_statements(store, tmp_path, capsys):
    data_dir, _, _ = store
    figures = month_json(data_dir, "2020-06", capsys)
    out = tmp_path / "daftar.pdf"
    assert run(data_dir, "roster", "2020-06", "--out", str(out), "--tksk", "Agus") == 0
    said = capsys.readouterr().out
    texts = page_texts(out)
    kpms, served = figures["kpm_registered"], figures["kpm_served"]
    assert f"{kpms} KPM ({served} dilayani), {len(texts)} halaman" in said
    last = page_lines(texts[-1])
    assert has_run(
        last,
        "JUMLAH SELURUHNYA",
        format_rupiah(figures["entitlement_total_rupiah"]),
        format_rupiah(figures["redemptions_total_rupiah"]),
    )
    assert "Agus" in last
    two = tmp_path / "kuitansi-2.pdf"
    assert run(data_dir, "statements", "2020-06", "--out", str(two), "--per-sheet", "2") == 0
    assert len(page_texts(two)) == (kpms + 1) // 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        run(data_dir, "statements", "2020-06", "--out", str(two), "--per-sheet", "3")
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: --per-sheet: pilihan 3 tidak ada") and err.count("\n") == 1


def test_receipt_widths_and_english(store, tmp_path, capsys):
    data_dir, voided, _ = store
    for width in ("58", "80", "a5"):
        out = tmp_path / f"struk-{width}.pdf"
        assert run(data_dir, "receipt", voided.id[:8], "--out", str(out), "--width", width) == 0
        (text,) = page_texts(out)
        assert voided.beneficiary_name in page_lines(text) and "BATAL" in text
    out = tmp_path / "receipt-en.pdf"
    assert run(data_dir, "receipt", voided.id, "--out", str(out), lang="en") == 0
    assert "(VOID)" in capsys.readouterr().out
    assert "FOOD AID RECEIPT" in page_texts(out)[0]


def test_wrong_extension_or_unknown_id_is_refused_without_a_file(store, tmp_path, capsys):
    data_dir, _, _ = store
    doc = tmp_path / "laporan.doc"
    assert run(data_dir, "report", "2020-06", "--out", str(doc)) == 1
    assert "harus berakhiran .pdf atau .xlsx" in capsys.readouterr().err
    assert run(data_dir, "statements", "2020-06", "--out", str(tmp_path / "k.xlsx")) == 1
    missing = tmp_path / "struk.pdf"
    assert run(data_dir, "receipt", "ffffffff-0000", "--out", str(missing)) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_to_an_unwritable_place_says_so(store, tmp_path, capsys):
    data_dir, _, _ = store
    out = tmp_path / "no-such-folder" / "laporan.pdf"
    assert run(data_dir, "report", "2020-06", "--out", str(out)) == 1
    assert "tidak dapat ditulis" in capsys.readouterr().err


def test_receipt_bytes_are_a_pdf(store, tmp_path):
    data_dir, _, late = store
    out = tmp_path / "s.pdf"
    assert run(data_dir, "receipt", late.id, "--out", str(out)) == 0
    assert BytesIO(out.read_bytes()).read(5) == b"%PDF-"
