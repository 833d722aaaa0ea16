"""Enrolling keys: only after the fingerprint the shop read out matches; replacing per epoch."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ewarong_desktop.district.cli import main
from ewarong_desktop.district.enrolment import enrol, list_warongs, replace_key
from ewarong_desktop.district.models import Warong, WarongKey
from ewarong_desktop.domain.errors import Conflict, InvalidInput
from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
from ewarong_desktop.sync.keys import fingerprint, key_id
from tests.district.conftest import enrolment_file, save
from tests.sync.bundlekit import Laptop, month_tables, warong


def test_enrol_ignores_spaces_and_case_in_the_fingerprint(engine, tmp_path):
    lap = Laptop()
    typed = fingerprint(lap.enrolled.key_id).upper()
    result = enrol(engine, enrolment_file(lap, tmp_path), f"  {typed} ")
    assert (result.code, result.epoch) == (lap.code, 1)
    assert [w.code for w in list_warongs(engine)] == [lap.code]


def test_enrol_refuses_a_fingerprint_that_does_not_match(engine, tmp_path):
    lap = Laptop()
    with pytest.raises(InvalidInput) as info:
        enrol(engine, enrolment_file(lap, tmp_path), "0000 0000 0000 0000")
    assert "does not match" in info.value.message("en")
    assert list_warongs(engine) == []


def test_enrol_twice_with_the_same_key_is_fine(engine, laptop, tmp_path):
    result = enrol(engine, enrolment_file(laptop, tmp_path), laptop.enrolled.key_id)
    assert result.already


def test_another_key_for_an_enrolled_code_needs_replace(engine, laptop, tmp_path):
    impostor = Laptop(code=laptop.code)
    with pytest.raises(Conflict) as info:
        enrol(engine, enrolment_file(impostor, tmp_path), impostor.enrolled.key_id)
    assert "--replace" in info.value.message("en")


def test_cli_prompts_for_the_fingerprint(db_path, tmp_path, monkeypatch, capsys):
    lap = Laptop()
    path = enrolment_file(lap, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(fingerprint(lap.enrolled.key_id) + "\n"))
    assert main(["--db", str(db_path), "enrol", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sidik jari yang dibacakan" in out
    # The prompt never shows the file's fingerprint before the officer types it.
    assert out.index("Terdaftar") > out.index("Sidik jari yang dibacakan")
    assert out.count(fingerprint(lap.enrolled.key_id)) == 1


def test_cli_prompt_mismatch_is_refused(db_path, tmp_path, monkeypatch, capsys):
    lap = Laptop()
    path = enrolment_file(lap, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("abcd abcd abcd abcd\n"))
    assert main(["--db", str(db_path), "enrol", str(path)]) == 1
    assert "tidak cocok" in capsys.readouterr().err


def test_cli_without_fingerprint_and_no_input_is_bad_usage(db_path, tmp_path, monkeypatch):
    lap = Laptop()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db_path), "enrol", str(enrolment_file(lap, tmp_path))]) == 2


def test_replace_starts_the_next_epoch_and_records_the_reason(engine, laptop, tmp_path):
    usb = tmp_path / "usb"
    old = save(laptop.export(month_tables("2024-05")), usb)
    laptop.rekey()
    path = enrolment_file(laptop, tmp_path / "new")
    with pytest.raises(InvalidInput):
        replace_key(engine, path, laptop.enrolled.key_id, "  ")
    result = replace_key(engine, path, laptop.enrolled.key_id, "laptop dicuri")
    assert result.epoch == 2
    with Session(engine) as session:
        keys = session.scalars(select(WarongKey).order_by(WarongKey.epoch)).all()
        assert [(k.epoch, k.reason, k.replaced_at is not None) for k in keys] == [
            (1, None, True),
            (2, "laptop dicuri", False),
        ]
        assert session.get(Warong, laptop.code).last_seq == 0
    # A bundle signed by the replaced key is refused, even one never imported before.
    assert main(["--db", str(engine.url.database), "verify", str(old)]) == 1


def test_replace_only_for_the_next_epoch(engine, laptop, tmp_path):
    laptop.rekey()
    laptop.rekey()  # epoch 3: skipping epoch 2 is refused
    path = enrolment_file(laptop, tmp_path / "new")
    with pytest.raises(Conflict) as info:
        replace_key(engine, path, laptop.enrolled.key_id, "instal ulang")
    assert "epoch 2" in info.value.message("en")


def test_cli_replace_needs_a_reason(db_path, laptop, tmp_path):
    laptop.rekey()
    path = enrolment_file(laptop, tmp_path / "new")
    fp = laptop.enrolled.key_id
    assert main(["--db", str(db_path), "enrol", "--replace", str(path), "--fingerprint", fp]) == 2
    args = ["--db", str(db_path), "enrol", "--replace", str(path), "--fingerprint", fp]
    assert main([*args, "--reason", "instal ulang"]) == 0


def test_list_shows_epoch_seq_and_fingerprint(db_path, laptop, tmp_path, capsys):
    save(laptop.export(month_tables("2024-05")), tmp_path / "usb")
    main(["--db", str(db_path), "import", str(tmp_path / "usb")])
    capsys.readouterr()
    assert main(["--db", str(db_path), "--lang", "en", "list"]) == 0
    out = capsys.readouterr().out
    assert f"{laptop.code} | E-Warong {laptop.code} | 1 | 1 |" in out
    assert fingerprint(laptop.enrolled.key_id) in out


def test_a_damaged_enrolment_file_is_refused(db_path, tmp_path, capsys):
    path = tmp_path / "x.enrol.json"
    path.write_text('{"format": "ewarong-enrolment", "format_version": 1, "x": NaN}')
    assert main(["--db", str(db_path), "enrol", str(path), "--fingerprint", "ab"]) == 1
    assert "tidak sah" in capsys.readouterr().err


def _enrolment_with(laptop: Laptop, key, epoch: int, folder) -> object:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / enrolment_filename(laptop.code)
    path.write_bytes(enrolment_bytes(warong(laptop.code), epoch, key.public_key()))
    return path


def test_replace_refuses_the_current_key_and_any_key_ever_replaced(engine, laptop, tmp_path):
    first_key = laptop.key
    # The current key, dressed up as the next epoch's: refused, nothing changes.
    same = _enrolment_with(laptop, first_key, 2, tmp_path / "same")
    with pytest.raises(Conflict) as info:
        replace_key(engine, same, laptop.enrolled.key_id, "instal ulang")
    assert "is the current key" in info.value.message("en")
    laptop.rekey()
    replace_key(engine, enrolment_file(laptop, tmp_path / "e2"), laptop.enrolled.key_id, "dicuri")
    # The stolen laptop's key (epoch 1) offered again as epoch 3: a replaced key stays replaced.
    stolen = _enrolment_with(laptop, first_key, 3, tmp_path / "stolen")
    with pytest.raises(Conflict) as info:
        replace_key(engine, stolen, key_id(first_key.public_key()), "kembali")
    assert "was replaced (epoch 1)" in info.value.message("en")
    # Another e-warong's key cannot become this one's either.
    other = Laptop(code="OTHER-01")
    enrol(engine, enrolment_file(other, tmp_path / "other"), other.enrolled.key_id)
    borrowed = _enrolment_with(laptop, other.key, 3, tmp_path / "borrowed")
    with pytest.raises(Conflict) as info:
        replace_key(engine, borrowed, other.enrolled.key_id, "pinjam")
    assert "belongs to e-warong OTHER-01" in info.value.message("en")
    with Session(engine) as session:
        assert session.get(Warong, laptop.code).epoch == 2
        assert len(session.scalars(select(WarongKey)).all()) == 3


def test_cli_replace_with_the_current_key_is_one_line_and_exit_1(db_path, laptop, tmp_path, capsys):
    same = _enrolment_with(laptop, laptop.key, 2, tmp_path / "same")
    args = ["--db", str(db_path), "--lang", "en", "enrol", "--replace", str(same)]
    args += ["--fingerprint", laptop.enrolled.key_id, "--reason", "x"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "is the current key" in err and "Traceback" not in err


def test_an_enrolment_file_given_to_verify_or_import_is_named_for_what_it_is(
    engine, laptop, tmp_path, capsys
):
    """#18: not "damaged or forged" (a forger hunt): the shop's key, with its own command."""
    path = enrolment_file(Laptop(), tmp_path)
    db = str(engine.url.database)
    for command, lang in (("verify", "id"), ("import", "en")):
        assert main(["--db", db, "--lang", lang, command, str(path)]) == 1
        out = capsys.readouterr().out
        line = out.splitlines()[0]
        assert line.startswith(str(path)) and f"ewarong-district enrol {path}" in line
        if lang == "id":
            assert "berkas enrolmen" in line and "rusak" not in out and "palsu" not in out
        else:
            assert "enrolment file" in line and "forged" not in out and "damaged" not in out
    # Given beside a real bundle, the bundle is still checked.
    bundle = save(laptop.export(month_tables("2024-05")), tmp_path / "usb")
    assert main(["--db", db, "verify", str(path), str(bundle)]) == 1
    out = capsys.readouterr().out
    assert "1 baik, 1 ditolak." in out


