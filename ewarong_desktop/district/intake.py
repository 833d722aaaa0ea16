"""Verify and import bundles: every reading rule in order, seq order per e-warong.

`verify` runs exactly the same pipeline as `import` on an in-memory copy of the chain state
and writes nothing; `import` commits each accepted bundle in its own transaction.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    RootTransaction,
    Update,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ewarong_desktop.district import pipeline as ahead
from ewarong_desktop.district.checks import BundleChecks, HeldFacts, changed_facts
from ewarong_desktop.district.db import db_error_text, reading
from ewarong_desktop.district.enrolment import DistrictKeyRing
from ewarong_desktop.district.flags import NewFlag, mark_stale, raise_flags
from ewarong_desktop.district.models import (
    RECORD_MODELS,
    EntitlementRateRow,
    ReceivedBundle,
    RecordVersion,
    Warong,
    WarongKey,
    utc_now,
)
from ewarong_desktop.district.upsert import (
    Stored,
    UpsertCounts,
    on_driver,
    run_plain,
    stored_rows,
    upsert_records,
)
from ewarong_desktop.domain.errors import Conflict, EwarongError
from ewarong_desktop.domain.states import BundleKind
from ewarong_desktop.sync.district_link import SEALED_SUFFIX
from ewarong_desktop.sync.errors import BundleRefused
from ewarong_desktop.sync.reader import (
    DEFAULT_LIMITS,
    EnrolledKey,
    Envelope,
    Limits,
    ReadBundle,
    Unseal,
    check_foreign_ids,
    open_envelope,
    open_sealed_envelope,
    read_data,
    verify_manifest,
)
from ewarong_desktop.sync.sequence import ChainState, Decision, advance, decide
from ewarong_desktop.sync.strictjson import JsonText

BUNDLE_SUFFIX = ".ewb"
# Built once: an ORM insert built per bundle cost more than the bundle's receipt row itself.
_RECEIVED_INSERT = insert(ReceivedBundle.__table__)  # type: ignore[arg-type]
# The history's last row before a bundle's: its own rows are the ones after it.
_LAST_VERSION = select(func.max(RecordVersion.id))


def _chain_update(*names: str) -> Update:
    """Where the e-warong's chain stands after a bundle, under an optimistic check: another
    import of this e-warong in the meantime loses. Built once (per bundle it cost more to
    build than to run)."""
    return (
        update(Warong)
        .where(
            Warong.code == bindparam("w_code"),
            Warong.epoch == bindparam("w_epoch"),
            Warong.last_seq == bindparam("w_last_seq"),
        )
        .values({name: bindparam(name) for name in names})
    )


_SEEN_UPDATE = _chain_update("highest_seq_seen", "last_import_at")
_IMPORTED_UPDATE = _chain_update(
    "highest_seq_seen", "last_import_at", "last_seq", "last_manifest_sha256", "last_changes_to"
)
EARLIEST = datetime(2017, 1, 1)  # BPNT began in 2017: anything earlier is a wrong clock


@dataclass(frozen=True)
class Outcome:
    """What happened to one bundle file."""

    source: str
    status: str  # ok | imported | already | superseded | would_supersede | refused
    code: str = ""
    epoch: int = 0
    seq: int = 0
    kind: str = ""
    refusal: BundleRefused | None = None
    counts: UpsertCounts | None = None

    @property
    def accepted(self) -> bool:
        return self.status != "refused"

    def message(self, lang: str = "id") -> str:
        where = f"{self.code} epoch {self.epoch} seq {self.seq}" if self.code else ""
        en = lang == "en"
        if self.refusal is not None:
            head = "REFUSED" if en else "DITOLAK"
            return f"{self.source}: {head} — {self.refusal.message(lang)}"
        if self.status == "already":
            return f"{self.source}: sudah diimpor (already imported) — {where}"
        if self.status in ("superseded", "would_supersede"):
            recorded = self.status == "superseded"
            if en:
                done = "recorded" if recorded else "would be recorded"
                text = f"superseded by a full bundle, {done}, not imported"
            else:
                done = "dicatat" if recorded else "akan dicatat"
                text = f"digantikan bundel penuh (superseded), {done}, tidak diimpor"
            return f"{self.source}: {text} — {where}"
        kind = BundleKind(self.kind).label(lang)
        head = "OK" if self.status == "ok" else ("imported" if en else "diimpor")
        text = f"{self.source}: {head} — {where} ({kind})"
        if self.counts is not None:
            c = self.counts
            text += (
                f": {c.inserted} new, {c.updated} updated, {c.unchanged} unchanged"
                if en
                else f": {c.inserted} baru, {c.updated} diperbarui, {c.unchanged} tetap"
            )
            if c.conflicts:
                text += (
                    f", {len(c.conflicts)} flagged for review (same version, other content)"
                    if en
                    else f", {len(c.conflicts)} ditandai untuk ditinjau (versi sama, isi beda)"
                )
            if c.older:
                text += (
                    f", {len(c.older)} older: the newer version kept, flagged for review "
                    "(laptop restored from a backup?)"
                    if en
                    else f", {len(c.older)} lebih lama (older): versi lebih baru dipertahankan, "
                    "ditandai untuk ditinjau (laptop dipulihkan dari cadangan?)"
                )
            if c.flags:
                text += (
                    f"; {c.flags} new flag(s) to review (imported all the same): "
                    "ewarong-district flags --open"
                    if en
                    else f"; {c.flags} tanda baru untuk ditinjau (tetap diimpor): "
                    "ewarong-district flags --open"
                )
        return text


def _unexpected(path: Path, exc: Exception) -> Outcome:
    """A failure no rule foresaw (a bug, or memory ran out): this file is refused, nothing of
    it is written, and the other files of the run are still imported."""
    what = "kehabisan memori" if isinstance(exc, MemoryError) else f"bug: {exc!r}"
    what_en = "out of memory" if isinstance(exc, MemoryError) else f"bug: {exc!r}"
    refusal = BundleRefused(
        5, "unexpected", f"kesalahan tak terduga ({what}), tidak ada yang berubah",
        f"an unexpected error ({what_en}); nothing was changed",
        advice_id="laporkan ke pengembang; berkas lain tetap diimpor",
        advice_en="report it to the developers; the other files were still imported",
    )  # fmt: skip
    return Outcome(str(path), "refused", refusal=refusal)


def _version_flag(kind: str, code: str, epoch: int, seq: int, d: dict[str, Any]) -> NewFlag:
    table, rid, version = d["table"], d["id"], d["version"]
    if kind == "older_version":
        found_id = (
            f"versi {version} datang sesudah versi {d['stored_version']} yang sudah diimpor; "
            f"versi {d['stored_version']} dipertahankan"
        )
        found_en = (
            f"version {version} came after the imported version {d['stored_version']}; "
            f"version {d['stored_version']} kept"
        )
    else:
        found_id = f"versi {version} datang lagi dengan isi lain; isi pertama dipertahankan"
        found_en = f"version {version} came again with other content; the first one kept"
    incoming = d["incoming"]
    incoming = incoming.value() if isinstance(incoming, JsonText) else incoming
    month = incoming.get("period") if table == "redemptions" else None
    if table == "purchases":
        month = str(incoming.get("date", ""))[:7]
    return NewFlag(
        kind, code, f"{table}|{rid}|{version}|{d['incoming_sha256']}", found_id, found_en,
        table, rid, month, epoch, seq, d,
    )  # fmt: skip


def _worker_stopped(path: Path, detail: str) -> Outcome:
    """The process reading bundles ahead died while reading this one (killed, or out of
    memory): this file is refused, nothing of it written; the run reads the rest itself."""
    refusal = BundleRefused(
        5, "worker_stopped",
        f"proses pemeriksa bundel berhenti tiba-tiba ({detail}); tidak ada yang berubah",
        f"the process checking bundles stopped unexpectedly ({detail}); nothing was changed",
        advice_id="impor berkas ini lagi; bila terulang, laporkan ke pengembang",
        advice_en="import this file again; if it happens again, report it to the developers",
    )  # fmt: skip
    return Outcome(str(path), "refused", refusal=refusal)


def find_bundles(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched (recursively) for `*.ewb`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.name.endswith((BUNDLE_SUFFIX, BUNDLE_SUFFIX + SEALED_SUFFIX)) and p.is_file()
            )
        else:
            found.append(path)
    return found


@dataclass(frozen=True)
class _OneKey:
    """A key ring holding only the key a bundle was once imported under."""

    key: EnrolledKey

    def current(self, code: str) -> EnrolledKey | None:
        return self.key if code == self.key.code else None

    def replaced_epoch(self, code: str, key_id: str) -> int | None:
        return None


# A run's bundles are written in groups: each bundle in a SAVEPOINT of its own (all or
# nothing, as the contract asks), the group in one transaction committed at least every
# GROUP_SECONDS and every GROUP_BUNDLES bundles. A commit cost more than a small bundle's
# rows. No outcome of a group is reported before its commit (see `Intake.run`).
GROUP_BUNDLES = 64
GROUP_SECONDS = 1.0


class _Group:
    """The import's one connection and the group transaction open on it, if any."""

    def __init__(self, engine: Engine, bundles: int, seconds: float) -> None:
        self.conn = engine.connect()
        self.bundles, self.seconds = bundles, seconds
        self.transaction: RootTransaction | None = None
        self.started = 0.0
        self.pending: list[Outcome] = []  # told only once their group is committed

    def connection(self) -> Connection:
        if self.transaction is None:
            self.transaction = self.conn.begin()  # BEGIN IMMEDIATE on SQLite
            self.started = time.monotonic()
        return self.conn

    @property
    def open(self) -> bool:
        return self.transaction is not None or bool(self.pending)

    def due(self) -> bool:
        return len(self.pending) >= self.bundles or (
            self.transaction is not None and time.monotonic() - self.started >= self.seconds
        )

    def commit(self) -> None:
        transaction, self.transaction = self.transaction, None
        if transaction is not None:
            transaction.commit()

    def close(self) -> None:
        """Rolls back whatever was not committed (a crash or an interrupt mid-group)."""
        self.transaction = None
        self.conn.close()


