"""Queries about the KUBE fund ledger."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ewarong_desktop.domain.states import FundKind, Status
from ewarong_desktop.store.base import key_prefix
from ewarong_desktop.store.models import FundEntry


def get(session: Session, entry_id: str) -> FundEntry | None:
    """By full id, or by its first 8+ characters when only one entry starts so."""
    row = session.get(FundEntry, entry_id)
    if row is not None or len(entry_id) < 8:
        return row
    found = session.scalars(select(FundEntry).where(key_prefix(FundEntry.id, entry_id))).all()
    return found[0] if len(found) == 1 else None


def entries(session: Session) -> Sequence[FundEntry]:
    """Every entry, voided ones too, in date order (on one day "tranche" before "use")."""
    return session.scalars(
        select(FundEntry).order_by(FundEntry.date, FundEntry.kind, FundEntry.created_at)
    ).all()


def completed(session: Session) -> Sequence[FundEntry]:
    return session.scalars(
        select(FundEntry).where(FundEntry.status == Status.COMPLETED).order_by(FundEntry.date)
    ).all()


def used_for_purchase(session: Session, purchase_id: str) -> int:
    """Rupiah of the fund already recorded as paying for this purchase."""
    total = session.scalar(
        select(func.coalesce(func.sum(FundEntry.amount_rupiah), 0)).where(
            FundEntry.purchase_id == purchase_id,
            FundEntry.kind == FundKind.USE,
            FundEntry.status == Status.COMPLETED,
        )
    )
    return int(total or 0)


def stage_taken(session: Session, stage: int) -> bool:
    return (
        session.scalar(
            select(FundEntry.id).where(
                FundEntry.kind == FundKind.TRANCHE,
                FundEntry.stage == stage,
                FundEntry.status == Status.COMPLETED,
            )
        )
        is not None
    )
