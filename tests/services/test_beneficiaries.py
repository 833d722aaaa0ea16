"""KPM: register, edit, deactivate, and find as the counter does."""

import pytest

from ewarong_desktop.domain.errors import Conflict, InvalidInput, NotFound
from ewarong_desktop.domain.identity import InvalidNik
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from tests.conftest import NIK_A, Shop


def test_register_cleans_and_keeps_nik_and_kks_as_text(shop: Shop) -> None:
    added = beneficiaries.register(
        shop.ctx, BeneficiaryInput("'1807 1201 0185 0004", "0601 2345 67", "  Paijo   Saputra ")
    )
    assert added.nik == "1807120101850004" and added.kks_number == "060123456 7".replace(" ", "")
    assert added.name == "Paijo Saputra"
    assert str(added.eligible_from) == "2020-05"  # the working month


def test_a_bad_nik_or_kks_or_empty_name_is_refused(shop: Shop) -> None:
    with pytest.raises(InvalidNik):
        beneficiaries.register(shop.ctx, BeneficiaryInput("1807123205800001", "601301", "X"))
    with pytest.raises(InvalidInput):
        beneficiaries.register(shop.ctx, BeneficiaryInput("1807120101850004", "60A301", "X"))
    with pytest.raises(InvalidInput):
        beneficiaries.register(shop.ctx, BeneficiaryInput("1807120101850004", "601301", "  "))


def test_the_same_nik_or_an_active_card_cannot_be_registered_twice(shop: Shop) -> None:
    with pytest.raises(Conflict) as caught:
        beneficiaries.register(shop.ctx, BeneficiaryInput(NIK_A, "6013019999999999", "Lain"))
    assert "Siti Rahayu" in caught.value.message("id")
    with pytest.raises(Conflict):
        beneficiaries.register(
            shop.ctx, BeneficiaryInput("1807120101850004", "6013010012345678", "Lain")
        )


def test_find_by_scanned_card_by_nik_and_by_part_of_the_name(shop: Shop) -> None:
    assert [b.name for b in beneficiaries.find(shop.ctx, "6013010012345678")] == ["Siti Rahayu"]
    assert [b.name for b in beneficiaries.find(shop.ctx, NIK_A)] == ["Siti Rahayu"]
    assert {b.name for b in beneficiaries.find(shop.ctx, "wahy")} == {"Sri Wahyuni"}
    assert {b.name for b in beneficiaries.find(shop.ctx, "SRI")} == {"Sri Wahyuni"}
    assert len(beneficiaries.find(shop.ctx, "60130100")) == 3  # prefix while typing
    assert beneficiaries.find(shop.ctx, "") == []
    assert beneficiaries.find_one(shop.ctx, "6013 0100 8765 4321").name == "Budi Santoso"
    with pytest.raises(NotFound):
        beneficiaries.find_one(shop.ctx, "999999")


def test_deactivate_keeps_the_record_and_frees_the_card(shop: Shop) -> None:
    off = beneficiaries.set_active(shop.ctx, shop.ids["A"], False)
    assert not off.active and off.version == 2
    assert beneficiaries.get(shop.ctx, shop.ids["A"]).name == "Siti Rahayu"
    new = beneficiaries.register(
        shop.ctx, BeneficiaryInput("1807120101850004", "6013010012345678", "Pemilik baru")
    )
    assert beneficiaries.find_one(shop.ctx, "6013010012345678").id == new.id
    with pytest.raises(Conflict):  # taking the old one back would give one card to two
        beneficiaries.set_active(shop.ctx, shop.ids["A"], True)
