"""SIGKILL at random moments while the counter records redemptions: nothing lost, nothing half.

A forked child (everything already imported, so it starts in milliseconds) opens the store
through the services and redeems in a loop, writing each redemption's id to a pipe only after
`redeem` has returned, i.e. after COMMIT. The parent kills it with SIGKILL after a random
5-150 ms (in three runs of four counted from its first commit, so that a loaded machine still
kills among the commits), then proves the store opens, `check` passes, every id the child
reported is there and nothing is half there. Runs keep going on the same store (a fresh copy
every 30 runs), so each open also recovers from the WAL the previous kill left behind.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, select

from ewarong_desktop.domain.errors import EntitlementExceeded, StoreProblem
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services.backup_files import unpack
from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.demo import DEMO_PROFILE
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.products import ProductInput, add_product
from ewarong_desktop.services.profile import confirm_working_month
from ewarong_desktop.services.purchases import PurchaseInput, PurchaseLineInput, record_purchase
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest, redeem
from ewarong_desktop.services.setup import initialise
from ewarong_desktop.store.base import key_text
from ewarong_desktop.store.database import STORE_FILE, Database
from ewarong_desktop.store.models import Beneficiary, Product

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

KILLS = 120
READY_LINE = "READY"
READY = f"{READY_LINE}\n".encode()
RUNS_PER_STORE = 30
MONTH = Period(2024, 5)
COUNTER = Actor("siti", "operator")


def build_store(data_dir: Path) -> None:
    initialise(data_dir, DEMO_PROFILE, admin_pin="123456")
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        ids = [
            add_product(ctx, ProductInput(code, name, category, unit, price)).id
            for code, name, category, unit, price in (
                ("BRS", "Beras medium", "karbohidrat", "kg", 12_000),
                ("TLR", "Telur ayam", "protein_hewani", "kg", 28_000),
                ("TMP", "Tempe", "protein_nabati", "pcs", 5_000),
            )
        ]
        record_purchase(
            ctx,
            PurchaseInput(
                date(2024, 5, 1),
                "pemasok",
                "CV Sumber Pangan",
                tuple(PurchaseLineInput(pid, Decimal(100_000), 9_000) for pid in ids),
                confirmed=True,  # months back on purpose
            ),
        )
        with ctx.transaction("crash_test_kpm") as session:
            for i in range(400):
                session.add(
                    Beneficiary(
                        nik=f"18071255{(i % 12) + 1:02d}80{i + 1:04d}",
                        kks_number=f"60130100{i:08d}",
                        name=f"KPM {i}",
                        desa="Sidodadi",
                        eligible_from=str(MONTH),
                    )
                )
        confirm_working_month(ctx, MONTH)
    finally:
        ctx.close()


def child(data_dir: Path, out: int, seed: int) -> None:  # pragma: no cover - runs forked
    """Redeem until killed; report an id only after its transaction committed."""
    try:
        rng = random.Random(seed)
        opened = ServiceContext.open(data_dir, COUNTER)
        ctx = ServiceContext(opened.db, COUNTER, lambda: datetime(2024, 5, 20, 9))
        with ctx.reading() as session:
            kpms = list(session.scalars(select(Beneficiary.id)))
            products = list(session.scalars(select(Product.id)))
        os.write(out, READY)
        while True:
            items = tuple(
                BasketItem(pid, Decimal(rng.choice((1, 2))))
                for pid in rng.sample(products, rng.randint(1, 3))
            )
            try:
                done = redeem(ctx, RedeemRequest(rng.choice(kpms), MONTH, items, None))
            except EntitlementExceeded:
                continue
            os.write(out, f"{done.id}\n".encode())
    except BaseException as exc:
        os.write(out, f"ERROR {exc!r}\n".encode())
    finally:
        os._exit(1)


def run_and_kill(
    data_dir: Path,
    seed: int,
    delay: float,
    target: Callable[[Path, int, int], None] = child,
    after_lines: int = 0,
) -> list[str]:
    """Fork `target`, SIGKILL it `delay` after it has written `after_lines` lines (READY first)."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        target(data_dir, write_end, seed)
    os.close(write_end)
    chunks = []
    # On a loaded machine opening the store can take longer than the whole delay; waiting
    # for the child to say it is at work keeps the kills landing among the commits.
    while b"".join(chunks).count(b"\n") < after_lines and (chunk := os.read(read_end, 65536)):
        chunks.append(chunk)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    lines = [line for line in b"".join(chunks).decode().splitlines() if line != READY_LINE]
    errors = [line for line in lines if line.startswith("ERROR")]
    assert not errors, errors
    assert os.WIFSIGNALED(status), "the child stopped before it was killed"
    return lines


