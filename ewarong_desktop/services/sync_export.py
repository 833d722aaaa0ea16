"""Export the next signed bundle to a USB stick, keep every bundle, re-copy, rekey, enrolment.

The chain (epoch, last seq, last manifest hash, last `changes.to`) lives beside the key in
`<data_dir>/keys/`, never in the store, so restoring an older backup never reuses a seq: the
first bundle after a restore is full and continues the seq and the chain. A seq counts as used
once its kept copy in `<data_dir>/bundles/` is complete.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ewarong_desktop.domain.errors import InvalidInput, NotFound, StoreProblem
from ewarong_desktop.domain.words import os_reason
from ewarong_desktop.fsio import atomic_write_bytes, exclusive_lock
from ewarong_desktop.services import district_reply
from ewarong_desktop.services.changes import Changes, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.sync_source import bundle_snapshot
from ewarong_desktop.store.repositories import sync_export as export_rows
from ewarong_desktop.store.repositories.records import change_counter_value
from ewarong_desktop.sync import keys
from ewarong_desktop.sync.district_link import SEALED_SUFFIX, seal
from ewarong_desktop.sync.enrolment import enrolment_bytes, enrolment_filename
from ewarong_desktop.sync.writer import BuiltBundle, BundleInput, build_bundle

KEY_DIR = "keys"
BUNDLES_DIR = "bundles"
REKEY_LOG = "rekey-log.jsonl"
LOCK_FILE = ".sync.lock"
LOCK_TIMEOUT = 30.0  # seconds to wait for another export (a big one takes a few)
# In the store: which bundle this store last went out in. A restored older backup does not
# know the latest one, and that is how the next export knows to send everything.
EXPORT_MARK = "sync_last_export"
_KEPT = re.compile(r"^ewarong-(?P<code>[A-Za-z0-9-]{1,40})-e(?P<epoch>\d+)-(?P<seq>\d{6,})\.ewb\Z")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kept: Path
    epoch: int
    seq: int
    kind: str
    records: int
    manifest_sha256: str
    reason_full: str | None  # why a full bundle was sent (first of epoch, restore, asked)
    changes: Changes = frozenset({Topic.SYNC})


@dataclass(frozen=True)
class NothingToExport:
    """Nothing changed since the last bundle: no file written, no seq used."""

    epoch: int
    last_seq: int  # the bundle that already carries everything
    changes: Changes = frozenset()


@dataclass(frozen=True)
class KeptBundle:
    path: Path
    epoch: int
    seq: int
    kind: str
    created_at: str
    records: int
    bytes: int
    redemptions: int
    redemptions_rupiah: int
    sealed: bool = False  # the stick got it encrypted to the district's key
    received: str | None = None  # "diterima Dinas": the date its reply said so
    # The Dinas's last reply says it was offered this one but did not import it.
    dinas_missing: bool = False


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    fingerprint: str
    epoch: int


@dataclass(frozen=True)
class RekeyResult:
    key_id: str
    fingerprint: str
    epoch: int
    enrolment: Path
    changes: Changes = frozenset({Topic.SYNC})


def key_dir(ctx: ServiceContext) -> Path:
    return ctx.data_dir / KEY_DIR


def bundles_dir(ctx: ServiceContext) -> Path:
    return ctx.data_dir / BUNDLES_DIR


def _mark(epoch: int, seq: int) -> str:
    return f"{epoch}:{seq}"


def _kept_manifest_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("manifest.json")


def _kept_manifest(path: Path) -> dict[str, Any]:
    value = json.loads(_kept_manifest_bytes(path))
    if not isinstance(value, dict):
        raise ValueError("manifest is not an object")
    return value


def _kept_files(ctx: ServiceContext) -> list[tuple[int, int, Path]]:
    folder = bundles_dir(ctx)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _KEPT.match(path.name)
        if match:
            found.append((int(match["epoch"]), int(match["seq"]), path))
    return sorted(found)


def _recover(ctx: ServiceContext, state: keys.SyncState) -> keys.SyncState:
    """A kept copy newer than the state (a crash right after writing it) still used its seq."""
    newer = [(s, p) for e, s, p in _kept_files(ctx) if e == state.epoch and s > state.last_seq]
    if not newer:
        return state
    seq, path = max(newer)
    try:
        data = _kept_manifest_bytes(path)
        manifest = json.loads(data)
        changes_to = int(manifest["changes"]["to"])
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return state  # a damaged kept copy: it never left the laptop, the seq may be reused
    recovered = replace(
        state,
        last_seq=seq,
        last_manifest_sha256=hashlib.sha256(data).hexdigest(),
        last_changes_to=changes_to,
    )
    keys.save_state(key_dir(ctx), recovered)
    return recovered


def _store_facts(ctx: ServiceContext) -> tuple[int, str, str | None]:
    """(change counter, store id, export mark) as the store holds them now."""
    with ctx.reading() as session:
        return (
            change_counter_value(session),
            export_rows.meta_value(session, "store_id") or "",
            export_rows.meta_value(session, EXPORT_MARK),
        )


def _why_full(
    state: keys.SyncState, counter: int, store_id: str, mark: str | None, asked: bool
) -> str | None:
    if asked:
        return "asked"
    if state.last_seq == 0:
        return "first_of_epoch"
    if state.store_id != store_id or counter < state.last_changes_to:
        return "restored"
    if mark != _mark(state.epoch, state.last_seq):
        return "restored"
    return None


def _check_out_dir(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InvalidInput(
            f"Folder tujuan {out_dir} tidak ada (flashdisk sudah dipasang?).",
            f"The folder {out_dir} does not exist (is the USB stick plugged in?).",
        )
    return out_dir


def _write_out(path: Path, data: bytes, seq: int) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise StoreProblem(
            f"Bundel seq {seq} tidak bisa ditulis ke {path.parent}: {os_reason(exc).id}. "
            f"Bundel tersimpan di laptop; salin lagi dengan: export --again {seq} --out FOLDER",
            f"Bundle seq {seq} could not be written to {path.parent}: {os_reason(exc).en}. "
            f"It is kept on the laptop; copy it again with: export --again {seq} --out FOLDER",
        ) from exc


@contextmanager
def _one_at_a_time(ctx: ServiceContext) -> Iterator[None]:
    """The window and a script may share a data folder: never two exports (or rekeys) at once."""
    try:
        with exclusive_lock(ctx.data_dir / LOCK_FILE, LOCK_TIMEOUT):
            yield
    except TimeoutError as exc:
        raise StoreProblem(
            "Ekspor lain sedang berjalan pada data ini; tunggu sampai selesai, lalu ulangi.",
            "Another export is running on this data; wait for it to finish, then try again.",
        ) from exc


def export_bundle(
    ctx: ServiceContext, out_dir: Path, *, full: bool = False, progress: Progress | None = None
) -> ExportResult | NothingToExport:
    """Write the next bundle into `out_dir` (incremental unless a full one is due or asked).

    An incremental bundle with no record in it would only use up a seq and a trip to the
    district office: nothing is written then, and the answer says so (`--full` always writes).
    """
    # Before anything is signed or a seq used: someone who may write, a clock that is
    # right, and a store whose every page reads (a bundle is made from all of them).
    ctx.require_writer("sync_export")
    ctx.db.require_sound()
    out_dir = _check_out_dir(out_dir)
    with _one_at_a_time(ctx):
        return _export(ctx, out_dir, full, progress or (lambda _step: None))


def _export(
    ctx: ServiceContext, out_dir: Path, full: bool, say: Progress
) -> ExportResult | NothingToExport:
    kdir = key_dir(ctx)
    private_key = keys.load_signing_key(kdir)
    state = _recover(ctx, keys.load_state(kdir))
    counter, store_id, mark = _store_facts(ctx)
    why = _why_full(state, counter, store_id, mark, full)
    say("collect")
    snapshot = bundle_snapshot(ctx.db, 0 if why else state.last_changes_to)
    if not why and not any(snapshot.tables.values()):
        return NothingToExport(state.epoch, state.last_seq)
    seq = state.last_seq + 1
    built: BuiltBundle = build_bundle(
        BundleInput(
            warong=snapshot.warong,
            epoch=state.epoch,
            seq=seq,
            prev_manifest_sha256=state.last_manifest_sha256 if seq > 1 else None,
            kind="full" if why else "incremental",
            changes_from=0 if why else state.last_changes_to,
            changes_to=snapshot.change_to,
            schema=snapshot.schema,
            tables=snapshot.tables,
            created_at=datetime.now(UTC),
        ),
        private_key,
    )
    say("keep")
    kept = bundles_dir(ctx) / built.filename
    district = district_reply.enrolled_district_key(ctx)
    # Sealed once, and that copy kept: `export --again` gives the same encrypted bytes.
    sealed = seal(built.data, district) if district is not None else None
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        if sealed is not None:
            atomic_write_bytes(kept.with_name(kept.name + SEALED_SUFFIX), sealed)
        atomic_write_bytes(kept, built.data)
    except OSError as exc:
        raise StoreProblem(
            f"Bundel tidak bisa disimpan di {kept.parent}: {os_reason(exc).id}.",
            f"The bundle cannot be kept in {kept.parent}: {os_reason(exc).en}.",
        ) from exc
    # The kept copy is complete: this seq is used, whatever happens to the USB stick.
    keys.save_state(
        kdir,
        replace(
            state,
            last_seq=seq,
            last_manifest_sha256=built.manifest_sha256,
            last_changes_to=snapshot.change_to,
            store_id=snapshot.store_id,
        ),
    )
    with ctx.transaction("sync_export") as session:
        export_rows.set_meta(session, EXPORT_MARK, _mark(state.epoch, seq))
    say("copy")
    if sealed is not None:
        target = out_dir / (built.filename + SEALED_SUFFIX)
        _write_out(target, sealed, seq)
    else:
        target = out_dir / built.filename
        _write_out(target, built.data, seq)
    return ExportResult(
        path=target,
        kept=kept,
        epoch=state.epoch,
        seq=seq,
        kind=built.manifest.kind,
        records=sum(f.records for f in built.manifest.files),
        manifest_sha256=built.manifest_sha256,
        reason_full=why,
    )


def list_bundles(ctx: ServiceContext) -> list[KeptBundle]:
    """Every bundle this laptop exported, oldest first."""
    found = []
    marks = district_reply.received_marks(ctx)
    gap = district_reply.district_status(ctx).missing_seqs
    for epoch, seq, path in _kept_files(ctx):
        try:
            manifest = _kept_manifest(path)
            records = sum(int(f["records"]) for f in manifest["files"])
            summary = manifest["summary"]["redemptions"]
            found.append(
                KeptBundle(
                    path,
                    epoch,
                    seq,
                    str(manifest["kind"]),
                    str(manifest["created_at"]),
                    records,
                    path.stat().st_size,
                    int(summary["count"]),
                    int(summary["total_rupiah"]),
                    path.with_name(path.name + SEALED_SUFFIX).is_file(),
                    marks.get((epoch, seq)),
                    gap is not None
                    and (epoch, seq) not in marks
                    and epoch == gap[0]
                    and gap[1] <= seq <= gap[2],
                )
            )
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
            continue  # an unfinished temp file or a damaged copy is not offered
    return found


def export_again(ctx: ServiceContext, seq: int, out_dir: Path, epoch: int | None = None) -> Path:
    """Copy a kept bundle again, byte for byte (a lost USB stick); uses no new seq."""
    out_dir = _check_out_dir(out_dir)
    epoch = epoch if epoch is not None else keys.load_state(key_dir(ctx)).epoch
    for e, s, path in _kept_files(ctx):
        if (e, s) == (epoch, seq):
            sealed = path.with_name(path.name + SEALED_SUFFIX)
            if sealed.is_file():
                path = sealed
            data = path.read_bytes()
            target = out_dir / path.name
            _write_out(target, data, seq)
            return target
    raise NotFound(
        f"Tidak ada bundel seq {seq} (epoch {epoch}) yang tersimpan; lihat 'bundles'.",
        f"No kept bundle seq {seq} (epoch {epoch}); see 'bundles'.",
    )


def kept_manifest_hashes(ctx: ServiceContext) -> dict[tuple[int, int], str]:
    """(epoch, seq) -> the manifest hash of each kept bundle (a reply names them so)."""
    hashes = {}
    for epoch, seq, path in _kept_files(ctx):
        try:
            hashes[(epoch, seq)] = hashlib.sha256(_kept_manifest_bytes(path)).hexdigest()
        except (OSError, KeyError, zipfile.BadZipFile):
            continue
    return hashes


def key_info(ctx: ServiceContext) -> KeyInfo:
    kdir = key_dir(ctx)
    kid = keys.key_id(keys.load_signing_key(kdir).public_key())
    return KeyInfo(kid, keys.fingerprint(kid), keys.load_state(kdir).epoch)


def _profile(ctx: ServiceContext) -> dict[str, str]:
    with ctx.reading() as session:
        p = export_rows.warong_profile(session)
        return {"code": p.code, "name": p.name, "desa": p.desa, "kecamatan": p.kecamatan,
                "kabupaten": p.kabupaten}  # fmt: skip


def enrolment_document(ctx: ServiceContext) -> tuple[str, bytes]:
    """(file name, bytes) of this laptop's enrolment file for its current key and epoch."""
    kdir = key_dir(ctx)
    public_key = keys.load_signing_key(kdir).public_key()
    warong = _profile(ctx)
    data = enrolment_bytes(warong, keys.load_state(kdir).epoch, public_key)
    return enrolment_filename(warong["code"]), data


