"""Round trip: demo store, export, change, export again, district import of both; the
district's figures equal the e-warong's own monthly figures, month by month."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ewarong_desktop.cli import main as desktop
from ewarong_desktop.district.cli import main as district
from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput, record_purchase
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.store.models import Product, Redemption


def month_json(data_dir, period: Period, capsys) -> dict:
    capsys.readouterr()
    assert desktop(["--data-dir", str(data_dir), "month", str(period), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def change_something(data_dir) -> Period:
    """Void the first redemption and buy from a supplier this month: both must travel."""
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        with ctx.reading() as session:
            red = session.scalars(
                select(Redemption).where(Redemption.status == "completed").limit(1)
            ).one()
            rid, period = red.id, Period.parse(red.period)
            product_id = session.scalars(select(Product.id).limit(1)).one()
        void_redemption(ctx, rid, "Salah input", "REV-1")
        record_purchase(
            ctx,
            PurchaseInput(
                ctx.today(),
                "pemasok",
                "CV Maju",
                (PurchaseLineInput(product_id, Decimal("3"), 9_500),),
            ),
        )
        return period
    finally:
        ctx.close()


def test_round_trip_district_equals_ewarong(tmp_path, capsys, monkeypatch):
    data, usb, db = tmp_path / "data", tmp_path / "usb", str(tmp_path / "district.sqlite")
    usb.mkdir()
    assert desktop(["--data-dir", str(data), "demo", "--kpm", "15", "--months", "3"]) == 0
    # export signs a file: the demo's admin, with the PIN it printed, runs it
    pin = capsys.readouterr().out.split("PIN admin (admin): ")[1].split()[0]
    monkeypatch.setenv("EWARONG_OPERATOR", "admin")
    monkeypatch.setenv("EWARONG_PIN", pin)
    assert desktop(["--data-dir", str(data), "export", "--out", str(usb)]) == 0
    changed_period = change_something(data)
    assert desktop(["--data-dir", str(data), "export", "--out", str(usb)]) == 0
    capsys.readouterr()
    assert desktop(["--data-dir", str(data), "enrolment", "--out", str(usb)]) == 0
    fingerprint = capsys.readouterr().out.strip().splitlines()[-1].split(": ")[-1]
    enrol_file = next(usb.glob("*.enrol.json"))
    assert district(["--db", db, "enrol", str(enrol_file), "--fingerprint", fingerprint]) == 0
    assert district(["--db", db, "import", str(usb)]) == 0
    out = capsys.readouterr().out
    assert "2 diterima, 0 ditolak" in out

    engine = open_engine(db)
    months = [Period.of(date.today()).shift(-i) for i in range(3)]
    assert changed_period in months
    for period in months:
        mine = month_json(data, period, capsys)
        report = build_report(engine, period)
        [row] = report.warongs
        assert row.kpm_served == mine["kpm_served"], period
        assert row.redemptions == mine["redemptions_count"], period
        assert row.redeemed_rupiah == mine["redemptions_total_rupiah"], period
        assert row.own_rupiah == mine["purchases_own_rupiah"], period
        assert row.third_party_rupiah == mine["purchases_third_party_rupiah"], period
        assert not row.has_unmatched, period
    # Honest bundles from the app raise none of the checks on records (issue #12): no record
    # flagged, nothing left out of the figures.
    from ewarong_desktop.district.flags import KINDS, list_flags

    record_kinds = {k.name for k in KINDS.values() if k.origin == "import"}
    assert [f.line("en") for f in list_flags(engine) if f.kind in record_kinds] == []
    engine.dispose()
