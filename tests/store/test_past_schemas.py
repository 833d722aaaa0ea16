"""Every released schema opens: a store kept from each revision upgrades and stays whole.

`tests/fixtures/stores/<revision>/ewarong.sqlite` is a small demo store as that revision
wrote it. When a migration is added, keep the previous head's store here (make it with
`ewarong-desktop demo --kpm 5 --months 2` on the old code) so its upgrade path stays tested.
"""

import shutil
from pathlib import Path

import pytest

from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.store.migrate import SCHEMA_HEAD

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stores"
REVISIONS = sorted(p.name for p in FIXTURES.iterdir() if (p / "ewarong.sqlite").is_file())


def test_there_is_a_fixture_store_for_the_first_revision() -> None:
    assert "0001" in REVISIONS


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_store_from_each_released_revision_upgrades_and_passes_check(
    tmp_path: Path, revision: str
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / revision / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)  # migrates to head
    try:
        assert ctx.db.schema_revision() == SCHEMA_HEAD
        assert len(beneficiaries.list_all(ctx)) == 5  # the data came through
    finally:
        ctx.close()
    report = check_store(data_dir)
    assert report.ok, report.problems


def test_a_column_a_migration_added_is_still_guarded_by_check(tmp_path: Path) -> None:
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "0001" / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ServiceContext.open(data_dir, CLI_ACTOR).close()  # upgrade: receipt_width gets "80"
    assert check_store(data_dir).ok
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        conn.execute("UPDATE warong_profile SET receipt_width = '58'")  # behind the app's back
    problems = check_store(data_dir).problems
    assert any("receipt_width" in p for p in problems)


def test_the_listed_flag_a_migration_added_is_guarded_by_check(tmp_path: Path) -> None:
    import sqlite3

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "0003" / "ewarong.sqlite", data_dir / "ewarong.sqlite")
    ServiceContext.open(data_dir, CLI_ACTOR).close()  # upgrade: every KPM listed
    assert check_store(data_dir).ok
    with sqlite3.connect(data_dir / "ewarong.sqlite") as conn:
        conn.execute("UPDATE beneficiaries SET listed = 0")  # behind the app's back
    assert any("listed" in p for p in check_store(data_dir).problems)