def half_written(path: Path) -> list[str]:
    """Anything that exists only in part: a header without lines, a line without stock."""
    queries = {
        "redemption without lines": """
            SELECT r.id FROM redemptions r
            WHERE NOT EXISTS (SELECT 1 FROM redemption_lines l WHERE l.redemption_id = r.id)""",
        "line without its redemption": """
            SELECT l.id FROM redemption_lines l
            WHERE NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.id = l.redemption_id)""",
        "line without its stock movement": """
            SELECT l.id FROM redemption_lines l
            WHERE NOT EXISTS (SELECT 1 FROM stock_movements m
                              WHERE m.redemption_line_id = l.id)""",
        "stock moved without a redemption line": """
            SELECT m.id FROM stock_movements m
            WHERE m.kind = 'redemption_out' AND NOT EXISTS
                (SELECT 1 FROM redemption_lines l WHERE l.id = m.redemption_line_id)""",
    }
    found = []
    with closing(sqlite3.connect(path)) as conn:
        for label, sql in queries.items():
            found += [f"{label}: {row[0]}" for row in conn.execute(sql)]
    return found


def stored_ids(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {key_text(row[0]) for row in conn.execute("SELECT id FROM redemptions")}


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_and_leaves_nothing_half(tmp_path):
    template = tmp_path / "template"
    build_store(template)
    data_dir = tmp_path / "data"
    rng = random.Random(20240520)
    known: set[str] = set()
    total_reported = 0
    killed_after_commits = 0
    started = time.monotonic()
    for run in range(KILLS):
        if run % RUNS_PER_STORE == 0:
            # A fresh copy now and then keeps `check` (which folds the whole audit log) quick.
            shutil.rmtree(data_dir, ignore_errors=True)
            shutil.copytree(template, data_dir)
            known = stored_ids(data_dir / STORE_FILE)
        # One kill in four may land while the child is still opening the store (recovering
        # the WAL the last kill left); the others land while it redeems, after its first commit.
        committed = run_and_kill(
            data_dir,
            seed=run,
            delay=rng.uniform(0.005, 0.150),
            after_lines=0 if run % 4 == 0 else 2,
        )
        killed_after_commits += bool(committed)
        db = Database.open(data_dir)  # opens, recovering whatever the kill left in the WAL
        db.close()
        report = check_store(data_dir)
        assert report.ok, (run, report.problems)
        stored = stored_ids(data_dir / STORE_FILE)
        missing = set(committed) - stored
        assert not missing, (run, missing)
        # At most one redemption may have committed without the child living to report it.
        assert len(stored - known - set(committed)) <= 1, run
        known = stored
        total_reported += len(committed)
        assert half_written(data_dir / STORE_FILE) == [], run
    elapsed = time.monotonic() - started
    print(
        f"\n{KILLS} kills, {total_reported} redemptions reported committed, "
        f"{killed_after_commits} kills after at least one commit, {elapsed:.1f} s"
    )
    # Usually well over half the kills land while redeeming; a slow machine opens slower.
    # The duration is printed, not asserted: this machine is shared, and speed goals live in
    # bench/ (here it takes about 30 s, within the minute the issue allows).
    assert killed_after_commits >= KILLS // 10


def test_a_full_disk_under_a_redemption_saves_nothing_and_says_so(tmp_path):
    data_dir = tmp_path / "data"
    build_store(data_dir)
    ctx = ServiceContext(Database.open(data_dir), COUNTER, lambda: datetime(2024, 5, 20, 9))
    try:
        with sqlite3.connect(data_dir / STORE_FILE) as conn:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
        ctx.db.engine.dispose()
        # SQLite's own SQLITE_FULL: the file may grow by only a few pages.
        event.listen(
            ctx.db.engine,
            "connect",
            lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages + 8}"),
        )
        with ctx.reading() as session:
            kpms = list(session.scalars(select(Beneficiary.id)))
            products = list(session.scalars(select(Product.id)))
        saved = 0
        with pytest.raises(StoreProblem) as info:
            for n in range(5000):
                items = tuple(BasketItem(pid, Decimal(1)) for pid in products)
                redeem(ctx, RedeemRequest(kpms[n % len(kpms)], MONTH, items, None))
                saved += 1
    finally:
        ctx.close()
    assert "disk is full" in info.value.message("en") and "NOT saved" in info.value.message("en")
    assert "disk atau flashdisk penuh" in info.value.message("id")
    assert saved > 0  # some fitted, then the disk was full
    assert len(stored_ids(data_dir / STORE_FILE)) == saved
    assert check_store(data_dir).ok and half_written(data_dir / STORE_FILE) == []


