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
