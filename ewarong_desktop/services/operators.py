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
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Done, Topic, changed
from ewarong_desktop.services.context import ROLES, Actor, ServiceContext
from ewarong_desktop.store.base import utc_now
from ewarong_desktop.store.database import Database
from ewarong_desktop.store.models import Operator
from ewarong_desktop.store.repositories import operators as operator_rows

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 5
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class OperatorView:
    id: str
    name: str
    role: str
    active: bool
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


def validate_pin(pin: str) -> str:
    pin = pin.strip()
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise InvalidInput("PIN harus 4 sampai 12 angka.", "A PIN has 4 to 12 digits.")
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
    computed = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(computed.hex(), digest)


def generate_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _view(row: Operator) -> OperatorView:
    return OperatorView(row.id, row.name, row.role, row.active)


def create_operator(session: Session, name: str, role: str, pin: str) -> Operator:
    if role not in ROLES:
        raise InvalidInput("Peran harus admin atau operator.", "Role must be admin or operator.")
    name = clean_name(name, what_id="Nama operator", what_en="Operator name")
    taken = operator_rows.named(session, name)
    if taken is not None:
        raise Conflict(f"Operator '{name}' sudah ada.", f"Operator '{name}' already exists.")
    row = Operator(name=name, role=role, pin_hash=hash_pin(validate_pin(pin)), active=True)
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
    with ctx.transaction("set_pin") as session:
        row = operator_rows.by_id(session, operator_id)
        if row is None:
            raise NotFound("Operator tidak ditemukan.", "Operator not found.")
        if row.name != ctx.actor.name:
            ctx.require_admin("mengganti PIN orang lain", "change someone else's PIN")
        row.pin_hash = hash_pin(validate_pin(pin))
        row.failed_attempts, row.locked_until = 0, None
    return Done(frozenset({Topic.OPERATOR}))


def set_operator_active(ctx: ServiceContext, operator_id: str, active: bool) -> OperatorView:
    ctx.require_admin("mengubah operator", "change operators")
    with ctx.transaction("set_operator_active") as session:
        row = operator_rows.by_id(session, operator_id)
        if row is None:
            raise NotFound("Operator tidak ditemukan.", "Operator not found.")
        if not active and row.role == "admin" and operator_rows.active_admin_count(session) <= 1:
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
            return Actor(row.name, row.role)
    raise error
