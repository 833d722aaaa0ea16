"""#18's missing subcommands and searches: working-month, kpm show|activate, find as typed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import act_as, cli
from tests.conftest import NIK_A, NOW, make_shop


def test_the_working_month_is_shown_to_all_and_confirmed_by_an_admin_only(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(capsys, store, "working-month")[1] == "Bulan kerja: Mei 2020\n"
    code, _, err = cli(capsys, store, "working-month", "2999-01")
    assert code == 1 and "belum tiba" in err
    act_as(monkeypatch, "siti", "2468")
    code, _, err = cli(capsys, store, "working-month", "2020-04")
    assert code == 1 and "Hanya admin" in err
    act_as(monkeypatch, "admin", "123456")
    assert cli(capsys, store, "working-month", "2020-04") == (0, "Bulan kerja: April 2020\n", "")


def test_find_takes_percent_and_underscore_as_typed_and_the_receipt_s_last_digits(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for wildcard in ("%", "_", "S_ti"):
        code, out, err = cli(capsys, store, "kpm", "find", wildcard)
        assert code == 1 and out == "" and "Tidak ditemukan" in err, wildcard
    code, out, _ = cli(capsys, store, "kpm", "find", "5678")  # ****5678 on a receipt
    assert code == 0 and "Siti Rahayu" in out and out.count("\n") == 1


def test_kpm_show_and_activate(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, store, "kpm", "show", NIK_A)
    assert code == 0 and "Siti Rahayu" in out and "Bulan terbuka:" in out and "sisa Rp" in out
    assert cli(capsys, store, "kpm", "deactivate", NIK_A)[0] == 0
    code, out, _ = cli(capsys, store, "kpm", "activate", NIK_A)
    assert code == 0 and "[nonaktif]" not in out


def test_the_month_s_stock_table_keeps_its_columns_apart_however_wide(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = "Minyak goreng kemasan sederhana premium 2 liter"
    assert (
        cli(
            capsys,
            store,
            *["product", "add", "--code", "MGP", "--name", long_name, "--category", "lainnya"],
            *["--unit", "liter", "--price", "35000"],
        )[0]
        == 0
    )
    code, out, _ = cli(capsys, store, "month", "2020-05")
    assert code == 0
    table = out.split("\n\n", 1)[1].splitlines()
    assert any(long_name in line for line in table), "the whole name, not cut to 18"
    assert len({len(line) for line in table}) == 1, "right-aligned columns end together"
    for line in table[1:]:
        assert "  " in line.split(long_name)[-1] or long_name not in line


def test_an_admin_changes_a_price_and_deactivates_a_product_from_the_shell(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(capsys, store, "product", "edit", "BRS", "--price", "12.500")
    assert code == 0 and "Rp12.500/kg" in out, err
    code, out, _ = cli(capsys, store, "product", "deactivate", "Beras medium")
    assert code == 0 and "[nonaktif]" in out
    act_as(monkeypatch, "siti", "2468")
    code, _, err = cli(capsys, store, "product", "activate", "BRS")
    assert code == 1 and "Hanya admin" in err


def test_redemptions_lists_one_line_each_beginning_with_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from decimal import Decimal

    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, redeem

    shop = make_shop(tmp_path / "data")
    made = []
    for minute, key in enumerate(("A", "B")):
        # Served a minute apart, as at a real counter: the list keeps the order served.
        shop.ctx.clock = lambda minute=minute: NOW + timedelta(minutes=minute)
        made.append(
            redeem(
                shop.ctx,
                RedeemRequest(
                    shop.ids[key], Period(2020, 5), (BasketItem(shop.ids["BRS"], Decimal(2)),)
                ),
            )
        )
    shop.ctx.close()
    code, out, _ = cli(capsys, shop.data_dir, "redemptions", "--month", "2020-05")
    lines = out.splitlines()
    assert code == 0 and [line.split()[0] for line in lines] == [r.id for r in made]
    assert "Siti Rahayu" in lines[0] and "Rp24.000" in lines[0] and "selesai" in lines[0]
    code, out, _ = cli(capsys, shop.data_dir, "redemptions", "--kpm", "6013010087654321")
    assert code == 0 and out.split()[0] == made[1].id and out.count("\n") == 1
    code, out, _ = cli(capsys, shop.data_dir, "redemptions", "--month", "2020-04")
    assert code == 0 and out == "Belum ada transaksi.\n"
