"""A quick yes for a record that certainly passes `records.check_record`, for rule 3's hot loop.

Rule 3 checks every record of every bundle, and a district imports hundreds of thousands at
once; the generic loop over `records.FIELDS` (one dispatch per field) was a third of reading.
Here each table's field rules are compiled once into one straight-line function from that
same table, so the two cannot drift apart. It only ever says "valid" or "not sure": the
reader then runs `check_record`, which either refuses with its exact words or accepts. So a
record is accepted exactly when `check_record` accepts it; this module only makes the honest
common case cheap (a false "not sure" costs time, never strictness).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ewarong_desktop.domain.rules import SOURCE_KIND_THIRD_PARTY
from ewarong_desktop.sync.records import (
    BOOLEAN,
    CHOICE,
    COMMON,
    CONTROL,
    EXTRA_CHECKS,
    FIELDS,
    INTEGER,
    LINE,
    OPTIONAL_TEXT,
    PATTERN,
    TAX_ID,
    TEXT,
    FieldRule,
    RecordProblem,
)

Check = Callable[[Any], bool]
# Below this a line's quantity x price is an exact integer in Decimal's default 28 digits,
# so an integer quantity's line total is plain integer arithmetic (ROUND_HALF_UP is moot).
_EXACT = 10**18


# Text that passed a pattern or the control-character test is remembered (per field, short
# strings only, a bounded number): a bundle repeats its product ids, quantities, periods and
# KPM ids on every line, and a regular expression costs ten times a set lookup. Only values
# the test accepted are ever remembered, so a remembered value is one it accepts again.
_REMEMBER_CHARS = 64
_REMEMBER_COUNT = 4096
_NEVER_REPEATED = frozenset({"id"})  # a table holds one row per id


def _compile(rules: tuple[FieldRule, ...], name: str) -> Check:
    """`def name(r): ...` returning False at the first field `_check_fields` would refuse."""
    env: dict[str, Any] = {"_control": CONTROL.search}
    body = []
    for n, (field, kind, arg) in enumerate(rules):
        value = f"v{n}"
        body.append(f"    {value} = r[{field!r}]")
        if kind in (PATTERN, TEXT) and field not in _NEVER_REPEATED:
            env[f"seen{n}"] = seen = set[str]()
            if kind == PATTERN:
                env[f"p{n}"] = arg[0].match
                failed = f"type({value}) is not str or p{n}({value}) is None"
            else:
                failed = f"type({value}) is not str or _control({value}) is not None"
            body += [
                # Only a str can equal a remembered str; anything unhashable is no str either.
                f"    if type({value}) is not str: return False",
                f"    if {value} not in seen{n}:",
                f"        if {failed}: return False",
                f"        if len({value}) <= {_REMEMBER_CHARS}:",
                f"            if len(seen{n}) >= {_REMEMBER_COUNT}: seen{n}.clear()",
                f"            seen{n}.add({value})",
            ]
            del seen
            continue
        if kind == PATTERN:
            env[f"p{n}"] = arg[0].match
            test = f"type({value}) is not str or p{n}({value}) is None"
        elif kind == INTEGER:
            test = f"type({value}) is not int or not {arg[0]!r} <= {value} <= {arg[1]!r}"
        elif kind == TEXT:
            test = f"type({value}) is not str or _control({value}) is not None"
        elif kind == OPTIONAL_TEXT:
            test = (
                f"{value} is not None and "
                f"(type({value}) is not str or _control({value}) is not None)"
            )
        elif kind == CHOICE:
            env[f"c{n}"] = frozenset(arg)
            test = f"type({value}) is not str or {value} not in c{n}"
        elif kind == BOOLEAN:
            test = f"type({value}) is not bool"
        else:  # a kind this compiler does not know: never say yes
            test = "True"
        body.append(f"    if {test}: return False")
    source = (
        f"def {name}(r):\n    try:\n"
        + "\n".join("    " + line for line in body)
        + "\n    except KeyError:\n        return False\n    return True\n"
    )
    exec(compile(source, f"<fastcheck {name}>", "exec"), env)
    check: Check = env[name]
    return check


_line_fields = _compile(LINE, "line_fields")


def _lines_ok(record: dict[str, Any]) -> bool:
    """`records._lines` for the common case: integer quantities, totals that add up."""
    lines = record.get("lines")
    if type(lines) is not list or not lines:
        return False
    total = 0
    for line in lines:
        if type(line) is not dict or not _line_fields(line):
            return False
        quantity = line["quantity"]
        if "." in quantity:
            return False  # a fraction: the full check rounds it with Decimal
        exact = int(quantity) * line["unit_price_rupiah"]
        if exact >= _EXACT or line["total_rupiah"] != exact:
            return False
        total += exact
    return bool(record["total_rupiah"] == total)


def _purchase_ok(record: dict[str, Any]) -> bool:
    try:
        date.fromisoformat(record["date"])
    except ValueError:
        return False
    if (record["source"] == "third_party") != (record["source_kind"] == SOURCE_KIND_THIRD_PARTY):
        return False
    tax_id = record.get("source_tax_id")
    if tax_id is not None and (type(tax_id) is not str or TAX_ID.match(tax_id) is None):
        return False
    return _lines_ok(record)


def _beneficiary_ok(record: dict[str, Any]) -> bool:
    return "listed" not in record or type(record["listed"]) is bool


def _extra_ok(table: str) -> Callable[[dict[str, Any]], bool]:
    extra = EXTRA_CHECKS.get(table)
    if extra is None:
        return lambda _record: True

    def ok(record: dict[str, Any]) -> bool:
        try:
            extra(record)
        except RecordProblem:
            return False
        return True

    return ok


_EXTRA_OK: dict[str, Callable[[dict[str, Any]], bool]] = {
    "beneficiaries": _beneficiary_ok,
    "purchases": _purchase_ok,
    "redemptions": _lines_ok,
}


def _table_check(table: str) -> Check:
    fields = _compile(FIELDS.get(table, COMMON), "fields")
    extra = _EXTRA_OK.get(table) or _extra_ok(table)

    def check(record: Any) -> bool:
        return type(record) is dict and fields(record) and extra(record)

    return check


_CHECKS: dict[str, Check] = {table: _table_check(table) for table in FIELDS}
_COMMON = _table_check("")


def record_checker(table: str) -> Check:
    """True only for a record `check_record(table, record)` accepts; False: ask it why."""
    return _CHECKS.get(table, _COMMON)
