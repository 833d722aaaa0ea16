"""The district's side of the stick, as files: its key file, sealed bundles and its reply.

The contract is `docs/district_reply.md`. Plain Python and `cryptography` only: the laptop
(services) and the district (`district/`) both build on it.

- **District key file** `dinas-<name>.district.json`: the office's Ed25519 key (it signs
  replies) and X25519 key (bundles are sealed to it). `key_id` is the first 16 hex characters of
  SHA-256 over the 32 raw Ed25519 bytes followed by the 32 raw X25519 bytes.
- **Sealed bundle** `<bundle name>.enc`: X25519 with a fresh key per file, HKDF-SHA256, then
  ChaCha20-Poly1305 over the whole v1 bundle, byte for byte.
- **Reply** `dinas-<code>-<number>.reply.json`: a signed JSON document per e-warong, numbered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.sync.keys import fingerprint, normalize_fingerprint
from ewarong_desktop.sync.manifest import CODE, HEX16, HEX64
from ewarong_desktop.sync.records import CONTROL, MAX_SAFE_INT, MAX_SMALL_INT, PERIOD
from ewarong_desktop.sync.strictjson import StrictJsonError, dumps_document, loads_strict

KEY_FORMAT = "ewarong-district-key"
REPLY_FORMAT = "ewarong-district-reply"
FORMAT_VERSION = 1
SEAL_MAGIC = b"ewarong-sealed-bundle-v1\n"
SEAL_INFO = b"ewarong-sealed-bundle-v1"
REPLY_SIGNATURE_PREFIX = b"ewarong-district-reply-v1\n"
SEALED_SUFFIX = ".enc"
MAX_KEY_FILE = 64 * 1024
MAX_REPLY_FILE = 16 * 1024 * 1024
_NAME = re.compile(r"[^A-Za-z0-9-]+")


class LinkProblem(InvalidInput):
    """A district key file, sealed bundle or reply that is not what the contract says."""


def _raw(public_key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def district_key_id(signing: bytes, encryption: bytes) -> str:
    return hashlib.sha256(signing + encryption).hexdigest()[:16]


@dataclass(frozen=True)
class DistrictKey:
    """The district office's public keys, as its key file states them."""

    office: str
    kabupaten: str
    signing_key: bytes  # 32 raw Ed25519 bytes
    encryption_key: bytes  # 32 raw X25519 bytes
    created_at: str

    @property
    def key_id(self) -> str:
        return district_key_id(self.signing_key, self.encryption_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    def to_bytes(self) -> bytes:
        return dumps_document(
            {
                "format": KEY_FORMAT,
                "format_version": FORMAT_VERSION,
                "office": self.office,
                "kabupaten": self.kabupaten,
                "signing_public_key": base64.b64encode(self.signing_key).decode("ascii"),
                "encryption_public_key": base64.b64encode(self.encryption_key).decode("ascii"),
                "key_id": self.key_id,
                "created_at": self.created_at,
            }
        )

    def filename(self) -> str:
        return (
            f"dinas-{_NAME.sub('-', self.office).strip('-').lower() or 'kabupaten'}.district.json"
        )


def new_district_keys() -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    return Ed25519PrivateKey.generate(), X25519PrivateKey.generate()


def district_key(
    office: str, kabupaten: str, signing: Ed25519PrivateKey, sealing: X25519PrivateKey
) -> DistrictKey:
    return DistrictKey(
        office,
        kabupaten,
        _raw(signing.public_key()),
        _raw(sealing.public_key()),
        datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _bad(en: str, id_: str) -> LinkProblem:
    return LinkProblem(id_, en)


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or CONTROL.search(value) or len(value) > 200:
        raise _bad(f"field '{name}' is missing or not valid", f"isian '{name}' hilang atau salah")
    return value


def _key32(raw: dict[str, Any], name: str) -> bytes:
    try:
        value = base64.b64decode(_text(raw, name), validate=True)
    except (binascii.Error, ValueError):
        value = b""
    if len(value) != 32:
        raise _bad(f"field '{name}' is not a 32-byte key", f"isian '{name}' bukan kunci 32 bita")
    return value


def parse_district_key(data: bytes) -> DistrictKey:
    if len(data) > MAX_KEY_FILE:
        raise _bad("the district key file is too big", "berkas kunci kabupaten terlalu besar")
    try:
        raw = loads_strict(data)
    except StrictJsonError as exc:
        raise _bad(f"not strict JSON ({exc.detail})", f"bukan JSON ketat ({exc.detail})") from None
    if not isinstance(raw, dict) or raw.get("format") != KEY_FORMAT:
        raise _bad("not a district key file", "bukan berkas kunci kabupaten")
    if raw.get("format_version") != FORMAT_VERSION:
        raise _bad(
            "unknown format version: update the e-warong app",
            "versi format tidak dikenal: perbarui aplikasi e-warong",
        )
    key = DistrictKey(
        _text(raw, "office"),
        _text(raw, "kabupaten"),
        _key32(raw, "signing_public_key"),
        _key32(raw, "encryption_public_key"),
        _text(raw, "created_at"),
    )
    if raw.get("key_id") != key.key_id:
        raise _bad("key_id does not match the keys", "key_id tidak cocok dengan kuncinya")
    return key


def check_district_fingerprint(key: DistrictKey, typed: str) -> None:
    if normalize_fingerprint(typed) != key.key_id:
        raise LinkProblem(
            f"Sidik jari tidak cocok: berkas berisi {key.fingerprint}, yang dikonfirmasi "
            f"{typed.strip()!r}. Jangan daftarkan; hubungi Dinas lagi.",
            f"The fingerprint does not match: the file holds {key.fingerprint}, the confirmed "
            f"one is {typed.strip()!r}. Do not enrol it; call the district office again.",
        )


# -- sealed bundles ---------------------------------------------------------------------------


def _seal_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=SEAL_INFO
    ).derive(shared)


def seal(bundle: bytes, recipient: DistrictKey) -> bytes:
    """`bundle` sealed to the district: only its X25519 private key opens it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _raw(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.encryption_key))
    key = _seal_key(shared, ephemeral_raw, recipient.encryption_key)
    nonce = os.urandom(12)
    header = SEAL_MAGIC + recipient.key_id.encode("ascii") + ephemeral_raw + nonce
    return header + ChaCha20Poly1305(key).encrypt(nonce, bundle, header)


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEAL_MAGIC)


def sealed_key_id(data: bytes) -> str | None:
    if not is_sealed(data):
        return None
    return data[len(SEAL_MAGIC) : len(SEAL_MAGIC) + 16].decode("ascii", "replace")


def unseal(data: bytes, private_key: X25519PrivateKey, key_id: str) -> bytes:
    """The v1 bundle inside; raises LinkProblem for another key or altered bytes."""
    at = len(SEAL_MAGIC)
    header_length = at + 16 + 32 + 12
    if not is_sealed(data) or len(data) < header_length + 16:
        raise _bad("not a sealed bundle", "bukan bundel terenkripsi")
    sealed_for = data[at : at + 16].decode("ascii", "replace")
    if sealed_for != key_id:
        raise _bad(
            f"sealed to district key {sealed_for}, not this office's {key_id}",
            f"dienkripsi untuk kunci kabupaten {sealed_for}, bukan kunci kantor ini {key_id}",
        )
    ephemeral_raw = data[at + 16 : at + 48]
    nonce = data[at + 48 : header_length]
    recipient = _raw(private_key.public_key())
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        key = _seal_key(shared, ephemeral_raw, recipient)
        return ChaCha20Poly1305(key).decrypt(nonce, data[header_length:], data[:header_length])
    except (InvalidTag, ValueError):
        raise _bad(
            "the sealed bundle is damaged or was altered", "bundel terenkripsi rusak atau diubah"
        ) from None


# -- replies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleNote:
    """What the district did with one bundle."""

    epoch: int
    seq: int
    manifest_sha256: str
    status: str  # imported | superseded
    received_at: str


@dataclass(frozen=True)
class RateNote:
    amount_rupiah: int
    valid_from: str
    valid_until: str | None
    note: str


@dataclass(frozen=True)
class Reply:
    district_key_id: str
    code: str
    number: int
    created_at: str
    bundles: tuple[BundleNote, ...]
    missing: str | None  # seqs offered but not imported, in words (the district's advice)
    rates: tuple[RateNote, ...]
    kpm_list: tuple[dict[str, Any], ...] | None

    def to_document(self) -> dict[str, Any]:
        return {
            "format": REPLY_FORMAT,
            "format_version": FORMAT_VERSION,
            "district_key_id": self.district_key_id,
            "code": self.code,
            "number": self.number,
            "created_at": self.created_at,
            "bundles": [b.__dict__ for b in self.bundles],
            "missing": self.missing,
            "rates": [r.__dict__ for r in self.rates],
            "kpm_list": None if self.kpm_list is None else list(self.kpm_list),
        }


def reply_filename(code: str, number: int) -> str:
    return f"dinas-{code}-{number:06d}.reply.json"


def sign_reply(reply: Reply, signing: Ed25519PrivateKey) -> bytes:
    payload = dumps_document(reply.to_document())
    signature = signing.sign(REPLY_SIGNATURE_PREFIX + payload)
    return dumps_document(
        {
            "format": REPLY_FORMAT + "-signed",
            "payload": base64.b64encode(payload).decode("ascii"),
            "signature": base64.b64encode(signature).decode("ascii"),
        }
    )


def _integer(raw: dict[str, Any], name: str, low: int, high: int = MAX_SAFE_INT) -> int:
    value = raw.get(name)
    if type(value) is not int or not low <= value <= high:
        raise _bad(f"field '{name}' is not valid", f"isian '{name}' tidak sah")
    return value


def _bundle_note(raw: Any) -> BundleNote:
    if not isinstance(raw, dict):
        raise _bad("a bundle entry is not an object", "entri bundel bukan objek")
    status = _text(raw, "status")
    sha = _text(raw, "manifest_sha256")
    if status not in ("imported", "superseded") or not HEX64.match(sha):
        raise _bad("a bundle entry is not valid", "entri bundel tidak sah")
    return BundleNote(
        _integer(raw, "epoch", 1, MAX_SMALL_INT),
        _integer(raw, "seq", 1, MAX_SMALL_INT),
        sha,
        status,
        _text(raw, "received_at"),
    )


def _rate_note(raw: Any) -> RateNote:
    if not isinstance(raw, dict):
        raise _bad("a rate entry is not an object", "entri besaran bukan objek")
    start, until = _text(raw, "valid_from"), raw.get("valid_until")
    if not PERIOD.match(start) or not (
        until is None or (isinstance(until, str) and PERIOD.match(until))
    ):
        raise _bad("a rate's months are not valid", "bulan besaran tidak sah")
    note = raw.get("note") or ""
    if not isinstance(note, str) or CONTROL.search(note):
        raise _bad("a rate's note is not valid", "catatan besaran tidak sah")
    return RateNote(_integer(raw, "amount_rupiah", 1), start, until, note)


def open_reply(data: bytes, district: DistrictKey, code: str) -> Reply:
    """Verify the reply against the enrolled district key, then parse it strictly."""
    if len(data) > MAX_REPLY_FILE:
        raise _bad("the reply file is too big", "berkas balasan terlalu besar")
    try:
        outer = loads_strict(data)
        payload = base64.b64decode(outer["payload"], validate=True)
        signature = base64.b64decode(outer["signature"], validate=True)
        Ed25519PublicKey.from_public_bytes(district.signing_key).verify(
            signature, REPLY_SIGNATURE_PREFIX + payload
        )
    except InvalidSignature:
        raise _bad(
            "the reply's signature does not match the enrolled district key: forged or altered",
            "tanda tangan balasan tidak cocok dengan kunci Dinas terdaftar: palsu atau diubah",
        ) from None
    except (StrictJsonError, KeyError, TypeError, ValueError, binascii.Error):
        raise _bad("not a district reply file", "bukan berkas balasan Dinas") from None
    try:
        raw = loads_strict(payload)
    except StrictJsonError as exc:
        raise _bad(f"not strict JSON ({exc.detail})", f"bukan JSON ketat ({exc.detail})") from None
    if not isinstance(raw, dict) or raw.get("format") != REPLY_FORMAT:
        raise _bad("not a district reply", "bukan balasan Dinas")
    if raw.get("format_version") != FORMAT_VERSION:
        raise _bad(
            "unknown reply format version: update the e-warong app",
            "versi format balasan tidak dikenal: perbarui aplikasi e-warong",
        )
    if raw.get("district_key_id") != district.key_id or not HEX16.match(district.key_id):
        raise _bad("the reply names another district key", "balasan menyebut kunci Dinas lain")
    reply_code = _text(raw, "code")
    if not CODE.match(reply_code) or reply_code != code:
        raise _bad(
            f"the reply is for e-warong {reply_code!r}, not {code}",
            f"balasan untuk e-warong {reply_code!r}, bukan {code}",
        )
    bundles, rates, kpms = raw.get("bundles"), raw.get("rates"), raw.get("kpm_list")
    missing = raw.get("missing")
    if not isinstance(bundles, list) or not isinstance(rates, list):
        raise _bad("bundles and rates must be lists", "bundles dan rates harus daftar")
    if kpms is not None and not (isinstance(kpms, list) and all(isinstance(k, dict) for k in kpms)):
        raise _bad("kpm_list must be a list of objects", "kpm_list harus daftar objek")
    if missing is not None and (not isinstance(missing, str) or CONTROL.search(missing)):
        raise _bad("missing must be text", "missing harus teks")
    return Reply(
        district.key_id,
        reply_code,
        _integer(raw, "number", 1),
        _text(raw, "created_at"),
        tuple(_bundle_note(b) for b in bundles),
        missing,
        tuple(_rate_note(r) for r in rates),
        None if kpms is None else tuple(kpms),
    )
