"""A KPM not on this shop's list, registered at the counter: admin only, with a reason, and
marked `listed: false` in the bundle."""

import pytest

from ewarong_desktop.domain.errors import InvalidInput, PermissionDenied
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from ewarong_desktop.services.sync_source import bundle_snapshot
from ewarong_desktop.sync.records import RecordProblem, check_record
from tests.conftest import Shop

KARSINAH = BeneficiaryInput("3212095507800001", "6013019988887777", "Karsinah", "Kertasemaya")


def test_only_an_admin_with_a_reason_registers_one(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        beneficiaries.register_unlisted(shop.as_operator(), KARSINAH, "dikirim dari desa lain")
    with pytest.raises(InvalidInput) as caught:
        beneficiaries.register_unlisted(shop.ctx, KARSINAH, "   ")
    assert "Alasan" in caught.value.message("id")
    kpm = beneficiaries.register_unlisted(shop.ctx, KARSINAH, "e-warong Kertasemaya tutup")
    assert kpm.listed is False and beneficiaries.get(shop.ctx, kpm.id).listed is False


def test_the_bundle_marks_them_listed_false_and_others_carry_nothing(shop: Shop) -> None:
    kpm = beneficiaries.register_unlisted(shop.ctx, KARSINAH, "e-warong Kertasemaya tutup")
    records = {r["id"]: r for r in bundle_snapshot(shop.ctx.db, 0).tables["beneficiaries"]}
    assert records[kpm.id]["listed"] is False
    assert "listed" not in records[shop.ids["A"]]  # absent means listed (the spec)
    for record in records.values():
        check_record("beneficiaries", record)
    with pytest.raises(RecordProblem):
        check_record("beneficiaries", {**records[kpm.id], "listed": "no"})


def test_statements_and_receipts_say_not_on_the_list(shop: Shop, tmp_path) -> None:
    from decimal import Decimal

    from pypdf import PdfReader

    from ewarong_desktop.domain.periods import Period
    from ewarong_desktop.services import redemption
    from ewarong_desktop.services.document_files import write_statements_pdf
    from ewarong_desktop.services.documents import receipt_data, statements_data
    from ewarong_desktop.services.redemption import BasketItem, RedeemRequest

    kpm = beneficiaries.register_unlisted(shop.ctx, KARSINAH, "e-warong Kertasemaya tutup")
    done = redemption.serve(
        shop.ctx, RedeemRequest(kpm.id, None, (BasketItem(shop.ids["BRS"], Decimal(2)),))
    )
    assert [p.period for p in done.parts] == [Period(2020, 5)]  # from the working month only
    assert receipt_data(shop.ctx, done.first.id).listed is False
    mine = [s for s in statements_data(shop.ctx, Period(2020, 5)).statements if s.nik == kpm.nik]
    assert len(mine) == 1 and mine[0].listed is False
    text = "".join(
        p.extract_text() for p in PdfReader(write_statements_pdf(shop.ctx, Period(2020, 5))).pages
    )
    assert "Karsinah (KPM luar daftar e-warong ini)" in text
