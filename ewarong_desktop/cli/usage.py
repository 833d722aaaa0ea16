"""Usage mistakes in the user's language: one `galat:` / `error:` line and exit 2.

argparse speaks English in several lines; every parser of the CLI is a `UsageParser`, whose
`error` says the same thing in one line, in Indonesian unless `--lang en` or `EWARONG_LANG=en`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from ewarong_desktop.domain.errors import EwarongError
from ewarong_desktop.domain.words import say

EXIT_USAGE = 2

# argparse's own messages, each with its Indonesian twin (the English kept, on one line).
_INDONESIAN = (
    (r"the following arguments are required: (.+)", "argumen wajib belum diisi: {0}"),
    (r"unrecognized arguments: (.+)", "argumen tidak dikenal: {0}"),
    (
        r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
        "{0}: pilihan {1} tidak ada (pilih dari {2})",
    ),
    (r"argument (\S+): invalid int value: (.+)", "{0}: {1} bukan bilangan bulat"),
    (r"argument (\S+): expected one argument", "{0} perlu satu nilai"),
    (r"argument (\S+): ignored explicit argument (.+)", "{0} tidak menerima nilai {1}"),
    (r"argument (\S+): not allowed with argument (.+)", "{0} tidak boleh bersama {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "opsi {0} bisa berarti {1}"),
    (r"argument (\S+): (.+)", "{0}: {1}"),
)


class UsageError(EwarongError):
    """The command line itself is wrong (an option that needs another): exit 2, one line."""

    code = "usage"


def language(argv: Sequence[str]) -> str:
    """The language asked for before the command line is understood (`--lang en`)."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if word.startswith("--lang="):
            return "en" if word.endswith("=en") else "id"
    return "en" if os.environ.get("EWARONG_LANG") == "en" else "id"


def indonesian(message: str) -> str:
    for pattern, template in _INDONESIAN:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return template.format(*match.groups())
    return message


def say_error(lang: str, id_text: str, en_text: str) -> None:
    text = say(lang, id_text, en_text)
    print(f"{say(lang, 'galat', 'error')}: {' '.join(text.split())}", file=sys.stderr)


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes are one line in the user's language, exit 2."""

    lang = "id"  # set by `main` from the command line before parsing

    def error(self, message: str) -> NoReturn:
        hint_id = f" (lihat: {self.prog} --help)"
        hint_en = f" (see: {self.prog} --help)"
        say_error(self.lang, indonesian(message) + hint_id, message + hint_en)
        raise SystemExit(EXIT_USAGE)


class QuietParser(argparse.ArgumentParser):
    """For a first look at the command line: a mistake is left for the real parser to say."""

    def error(self, message: str) -> NoReturn:
        raise SystemExit(EXIT_USAGE)
