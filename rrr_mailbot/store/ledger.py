"""The ledger: every message recorded with its documents, its decision and its reply (the outbox).

Delivery guarantee. ``record`` writes the message and its reply (status ``pending``) in one
durable commit, so a decision is never stored without its answer or the other way round. The
deliverer then calls ``claim_due_replies`` for a few replies at a time: each is marked ``sending``
with a lease (``claimed_until``) and the name of the claiming process (``claimed_by``, see
rrr_mailbot.store.owner), and the claim is committed. A claim is not a send: just before the
transport is handed one reply, ``mark_started`` commits ``started_at``; right after it returns,
``mark_sent`` (or ``mark_retry`` / ``mark_failed``) commits the result.

When a process dies, its claims are taken over by the next claim of any process that can see it
is gone (same host and PID namespace; rrr_mailbot.store.owner), at once rather than when the
lease ends. Elsewhere (another host, a restarted container) the lease decides; a running
delivery pass renews its claims' leases (``renew_claims``), so the lease can be short. A taken-over
reply whose ``started_at`` is empty never reached the mail server and goes out with no risk of a
copy. The one whose ``started_at`` is set (at most one per dead process) may have been accepted
before the process died; it is sent again, with the same bytes and Message-ID, so the
recipient's client can fold the copies. At most one resend per crash; never a lost reply.

On PostgreSQL ``SELECT ... FOR UPDATE SKIP LOCKED`` keeps instances sharing one database from
claiming the same row, and ``mark_started`` only starts a reply its caller still holds; on
SQLite every transaction takes the write lock up front.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from rrr_mailbot.errors import StoreError
from rrr_mailbot.model import Decision, Document, Intake, LedgerFacts, Outcome, require_aware
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.staff.applications import RecordedDocument, RecordedMessage
from rrr_mailbot.store.blobs import BlobStore
from rrr_mailbot.store.database import DURABLE, database_error, reason
from rrr_mailbot.store.owner import is_gone, this_process
from rrr_mailbot.store.schema import (
    REPLY_KINDS,
    STAFF_MAIL_KINDS,
    DocumentRow,
    EventRow,
    LinkRow,
    MessageRow,
    ReplyRow,
)

logger = logging.getLogger(__name__)

# Bounds on text a sender controls, so one odd message cannot bloat the ledger or a digest.
MAX_SUBJECT_CHARS = 2000
MAX_NAME_CHARS = 500
MAX_ADDRESS_CHARS = 500
MAX_ERROR_CHARS = 2000
MAX_LIST_ITEM_CHARS = 2000
# Enough of a document's text for staff views to find the form's first fields (city, country).
MAX_TEXT_EXCERPT_CHARS = 4000


@dataclass(frozen=True)
class OutboxItem:
    """A reply claimed for delivery: hand ``mail`` to the transport, then report the result."""

    id: int
    message_ref: str
    mail: OutgoingMail
    attempts: int


@dataclass(frozen=True)
class StaffMail:
    """A digest or reminder in the outbox: what it is for and where its delivery stands."""

    period_key: str
    kind: str
    status: str
    created_at: datetime
    sent_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class OutboxBacklog:
    """Mail waiting in the outbox (pending or being sent) and the oldest of it."""

    waiting: int
    oldest_created_at: datetime | None


@dataclass(frozen=True)
class MessageSummary:
    """One recorded message as a digest, an export or a demo table shows it.

    ``documents`` maps each required document id to the file name that filled it; ``sender`` is
    None when the message had no readable From address; ``reply_status`` is None when no reply
    was queued (ignored messages).
    """

    reference: str
    sender: str | None
    subject: str
    arrival: datetime | None
    outcome: Outcome
    review: tuple[str, ...]
    documents: dict[str, str]
    reply_status: str | None
    missing: tuple[str, ...] = ()
    recorded_at: datetime | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredMessage:
    """What deciding a recorded message again needs: where its raw bytes are and how it arrived."""

    reference: str
    source_key: str
    raw_path: str | None
    arrival: datetime | None
    arrival_source: str
    recorded_at: datetime
    outcome: Outcome
    reasons: tuple[str, ...]
    review: tuple[str, ...]
    missing: tuple[str, ...]
    documents: dict[str, str]


@dataclass(frozen=True)
class ReplyRecord:
    """One reply to a message in the outbox: the first (``label`` "reply") or one staff queued
    later ("resend", "reprocess"), with its delivery status and bytes."""

    label: str
    kind: str
    status: str
    rfc_message_id: str
    envelope_from: str
    recipients: tuple[str, ...]
    created_at: datetime
    sent_at: datetime | None
    last_error: str | None
    data: bytes


@dataclass(frozen=True)
class EventRecord:
    """One line of a message's audit trail."""

    at: datetime
    action: str
    detail: str


# Replies staff queue after the first (resend, reprocess) hang on no message row (one reply per
# message row) but on a period key "REFERENCE:label:n", which keeps them unique and findable.
FOLLOWUP_LABELS = ("resend", "reprocess")
WAITING_STATUSES = ("pending", "sending")


def followup_key(reference: str, label: str, number: int) -> str:
    """The period key of the ``number``-th follow-up reply of ``label`` to ``reference``."""
    return f"{reference}:{label}:{number}"


def _staff_mail(row: ReplyRow) -> StaffMail:
    return StaffMail(
        period_key=str(row.period_key),
        kind=row.kind,
        status=row.status,
        created_at=row.created_at,
        sent_at=row.sent_at,
        last_error=row.last_error,
    )


def clean_text(value: str, limit: int) -> str:
    """Text a sender controls, made storable: lone surrogates (left by surrogateescape decoding;
    no database can encode them) become U+FFFD, control characters other than tab and newline
    go (PostgreSQL refuses NUL), and at most ``limit`` characters remain."""
    kept = []
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            kept.append("\ufffd")
        elif category != "Cc" or ch in "\t\n":
            kept.append(ch)
    return "".join(kept)[:limit]


