"""Every version the district received of one record, oldest first, with what changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from ewarong_desktop.district.db import reading
from ewarong_desktop.district.flags import FlagView, flags_of_record
from ewarong_desktop.district.models import ReceivedBundle, RecordVersion
from ewarong_desktop.domain.errors import NotFound

SKIPPED = ("id", "version")  # every version differs in these: not a change worth a line


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class VersionView:
    table: str
    version: int
    epoch: int
    seq: int
    file_name: str
    received_at: datetime
    updated_at: str  # the laptop's clock: informational
    record: dict[str, Any]
    changes: tuple[Change, ...]  # against the version before it; empty for the first


@dataclass(frozen=True)
class RecordHistory:
    code: str
    record_id: str
    versions: tuple[VersionView, ...]
    flags: tuple[FlagView, ...]

    def lines(self, lang: str = "id") -> list[str]:
        en = lang == "en"
        out = []
        for v in self.versions:
            when = v.received_at.strftime("%Y-%m-%d %H:%M")
            head = (
                f"{v.table} {self.record_id} v{v.version}: "
                + (f"received {when} UTC" if en else f"diterima {when} UTC")
                + f", {v.file_name} (epoch {v.epoch} seq {v.seq})"
            )
            out.append(head)
            if not v.changes:
                shown = json.dumps(v.record, ensure_ascii=False, sort_keys=True)
                out.append(f"    {shown}")
            for c in v.changes:
                before = json.dumps(c.before, ensure_ascii=False)
                after = json.dumps(c.after, ensure_ascii=False)
                out.append(f"    {c.field}: {before} → {after}")
        for flag in self.flags:
            out.append(flag.line(lang))
        return out


def _changes(before: dict[str, Any] | None, after: dict[str, Any]) -> tuple[Change, ...]:
    if before is None:
        return ()
    names = sorted((set(before) | set(after)) - set(SKIPPED))
    return tuple(
        Change(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)
    )


def record_history(engine: Engine, code: str, record_id: str) -> RecordHistory:
    """Oldest first; NotFound when the district never received that id from that e-warong."""
    record_id = record_id.strip().lower()
    query = (
        select(
            RecordVersion.table_name,
            RecordVersion.version,
            RecordVersion.record,
            RecordVersion.updated_at,
            ReceivedBundle.epoch,
            ReceivedBundle.seq,
            ReceivedBundle.file_name,
            ReceivedBundle.received_at,
        )
        .join(ReceivedBundle, ReceivedBundle.id == RecordVersion.bundle_id)
        .where(RecordVersion.warong_code == code, RecordVersion.record_id == record_id)
        .order_by(RecordVersion.version, RecordVersion.id)
    )
    with reading(engine) as conn:
        rows = conn.execute(query).all()
        flags = flags_of_record(conn, code, record_id)
    if not rows:
        raise NotFound(
            f"Tidak ada catatan {record_id} dari e-warong {code}.",
            f"No record {record_id} from e-warong {code}.",
        )
    versions = []
    previous: dict[str, Any] | None = None
    for r in rows:
        record = json.loads(r.record)
        record.pop("updated_at", None)  # shown from its own column; a line as received has it
        versions.append(
            VersionView(
                r.table_name, r.version, r.epoch, r.seq, r.file_name, r.received_at,
                r.updated_at, record, _changes(previous, record),
            )
        )  # fmt: skip
        previous = record
    return RecordHistory(code, record_id, tuple(versions), tuple(flags))
