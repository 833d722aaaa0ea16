"""The signing key and sync state: made once, atomically, private, and rotated per epoch."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from ewarong_desktop.domain.errors import Conflict, StoreProblem
from ewarong_desktop.sync import keys


def test_create_key_files_makes_private_key_and_fresh_state(tmp_path):
    key_dir = tmp_path / "data" / "keys"
    kid = keys.create_key_files(key_dir)
    assert keys.check_key_id(kid)
    private = keys.load_signing_key(key_dir)
    assert keys.key_id(private.public_key()) == kid
    state = json.loads((key_dir / keys.STATE_FILE).read_text())
    assert state["epoch"] == 1 and state["last_seq"] == 0
    assert state["last_manifest_sha256"] is None and state["last_changes_to"] == 0
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(key_dir / keys.KEY_FILE).st_mode) == 0o600
    # No temporary leftovers beside the key folder.
    assert sorted(p.name for p in key_dir.parent.iterdir()) == ["keys"]


def test_create_key_files_refuses_to_replace_a_key(tmp_path):
    keys.create_key_files(tmp_path / "keys")
    with pytest.raises(Conflict):
        keys.create_key_files(tmp_path / "keys")


def test_fingerprint_groups_of_four():
    assert keys.fingerprint("abcdef0123456789") == "abcd ef01 2345 6789"
    assert keys.normalize_fingerprint(" ABCD ef01-2345 6789 ") == "abcdef0123456789"


def test_key_id_is_sha256_prefix_of_raw_public_key(tmp_path):
    import hashlib

    keys.create_key_files(tmp_path / "keys")
    pub = keys.load_signing_key(tmp_path / "keys").public_key()
    raw = keys.public_key_bytes(pub)
    assert len(raw) == 32
    assert keys.key_id(pub) == hashlib.sha256(raw).hexdigest()[:16]


def test_rotate_key_starts_new_epoch(tmp_path):
    key_dir = tmp_path / "keys"
    old = keys.create_key_files(key_dir)
    keys.save_state(key_dir, keys.SyncState(1, 7, "ab" * 32, 40, old))
    new, state = keys.rotate_key(key_dir)
    assert new != old
    assert (state.epoch, state.last_seq, state.last_manifest_sha256) == (2, 0, None)
    assert keys.key_id(keys.load_signing_key(key_dir).public_key()) == new
    assert not (key_dir / keys.NEXT_KEY_FILE).exists()


def test_interrupted_rotation_is_finished_on_load(tmp_path):
    key_dir = tmp_path / "keys"
    keys.create_key_files(key_dir)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pending = Ed25519PrivateKey.generate()
    keys._write_private(key_dir / keys.NEXT_KEY_FILE, pending)
    state = keys.load_state(key_dir)
    keys.save_state(key_dir, keys.SyncState(2, 0, None, 0, keys.key_id(pending.public_key())))
    loaded = keys.load_signing_key(key_dir)
    assert keys.key_id(loaded.public_key()) == keys.key_id(pending.public_key())
    assert state.epoch == 1


def test_missing_key_is_a_store_problem(tmp_path):
    with pytest.raises(StoreProblem):
        keys.load_signing_key(tmp_path / "nothing")


def test_atomic_writer_leaves_nothing_on_failure(tmp_path):
    from ewarong_desktop.fsio import atomic_writer

    target = tmp_path / "bundle.ewb"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of a new file")
        raise RuntimeError("USB stick pulled")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.ewb"]


def test_rotate_key_to_a_given_epoch_only_forward(tmp_path):
    key_dir = tmp_path / "keys"
    keys.create_key_files(key_dir)
    _, state = keys.rotate_key(key_dir, epoch=4)
    assert state.epoch == 4
    with pytest.raises(Conflict):
        keys.rotate_key(key_dir, epoch=4)
