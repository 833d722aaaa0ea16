"""Reading rules 2 and 3 of the next bundles in a second process while this one writes.

An import spends about half its time on rules 1-3 (the signature, strict JSON, every
record's fields), which depend on nothing but the file's bytes, the manifest and the enrolled
keys. `Pipeline` hands small bundles' envelopes (rule 1 already passed in this process) to one
worker process, a few bundles ahead, and gets back what the worker verified: the manifest,
each table's lines as they were hashed and checked, and each table's ids. The writer never
opens those files again, so what it writes is exactly the bytes that were verified, whatever
happens on the disk meanwhile.

What depends on what earlier bundles wrote stays in the writer: the ids owned by other
e-warongs (the last check of rule 3), the chain (rule 4), the upsert and the checks. The
worker checks signatures with the same snapshot of the key ring the writer would use (it is
loaded once per run in either case).

Anything but a verified bundle (a refusal, a failure in the worker) sends that bundle back to
the writer's own reading, which refuses it in its own words. If the worker process dies, the
bundle it was reading is refused with a clear message (it may be the very file that killed
it) and the rest of the run is read in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import orjson

from ewarong_desktop.sync.errors import BundleRefused
from ewarong_desktop.sync.manifest import Manifest
from ewarong_desktop.sync.reader import (
    KEEP_PARSED_BYTES,
    EnrolledKey,
    Envelope,
    KeyRing,
    Limits,
    Records,
    parse_checked,
    read_tables,
    verify_manifest,
)

# Bundles read ahead of the writer: enough to keep the worker busy while one is written,
# few enough that their lines (at most KEEP_PARSED_BYTES each) stay a few MiB.
AHEAD = 4
# A bundle within KEEP_PARSED_BYTES is read in well under a second: this long is a bug.
ANSWER_SECONDS = 300
# Fewer bundles than this are read in this process: starting the worker costs more.
MIN_BUNDLES = 8


@dataclass(frozen=True)
class KeySnapshot:
    """The key ring's two lookups as plain data, for the worker (see `DistrictKeyRing`)."""

    current_keys: dict[str, EnrolledKey]
    replaced: dict[tuple[str, str], int]

    def current(self, code: str) -> EnrolledKey | None:
        return self.current_keys.get(code)

    def replaced_epoch(self, code: str, key_id: str) -> int | None:
        return self.replaced.get((code, key_id))


_RING: KeyRing | None = None
_LIMITS: Limits | None = None


def _start_worker(ring: KeyRing, limits: Limits) -> None:
    global _RING, _LIMITS
    _RING, _LIMITS = ring, limits


@dataclass(frozen=True)
class Verified:
    """Rules 2 and 3 (but the ids owned by other e-warongs) passed in the worker: each
    table's lines as hashed and checked, their SHA-256 for the history, whether every line
    is in the writer's own form (orjson reads it as the strict reader did), and the ids."""

    manifest: Manifest
    lines: dict[str, list[bytes]]
    digests: dict[str, list[str]]
    plain: dict[str, bool]
    ids: dict[str, list[str]]

    def tables(self) -> dict[str, Records]:
        """The tables as `read_tables` gives them (a small bundle keeps its parsed values)."""
        tables = {}
        for name, lines in self.lines.items():
            if self.plain[name]:
                values = [orjson.loads(line) for line in lines]
            else:
                values = [parse_checked(line) for line in lines]
            tables[name] = Records(lines, values, self.digests[name])
        return tables


def _plain(records: Records) -> bool:
    """Every line is exactly orjson's sorted writing of its value, so orjson alone reads the
    value the strict reader read (see `strictjson.loads_strict_line`)."""
    dumps, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    try:
        pairs = zip(records, records.lines, strict=True)
        return all(dumps(value, option=sort) == line for value, line in pairs)
    except orjson.JSONEncodeError:
        return False


def _verify(envelope: Envelope) -> Verified | None:
    """In the worker: rules 2 and 3 of one envelope; None when refused (the writer reads it
    again itself and words the refusal)."""
    assert _RING is not None and _LIMITS is not None
    try:
        manifest = verify_manifest(envelope, _RING)
        tables, ids = read_tables(envelope, manifest, _LIMITS)
    except BundleRefused:
        return None
    sha256 = hashlib.sha256
    return Verified(
        manifest,
        {name: records.lines for name, records in tables.items()},
        {name: [sha256(line).hexdigest() for line in r.lines] for name, r in tables.items()},
        {name: _plain(records) for name, records in tables.items()},
        ids,
    )


class WorkerStopped(Exception):
    """The worker process ended while reading a bundle."""


def small_enough(envelope: Envelope) -> bool:
    """Read ahead only a bundle whose manifest (not yet verified) declares at most
    KEEP_PARSED_BYTES of data: reading stops at the declared size, so a lie costs nothing,
    and a big bundle is read where it is written, as before (its memory bounded once)."""
    files = envelope.peek().get("files")
    if not isinstance(files, list) or not files:
        return False
    total = 0
    for entry in files:
        size = entry.get("bytes") if isinstance(entry, dict) else None
        if type(size) is not int or size < 0:
            return False
        total += size
    return total <= KEEP_PARSED_BYTES


def _context() -> Any:
    """Fork where there is one (Linux): the worker starts in milliseconds with this process's
    modules, where a spawned interpreter imported the whole district program again (about
    a second of CPU, more than reading a month of 100 e-warongs saves). The worker never
    touches the database connections it inherits and ends without closing them
    (`os._exit`). Only from a process with no other thread (a lock another thread held at
    the fork would stay held in the worker); elsewhere (Windows, macOS), spawn."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def available() -> bool:
    """A daemonic process (the district window's import child) may not start processes."""
    return not multiprocessing.current_process().daemon


class Pipeline:
    """Reads `envelopes[i]` (None: not read ahead) in the worker, AHEAD of `take(i)`."""

    def __init__(self, envelopes: Sequence[Envelope | None], ring: KeyRing, limits: Limits):
        self._envelopes = envelopes
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(ring, limits),
        )
        self._futures: dict[int, Future[Verified | None]] = {}
        self._next = 0
        self._broken = False
        self._fill(0)

    def _fill(self, at: int) -> None:
        pool = self._pool
        while pool is not None and self._next < len(self._envelopes) and len(self._futures) < AHEAD:
            envelope = self._envelopes[self._next]
            if envelope is not None:
                try:
                    self._futures[self._next] = pool.submit(_verify, envelope)
                except Exception:  # the worker is gone, or could not be started
                    self._broken = True
                    return
            self._next += 1
            if self._next > at + AHEAD:
                return

    def take(self, index: int) -> Verified | None:
        """What the worker verified of bundle `index`, or None: read it in this process.
        Raises WorkerStopped, once, when the worker died before it was done with `index`
        (then, or when it died between bundles, everything else is read in this process)."""
        future = self._futures.pop(index, None)
        if future is None:
            return None
        try:
            verified = future.result(timeout=ANSWER_SECONDS)
        except BrokenProcessPool as exc:
            self.close()
            raise WorkerStopped(str(exc)) from exc
        except TimeoutError as exc:  # stuck (a bug): stopped, so the run does not hang
            self._kill()
            raise WorkerStopped(f"no answer in {ANSWER_SECONDS} s") from exc
        except Exception:  # a bug in the worker: this process reads the bundle itself
            verified = None
        if self._broken:
            self.close()
        else:
            self._fill(index + 1)
        return verified

    def _kill(self) -> None:
        pool = self._pool
        if pool is not None:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        self.close()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        self._futures.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()
