"""`ewarong-district`: enrol e-warong keys, verify and import bundles, report across them.
With no subcommand it opens the district window (`district_gui`) on the same `--db`.

Exit codes: 0 all went well, 1 something was refused (the rest still done), 2 bad usage.
Messages are Indonesian unless `--lang en` or EWARONG_LANG=en; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ewarong_desktop.district.independence_cli import INDEPENDENCE_COMMANDS, register_independence
from ewarong_desktop.domain.errors import EwarongError, InvalidInput
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.text import PrintableStream, silence_stdout
from ewarong_desktop.domain.words import say

if TYPE_CHECKING:
    from sqlalchemy import Engine

LANG_ENV = "EWARONG_LANG"
OK, REFUSED, USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ewarong-district",
        description="Kantor dinas kabupaten: daftarkan kunci e-warong, periksa dan impor "
        "bundel sinkron, laporan lintas e-warong.",
    )
    parser.add_argument(
        "--db",
        help="berkas SQLite atau URL SQLAlchemy (postgresql+psycopg://...); "
        "bawaan: folder data pengguna / SQLite file or SQLAlchemy URL",
    )
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa pesan / message language")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    enrol = sub.add_parser("enrol", help="daftarkan berkas enrolmen e-warong / enrol a key")
    enrol.add_argument("file", type=Path)
    enrol.add_argument("--fingerprint", help="sidik jari yang dikonfirmasi e-warong")
    enrol.add_argument("--replace", action="store_true", help="kunci baru untuk epoch baru")
    enrol.add_argument("--reason", help="alasan penggantian kunci (wajib dengan --replace)")

    sub.add_parser("list", help="daftar e-warong / list e-warongs")

    verify = sub.add_parser("verify", help="periksa bundel tanpa menyimpan / check bundles")
    verify.add_argument("bundles", nargs="+", type=Path)

    imp = sub.add_parser("import", help="impor bundel atau folder / import bundles or folders")
    imp.add_argument("paths", nargs="+", type=Path)

    report = sub.add_parser("report", help="laporan bulanan / monthly report")
    report.add_argument("--month", help="TTTT-BB / YYYY-MM (bawaan: bulan terakhir berdata)")
    report.add_argument("--out", type=Path, help="F.pdf atau F.xlsx")

    rates = sub.add_parser("rates", help="besaran bantuan per KPM / entitlement rates")
    rates_sub = rates.add_subparsers(dest="rates_command", metavar="add", parser_class=_Parser)
    add = rates_sub.add_parser("add", help="besaran baru mulai bulan itu / a new rate from a month")
    add.add_argument("amount", help="rupiah per KPM per bulan, mis. 250000 atau Rp250.000")
    add.add_argument("--from", dest="valid_from", required=True, help="TTTT-BB / YYYY-MM")
    add.add_argument("--note", help="catatan, mis. dasar keputusan / note, e.g. the decree")
    add.add_argument(
        "--yes", action="store_true", help="ya, ubah tanda bulan lalu / yes, change past months"
    )

    history = sub.add_parser("history", help="semua versi satu catatan / a record's versions")
    history.add_argument("code", help="kode e-warong / e-warong code")
    history.add_argument("record_id", help="id catatan lengkap / the record's full id")

    flags = sub.add_parser("flags", help="tanda untuk ditinjau / flags to review")
    flags.add_argument("--open", action="store_true", help="hanya yang terbuka / open ones only")
    flags.add_argument("--code", help="kode e-warong / e-warong code")
    flags.add_argument("--month", help="TTTT-BB / YYYY-MM")
    flags_sub = flags.add_subparsers(dest="flags_command", metavar="review", parser_class=_Parser)
    review = flags_sub.add_parser("review", help="tutup satu tanda / close one flag")
    review.add_argument("flag_id", help="mis. F12 / e.g. F12")
    review.add_argument("--note", required=True, help="apa yang diperiksa / what was checked")
    review.add_argument("--officer", help="nama petugas (bawaan: pengguna) / officer's name")
    register_independence(sub)

    key = sub.add_parser("key", help="kunci kantor Dinas / the district office's key")
    key.add_argument("--office", default="", help="nama kantor (pertama kali) / office name")
    key.add_argument("--kabupaten", default="", help="nama kabupaten (pertama kali)")
    key.add_argument("--out", type=Path, required=True, help="folder berkas kunci kabupaten")

    reply = sub.add_parser("reply", help="balasan bertanda tangan / signed reply to an e-warong")
    reply.add_argument("code", help="kode e-warong")
    reply.add_argument("--out", type=Path, required=True, help="folder tujuan / folder")
    reply.add_argument("--with-kpm-list", action="store_true", help="sertakan daftar KPM")
    return parser


# argparse speaks English; its common complaints in the officer's language.
_ARGPARSE_ID = (
    ("the following arguments are required:", "argumen ini wajib diisi:"),
    ("unrecognized arguments:", "argumen tidak dikenal:"),
    ("invalid choice:", "pilihan tidak sah:"),
    ("(choose from", "(pilih dari"),
    ("expected one argument", "butuh satu nilai"),
    ("argument ", "argumen "),
)


def _usage_words(message: str, lang: str) -> str:
    if lang == "en":
        return message
    for english, indonesian in _ARGPARSE_ID:
        message = message.replace(english, indonesian)
    return message


def _pick_lang(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "en" if os.environ.get(LANG_ENV, "").lower().startswith("en") else "id"


def _existing(paths: Sequence[Path], lang: str) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(
            say(lang, f"tidak ada: {', '.join(missing)}", f"not found: {', '.join(missing)}")
        )


def _check_database(db: str | None, command: str, lang: str) -> None:
    """A SQLite district database must be where it is named: a typo in `--db` must not make
    a new, empty one. Only `enrol` may start one, and only in a folder that exists (the
    default's folder in the user data folder is created as before)."""
    from ewarong_desktop.district.db import sqlite_target

    target = sqlite_target(db)
    if target is None:  # an SQLAlchemy URL: the server says whether the database exists
        return
    path, origin = target
    if origin and not path.parent.is_dir():
        raise UsageError(
            say(
                lang,
                f"folder database tidak ada: {path.parent} ({origin} {path}). Periksa "
                "ejaan jalurnya.",
                f"the database folder does not exist: {path.parent} ({origin} {path}). "
                "Check the path for a typo.",
            )
        )
    if path.is_dir():
        raise UsageError(
            say(
                lang,
                f"{path} adalah folder, bukan berkas database.",
                f"{path} is a folder, not a database file.",
            )
        )
    if command in ("enrol", "key") or path.exists():
        return
    enrol = "ewarong-district " + (f"--db {path} " if origin == "--db" else "") + "enrol"
    if origin:
        where_id, where_en = f" (dari {origin})", f" (from {origin})"
        start_id = "Periksa ejaan jalurnya, atau mulai"
        start_en = "Check the path for a typo, or to"
    else:
        where_id, where_en, start_id, start_en = "", "", "Mulai", "To"
    raise UsageError(
        say(
            lang,
            f"database kabupaten belum ada: {path}{where_id}. {start_id} database baru "
            f"dengan mendaftarkan e-warong pertama: {enrol} BERKAS.enrol.json --fingerprint SJ",
            f"the district database does not exist yet: {path}{where_en}. {start_en} start "
            f"one, enrol the first e-warong: {enrol} FILE.enrol.json --fingerprint FP",
        )
    )


def cmd_enrol(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.enrolment import enrol, replace_key
    from ewarong_desktop.sync.enrolment import read_enrolment

    _existing([args.file], lang)
    if args.replace and not args.reason:
        raise UsageError(say(lang, "--replace butuh --reason ALASAN", "--replace needs --reason"))
    typed = args.fingerprint
    if typed is None:
        found = read_enrolment(args.file)
        w = found.warong
        print(
            say(
                lang,
                f"Berkas enrolmen {w['code']} ({w['name']}, {w['desa']}), epoch {found.epoch}.\n"
                "Telepon atau temui e-warong dan minta mereka membacakan sidik jari kunci "
                "dari aplikasinya.",
                f"Enrolment file for {w['code']} ({w['name']}, {w['desa']}), epoch "
                f"{found.epoch}.\nCall or visit the e-warong and have them read out the key "
                "fingerprint shown by their app.",
            )
        )
        try:
            typed = input(say(lang, "Sidik jari yang dibacakan: ", "Fingerprint read out: "))
        except EOFError:
            raise UsageError(
                say(
                    lang,
                    "sidik jari tidak diberikan (--fingerprint)",
                    "no fingerprint given (--fingerprint)",
                )
            ) from None
    engine = _open(args)
    if args.replace:
        result = replace_key(engine, args.file, typed, args.reason)
        print(
            say(
                lang,
                f"Kunci {result.code} diganti: epoch {result.epoch}, sidik jari "
                f"{result.fingerprint}. Bundel dari kunci lama tidak diterima lagi.",
                f"Key of {result.code} replaced: epoch {result.epoch}, fingerprint "
                f"{result.fingerprint}. Bundles from the old key are no longer accepted.",
            )
        )
        return OK
    result = enrol(engine, args.file, typed)
    if result.already:
        print(
            say(
                lang,
                f"{result.code} sudah terdaftar dengan kunci ini.",
                f"{result.code} is already enrolled with this key.",
            )
        )
    else:
        print(
            say(
                lang,
                f"Terdaftar: {result.code} ({result.name}), epoch {result.epoch}, sidik jari "
                f"{result.fingerprint}.",
                f"Enrolled: {result.code} ({result.name}), epoch {result.epoch}, fingerprint "
                f"{result.fingerprint}.",
            )
        )
    return OK


def cmd_list(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.enrolment import list_warongs

    rows = list_warongs(_open(args))
    if not rows:
        print(say(lang, "Belum ada e-warong terdaftar.", "No e-warong enrolled yet."))
        return OK
    head = say(
        lang,
        "kode | nama | epoch | seq terakhir | impor terakhir (UTC) | sidik jari",
        "code | name | epoch | last seq | last import (UTC) | fingerprint",
    )
    print(head)
    for r in rows:
        when = r.last_import_at.strftime("%Y-%m-%d %H:%M") if r.last_import_at else "-"
        gap = ""
        if r.highest_seq_seen > r.last_seq:
            gap = say(
                lang, f" (menunggu seq {r.last_seq + 1})", f" (waiting for seq {r.last_seq + 1})"
            )
        print(f"{r.code} | {r.name} | {r.epoch} | {r.last_seq}{gap} | {when} | {r.fingerprint}")
    return OK


def _intake(args: argparse.Namespace, lang: str, paths: Sequence[Path], dry_run: bool) -> int:
    from ewarong_desktop.district.intake import Intake, find_bundles
    from ewarong_desktop.sync.enrolment import looks_like_enrolment

    _existing(paths, lang)
    given = find_bundles(paths)
    enrolments = [f for f in given if looks_like_enrolment(f)]
    for path in enrolments:
        # Called "damaged or forged" by the bundle checks, it would send the office chasing
        # a forger: it is the shop's key, and it has its own command.
        print(
            say(
                lang,
                f"{path}: DITOLAK — ini berkas enrolmen (kunci e-warong), bukan bundel: "
                f"daftarkan dengan `ewarong-district enrol {path}`.",
                f"{path}: REFUSED — this is an enrolment file (an e-warong's key), not a "
                f"bundle: enrol it with `ewarong-district enrol {path}`.",
            )
        )
    files = [f for f in given if f not in enrolments]
    if enrolments and not files:
        return REFUSED
    if not files:
        print(say(lang, "Tidak ada berkas bundel (.ewb) di sana.", "No bundle files (.ewb) there."))
        return OK
    from ewarong_desktop.district.office import key_folder, open_sealed

    folder = key_folder(args.db)
    outcomes = Intake(
        _open(args), dry_run=dry_run, unseal=lambda data: open_sealed(data, folder)
    ).run(files)
    for outcome in outcomes:
        print(outcome.message(lang))
    refused = sum(not o.accepted for o in outcomes) + len(enrolments)
    done = len(outcomes) + len(enrolments) - refused
    if dry_run:
        print(say(lang, f"{done} baik, {refused} ditolak.", f"{done} OK, {refused} refused."))
    else:
        print(
            say(
                lang, f"{done} diterima, {refused} ditolak.", f"{done} accepted, {refused} refused."
            )
        )
    return REFUSED if refused else OK


def cmd_verify(args: argparse.Namespace, lang: str) -> int:
    return _intake(args, lang, args.bundles, dry_run=True)


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    return _intake(args, lang, args.paths, dry_run=False)


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.report import build_report
    from ewarong_desktop.district.report_output import render_text, write_pdf, write_xlsx

    month = None
    if args.month:
        try:
            month = Period.parse(args.month)
        except InvalidInput as exc:
            raise UsageError(exc.message(lang)) from None
    out: Path | None = args.out
    if out is not None and out.suffix.lower() not in (".pdf", ".xlsx"):
        raise UsageError(
            say(lang, "--out harus berakhiran .pdf atau .xlsx", "--out must end in .pdf or .xlsx")
        )
    report = build_report(_open(args), month)
    print(render_text(report, lang))
    if out is not None:
        (write_pdf if out.suffix.lower() == ".pdf" else write_xlsx)(report, out, lang)
        print(say(lang, f"Laporan ditulis: {out}", f"Report written: {out}"))
    return OK


def cmd_rates(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.rates import (
        add_rate,
        describe_rate,
        list_rates,
        past_months_changed,
    )
    from ewarong_desktop.domain.money import parse_rupiah

    if args.rates_command == "add":
        # Both checked before the database is touched: a typo is refused, nothing written.
        amount = parse_rupiah(args.amount)
        valid_from = Period.parse(args.valid_from)
        engine = _open(args)
        changes = past_months_changed(engine, amount, valid_from)
        if changes is not None:
            print(changes.warning(lang))
            if not args.yes:
                print(
                    say(
                        lang,
                        "Tidak ada yang dicatat. Bila benar, ulangi dengan --yes.",
                        "Nothing recorded. If this is right, run it again with --yes.",
                    ),
                    file=sys.stderr,
                )
                return REFUSED
        added = add_rate(engine, amount, valid_from, args.note)
        print(
            say(
                lang,
                f"Besaran bantuan dicatat: {describe_rate(added.rate, lang)}.",
                f"Entitlement rate recorded: {describe_rate(added.rate, lang)}.",
            )
        )
        if added.closed is not None:
            print(
                say(
                    lang,
                    f"Besaran sebelumnya kini: {describe_rate(added.closed, lang)}.",
                    f"The previous rate is now: {describe_rate(added.closed, lang)}.",
                )
            )
        return OK
    rows = list_rates(_open(args))
    if not rows:
        print(
            say(
                lang,
                "Belum ada besaran bantuan: laporan tidak menandai KPM melebihi hak. Tambahkan: "
                "ewarong-district rates add JUMLAH --from TTTT-BB",
                "No entitlement rate yet: the report flags no KPM over entitlement. Add one: "
                "ewarong-district rates add AMOUNT --from YYYY-MM",
            )
        )
        return OK
    for row in rows:
        print(row.describe(lang))
    return OK


def _out_dir(path: Path, lang: str) -> Path:
    if not path.is_dir():
        raise UsageError(say(lang, f"folder tidak ada: {path}", f"no such folder: {path}"))
    return path


def cmd_key(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.office import create_keys, key_folder, write_key_file

    out = _out_dir(args.out, lang)
    keys = create_keys(key_folder(args.db), args.office, args.kabupaten)
    target = write_key_file(keys, out)
    p = keys.public
    print(
        say(
            lang,
            f"Kunci {p.office} ({p.kabupaten}), sidik jari {p.fingerprint}. Berkas: {target}",
            f"Key of {p.office} ({p.kabupaten}), fingerprint {p.fingerprint}. File: {target}",
        )
    )
    return OK


def _month_arg(text: str | None, lang: str) -> str | None:
    if text is None:
        return None
    try:
        return str(Period.parse(text))
    except InvalidInput as exc:
        raise UsageError(exc.message(lang)) from None


def cmd_flags(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.flags import list_flags, parse_flag_id, review_flag

    engine = _open(args)
    if args.flags_command == "review":
        flag = review_flag(engine, parse_flag_id(args.flag_id), args.note, args.officer)
        print(flag.line(lang))
        return OK
    month = _month_arg(args.month, lang)
    rows = list_flags(engine, open_only=args.open, code=args.code, month=month)
    for flag in rows:
        print(flag.line(lang))
    opened = sum(f.is_open for f in rows)
    print(
        say(
            lang,
            f"{len(rows)} tanda, {opened} terbuka. Tutup satu: ewarong-district flags review "
            "ID --note CATATAN",
            f"{len(rows)} flag(s), {opened} open. Close one: ewarong-district flags review ID "
            "--note TEXT",
        )
    )
    return OK


def cmd_reply(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.office import key_folder, load_keys, write_reply

    out = _out_dir(args.out, lang)
    keys = load_keys(key_folder(args.db))
    target, reply = write_reply(_open(args), keys, args.code, out, args.with_kpm_list)
    imported = sum(b.status == "imported" for b in reply.bundles)
    print(
        say(
            lang,
            f"Balasan no. {reply.number} untuk {reply.code}: {imported} bundel diterima. "
            f"Berkas: {target}",
            f"Reply no. {reply.number} to {reply.code}: {imported} bundles received. "
            f"File: {target}",
        )
    )
    return OK


def cmd_history(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.history import record_history

    history = record_history(_open(args), args.code, args.record_id)
    for line in history.lines(lang):
        print(line)
    return OK


def _open(args: argparse.Namespace) -> Engine:
    """The district database for this command; closed when the command ends (`main`)."""
    from ewarong_desktop.district.db import open_engine

    engine = open_engine(args.db)
    args.cleanup.callback(engine.dispose)
    return engine


def _open_window(db: str | None, lang: str) -> int:
    """No subcommand: the district window, on the same database (as `ewarong-desktop`)."""
    try:
        app = importlib.import_module("ewarong_desktop.district_gui.app")
    except ImportError as exc:  # a server without Qt's libraries: the commands still work
        raise UsageError(
            say(
                lang,
                f"Tampilan jendela tidak tersedia ({exc}). Pakai subperintah, mis. "
                "ewarong-district import FOLDER",
                f"The window is not available ({exc}). Use a subcommand, e.g. "
                "ewarong-district import FOLDER",
            )
        ) from None
    return int(app.main(db, lang))


COMMANDS = {
    "key": cmd_key,
    "reply": cmd_reply,
    "enrol": cmd_enrol,
    "list": cmd_list,
    "verify": cmd_verify,
    "import": cmd_import,
    "report": cmd_report,
    "rates": cmd_rates,
    "flags": cmd_flags,
    "history": cmd_history,
    **INDEPENDENCE_COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pick_lang(argv)
    # Names come from files: nothing in them may drive the officer's terminal.
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(out), PrintableStream(err)
    try:
        return _run(argv, lang)
    except BrokenPipeError:
        silence_stdout()  # `report | head -1`: the reader has what it wanted
        return OK
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: list[str], lang: str) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.lang:
            lang = args.lang
        if args.command is None:
            _check_database(args.db, "enrol", lang)  # the window may enrol the first one
            return _open_window(args.db, lang)
        _check_database(args.db, args.command, lang)
        with ExitStack() as args.cleanup:
            return COMMANDS[args.command](args, lang)
    except UsageError as exc:
        print(f"ewarong-district: {_usage_words(str(exc), lang)}", file=sys.stderr)
        print(
            say(lang, "Lihat: ewarong-district --help", "See: ewarong-district --help"),
            file=sys.stderr,
        )
        return USAGE
    except EwarongError as exc:
        print(exc.message(lang), file=sys.stderr)
        return REFUSED
    except KeyboardInterrupt:
        print(say(lang, "Dibatalkan.", "Cancelled."), file=sys.stderr)
        return REFUSED
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: say so plainly, never a traceback for an officer
        print(
            say(
                lang,
                f"Kesalahan tak terduga (bug): {type(exc).__name__}: {exc}. "
                "Laporkan ke pengembang.",
                f"Unexpected error (a bug): {type(exc).__name__}: {exc}. Please report it.",
            ),
            file=sys.stderr,
        )
        return REFUSED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
