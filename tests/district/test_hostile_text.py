"""Issue 13, points 5 and 11 to 13 on the district: text in a file stays text.

Identifiers are ASCII digits and no text carries control characters (refused by rule 3, the
same on SQLite and PostgreSQL, where NUL in text used to block a shop for good); names never
become markup, formulas or terminal commands; a bad period does not break `report`; a closed
pipe is a normal end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import update

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.models import Redemption, Warong
from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
from tests.district.conftest import save
from tests.sync.bundlekit import (
    Laptop,
    entries,
    month_tables,
    replace_data,
    resign,
    warong,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "district.sqlite")


def enrolled(db: str, tmp_path: Path, laptop: Laptop, name: str | None = None) -> None:
    info = warong(laptop.code)
    if name is not None:
        info["name"] = name
    folder = tmp_path / "enrol" / laptop.code
    folder.mkdir(parents=True)
    path = folder / enrolment_filename(laptop.code)
    path.write_bytes(enrolment_bytes(info, laptop.epoch, laptop.key.public_key()))
    assert main(["--db", db, "enrol", str(path), "--fingerprint", laptop.enrolled.key_id]) == 0


def with_beneficiary(laptop: Laptop, **changes: str) -> bytes:
    """A signed bundle whose one KPM record carries `changes` (the writer would refuse them)."""
    tables = month_tables("2024-05", kpm=1)
    built = laptop.export(tables)
    record = {**tables["beneficiaries"][0], **changes}
    line = json.dumps(record, ensure_ascii=False, sort_keys=True).encode() + b"\n"
    return replace_data(built.data, laptop.key, "beneficiaries", line)


HOSTILE = {
    "full-width NIK": {"nik": "１８０７１２０１０１９００００１"},
    "superscript KKS": {"kks_number": "50000000000000¹²"},
    "Arabic-Indic NIK": {"nik": "١٨٠٧١٢٠١٠١٩٠٠٠٠١"},
    "NUL in a name": {"name": "Siti\x00Aminah"},
    "ESC in a desa": {"desa": "Sukadana\x1b[2J"},
    "C1 control in a name": {"name": "Siti\x9bAminah"},
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_identifiers_and_text_are_refused_alike_on_sqlite_and_postgresql(
    db, tmp_path, capsys, case
):
    laptop = Laptop()
    enrolled(db, tmp_path, laptop)
    usb = tmp_path / "usb"
    usb.mkdir()
    bad = usb / "bad.ewb"
    bad.write_bytes(with_beneficiary(laptop, **HOSTILE[case]))
    assert main(["--db", db, "--lang", "en", "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "REFUSED — rule 3 (data entries): data/beneficiaries.jsonl line 1: field" in out
    # Nothing was poisoned: the shop's next, honest full bundle imports on either database.
    laptop.seq, laptop.prev = 0, None
    good = save(laptop.export(month_tables("2024-05", kpm=2)), tmp_path / "good")
    assert main(["--db", db, "--lang", "en", "import", str(good)]) == 0


def test_a_control_character_in_the_manifest_or_enrolment_is_refused(tmp_path, capsys):
    db = str(tmp_path / "district.sqlite")
    laptop = Laptop()
    folder = tmp_path / "enrol"
    folder.mkdir()
    path = folder / enrolment_filename(laptop.code)
    info = {**warong(laptop.code), "name": "Toko\x1b]0;pwned\x07"}
    path.write_bytes(enrolment_bytes(info, 1, laptop.key.public_key()))
    assert main(["--db", db, "enrol", str(path), "--fingerprint", laptop.enrolled.key_id]) == 1
    assert "karakter kontrol" in capsys.readouterr().err
    enrolled(db, tmp_path, laptop)
    built = laptop.export({})
    manifest = json.loads(dict(entries(built.data))["manifest.json"])
    manifest["created_at"] = "2024-05-01T00:00:00Z\x00"
    bad = tmp_path / "bad.ewb"
    bad.write_bytes(resign(built.data, laptop.key, json.dumps(manifest).encode()))
    assert main(["--db", db, "--lang", "en", "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "rule 2" in out and "'created_at' holds a control character" in out


NAME = '<b>Toko</b> <img src="/etc/passwd"/> =HYPERLINK("http://x")'


def test_names_stay_text_in_the_district_pdf_and_workbook(tmp_path, capsys):
    db = str(tmp_path / "district.sqlite")
    laptop = Laptop(code="HTML-01")
    enrolled(db, tmp_path, laptop, name=NAME)
    first = Laptop(code="FORMULA-01")
    enrolled(db, tmp_path, first, name='=1+2" & "')
    for lap in (laptop, first):
        path = save(lap.export(month_tables("2024-05", kpm=2)), tmp_path / "usb")
    assert main(["--db", db, "import", str(path.parent)]) == 0
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(["--db", db, "report", "--month", "2024-05", "--out", str(pdf)]) == 0
    text = " ".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "<b>Toko</b>" in text and '<img src="/etc/passwd"/>' in text
    assert all(not page.images for page in PdfReader(pdf).pages)  # nothing embedded
    assert main(["--db", db, "report", "--month", "2024-05", "--out", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    assert cells[NAME] == "s" and cells['=1+2" & "'] == "s"  # shown, never calculated


def test_names_reach_the_terminal_without_control_characters(tmp_path, capsys):
    db = str(tmp_path / "district.sqlite")
    laptop = Laptop()
    enrolled(db, tmp_path, laptop)
    engine = open_engine(db)
    with engine.begin() as conn:  # held by a database from before this check
        conn.execute(update(Warong).values(name="Toko\x1b[2J\x1b]0;pwned\x07 Jaya\r"))
    assert main(["--db", db, "list"]) == 0
    out = capsys.readouterr().out
    assert "Toko?[2J?]0;pwned? Jaya?" in out and "\x1b" not in out and "\r" not in out


def test_report_without_month_skips_an_impossible_period(tmp_path, capsys):
    db = str(tmp_path / "district.sqlite")
    laptop = Laptop()
    enrolled(db, tmp_path, laptop)
    path = save(laptop.export(month_tables("2024-05", kpm=2)), tmp_path / "usb")
    assert main(["--db", db, "import", str(path)]) == 0
    engine = open_engine(db)
    with engine.begin() as conn:  # a laptop's clock in the year 9999 (flagged at import)
        conn.execute(update(Redemption).values(period="9999-12").where(Redemption.id.in_(
            [r.id for r in conn.execute(Redemption.__table__.select()).fetchall()[:1]]
        )))  # fmt: skip
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "report"]) == 0
    assert "District report May 2024" in capsys.readouterr().out


def _closed_pipe(command: list[str]) -> tuple[int, str]:
    script = (
        "import sys, runpy; sys.argv = sys.argv[1:]; "
        "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # `| head -1` that has already read what it wanted
    with child.stderr:
        err = child.stderr.read().decode()
    return child.wait(timeout=120), err


def test_a_closed_pipe_is_a_quiet_end(tmp_path):
    """`ewarong-district report | head -1` and the same for `ewarong-desktop`: exit 0, and
    not a word on standard error (it said "bug: BrokenPipeError")."""
    db = str(tmp_path / "district.sqlite")
    enrolled(db, tmp_path, Laptop())
    assert _closed_pipe(["ewarong_desktop.district.cli", "--db", db, "report"]) == (0, "")
    assert _closed_pipe(["ewarong_desktop.district.cli", "--help"]) == (0, "")
    data = ["--data-dir", str(tmp_path / "shop")]
    assert _closed_pipe(["ewarong_desktop", *data, "--help"]) == (0, "")
