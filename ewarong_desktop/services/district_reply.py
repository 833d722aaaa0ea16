"""The district's side of the stick on the laptop: its key, sealed bundles, its replies.

Kept in `<data_dir>/keys/` beside the signing key (outside the store and its backups):
`district.json` (the district key file as enrolled) and `district-replies.json` (the last
reply number applied, which bundles the Dinas received, rates waiting for an admin). The
format is `docs/district_reply.md`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ewarong_desktop.domain.errors import Conflict, EwarongError, InvalidInput, NotFound
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.fsio import atomic_write_bytes
from ewarong_desktop.services import programme
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.sync.district_link import (
    DistrictKey,
    LinkProblem,
    RateNote,
    check_district_fingerprint,
    open_reply,
    parse_district_key,
)
from ewarong_desktop.sync.keys import fingerprint, normalize_fingerprint

KEY_FILE = "district.json"
STATE_FILE = "district-replies.json"
KPM_LIST_FILE = "district-kpm-list.json"
# The same list as a CSV the KPM import reads (its preview and apply are the import's own).
KPM_LIST_CSV = "district-kpm-list.csv"
KPM_LIST_HEADERS = ("NIK", "Nama", "No. KKS", "Desa")
# How the district names the seqs it was offered but did not import (district/office.py).
_MISSING = re.compile(r"seq (\d+)\.\.(\d+) \(epoch (\d+)\)")
MAX_FILE = 16 * 1024 * 1024


def _keys(ctx: ServiceContext) -> Path:
    from ewarong_desktop.services.sync_export import key_dir

    return key_dir(ctx)


def _read(path: Path, what_id: str, what_en: str) -> bytes:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder, pipe or device on a crafted stick
            raise InvalidInput(
                f"{what_id} bukan berkas biasa: {path.name}.",
                f"The {what_en} is not a plain file: {path.name}.",
            )
        with path.open("rb") as stream:  # bounded: the size stat gives may not be the truth
            data = stream.read(MAX_FILE + 1)
        if len(data) > MAX_FILE:
            raise InvalidInput(f"{what_id} terlalu besar.", f"The {what_en} is too big.")
        return data
    except OSError as exc:
        raise NotFound(
            f"{what_id} tidak bisa dibaca: {os_reason(exc).id}.",
            f"Cannot read the {what_en}: {os_reason(exc).en}.",
        ) from exc


def enrolled_district_key(ctx: ServiceContext) -> DistrictKey | None:
    path = _keys(ctx) / KEY_FILE
    if not path.is_file():
        return None
    return parse_district_key(path.read_bytes())


def enrol_district_key(ctx: ServiceContext, path: Path, typed_fingerprint: str) -> DistrictKey:
    """The Dinas key, after the admin confirmed its fingerprint by phone: from now on bundles
    are sealed to it and its replies are trusted. Another key needs the old file removed by
    hand (a new district key is a rare, deliberate event)."""
    ctx.require_admin("mendaftarkan kunci Dinas", "enrol the district key")
    key = parse_district_key(_read(path, "Berkas kunci Dinas", "district key file"))
    check_district_fingerprint(key, typed_fingerprint)
    current = enrolled_district_key(ctx)
    if current is not None and current.key_id != key.key_id:
        raise Conflict(
            f"Kunci Dinas lain sudah terdaftar ({current.fingerprint}, {current.office}).",
            f"Another district key is enrolled ({current.fingerprint}, {current.office}).",
        )
    target = _keys(ctx) / KEY_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, key.to_bytes())
    return key


# -- replies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplyState:
    last_number: int = 0
    received: dict[str, dict[str, str]] | None = None  # "epoch:seq" -> status, received_at
    pending_rates: tuple[RateNote, ...] = ()
    missing: str | None = None

    @classmethod
    def load(cls, ctx: ServiceContext) -> ReplyState:
        path = _keys(ctx) / STATE_FILE
        if not path.is_file():
            return cls(received={})
        raw = json.loads(path.read_bytes())
        return cls(
            int(raw["last_number"]),
            dict(raw["received"]),
            tuple(RateNote(**r) for r in raw["pending_rates"]),
            raw.get("missing"),
        )

    def save(self, ctx: ServiceContext) -> None:
        document: dict[str, Any] = {
            "last_number": self.last_number,
            "received": self.received or {},
            "pending_rates": [r.__dict__ for r in self.pending_rates],
            "missing": self.missing,
        }
        text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
        atomic_write_bytes(_keys(ctx) / STATE_FILE, text.encode("utf-8") + b"\n")


@dataclass(frozen=True)
class ReceiveResult:
    number: int
    applied: bool  # False: this reply or a newer one was already applied; nothing changed
    received: int  # bundles newly marked received by the Dinas
    pending_rates: tuple[RateNote, ...]
    accepted_rates: tuple[RateNote, ...]
    missing: str | None
    kpm_list: int | None
    latest: int = 0  # the number of the newest reply applied, after this one

    @property
    def changes(self) -> Changes:
        topics = {Topic.SYNC} if self.applied or self.accepted_rates else set()
        if self.accepted_rates:
            topics.add(Topic.SETTINGS)
        return frozenset(topics)


def received_marks(ctx: ServiceContext) -> dict[tuple[int, int], str]:
    """(epoch, seq) -> the date the Dinas received it (`YYYY-MM-DD`)."""
    try:
        state = ReplyState.load(ctx)
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a damaged state file hides the marks; the next reply writes it anew
    marks = {}
    for key, note in (state.received or {}).items():
        epoch, seq = key.split(":")
        marks[(int(epoch), int(seq))] = note["received_at"][:10]
    return marks


def _new_rates(ctx: ServiceContext, offered: tuple[RateNote, ...]) -> tuple[RateNote, ...]:
    held = programme.list_rates(ctx)
    latest = max((str(r.valid_from) for r in held), default="")
    return tuple(r for r in offered if r.valid_from > latest)


def _accept(ctx: ServiceContext, rates: tuple[RateNote, ...]) -> tuple[RateNote, ...]:
    for rate in sorted(rates, key=lambda r: r.valid_from):
        until = Period.parse(rate.valid_until) if rate.valid_until else None
        programme.add_rate(ctx, rate.amount_rupiah, Period.parse(rate.valid_from), until)
    return rates


def _claimed_key_id(data: bytes) -> str | None:
    """The district key a refused reply names (unverified: only to say why it was refused)."""
    import base64

    try:
        outer = json.loads(data)
        named = json.loads(base64.b64decode(outer["payload"]))["district_key_id"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return named if isinstance(named, str) and re.fullmatch(r"[0-9a-f]{16}", named) else None


def _may_receive(ctx: ServiceContext) -> DistrictKey:
    """An admin, and the Dinas's key enrolled: what receiving any reply needs."""
    ctx.require_admin("menerima balasan Dinas", "receive the district's reply")
    key = enrolled_district_key(ctx)
    if key is None:
        raise NotFound(
            "Kunci Dinas belum didaftarkan: ewarong-desktop district-key BERKAS --fingerprint SJ",
            "No district key enrolled yet: ewarong-desktop district-key FILE --fingerprint FP",
        )
    return key


