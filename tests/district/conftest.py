"""District fixtures: a fresh SQLite district database and e-warongs enrolled in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

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
