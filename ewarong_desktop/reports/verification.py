"""The short verification code printed on a receipt, so a paper struk matches a bundle record.

The code is `IIII-HHHH-HHHH`:

- `IIII` is the first four hex digits of the redemption's `id` (upper case), so the district
  can narrow the search by eye;
- `HHHH-HHHH` is the first 40 bits of SHA-256 over the record's *content* in canonical JSON,
  written in Crockford base32 (digits and upper-case letters without I, L, O, U, so it reads
  aloud and types without confusion).

The content is exactly the fields of a `redemptions` record of the sync bundle
(`BUNDLE_SPEC.md`) that fix what was handed over: `id`, `beneficiary_id`, `period`,
`total_rupiah`, `edc_reference` and the `lines` (`product_id`, `quantity` as plain decimal
text, `unit_price_rupiah`, `total_rupiah`), lines sorted so their order does not matter. The
canonical JSON is `json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
in UTF-8. `status`, `void_reason`, `version` and `updated_at` are left out on purpose: voiding
a redemption does not change its code, so a receipt printed before the void still matches
its (now voided) record. Anyone holding a bundle record can recompute the code with
`code_for_record(record)`; this module needs only the standard library.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
QR_PREFIX = "EWR1"


def _quantity_text(quantity: object) -> str:
    """Plain decimal text as the bundle writes it: `5`, `0.5`, never `5.000` or `1E+1`."""
    text = format(Decimal(str(quantity)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def canonical_content(
    *,
    redemption_id: str,
    beneficiary_id: str,
    period: str,
    lines: Iterable[Mapping[str, Any]],
    total_rupiah: int,
    edc_reference: str | None,
) -> bytes:
    """The bytes the hash is taken over (see the module docstring)."""
    canonical_lines = sorted(
        (
            {
                "product_id": str(line["product_id"]).lower(),
                "quantity": _quantity_text(line["quantity"]),
                "unit_price_rupiah": int(line["unit_price_rupiah"]),
                "total_rupiah": int(line["total_rupiah"]),
            }
            for line in lines
        ),
        key=lambda line: (
            line["product_id"],
            line["quantity"],
            line["unit_price_rupiah"],
            line["total_rupiah"],
        ),
    )
    content = {
        "id": redemption_id.lower(),
        "beneficiary_id": beneficiary_id.lower(),
        "period": period,
        "lines": canonical_lines,
        "total_rupiah": int(total_rupiah),
        "edc_reference": edc_reference,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    chars = []
    for i in range(length):
        shift = bits - 5 * (i + 1)
        chars.append(_CROCKFORD[(number >> shift) & 31])
    return "".join(chars)


def verification_code(
    *,
    redemption_id: str,
    beneficiary_id: str,
    period: str,
    lines: Iterable[Mapping[str, Any]],
    total_rupiah: int,
    edc_reference: str | None,
) -> str:
    """`IIII-HHHH-HHHH` for one redemption; `lines` hold the bundle's line fields."""
    digest = hashlib.sha256(
        canonical_content(
            redemption_id=redemption_id,
            beneficiary_id=beneficiary_id,
            period=period,
            lines=lines,
            total_rupiah=total_rupiah,
            edc_reference=edc_reference,
        )
    ).digest()
    hashed = _base32(digest[:5], 8)
    prefix = redemption_id.replace("-", "")[:4].upper()
    return f"{prefix}-{hashed[:4]}-{hashed[4:]}"


def code_for_record(record: Mapping[str, Any]) -> str:
    """The code for a `redemptions` record exactly as read from a bundle's JSON Lines."""
    return verification_code(
        redemption_id=record["id"],
        beneficiary_id=record["beneficiary_id"],
        period=record["period"],
        lines=record["lines"],
        total_rupiah=record["total_rupiah"],
        edc_reference=record.get("edc_reference"),
    )


def normalize_code(text: str) -> str:
    """What a person typed, read back as a code: case, spaces and look-alike letters forgiven."""
    cleaned = text.strip().upper().replace(" ", "").replace("-", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 12:
        return cleaned
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"


def code_matches(typed: str, record: Mapping[str, Any]) -> bool:
    """Does the code a person read off a paper receipt belong to this bundle record?"""
    return normalize_code(typed) == code_for_record(record)


def qr_payload(warong_code: str, redemption_id: str, code: str) -> str:
    """What the receipt's QR code holds: `EWR1|<e-warong code>|<redemption id>|<code>`."""
    return f"{QR_PREFIX}|{warong_code}|{redemption_id}|{code}"
