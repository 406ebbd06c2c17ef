"""What staff commands change: link an address to an application, send a reply again, decide a
message again. The CLI parses and prints; the rules live here, over the ledger.

Every change is recorded in the ledger (a links row, an outbox row, an event with what was
there before) and every reply goes through the outbox, so the service delivers it like any other.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.errors import CommandError
from rrr_mailbot.intake.ocr import OcrEngine
from rrr_mailbot.model import ArrivalSource, Decision, IncomingMessage, Intake, Outcome
from rrr_mailbot.pipeline import ledger_facts, read_message
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.applications import RecordedMessage, group_key
from rrr_mailbot.store.ledger import (
    WAITING_STATUSES,
    Ledger,
    ReplyRecord,
    StoredMessage,
    address_key,
)

APPLICATIONS_HINT = "see `rrr-mailbot applications` for the references and addresses"
_DOMAIN = re.compile(r"^@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def find_message(messages: list[RecordedMessage], reference: str) -> RecordedMessage:
    """The recorded message ``reference`` (letter case does not matter), or CommandError."""
    wanted = reference.strip().upper()
    found = next((m for m in messages if m.reference.upper() == wanted), None)
    if found is None:
        raise CommandError(
            f"no message with reference {reference!r} in the ledger; {APPLICATIONS_HINT}"
        )
    return found


def link_pattern(value: str) -> str:
    """An address or ``@domain`` as links store it (lower-cased, the domain in ASCII), or
    CommandError when it is neither."""
    pattern = value.strip()
    if pattern.startswith("@"):
        folded = address_key(f"x{pattern}")[1:]
        if not _DOMAIN.match(folded):
            raise CommandError(f"{value!r} is not a domain: write it as @city.example")
        return folded
    folded = address_key(pattern)
    if not _ADDRESS.match(folded):
        raise CommandError(
            f"{value!r} is not an email address: write it as name@city.example (or @city.example "
            "for every address of a domain)"
        )
    return folded


@dataclass(frozen=True)
class LinkResult:
    """What ``link`` did: the pattern, the application it now joins, and whether it is new."""

    pattern: str
    application_key: str
    changed: bool


def link(
    ledger: Ledger,
    messages: list[RecordedMessage],
    address: str,
    reference: str,
    now: datetime,
    actor: str | None = None,
) -> LinkResult:
    """Join ``address`` (or ``@domain``) to the application message ``reference`` belongs to;
    ``actor`` (who asked, e.g. a web user) is kept in the ledger's event."""
    pattern = link_pattern(address)
    message = find_message(messages, reference)
    if message.outcome is Outcome.IGNORED:
        raise CommandError(
            f"{message.reference} was ignored (automatic or our own mail) and belongs to no "
            f"application; name a message of the application instead ({APPLICATIONS_HINT})"
        )
    links = ledger.links()
    target = group_key(message, links)
    # An address linked to its own application is a no-op at best and a cycle at worst (a domain
    # linked to an address of its own is fine: the fold stops where a link would repeat).
    if target == pattern:
        raise CommandError(
            f"{pattern} is already where {message.reference} belongs (application {target}); "
            "link another address to it instead"
        )
    changed = ledger.add_link(pattern, target, message.reference, now, actor)
    return LinkResult(pattern=pattern, application_key=target, changed=changed)


# -- resend -------------------------------------------------------------------------------------

_HEADER_END = re.compile(rb"\r?\n\r?\n")


def with_new_identity(data: bytes, message_id: str, now: datetime) -> bytes:
    """The same mail with a new Message-ID and Date, everything else byte for byte: a resent
    reply must not be folded into the first by the recipient's client, nor collide with it in
    the outbox."""
    end = _HEADER_END.search(data)
    head, body = (data[: end.start()], data[end.start() :]) if end else (data, b"")
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    kept = []
    for line in re.split(rb"\r?\n(?![ \t])", head):
        name = line.split(b":", 1)[0].strip().lower()
        if name not in (b"message-id", b"date"):
            kept.append(line)
    kept.append(b"Date: " + format_datetime(now).encode("ascii"))
    kept.append(b"Message-ID: " + message_id.encode("ascii"))
    return newline.join(kept) + body


