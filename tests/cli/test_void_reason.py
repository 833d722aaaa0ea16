"""#18 point 5: a void's reason has a length limit (one rule for the window and the shell),
and a long reason wraps on the receipt instead of running off it."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from ewarong_desktop.cli import main
from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.rules import MAX_VOID_REASON, void_reason
from ewarong_desktop.reports import write_receipt
from ewarong_desktop.reports.fonts import FONT, register_fonts, text_width
from ewarong_desktop.reports.receipt import PAPERS, wrap_lines
from ewarong_desktop.reports.samples import sample_receipt
from tests.cli.conftest import act_as
from tests.conftest import make_shop
from tests.reports.pdfcheck import page_lines, page_texts

LONG = ("Salah input jumlah beras karena timbangan rusak " * 120).strip()  # ~5,800 letters


def test_the_rule_itself_collapses_spaces_and_stops_at_the_limit() -> None:
    assert void_reason("  Salah   input ") == "Salah input"
    assert void_reason("x" * MAX_VOID_REASON) == "x" * MAX_VOID_REASON
    with pytest.raises(InvalidInput) as refused:
        void_reason("x" * (MAX_VOID_REASON + 1))
    assert f"paling banyak {MAX_VOID_REASON}" in refused.value.id_text
    assert f"at most {MAX_VOID_REASON}" in refused.value.en_text
    with pytest.raises(InvalidInput):
        void_reason("   ")


def test_a_5000_letter_reason_is_refused_in_one_line_and_nothing_is_voided(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = make_shop(tmp_path / "data")
    shop.ctx.close()
    act_as(monkeypatch, "admin", "123456")
    data = ["--data-dir", str(shop.data_dir)]
    assert main([*data, "redeem", "--kks", "6013010012345678", "--item", "BRS:1"]) == 0
    rid = capsys.readouterr().out.split()[0]
    for lang, words in (("id", "terlalu panjang"), ("en", "too long")):
        assert main([*data, "--lang", lang, "void", rid, "--reason", LONG]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and words in err and LONG[:300] not in err
    assert main([*data, "redemptions", "--kpm", "6013010012345678"]) == 0
    assert capsys.readouterr().out.split()[-1] == "selesai"  # still as it was
    assert main([*data, "void", rid, "--reason", "x" * MAX_VOID_REASON]) == 0


def test_the_other_voids_share_the_rule(tmp_path: Path) -> None:
    from ewarong_desktop.services import fund, purchases

    shop = make_shop(tmp_path / "data")
    bought = purchases.list_purchases(shop.ctx)[0]
    with pytest.raises(InvalidInput, match="too long"):
        purchases.void_purchase(shop.ctx, bought.id, LONG)
    with pytest.raises(InvalidInput, match="too long"):
        fund.void_entry(shop.ctx, "whatever", LONG)
    shop.ctx.close()


@pytest.mark.parametrize("width", sorted(PAPERS))
def test_a_long_reason_wraps_within_the_paper_and_is_cut_with_an_ellipsis(width: str) -> None:
    register_fonts()
    data = dataclasses.replace(sample_receipt(voided=True), void_reason=LONG)
    out = BytesIO()
    write_receipt(data, out, width=width)
    reader = PdfReader(BytesIO(out.getvalue()))
    assert len(reader.pages) == 1
    lines = page_lines(page_texts(out.getvalue())[0])
    reason = lines[lines.index("Alasan batal:") + 1 : lines.index("BATAL", len(lines) - 2)]
    assert reason[0].startswith("Salah input") and reason[-1].endswith("…")
    assert len(reason) == (2 if width == "a5" else 4)  # a sheet has room for fewer
    paper = PAPERS[width]
    column = paper.page_width - 2 * paper.margin
    for line in wrap_lines(LONG, FONT, paper.size, column, 4):
        assert text_width(line, FONT, paper.size) <= column  # drawn at full size, within
