"""Enrolling e-warong keys (and replacing them for a new epoch), and listing who is enrolled."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ewarong_desktop.district.models import Warong, WarongKey, utc_now
from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.sync.enrolment import Enrolment, read_enrolment
from ewarong_desktop.sync.keys import fingerprint, normalize_fingerprint
from ewarong_desktop.sync.reader import EnrolledKey


@dataclass(frozen=True)
class EnrolResult:
    code: str
    name: str
    epoch: int
    fingerprint: str
    already: bool = False


@dataclass(frozen=True)
class WarongRow:
    code: str
    name: str
    kecamatan: str
    epoch: int
    last_seq: int
    highest_seq_seen: int
    last_import_at: datetime | None
    fingerprint: str


class DistrictKeyRing:
    """The enrolled keys, loaded once per run (reading rule 2's lookup)."""

    def __init__(self, engine: Engine) -> None:
        self.current_keys: dict[str, EnrolledKey] = {}
        self.replaced: dict[tuple[str, str], int] = {}
        with Session(engine) as session:
            for w in session.scalars(select(Warong)):
                raw = base64.b64decode(w.public_key)
                self.current_keys[w.code] = EnrolledKey(w.code, w.epoch, w.key_id, raw)
            for k in session.scalars(select(WarongKey).where(WarongKey.replaced_at.is_not(None))):
                self.replaced[(k.code, k.key_id)] = k.epoch

    def current(self, code: str) -> EnrolledKey | None:
        return self.current_keys.get(code)

    def replaced_epoch(self, code: str, key_id: str) -> int | None:
        return self.replaced.get((code, key_id))


def check_fingerprint(enrolment: Enrolment, typed: str) -> None:
    if normalize_fingerprint(typed) != enrolment.key_id:
        raise InvalidInput(
            f"Sidik jari tidak cocok: berkas berisi {enrolment.fingerprint}, yang dikonfirmasi "
            f"{typed.strip()!r}. Jangan daftarkan; hubungi e-warong lagi.",
            f"The fingerprint does not match: the file holds {enrolment.fingerprint}, the "
            f"confirmed one is {typed.strip()!r}. Do not enrol it; call the e-warong again.",
        )


class FingerprintMatch(StrEnum):
    EMPTY = "empty"  # nothing typed yet
    INCOMPLETE = "incomplete"  # fewer characters than a fingerprint has, all of them hex
    MATCH = "match"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class EnrolmentPreview:
    """An enrolment file as the officer sees it before enrolling: who it claims to be and
    what the district holds for that code. Never the fingerprint itself (the officer must
    hear it from the e-warong, not copy it): only whether what was typed matches."""

    path: Path
    code: str
    name: str
    desa: str
    kecamatan: str
    kabupaten: str
    epoch: int
    enrolled_epoch: int | None  # the code's epoch at the district; None: not enrolled yet
    same_key: bool  # this very key is the one enrolled now
    _key_id: str = field(repr=False)

    @property
    def is_new(self) -> bool:
        return self.enrolled_epoch is None

    @property
    def needs_replace(self) -> bool:
        """Another key for an enrolled code: only `replace_key` (with a reason) takes it."""
        return self.enrolled_epoch is not None and not self.same_key

    @property
    def digits(self) -> int:
        return len(self._key_id)

    def typed_length(self, typed: str) -> int:
        """How many of the fingerprint's characters were typed (spaces and dashes aside)."""
        return len(normalize_fingerprint(typed))

    def match(self, typed: str) -> FingerprintMatch:
        """What the officer typed against the file, spaces, dashes and case ignored."""
        got = normalize_fingerprint(typed)
        if not got:
            return FingerprintMatch.EMPTY
        if got == self._key_id:
            return FingerprintMatch.MATCH
        if len(got) < len(self._key_id) and all(c in "0123456789abcdef" for c in got):
            return FingerprintMatch.INCOMPLETE
        return FingerprintMatch.MISMATCH


def preview_enrolment(engine: Engine, path: Path) -> EnrolmentPreview:
    """Read an enrolment file (refused in words when it is not one) and look up its code."""
    enrolment = read_enrolment(path)
    w = enrolment.warong
    with Session(engine) as session:
        current = session.get(Warong, enrolment.code)
        enrolled = None if current is None else current.epoch
        same = current is not None and current.key_id == enrolment.key_id
    return EnrolmentPreview(
        path, enrolment.code, w["name"], w["desa"], w["kecamatan"], w["kabupaten"],
        enrolment.epoch, enrolled, same, enrolment.key_id,
    )  # fmt: skip


def _key_row(enrolment: Enrolment, reason: str | None) -> WarongKey:
    return WarongKey(
        code=enrolment.code,
        epoch=enrolment.epoch,
        key_id=enrolment.key_id,
        public_key=base64.b64encode(enrolment.public_key).decode("ascii"),
        reason=reason,
    )


def enrol(engine: Engine, path: Path, typed_fingerprint: str) -> EnrolResult:
    """First enrolment of an e-warong, after the officer confirmed the fingerprint."""
    enrolment = read_enrolment(path)
    check_fingerprint(enrolment, typed_fingerprint)
    with Session(engine) as session, session.begin():
        existing = session.get(Warong, enrolment.code)
        if existing is not None:
            if existing.key_id == enrolment.key_id and existing.epoch == enrolment.epoch:
                return EnrolResult(
                    existing.code, existing.name, existing.epoch, enrolment.fingerprint, True
                )
            raise Conflict(
                f"E-warong {enrolment.code} sudah terdaftar dengan kunci lain "
                f"({fingerprint(existing.key_id)}, epoch {existing.epoch}). Untuk kunci baru "
                "pakai: enrol --replace FILE --fingerprint FP --reason ALASAN.",
                f"E-warong {enrolment.code} is already enrolled with another key "
                f"({fingerprint(existing.key_id)}, epoch {existing.epoch}). For a new key use: "
                "enrol --replace FILE --fingerprint FP --reason TEXT.",
            )
        w = enrolment.warong
        session.add(
            Warong(
                code=enrolment.code,
                name=w["name"],
                desa=w["desa"],
                kecamatan=w["kecamatan"],
                kabupaten=w["kabupaten"],
                epoch=enrolment.epoch,
                key_id=enrolment.key_id,
                public_key=base64.b64encode(enrolment.public_key).decode("ascii"),
                last_seq=0,
                last_changes_to=0,
                highest_seq_seen=0,
            )
        )
        session.flush()
        session.add(_key_row(enrolment, None))
    return EnrolResult(enrolment.code, w["name"], enrolment.epoch, enrolment.fingerprint)


def _refuse_known_key(session: Session, enrolment: Enrolment) -> None:
    """A replacement must be a key never enrolled before: not the current key, not one that
    was replaced (a stolen laptop's key must never come back), not another e-warong's."""
    known = session.scalars(
        select(WarongKey).where(WarongKey.key_id == enrolment.key_id).order_by(WarongKey.epoch)
    ).first()
    if known is None:
        return
    if known.code != enrolment.code:
        what_id, what_en = f"milik e-warong {known.code}", f"belongs to e-warong {known.code}"
    elif known.replaced_at is None:
        what_id, what_en = "adalah kunci yang sekarang", "is the current key"
    else:
        what_id = f"sudah diganti (epoch {known.epoch})"
        what_en = f"was replaced (epoch {known.epoch})"
    raise Conflict(
        f"Kunci {enrolment.fingerprint} {what_id}; penggantian harus kunci baru. Minta "
        "e-warong membuat kunci baru (rekey) dan konfirmasi sidik jarinya.",
        f"Key {enrolment.fingerprint} {what_en}; a replacement must be a new key. Ask the "
        "e-warong to make a new key (rekey) and confirm its fingerprint.",
    )


def replace_key(engine: Engine, path: Path, typed_fingerprint: str, reason: str) -> EnrolResult:
    """A new key for a new epoch (current + 1 only), recorded with the officer's reason."""
    if not reason or not reason.strip():
        raise InvalidInput(
            "Alasan penggantian kunci wajib diisi (--reason).",
            "A reason for replacing the key is required (--reason).",
        )
    enrolment = read_enrolment(path)
    check_fingerprint(enrolment, typed_fingerprint)
    with Session(engine) as session, session.begin():
        current = session.get(Warong, enrolment.code)
        if current is None:
            raise NotFound(
                f"E-warong {enrolment.code} belum terdaftar; daftarkan dulu tanpa --replace.",
                f"E-warong {enrolment.code} is not enrolled; enrol it first without --replace.",
            )
        if enrolment.epoch != current.epoch + 1:
            raise Conflict(
                f"Berkas enrolmen untuk epoch {enrolment.epoch}; penggantian hanya diterima "
                f"untuk epoch {current.epoch + 1} (sekarang {current.epoch}).",
                f"The enrolment file is for epoch {enrolment.epoch}; a replacement is only "
                f"accepted for epoch {current.epoch + 1} (now {current.epoch}).",
            )
        _refuse_known_key(session, enrolment)
        now = utc_now()
        for old in session.scalars(
            select(WarongKey).where(WarongKey.code == current.code, WarongKey.replaced_at.is_(None))
        ):
            old.replaced_at = now
        session.add(_key_row(enrolment, reason.strip()))
        w = enrolment.warong
        current.name, current.desa = w["name"], w["desa"]
        current.kecamatan, current.kabupaten = w["kecamatan"], w["kabupaten"]
        current.epoch = enrolment.epoch
        current.key_id = enrolment.key_id
        current.public_key = base64.b64encode(enrolment.public_key).decode("ascii")
        current.last_seq = 0
        current.last_manifest_sha256 = None
        current.last_changes_to = 0
        current.highest_seq_seen = 0
    return EnrolResult(enrolment.code, w["name"], enrolment.epoch, enrolment.fingerprint)


def list_warongs(engine: Engine) -> list[WarongRow]:
    with Session(engine) as session:
        return [
            WarongRow(
                w.code,
                w.name,
                w.kecamatan,
                w.epoch,
                w.last_seq,
                w.highest_seq_seen,
                w.last_import_at,
                fingerprint(w.key_id),
            )
            for w in session.scalars(select(Warong).order_by(Warong.code))
        ]
