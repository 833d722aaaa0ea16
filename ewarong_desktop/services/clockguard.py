"""The laptop clock: remember the latest time the store has seen, notice a clock gone wrong.

Nothing that matters depends on the clock (a redemption's period is the operator-confirmed
working month), but timestamps, receipts and backup names do, so a clock that went backwards
(a dead CMOS battery: 2019 again) or leapt more than 400 days is noticed and the operator is
asked before serving anyone. "Latest seen" is kept in `store_meta` together with the audit
row it was taken at; audit rows written after that count too, so a stretch of work under a
wrong clock is not forgotten. When the operator confirms the clock is right, that confirmed
moment becomes the new reference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.periods import format_date
from ewarong_desktop.domain.words import say
from ewarong_desktop.store.database import Database
from ewarong_desktop.store.repositories import clock as clock_rows

LATEST_SEEN = "clock_latest_seen"
BACKWARD_TOLERANCE = timedelta(minutes=30)  # NTP nudges and a slow CMOS are not an alarm
MAX_JUMP = timedelta(days=400)

OK, BACKWARDS, JUMPED = "ok", "backwards", "jumped"


@dataclass(frozen=True)
class ClockFinding:
    """What the GUI or CLI shows before the counter opens; `ok` means nothing to ask."""

    kind: str  # ok | backwards | jumped
    now_utc: datetime
    latest_seen_utc: datetime | None
    id_text: str = ""
    en_text: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == OK

    def message(self, lang: str = "id") -> str:
        return say(lang, self.id_text, self.en_text)


def _utc(moment: datetime | None) -> datetime:
    """Naive UTC; a naive `moment` is the laptop's local time, as `ServiceContext.clock` gives."""
    moment = moment or datetime.now()
    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.astimezone(UTC).replace(tzinfo=None)


def _reference(session: Session) -> tuple[datetime | None, int]:
    stored = clock_rows.stored_reference(session, LATEST_SEEN)
    if stored is None:
        return None, 0
    try:
        value = json.loads(stored)
        return datetime.fromisoformat(value["at"]), int(value["audit_seq"])
    except (ValueError, KeyError, TypeError):
        return None, 0  # unreadable: fall back on the audit log alone


def latest_seen(session: Session) -> datetime | None:
    """The latest moment (naive UTC) this store has seen the clock show."""
    reference, after_seq = _reference(session)
    newest = clock_rows.newest_audit_at(session, after_seq)
    candidates = [t for t in (reference, newest) if t is not None]
    return max(candidates) if candidates else None


def _show(moment: datetime, lang: str) -> str:
    local = moment.replace(tzinfo=UTC).astimezone()
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def check_clock(db: Database, now: datetime | None = None) -> ClockFinding:
    """Compare the laptop clock with what the store has seen; read-only."""
    now_utc = _utc(now)
    with db.reading() as session:
        seen = latest_seen(session)
    if seen is None:
        return ClockFinding(OK, now_utc, None)
    if now_utc < seen - BACKWARD_TOLERANCE:
        return ClockFinding(
            BACKWARDS,
            now_utc,
            seen,
            f"Jam laptop menunjukkan {_show(now_utc, 'id')}, lebih awal dari catatan terakhir "
            f"di data ({_show(seen, 'id')}). Periksa tanggal dan jam laptop (baterai jam "
            "mungkin habis) sebelum melayani KPM.",
            f"The laptop clock says {_show(now_utc, 'en')}, earlier than the latest record "
            f"in the store ({_show(seen, 'en')}). Check the laptop's date and time (its clock "
            "battery may be flat) before serving KPMs.",
        )
    if now_utc > seen + MAX_JUMP:
        days = (now_utc - seen).days
        return ClockFinding(
            JUMPED,
            now_utc,
            seen,
            f"Jam laptop menunjukkan {_show(now_utc, 'id')}, {days} hari setelah catatan "
            f"terakhir di data ({_show(seen, 'id')}). Apakah tanggal laptop benar?",
            f"The laptop clock says {_show(now_utc, 'en')}, {days} days after the latest "
            f"record in the store ({_show(seen, 'en')}). Is the laptop's date right?",
        )
    return ClockFinding(OK, now_utc, seen)


def _remember(db: Database, moment: datetime, *, only_if_later: bool) -> None:
    with db.session(actor="system", action="clock") as session:
        reference, _ = _reference(session)
        if only_if_later and reference is not None and reference >= moment:
            return
        seq = clock_rows.last_audit_seq(session)
        value = json.dumps({"at": moment.isoformat(), "audit_seq": int(seq)})
        clock_rows.save_reference(session, LATEST_SEEN, value)


def note_clock(db: Database, now: datetime | None = None) -> ClockFinding:
    """Check the clock and, when it looks right, remember it as the latest time seen."""
    finding = check_clock(db, now)
    if finding.ok:
        _remember(db, finding.now_utc, only_if_later=True)
    return finding


def confirm_clock(db: Database, now: datetime | None = None) -> None:
    """The operator says the clock is right: it becomes the reference, earlier or not."""
    _remember(db, _utc(now), only_if_later=False)


class ClockNotConfirmed(EwarongError):
    """A write under a clock that looks wrong waits until someone says the clock is right."""

    code = "clock_not_confirmed"

    def __init__(self, finding: ClockFinding) -> None:
        super().__init__(
            f"{finding.id_text} Tidak ada yang disimpan. Betulkan jam laptop, atau jika jam "
            "sudah benar, konfirmasikan dulu (`ewarong-desktop clock --confirm`).",
            f"{finding.en_text} Nothing was saved. Set the laptop clock right, or if it is "
            "right, confirm it first (`ewarong-desktop clock --confirm`).",
        )
        self.finding = finding


def require_plausible_clock(db: Database, now: datetime | None = None) -> None:
    """Every write passes here (`ServiceContext.transaction`): a clock gone back or leapt
    ahead stops it until `confirm_clock` (the window's question, `clock --confirm`)."""
    finding = check_clock(db, now)
    if not finding.ok:
        raise ClockNotConfirmed(finding)
