"""A district office filled from demo shops, for the district window's tests and for
`tools/real_window.py`: three e-warongs in two kecamatan (one sealing its bundles to the
office's key), enrolled but nothing imported, and a stick with their bundles and three bad
files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

SHOPS = (
    # code, name, desa, kecamatan: three e-warongs in two kecamatan
    ("LTM-SKP-01", "E-Warong KUBE Sejahtera", "Sidodadi", "Sekampung"),
    ("LTM-SKP-02", "E-Warong Maju Bersama", "Giriklopomulyo", "Sekampung"),
    ("LTM-BTH-03", "E-Warong Tani Makmur", "Sumbersari", "Batanghari"),
)
SEALED = "LTM-BTH-03"  # this shop enrolled the district's key: its bundle is encrypted
BAD_FILES = ("rusak.ewb", "ewarong-LTM-XXX-09-e1-000001.ewb", "diubah.ewb")


@dataclass(frozen=True)
class Office:
    """A district database with the demo shops enrolled (nothing imported yet), the office's
    keys, and a stick holding each shop's full bundle and three bad files: garbage, a bundle
    from an e-warong never enrolled, and a bundle altered after signing."""

    db: Path
    keys: Path
    stick: Path
    codes: tuple[str, ...]


def build_office(root: Path, kpm: int = 6, months: int = 3) -> Office:
    from ewarong_desktop.district.db import open_engine
    from ewarong_desktop.district.enrolment import enrol
    from ewarong_desktop.district.office import create_keys, write_key_file
    from ewarong_desktop.services import district_reply, sync_export
    from ewarong_desktop.services.context import Actor, ServiceContext
    from ewarong_desktop.services.demo import DEMO_PROFILE, build_demo
    from ewarong_desktop.services.setup import initialise
    from tests.sync.bundlekit import Laptop, month_tables

    stick, papers = root / "stick", root / "papers"
    stick.mkdir(parents=True)
    papers.mkdir()
    keys = create_keys(root / "office-keys", "Dinas Sosial Lampung Timur", "Lampung Timur")
    key_file = write_key_file(keys, papers)
    db = root / "district.sqlite"
    engine = open_engine(str(db))
    try:
        for n, (code, name, desa, kecamatan) in enumerate(SHOPS):
            data = root / f"shop-{n}"
            profile = replace(DEMO_PROFILE, code=code, name=name, desa=desa, kecamatan=kecamatan)
            initialise(data, profile, admin_pin="135790")
            build_demo(data, kpm=kpm, months=months, seed=n + 1, actor=Actor("admin", "admin"))
            ctx = ServiceContext.open(data, Actor("admin", "admin"))
            try:
                if code == SEALED:
                    district_reply.enrol_district_key(ctx, key_file, keys.public.fingerprint)
                sync_export.export_bundle(ctx, stick)
                enrolment = sync_export.write_enrolment(ctx, papers)
                enrol(engine, enrolment, sync_export.key_info(ctx).key_id)
            finally:
                ctx.close()
        (stick / BAD_FILES[0]).write_bytes(b"PK\x03\x04 bukan bundel")
        stranger = Laptop(code="LTM-XXX-09")
        (stick / BAD_FILES[1]).write_bytes(stranger.export(month_tables("2024-05")).data)
        altered = bytearray(next(stick.glob("ewarong-LTM-SKP-01-*.ewb")).read_bytes())
        altered[len(altered) // 2] ^= 0xFF  # one byte changed after signing
        (stick / BAD_FILES[2]).write_bytes(bytes(altered))
    finally:
        engine.dispose()
    return Office(db, root / "office-keys", stick, tuple(s[0] for s in SHOPS))
