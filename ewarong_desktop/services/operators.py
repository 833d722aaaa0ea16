"""Operators and their PINs: hashed with scrypt and a salt, locked after repeated mistakes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from ewarong_desktop.domain.identity import clean_name
from ewarong_desktop.domain.states import STORED_ROLES, Role
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Done, Topic, changed
from ewarong_desktop.services.context import PIN_CHANGE_ACTION, Actor, ServiceContext
from ewarong_desktop.store.base import utc_now
from ewarong_desktop.store.database import Database
from ewarong_desktop.store.models import Operator
from ewarong_desktop.store.repositories import operators as operator_rows

MAX_FAILED_ATTEMPTS = 5
# An admin can void, restore and rekey: a PIN a bystander cannot guess from a few tries.
ADMIN_PIN_DIGITS = 6
LOCK_MINUTES = 5
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class OperatorView:
    id: str
    name: str
    role: Role
    active: bool
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def validate_pin(pin: str, role: str = Role.OPERATOR) -> str:
    """A PIN of ASCII digits: 4 to 12 for an operator, at least 6 for an admin."""
    pin = pin.strip()
    shortest = ADMIN_PIN_DIGITS if role == Role.ADMIN else 4
    if not (pin.isascii() and pin.isdigit()):
        raise InvalidInput("PIN hanya boleh berisi angka 0-9.", "A PIN holds only the digits 0-9.")
    if role == Role.ADMIN and len(pin) < shortest:
        raise InvalidInput(
            f"PIN admin paling sedikit {shortest} angka.",
            f"An admin PIN has at least {shortest} digits.",
        )
    if not shortest <= len(pin) <= 12:
        raise InvalidInput(
            f"PIN harus {shortest} sampai 12 angka.", f"A PIN has {shortest} to 12 digits."
        )
    return pin


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        cost, block, lanes, salted = int(n), int(r), int(p), bytes.fromhex(salt)
        # A stored hash names its own cost. One beyond scrypt's memory limit or absurdly
        # slow (written by whoever could edit the store) is refused rather than raised at
        # the login or left to hang it. A weaker cost is honoured: whoever can write it
        # could as well write a full-cost hash of a PIN they chose.
        if cost > 2**16 or not 1 <= block <= 16 or not 1 <= lanes <= 4:
            return False
        computed = hashlib.scrypt(
            pin.encode(), salt=salted, n=cost, r=block, p=lanes, dklen=32, maxmem=2**27
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def generate_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _view(row: Operator) -> OperatorView:
    return OperatorView(row.id, row.name, Role(row.role), row.active)


def create_operator(session: Session, name: str, role: str, pin: str) -> Operator:
    if role not in STORED_ROLES:
        raise InvalidInput("Peran harus admin atau operator.", "Role must be admin or operator.")
    name = clean_name(name, what_id="Nama operator", what_en="Operator name")
    taken = operator_rows.named(session, name)
    if taken is not None:
        raise Conflict(f"Operator '{name}' sudah ada.", f"Operator '{name}' already exists.")
    row = Operator(name=name, role=role, pin_hash=hash_pin(validate_pin(pin, role)), active=True)
    session.add(row)
    session.flush()
    return row


def add_operator(ctx: ServiceContext, name: str, role: str, pin: str) -> OperatorView:
    ctx.require_admin("menambah operator", "add operators")
    with ctx.transaction("add_operator") as session:
        return changed(_view(create_operator(session, name, role, pin)), Topic.OPERATOR)


def list_operators(ctx: ServiceContext) -> list[OperatorView]:
    with ctx.reading() as session:
        return [_view(r) for r in operator_rows.by_name(session)]


def set_pin(ctx: ServiceContext, operator_id: str, pin: str) -> Done:
    """An admin sets anyone's PIN; an operator only their own."""
    with ctx.transaction(PIN_CHANGE_ACTION) as session:
        row = operator_rows.by_id(session, operator_id)
        if row is None:
            raise NotFound("Operator tidak ditemukan.", "Operator not found.")
        if row.name != ctx.actor.name:
            ctx.require_admin("mengganti PIN orang lain", "change someone else's PIN")
        row.pin_hash = hash_pin(validate_pin(pin, row.role))
        row.failed_attempts, row.locked_until = 0, None
    return Done(frozenset({Topic.OPERATOR}))


def change_own_pin(ctx: ServiceContext, new_pin: str) -> Actor:
    """The logged-in operator's own new PIN; the Actor to carry on with (no change due)."""
    with ctx.reading() as session:
        row = operator_rows.named(session, ctx.actor.name)
        if row is None:
            raise NotFound("Operator tidak ditemukan.", "Operator not found.")
        operator_id = row.id
    set_pin(ctx, operator_id, new_pin)
    return Actor(ctx.actor.name, ctx.actor.role)


def change_pin_at_login(db: Database, name: str, pin: str, new_pin: str) -> Actor:
    """Log in and set a new own PIN in one go (an admin's short PIN at the login screen)."""
    actor = login(db, name, pin)
    return change_own_pin(ServiceContext(db, actor), new_pin)


def set_operator_active(ctx: ServiceContext, operator_id: str, active: bool) -> OperatorView:
    ctx.require_admin("mengubah operator", "change operators")
    with ctx.transaction("set_operator_active") as session:
        row = operator_rows.by_id(session, operator_id)
        if row is None:
            raise NotFound("Operator tidak ditemukan.", "Operator not found.")
        if not active and row.role == Role.ADMIN and operator_rows.active_admin_count(session) <= 1:
            raise Conflict(
                "Admin terakhir tidak boleh dinonaktifkan.",
                "The last admin cannot be deactivated.",
            )
        row.active = active
        session.flush()
        return changed(_view(row), Topic.OPERATOR)


def login(db: Database, name: str, pin: str) -> Actor:
    """Check a PIN; five wrong tries lock the operator for five minutes."""
    with db.session(actor=name, action="login") as session:
        row = operator_rows.named(session, name.strip())
        wrong = PermissionDenied("Nama atau PIN salah.", "Wrong name or PIN.")
        if row is None or not row.active:
            raise wrong
        now = utc_now()
        if row.locked_until is not None and row.locked_until > now:
            minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
            raise PermissionDenied(
                f"Terlalu banyak PIN salah; coba lagi dalam {minutes} menit.",
                f"Too many wrong PINs; try again in {minutes} minutes.",
            )
        if not pin_matches(pin.strip(), row.pin_hash):
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
                row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                row.failed_attempts = 0
            error = wrong
        else:
            if row.failed_attempts or row.locked_until:
                row.failed_attempts, row.locked_until = 0, None
            # The hash cannot say how long the PIN is; the PIN typed just now can.
            too_short = row.role == Role.ADMIN and len(pin.strip()) < ADMIN_PIN_DIGITS
            return Actor(row.name, Role(row.role), pin_change_due=too_short)
    raise error
