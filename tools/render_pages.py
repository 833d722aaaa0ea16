"""Write every printed document and the first page of each as PNG, for a person to look at.

Run: `.venv/bin/python tools/render_pages.py [OUT_DIR] [--data-dir DIR --period YYYY-MM]`

Without a store it uses the made-up documents of `reports.samples` (long names, a voided
receipt, Indonesian and English); with `--data-dir` it also prints the given month of that
store (statements, report, and a receipt of the month's first redemption). Needs `pdftoppm`
(poppler-utils). Output goes to `test-artifacts/pages/` unless told otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from ewarong_desktop.reports import (
    write_monthly_report,
    write_monthly_workbook,
    write_receipt,
    write_statements,
)
from ewarong_desktop.reports.samples import (
    sample_monthly_report,
    sample_receipt,
    sample_statements,
)

ROOT = Path(__file__).resolve().parents[1]


def png(pdf: Path, dpi: int) -> Path:
    stem = pdf.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return stem.with_suffix(".png")


def samples(out: Path) -> list[Path]:
    made = []
    for lang in ("id", "en"):
        for width in ("58", "80", "a5"):
            for voided in (False, True):
                name = f"sample-receipt-{width}{'-voided' if voided else ''}-{lang}.pdf"
                write_receipt(
                    sample_receipt(voided=voided, long_name=not voided),
                    out / name,
                    width=width,
                    lang=lang,
                )
                made.append(out / name)
        write_statements(sample_statements(), out / f"sample-statements-{lang}.pdf", lang=lang)
        write_monthly_report(sample_monthly_report(), out / f"sample-report-{lang}.pdf", lang=lang)
        made += [out / f"sample-statements-{lang}.pdf", out / f"sample-report-{lang}.pdf"]
    write_monthly_workbook(sample_monthly_report(), out / "sample-report.xlsx")
    return made


def from_store(out: Path, data_dir: Path, period_text: str) -> list[Path]:
    from sqlalchemy import select

    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.services.context import ServiceContext
    from ewarong_desktop.services.documents import (
        monthly_report_data,
        receipt_data,
        statements_data,
    )
    from ewarong_desktop.store.models import Redemption

    period = Period.parse(period_text)
    ctx = ServiceContext.open(data_dir)
    try:
        write_statements(statements_data(ctx, period), out / f"store-statements-{period}.pdf")
        write_monthly_report(monthly_report_data(ctx, period), out / f"store-report-{period}.pdf")
        made = [out / f"store-statements-{period}.pdf", out / f"store-report-{period}.pdf"]
        with ctx.reading() as session:
            first = session.scalars(
                select(Redemption.id).where(Redemption.period == str(period)).limit(1)
            ).first()
        if first:
            write_receipt(receipt_data(ctx, first), out / f"store-receipt-{period}.pdf")
            made.append(out / f"store-receipt-{period}.pdf")
        return made
    finally:
        ctx.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "test-artifacts" / "pages"))
    parser.add_argument("--data-dir")
    parser.add_argument("--period")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils)", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    made = samples(out)
    if args.data_dir:
        made += from_store(out, Path(args.data_dir), args.period or "")
    for pdf in made:
        print(png(pdf, args.dpi))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
