"""Printing without a dialog: the laptop's printer choices, and documents as page images.

Which printer takes receipts is a fact about this laptop, not about the shop's records, so it
is kept beside the store (`printing.json` in the data folder), never synced. The documents
are the same PDFs the app saves; a printer gets them as page images (PDFium renders them), so
what is printed is exactly what a saved PDF shows. ESC/POS thermal printers without a driver
get the receipt as one raster image through `python-escpos`, when it is installed.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ewarong_desktop.domain.errors import FileProblem, InvalidInput, StoreProblem
from ewarong_desktop.fsio import atomic_write_bytes
from ewarong_desktop.services.context import ServiceContext

SETTINGS_FILE = "printing.json"
# Printable dots across the roll at 203 dpi (8 dots/mm): what ESC/POS raster images may use.
ESCPOS_DOTS = {"58": 384, "80": 576, "a5": 576}


@dataclass(frozen=True)
class PrintSettings:
    """This laptop's printing choices. Empty printer names: save PDFs instead."""

    receipt_printer: str = ""
    office_printer: str = ""
    auto_print: bool = False  # print the receipt as each basket is saved
    escpos_device: str = ""  # "usb:VID:PID" or a device file; set: receipts go by ESC/POS

    def cleaned(self) -> PrintSettings:
        device = self.escpos_device.strip()
        if device and not (_usb_ids(device) or device.startswith(("/", "\\\\")) or ":" in device):
            raise InvalidInput(
                f"Perangkat ESC/POS '{device}' tidak dikenal: tulis usb:VID:PID (misalnya "
                "usb:0416:5011) atau nama berkas perangkat (misalnya /dev/usb/lp0).",
                f"ESC/POS device '{device}' is not understood: write usb:VID:PID (for example "
                "usb:0416:5011) or a device file (for example /dev/usb/lp0).",
            )
        return replace(
            self,
            receipt_printer=self.receipt_printer.strip(),
            office_printer=self.office_printer.strip(),
            escpos_device=device,
        )


@dataclass(frozen=True)
class PageImage:
    """One rendered page: 32-bit BGRA pixels, row by row, and its size on paper in points."""

    width_px: int
    height_px: int
    stride: int
    pixels: bytes
    width_pt: float
    height_pt: float


def _usb_ids(device: str) -> tuple[int, int] | None:
    parts = device.split(":")
    if len(parts) != 3 or parts[0].lower() != "usb":
        return None
    try:
        return int(parts[1], 16), int(parts[2], 16)
    except ValueError:
        return None


def print_settings(ctx: ServiceContext) -> PrintSettings:
    """This laptop's choices; a missing or damaged file means none made yet."""
    try:
        raw = json.loads((ctx.data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return PrintSettings()
    if not isinstance(raw, dict):
        return PrintSettings()
    known = PrintSettings.__dataclass_fields__
    values = {
        key: value
        for key, value in raw.items()
        if key in known and isinstance(value, type(getattr(PrintSettings(), key)))
    }
    return PrintSettings(**values)


def save_print_settings(ctx: ServiceContext, settings: PrintSettings) -> PrintSettings:
    clean = settings.cleaned()
    path = ctx.data_dir / SETTINGS_FILE
    try:
        atomic_write_bytes(path, json.dumps(asdict(clean), indent=1).encode("utf-8"))
    except OSError as exc:
        raise FileProblem.from_os_error(exc, str(path)) from exc
    return clean


def receipt_pdf(ctx: ServiceContext, redemption_id: str, lang: str, width: str | None) -> bytes:
    from ewarong_desktop.services.documents import write_receipt_to

    buffer = io.BytesIO()
    write_receipt_to(ctx, redemption_id, buffer, width=width, lang=lang)
    return buffer.getvalue()


def render_pages(pdf: bytes | Path, dpi: float) -> Iterator[PageImage]:
    """Each page of a PDF as an image at `dpi`, one at a time (a 300-page statement run never
    holds more than one page in memory)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    except (OSError, pypdfium2.PdfiumError) as exc:
        raise StoreProblem(
            f"Dokumen tidak dapat dibaca untuk dicetak: {exc}.",
            f"The document cannot be read for printing: {exc}.",
        ) from exc
    try:
        for index in range(len(document)):
            page = document[index]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=False, prefer_bgrx=True)
            try:
                yield PageImage(
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    bytes(bitmap.buffer),
                    width_pt,
                    height_pt,
                )
            finally:
                bitmap.close()
                page.close()
    finally:
        document.close()


def escpos_available() -> bool:
    try:
        import escpos.printer  # noqa: F401
    except ImportError:
        return False
    return True


def print_receipt_escpos(
    ctx: ServiceContext, redemption_id: str, device: str, *, lang: str, width: str
) -> str:
    """Send the receipt to an ESC/POS printer as one raster image, then cut; returns the
    device's name. The image is the receipt PDF itself, so the two never differ."""
    if not escpos_available():
        raise StoreProblem(
            "Pencetakan ESC/POS belum terpasang (paket python-escpos).",
            "ESC/POS printing is not installed (the python-escpos package).",
        )
    from escpos import printer as escpos_printer
    from PIL import Image

    pdf = receipt_pdf(ctx, redemption_id, lang, width)
    dots = ESCPOS_DOTS.get(width, 576)
    first = next(render_pages(pdf, 203))
    image = Image.frombuffer(
        "RGBX", (first.width_px, first.height_px), first.pixels, "raw", "BGRX", first.stride, 1
    ).convert("L")
    if image.width > dots:
        image = image.resize((dots, round(image.height * dots / image.width)))
    image = image.point(lambda v: 0 if v < 160 else 255).convert("1")
    ids = _usb_ids(device)
    try:
        target = escpos_printer.Usb(ids[0], ids[1]) if ids else escpos_printer.File(devfile=device)
        target.image(image, center=True)
        target.cut()
        target.close()
    except OSError as exc:
        raise FileProblem.from_os_error(exc, device) from exc
    except Exception as exc:  # python-escpos raises its own errors for a missing USB device
        if type(exc).__module__.startswith("escpos"):
            raise StoreProblem(
                f"Printer ESC/POS {device} tidak dapat dipakai: {exc}.",
                f"The ESC/POS printer {device} cannot be used: {exc}.",
            ) from exc
        raise
    return device
