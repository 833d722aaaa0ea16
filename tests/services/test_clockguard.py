"""A laptop clock gone back to 2019 or leapt years ahead is noticed, in both languages."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import clockguard
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.demo import DEMO_PROFILE
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.profile import confirm_working_month
from ewarong_desktop.services.setup import initialise
from ewarong_desktop.store import tracking


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("store") / "data"
    initialise(data_dir, DEMO_PROFILE, admin_pin="123456")
    return data_dir


@pytest.fixture
def ctx(template, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    context = ServiceContext.open(data_dir, CLI_ACTOR)
    yield context
    context.close()


def utc_now() -> datetime:
    return datetime.now(UTC)


def test_a_right_clock_raises_nothing(ctx):
    finding = clockguard.check_clock(ctx.db, utc_now())
    assert finding.ok and finding.message("en") == ""
    assert finding.latest_seen_utc is not None  # the setup's own audit rows count


def test_a_clock_back_in_2019_is_noticed(ctx):
    finding = clockguard.check_clock(ctx.db, datetime(2019, 1, 3, 8, tzinfo=UTC))
    assert finding.kind == clockguard.BACKWARDS
    assert "3 Januari 2019" in finding.message("id") and "lebih awal" in finding.message("id")
    assert "3 January 2019" in finding.message("en") and "earlier" in finding.message("en")


def test_a_leap_of_years_is_noticed_but_a_long_holiday_is_not(ctx):
    far = clockguard.check_clock(ctx.db, utc_now() + timedelta(days=3 * 365))
    assert far.kind == clockguard.JUMPED
    assert "days after" in far.message("en") and "hari setelah" in far.message("id")
    assert clockguard.check_clock(ctx.db, utc_now() + timedelta(days=60)).ok


def test_a_few_minutes_back_is_not_an_alarm(ctx):
    assert clockguard.check_clock(ctx.db, utc_now() - timedelta(minutes=5)).ok


def test_noting_a_later_time_moves_the_reference_forward(ctx):
    later = utc_now() + timedelta(days=30)
    assert clockguard.note_clock(ctx.db, later).ok
    assert clockguard.check_clock(ctx.db, utc_now()).kind == clockguard.BACKWARDS
    # A wrong clock is not remembered: the reference stays where it was.
    assert not clockguard.note_clock(ctx.db, datetime(2019, 1, 1, tzinfo=UTC)).ok
    assert clockguard.check_clock(ctx.db, later).ok


def test_the_operator_confirming_the_clock_makes_it_the_reference(ctx):
    past = datetime(2019, 1, 3, 8, tzinfo=UTC)
    clockguard.confirm_clock(ctx.db, past)
    assert clockguard.check_clock(ctx.db, past + timedelta(hours=1)).ok
    assert check_store(ctx.data_dir).ok  # the reference is not a record: check is unmoved


def test_work_done_under_a_clock_set_ahead_is_remembered(ctx, monkeypatch):
    clockguard.confirm_clock(ctx.db, utc_now())
    ahead = (utc_now() + timedelta(days=20)).replace(tzinfo=None)
    monkeypatch.setattr(tracking, "utc_now", lambda: ahead)
    confirm_working_month(ctx, Period(2024, 6))  # written with the clock 20 days ahead
    monkeypatch.undo()
    finding = clockguard.check_clock(ctx.db, utc_now())
    assert finding.kind == clockguard.BACKWARDS
    assert finding.latest_seen_utc == ahead


def test_naive_times_are_the_laptops_local_time(ctx):
    assert clockguard.check_clock(ctx.db, datetime.now()).ok


def test_cli_clock_asks_then_accepts_a_confirmation(ctx, capsys, monkeypatch):
    ahead = utc_now() + timedelta(days=30)
    clockguard.confirm_clock(ctx.db, ahead)  # as if the store had seen a later time
    base = ["--data-dir", str(ctx.data_dir), "--lang", "en"]
    assert main([*base, "clock"]) == 1
    assert "earlier than the latest record" in capsys.readouterr().err
    assert main([*base, "clock", "--confirm"]) == 1  # saying so is an operator's word
    assert "name the operator" in capsys.readouterr().err
    monkeypatch.setenv("EWARONG_PIN", "123456")
    assert main([*base, "--operator", "admin", "clock", "--confirm"]) == 0
    assert main([*base, "clock"]) == 0
    assert "looks right" in capsys.readouterr().out