def address_key(address: str) -> str:
    """An address as the rate limit compares it: trimmed, lower-cased, the domain in ASCII
    (replies go to the IDNA form, senders may write the Unicode one)."""
    local, at, domain = address.strip().lower().rpartition("@")
    if at and not domain.isascii():
        with suppress(UnicodeError):  # not a valid IDN: compare it as written
            domain = domain.encode("idna").decode("ascii")
    return f"{local}{at}{domain}"


def _optional(value: str | None, limit: int) -> str | None:
    return None if value is None else clean_text(value, limit)


def _text_list(values: tuple[str, ...] | list[str]) -> list[str]:
    return [clean_text(v, MAX_LIST_ITEM_CHARS) for v in values]


def pending_reply(
    kind: str, mail: OutgoingMail, now: datetime, *, period_key: str | None = None
) -> ReplyRow:
    """An outbox row for ``mail``, due now: a reply to a message, or (with ``period_key``) a
    digest, a reminder or a staff follow-up sent once per key."""
    return ReplyRow(
        period_key=period_key,
        kind=kind,
        rfc_message_id=mail.message_id,
        envelope_from=mail.envelope_from,
        recipients=list(mail.recipients),
        recipient=address_key(mail.recipients[0]),
        data=mail.data,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def _recognised(decision: Decision, role: str | None, document: Document) -> str | None:
    """How a file was recognised as ``role``, or (no role) why it did not count."""
    if role is not None:
        return decision.evidence.get(role)
    note = decision.notes.get(document.sha256)
    return f"not counted: {note.text}" if note else None


_REVIEWED = "reviewed"  # an event: staff looked at the message's review flags
_CANARY_SENT = "canary_sent"  # an event with the test message's Message-ID as its detail


class Ledger:
    """The ledger database plus the content-addressed blob store; see the module docstring."""

    def __init__(
        self, engine: Engine, blobs: BlobStore, *, instance: str, call_id: str | None = None
    ) -> None:
        self.engine = engine
        self.blobs = blobs
        self.instance = instance
        self.call_id = call_id
        # Names this process in its claims, so that others can tell when it has died.
        self.holder = this_process(instance)
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

    # -- plumbing -------------------------------------------------------------------------------

    @contextmanager
    def _session(self, doing: str, *, durable: bool = False) -> Iterator[Session]:
        session = self._sessions()
        try:
            if durable:
                session.connection(execution_options={DURABLE: True})
            yield session
        except IntegrityError:
            raise
        except SQLAlchemyError as exc:
            raise database_error(doing, self.engine, exc) from exc
        finally:
            session.close()

    def _event(
        self,
        message_id: int | None,
        at: datetime,
        action: str,
        detail: str,
        actor: str | None = None,
    ) -> EventRow:
        # Who did it (a staff action from the web view) ends the detail, where the audit trail
        # shows it.
        if actor is not None:
            detail = f"{detail} (by {actor})"
        return EventRow(
            message_id=message_id,
            at=at,
            instance=self.instance,
            action=action,
            detail=clean_text(detail, MAX_ERROR_CHARS),
        )

    # -- messages -------------------------------------------------------------------------------

    def find_duplicate(self, intake: Intake) -> str | None:
        """Reference of an earlier recording of the same message, or None if it is new.

        The same message is the same raw bytes, or the same Message-ID from the same sender with
        the same documents (a copy that gathered another Received header). A Message-ID alone is
        not enough: office scanners and scripts reuse them. Source keys play no part, so a
        UIDVALIDITY change (every IMAP key renewed) does not cause re-replies."""
        with self._session("looking for a duplicate") as session:
            found = session.scalar(
                select(MessageRow.reference).where(MessageRow.raw_sha256 == intake.raw_sha256)
            )
            if found is not None or not intake.message_id:
                return found
            sender = _optional(
                intake.from_address.lower() if intake.from_address else None, MAX_ADDRESS_CHARS
            )
            documents = {d.sha256 for d in intake.documents}
            for row in self._same_message_id(session, intake.message_id):
                if row.sender == sender and {d.sha256 for d in row.documents} == documents:
                    return row.reference
            return None

    def _same_message_id(self, session: Session, message_id: str) -> list[MessageRow]:
        return list(
            session.scalars(
                select(MessageRow)
                .where(MessageRow.message_id == clean_text(message_id, MAX_ADDRESS_CHARS))
                .options(selectinload(MessageRow.documents))
                .order_by(MessageRow.id)
                .limit(50)
            )
        )

    def facts_for(
        self, intake: Intake, now: datetime, reply_window: timedelta = timedelta(days=1)
    ) -> LedgerFacts:
        """What the ledger knows that bears on deciding ``intake`` (read before deciding; call
        it after :meth:`find_duplicate` has said the message is new)."""
        require_aware(now, "Ledger.facts_for(now)")
        with self._session("reading what is known of a sender") as session:
            earlier: list[str] = []
            if intake.from_address:
                earlier = list(
                    session.scalars(
                        select(MessageRow.reference)
                        .where(
                            MessageRow.application_key == intake.from_address.lower(),
                            MessageRow.outcome != Outcome.IGNORED.value,
                        )
                        .order_by(MessageRow.id)
                    )
                )
            reused = (
                [r.reference for r in self._same_message_id(session, intake.message_id)]
                if intake.message_id
                else []
            )
            address = intake.reply_address
            replies = (
                self._replies_queued_for(session, address, now - reply_window) if address else 0
            )
        return LedgerFacts(
            earlier_references=tuple(earlier),
            replies_in_window=replies,
            same_message_id=tuple(reused),
        )

    def record(
        self,
        *,
        source_key: str,
        raw: bytes,
        intake: Intake,
        decision: Decision,
        reference: str,
        reply: OutgoingMail | None,
        reply_kind: str | None,
        now: datetime,
    ) -> int:
        """In ONE transaction: the message row, its document rows (role from decision.documents),
        and the reply row (status pending). Blobs (raw + each document) are written first
        (idempotent). Returns the message row id. If a concurrent instance already recorded the
        same raw_sha256, returns that row's id: a duplicate is not an operator error."""
        require_aware(now, "Ledger.record(now)")
        if (reply is None) != (reply_kind is None):
            raise ValueError("reply and reply_kind must both be given or both be None")
        if reply_kind is not None and reply_kind not in REPLY_KINDS:
            raise ValueError(f"reply_kind must be one of {REPLY_KINDS}, got {reply_kind!r}")
        if reply is not None and not reply.recipients:
            raise ValueError("a reply needs at least one recipient")

        # Blobs first: if the commit below fails they are orphans that the next attempt reuses.
        raw_path = None if intake.truncated else self.blobs.put(raw)
        documents = self._document_rows(intake, decision)
        sender = intake.from_address.lower() if intake.from_address else None
        message = MessageRow(
            call_id=self.call_id,
            instance=self.instance,
            source_key=clean_text(source_key, MAX_ADDRESS_CHARS),
            message_id=_optional(intake.message_id, MAX_ADDRESS_CHARS),
            raw_sha256=intake.raw_sha256,
            reference=reference,
            sender=_optional(sender, MAX_ADDRESS_CHARS),
            sender_name=_optional(intake.from_name, MAX_NAME_CHARS),
            reply_to=_optional(intake.reply_to, MAX_ADDRESS_CHARS),
            subject=clean_text(intake.subject, MAX_SUBJECT_CHARS),
            arrival=intake.arrival,
            arrival_source=str(intake.arrival_source),
            size_bytes=intake.size_bytes,
            truncated=intake.truncated,
            outcome=str(decision.outcome),
            reasons=_text_list(decision.reasons),
            review=_text_list(decision.review),
            missing=_text_list(decision.missing),
            language=_optional(intake.language_hints[0] if intake.language_hints else None, 16),
            raw_path=raw_path,
            created_at=now,
            application_key=_optional(sender, MAX_ADDRESS_CHARS),
            documents=documents,
        )
        if reply is not None:
            assert reply_kind is not None
            message.reply = pending_reply(reply_kind, reply, now)
        try:
            with self._session("recording a message", durable=True) as session:
                session.add(message)
                session.flush()
                session.add(
                    self._event(message.id, now, "recorded", f"{decision.outcome} ({source_key})")
                )
                if intake.authentication:
                    # What our server said of the sender (SPF, DKIM, DMARC), for staff to read.
                    results = " ".join(f"{m}={r}" for m, r in intake.authentication)
                    session.add(self._event(message.id, now, "authentication", results))
                if reply is not None:
                    session.add(
                        self._event(
                            message.id, now, "reply_queued", f"{reply_kind} {reply.message_id}"
                        )
                    )
                session.commit()
                message_row_id = message.id
        except IntegrityError as exc:
            existing = self._message_row_id(intake.raw_sha256)
            if existing is None:
                raise StoreError(
                    f"cannot record message {reference} (sha256 {intake.raw_sha256}): "
                    f"{reason(exc)}; another message holds the same reference or reply "
                    "Message-ID. Keep the message in the mailbox and report this as a bug"
                ) from exc
            logger.info(
                "message %s was already recorded by another run; keeping row %d",
                reference,
                existing,
                extra={"action": "ledger_duplicate", "reference": reference},
            )
            return existing
        logger.debug(
            "recorded message %s as %s%s",
            reference,
            decision.outcome,
            f" with a {reply_kind} reply queued" if reply_kind else "",
            extra={"action": "ledger_recorded", "reference": reference, "instance": self.instance},
        )
        return message_row_id

    def _message_row_id(self, raw_sha256: str) -> int | None:
        with self._session("looking up a recorded message") as session:
            return session.scalar(select(MessageRow.id).where(MessageRow.raw_sha256 == raw_sha256))

    def _document_rows(self, intake: Intake, decision: Decision) -> list[DocumentRow]:
        chosen = [doc for doc in decision.documents.values() if doc is not None]
        ordered: list[Document] = list(intake.documents)
        for doc in chosen:
            if not any(doc is known or doc == known for known in ordered):
                ordered.append(doc)
        # Each role goes to exactly one file: the same object when decide passed it through,
        # else the first equal one (two identical attachments must not both claim a role).
        roles: dict[int, list[str]] = {}
        for role_id, chosen_doc in decision.documents.items():
            if chosen_doc is None:
                continue
            index = next((i for i, d in enumerate(ordered) if d is chosen_doc), None)
            if index is None:
                index = next(i for i, d in enumerate(ordered) if d == chosen_doc)
            roles.setdefault(index, []).append(role_id)
        rows: list[DocumentRow] = []
        for position, doc in enumerate(ordered):
            blob_path = self.blobs.put(doc.data)
            doc_roles: list[str | None] = [*roles.get(position, [])] or [None]
            for role in doc_roles:
                rows.append(
                    DocumentRow(
                        position=position,
                        role=role,
                        filename=_optional(doc.filename, MAX_NAME_CHARS),
                        content_type=clean_text(doc.content_type, MAX_NAME_CHARS),
                        container=_text_list(doc.container),
                        size_bytes=doc.size_bytes,
                        sha256=doc.sha256,
                        blob_path=blob_path,
                        text_chars=len(doc.text) if doc.text is not None else None,
                        text_error=_optional(doc.text_error, MAX_ERROR_CHARS),
                        text_excerpt=_optional(doc.text, MAX_TEXT_EXCERPT_CHARS),
                        recognised=_optional(_recognised(decision, role, doc), MAX_ERROR_CHARS),
                    )
                )
        return rows

    def message_count(self) -> int:
        with self._session("counting messages") as session:
            return session.scalar(select(func.count(MessageRow.id))) or 0

    def messages(self, *, since: datetime | None = None) -> list[MessageSummary]:
        """Recorded messages, oldest first; ``since`` filters on when they were recorded (not
        when they arrived), so a digest never misses a message that was processed late."""
        require_aware(since, "Ledger.messages(since)")
        statement = (
            select(MessageRow, ReplyRow.status)
            .outerjoin(ReplyRow, ReplyRow.message_id == MessageRow.id)
            .options(selectinload(MessageRow.documents))
            .order_by(MessageRow.created_at, MessageRow.id)
        )
        if since is not None:
            statement = statement.where(MessageRow.created_at >= since)
        with self._session("listing messages") as session:
            rows = session.execute(statement).all()
            return [self._summary(row, status) for row, status in rows]

    @staticmethod
    def _summary(row: MessageRow, reply_status: str | None) -> MessageSummary:
        documents = {
            doc.role: doc.filename or f"(unnamed {doc.content_type})"
            for doc in row.documents
            if doc.role is not None
        }
        return MessageSummary(
            reference=row.reference,
            sender=row.sender,
            subject=row.subject,
            arrival=row.arrival,
            outcome=Outcome(row.outcome),
            review=tuple(row.review),
            documents=documents,
            reply_status=reply_status,
            missing=tuple(row.missing),
            recorded_at=row.created_at,
            reasons=tuple(row.reasons),
        )

    # -- the outbox -----------------------------------------------------------------------------

    def claim_due_replies(
        self, now: datetime, limit: int, lease_s: float = 300
    ) -> list[OutboxItem]:
        """Up to ``limit`` due replies, claimed for this process: pending ones whose
        next_attempt_at <= now, and 'sending' ones whose lease expired or whose holder is gone
        (see the module docstring). Marks them sending, attempts += 1, claimed_by/claimed_until,
        clears started_at, and COMMITS before returning."""
        require_aware(now, "Ledger.claim_due_replies(now)")
        if limit <= 0:
            return []
        if lease_s <= 0:
            raise ValueError(f"lease_s must be positive, got {lease_s}")
        until = now + timedelta(seconds=lease_s)
        with self._session("claiming replies to send") as session:
            holders = session.scalars(
                select(ReplyRow.claimed_by)
                .where(ReplyRow.status == "sending", ReplyRow.claimed_until > now)
                .distinct()
            )
            gone = [h for h in holders if h is not None and is_gone(h)]
            orphaned = and_(ReplyRow.status == "sending", ReplyRow.claimed_by.in_(gone))
            due = or_(
                and_(ReplyRow.status == "pending", ReplyRow.next_attempt_at <= now),
                and_(ReplyRow.status == "sending", ReplyRow.claimed_until <= now),
                *([orphaned] if gone else []),
            )
            statement = (
                select(ReplyRow)
                .where(due)
                .order_by(ReplyRow.next_attempt_at, ReplyRow.id)
                .limit(limit)
                # PostgreSQL: rows another instance is claiming right now are skipped, not
                # waited for. SQLite renders no FOR UPDATE; its BEGIN IMMEDIATE serialises writers.
                .with_for_update(skip_locked=True)
            )
            rows = list(session.scalars(statement))
            if not rows:
                session.commit()
                return []
            found = session.execute(
                select(MessageRow.id, MessageRow.reference).where(
                    MessageRow.id.in_([r.message_id for r in rows if r.message_id is not None])
                )
            )
            by_message = dict(found.all())  # not dict(found): a Result has keys()
            # Staff mail has no message: its period key says what it is in logs and events.
            references = {
                row.id: by_message[row.message_id]
                if row.message_id is not None
                else str(row.period_key)
                for row in rows
            }
            for row in rows:
                if row.status == "sending":
                    self._take_over(session, row, references[row.id], now)
                row.status = "sending"
                row.attempts += 1
                row.claimed_by = self.holder
                row.claimed_until = until
                row.started_at = None
                session.add(
                    self._event(row.message_id, now, "reply_sending", f"attempt {row.attempts}")
                )
            items = [
                OutboxItem(
                    id=row.id,
                    message_ref=references[row.id],
                    mail=OutgoingMail(
                        message_id=row.rfc_message_id,
                        envelope_from=row.envelope_from,
                        recipients=tuple(row.recipients),
                        data=row.data,
                    ),
                    attempts=row.attempts,
                )
                for row in rows
            ]
            session.commit()
        logger.debug(
            "claimed %d replies until %s", len(items), until, extra={"action": "outbox_claimed"}
        )
        return items

    def _take_over(self, session: Session, row: ReplyRow, reference: str, now: datetime) -> None:
        """Log and record why a reply another process claimed is claimed again, and whether the
        recipient may get a second copy."""
        why = (
            "its lease expired"
            if row.claimed_until is not None and row.claimed_until <= now
            else "that process is gone"
        )
        if row.started_at is None:
            # Never handed to the transport: the attempt of that claim did not happen.
            row.attempts = max(row.attempts - 1, 0)
            logger.info(
                "reply %d for %s: claimed by %s, never sent, and %s; sending it now",
                row.id,
                reference,
                row.claimed_by,
                why,
                extra={"action": "outbox_claim_recovered", "reply_id": row.id},
            )
            action = "reply_claim_recovered"
        else:
            logger.warning(
                "reply %d for %s: %s started sending it at %s and %s; sending it again (the "
                "recipient may get a second copy with the same Message-ID)",
                row.id,
                reference,
                row.claimed_by,
                row.started_at.isoformat(),
                why,
                extra={"action": "outbox_lease_expired", "reply_id": row.id},
            )
            action = "reply_lease_expired"
        session.add(
            self._event(
                row.message_id,
                now,
                action,
                f"claimed by {row.claimed_by} until {row.claimed_until}, started "
                f"{row.started_at}; {why}",
            )
        )

    def mark_started(self, reply_id: int, now: datetime, lease_s: float = 300) -> bool:
        """Record that this process now hands the reply to the transport (a short commit, made
        before the first byte goes out), and extend its lease to ``lease_s`` from now. False,
        with nothing changed, when this process no longer holds the reply (another took it over
        after deciding we were gone): the caller must then not send it."""
        require_aware(now, "Ledger.mark_started(now)")
        with self._session("recording that a reply is being sent") as session:
            result = session.execute(
                update(ReplyRow)
                .where(
                    ReplyRow.id == reply_id,
                    ReplyRow.status == "sending",
                    ReplyRow.claimed_by == self.holder,
                )
                .values(started_at=now, claimed_until=now + timedelta(seconds=lease_s))
            )
            session.commit()
        started = bool(getattr(result, "rowcount", 0))
        if not started:
            logger.warning(
                "reply %d is no longer ours to send (another process took it over); skipping it",
                reply_id,
                extra={"action": "outbox_claim_lost", "reply_id": reply_id},
            )
        return started

    def renew_claims(self, reply_ids: Collection[int], now: datetime, lease_s: float) -> int:
        """Extend this process's claims on ``reply_ids`` to ``lease_s`` from now: the heartbeat
        that keeps a live pass's claims its own while a process that died (wherever it ran, even
        where rrr_mailbot.store.owner cannot see it) loses them within one lease. Returns how
        many claims were renewed (replies already done or taken over are left alone)."""
        require_aware(now, "Ledger.renew_claims(now)")
        if lease_s <= 0:
            raise ValueError(f"lease_s must be positive, got {lease_s}")
        if not reply_ids:
            return 0
        with self._session("renewing the claims on replies") as session:
            result = session.execute(
                update(ReplyRow)
                .where(
                    ReplyRow.id.in_(list(reply_ids)),
                    ReplyRow.status == "sending",
                    ReplyRow.claimed_by == self.holder,
                )
                .values(claimed_until=now + timedelta(seconds=lease_s))
            )
            session.commit()
        return int(getattr(result, "rowcount", 0) or 0)

    def _reply(self, session: Session, reply_id: int) -> ReplyRow:
        row = session.get(ReplyRow, reply_id)
        if row is None:
            raise StoreError(f"there is no reply with id {reply_id} in the outbox")
        return row

    def mark_sent(self, reply_id: int, now: datetime) -> None:
        """The transport accepted the reply: it is done. Durable, like a message's recording: a
        "sent" lost to a database crash would send the reply again."""
        require_aware(now, "Ledger.mark_sent(now)")
        with self._session("marking a reply sent") as session:
            session.connection(execution_options={DURABLE: True})
            self._mark_sent(session, reply_id, now)
            session.commit()

    def _mark_sent(self, session: Session, reply_id: int, now: datetime) -> None:
        row = self._reply(session, reply_id)
        if row.status != "sent":
            row.sent_at = now
        row.status = "sent"
        row.claimed_by = None
        row.claimed_until = None
        session.add(self._event(row.message_id, now, "reply_sent", f"attempt {row.attempts}"))
        session.flush()
        logger.debug(
            "reply %d sent", reply_id, extra={"action": "outbox_sent", "reply_id": reply_id}
        )

    def release(self, reply_id: int, now: datetime) -> None:
        """Give back a claimed reply that was never handed to the transport (the pass stopped):
        pending again, due now, and the claim's attempt not counted."""
        require_aware(now, "Ledger.release(now)")
        with self._session("releasing a reply") as session:
            row = self._reply(session, reply_id)
            if row.status != "sending" or row.claimed_by != self.holder:
                return
            row.status = "pending"
            row.attempts = max(row.attempts - 1, 0)
            row.next_attempt_at = now
            row.claimed_by = None
            row.claimed_until = None
            session.commit()

    def mark_retry(self, reply_id: int, error: str, retry_at: datetime, *, now: datetime) -> None:
        """A transient failure: back to pending, due again at ``retry_at``."""
        require_aware(retry_at, "Ledger.mark_retry(retry_at)")
        require_aware(now, "Ledger.mark_retry(now)")
        at = now
        with self._session("rescheduling a reply") as session:
            row = self._reply(session, reply_id)
            if row.status == "sent":
                # Another instance sent it after our lease expired; keep its success.
                logger.warning(
                    "reply %d is already sent; not rescheduling it (%s)",
                    reply_id,
                    error,
                    extra={"action": "outbox_retry_ignored", "reply_id": reply_id},
                )
                return
            row.status = "pending"
            row.next_attempt_at = retry_at
            row.last_error = clean_text(error, MAX_ERROR_CHARS)
            row.claimed_by = None
            row.claimed_until = None
            session.add(
                self._event(
                    row.message_id, at, "reply_retry", f"{error}; retry at {retry_at.isoformat()}"
                )
            )
            session.commit()
        logger.debug(
            "reply %d not delivered (%s); retrying at %s",
            reply_id,
            error,
            retry_at.isoformat(),
            extra={"action": "outbox_retry", "reply_id": reply_id},
        )

    def mark_failed(self, reply_id: int, error: str, now: datetime) -> None:
        """A permanent failure: the reply stays in the outbox as ``failed`` for staff to see."""
        require_aware(now, "Ledger.mark_failed(now)")
        with self._session("marking a reply failed") as session:
            row = self._reply(session, reply_id)
            if row.status == "sent":
                logger.warning(
                    "reply %d is already sent; not marking it failed (%s)",
                    reply_id,
                    error,
                    extra={"action": "outbox_failed_ignored", "reply_id": reply_id},
                )
                return
            row.status = "failed"
            row.last_error = clean_text(error, MAX_ERROR_CHARS)
            row.claimed_by = None
            row.claimed_until = None
            session.add(self._event(row.message_id, now, "reply_failed", error))
            session.commit()
        logger.debug(
            "reply %d failed for good: %s; staff must answer this applicant by hand",
            reply_id,
            error,
            extra={"action": "outbox_failed", "reply_id": reply_id},
        )

    # -- staff mail (digests, reminders) ---------------------------------------------------------

    def enqueue_staff_mail(
        self, *, period_key: str, kind: str, mail: OutgoingMail, now: datetime
    ) -> bool:
        """Queue a digest or reminder for delivery, once per ``period_key``: True when queued now,
        False when that period was queued before (by this run, an earlier one or another
        instance); the unique key, not a prior look-up, decides, so a race cannot queue two."""
        require_aware(now, "Ledger.enqueue_staff_mail(now)")
        if kind not in STAFF_MAIL_KINDS:
            raise ValueError(f"kind must be one of {STAFF_MAIL_KINDS}, got {kind!r}")
        if not mail.recipients:
            raise ValueError("staff mail needs at least one recipient")
        row = pending_reply(kind, mail, now, period_key=clean_text(period_key, MAX_ADDRESS_CHARS))
        try:
            with self._session("queueing staff mail") as session:
                session.add(row)
                session.add(self._event(None, now, f"{kind}_queued", period_key))
                session.commit()
        except IntegrityError:
            if self.staff_mail(period_key) is None:
                raise StoreError(
                    f"cannot queue {kind} {period_key}: its Message-ID {mail.message_id} is "
                    "already in the outbox for something else; report this as a bug"
                ) from None
            return False
        logger.debug(
            "queued %s %s",
            kind,
            period_key,
            extra={"action": f"{kind}_queued", "period": period_key},
        )
        return True

    def staff_mail(self, period_key: str) -> StaffMail | None:
        """The digest or reminder queued for ``period_key``, or None."""
        statement = select(ReplyRow).where(ReplyRow.period_key == period_key)
        with self._session("looking up staff mail") as session:
            row = session.scalar(statement)
            return None if row is None else _staff_mail(row)

    def staff_mails(self, *, prefix: str = "", kind: str | None = None) -> list[StaffMail]:
        """Digests and reminders whose period key starts with ``prefix``, oldest first."""
        statement = (
            select(ReplyRow)
            .where(ReplyRow.period_key.is_not(None))
            .order_by(ReplyRow.created_at, ReplyRow.id)
        )
        if prefix:
            statement = statement.where(func.substr(ReplyRow.period_key, 1, len(prefix)) == prefix)
        if kind is not None:
            statement = statement.where(ReplyRow.kind == kind)
        with self._session("listing staff mail") as session:
            return [_staff_mail(row) for row in session.scalars(statement)]

    def recorded_messages(self, application_key: str | None = None) -> list[RecordedMessage]:
        """Every recorded message (or one application's) with its documents and its reply's
        status, oldest first: the input of the application fold (rrr_mailbot.staff.applications)."""
        statement = (
            select(
                MessageRow, ReplyRow.kind, ReplyRow.status, ReplyRow.last_error, ReplyRow.recipients
            )
            .outerjoin(ReplyRow, ReplyRow.message_id == MessageRow.id)
            .options(selectinload(MessageRow.documents))
            .order_by(MessageRow.created_at, MessageRow.id)
        )
        if application_key is not None:
            statement = statement.where(MessageRow.application_key == application_key.lower())
        with self._session("reading messages for staff") as session:
            reviewed = set(
                session.scalars(select(EventRow.message_id).where(EventRow.action == _REVIEWED))
            )
            return [
                RecordedMessage(
                    reference=row.reference,
                    application_key=row.application_key,
                    sender=row.sender,
                    sender_name=row.sender_name,
                    subject=row.subject,
                    arrival=row.arrival,
                    recorded_at=row.created_at,
                    outcome=Outcome(row.outcome),
                    documents=tuple(
                        RecordedDocument(
                            role=doc.role,
                            filename=doc.filename,
                            sha256=doc.sha256,
                            size_bytes=doc.size_bytes,
                            text_excerpt=doc.text_excerpt,
                            recognised=doc.recognised,
                        )
                        for doc in row.documents
                        if doc.role is not None
                    ),
                    missing=tuple(row.missing),
                    review=tuple(row.review),
                    reasons=tuple(row.reasons),
                    reply_kind=kind,
                    reply_status=status,
                    reply_error=error,
                    reply_recipient=recipients[0] if recipients else None,
                    language=row.language,
                    raw_path=row.raw_path,
                    reviewed=row.id in reviewed,
                )
                for row, kind, status, error, recipients in session.execute(statement).all()
            ]

    # -- staff commands (rrr_mailbot.staff.actions) -----------------------------------------

    def links(self) -> dict[str, str]:
        """Every staff link: address or ``@domain`` -> the application key it joins."""
        with self._session("reading links") as session:
            rows = session.execute(select(LinkRow.pattern, LinkRow.application_key)).all()
        return dict(sorted((pattern, key) for pattern, key in rows))

    def add_link(
        self,
        pattern: str,
        application_key: str,
        reference: str,
        now: datetime,
        actor: str | None = None,
    ) -> bool:
        """Join ``pattern`` (an address or ``@domain``) to an application; replaces an earlier
        link of the same pattern. False when exactly this link existed already. ``actor``: who
        did it, kept in the event."""
        require_aware(now, "Ledger.add_link(now)")
        pattern = clean_text(pattern, MAX_ADDRESS_CHARS)
        with self._session("linking an address to an application") as session:
            row = session.scalar(select(LinkRow).where(LinkRow.pattern == pattern))
            if row is not None and row.application_key == application_key:
                return False
            before = None if row is None else row.application_key
            if row is None:
                row = LinkRow(pattern=pattern, application_key=application_key)
                session.add(row)
            row.application_key = application_key
            row.reference = reference
            row.created_at = now
            row.instance = self.instance
            message_id = session.scalar(
                select(MessageRow.id).where(MessageRow.reference == reference)
            )
            detail = f"{pattern} joined to application {application_key}"
            if before is not None:
                detail += f" (was {before})"
            session.add(self._event(message_id, now, "linked", detail, actor))
            session.commit()
        logger.info(
            "linked %s to application %s (%s)",
            pattern,
            application_key,
            reference,
            extra={"action": "staff.linked", "reference": reference},
        )
        return True

    def _message_by_reference(self, session: Session, reference: str) -> MessageRow | None:
        return session.scalar(
            select(MessageRow)
            .where(MessageRow.reference == reference)
            .options(selectinload(MessageRow.documents))
        )

    def stored_message(self, reference: str) -> StoredMessage | None:
        """The recorded message ``reference`` as deciding it again needs it, or None."""
        with self._session("reading a recorded message") as session:
            row = self._message_by_reference(session, reference)
            if row is None:
                return None
            summary = self._summary(row, None)
            return StoredMessage(
                reference=row.reference,
                source_key=row.source_key,
                raw_path=row.raw_path,
                arrival=row.arrival,
                arrival_source=row.arrival_source,
                recorded_at=row.created_at,
                outcome=summary.outcome,
                reasons=summary.reasons,
                review=summary.review,
                missing=summary.missing,
                documents=summary.documents,
            )

    def replies_to(self, reference: str) -> list[ReplyRecord]:
        """The replies to message ``reference``: its first, then staff's resends and reprocessed
        replies, oldest first."""
        prefix = f"{reference}:"
        with self._session("reading the replies to a message") as session:
            message_id = session.scalar(
                select(MessageRow.id).where(MessageRow.reference == reference)
            )
            mine = func.substr(ReplyRow.period_key, 1, len(prefix)) == prefix
            owned = mine if message_id is None else or_(ReplyRow.message_id == message_id, mine)
            rows = session.scalars(
                select(ReplyRow).where(owned).order_by(ReplyRow.created_at, ReplyRow.id)
            )
            return [
                ReplyRecord(
                    label="reply"
                    if row.period_key is None
                    else row.period_key[len(prefix) :].split(":")[0],
                    kind=row.kind,
                    status=row.status,
                    rfc_message_id=row.rfc_message_id,
                    envelope_from=row.envelope_from,
                    recipients=tuple(row.recipients),
                    created_at=row.created_at,
                    sent_at=row.sent_at,
                    last_error=row.last_error,
                    data=row.data,
                )
                for row in rows
            ]

    def events_of(self, reference: str) -> list[EventRecord]:
        """The audit trail of message ``reference``, oldest first."""
        statement = (
            select(EventRow)
            .join(MessageRow, EventRow.message_id == MessageRow.id)
            .where(MessageRow.reference == reference)
            .order_by(EventRow.at, EventRow.id)
        )
        with self._session("reading a message's events") as session:
            return [EventRecord(r.at, r.action, r.detail) for r in session.scalars(statement)]

    def _followup_row(
        self,
        session: Session,
        reference: str,
        label: str,
        kind: str,
        mail: OutgoingMail,
        now: datetime,
    ) -> ReplyRow | None:
        """A new follow-up reply row for ``reference``, or None when a reply to it is still
        waiting in the outbox (never two pending for one message)."""
        if label not in FOLLOWUP_LABELS:
            raise ValueError(f"label must be one of {FOLLOWUP_LABELS}, got {label!r}")
        if kind not in REPLY_KINDS:
            raise ValueError(f"kind must be one of {REPLY_KINDS}, got {kind!r}")
        prefix = f"{reference}:"
        message_id = session.scalar(select(MessageRow.id).where(MessageRow.reference == reference))
        mine = func.substr(ReplyRow.period_key, 1, len(prefix)) == prefix
        owned = or_(ReplyRow.message_id == message_id, mine)
        waiting = session.scalar(
            select(func.count(ReplyRow.id)).where(owned, ReplyRow.status.in_(WAITING_STATUSES))
        )
        if waiting:
            return None
        earlier = session.scalar(select(func.count(ReplyRow.id)).where(mine)) or 0
        return pending_reply(
            kind, mail, now, period_key=followup_key(reference, label, earlier + 1)
        )

    def queue_followup(
        self,
        reference: str,
        *,
        label: str,
        kind: str,
        mail: OutgoingMail,
        now: datetime,
        actor: str | None = None,
    ) -> str | None:
        """Queue another reply to message ``reference`` (a resend): its period key, or None when
        a reply to it is still pending or being sent. ``actor``: who asked, kept in the event."""
        require_aware(now, "Ledger.queue_followup(now)")
        with self._session("queueing a reply again") as session:
            row = self._followup_row(session, reference, label, kind, mail, now)
            if row is None:
                return None
            message_id = session.scalar(
                select(MessageRow.id).where(MessageRow.reference == reference)
            )
            session.add(row)
            session.add(
                self._event(message_id, now, f"reply_{label}", f"{kind} {mail.message_id}", actor)
            )
            session.commit()
            return str(row.period_key)

    def redecide(
        self,
        reference: str,
        *,
        intake: Intake,
        decision: Decision,
        detail: str,
        reply: tuple[str, OutgoingMail] | None,
        now: datetime,
        actor: str | None = None,
    ) -> str | None:
        """In ONE transaction: message ``reference`` gets ``decision`` (outcome, reasons, review,
        missing, the documents' roles), an event ``reprocessed`` keeps ``detail`` (the decision
        it replaced), and ``reply`` (kind, mail) is queued as a follow-up. Returns the reply's
        period key (None: no reply). Raises StoreError when a reply to it is still waiting.
        ``actor``: who asked, kept in the events."""
        require_aware(now, "Ledger.redecide(now)")
        documents = self._document_rows(intake, decision)
        with self._session("recording a new decision") as session:
            row = self._message_by_reference(session, reference)
            if row is None:
                raise StoreError(f"there is no message {reference} in the ledger")
            key = None
            if reply is not None:
                kind, mail = reply
                followup = self._followup_row(session, reference, "reprocess", kind, mail, now)
                if followup is None:
                    raise StoreError(
                        f"a reply to {reference} is still waiting in the outbox; let the service "
                        "deliver it (or `rrr-mailbot run --once`) before reprocessing"
                    )
                session.add(followup)
                key = followup.period_key
                session.add(
                    self._event(row.id, now, "reply_reprocess", f"{kind} {mail.message_id}", actor)
                )
            row.outcome = str(decision.outcome)
            row.reasons = _text_list(decision.reasons)
            row.review = _text_list(decision.review)
            row.missing = _text_list(decision.missing)
            # Old rows out before the new ones go in: (message_id, role) is unique.
            row.documents.clear()
            session.flush()
            row.documents.extend(documents)
            session.add(self._event(row.id, now, "reprocessed", detail, actor))
            session.commit()
        logger.info(
            "decided %s again: %s",
            reference,
            decision.outcome,
            extra={"action": "staff.reprocessed", "reference": reference},
        )
        return key

    def outbox_backlog(self) -> OutboxBacklog:
        """How much mail waits in the outbox (pending or sending), and since when."""
        waiting = ReplyRow.status.in_(("pending", "sending"))
        with self._session("measuring the outbox backlog") as session:
            count, oldest = session.execute(
                select(func.count(ReplyRow.id), func.min(ReplyRow.created_at)).where(waiting)
            ).one()
        return OutboxBacklog(waiting=count or 0, oldest_created_at=oldest)

    def replies_queued_for(self, address: str, since: datetime) -> int:
        """Replies queued to ``address`` (any status) since ``since``: the per-sender rate limit."""
        require_aware(since, "Ledger.replies_queued_for(since)")
        with self._session("counting replies to a sender") as session:
            return self._replies_queued_for(session, address, since)

    @staticmethod
    def _replies_queued_for(session: Session, address: str, since: datetime) -> int:
        count = session.scalar(
            select(func.count(ReplyRow.id)).where(
                ReplyRow.recipient == address_key(address), ReplyRow.created_at >= since
            )
        )
        return count or 0

    def mark_reviewed(self, reference: str, now: datetime, actor: str | None = None) -> bool:
        """Record that staff looked at message ``reference``'s review flags; False when that was
        recorded before. The flags stay in the history; the application no longer waits on them."""
        require_aware(now, "Ledger.mark_reviewed(now)")
        with self._session("marking a message reviewed") as session:
            message_id = session.scalar(
                select(MessageRow.id).where(MessageRow.reference == reference)
            )
            if message_id is None:
                raise StoreError(f"no message with reference {reference!r} in the ledger")
            done = session.scalar(
                select(func.count(EventRow.id)).where(
                    EventRow.message_id == message_id, EventRow.action == _REVIEWED
                )
            )
            if done:
                return False
            detail = "review flags looked at" + (f" (by {actor})" if actor else "")
            session.add(self._event(message_id, now, _REVIEWED, detail))
            session.commit()
            return True

    # -- the canary (rrr_mailbot.staff.canary) --------------------------------------------------

    def record_canary(self, message_id: str, now: datetime) -> None:
        """Note that a test message with ``message_id`` was sent to the call's address."""
        require_aware(now, "Ledger.record_canary(now)")
        with self._session("recording a test message") as session:
            session.add(self._event(None, now, _CANARY_SENT, message_id))
            session.commit()

    def last_canary_at(self) -> datetime | None:
        """When the latest test message was sent, by any instance; None if never."""
        with self._session("reading the last test message") as session:
            return session.scalar(
                select(func.max(EventRow.at)).where(EventRow.action == _CANARY_SENT)
            )

    def canaries_not_back(self, sent_before: datetime) -> list[tuple[str, datetime]]:
        """(Message-ID, sent at) of test messages sent before ``sent_before`` that no recorded
        message carries, and about which staff have not been alerted yet."""
        require_aware(sent_before, "Ledger.canaries_not_back(sent_before)")
        alerted = select(ReplyRow.period_key).where(ReplyRow.period_key.is_not(None))
        with self._session("looking for test messages that did not come back") as session:
            sent = session.execute(
                select(EventRow.detail, EventRow.at)
                .where(EventRow.action == _CANARY_SENT, EventRow.at < sent_before)
                .order_by(EventRow.at)
            ).all()
            if not sent:
                return []
            ids = [message_id for message_id, _ in sent]
            back = set(
                session.scalars(select(MessageRow.message_id).where(MessageRow.message_id.in_(ids)))
            )
            keys = set(session.scalars(alerted))
        return [
            (message_id, at)
            for message_id, at in sent
            if message_id not in back and f"canary-alert:{message_id}" not in keys
        ]

    def outbox_counts(self) -> dict[str, int]:
        """How many replies are in each status; statuses with no reply are left out."""
        with self._session("counting the outbox") as session:
            rows = session.execute(
                select(ReplyRow.status, func.count(ReplyRow.id)).group_by(ReplyRow.status)
            ).all()
        return dict(sorted(rows))

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()
