"""What a backup file is on disk: a zstd-compressed store, encrypted when it leaves the laptop.

Inside the data folder a backup is Zstandard-compressed (the `.zst` any zstd tool opens):
since this version the store's pages without its indexes (`store.logical`, `Copy.lean`:
SQLite rebuilds them at restore), before it the store's schema and rows column by column
(`.backup.zst` too), before that its whole pages (`.sqlite.zst`) or the plain file
(`.sqlite`); all restore, told apart by their first bytes, not by their names.

A copy written anywhere else (a USB stick, a shared folder) is that same stream
sealed with ChaCha20-Poly1305 under a key derived by scrypt from the store's recovery code:
the code is shown at setup to write down, so a lost stick gives away no NIK, name or PIN hash.

Encrypted layout: MAGIC, a header (salt, scrypt cost, chunk size) bound into every chunk as
associated data, then chunks of at most 1 MiB, each `length (4 bytes) + ciphertext`. A chunk's
nonce is its number and a last-chunk flag (STREAM construction), so a file cut short, with
chunks reordered or with anything appended is refused, not half restored.

Reading is hostile-file safe: output is bounded (a small file cannot fill the disk) and every
fault is one `BackupUnreadable` or `RecoveryCodeNeeded`/`RecoveryCodeWrong`.
"""

from __future__ import annotations

import os
import secrets
import struct
import threading
from collections.abc import Iterable
from pathlib import Path
from queue import Queue
from typing import Any, BinaryIO

from ewarong_desktop.domain.errors import InvalidInput
from ewarong_desktop.store import logical

SQLITE_MAGIC = b"SQLite format 3\x00"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
ENCRYPTED_MAGIC = b"EWARONG-BACKUP-ENC1\n"
COMPRESSED_SUFFIX = ".zst"
BACKUP_SUFFIX = ".backup" + COMPRESSED_SUFFIX  # lean pages, or rows (older ones: .sqlite.zst)
ENCRYPTED_SUFFIX = ".enc"
CHUNK = 1 << 20
# Level 1: on the one-year demo store level 3 gives 25.5% of the store instead of 25.7%, at
# half the speed. Long-distance matching over a 128 MiB window (what every zstd decoder
# accepts by default) finds a key again wherever it was first written: 25.7% with it,
# 29.5% without.
ZSTD_LEVEL = 1
WINDOW_LOG = 27
PAGES_WINDOW_LOG = 23
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_HEADER = struct.Struct(">16sBBBI")
# A restored store may be this many times its compressed file (and at least this big): a
# well-filled store compresses about 5x, a crafted "bomb" a million times.
MAX_EXPANSION, MIN_LIMIT = 200, 1 << 30

# Recovery code: 20 characters from 32 that are never mistaken for one another (no 0/O,
# 1/I), 100 random bits, written in five groups of four.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 20


class BackupUnreadable(InvalidInput):
    code = "backup_unreadable"

    def __init__(self, file: Path, why_id: str, why_en: str) -> None:
        super().__init__(
            f"{file.name} tidak bisa dipulihkan: {why_id}. Data sekarang tidak diubah.",
            f"{file.name} cannot be restored: {why_en}. The current store was not changed.",
        )


class RecoveryCodeNeeded(InvalidInput):
    code = "recovery_code_needed"

    def __init__(self, file: Path) -> None:
        super().__init__(
            f"{file.name} terenkripsi: berikan kode pemulihan yang dicatat saat penyiapan "
            "(`--recovery-code KODE` atau EWARONG_RECOVERY_CODE). Data sekarang tidak diubah.",
            f"{file.name} is encrypted: give the recovery code written down at setup "
            "(`--recovery-code CODE` or EWARONG_RECOVERY_CODE). The current store was not "
            "changed.",
        )


