"""A local Maildir as the mailbox: the embedded default source.

New mail is read from ``new/`` and ``cur/``; once its decision is committed a message is moved (an
atomic rename) into the Maildir++ sub-folder ``.Processed`` (or ``.Processed.<Decision>`` with
per-decision folders), so a re-run never sees it again and nothing is ever deleted.
The arrival time is left to intake: the newest Received header our server wrote.
"""

from __future__ import annotations

import logging
import mailbox
import os
from collections.abc import Iterator
from pathlib import Path

from rrr_mailbot.errors import SourceError
from rrr_mailbot.model import IncomingMessage, Outcome

logger = logging.getLogger(__name__)

PROCESSED = "Processed"
_INFO_SEPARATOR = ":"


class MaildirSource:
    """Reads a Maildir folder; implements ports.MailSource."""

    def __init__(
        self, path: Path, *, max_message_bytes: int, per_decision_folders: bool = False
    ) -> None:
        self.path = path
        self.max_message_bytes = max_message_bytes
        self.per_decision_folders = per_decision_folders
        self._paths: dict[str, Path] = {}
        try:
            mailbox.Maildir(path, create=True)  # lays out new/, cur/, tmp/ when missing
        except OSError as exc:
            raise SourceError(
                f"cannot open the Maildir at {path}: {exc.strerror or exc}; "
                "check [mailbox] path and its permissions"
            ) from exc

    def connect(self) -> None:
        """Nothing to connect: the folder is opened on each pass."""

    def fetch_new(self) -> Iterator[IncomingMessage]:
        entries: list[os.DirEntry[str]] = []
        for sub in ("new", "cur"):
            folder = self.path / sub
            try:
                with os.scandir(folder) as scan:
                    entries.extend(e for e in scan if e.is_file() and not e.name.startswith("."))
            except OSError as exc:
                raise SourceError(f"cannot list {folder}: {exc.strerror or exc}") from exc
        entries.sort(key=lambda e: (e.stat().st_mtime, e.name))
        for entry in entries:
            key = entry.name.split(_INFO_SEPARATOR, 1)[0]
            size = entry.stat().st_size
            try:
                with open(entry.path, "rb") as handle:
                    raw = handle.read(self.max_message_bytes + 1)
            except FileNotFoundError:
                continue  # taken by another reader since the listing
            except OSError as exc:
                raise SourceError(f"cannot read {entry.path}: {exc.strerror or exc}") from exc
            truncated = size > self.max_message_bytes
            if truncated:
                raw = (
                    raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
                )
            self._paths[key] = Path(entry.path)
            yield IncomingMessage(key=key, raw=raw, size_bytes=size, truncated=truncated)

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        current = self._paths.pop(message.key, None)
        if current is None or not current.exists():
            return  # already moved (a re-run after a crash)
        folder = PROCESSED
        if self.per_decision_folders:
            folder += "." + ("Needs-review" if review else outcome.value.capitalize())
        target_dir = self.path / f".{folder}"
        for sub in ("new", "cur", "tmp"):
            (target_dir / sub).mkdir(parents=True, exist_ok=True)
        target = target_dir / "cur" / f"{message.key}{_INFO_SEPARATOR}2,S"
        try:
            os.replace(current, target)
        except OSError as exc:
            raise SourceError(
                f"cannot move {current} to {target}: {exc.strerror or exc}; "
                "check the Maildir's permissions"
            ) from exc
        logger.debug("moved %s to %s", message.key, folder, extra={"action": "maildir.move"})

    def close(self) -> None:
        self._paths.clear()
