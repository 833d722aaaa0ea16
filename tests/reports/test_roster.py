"""The monthly roster (daftar tanda terima): every KPM's line, every page's totals, the paper."""

from __future__ import annotations

import dataclasses
import random
from io import BytesIO

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.reports import write_roster
from ewarong_desktop.reports.data import KpmStatement, StatementsData
from ewarong_desktop.reports.fonts import FONT_BOLD
from ewarong_desktop.reports.roster import COLUMNS, SIDE
from ewarong_desktop.reports.samples import LONG_NAME, sample_statements
from tests.reports.pdfcheck import page_texts, render_first_page
from tests.reports.rostercheck import expected_line, read_roster

# Address texts as lists write them, with the RT and RW each one names.
ADDRESSES = (
    ("RT {rt:02d}/RW {rw:02d}", True, True),
    ("Dusun Krajan RT {rt:03d}/{rw:03d}", True, True),
    ("rt.{rt} rw.{rw}", True, True),
    ("Jl. Mawar RW {rw}", False, True),
    ("", False, False),
)


def _with_places(data: StatementsData, seed: int = 3) -> tuple[StatementsData, list[str]]:
    """Give every KPM an address; returns the data and what each line's place should read."""
    rng = random.Random(seed)
    statements, places = [], []
    for statement in data.statements:
        template, has_rt, has_rw = rng.choice(ADDRESSES)
        rt, rw = rng.randint(1, 12), rng.randint(1, 4)
        label = "/".join([f"RT {rt:02d}"] * has_rt + [f"RW {rw:02d}"] * has_rw)
        statements.append(dataclasses.replace(statement, address=template.format(rt=rt, rw=rw)))
        places.append(f"{statement.desa} · {label}" if label else statement.desa)
    return dataclasses.replace(data, statements=tuple(statements)), places


def _sort_key(statement: KpmStatement, place: str) -> tuple:
    label = place.split(" · ")[1] if " · " in place else ""
    numbers = dict(part.split(" ") for part in label.split("/")) if label else {}
    return (
        statement.desa.casefold(),
        int(numbers.get("RW", 10_000)),
        int(numbers.get("RT", 10_000)),
        statement.kpm_name.casefold(),
    )


def _pdf(data: StatementsData, **kwargs) -> tuple[bytes, int]:
    out = BytesIO()
    pages = write_roster(data, out, **kwargs)
    return out.getvalue(), pages


def _month(count: int, unserved_every: int = 6) -> tuple[StatementsData, list[str]]:
    data = sample_statements(count)
    # Some KPMs not served at all this month, on top of those the sample leaves empty.
    statements = tuple(
        dataclasses.replace(s, items=()) if i % unserved_every == 3 else s
        for i, s in enumerate(data.statements)
    )
    return _with_places(dataclasses.replace(data, statements=statements))


def test_every_kpm_line_says_what_the_month_gave_in_roster_order():
    data, places = _month(40)
    pdf, pages = _pdf(data, ketua="Hj. Sumiati", tksk="Agus Setiawan, S.Sos.")
    render_first_page(pdf, "roster")
    texts = page_texts(pdf)
    assert pages == len(texts) == 3
    roster = read_roster(texts)
    printed = [line for page in roster for line in page.lines]
    assert [no for no, _ in printed] == list(range(1, 41))
    order = sorted(zip(data.statements, places, strict=True), key=lambda pair: _sort_key(*pair))
    for (_no, text), (statement, place) in zip(printed, order, strict=True):
        assert text == expected_line(statement, place)
    # Unserved KPMs are on the list, marked; served ones are not.
    unserved = [s for s in data.statements if not s.items]
    assert len(unserved) >= 5
    assert sum("BELUM DILAYANI" in text for _, text in printed) == len(unserved)
    # Full ids never appear: only masked.
    for statement in data.statements:
        assert statement.kks_number not in pdf.decode("latin-1")
        assert all(statement.nik not in text for text in texts)


def test_every_page_totals_carry_forward_to_the_grand_total():
    data, places = _month(40)
    pdf, _ = _pdf(data)
    roster = read_roster(page_texts(pdf))
    order = sorted(zip(data.statements, places, strict=True), key=lambda pair: _sort_key(*pair))
    by_line = {no: statement for no, (statement, _) in enumerate(order, 1)}
    entitled = received = 0
    for page in roster:
        if page.number == 1:
            assert page.carried is None
        else:
            assert page.carried == (format_rupiah(entitled), format_rupiah(received))
        on_page = [by_line[no] for no, _ in page.lines]
        page_entitled = sum(s.entitlement for s in on_page)
        page_received = sum(s.received for s in on_page)
        assert page.page_total == (format_rupiah(page_entitled), format_rupiah(page_received))
        entitled += page_entitled
        received += page_received
        assert page.running_total == (format_rupiah(entitled), format_rupiah(received))
        last = page.number == len(roster)
        assert page.running_label == ("JUMLAH SELURUHNYA" if last else "Jumlah s.d. halaman ini")
    assert entitled == sum(s.entitlement for s in data.statements)
    assert received == sum(s.received for s in data.statements)
    served = sum(1 for s in data.statements if s.items)
    closing = roster[-1].rest
    assert closing[0] == f"40 KPM: {served} sudah dilayani, {40 - served} belum dilayani"
    # The monthly report's signature block, on the last page only.
    assert "Mengetahui," in closing and "Ketua e-warong" in closing
    assert all("Mengetahui," not in page.rest for page in roster[:-1])


def test_a_thousand_kpms_fit_in_67_pages_of_at_least_15_lines():
    data = sample_statements(1000)
    pdf, pages = _pdf(data)
    roster = read_roster(page_texts(pdf))
    assert pages == len(roster) <= 67
    assert all(len(page.lines) >= 15 for page in roster[:-1])
    assert sum(len(page.lines) for page in roster) == 1000
    assert roster[-1].running_total[1] == format_rupiah(sum(s.received for s in data.statements))
    reader = PdfReader(BytesIO(pdf))
    assert {round(float(p.mediabox.height)) for p in reader.pages} == {842}  # A4 portrait


def _drawn(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, x, font size) of every string drawn, in order."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], font_size * tm[0] * cm[0]))

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_names_stay_inside_their_own_box_long_ones_on_two_lines():
    data, _ = _month(12)
    pdf, _ = _pdf(data)
    drawn = _drawn(pdf)
    name_column = (SIDE + COLUMNS[0][1], SIDE + COLUMNS[0][1] + COLUMNS[1][1])
    for statement in data.statements:
        name = statement.kpm_name
        parts = next(
            drawn[i : i + n]
            for n in (1, 2)
            for i in range(len(drawn) - n + 1)
            if " ".join(text for text, _, _ in drawn[i : i + n]) == name
        )
        assert len(parts) == (2 if name == LONG_NAME else 1)
        for text, x, size in parts:
            assert name_column[0] < x
            assert x + stringWidth(text, FONT_BOLD, size) <= name_column[1]
            assert size >= 5  # smaller where it must be, still legible


def test_english_and_an_empty_month():
    data, _ = _month(3)
    pdf, _ = _pdf(data, lang="en")
    (text,) = page_texts(pdf)
    assert "FOOD AID RECEIPT ROSTER" in text and "GRAND TOTAL" in text
    empty = dataclasses.replace(data, statements=())
    pdf, pages = _pdf(empty)
    (text,) = page_texts(pdf)
    assert pages == 1 and "Tidak ada KPM untuk bulan ini." in text
    assert "JUMLAH SELURUHNYA" in text and "Mengetahui," in text
