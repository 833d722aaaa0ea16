"""The district's entitlement rates are its own data: seeded, listed, extended, and read by the
report's over-entitlement flag."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.db import alembic_config, open_engine
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.rates import list_rates
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.rules import DEFAULT_RATES, EntitlementRate
from tests.district.conftest import enrol_laptop, save
from tests.sync.bundlekit import Laptop, beneficiary, line, nik, product, redemption

MAY, APRIL = Period(2024, 5), Period(2024, 4)


def test_the_migration_seeds_the_default_rates(engine):
    rows = list_rates(engine)
    assert tuple(r.rate for r in rows) == DEFAULT_RATES
    assert all(r.note for r in rows)


def test_a_database_made_before_the_rates_table_gets_the_defaults(tmp_path):
    path = tmp_path / "old.sqlite"
    old = create_engine(f"sqlite:///{path}")
    with old.connect() as conn:
        command.upgrade(alembic_config(conn), "d0001")
        conn.commit()
    old.dispose()
    engine = open_engine(str(path))
    assert tuple(r.rate for r in list_rates(engine)) == DEFAULT_RATES
    engine.dispose()


def test_rates_are_listed_in_indonesian_and_in_english(db_path, capsys):
    assert main(["--db", str(db_path), "rates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert out[0].startswith("Rp110.000 Januari 2017 sampai Desember 2019")
    assert out[2].startswith("Rp200.000 mulai Maret 2020")
    assert main(["--db", str(db_path), "--lang", "en", "rates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Rp110.000 January 2017 to December 2019")
    assert out[2].startswith("Rp200.000 from March 2020")


def test_a_new_rate_closes_the_open_one_the_month_before(db_path, engine, capsys):
    args = ["--db", str(db_path), "rates", "add", "Rp250.000", "--from", "2027-01"]
    assert main([*args, "--note", "SK Mensos 2026"]) == 0
    out = capsys.readouterr().out
    assert "Rp250.000 mulai Januari 2027" in out
    assert "Rp200.000 Maret 2020 sampai Desember 2026" in out
    rows = list_rates(engine)
    assert [r.rate for r in rows][-2:] == [
        EntitlementRate(200_000, Period(2020, 3), Period(2026, 12)),
        EntitlementRate(250_000, Period(2027, 1), None),
    ]
    assert rows[-1].note == "SK Mensos 2026"
    assert main(["--db", str(db_path), "--lang", "en", "rates"]) == 0
    out = capsys.readouterr().out
    assert "Rp200.000 March 2020 to December 2026" in out
    assert "Rp250.000 from January 2027 — SK Mensos 2026, recorded" in out


def imported(engine, tmp_path, laptop, tables):
    built = laptop.export(tables)
    outcome = Intake(engine, dry_run=False).run([save(built, tmp_path / built.filename[:-4])])[0]
    assert outcome.status == "imported", outcome.message("en")


def _kpm_spending(engine, tmp_path, laptop, n, rupiah):
    beras, kpm = product(), beneficiary(n)
    lines = [line(beras["id"], "10", rupiah // 10)]
    imported(engine, tmp_path, laptop, {
        "beneficiaries": [kpm], "products": [beras],
        "redemptions": [redemption(kpm["id"], "2024-05", lines)],
    })  # fmt: skip


def over(report):
    return [f for f in report.flags if f.kind == "over_redeemed"]


def test_the_report_reads_the_stored_rates(engine, db_path, tmp_path, capsys):
    lap = Laptop(code="A-01")
    enrol_laptop(engine, lap, tmp_path)
    _kpm_spending(engine, tmp_path, lap, 7, 240_000)  # over the old Rp200.000, under the new
    _kpm_spending(engine, tmp_path, lap, 8, 260_000)  # over both
    assert len(over(build_report(engine, MAY))) == 2
    capsys.readouterr()
    # A rate for a month already reported changes its flags: said first, done only with --yes.
    add = ["--db", str(db_path), "rates", "add", "250000", "--from", "2024-05"]
    assert main(add) == 1
    out, err = capsys.readouterr()
    assert "Besaran mulai Mei 2024 mengubah hak bulan yang sudah dilaporkan (Mei 2024)" in out
    assert "Mei 2024 2 → 1 KPM" in out and "--yes" in err
    assert len(list_rates(engine)) == 3 and len(over(build_report(engine, MAY))) == 2
    assert main([*add, "--yes"]) == 0
    flagged = over(build_report(engine, MAY))
    assert len(flagged) == 1
    assert "Rp260.000" in flagged[0].en_text and "entitlement Rp250.000" in flagged[0].en_text
    assert nik(8) in flagged[0].en_text
    # April 2024 still has the Rp200.000 it had: the old rate now ends there.
    assert list_rates(engine)[2].rate.valid_until == APRIL
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "--month", "2024-05"]) == 0
    assert "hak Rp250.000" in capsys.readouterr().out


def test_no_rate_for_the_month_flags_nothing(engine, tmp_path):
    lap = Laptop(code="A-01")
    enrol_laptop(engine, lap, tmp_path)
    _kpm_spending(engine, tmp_path, lap, 7, 240_000)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM entitlement_rates")
    assert over(build_report(engine, MAY)) == []


@pytest.mark.parametrize(
    ("amount", "month", "indonesian", "english"),
    [
        ("300000", "2020-03", "Sudah ada besaran bantuan yang berlaku mulai 2020-03", "already"),
        ("300000", "2019-01", "besaran baru harus mulai sesudahnya", "must start after"),
        ("0", "2027-01", "Besar bantuan harus lebih dari 0", "more than 0"),
        ("Rp0", "2027-01", "Besar bantuan harus lebih dari 0", "more than 0"),
        ("abc", "2027-01", "bukan jumlah rupiah", "not an amount in rupiah"),
        ("250000", "2027-13", "Bulan 2027-13 tidak ada", "does not exist"),
        ("250000", "Jan 2027", "harus ditulis TTTT-BB", "must be written YYYY-MM"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    db_path, engine, capsys, amount, month, indonesian, english
):
    args = ["rates", "add", amount, "--from", month]
    assert main(["--db", str(db_path), *args]) == 1
    captured = capsys.readouterr()
    assert indonesian in captured.err and len(captured.err.strip().splitlines()) == 1
    assert captured.out == "" and "Traceback" not in captured.err
    assert main(["--db", str(db_path), "--lang", "en", *args]) == 1
    assert english in capsys.readouterr().err
    assert tuple(r.rate for r in list_rates(engine)) == DEFAULT_RATES


@pytest.mark.parametrize(
    "args",
    [["rates", "add", "250000"], ["rates", "add", "--from", "2027-01"], ["rates", "ubah"]],
)
def test_bad_usage_is_exit_2(db_path, capsys, args):
    assert main(["--db", str(db_path), *args]) == 2
    assert "ewarong-district --help" in capsys.readouterr().err


def test_rates_need_an_existing_database(tmp_path, capsys):
    db = tmp_path / "typo.sqlite"
    assert main(["--db", str(db), "rates", "add", "250000", "--from", "2027-01"]) == 2
    assert "database kabupaten belum ada" in capsys.readouterr().err
    assert not db.exists()
