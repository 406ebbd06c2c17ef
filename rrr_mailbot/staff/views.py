"""Text views for staff at a terminal: the applications table and one application's history.

Pure rendering of what rrr_mailbot.staff.queries read (a Snapshot) plus, for the history, each
message's replies and staff events; times are shown in the call's zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from rrr_mailbot.config import CallSettings
from rrr_mailbot.staff.applications import Application, RecordedMessage, State
from rrr_mailbot.staff.eligibility import parse_population
from rrr_mailbot.staff.queries import Snapshot
from rrr_mailbot.store.ledger import EventRecord, ReplyRecord

# The audit-trail lines a history shows: what staff did (routine delivery steps are in the
# replies' status already).
STAFF_EVENTS = frozenset({"linked", "reprocessed", "reply_resend", "reply_reprocess", "reviewed"})
TABLE_COLUMNS = ("REFERENCE", "APPLICANT", "CITY, COUNTRY", "STATE", "MISSING", "FLAGS")


def _local(value: datetime | None, call: CallSettings) -> str:
    return value.astimezone(call.zone).strftime("%Y-%m-%d %H:%M %Z") if value else "unknown"


def where(snapshot: Snapshot, application: Application) -> str:
    """``Graz, Austria`` as the form gives them; ``?`` for what it does not."""
    facts = snapshot.facts.get(application.key)
    city = facts.city if facts and facts.city else "?"
    country = facts.country if facts and facts.country else "?"
    return f"{city}, {country}"


def applications_table(snapshot: Snapshot, state: State | None = None) -> str:
    """One line per application (optionally only those in ``state``): the reference of its
    latest message, the applicant, where the form says it is, its state, what is missing, and
    the flags staff must look at."""
    rows = [
        (
            application.messages[-1].reference,
            application.sender or application.key,
            where(snapshot, application),
            application.state.value,
            " ".join(application.missing) or "-",
            "; ".join(snapshot.flags(application)) or "-",
        )
        for application in snapshot.applications
        if state is None or application.state is state
    ]
    if not rows:
        return f"no applications{f' in state {state.value}' if state else ''}\n"
    widths = [max(len(r[i]) for r in [TABLE_COLUMNS, *rows]) for i in range(len(TABLE_COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [TABLE_COLUMNS, *rows]
    ]
    return "\n".join(lines) + f"\n{len(rows)} application(s)\n"


def _message_lines(
    message: RecordedMessage,
    call: CallSettings,
    replies: Sequence[ReplyRecord],
    events: Sequence[EventRecord],
) -> list[str]:
    labels = {rule.id: rule.label for rule in call.documents}
    lines = [
        f"  {message.reference}  arrived {_local(message.arrival, call)}  "
        f"{message.outcome.value}  from {message.sender or '(no sender)'}",
        f"    subject: {message.subject!r}",
    ]
    for doc in message.documents:
        lines.append(
            f"    document {labels.get(doc.role, doc.role)} ({doc.role}): "
            f"{doc.filename or '(unnamed)'}, {doc.size_bytes:,} bytes, sha256 {doc.sha256}"
            + (f"; recognised by {doc.recognised}" if doc.recognised else "")
        )
    if message.missing:
        lines.append(f"    missing: {', '.join(labels.get(m, m) for m in message.missing)}")
    lines.extend(f"    review: {flag}" for flag in message.review)
    lines.extend(f"    reason: {reason}" for reason in message.reasons)
    if not replies:
        lines.append("    reply: none")
    for reply in replies:
        when = reply.sent_at if reply.status == "sent" else reply.created_at
        error = f" ({reply.last_error})" if reply.last_error and reply.status != "sent" else ""
        lines.append(
            f"    {reply.label}: {reply.kind} to {', '.join(reply.recipients)}: {reply.status} "
            f"{_local(when, call)}{error}  {reply.rfc_message_id}"
        )
    lines.extend(
        f"    staff: {_local(event.at, call)} {event.action}: {event.detail}"
        for event in events
        if event.action in STAFF_EVENTS
    )
    return lines


def application_history(
    snapshot: Snapshot,
    application: Application,
    call: CallSettings,
    *,
    replies: Mapping[str, Sequence[ReplyRecord]],
    events: Mapping[str, Sequence[EventRecord]],
) -> str:
    """One application: where it stands, its flags, its current files, then every message in
    order with its documents, decision, replies and what staff did."""
    labels = {rule.id: rule.label for rule in call.documents}
    facts = snapshot.facts.get(application.key)
    population = parse_population(facts.population) if facts else None
    lines = [
        f"Application {application.key}: {application.state.value}",
        f"  city, country: {where(snapshot, application)}"
        + (f"; population {population:,}" if population is not None else ""),
    ]
    joined = sorted(p for p, key in snapshot.links.items() if key == application.key)
    if joined:
        lines.append(f"  linked by staff: {', '.join(joined)}")
    if application.missing:
        lines.append(f"  missing: {', '.join(labels.get(m, m) for m in application.missing)}")
    lines.extend(f"  flag: {flag}" for flag in snapshot.flags(application))
    for role in call.document_ids:
        version = application.current.get(role)
        if version is not None:
            lines.append(
                f"  current {labels.get(role, role)}: {version.filename or '(unnamed)'} "
                f"(from {version.reference}, sha256 {version.sha256})"
            )
    for version in application.superseded:
        lines.append(
            f"  superseded {labels.get(version.role, version.role)}: "
            f"{version.filename or '(unnamed)'} (from {version.reference})"
        )
    lines.append(f"Messages ({len(application.messages)}, oldest first):")
    for message in application.messages:
        lines.extend(
            _message_lines(
                message, call, replies.get(message.reference, ()), events.get(message.reference, ())
            )
        )
    return "\n".join(lines) + "\n"


def message_history(
    message: RecordedMessage,
    call: CallSettings,
    *,
    replies: Sequence[ReplyRecord],
    events: Sequence[EventRecord],
) -> str:
    """A message that belongs to no application (ignored: automatic or our own mail)."""
    lines = [f"Message {message.reference} belongs to no application ({message.outcome.value})"]
    lines.extend(_message_lines(message, call, replies, events))
    return "\n".join(lines) + "\n"


def quarantine_lines(snapshot: Snapshot, call: CallSettings) -> str:
    """The quarantined messages (read with bounds broken, not answered), one block each with the
    command that reads it again; empty when there are none."""
    if not snapshot.quarantined:
        return ""
    lines = [f"\nQuarantined, not answered ({len(snapshot.quarantined)}):"]
    for q in snapshot.quarantined:
        lines.append(
            f"  {q.reference}  {_local(q.quarantined_at, call)}  {q.sender or '(no sender)'}  "
            f"{q.subject or '(no subject)'}"
        )
        lines.append(
            f"    {q.reason}: {q.detail}; read it again: rrr-mailbot reprocess {q.reference}"
        )
    return "\n".join(lines) + "\n"
