"""`redeem` as the counter does it: one balance over the open months, the same product matching."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.services import beneficiaries, products, redemption
from ewarong_desktop.services.context import Actor, ServiceContext
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from tests.cli.conftest import act_as
from tests.templates import copy_of_template


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A demo store and a KPM whose month before last has Rp8.000 left."""

    def build(data: Path) -> tuple[str, str, str]:
        made = build_demo(data, kpm=5, months=3)
        assert made.setup is not None
        ctx = ServiceContext.open(data, Actor(made.setup.admin_name, "admin"))
        try:
            now = working_period(ctx)
            kpm = beneficiaries.register(
                ctx,
                beneficiaries.BeneficiaryInput(
                    "1807126508859001",
                    "6013019900000001",
                    "Lestari Uji",
                    "Sidodadi",
                    eligible_from=now.shift(-2),
                ),
            )
            rice = products.find_product(ctx, "BRS").id
            rate = redemption.balance(ctx, kpm.id).months[0].entitlement
            quantity = Decimal((rate - 8_000) // 12_000)
            basket = (BasketItem(rice, quantity),)
            redemption.redeem(ctx, RedeemRequest(kpm.id, now.shift(-2), basket))
            left = redemption.balance(ctx, kpm.id).months[0]
            assert left.period == now.shift(-2) and 0 < left.remaining < 12_000
        finally:
            ctx.close()
        return made.operator_name, made.operator_pin, kpm.kks_number

    data = tmp_path / "data"
    operator, pin, kks = copy_of_template("counter-demo", build, data)
    act_as(monkeypatch, operator, pin)  # the counter's operator
    return data, kks


def test_redeem_draws_on_the_open_months_and_prints_each_part(
    store: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, kks = store
    # "bayam" is part of "Sayur bayam": found at the counter, so found here too.
    code = main(
        ["--data-dir", str(data), "redeem", "--kks", kks, "--item", "bayam:2", "--item", "Beras:3"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    parts = [line for line in out.splitlines() if re.match(r"[0-9a-f]{8}-", line)]
    assert len(parts) == 2, out  # the old month's remainder, then the next month
    assert "Sayur bayam" in out and "Total belanja:" in out and "Sisa bantuan:" in out
    ctx = ServiceContext.open(data, Actor("admin", "admin"))
    try:
        saved = [redemption.get_redemption(ctx, line.split()[0]) for line in parts]
    finally:
        ctx.close()
    assert saved[0].period < saved[1].period
    assert saved[0].basket_id == saved[1].basket_id is not None


def test_redeem_with_period_stays_in_that_month(
    store: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, kks = store
    code = main(
        [
            "--data-dir",
            str(data),
            "redeem",
            "--kks",
            kks,
            "--item",
            "Beras:3",
            "--period",
            "2000-01",
        ]
    )
    _, err = capsys.readouterr()
    assert code != 0 and "galat:" in err and "Traceback" not in err
