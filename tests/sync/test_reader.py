"""Reading rules 1 to 3, each with a hand-made bad bundle; every refusal names its rule."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ewarong_desktop.sync.errors import BundleRefused
from ewarong_desktop.sync.reader import (
    Limits,
    open_envelope,
    open_envelope_bytes,
    read_data,
    verify_manifest,
)
from ewarong_desktop.sync.writer import BundleContentError
from tests.sync.bundlekit import (
    KeyRingStub,
    Laptop,
    edit_manifest,
    entries,
    manifest_of,
    month_tables,
    patch_uncompressed_size,
    replace_data,
    replace_entry,
    resign,
    rezip,
)


def read(data: bytes, ring: KeyRingStub, foreign=None, limits: Limits | None = None):
    limits = limits or Limits()
    envelope = open_envelope_bytes(data, "test.ewb", limits)
    return read_data(envelope, verify_manifest(envelope, ring), foreign, limits)


def refused(data: bytes, ring: KeyRingStub, **kw) -> BundleRefused:
    with pytest.raises(BundleRefused) as info:
        read(data, ring, **kw)
    return info.value


@pytest.fixture
def laptop() -> Laptop:
    return Laptop()


@pytest.fixture
def bundle(laptop: Laptop) -> bytes:
    return laptop.export(month_tables("2024-05")).data


@pytest.fixture
def ring(laptop: Laptop) -> KeyRingStub:
    return KeyRingStub(laptop)


def test_a_good_bundle_reads_back_its_records(bundle, ring):
    result = read(bundle, ring)
    assert result.manifest.seq == 1 and result.manifest.kind == "full"
    assert {t: len(r) for t, r in result.tables.items()} == {
        "beneficiaries": 3, "products": 2, "purchases": 2, "redemptions": 3,
    }  # fmt: skip
    assert result.manifest_sha256 == hashlib.sha256(result.manifest_bytes).hexdigest()


def test_an_empty_incremental_bundle_is_valid(laptop, ring, bundle):
    empty = laptop.export({}, changes=0)
    result = read(empty.data, ring)
    assert result.manifest.kind == "incremental"
    assert all(not rows for rows in result.tables.values())
    assert len(result.tables) == 4


# Rule 1: the container ------------------------------------------------------------------


def test_not_a_zip(ring):
    error = refused(b"this is a letter, not a bundle", ring)
    assert (error.rule, error.reason) == (1, "not_a_zip")
    assert "aturan 1" in error.message("id") and "rule 1" in error.message("en")


def test_truncated_file(bundle, ring, tmp_path):
    path = tmp_path / "cut.ewb"
    path.write_bytes(bundle[: len(bundle) // 2])
    with pytest.raises(BundleRefused) as info:
        open_envelope(path)
    assert (info.value.rule, info.value.reason) == (1, "not_a_zip")


def test_archive_over_the_size_limit(bundle, ring):
    error = refused(bundle, ring, limits=Limits(archive_bytes=1000))
    assert (error.rule, error.reason) == (1, "archive_too_big")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.jsonl", "dotdot_name"),
        ("data/../../etc.jsonl", "dotdot_name"),
        ("/etc/passwd", "absolute_name"),
        ("C:/windows.jsonl", "absolute_name"),
        ("data\\x.jsonl", "backslash_name"),
        ("notes.txt", "unexpected_name"),
        ("data/", "unexpected_name"),
    ],
)
def test_bad_entry_names(bundle, ring, name, reason):
    bad = rezip([*entries(bundle), (name, b"{}\n")])
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (1, reason)


def test_duplicate_entry_names(bundle, ring):
    items = entries(bundle)
    bad = rezip([*items, items[-1]])
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (1, "duplicate_entry")


def test_entry_over_the_limit_in_zip_directory(bundle, ring):
    bad = patch_uncompressed_size(bundle, "data/redemptions.jsonl", 0xFFFF0000)
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (1, "entry_too_big")


def test_other_compression_is_refused(bundle, ring):
    bad = rezip(entries(bundle), compress=zipfile.ZIP_BZIP2)
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (1, "compression")


# Rule 2: signature and manifest -----------------------------------------------------------


def test_flipped_byte_in_manifest(bundle, ring):
    manifest = dict(entries(bundle))["manifest.json"]
    flipped = manifest.replace(b'"seq": 1', b'"seq": 2')
    error = refused(replace_entry(bundle, "manifest.json", flipped), ring)
    assert (error.rule, error.reason) == (2, "bad_signature")


def test_flipped_raw_byte_inside_stored_manifest(bundle, ring):
    stored = bytearray(rezip(entries(bundle), compress=zipfile.ZIP_STORED))
    at = stored.find(b'"kind"')
    stored[at + 1] ^= 0x01
    error = refused(bytes(stored), ring)
    assert (error.rule, error.reason) == (2, "bad_signature")


def test_flipped_byte_in_signature(bundle, ring):
    sig = bytearray(dict(entries(bundle))["manifest.sig"])
    sig[10] = ord("A") if sig[10] != ord("A") else ord("B")
    error = refused(replace_entry(bundle, "manifest.sig", bytes(sig)), ring)
    assert (error.rule, error.reason) == (2, "bad_signature")


def test_wrong_key(laptop, ring):
    thief = Laptop(code=laptop.code)
    error = refused(thief.export(month_tables("2024-05")).data, ring)
    assert (error.rule, error.reason) == (2, "unenrolled_key")


def test_wrong_key_claiming_the_enrolled_key_id(laptop, bundle, ring):
    other = Ed25519PrivateKey.generate()
    forged = resign(bundle, other, dict(entries(bundle))["manifest.json"])
    error = refused(forged, ring)
    assert (error.rule, error.reason) == (2, "bad_signature")


def test_unknown_code(ring):
    stranger = Laptop(code="XYZ-99")
    error = refused(stranger.export(month_tables("2024-05")).data, ring)
    assert (error.rule, error.reason) == (2, "unknown_code")
    assert "enrol" in error.message("en")


def test_replaced_key(laptop, ring, bundle):
    old_key = laptop.key
    laptop.rekey()
    ring.replace(laptop)
    old = Laptop(code=laptop.code, key=old_key)
    old.seq, old.prev = 1, "0" * 64
    error = refused(old.export(month_tables("2024-06")).data, ring)
    assert (error.rule, error.reason) == (2, "replaced_key")


def test_duplicate_keys_in_manifest(laptop, bundle, ring):
    text = dict(entries(bundle))["manifest.json"].decode()
    dup = text.replace('"kind": "full"', '"kind": "full", "kind": "incremental"')
    error = refused(resign(bundle, laptop.key, dup.encode()), ring)
    assert (error.rule, error.reason) == (2, "manifest_duplicate_key")


def test_nan_in_manifest(laptop, bundle, ring):
    text = dict(entries(bundle))["manifest.json"].decode()
    bad = text.replace('"app": {', '"extra": NaN, "app": {')
    error = refused(resign(bundle, laptop.key, bad.encode()), ring)
    assert (error.rule, error.reason) == (2, "manifest_nan")


def test_unknown_format_version(laptop, bundle, ring):
    error = refused(edit_manifest(bundle, laptop.key, format_version=2), ring)
    assert (error.rule, error.reason) == (2, "format_version")
    assert "upgrade the district software" in error.message("en")
    assert "upgrade the district software" in error.message("id")


def test_unknown_manifest_fields_are_ignored(laptop, bundle, ring):
    assert read(edit_manifest(bundle, laptop.key, future_field={"x": 1}), ring)


def test_manifest_missing_a_field(laptop, bundle, ring):
    manifest = manifest_of(bundle)
    del manifest["changes"]
    error = refused(resign(bundle, laptop.key, json.dumps(manifest).encode()), ring)
    assert (error.rule, error.reason) == (2, "manifest_invalid")


# Rule 3: data entries -------------------------------------------------------------------


def test_flipped_byte_in_data_file(bundle, ring):
    data = dict(entries(bundle))["data/redemptions.jsonl"]
    flipped = data.replace(b"28000", b"28001", 1)
    error = refused(replace_entry(bundle, "data/redemptions.jsonl", flipped), ring)
    assert (error.rule, error.reason) == (3, "sha256_mismatch")


def test_flipped_raw_byte_inside_stored_data(bundle, ring):
    stored = bytearray(rezip(entries(bundle), compress=zipfile.ZIP_STORED))
    at = stored.find(b'"nik"')
    stored[at + 2] ^= 0x01
    error = refused(bytes(stored), ring)
    assert (error.rule, error.reason) == (3, "damaged")


def test_extra_data_entry_not_in_manifest(bundle, ring):
    bad = rezip([*entries(bundle), ("data/extra.jsonl", b"")])
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (3, "entries_mismatch")


def test_missing_data_entry(bundle, ring):
    bad = rezip([(n, d) for n, d in entries(bundle) if n != "data/products.jsonl"])
    error = refused(bad, ring)
    assert (error.rule, error.reason) == (3, "entries_mismatch")


def test_zip_bomb_declared_small_inflates_big(laptop, ring):
    big = b'{"x":"' + b"0" * (20 * 1024 * 1024) + b'"}\n'
    bomb = replace_data(laptop.export({}).data, laptop.key, "products", big, records=1)
    # Manifest and ZIP directory both claim 100 bytes; the deflate stream holds 20 MB.
    manifest = manifest_of(bomb)
    for entry in manifest["files"]:
        if entry["path"] == "data/products.jsonl":
            entry["bytes"] = 100
    bomb = resign(bomb, laptop.key, json.dumps(manifest).encode())
    bomb = patch_uncompressed_size(bomb, "data/products.jsonl", 100)
    error = refused(bomb, ring)
    assert error.rule == 3 and error.reason in ("damaged", "size_mismatch")


def test_zip_bomb_directory_honest_manifest_small(laptop, ring):
    big = b"0" * (5 * 1024 * 1024)
    bomb = replace_data(laptop.export({}).data, laptop.key, "products", big, records=1)
    manifest = manifest_of(bomb)
    for entry in manifest["files"]:
        if entry["path"] == "data/products.jsonl":
            entry["bytes"] = 10
    bomb = resign(bomb, laptop.key, json.dumps(manifest).encode())
    error = refused(bomb, ring)
    assert (error.rule, error.reason) == (3, "size_mismatch")


def test_duplicate_keys_in_a_data_line(laptop, bundle, ring):
    data = dict(entries(bundle))["data/products.jsonl"]
    dup = data.replace(b'"unit":"kg"', b'"unit":"kg","unit":"liter"', 1)
    error = refused(replace_data(bundle, laptop.key, "products", dup), ring)
    assert (error.rule, error.reason) == (3, "data_duplicate_key")


def test_nan_in_a_data_line(laptop, bundle, ring):
    data = dict(entries(bundle))["data/redemptions.jsonl"]
    bad = data.replace(b'"total_rupiah":28000', b'"total_rupiah":NaN', 1)
    error = refused(replace_data(bundle, laptop.key, "redemptions", bad), ring)
    assert (error.rule, error.reason) == (3, "data_nan")


def test_record_count_mismatch(laptop, bundle, ring):
    data = dict(entries(bundle))["data/products.jsonl"]
    error = refused(replace_data(bundle, laptop.key, "products", data, records=5), ring)
    assert (error.rule, error.reason) == (3, "records_mismatch")


def test_line_total_that_does_not_add_up(laptop, bundle, ring):
    data = dict(entries(bundle))["data/redemptions.jsonl"]
    bad = data.replace(b'"total_rupiah":28000', b'"total_rupiah":29000', 1)
    error = refused(replace_data(bundle, laptop.key, "redemptions", bad), ring)
    assert (error.rule, error.reason) == (3, "record_invalid")


def test_quantity_with_exponent(laptop, bundle, ring):
    data = dict(entries(bundle))["data/redemptions.jsonl"]
    bad = data.replace(b'"quantity":"10"', b'"quantity":"1E+1"', 1)
    error = refused(replace_data(bundle, laptop.key, "redemptions", bad), ring)
    assert (error.rule, error.reason) == (3, "record_invalid")
    assert "quantity" in error.message("en")


def test_summary_that_does_not_add_up(laptop, bundle, ring):
    manifest = manifest_of(bundle)
    manifest["summary"]["redemptions"]["total_rupiah"] += 1000
    error = refused(resign(bundle, laptop.key, json.dumps(manifest).encode()), ring)
    assert (error.rule, error.reason) == (3, "summary_mismatch")


def test_record_id_of_another_ewarong(bundle, ring):
    first = json.loads(dict(entries(bundle))["data/beneficiaries.jsonl"].split(b"\n")[0])

    def foreign(code, table, ids):
        return {first["id"]: "OTHER-01"} if table == "beneficiaries" else {}

    error = refused(bundle, ring, foreign=foreign)
    assert (error.rule, error.reason) == (3, "foreign_id")
    assert "OTHER-01" in error.message("en")


def test_writer_refuses_to_sign_a_bad_record(laptop):
    tables = month_tables("2024-05")
    tables["beneficiaries"][0]["nik"] = "3,20123E+15"
    with pytest.raises(BundleContentError):
        laptop.export(tables)


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("beneficiaries", "nik", "1807120101900001\n"),
        ("beneficiaries", "kks_number", "5000000000000000\n"),
        ("products", "id", None),  # id with a trailing newline, filled in below
    ],
)
def test_a_trailing_newline_never_passes_a_pattern(laptop, table, field, value):
    tables = month_tables("2024-05")
    record = tables[table][0]
    record[field] = value if value is not None else record["id"] + "\n"
    with pytest.raises(BundleContentError):
        laptop.export(tables)


def test_warong_code_with_a_newline_is_refused(laptop, bundle, ring):
    manifest = manifest_of(bundle)
    manifest["warong"]["code"] = laptop.code + "\n"
    error = refused(resign(bundle, laptop.key, json.dumps(manifest).encode()), ring)
    assert error.rule == 2


def test_integers_too_big_for_a_column_are_refused(laptop, bundle, ring):
    data = dict(entries(bundle))["data/products.jsonl"]
    bad = data.replace(b'"version":1', b'"version":99999999999999999999', 1)
    error = refused(replace_data(bundle, laptop.key, "products", bad), ring)
    assert (error.rule, error.reason) == (3, "record_invalid")
    error = refused(edit_manifest(bundle, laptop.key, seq=2**40), ring)
    assert (error.rule, error.reason) == (2, "manifest_invalid")


@pytest.mark.parametrize(
    ("quantity", "price"),
    [
        ("1" * 40, 12000),  # used to crash verify: "Kesalahan tak terduga (bug)"
        ("9999999999999999", 9007199254740991),  # in bounds, but q x p overflows Decimal
    ],
)
def test_a_huge_quantity_is_a_rule_3_refusal_not_a_crash(laptop, bundle, ring, quantity, price):
    data = dict(entries(bundle))["data/redemptions.jsonl"]
    bad = data.replace(b'"quantity":"10"', f'"quantity":"{quantity}"'.encode(), 1)
    bad = bad.replace(b'"unit_price_rupiah":12000', f'"unit_price_rupiah":{price}'.encode(), 1)
    error = refused(replace_data(bundle, laptop.key, "redemptions", bad), ring)
    assert (error.rule, error.reason) == (3, "record_invalid")
    assert "line 1" in error.message("en") and "aturan 3" in error.message("id")


def _free_line(quantity: str) -> dict:
    tables = month_tables("2024-05")
    record = tables["redemptions"][0]
    record["lines"] = [dict(record["lines"][0], quantity=quantity, unit_price_rupiah=0)]
    record["lines"][0]["total_rupiah"] = 0
    record["total_rupiah"] = 0
    return record


@pytest.mark.parametrize("quantity", ["1" * 17, "1.0001", "0" * 17 + "1"])
def test_quantity_digits_are_bounded_to_what_a_store_holds(quantity):
    from ewarong_desktop.sync.records import RecordProblem, check_record

    with pytest.raises(RecordProblem, match="quantity"):
        check_record("redemptions", _free_line(quantity))


def test_the_largest_quantity_a_store_can_hold_is_accepted():
    from ewarong_desktop.domain.quantity import from_milli, quantity_text
    from ewarong_desktop.sync.records import check_record

    # The store keeps quantities as 64-bit thousandths, so the writer never produces more.
    biggest = quantity_text(from_milli(2**63 - 1))
    assert biggest == "9223372036854775.807"
    check_record("redemptions", _free_line(biggest))
