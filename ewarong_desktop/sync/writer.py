"""Build one signed bundle (the `.ewb` ZIP) from records, in memory, ready to be written."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ewarong_desktop import __version__
from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.sync.keys import key_id
from ewarong_desktop.sync.manifest import (
    FORMAT,
    FORMAT_VERSION,
    SIGNATURE_PREFIX,
    Manifest,
    ManifestProblem,
    bundle_filename,
    data_path,
    parse_manifest,
)
from ewarong_desktop.sync.records import (
    REQUIRED_TABLES,
    TABLE_NAME,
    RecordProblem,
    check_record,
    summarize,
)
from ewarong_desktop.sync.strictjson import dumps_document, dumps_line


class BundleContentError(EwarongError):
    """The store handed over something the contract forbids: a bug, never sent."""

    code = "bundle_content"


@dataclass(frozen=True)
class BundleInput:
    warong: Mapping[str, str]
    epoch: int
    seq: int
    prev_manifest_sha256: str | None
    kind: str
    changes_from: int
    changes_to: int
    schema: str
    tables: Mapping[str, Sequence[Mapping[str, Any]]]
    created_at: datetime | None = None
    app: Mapping[str, str] = field(
        default_factory=lambda: {"name": "ewarong-desktop", "version": __version__}
    )


@dataclass(frozen=True)
class BuiltBundle:
    filename: str
    data: bytes
    manifest_bytes: bytes
    manifest_sha256: str
    manifest: Manifest


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sign_manifest(private_key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    """manifest.sig: base64 (no newline) of Ed25519 over prefix + the manifest's bytes."""
    return base64.b64encode(private_key.sign(SIGNATURE_PREFIX + manifest_bytes))


def _encode_table(table: str, records: Sequence[Mapping[str, Any]]) -> bytes:
    seen: set[str] = set()
    out = bytearray()
    for record in records:
        try:
            check_record(table, record)
        except RecordProblem as exc:
            raise BundleContentError(
                f"Catatan {table} {record.get('id')!r} tidak memenuhi format bundel: {exc}",
                f"Record {table} {record.get('id')!r} does not meet the bundle format: {exc}",
            ) from None
        if record["id"] in seen:
            raise BundleContentError(
                f"Catatan {table} {record['id']} muncul dua kali.",
                f"Record {table} {record['id']} appears twice.",
            )
        seen.add(record["id"])
        out += dumps_line(dict(record))
    return bytes(out)


def _zip_entry(name: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.astimezone(UTC).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def build_bundle(spec: BundleInput, private_key: Ed25519PrivateKey) -> BuiltBundle:
    """Encode, check, sign and zip one bundle; raises BundleContentError on a store bug."""
    created = spec.created_at or datetime.now(UTC)
    names = sorted(set(spec.tables) | set(REQUIRED_TABLES))
    bad = [n for n in names if not TABLE_NAME.match(n)]
    if bad:
        raise BundleContentError(f"Nama tabel tidak sah: {bad}", f"Table names not allowed: {bad}")
    encoded = {n: _encode_table(n, spec.tables.get(n, ())) for n in names}
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "warong": {
            k: str(spec.warong[k]) for k in ("code", "name", "desa", "kecamatan", "kabupaten")
        },
        "key_id": key_id(private_key.public_key()),
        "epoch": spec.epoch,
        "seq": spec.seq,
        "prev_manifest_sha256": spec.prev_manifest_sha256,
        "kind": spec.kind,
        "changes": {"from": spec.changes_from, "to": spec.changes_to},
        "created_at": rfc3339(created),
        "app": dict(spec.app),
        "schema": spec.schema,
        "files": [
            {
                "path": data_path(n),
                "sha256": hashlib.sha256(encoded[n]).hexdigest(),
                "bytes": len(encoded[n]),
                "records": len(spec.tables.get(n, ())),
            }
            for n in names
        ],
        "summary": summarize(spec.tables),
    }
    try:
        parsed = parse_manifest(manifest)
    except ManifestProblem as exc:
        raise BundleContentError(
            f"Manifest tidak sah: {exc}", f"The manifest is not valid: {exc}"
        ) from None
    manifest_bytes = dumps_document(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_entry("manifest.json", created), manifest_bytes)
        archive.writestr(
            _zip_entry("manifest.sig", created), sign_manifest(private_key, manifest_bytes)
        )
        for n in names:
            archive.writestr(_zip_entry(data_path(n), created), encoded[n])
    return BuiltBundle(
        filename=bundle_filename(parsed.code, spec.epoch, spec.seq),
        data=buffer.getvalue(),
        manifest_bytes=manifest_bytes,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        manifest=parsed,
    )
