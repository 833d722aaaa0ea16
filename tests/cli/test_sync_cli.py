"""`export`, `bundles`, `enrolment`, `rekey` as an operator or a support script runs them."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.services.demo import build_demo
from ewarong_desktop.sync.enrolment import read_enrolment
from tests.cli.conftest import act_as


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    made = build_demo(data_dir, kpm=8, months=1, today=datetime(2024, 5, 20, 10))
    assert made.setup is not None
    return data_dir, made.setup.admin_name, made.setup.admin_pin


@pytest.fixture
def data_dir(template, tmp_path, monkeypatch):
    path = tmp_path / "data"
    shutil.copytree(template[0], path)
    act_as(monkeypatch, template[1], template[2])
    return path


def run(data_dir, *args, lang="id") -> int:
    return main(["--data-dir", str(data_dir), "--lang", lang, *map(str, args)])


def test_export_prints_the_path_then_a_line_for_people(data_dir, tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(data_dir, "export", "--out", usb) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == str(usb / "ewarong-LTM-SKP-01-e1-000001.ewb")
    assert "seq 1" in lines[1] and "lengkap" in lines[1]
    assert run(data_dir, "export", "--out", usb, lang="en") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("-e1-000002.ewb") and "incremental" in lines[1]


def test_bundles_lists_and_again_copies_byte_for_byte(data_dir, tmp_path, capsys):
    usb, spare = tmp_path / "usb", tmp_path / "spare"
    usb.mkdir()
    spare.mkdir()
    run(data_dir, "export", "--out", usb)
    run(data_dir, "export", "--out", usb)
    capsys.readouterr()
    assert run(data_dir, "bundles") == 0
    out = capsys.readouterr().out
    assert "    1    1  lengkap" in out and "    1    2  perubahan" in out
    assert run(data_dir, "export", "--again", "1", "--out", spare) == 0
    copied = capsys.readouterr().out.strip()
    name = "ewarong-LTM-SKP-01-e1-000001.ewb"
    assert copied == str(spare / name)
    assert (spare / name).read_bytes() == (usb / name).read_bytes()
    assert run(data_dir, "export", "--again", "9", "--out", spare) == 1
    assert "seq 9" in capsys.readouterr().err


def test_export_to_a_missing_folder_is_refused(data_dir, tmp_path, capsys):
    assert run(data_dir, "export", "--out", tmp_path / "no-stick") == 1
    assert "flashdisk" in capsys.readouterr().err


def test_enrolment_and_rekey(data_dir, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert run(data_dir, "enrolment", "--out", out) == 0
    path_line, fp_line = capsys.readouterr().out.strip().splitlines()
    first = read_enrolment(tmp_path / path_line)
    assert fp_line.endswith(first.fingerprint) and first.epoch == 1
    assert run(data_dir, "rekey", "--reason", "laptop dicuri", "--out", out) == 0
    text = capsys.readouterr().out
    second = read_enrolment(out / "ewarong-LTM-SKP-01.enrol.json")
    assert second.epoch == 2 and second.fingerprint in text
    assert second.key_id != first.key_id
    assert run(data_dir, "export", "--out", out) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("-e2-000001.ewb")
