"""Whatever valid records go into a bundle come out of the reader exactly the same."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.domain.quantity import quantity_text
from ewarong_desktop.sync.reader import open_envelope_bytes, read_data, verify_manifest
from tests.sync.bundlekit import KeyRingStub, Laptop, beneficiary, product, redemption

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9999"), places=3)
prices = st.integers(min_value=0, max_value=5_000_000)
# Any Unicode a KPM's name may hold; control characters are refused (test_reader_limits).
names = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(st.tuples(quantities, prices), min_size=1, max_size=6),
    name=names,
    voided=st.booleans(),
)
def test_records_survive_write_and_read(lines, name, voided):
    lap = Laptop()
    kpm = beneficiary(1, name=name)
    item = product()
    bundle_lines = [
        {
            "product_id": item["id"],
            "quantity": quantity_text(q),
            "unit_price_rupiah": p,
            "total_rupiah": line_total(q, p),
        }
        for q, p in lines
    ]
    red = redemption(kpm["id"], "2024-05", bundle_lines, status="voided" if voided else "completed")
    tables = {"beneficiaries": [kpm], "products": [item], "redemptions": [red]}
    built = lap.export(tables)
    envelope = open_envelope_bytes(built.data, built.filename)
    result = read_data(envelope, verify_manifest(envelope, KeyRingStub(lap)))
    assert result.tables["redemptions"] == [red]
    assert result.tables["beneficiaries"] == [kpm]
    assert result.manifest.summary["redemptions"]["count"] == (0 if voided else 1)