def receive_reply(ctx: ServiceContext, path: Path, *, accept_rates: bool = False) -> ReceiveResult:
    """Verify a reply against the enrolled Dinas key, then apply it once, in order: an older
    reply than the last applied one changes nothing."""
    key = _may_receive(ctx)
    from ewarong_desktop.services.sync_export import _profile, kept_manifest_hashes

    code = _profile(ctx)["code"]
    data = _read(path, "Berkas balasan", "reply file")
    try:
        reply = open_reply(data, key, code)
    except LinkProblem:
        named = _claimed_key_id(data)
        if named is None or named == key.key_id:
            raise
        raise LinkProblem(
            f"Balasan ini dari kunci Dinas lain ({fingerprint(named)}), bukan dari "
            f"{key.office} ({key.fingerprint}) yang terdaftar. Tidak diterapkan.",
            f"This reply comes from another district key ({fingerprint(named)}), not from "
            f"the enrolled {key.office} ({key.fingerprint}). Not applied.",
        ) from None
    state = ReplyState.load(ctx)
    if reply.number <= state.last_number:
        pending = state.pending_rates
        accepted: tuple[RateNote, ...] = ()
        if accept_rates and pending:
            accepted = _accept(ctx, pending)
            state = ReplyState(state.last_number, state.received, (), state.missing)
            state.save(ctx)
        return ReceiveResult(
            reply.number,
            False,
            0,
            state.pending_rates,
            accepted,
            state.missing,
            None,
            state.last_number,
        )
    ours = kept_manifest_hashes(ctx)
    received = dict(state.received or {})
    newly = 0
    for note in reply.bundles:
        mark = f"{note.epoch}:{note.seq}"
        if ours.get((note.epoch, note.seq)) != note.manifest_sha256 or mark in received:
            continue  # not a bundle of this laptop (or already marked)
        received[mark] = {"status": note.status, "received_at": note.received_at}
        newly += 1
    pending = _new_rates(ctx, reply.rates)
    accepted = ()
    if accept_rates and pending:
        accepted, pending = _accept(ctx, pending), ()
    if reply.kpm_list is not None:
        atomic_write_bytes(
            _keys(ctx) / KPM_LIST_FILE,
            json.dumps(list(reply.kpm_list), ensure_ascii=False, indent=2).encode() + b"\n",
        )
        atomic_write_bytes(_keys(ctx) / KPM_LIST_CSV, _kpm_csv(reply.kpm_list))
    ReplyState(reply.number, received, pending, reply.missing).save(ctx)
    return ReceiveResult(
        reply.number,
        True,
        newly,
        pending,
        accepted,
        reply.missing,
        None if reply.kpm_list is None else len(reply.kpm_list),
        reply.number,
    )


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _kpm_csv(kpms: tuple[dict[str, Any], ...]) -> bytes:
    """The district's list as the KPM import reads a list from the Dinas (the import checks
    every row as it checks a spreadsheet's: NIK, KKS, names)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(KPM_LIST_HEADERS)
    for kpm in kpms:
        writer.writerow([_cell(kpm.get(k)) for k in ("nik", "name", "kks_number", "desa")])
    return out.getvalue().encode("utf-8")


# -- what the window shows --------------------------------------------------------------------


def read_district_key(path: Path) -> DistrictKey:
    """A district key file as it would be enrolled; nothing is saved."""
    return parse_district_key(_read(path, "Berkas kunci Dinas", "district key file"))


def fingerprint_matches(key: DistrictKey, typed: str) -> bool:
    """The fingerprint read out by phone against the file's (spaces, dashes, case ignored)."""
    return bool(typed.strip()) and normalize_fingerprint(typed) == key.key_id


