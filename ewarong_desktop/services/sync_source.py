"""What a bundle carries: the store's records changed since a counter value, in contract shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.quantity import from_milli, quantity_text
from ewarong_desktop.store.database import Database
from ewarong_desktop.store.models import Beneficiary, FundEntry, Product, Purchase, Redemption
from ewarong_desktop.store.repositories.records import (
    change_counter_value,
    changed_since,
    store_id,
    warong_profile,
)


@dataclass(frozen=True)
class BundleSnapshot:
    warong: dict[str, str]
    change_to: int
    schema: str
    store_id: str
    tables: dict[str, list[dict[str, Any]]]


def rfc3339(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def _lines(lines: Any) -> list[dict[str, Any]]:
    return [
        {
            "product_id": line.product_id,
            "quantity": quantity_text(from_milli(line.quantity_milli)),
            "unit_price_rupiah": line.unit_price_rupiah,
            "total_rupiah": line.total_rupiah,
        }
        for line in lines
    ]


def _beneficiary(row: Beneficiary) -> dict[str, Any]:
    record = _beneficiary_fields(row)
    if not row.listed:  # the spec's optional field; absent means listed
        record["listed"] = False
    return record


def _beneficiary_fields(row: Beneficiary) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "updated_at": rfc3339(row.updated_at),
        "nik": row.nik,
        "kks_number": row.kks_number,
        "name": row.name,
        "desa": row.desa,
        "active": row.active,
        "eligible_from": row.eligible_from,
    }


def _product(row: Product) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "updated_at": rfc3339(row.updated_at),
        "code": row.code,
        "name": row.name,
        "category": row.category,
        "unit": row.unit,
        "price_rupiah": row.price_rupiah,
        "active": row.active,
    }


def _purchase(row: Purchase) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "updated_at": rfc3339(row.updated_at),
        "date": row.date.isoformat(),
        "source": "own" if row.is_own else "third_party",
        "source_kind": row.source.kind,
        "source_name": row.source.name,
        "source_tax_id": row.source_tax_id,
        "lines": _lines(row.lines),
        "total_rupiah": row.total_rupiah,
        "status": row.status,
        "void_reason": row.void_reason,
    }


def _redemption(row: Redemption) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "updated_at": rfc3339(row.updated_at),
        "beneficiary_id": row.beneficiary_id,
        "period": row.period,
        "lines": _lines(row.lines),
        "total_rupiah": row.total_rupiah,
        "edc_reference": row.edc_reference,
        "status": row.status,
        "void_reason": row.void_reason,
        "void_edc_reference": row.void_edc_reference,
        "operator": row.operator_name,
        "created_at": rfc3339(row.created_at),
    }


def _fund_entry(row: FundEntry) -> dict[str, Any]:
    return {
        "id": row.id,
        "version": row.version,
        "updated_at": rfc3339(row.updated_at),
        "date": row.date.isoformat(),
        "kind": row.kind,
        "stage": row.stage,
        "amount_rupiah": row.amount_rupiah,
        "purpose": row.purpose,
        "purchase_id": row.purchase_id,
        "reference": row.reference,
        "note": row.note,
        "status": row.status,
        "void_reason": row.void_reason,
    }


def snapshot_in(session: Session, since: int, schema: str) -> BundleSnapshot:
    upto = change_counter_value(session)
    profile = warong_profile(session)
    tables = {
        "beneficiaries": [
            _beneficiary(r) for r in changed_since(session, Beneficiary, since, upto)
        ],
        "products": [_product(r) for r in changed_since(session, Product, since, upto)],
        "purchases": [_purchase(r) for r in changed_since(session, Purchase, since, upto)],
        "redemptions": [_redemption(r) for r in changed_since(session, Redemption, since, upto)],
        "fund_entries": [_fund_entry(r) for r in changed_since(session, FundEntry, since, upto)],
    }
    warong = {k: getattr(profile, k) for k in ("code", "name", "desa", "kecamatan", "kabupaten")}
    return BundleSnapshot(warong, upto, schema, store_id(session), tables)


def bundle_snapshot(db: Database, since: int) -> BundleSnapshot:
    """Records changed in (since, now]; `since=0` is everything (a full bundle)."""
    schema = db.schema_revision() or ""
    with db.reading() as session:
        return snapshot_in(session, since, schema)