def write_enrolment(ctx: ServiceContext, out_dir: Path | None = None) -> Path:
    """Write `ewarong-<code>.enrol.json` into `out_dir` (default: the data folder)."""
    folder = ctx.data_dir if out_dir is None else _check_out_dir(out_dir)
    name, data = enrolment_document(ctx)
    target = folder / name
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise StoreProblem(
            f"Berkas enrolmen tidak bisa ditulis ke {folder}: {os_reason(exc).id}.",
            f"The enrolment file cannot be written to {folder}: {os_reason(exc).en}.",
        ) from exc
    return target


def rekey(
    ctx: ServiceContext, reason: str, out_dir: Path | None = None, epoch: int | None = None
) -> RekeyResult:
    """A new key for a new epoch (after a reinstall or a theft); seq starts again at 1.

    `epoch` is needed only when this laptop lost its key folder (it then cannot know the
    current epoch; `ewarong-district list` at the office shows it): the new one is that + 1.
    """
    ctx.require_admin("mengganti kunci tanda tangan", "replace the signing key")
    ctx.require_writer("rekey")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            "Alasan penggantian kunci wajib diisi (--reason).",
            "A reason for the new key is required (--reason).",
        )
    if out_dir is not None:
        _check_out_dir(out_dir)
    with _one_at_a_time(ctx):
        return _rekey(ctx, reason, out_dir, epoch)


