"""One message's way through the house, and one pass over a source.

    source -> intake -> decide -> reply -> ledger (ONE commit) -> source.mark_processed

Only the two ends and the ledger touch the outside world. A message is marked processed only
after its decision (and the reply it calls for, queued in the outbox) is committed, so a crash at
any point means the message is seen again, found in the ledger, and not answered twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.errors import MailbotError
from rrr_mailbot.intake import parse_message
from rrr_mailbot.intake.ocr import OcrEngine
from rrr_mailbot.model import (
    Decision,
    EarlierDocument,
    IncomingMessage,
    Intake,
    LedgerFacts,
    Outcome,
    submission_reference,
)
from rrr_mailbot.ports import MailSource
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.applications import RecordedMessage, fold, group_key, linked_key
from rrr_mailbot.store import Ledger

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Processed:
    """What became of one message: light on purpose, as a pass keeps one per message until it
    ends and a backlog has thousands. No intake, and the decision's documents keep their name,
    type and place but not their bytes or text (see :func:`without_bytes`)."""

    key: str
    reference: str
    decision: Decision
    reply_kind: str | None  # None: no reply queued
    duplicate: bool = False
    truncated: bool = False  # only the headers were read (the message was over the size limit)

    @property
    def review(self) -> bool:
        return bool(self.decision.review)


class Pipeline:
    """Processes messages for one call into one ledger."""

    def __init__(
        self,
        call: CallSettings,
        ledger: Ledger,
        renderer: ReplyRenderer,
        clock: Clock,
        ocr: OcrEngine | None = None,
    ) -> None:
        self.call = call
        self.ledger = ledger
        self.renderer = renderer
        self.clock = clock
        self.ocr = ocr

    def process(self, message: IncomingMessage) -> Processed:
        """Decide one message and commit it, with its reply, to the ledger."""
        intake = read_message(message, self.call, ocr=self.ocr)
        reference = submission_reference(self.call.reference_prefix, intake.raw_sha256)
        earlier = self.ledger.find_duplicate(intake)
        if earlier is not None:
            logger.info(
                "duplicate of %s: %s from %s",
                earlier,
                intake.message_id,
                intake.from_address,
                extra={"action": "message.duplicate", "reference": earlier, "key": message.key},
            )
            # Decided again only to file it where the first copy went; nothing is recorded.
            decision = decide(intake, self.call, self.clock())
            return Processed(
                message.key,
                earlier,
                without_bytes(decision),
                None,
                duplicate=True,
                truncated=intake.truncated,
            )

        now = self.clock()
        decision = decide(intake, self.call, now, self._facts(intake, now))
        rendered = None
        if decision.withhold_reply is None:
            rendered = self.renderer.render(
                intake, decision, reference, now=now, language=intake.language
            )
        kind, mail = rendered if rendered else (None, None)
        self.ledger.record(
            source_key=message.key,
            raw=message.raw,
            intake=intake,
            decision=decision,
            reference=reference,
            reply=mail,
            reply_kind=kind,
            now=now,
        )
        logger.info(
            "%s %s from %s: %s",
            decision.outcome.value,
            reference,
            intake.from_address,
            "; ".join(decision.reasons) or "complete",
            extra={
                "action": f"message.{decision.outcome.value}",
                "reference": reference,
                "message_id": intake.message_id,
                "key": message.key,
                "review": list(decision.review),
            },
        )
        return Processed(
            message.key, reference, without_bytes(decision), kind, truncated=intake.truncated
        )

    def _facts(self, intake: Intake, now: datetime) -> LedgerFacts:
        return ledger_facts(self.ledger, self.call, intake, now)


def without_bytes(decision: Decision) -> Decision:
    """The decision with its documents emptied of their bytes and text (``size_bytes`` reads 0),
    for what outlives the message: the ledger holds the files."""
    return replace(
        decision,
        documents={
            role: None if doc is None else replace(doc, data=b"", text=None)
            for role, doc in decision.documents.items()
        },
    )


def ledger_facts(
    ledger: Ledger,
    call: CallSettings,
    intake: Intake,
    now: datetime,
    *,
    earlier: Callable[[RecordedMessage], bool] = lambda _: True,
) -> LedgerFacts:
    """What the ledger knows that bears on deciding ``intake``, read before deciding it: with the
    documents of the application it belongs to (its sender's, or the one staff linked the sender
    or its domain to). ``earlier`` picks the recorded messages that count as earlier (all of
    them for a new message; those recorded before it when a message is decided again)."""
    facts = ledger.facts_for(intake, now, timedelta(hours=call.limits.reply_window_h))
    if call.one_message_mode or not intake.from_address:
        return facts
    sender = intake.from_address.lower()
    links = ledger.links()
    key = linked_key(sender, links)
    if key != sender or key in links.values():
        messages = [m for m in ledger.recorded_messages() if group_key(m, links) == key]
    elif facts.earlier_references:
        messages = ledger.recorded_messages(sender)
    else:
        return facts
    messages = [m for m in messages if earlier(m)]
    return replace(facts, earlier_documents=application_documents(messages, call))


def application_documents(
    messages: Sequence[RecordedMessage], call: CallSettings
) -> tuple[EarlierDocument, ...]:
    """The current file for each required document of the application these recorded messages
    make (the staff side's fold: newer files supersede, late messages do not count)."""
    if not any(m.outcome is not Outcome.IGNORED for m in messages):
        return ()
    application = fold(
        messages[0].application_key or "",
        messages,
        required=call.document_ids,
        deadline=call.deadline_utc,
    )
    sizes = {d.sha256: d.size_bytes for m in messages for d in m.documents}
    return tuple(
        EarlierDocument(
            role=v.role,
            filename=v.filename,
            sha256=v.sha256,
            size_bytes=sizes.get(v.sha256, 0),
            reference=v.reference,
            arrival=v.arrival,
        )
        for v in application.current.values()
    )


def read_message(
    message: IncomingMessage, call: CallSettings, *, ocr: OcrEngine | None = None
) -> Intake:
    """The intake record of a message as a source handed it over; ``ocr`` reads scans and
    photos (None judges them without their text)."""
    return parse_message(
        message.raw,
        call,
        arrival=message.arrival,
        size_bytes=message.size_bytes,
        truncated=message.truncated,
        ocr=ocr,
    )


def evaluate(
    message: IncomingMessage, call: CallSettings, now: datetime, *, ocr: OcrEngine | None = None
) -> tuple[Intake, Decision, str]:
    """Intake, decision and reference for a message, with no side effects (what `check` prints):
    the message judged alone, as if the ledger knew nothing of its sender."""
    intake = read_message(message, call, ocr=ocr)
    decision = decide(intake, call, now)
    return intake, decision, submission_reference(call.reference_prefix, intake.raw_sha256)


def run_intake_pass(
    source: MailSource, pipeline: Pipeline, *, stop: threading.Event | None = None
) -> list[Processed]:
    """Process every new message of a source once; stops between messages when ``stop`` is set."""
    results = []
    for message in source.fetch_new():
        try:
            result = pipeline.process(message)
        except MailbotError:
            raise  # the ledger or the mailbox failed: the whole pass stops and is retried
        except Exception:
            # A bug met by one message must not hold up the others: it stays in the mailbox,
            # unanswered and unmarked, and is tried again on the next pass.
            logger.exception(
                "could not process %s; it stays in the mailbox",
                message.key,
                extra={"action": "message.error", "key": message.key},
            )
            continue
        source.mark_processed(message, result.decision.outcome, result.review)
        results.append(result)
        if stop is not None and stop.is_set():
            logger.info("stopping after %s", message.key, extra={"action": "intake.stopped"})
            break
    return results
