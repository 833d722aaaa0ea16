import dataclasses
from io import BytesIO

import pytest
from pypdf import PdfReader

from ewarong_desktop.reports import write_receipt
from ewarong_desktop.reports.fonts import FONT, register_fonts, text_width
from ewarong_desktop.reports.receipt import PAPERS, fit_line
from ewarong_desktop.reports.samples import LONG_NAME, sample_receipt
from tests.reports.pdfcheck import embedded_fonts, page_lines, page_texts, render_first_page


def _pdf(data, **kwargs) -> bytes:
    out = BytesIO()
    write_receipt(data, out, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize("width", ["58", "80", "a5"])
def test_receipt_says_who_what_and_how_much(width):
    data = sample_receipt()
    pdf = _pdf(data, width=width)
    render_first_page(pdf, f"receipt-{width}")
    (text,) = page_texts(pdf)
    lines = page_lines(text)
    for expected in (
        "E-Warong KUBE Sejahtera Makmur",
        "LTM-SKP-01",
        "6 Mei 2020 09:41",
        "Mei 2020",
        "Sumarni Wulandari",
        "Beras medium",
        "Rp115.000",
        "Rp165.000",  # total
        "Rp200.000",  # entitlement
        "Rp35.000",  # remaining
        "Budi Santoso",
        "000123456789",
        data.verification_code,
    ):
        assert expected in text, expected
    assert "Sumarni Wulandari" in lines
    assert any(line.startswith("10 kg x Rp11.500") for line in lines)
    assert any("1,5 kg x Rp26.000" in line for line in lines)
    assert "BATAL" not in text


@pytest.mark.parametrize("width", ["58", "80", "a5"])
def test_receipt_shows_only_the_last_four_digits(width):
    data = sample_receipt()
    (text,) = page_texts(_pdf(data, width=width))
    assert data.kks_number not in text and data.nik not in text
    assert "************7890" in text and "************0003" in text
    assert data.nik[:12] not in text.replace("*", "")


def test_thermal_receipt_is_as_wide_as_the_roll_and_one_page():
    for width, roll_mm in (("58", 58), ("80", 80)):
        reader = PdfReader(BytesIO(_pdf(sample_receipt(), width=width)))
        assert len(reader.pages) == 1
        assert float(reader.pages[0].mediabox.width) == pytest.approx(roll_mm * 72 / 25.4)


def test_a5_receipt_fits_one_sheet_even_voided():
    assert len(PdfReader(BytesIO(_pdf(sample_receipt(voided=True), width="a5"))).pages) == 1


@pytest.mark.parametrize("width", ["58", "80", "a5"])
def test_long_name_stays_on_one_line(width):
    pdf = _pdf(sample_receipt(long_name=True), width=width)
    render_first_page(pdf, f"receipt-{width}-long-name")
    (text,) = page_texts(pdf)
    assert LONG_NAME in page_lines(text)


@pytest.mark.parametrize("width", ["58", "80", "a5"])
def test_voided_receipt_says_batal_and_why(width):
    pdf = _pdf(sample_receipt(voided=True), width=width)
    render_first_page(pdf, f"receipt-{width}-voided")
    (text,) = page_texts(pdf)
    assert text.count("BATAL") >= 2
    assert "Salah input jumlah beras" in text
    assert "tidak berlaku" in text


def test_english_receipt():
    (text,) = page_texts(_pdf(sample_receipt(voided=True), lang="en"))
    assert "FOOD AID RECEIPT" in text and "6 May 2020 09:41" in text
    assert "Remaining" in text and "BATAL" in text


def test_names_with_any_letters_print_in_the_embedded_font():
    data = dataclasses.replace(sample_receipt(), kpm_name="Ñoman Çakra Đỗ Şükrü Ōtsuka")
    pdf = _pdf(data, width="58")
    assert "Ñoman Çakra Đỗ Şükrü Ōtsuka" in page_texts(pdf)[0]
    fonts = embedded_fonts(pdf)
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts


def test_unknown_width_is_refused():
    with pytest.raises(ValueError):
        _pdf(sample_receipt(), width="110")


def test_paper_widths_are_the_three_offered():
    assert set(PAPERS) == {"58", "80", "a5"}


@pytest.mark.parametrize(
    ("left", "right"),
    [("Operator", "Budi"), ("Operator", LONG_NAME), (LONG_NAME, ""), (LONG_NAME * 2, "Rp1.000")],
)
def test_a_line_fits_its_width_or_keeps_its_size(left, right):
    register_fonts()
    width = 48 * 72 / 25.4  # a 58 mm roll's printable width
    size, squeeze = fit_line(left, right, FONT, 7.5, width)
    drawn = (text_width(left, FONT, size) + text_width(right, FONT, size)) * squeeze
    gap = 7.5 if right else 0
    assert drawn + gap <= width
    if text_width(left, FONT, 7.5) + text_width(right, FONT, 7.5) + gap < width:
        assert (size, squeeze) == (7.5, 1.0)
    else:
        assert squeeze >= 0.75
