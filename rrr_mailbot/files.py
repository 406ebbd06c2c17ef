"""Writing files so that a reader never sees half of one, and a crash never leaves a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o640


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a hidden temporary file in the same folder.

    The temporary file is made durable, then renamed over the target in one step (a rename within
    one file system is atomic), then the folder entry is made durable. Raises OSError.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Applicants' documents and messages: the service's user and its group, nobody else.
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk; not every file system lets a
    # folder be opened for that, and the file is already in place, so failing here is not fatal.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
