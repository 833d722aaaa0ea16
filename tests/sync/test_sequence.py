"""Reading rule 4: replay, fork, gap, a full bundle closing a gap, superseded bundles."""

from __future__ import annotations

import pytest

from ewarong_desktop.sync.errors import BundleRefused
from ewarong_desktop.sync.sequence import ChainState, Decision, advance, decide
from tests.sync.bundlekit import Laptop, month_tables


def chain_through(bundles) -> ChainState:
    state = ChainState(epoch=1)
    for built in bundles:
        decision = decide(state, built.manifest, built.manifest_sha256)
        state = advance(state, built.manifest, built.manifest_sha256, decision)
    return state


def test_bundles_in_order_are_imported():
    lap = Laptop()
    bundles = [lap.export(month_tables("2024-05")), lap.export({}), lap.export({})]
    state = chain_through(bundles)
    assert (state.last_seq, state.last_changes_to) == (3, 3)


def test_replay_is_a_no_op():
    lap = Laptop()
    first = lap.export(month_tables("2024-05"))
    state = chain_through([first])
    assert decide(state, first.manifest, first.manifest_sha256) is Decision.ALREADY_IMPORTED


def test_fork_same_seq_other_content():
    lap = Laptop()
    first = lap.export(month_tables("2024-05"))
    state = chain_through([first])
    lap.seq, lap.prev = 0, None
    other = lap.export(month_tables("2024-05"))
    with pytest.raises(BundleRefused) as info:
        decide(state, other.manifest, other.manifest_sha256)
    assert (info.value.rule, info.value.reason) == (4, "fork")


def test_gap_names_the_missing_seqs():
    lap = Laptop()
    bundles = [lap.export(month_tables("2024-05")) for _ in range(4)]
    state = chain_through(bundles[:1])
    with pytest.raises(BundleRefused) as info:
        decide(state, bundles[3].manifest, bundles[3].manifest_sha256)
    assert (info.value.rule, info.value.reason) == (4, "gap")
    assert "seq 2, 3" in info.value.message("en")


def test_full_bundle_closes_a_gap_and_skipped_ones_are_superseded():
    lap = Laptop()
    bundles = [lap.export(month_tables("2024-05"))]
    bundles += [lap.export({}) for _ in range(2)]
    full = lap.export(month_tables("2024-06"), kind="full")
    state = chain_through([bundles[0]])
    assert decide(state, full.manifest, full.manifest_sha256) is Decision.IMPORT
    state = advance(state, full.manifest, full.manifest_sha256, Decision.IMPORT)
    late = bundles[1]
    assert decide(state, late.manifest, late.manifest_sha256) is Decision.SUPERSEDED
    state = advance(state, late.manifest, late.manifest_sha256, Decision.SUPERSEDED)
    assert decide(state, late.manifest, late.manifest_sha256) is Decision.ALREADY_IMPORTED
    assert state.last_seq == 4


def test_first_bundle_of_an_epoch_must_be_full():
    lap = Laptop()
    first = lap.export({}, kind="incremental")
    with pytest.raises(BundleRefused) as info:
        decide(ChainState(epoch=1), first.manifest, first.manifest_sha256)
    assert info.value.reason == "first_not_full"


def test_broken_chain_is_refused():
    lap = Laptop()
    first = lap.export(month_tables("2024-05"))
    state = chain_through([first])
    lap.prev = "ab" * 32
    second = lap.export({})
    with pytest.raises(BundleRefused) as info:
        decide(state, second.manifest, second.manifest_sha256)
    assert (info.value.rule, info.value.reason) == (4, "chain_broken")
