"""`check`: is this store whole? SQLite's own check, migrations, the ledger, the audit chain."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ewarong_desktop.domain.periods import Period
from ewarong_desktop.services.programme import load_programme
from ewarong_desktop.store.database import Database, StoreDamaged
from ewarong_desktop.store.files import UNREADABLE
from ewarong_desktop.store.migrate import head_revision
from ewarong_desktop.store.models import Purchase, PurchaseLine, Redemption
from ewarong_desktop.store.repositories import integrity as reading
from ewarong_desktop.store.tracking import GENESIS_HASH, entry_hash, plain


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(data_dir: Path) -> CheckReport:
    """Open without migrating (an unapplied migration is itself a finding) and check all.

    Damage is a finding, never a crash: an emptied file, a file that is no store, a page
    SQLite cannot read are each reported as "damaged: restore from backup".
    """
    report = CheckReport()
    try:
        db = Database.open(data_dir, migrate=False)
    except StoreDamaged as exc:
        report.problems.append(exc.en_text)
        return report
    try:
        try:
            report.problems += db.integrity_problems()
        except UNREADABLE as exc:
            report.problems.append(str(StoreDamaged(db.path, str(exc))))
        if report.problems:
            return report
        revision, head = db.schema_revision(), head_revision()
        if revision != head:
            report.problems.append(f"schema at revision {revision}, expected {head}")
            return report
        try:
            with db.reading() as session:
                _check_ledger(session, report)
                _check_amounts(session, report)
                _check_audit(session, report)
        except StoreDamaged as exc:
            report.problems.append(exc.en_text)
        except reading.UNREADABLE as exc:
            # Text that is not UTF-8, a date that is not a date: edited outside the app.
            report.problems.append(f"unreadable data (edited outside the app?): {exc}")
        return report
    finally:
        db.close()


def _check_ledger(session: Session, report: CheckReport) -> None:
    by_lot = reading.lot_ledger_sums(session)
    for lot in reading.all_rows(session, PurchaseLine):
        if by_lot.get(lot.id, 0) != lot.remaining_milli or lot.remaining_milli < 0:
            report.problems.append(
                f"lot {lot.id}: remaining {lot.remaining_milli} but ledger says "
                f"{by_lot.get(lot.id, 0)}"
            )
    levels = reading.product_levels(session)
    for product_id, level in levels:
        if level < 0:
            report.problems.append(f"product {product_id}: stock below zero ({level})")
    moved = reading.redemption_line_movements(session)
    for line, status in reading.redemption_lines_with_status(session):
        expected = -line.quantity_milli if status == "completed" else 0
        if moved.get(line.id, 0) != expected:
            report.problems.append(
                f"redemption line {line.id}: stock moved {moved.get(line.id, 0)}, "
                f"expected {expected}"
            )
    report.facts["lots"] = len(by_lot)
    report.facts["products_with_stock"] = len(levels)


def _check_amounts(session: Session, report: CheckReport) -> None:
    pairs: tuple[tuple[Any, Callable[[Session], dict[str, int]]], ...] = (
        (Redemption, reading.redemption_line_totals),
        (Purchase, reading.purchase_line_totals),
    )
    for model, line_totals in pairs:
        sums = line_totals(session)
        count = 0
        for row in reading.all_rows(session, model):
            count += 1
            if row.id not in sums:
                report.problems.append(f"{model.__tablename__} {row.id}: no lines")
            elif sums[row.id] != row.total_rupiah:
                report.problems.append(
                    f"{model.__tablename__} {row.id}: total {row.total_rupiah} but lines add "
                    f"up to {sums[row.id]}"
                )
        report.facts[model.__tablename__] = count
    programme = load_programme(session)
    for beneficiary_id, period, total in reading.spent_per_kpm_period(session):
        rate = programme.rate(Period.parse(period))
        if rate is None or total > rate:
            report.problems.append(
                f"KPM {beneficiary_id}: {period} redeemed {total}, entitlement {rate}"
            )


def _check_audit(session: Session, report: CheckReport) -> None:
    """The chain must be unbroken, and folding it must give every record as it stands."""
    prev, expected_seq = GENESIS_HASH, 1
    state: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for entry in reading.audit_entries(session):
        digest = entry_hash(
            prev,
            entry.seq,
            entry.at.isoformat(),
            entry.actor,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.old_values,
            entry.new_values,
        )
        if entry.seq != expected_seq:
            report.problems.append(f"audit log: row {expected_seq} missing (next is {entry.seq})")
            return
        if entry.prev_hash != prev or entry.hash != digest:
            report.problems.append(f"audit log: row {entry.seq} was altered")
            return
        if entry.new_values:
            state[(entry.entity, entry.entity_id)].update(json.loads(entry.new_values))
        prev, expected_seq = entry.hash, expected_seq + 1
    report.facts["audit_rows"] = expected_seq - 1
    for table, model in reading.audited_models().items():
        columns = reading.column_keys(model)
        added_later = reading.migration_defaults(model)
        for row in reading.all_rows(session, model):
            recorded = state.get((table, row.id))
            current = {c: plain(getattr(row, c)) for c in columns}
            if recorded is None:
                report.problems.append(f"{table} {row.id}: not in the audit log")
                continue
            changed = [c for c in columns if _differs(c, recorded, current, added_later)]
            if changed:
                report.problems.append(
                    f"{table} {row.id}: changed outside the app ({', '.join(changed)})"
                )


def _differs(
    column: str, recorded: dict[str, Any], current: dict[str, Any], added: dict[str, str | None]
) -> bool:
    if column in recorded:
        return bool(recorded[column] != current[column])
    default = added.get(column)
    if default is None:
        return current[column] is not None
    if isinstance(current[column], bool):  # SQLite keeps a boolean default as 1 or 0
        return current[column] != (default.strip("'").lower() in ("1", "true"))
    return str(current[column]) != default
