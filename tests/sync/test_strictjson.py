"""Strict JSON: what Python's json module accepts but the contract does not."""

from __future__ import annotations

import pytest

from ewarong_desktop.sync.strictjson import StrictJsonError, loads_strict


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"a": 1, "a": 2}', "duplicate_key"),
        ('{"a": {"b": 1, "b": 1}}', "duplicate_key"),
        ('{"a": NaN}', "nan"),
        ('{"a": -Infinity}', "nan"),
        # A number too large for a float is Infinity by another name (Python reads it so).
        ('{"a": 1e400}', "nan"),
        ('{"a": -1.5E999}', "nan"),
        ('{"a": "\\ud800"}', "syntax"),
        ('{"a": 1', "syntax"),
        (b'{"a": "\xff"}', "syntax"),
    ],
)
def test_refused(text, reason):
    with pytest.raises(StrictJsonError) as info:
        loads_strict(text)
    assert info.value.reason == reason


def test_escaped_surrogate_pairs_are_fine():
    assert loads_strict('{"name": "\\ud83d\\ude00 Siti"}') == {"name": "😀 Siti"}


def test_a_line_with_a_number_too_large_for_a_float_is_refused_as_the_whole_text_is():
    from ewarong_desktop.sync.strictjson import loads_strict_line

    with pytest.raises(StrictJsonError) as info:
        loads_strict_line(b'{"a":1e400,"id":"x"}')
    assert info.value.reason == "nan"
    assert loads_strict_line(b'{"a":1.7976931348623157e308}') == {"a": 1.7976931348623157e308}
