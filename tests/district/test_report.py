"""The district report: figures per e-warong and in total, and the flags an officer acts on."""

from __future__ import annotations

from datetime import datetime, timedelta

from openpyxl import load_workbook
from pypdf import PdfReader

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.enrolment import enrol
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from tests.district.conftest import enrol_laptop, save
from tests.sync.bundlekit import Laptop, beneficiary, line, month_tables, product, redemption

MAY = Period(2024, 5)


def imported(engine, tmp_path, laptop, tables):
    built = laptop.export(tables)
    outcome = Intake(engine, dry_run=False).run([save(built, tmp_path / built.filename[:-4])])[0]
    assert outcome.status == "imported", outcome.message("en")


def kinds(report):
    return [f.kind for f in report.flags]


def test_figures_per_ewarong_and_district_total(engine, tmp_path):
    a, b = Laptop(code="A-01"), Laptop(code="B-02")
    for lap in (a, b):
        enrol_laptop(engine, lap, tmp_path)
    imported(engine, tmp_path, a, month_tables("2024-05", kpm=3))
    imported(engine, tmp_path, b, month_tables("2024-05", kpm=2, base=50))
    report = build_report(engine, MAY)
    rows = {r.code: r for r in report.warongs}
    # Each KPM: 10 kg beras at 12.000 + 1 kg telur at 28.000 = Rp148.000.
    assert (rows["A-01"].kpm_served, rows["A-01"].redemptions) == (3, 3)
    assert rows["A-01"].redeemed_rupiah == 3 * 148_000
    assert (rows["A-01"].own_rupiah, rows["A-01"].third_party_rupiah) == (1_000_000, 125_000)
    assert report.total.kpm_served == 5
    assert report.total.redeemed_rupiah == 5 * 148_000
    assert report.total.own_rupiah == 2_000_000
    assert round(report.total.own_share, 3) == round(2_000_000 / 2_250_000, 3)


def test_figures_per_kecamatan_count_a_nik_once(engine, tmp_path):
    from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
    from tests.sync.bundlekit import warong

    def enrol_in(lap, kecamatan):
        path = tmp_path / enrolment_filename(lap.code)
        place = dict(warong(lap.code), kecamatan=kecamatan)
        path.write_bytes(enrolment_bytes(place, lap.epoch, lap.key.public_key()))
        enrol(engine, path, lap.enrolled.key_id)

    a, b, c = Laptop(code="A-01"), Laptop(code="B-02"), Laptop(code="C-03")
    enrol_in(a, "Way Jepara")
    enrol_in(b, "Way Jepara")
    enrol_in(c, "Batanghari")
    imported(engine, tmp_path, a, month_tables("2024-05", kpm=3))
    imported(engine, tmp_path, b, month_tables("2024-05", kpm=2, base=2))  # NIK 2 also at A
    imported(engine, tmp_path, c, month_tables("2024-05", kpm=1, base=50))
    places = {f.name: f for f in build_report(engine, MAY).kecamatan}
    assert list(places) == ["Batanghari", "Way Jepara"]
    way = places["Way Jepara"]
    assert (way.kpm_served, way.redemptions, way.redeemed_rupiah) == (4, 5, 5 * 148_000)
    assert (way.own_rupiah, way.third_party_rupiah) == (2_000_000, 250_000)
    assert places["Batanghari"].kpm_served == 1


def test_voided_redemptions_do_not_count(engine, laptop, tmp_path):
    tables = month_tables("2024-05", kpm=2)
    tables["redemptions"][0]["status"] = "voided"
    tables["redemptions"][0]["void_reason"] = "salah"
    imported(engine, tmp_path, laptop, tables)
    row = build_report(engine, MAY).warongs[0]
    assert (row.redemptions, row.kpm_served) == (1, 1)


def _one_kpm_at(laptop, nik_number, amount_lines, products):
    kpm = beneficiary(nik_number)
    return {
        "beneficiaries": [kpm],
        "products": products,
        "redemptions": [redemption(kpm["id"], "2024-05", amount_lines)],
    }


