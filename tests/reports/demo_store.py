"""A small demo store for the document tests, with one void and one late (rapel) redemption."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.services.redemption import (
    BasketItem,
    RedeemRequest,
    RedemptionView,
    redeem,
    void_redemption,
)
from ewarong_desktop.store.models import Product, Redemption
from tests.templates import copy_of_template

TODAY = datetime(2020, 7, 20, 12, 0)
JUNE, JULY = Period(2020, 6), Period(2020, 7)


def copy(data_dir: Path) -> tuple[RedemptionView, RedemptionView]:
    """`build`'s store (made once per test run) copied into `data_dir`."""
    return copy_of_template("reports-demo", build, data_dir)


def build(data_dir: Path) -> tuple[RedemptionView, RedemptionView]:
    """Demo Feb-Jul 2020 with 30 KPMs; returns (a voided June redemption, a June one paid in
    July)."""
    build_demo(data_dir, kpm=30, months=6, seed=11, today=TODAY)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        with ctx.reading() as session:
            june = session.scalars(
                select(Redemption)
                .where(Redemption.period == str(JUNE), Redemption.status == "completed")
                .order_by(Redemption.created_at)
            ).all()
            tempe = session.scalars(select(Product.id).where(Product.code == "TMP")).one()
            to_void, late_kpm = june[0].id, june[1].beneficiary_id
        (voided,) = void_redemption(ctx, to_void, "Salah input jumlah", "REV-TEST-1").parts
        later = ServiceContext(ctx.db, CLI_ACTOR, lambda: datetime(2020, 7, 18, 10, 30))
        late = redeem(later, RedeemRequest(late_kpm, JUNE, (BasketItem(tempe, Decimal(1)),)))
        return voided, late
    finally:
        ctx.close()
