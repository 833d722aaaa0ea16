"""What CLI tests share: acting as a named operator with their PIN, as a script would; a
shop store with an admin and an operator; a subcommand run with what it printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.services import operators
from tests.conftest import make_shop
from tests.templates import copy_of_template

OPERATOR_PIN = "2468"  # "siti" in the `store` fixture; make_shop's admin has "123456"


def shop_with_siti(data: Path) -> None:
    """make_shop's store with an operator "siti" (PIN 2468) beside its admin, in `data`."""

    def build(path: Path) -> None:
        shop = make_shop(path)
        operators.add_operator(shop.ctx, "siti", "operator", OPERATOR_PIN)
        shop.ctx.close()

    copy_of_template("shop-with-siti", build, data)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """make_shop's store with an operator "siti" beside its admin, acting as the admin."""
    data = tmp_path / "data"
    shop_with_siti(data)
    act_as(monkeypatch, "admin", "123456")
    return data


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    """Run one subcommand on `data`: (exit code, stdout, stderr)."""
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def act_as(monkeypatch: pytest.MonkeyPatch, name: str, pin: str) -> None:
    """The environment a support script sets before a subcommand that changes the store."""
    monkeypatch.setenv("EWARONG_OPERATOR", name)
    monkeypatch.setenv("EWARONG_PIN", pin)


def printed_pins(out: str) -> dict[str, tuple[str, str]]:
    """`demo`/`init` output -> {"admin": (name, pin), "operator": (name, pin)}."""
    found = {}
    admin = re.search(r"PIN admin \((\S+)\): (\d+)", out) or re.search(
        r"Admin PIN \((\S+)\): (\d+)", out
    )
    if admin:
        found["admin"] = (admin.group(1), admin.group(2))
    operator = re.search(r"Operator: (\S+), PIN (\d+)", out)
    if operator:
        found["operator"] = (operator.group(1), operator.group(2))
    return found
