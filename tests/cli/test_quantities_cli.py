"""#18 point 4: stock with a thousands separator in the user's language, tables by width."""

from __future__ import annotations

from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from tests.cli.conftest import act_as, cli
from tests.conftest import make_shop
from tests.templates import copy_of_template

WIDE = "Beras premium super istimewa kemasan karung besar"


@pytest.fixture
def store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    act_as(monkeypatch, "admin", "123456")

    def build(data: Path) -> None:
        make_shop(data).ctx.close()
        add = ["product", "add", "--code", "BPS", "--name", WIDE, "--category", "karbohidrat"]
        assert main(["--data-dir", str(data), *add, "--unit", "kg", "--price", "13000"]) == 0
        for qty in ("600000", "400215,734"):  # a million and more, over two deliveries
            item = f"BPS:{qty}@9000"
            buy = ["purchase", "add", "--date", "2020-05-04", "--source-kind", "anggota_kube"]
            assert main(["--data-dir", str(data), *buy, "--item", item, "--yes"]) == 0

    data = tmp_path / "data"
    copy_of_template("wide-product", build, data)
    capsys.readouterr()
    return data


def test_stock_groups_thousands_in_the_user_s_language_and_keeps_columns_apart(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, store, "stock")
    lines = out.splitlines()
    wide = next(line for line in lines if WIDE in line)
    assert code == 0 and wide.endswith("  1.000.215,734 kg")
    assert len({len(line) for line in lines}) == 1, "stock column ends together"
    assert next(line for line in lines if "Beras medium" in line).endswith("  150 kg")
    code, out, _ = cli(capsys, store, "--lang", "en", "stock")
    assert code == 0 and "  1,000,215.734 kg" in out and "1.000.215" not in out


def test_the_month_s_stock_table_groups_thousands_and_is_laid_out_by_width(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, big in (("id", "1.000.215,734 kg"), ("en", "1,000,215.734 kg")):
        code, out, _ = cli(capsys, store, "--lang", lang, "month", "2020-05")
        table = out.split("\n\n", 1)[1].splitlines()
        row = next(line for line in table if WIDE in line)
        assert code == 0 and row.endswith("  " + big), lang
        assert f"{WIDE}  " in row, "a wide name keeps its gap"
        assert len({len(line) for line in table}) == 1, "right-aligned columns end together"


def test_an_adjustment_and_a_redemption_print_grouped_quantities(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, store, "stock", "--adjust", f"{WIDE}:-215", "--reason", "rusak")
    assert (code, out) == (0, f"{WIDE}: 1.000.000,734 kg\n")
    code, out, err = cli(capsys, store, "redeem", "--kks", "6013010012345678", "--item", "BPS:2")
    assert code == 0, err
    lines = out.splitlines()
    item = next(line for line in lines if WIDE in line)
    total = next(line for line in lines if "TOTAL" in line)
    assert "  2 kg  " in item and len(item) == len(total), "amounts end in one column"
