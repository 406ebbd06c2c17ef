"""A small file system of its own for a folder, to make it full or read-only on demand.

A tmpfs of a few megabytes is mounted over the folder (root only: ``mount -t tmpfs``); ``fill()``
takes every free byte with a filler file and ``free()`` removes it; ``read_only()`` and
``read_write()`` remount it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

_FILLER = ".filler"


def missing_requirements() -> str | None:
    """What is missing to mount a small disk, in words; None when nothing is."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs for the data folder needs root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "mount/umount are not installed"
    # Root in a container without CAP_SYS_ADMIN is refused: try once.
    with tempfile.TemporaryDirectory(prefix="rrr-mount-probe-") as probe:
        try:
            with SmallDisk.mounted(Path(probe), 1024 * 1024):
                pass
        except RuntimeError as exc:
            return f"cannot mount a tmpfs here: {exc}"
    return None


class SmallDisk:
    """A tmpfs mounted at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    @contextlib.contextmanager
    def mounted(cls, path: Path, size_bytes: int) -> Iterator[SmallDisk]:
        path.mkdir(parents=True, exist_ok=True)
        _mount("-t", "tmpfs", "-o", f"size={size_bytes},mode=0755", "tmpfs", str(path))
        try:
            yield cls(path)
        finally:
            subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)

    def free_bytes(self) -> int:
        stats = os.statvfs(self.path)
        return stats.f_bavail * stats.f_frsize

    def fill(self) -> None:
        """Take every free byte (a full disk), leaving the existing files as they are."""
        # Unbuffered: a buffer left over at ENOSPC would fail again when the file is closed.
        with (self.path / _FILLER).open("ab", buffering=0) as filler:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        filler.write(b"\0" * size)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise

    def free(self) -> None:
        (self.path / _FILLER).unlink(missing_ok=True)

    def read_only(self) -> None:
        _mount("-o", "remount,ro", str(self.path))

    def read_write(self) -> None:
        _mount("-o", "remount,rw", str(self.path))


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"mount {' '.join(args)} failed: {result.stderr.strip()}")