def restorer(data_dir: Path, out: int, seed: int) -> None:  # pragma: no cover - runs forked
    """Restore the two backups in turn until killed; report each finished restore."""
    try:
        files = sorted((data_dir.parent / "saved").iterdir())
        os.write(out, READY)
        for n in itertools.count(seed):
            backups.restore(data_dir, files[n % 2], actor=CLI_ACTOR)
            os.write(out, f"{files[n % 2].name}\n".encode())
    except BaseException as exc:
        os.write(out, f"ERROR {exc!r}\n".encode())
    finally:
        os._exit(1)


@pytest.mark.slow
def test_a_restore_killed_at_any_moment_leaves_one_whole_store(tmp_path):
    data_dir = tmp_path / "data"
    build_store(data_dir)
    saved = tmp_path / "saved"
    saved.mkdir()
    shutil.copyfile(backups.backup(data_dir).path, saved / "a.backup.zst")
    run_and_kill(
        data_dir, seed=1, delay=0.4, after_lines=2
    )  # some redemptions between the two backups
    shutil.copyfile(backups.backup(data_dir).path, saved / "b.backup.zst")
    counts = set()
    for name in ("a", "b"):  # the compressed backups, as the restores below read them
        unpack(saved / f"{name}.backup.zst", tmp_path / f"{name}.sqlite", None)
        counts.add(len(stored_ids(tmp_path / f"{name}.sqlite")))
    assert len(counts) == 2
    rng = random.Random(7)
    finished = 0
    for run in range(20):
        # The first run lets one restore finish before the kill, however slow the machine.
        after = 2 if run == 0 else 1
        delay = rng.uniform(0.005, 0.3)
        finished += len(run_and_kill(data_dir, run, delay, restorer, after_lines=after))
        report = check_store(data_dir)
        assert report.ok, (run, report.problems)
        assert len(stored_ids(data_dir / STORE_FILE)) in counts, run
        assert not list(data_dir.glob("replaced/*/*-wal"))
    assert finished > 0


def test_read_only_media_under_a_redemption_says_so(tmp_path):
    data_dir = tmp_path / "data"
    build_store(data_dir)
    ctx = ServiceContext(Database.open(data_dir), COUNTER, lambda: datetime(2024, 5, 20, 9))
    try:
        with ctx.reading() as session:
            kpm = session.scalars(select(Beneficiary.id).limit(1)).one()
            product = session.scalars(select(Product.id).limit(1)).one()
        ctx.db.engine.dispose()
        # What SQLite answers when the stick or disk went read-only under it.
        event.listen(
            ctx.db.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA query_only = 1")
        )
        with pytest.raises(StoreProblem) as info:
            redeem(ctx, RedeemRequest(kpm, MONTH, (BasketItem(product, Decimal(1)),), None))
    finally:
        ctx.close()
    assert "read-only" in info.value.message("en") and "NOT saved" in info.value.message("en")
    assert "hanya-baca" in info.value.message("id")
    assert stored_ids(data_dir / STORE_FILE) == set()
