"""The counter's lists and message lines: what each column shows, one basket line per product
with the months of aid it draws on."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from ewarong_desktop.gui import formatting as fmt
from ewarong_desktop.gui.table import Column
from ewarong_desktop.services.redemption import BasketCheck, BasketLine


def served_text(served: bool) -> str:
    if served:
        return QCoreApplication.translate("Counter", "sudah dilayani")
    return QCoreApplication.translate("Counter", "belum")


MATCH_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Nama"), lambda m: m.kpm.name, width=170),
    Column(QT_TRANSLATE_NOOP("Columns", "No. KKS"), lambda m: m.kpm.kks_number, width=135),
    Column(QT_TRANSLATE_NOOP("Columns", "Alamat"), lambda m: m.kpm.address or "–", width=130),
    Column(QT_TRANSLATE_NOOP("Columns", "Desa"), lambda m: m.kpm.desa or "–", width=100),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Sisa bantuan"),
        lambda m: fmt.rupiah(m.remaining),
        sort=lambda m: m.remaining,
        align_right=True,
        width=100,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Bulan ini"), lambda m: served_text(m.served_this_month)),
)


@dataclass(frozen=True)
class BasketRow:
    line: BasketLine
    months: str  # the months of aid this line draws on, with each part's quantity


BASKET_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("Columns", "Barang"), lambda r: r.line.product_name, width=170),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Jumlah"),
        lambda r: fmt.qty(r.line.quantity, r.line.unit),
        align_right=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Harga"),
        lambda r: fmt.rupiah(r.line.unit_price_rupiah),
        align_right=True,
        width=85,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Subtotal"),
        lambda r: fmt.rupiah(r.line.total_rupiah),
        align_right=True,
        width=90,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Dari bantuan"), lambda r: r.months),
)


def fixed_lines(label: QLabel, lines: int) -> QLabel:
    """A message line with room for `lines` lines whether it is empty or not: nothing below
    it moves when a message comes or goes."""
    label.setFixedHeight(label.fontMetrics().lineSpacing() * lines + 4)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def basket_rows(check: BasketCheck) -> list[BasketRow]:
    months: dict[str, list[tuple[str, str]]] = {}
    for part in check.parts:
        for line in part.lines:
            months.setdefault(line.product_id, []).append(
                (fmt.month(part.period), fmt.qty(line.quantity, line.unit))
            )
    rows = []
    for line in check.lines:
        parts = months.get(line.product_id, [])
        if len(parts) == 1:
            text = parts[0][0]
        else:
            text = " + ".join(f"{month} ({qty})" for month, qty in parts)
        rows.append(BasketRow(line, text))
    return rows
