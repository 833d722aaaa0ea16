"""The guards every way in passes: working month, clock, identifiers, implausible values."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from ewarong_desktop.domain.errors import (
    Conflict,
    InvalidInput,
    NeedsConfirmation,
    PermissionDenied,
)
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.states import Role
from ewarong_desktop.services import beneficiaries, clockguard, profile, purchases
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from ewarong_desktop.services.context import Actor
from ewarong_desktop.services.profile import WorkingMonthAhead
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput
from ewarong_desktop.store.base import utc_now
from tests.conftest import NIK_A, Shop

NIK_D = "1807124407900004"


# --- 2. the working month ------------------------------------------------------------------


def test_only_an_admin_confirms_the_working_month_and_never_past_the_laptop_s(
    shop: Shop,
) -> None:
    with pytest.raises(PermissionDenied):
        profile.confirm_working_month(shop.as_operator(), Period(2020, 5))
    # 6 May 2020 on the clock: June has not come, whoever asks.
    with pytest.raises(WorkingMonthAhead) as refused:
        profile.confirm_working_month(shop.ctx, Period(2020, 6))
    assert "Juni 2020" in refused.value.id_text
    assert profile.confirm_working_month(shop.ctx, Period(2020, 4)).working_month == Period(2020, 4)


# --- 3. the clock --------------------------------------------------------------------------


def test_a_write_under_a_clock_gone_back_waits_for_its_confirmation(shop: Shop) -> None:
    clockguard.confirm_clock(shop.ctx.db, utc_now() + timedelta(days=30))
    fresh = shop.ctx.as_actor(shop.ctx.actor)
    fresh.clock_checked = False  # a new context, as the CLI makes per command
    data = BeneficiaryInput(NIK_D, "601301009", "Ani", eligible_from=Period(2020, 5))
    with pytest.raises(clockguard.ClockNotConfirmed) as waited:
        beneficiaries.register(fresh, data)
    assert "clock --confirm" in waited.value.en_text
    assert all(b.nik != NIK_D for b in beneficiaries.list_all(fresh)), "nothing was saved"
    clockguard.confirm_clock(shop.ctx.db)
    assert beneficiaries.register(fresh, data).nik == NIK_D


def test_a_reader_may_not_write(shop: Shop) -> None:
    reader = shop.ctx.as_actor(Actor("cli", Role.READER))
    with pytest.raises(PermissionDenied):
        beneficiaries.register(reader, BeneficiaryInput(NIK_D, "601301009", "Ani"))


# --- 5. identifiers and names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "kks"),
    [
        ("１８０７１２４４０７９００００４", "601301009"),  # full-width NIK
        (NIK_D, "６０１３０１００９"),  # full-width KKS
        (NIK_D, "601301009²"),  # a superscript digit
        (NIK_D, "٦٠١٣٠١٠٠٩"),  # Arabic-Indic digits
    ],
)
def test_only_ascii_digits_make_a_nik_or_kks(shop: Shop, nik: str, kks: str) -> None:
    with pytest.raises(InvalidInput):
        beneficiaries.register(shop.ctx, BeneficiaryInput(nik, kks, "Ani"))


def test_a_kks_that_is_another_family_s_nik_is_refused_both_ways(shop: Shop) -> None:
    with pytest.raises(Conflict) as taken:
        beneficiaries.register(shop.ctx, BeneficiaryInput(NIK_D, NIK_A, "Ani"))
    assert "Siti Rahayu" in taken.value.id_text
    # and the other way: a NIK that is someone's card number
    beneficiaries.register(shop.ctx, BeneficiaryInput("1807124407900005", NIK_D, "Ana"))
    with pytest.raises(Conflict):
        beneficiaries.register(shop.ctx, BeneficiaryInput(NIK_D, "601301777", "Ani"))
    assert beneficiaries.find_one(shop.ctx, NIK_A).name == "Siti Rahayu"


@pytest.mark.parametrize("bad", ["Ani\x00", "Ani\x1b[31m", "A\x7fni", "Ani\x85", "Ani\ud800"])
def test_control_characters_are_refused_in_every_name(shop: Shop, bad: str) -> None:
    for data in (
        BeneficiaryInput(NIK_D, "601301009", bad),
        BeneficiaryInput(NIK_D, "601301009", "Ani", desa=bad),
        BeneficiaryInput(NIK_D, "601301009", "Ani", address=bad),
    ):
        with pytest.raises(InvalidInput) as refused:
            beneficiaries.register(shop.ctx, data)
        assert "U+" in refused.value.id_text
    with pytest.raises(InvalidInput):
        purchases.record_purchase(shop.ctx, _purchase(shop, date(2020, 5, 4), source=bad))


# --- 6. implausible values -----------------------------------------------------------------


def _purchase(
    shop: Shop, day: date, price: int = 10_000, qty: str = "1", source: str = "CV Maju", **kw
) -> PurchaseInput:
    line = PurchaseLineInput(shop.ids["BRS"], Decimal(qty), price)
    return PurchaseInput(day, "pemasok", source, (line,), **kw)


def test_purchase_dates_before_the_programme_or_after_today_are_refused(shop: Shop) -> None:
    for day, needle in ((date(2016, 12, 31), "2017"), (date(2020, 5, 7), "belum tiba")):
        with pytest.raises(InvalidInput) as refused:
            purchases.record_purchase(shop.ctx, _purchase(shop, day, confirmed=True))
        assert needle in refused.value.id_text
        assert not isinstance(refused.value, NeedsConfirmation)


def test_a_purchase_over_a_year_back_or_at_rp0_is_asked_about_first(shop: Shop) -> None:
    long_ago = date(2019, 3, 1)  # 6 May 2020 on the clock
    for data in (_purchase(shop, long_ago), _purchase(shop, date(2020, 5, 4), price=0)):
        with pytest.raises(NeedsConfirmation):
            purchases.record_purchase(shop.ctx, data)
    assert purchases.record_purchase(shop.ctx, _purchase(shop, long_ago, confirmed=True))
    made = purchases.record_purchase(shop.ctx, _purchase(shop, date(2020, 5, 4), 0, confirmed=True))
    assert made.total_rupiah == 0


def test_a_line_worth_a_thousand_billion_rupiah_is_refused(shop: Shop) -> None:
    huge = _purchase(shop, date(2020, 5, 4), price=10_000_000, qty="100000", confirmed=True)
    with pytest.raises(InvalidInput) as refused:
        purchases.record_purchase(shop.ctx, huge)
    assert "terlalu besar" in refused.value.id_text


def test_an_entitlement_starting_over_a_year_back_needs_an_admin_s_yes(shop: Shop) -> None:
    early = BeneficiaryInput(NIK_D, "601301009", "Ani", eligible_from=Period(2019, 4))
    with pytest.raises(NeedsConfirmation):
        beneficiaries.register(shop.ctx, early)
    with pytest.raises(PermissionDenied):
        beneficiaries.register(shop.as_operator(), early, confirmed=True)
    assert beneficiaries.register(shop.ctx, early, confirmed=True).eligible_from == Period(2019, 4)
    # Twelve months back is still an ordinary start.
    ordinary = BeneficiaryInput(
        "1807124407900005", "601301010", "Ana", eligible_from=Period(2019, 5)
    )
    assert beneficiaries.register(shop.as_operator(), ordinary).name == "Ana"


def test_demo_confirms_its_own_back_dated_history(tmp_path) -> None:
    from ewarong_desktop.services.demo import build_demo

    made = build_demo(tmp_path / "d", kpm=2, months=15, today=datetime.now())
    assert made.redemptions > 0 and len(made.months) == 15
