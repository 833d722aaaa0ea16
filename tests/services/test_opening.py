"""Opening the store in a background thread while the login screen waits (services.opening)."""

from __future__ import annotations

import pytest

from ewarong_desktop.services import opening, startup
from ewarong_desktop.services.context import NoStore


def test_the_store_opened_in_the_thread_serves_the_caller(shop) -> None:
    shop.ctx.close()
    store = opening.StoreOpening(shop.data_dir)
    opened = store.result()
    try:
        with opened.db.reading() as session:  # used on this thread, opened on the other
            assert session.connection().exec_driver_sql("SELECT count(*) FROM operators").scalar()
    finally:
        opened.db.close()


def test_what_opening_raised_comes_back_to_the_caller(tmp_path) -> None:
    store = opening.StoreOpening(tmp_path)  # never set up
    with pytest.raises(NoStore):
        store.result()


def test_closed_before_it_started_it_opens_nothing(shop, monkeypatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(startup, "open_for_gui", lambda *a, **k: calls.append(a))
    store = opening.StoreOpening(shop.data_dir, start=False)
    store.discard()  # the login screen closed before it painted
    store.start()  # its first paint comes after all: still nothing
    assert store.wait(0) is True
    assert calls == []


def test_closed_after_it_opened_the_store_is_closed(shop) -> None:
    shop.ctx.close()
    store = opening.StoreOpening(shop.data_dir)
    store.wait()
    store.discard()
    assert store._startup is not None
    assert store._startup.db.engine.pool.checkedin() == 0
