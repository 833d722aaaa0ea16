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
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from json.scanner import make_scanner
from pathlib import Path
from typing import IO, Any, NoReturn, Protocol, overload

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.sync.errors import DAMAGED, BundleRefused
from ewarong_desktop.sync.fastcheck import record_checker
from ewarong_desktop.sync.manifest import (
    FORMAT,
    FORMAT_VERSION,
    SIGNATURE_PREFIX,
    FileEntry,
    Manifest,
    ManifestProblem,
    parse_manifest,
)
from ewarong_desktop.sync.records import FUND_TABLE, TABLE_NAME, RecordProblem, check_record
from ewarong_desktop.sync.strictjson import StrictJsonError, loads_strict, loads_strict_line

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Size limits of rules 1 and 3 (documented in docs/district.md, "Limits").

    They bound the reader's memory: the archive is never read whole, and a data entry is
    kept only as its lines (bytes), each parsed again when the importer reads it, so a file
    within these limits costs at most about 3 x `data_bytes` (see `bench_district_import`).
    """

    archive_bytes: int = 96 * MIB
    manifest_bytes: int = 1 * MIB
    signature_bytes: int = 1024
    entry_bytes: int = 64 * MIB
    data_bytes: int = 64 * MIB  # all data entries of one bundle together
    records: int = 200_000  # all records of one bundle together
    line_bytes: int = 256 * 1024  # one record (an honest one is under 10 KiB)
    entries: int = 64
    directory_bytes: int = 256 * 1024  # the ZIP's central directory


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
    """A bundle that passed rule 1: where its ZIP lives, its manifest's bytes, the signature.

    `archive` is the file (opened again for rule 3, never read whole) or, for a bundle made
    or decrypted in memory, its bytes.
    """

    source: str
    archive: Path | bytes
    manifest_bytes: bytes
    signature: bytes
    data_entries: tuple[str, ...]

    @property
    def manifest_sha256(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def open_zip(self) -> zipfile.ZipFile:
        if isinstance(self.archive, bytes):
            return zipfile.ZipFile(io.BytesIO(self.archive))
        return zipfile.ZipFile(self.archive)

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


# Lines already read strictly (rule 3), so the plain C scanner gives the same values.
_PLAIN_SCAN = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def parse_checked(line: bytes) -> dict[str, Any]:
    # The writer's own form (nearly every line): orjson, as rule 3 read it (see
    # `loads_strict_line`); anything else was valid too, so the plain scanner reads it.
    try:
        parsed = orjson.loads(line)
        if orjson.dumps(parsed, option=orjson.OPT_SORT_KEYS) == line:
            return parsed
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        pass
    try:
        value: dict[str, Any] = _PLAIN_SCAN(line.decode("utf-8"), 0)[0]
    except StopIteration:  # leading white space, which strict JSON allows
        value = json.loads(line)
    return value


# A bundle whose data entries declare at most this many bytes keeps the records rule 3
# parsed instead of parsing them again for the import: at 25 times its lines at worst, that
# is 25 MiB, and an honest monthly bundle is far below it (the first, full one of 150 KPMs
# is about 125 KiB). Bigger bundles keep only their lines (see `Records`).
KEEP_PARSED_BYTES = 1 * MIB


class Records(Sequence[dict[str, Any]]):
    """One table's records, held as their checked JSON lines and parsed each time they are
    read: a dict costs up to 25 times its line (a crafted `[[],[],...]` more), a line once.
    A small bundle's records also keep the values rule 3 parsed (`KEEP_PARSED_BYTES`)."""

    __slots__ = ("_digests", "_lines", "_values")

    def __init__(
        self,
        lines: list[bytes],
        values: list[dict[str, Any]] | None = None,
        digests: list[str] | None = None,
    ) -> None:
        self._lines = lines
        self._values = values
        self._digests = digests

    @property
    def digests(self) -> list[str] | None:
        """Each line's SHA-256 (hex), when whoever read the lines computed them already."""
        return self._digests

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def lines(self) -> list[bytes]:
        """Each record's line as received, without its newline (checked by rule 3)."""
        return self._lines

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Records: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | Records:
        if isinstance(index, slice):
            values = self._values[index] if self._values is not None else None
            digests = self._digests[index] if self._digests is not None else None
            return Records(self._lines[index], values, digests)
        if self._values is not None:
            return self._values[index]
        return parse_checked(self._lines[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._values is not None:
            yield from self._values
            return
        parse = parse_checked
        for line in self._lines:
            yield parse(line)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._lines == other._lines
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Records({len(self._lines)} lines)"


@dataclass(frozen=True)
class ReadBundle:
    """A bundle that passed rules 1 to 3: authentic, complete, well-formed."""

    source: str
    manifest: Manifest
    manifest_bytes: bytes
    manifest_sha256: str
    tables: dict[str, Records]


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


EOCD = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
ZIP64_EOCD = b"PK\x06\x06"


def _not_a_zip(detail: str) -> NoReturn:
    raise BundleRefused(
        1,
        "not_a_zip",
        f"bukan arsip ZIP yang utuh (terpotong atau rusak): {detail}",
        f"not a whole ZIP archive (truncated or damaged): {detail}",
        advice_id=DAMAGED[0],
        advice_en=DAMAGED[1],
    )


def check_directory(stream: IO[bytes], size: int, limits: Limits) -> None:
    """Rule 1's entry count and directory size, read from the end-of-central-directory record
    before `zipfile` reads the directory: it builds one ZipInfo for every entry the directory
    holds (11 million took 77 s and 4.8 GB) and only then could the count be checked."""
    tail_length = min(size, 22 + 65535)
    stream.seek(size - tail_length)
    tail = stream.read(tail_length)
    at = tail.rfind(EOCD)
    if at < 0 or len(tail) - at < 22:
        _not_a_zip("no end-of-central-directory record")
    fields = struct.unpack("<4s4H2LH", tail[at : at + 22])
    on_disk, total, directory_size = fields[3], fields[4], fields[5]
    counts = [on_disk, total]
    if 0xFFFF in counts or directory_size == 0xFFFFFFFF or fields[6] == 0xFFFFFFFF:
        # ZIP64: zipfile takes its figures from the record just before the locator.
        start = at - 20 - 56
        if start >= 0 and tail[at - 20 : at - 16] == ZIP64_LOCATOR:
            record = tail[start : start + 56]
            if record[:4] != ZIP64_EOCD:
                _not_a_zip("damaged ZIP64 end record")
            z64 = struct.unpack("<4sQ2H2L4Q", record)
            counts += [z64[6], z64[7]]
            directory_size = max(directory_size, z64[8])
    if max(counts) > limits.entries:
        _refuse1(
            "too_many_entries",
            f"{max(counts)} entri, terlalu banyak (batas {limits.entries})",
            f"{max(counts)} entries, too many (the limit is {limits.entries})",
        )
    if directory_size > limits.directory_bytes:
        _refuse1(
            "directory_too_big",
            f"direktori ZIP {directory_size} bita, melebihi batas {limits.directory_bytes}",
            f"the ZIP directory has {directory_size} bytes, over the limit of "
            f"{limits.directory_bytes}",
        )


def open_envelope(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    """Rule 1: size, entry names, entry sizes, compression; reads manifest and signature.

    The file stays on disk: only its directory, manifest and signature are read here."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            return _open(stream, size, path, path.name, limits)
    except OSError as exc:
        raise BundleRefused(
            1,
            "unreadable",
            f"berkas tidak bisa dibaca: {exc}",
            f"cannot read the file: {exc}",
            advice_id="periksa flashdisk dan salin ulang berkasnya",
            advice_en="check the USB stick and copy the file again",
        ) from exc


Unseal = Callable[[bytes], bytes]


def open_sealed_envelope(
    path: Path, unseal: Unseal | None, limits: Limits = DEFAULT_LIMITS
) -> Envelope:
    """Rule 1 for a bundle sealed to the district (docs/district_reply.md): open the
    envelope with the office's key, then the v1 bundle inside exactly as any other."""
    try:
        size = path.stat().st_size
        if size > limits.archive_bytes + 1024:
            _refuse1(
                "archive_too_big",
                f"berkas {size} bita melebihi batas {limits.archive_bytes} bita",
                f"the file has {size} bytes, over the limit of {limits.archive_bytes}",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BundleRefused(
            1, "unreadable", f"berkas tidak bisa dibaca: {exc}", f"cannot read the file: {exc}",
            advice_id="periksa flashdisk dan salin ulang berkasnya",
            advice_en="check the USB stick and copy the file again",
        ) from exc  # fmt: skip
    if unseal is None:
        _refuse1(
            "sealed_no_key",
            "bundel terenkripsi, tetapi kantor ini belum punya kunci (ewarong-district key)",
            "an encrypted bundle, but this office has no key yet (ewarong-district key)",
        )
    try:
        plain = unseal(data)
    except EwarongError as exc:
        _refuse1("sealed", exc.id_text, exc.en_text)
    return open_envelope_bytes(plain, path.name, limits)


def open_envelope_bytes(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Envelope:
    return _open(io.BytesIO(raw), len(raw), raw, source, limits)


def _open(
    stream: IO[bytes], size: int, archive_at: Path | bytes, source: str, limits: Limits
) -> Envelope:
    if size > limits.archive_bytes:
        _refuse1(
            "archive_too_big",
            f"berkas {size} bita melebihi batas {limits.archive_bytes} bita",
            f"the file has {size} bytes, over the limit of {limits.archive_bytes}",
        )
    check_directory(stream, size, limits)
    try:
        stream.seek(0)
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error) as exc:
        _not_a_zip(str(exc))
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
        archive=archive_at,
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


STREAM_CHUNK = 256 * 1024


def _stream_lines(
    archive: zipfile.ZipFile, entry: FileEntry, line_limit: int
) -> tuple[list[bytes], int, str, str, bool]:
    """The entry's lines (without their newline), its size (reading stops at the declared
    `bytes` + 1), its SHA-256, what went wrong while splitting ("" | "line_too_long" |
    "too_many_lines") and whether the last line lacks its newline. Never holds the whole
    entry, nor a line past `line_limit` (counting its newline), nor more lines than declared.

    Read in chunks split with `bytes.split`: a `readline` per record was a fifth of reading."""
    lines: list[bytes] = []
    hasher = hashlib.sha256()
    total = 0
    problem = ""
    declared, expected = entry.bytes, entry.records
    pending = b""  # the start of a line whose newline has not come yet
    with archive.open(archive.getinfo(entry.path)) as stream:
        while total <= declared:
            chunk = stream.read(min(STREAM_CHUNK, declared + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            hasher.update(chunk)
            if problem:
                continue
            parts = (pending + chunk if pending else chunk).split(b"\n")
            pending = parts.pop()
            for part in parts:
                if len(part) >= line_limit:  # with its newline, over the limit
                    problem = "line_too_long"
                elif len(lines) >= expected:
                    problem = "too_many_lines"
                if problem:
                    break
                lines.append(part)
            if not problem and len(pending) > line_limit:
                problem = "line_too_long"
            if problem:
                lines, pending = [], b""
    unterminated = False
    if pending and not problem:
        # The last line, without its newline: checked like the others, then refused for it.
        if len(pending) > line_limit:
            problem = "line_too_long"
        elif len(lines) >= expected:
            problem = "too_many_lines"
        else:
            lines.append(pending)
            unterminated = True
        if problem:
            lines = []
    return lines, total, hasher.hexdigest(), problem, unterminated


class _Tally:
    """The manifest's `summary` (`records.summarize`), added up one record at a time."""

    def __init__(self, fund: bool) -> None:
        # The "fund" part is optional: added up only when the manifest carries it.
        self.fund = fund
        self.count = self.total = self.own = self.third = self.received = self.used = 0

    def adder(self, table: str) -> Callable[[str, dict[str, Any]], None] | None:
        """`add`, or None for a table the summary does not count (KPMs, products)."""
        counted = table in ("redemptions", "purchases") or (table == FUND_TABLE and self.fund)
        return self.add if counted else None

    def add(self, table: str, record: dict[str, Any]) -> None:
        if record.get("status") != "completed":
            return
        if table == "redemptions":
            self.count += 1
            self.total += int(record["total_rupiah"])
        elif table == "purchases":
            if record.get("source") == "own":
                self.own += int(record["total_rupiah"])
            else:
                self.third += int(record["total_rupiah"])
        elif table == FUND_TABLE and self.fund:
            if record.get("kind") == "tranche":
                self.received += int(record["amount_rupiah"])
            else:
                self.used += int(record["amount_rupiah"])

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        summary = {
            "redemptions": {"count": self.count, "total_rupiah": self.total},
            "purchases": {"own_rupiah": self.own, "third_party_rupiah": self.third},
        }
        if self.fund:
            summary["fund"] = {"tranche_rupiah": self.received, "use_rupiah": self.used}
        return summary


def read_data(
    envelope: Envelope,
    manifest: Manifest,
    foreign_ids: ForeignIds | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadBundle:
    """Rule 3: entries are exactly `files`; sizes, hashes, counts, records and summary hold.

    Each entry is read as a stream of lines, never whole: its hash and size are checked
    before any line is parsed, and the table keeps the lines (see `Records`)."""
    tables, ids = read_tables(envelope, manifest, limits)
    check_foreign_ids(manifest, ids, foreign_ids)
    return ReadBundle(
        source=envelope.source,
        manifest=manifest,
        manifest_bytes=envelope.manifest_bytes,
        manifest_sha256=envelope.manifest_sha256,
        tables=tables,
    )


def read_tables(
    envelope: Envelope, manifest: Manifest, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, Records], dict[str, list[str]]]:
    """Rule 3 up to the ids owned by other e-warongs (`check_foreign_ids`), which needs the
    database: the tables and each table's ids, sorted. Depends on nothing but the file's
    bytes and the manifest, so another process may run it (`district/pipeline.py`)."""
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
    for entry in manifest.files:
        if entry.bytes > limits.entry_bytes:
            _refuse3(
                "entry_too_big",
                f"{entry.path} menyatakan {entry.bytes} bita, melebihi batas",
                f"{entry.path} declares {entry.bytes} bytes, over the limit",
            )
    declared = sum(entry.bytes for entry in manifest.files)
    count = sum(entry.records for entry in manifest.files)
    if count > limits.records:
        _refuse3(
            "too_many_records",
            f"bundel menyatakan {count} catatan, melebihi batas {limits.records}",
            f"the bundle declares {count} records, over the limit of {limits.records}",
            (
                "minta e-warong mengirim bundel inkremental yang lebih kecil dan laporkan ke "
                "pengembang",
                "ask the e-warong for smaller incremental bundles and report it to the developers",
            ),
        )
    if declared > limits.data_bytes:
        _refuse3(
            "data_too_big",
            f"data bundel {declared} bita, melebihi batas {limits.data_bytes} bita",
            f"the bundle's data has {declared} bytes, over the limit of {limits.data_bytes}",
            (
                "minta e-warong mengirim bundel inkremental yang lebih kecil dan laporkan ke "
                "pengembang",
                "ask the e-warong for smaller incremental bundles and report it to the developers",
            ),
        )
    tables: dict[str, Records] = {}
    ids: dict[str, set[str]] = {}
    tally = _Tally(fund="fund" in manifest.summary)
    try:
        archive = envelope.open_zip()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        _refuse3("damaged", f"arsip rusak ({exc})", f"the archive is damaged ({exc})")
    keep = declared <= KEEP_PARSED_BYTES
    with archive:
        for entry in manifest.files:
            ids[entry.table] = set()
            tables[entry.table] = _read_table(archive, entry, limits, tally, ids[entry.table], keep)
    if tally.summary != manifest.summary:
        _refuse3(
            "summary_mismatch",
            f"ringkasan manifest {manifest.summary} tidak sama dengan datanya {tally.summary}",
            f"the manifest's summary {manifest.summary} does not add up to its data "
            f"{tally.summary}",
        )
    return tables, {table: sorted(seen) for table, seen in ids.items()}


def check_foreign_ids(
    manifest: Manifest, ids: dict[str, list[str]], foreign_ids: ForeignIds | None
) -> None:
    """The last check of rule 3: no id of this bundle belongs to another e-warong."""
    if foreign_ids is not None:
        for table, seen in ids.items():
            owners = foreign_ids(manifest.code, table, seen)
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


def read_bundle(
    path: Path | str,
    keyring: KeyRing,
    foreign_ids: ForeignIds | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadBundle:
    """Rules 1 to 3 in order; raises BundleRefused at the first failure."""
    envelope = open_envelope(path, limits)
    return read_data(envelope, verify_manifest(envelope, keyring), foreign_ids, limits)


def _read_table(
    archive: zipfile.ZipFile,
    entry: FileEntry,
    limits: Limits,
    tally: _Tally,
    seen: set[str],
    keep: bool = False,
) -> Records:
    """One data entry, checked (rule 3); `seen` collects its ids; `keep`: the parsed records
    are kept beside the lines."""
    path = entry.path
    try:
        lines, size, digest, problem, unterminated = _stream_lines(
            archive, entry, limits.line_bytes
        )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        _refuse3("damaged", f"{path} rusak ({exc})", f"{path} is damaged ({exc})")
    if size != entry.bytes:
        _refuse3(
            "size_mismatch",
            f"{path}: isi {'melebihi' if size > entry.bytes else 'kurang dari'}"
            f" {entry.bytes} bita yang dinyatakan",
            f"{path}: content {'exceeds' if size > entry.bytes else 'is short of'}"
            f" the declared {entry.bytes} bytes",
        )
    if digest != entry.sha256:
        _refuse3("sha256_mismatch", f"{path}: sha256 tidak cocok", f"{path}: sha256 does not match")
    if problem == "line_too_long":
        _refuse3(
            "line_too_long",
            f"{path}: satu baris melebihi {limits.line_bytes} bita",
            f"{path}: a line is longer than {limits.line_bytes} bytes",
            (
                "laporkan ke pengembang aplikasi e-warong",
                "report it to the e-warong app's developers",
            ),
        )
    if problem == "too_many_lines":
        _refuse3(
            "records_mismatch",
            f"{path}: lebih dari {entry.records} catatan yang dinyatakan manifest",
            f"{path}: more than the {entry.records} records the manifest says",
        )
    if unterminated:
        _refuse3(
            "bad_line",
            f"{path}: baris terakhir tidak diakhiri baris baru",
            f"{path}: the last line is not newline-terminated",
        )
    if len(lines) != entry.records:
        _refuse3(
            "records_mismatch",
            f"{path}: {len(lines)} catatan, manifest menyatakan {entry.records}",
            f"{path}: {len(lines)} records, the manifest says {entry.records}",
        )
    table = entry.table
    valid = record_checker(table)
    add = tally.adder(table)
    values: list[dict[str, Any]] | None = [] if keep else None
    for number, line in enumerate(lines, start=1):
        try:
            record = loads_strict_line(line)
        except StrictJsonError as exc:
            _refuse3(
                "data_" + exc.reason,
                f"{path} baris {number}: bukan JSON ketat ({exc.detail})",
                f"{path} line {number}: not strict JSON ({exc.detail})",
            )
        try:
            if not valid(record):
                check_record(table, record)  # says why, or accepts what the quick look did not
        except RecordProblem as exc:
            _refuse3(
                "record_invalid",
                f"{path} baris {number}: {exc}",
                f"{path} line {number}: {exc}",
                (
                    "laporkan ke pengembang aplikasi e-warong",
                    "report it to the e-warong app's developers",
                ),
            )
        rid = record["id"]
        if rid in seen:
            _refuse3(
                "duplicate_id",
                f"{path}: id {rid} muncul dua kali",
                f"{path}: id {rid} appears twice",
            )
        seen.add(rid)
        if add is not None:
            add(table, record)
        if values is not None:
            values.append(record)
    return Records(lines, values)
