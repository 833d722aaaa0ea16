"""`ewarong-desktop`: no subcommand opens the window; subcommands do the same jobs headless.

Each command module registers its own subcommands; this module only parses, dispatches and
turns refusals into one clear line (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from ewarong_desktop import __version__
from ewarong_desktop.cli import catalogue, roles, usage
from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.usage import (
    EXIT_USAGE,
    Bilingual,
    QuietParser,
    UsageError,
    UsageParser,
    language,
)
from ewarong_desktop.domain.errors import EwarongError, FileProblem, NeedsConfirmation
from ewarong_desktop.domain.text import silence_stdout

# Command modules, each with `register(subparsers)`, and the top-level subcommands each
# registers, in its order (add yours to both; tests/cli/test_startup.py checks they agree).
# A command line loads only the module of its subcommand: `check` does not pay for the
# reports, the district link or the demo builder; `--help` names them all from this table.
SUBCOMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "setup": ("init", "demo"),
    "kpm": ("kpm",),
    "kpm_import": ("import-kpm",),
    "goods": ("product", "purchase", "stock"),
    "counter": ("redeem", "redemptions", "daily", "void"),
    "month": ("month", "working-month"),
    "check": ("check",),
    "reports": ("receipt", "statements", "roster", "report"),
    "sync": ("export", "bundles", "enrolment", "rekey", "district-key", "receive"),
    "backup": ("backup", "backups", "restore"),
    "clock": ("clock",),
    "pin": ("change-pin",),
    "fund": ("fund", "supplier", "target"),
    "rates": ("rates",),
    "admin": ("profile", "operator", "recovery-code", "printing"),
}
COMMAND_MODULES = tuple(SUBCOMMAND_MODULES)
_MODULE_OF = {name: module for module, names in SUBCOMMAND_MODULES.items() for name in names}

EXIT_REFUSED = 1
EXIT_NO_STORE = 3
EXIT_BUG = 70


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", help="folder data (bawaan: EWARONG_DATA_DIR atau folder pengguna)"
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=os.environ.get("EWARONG_LANG", "id"),
        help="bahasa pesan / message language",
    )
    parser.add_argument(
        "--operator",
        metavar="NAME",
        help="operator yang bertindak (bawaan: EWARONG_OPERATOR); PIN dari EWARONG_PIN",
    )
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="baca PIN dari baris pertama masukan standar / read the PIN from stdin",
    )


def _global_parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]] | None:
    """The global options of `argv` and what follows them; None when they do not parse (the
    full parser then says why)."""
    quick = QuietParser(add_help=False)
    _global_options(quick)
    try:
        return quick.parse_known_args(argv)
    except SystemExit:
        return None


def _chosen_module(argv: Sequence[str]) -> str | None:
    """The command module of the subcommand `argv` names (after the global options)."""
    parsed = _global_parse(argv)
    if parsed is None:
        return None
    first = next((arg for arg in parsed[1] if not arg.startswith("-")), None)
    return None if first is None else _MODULE_OF.get(first)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the command line, only its subcommand's module is loaded and
    every other subcommand is a bare name with its purpose (enough for `--help` and for
    refusing an unknown one)."""
    # Subparsers take their parent's class: every level speaks in one line (cli/usage.py).
    parser = UsageParser(
        prog="ewarong-desktop",
        description=Bilingual(
            "E-warong: bantuan pangan non tunai (BPNT, Program Sembako).",
            "E-warong: non-cash food aid (BPNT, Program Sembako).",
        ),
    )
    parser.add_argument("--version", action="version", version=f"ewarong-desktop {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    chosen = None if argv is None else _chosen_module(argv)
    for module, names in SUBCOMMAND_MODULES.items():
        if argv is None or module == chosen:
            importlib.import_module(f"ewarong_desktop.cli.{module}").register(sub)
        else:
            for name in names:
                sub.add_parser(name)  # named and described (catalogue) for the list only
    roles.name_subcommands(parser)
    catalogue.describe(parser)
    return parser


def _report_bug(env: CliEnv, exc: BaseException) -> None:
    detail = "".join(traceback.format_exception(exc))
    log = env.write_crash_log(detail)
    where = f" ({log})" if log else ""
    env.error(
        f"Terjadi kesalahan program{where}. Data tidak berubah; "
        "kirim berkas log itu ke pendamping.",
        f"The program hit a bug{where}. Nothing was changed; send that log file to support.",
    )


def _window_requested(argv: Sequence[str]) -> argparse.Namespace | None:
    """Only global options and no subcommand: the window, without loading every command."""
    parsed = _global_parse(argv)
    return None if parsed is None or parsed[1] else parsed[0]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        silence_stdout()  # no complaint from the interpreter's last flush either
        return 0  # the reader (`| head`) has what it wanted (`--help` included)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    UsageParser.lang = language(argv)
    if any("\x00" in arg for arg in argv):
        # A shell cannot pass one; a script building the command line in code can.
        usage.say_error(
            UsageParser.lang,
            "Ada argumen yang berisi karakter NUL.",
            "An argument holds a NUL character.",
        )
        return EXIT_USAGE
    window = _window_requested(argv)
    if window is not None:
        return _open_gui(CliEnv.from_args(window))
    args = build_parser(argv).parse_args(argv)
    env = CliEnv.from_args(args)
    if args.command is None:
        return _open_gui(env)
    # Loaded here, not at the top: the window above starts without SQLAlchemy.
    from ewarong_desktop.services.context import NoStore

    try:
        roles.authorise(args, env)
        return int(args.run(args, env) or 0)
    except NoStore as exc:
        env.error(exc.id_text, exc.en_text)
        return EXIT_NO_STORE
    except UsageError as exc:
        env.error(exc.id_text, exc.en_text)
        return EXIT_USAGE
    except NeedsConfirmation as exc:
        env.error(
            f"{exc.id_text} Jika benar, ulangi dengan --yes.",
            f"{exc.en_text} If it is right, run it again with --yes.",
        )
        return EXIT_REFUSED
    except EwarongError as exc:
        env.error(exc.id_text, exc.en_text)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        env.error("Dibatalkan.", "Cancelled.")
        return 130
    except BrokenPipeError:
        raise  # main's
    except OSError as exc:
        problem = FileProblem.from_os_error(exc)
        env.error(problem.id_text, problem.en_text)
        return EXIT_REFUSED
    except Exception as exc:
        _report_bug(env, exc)
        return EXIT_BUG
    finally:
        env.close()


def _open_gui(env: CliEnv) -> int:
    try:
        app = importlib.import_module("ewarong_desktop.gui.app")
    except ImportError as exc:
        env.error(
            f"Tampilan jendela tidak tersedia ({exc}).", f"The window is not available ({exc})."
        )
        return EXIT_REFUSED
    return int(app.run(Path(env.data_dir), env.lang))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