def _write_failed(text: str, text_en: str) -> BundleRefused:
    return BundleRefused(
        5, "write_failed", f"impor gagal, tidak ada yang berubah: {text}",
        f"the import failed and changed nothing: {text_en}",
        advice_id="ulangi impor bundel ini", advice_en="import this bundle again",
    )  # fmt: skip


@dataclass
class _Chain:
    state: ChainState
    highest_seen: int


@dataclass
class Intake:
    engine: Engine
    dry_run: bool
    limits: Limits = DEFAULT_LIMITS
    now: datetime = field(default_factory=utc_now)
    unseal: Unseal | None = None  # opens bundles sealed to the office (`office.open_sealed`)
    # Read small bundles ahead in a second process (`pipeline.py`): None decides by the
    # number of files (at least `pipeline.MIN_BUNDLES`), True and False always and never.
    read_ahead: bool | None = None
    group_bundles: int = GROUP_BUNDLES
    group_seconds: float = GROUP_SECONDS

    def __post_init__(self) -> None:
        self.keyring = DistrictKeyRing(self.engine)
        self.chains: dict[str, _Chain] = {}
        # Ids taken by bundles accepted earlier in this verify run (it writes nothing).
        self.claimed: dict[tuple[str, str], str] = {}
        self._stored: dict[str, dict[str, Stored]] = {}
        self._conn: Connection  # the read connection of the bundle being checked
        # What the checks know of each e-warong's KPMs and products, kept across the run.
        self._held: dict[str, HeldFacts] = {}
        self._first_rate_month: str | None = None
        self._group: _Group | None = None  # an import's connection while `run` goes on

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """Reads see what this run wrote: the group's connection while there is one."""
        if self._group is not None:
            yield self._group.connection()
        else:
            with reading(self.engine) as conn:
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One bundle's writes, all or nothing: a savepoint in the group's transaction (a
        transaction of its own outside `run`)."""
        if self._group is not None:
            # Plain SQL on the driver's cursor: SQLAlchemy's `begin_nested` compiled its
            # SAVEPOINT and RELEASE for every bundle, a tenth of a small bundle's write.
            conn = self._group.connection()
            on_driver(conn, "SAVEPOINT ewarong_bundle", ())
            try:
                yield conn
            except BaseException:
                on_driver(conn, "ROLLBACK TO SAVEPOINT ewarong_bundle", ())
                on_driver(conn, "RELEASE SAVEPOINT ewarong_bundle", ())
                raise
            on_driver(conn, "RELEASE SAVEPOINT ewarong_bundle", ())
        else:
            with self.engine.begin() as conn:
                yield conn

    # -- the pipeline -------------------------------------------------------------------

    def run(
        self, paths: Sequence[Path], progress: Callable[[int, int, Outcome], None] | None = None
    ) -> list[Outcome]:
        """Check (and unless dry-run, import) every bundle, in seq order per e-warong.

        `progress(done, total, outcome)` is called after each file (the window's progress)."""
        outcomes: list[Outcome] = []
        total = len(paths)

        def add(outcome: Outcome) -> None:
            outcomes.append(outcome)
            if progress is not None:
                progress(len(outcomes), total, outcome)

        queue: list[tuple[tuple[str, int, int], str, Path, Envelope | None]] = []
        for path in paths:
            try:
                envelope = self._open(path)
            except BundleRefused as refusal:
                add(Outcome(str(path), "refused", refusal=refusal))
                continue
            except Exception as exc:  # one file's failure is that file's refusal
                add(_unexpected(path, exc))
                continue
            # Kept for `one` when it holds only the manifest (the archive stays on disk); a
            # sealed bundle's envelope holds the whole opened archive, so it is opened again.
            kept = envelope if isinstance(envelope.archive, Path) else None
            queue.append((envelope.peek_order(), str(path), path, kept))
        queue.sort(key=lambda item: item[:2])
        reader = self._pipeline([kept for *_head, kept in queue])
        group = None
        if not self.dry_run and queue:
            group = self._group = _Group(self.engine, self.group_bundles, self.group_seconds)
        try:
            for n, (_order, _name, path, kept) in enumerate(queue):
                try:
                    verified = reader.take(n) if reader is not None else None
                except ahead.WorkerStopped as exc:
                    reader = None  # closed: the rest is read here
                    outcome = _worker_stopped(path, str(exc) or type(exc.__cause__).__name__)
                else:
                    try:
                        outcome = self._one_held(path, kept, verified)
                    except Exception as exc:  # MemoryError included: the run goes on
                        self.chains.clear()
                        self._held.clear()  # its savepoint was rolled back: read them again
                        outcome = _unexpected(path, exc)
                if group is None or not group.open:
                    add(outcome)
                    continue
                group.pending.append(outcome)
                if group.due():
                    self._commit(group, add)
            if group is not None:
                self._commit(group, add)
        finally:
            self._group = None
            if group is not None:
                group.close()  # after an interrupt: what was not committed was not told
            if reader is not None:
                reader.close()
        return outcomes

    def _one_held(
        self, path: Path, opened: Envelope | None, verified: ahead.Verified | None
    ) -> Outcome:
        """`one` inside a savepoint of the group's transaction: a database error in one of its
        reads (outside the write's own savepoint) is undone to here, where PostgreSQL would
        otherwise have aborted the whole group, and its COMMIT rolled back without a word."""
        if self._group is None:
            return self.one(path, opened, verified)
        conn = self._group.connection()
        on_driver(conn, "SAVEPOINT ewarong_read", ())
        try:
            outcome = self.one(path, opened, verified)
        except BaseException:
            on_driver(conn, "ROLLBACK TO SAVEPOINT ewarong_read", ())
            on_driver(conn, "RELEASE SAVEPOINT ewarong_read", ())
            raise
        on_driver(conn, "RELEASE SAVEPOINT ewarong_read", ())
        return outcome

    def _commit(self, group: _Group, add: Callable[[Outcome], None]) -> None:
        """Commit the group, then tell its outcomes; if the commit fails, none of its bundles
        was imported: each is refused as a failed write would be."""
        told, group.pending = group.pending, []
        try:
            group.commit()
        except SQLAlchemyError as exc:
            group.close()
            group.conn = self.engine.connect()
            self.chains.clear()
            self._held.clear()
            text = db_error_text(exc)
            told = [
                replace(o, status="refused", refusal=_write_failed(text, text), counts=None)
                if o.status in ("imported", "superseded")
                else o
                for o in told
            ]
        for outcome in told:
            add(outcome)

    def _pipeline(self, envelopes: list[Envelope | None]) -> ahead.Pipeline | None:
        """The worker reading small bundles ahead, or None (see `read_ahead`)."""
        chosen = [e if e is not None and ahead.small_enough(e) else None for e in envelopes]
        wanted = self.read_ahead
        if wanted is None:
            wanted = sum(e is not None for e in chosen) >= ahead.MIN_BUNDLES
        if not wanted or not ahead.available():
            return None
        ring = ahead.KeySnapshot(dict(self.keyring.current_keys), dict(self.keyring.replaced))
        try:
            return ahead.Pipeline(chosen, ring, self.limits)
        except Exception:  # no second process to be had: everything is read here
            return None

    def one(
        self, path: Path, opened: Envelope | None = None, verified: ahead.Verified | None = None
    ) -> Outcome:
        """`opened`: this file's envelope, rule 1 already passed in this run (see `run`);
        `verified`: what the worker found of `opened` by rules 2 and 3 (`pipeline.py`)."""
        source = str(path)
        manifest = None
        try:
            envelope = opened or self._open(path)
            if verified is not None and opened is not None:
                # Rules 2 and 3 held in the worker for these very manifest bytes; the ids
                # owned by other e-warongs depend on what this run has written: checked here.
                manifest = verified.manifest
                self._stored = {}
                with self._reading() as self._conn:
                    check_foreign_ids(manifest, verified.ids, self._foreign_ids)
                bundle = ReadBundle(
                    envelope.source, manifest, envelope.manifest_bytes,
                    envelope.manifest_sha256, verified.tables(),
                )  # fmt: skip
            else:
                try:
                    manifest = verify_manifest(envelope, self.keyring)
                except BundleRefused as refusal:
                    if refusal.reason != "replaced_key" or not self._imported_before(envelope):
                        raise
                    return Outcome(source, "already", *self._old_key_checks(envelope))
                self._stored = {}
                with self._reading() as self._conn:
                    bundle = read_data(envelope, manifest, self._foreign_ids, self.limits)
            chain = self._chain(manifest.code)
            if manifest.seq > chain.highest_seen:
                chain.highest_seen = manifest.seq
            decision = decide(chain.state, manifest, bundle.manifest_sha256)
        except BundleRefused as refusal:
            if manifest is not None and refusal.rule == 4 and not self.dry_run:
                self._record_refusal(
                    manifest.code, manifest.epoch, manifest.seq, refusal,
                    envelope.manifest_sha256, Path(source).name,
                )  # fmt: skip
            return Outcome(
                source,
                "refused",
                manifest.code if manifest else "",
                manifest.epoch if manifest else 0,
                manifest.seq if manifest else 0,
                manifest.kind if manifest else "",
                refusal=refusal,
            )
        where = (manifest.code, manifest.epoch, manifest.seq, manifest.kind)
        if decision is Decision.ALREADY_IMPORTED:
            return Outcome(source, "already", *where)
        counts = None
        notes = self._date_notes(bundle) if decision is Decision.IMPORT else []
        if self.dry_run:
            notes = []  # verify writes nothing: flags are raised when it is imported
        if not self.dry_run:
            try:
                counts = self._write(bundle, decision, chain, notes)
            except (EwarongError, SQLAlchemyError) as exc:
                # Rolled back: this bundle is not imported, the others of the run go on.
                self.chains.pop(manifest.code, None)
                self._held.pop(manifest.code, None)
                text = exc.message("id") if isinstance(exc, EwarongError) else db_error_text(exc)
                text_en = exc.message("en") if isinstance(exc, EwarongError) else text
                failure = _write_failed(text, text_en)
                return Outcome(source, "refused", *where, refusal=failure)
        if decision is Decision.IMPORT and self.dry_run:
            # An import finds these in the database; verify wrote nothing, so it remembers.
            for table, records in bundle.tables.items():
                for record in records:
                    self.claimed[(table, record["id"])] = manifest.code
        chain.state = advance(chain.state, manifest, bundle.manifest_sha256, decision)
        if decision is Decision.SUPERSEDED:
            status = "would_supersede" if self.dry_run else "superseded"
        else:
            status = "ok" if self.dry_run else "imported"
        return Outcome(source, status, *where, counts=counts)

    def _imported_before(self, envelope: Envelope) -> bool:
        """These exact manifest bytes were recorded under an earlier epoch's key."""
        head = envelope.peek()
        code = (head.get("warong") or {}).get("code") if isinstance(head, dict) else None
        with self._reading() as conn:
            found = conn.execute(
                select(ReceivedBundle.id).where(
                    ReceivedBundle.code == code,
                    ReceivedBundle.manifest_sha256 == envelope.manifest_sha256,
                )
            ).first()
        return found is not None

    def _old_key_checks(self, envelope: Envelope) -> tuple[str, int, int, str]:
        """A re-import of a bundle from a since-replaced key is "already imported" only after
        rules 1 and 3 and its signature by the key it was imported under (rule 2): a changed
        data byte under an unchanged manifest is still refused."""
        head = envelope.peek()
        code, kid = head["warong"]["code"], head.get("key_id")
        with self._reading() as conn:
            row = conn.execute(
                select(WarongKey.epoch, WarongKey.key_id, WarongKey.public_key)
                .where(WarongKey.code == code, WarongKey.key_id == kid)
                .order_by(WarongKey.epoch.desc())
            ).first()
        if row is None:  # cannot happen: the key ring found it replaced
            raise BundleRefused(2, "replaced_key", "kunci lama tidak ada", "old key not found")
        old = EnrolledKey(code, row.epoch, row.key_id, base64.b64decode(row.public_key))
        manifest = verify_manifest(envelope, _OneKey(old))
        read_data(envelope, manifest, None, self.limits)
        return manifest.code, manifest.epoch, manifest.seq, manifest.kind

    def _open(self, path: Path) -> Envelope:
        if path.name.endswith(SEALED_SUFFIX):
            return open_sealed_envelope(path, self.unseal, self.limits)
        return open_envelope(path, self.limits)

    # -- state ----------------------------------------------------------------------------

    def _chain(self, code: str) -> _Chain:
        chain = self.chains.get(code)
        if chain is None:
            with self._reading() as conn:
                w = conn.execute(select(Warong.__table__).where(Warong.code == code)).one()
                rows = conn.execute(
                    select(ReceivedBundle.seq, ReceivedBundle.manifest_sha256).where(
                        ReceivedBundle.code == code, ReceivedBundle.epoch == w.epoch
                    )
                )
                known = {seq: sha for seq, sha in rows}
            state = ChainState(
                w.epoch, w.last_seq, w.last_manifest_sha256, w.last_changes_to, known
            )
            chain = self.chains[code] = _Chain(state, w.highest_seq_seen)
        return chain

    def _foreign_ids(self, code: str, table: str, ids: list[str]) -> dict[str, str]:
        stored = stored_rows(self._conn, table, ids)
        self._stored[table] = stored
        owners = {i: s.code for i, s in stored.items() if s.code != code}
        for rid in ids:
            other = self.claimed.get((table, rid))
            if other is not None and other != code:
                owners[rid] = other
        return owners

    def _date_notes(self, bundle: ReadBundle) -> list[NewFlag]:
        """A bundle made by a laptop whose clock is impossible: flagged, never refused (the
        records' own dates and periods are checked in `checks.BundleChecks`)."""
        m = bundle.manifest
        latest = self.now + timedelta(days=1)
        try:
            created = datetime.fromisoformat(m.created_at.replace("Z", "+00:00"))
            created = created.replace(tzinfo=None) - (created.utcoffset() or timedelta())
            if EARLIEST <= created <= latest:
                return []
        except ValueError:
            pass
        received = self.now.strftime("%Y-%m-%d")
        return [
            NewFlag(
                "impossible_date", m.code, f"{m.epoch}|{m.seq}|created_at",
                f"bundel seq {m.seq} dibuat {m.created_at!r} menurut jam laptop (diterima "
                f"{received})",
                f"bundle seq {m.seq} made {m.created_at!r} by the laptop's clock (received "
                f"{received})",
                epoch=m.epoch, seq=m.seq,
            )
        ]  # fmt: skip

    # -- writing ---------------------------------------------------------------------------

    def _record_refusal(
        self, code: str, epoch: int, seq: int, refusal: BundleRefused, sha: str, source: str
    ) -> None:
        with self._writing() as conn:
            if refusal.reason == "fork":
                flag = NewFlag(
                    "fork", code, f"{epoch}|{seq}|{sha}",
                    f"seq {seq} sudah diterima dengan isi lain; bundel kedua ({source}) "
                    "ditolak",
                    f"seq {seq} was already received with other content; the second bundle "
                    f"({source}) was refused",
                    epoch=epoch, seq=seq, detail={"manifest_sha256": sha, "file": source},
                )  # fmt: skip
                raise_flags(conn, [flag], self.now)
            conn.execute(
                update(Warong)
                .where(Warong.code == code, Warong.epoch == epoch, Warong.highest_seq_seen < seq)
                .values(highest_seq_seen=seq)
            )

    def _check(
        self,
        conn: Connection,
        bundle: ReadBundle,
        counts: UpsertCounts,
        notes: list[NewFlag],
        since_version_id: int,
    ) -> int:
        """Flag what this bundle wrote that the district can see is wrong; mark the records
        that cannot be matched; returns how many flags are new."""
        m = bundle.manifest
        flags = list(notes)
        for table, before, after in counts.replaced:
            flags += changed_facts(table, m.code, before, after, m.epoch, m.seq)
        for conflict in counts.conflicts:
            flags.append(_version_flag("version_conflict", m.code, m.epoch, m.seq, conflict))
        for older in counts.older:
            flags.append(_version_flag("older_version", m.code, m.epoch, m.seq, older))
        held = self._held.setdefault(m.code, HeldFacts())
        findings = BundleChecks(
            conn, m.code, m.epoch, m.seq, self.now, self._first_rate(conn), held
        ).run(counts.written, since_version_id)
        flags += findings.flags
        for table, ids in findings.unmatched.items():
            model = RECORD_MODELS[table]
            if table in ("redemptions", "purchases"):
                listed = sorted(ids)
                for start in range(0, len(listed), 500):
                    conn.execute(
                        update(model)
                        .where(model.id.in_(listed[start : start + 500]))
                        .values(unmatched=True)
                    )
        months = {r["period"] for r in counts.written.get("redemptions", ())}
        months |= {b["period"] for t, b, _a in counts.replaced if t == "redemptions"}
        mark_stale(conn, months)
        return raise_flags(conn, flags, self.now)

    def _first_rate(self, conn: Connection) -> str | None:
        if self._first_rate_month is None:
            first = conn.execute(select(func.min(EntitlementRateRow.valid_from))).scalar()
            self._first_rate_month = first or ""
        return self._first_rate_month or None

    def _write(
        self, bundle: ReadBundle, decision: Decision, chain: _Chain, notes: list[NewFlag]
    ) -> UpsertCounts:
        m = bundle.manifest
        total = sum(len(r) for r in bundle.tables.values())
        counts = UpsertCounts()
        with self._writing() as conn:
            inserted = conn.execute(
                _RECEIVED_INSERT,
                {
                    "code": m.code,
                    "epoch": m.epoch,
                    "seq": m.seq,
                    "kind": m.kind,
                    "status": "imported" if decision is Decision.IMPORT else "superseded",
                    "manifest_sha256": bundle.manifest_sha256,
                    "manifest": bundle.manifest_bytes.decode("utf-8"),
                    "changes_from": m.changes_from,
                    "changes_to": m.changes_to,
                    "created_at": m.created_at,
                    "received_at": self.now,
                    "file_name": Path(bundle.source).name[:260],
                    "records": total,
                },
            )
            bundle_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            values: dict[str, Any] = {
                "highest_seq_seen": max(chain.highest_seen, m.seq),
                "last_import_at": self.now,
            }
            if decision is Decision.IMPORT:
                since = run_plain(conn, _LAST_VERSION)[0][0] or 0
                for table, records in bundle.tables.items():
                    stored = self._stored.get(table, {})
                    counts.add(
                        upsert_records(
                            conn,
                            table,
                            m.code,
                            bundle_id,
                            records,
                            stored,
                            records.lines,
                            records.digests,
                        )
                    )
                values.update(
                    last_seq=m.seq,
                    last_manifest_sha256=bundle.manifest_sha256,
                    last_changes_to=m.changes_to,
                )
                counts.flags = self._check(conn, bundle, counts, notes, since)
                # The outcome outlives the bundle: keep counts, not every record of the run.
                counts.written, counts.replaced = {}, []
            # Optimistic check: another import of this e-warong in the meantime loses here.
            done = conn.execute(
                _IMPORTED_UPDATE if decision is Decision.IMPORT else _SEEN_UPDATE,
                {
                    **values,
                    "w_code": m.code,
                    "w_epoch": m.epoch,
                    "w_last_seq": chain.state.last_seq,
                },
            )
            if done.rowcount != 1:
                raise Conflict(
                    f"E-warong {m.code} sedang diimpor oleh proses lain; ulangi impor.",
                    f"E-warong {m.code} is being imported by another process; run the "
                    "import again.",
                )
        return counts
