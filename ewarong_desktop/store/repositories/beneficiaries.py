"""Queries about KPM families."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Row, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.store import tracking
from ewarong_desktop.store.base import key_bytes, stored_key_text
from ewarong_desktop.store.models import Beneficiary

if TYPE_CHECKING:
    from ewarong_desktop.store.database import Database


def registered_in(period: Period) -> ColumnElement[bool]:
    """KPMs on this e-warong's list for `period`: eligible by then, not yet deactivated.

    A KPM deactivated during a month still counts for that month (inactive from the next),
    so a month's figures stay the same when they are printed again later.
    """
    return and_(
        Beneficiary.eligible_from <= str(period),
        or_(
            Beneficiary.active.is_(True),
            and_(Beneficiary.inactive_from.is_not(None), Beneficiary.inactive_from > str(period)),
        ),
    )


def by_id(session: Session, beneficiary_id: str) -> Beneficiary | None:
    return session.get(Beneficiary, beneficiary_id)


def with_nik(session: Session, nik: str) -> Beneficiary | None:
    """The KPM registered with this NIK, active or not."""
    return session.scalars(select(Beneficiary).where(Beneficiary.nik == nik)).first()


def active_with_card(session: Session, kks_number: str) -> Beneficiary | None:
    """The active KPM holding this KKS card."""
    return session.scalars(
        select(Beneficiary).where(
            Beneficiary.kks_number == kks_number, Beneficiary.active.is_(True)
        )
    ).first()


def with_card_or_nik(session: Session, digits: str) -> Sequence[Beneficiary]:
    """KPMs whose KKS or NIK is exactly `digits`, active ones first."""
    return session.scalars(
        select(Beneficiary)
        .where(or_(Beneficiary.kks_number == digits, Beneficiary.nik == digits))
        .order_by(Beneficiary.active.desc())
    ).all()


def card_or_nik_starting(session: Session, digits: str, limit: int) -> Sequence[Beneficiary]:
    """KPMs whose KKS or NIK starts with `digits`, active first, then by name."""
    stmt = select(Beneficiary).where(
        or_(Beneficiary.kks_number.startswith(digits), Beneficiary.nik.startswith(digits))
    )
    return _listed(session, stmt, limit)


def card_or_nik_ending(session: Session, digits: str, limit: int) -> Sequence[Beneficiary]:
    """KPMs whose KKS or NIK ends with `digits` (the last four a receipt shows)."""
    stmt = select(Beneficiary).where(
        or_(Beneficiary.kks_number.endswith(digits), Beneficiary.nik.endswith(digits))
    )
    return _listed(session, stmt, limit)


def named_like(session: Session, text: str, limit: int) -> Sequence[Beneficiary]:
    """KPMs whose name contains `text` (any case), active first. `%` and `_` in `text` are
    letters like any other, never LIKE's wildcards."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = select(Beneficiary).where(func.lower(Beneficiary.name).like(f"%{escaped}%", escape="\\"))
    return _listed(session, stmt, limit)


def _listed(session: Session, stmt: Select[Beneficiary], limit: int) -> Sequence[Beneficiary]:
    return session.scalars(
        stmt.order_by(Beneficiary.active.desc(), Beneficiary.name).limit(limit)
    ).all()


def by_desa_and_name(session: Session, *, include_inactive: bool = True) -> Sequence[Beneficiary]:
    stmt = select(Beneficiary).order_by(Beneficiary.desa, Beneficiary.name)
    if not include_inactive:
        stmt = stmt.where(Beneficiary.active.is_(True))
    return session.scalars(stmt).all()


def by_nik(session: Session) -> Sequence[Beneficiary]:
    """Every KPM, in NIK order."""
    return session.scalars(select(Beneficiary).order_by(Beneficiary.nik)).all()


def every(session: Session) -> Sequence[Beneficiary]:
    """Every KPM, active or not, in no particular order: one query for a whole list."""
    return session.scalars(select(Beneficiary)).all()


def count(session: Session) -> int:
    return session.scalar(select(func.count(Beneficiary.id))) or 0


def list_rows(session: Session) -> Sequence[Row[str, str, str, str, str, str, str, bool, int]]:
    """Every KPM as plain rows (no ORM objects) by desa and name: 10,000 in ~0.1 s.

    Columns: id, nik, kks_number, name, desa, address, eligible_from, active, version.
    """
    b = Beneficiary
    stmt = select(
        b.id, b.nik, b.kks_number, b.name, b.desa, b.address, b.eligible_from, b.active, b.version
    ).order_by(b.desa, b.name)
    return session.execute(stmt).all()


_B = Beneficiary
# The counter runs it for every card it scans (a plain read by the driver: see
# `tracking.driver_rows`); either index answers its half of the OR.
_CARD_OR_NIK_ROWS = (
    "SELECT id, nik, kks_number, name, desa, address, eligible_from, active, version, listed "
    "FROM beneficiaries WHERE kks_number = ? OR nik = ? ORDER BY active DESC"
)


_COUNTER_ROW = (
    "SELECT id, name, nik, kks_number, desa, eligible_from, active FROM beneficiaries WHERE id = ?"
)


def counter_row(
    session: Session, beneficiary_id: str
) -> tuple[str, str, str, str, str, str, bool] | None:
    """What the counter needs of one KPM, as plain values (no ORM record, read by the
    driver: every basket asks): id, name, nik, kks_number, desa, eligible_from, active."""
    rows = tracking.driver_rows(session, _COUNTER_ROW, (key_bytes(beneficiary_id),))
    if not rows:
        return None
    key, name, nik, kks, desa, eligible_from, active = rows[0]
    return stored_key_text(key), name, nik, kks, desa, eligible_from, bool(active)


def card_or_nik_rows_once(
    db: Database, digits: str
) -> list[tuple[str, str, str, str, str, str, str, bool, int, bool]]:
    """KPMs whose KKS or NIK is exactly `digits`, active ones first, as plain values, by
    one statement outside any session (`Database.read_once`): the counter scans a card for
    every family it serves.

    Columns: id, nik, kks_number, name, desa, address, eligible_from, active, version, listed.
    """
    rows = db.read_once(_CARD_OR_NIK_ROWS, (digits, digits))
    return [
        (stored_key_text(key), nik, kks, name, desa, address, eligible, bool(active), version,
         bool(listed))
        for key, nik, kks, name, desa, address, eligible, active, version, listed in rows
    ]  # fmt: skip
