"""The enrolment file `ewarong-<code>.enrol.json`: the public key the district trusts."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.sync.keys import fingerprint, key_id, public_key_bytes
from ewarong_desktop.sync.manifest import CODE, WARONG_FIELDS
from ewarong_desktop.sync.records import CONTROL
from ewarong_desktop.sync.strictjson import StrictJsonError, dumps_document, loads_strict
from ewarong_desktop.sync.writer import rfc3339

FORMAT = "ewarong-enrolment"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Enrolment:
    warong: dict[str, str]
    epoch: int
    public_key: bytes
    key_id: str
    created_at: str

    @property
    def code(self) -> str:
        return self.warong["code"]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)


def enrolment_filename(code: str) -> str:
    return f"ewarong-{code}.enrol.json"


def enrolment_bytes(
    warong: dict[str, str],
    epoch: int,
    public_key: Ed25519PublicKey,
    created_at: datetime | None = None,
) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "warong": {k: str(warong[k]) for k in WARONG_FIELDS},
        "epoch": epoch,
        "public_key": base64.b64encode(public_key_bytes(public_key)).decode("ascii"),
        "key_id": key_id(public_key),
        "created_at": rfc3339(created_at or datetime.now(UTC)),
    }
    return dumps_document(document)


def looks_like_enrolment(path: Path) -> bool:
    """Is this small file an enrolment file (someone's slip: given where a bundle goes)?"""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return False
        raw = loads_strict(path.read_bytes())
    except (OSError, StrictJsonError):
        return False
    return isinstance(raw, dict) and raw.get("format") == FORMAT


def _bad(en: str, id_: str) -> InvalidInput:
    return InvalidInput(f"Berkas enrolmen tidak sah: {id_}", f"Not a valid enrolment file: {en}")


def parse_enrolment(data: bytes) -> Enrolment:
    """Strictly: a file that does not hold exactly one Ed25519 key and its id is refused."""
    if len(data) > MAX_BYTES:
        raise _bad("too big", "terlalu besar")
    try:
        raw = loads_strict(data)
    except StrictJsonError as exc:
        raise _bad(f"not strict JSON ({exc.detail})", f"bukan JSON ketat ({exc.detail})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad("not an e-warong enrolment file", "bukan berkas enrolmen e-warong")
    if raw.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(
            "Versi berkas enrolmen tidak dikenal; perbarui perangkat lunak kabupaten.",
            "Unknown enrolment format version; upgrade the district software.",
        )
    warong = raw.get("warong")
    if not isinstance(warong, dict) or not all(
        isinstance(warong.get(k), str) for k in WARONG_FIELDS
    ):
        raise _bad("warong fields missing", "data e-warong tidak lengkap")
    if any(CONTROL.search(warong[k]) for k in WARONG_FIELDS):
        raise _bad(
            "a warong field holds a control character", "data e-warong berisi karakter kontrol"
        )
    if not CODE.match(warong["code"]):
        raise _bad("bad e-warong code", "kode e-warong tidak sah")
    epoch = raw.get("epoch")
    if type(epoch) is not int or epoch < 1:
        raise _bad("bad epoch", "epoch tidak sah")
    try:
        public = base64.b64decode(str(raw.get("public_key")), validate=True)
        Ed25519PublicKey.from_public_bytes(public)
    except ValueError:
        raise _bad(
            "public_key is not a base64 Ed25519 key", "public_key bukan kunci Ed25519"
        ) from None
    if raw.get("key_id") != key_id(public):
        raise _bad("key_id does not belong to public_key", "key_id tidak sesuai public_key")
    created = raw.get("created_at")
    return Enrolment(
        warong={k: warong[k] for k in WARONG_FIELDS},
        epoch=epoch,
        public_key=public,
        key_id=key_id(public),
        created_at=created if isinstance(created, str) else "",
    )


def read_enrolment(path: Path) -> Enrolment:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(
            f"Berkas enrolmen {path} tidak bisa dibaca: {exc}",
            f"Cannot read the enrolment file {path}: {exc}",
        ) from exc
    return parse_enrolment(data)
