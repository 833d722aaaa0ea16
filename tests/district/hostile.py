"""Crafted worst cases for the district's memory bound (docs/district.md, "Memory").

Shared by `test_memory_bound.py` (a child process under a memory cap) and the memory section
of `bench/bench_district_import.py`. Each writes one file into a folder and returns its path.
"""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
from pathlib import Path

from ewarong_desktop.sync.manifest import data_path
from ewarong_desktop.sync.reader import DEFAULT_LIMITS
from tests.sync.bundlekit import Laptop, entries, manifest_of, resign, rezip


def huge_directory(folder: Path, count: int = 1_000_000) -> Path:
    """A ZIP whose central directory lists `count` tiny entries (58 bytes each)."""
    name = b"data/x.jsonl"
    header = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0,
                         len(name), 0, 0, 0, 0, 0, 0) + name  # fmt: skip
    directory = header * count
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(directory), 0, 0)
    path = folder / "huge-directory.ewb"
    path.write_bytes(directory + end)
    return path


def far_seq(laptop: Laptop, folder: Path) -> Path:
    """A signed incremental bundle with seq 2**31 - 1 (the highest a manifest may carry)."""
    prev = laptop.prev
    built = laptop.export({})
    manifest = manifest_of(built.data)
    manifest["seq"] = 2**31 - 1
    data = resign(built.data, laptop.key, json.dumps(manifest).encode())
    laptop.seq, laptop.prev = laptop.seq - 1, prev  # its chain goes on from the seq before
    path = folder / "far-seq.ewb"
    path.write_bytes(data)
    return path


def _with_entry(laptop: Laptop, table: str, payload: bytes, records: int, zipped: bytes) -> bytes:
    """`zipped` is the bundle with the entry swapped; the manifest declares `payload`."""
    manifest = manifest_of(zipped)
    for entry in manifest["files"]:
        if entry["path"] == data_path(table):
            entry.update(sha256=hashlib.sha256(payload).hexdigest(), bytes=len(payload),
                         records=records)  # fmt: skip
    manifest_bytes = json.dumps(manifest).encode()
    laptop.prev = hashlib.sha256(manifest_bytes).hexdigest()  # the next bundle chains to it
    return resign(zipped, laptop.key, manifest_bytes)


def smallest_records(
    laptop: Laptop, folder: Path, data_bytes: int | None = None, count: int | None = None
) -> Path:
    """A signed full bundle filling the data limit with the smallest valid records (products
    with empty names), so the most records per byte: the worst case for the import's memory."""
    limit = data_bytes or DEFAULT_LIMITS.data_bytes
    rows = []
    size = 0
    n = 0
    while True:
        rid = str(uuid.UUID(int=n, version=4))
        row = (f'{{"category":"lainnya","id":"{rid}","name":"","unit":"","updated_at":"",'
               f'"version":1}}\n').encode()  # fmt: skip
        if size + len(row) > limit - 4096 or n >= (count or DEFAULT_LIMITS.records):
            break
        rows.append(row)
        size += len(row)
        n += 1
    payload = b"".join(rows)
    built = laptop.export({}, kind="full")
    items = [(name, payload if name == data_path("products") else data)
             for name, data in entries(built.data)]  # fmt: skip
    data = _with_entry(laptop, "products", payload, len(rows), rezip(items))
    path = folder / "smallest-records.ewb"
    path.write_bytes(data)
    return path


def long_lines(
    laptop: Laptop, folder: Path, data_bytes: int | None = None, fill: bytes = b"[],"
) -> Path:
    """A signed full bundle filling the data limit with records of the longest line allowed,
    each carrying an extra list of `fill` (parsed, `[]` costs ~25 times its 3 bytes; it also
    takes CPU to parse, hence `"a",` for the full 64 MiB). Its ids are those of
    `smallest_records`, so after that bundle each of its records is a version conflict, kept
    for its flag."""
    limit = data_bytes or DEFAULT_LIMITS.data_bytes
    line_limit = DEFAULT_LIMITS.line_bytes
    rows = []
    n = 0
    while (n + 1) * line_limit < limit - 4096:
        rid = str(uuid.UUID(int=n, version=4))
        head = (f'{{"category":"lainnya","id":"{rid}","name":"","unit":"","updated_at":"",'
                f'"version":1,"x":[')  # fmt: skip
        count = (line_limit - len(head.encode()) - 4) // len(fill)
        rows.append(head.encode() + fill * count + b"0]}\n")
        n += 1
    payload = b"".join(rows)
    built = laptop.export({}, kind="full")
    items = [(name, payload if name == data_path("products") else data)
             for name, data in entries(built.data)]  # fmt: skip
    data = _with_entry(laptop, "products", payload, len(rows), rezip(items))
    path = folder / "long-lines.ewb"
    path.write_bytes(data)
    return path
