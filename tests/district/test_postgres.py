"""The district side on PostgreSQL: migrations, enrol, import, re-import, report, rates.

Needs EWARONG_TEST_PG_URL (e.g. postgresql+psycopg://ewarong:ewarong@localhost/ewarong_test).
Without it the test is skipped on a developer's machine, but fails in CI (CI=true), where
`.ci/run` starts PostgreSQL first (`.ci/services.sh`, which writes `.ci/pg.env`).
"""

from __future__ import annotations

import pytest

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from tests.district.conftest import enrolment_file, save
from tests.sync.bundlekit import Laptop, month_tables

pytestmark = pytest.mark.postgres


def test_district_on_postgresql(pg_url, tmp_path, capsys):
    laptops = [Laptop(code=f"PG-{i}") for i in range(2)]
    for lap in laptops:
        path = enrolment_file(lap, tmp_path)
        assert main(["--db", pg_url, "enrol", str(path), "--fingerprint", lap.enrolled.key_id]) == 0
    usb = tmp_path / "usb"
    for n, lap in enumerate(laptops):
        tables = month_tables("2024-05", kpm=3, base=100 * n)
        # The contract sets no lengths: a long name must not hit a VARCHAR limit.
        tables["beneficiaries"][0]["name"] = "Siti " * 80
        tables["products"][0]["unit"] = "karung 25 kg (" + "x" * 40 + ")"
        save(lap.export(tables), usb)
        save(lap.export(month_tables("2024-06", kpm=2, base=100 * n + 50)), usb)
    assert main(["--db", pg_url, "import", str(usb)]) == 0
    assert "4 diterima" in capsys.readouterr().out
    assert main(["--db", pg_url, "import", str(usb)]) == 0
    assert capsys.readouterr().out.count("sudah diimpor (already imported)") == 4
    # A gap is refused, named, and remembered for the report on PostgreSQL too.
    lap = laptops[0]
    gap = lap.export({})
    lap.export({})
    later = save(lap.export({}), tmp_path / "later")
    assert main(["--db", pg_url, "import", str(later)]) == 1
    assert "seq 3, 4" in capsys.readouterr().out
    engine = open_engine(pg_url)
    report = build_report(engine, Period(2024, 5))
    assert report.total.redemptions == 6 and report.total.kpm_served == 6
    assert [f.kind for f in report.flags if f.code == lap.code] == ["sequence_gap"]
    assert gap.manifest.seq == 3
    # The rates table was seeded on PostgreSQL too, and a new rate is read by the report.
    over = [f for f in report.flags if f.kind == "over_redeemed"]
    assert over == []
    add = ["--db", pg_url, "rates", "add", "Rp100.000", "--from", "2024-05"]
    assert main(add) == 1
    assert "Mei 2024 0 → 6 KPM" in capsys.readouterr().out
    assert main([*add, "--yes"]) == 0
    assert "Rp200.000 Maret 2020 sampai April 2024" in capsys.readouterr().out
    assert main(["--db", pg_url, "rates", "add", "90000", "--from", "2024-05", "--yes"]) == 1
    assert "sudah ada besaran" in capsys.readouterr().err.lower()
    assert main(["--db", pg_url, "--lang", "en", "rates"]) == 0
    assert capsys.readouterr().out.count("\n") == 4
    report = build_report(engine, Period(2024, 5))
    assert len([f for f in report.flags if f.kind == "over_redeemed"]) == 6
    engine.dispose()
