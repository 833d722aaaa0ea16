"""Typed columns of the optional tables, shared by the import and migration d0004's backfill."""

from __future__ import annotations

from typing import Any


def fund_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The `fund_entries` columns of one (already checked) record."""
    return {
        "date": record["date"],
        "kind": record["kind"],
        "stage": record.get("stage"),
        "amount_rupiah": record["amount_rupiah"],
        "purpose": record.get("purpose"),
        "purchase_id": record.get("purchase_id"),
        "status": record["status"],
    }
