"""The embedded default transport: each reply becomes one ``.eml`` file in a folder.

Useful on a laptop, in tests, and wherever a human (or another program) sends the files on. The
file holds exactly the bytes an SMTP transport would have sent. Its name is derived from the
reply's Message-ID, so writing the same reply twice (the outbox may resend once after a crash)
replaces the file instead of adding a second one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from pathlib import Path

from rrr_mailbot.config import FileTransportSettings
from rrr_mailbot.errors import TransientDeliveryError
from rrr_mailbot.files import write_atomically
from rrr_mailbot.ports import OutgoingMail

logger = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+=-]")
_MAX_STEM_CHARS = 120


def eml_name(message_id: str) -> str:
    """The file name for a reply: readable, safe on any file system, one per Message-ID.

    Characters outside a small safe set become ``_``; when that changed anything (or the id is
    long) a short hash of the exact Message-ID is appended so that two different ids never meet.
    """
    bare = message_id.strip().removeprefix("<").removesuffix(">")
    stem = _UNSAFE.sub("_", bare).lstrip(".")[:_MAX_STEM_CHARS]
    if not stem or stem != bare:
        digest = hashlib.sha256(message_id.encode("utf-8", errors="surrogatepass")).hexdigest()
        stem = f"{stem or 'reply'}-{digest[:12]}"
    return f"{stem}.eml"


class FileTransport:
    """Writes each reply atomically as ``<outbox_dir>/<name from the Message-ID>.eml``."""

    def __init__(self, settings: FileTransportSettings) -> None:
        self._dir = settings.outbox_dir

    @property
    def outbox_dir(self) -> Path:
        return self._dir

    def path_for(self, mail: OutgoingMail) -> Path:
        """Where ``mail`` is (or will be) written."""
        return self._dir / eml_name(mail.message_id)

    def check(self) -> None:
        """Make sure the folder exists and takes files; raises TransientDeliveryError if not."""
        probe = self._dir / f".probe-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise TransientDeliveryError(
                f"the outbox folder {self._dir} cannot be written: {exc.strerror or exc}; "
                "check [transport] outbox_dir, its permissions and free disk space"
            ) from exc

    def send(self, mail: OutgoingMail) -> None:
        """Write ``mail`` to its file, replacing an earlier copy of the same reply."""
        target = self.path_for(mail)
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            write_atomically(target, mail.data)
        except OSError as exc:
            raise TransientDeliveryError(
                f"cannot write reply {mail.message_id} to {target}: {exc.strerror or exc}; "
                "check [transport] outbox_dir, its permissions and free disk space"
            ) from exc
        logger.debug(
            "reply %s written to %s",
            mail.message_id,
            target,
            extra={"action": "transport.file.written", "message_id": mail.message_id},
        )

    def close(self) -> None:
        """Nothing to release; present for the Transport interface."""
