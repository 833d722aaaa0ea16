"""The receipt's QR code, rasterised and read back module by module."""

import shutil
import subprocess

import pytest
from PIL import Image
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewarong_desktop.reports.receipt import _qr_row
from ewarong_desktop.reports.verification import qr_payload

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")

DPI = 600


def test_qr_drawn_is_the_payloads_matrix_right_way_up(tmp_path):
    payload = qr_payload("LTM-SKP-01", "3f2a9c1e-5b7d-4e2f-9a31-0c6d8e4b2f17", "3F2A-9133-1ZFM")
    side = 30 * mm
    pdf = tmp_path / "qr.pdf"
    canvas = Canvas(str(pdf), pagesize=(side, side + 2 * mm))
    _qr_row(payload, side).draw(canvas, 0, side + 2 * mm, side)
    canvas.showPage()
    canvas.save()
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-singlefile", str(pdf), str(tmp_path / "qr")],
        check=True,
    )
    image = Image.open(tmp_path / "qr.png").convert("L")

    expected = QRCode(None, QRErrorCorrectLevel.M)
    expected.addData(payload)
    expected.make()
    count = expected.getModuleCount()
    box = side / (count + 8) * DPI / 72  # pixels per module; 4 modules of quiet zone
    top = 0  # the row draws down from the top of the page
    read = [
        [
            image.getpixel((int((4 + c + 0.5) * box), int(top + (4 + r + 0.5) * box))) < 128
            for c in range(count)
        ]
        for r in range(count)
    ]
    assert read == [list(row) for row in expected.modules]
    # The quiet zone is white, so a phone finds the code.
    assert all(image.getpixel((int(box), int(top + y * box))) > 200 for y in range(count + 8))
