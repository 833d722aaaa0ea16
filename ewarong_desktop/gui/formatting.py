"""Text for people from service values, in the language the window shows now."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from ewarong_desktop.domain.money import format_rupiah
from ewarong_desktop.domain.periods import Period, format_date, format_month
from ewarong_desktop.domain.quantity import format_quantity
from ewarong_desktop.domain.rules import (
    ADJUSTMENT_REASON_LABELS,
    CATEGORY_LABELS,
    SOURCE_KIND_LABELS,
)
from ewarong_desktop.domain.words import Words
from ewarong_desktop.gui import i18n


def lang() -> str:
    """The window's current language (`i18n.current`), for service-made words."""
    return i18n.current()


def rupiah(amount: int) -> str:
    return format_rupiah(amount)


def month(period: Period) -> str:
    return format_month(period, lang())


def day(value: date) -> str:
    return format_date(value, lang())


def utc_moment(moment: datetime | None) -> str:
    """A naive UTC moment from a database (`6 Mei 2020 14:05`) on this computer's clock."""
    if moment is None:
        return "-"
    local = moment.replace(tzinfo=UTC).astimezone()
    return f"{day(local.date())} {local:%H:%M}"


def qty(value: Decimal, unit: str = "") -> str:
    return format_quantity(value, unit, lang())


def _label(labels: dict[str, Words], key: str) -> str:
    return labels.get(key, Words(key, key)).text(lang())


def category(key: str) -> str:
    return _label(CATEGORY_LABELS, key)


def source_kind(key: str) -> str:
    return _label(SOURCE_KIND_LABELS, key)


def adjustment_reason(key: str) -> str:
    return _label(ADJUSTMENT_REASON_LABELS, key)
