"""Applications, not messages: a pure fold from one applicant's recorded messages to where the
application stands.

An application groups the messages of one applicant: one sender address (the ledger's
``messages.application_key``), plus the addresses and ``@domains`` staff linked to it
(``rrr-mailbot link``), which come in as data (``links``: address or @domain -> application
key). Folding its messages in arrival order gives:

- the current file for each required document, with the message it came from, and every file it
  superseded (a newer file with different content replaces the older; the same bytes sent again
  change nothing);
- the state: ``complete`` when on-time messages brought every required document; ``late`` when
  they did not and a message arrived after the deadline; ``incomplete`` (with what is missing)
  otherwise; ``needs_review`` when a message carries a review flag staff must look at, whatever
  the documents say (a wrong "complete" is the worst error staff can be shown).

A message after the deadline never changes an application that was complete on time: its files
are kept as ``late_documents`` and staff are told (a review reason). Ignored messages (automatic
mail, our own) take no part. Nothing here reads a clock, the database or the configuration file:
the deadline and the required documents come in as arguments.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rrr_mailbot.model import Outcome, require_aware

# Review flags the fold itself answers: the pipeline marks a second message from the same sender
# so staff would join the messages by hand; the fold has joined them.
ABSORBED_FLAGS = frozenset({"earlier_messages_from_sender"})


class State(enum.StrEnum):
    """Where an application stands, as staff count it."""

    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    LATE = "late"
    NEEDS_REVIEW = "needs_review"


STATES = tuple(State)


@dataclass(frozen=True)
class RecordedDocument:
    """A file that filled a required document in one recorded message."""

    role: str
    filename: str | None
    sha256: str
    size_bytes: int = 0
    text_excerpt: str | None = None
    recognised: str | None = None  # how it was recognised as its role (see classify.Assignment)


@dataclass(frozen=True)
class RecordedMessage:
    """One recorded message as the staff side reads it from the ledger.

    ``application_key`` is None when the message had no usable sender; ``reply_status`` is None
    when no reply was queued; ``arrival`` is None only when no time at all was known (the ledger's
    recording time stands in for ordering).
    """

    reference: str
    application_key: str | None
    sender: str | None
    subject: str
    arrival: datetime | None
    recorded_at: datetime
    outcome: Outcome
    documents: tuple[RecordedDocument, ...] = ()
    missing: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    sender_name: str | None = None
    reply_kind: str | None = None
    reply_status: str | None = None
    reply_error: str | None = None
    reply_recipient: str | None = None  # where our reply went: an address the pipeline vetted
    language: str | None = None  # the language hint intake found in the message
    raw_path: str | None = None  # the raw message in the blob store; None when not kept
    reviewed: bool = False  # staff looked at its review flags (`rrr-mailbot review REF`)

    def __post_init__(self) -> None:
        require_aware(self.arrival, "RecordedMessage.arrival")
        require_aware(self.recorded_at, "RecordedMessage.recorded_at")

    @property
    def when(self) -> datetime:
        """The time that orders messages: arrival, else when we recorded it."""
        return self.arrival or self.recorded_at


@dataclass(frozen=True)
class DocumentVersion:
    """One file for one required document, and the message it came from."""

    role: str
    filename: str | None
    sha256: str
    reference: str
    arrival: datetime | None
    text_excerpt: str | None = None


@dataclass(frozen=True)
class Application:
    """The folded state of one applicant's messages; see the module docstring."""

    key: str
    state: State
    messages: tuple[RecordedMessage, ...]
    current: dict[str, DocumentVersion]
    superseded: tuple[DocumentVersion, ...]
    late_documents: tuple[DocumentVersion, ...]
    missing: tuple[str, ...]
    review: tuple[str, ...]
    first_arrival: datetime | None
    completed_at: datetime | None

    @property
    def documents_complete(self) -> bool:
        return not self.missing

    @property
    def sender(self) -> str | None:
        return next((m.sender for m in self.messages if m.sender), None)

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(m.reference for m in self.messages)

    @property
    def last_recorded_at(self) -> datetime:
        return max(m.recorded_at for m in self.messages)


