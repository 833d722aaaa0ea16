"""Usage mistakes are one line in the user's language, exit 2, at every subcommand."""

from __future__ import annotations

from pathlib import Path

import pytest

from ewarong_desktop.cli import build_parser, main, roles

SUBCOMMANDS = roles.name_subcommands(build_parser())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", SUBCOMMANDS)
def test_every_subcommand_has_help_and_refuses_an_unknown_option_in_one_line(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = path.split()
    code, out, _ = run(capsys, *words, "--help")
    assert code == 0 and out.strip()
    english = ("the following", "unrecognized", "invalid", "expected")
    for lang, label in (("id", "galat: "), ("en", "error: ")):
        code, out, err = run(
            capsys, "--data-dir", str(tmp_path), "--lang", lang, *words, "--no-such-option"
        )
        assert code == 2, (path, lang, err)
        assert err.startswith(label) and err.count("\n") == 1, (path, err)
        assert (lang == "en") == any(w in err for w in english), (path, err)


@pytest.mark.parametrize(
    ("argv", "id_words", "en_words"),
    [
        (["redeem"], "argumen wajib belum diisi", "the following arguments are required"),
        (["export", "--out", ".", "--again", "abc"], "bukan bilangan bulat", "invalid int"),
        (["stock", "--reason", "RUSAK"], "pilihan 'RUSAK' tidak ada", "invalid choice"),
        (["no-such-command"], "pilihan 'no-such-command' tidak ada", "invalid choice"),
        (["stock", "--reason", "rusak"], "hanya berlaku bersama --adjust", "goes with --adjust"),
    ],
)
def test_usage_errors_speak_the_user_s_language_once(
    argv: list[str],
    id_words: str,
    en_words: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.conftest import make_shop

    data = tmp_path / "data"
    make_shop(data).ctx.close()
    for lang, label, words in (("id", "galat: ", id_words), ("en", "error: ", en_words)):
        code, _, err = run(capsys, "--data-dir", str(data), "--lang", lang, *argv)
        assert code == 2 and err.startswith(label) and err.count("\n") == 1, (argv, err)
        assert words in err, err


def test_a_wrong_language_is_said_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "xx", "check")
    assert code == 2 and err.count("\n") == 1 and err.startswith("galat: ")


@pytest.mark.parametrize("path", ["init", "product add", "kpm add", "kpm show", "working-month"])
def test_help_gives_an_example(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *path.split(), "--help")
    assert code == 0 and f"Contoh: ewarong-desktop {path}" in " ".join(out.split())


def test_units_and_categories_are_listed_and_taken_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli.conftest import act_as
    from tests.conftest import make_shop

    data = tmp_path / "data"
    make_shop(data).ctx.close()
    act_as(monkeypatch, "admin", "123456")
    code, out, _ = run(capsys, "product", "add", "--help")
    assert "karbohidrat" in out and "liter" in out
    code, out, err = run(
        capsys,
        *["--data-dir", str(data), "product", "add", "--code", "GLA", "--name", "Gula"],
        *["--category", "LAINNYA", "--unit", "KG", "--price", "15000"],
    )
    assert code == 0 and "Gula" in out and "/kg" in out, err
