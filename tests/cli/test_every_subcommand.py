"""#18 point 6: every subcommand, found by walking the parser, helps and refuses in the user's
language: `--help` exits 0 in Indonesian (English with --lang en), and a usage mistake is one
`galat:`/`error:` line and exit 2."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from ewarong_desktop.cli import build_parser, main
from ewarong_desktop.cli.catalogue import CATALOGUE
from ewarong_desktop.cli.usage import ENGLISH_HELP, Bilingual


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, child in action.choices.items():
                if id(child) not in seen:
                    seen.add(id(child))
                    yield " ".join((*path, name)), child
                    yield from walk(child, (*path, name))


PARSERS = dict(walk(build_parser()))
# Never said to a user in Indonesian: argparse's own English.
ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help",
    "the following arguments are required",
    "unrecognized arguments",
    "invalid choice",
    "expected one argument",
)


def test_the_walk_finds_nested_subcommands_and_every_one_is_in_the_catalogue() -> None:
    assert {"kpm add", "fund tranche", "rates add", "supplier tax-id"} <= PARSERS.keys()
    assert set(PARSERS) == set(CATALOGUE), "a subcommand without a purpose and an example"


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(tmp_path / "nothing-here"), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", sorted(PARSERS))
def test_help_exits_0_in_the_user_s_language(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = CATALOGUE[path]
    code, out, err = run(tmp_path, capsys, *path.split(), "--help")
    assert (code, err) == (0, "") and out.startswith(f"penggunaan: ewarong-desktop {path}")
    assert "tampilkan bantuan ini" in out and f"Contoh: {entry.example}" in " ".join(out.split())
    assert not any(words in out for words in ARGPARSE_ENGLISH)
    code, out, err = run(tmp_path, capsys, "--lang", "en", *path.split(), "--help")
    assert (code, err) == (0, "") and out.startswith(f"usage: ewarong-desktop {path}")
    flat = " ".join(out.split())
    assert "show this help message" in flat and f"Example: {entry.example}" in flat
    assert entry.en_text[0].upper() + entry.en_text[1:] in flat
    assert "penggunaan" not in out and "Contoh:" not in out
    if entry.id_text != entry.en_text:
        assert entry.id_text not in flat


@pytest.mark.parametrize("path", sorted(PARSERS))
def test_every_option_s_help_has_an_english_reading(path: str) -> None:
    for action in PARSERS[path]._actions:
        text = action.help
        if not text or action.dest == "help":
            continue
        assert isinstance(text, Bilingual) or " / " in text or text in ENGLISH_HELP, (
            f"{path} {action.option_strings or action.dest}: {text!r} has no English"
        )


@pytest.mark.parametrize("path", sorted(PARSERS))
def test_a_usage_mistake_is_one_line_in_the_user_s_language_and_exit_2(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, label in (("id", "galat: "), ("en", "error: ")):
        code, out, err = run(tmp_path, capsys, "--lang", lang, *path.split(), "--no-such-option")
        assert (code, out) == (2, ""), (lang, err)
        assert err.startswith(label) and err.count("\n") == 1, err
        assert "--no-such-option" in err or "wajib" in err or "required" in err
        if lang == "id":
            assert not any(words in err for words in ARGPARSE_ENGLISH), err
