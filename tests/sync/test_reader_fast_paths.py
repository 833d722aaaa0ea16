"""The reader's quick paths (chunked lines, the C scanner, compiled record checks) accept and
refuse exactly what the careful paths do, in the same words."""

from __future__ import annotations

import contextlib
import copy
import json
import random
from decimal import Decimal

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ewarong_desktop.domain.money import line_total
from ewarong_desktop.sync.fastcheck import record_checker
from ewarong_desktop.sync.reader import Limits
from ewarong_desktop.sync.records import FIELDS, RecordProblem, check_record
from ewarong_desktop.sync.strictjson import (
    StrictJsonError,
    dumps_canonical,
    loads_strict,
    loads_strict_line,
)
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


# Lines in the writer's own form (sorted keys, no spaces) that the compiled path reads and
# writes back: each must give exactly what the careful parser gives, type for type.
CANONICAL_EDGES = [
    b'{"a":18446744073709551615}', b'{"a":18446744073709551616}', b'{"a":-9223372036854775808}',
    b'{"a":-9223372036854775809}', b'{"a":99999999999999999999999999999}',
    b'{"a":1.8446744073709552e+19}', b'{"a":-0}', b'{"a":-0.0}', b'{"a":0.0}', b'{"a":1.0}',
    b'{"a":1e+16}', b'{"a":1e16}', b'{"a":1E5}', b'{"a":1e-7}', b'{"a":0.1}', b'{"a":1e400}',
    b'{"a":-1e400}', b'{"a":Infinity}', b'{"a":NaN}', b'{"a":"\\u0000"}', b'{"a":"\\u001f"}',
    b'{"a":"\\u001F"}', b'{"a":"\\n"}', b'{"a":"\\u000a"}', b'{"a":"\\/"}', b'{"a":"/"}',
    b'{"a":"\x7f"}', b'{"a":"\\u007f"}', b'{"a":"\xc2\x85"}', b'{"a":"\xe2\x80\xa8"}',
    b'{"a":"\\u2028"}', b'{"a":"\xed\xa0\x80"}', b'{"a":"\\ud800"}', b'{"a":"\\udc00x"}',
    b'{"a":"\\ud83d\\ude00"}', b'{"a":"\xf0\x9f\x98\x80"}', b'{"a":"\xc3\xa9"}',
    b'{"a":"e\xcc\x81"}', b'{"a":"\\u00e9"}', b'{"a":"\xef\xbb\xbf"}', b'\xef\xbb\xbf{"a":1}',
    b'{"a":1,"a":1}', b'{"a":1,"a":2}', b'{"b":1,"a":2}', b'{"a":{"b":1,"b":1}}', b'{"":1}',
    b'{"\xc3\xa9":1,"z":2}', b'{"z":2,"\xc3\xa9":1}', b'{"\xf0\x9f\x98\x80":1,"\xef\xbf\xbf":2}',
    b'{"\xef\xbf\xbf":2,"\xf0\x9f\x98\x80":1}', b'{"a":true}', b'{"a":TRUE}', b'{"a":null}',
    b'{"a":[]}', b'{"a":{}}', b'[]', b'1', b'"x"', b'null', b'{"a":01}', b'{"a":1.}', b'{"a":.5}',
    b'{"a":+1}', b'{"a":"x\ty"}', b'{"a":"x\\ty"}', b'{"a":"\x00"}', b'{"a":1}\x00',
    b"[" * 300 + b"]" * 300, b"[" * 254 + b"]" * 254, b'{"a":' * 300 + b"1" + b"}" * 300,
]  # fmt: skip


def _typed(value):
    """A value with the type of every part spelt out (1 == 1.0 == True in Python, and
    0.0 == -0.0): two parsers agree only when these are equal."""
    if isinstance(value, dict):
        return ("dict", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _outcome(parse, data):
    try:
        return ("value", _typed(parse(data)))
    except StrictJsonError as exc:
        return ("refused", exc.reason, exc.detail)


@pytest.mark.parametrize("line", LINES + CANONICAL_EDGES)
def test_one_line_parses_as_loads_strict_parses_it(line):
    assert _outcome(loads_strict_line, line) == _outcome(loads_strict, line + b"\n")


TEXT = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["\u2028", "\u2029", "\x7f", "\x85", "\x00", "\x1f", '"', "\\", "/", "\ufeff", "\U0001f600"]
)
NUMBERS = (
    st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, -0.0])
)
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def _variants(value, rng: random.Random) -> list[bytes]:
    """The value as the writer writes it, as orjson writes it, and damaged the ways a
    crafted line may be: keys unsorted or twice, spaces, escapes, Python's number forms."""
    line = dumps_canonical(value).encode("utf-8")
    out = [line, orjson.dumps(value, option=orjson.OPT_SORT_KEYS) if _fits_orjson(value) else line]
    out.append(json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode())
    out.append(json.dumps(value, sort_keys=True).encode())
    if line.startswith(b"{") and len(line) > 2:
        first = line[1 : line.index(b":") + 1]
        out.append(b"{" + first + b"0," + line[1:])  # the first key twice
        out.append(line[:-1] + b"," + first + b"null}")
    for _ in range(3):
        at = rng.randrange(len(line) + 1)
        out.append(line[:at] + rng.choice([b" ", b"\\", b'"', b"-", b"0", b"e", b",", b"\xff"])
                   + line[at:])  # fmt: skip
    return out


def _fits_orjson(value) -> bool:
    try:
        orjson.dumps(value)
    except TypeError:  # an integer beyond 64 bits
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(VALUES, st.randoms(use_true_random=False))
def test_random_lines_parse_as_loads_strict_parses_them(value, rng):
    for line in _variants(value, rng):
        assert _outcome(loads_strict_line, line) == _outcome(loads_strict, line + b"\n"), line


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


def test_a_value_the_quick_check_remembers_passes_only_where_it_passed():
    """The quick check remembers short texts that passed a field's test (product ids,
    periods...): a remembered value is never taken for another field, nor a longer one."""
    tables = _honest()
    redemption = tables["redemptions"][1]
    quick = record_checker("redemptions")
    assert quick(redemption)  # its period, KPM id and product ids are now remembered
    for field, value in [
        ("beneficiary_id", redemption["period"]),  # a remembered period is no UUID
        ("period", redemption["beneficiary_id"]),
        ("id", redemption["beneficiary_id"] + "x"),
        ("edc_reference", [redemption["period"]]),  # unhashable, not text
    ]:
        broken = {**redemption, field: value}
        assert not quick(broken), field
        with pytest.raises(RecordProblem):
            check_record("redemptions", broken)


def test_a_big_bundle_parsed_again_gives_the_records_rule_3_read(laptop, bundle, monkeypatch):
    """A bundle over `KEEP_PARSED_BYTES` keeps only its lines and parses each again when the
    import reads it: the same values, type for type, whether a line is in the writer's form
    (read by orjson) or not (here spaces and an escape, read by the json module)."""
    from ewarong_desktop.sync import reader

    lines = _products(bundle)
    lines[0] = b" " + lines[0].replace(b'"name":"', b'"name":"\\u00e9 ', 1)
    changed = replace_data(bundle, laptop.key, "products", b"\n".join(lines) + b"\n")
    ring = KeyRingStub(laptop)
    kept = read(changed, ring).tables
    monkeypatch.setattr(reader, "KEEP_PARSED_BYTES", 0)
    again = read(changed, ring).tables
    assert again["products"]._values is None  # really parsed again
    assert kept["products"][0]["name"].startswith("é ")
    for table, records in kept.items():
        assert [_typed(r) for r in again[table]] == [_typed(r) for r in records], table
