"""The reader's quick paths (chunked lines, the C scanner, compiled record checks) accept and
refuse exactly what the careful paths do, in the same words."""

from __future__ import annotations

import contextlib
import copy
import json
import random
from decimal import Decimal

import pytest

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.sync.fastcheck import record_checker
from ewarong_desktop.sync.reader import Limits
from ewarong_desktop.sync.records import FIELDS, RecordProblem, check_record
from ewarong_desktop.sync.strictjson import StrictJsonError, loads_strict, loads_strict_line
from tests.sync.bundlekit import KeyRingStub, Laptop, entries, month_tables, replace_data
from tests.sync.test_reader import read, refused


@pytest.fixture
def laptop() -> Laptop:
    return Laptop()


@pytest.fixture
def bundle(laptop: Laptop) -> bytes:
    return laptop.export(month_tables("2024-05")).data


def _products(bundle: bytes) -> list[bytes]:
    return dict(entries(bundle))["data/products.jsonl"].split(b"\n")[:-1]


def _limit_of(line: bytes) -> Limits:
    return Limits(line_bytes=len(line) + 1)  # exactly this line with its newline


def test_a_line_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(laptop, bundle):
    ring = KeyRingStub(laptop)
    lines = [x for n, d in entries(bundle) if n.startswith("data/") for x in d.split(b"\n")]
    longest = max(lines, key=len)
    assert len(read(bundle, ring, limits=_limit_of(longest)).tables["products"]) == 2
    error = refused(bundle, ring, limits=Limits(line_bytes=len(longest)))
    assert (error.rule, error.reason) == (3, "line_too_long")


def test_a_last_line_without_its_newline_is_refused(laptop, bundle):
    data = b"\n".join(_products(bundle))  # no newline after the last record
    error = refused(replace_data(bundle, laptop.key, "products", data), KeyRingStub(laptop))
    assert (error.rule, error.reason) == (3, "bad_line")


def test_more_lines_than_declared_are_refused_before_they_are_parsed(laptop, bundle):
    data = b"\n".join(_products(bundle)) + b"\nnot json\n"
    error = refused(replace_data(bundle, laptop.key, "products", data), KeyRingStub(laptop))
    assert (error.rule, error.reason) == (3, "records_mismatch")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda line: b"  " + line + b" \t", None),  # spaces around a record are JSON
        (lambda line: b"", "data_syntax"),  # an empty line
        (lambda line: line + b" 1", "data_syntax"),  # two values on one line
        (lambda line: line.replace(b'"unit"', b'"unit":"x","unit"', 1), "data_duplicate_key"),
        (lambda line: line.replace(b'"name":"', b'"name":"\\ud800', 1), "data_syntax"),
    ],
)
def test_odd_lines_read_as_the_careful_parser_reads_them(laptop, bundle, edit, reason):
    lines = _products(bundle)
    lines[0] = edit(lines[0])
    data = b"\n".join(lines) + b"\n"
    changed = replace_data(bundle, laptop.key, "products", data)
    ring = KeyRingStub(laptop)
    if reason is None:
        assert len(read(changed, ring).tables["products"]) == len(lines)
    else:
        assert refused(changed, ring).reason == reason


LINES = [
    b'{"a":1}', b' {"a":1}', b'{"a":1} ', b"", b" ", b"[1,2]", b'{"a":1}{"b":2}', b'{"a":',
    b'{"a":NaN}', b'{"a":1,"a":1}', b'{"a":"\\ud83d\\ude00"}', b'{"a":"\\ud83d"}', b"\xff",
    b'{"a":"x\ty"}', b'{"a":1}\r', b"[" * 5000 + b"]" * 5000, b'"\\u0000"', b"1e400",
]  # fmt: skip


@pytest.mark.parametrize("line", LINES)
def test_one_line_parses_as_loads_strict_parses_it(line):
    def outcome(parse, data):
        try:
            return ("value", json.dumps(parse(data)))
        except StrictJsonError as exc:
            return ("refused", exc.reason, exc.detail)

    assert outcome(loads_strict_line, line) == outcome(loads_strict, line + b"\n")


def _honest() -> dict[str, list[dict]]:
    tables = month_tables("2024-05")
    line = tables["redemptions"][0]["lines"][0]
    line["quantity"] = "1.5"  # a fraction: left to the full check
    line["total_rupiah"] = line_total(Decimal("1.5"), line["unit_price_rupiah"])
    tables["redemptions"][0]["total_rupiah"] = sum(
        x["total_rupiah"] for x in tables["redemptions"][0]["lines"]
    )
    return tables


ODD_VALUES = [None, True, False, 0, -1, 1, 2**31, 2**53, 1.0, "", "x", "\x00", "\n",
              "2024-05", "2024-02-30", "1.5", "00000000-0000-4000-8000-000000000000", [], {},
              [{}], "own", "pemasok", "completed"]  # fmt: skip


def test_the_quick_check_says_yes_only_where_the_full_check_does():
    """Random damage to honest records: a quick "valid" is never a record the full check
    refuses, and honest records (fractions aside) never need the full check."""
    rng = random.Random(12)
    tables = _honest()
    checked = 0
    for table, records in tables.items():
        quick = record_checker(table)
        for record in records:
            check_record(table, record)
            fraction = any("." in x["quantity"] for x in record.get("lines", ()))
            assert quick(record) or fraction
            fields = sorted(record) + [name for name, _k, _a in FIELDS[table]] + ["listed"]
            for _ in range(150):
                broken = copy.deepcopy(record)
                target = broken
                if "lines" in broken and rng.random() < 0.4:
                    target = rng.choice(broken["lines"])
                    name = rng.choice([*sorted(target), "extra"])
                else:
                    name = rng.choice(fields)
                if rng.random() < 0.15:
                    target.pop(name, None)
                else:
                    target[name] = copy.deepcopy(rng.choice(ODD_VALUES))
                if quick(broken):
                    check_record(table, broken)  # must not raise
                else:
                    with contextlib.suppress(RecordProblem):
                        check_record(table, broken)
                checked += 1
    assert checked > 1000
