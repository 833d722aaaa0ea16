"""Import the KPM list from the Dinas Sosial: preview what each row would do, then apply it.

Reading and checking the file is `kpm_import`'s job; this module decides, against the store,
whether each good row is a new KPM, an update (same NIK, changed name, desa or KKS) or
unchanged, and applies the whole list in one transaction: a crash half-way leaves the store
as it was, and importing the same file again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ewarong_desktop.domain.errors import Conflict
from ewarong_desktop.domain.periods import Period
from ewarong_desktop.domain.words import say
from ewarong_desktop.kpm_import import (
    FIELDS,
    ColumnMapping,
    KpmFile,
    KpmFileUnreadable,
    KpmRecord,
    Reason,
    RejectedRow,
    read_kpm_file,
)
from ewarong_desktop.kpm_import.columns import FIELD_ALIASES, FIELD_LABELS, FIELD_LABELS_EN
from ewarong_desktop.kpm_import.rejects import write_rejects

# What the CLI and the window need to name the columns and the refusal, through this service.
__all__ = [
    "FIELDS",
    "FIELD_ALIASES",
    "FIELD_LABELS",
    "FIELD_LABELS_EN",
    "KpmFileUnreadable",
    "apply_import",
    "preview_import",
    "save_rejects",
]
from ewarong_desktop.services.changes import NO_CHANGES, Changes, Topic
from ewarong_desktop.services.context import ServiceContext
from ewarong_desktop.services.profile import working_period
from ewarong_desktop.store.models import Beneficiary
from ewarong_desktop.store.repositories import beneficiaries as kpms

IMPORTED, UPDATED, UNCHANGED, REJECTED = "imported", "updated", "unchanged", "rejected"
OUTCOMES = (IMPORTED, UPDATED, UNCHANGED, REJECTED)

MappingChoice = ColumnMapping | Mapping[str, int | str | None]


@dataclass(frozen=True)
class FieldChange:
    field: str  # name | kks_number | desa
    old: str
    new: str


@dataclass(frozen=True)
class PlannedRow:
    """A good row and what it does to the store."""

    row: int
    outcome: str  # imported | updated | unchanged
    nik: str
    name: str
    kks_number: str
    desa: str
    changes: tuple[FieldChange, ...] = ()
    address: str = ""
    # Deactivated in the store: the import updates the details but does not reactivate.
    inactive: bool = False


@dataclass(frozen=True)
class ImportPreview:
    """Everything the operator sees before confirming; plain data, no store objects."""

    path: Path
    kind: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    mapping: ColumnMapping
    guessed_mapping: ColumnMapping
    rows: tuple[PlannedRow, ...]
    rejected: tuple[RejectedRow, ...]
    skipped: int
    warnings: tuple[Reason, ...]
    digest: str

    def count(self, outcome: str) -> int:
        if outcome == REJECTED:
            return len(self.rejected)
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOMES}

    @property
    def changes_anything(self) -> bool:
        return any(r.outcome != UNCHANGED for r in self.rows)


@dataclass(frozen=True)
class ImportResult:
    """What an applied import did; `preview` is the plan as applied inside the transaction."""

    preview: ImportPreview
    dry_run: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return self.preview.counts

    @property
    def changed(self) -> bool:
        return not self.dry_run and self.preview.changes_anything

    @property
    def changes(self) -> Changes:
        return frozenset({Topic.KPM}) if self.changed else NO_CHANGES

    def summary(self, lang: str = "id") -> str:
        c = self.counts
        if not self.preview.changes_anything:
            id_text = (
                f"Tidak ada perubahan: {c[UNCHANGED]} KPM di berkas sudah sama dengan data "
                f"e-warong; {c[REJECTED]} baris ditolak."
            )
            en_text = (
                f"Nothing changed: the file's {c[UNCHANGED]} KPMs already match the store; "
                f"{c[REJECTED]} rows refused."
            )
        else:
            counted_id = (
                f"{c[IMPORTED]} KPM baru, {c[UPDATED]} diperbarui, {c[UNCHANGED]} tidak "
                f"berubah; {c[REJECTED]} baris ditolak."
            )
            counted_en = (
                f"{c[IMPORTED]} new KPMs, {c[UPDATED]} updated, {c[UNCHANGED]} unchanged; "
                f"{c[REJECTED]} rows refused."
            )
            if self.dry_run:
                id_text = f"Uji coba, tidak ada yang disimpan: {counted_id}"
                en_text = f"Dry run, nothing saved: {counted_en}"
            else:
                id_text, en_text = f"Tersimpan: {counted_id}", f"Saved: {counted_en}"
            return say(lang, id_text, en_text)
        if self.dry_run:
            id_text += " Uji coba: tidak ada yang disimpan."
            en_text += " Dry run: nothing was saved."
        return say(lang, id_text, en_text)


def preview_import(
    ctx: ServiceContext,
    path: str | Path,
    sheet: str | None = None,
    mapping: MappingChoice | None = None,
    header_row: int | None = None,
) -> ImportPreview:
    """Read and check the file and say what each row would do; nothing is written.

    Raises `KpmFileUnreadable` when the file cannot be read at all.
    """
    kpm_file = read_kpm_file(path, sheet=sheet, mapping=mapping, header_row=header_row)
    with ctx.reading() as session:
        return _plan(session, kpm_file)


def apply_import(
    ctx: ServiceContext,
    source: ImportPreview | str | Path,
    *,
    sheet: str | None = None,
    mapping: MappingChoice | None = None,
    header_row: int | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import every good row in one transaction; refused rows are reported, not imported.

    Given a preview, the file is read again with the preview's sheet, header row and column
    mapping (the operator's corrections included) and refused if it changed since. The plan
    is made again inside the transaction, so it is right even if the store changed since.
    """
    if isinstance(source, ImportPreview):
        kpm_file = read_kpm_file(
            source.path, sheet=source.sheet, mapping=source.mapping, header_row=source.header_row
        )
        if kpm_file.digest != source.digest:
            raise Conflict(
                f"Berkas {source.path.name} berubah sejak pratinjau; buat pratinjau lagi.",
                f"File {source.path.name} changed since the preview; preview it again.",
            )
    else:
        kpm_file = read_kpm_file(source, sheet=sheet, mapping=mapping, header_row=header_row)
    if dry_run:
        with ctx.reading() as session:
            return ImportResult(_plan(session, kpm_file), dry_run=True)
    with ctx.transaction("import_kpm") as session:
        preview = _plan(session, kpm_file)
        if preview.changes_anything:
            _write(session, preview, working_period(ctx, session))
    return ImportResult(preview)