def fold(
    key: str,
    messages: Iterable[RecordedMessage],
    *,
    required: Sequence[str],
    deadline: datetime,
) -> Application:
    """The application of ``key`` from its messages (any order in; folded by arrival)."""
    require_aware(deadline, "fold(deadline)")
    ordered = sorted(
        (m for m in messages if m.outcome is not Outcome.IGNORED),
        key=lambda m: (m.when, m.recorded_at, m.reference),
    )
    if not ordered:
        raise ValueError(f"application {key!r} has no messages that are part of an application")
    current: dict[str, DocumentVersion] = {}
    superseded: list[DocumentVersion] = []
    late_documents: list[DocumentVersion] = []
    review: list[str] = []
    completed_at: datetime | None = None
    late_refs: list[str] = []
    for message in ordered:
        is_late = message.outcome is Outcome.LATE or (
            message.arrival is not None and message.arrival > deadline
        )
        versions = [
            DocumentVersion(
                role=doc.role,
                filename=doc.filename,
                sha256=doc.sha256,
                reference=message.reference,
                arrival=message.arrival,
                text_excerpt=doc.text_excerpt,
            )
            for doc in message.documents
            if doc.role in required
        ]
        if is_late:
            late_refs.append(message.reference)
            late_documents.extend(versions)
            continue
        # Flags staff have looked at ("rrr-mailbot review REF") no longer hold the application up.
        flags = [] if message.reviewed else [f for f in message.review if f not in ABSORBED_FLAGS]
        review.extend(f"{flag} ({message.reference})" for flag in flags)
        for version in versions:
            before = current.get(version.role)
            if before is not None and before.sha256 == version.sha256:
                continue  # the same file again: the earlier copy stays the one that counts
            if before is not None:
                superseded.append(before)
            current[version.role] = version
        if completed_at is None and all(role in current for role in required):
            completed_at = message.when
    missing = tuple(role for role in required if role not in current)
    if late_refs and not missing:
        review.append(f"late_message_after_complete ({', '.join(late_refs)})")
    if review:
        state = State.NEEDS_REVIEW
    elif not missing:
        state = State.COMPLETE
    elif late_refs:
        state = State.LATE
    else:
        state = State.INCOMPLETE
    return Application(
        key=key,
        state=state,
        messages=tuple(ordered),
        current=current,
        superseded=tuple(superseded),
        late_documents=tuple(late_documents),
        missing=missing,
        review=tuple(dict.fromkeys(review)),
        first_arrival=next((m.arrival for m in ordered if m.arrival), None),
        completed_at=completed_at,
    )


def linked_key(key: str, links: Mapping[str, str]) -> str:
    """Where staff links send an application key: the address's own link first, then its
    domain's; followed until no link applies (a link to a linked application lands at the end;
    a cycle stops where it would repeat)."""
    seen = {key}
    while True:
        domain = key.rpartition("@")[2]
        target = links.get(key) or (links.get(f"@{domain}") if "@" in key else None)
        if target is None or target in seen:
            return key
        seen.add(target)
        key = target


def group_key(message: RecordedMessage, links: Mapping[str, str] | None = None) -> str:
    """The application a message belongs to: its sender's key as staff links redirect it, or
    the message itself when it had no sender."""
    if message.application_key is None:
        return f"reference:{message.reference}"
    return linked_key(message.application_key, links or {})


def fold_all(
    messages: Iterable[RecordedMessage],
    *,
    required: Sequence[str],
    deadline: datetime,
    links: Mapping[str, str] | None = None,
) -> list[Application]:
    """Every application in the ledger, the first to arrive first; ignored mail left out."""
    groups: dict[str, list[RecordedMessage]] = {}
    for message in messages:
        if message.outcome is not Outcome.IGNORED:
            groups.setdefault(group_key(message, links), []).append(message)
    applications = [
        fold(key, group, required=required, deadline=deadline) for key, group in groups.items()
    ]
    return sorted(applications, key=lambda a: (a.messages[0].when, a.key))