def test_kpm_over_entitlement_across_ewarongs_is_flagged(engine, tmp_path):
    a, b, c = Laptop(code="A-01"), Laptop(code="B-02"), Laptop(code="C-03")
    for lap in (a, b, c):
        enrol_laptop(engine, lap, tmp_path)
    beras, beras_b = product(), product()
    # NIK 7 spends Rp120.000 at A and Rp120.000 at B: Rp240.000 > Rp200.000 for May 2024.
    imported(engine, tmp_path, a, _one_kpm_at(a, 7, [line(beras["id"], "10", 12_000)], [beras]))
    b_lines = [line(beras_b["id"], "10", 12_000)]
    imported(engine, tmp_path, b, _one_kpm_at(b, 7, b_lines, [beras_b]))
    # NIK 8 splits Rp100.000 + Rp100.000 between B and C: within entitlement, no fault.
    beras_c = product()
    imported(engine, tmp_path, c, _one_kpm_at(c, 8, [line(beras_c["id"], "10", 10_000)], [beras_c]))
    kpm8 = beneficiary(8)
    imported(engine, tmp_path, b, {
        "beneficiaries": [kpm8],
        "redemptions": [redemption(kpm8["id"], "2024-05", [line(beras_b["id"], "10", 10_000)])],
    })  # fmt: skip
    report = build_report(engine, MAY)
    over = [f for f in report.flags if f.kind == "over_redeemed"]
    assert len(over) == 1
    assert "Rp240.000" in over[0].en_text and "A-01" in over[0].en_text
    assert "B-02" in over[0].en_text


def test_price_far_above_district_median_is_flagged(engine, tmp_path):
    prices = {"A-01": 12_000, "B-02": 12_500, "C-03": 11_800, "D-04": 25_000}
    for n, (code, price) in enumerate(prices.items()):
        lap = Laptop(code=code)
        enrol_laptop(engine, lap, tmp_path)
        # Same product, named a little differently: matched by name and unit.
        beras = product("Beras  Medium" if n % 2 else "beras medium", "kg")
        kpm = beneficiary(n)
        imported(engine, tmp_path, lap, {
            "beneficiaries": [kpm], "products": [beras],
            "redemptions": [redemption(kpm["id"], "2024-05", [line(beras["id"], "5", price)])],
        })  # fmt: skip
    report = build_report(engine, MAY)
    high = [f for f in report.flags if f.kind == "price_high"]
    assert [f.code for f in high] == ["D-04"]
    assert "Rp25.000" in high[0].id_text


def test_identical_baskets_flagged_varied_baskets_not(engine, tmp_path):
    paket, free = Laptop(code="PAKET-01"), Laptop(code="BEBAS-02")
    for lap in (paket, free):
        enrol_laptop(engine, lap, tmp_path)
    imported(engine, tmp_path, paket, month_tables("2024-05", kpm=12))
    tables = month_tables("2024-05", kpm=12, base=100)
    beras = tables["products"][0]
    for i, red in enumerate(tables["redemptions"]):
        red["lines"] = [line(beras["id"], str(5 + i), 12_000)]
        red["total_rupiah"] = red["lines"][0]["total_rupiah"]
    imported(engine, tmp_path, free, tables)
    report = build_report(engine, MAY)
    assert [f.code for f in report.flags if f.kind == "identical_baskets"] == ["PAKET-01"]


def test_sequence_gap_and_silent_ewarongs(engine, laptop, tmp_path):
    quiet = Laptop(code="SEPI-01")
    enrol_laptop(engine, quiet, tmp_path)
    first = save(laptop.export(month_tables("2024-05")), tmp_path / "1")
    laptop.export({})
    third = save(laptop.export({}), tmp_path / "3")
    Intake(engine, dry_run=False).run([first, third])
    report = build_report(engine, MAY)
    gaps = [f for f in report.flags if f.kind == "sequence_gap"]
    assert [f.code for f in gaps] == [laptop.code] and "seq 2" in gaps[0].en_text
    assert "silent" not in kinds(report)
    later = build_report(engine, MAY, now=datetime.now() + timedelta(days=31))
    assert sorted(f.code for f in later.flags if f.kind == "silent") == sorted(
        [laptop.code, "SEPI-01"]
    )


def test_report_cli_text_pdf_and_xlsx(engine, laptop, db_path, tmp_path, capsys):
    imported(engine, tmp_path, laptop, month_tables("2024-05", kpm=3))
    pdf, xlsx = tmp_path / "lap.pdf", tmp_path / "lap.xlsx"
    assert main(["--db", str(db_path), "report", "--month", "2024-05", "--out", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "Laporan kabupaten Mei 2024" in out and "Rp444.000" in out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Mei 2024" in text and "Rp444.000" in text and laptop.code in text
    assert main(["--db", str(db_path), "--lang", "en", "report", "--out", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "District report May 2024"
    assert values[3][:5] == [laptop.code, f"E-Warong {laptop.code}", 3, 3, 444_000]
    assert main(["--db", str(db_path), "report", "--out", str(tmp_path / "x.doc")]) == 2
