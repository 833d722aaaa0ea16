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
from ewarong_desktop.cli import roles, usage
from ewarong_desktop.cli.env import CliEnv
from ewarong_desktop.cli.usage import EXIT_USAGE, QuietParser, UsageError, UsageParser, language
from ewarong_desktop.domain.errors import EwarongError, FileProblem, NeedsConfirmation
from ewarong_desktop.domain.text import silence_stdout

# Command modules, each with `register(subparsers)`; add yours here.
COMMAND_MODULES = (
    "setup",
    "kpm",
    "kpm_import",
    "goods",
    "counter",
    "month",
    "check",
    "reports",
    "sync",
    "backup",
    "clock",
    "pin",
    "fund",
)

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


def build_parser() -> argparse.ArgumentParser:
    # Subparsers take their parent's class: every level speaks in one line (cli/usage.py).
    parser = UsageParser(
        prog="ewarong-desktop",
        description="E-warong: bantuan pangan non tunai (BPNT / Program Sembako).",
    )
    parser.add_argument("--version", action="version", version=f"ewarong-desktop {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"ewarong_desktop.cli.{name}").register(sub)
    roles.name_subcommands(parser)
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
    quick = QuietParser(add_help=False)
    _global_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


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
    args = build_parser().parse_args(argv)
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
