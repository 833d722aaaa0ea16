"""Roles are enforced in the services, not only by hidden buttons; PINs are slow and salted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ewarong_desktop.domain.errors import PermissionDenied
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import backup, operators, sync_export
from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.demo import OPERATOR_NAME, OPERATOR_PIN
from ewarong_desktop.services.products import ProductInput, add_product, set_product_active
from ewarong_desktop.services.profile import ProfileInput, update_profile
from ewarong_desktop.services.programme import add_rate
from ewarong_desktop.services.purchases import void_purchase
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.store.database import STORE_FILE
from ewarong_desktop.store.models import AuditEntry, Operator, Product, Purchase, Redemption
from tests.templates import demo_6x1

OPERATOR = Actor(OPERATOR_NAME, "operator")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    demo_6x1(data_dir)
    return data_dir


@pytest.fixture
def admin(template, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    yield ctx
    ctx.close()


def first_id(ctx: ServiceContext, model: Any) -> str:
    with ctx.reading() as session:
        return str(session.scalars(select(model.id).limit(1)).one())


def audit_rows(ctx: ServiceContext) -> int:
    with ctx.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


ADMIN_JOBS: dict[str, Callable[[ServiceContext, ServiceContext], Any]] = {
    "void a redemption": lambda op, admin: void_redemption(
        op, first_id(admin, Redemption), "salah", "REV1"
    ),
    "void a purchase": lambda op, admin: void_purchase(op, first_id(admin, Purchase), "salah"),
    "add a product": lambda op, admin: add_product(
        op, ProductInput("GLA", "Gula pasir", "lainnya", "kg", 15_000)
    ),
    "change a product": lambda op, admin: set_product_active(op, first_id(admin, Product), False),
    "add an operator": lambda op, admin: operators.add_operator(op, "budi", "admin", "1357"),
    "deactivate an operator": lambda op, admin: operators.set_operator_active(
        op, first_id(admin, Operator), False
    ),
    "change the rate": lambda op, admin: add_rate(op, 250_000, Period(2030, 1)),
    "change the profile": lambda op, admin: update_profile(
        op, ProfileInput("LTM-SKP-01", "Nama lain", "Sidodadi", "Sekampung", "Lampung Timur")
    ),
    "replace the signing key": lambda op, admin: sync_export.rekey(op, "dicuri"),
    "restore a backup": lambda op, admin: backup.restore(op, backup.backup(admin).path),
}


@pytest.mark.parametrize("job", ADMIN_JOBS)
def test_an_operator_is_refused_admin_jobs_and_nothing_changes(admin, job):
    operator = admin.as_actor(OPERATOR)
    before_rows = audit_rows(admin)
    store_before = (admin.data_dir / STORE_FILE).stat().st_size
    key_before = (admin.data_dir / "keys" / "signing-key.pem").read_bytes()
    with pytest.raises(PermissionDenied) as info:
        ADMIN_JOBS[job](operator, admin)
    assert "admin" in info.value.message("id") and "admin" in info.value.message("en")
    assert audit_rows(admin) == before_rows
    assert (admin.data_dir / STORE_FILE).stat().st_size == store_before
    assert (admin.data_dir / "keys" / "signing-key.pem").read_bytes() == key_before


def test_an_operator_may_change_only_their_own_pin(admin):
    operator = admin.as_actor(OPERATOR)
    rows = {o.name: o.id for o in operators.list_operators(admin)}
    operators.set_pin(operator, rows[OPERATOR_NAME], "9753")
    with pytest.raises(PermissionDenied):
        operators.set_pin(operator, rows["admin"], "1111")
    assert operators.login(admin.db, OPERATOR_NAME, "9753") == OPERATOR


def test_pins_are_salted_scrypt_hashes(admin):
    first, second = operators.hash_pin("2468"), operators.hash_pin("2468")
    assert first != second and first.startswith("scrypt$") and "2468" not in first
    assert operators.pin_matches("2468", first) and not operators.pin_matches("2469", first)
    with admin.reading() as session:
        stored = session.scalars(select(Operator.pin_hash)).all()
    # The suite hashes at a test-only cost (tests/conftest.py); the program, as any command
    # started afresh, hashes at the production one, which a stored hash carries and
    # `pin_matches` honours.
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ewarong_desktop.services import operators as o\nprint(o.hash_pin('2468'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.strip()
    assert fresh.split("$")[:4] == ["scrypt", "16384", "8", "1"]
    assert operators.pin_matches("2468", fresh) and not operators.pin_matches("2469", fresh)
    test_cost = operators._SCRYPT
    for stored_hash in [*stored, fresh]:
        # Only the scheme, its costs, a salt and a digest: no field holds the PIN itself.
        # (Not `OPERATOR_PIN not in stored_hash`: a hex digest holds "2468" once in ~700.)
        scheme, n, r, p, salt, digest = stored_hash.split("$")
        assert scheme == "scrypt" and (int(r), int(p)) == (8, 1)
        assert int(n) in (16384, test_cost["n"])
        assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32


def test_five_wrong_pins_lock_even_the_right_one_out(admin):
    for _ in range(operators.MAX_FAILED_ATTEMPTS):
        with pytest.raises(PermissionDenied):
            operators.login(admin.db, OPERATOR_NAME, "0000")
    with pytest.raises(PermissionDenied) as info:
        operators.login(admin.db, OPERATOR_NAME, OPERATOR_PIN)
    assert "try again in" in info.value.message("en")


def test_a_stored_hash_with_a_crafted_cost_is_refused_not_raised():
    """A store edited behind the app's back: a hash whose cost is beyond scrypt's memory
    limit, hours of work, not a power of two, or whose fields are not numbers matches no
    PIN: the login refuses it as any wrong PIN instead of crashing with a traceback or
    hanging the counter."""
    good = operators.hash_pin("2468")
    _scheme, n, r, p, salt, digest = good.split("$")
    crafted = [
        f"scrypt${2**40}${r}${p}${salt}${digest}",  # beyond any memory
        f"scrypt${n}${r}$99999${salt}${digest}",  # hours of work
        f"scrypt${n}$4096${p}${salt}${digest}",
        f"scrypt$x${r}${p}${salt}${digest}",
        f"scrypt${n}${r}${p}$zz${digest}",
        f"scrypt${int(n) + 1}${r}${p}${salt}${digest}",  # not a power of two
    ]
    assert operators.pin_matches("2468", good)
    for stored in crafted:
        assert not operators.pin_matches("2468", stored), stored
