"""Round trip of the KUBE fund and the suppliers' tax numbers: the shop's demo store, its
bundles, the district's import; the district's fund figures are the shop's own, month by month,
and a void made after the first bundle travels in the next."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ewarong_desktop.cli import main as desktop
from ewarong_desktop.district.cli import main as district
from ewarong_desktop.district.db import open_engine, reading
from ewarong_desktop.district.models import Purchase as DistrictPurchase
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import fund, purchases
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext


def test_fund_and_tax_ids_reach_the_district(tmp_path, capsys, monkeypatch):
    data, usb, db = tmp_path / "data", tmp_path / "usb", str(tmp_path / "district.sqlite")
    usb.mkdir()
    assert desktop(["--data-dir", str(data), "demo", "--kpm", "6", "--months", "3"]) == 0
    # export signs a file: the demo's admin, with the PIN it printed, runs it
    pin = capsys.readouterr().out.split("PIN admin (admin): ")[1].split()[0]
    monkeypatch.setenv("EWARONG_OPERATOR", "admin")
    monkeypatch.setenv("EWARONG_PIN", pin)
    assert desktop(["--data-dir", str(data), "export", "--out", str(usb)]) == 0
    ctx = ServiceContext.open(data, CLI_ACTOR)
    try:
        last_use = fund.ledger(ctx).entries[-1]
        fund.void_entry(ctx, last_use.id, "salah catat")
        shop_tax = {p.id: p.source_tax_id for p in purchases.list_purchases(ctx)}
    finally:
        ctx.close()
    assert desktop(["--data-dir", str(data), "export", "--out", str(usb)]) == 0
    capsys.readouterr()
    assert desktop(["--data-dir", str(data), "enrolment", "--out", str(usb)]) == 0
    fingerprint = capsys.readouterr().out.strip().splitlines()[-1].split(": ")[-1]
    enrol_file = next(usb.glob("*.enrol.json"))
    assert district(["--db", db, "enrol", str(enrol_file), "--fingerprint", fingerprint]) == 0
    assert district(["--db", db, "import", str(usb)]) == 0

    engine = open_engine(db)
    ctx = ServiceContext.open(data, CLI_ACTOR)
    try:
        for back in range(3):
            period = Period.of(date.today()).shift(-back)
            mine = fund.ledger(ctx, period.last_day())
            section = build_report(engine, period).independence
            assert section is not None
            [row] = section.fund
            assert (row.received, row.used, row.left, row.own_goods) == (
                mine.received_rupiah,
                mine.used_rupiah,
                mine.balance_rupiah,
                mine.goods_own_rupiah,
            ), period
        with reading(engine) as conn:
            rows = conn.execute(select(DistrictPurchase.id, DistrictPurchase.source_tax_id))
            theirs = {pid: tax for pid, tax in rows}
        assert theirs == shop_tax
        assert "012345678901000" in theirs.values() and None in theirs.values()
    finally:
        ctx.close()
        engine.dispose()