class RecoveryCodeWrong(InvalidInput):
    code = "recovery_code_wrong"

    def __init__(self, file: Path) -> None:
        super().__init__(
            f"Kode pemulihan salah untuk {file.name} (atau berkas rusak). Periksa kode yang "
            "dicatat saat penyiapan. Data sekarang tidak diubah.",
            f"The recovery code does not open {file.name} (or the file is damaged). Check the "
            "code written down at setup. The current store was not changed.",
        )


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes) in its written form; None if not one."""
    raw = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return format_code(raw)


def kind_of(file: Path) -> str:
    """`sqlite`, `zstd`, `encrypted` or `unknown`, from the file's first bytes."""
    with open(file, "rb") as handle:
        head = handle.read(len(ENCRYPTED_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    if head == ENCRYPTED_MAGIC:
        return "encrypted"
    return "unknown"


# --- writing ------------------------------------------------------------------------------


def _compressor(long_distance: bool = False):  # type: ignore[no-untyped-def]
    import zstandard

    # One job on one thread of ours (below): zstd's own workers would cut the stream into
    # jobs and lose the long-distance matches between them. Long-distance matching paid
    # for the rows (a key found again far back); on pages it gains nothing (25.1% of the
    # five-year store either way) at 60% more time.
    params = zstandard.ZstdCompressionParameters.from_level(
        ZSTD_LEVEL,
        window_log=WINDOW_LOG if long_distance else PAGES_WINDOW_LOG,
        enable_ldm=long_distance,
        write_checksum=True,
    )
    return zstandard.ZstdCompressor(compression_params=params)


_DONE = None


def _write_pieces(
    pieces: Iterable[bytes | memoryview], target: BinaryIO, long_distance: bool = False
) -> None:
    """Compress `pieces` into `target` on a second thread while the next ones are made: zstd
    releases Python's lock, so laying out the rows and compressing them overlap."""
    queue: Queue[bytes | memoryview | None] = Queue(maxsize=16)
    failed: list[BaseException] = []

    def compress_them() -> None:
        piece: bytes | memoryview | None = b""
        try:
            writer = _compressor(long_distance).stream_writer(
                target, write_size=CHUNK, closefd=False
            )
            while (piece := queue.get()) is not _DONE:
                writer.write(piece)
            writer.close()  # the last bytes reach the disk here (it may be full by then)
        except BaseException as exc:  # handed to the caller below
            failed.append(exc)
            while piece is not _DONE:  # let the maker finish its puts
                piece = queue.get()

    worker = threading.Thread(target=compress_them, name="backup-compress")
    worker.start()
    try:
        for piece in pieces:
            if failed:
                break
            queue.put(piece)
    finally:
        queue.put(_DONE)
        worker.join()
    if failed:
        raise failed[0]


def write_store(copy: logical.Copy, target: BinaryIO) -> None:
    """Write the store `copy` holds into `target`, compressed: its pages without its indexes
    (`Copy.lean`). On the five-year demo store: 25.1% of the store in about 0.7 s, where the
    rows (`write_rows`, 19.2%) took 3 s, most of it SQLite handing 7.5 million values to
    Python."""
    _write_pieces(copy.lean(), target)


def write_rows(copy: logical.Copy, target: BinaryIO) -> str:
    """The previous version's backup: the store's rows (`logical.dump`), or its whole pages
    when the rows cannot carry it; returns which (`rows` or `pages`). Kept to write the
    older format in tests of its restore."""
    start = target.tell()
    try:
        _write_pieces(copy.rows(), target, long_distance=True)
        return "rows"
    except logical.Unsupported:
        target.seek(start)
        target.truncate()
        _write_pieces(copy.image(), target)
        return "pages"


def compress(source: Path, target: BinaryIO) -> None:
    """Stream the store file `source` into `target`, zstd-compressed."""
    import zstandard

    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, threads=-1, write_checksum=True)
    with open(source, "rb") as src:
        compressor.copy_stream(src, target, read_size=CHUNK, write_size=CHUNK)


def _key(code: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = code.replace("-", "").encode()
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(raw)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def encrypt(source: BinaryIO, target: BinaryIO, code: str) -> None:
    """Seal the stream `source` (a compressed backup) into `target` under the recovery code."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    salt = os.urandom(16)
    header = _HEADER.pack(salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK)
    aead = ChaCha20Poly1305(_key(code, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
    associated = ENCRYPTED_MAGIC + header
    target.write(associated)
    counter = 0
    block = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if len(block) == CHUNK else b""
        last = not following
        sealed = aead.encrypt(_nonce(counter, last), block, associated)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        counter, block = counter + 1, following


# --- reading ------------------------------------------------------------------------------


class _Decrypted:
    """A read-only stream of the plaintext of an encrypted backup, checked chunk by chunk."""

    def __init__(self, handle: BinaryIO, file: Path, code: str) -> None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        self._invalid = InvalidTag
        self.file, self.handle = file, handle
        head = handle.read(len(ENCRYPTED_MAGIC) + _HEADER.size)
        if len(head) != len(ENCRYPTED_MAGIC) + _HEADER.size:
            raise BackupUnreadable(file, "berkas terpotong", "the file is cut short")
        salt, log2_n, r, p, chunk = _HEADER.unpack(head[len(ENCRYPTED_MAGIC) :])
        # Our own parameters only: a crafted header must not make scrypt take gigabytes.
        if (log2_n, r, p, chunk) != (SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK):
            raise BackupUnreadable(file, "format tidak dikenal", "an unknown format")
        self.associated = head
        self.aead = ChaCha20Poly1305(_key(code, salt, log2_n, r, p))
        self.counter, self.done, self.buffer = 0, False, b""
        self.max_sealed = chunk + 16

    def _next_chunk(self) -> bytes:
        size_bytes = self.handle.read(4)
        if len(size_bytes) != 4:
            raise BackupUnreadable(self.file, "berkas terpotong", "the file is cut short")
        (size,) = struct.unpack(">I", size_bytes)
        if size > self.max_sealed:
            raise BackupUnreadable(self.file, "berkas rusak", "the file is damaged")
        sealed = self.handle.read(size)
        for last in (False, True):
            try:
                plain = self.aead.decrypt(_nonce(self.counter, last), sealed, self.associated)
            except self._invalid:
                continue
            self.counter += 1
            if last:
                self.done = True
                if self.handle.read(1):
                    raise BackupUnreadable(self.file, "berkas rusak", "the file is damaged")
            return plain
        if self.counter == 0:
            raise RecoveryCodeWrong(self.file)
        raise BackupUnreadable(self.file, "berkas rusak", "the file is damaged")

    def read(self, size: int = -1) -> bytes:
        while not self.done and (size < 0 or len(self.buffer) < size):
            self.buffer += self._next_chunk()
        if size < 0:
            size = len(self.buffer)
        out, self.buffer = self.buffer[:size], self.buffer[size:]
        return out


def unpack(file: Path, target: Path, recovery_code: str | None) -> None:
    """Write the plain store a backup file holds into `target`, whatever kind it is."""
    kind = kind_of(file)
    if kind == "sqlite":
        import shutil

        shutil.copyfile(file, target)
        return
    if kind == "unknown":
        raise BackupUnreadable(file, "bukan berkas cadangan e-warong", "not an e-warong backup")
    limit = max(MIN_LIMIT, MAX_EXPANSION * file.stat().st_size)
    with open(file, "rb") as handle:
        stream: BinaryIO | _Decrypted = handle
        if kind == "encrypted":
            code = normalise_code(recovery_code or "")
            if code is None:
                if recovery_code:
                    raise RecoveryCodeWrong(file)
                raise RecoveryCodeNeeded(file)
            stream = _Decrypted(handle, file, code)
            if stream.read(len(ZSTD_MAGIC)) != ZSTD_MAGIC:
                raise BackupUnreadable(file, "isi tidak dikenal", "unknown content")
            stream.buffer = ZSTD_MAGIC + stream.buffer
        _decompress(stream, target, limit, file)


class _Bounded:
    """The decompressed stream, refused once it has given more than `limit` bytes."""

    def __init__(self, reader: Any, limit: int, file: Path) -> None:
        self.reader, self.limit, self.file, self.given = reader, limit, file, 0

    def read(self, size: int = -1) -> bytes:
        block = self.reader.read(size if size >= 0 else CHUNK)
        self.given += len(block)
        if self.given > self.limit:
            raise BackupUnreadable(
                self.file, "isinya jauh lebih besar dari wajar", "it unpacks far too large"
            )
        return bytes(block)

    def exactly(self, size: int) -> bytes:
        parts = []
        while size > 0 and (block := self.read(size)):
            parts.append(block)
            size -= len(block)
        return b"".join(parts)


def _decompress(stream: BinaryIO | _Decrypted, target: Path, limit: int, file: Path) -> None:
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_size=CHUNK)  # type: ignore[arg-type]
        source = _Bounded(reader, limit, file)
        first = source.exactly(len(SQLITE_MAGIC))
        if first == SQLITE_MAGIC:
            _write_image(first, source, target)
            return
        first += source.exactly(len(logical.MAGIC) - len(first))
        if len(first) < len(logical.MAGIC):  # the stream ended (zstd says nothing of it)
            raise logical.CutShort("cut short")
        if first == logical.MAGIC:
            logical.load(source, target, max_bytes=limit, magic_read=True)
            if source.read(1):  # nothing after the end; reading to it checks zstd's checksum
                raise logical.Damaged("trailing bytes")
        elif first == logical.PAGES_MAGIC:
            head = logical.read_record(source)
            size = head.get("bytes")
            if (
                set(head) != {"indexes", "bytes"}
                or type(size) is not int
                or not len(SQLITE_MAGIC) <= size <= limit
            ):
                raise logical.Damaged("pages head")
            _write_exactly(source, target, size)
            if source.read(1):  # nothing after the image; reading to it checks the checksum
                raise logical.Damaged("trailing bytes")
            logical.build_indexes(target, head["indexes"], max_bytes=limit)
        else:
            raise BackupUnreadable(file, "bukan data e-warong", "not an e-warong store")
    except zstandard.ZstdError as exc:
        raise BackupUnreadable(file, "berkas rusak", "the file is damaged") from exc
    except logical.CutShort as exc:
        raise BackupUnreadable(file, "berkas terpotong", "the file is cut short") from exc
    except logical.TooLarge as exc:
        raise BackupUnreadable(
            file, "isinya jauh lebih besar dari wajar", "it unpacks far too large"
        ) from exc
    except logical.Damaged as exc:
        raise BackupUnreadable(file, "berkas rusak", "the file is damaged") from exc


def _write_exactly(source: _Bounded, target: Path, size: int) -> None:
    """The `size` bytes of a SQLite image from `source` into the new file `target`."""
    with open(target, "xb") as out:
        first = source.exactly(len(SQLITE_MAGIC))
        if first != SQLITE_MAGIC:
            raise (
                logical.CutShort("cut short")
                if len(first) < len(SQLITE_MAGIC)
                else (logical.Damaged("not a SQLite image"))
            )
        out.write(first)
        left = size - len(first)
        while left > 0:
            block = source.read(min(left, CHUNK))
            if not block:
                raise logical.CutShort("cut short")
            out.write(block)
            left -= len(block)
        out.flush()
        os.fsync(out.fileno())


def _write_image(first: bytes, source: _Bounded, target: Path) -> None:
    with open(target, "wb") as out:
        out.write(first)
        while block := source.read(CHUNK):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
