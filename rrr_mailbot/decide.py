"""The decision for one message: a pure function of (intake record, call, now).

    ignored     machine-sent mail (auto-replies, bounces, lists) or our own: recorded, not answered
    late        arrived at our server after the deadline (documents are still assigned for staff)
    incomplete  on time, but a required document is missing or does not count
    accepted    on time with every required document

Arrival is the time our server recorded. The sender's Date header is used only when nothing else
exists, and then flagged for review; ``now`` stands in when there is no time at all. What the
ledger knows (earlier messages of the applicant, replies already sent) comes in as ``facts``.
"""

from __future__ import annotations

from datetime import datetime

from rrr_mailbot.classify import Assignment, body_mentions, classify
from rrr_mailbot.config import CallSettings
from rrr_mailbot.intake.auth import failed
from rrr_mailbot.model import (
    ArrivalSource,
    Decision,
    Document,
    EarlierDocument,
    Intake,
    LedgerFacts,
    Outcome,
    require_aware,
)

NO_FACTS = LedgerFacts()


def decide(
    intake: Intake, call: CallSettings, now: datetime, facts: LedgerFacts = NO_FACTS
) -> Decision:
    """Decide what to do with one message. Reads no clock, server or database."""
    require_aware(now, "now")
    ignored = _ignore_reasons(intake, call)
    if ignored:
        return Decision(outcome=Outcome.IGNORED, reasons=tuple(ignored))

    review: list[str] = []
    reasons: list[str] = []
    if intake.arrival_source is ArrivalSource.DATE:
        review.append("arrival_from_date_header")
    elif intake.arrival_source is ArrivalSource.NONE:
        review.append("arrival_unknown")
    reasons.extend(intake.problems)

    assignment = classify(intake.documents, call)
    review.extend(assignment.review)
    reasons.extend(assignment.reasons)
    arrival = intake.arrival or now  # no time at all: it reached us by now, at the latest
    deadline = call.deadline_utc
    on_time = arrival <= deadline
    carried, superseded = (
        _earlier(assignment.documents, facts, reasons)
        if on_time and not call.one_message_mode
        else ({}, {})
    )
    missing = tuple(d for d in assignment.missing if d not in carried)
    if intake.truncated:
        review.append("message_too_large")
    if missing and intake.cloud_links and not intake.truncated:
        reasons.append(
            "The message links to files in cloud storage; the documents must be attached to the "
            "email itself."
        )
    for doc_id in missing:
        reasons.append(f"Missing: {call.rule(doc_id).label.lower()}.")

    if not on_time:
        local = arrival.astimezone(call.zone)
        reasons.insert(
            0,
            f"Arrived {local:%Y-%m-%d %H:%M:%S %Z}, after the deadline of "
            f"{deadline.astimezone(call.zone):%Y-%m-%d %H:%M %Z}.",
        )
        outcome = Outcome.LATE
    elif missing:
        outcome = Outcome.INCOMPLETE
        review.extend(_incomplete_flags(intake, assignment, missing, call))
    else:
        outcome = Outcome.ACCEPTED
    withhold = _facts(facts, call, reasons, review)
    if failed(intake.authentication, "dmarc"):
        review.append("dmarc_fail")  # staff see it; the applicant's reply does not say it
        if call.withhold_reply_on_dmarc_fail and withhold is None:
            withhold = "the sender's domain failed DMARC at our server: the From may be forged"
    return Decision(
        outcome=outcome,
        documents=dict(assignment.documents),
        missing=missing,
        reasons=tuple(reasons),
        review=tuple(dict.fromkeys(review)),
        uncertain=assignment.uncertain,
        notes=dict(assignment.notes),
        withhold_reply=withhold,
        carried=carried,
        superseded=superseded,
        evidence=dict(assignment.evidence),
    )


def _earlier(
    documents: dict[str, Document | None], facts: LedgerFacts, reasons: list[str]
) -> tuple[dict[str, EarlierDocument], dict[str, EarlierDocument]]:
    """Documents that the application's earlier on-time messages brought: those this message
    lacks complete it (carried); those it brings anew replace them (superseded)."""
    carried: dict[str, EarlierDocument] = {}
    superseded: dict[str, EarlierDocument] = {}
    for earlier in facts.earlier_documents:
        mine = documents.get(earlier.role)
        if mine is None:
            carried[earlier.role] = earlier
            reasons.append(
                f"The {earlier.role.replace('_', ' ')} came with an earlier message "
                f"({earlier.reference}: {earlier.display_name})."
            )
        elif mine.sha256 != earlier.sha256:
            superseded[earlier.role] = earlier
            reasons.append(
                f"{mine.display_name} replaces {earlier.display_name} ({earlier.reference})."
            )
    return carried, superseded


def _facts(
    facts: LedgerFacts, call: CallSettings, reasons: list[str], review: list[str]
) -> str | None:
    """What the ledger's facts add: links for staff, and whether the reply must be withheld."""
    if facts.earlier_references:
        # Applications that span several messages are judged one message at a time for now;
        # staff see the link and can join them.
        review.append("earlier_messages_from_sender")
        reasons.append(
            f"Earlier messages from this sender: {', '.join(facts.earlier_references[-5:])}."
        )
    if facts.same_message_id:
        review.append("reused_message_id")
        reasons.append(
            "Its Message-ID was used before by a different message "
            f"({', '.join(facts.same_message_id[-5:])}); it was decided as a new message."
        )
    limit, window = call.limits.max_replies_per_sender, call.limits.reply_window_h
    if facts.replies_in_window >= limit:
        review.append("reply_rate_limited")
        return (
            f"{facts.replies_in_window} replies to this sender in {window:g} hours (limit {limit})"
        )
    return None


def _incomplete_flags(
    intake: Intake, assignment: Assignment, missing: tuple[str, ...], call: CallSettings
) -> list[str]:
    """Why a careful person would read an incomplete message before it is answered."""
    flags = []
    if intake.problems:
        flags.append("intake_problems")
    if any("password" in (j.problem or "") for j in assignment.not_counted):
        flags.append("password_protected")  # staff may ask for an open copy
    if not intake.documents and not intake.cloud_links and not intake.truncated:
        flags.append("no_attachments")  # perhaps a question rather than an application
    if set(missing) & set(body_mentions(intake.body_text, call)):
        flags.append("missing_document_in_body")
    return flags


def _ignore_reasons(intake: Intake, call: CallSettings) -> list[str]:
    reasons = [f"Machine-sent: {signal}." for signal in intake.auto_signals]
    if call.is_own_address(intake.from_address):
        reasons.append("Sent from our own address.")
    elif call.is_staff_address(intake.from_address):
        reasons.append(f"Sent by staff ({intake.from_address}).")
    return reasons