def _files(folder: Path, pattern: str) -> list[Path]:
    """`pattern` in `folder` and one level down (a folder the Dinas made on the stick)."""
    try:
        found = [*folder.glob(pattern), *folder.glob(f"*/{pattern}")]
    except OSError:
        return []
    return sorted({p for p in found if p.is_file()})


def find_district_keys(folder: Path) -> list[Path]:
    return _files(folder, "*.district.json")


def find_replies(ctx: ServiceContext, folder: Path) -> list[Path]:
    """This e-warong's reply files on a stick, newest (highest number) first."""
    from ewarong_desktop.services.sync_export import _profile

    code = _profile(ctx)["code"]
    named = re.compile(rf"dinas-{re.escape(code)}-(\d{{6}})\.reply\.json")

    def number(path: Path) -> int:
        match = named.fullmatch(path.name)
        return int(match.group(1)) if match else -1

    return sorted(
        (p for p in _files(folder, "*.reply.json") if number(p) >= 0), key=number, reverse=True
    )


@dataclass(frozen=True)
class StickReceipt:
    """The newest reply on a stick that could be applied (or was already), and the newer
    files refused on the way to it, each with why."""

    result: ReceiveResult | None  # None: every reply on the stick was refused
    refused: tuple[tuple[Path, EwarongError], ...] = ()

    @property
    def changes(self) -> Changes:
        return self.result.changes if self.result is not None else frozenset()


def receive_from_stick(ctx: ServiceContext, replies: list[Path]) -> StickReceipt:
    """Apply the newest of `replies` (from `find_replies`) that is a true reply. A file that
    is not (a forgery named with a higher number, a damaged copy, another office's reply) is
    refused and the next newest tried: a bad file on a stick must not hide the good one."""
    _may_receive(ctx)  # said once, not once per file
    refused: list[tuple[Path, EwarongError]] = []
    for path in replies:
        try:
            return StickReceipt(receive_reply(ctx, path), tuple(refused))
        except (InvalidInput, NotFound) as exc:  # this file; the rest may still be good
            refused.append((path, exc))
    return StickReceipt(None, tuple(refused))


@dataclass(frozen=True)
class DistrictStatus:
    """The district's side as this laptop knows it, for the Sinkron page."""

    key: DistrictKey | None
    last_number: int
    pending_rates: tuple[RateNote, ...]
    missing: str | None  # the district's own words, when they name no seqs we can read
    missing_seqs: tuple[int, int, int] | None  # (epoch, first seq, last seq) not received
    kpm_list: Path | None  # the district's KPM list, ready for the import preview


def missing_range(missing: str | None) -> tuple[int, int, int] | None:
    match = _MISSING.search(missing or "")
    if match is None:
        return None
    return int(match.group(3)), int(match.group(1)), int(match.group(2))


def district_status(ctx: ServiceContext) -> DistrictStatus:
    try:
        key = enrolled_district_key(ctx)
    except EwarongError:  # a damaged key file: as if none, enrolment says why
        key = None
    try:
        state = ReplyState.load(ctx)
    except (OSError, ValueError, KeyError, TypeError):
        state = ReplyState(received={})
    listed = _keys(ctx) / KPM_LIST_CSV
    return DistrictStatus(
        key,
        state.last_number,
        state.pending_rates,
        state.missing,
        missing_range(state.missing),
        listed if listed.is_file() else None,
    )


@dataclass(frozen=True)
class RatesAccepted:
    accepted: tuple[RateNote, ...]
    changes: Changes = field(default=frozenset({Topic.SETTINGS, Topic.SYNC}), compare=False)


def accept_waiting_rates(ctx: ServiceContext) -> RatesAccepted:
    """The rates the last reply brought, added under the shop's own rate rules (the window's
    Accept; `receive FILE --accept-rates` on the command line)."""
    ctx.require_admin("menerima besaran baru dari Dinas", "accept the district's new rates")
    state = ReplyState.load(ctx)
    if not state.pending_rates:
        raise NotFound(
            "Tidak ada besaran baru yang menunggu.", "No new rate is waiting to be accepted."
        )
    pending = _new_rates(ctx, state.pending_rates)  # one added by hand since is not added again
    accepted = _accept(ctx, pending)
    ReplyState(state.last_number, state.received, (), state.missing).save(ctx)
    return RatesAccepted(accepted)