def _new_message_id(old: str, reference: str, label: str, now: datetime) -> str:
    domain = old.rstrip(">").rpartition("@")[2] or "localhost"
    stamp = now.strftime("%Y%m%d%H%M%S%f")
    return f"<{reference}.{label}.{stamp}@{domain}>"


def mark_reviewed(
    ledger: Ledger,
    messages: list[RecordedMessage],
    reference: str,
    now: datetime,
    actor: str | None = None,
) -> str:
    """Record that staff looked at message ``reference``'s review flags; the line to show."""
    message = find_message(messages, reference)
    if not message.review:
        return f"{message.reference} has no review flags: nothing to mark"
    if not ledger.mark_reviewed(message.reference, now, actor):
        return f"{message.reference} was marked reviewed before"
    return f"{message.reference} marked reviewed ({', '.join(message.review)})"


def resend(
    ledger: Ledger,
    messages: list[RecordedMessage],
    reference: str,
    now: datetime,
    actor: str | None = None,
) -> str:
    """Queue the last reply to message ``reference`` again (new Message-ID): the new outbox
    row's period key. CommandError when the message had no reply or one is still waiting.
    ``actor``: who asked, kept in the ledger's event."""
    message = find_message(messages, reference)
    replies = ledger.replies_to(message.reference)
    if not replies:
        raise CommandError(
            f"{message.reference} has no reply to send again (it was {message.outcome.value}, "
            "and ignored or withheld messages get none)"
        )
    last = replies[-1]
    key = ledger.queue_followup(
        message.reference,
        label="resend",
        kind=last.kind,
        mail=_again(last, message.reference, now),
        now=now,
        actor=actor,
    )
    if key is None:
        raise CommandError(_waiting(message.reference, replies))
    return key


def _again(reply: ReplyRecord, reference: str, now: datetime) -> OutgoingMail:
    message_id = _new_message_id(reply.rfc_message_id, reference, "resend", now)
    return OutgoingMail(
        message_id=message_id,
        envelope_from=reply.envelope_from,
        recipients=reply.recipients,
        data=with_new_identity(reply.data, message_id, now),
    )


def _waiting(reference: str, replies: list[ReplyRecord]) -> str:
    status = next((r.status for r in reversed(replies) if r.status in WAITING_STATUSES), "pending")
    return (
        f"a reply to {reference} is already waiting in the outbox ({status}); the service sends "
        "it (or run `rrr-mailbot run --once`), then resend if it is still needed"
    )


# -- reprocess ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redecision:
    """A message decided again: the stored decision, the new one, and what differs."""

    reference: str
    stored: StoredMessage
    intake: Intake
    decision: Decision
    changes: tuple[str, ...]

    @property
    def outcome_changed(self) -> bool:
        return self.decision.outcome is not self.stored.outcome


def _documents(decision: Decision) -> dict[str, str]:
    return {
        role: doc.filename or f"(unnamed {doc.content_type})"
        for role, doc in decision.documents.items()
        if doc is not None
    }


def _listed(values: tuple[str, ...]) -> str:
    return " ".join(values) or "none"


def describe_decision(
    outcome: Outcome, documents: dict[str, str], missing: tuple[str, ...], review: tuple[str, ...]
) -> str:
    """One line for a decision, as the reprocess event keeps the one it replaced."""
    files = ", ".join(f"{role}={name}" for role, name in sorted(documents.items())) or "none"
    listed = f"missing: {_listed(missing)}; review: {_listed(review)}"
    return f"{outcome.value}; documents: {files}; {listed}"