def _rekey(
    ctx: ServiceContext, reason: str, out_dir: Path | None, epoch: int | None
) -> RekeyResult:
    kdir = key_dir(ctx)
    if keys.has_key(kdir) and (kdir / keys.STATE_FILE).exists():
        kid, state = keys.rotate_key(kdir, epoch)
    else:
        if epoch is None or epoch < 2:
            raise InvalidInput(
                "Folder kunci laptop ini hilang, jadi epoch berikutnya tidak diketahui. Tanyakan "
                "epoch e-warong ini ke dinas sosial (ewarong-district list), lalu ulangi dengan "
                "--epoch (epoch itu + 1).",
                "This laptop's key folder is lost, so the next epoch is unknown. Ask the district "
                "office for this e-warong's epoch (ewarong-district list), then run again with "
                "--epoch (that epoch + 1).",
            )
        keys.create_key_files(kdir, epoch)
        state = keys.load_state(kdir)
        kid = state.key_id or keys.key_id(keys.load_signing_key(kdir).public_key())
    entry = {"epoch": state.epoch, "key_id": kid, "reason": reason,
             "at": datetime.now(UTC).replace(microsecond=0).isoformat()}  # fmt: skip
    log = kdir / REKEY_LOG
    previous = log.read_bytes() if log.exists() else b""
    atomic_write_bytes(log, previous + json.dumps(entry, ensure_ascii=False).encode() + b"\n")
    path = write_enrolment(ctx, out_dir)
    if out_dir is not None:
        write_enrolment(ctx)  # the data folder keeps the current one too
    return RekeyResult(kid, keys.fingerprint(kid), state.epoch, path)


@dataclass(frozen=True)
class SyncStatus:
    """What the shop needs to know before handing in a stick: when the last file was made,
    and what the next one will carry."""

    last_sent_at: datetime | None  # when the last bundle was made (UTC), None before any
    unsent_redemptions: int  # sales recorded or voided since then
    unsent_purchases: int
    unsent_kpm: int
    next_is_full: bool  # the next file carries everything (the first, or after a restore)


def sync_status(ctx: ServiceContext) -> SyncStatus:
    from ewarong_desktop.store.models import Beneficiary, Purchase, Redemption

    kdir = key_dir(ctx)
    state = keys.load_state(kdir)
    counter, store_id, mark = _store_facts(ctx)
    full = _why_full(state, counter, store_id, mark, False) is not None
    since = 0 if full else state.last_changes_to
    with ctx.reading() as session:
        counts = [
            export_rows.changed_count(session, model, since)
            for model in (Redemption, Purchase, Beneficiary)
        ]
    kept = list_bundles(ctx)
    last = None
    if kept:
        last = datetime.fromisoformat(kept[-1].created_at.replace("Z", "+00:00"))
    return SyncStatus(last, counts[0], counts[1], counts[2], full)
