"""The documents' data and PDFs carry the same figures as the services, on a demo store."""

from io import BytesIO

import pytest

from ewarong_desktop.domain.errors import NotFound
from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.share import format_share, own_share
from ewarong_desktop.reports import write_monthly_report, write_receipt, write_statements
from ewarong_desktop.reports.verification import code_for_record
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.documents import (
    monthly_report_data,
    receipt_data,
    statements_data,
)
from ewarong_desktop.services.monthly import monthly_figures
from ewarong_desktop.services.sync_source import bundle_snapshot
from tests.reports import demo_store
from tests.reports.demo_store import JULY, JUNE
from tests.reports.pdfcheck import has_run, page_lines, page_texts, render_first_page


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    voided, late = demo_store.copy(data_dir)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    yield ctx, voided, late
    ctx.close()


def _pdf(write, data, **kwargs) -> bytes:
    out = BytesIO()
    write(data, out, **kwargs)
    return out.getvalue()


def test_report_data_equals_the_monthly_figures(store):
    ctx, _, _ = store
    for period in (JUNE, JULY):
        figures = monthly_figures(ctx, period)
        data = monthly_report_data(ctx, period)
        assert data.kpm_registered == figures.kpm_registered
        assert data.kpm_served == figures.kpm_served
        assert data.kpm_not_served == figures.kpm_not_served == len(data.not_served)
        assert data.redemptions_count == figures.redemptions_count
        assert data.redemptions_value == figures.redemptions_total_rupiah
        assert data.voided_count == figures.voided_count
        assert data.own_value == figures.purchases_own_rupiah
        assert data.third_party_value == figures.purchases_third_party_rupiah
        assert data.received_own == figures.received_own_rupiah
        assert data.received_third_party == figures.received_third_party_rupiah
        assert data.received_unknown == figures.received_unknown_rupiah
        assert [
            (s.product, s.opening, s.received, s.issued, s.adjusted, s.closing) for s in data.stock
        ] == [
            (s.name, s.opening, s.purchased, s.redeemed, s.adjusted, s.closing)
            for s in figures.stock
        ]


def test_a_month_counts_redemptions_by_period(store):
    ctx, _, late = store
    june = monthly_report_data(ctx, JUNE)
    assert june.voided_count >= 1
    july = monthly_report_data(ctx, JULY)
    # The late June redemption, paid on 18 July, is June's; July's served count stays July's.
    june_statement = next(
        s for s in statements_data(ctx, JUNE).statements if s.kpm_name == late.beneficiary_name
    )
    assert any(
        item.day.month == 7 and item.total == late.total_rupiah for item in june_statement.items
    )
    assert july.kpm_served < july.kpm_registered


def test_trend_is_six_months_of_the_same_purchase_figures(store):
    ctx, _, _ = store
    data = monthly_report_data(ctx, JULY)
    assert [p.period for p in data.trend] == [JULY.shift(-i) for i in range(5, -1, -1)]
    for point in data.trend:
        figures = monthly_figures(ctx, point.period)
        assert point.own_value == figures.purchases_own_rupiah
        assert point.third_party_value == figures.purchases_third_party_rupiah


def test_report_pdf_shows_the_services_figures(store):
    ctx, _, _ = store
    figures = monthly_figures(ctx, JUNE)
    data = monthly_report_data(ctx, JUNE, ketua="Hj. Sumiati", tksk="Agus Setiawan")
    pdf = _pdf(write_monthly_report, data)
    render_first_page(pdf, "demo-monthly-report")
    lines = page_lines("\n".join(page_texts(pdf)))
    assert has_run(lines, "KPM terdaftar", str(figures.kpm_registered))
    assert has_run(lines, "KPM sudah dilayani", str(figures.kpm_served))
    assert has_run(lines, "KPM belum dilayani", str(figures.kpm_not_served))
    assert has_run(lines, "Jumlah transaksi", str(figures.redemptions_count))
    assert has_run(lines, "Nilai transaksi", format_rupiah(figures.redemptions_total_rupiah))
    assert has_run(lines, "Transaksi dibatalkan", str(figures.voided_count))
    own, third = figures.purchases_own_rupiah, figures.purchases_third_party_rupiah
    assert format_rupiah(own) in lines and format_rupiah(third) in lines
    assert has_run(lines, "Porsi sumber sendiri", format_share(own_share(own, third)))
    for row in data.stock:
        assert row.product in lines
    assert "Hj. Sumiati" in lines and "Agus Setiawan" in lines


def test_statements_cover_every_kpm_and_add_up_to_the_month(store):
    ctx, voided, late = store
    figures = monthly_figures(ctx, JUNE)
    data = statements_data(ctx, JUNE)
    pdf = _pdf(write_statements, data)
    render_first_page(pdf, "demo-statements")
    texts = page_texts(pdf)
    assert len(texts) == len(data.statements) >= figures.kpm_registered
    received = 0
    names_in_order = []
    for text, statement in zip(texts, data.statements, strict=True):
        lines = page_lines(text)  # page N is statement N (two KPMs may share a name)
        assert statement.kpm_name in lines and statement.desa in text
        names_in_order.append((statement.desa, statement.kpm_name))
        index = lines.index("Diterima")
        received += int(lines[index + 1].removeprefix("Rp").replace(".", ""))
    assert received == figures.redemptions_total_rupiah
    assert names_in_order == sorted(
        names_in_order, key=lambda k: (k[0].casefold(), k[1].casefold())
    )
    # The voided redemption's receipt code is on no statement; the late one's is.
    all_text = "\n".join(texts)
    assert receipt_data(ctx, voided.id).verification_code not in all_text
    assert receipt_data(ctx, late.id).verification_code in all_text


