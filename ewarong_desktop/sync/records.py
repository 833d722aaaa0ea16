"""What a record in a bundle must look like (BUNDLE_SPEC "Data entries"), and the summary.

The writer runs the same checks before it signs, so the laptop never sends what the district
would refuse.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, DecimalException
from typing import Any

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.domain.rules import CATEGORIES, SOURCE_KIND_THIRD_PARTY, SOURCE_KINDS
from ewarong_desktop.domain.states import FundKind, Status
from ewarong_desktop.sync.strictjson import dumps_line

REQUIRED_TABLES = ("beneficiaries", "products", "purchases", "redemptions")
TABLE_NAME = re.compile(r"^[a-z_]+\Z")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
# At most 16 integer digits and 3 decimals: the store keeps quantities as 64-bit thousandths
# (at most 9223372036854775.807), so the writer never produces more, and Decimal arithmetic
# on a line stays bounded. (The app itself caps one line at 1,000,000.)
QUANTITY = re.compile(r"^[0-9]{1,16}(\.[0-9]{1,3})?\Z")
NIK = re.compile(r"^[0-9]{16}\Z")
KKS = re.compile(r"^[0-9]{6,19}\Z")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
PERIOD = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])\Z")
# Integers beyond these are refused rather than overflowing a database column: JSON's safe
# integer range for money and counters, a 32-bit column for versions, epochs and seqs.
# C0 and C1 control characters (NUL included): no name or note needs them, a terminal obeys
# them, and PostgreSQL refuses NUL in text, which made one bad record block a shop for good.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
MAX_SAFE_INT = 2**53 - 1
MAX_SMALL_INT = 2**31 - 1
STATUSES = tuple(Status)
SOURCES = ("own", "third_party")
# The optional KUBE fund ledger (BUNDLE_SPEC "Optional tables and fields").
FUND_TABLE = "fund_entries"
FUND_KINDS = tuple(FundKind)
FUND_PURPOSES = ("barang_sumber_sendiri", "barang_pemasok", "peralatan", "operasional", "lainnya")
TAX_ID = re.compile(r"^[0-9]{1,32}\Z")


class RecordProblem(ValueError):
    """One record breaks the contract; the message names the field."""


Record = Mapping[str, Any]


# A field rule: (name, kind, argument). Checked by one loop, since rule 3 runs it for every
# record of every bundle and a district imports hundreds of thousands of them at once.
TEXT, OPTIONAL_TEXT, PATTERN, CHOICE, INTEGER, BOOLEAN = range(6)
FieldRule = tuple[str, int, Any]


def _check_fields(record: Record, rules: tuple[FieldRule, ...]) -> None:
    for field, kind, arg in rules:
        try:
            value = record[field]
        except KeyError:
            raise RecordProblem(f"field '{field}' is missing") from None
        if kind == PATTERN:
            if type(value) is not str or arg[0].match(value) is None:
                raise RecordProblem(f"field '{field}' must be {arg[1]}, not {value!r}")
        elif kind == INTEGER:
            if type(value) is not int or not arg[0] <= value <= arg[1]:
                raise RecordProblem(f"field '{field}' must be an integer from {arg[0]} to {arg[1]}")
        elif kind == TEXT or (kind == OPTIONAL_TEXT and value is not None):
            if type(value) is not str:
                raise RecordProblem(
                    f"field '{field}' must be a string"
                    + (" or null" if kind == OPTIONAL_TEXT else "")
                )
            if CONTROL.search(value):
                raise RecordProblem(f"field '{field}' holds a control character")
        elif kind == CHOICE:
            if type(value) is not str or value not in arg:
                raise RecordProblem(
                    f"field '{field}' must be one of {', '.join(arg)}, not {value!r}"
                )
        elif kind == BOOLEAN and type(value) is not bool:
            raise RecordProblem(f"field '{field}' must be true or false")


MONEY = (0, MAX_SAFE_INT)
COMMON: tuple[FieldRule, ...] = (
    ("id", PATTERN, (UUID, "a lowercase UUID (8-4-4-4-12)")),
    ("version", INTEGER, (1, MAX_SMALL_INT)),
    ("updated_at", TEXT, None),
)
LINE: tuple[FieldRule, ...] = (
    ("product_id", PATTERN, (UUID, "a lowercase UUID")),
    ("quantity", PATTERN, (QUANTITY, "plain decimal text, at most 16 digits and 3 decimals")),
    ("unit_price_rupiah", INTEGER, MONEY),
    ("total_rupiah", INTEGER, MONEY),
)
STATUS: tuple[FieldRule, ...] = (
    ("total_rupiah", INTEGER, MONEY),
    ("status", CHOICE, STATUSES),
    ("void_reason", OPTIONAL_TEXT, None),
)
FIELDS: dict[str, tuple[FieldRule, ...]] = {
    "beneficiaries": (
        *COMMON,
        ("nik", PATTERN, (NIK, "16 digits")),
        ("kks_number", PATTERN, (KKS, "6 to 19 digits")),
        ("name", TEXT, None),
        ("desa", TEXT, None),
        ("active", BOOLEAN, None),
    ),
    "products": (
        *COMMON,
        ("name", TEXT, None),
        ("category", CHOICE, CATEGORIES),
        ("unit", TEXT, None),
    ),
    "purchases": (
        *COMMON,
        ("date", PATTERN, (DATE, "a date YYYY-MM-DD")),
        ("source", CHOICE, SOURCES),
        ("source_kind", CHOICE, SOURCE_KINDS),
        ("source_name", TEXT, None),
        *STATUS,
    ),
    "redemptions": (
        *COMMON,
        ("beneficiary_id", PATTERN, (UUID, "a lowercase UUID")),
        ("period", PATTERN, (PERIOD, "a month YYYY-MM")),
        ("edc_reference", OPTIONAL_TEXT, None),
        *STATUS,
    ),
    FUND_TABLE: (
        *COMMON,
        ("date", PATTERN, (DATE, "a date YYYY-MM-DD")),
        ("kind", CHOICE, FUND_KINDS),
        ("amount_rupiah", INTEGER, (1, MAX_SAFE_INT)),
        ("reference", OPTIONAL_TEXT, None),
        ("note", TEXT, None),
        ("status", CHOICE, STATUSES),
        ("void_reason", OPTIONAL_TEXT, None),
    ),
}


def _lines(record: Record) -> None:
    lines = record.get("lines")
    if type(lines) is not list or not lines:
        raise RecordProblem("field 'lines' must be a non-empty list")
    total = 0
    for number, line in enumerate(lines, start=1):
        if type(line) is not dict:
            raise RecordProblem(f"line {number} must be an object")
        try:
            _check_fields(line, LINE)
        except RecordProblem as exc:
            raise RecordProblem(f"line {number}: {exc}") from None
        quantity, price, line_sum = (
            line["quantity"],
            line["unit_price_rupiah"],
            line["total_rupiah"],
        )
        try:
            expected = line_total(Decimal(quantity), price)
        except DecimalException:
            # q x p beyond Decimal's precision: far above any total a record may carry.
            raise RecordProblem(
                f"line {number}: {quantity} x {price} is too large to be a line total"
            ) from None
        if line_sum != expected:
            raise RecordProblem(
                f"line {number}: total_rupiah {line_sum} is not {quantity} x {price} = {expected}"
            )
        total += line_sum
    if record["total_rupiah"] != total:
        stated = record["total_rupiah"]
        raise RecordProblem(f"total_rupiah {stated} is not the sum of its lines ({total})")


def _purchase(record: Record) -> None:
    day = record["date"]
    try:
        date.fromisoformat(day)
    except ValueError:
        raise RecordProblem(f"field 'date' {day!r} is not a real date") from None
    source, kind = record["source"], record["source_kind"]
    if (source == "third_party") != (kind == SOURCE_KIND_THIRD_PARTY):
        raise RecordProblem(f"source {source!r} does not go with source_kind {kind!r}")
    tax_id = record.get("source_tax_id")  # optional: absent and null are both fine
    if tax_id is not None and (type(tax_id) is not str or TAX_ID.match(tax_id) is None):
        raise RecordProblem("field 'source_tax_id' must be digits only, or null")
    _lines(record)


def _beneficiary(record: Record) -> None:
    # Optional (spec: "Optional tables and fields"): absent means listed.
    if "listed" in record and type(record["listed"]) is not bool:
        raise RecordProblem("field 'listed' must be true or false")


def _fund_entry(record: Record) -> None:
    day = record["date"]
    try:
        date.fromisoformat(day)
    except ValueError:
        raise RecordProblem(f"field 'date' {day!r} is not a real date") from None
    stage, purpose, purchase = record.get("stage"), record.get("purpose"), record.get("purchase_id")
    for field in ("stage", "purpose", "purchase_id"):
        if field not in record:
            raise RecordProblem(f"field '{field}' is missing")
    if record["kind"] == FundKind.TRANCHE:
        if type(stage) is not int or not 1 <= stage <= MAX_SMALL_INT:
            raise RecordProblem("a tranche's 'stage' must be an integer from 1")
        if purpose is not None:
            raise RecordProblem("a tranche's 'purpose' must be null")
    else:
        if stage is not None:
            raise RecordProblem("a use's 'stage' must be null")
        if type(purpose) is not str or purpose not in FUND_PURPOSES:
            raise RecordProblem(
                f"a use's 'purpose' must be one of {', '.join(FUND_PURPOSES)}, not {purpose!r}"
            )
    if purchase is not None and (type(purchase) is not str or UUID.match(purchase) is None):
        raise RecordProblem("field 'purchase_id' must be a lowercase UUID or null")


EXTRA_CHECKS: dict[str, Callable[[Record], None]] = {
    "beneficiaries": _beneficiary,
    "purchases": _purchase,
    "redemptions": _lines,
    FUND_TABLE: _fund_entry,
}


def check_record(table: str, record: Any) -> None:
    """Raise RecordProblem unless `record` is a valid record of `table` (unknown tables: the
    common fields only, since more tables MAY be added)."""
    if type(record) is not dict:
        raise RecordProblem("a record must be a JSON object")
    _check_fields(record, FIELDS.get(table, COMMON))
    extra = EXTRA_CHECKS.get(table)
    if extra is not None:
        extra(record)


def summarize(
    tables: Mapping[str, Iterable[Record]], fund: bool | None = None
) -> dict[str, dict[str, int]]:
    """The manifest's `summary` over these records, voided ones excluded.

    `fund`: whether to add the optional `"fund"` part; by default when the bundle carries
    `fund_entries` (a reader passes whether the manifest has it, since it MAY be left out).
    """
    count = total = own = third = 0
    for record in tables.get("redemptions", ()):
        if record.get("status") == Status.COMPLETED:
            count += 1
            total += int(record["total_rupiah"])
    for record in tables.get("purchases", ()):
        if record.get("status") == Status.COMPLETED:
            if record.get("source") == "own":
                own += int(record["total_rupiah"])
            else:
                third += int(record["total_rupiah"])
    summary = {
        "redemptions": {"count": count, "total_rupiah": total},
        "purchases": {"own_rupiah": own, "third_party_rupiah": third},
    }
    if fund if fund is not None else FUND_TABLE in tables:
        received = used = 0
        for record in tables.get(FUND_TABLE, ()):
            if record.get("status") == Status.COMPLETED:
                if record.get("kind") == FundKind.TRANCHE:
                    received += int(record["amount_rupiah"])
                else:
                    used += int(record["amount_rupiah"])
        summary["fund"] = {"tranche_rupiah": received, "use_rupiah": used}
    return summary


def content_text(record: Record) -> bytes:
    """The record as canonical JSON without `updated_at` (informational, so not content)."""
    return dumps_line({k: v for k, v in record.items() if k != "updated_at"})


def content_digest(record: Record) -> str:
    """SHA-256 of `content_text`: same version + other digest = flagged for review."""
    return hashlib.sha256(content_text(record)).hexdigest()
