"""The bundle's manifest: its fields as a typed value, checked strictly when read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ewarong_desktop.sync.records import MAX_SAFE_INT, MAX_SMALL_INT, REQUIRED_TABLES, TABLE_NAME

FORMAT = "ewarong-sync-bundle"
FORMAT_VERSION = 1
SIGNATURE_PREFIX = b"ewarong-sync-bundle-v1\n"
CODE = re.compile(r"^[A-Za-z0-9-]{1,40}\Z")
HEX64 = re.compile(r"^[0-9a-f]{64}\Z")
HEX16 = re.compile(r"^[0-9a-f]{16}\Z")
WARONG_FIELDS = ("code", "name", "desa", "kecamatan", "kabupaten")
KINDS = ("incremental", "full")


class ManifestProblem(ValueError):
    """The manifest is not what the contract says; the message names the field."""


@dataclass(frozen=True)
class FileEntry:
    path: str
    sha256: str
    bytes: int
    records: int

    @property
    def table(self) -> str:
        return self.path[len("data/") : -len(".jsonl")]


@dataclass(frozen=True)
class Manifest:
    warong: dict[str, str]
    key_id: str
    epoch: int
    seq: int
    prev_manifest_sha256: str | None
    kind: str
    changes_from: int
    changes_to: int
    created_at: str
    app: dict[str, Any]
    schema: str
    files: tuple[FileEntry, ...]
    summary: dict[str, dict[str, int]]

    @property
    def code(self) -> str:
        return self.warong["code"]


def data_path(table: str) -> str:
    return f"data/{table}.jsonl"


def bundle_filename(code: str, epoch: int, seq: int) -> str:
    """`ewarong-LTM-SKP-01-e1-000042.ewb`: for people and sorting, never read back."""
    return f"ewarong-{code}-e{epoch}-{seq:06d}.ewb"


def _field(raw: dict[str, Any], name: str) -> Any:
    if name not in raw:
        raise ManifestProblem(f"field '{name}' is missing")
    return raw[name]


def _integer(raw: dict[str, Any], name: str, minimum: int, maximum: int = MAX_SAFE_INT) -> int:
    value = _field(raw, name)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ManifestProblem(f"field '{name}' must be an integer from {minimum} to {maximum}")
    return value


def _text(raw: dict[str, Any], name: str) -> str:
    value = _field(raw, name)
    if not isinstance(value, str):
        raise ManifestProblem(f"field '{name}' must be a string")
    return value


def _object(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = _field(raw, name)
    if not isinstance(value, dict):
        raise ManifestProblem(f"field '{name}' must be an object")
    return value


def parse_files(value: Any) -> tuple[FileEntry, ...]:
    if not isinstance(value, list):
        raise ManifestProblem("field 'files' must be a list")
    entries: list[FileEntry] = []
    for item in value:
        if not isinstance(item, dict):
            raise ManifestProblem("each entry of 'files' must be an object")
        path = _text(item, "path")
        table = path[len("data/") : -len(".jsonl")] if path.startswith("data/") else ""
        if not (path.endswith(".jsonl") and TABLE_NAME.match(table)):
            raise ManifestProblem(f"file path {path!r} is not data/<table>.jsonl")
        sha = _text(item, "sha256")
        if not HEX64.match(sha):
            raise ManifestProblem(f"sha256 of {path} is not 64 lowercase hex digits")
        entries.append(
            FileEntry(path, sha, _integer(item, "bytes", 0), _integer(item, "records", 0))
        )
    paths = [e.path for e in entries]
    if len(set(paths)) != len(paths):
        raise ManifestProblem("a path is listed twice in 'files'")
    missing = [t for t in REQUIRED_TABLES if data_path(t) not in paths]
    if missing:
        raise ManifestProblem(f"required tables missing from 'files': {', '.join(missing)}")
    return tuple(entries)


def parse_summary(value: Any) -> dict[str, dict[str, int]]:
    if not isinstance(value, dict):
        raise ManifestProblem("field 'summary' must be an object")
    shape = {
        "redemptions": ("count", "total_rupiah"),
        "purchases": ("own_rupiah", "third_party_rupiah"),
    }
    result: dict[str, dict[str, int]] = {}
    for part, names in shape.items():
        section = _object(value, part)
        result[part] = {name: _integer(section, name, 0) for name in names}
    if "fund" in value:  # optional (BUNDLE_SPEC "Optional tables and fields")
        section = _object(value, "fund")
        result["fund"] = {n: _integer(section, n, 0) for n in ("tranche_rupiah", "use_rupiah")}
    return result


def parse_manifest(raw: Any) -> Manifest:
    """Check every field the contract defines (after `format_version`, already checked)."""
    if not isinstance(raw, dict):
        raise ManifestProblem("the manifest must be a JSON object")
    warong_raw = _object(raw, "warong")
    warong = {name: _text(warong_raw, name) for name in WARONG_FIELDS}
    if not CODE.match(warong["code"]):
        raise ManifestProblem(f"warong code {warong['code']!r} is not [A-Za-z0-9-]{{1,40}}")
    kid = _text(raw, "key_id")
    if not HEX16.match(kid):
        raise ManifestProblem("key_id must be 16 lowercase hex digits")
    epoch = _integer(raw, "epoch", 1, MAX_SMALL_INT)
    seq = _integer(raw, "seq", 1, MAX_SMALL_INT)
    prev = _field(raw, "prev_manifest_sha256")
    if seq == 1 and prev is not None:
        raise ManifestProblem("prev_manifest_sha256 must be null when seq is 1")
    if seq > 1 and not (isinstance(prev, str) and HEX64.match(prev)):
        raise ManifestProblem("prev_manifest_sha256 must be 64 lowercase hex digits")
    kind = _text(raw, "kind")
    if kind not in KINDS:
        raise ManifestProblem(f"kind {kind!r} is not incremental or full")
    changes = _object(raw, "changes")
    start = _integer(changes, "from", 0)
    end = _integer(changes, "to", 0)
    if end < start:
        raise ManifestProblem("changes.to is below changes.from")
    if kind == "full" and start != 0:
        raise ManifestProblem("a full bundle must have changes.from 0")
    return Manifest(
        warong=warong,
        key_id=kid,
        epoch=epoch,
        seq=seq,
        prev_manifest_sha256=prev,
        kind=kind,
        changes_from=start,
        changes_to=end,
        created_at=_text(raw, "created_at"),
        app=_object(raw, "app"),
        schema=_text(raw, "schema"),
        files=parse_files(_field(raw, "files")),
        summary=parse_summary(_field(raw, "summary")),
    )
