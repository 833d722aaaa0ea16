"""Reading rule 4: where a bundle sits in its e-warong's chain, decided from plain facts."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from ewarong_desktop.sync.errors import BundleRefused
from ewarong_desktop.sync.manifest import Manifest


class Decision(enum.Enum):
    IMPORT = "import"
    ALREADY_IMPORTED = "already_imported"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class ChainState:
    """The district's view of one e-warong's current epoch."""

    epoch: int
    last_seq: int = 0
    last_manifest_sha256: str | None = None
    last_changes_to: int = 0
    # Every seq of this epoch already recorded (imported or superseded) -> its manifest hash.
    known: Mapping[int, str] = field(default_factory=dict)


def missing_seqs(state: ChainState, seq: int) -> range:
    """The seqs between the last imported one and `seq`: a range, never a list, since a
    signed seq may be 2**31 - 1."""
    return range(state.last_seq + 1, seq)


def _span(numbers: range) -> str:
    if len(numbers) <= 6:
        return ", ".join(str(n) for n in numbers)
    return f"{numbers[0]}..{numbers[-1]} ({len(numbers)})"


def decide(state: ChainState, manifest: Manifest, manifest_sha256: str) -> Decision:
    """Rule 4; raises BundleRefused (rule 4) for a fork, a gap or a broken chain."""
    seq = manifest.seq
    known = state.known.get(seq)
    if known is not None:
        if known == manifest_sha256:
            return Decision.ALREADY_IMPORTED
        raise BundleRefused(
            4,
            "fork",
            f"seq {seq} sudah diterima dengan isi lain (cabang/fork)",
            f"seq {seq} was already received with other content (a fork)",
            advice_id="jangan impor; periksa laptop e-warong (salinan data ganda atau "
            "pemulihan cadangan yang salah) dan tinjau tanda 'fork' di laporan",
            advice_en="do not import; check the e-warong's laptop (a copied data folder or a "
            "wrong backup restore) and review the 'fork' flag in the report",
        )
    if seq <= state.last_seq:
        return Decision.SUPERSEDED
    if seq > state.last_seq + 1:
        if manifest.kind == "full":
            return Decision.IMPORT
        gap = missing_seqs(state, seq)
        raise BundleRefused(
            4,
            "gap",
            f"seq {seq} datang sebelum seq {_span(gap)} (bundel yang hilang)",
            f"seq {seq} came before seq {_span(gap)} (missing bundles)",
            advice_id=f"impor dulu bundel seq {_span(gap)}, atau minta e-warong "
            "mengirim bundel penuh (export --full)",
            advice_en=f"import seq {_span(gap)} first, or ask the e-warong for a full "
            "bundle (export --full)",
        )
    if state.last_seq == 0:
        if manifest.kind != "full":
            raise BundleRefused(
                4,
                "first_not_full",
                "bundel pertama sebuah epoch harus bundel penuh",
                "the first bundle of an epoch must be full",
                advice_id="minta e-warong mengirim bundel penuh (export --full)",
                advice_en="ask the e-warong for a full bundle (export --full)",
            )
        return Decision.IMPORT
    if manifest.prev_manifest_sha256 != state.last_manifest_sha256:
        raise BundleRefused(
            4,
            "chain_broken",
            f"prev_manifest_sha256 seq {seq} tidak cocok dengan bundel seq {state.last_seq} "
            "yang sudah diimpor",
            f"prev_manifest_sha256 of seq {seq} does not match the imported seq {state.last_seq}",
            advice_id="jangan impor; minta e-warong mengirim bundel penuh (export --full) "
            "dan periksa laptopnya",
            advice_en="do not import; ask the e-warong for a full bundle (export --full) and "
            "check its laptop",
        )
    if manifest.kind == "incremental" and manifest.changes_from != state.last_changes_to:
        raise BundleRefused(
            4,
            "changes_mismatch",
            f"changes.from {manifest.changes_from} bukan changes.to bundel sebelumnya "
            f"({state.last_changes_to})",
            f"changes.from {manifest.changes_from} is not the previous bundle's changes.to "
            f"({state.last_changes_to})",
            advice_id="minta e-warong mengirim bundel penuh (export --full)",
            advice_en="ask the e-warong for a full bundle (export --full)",
        )
    return Decision.IMPORT


def advance(
    state: ChainState, manifest: Manifest, manifest_sha256: str, decision: Decision
) -> ChainState:
    """The chain after recording this bundle (imported or superseded)."""
    known = {**state.known, manifest.seq: manifest_sha256}
    if decision is Decision.IMPORT:
        return ChainState(state.epoch, manifest.seq, manifest_sha256, manifest.changes_to, known)
    if decision is Decision.SUPERSEDED:
        return ChainState(
            state.epoch, state.last_seq, state.last_manifest_sha256, state.last_changes_to, known
        )
    return state
