"""The quarantine: messages whose reading broke a bound (rrr_mailbot.intake.workers), kept with
their raw bytes in the blob store and the reason, for staff to see (digest, `applications`) and to
retry (`reprocess REF`). A quarantined message is never answered and never lost: it is recorded
here before the mailbox marks it processed, and released once a later reading records it.

Its sender and subject are taken from the raw header block by a bounded scan, without the
parser, since the parser is what failed on it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from rrr_mailbot.intake.workers import ReadFailure
from rrr_mailbot.model import IncomingMessage, require_aware
from rrr_mailbot.store.ledger import (
    MAX_ADDRESS_CHARS,
    MAX_ERROR_CHARS,
    MAX_SUBJECT_CHARS,
    Ledger,
    clean_text,
)
from rrr_mailbot.store.schema import QuarantineRow

_HEAD_BYTES = 64 * 1024  # the header block scanned for From and Subject
_SCANNED_CHARS = 300
_FROM = re.compile(rb"^from:[ \t]*([^\r\n]{0,300})", re.IGNORECASE | re.MULTILINE)
_SUBJECT = re.compile(rb"^subject:[ \t]*([^\r\n]{0,300})", re.IGNORECASE | re.MULTILINE)
_ADDRESS = re.compile(r"[^\s<>\"',;:@]+@[^\s<>\"',;:@]+\.[^\s<>\"',;:@]+")


@dataclass(frozen=True)
class QuarantinedMessage:
    """One quarantined message as staff see it; ``released_at`` is set once it was recorded."""

    reference: str
    source_key: str
    sender: str | None
    subject: str
    size_bytes: int
    truncated: bool
    arrival: datetime | None
    raw_path: str
    reason: str
    detail: str
    attempts: int
    quarantined_at: datetime
    released_at: datetime | None


def _item(row: QuarantineRow) -> QuarantinedMessage:
    return QuarantinedMessage(
        reference=row.reference,
        source_key=row.source_key,
        sender=row.sender,
        subject=row.subject,
        size_bytes=row.size_bytes,
        truncated=row.truncated,
        arrival=row.arrival,
        raw_path=row.raw_path,
        reason=row.reason,
        detail=row.detail,
        attempts=row.attempts,
        quarantined_at=row.quarantined_at,
        released_at=row.released_at,
    )


def scan_header(raw: bytes) -> tuple[str | None, str]:
    """(sender address, subject as written) from the header block, bounded and undecoded."""
    head = raw[:_HEAD_BYTES].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    sender = None
    if found := _FROM.search(head):
        address = _ADDRESS.search(found[1].decode("ascii", "replace"))
        sender = address[0].lower()[:MAX_ADDRESS_CHARS] if address else None
    subject = ""
    if found := _SUBJECT.search(head):
        subject = found[1].decode("ascii", "replace")[:_SCANNED_CHARS].strip()
    return sender, subject


def quarantine(
    ledger: Ledger,
    message: IncomingMessage,
    failure: ReadFailure,
    reference: str,
    now: datetime,
) -> QuarantinedMessage:
    """Keep ``message`` (raw bytes first, then one commit) as quarantined for ``failure``; a
    message quarantined again counts one more attempt and keeps the latest reason."""
    require_aware(now, "quarantine(now)")
    raw_path = ledger.blobs.put(message.raw)
    digest = hashlib.sha256(message.raw).hexdigest()
    sender, subject = scan_header(message.raw)
    with ledger._session("quarantining a message", durable=True) as session:
        row = session.scalar(select(QuarantineRow).where(QuarantineRow.raw_sha256 == digest))
        if row is None:
            row = QuarantineRow(
                raw_sha256=digest,
                reference=reference,
                source_key=clean_text(message.key, MAX_ADDRESS_CHARS),
                sender=sender,
                subject=clean_text(subject, MAX_SUBJECT_CHARS),
                size_bytes=message.size_bytes,
                truncated=message.truncated,
                arrival=message.arrival,
                raw_path=raw_path,
                attempts=0,
                instance=ledger.instance,
            )
            session.add(row)
        row.reason = failure.reason
        row.detail = clean_text(failure.detail, MAX_ERROR_CHARS)
        row.attempts += 1
        row.quarantined_at = now
        row.released_at = None
        session.commit()
        return _item(row)


def quarantined(ledger: Ledger, *, include_released: bool = False) -> list[QuarantinedMessage]:
    """The quarantined messages, oldest first (those not yet released, unless asked)."""
    query = select(QuarantineRow).order_by(QuarantineRow.id)
    if not include_released:
        query = query.where(QuarantineRow.released_at.is_(None))
    with ledger._session("listing quarantined messages") as session:
        return [_item(row) for row in session.scalars(query)]


def find(ledger: Ledger, reference: str) -> QuarantinedMessage | None:
    """The quarantined message with this reference (released or not), or None."""
    with ledger._session("looking up a quarantined message") as session:
        row = session.scalar(
            select(QuarantineRow).where(QuarantineRow.reference == reference.strip())
        )
        return _item(row) if row is not None else None


def release(ledger: Ledger, reference: str, now: datetime) -> None:
    """Mark a quarantined message as recorded after all (a later reading succeeded)."""
    require_aware(now, "release(now)")
    with ledger._session("releasing a quarantined message", durable=True) as session:
        row = session.scalar(select(QuarantineRow).where(QuarantineRow.reference == reference))
        if row is not None and row.released_at is None:
            row.released_at = now
            session.commit()


def stored_message(ledger: Ledger, item: QuarantinedMessage) -> IncomingMessage:
    """The message as its source handed it over, from its stored raw bytes."""
    raw = ledger.blobs.get(item.raw_path)
    return IncomingMessage(item.source_key, raw, item.size_bytes, item.arrival, item.truncated)
