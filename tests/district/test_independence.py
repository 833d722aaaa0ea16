"""The district's independence view: the KUBE fund per e-warong and kecamatan, suppliers
matched across spellings, the dependence flags, and the own-source target over 12 months."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.db import reading
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.models import Warong
from ewarong_desktop.district.report import build_report
from ewarong_desktop.district.suppliers import Bought, group_suppliers, supplier_report
from ewarong_desktop.domain.periods import Period
from tests.district.conftest import enrol_laptop, save
from tests.reports.pdfcheck import page_lines, page_texts
from tests.sync.bundlekit import Laptop, line, month_tables, new_id, product, purchase

MAY = Period(2024, 5)
SP_NPWP = "012345678901000"


def buyer(rice: dict):
    def bought(day: str, rupiah: int, name: str | None = None, tax_id: str | None = None) -> dict:
        """`rupiah` worth of rice: own when `name` is None, else from that supplier."""
        record = purchase(day, [line(rice["id"], "1", rupiah)], own=name is None)
        if name is not None:
            record["source_name"] = name
            record["source_tax_id"] = tax_id
        return record

    return bought


def fund(day: str, kind: str, amount: int, purpose: str | None = None, **extra) -> dict:
    record = {
        "id": new_id(), "version": 1, "updated_at": f"{day}T08:00:00Z", "date": day,
        "kind": kind, "stage": extra.pop("stage", 1 if kind == "tranche" else None),
        "amount_rupiah": amount, "purpose": purpose, "purchase_id": None, "reference": None,
        "note": "", "status": "completed", "void_reason": None,
    }  # fmt: skip
    record.update(extra)
    return record


def with_rice(tables: dict) -> tuple[dict, object]:
    rice = product("Beras", "kg")
    tables.setdefault("products", []).append(rice)
    return tables, buyer(rice)


EARLY, LATE = ("2023-12", "2024-01", "2024-02"), ("2024-03", "2024-04")


def district(engine, tmp_path: Path) -> None:
    """Three e-warongs, two kecamatan; see each block for what it holds."""
    laptops = {code: Laptop(code=code) for code in ("A-01", "B-02", "C-03")}
    for lap in laptops.values():
        enrol_laptop(engine, lap, tmp_path / "enrol")
    with engine.begin() as conn:
        for code, kec in (("A-01", "Sekampung"), ("B-02", "Sekampung"), ("C-03", "Wawai Karya")):
            conn.execute(update(Warong).where(Warong.code == code).values(kecamatan=kec))
    # 80% own from December to February, 25% from March; 75% of May from one supplier.
    a, bought = with_rice(month_tables("2024-05", kpm=2))
    a["purchases"] = [bought(f"{m}-05", 800_000) for m in EARLY]
    a["purchases"] += [bought(f"{m}-05", 200_000, "CV Pemasok") for m in EARLY]
    a["purchases"] += [bought(f"{m}-05", 250_000) for m in LATE]
    a["purchases"] += [bought(f"{m}-05", 750_000, "UD Tiga Saudara") for m in LATE]
    a["purchases"] += [
        bought("2024-05-03", 1_000_000),
        bought("2024-05-04", 3_000_000, "CV. Sumber Pangan", SP_NPWP),
    ]
    a["fund_entries"] = [
        fund("2024-02-01", "tranche", 10_000_000, reference="B-1/DINSOS"),
        fund("2024-05-04", "use", 4_000_000, "barang_pemasok"),
    ]
    # B-02: 69% own in May, the supplier written in lower case without its number; no fund.
    b, bought = with_rice(month_tables("2024-05", kpm=2, base=50))
    b["purchases"] = [
        bought("2024-05-02", 2_000_000),
        bought("2024-05-03", 500_000, "cv sumber pangan"),
        bought("2024-05-04", 400_000, "UD Tiga Saudara"),
    ]
    # C-03: no redemptions in May at all; a fund partly spent, a use voided, one after May.
    c, bought = with_rice({})
    c["purchases"] = [
        bought("2024-05-02", 3_000_000),
        bought("2024-05-06", 600_000, "Sumber Pangan, CV"),
    ]
    c["fund_entries"] = [
        fund("2024-03-10", "tranche", 10_000_000),
        fund("2024-04-02", "use", 2_000_000, "barang_sumber_sendiri"),
        fund("2024-04-03", "use", 5_000_000, "peralatan", status="voided", void_reason="salah"),
        fund("2024-06-01", "use", 1_000_000, "barang_pemasok"),
    ]
    for code, tables in (("A-01", a), ("B-02", b), ("C-03", c)):
        built = laptops[code].export(tables)
        outcome = Intake(engine, dry_run=False).run([save(built, tmp_path / code)])[0]
        assert outcome.status == "imported", outcome.message("en")


def test_fund_at_month_end_per_ewarong_and_kecamatan(engine, tmp_path):
    district(engine, tmp_path)
    section = build_report(engine, MAY).independence
    assert section is not None
    rows = {p.code: p for p in section.fund}
    assert (rows["A-01"].received, rows["A-01"].used, rows["A-01"].left) == (
        10_000_000, 4_000_000, 6_000_000)  # fmt: skip
    assert rows["A-01"].own_share == 0.0
    assert (rows["B-02"].received, rows["B-02"].own_share) == (0, None)
    # No redemptions in May, still shown; the voided use and June's use do not count.
    assert (rows["C-03"].received, rows["C-03"].used, rows["C-03"].left) == (
        10_000_000, 2_000_000, 8_000_000)  # fmt: skip
    assert rows["C-03"].own_share == 1.0
    kec = {p.name: (p.received, p.used, p.left, p.own_goods) for p in section.fund_by_kecamatan}
    assert kec == {
        "Sekampung": (10_000_000, 4_000_000, 6_000_000, 0),
        "Wawai Karya": (10_000_000, 2_000_000, 8_000_000, 2_000_000),
    }
    april = build_report(engine, Period(2024, 4)).independence
    assert april is not None
    assert {p.code: p.left for p in april.fund}["A-01"] == 10_000_000


def test_suppliers_are_matched_across_spellings_and_flagged(engine, tmp_path):
    district(engine, tmp_path)
    with reading(engine) as conn:
        report = supplier_report(conn, MAY)
    top = report.suppliers[0]
    assert top.name == "CV. Sumber Pangan" and top.tax_id == SP_NPWP
    assert top.spellings == ("CV. Sumber Pangan", "Sumber Pangan, CV", "cv sumber pangan")
    assert (top.warongs, top.rupiah) == (("A-01", "B-02", "C-03"), 4_100_000)
    assert report.goods_rupiah == 4_000_000 + 2_900_000 + 3_600_000
    assert top.share == pytest.approx(4_100_000 / 10_500_000)
    found = {(f.kind, f.code) for f in report.findings}
    assert found == {("supplier_dependence", "A-01"), ("supplier_concentration", "")}
    (dependence,) = [f for f in report.findings if f.kind == "supplier_dependence"]
    assert dependence.month == "2024-05" and dependence.details["rupiah"] == 3_000_000
    assert dependence.key == f"2024-05|npwp:{SP_NPWP}"  # a flag store's dedup key
    assert "75%" in dependence.text_id and "CV. Sumber Pangan" in dependence.text_en
    # The same findings are among the district report's flags.
    flags = {(f.kind, f.code) for f in build_report(engine, MAY).flags}
    assert {("supplier_dependence", "A-01"), ("supplier_concentration", "")} <= flags


# Real-looking spellings of suppliers as e-warong operators type them.
SAME = [
    ("CV. Sumber Pangan", "cv sumber pangan", "Sumber Pangan, CV", "C.V. Sumber  Pangan",
     "CV.Sumber Pangan", "SUMBER PANGAN (CV)"),
    ("PT. Maju Jaya Abadi Tbk", "Maju Jaya Abadi, PT", "pt maju jaya abadi"),
    ("UD. Tiga Saudara", "U.D. Tiga Saudara", "Tiga Saudara UD", "ud tiga saudara"),
    ("Toko H. Salim", "toko haji salim", "TOKO H SALIM"),
    ("Koperasi Tani Makmur", "Kop. Tani Makmur".replace("Kop.", "Koperasi"), "tani makmur"),
]  # fmt: skip
APART = [("CV Sumber Pangan", "CV Sumber Pangan Jaya"), ("UD Berkah", "UD Barokah"),
         ("Toko Salim", "Toko H. Salim")]  # fmt: skip


@pytest.mark.parametrize("names", SAME)
def test_spellings_of_one_supplier_are_one(names):
    rows = [Bought(f"W-{i}", True, n, None, 100) for i, n in enumerate(names)]
    suppliers, _ = group_suppliers(rows)
    assert len(suppliers) == 1 and len(suppliers[0].warongs) == len(names)


@pytest.mark.parametrize("names", APART)
def test_different_suppliers_stay_apart(names):
    suppliers, _ = group_suppliers([Bought("W", True, n, None, 100) for n in names])
    assert len(suppliers) == 2


def test_a_tax_number_decides_over_the_name():
    rows = [
        Bought("W-1", True, "CV Sumber Pangan", "012345678901000", 100),
        Bought("W-2", True, "Sumber Pangan", None, 100),  # no number: joins the one it has
        Bought("W-3", True, "PT Lain Sekali", "012345678901000", 100),  # same number, other name
        Bought("W-4", True, "Berkah", "111111111111111", 100),
        Bought("W-5", True, "Berkah", "222222222222222", 100),  # two firms named Berkah
        Bought("W-6", True, "berkah", None, 100),  # ...so this one joins neither
        Bought("W-7", False, "Sumber Pangan", None, 900),  # own source: never a supplier
    ]
    suppliers, goods = group_suppliers(rows)
    by_key = {s.key: s.warongs for s in suppliers}
    assert by_key == {
        "npwp:012345678901000": ("W-1", "W-2", "W-3"),
        "npwp:111111111111111": ("W-4",),
        "npwp:222222222222222": ("W-5",),
        "name:berkah": ("W-6",),
    }
    assert goods == 1_500


def test_target_trend_and_moving_away(engine, db_path, tmp_path, capsys):
    district(engine, tmp_path)
    assert main(["--db", str(db_path), "target"]) == 0
    assert "Belum ada target" in capsys.readouterr().out
    assert main(["--db", str(db_path), "target", "60", "--from", "2024-01", "--note", "SK 1"]) == 0
    assert main(["--db", str(db_path), "target", "60"]) == 2  # --from is needed
    assert main(["--db", str(db_path), "target", "160", "--from", "2024-01"]) == 1
    assert main(["--db", str(db_path), "target", "x", "--from", "2024-01"]) == 1
    assert main(["--db", str(db_path), "target", "50", "--from", "2024-13"]) == 2
    capsys.readouterr()
    assert main(["--db", str(db_path), "--lang", "en", "target"]) == 0
    assert "60% from January 2024 — SK 1" in capsys.readouterr().out
    section = build_report(engine, MAY).independence
    assert section is not None and section.target == 60
    trends = {t.code: t for t in section.trends}
    assert str(trends["A-01"].months[0][0]) == "2023-06"
    assert trends["A-01"].months[-1][1] == 0.25
    assert trends["A-01"].moved_away
    assert not trends["B-02"].moved_away and not trends["C-03"].moved_away
    flags = [f for f in build_report(engine, MAY).flags if f.kind == "target_moved_away"]
    assert [f.code for f in flags] == ["A-01"]
    assert "dari 80% menjadi 25%" in flags[0].id_text


def test_report_text_pdf_and_xlsx_show_the_section(engine, db_path, tmp_path, capsys):
    district(engine, tmp_path)
    assert main(["--db", str(db_path), "target", "60", "--from", "2024-01"]) == 0
    pdf, xlsx = tmp_path / "lap.pdf", tmp_path / "lap.xlsx"
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "--month", "2024-05", "--out", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "Dana KUBE per akhir Mei 2024" in out and "Wawai Karya" in out
    assert "menjauh dari target" in out
    assert "......888222" in out  # A-01's twelve months, in tenths
    out.encode("cp1252")  # a Windows console or a redirected file can take it all
    assert "Bergantung pada satu pemasok" in out
    # Stored on the one flag footing: listed, and reviewed like any flag.
    assert main(["--db", str(db_path), "flags", "--open"]) == 0
    listed = capsys.readouterr().out
    assert "[Bergantung pada satu pemasok] A-01: 75% barang Mei 2024" in listed
    assert "[Menjauh dari target] A-01" in listed
    lines = page_lines("\n".join(page_texts(pdf)))
    text = "\n".join(lines)
    assert "Dana KUBE per akhir Mei 2024" in text
    assert "Porsi sumber sendiri 12 bulan terhadap target 60%" in text
    assert "Rp8.000.000" in text  # C-03's balance
    assert main(["--db", str(db_path), "--lang", "en", "report", "--month", "2024-05",
                 "--out", str(xlsx)]) == 0  # fmt: skip
    book = load_workbook(xlsx)
    fund_rows = {r[0]: r for r in book["KUBE fund"].iter_rows(min_row=4, values_only=True)}
    assert fund_rows["C-03"][3:8] == (10_000_000, 2_000_000, 8_000_000, 2_000_000, 1.0)
    target = list(book["Target"].iter_rows(values_only=True))
    assert target[1] == ("Target (%)", 60) + (None,) * (len(target[1]) - 2)
    header = target[2]
    assert header[2] == "2023-06" and header[13] == "2024-05"
    a_row = next(r for r in target if r[0] == "A-01")
    assert a_row[13] == 0.25 and a_row[14] == "moving away"


def test_suppliers_command_text_pdf_xlsx(engine, db_path, tmp_path, capsys):
    district(engine, tmp_path)
    capsys.readouterr()
    assert main(["--db", str(db_path), "suppliers", "--month", "2024-05"]) == 0
    out = capsys.readouterr().out
    assert "CV. Sumber Pangan" in out and SP_NPWP in out and "39,0%" in out
    pdf, xlsx = tmp_path / "pemasok.pdf", tmp_path / "pemasok.xlsx"
    assert main(["--db", str(db_path), "suppliers", "--month", "2024-05", "--out", str(pdf)]) == 0
    assert main(["--db", str(db_path), "suppliers", "--out", str(xlsx)]) == 0
    text = "\n".join(page_texts(pdf))
    assert "Sumber Pangan, CV" in text and "lebih dari 50%" in text
    sheet = load_workbook(xlsx)["Pemasok"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    # Every month on record: the December-April purchases of A-01 count too.
    assert rows["UD Tiga Saudara"][3:5] == (2, 1_900_000)
    assert main(["--db", str(db_path), "suppliers", "--out", str(tmp_path / "x.doc")]) == 2
    assert main(["--db", str(db_path), "suppliers", "--month", "Mei"]) == 2


def test_a_district_made_before_d0004_keeps_what_it_already_received(tmp_path):
    """Bundles carrying the optional table and field imported before d0004 (kept as received)
    come through the upgrade in the new table and column."""
    from alembic import command

    from ewarong_desktop.district.db import alembic_config, open_engine

    path = tmp_path / "old.sqlite"
    engine = open_engine(str(path))
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "d0002")
        conn.commit()
    engine.dispose()
    fund_json = ('{"amount_rupiah":5000000,"date":"2024-03-01","id":"f1","kind":"tranche",'
                 '"note":"","purchase_id":null,"purpose":null,"reference":null,"stage":1,'
                 '"status":"completed","version":1,"void_reason":null}')  # fmt: skip
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO other_records VALUES ('fund_entries','f1','A-01',1,'x','t',1,?)",
            (fund_json,),
        )
        db.execute(
            "INSERT INTO purchases (id, warong_code, version, content_sha256, updated_at, "
            "bundle_id, record, date, month, source, source_kind, source_name, total_rupiah, "
            "status) VALUES ('p1','A-01',1,'x','t',1,?,'2024-03-02','2024-03','third_party',"
            "'pemasok','CV X',100,'completed')",
            ('{"id":"p1","source_tax_id":"012345678901000"}',),
        )
    db.close()
    engine = open_engine(str(path))  # upgrades to head
    with engine.connect() as conn:
        fund_row = conn.exec_driver_sql("SELECT kind, stage, amount_rupiah FROM fund_entries").one()
        tax = conn.exec_driver_sql("SELECT source_tax_id FROM purchases").scalar()
        other = conn.exec_driver_sql("SELECT count(*) FROM other_records").scalar()
    assert tuple(fund_row) == ("tranche", 1, 5_000_000)
    assert (tax, other) == ("012345678901000", 0)


@pytest.mark.postgres
def test_the_same_on_postgresql(pg_url, tmp_path, capsys):
    from ewarong_desktop.district.db import open_engine

    engine = open_engine(pg_url)
    try:
        district(engine, tmp_path)
        assert main(["--db", pg_url, "target", "60", "--from", "2024-01"]) == 0
        report = build_report(engine, MAY)
        section = report.independence
        assert section is not None
        assert {p.code: p.left for p in section.fund} == {
            "A-01": 6_000_000, "B-02": 0, "C-03": 8_000_000}  # fmt: skip
        assert [t.code for t in section.trends if t.moved_away] == ["A-01"]
        kinds = {(f.kind, f.code) for f in report.flags}
        assert {("supplier_dependence", "A-01"), ("supplier_concentration", ""),
                ("target_moved_away", "A-01")} <= kinds  # fmt: skip
        with reading(engine) as conn:
            top = supplier_report(conn, MAY).suppliers[0]
        assert (top.tax_id, len(top.warongs), top.rupiah) == (SP_NPWP, 3, 4_100_000)
        assert main(["--db", pg_url, "suppliers", "--out", str(tmp_path / "s.xlsx")]) == 0
    finally:
        engine.dispose()


def test_a_purchase_the_app_could_never_have_made_counts_for_no_supplier(engine, tmp_path):
    lap = Laptop(code="D-04")
    enrol_laptop(engine, lap, tmp_path / "enrol")
    tables, bought = with_rice({})
    tables["purchases"] = [bought("2024-05-02", 1_000_000)]
    ghost = purchase("2024-05-03", [line(new_id(), "1", 9_000_000)], own=False)  # no product
    ghost["source_name"] = "CV Hantu"
    tables["purchases"].append(ghost)
    built = lap.export(tables)
    assert Intake(engine, dry_run=False).run([save(built, tmp_path / "d")])[0].accepted
    with reading(engine) as conn:
        report = supplier_report(conn, MAY)
    assert report.suppliers == () and report.goods_rupiah == 1_000_000
    assert report.findings == ()
    section = build_report(engine, MAY).independence
    assert section is not None
    assert [t.months[-1][1] for t in section.trends] == [1.0]
