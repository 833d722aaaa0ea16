"""What CLI tests share: acting as a named operator with their PIN, as a script would."""

from __future__ import annotations

import re

import pytest


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
