"""A content-addressed file store for raw messages and documents.

A blob's path is derived from the SHA-256 of its bytes (``sha256/ab/cd/<hex>``), never from a
name a sender chose, so nothing a message contains can steer where we write. Writing the same
bytes twice is a no-op, which is what lets the ledger write blobs before its database commit and
simply write them again when a crashed run is repeated.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
from pathlib import Path

from rrr_mailbot.errors import StoreError
from rrr_mailbot.files import write_atomically

logger = logging.getLogger(__name__)

_RELATIVE_PATH = re.compile(r"^sha256/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})$")


class BlobStore:
    """Keeps bytes under ``data_dir`` by their SHA-256; paths handed out are relative to it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    @staticmethod
    def relative_path(sha256_hex: str) -> str:
        """Where bytes with this SHA-256 live, relative to the data folder."""
        return f"sha256/{sha256_hex[:2]}/{sha256_hex[2:4]}/{sha256_hex}"

    def put(self, data: bytes) -> str:
        """Store ``data`` (atomically, durably, idempotently) and return its relative path."""
        digest = hashlib.sha256(data).hexdigest()
        relative = self.relative_path(digest)
        target = self.data_dir / relative
        if target.is_file() and target.stat().st_size == len(data):
            return relative
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)  # a reader sees no blob or the whole blob
        except OSError as exc:
            raise StoreError(self._write_failure(exc)) from exc
        logger.debug("stored blob %s (%d bytes)", relative, len(data), extra={"action": "blob_put"})
        return relative

    def _write_failure(self, exc: OSError) -> str:
        """What an operator reads when a blob cannot be written. The message is then neither
        recorded nor let go of by the mailbox: intake retries it once the cause is gone."""
        retry = "the message stays in the mailbox and the service retries it by itself"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return (
                f"disk full at {self.data_dir} ({exc.strerror}, {_free_bytes(self.data_dir)} "
                f"free): free space there or give [storage] data_dir a larger disk; {retry}"
            )
        if exc.errno == errno.EROFS:
            return (
                f"the data folder {self.data_dir} is on a read-only file system: remount it "
                f"read-write (or move [storage] data_dir); {retry}"
            )
        return (
            f"cannot write to the data folder {self.data_dir}: {exc.strerror or exc}; check that "
            f"it exists and is writable by this user ([storage] data_dir); {retry}"
        )

    def absolute(self, relative: str) -> Path:
        """The file behind a relative blob path; refuses anything that is not a blob path."""
        if not _RELATIVE_PATH.fullmatch(relative):
            raise StoreError(f"{relative!r} is not a blob path of the form sha256/ab/cd/<sha256>")
        return self.data_dir / relative

    def get(self, relative: str) -> bytes:
        """The bytes stored at ``relative``; checks they still hash to their name."""
        path = self.absolute(relative)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(
                f"cannot read blob {path}: {exc.strerror or exc}; the data folder "
                f"{self.data_dir} may have been moved or pruned ([storage] data_dir)"
            ) from exc
        if hashlib.sha256(data).hexdigest() != relative.rsplit("/", 1)[1]:
            raise StoreError(
                f"blob {path} does not match its SHA-256: the file was altered or damaged; "
                "restore it from a backup"
            )
        return data

    def exists(self, relative: str) -> bool:
        return self.absolute(relative).is_file()


def _free_bytes(folder: Path) -> str:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return "unknown space"
    return f"{stats.f_bavail * stats.f_frsize} bytes"
