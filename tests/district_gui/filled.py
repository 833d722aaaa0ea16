"""A district database as an officer meets it after a month of USB sticks: four e-warongs in
two kecamatan with honest bundles, one of them (CURANG-01) sending records the app could never
have made (imported and flagged), and bad bundles among the good ones (a damaged byte, an
e-warong nobody enrolled) refused, nothing of them stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from ewarong_desktop.district.enrolment import enrol
from ewarong_desktop.district.intake import Intake
from ewarong_desktop.district.target import set_target
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
from tests.district.conftest import save
from tests.district.test_flags import _dishonest_month
from tests.district.test_independence import fund
from tests.sync.bundlekit import Laptop, entries, month_tables, rezip, warong

PLACES = {
    "JUJUR-01": "Way Jepara",
    "JUJUR-02": "Way Jepara",
    "SEHAT-03": "Batanghari",
    "CURANG-01": "Batanghari",
}


@dataclass
class Filled:
    laptops: dict[str, Laptop]
    imported: list[str] = field(default_factory=list)  # outcome lines, as the CLI prints them
    refused: list[str] = field(default_factory=list)


def enrolment_in(lap: Laptop, kecamatan: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / enrolment_filename(lap.code)
    place = dict(warong(lap.code), kecamatan=kecamatan)
    path.write_bytes(enrolment_bytes(place, lap.epoch, lap.key.public_key()))
    return path


def fill(engine: Engine, folder: Path) -> Filled:
    laptops = {code: Laptop(code=code) for code in PLACES}
    for code, lap in laptops.items():
        enrol(engine, enrolment_in(lap, PLACES[code], folder / "enrol"), lap.enrolled.key_id)
    sticks = folder / "stick"
    month = {
        "JUJUR-01": month_tables("2024-05", kpm=4, base=100),
        "JUJUR-02": month_tables("2024-05", kpm=2, base=900),  # CURANG-01 lists nik(900) too
        "SEHAT-03": month_tables("2024-05", kpm=3, base=200),
        "CURANG-01": _dishonest_month()[0],
    }
    # JUJUR-01 holds a KUBE fund tranche and used part of it on its own-source goods.
    month["JUJUR-01"]["fund_entries"] = [
        fund("2024-02-01", "tranche", 10_000_000, reference="B-1/DINSOS"),
        fund("2024-05-04", "use", 3_000_000, "barang_sumber_sendiri"),
    ]
    # SEHAT-03 bought everything from a supplier this month: its own-source share is 0%.
    month["SEHAT-03"]["purchases"] = [
        dict(p, source="third_party", source_kind="pemasok", source_name="CV Pemasok")
        for p in month["SEHAT-03"]["purchases"]
    ]
    paths = [save(laptops[code].export(tables), sticks) for code, tables in month.items()]
    # A second bundle of JUJUR-01 with one byte of its data changed after signing.
    later = laptops["JUJUR-01"].export(month_tables("2024-06", kpm=1, base=150))
    damaged = rezip(
        (name, data.replace(b"KPM", b"KPX", 1) if name.startswith("data/") else data)
        for name, data in entries(later.data)
    )
    paths.append(save(later, sticks / "damaged", damaged))
    # A bundle from an e-warong the district never enrolled.
    paths.append(save(Laptop(code="ASING-09").export(month_tables("2024-05", kpm=1)), sticks))
    filled = Filled(laptops)
    for outcome in Intake(engine, dry_run=False).run(paths):
        (filled.imported if outcome.accepted else filled.refused).append(outcome.message("en"))
    # The stick as built: four bundles in, two refused (a test on it would else prove less).
    assert (len(filled.imported), len(filled.refused)) == (4, 2), filled
    set_target(engine, 60, Period(2024, 1), "SK Bupati")
    return filled
