"""This laptop's printing choices, documents as page images, ESC/POS against a file device."""

from decimal import Decimal
from pathlib import Path

import pytest

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services import printing, redemption
from ewarong_desktop.services.printing import PrintSettings
from ewarong_desktop.services.redemption import BasketItem, RedeemRequest
from tests.conftest import Shop


def test_settings_are_kept_beside_the_store_and_a_damaged_file_means_none(shop: Shop) -> None:
    assert printing.print_settings(shop.ctx) == PrintSettings()
    saved = printing.save_print_settings(
        shop.ctx, PrintSettings(" Kasir ", "Kantor", True, "usb:0416:5011")
    )
    assert saved.receipt_printer == "Kasir" and saved.escpos_device == "usb:0416:5011"
    assert printing.print_settings(shop.ctx) == saved
    (shop.data_dir / printing.SETTINGS_FILE).write_text('{"auto_print": "yes", "x": 1}')
    assert printing.print_settings(shop.ctx) == PrintSettings()  # wrong types are dropped
    with pytest.raises(InvalidInput) as caught:
        printing.save_print_settings(shop.ctx, PrintSettings(escpos_device="printer"))
    assert "usb:VID:PID" in caught.value.message("id")


def test_a_receipt_renders_as_one_page_as_wide_as_the_roll(shop: Shop) -> None:
    done = redemption.redeem(
        shop.ctx,
        RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(shop.ids["BRS"], Decimal(2)),)),
    )
    pdf = printing.receipt_pdf(shop.ctx, done.id, "id", "58")
    pages = list(printing.render_pages(pdf, 203))
    assert len(pages) == 1
    assert round(pages[0].width_pt / 72 * 25.4) == 58
    assert pages[0].width_px == pytest.approx(58 / 25.4 * 203, abs=2)
    assert len(pages[0].pixels) == pages[0].stride * pages[0].height_px


def test_escpos_receipt_goes_to_a_file_device_as_a_raster_image_and_a_cut(
    shop: Shop, tmp_path: Path
) -> None:
    assert printing.escpos_available()  # a dev dependency: the test never skips
    done = redemption.redeem(
        shop.ctx,
        RedeemRequest(shop.ids["A"], Period(2020, 5), (BasketItem(shop.ids["TMP"], Decimal(2)),)),
    )
    device = tmp_path / "lp0"
    device.touch()
    printing.print_receipt_escpos(shop.ctx, done.id, str(device), lang="id", width="58")
    data = device.read_bytes()
    assert b"\x1dv0" in data  # GS v 0: a raster bit image
    width_bytes = int.from_bytes(
        data[data.index(b"\x1dv0") + 4 : data.index(b"\x1dv0") + 6], "little"
    )
    assert width_bytes * 8 <= printing.ESCPOS_DOTS["58"]  # never wider than the roll
    assert b"\x1dV" in data  # and the paper is cut
