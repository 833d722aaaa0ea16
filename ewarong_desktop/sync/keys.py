"""The e-warong's Ed25519 signing key and the sync state kept beside it, outside the store.

Layout of `<data_dir>/keys/`:

- `signing-key.pem`: the private key (PKCS#8 PEM, mode 0600), never in a backup;
- `sync-state.json`: epoch, last seq, last manifest hash and last `changes.to`, so restoring
  an older backup of the store never reuses a seq (BUNDLE_SPEC "Keys and enrolment").

Every write is temp file + fsync + rename. A new key for a new epoch is written as
`signing-key.next.pem` first, then the state naming its key id, then renamed into place; a
crash in between is finished on the next load, so key and state never disagree.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ewarong_desktop.domain.errors import Conflict, StoreProblem
from ewarong_desktop.fsio import atomic_write_bytes, fsync_dir

KEY_FILE = "signing-key.pem"
NEXT_KEY_FILE = "signing-key.next.pem"
STATE_FILE = "sync-state.json"
_HEX16 = re.compile(r"^[0-9a-f]{16}\Z")


@dataclass(frozen=True)
class SyncState:
    """Where this laptop's bundle chain stands; survives restores of the store."""

    epoch: int = 1
    last_seq: int = 0
    last_manifest_sha256: str | None = None
    last_changes_to: int = 0
    key_id: str | None = None
    # The store the chain was last exported from; a different one means "send full".
    store_id: str | None = None

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=True) + "\n").encode("utf-8")


def public_key_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey | bytes) -> str:
    """First 16 hex characters of SHA-256 over the 32 raw public-key bytes."""
    raw = public_key if isinstance(public_key, bytes) else public_key_bytes(public_key)
    return hashlib.sha256(raw).hexdigest()[:16]


def fingerprint(kid: str) -> str:
    """`abcdef0123456789` -> `abcd ef01 2345 6789`, for reading aloud over the phone."""
    return " ".join(kid[i : i + 4] for i in range(0, len(kid), 4))


def normalize_fingerprint(text: str) -> str:
    """What an officer typed, spaces, dashes and case ignored."""
    return re.sub(r"[\s\-:]", "", text).lower()


def public_key_b64(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_key_bytes(public_key)).decode("ascii")


def _pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, private_key: Ed25519PrivateKey) -> None:
    atomic_write_bytes(path, _pem(private_key), mode=0o600)


def _read_private(path: Path) -> Ed25519PrivateKey:
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise StoreProblem(
            f"Kunci tanda tangan {path} tidak bisa dibaca: {exc}",
            f"The signing key {path} cannot be read: {exc}",
        ) from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise StoreProblem(f"{path} bukan kunci Ed25519.", f"{path} is not an Ed25519 key.")
    return loaded


def create_key_files(key_dir: Path, epoch: int = 1) -> str:
    """First-run setup: a new key and a fresh state (epoch 1, nothing sent). Returns key_id.

    `epoch` above 1 is for a laptop whose key folder was lost (a reinstall that restored only
    the store): the district tells which epoch comes next.

    All or nothing: the files are made in a temporary sibling folder that is renamed to
    `key_dir`, so an interrupted setup leaves no half key. Refuses to replace an existing key
    (that is `rekey`'s job, which starts a new epoch).
    """
    key_dir = Path(key_dir)
    if (key_dir / KEY_FILE).exists():
        raise Conflict(
            f"Kunci tanda tangan sudah ada di {key_dir}; untuk kunci baru pakai 'rekey'.",
            f"A signing key already exists in {key_dir}; use 'rekey' for a new key.",
        )
    key_dir.parent.mkdir(parents=True, exist_ok=True)
    private_key = Ed25519PrivateKey.generate()
    kid = key_id(private_key.public_key())
    tmp = Path(tempfile.mkdtemp(prefix=f".{key_dir.name}.", suffix=".part", dir=key_dir.parent))
    try:
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o700)
        _write_private(tmp / KEY_FILE, private_key)
        atomic_write_bytes(tmp / STATE_FILE, SyncState(epoch=epoch, key_id=kid).to_json())
        if key_dir.is_dir() and not any(key_dir.iterdir()):
            key_dir.rmdir()
        elif key_dir.exists():  # leftovers without a key: keep them aside, never delete
            os.replace(key_dir, key_dir.with_name(f"{key_dir.name}.old-{os.getpid()}"))
        os.replace(tmp, key_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(key_dir.parent)
    return kid


def has_key(key_dir: Path) -> bool:
    return (Path(key_dir) / KEY_FILE).is_file()


def _finish_rotation(key_dir: Path, state: SyncState) -> None:
    """Complete a `rotate_key` that stopped between writing the state and the rename."""
    pending = key_dir / NEXT_KEY_FILE
    if not pending.exists():
        return
    new_key = _read_private(pending)
    if state.key_id == key_id(new_key.public_key()):
        os.replace(pending, key_dir / KEY_FILE)
        fsync_dir(key_dir)
    else:  # the state was never switched: the rotation did not happen
        pending.unlink()


def load_state(key_dir: Path) -> SyncState:
    path = Path(key_dir) / STATE_FILE
    try:
        raw = json.loads(path.read_bytes())
        fields = {name: raw[name] for name in SyncState.__dataclass_fields__ if name in raw}
        state = SyncState(**fields)
    except FileNotFoundError as exc:
        raise StoreProblem(
            f"Status sinkron {path} tidak ada; jalankan penyiapan awal dulu.",
            f"The sync state {path} is missing; run the first-run setup first.",
        ) from exc
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise StoreProblem(
            f"Status sinkron {path} rusak: {exc}", f"The sync state {path} is damaged: {exc}"
        ) from exc
    return state


def save_state(key_dir: Path, state: SyncState) -> None:
    atomic_write_bytes(Path(key_dir) / STATE_FILE, state.to_json())


def load_signing_key(key_dir: Path) -> Ed25519PrivateKey:
    key_dir = Path(key_dir)
    if not (key_dir / KEY_FILE).exists() and not (key_dir / NEXT_KEY_FILE).exists():
        raise StoreProblem(
            f"Kunci tanda tangan tidak ada di {key_dir}; jalankan penyiapan awal atau 'rekey'.",
            f"No signing key in {key_dir}; run the first-run setup or 'rekey'.",
        )
    if (key_dir / STATE_FILE).exists():
        _finish_rotation(key_dir, load_state(key_dir))
    return _read_private(key_dir / KEY_FILE)


def rotate_key(key_dir: Path, epoch: int | None = None) -> tuple[str, SyncState]:
    """A new key for a new epoch (`epoch`, default current + 1): seq, chain, counter reset.

    The old private key is overwritten: a replaced key must never sign again.
    """
    key_dir = Path(key_dir)
    old = load_state(key_dir)
    new_epoch = old.epoch + 1 if epoch is None else epoch
    if new_epoch <= old.epoch:
        raise Conflict(
            f"Epoch baru harus lebih dari {old.epoch}.",
            f"The new epoch must be above {old.epoch}.",
        )
    private_key = Ed25519PrivateKey.generate()
    kid = key_id(private_key.public_key())
    _write_private(key_dir / NEXT_KEY_FILE, private_key)
    new_state = replace(
        old,
        epoch=new_epoch,
        last_seq=0,
        last_manifest_sha256=None,
        last_changes_to=0,
        key_id=kid,
    )
    save_state(key_dir, new_state)  # the commit point
    _finish_rotation(key_dir, new_state)
    return kid, new_state


def check_key_id(text: str) -> bool:
    return bool(_HEX16.match(text))