def test_receipt_code_matches_the_bundle_record(store):
    ctx, voided, late = store
    records = {r["id"]: r for r in bundle_snapshot(ctx.db, 0).tables["redemptions"]}
    for redemption in (voided, late):
        data = receipt_data(ctx, redemption.id)
        assert data.verification_code == code_for_record(records[redemption.id])


def test_receipt_pdf_for_a_late_redemption(store):
    ctx, _, late = store
    data = receipt_data(ctx, late.id[:8])
    assert data.redemption_id == late.id
    assert data.served_at.month == 7 and data.period == JUNE
    assert data.remaining == data.entitlement - data.spent
    pdf = _pdf(write_receipt, data, width="80")
    render_first_page(pdf, "demo-receipt-80")
    (text,) = page_texts(pdf)
    lines = page_lines(text)
    assert late.beneficiary_name in lines
    assert has_run(lines, "Periode", "Juni 2020")
    assert format_rupiah(late.total_rupiah) in lines
    assert has_run(lines, "Sisa", format_rupiah(data.remaining))
    assert late.kks_number not in text and late.kks_number[-4:] in text
    assert "BATAL" not in text


def test_voided_receipt_prints_batal_with_the_reversal(store):
    ctx, voided, _ = store
    data = receipt_data(ctx, voided.id)
    assert data.voided and data.void_reason == "Salah input jumlah"
    pdf = _pdf(write_receipt, data, width="58")
    render_first_page(pdf, "demo-receipt-58-voided")
    (text,) = page_texts(pdf)
    assert text.count("BATAL") >= 2 and "REV-TEST-1" in text


def test_roster_lines_and_totals_are_the_months_figures(store, tmp_path):
    from ewarong_desktop.services.documents import write_roster_to
    from tests.reports.rostercheck import expected_line, read_roster

    ctx, voided, late = store
    out = BytesIO()
    data, pages = write_roster_to(ctx, JUNE, out, ketua="Hj. Sumiati")
    roster = read_roster(page_texts(out.getvalue()))
    assert pages == len(roster)
    figures = monthly_figures(ctx, JUNE)
    lines = [text for page in roster for _, text in page.lines]
    # The month's whole list: every registered KPM, served or not.
    assert len(lines) == figures.kpm_registered == len(data.statements)
    assert sum("BELUM DILAYANI" in text for text in lines) == figures.kpm_not_served
    grand = roster[-1]
    assert grand.running_label == "JUMLAH SELURUHNYA"
    assert grand.running_total == (
        format_rupiah(figures.entitlement_total_rupiah),
        format_rupiah(figures.redemptions_total_rupiah),
    )
    assert "Hj. Sumiati" in grand.rest
    # Every KPM's line is its statement's, word for word (demo addresses are `RT nn`).
    assert all(s.address.startswith("RT ") for s in data.statements)
    expected = [expected_line(s, f"{s.desa} · {s.address}") for s in data.statements]
    assert sorted(lines) == sorted(expected)
    text = " ".join(lines)
    assert receipt_data(ctx, voided.id).verification_code not in text
    assert receipt_data(ctx, late.id).verification_code in text  # June's, served in July


def test_statements_follow_the_shops_per_sheet_setting(store):
    from ewarong_desktop.domain.errors import InvalidInput, PermissionDenied
    from ewarong_desktop.services import profile
    from ewarong_desktop.services.context import Actor
    from ewarong_desktop.services.documents import write_statements_to

    ctx, _, _ = store
    assert profile.statements_per_sheet(ctx) == 1
    _, pages = write_statements_to(ctx, JUNE, BytesIO())
    with pytest.raises(PermissionDenied):
        profile.set_statements_per_sheet(ctx.as_actor(Actor("siti", "operator")), 2)
    with pytest.raises(InvalidInput):
        profile.set_statements_per_sheet(ctx, 3)
    assert profile.statements_per_sheet(ctx) == 1
    try:
        assert profile.set_statements_per_sheet(ctx, 2) == 2
        assert profile.statements_per_sheet(ctx) == 2
        _, sheets = write_statements_to(ctx, JUNE, BytesIO())
        assert sheets == (pages + 1) // 2
        _, again = write_statements_to(ctx, JUNE, BytesIO(), per_sheet=1)
        assert again == pages
    finally:
        profile.set_statements_per_sheet(ctx, 1)  # the store is shared by this module's tests


def test_a_shortened_id_finds_its_receipt_as_typed_and_junk_finds_nothing(store):
    """Keys are bytes in the file (0009): a receipt's short id, in capitals or cut across a
    dash, still finds it; a made-up or mistyped one is a clear "not found"."""
    ctx, _, late = store
    for typed in (late.id[:8].upper(), late.id[:14], f"  {late.id[:10]} ", late.id.upper()):
        assert receipt_data(ctx, typed).redemption_id == late.id
    for junk in ("zzzzzzzz", late.id[:8] + "x", "'; DROP TABLE", late.id[:9].replace("-", "0")):
        with pytest.raises(NotFound):
            receipt_data(ctx, junk)
