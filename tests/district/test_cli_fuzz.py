"""Issue 13: whatever arguments `ewarong-district` is given, it ends with a clean refusal.

Hypothesis builds argument lists from the real subcommands and options mixed with hostile
values (control characters, non-ASCII digits, huge numbers, odd paths); every run must end
with exit 0, 1 or 2 and never say "bug" or show a traceback.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ewarong_desktop.district.cli import main
from tests.district.conftest import enrolment_file
from tests.sync.bundlekit import Laptop

WORDS = [
    "enrol", "list", "verify", "import", "report", "rates", "add", "key", "reply",
    "--db", "--lang", "en", "id", "--month", "--out", "--fingerprint", "--replace", "--reason",
    "--from", "--note", "--office", "--kabupaten", "--with-kpm-list", "LTM-SKP-01",
    "2024-05", "9999-12", "2024-13", "0", "-1", "250000", "Rp250.000", str(2**70),
    "x.pdf", "x.xlsx", ".", "..", "/nonexistent/x", "enrol.json", "１２３", "a\x1b[2Jb",
    "\x00", "=1+1", "<b>",
]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=7))
def test_any_arguments_end_in_a_clean_exit(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    # No subcommand opens the window (tests/district_gui): here only that it was asked for.
    monkeypatch.setattr("ewarong_desktop.district.cli._open_window", lambda _db, _lang: 0)
    db = tmp_path / "district.sqlite"
    if not db.exists():
        lap = Laptop()
        path = enrolment_file(lap, tmp_path / "e")
        assert (
            main(["--db", str(db), "enrol", str(path), "--fingerprint", lap.enrolled.key_id]) == 0
        )
        (tmp_path / "enrol.json").write_bytes(path.read_bytes())
    capsys.readouterr()
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exc:  # --help
        code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, err)
    # The bug line's own words (`_run`), not the bare word: an argument may be "bug" itself.
    said_bug = "Kesalahan tak terduga (bug)" in err or "Unexpected error (a bug)" in err
    assert not said_bug and "Traceback" not in err, (argv, err)
    assert "\x1b" not in out + err


@pytest.mark.parametrize("argv", [["report", "--month", "１２３４-０５"], ["rates", "add", "１"]])
def test_non_ascii_digits_are_a_clean_refusal(argv, tmp_path, capsys):
    lap = Laptop()
    db = str(tmp_path / "d.sqlite")
    main(["--db", db, "enrol", str(enrolment_file(lap, tmp_path)), "--fingerprint",
          lap.enrolled.key_id])  # fmt: skip
    assert main(["--db", db, *argv]) in (1, 2)
    assert "bug" not in capsys.readouterr().err
