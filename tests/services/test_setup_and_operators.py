"""First-run setup is all or nothing; PINs are hashed and locked after mistakes."""

import json
from pathlib import Path

import pytest

from ewarong_desktop.domain.errors import Conflict, InvalidInput, PermissionDenied
from ewarong_desktop.services import operators
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.setup import initialise, store_exists
from ewarong_desktop.store.database import Database, NoStore
from tests.conftest import PROFILE, Shop


def test_setup_makes_store_profile_admin_and_key_together(tmp_path: Path) -> None:
    result = initialise(tmp_path / "d", PROFILE)
    assert store_exists(tmp_path / "d")
    assert (tmp_path / "d" / "keys" / "signing-key.pem").exists()
    assert result.pin_generated and len(result.admin_pin) == 6
    assert len(result.fingerprint.replace(" ", "")) == 16
    enrolment = json.loads(result.enrolment_path.read_text())
    assert result.enrolment_path.name == "ewarong-LTM-SKP-01.enrol.json"
    assert enrolment["key_id"] == result.key_id and enrolment["epoch"] == 1
    assert check_store(tmp_path / "d").ok
    assert not [p for p in (tmp_path / "d").iterdir() if p.name.startswith(".setup-")]
    with pytest.raises(Conflict):
        initialise(tmp_path / "d", PROFILE)


def test_bad_profile_or_pin_leaves_no_store(tmp_path: Path) -> None:
    from ewarong_desktop.services.profile import ProfileInput

    with pytest.raises(InvalidInput):
        initialise(tmp_path / "d", ProfileInput("LTM SKP", "X", "Y", "Z", "W"))
    with pytest.raises(InvalidInput):
        initialise(tmp_path / "d", PROFILE, admin_pin="12")
    assert not store_exists(tmp_path / "d")


def test_a_setup_killed_before_the_store_was_renamed_in_is_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ewarong_desktop.services.setup as setup

    def power_cut(*_args: object) -> None:
        raise KeyboardInterrupt  # stands in for the process dying at the commit point

    monkeypatch.setattr(setup.os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        initialise(tmp_path / "d", PROFILE)
    monkeypatch.undo()
    with pytest.raises(NoStore):
        Database.open(tmp_path / "d")
    with pytest.raises(NoStore):
        check_store(tmp_path / "d")
    result = initialise(tmp_path / "d", PROFILE, admin_pin="123456")  # just run it again
    assert result.admin_pin == "123456" and check_store(tmp_path / "d").ok


def test_pins_are_stored_hashed_with_salt(shop: Shop) -> None:
    with shop.ctx.reading() as session:
        from sqlalchemy import select

        from ewarong_desktop.store.models import Operator

        stored = session.scalars(select(Operator.pin_hash)).one()
    assert "123456" not in stored and stored.startswith("scrypt$")
    assert operators.hash_pin("1234") != operators.hash_pin("1234")  # salted


def test_login_locks_after_five_wrong_pins(shop: Shop) -> None:
    db = shop.ctx.db
    assert operators.login(db, "Admin", "123456").role == "admin"
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            operators.login(db, "admin", "0000")
    with pytest.raises(PermissionDenied) as caught:
        operators.login(db, "admin", "123456")  # right PIN, but locked
    assert "menit" in caught.value.message("id")


def test_only_an_admin_adds_operators_and_the_last_admin_stays(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        operators.add_operator(shop.as_operator(), "budi", "operator", "5555")
    added = operators.add_operator(shop.ctx, "budi", "operator", "5555")
    assert operators.login(shop.ctx.db, "budi", "5555").role == "operator"
    admin = next(o for o in operators.list_operators(shop.ctx) if o.role == "admin")
    with pytest.raises(Conflict):
        operators.set_operator_active(shop.ctx, admin.id, False)
    assert not operators.set_operator_active(shop.ctx, added.id, False).active
    with pytest.raises(PermissionDenied):
        operators.login(shop.ctx.db, "budi", "5555")


@pytest.mark.parametrize(("kpm", "months", "seed"), [(1, 1, 1), (20, 2, 1), (20, 2, 7)])
def test_demo_works_for_small_shops_too(tmp_path: Path, kpm: int, months: int, seed: int) -> None:
    from ewarong_desktop.services.demo import build_demo

    result = build_demo(tmp_path / "d", kpm=kpm, months=months, seed=seed)
    assert result.redemptions >= kpm * (months - 1)
    assert check_store(tmp_path / "d").ok


def test_the_receipt_paper_is_an_admin_setting_with_three_choices(shop: Shop) -> None:
    from ewarong_desktop.services import profile

    assert profile.get_profile(shop.ctx).receipt_width == "80"
    assert profile.set_receipt_width(shop.ctx, "58").receipt_width == "58"
    with pytest.raises(InvalidInput):
        profile.set_receipt_width(shop.ctx, "110")
    with pytest.raises(PermissionDenied):
        profile.set_receipt_width(shop.as_operator(), "a5")
