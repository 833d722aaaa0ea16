"""Interoperability with BUNDLE_SPEC.md, checked from the spec's own words, not our code.

One test reads our writer's output with nothing but zipfile, json, hashlib and cryptography;
the other hand-builds a bundle the way another program might (other key order, no trailing
newline, stored entries, extra fields and tables) and expects our reader to take it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ewarong_desktop.sync.enrolment import enrolment_bytes
from ewarong_desktop.sync.reader import open_envelope_bytes, read_data, verify_manifest
from tests.sync.bundlekit import KeyRingStub, Laptop, month_tables, warong

PREFIX = b"ewarong-sync-bundle-v1\n"


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def test_our_bundle_reads_by_the_spec_alone():
    lap = Laptop()
    built = lap.export(month_tables("2024-05"))
    assert re.fullmatch(r"ewarong-[A-Za-z0-9-]{1,40}-e1-000001\.ewb", built.filename)
    archive = zipfile.ZipFile(io.BytesIO(built.data))
    names = [i.filename for i in archive.infolist()]
    manifest_bytes = archive.read("manifest.json")
    manifest = json.loads(manifest_bytes)
    assert sorted(names) == sorted(
        ["manifest.json", "manifest.sig", *(f["path"] for f in manifest["files"])]
    )
    assert all(
        i.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for i in archive.infolist()
    )
    sig = archive.read("manifest.sig")
    assert b"\n" not in sig and len(base64.b64decode(sig, validate=True)) == 64
    lap.key.public_key().verify(base64.b64decode(sig), PREFIX + manifest_bytes)
    assert manifest["key_id"] == hashlib.sha256(raw_public(lap.key)).hexdigest()[:16]
    assert (manifest["format"], manifest["format_version"]) == ("ewarong-sync-bundle", 1)
    assert manifest["prev_manifest_sha256"] is None and manifest["changes"]["from"] == 0
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", manifest["created_at"])
    count = total = 0
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert len(data) == entry["bytes"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        lines = data.split(b"\n")
        assert lines[-1] == b""  # every line \n-terminated
        assert len(lines) - 1 == entry["records"]
        for line in lines[:-1]:
            record = json.loads(line)
            assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", record["id"])
            if entry["path"] == "data/redemptions.jsonl" and record["status"] == "completed":
                count += 1
                total += record["total_rupiah"]
    assert manifest["summary"]["redemptions"] == {"count": count, "total_rupiah": total}


def test_enrolment_file_by_the_spec():
    key = Ed25519PrivateKey.generate()
    document = json.loads(enrolment_bytes(warong(), 1, key.public_key()))
    assert set(document) == {
        "format", "format_version", "warong", "epoch", "public_key", "key_id", "created_at",
    }  # fmt: skip
    assert document["format"] == "ewarong-enrolment" and document["format_version"] == 1
    assert base64.b64decode(document["public_key"]) == raw_public(key)
    assert document["key_id"] == hashlib.sha256(raw_public(key)).hexdigest()[:16]


def test_a_bundle_made_by_another_program_is_read():
    key = Ed25519PrivateKey.generate()
    kid = hashlib.sha256(raw_public(key)).hexdigest()[:16]
    product = {"unit": "kg", "name": "Beras", "category": "karbohidrat", "version": 1,
               "id": "00000000-0000-4000-8000-000000000001", "updated_at": "x",
               "barcode": "8991234567890"}  # fmt: skip
    movement = {"id": "00000000-0000-4000-8000-0000000000aa", "version": 3, "updated_at": "y"}
    tables = {
        "beneficiaries": b"",
        "products": (json.dumps(product) + "\n").encode(),
        "purchases": b"",
        "redemptions": b"",
        "stock_movements": (json.dumps(movement) + "\n").encode(),
    }
    files = [
        {"records": data.count(b"\n"), "bytes": len(data), "path": f"data/{name}.jsonl",
         "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in tables.items()
    ]  # fmt: skip
    manifest = {
        "seq": 1, "epoch": 1, "kind": "full", "format_version": 1,
        "format": "ewarong-sync-bundle", "key_id": kid, "prev_manifest_sha256": None,
        "warong": warong("OTHER-APP-1"), "changes": {"to": 7, "from": 0},
        "created_at": "2024-06-01T00:00:00Z", "app": {"name": "other", "version": "9"},
        "schema": "abc", "files": files, "future": [1, 2, 3],
        "summary": {"purchases": {"third_party_rupiah": 0, "own_rupiah": 0},
                    "redemptions": {"total_rupiah": 0, "count": 0}},
    }  # fmt: skip
    manifest_bytes = json.dumps(manifest, separators=(",", ":")).encode()  # no newline
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for entry in files:  # data first: entry order is not part of the contract
            archive.writestr(entry["path"], tables[entry["path"][5:-6]])
        archive.writestr("manifest.sig", base64.b64encode(key.sign(PREFIX + manifest_bytes)))
        archive.writestr("manifest.json", manifest_bytes)

    class Ring(KeyRingStub):
        def __init__(self) -> None:
            from ewarong_desktop.sync.reader import EnrolledKey

            self.keys = {"OTHER-APP-1": EnrolledKey("OTHER-APP-1", 1, kid, raw_public(key))}
            self.old = {}

    envelope = open_envelope_bytes(buffer.getvalue(), "other.ewb")
    result = read_data(envelope, verify_manifest(envelope, Ring()))
    assert result.tables["products"] == [product]
    assert result.tables["stock_movements"] == [movement]
