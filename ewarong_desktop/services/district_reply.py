"""The district's side of the stick on the laptop: its key, sealed bundles, its replies.

Kept in `<data_dir>/keys/` beside the signing key (outside the store and its backups):
`district.json` (the district key file as enrolled) and `district-replies.json` (the last
reply number applied, which bundles the Dinas received, rates waiting for an admin). The
format is `docs/district_reply.md`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.fsio import atomic_write_bytes
from ewarong_desktop.services import programme
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.sync.district_link import (
    DistrictKey,
    RateNote,
    check_district_fingerprint,
    open_reply,
    parse_district_key,
)

KEY_FILE = "district.json"
STATE_FILE = "district-replies.json"
MAX_FILE = 16 * 1024 * 1024


def _keys(ctx: ServiceContext) -> Path:
    from ewarong_desktop.services.sync_export import key_dir

    return key_dir(ctx)


def _read(path: Path, what_id: str, what_en: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise InvalidInput(f"{what_id} terlalu besar.", f"The {what_en} is too big.")
        return path.read_bytes()
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


def receive_reply(ctx: ServiceContext, path: Path, *, accept_rates: bool = False) -> ReceiveResult:
    """Verify a reply against the enrolled Dinas key, then apply it once, in order: an older
    reply than the last applied one changes nothing."""
    ctx.require_admin("menerima balasan Dinas", "receive the district's reply")
    key = enrolled_district_key(ctx)
    if key is None:
        raise NotFound(
            "Kunci Dinas belum didaftarkan: ewarong-desktop district-key BERKAS --fingerprint SJ",
            "No district key enrolled yet: ewarong-desktop district-key FILE --fingerprint FP",
        )
    from ewarong_desktop.services.sync_export import _profile, kept_manifest_hashes

    code = _profile(ctx)["code"]
    reply = open_reply(_read(path, "Berkas balasan", "reply file"), key, code)
    state = ReplyState.load(ctx)
    if reply.number <= state.last_number:
        pending = state.pending_rates
        accepted: tuple[RateNote, ...] = ()
        if accept_rates and pending:
            accepted = _accept(ctx, pending)
            state = ReplyState(state.last_number, state.received, (), state.missing)
            state.save(ctx)
        return ReceiveResult(
            reply.number, False, 0, state.pending_rates, accepted, state.missing, None
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
            _keys(ctx) / "district-kpm-list.json",
            json.dumps(list(reply.kpm_list), ensure_ascii=False, indent=2).encode() + b"\n",
        )
    ReplyState(reply.number, received, pending, reply.missing).save(ctx)
    return ReceiveResult(
        reply.number,
        True,
        newly,
        pending,
        accepted,
        reply.missing,
        None if reply.kpm_list is None else len(reply.kpm_list),
    )
