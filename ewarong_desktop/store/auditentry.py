"""An audit entry's bytes: the packed list of the records a transaction changed, and the
hash that chains each entry to the one before.

Plain Python over the bytes the `audit_log` table holds: `tracking` writes entries with it at
every commit, `check` reads a whole log back with it. What a row's 16-byte digest is, and how
the hook takes it, is `tracking`'s and `rowdigest`'s business.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ewarong_desktop.store.base import key_bytes, key_text
from ewarong_desktop.store.rowdigest import DIGEST_SIZE

GENESIS_HASH = "0" * 64
CREATE, UPDATE, BASELINE = 0, 1, 2
# Entries that record every audited row as it then stood (a migration that rewrote rows):
# what the log recorded before one is superseded by it, so `check` compares the rows with
# it and what followed, and only hashes the entries before it into the chain. Only the first
# entry of each action counts (the migration writes one in every store, even a new one).
FULL_BASELINES = frozenset({"migrate:0010"})
KIND_NAMES = {CREATE: "create", UPDATE: "update", BASELINE: "baseline"}


def plain(value: Any) -> Any:
    """A column value as JSON-safe data (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def canonical(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps({k: plain(v) for k, v in values.items()}, sort_keys=True, ensure_ascii=False)


def legacy_entry_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    old: str | None,
    new: str | None,
) -> str:
    """The hash of one row of the per-row audit log stores kept before revision 0007."""
    payload = json.dumps([prev_hash, seq, at, actor, action, entity, entity_id, old, new])
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    table: str
    row_id: Any  # the UUID's text, or a `Numbered` record's integer
    kind: int
    digest: bytes
    old: str | None = None  # JSON of the changed columns' old values (updates only)


@dataclass(frozen=True)
class Section:
    """One table's part of an entry: keys, kinds and digests side by side."""

    table: str
    keys: list[Any]  # as the rows store them: 16 bytes, integers (0010) or text (`base.Key`)
    kinds: str  # one digit per row: 0 create, 1 update, 2 baseline
    digests: list[bytes]
    old: dict[str, Any]  # row index (as text) -> old values of an update

    @property
    def ids(self) -> list[Any]:
        """The keys as the app knows them: UUID text, or a `Numbered` record's integer."""
        return [k if type(k) is int else key_str(k) for k in self.keys]


def key_str(key: bytes | str | int) -> str:
    """A key as stored, as the app spells it (a `Numbered` record's integer as digits)."""
    if isinstance(key, bytes):
        return key_text(key)
    return str(key)


def pack_changes(changes: Iterable[Change]) -> bytes:
    """The entry's changes as one compressed blob: a JSON head, a newline, then bytes.

    The head lists per table `[table, keys, kinds, old values of updates]`; the bytes are,
    table after table, its rows' 16-byte keys (when every key is a UUID: `keys` is then
    their count; before 0009 `keys` listed them as text; a `Numbered` table's integers are
    `{"runs": [first, count, ...]}`, 0010) and their 16-byte digests.
    """
    by_table: dict[str, list[Change]] = {}
    for change in changes:
        by_table.setdefault(change.table, []).append(change)
    head: list[list[Any]] = []
    tail = bytearray()
    for table, rows in by_table.items():
        keys: Any
        if all(type(r.row_id) is int for r in rows):
            # A `Numbered` table's rows in number order, as runs of consecutive numbers:
            # a redemption's lines are one run, a baseline's whole table is one.
            rows = sorted(rows, key=lambda r: int(r.row_id))
            keys = {"runs": _runs([int(r.row_id) for r in rows])}
        else:
            # (Integers among UUIDs: 0010's baseline naming a deleted line by its UUID.)
            stored = [key_bytes(r.row_id) if type(r.row_id) is str else r.row_id for r in rows]
            keys = [r.row_id for r in rows]
            if all(isinstance(k, bytes) for k in stored):
                keys = len(rows)
                tail += b"".join(stored)  # type: ignore[arg-type]
        old = {str(i): json.loads(r.old or "{}") for i, r in enumerate(rows) if r.kind == UPDATE}
        head.append([table, keys, "".join(str(r.kind) for r in rows), old])
        for r in rows:
            tail += r.digest
    text_head = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()
    return zlib.compress(text_head + b"\n" + bytes(tail), 6)


def _runs(numbers: list[int]) -> list[int]:
    """`numbers` as [first, count, first, count, ...] of runs of consecutive numbers."""
    runs: list[int] = []
    for n in numbers:
        if runs and runs[-2] + runs[-1] == n:
            runs[-1] += 1
        else:
            runs += [n, 1]
    return runs


class Runs(list[int]):
    """A `Numbered` table's keys in an entry as it holds them: [first, count, ...], checked
    (`unpack_raw(..., expand=False)`); `numbers()` spells them out."""

    def numbers(self) -> list[int]:
        numbers: list[int] = []
        for first, count in zip(self[0::2], self[1::2], strict=True):
            numbers += range(first, first + count)
        return numbers


def _numbers(listed: dict[str, Any], room: int) -> list[int]:
    """The numbers of `{"runs": [first, count, ...]}` (`_checked_runs`)."""
    return _checked_runs(listed, room).numbers()


def _checked_runs(listed: dict[str, Any], room: int) -> Runs:
    """The runs of `{"runs": [first, count, ...]}`, refusing more than `room` numbers
    (the digests that follow bound them: a crafted count must not fill the memory)."""
    runs = listed.get("runs")
    if (
        len(listed) != 1
        or not isinstance(runs, list)
        or len(runs) % 2
        or not all(type(v) is int for v in runs)
    ):
        raise ValueError("audit entry malformed")
    counts = runs[1::2]
    if any(c < 1 for c in counts) or sum(counts) > room:
        raise ValueError("audit entry malformed")
    return Runs(runs)


_SPLITTERS: dict[int, struct.Struct] = {}


def split16(data: bytes) -> tuple[bytes, ...]:
    """`data` cut into 16-byte pieces (its length is a multiple of 16), in C."""
    count = len(data) // DIGEST_SIZE
    splitter = _SPLITTERS.get(count)
    if splitter is None:
        splitter = struct.Struct(f"{DIGEST_SIZE}s" * count)
        if len(_SPLITTERS) < 4096:
            _SPLITTERS[count] = splitter
    return splitter.unpack(data)


def unpack_raw(
    blob: bytes, expand: bool = True
) -> list[tuple[str, bytes | list[Any], str, bytes, dict[str, Any]]]:
    """The tables of one entry as they lie in the blob: (table, keys, kinds, digests, old),
    keys as 16 bytes each run together (or a list: integers of a `Numbered` table, text
    before 0009), digests run together. `expand=False`: a `Numbered` table's integers as
    the entry holds them, `Runs` (a redemption's four lines are one run: `check` compares
    a five-year log's 600,000 numbers as a few runs).
    `check` replays the whole log through this; raises ValueError on a blob not ours."""
    try:
        data = zlib.decompress(blob)
        cut = data.index(b"\n")
        head = json.loads(data[:cut])
        tail = data[cut + 1 :]
        found: list[tuple[str, bytes | list[Any], str, bytes, dict[str, Any]]] = []
        pos = 0
        for table, listed, kinds, old in head:
            if not isinstance(table, str) or not isinstance(old, dict):
                raise ValueError("audit entry malformed")
            keys: bytes | list[Any]
            if isinstance(listed, int) and not isinstance(listed, bool):
                if listed < 0:
                    raise ValueError("audit entry malformed")
                count = listed
                keys = tail[pos : pos + count * DIGEST_SIZE]
                pos += count * DIGEST_SIZE
                if len(keys) != count * DIGEST_SIZE:
                    raise ValueError("audit entry truncated")
            elif isinstance(listed, dict):  # runs of numbers (0010)
                runs = _checked_runs(listed, (len(tail) - pos) // DIGEST_SIZE)
                count = sum(runs[1::2])
                keys = runs if not expand else runs.numbers()
            else:
                keys = [i if type(i) is int else key_bytes(str(i)) for i in listed]
                count = len(keys)
            if not isinstance(kinds, str) or len(kinds) != count:
                raise ValueError("audit entry malformed")
            digests = tail[pos : pos + count * DIGEST_SIZE]
            pos += count * DIGEST_SIZE
            if len(digests) != count * DIGEST_SIZE:
                raise ValueError("audit entry truncated")
            found.append((table, keys, kinds, digests, old))
        if pos != len(tail):
            raise ValueError("audit entry has trailing bytes")
        return found
    except (zlib.error, TypeError, AttributeError, RecursionError) as exc:
        # (RecursionError: a crafted head nested deeper than json.loads goes.)
        raise ValueError(f"audit entry unreadable: {exc}") from exc


def unpack_sections(blob: bytes) -> list[Section]:
    """The tables of one entry; raises ValueError on a blob that is not one of ours."""
    return [
        Section(
            table,
            list(split16(keys)) if isinstance(keys, bytes) else keys,
            kinds,
            list(split16(digests)),
            old,
        )
        for table, keys, kinds, digests, old in unpack_raw(blob)
    ]


def unpack_changes(blob: bytes) -> Iterator[Change]:
    """The changes of one entry, one by one (the slower, friendlier form)."""
    for section in unpack_sections(blob):
        for i, row_id in enumerate(section.ids):
            kind = int(section.kinds[i])
            old = section.old.get(str(i))
            yield Change(
                section.table,
                row_id,
                kind,
                section.digests[i],
                None if old is None else canonical(old),
            )


# Text json.dumps(ensure_ascii=False) writes as it is: no quote, backslash or control char.
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')


def entry_hash(
    prev: bytes, seq: int, at: str, offset: int, actor: str, action: str, changes: bytes
) -> bytes:
    """The chain: an entry's hash covers the previous hash and everything the entry says."""
    if _PLAIN.fullmatch(at + actor + action) and type(seq) is int and type(offset) is int:
        # What json.dumps writes for text it need not escape, without its machinery
        # (`check` hashes every entry of the log: this was a sixth of its replay).
        head = f'[{seq}, "{at}", {offset}, "{actor}", "{action}"]'.encode()
    else:
        head = json.dumps([seq, at, offset, actor, action], ensure_ascii=False).encode()
    digest = hashlib.sha256(prev)
    digest.update(struct.pack(">I", len(head)) + head)
    digest.update(changes)
    return digest.digest()


def anchor_bytes(legacy_head: str) -> bytes:
    """The hash a new chain starts from: the old per-row chain's head (or the genesis)."""
    return bytes.fromhex(legacy_head)