def save_rejects(preview: ImportPreview, path: str | Path, lang: str = "id") -> Path:
    """The refused rows with a reason column (CSV, or XLSX by extension), to send back."""
    return write_rejects(path, preview.headers, preview.rejected, lang)


# --- planning -----------------------------------------------------------------------------


def _kks_missing() -> Reason:
    return Reason(
        "kks_missing",
        "Nomor KKS kosong; KPM baru tidak bisa didaftarkan tanpa kartu KKS.",
        "The KKS number is empty; a new KPM cannot be registered without a KKS card.",
    )


def _kks_taken(kks: str, holder: Beneficiary | PlannedRow) -> Reason:
    return Reason(
        "kks_taken",
        f"Kartu KKS {kks} sudah dipakai {holder.name} (NIK {holder.nik}).",
        f"KKS card {kks} already belongs to {holder.name} (NIK {holder.nik}).",
    )


def _plan_row(record: KpmRecord, current: Beneficiary | None) -> PlannedRow | Reason:
    if current is None:
        if record.kks is None:
            return _kks_missing()
        return PlannedRow(
            record.row,
            IMPORTED,
            record.nik,
            record.name,
            record.kks,
            record.village or "",
            address=record.address or "",
        )
    # An empty KKS or desa cell leaves what the store holds: a list never blanks a field.
    kks = record.kks or current.kks_number
    desa = record.village if record.village is not None else current.desa
    address = record.address if record.address is not None else current.address
    changes = tuple(
        FieldChange(name, old, new)
        for name, old, new in (
            ("name", current.name, record.name),
            ("kks_number", current.kks_number, kks),
            ("desa", current.desa, desa),
            ("address", current.address, address),
        )
        if old != new
    )
    return PlannedRow(
        record.row,
        UPDATED if changes else UNCHANGED,
        record.nik,
        record.name,
        kks,
        desa,
        changes,
        address,
        inactive=not current.active,
    )


