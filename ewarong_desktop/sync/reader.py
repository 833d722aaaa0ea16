"""Reading rules 1 to 3 of BUNDLE_SPEC: container, signature and manifest, data entries.

Nothing here touches a database: the reader is handed a `KeyRing` (who is enrolled with which
key) and a `foreign_ids` callback (which record ids already belong to another e-warong).
Nothing is extracted to disk; every entry is read as a bounded stream.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ewarong_desktop.sync.errors import DAMAGED, BundleRefused
from ewarong_desktop.sync.manifest import (
    FORMAT,
    FORMAT_VERSION,
    SIGNATURE_PREFIX,
    Manifest,
    ManifestProblem,
    parse_manifest,
)
from ewarong_desktop.sync.records import TABLE_NAME, RecordProblem, check_record, summarize
from ewarong_desktop.sync.strictjson import StrictJsonError, loads_strict

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits of rule 1 (documented in docs/district.md)."""

    archive_bytes: int = 512 * MIB
    manifest_bytes: int = 1 * MIB
    signature_bytes: int = 1024
    entry_bytes: int = 256 * MIB
    entries: int = 64


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class EnrolledKey:
    code: str
    epoch: int
    key_id: str
    public_key: bytes  # 32 raw bytes


class KeyRing(Protocol):
    def current(self, code: str) -> EnrolledKey | None: ...

    def replaced_epoch(self, code: str, key_id: str) -> int | None:
        """The epoch of `key_id` if it was once enrolled for `code` and has been replaced."""
        ...


# (table, ids of this bundle) -> {id: code of the other e-warong that owns it}
ForeignIds = Callable[[str, str, list[str]], dict[str, str]]


@dataclass(frozen=True)
class Envelope:
    """A bundle that passed rule 1: its bytes, its manifest's bytes and the signature."""

    source: str
    raw: bytes
    manifest_bytes: bytes
    signature: bytes
    data_entries: tuple[str, ...]

    @property
    def manifest_sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def peek(self) -> dict[str, Any]:
        """Unverified manifest fields, only to find the key and to sort; {} if unreadable."""
        try:
            value = json.loads(self.manifest_bytes)
        except (ValueError, RecursionError):
            return {}
        return value if isinstance(value, dict) else {}

    def peek_order(self) -> tuple[str, int, int]:
        head = self.peek()
        warong = head.get("warong")
        code = warong.get("code") if isinstance(warong, dict) else None
        epoch, seq = head.get("epoch"), head.get("seq")
        return (
            code if isinstance(code, str) else "",
            epoch if type(epoch) is int else 0,
            seq if type(seq) is int else 0,
        )


@dataclass(frozen=True)
class ReadBundle:
    """A bundle that passed rules 1 to 3: authentic, complete, well-formed."""

    source: str
    manifest: Manifest
    manifest_bytes: bytes
    manifest_sha256: str
    tables: dict[str, list[dict[str, Any]]]


def _refuse1(
    reason: str, id_text: str, en_text: str, advice: tuple[str, str] = DAMAGED
) -> NoReturn:
    raise BundleRefused(1, reason, id_text, en_text, advice_id=advice[0], advice_en=advice[1])


