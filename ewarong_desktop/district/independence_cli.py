"""`ewarong-district target` and `suppliers`: the independence commands, registered by `cli`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import say


def register_independence(sub: Any) -> None:
    target = sub.add_parser("target", help="target porsi sumber sendiri / own-source target")
    target.add_argument("percent", nargs="?", help="persen, mis. 60 / percent, e.g. 60")
    target.add_argument("--from", dest="valid_from", help="TTTT-BB / YYYY-MM")
    target.add_argument("--note", help="catatan, mis. nomor surat / note, e.g. the letter")
    suppliers = sub.add_parser("suppliers", help="pemasok pihak ketiga / third-party suppliers")
    suppliers.add_argument("--month", help="TTTT-BB / YYYY-MM (bawaan: semua bulan)")
    suppliers.add_argument("--out", type=Path, help="F.pdf atau F.xlsx")


def _open(args: argparse.Namespace) -> Any:
    """The district database, closed when the command ends (`cli.main`'s `args.cleanup`)."""
    from ewarong_desktop.district.cli import _open as open_for_command

    return open_for_command(args)


def _usage(message: str) -> Exception:
    from ewarong_desktop.district.cli import UsageError

    return UsageError(message)


def _percent(text: str, lang: str) -> int:
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned.isdigit():
        raise InvalidInput(
            f"'{text}' bukan persen bulat 1 sampai 100.", f"'{text}' is not a whole percent 1-100."
        )
    return int(cleaned)


def _month(text: str, lang: str) -> Period:
    try:
        return Period.parse(text)
    except InvalidInput as exc:
        raise _usage(exc.message(lang)) from None


def cmd_target(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.target import list_targets, set_target

    if args.percent is not None:
        if not args.valid_from:
            raise _usage(say(lang, "target butuh --from TTTT-BB", "target needs --from YYYY-MM"))
        percent, valid_from = _percent(args.percent, lang), _month(args.valid_from, lang)
        saved = set_target(_open(args), percent, valid_from, args.note)
        print(
            say(
                lang,
                f"Target porsi sumber sendiri dicatat: {saved.describe(lang)}.",
                f"Own-source target recorded: {saved.describe(lang)}.",
            )
        )
        return 0
    if args.valid_from:
        raise _usage(say(lang, "--from butuh PERSEN", "--from needs PERCENT"))
    rows = list_targets(_open(args))
    if not rows:
        print(
            say(
                lang,
                "Belum ada target. Tetapkan: ewarong-district target PERSEN --from TTTT-BB",
                "No target yet. Set one: ewarong-district target PERCENT --from YYYY-MM",
            )
        )
    for row in rows:
        print(row.describe(lang))
    return 0


def cmd_suppliers(args: argparse.Namespace, lang: str) -> int:
    from ewarong_desktop.district.db import reading
    from ewarong_desktop.district.suppliers import supplier_report
    from ewarong_desktop.district.suppliers_output import render_text, write_pdf, write_xlsx

    month = _month(args.month, lang) if args.month else None
    out: Path | None = args.out
    if out is not None and out.suffix.lower() not in (".pdf", ".xlsx"):
        raise _usage(
            say(lang, "--out harus berakhiran .pdf atau .xlsx", "--out must end in .pdf or .xlsx")
        )
    with reading(_open(args)) as conn:
        report = supplier_report(conn, month)
    print(render_text(report, lang))
    if out is not None:
        (write_pdf if out.suffix.lower() == ".pdf" else write_xlsx)(report, out, lang)
        print(say(lang, f"Laporan ditulis: {out}", f"Report written: {out}"))
    return 0


INDEPENDENCE_COMMANDS = {"target": cmd_target, "suppliers": cmd_suppliers}