def _plan(session: Session, kpm_file: KpmFile) -> ImportPreview:
    # One query for the whole store: a 10,000-row list must not cost 10,000 lookups.
    existing = {b.nik: b for b in kpms.every(session)}
    planned: dict[int, tuple[KpmRecord, PlannedRow]] = {}
    refused: list[RejectedRow] = list(kpm_file.rejected)
    for record in kpm_file.records:
        outcome = _plan_row(record, existing.get(record.nik))
        if isinstance(outcome, Reason):
            refused.append(record.rejected(outcome))
        else:
            planned[record.row] = (record, outcome)
    refused.extend(_refuse_taken_cards(existing, planned))
    refused.extend(_refuse_crossed_numbers(existing, planned))
    return ImportPreview(
        path=kpm_file.path,
        kind=kpm_file.kind,
        encoding=kpm_file.encoding,
        delimiter=kpm_file.delimiter,
        sheet=kpm_file.sheet,
        sheets=kpm_file.sheets,
        header_row=kpm_file.header_row,
        headers=kpm_file.headers,
        mapping=kpm_file.mapping,
        guessed_mapping=kpm_file.guessed_mapping,
        rows=tuple(plan for _record, plan in planned.values()),
        rejected=tuple(sorted(refused, key=lambda r: r.row)),
        skipped=kpm_file.skipped,
        warnings=kpm_file.warnings,
        digest=kpm_file.digest,
    )


def _refuse_taken_cards(
    existing: dict[str, Beneficiary], planned: dict[int, tuple[KpmRecord, PlannedRow]]
) -> list[RejectedRow]:
    """Refuse rows that give a card to one NIK while another active KPM keeps it.

    Judged on the store as it will be after the import, so two KPMs swapping cards in one
    list is fine; repeated because each refusal leaves that KPM's old card where it was.
    """
    refused: list[RejectedRow] = []
    while True:
        card_of = {nik: b.kks_number for nik, b in existing.items() if b.active}
        plan_of = {plan.nik: plan for _record, plan in planned.values()}
        card_of.update({nik: p.kks_number for nik, p in plan_of.items() if not p.inactive})
        niks_by_card: dict[str, set[str]] = defaultdict(set)
        for nik, card in card_of.items():
            niks_by_card[card].add(nik)
        clashes = []
        for row, (record, plan) in planned.items():
            current = existing.get(plan.nik)
            takes_card = current is None or current.kks_number != plan.kks_number
            others = sorted(niks_by_card[plan.kks_number] - {plan.nik})
            if takes_card and others:
                holder: Beneficiary | PlannedRow = existing.get(others[0]) or plan_of[others[0]]
                clashes.append(row)
                refused.append(record.rejected(_kks_taken(plan.kks_number, holder)))
        if not clashes:
            return refused
        for row in clashes:
            del planned[row]


def _refuse_crossed_numbers(
    existing: dict[str, Beneficiary], planned: dict[int, tuple[KpmRecord, PlannedRow]]
) -> list[RejectedRow]:
    """Refuse a row whose KKS is another family's NIK (in the store or the list), or whose
    NIK is a card the store already gives another family: the counter finds a family by
    either number, so such a row would serve the wrong family."""
    nik_owner: dict[str, str] = {nik: b.name for nik, b in existing.items()}
    nik_owner.update({plan.nik: plan.name for _record, plan in planned.values()})
    card_owner: dict[str, tuple[str, str]] = {
        b.kks_number: (nik, b.name) for nik, b in existing.items()
    }
    refused: list[RejectedRow] = []
    for row, (record, plan) in list(planned.items()):
        reason = None
        if plan.kks_number != plan.nik and plan.kks_number in nik_owner:
            other = nik_owner[plan.kks_number]
            reason = Reason(
                "kks_is_nik",
                f"Nomor KKS {plan.kks_number} sama dengan NIK {other}.",
                f"KKS number {plan.kks_number} is {other}'s NIK.",
            )
        elif plan.nik in card_owner and card_owner[plan.nik][0] != plan.nik:
            other = card_owner[plan.nik][1]
            reason = Reason(
                "nik_is_kks",
                f"NIK {plan.nik} sama dengan nomor KKS {other}.",
                f"NIK {plan.nik} is {other}'s KKS number.",
            )
        if reason is not None:
            refused.append(record.rejected(reason))
            del planned[row]
    return refused


# --- writing ------------------------------------------------------------------------------


def _write(session: Session, preview: ImportPreview, default_from: Period) -> None:
    """Insert and update through the ORM, so the store's flush hook versions, counts and
    audits every record exactly as for a KPM registered by hand."""
    existing = {b.nik: b for b in kpms.every(session)}
    for plan in preview.rows:
        write_row(session, plan, existing.get(plan.nik), default_from)
    session.flush()


def write_row(
    session: Session, plan: PlannedRow, current: Beneficiary | None, default_from: Period
) -> None:
    if plan.outcome == IMPORTED:
        session.add(
            Beneficiary(
                nik=plan.nik,
                kks_number=plan.kks_number,
                name=plan.name,
                desa=plan.desa,
                address=plan.address,
                eligible_from=str(default_from),
                active=True,
            )
        )
    elif plan.outcome == UPDATED and current is not None:
        for change in plan.changes:
            setattr(current, change.field, change.new)
