"""The login screen's first look at a store, before SQLAlchemy loads (store.peek)."""

from __future__ import annotations

from pathlib import Path

from ewarong_desktop.services import operators, profile
from ewarong_desktop.services.opening import remember_login
from ewarong_desktop.store.peek import STORE_FILE, LoginPeek, login_peek


def test_first_look_gives_the_shop_its_language_and_who_may_log_in(shop) -> None:
    added = operators.add_operator(shop.ctx, "siti", "operator", "2468")
    operators.add_operator(shop.ctx, "budi", "operator", "1357")
    operators.set_operator_active(shop.ctx, added.id, False)  # siti left: not offered
    profile.set_language(shop.ctx, "en")
    assert login_peek(shop.data_dir) == LoginPeek("E-Warong Sejahtera", "en", ("admin", "budi"))


def test_no_first_look_at_a_missing_or_broken_store(tmp_path: Path) -> None:
    assert login_peek(tmp_path) is None  # never set up: the window runs first-run setup
    (tmp_path / STORE_FILE).write_bytes(b"this is no database" * 100)
    assert login_peek(tmp_path) is None  # the window opens it first and says what is wrong
    assert (tmp_path / STORE_FILE).read_bytes() == b"this is no database" * 100


def test_who_logged_in_last_is_offered_only_while_an_active_operator(shop) -> None:
    added = operators.add_operator(shop.ctx, "siti", "operator", "2468")
    assert login_peek(shop.data_dir).last_operator is None  # nobody yet
    remember_login(shop.data_dir, "siti")
    assert login_peek(shop.data_dir).last_operator == "siti"
    operators.set_operator_active(shop.ctx, added.id, False)  # siti left: the list's first
    assert login_peek(shop.data_dir).last_operator is None
    remember_login(shop.data_dir, "someone typed into the file")
    assert login_peek(shop.data_dir).last_operator is None
