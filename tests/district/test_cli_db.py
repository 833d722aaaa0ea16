"""`--db` naming a SQLite file: a typo is refused, never a new empty district database."""

from __future__ import annotations

import pytest

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.db import DB_ENV
from tests.district.conftest import enrolment_file
from tests.sync.bundlekit import Laptop


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """The platform's user data folder, moved into tmp_path (no district database yet)."""
    monkeypatch.delenv(DB_ENV, raising=False)
    path = tmp_path / "data" / "ewarong-district" / "district.sqlite"
    monkeypatch.setattr("ewarong_desktop.district.db.default_db_path", lambda: path)
    return path


@pytest.mark.parametrize("command", [["list"], ["report"], ["verify", "x.ewb"], ["enrol", "x"]])
def test_a_missing_folder_is_refused_and_nothing_is_created(tmp_path, capsys, command):
    db = tmp_path / "nonexistdir" / "x.sqlite"
    (tmp_path / "x.ewb").write_bytes(b"")
    (tmp_path / "x").write_bytes(b"")
    args = [a if a not in ("x.ewb", "x") else str(tmp_path / a) for a in command]
    assert main(["--db", str(db), *args]) == 2
    err = capsys.readouterr().err
    assert "folder database tidak ada" in err and str(db.parent) in err
    assert not db.parent.exists()


def test_a_missing_folder_in_english(tmp_path, capsys):
    db = tmp_path / "nonexistdir" / "x.sqlite"
    assert main(["--db", str(db), "--lang", "en", "list"]) == 2
    err = capsys.readouterr().err
    assert "database folder does not exist" in err and "--db" in err
    assert "Belum ada e-warong" not in capsys.readouterr().out


@pytest.mark.parametrize("command", [["list"], ["report"], ["import", "x.ewb"]])
def test_a_missing_file_says_how_to_start_one(tmp_path, capsys, command):
    db = tmp_path / "typo.sqlite"
    (tmp_path / "x.ewb").write_bytes(b"")
    args = [str(tmp_path / a) if a == "x.ewb" else a for a in command]
    assert main(["--db", str(db), *args]) == 2
    captured = capsys.readouterr()
    assert "database kabupaten belum ada" in captured.err and str(db) in captured.err
    assert "enrol" in captured.err
    assert not db.exists() and "Belum ada e-warong" not in captured.out
    assert main(["--db", str(db), "--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert "does not exist yet" in err and "enrol the first e-warong" in err


def test_the_environment_variable_is_checked_the_same_way(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(DB_ENV, str(tmp_path / "nope" / "d.sqlite"))
    assert main(["list"]) == 2
    assert DB_ENV in capsys.readouterr().err


def test_enrol_starts_a_new_database_at_a_new_path(tmp_path, capsys):
    db = tmp_path / "new.sqlite"
    lap = Laptop()
    path = enrolment_file(lap, tmp_path / "usb")
    assert main(["--db", str(db), "enrol", str(path), "--fingerprint", lap.enrolled.key_id]) == 0
    assert db.is_file()
    assert main(["--db", str(db), "list"]) == 0
    assert lap.code in capsys.readouterr().out


def test_the_default_database_is_started_by_the_first_enrol(data_home, tmp_path, capsys):
    assert main(["list"]) == 2
    assert "enrol" in capsys.readouterr().err
    assert not data_home.exists()
    lap = Laptop()
    path = enrolment_file(lap, tmp_path / "usb")
    assert main(["enrol", str(path), "--fingerprint", lap.enrolled.key_id]) == 0
    assert data_home.is_file()
    assert main(["list"]) == 0
    assert lap.code in capsys.readouterr().out
