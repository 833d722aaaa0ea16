"""The district office's own keys and its signed replies to each e-warong.

The private keys live in a folder, never in the database: beside a SQLite database
(`district.sqlite.keys/`), or in `ewarong-district`'s user data folder (`office-keys/`) for a
PostgreSQL URL. Files are written temp + fsync + rename, private ones with mode 0600. The reply
counter per e-warong lives there too (`replies.json`), so numbers only grow.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, select

from ewarong_desktop.district.db import default_db_path, reading, sqlite_target
from ewarong_desktop.district.models import ReceivedBundle, Warong
from ewarong_desktop.district.rates import list_rates
from ewarong_desktop.domain.errors import InvalidInput, NotFound
from ewarong_desktop.fsio import atomic_write_bytes
from ewarong_desktop.sync.district_link import (
    BundleNote,
    DistrictKey,
    RateNote,
    Reply,
    district_key,
    parse_district_key,
    reply_filename,
    sign_reply,
    unseal,
)

SIGNING_FILE = "office-signing.pem"
SEALING_FILE = "office-sealing.pem"
PUBLIC_FILE = "office.district.json"
REPLIES_FILE = "replies.json"


KEYS_ENV = "EWARONG_DISTRICT_KEYS"


def key_folder(db: str | None) -> Path:
    """`EWARONG_DISTRICT_KEYS` if set (an office with two PostgreSQL databases, tests), else
    beside the SQLite file, else the user data folder."""
    if os.environ.get(KEYS_ENV):
        return Path(os.environ[KEYS_ENV]).expanduser()
    target = sqlite_target(db)
    if target is None:
        return default_db_path().parent / "office-keys"
    path, _origin = target
    return path.with_name(path.name + ".keys")


@dataclass(frozen=True)
class OfficeKeys:
    folder: Path
    public: DistrictKey
    signing: Ed25519PrivateKey
    sealing: X25519PrivateKey


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def has_keys(folder: Path) -> bool:
    return (folder / PUBLIC_FILE).is_file()


def create_keys(folder: Path, office: str, kabupaten: str) -> OfficeKeys:
    """The office's keys, made once: a second call keeps the first keys."""
    if has_keys(folder):
        return load_keys(folder)
    if not office.strip() or not kabupaten.strip():
        raise InvalidInput(
            "Nama kantor (--office) dan kabupaten (--kabupaten) wajib diisi untuk kunci baru.",
            "The office (--office) and kabupaten (--kabupaten) are required for a new key.",
        )
    folder.mkdir(parents=True, exist_ok=True)
    signing, sealing = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    atomic_write_bytes(folder / SIGNING_FILE, _pem(signing), mode=0o600)
    atomic_write_bytes(folder / SEALING_FILE, _pem(sealing), mode=0o600)
    public = district_key(office.strip(), kabupaten.strip(), signing, sealing)
    atomic_write_bytes(folder / PUBLIC_FILE, public.to_bytes())  # last: it marks "complete"
    return OfficeKeys(folder, public, signing, sealing)


def load_keys(folder: Path) -> OfficeKeys:
    if not has_keys(folder):
        raise NotFound(
            f"Kunci kantor Dinas belum dibuat ({folder}). Buat dulu: ewarong-district key "
            "--office NAMA --kabupaten NAMA --out FOLDER",
            f"The district office has no key yet ({folder}). Make it first: ewarong-district "
            "key --office NAME --kabupaten NAME --out FOLDER",
        )
    public = parse_district_key((folder / PUBLIC_FILE).read_bytes())
    signing = serialization.load_pem_private_key((folder / SIGNING_FILE).read_bytes(), None)
    sealing = serialization.load_pem_private_key((folder / SEALING_FILE).read_bytes(), None)
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(sealing, X25519PrivateKey):
        raise InvalidInput("Berkas kunci kantor rusak.", "The office key files are damaged.")
    return OfficeKeys(folder, public, signing, sealing)


def write_key_file(keys: OfficeKeys, out_dir: Path) -> Path:
    target = out_dir / keys.public.filename()
    atomic_write_bytes(target, keys.public.to_bytes())
    return target


def unsealer(folder: Path) -> tuple[str, X25519PrivateKey] | None:
    """(key id, private key) to open sealed bundles, or None before the office has a key."""
    if not has_keys(folder):
        return None
    keys = load_keys(folder)
    return keys.public.key_id, keys.sealing


def open_sealed(data: bytes, folder: Path) -> bytes:
    found = unsealer(folder)
    if found is None:
        raise InvalidInput(
            "bundel terenkripsi, tetapi kantor ini belum punya kunci (ewarong-district key)",
            "an encrypted bundle, but this office has no key yet (ewarong-district key)",
        )
    return unseal(data, found[1], found[0])


# -- replies ----------------------------------------------------------------------------------


def _next_number(folder: Path, code: str) -> int:
    path = folder / REPLIES_FILE
    numbers: dict[str, int] = json.loads(path.read_bytes()) if path.is_file() else {}
    numbers[code] = numbers.get(code, 0) + 1
    atomic_write_bytes(path, json.dumps(numbers, indent=2, sort_keys=True).encode() + b"\n")
    return numbers[code]


def _stamp(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_reply(engine: Engine, keys: OfficeKeys, code: str, with_kpm_list: bool) -> Reply:
    with reading(engine) as conn:
        warong = conn.execute(select(Warong.__table__).where(Warong.code == code)).first()
        if warong is None:
            raise NotFound(f"E-warong {code} belum terdaftar.", f"E-warong {code} is not enrolled.")
        rows = conn.execute(
            select(ReceivedBundle.__table__)
            .where(ReceivedBundle.code == code)
            .order_by(ReceivedBundle.epoch, ReceivedBundle.seq)
        ).all()
        kpms = None
        if with_kpm_list:
            from ewarong_desktop.district.models import Beneficiary

            kpms = tuple(
                {"nik": r.nik, "kks_number": r.kks_number, "name": r.name, "desa": r.desa}
                for r in conn.execute(
                    select(Beneficiary.__table__)
                    .where(Beneficiary.warong_code == code, Beneficiary.active.is_(True))
                    .order_by(Beneficiary.nik)
                )
            )
    bundles = tuple(
        BundleNote(r.epoch, r.seq, r.manifest_sha256, r.status, _stamp(r.received_at)) for r in rows
    )
    missing = None
    if warong.highest_seq_seen > warong.last_seq:
        missing = (
            f"seq {warong.last_seq + 1}..{warong.highest_seq_seen} (epoch {warong.epoch}) "
            "belum diterima / not received: export --again, or export --full"
        )
    rates = tuple(
        RateNote(
            s.rate.amount,
            str(s.rate.valid_from),
            None if s.rate.valid_until is None else str(s.rate.valid_until),
            s.note or "",
        )
        for s in list_rates(engine)
    )
    return Reply(
        keys.public.key_id,
        code,
        _next_number(keys.folder, code),
        _stamp(datetime.now(UTC).replace(tzinfo=None)),
        bundles,
        missing,
        rates,
        kpms,
    )


def write_reply(
    engine: Engine, keys: OfficeKeys, code: str, out_dir: Path, with_kpm_list: bool = False
) -> tuple[Path, Reply]:
    reply = build_reply(engine, keys, code, with_kpm_list)
    target = out_dir / reply_filename(code, reply.number)
    atomic_write_bytes(target, sign_reply(reply, keys.signing))
    return target, reply
