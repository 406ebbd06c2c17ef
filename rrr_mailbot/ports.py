"""The small interfaces behind which the outside world sits: mailbox sources and transports.

Implementations: sources/maildir.py and sources/imap.py; transports/file.py and transports/smtp.py.
Tests pass in the real ones (against real servers) or the in-memory fakes in rrr_mailbot.testing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from rrr_mailbot.model import IncomingMessage, Outcome


class MailSource(Protocol):
    """A mailbox we read applications from."""

    def connect(self) -> None:
        """Open (or re-open after a failure) the connection; a no-op for local folders."""
        ...

    def fetch_new(self) -> Iterator[IncomingMessage]:
        """Yield messages not yet marked processed, oldest first.

        A message over the size limit comes with ``truncated=True`` and only its header block.
        """
        ...

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        """Called only after the message's decision is committed to the ledger."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class OutgoingMail:
    """A rendered reply as the outbox keeps it: resending uses the same bytes and Message-ID."""

    message_id: str
    envelope_from: str
    recipients: tuple[str, ...]
    data: bytes


class Transport(Protocol):
    """Hands rendered replies to the world.

    ``send`` raises TransientDeliveryError (retry later) or PermanentDeliveryError (give up and
    tell staff). Sending the same OutgoingMail twice is allowed (the outbox may resend once after a
    crash); a transport that can make it idempotent should.
    """

    def send(self, mail: OutgoingMail) -> None: ...

    def close(self) -> None: ...