def _entry_name_problem(name: str) -> tuple[str, str, str] | None:
    """(reason, id, en) when an entry name is not allowed by the contract."""
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return ("absolute_name", f"nama entri absolut {name!r}", f"absolute entry name {name!r}")
    if "\\" in name:
        return (
            "backslash_name",
            f"nama entri dengan '\\' {name!r}",
            f"entry name with a backslash {name!r}",
        )
    if ".." in name:
        return (
            "dotdot_name",
            f"nama entri berisi '..' {name!r}",
            f"entry name containing '..' {name!r}",
        )
    if name in ("manifest.json", "manifest.sig"):
        return None
    if name.startswith("data/") and name.endswith(".jsonl") and TABLE_NAME.match(name[5:-6]):
        return None
    return ("unexpected_name", f"entri tak dikenal {name!r}", f"unexpected entry {name!r}")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` + 1 bytes of an entry; raises ValueError when the entry is damaged."""
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while len(out) <= limit:
                chunk = stream.read(min(64 * 1024, limit + 1 - len(out)))
                if not chunk:
                    break
                out += chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ValueError(str(exc)) from exc
    return bytes(out)


def open_envelope(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    """Rule 1: size, entry names, entry sizes, compression; reads manifest and signature."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > limits.archive_bytes:
            _refuse1(
                "archive_too_big",
                f"berkas {size} bita melebihi batas {limits.archive_bytes} bita",
                f"the file has {size} bytes, over the limit of {limits.archive_bytes}",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleRefused(
            1,
            "unreadable",
            f"berkas tidak bisa dibaca: {exc}",
            f"cannot read the file: {exc}",
            advice_id="periksa flashdisk dan salin ulang berkasnya",
            advice_en="check the USB stick and copy the file again",
        ) from exc
    return open_envelope_bytes(raw, source, limits)


def open_envelope_bytes(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    if len(raw) > limits.archive_bytes:
        _refuse1("archive_too_big", "berkas terlalu besar", "the file is too big")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise BundleRefused(
            1,
            "not_a_zip",
            f"bukan arsip ZIP yang utuh (terpotong atau rusak): {exc}",
            f"not a whole ZIP archive (truncated or damaged): {exc}",
            advice_id=DAMAGED[0],
            advice_en=DAMAGED[1],
        ) from None
    if len(infos) > limits.entries:
        _refuse1(
            "too_many_entries",
            f"{len(infos)} entri, terlalu banyak",
            f"{len(infos)} entries, too many",
        )
    seen: set[str] = set()
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        problem = _entry_name_problem(name)
        if problem:
            _refuse1(problem[0], problem[1], problem[2])
        if name in seen:
            _refuse1(
                "duplicate_entry",
                f"entri {name!r} muncul dua kali",
                f"entry {name!r} appears twice",
            )
        seen.add(name)
        by_name[name] = info
        limit = {"manifest.json": limits.manifest_bytes, "manifest.sig": limits.signature_bytes}
        if info.file_size > limit.get(name, limits.entry_bytes):
            _refuse1(
                "entry_too_big",
                f"entri {name!r} berukuran {info.file_size} bita, melebihi batas",
                f"entry {name!r} has {info.file_size} bytes, over the limit",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _refuse1(
                "compression",
                f"entri {name!r} memakai kompresi yang tidak diizinkan",
                f"entry {name!r} uses a compression that is not allowed",
            )
        if info.flag_bits & 0x1:
            _refuse1("encrypted", f"entri {name!r} terenkripsi", f"entry {name!r} is encrypted")
    for needed in ("manifest.json", "manifest.sig"):
        if needed not in by_name:
            _refuse1("missing_entry", f"{needed} tidak ada", f"{needed} is missing")
    try:
        manifest_bytes = _read_entry(archive, by_name["manifest.json"], limits.manifest_bytes)
        signature = _read_entry(archive, by_name["manifest.sig"], limits.signature_bytes)
    except ValueError as exc:
        # A damaged manifest can never match its signature: that is rule 2's refusal.
        raise BundleRefused(
            2,
            "bad_signature",
            f"manifest.json rusak dan tidak cocok dengan tanda tangannya ({exc})",
            f"manifest.json is damaged and cannot match its signature ({exc})",
            advice_id=DAMAGED[0],
            advice_en=DAMAGED[1],
        ) from None
    return Envelope(
        source=source,
        raw=raw,
        manifest_bytes=manifest_bytes,
        signature=signature,
        data_entries=tuple(n for n in by_name if n.startswith("data/")),
    )


def _refuse2(
    reason: str, id_text: str, en_text: str, advice: tuple[str, str] = DAMAGED
) -> NoReturn:
    raise BundleRefused(2, reason, id_text, en_text, advice_id=advice[0], advice_en=advice[1])


def verify_manifest(envelope: Envelope, keyring: KeyRing) -> Manifest:
    """Rule 2: the enrolled key signed these exact bytes; only then parse them strictly."""
    head = envelope.peek()
    warong = head.get("warong")
    code = warong.get("code") if isinstance(warong, dict) else None
    claimed = head.get("key_id")
    if not isinstance(code, str):
        _refuse2(
            "bad_signature",
            "manifest tidak terbaca, penandatangannya tak bisa diketahui",
            "the manifest is unreadable, so its signer cannot be known",
        )
    enrolled = keyring.current(code)
    if enrolled is None:
        _refuse2(
            "unknown_code",
            f"e-warong {code!r} belum terdaftar (enrol)",
            f"e-warong {code!r} is not enrolled",
            (
                "daftarkan dulu berkas enrolmennya: ewarong-district enrol FILE --fingerprint FP",
                "enrol its enrolment file first: ewarong-district enrol FILE --fingerprint FP",
            ),
        )
    if isinstance(claimed, str) and claimed != enrolled.key_id:
        replaced = keyring.replaced_epoch(code, claimed)
        if replaced is not None:
            _refuse2(
                "replaced_key",
                f"ditandatangani kunci {claimed} (epoch {replaced}) yang sudah diganti",
                f"signed by key {claimed} (epoch {replaced}), which has been replaced",
                (
                    "bundel dari kunci lama tidak diterima; minta e-warong mengirim bundel baru "
                    "dari kuncinya yang sekarang",
                    "bundles from an old key are not accepted; ask the e-warong for a new bundle "
                    "from its current key",
                ),
            )
        _refuse2(
            "unenrolled_key",
            f"ditandatangani kunci {claimed}, bukan kunci terdaftar {enrolled.key_id}",
            f"signed by key {claimed}, not the enrolled key {enrolled.key_id}",
            (
                "jangan impor; hubungi e-warong: bila kuncinya memang baru (instal ulang), "
                "daftarkan dengan enrol --replace setelah sidik jarinya dikonfirmasi",
                "do not import; call the e-warong: if its key is really new (reinstall), enrol it "
                "with enrol --replace after confirming its fingerprint",
            ),
        )
    try:
        sig = base64.b64decode(envelope.signature, validate=True)
        if len(sig) != 64:
            raise ValueError("not 64 bytes")
        Ed25519PublicKey.from_public_bytes(enrolled.public_key).verify(
            sig, SIGNATURE_PREFIX + envelope.manifest_bytes
        )
    except (ValueError, binascii.Error, InvalidSignature):
        _refuse2(
            "bad_signature",
            "tanda tangan tidak cocok dengan manifest",
            "the signature does not match the manifest",
        )
    try:
        raw = loads_strict(envelope.manifest_bytes)
    except StrictJsonError as exc:
        _refuse2(
            "manifest_" + exc.reason,
            f"manifest bukan JSON ketat: {exc.detail}",
            f"the manifest is not strict JSON: {exc.detail}",
            (
                "laporkan ke pengembang aplikasi e-warong",
                "report it to the e-warong app's developers",
            ),
        )
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        _refuse2("not_a_bundle", "bukan bundel sinkron e-warong", "not an e-warong sync bundle")
    version = raw.get("format_version")
    if version != FORMAT_VERSION or type(version) is not int:
        _refuse2(
            "format_version",
            f"format_version {version!r} tidak dikenal",
            f"unknown format_version {version!r}",
            (
                "perbarui perangkat lunak kabupaten (upgrade the district software)",
                "upgrade the district software",
            ),
        )
    try:
        manifest = parse_manifest(raw)
    except ManifestProblem as exc:
        _refuse2(
            "manifest_invalid",
            f"manifest tidak sah: {exc}",
            f"the manifest is not valid: {exc}",
            (
                "laporkan ke pengembang aplikasi e-warong",
                "report it to the e-warong app's developers",
            ),
        )
    if manifest.epoch != enrolled.epoch:
        _refuse2(
            "epoch_mismatch",
            f"epoch {manifest.epoch} tidak sesuai epoch terdaftar {enrolled.epoch}",
            f"epoch {manifest.epoch} does not match the enrolled epoch {enrolled.epoch}",
        )
    return manifest


def _refuse3(
    reason: str, id_text: str, en_text: str, advice: tuple[str, str] = DAMAGED
) -> NoReturn:
    raise BundleRefused(3, reason, id_text, en_text, advice_id=advice[0], advice_en=advice[1])


def _parse_lines(path: str, data: bytes) -> list[dict[str, Any]]:
    if data and not data.endswith(b"\n"):
        _refuse3(
            "bad_line",
            f"{path}: baris terakhir tidak diakhiri baris baru",
            f"{path}: the last line is not newline-terminated",
        )
    records: list[dict[str, Any]] = []
    for number, line in enumerate(data.split(b"\n")[:-1] if data else [], start=1):
        try:
            value = loads_strict(line)
        except StrictJsonError as exc:
            _refuse3(
                "data_" + exc.reason,
                f"{path} baris {number}: bukan JSON ketat ({exc.detail})",
                f"{path} line {number}: not strict JSON ({exc.detail})",
            )
        records.append(value)
    return records


def read_data(
    envelope: Envelope,
    manifest: Manifest,
    foreign_ids: ForeignIds | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadBundle:
    """Rule 3: entries are exactly `files`; sizes, hashes, counts, records and summary hold."""
    listed = {f.path for f in manifest.files}
    present = set(envelope.data_entries)
    if listed != present:
        extra = sorted(present - listed)
        missing = sorted(listed - present)
        _refuse3(
            "entries_mismatch",
            f"entri tidak sama dengan daftar manifest (lebih: {extra}, kurang: {missing})",
            f"entries differ from the manifest's files (extra: {extra}, missing: {missing})",
        )
    archive = zipfile.ZipFile(io.BytesIO(envelope.raw))
    tables: dict[str, list[dict[str, Any]]] = {}
    for entry in manifest.files:
        if entry.bytes > limits.entry_bytes:
            _refuse3(
                "entry_too_big",
                f"{entry.path} menyatakan {entry.bytes} bita, melebihi batas",
                f"{entry.path} declares {entry.bytes} bytes, over the limit",
            )
        try:
            data = _read_entry(archive, archive.getinfo(entry.path), entry.bytes)
        except ValueError as exc:
            _refuse3("damaged", f"{entry.path} rusak ({exc})", f"{entry.path} is damaged ({exc})")
        if len(data) != entry.bytes:
            _refuse3(
                "size_mismatch",
                f"{entry.path}: isi {'melebihi' if len(data) > entry.bytes else 'kurang dari'}"
                f" {entry.bytes} bita yang dinyatakan",
                f"{entry.path}: content {'exceeds' if len(data) > entry.bytes else 'is short of'}"
                f" the declared {entry.bytes} bytes",
            )
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            _refuse3(
                "sha256_mismatch",
                f"{entry.path}: sha256 tidak cocok",
                f"{entry.path}: sha256 does not match",
            )
        records = _parse_lines(entry.path, data)
        if len(records) != entry.records:
            _refuse3(
                "records_mismatch",
                f"{entry.path}: {len(records)} catatan, manifest menyatakan {entry.records}",
                f"{entry.path}: {len(records)} records, the manifest says {entry.records}",
            )
        table = entry.table
        seen: set[str] = set()
        for number, record in enumerate(records, start=1):
            try:
                check_record(table, record)
            except RecordProblem as exc:
                _refuse3(
                    "record_invalid",
                    f"{entry.path} baris {number}: {exc}",
                    f"{entry.path} line {number}: {exc}",
                    (
                        "laporkan ke pengembang aplikasi e-warong",
                        "report it to the e-warong app's developers",
                    ),
                )
            if record["id"] in seen:
                _refuse3(
                    "duplicate_id",
                    f"{entry.path}: id {record['id']} muncul dua kali",
                    f"{entry.path}: id {record['id']} appears twice",
                )
            seen.add(record["id"])
        tables[table] = records
    # The summary's "fund" part is optional: checked when the manifest carries it.
    expected = summarize(tables, fund="fund" in manifest.summary)
    if expected != manifest.summary:
        _refuse3(
            "summary_mismatch",
            f"ringkasan manifest {manifest.summary} tidak sama dengan datanya {expected}",
            f"the manifest's summary {manifest.summary} does not add up to its data {expected}",
        )
    if foreign_ids is not None:
        for table, records in tables.items():
            owners = foreign_ids(manifest.code, table, [r["id"] for r in records])
            if owners:
                rid, other = next(iter(sorted(owners.items())))
                _refuse3(
                    "foreign_id",
                    f"{table} id {rid} sudah milik e-warong {other} ({len(owners)} catatan)",
                    f"{table} id {rid} already belongs to e-warong {other} ({len(owners)} records)",
                    (
                        "jangan impor; laporkan ke pengembang dan periksa kedua e-warong",
                        "do not import; report it to the developers and check both e-warongs",
                    ),
                )
    return ReadBundle(
        source=envelope.source,
        manifest=manifest,
        manifest_bytes=envelope.manifest_bytes,
        manifest_sha256=envelope.manifest_sha256,
        tables=tables,
    )


def read_bundle(
    path: Path | str,
    keyring: KeyRing,
    foreign_ids: ForeignIds | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadBundle:
    """Rules 1 to 3 in order; raises BundleRefused at the first failure."""
    envelope = open_envelope(path, limits)
    return read_data(envelope, verify_manifest(envelope, keyring), foreign_ids, limits)