def test_preview_names_the_file_and_says_match_without_showing_the_fingerprint(engine, tmp_path):
    from ewarong_desktop.district.enrolment import FingerprintMatch, preview_enrolment

    lap = Laptop(code="PRV-01")
    path = enrolment_file(lap, tmp_path)
    preview = preview_enrolment(engine, path)
    assert (preview.code, preview.name, preview.epoch) == ("PRV-01", "E-Warong PRV-01", 1)
    assert preview.is_new and not preview.needs_replace
    fp = fingerprint(lap.enrolled.key_id)
    assert fp not in repr(preview) and lap.enrolled.key_id not in repr(preview)
    assert preview.match("") == FingerprintMatch.EMPTY
    assert preview.match(fp[:9]) == FingerprintMatch.INCOMPLETE
    assert (preview.typed_length(fp[:9]), preview.digits) == (8, 16)
    assert preview.match(fp.upper().replace(" ", "-")) == FingerprintMatch.MATCH
    wrong = "0000 0000 0000 0000" if not fp.startswith("0000") else "ffff ffff ffff ffff"
    assert preview.match(wrong) == FingerprintMatch.MISMATCH
    assert preview.match(fp + "0") == FingerprintMatch.MISMATCH
    assert preview.match("xyz") == FingerprintMatch.MISMATCH

    enrol(engine, path, fp)
    again = preview_enrolment(engine, path)
    assert (again.enrolled_epoch, again.same_key, again.needs_replace) == (1, True, False)
    lap.rekey()
    rekeyed = preview_enrolment(engine, enrolment_file(lap, tmp_path / "new"))
    assert (rekeyed.epoch, rekeyed.enrolled_epoch, rekeyed.needs_replace) == (2, 1, True)


def test_preview_of_a_file_that_is_not_an_enrolment_is_refused_in_words(engine, tmp_path):
    from ewarong_desktop.district.enrolment import preview_enrolment

    path = tmp_path / "photo.enrol.json"
    path.write_bytes(b"\x89PNG not json")
    with pytest.raises(InvalidInput) as info:
        preview_enrolment(engine, path)
    assert info.value.message("en") and info.value.message("id")