def redecide(
    ledger: Ledger,
    messages: list[RecordedMessage],
    call: CallSettings,
    reference: str,
    *,
    ocr: OcrEngine | None = None,
) -> Redecision:
    """Decide message ``reference`` again from its stored raw bytes, with the ledger's facts as
    they stood when it was recorded (its own row and later ones left out), at the time it was
    recorded: what the pipeline would decide today, with today's settings (and ``ocr`` reading
    its scans, as the service does). Changes nothing."""
    message = find_message(messages, reference)
    stored = ledger.stored_message(message.reference)
    if stored is None:  # pragma: no cover - recorded_messages just listed it
        raise CommandError(f"no message with reference {reference!r} in the ledger")
    if stored.raw_path is None or not ledger.blobs.exists(stored.raw_path):
        raise CommandError(
            f"the raw message of {stored.reference} is not stored (it was larger than "
            "[call.limits] max_message_bytes, or the data folder lost it); it cannot be decided "
            "again: read it in the mailbox"
        )
    raw = ledger.blobs.get(stored.raw_path)
    # The source's arrival time is passed on only when it came from the source: an arrival
    # read from the message's own headers is read again the same way.
    arrival = stored.arrival if stored.arrival_source == ArrivalSource.SERVER.value else None
    incoming = IncomingMessage(key=stored.source_key, raw=raw, size_bytes=len(raw), arrival=arrival)
    intake = read_message(incoming, call, ocr=ocr)
    at = stored.recorded_at
    before = {
        m.reference for m in messages if (m.recorded_at, m.reference) < (at, stored.reference)
    }
    facts = ledger_facts(ledger, call, intake, at, earlier=lambda m: m.reference in before)
    facts = dataclasses.replace(
        facts,
        earlier_references=tuple(r for r in facts.earlier_references if r in before),
        same_message_id=tuple(r for r in facts.same_message_id if r in before),
        # Its own reply was queued at `at` and is counted; the pipeline had not queued it yet.
        replies_in_window=max(facts.replies_in_window - (message.reply_kind is not None), 0),
    )
    decision = decide(intake, call, at, facts)
    new_docs = _documents(decision)
    changes: list[str] = []
    if decision.outcome is not stored.outcome:
        changes.append(f"outcome: {stored.outcome.value} -> {decision.outcome.value}")
    for role in sorted(set(stored.documents) | set(new_docs)):
        old, new = stored.documents.get(role, "-"), new_docs.get(role, "-")
        if old != new:
            changes.append(f"{role}: {old} -> {new}")
    for name, old_list, new_list in (
        ("missing", stored.missing, tuple(decision.missing)),
        ("review", stored.review, tuple(decision.review)),
    ):
        if old_list != new_list:
            changes.append(f"{name}: {_listed(old_list)} -> {_listed(new_list)}")
    return Redecision(stored.reference, stored, intake, decision, tuple(changes))


def record_redecision(
    ledger: Ledger,
    redecision: Redecision,
    renderer: ReplyRenderer,
    now: datetime,
    actor: str | None = None,
) -> str | None:
    """Record a new decision (the old one kept in an event) and, when the outcome changed and a
    reply is due, queue the new reply: its period key, or None when no reply was queued.
    ``actor``: who asked, kept in the ledger's events."""
    stored, decision = redecision.stored, redecision.decision
    reply = None
    if redecision.outcome_changed and decision.withhold_reply is None:
        rendered = renderer.render(
            redecision.intake, decision, redecision.reference, now=now,
            language=redecision.intake.language,
        )  # fmt: skip
        if rendered is not None:
            kind, mail = rendered
            message_id = _new_message_id(mail.message_id, redecision.reference, "reprocess", now)
            mail = dataclasses.replace(
                mail, message_id=message_id, data=with_new_identity(mail.data, message_id, now)
            )
            reply = (kind, mail)
    if reply is not None:
        replies = ledger.replies_to(redecision.reference)
        if any(r.status in WAITING_STATUSES for r in replies):
            raise CommandError(_waiting(redecision.reference, replies))
    detail = "was: " + describe_decision(
        stored.outcome, stored.documents, stored.missing, stored.review
    )
    return ledger.redecide(
        redecision.reference,
        intake=redecision.intake,
        decision=decision,
        detail=detail,
        reply=reply,
        now=now,
        actor=actor,
    )
