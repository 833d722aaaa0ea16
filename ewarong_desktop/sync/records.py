"""What a record in a bundle must look like (BUNDLE_SPEC "Data entries"), and the summary.

The writer runs the same checks before it signs, so the laptop never sends what the district
would refuse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.domain.rules import CATEGORIES, SOURCE_KIND_THIRD_PARTY, SOURCE_KINDS
from ewarong_desktop.sync.strictjson import dumps_line

REQUIRED_TABLES = ("beneficiaries", "products", "purchases", "redemptions")
TABLE_NAME = re.compile(r"^[a-z_]+\Z")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?\Z")
NIK = re.compile(r"^[0-9]{16}\Z")
KKS = re.compile(r"^[0-9]{6,19}\Z")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
PERIOD = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])\Z")
# Integers beyond these are refused rather than overflowing a database column: JSON's safe
# integer range for money and counters, a 32-bit column for versions, epochs and seqs.
MAX_SAFE_INT = 2**53 - 1
MAX_SMALL_INT = 2**31 - 1
STATUSES = ("completed", "voided")
SOURCES = ("own", "third_party")


class RecordProblem(ValueError):
    """One record breaks the contract; the message names the field."""


Record = Mapping[str, Any]


def _need(record: Record, field: str) -> Any:
    if field not in record:
        raise RecordProblem(f"field '{field}' is missing")
    return record[field]


def _string(record: Record, field: str, *, nullable: bool = False) -> str | None:
    value = _need(record, field)
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise RecordProblem(f"field '{field}' must be a string")
    return value


def _int(value: Any, field: str, *, minimum: int = 0, maximum: int = MAX_SAFE_INT) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordProblem(f"field '{field}' must be an integer")
    if not minimum <= value <= maximum:
        raise RecordProblem(f"field '{field}' must be from {minimum} to {maximum}")
    return value


def _match(record: Record, field: str, pattern: re.Pattern[str], what: str) -> str:
    value = _string(record, field)
    assert value is not None
    if not pattern.match(value):
        raise RecordProblem(f"field '{field}' must be {what}, not {value!r}")
    return value


def _choice(record: Record, field: str, choices: Iterable[str]) -> str:
    value = _string(record, field)
    options = tuple(choices)
    if value not in options:
        raise RecordProblem(f"field '{field}' must be one of {', '.join(options)}, not {value!r}")
    return value


def _lines(record: Record) -> None:
    lines = _need(record, "lines")
    if not isinstance(lines, list) or not lines:
        raise RecordProblem("field 'lines' must be a non-empty list")
    total = 0
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, dict):
            raise RecordProblem(f"line {number} must be an object")
        try:
            _match(line, "product_id", UUID, "a lowercase UUID")
            quantity = _match(line, "quantity", QUANTITY, "plain decimal text")
            price = _int(_need(line, "unit_price_rupiah"), "unit_price_rupiah")
            line_sum = _int(_need(line, "total_rupiah"), "total_rupiah")
        except RecordProblem as exc:
            raise RecordProblem(f"line {number}: {exc}") from None
        expected = line_total(Decimal(quantity), price)
        if line_sum != expected:
            raise RecordProblem(
                f"line {number}: total_rupiah {line_sum} is not {quantity} x {price} = {expected}"
            )
        total += line_sum
    stated = _int(_need(record, "total_rupiah"), "total_rupiah")
    if stated != total:
        raise RecordProblem(f"total_rupiah {stated} is not the sum of its lines ({total})")


def _status(record: Record) -> None:
    _choice(record, "status", STATUSES)
    _string(record, "void_reason", nullable=True)


def _beneficiary(record: Record) -> None:
    _match(record, "nik", NIK, "16 digits")
    _match(record, "kks_number", KKS, "6 to 19 digits")
    _string(record, "name")
    _string(record, "desa")
    if not isinstance(_need(record, "active"), bool):
        raise RecordProblem("field 'active' must be true or false")


def _product(record: Record) -> None:
    _string(record, "name")
    _choice(record, "category", CATEGORIES)
    _string(record, "unit")


def _purchase(record: Record) -> None:
    day = _match(record, "date", DATE, "a date YYYY-MM-DD")
    try:
        date.fromisoformat(day)
    except ValueError:
        raise RecordProblem(f"field 'date' {day!r} is not a real date") from None
    source = _choice(record, "source", SOURCES)
    kind = _choice(record, "source_kind", SOURCE_KINDS)
    if (source == "third_party") != (kind == SOURCE_KIND_THIRD_PARTY):
        raise RecordProblem(f"source {source!r} does not go with source_kind {kind!r}")
    _string(record, "source_name")
    _lines(record)
    _status(record)


def _redemption(record: Record) -> None:
    _match(record, "beneficiary_id", UUID, "a lowercase UUID")
    _match(record, "period", PERIOD, "a month YYYY-MM")
    _lines(record)
    _string(record, "edc_reference", nullable=True)
    _status(record)


CHECKS: dict[str, Callable[[Record], None]] = {
    "beneficiaries": _beneficiary,
    "products": _product,
    "purchases": _purchase,
    "redemptions": _redemption,
}


def check_record(table: str, record: Any) -> None:
    """Raise RecordProblem unless `record` is a valid record of `table` (unknown tables: the
    common fields only, since more tables MAY be added)."""
    if not isinstance(record, dict):
        raise RecordProblem("a record must be a JSON object")
    _match(record, "id", UUID, "a lowercase UUID (8-4-4-4-12)")
    _int(_need(record, "version"), "version", minimum=1, maximum=MAX_SMALL_INT)
    _string(record, "updated_at")
    check = CHECKS.get(table)
    if check is not None:
        check(record)


def summarize(tables: Mapping[str, Iterable[Record]]) -> dict[str, dict[str, int]]:
    """The manifest's `summary` over these records, voided ones excluded."""
    count = total = own = third = 0
    for record in tables.get("redemptions", ()):
        if record.get("status") == "completed":
            count += 1
            total += int(record["total_rupiah"])
    for record in tables.get("purchases", ()):
        if record.get("status") == "completed":
            if record.get("source") == "own":
                own += int(record["total_rupiah"])
            else:
                third += int(record["total_rupiah"])
    return {
        "redemptions": {"count": count, "total_rupiah": total},
        "purchases": {"own_rupiah": own, "third_party_rupiah": third},
    }


def content_text(record: Record) -> bytes:
    """The record as canonical JSON without `updated_at` (informational, so not content)."""
    return dumps_line({k: v for k, v in record.items() if k != "updated_at"})


def content_digest(record: Record) -> str:
    """SHA-256 of `content_text`: same version + other digest = flagged for review."""
    return hashlib.sha256(content_text(record)).hexdigest()
