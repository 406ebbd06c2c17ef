"""The ledger's tables as typed SQLAlchemy ORM classes.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a unit test compares
the two so they cannot drift apart. Row classes are internal to the store package: the rest of the
code sees the plain dataclasses the Ledger returns.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Deterministic constraint names, so migrations can refer to them on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REPLY_KINDS = ("acknowledgement", "incomplete", "late")
# Mail the bot writes on its own schedule rather than in answer to one message: no message row,
# a period key instead (unique, so one period is never queued twice).
STAFF_MAIL_KINDS = ("digest", "reminder", "alert")
REPLY_STATUSES = ("pending", "sending", "sent", "failed")
OUTCOMES = ("accepted", "incomplete", "late", "ignored")


class UtcDateTime(TypeDecorator[datetime]):
    """A time-zone aware datetime, stored as UTC.

    PostgreSQL keeps ``timestamptz``; SQLite has no zone, so the value is written as naive UTC and
    UTC is attached again on the way out. A naive datetime is refused on the way in: we cannot know
    which zone it meant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"the ledger stores time-zone aware datetimes only, got naive {value!r}"
            )
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """Declarative base with the naming convention and JSON lists mapped to the JSON type."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        list[str]: JSON(),
        dict[str, Any]: JSON(),
    }


class MessageRow(Base):
    """One message as recorded: who sent it, when it arrived, what was decided and why."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(_in("outcome", OUTCOMES), name="outcome"),
        Index("ix_messages_created_at", "created_at"),
        Index("ix_messages_application_key", "application_key"),
        Index("ix_messages_message_id", "message_id"),
        Index("ix_messages_outcome", "outcome"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str | None] = mapped_column(Text)
    instance: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(Text)
    raw_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    sender: Mapped[str | None] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(Text)
    reply_to: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    arrival: Mapped[datetime | None]
    arrival_source: Mapped[str] = mapped_column(String(16))
    size_bytes: Mapped[int] = mapped_column(Integer)
    truncated: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]]
    review: Mapped[list[str]]
    missing: Mapped[list[str]]
    language: Mapped[str | None] = mapped_column(String(16))
    raw_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    application_key: Mapped[str | None] = mapped_column(Text)

    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="message", order_by="DocumentRow.id", cascade="all, delete-orphan"
    )
    reply: Mapped[ReplyRow | None] = relationship(
        back_populates="message", cascade="all, delete-orphan"
    )


class DocumentRow(Base):
    """One candidate document of a message; ``role`` says which required document it serves.

    A document that serves two roles (one PDF holding both forms) has one row per role, both
    pointing at the same blob; the unique (message_id, role) pair keeps one file per role.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("message_id", "role"),
        Index("ix_documents_sha256", "sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(Text)
    container: Mapped[list[str]]
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    blob_path: Mapped[str] = mapped_column(Text)
    text_chars: Mapped[int | None] = mapped_column(Integer)
    text_error: Mapped[str | None] = mapped_column(Text)
    # The first characters of the document's text, so staff views (the form's city and country)
    # need not parse the file again; None for rows recorded before revision 0002 or unread files.
    text_excerpt: Mapped[str | None] = mapped_column(Text)
    # How the file was recognised as its role ("its text (read by OCR)", "elimination: ..."), or
    # why it did not count ("not counted: appears to be a budget..."): for staff.
    recognised: Mapped[str | None] = mapped_column(Text)

    message: Mapped[MessageRow] = relationship(back_populates="documents")


class ReplyRow(Base):
    """The outbox: one rendered reply per message and where its delivery stands.

    ``recipient`` is the lower-cased first recipient, kept apart from the JSON list so the
    per-sender rate limit is an indexed count. Staff digests and reminders go through the same
    outbox with no message: ``message_id`` is None and the unique ``period_key`` names what the
    mail is for (a digest period, a reminder to one application), so it is queued at most once.
    A reply staff queue again for a message (``resend``, ``reprocess``) is keyed the same way,
    ``REFERENCE:resend:1``, since a message row owns only its first reply.
    """

    __tablename__ = "replies"
    __table_args__ = (
        CheckConstraint(_in("kind", REPLY_KINDS + STAFF_MAIL_KINDS), name="kind"),
        CheckConstraint(_in("status", REPLY_STATUSES), name="status"),
        CheckConstraint("(message_id IS NULL) <> (period_key IS NULL)", name="one_owner"),
        Index("ix_replies_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_replies_recipient_created_at", "recipient", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    period_key: Mapped[str | None] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    rfc_message_id: Mapped[str] = mapped_column(Text, unique=True)
    envelope_from: Mapped[str] = mapped_column(Text)
    recipients: Mapped[list[str]]
    recipient: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(Text)
    claimed_until: Mapped[datetime | None]
    # When this claim handed the reply to the transport; None: it never reached the mail server.
    started_at: Mapped[datetime | None]

    message: Mapped[MessageRow | None] = relationship(back_populates="reply")


class EventRow(Base):
    """The audit trail staff can read: what happened to a message and its reply, and when."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_message_id_at", "message_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    instance: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)


class LinkRow(Base):
    """An address (``a@b.example``) or a whole domain (``@b.example``) that staff joined to an
    application: its messages belong to the application keyed ``application_key`` (the one
    ``reference`` was part of when staff linked it). One link per address or domain."""

    __tablename__ = "links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pattern: Mapped[str] = mapped_column(Text, unique=True)
    application_key: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    instance: Mapped[str] = mapped_column(Text)


class QuarantineRow(Base):
    """A message whose reading broke a bound (time, memory, CPU, a dead reader, a parser error):
    kept with its raw bytes and the reason, never answered, until staff reprocess it.
    ``released_at`` is set when a later reading succeeded and the message was recorded."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    raw_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    source_key: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    truncated: Mapped[bool] = mapped_column(Boolean)
    arrival: Mapped[datetime | None]
    raw_path: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    quarantined_at: Mapped[datetime]
    released_at: Mapped[datetime | None]
    instance: Mapped[str] = mapped_column(Text)


class LeaderLeaseRow(Base):
    """Which process does the service's work (polls, sends, staff jobs) and until when; one row
    per lease name. See rrr_mailbot.store.leader."""

    __tablename__ = "leader_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(Text)
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
