"""One message's way through the house, and one pass over a source.

    source -> intake -> decide -> reply -> ledger (ONE commit) -> source.mark_processed

Only the two ends and the ledger touch the outside world. A message is marked processed only
after its decision (and the reply it calls for, queued in the outbox) is committed, so a crash at
any point means the message is seen again, found in the ledger, and not answered twice.

Reading (parsing, text extraction, OCR) is the one step a hostile message can make unbounded, so
a pass reads messages in worker processes (rrr_mailbot.intake.workers), a few ahead, and decides,
records and marks them here one at a time in their order. A message whose reading broke a bound
is quarantined (rrr_mailbot.store.quarantine): kept, not answered, marked processed as needing
review, shown to staff.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.errors import CommandError, MailbotError
from rrr_mailbot.intake import parse_message
from rrr_mailbot.intake.ocr import BudgetedOcr, OcrEngine
from rrr_mailbot.intake.workers import ReaderPool, ReadFailure, ReadResult, read_inline
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
from rrr_mailbot.store import Ledger, quarantine

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


@dataclass(frozen=True)
class MessageReader:
    """Reads one message as the pipeline needs it; pickles, so a reader process can run it.
    ``ocr_budget_s`` caps all the OCR of one message (None: each file's own limit only)."""

    call: CallSettings
    ocr: OcrEngine | None = None
    ocr_budget_s: float | None = None

    def __call__(self, message: IncomingMessage) -> Intake:
        ocr = self.ocr
        if ocr is not None and self.ocr_budget_s is not None:
            ocr = BudgetedOcr(ocr, self.ocr_budget_s)
        return read_message(message, self.call, ocr=ocr)


class Pipeline:
    """Processes messages for one call into one ledger; ``pool`` reads them in worker processes
    (None: in this process)."""

    def __init__(
        self,
        call: CallSettings,
        ledger: Ledger,
        renderer: ReplyRenderer,
        clock: Clock,
        ocr: OcrEngine | None = None,
        *,
        ocr_budget_s: float | None = None,
        pool: ReaderPool | None = None,
    ) -> None:
        self.call = call
        self.ledger = ledger
        self.renderer = renderer
        self.clock = clock
        self.ocr = ocr
        self.reader = MessageReader(call, ocr, ocr_budget_s)
        self.pool = pool

    def read_all(
        self, messages: Iterable[IncomingMessage]
    ) -> Iterator[tuple[IncomingMessage, ReadResult]]:
        """Each message with its reading, in order: from the pool, or read here."""
        if self.pool is not None:
            return self.pool.read_in_order(messages)
        return read_inline(messages, self.reader)

    def process(self, message: IncomingMessage) -> Processed:
        """Read one message here, decide it and commit it, with its reply, to the ledger."""
        return self.decide_read(message, self.reader(message))

    def decide_read(self, message: IncomingMessage, intake: Intake) -> Processed:
        """Decide a message already read and commit it, with its reply, to the ledger."""
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

    def quarantine(self, message: IncomingMessage, failure: ReadFailure) -> str:
        """Keep a message whose reading failed, unanswered, for staff; returns its reference."""
        reference = submission_reference(
            self.call.reference_prefix, hashlib.sha256(message.raw).hexdigest()
        )
        item = quarantine.quarantine(self.ledger, message, failure, reference, self.clock())
        logger.warning(
            "quarantined %s (%s) from %s: %s; it is kept unanswered and listed in the staff "
            "digest; run `rrr-mailbot reprocess %s` to read it again",
            reference,
            failure.reason,
            item.sender or "an unknown sender",
            failure.detail,
            reference,
            extra={
                "action": "message.quarantined",
                "reference": reference,
                "key": message.key,
                "reason": failure.reason,
            },
        )
        return reference

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


def reread_quarantined(pipeline: Pipeline, reference: str) -> Processed | ReadFailure:
    """Read quarantined message ``reference`` again from its stored bytes (in the pipeline's
    pool when it has one); when that works, decide and record it as if it had just arrived (its
    reply queued) and release it from the quarantine. Raises CommandError for an unknown or
    already released reference."""
    item = quarantine.find(pipeline.ledger, reference)
    if item is None or item.released_at is not None:
        raise CommandError(
            f"{reference} is not in the quarantine"
            + (" any more (it was recorded)" if item is not None else "")
            + "; `rrr-mailbot applications` lists the recorded messages"
        )
    message = quarantine.stored_message(pipeline.ledger, item)
    [(_, read)] = pipeline.read_all([message])
    if isinstance(read, ReadFailure):
        pipeline.quarantine(message, read)
        return read
    result = pipeline.decide_read(message, read)
    quarantine.release(pipeline.ledger, item.reference, pipeline.clock())
    return result


def run_intake_pass(
    source: MailSource,
    pipeline: Pipeline,
    *,
    stop: threading.Event | None = None,
    on_processed: Callable[[Processed], object] | None = None,
) -> list[Processed]:
    """Process every new message of a source once; stops between messages when ``stop`` is set.

    Messages are read ahead (in the pipeline's pool) and decided, recorded and marked one at a
    time in their order; a message whose reading failed is quarantined, then marked processed
    (as needing review) so that it is not read again and again. ``on_processed`` hears of each
    message once its decision is committed and it is marked (the service wakes delivery there,
    so that a reply need not wait for the rest of the pass).
    """
    results = []
    for message, read in pipeline.read_all(source.fetch_new()):
        if isinstance(read, ReadFailure):
            pipeline.quarantine(message, read)
            source.mark_processed(message, Outcome.IGNORED, True)
            if stop is not None and stop.is_set():
                break
            continue
        try:
            result = pipeline.decide_read(message, read)
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
        if on_processed is not None:
            on_processed(result)
        if stop is not None and stop.is_set():
            logger.info("stopping after %s", message.key, extra={"action": "intake.stopped"})
            break
    return results
