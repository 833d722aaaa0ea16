"""Test helper: valid bundles built from plain dicts, and tools to spoil them by hand."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ewarong_desktop.sync.keys import key_id, public_key_bytes
from ewarong_desktop.sync.reader import EnrolledKey
from ewarong_desktop.sync.writer import BuiltBundle, BundleInput, build_bundle, sign_manifest

CREATED = datetime(2024, 5, 31, 9, 0, tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def warong(code: str = "LTM-SKP-01") -> dict[str, str]:
    return {
        "code": code,
        "name": f"E-Warong {code}",
        "desa": "Sukadana",
        "kecamatan": "Sukadana",
        "kabupaten": "Lampung Timur",
    }


def nik(n: int) -> str:
    return f"180712{(n % 28) + 1:02d}0190{n % 10000:04d}"


def beneficiary(n: int, *, version: int = 1, **extra: Any) -> dict[str, Any]:
    record = {
        "id": new_id(),
        "version": version,
        "updated_at": "2024-05-01T08:00:00Z",
        "nik": nik(n),
        "kks_number": f"{5000000000000000 + n}",
        "name": f"KPM {n}",
        "desa": "Sukadana",
        "active": True,
    }
    record.update(extra)
    return record


def product(name: str = "Beras", unit: str = "kg", category: str = "karbohidrat") -> dict:
    return {
        "id": new_id(),
        "version": 1,
        "updated_at": "2024-05-01T08:00:00Z",
        "name": name,
        "category": category,
        "unit": unit,
    }


def line(product_id: str, quantity: str, price: int) -> dict[str, Any]:
    from decimal import Decimal

    from ewarong_desktop.domain.money import line_total

    return {
        "product_id": product_id,
        "quantity": quantity,
        "unit_price_rupiah": price,
        "total_rupiah": line_total(Decimal(quantity), price),
    }


def redemption(
    beneficiary_id: str, period: str, lines: list[dict[str, Any]], *, status: str = "completed"
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "version": 1,
        "updated_at": f"{period}-10T08:00:00Z",
        "beneficiary_id": beneficiary_id,
        "period": period,
        "lines": lines,
        "total_rupiah": sum(x["total_rupiah"] for x in lines),
        "edc_reference": None,
        "status": status,
        "void_reason": None if status == "completed" else "salah input",
    }


def purchase(day: str, lines: list[dict[str, Any]], *, own: bool = True) -> dict[str, Any]:
    return {
        "id": new_id(),
        "version": 1,
        "updated_at": f"{day}T08:00:00Z",
        "date": day,
        "source": "own" if own else "third_party",
        "source_kind": "petani_lokal" if own else "pemasok",
        "source_name": "Pak Tani" if own else "CV Pemasok",
        "lines": lines,
        "total_rupiah": sum(x["total_rupiah"] for x in lines),
        "status": "completed",
        "void_reason": None,
    }


def month_tables(
    period: str, kpm: int = 3, *, price: int = 12_000, base: int = 0
) -> dict[str, list[dict]]:
    """A small month: kpm KPMs, two products, one purchase, one redemption each."""
    beras = product("Beras", "kg", "karbohidrat")
    telur = product("Telur", "kg", "protein_hewani")
    bens = [beneficiary(base + i) for i in range(kpm)]
    reds = [
        redemption(
            b["id"], period, [line(beras["id"], "10", price), line(telur["id"], "1", 28_000)]
        )
        for b in bens
    ]
    buys = [purchase(f"{period}-02", [line(beras["id"], "100", 10_000)], own=True)]
    buys.append(purchase(f"{period}-03", [line(telur["id"], "5", 25_000)], own=False))
    return {
        "beneficiaries": bens,
        "products": [beras, telur],
        "purchases": buys,
        "redemptions": reds,
    }


@dataclass
class Laptop:
    """One e-warong's signing side, as simple as a test needs: seq, chain and counter."""

    code: str = "LTM-SKP-01"
    epoch: int = 1
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    seq: int = 0
    prev: str | None = None
    counter: int = 0

    @property
    def enrolled(self) -> EnrolledKey:
        pub = self.key.public_key()
        return EnrolledKey(self.code, self.epoch, key_id(pub), public_key_bytes(pub))

    def export(
        self,
        tables: dict[str, list[dict]] | None = None,
        *,
        kind: str | None = None,
        changes: int = 1,
    ) -> BuiltBundle:
        kind = kind or ("full" if self.seq == 0 else "incremental")
        start = 0 if kind == "full" else self.counter
        self.counter += changes
        self.seq += 1
        built = build_bundle(
            BundleInput(
                warong=warong(self.code),
                epoch=self.epoch,
                seq=self.seq,
                prev_manifest_sha256=self.prev,
                kind=kind,
                changes_from=start,
                changes_to=self.counter,
                schema="0001",
                tables=tables or {},
                created_at=CREATED,
            ),
            self.key,
        )
        self.prev = built.manifest_sha256
        return built

    def rekey(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.epoch += 1
        self.seq = 0
        self.prev = None
        self.counter = 0


class KeyRingStub:
    def __init__(self, *laptops: Laptop) -> None:
        self.keys = {lap.code: lap.enrolled for lap in laptops}
        self.old: dict[tuple[str, str], int] = {}

    def current(self, code: str) -> EnrolledKey | None:
        return self.keys.get(code)

    def replaced_epoch(self, code: str, kid: str) -> int | None:
        return self.old.get((code, kid))

    def replace(self, laptop: Laptop) -> None:
        old = self.keys[laptop.code]
        self.old[(laptop.code, old.key_id)] = old.epoch
        self.keys[laptop.code] = laptop.enrolled


def entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def rezip(items: Iterable[tuple[str, bytes]], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP with exactly these entries (duplicates allowed: the zipfile module warns only)."""
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return buffer.getvalue()


def replace_entry(data: bytes, name: str, new: bytes) -> bytes:
    return rezip((n, new if n == name else d) for n, d in entries(data))


def manifest_of(data: bytes) -> dict[str, Any]:
    return json.loads(dict(entries(data))["manifest.json"])


def resign(data: bytes, key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    """Swap in new manifest bytes with a valid signature: only the later rules can object."""
    items = []
    for name, payload in entries(data):
        if name == "manifest.json":
            payload = manifest_bytes
        elif name == "manifest.sig":
            payload = sign_manifest(key, manifest_bytes)
        items.append((name, payload))
    return rezip(items)


def edit_manifest(data: bytes, key: Ed25519PrivateKey, **changes: Any) -> bytes:
    manifest = manifest_of(data)
    manifest.update(changes)
    return resign(data, key, json.dumps(manifest, indent=2).encode())


def replace_data(
    data: bytes, key: Ed25519PrivateKey, table: str, new: bytes, records: int | None = None
) -> bytes:
    """New content for a data entry, with the manifest's files entry updated and re-signed."""
    import hashlib

    path = f"data/{table}.jsonl"
    manifest = manifest_of(data)
    for entry in manifest["files"]:
        if entry["path"] == path:
            entry["sha256"] = hashlib.sha256(new).hexdigest()
            entry["bytes"] = len(new)
            if records is not None:
                entry["records"] = records
    items = [(n, new if n == path else d) for n, d in entries(data)]
    return resign(rezip(items), key, json.dumps(manifest, indent=2).encode())


def patch_uncompressed_size(data: bytes, name: str, size: int) -> bytes:
    """Make the ZIP's local header and central directory both claim `size` for `name`."""
    import struct

    raw = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := raw.find(b"PK\x03\x04", pos)) != -1:
        name_len = struct.unpack_from("<H", raw, pos + 26)[0]
        if raw[pos + 30 : pos + 30 + name_len] == encoded:
            struct.pack_into("<I", raw, pos + 22, size)
        pos += 4
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + name_len] == encoded:
            struct.pack_into("<I", raw, pos + 24, size)
        pos += 4
    return bytes(raw)
