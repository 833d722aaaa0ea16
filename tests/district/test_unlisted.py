"""A KPM served at a shop whose list they are not on (`listed: false`): imported as such, and
counted by the cross-shop check like any KPM, by NIK."""

from __future__ import annotations

import json

from sqlalchemy import select

from ewarong_desktop.district.models import Beneficiary, RecordVersion, held_version
from ewarong_desktop.district.report import build_report
from ewarong_desktop.domain.periods import Period
from tests.district.conftest import enrol_laptop
from tests.district.test_report import imported
from tests.sync.bundlekit import Laptop, beneficiary, line, product, redemption


def test_an_unlisted_kpm_over_the_entitlement_across_shops_is_flagged(engine, tmp_path):
    home, neighbour = Laptop(code="A-01"), Laptop(code="B-02")
    for lap in (home, neighbour):
        enrol_laptop(engine, lap, tmp_path)
    rice_a, rice_b = product(), product()
    listed = beneficiary(9)
    imported(engine, tmp_path, home, {
        "beneficiaries": [listed],
        "products": [rice_a],
        "redemptions": [redemption(listed["id"], "2024-05", [line(rice_a["id"], "10", 12_000)])],
    })  # fmt: skip
    # The same family, sent to the neighbouring shop, registered there as not on its list.
    sent = beneficiary(9, listed=False)
    imported(engine, tmp_path, neighbour, {
        "beneficiaries": [sent],
        "products": [rice_b],
        "redemptions": [redemption(sent["id"], "2024-05", [line(rice_b["id"], "10", 12_000)])],
    })  # fmt: skip
    with engine.connect() as conn:
        stored = conn.execute(
            select(RecordVersion.record)
            .join(Beneficiary, held_version(Beneficiary))
            .where(Beneficiary.id == sent["id"])
        )
        assert json.loads(stored.scalar_one())["listed"] is False
    over = [f for f in build_report(engine, Period(2024, 5)).flags if f.kind == "over_redeemed"]
    assert len(over) == 1 and "A-01" in over[0].en_text and "B-02" in over[0].en_text
