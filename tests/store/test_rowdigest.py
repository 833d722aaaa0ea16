"""`check`'s digesting process: every row's digest exactly as the audit hook makes it."""

from __future__ import annotations

import hashlib
import sqlite3
from array import array

from ewarong_desktop.store.rowdigest import NoDefault, Plan, digest_file, digests


def test_the_tighter_loop_digests_every_row_as_the_audit_hook_does(tmp_path):
    """`digest_file` reads a table whose last column has no default (a numbered table's
    `id`) by a loop of its own: each row's digest must be the very bytes `digests` (the
    audit hook's loop) makes, NULLs and defaults at the end left out as there."""
    path = tmp_path / "store.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, hash BLOB)")
        conn.execute("INSERT INTO audit_log VALUES (7, x'aa')")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c TEXT)")
        conn.execute("CREATE TABLE u (id BLOB PRIMARY KEY, a TEXT, last TEXT)")
        conn.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?)",
            [
                (1, "x", 5, None),  # `c` NULL, `b` its default: both left out
                (2, "y", None, "z"),  # NULL not at the end: kept
                (3, "é", 1, "'\"\\"),
                (4, None, None, None),  # only the key is left
            ],
        )
        conn.executemany(
            "INSERT INTO u VALUES (?, ?, ?)",
            [(bytes([n]) * 16, "v", None) for n in range(3)] + [(b"k", None, "w")],
        )
    conn.close()
    plan_t = Plan("t", b"t\x00", (NoDefault(), NoDefault(), 5, NoDefault()), 0)
    # `u`'s last column has a default: the general loop; its NULLs at the end left out.
    plan_u = Plan("u", b"u\x00", (NoDefault(), NoDefault(), "w"), 0)
    found = digest_file(str(path), [plan_t, plan_u])
    assert found.newest == (7, b"\xaa")
    plain = sqlite3.connect(path)
    try:
        expected_t = list(digests(plain, plan_t))
        expected_u = list(digests(plain, plan_u))
    finally:
        plain.close()
    keys, made, odd = found.tables["t"]
    assert odd is None
    assert array("q", keys).tolist() == [1, 2, 3, 4] == [k for k, _ in expected_t]
    assert made == b"".join(d for _, d in expected_t)
    assert len(set(expected_t)) == 4
    # What the audit hook's loop digests for row 1: the row without its last two values.
    assert expected_t[0][1] == hashlib.blake2b(b"t\x00(1, 'x')", digest_size=16).digest()
    keys, made, odd = found.tables["u"]
    assert keys == b"".join(k for k, _ in expected_u[:3])  # type: ignore[misc]
    assert made == b"".join(d for _, d in expected_u[:3])
    assert odd == expected_u[3:]
