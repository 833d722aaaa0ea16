"""The logical form of a store (what a backup keeps): every value back as it was, and a crafted
stream refused before it can do anything but build a private file."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ewarong_desktop.store import logical

SCHEMA = """
CREATE TABLE kinds (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL);
CREATE TABLE items (
    id BLOB NOT NULL, kind INTEGER REFERENCES kinds (id), label TEXT, price REAL,
    anything, CONSTRAINT pk_items PRIMARY KEY (id)
);
CREATE INDEX ix_items_label ON items (label);
CREATE TABLE log (n INTEGER NOT NULL, what TEXT);
CREATE TRIGGER items_logged AFTER INSERT ON items BEGIN
    INSERT INTO log (n, what) VALUES (new.rowid, 'added');
END;
CREATE VIEW labels AS SELECT label FROM items WHERE label IS NOT NULL;
"""

ODD_VALUES = [
    None, 0, -1, 2**63 - 1, -(2**63), 1.5, -0.0, float("inf"), "", "a\x00b", "kata é 漢",
    b"", b"\x00" * 16, b"\xff" * 15, bytes(range(256)),
]  # fmt: skip


def rows_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: conn.execute(f'SELECT _rowid_, * FROM "{name}" ORDER BY _rowid_').fetchall()
            for name in names
        }


def schema_of(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def dumped(path: Path) -> bytes:
    with closing(sqlite3.connect(path)) as conn:
        return b"".join(logical.dump(conn))


def loaded(stream: bytes, target: Path, max_bytes: int = 1 << 30) -> Path:
    logical.load(io.BytesIO(stream), target, max_bytes=max_bytes)
    return target


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(SCHEMA)
        conn.execute("PRAGMA user_version = 7")
        conn.executemany("INSERT INTO kinds (name) VALUES (?)", [("rice",), ("eggs",), ("oil",)])
        conn.execute("DELETE FROM kinds WHERE name = 'oil'")  # AUTOINCREMENT remembers 3
        for n, odd in enumerate(ODD_VALUES):
            conn.execute(
                "INSERT INTO items (rowid, id, kind, label, price, anything) VALUES "
                "(?, ?, ?, ?, ?, ?)",
                (n * 10 + 5, bytes([n]) * 16, 1 + n % 2, None if n % 3 else f"l{n}",
                 None if n % 4 else n / 3, odd),
            )  # fmt: skip
        conn.commit()
    return path


def test_every_row_value_and_schema_entry_comes_back(store, tmp_path):
    back = loaded(dumped(store), tmp_path / "back.sqlite")
    assert rows_of(back) == rows_of(store)  # rowids, NULLs, -0.0, NUL in text, big ints
    assert schema_of(back) == schema_of(store)  # indexes, trigger and view rebuilt
    with closing(sqlite3.connect(back)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (7,)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO kinds (name) VALUES ('sugar')")  # after the deleted 3
        assert conn.execute("SELECT id FROM kinds WHERE name = 'sugar'").fetchone() == (4,)
        with pytest.raises(sqlite3.IntegrityError):  # the primary key is enforced again
            conn.execute("INSERT INTO items (id) VALUES (?)", (bytes([1]) * 16,))


def test_the_trigger_does_not_fire_for_the_rows_put_back(store, tmp_path):
    back = loaded(dumped(store), tmp_path / "back.sqlite")
    assert len(rows_of(back)["log"]) == len(ODD_VALUES)


def test_keys_and_indexes_are_not_in_the_stream_twice(store, tmp_path):
    stream = dumped(store)
    assert stream.count(bytes([3]) * 16) == 1  # the key, not its primary-key index too


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.none(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False),
            st.text(), st.binary(max_size=40), st.binary(min_size=16, max_size=16),
        ),
        min_size=1, max_size=60,
    )
)  # fmt: skip
def test_any_column_of_values_comes_back_as_it_was(tmp_path, values):
    path = tmp_path / "any.sqlite"
    path.unlink(missing_ok=True)
    (tmp_path / "back.sqlite").unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (v)")
        conn.executemany("INSERT INTO t (v) VALUES (?)", [(v,) for v in values])
        conn.commit()
    assert rows_of(loaded(dumped(path), tmp_path / "back.sqlite")) == rows_of(path)


def test_text_that_is_not_utf8_is_left_to_the_page_copy(tmp_path):
    path = tmp_path / "odd.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (v TEXT)")
        conn.execute("INSERT INTO t (v) VALUES (CAST(x'ff00fe' AS TEXT))")
        conn.commit()
    with pytest.raises(logical.Unsupported):
        dumped(path)


# --- crafted streams ----------------------------------------------------------------------


def record(head: dict[str, object], payload: bytes = b"") -> bytes:
    text = json.dumps(head).encode()
    return struct.pack("<I", len(text)) + text + payload


def crafted(schema: list[list[str]], *records: bytes) -> bytes:
    pragmas = {"page_size": 4096, "auto_vacuum": 0, "user_version": 0, "application_id": 0}
    return logical.MAGIC + record({"schema": schema, "pragmas": pragmas}) + b"".join(records)


TABLE = [["table", "t", "t", "CREATE TABLE t (v TEXT)"]]


@pytest.mark.parametrize(
    "stream",
    [
        pytest.param(crafted(TABLE), id="no-end"),
        pytest.param(crafted(TABLE, record({"end": {"t": 5}})), id="rows-missing"),
        pytest.param(
            crafted([["table", "x", "x", "ATTACH DATABASE 'elsewhere.db' AS x"]],
                    record({"end": {}})), id="attach"),
        pytest.param(
            crafted([["table", "t", "t", "CREATE TABLE t (v); PRAGMA writable_schema = 1"]],
                    record({"end": {}})), id="two-statements"),
        pytest.param(
            crafted([["index", "t", "t", "CREATE TABLE t (v)"]], record({"end": {}})),
            id="kind-mismatch"),
        pytest.param(
            crafted(TABLE, record({"t": "t", "n": 2, "c": ["_rowid_", "v"],
                                   "e": [["i", 16], ["s", 3]]}, bytes(16) + b"a\x00b"),
                    record({"end": {"t": 1}})), id="count-mismatch"),
        pytest.param(
            crafted(TABLE, record({"t": "sqlite_master", "n": 1, "c": ["_rowid_", "sql"],
                                   "e": [["i", 8], ["s", 1]]}, bytes(8) + b"x"),
                    record({"end": {"sqlite_master": 1}})), id="schema-table"),
        pytest.param(
            crafted(TABLE, record({"t": "t", "n": 1, "c": ["_rowid_", "v"],
                                   "e": [["i", 8], ["s", 9]]}, bytes(8) + b"x")),
            id="column-cut-short"),
        pytest.param(
            crafted(TABLE, record({"t": "t", "n": 1, "c": ["_rowid_", "v"],
                                   "e": [["i", 8], ["q", 1]]}, bytes(8) + b"x")),
            id="unknown-codec"),
        pytest.param(logical.MAGIC + struct.pack("<I", 1 << 30), id="huge-head"),
        pytest.param(logical.MAGIC + struct.pack("<I", 3) + b"[1]", id="head-not-object"),
        pytest.param(b"SQLite format 3\x00", id="not-ours"),
        # A table made from a query that never ends (SQLite itself never stores one so).
        pytest.param(
            crafted([["table", "t", "t", "CREATE TABLE t AS WITH RECURSIVE c(x) AS "
                      "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"]],
                    record({"end": {}})), id="table-as-select"),
        # The temp database has no size cap: nothing may be built there.
        pytest.param(
            crafted([["table", "t", "t", "CREATE TABLE temp.t (v TEXT)"]], record({"end": {}})),
            id="temp-table"),
        pytest.param(
            crafted([*TABLE, ["trigger", "tr", "t",
                              "CREATE TRIGGER temp.tr AFTER INSERT ON t BEGIN SELECT 1; END"]],
                    record({"end": {}})), id="temp-trigger"),
        pytest.param(logical.MAGIC + struct.pack("<I", 5000) + b"[" * 5000, id="deep-head"),
        pytest.param(
            crafted(TABLE, struct.pack("<I", 5007) + b'{"n": ' + b"9" * 5000 + b"}"),
            id="huge-integer"),
        # Zeros compress to nothing; decoded, each is an object: cells are counted first.
        pytest.param(
            crafted(TABLE, record({"t": "t", "n": 32768, "c": ["_rowid_"] + [f"c{i}" for i in
                                   range(99)], "e": [["i", 8 * 32768]] * 100})),
            id="too-many-cells"),
    ],
)  # fmt: skip
def test_a_crafted_stream_is_refused(tmp_path, stream):
    with pytest.raises(logical.Damaged):
        loaded(stream, tmp_path / "back.sqlite")
    assert not (tmp_path / "elsewhere.db").exists()


def test_a_stream_cut_anywhere_is_refused_as_cut_short(store, tmp_path):
    stream = dumped(store)
    for n, cut in enumerate((len(logical.MAGIC) + 2, len(stream) // 2, len(stream) - 1)):
        with pytest.raises(logical.CutShort):
            loaded(stream[:cut], tmp_path / f"cut{n}.sqlite")


def test_a_stream_that_builds_a_huge_file_is_stopped(tmp_path):
    rows = 20_000
    text = b"\x00".join([b"x" * 200] * rows)
    block = record(
        {"t": "t", "n": rows, "c": ["_rowid_", "v"], "e": [["i", 8 * rows], ["s", len(text)]]},
        struct.pack(f"<{rows}q", *range(1, rows + 1)) + text,
    )
    index = [["index", "i", "t", "CREATE INDEX i ON t (v)"]]
    stream = crafted(TABLE + index, block, record({"end": {"t": rows}}))
    with pytest.raises(logical.TooLarge):
        loaded(stream, tmp_path / "back.sqlite", max_bytes=1_000_000)


def test_a_crafted_check_that_builds_huge_values_is_stopped(tmp_path):
    huge = [["table", "t", "t", "CREATE TABLE t (v TEXT CHECK (length(zeroblob(900000000))))"]]
    block = record(
        {"t": "t", "n": 1, "c": ["_rowid_", "v"], "e": [["i", 8], ["s", 1]]}, bytes(8) + b"x"
    )
    with pytest.raises(logical.Damaged):
        loaded(crafted(huge, block, record({"end": {"t": 1}})), tmp_path / "back.sqlite")


def test_a_block_claiming_more_than_it_may_hold_is_refused_before_it_is_read(tmp_path):
    size = logical.MAX_BLOCK // 2 + 1
    block = record({"t": "t", "n": 1, "c": ["_rowid_", "v"], "e": [["i", size], ["s", size]]})
    with pytest.raises(logical.Damaged, match="block too large"):
        loaded(crafted(TABLE, block), tmp_path / "back.sqlite")


def test_a_restore_that_runs_past_its_time_is_refused(tmp_path, monkeypatch):
    """However a crafted file makes SQLite work (a costly CHECK or index expression), the
    restore ends: past its time it is refused as damaged, never left running."""
    path = tmp_path / "rows.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (v INTEGER)")
        conn.executemany("INSERT INTO t (v) VALUES (?)", [(i,) for i in range(20_000)])
        conn.commit()
    stream = dumped(path)
    assert rows_of(loaded(stream, tmp_path / "in-time.sqlite")) == rows_of(path)
    monkeypatch.setattr(logical, "MAX_SECONDS", -1)
    with pytest.raises(logical.Damaged):
        loaded(stream, tmp_path / "slow.sqlite")


ONE_KIND = {
    "i": st.integers(-(2**63), 2**63 - 1),
    "f": st.floats(allow_nan=False),
    # Text as SQLite hands it over: valid UTF-8, so never a lone surrogate.
    "s": st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
    "k": st.binary(min_size=16, max_size=16),
    "b": st.binary(max_size=15),
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(ONE_KIND)).flatmap(
        lambda kind: st.tuples(
            st.just(kind),
            st.lists(ONE_KIND[kind], min_size=1, max_size=30),
            st.lists(st.integers(0, 29), max_size=5),
        )
    )
)
def test_a_column_of_one_kind_is_laid_out_compactly_with_or_without_nulls(case):
    kind, values, holes = case
    column = list(values)
    for at in holes:  # NULLs anywhere
        column.insert(min(at, len(column)), None)
    codec, data = logical._encode(tuple(column))
    assert codec == kind + ("?" if None in column else "")
    assert logical._decode(codec, data, len(column)) == column
