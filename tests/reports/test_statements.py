import dataclasses
from io import BytesIO

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.reports import write_statements
from ewarong_desktop.reports.samples import LONG_NAME, sample_statements
from ewarong_desktop.reports.statements import sort_statements
from tests.reports.pdfcheck import (
    embedded_fonts,
    has_run,
    page_lines,
    page_texts,
    render_first_page,
)


def _pdf(data, **kwargs) -> tuple[bytes, int]:
    out = BytesIO()
    pages = write_statements(data, out, **kwargs)
    return out.getvalue(), pages


def test_one_page_per_kpm_sorted_by_desa_then_name():
    data = sample_statements(count=12)
    pdf, pages = _pdf(data)
    render_first_page(pdf, "statements")
    texts = page_texts(pdf)
    assert pages == len(texts) == 12
    expected = sort_statements(data.statements)
    for text, statement in zip(texts, expected, strict=True):
        lines = page_lines(text)
        assert statement.kpm_name in lines
        assert statement.desa in text
    keys = [(s.desa.casefold(), s.kpm_name.casefold()) for s in expected]
    assert keys == sorted(keys)


def test_every_item_and_the_totals_against_entitlement():
    data = sample_statements(count=12)
    pdf, _ = _pdf(data)
    by_name = {}
    for text in page_texts(pdf):
        for statement in data.statements:
            if statement.kpm_name in page_lines(text):
                by_name[statement.kpm_name] = text
    for statement in data.statements:
        text = by_name[statement.kpm_name]
        lines = page_lines(text)
        for item in statement.items:
            assert item.product in text
            assert format_rupiah(item.total) in text
            assert item.receipt_code in text
        assert has_run(lines, "Hak bantuan Mei 2020", format_rupiah(statement.entitlement))
        assert has_run(lines, "Diterima", format_rupiah(statement.received))
        assert has_run(lines, "Sisa", format_rupiah(statement.remaining))
        assert "cap jempol" in text
        assert statement.kks_number not in text and statement.nik not in text


def test_a_kpm_with_nothing_received_still_gets_a_page():
    data = sample_statements(count=12)
    empty = dataclasses.replace(data.statements[3], items=())
    pdf, _ = _pdf(dataclasses.replace(data, statements=(empty,)))
    (text,) = page_texts(pdf)
    assert "Belum ada barang yang diterima" in text
    assert has_run(page_lines(text), "Sisa", format_rupiah(empty.entitlement))


def test_many_items_continue_on_a_second_page_and_sign_once():
    data = sample_statements(count=12)
    statement = next(s for s in data.statements if s.kpm_name == LONG_NAME)
    many = dataclasses.replace(statement, items=statement.items * 20)
    pdf, pages = _pdf(dataclasses.replace(data, statements=(many,)))
    texts = page_texts(pdf)
    assert pages == len(texts) == 2
    assert LONG_NAME in page_lines(texts[0])
    assert f"{LONG_NAME} (lanjutan)" in page_lines(texts[1])
    assert "cap jempol" not in texts[0] and "cap jempol" in texts[1]
    assert str(len(many.items)) in page_lines(texts[1])  # the numbering carries on
    assert "Halaman 2 dari 2" in texts[1]


def test_long_name_is_one_line_and_font_is_embedded():
    data = sample_statements(count=3)
    pdf, _ = _pdf(data)
    assert any(LONG_NAME in page_lines(text) for text in page_texts(pdf))
    assert {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"} >= embedded_fonts(pdf)


def test_english_statements():
    pdf, _ = _pdf(sample_statements(count=2), lang="en")
    text = page_texts(pdf)[0]
    assert "MONTHLY FOOD AID STATEMENT" in text and "Period: May 2020" in text


def test_two_to_a_sheet_hold_the_same_text_on_a5_halves():
    from math import ceil

    from pypdf import PdfReader

    data = sample_statements(count=7)
    one, pages = _pdf(data)
    two, sheets = _pdf(data, per_sheet=2)
    assert sheets == ceil(pages / 2) == 4
    render_first_page(two, "statements-two-up")
    cut = "✂ gunting di sini"
    one_lines = [line for text in page_texts(one) for line in page_lines(text)]
    two_texts = page_texts(two)
    assert all(page_lines(text)[-1] == cut for text in two_texts)
    two_lines = [line for text in two_texts for line in page_lines(text) if line != cut]
    assert two_lines == one_lines
    reader = PdfReader(BytesIO(two))
    for page in reader.pages:  # A4 landscape, to be cut into two A5 portrait halves
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            842,
            595,
        )
    # Page 1 on the left half, page 2 on the right; the odd last page alone on the left.
    where = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.startswith("Halaman "):
            where[text.strip()] = cm[4] + tm[4] * cm[0]

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert where["Halaman 1 dari 7"] < 421 < where["Halaman 2 dari 7"] < 842
    assert where["Halaman 7 dari 7"] < 421


def test_statements_per_sheet_is_one_or_two():
    import pytest

    with pytest.raises(ValueError):
        _pdf(sample_statements(count=1), per_sheet=3)
