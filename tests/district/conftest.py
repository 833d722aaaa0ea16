"""District fixtures: a fresh SQLite district database and e-warongs enrolled in it."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from ewarong_desktop.district.db import open_engine
from ewarong_desktop.district.enrolment import enrol
from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
from ewarong_desktop.sync.writer import BuiltBundle
from tests.sync.bundlekit import Laptop, warong


def enrolment_file(laptop: Laptop, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / enrolment_filename(laptop.code)
    path.write_bytes(enrolment_bytes(warong(laptop.code), laptop.epoch, laptop.key.public_key()))
    return path


def enrol_laptop(engine: Engine, laptop: Laptop, folder: Path) -> None:
    enrol(engine, enrolment_file(laptop, folder), laptop.enrolled.key_id)


def save(built: BuiltBundle, folder: Path, data: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / built.filename
    path.write_bytes(built.data if data is None else data)
    return path


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per run; each test gets a copy (migrations cost ~100 ms a database)."""
    path = tmp_path_factory.mktemp("template") / "district.sqlite"
    open_engine(str(path)).dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "district.sqlite"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def engine(db_path: Path) -> Engine:
    return open_engine(str(db_path))


@pytest.fixture
def laptop(engine: Engine, tmp_path: Path) -> Laptop:
    lap = Laptop()
    enrol_laptop(engine, lap, tmp_path)
    return lap


PG_URL_ENV = "EWARONG_TEST_PG_URL"


def pg_schema_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL into a fresh PostgreSQL schema, dropped afterwards. Skipped without a server on a
    developer's machine; a failure in CI (CI=true), where `.ci/run` starts one."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{PG_URL_ENV} is not set in CI: .ci/run must start PostgreSQL and set it")
        pytest.skip(f"{PG_URL_ENV} not set: no PostgreSQL server to test the district side on")
    # Each run gets its own schema, so the test never touches anything else in that database.
    schema = f"district_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    yield from pg_schema_url(request)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """`--db` for a fresh district database, on SQLite and on PostgreSQL: the same flags."""
    if request.param == "sqlite":
        yield str(db_path)
    else:
        yield from pg_schema_url(request)


@pytest.fixture
def any_engine(any_db: str) -> Iterator[Engine]:
    engine = open_engine(any_db)
    yield engine
    engine.dispose()
