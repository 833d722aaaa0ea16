"""JSON read strictly (no duplicate keys, no NaN/Infinity) and written in one canonical way."""

from __future__ import annotations

import json
import math
from json.scanner import make_scanner
from typing import Any

import orjson


class StrictJsonError(ValueError):
    """The text is not strict JSON; `reason` is `syntax`, `duplicate_key` or `nan`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # fast path in C; find the culprit only when refusing
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise StrictJsonError("duplicate_key", f"duplicate key {key!r}")
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise StrictJsonError("nan", f"{name} is not allowed")


def _finite(text: str) -> float:
    """A JSON number with a fraction or exponent; one too large for a float (`1e400`) is
    Infinity by another name, which Python would read without a word."""
    value = float(text)
    if value in (math.inf, -math.inf):
        raise StrictJsonError("nan", f"{text} is too large (Infinity is not allowed)")
    return value


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_finite
)


def loads_strict(data: bytes | str) -> Any:
    """Parse UTF-8 JSON, refusing duplicate keys and NaN/Infinity (Python accepts both)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise StrictJsonError("syntax", f"not UTF-8: {exc}") from exc
    try:
        value = _DECODER.decode(text)
    except StrictJsonError:
        raise
    except (ValueError, RecursionError) as exc:
        raise StrictJsonError("syntax", str(exc)) from exc
    if "\\ud" in text or "\\uD" in text:
        # An escaped lone surrogate parses, but is no Unicode text and cannot be stored.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise StrictJsonError("syntax", "a string holds a lone surrogate") from None
    return value


# The C scanner with the strict hooks above (typeshed types its argument oddly).
_SCAN = make_scanner(_DECODER)  # type: ignore[arg-type]


_ORJSON_SORTED = orjson.OPT_SORT_KEYS


def loads_strict_line(data: bytes) -> Any:
    """`loads_strict(data + b"\\n")` for one line of a data entry, given without its newline:
    the same values and the same refusals, in the same words.

    Rule 3 parses every record of every bundle. The common case is a line as this app's
    writer makes it (`dumps_line`: sorted keys, no spaces, UTF-8): orjson (compiled) parses
    it and writes the value back in that same form; when the bytes come out identical, the
    line is exactly the text of that value, so every strict parser reads that value from it,
    with no duplicate key (a duplicate would be gone from the text written back), no NaN
    (orjson refuses it) and no lone surrogate (orjson refuses it). orjson reads an integer
    beyond 64 bits as a float, which is written back in another form, so it never comes out
    identical either. Anything else (other spacing, escapes, key order, a refusal) goes on
    to the C scanner with the strict hooks, then to `loads_strict`, which says what is wrong:
    what is accepted, and the value read, is exactly what `loads_strict` gives
    (tests/sync/test_reader_fast_paths.py holds the two together)."""
    try:
        value = orjson.loads(data)
        if orjson.dumps(value, option=_ORJSON_SORTED) == data:
            return value
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        pass  # refused, or nested deeper than orjson writes: the paths below decide
    try:
        text = data.decode("utf-8")
        value, end = _SCAN(text, 0)
    except Exception:  # refused or unusual (leading space, ...): the careful path decides
        return loads_strict(data + b"\n")
    if end != len(text) or "\\ud" in text or "\\uD" in text:
        return loads_strict(data + b"\n")
    return value


# Made once: `json.dumps` with these options builds a new encoder for every record.
# No circular check: a value parsed from JSON (or built by the app) never holds itself.
_LINE_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False,
    check_circular=False,
)  # fmt: skip
dumps_canonical = _LINE_ENCODER.encode  # the line's text, without its newline


def dumps_line(value: Any) -> bytes:
    """One record as a compact UTF-8 line (sorted keys; no NaN can slip through)."""
    return dumps_canonical(value).encode("utf-8") + b"\n"


def dumps_document(value: Any) -> bytes:
    """A manifest or enrolment file: indented for people, UTF-8, newline-terminated."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return text.encode("utf-8") + b"\n"


class JsonText(bytes):
    """A value kept as its JSON text until it is written (`json.dumps(..., default=expand)`):
    parsed, a crafted record costs up to 25 times its bytes, and a bundle may hold many."""

    def value(self) -> Any:
        return json.loads(self)


def expand(value: object) -> Any:
    """`default=` for `json.dumps`: a `JsonText` written as the value it holds."""
    if isinstance(value, JsonText):
        return value.value()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
