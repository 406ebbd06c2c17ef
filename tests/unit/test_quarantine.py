"""A message whose reading breaks a bound is quarantined: kept with its reason and raw bytes,
unanswered, moved out of the inbox as needing review, shown in the digest, and read again by
`reprocess`; the good messages around it are decided as usual."""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, data_path
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.intake.workers import CRASHED, ERROR, ReaderPool, ReadFailure, WorkerLimits
from rrr_mailbot.model import IncomingMessage, Intake
from rrr_mailbot.pipeline import MessageReader, Pipeline, reread_quarantined, run_intake_pass
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.staff.digest import DigestRenderer
from rrr_mailbot.staff.queries import take_snapshot
from rrr_mailbot.store import Ledger, open_ledger, quarantine

NOW = datetime(2021, 5, 22, 8, 0, tzinfo=UTC)
POISON = b"X-Poison: yes"


@dataclass(frozen=True)
class Poisoned:
    """The real reader, except that a message with the poison header kills the process."""

    inner: MessageReader

    def __call__(self, message: IncomingMessage) -> Intake:
        if POISON in message.raw:
            os._exit(9)
        return self.inner(message)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


def poisoned_bytes(call: CallSettings) -> bytes:
    message = SAMPLES[0].build(call)
    message["X-Poison"] = "yes"
    message.replace_header("Subject", "Application from a poisoned city")
    return message.as_bytes()


def test_a_poisoned_message_among_good_ones_is_quarantined_and_the_rest_decided(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    good = [s.build(call).as_bytes() for s in SAMPLES]
    poisoned = poisoned_bytes(call)
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    for raw in [*good[:2], poisoned, *good[2:]]:
        box.add(raw)
    renderer = ReplyRenderer(call, data_path("templates"))
    with ReaderPool(Poisoned(MessageReader(call)), WorkerLimits(), workers=2) as pool:
        pipeline = Pipeline(call, ledger, renderer, lambda: NOW, pool=pool)
        source = MaildirSource(tmp_path / "maildir", max_message_bytes=10**8)
        results = run_intake_pass(source, pipeline)

    assert sorted(r.decision.outcome.value for r in results) == sorted(s.expected for s in SAMPLES)
    assert ledger.message_count() == len(SAMPLES)
    [kept] = quarantine.quarantined(ledger)
    assert kept.reason == CRASHED and "exited (code 9)" in kept.detail
    assert kept.subject == "Application from a poisoned city"
    assert ledger.blobs.get(kept.raw_path) == poisoned  # never lost
    answered = sum(1 for r in results if r.reply_kind)
    assert ledger.outbox_counts() == {"pending": answered}  # no reply to the quarantined one
    assert not list((tmp_path / "maildir" / "new").iterdir())  # nothing is read again
    assert run_intake_pass(source, pipeline) == []

    digest = DigestRenderer(call, data_path("templates")).render(
        take_snapshot(ledger, call, now=NOW), period_key="test", now=NOW
    )
    text = digest.get_body(("plain",))
    assert text is not None
    section = text.get_content().split("QUARANTINED", 1)[1].split("SERVICE HEALTH", 1)[0]
    assert kept.reference in section and "poisoned city" in section and "crashed" in section
    assert f"rrr-mailbot reprocess {kept.reference}" in section


def test_reading_in_process_quarantines_a_parser_error_and_reprocess_releases_it(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    raw = poisoned_bytes(call)
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    box.add(raw)
    renderer = ReplyRenderer(call, data_path("templates"))
    pipeline = Pipeline(call, ledger, renderer, lambda: NOW)

    def tripping(message: IncomingMessage) -> Intake:
        raise RuntimeError("a parser bug")

    pipeline.reader = tripping  # type: ignore[assignment]
    source = MaildirSource(tmp_path / "maildir", max_message_bytes=10**8)
    assert run_intake_pass(source, pipeline) == []
    [kept] = quarantine.quarantined(ledger)
    assert kept.reason == ERROR and "a parser bug" in kept.detail

    # The bug fixed: reading it again records and answers it, and the quarantine lets it go.
    pipeline.reader = MessageReader(call)
    result = reread_quarantined(pipeline, kept.reference)
    assert not isinstance(result, ReadFailure)
    assert result.reference == kept.reference and result.reply_kind == "acknowledgement"
    assert quarantine.quarantined(ledger) == []
    assert ledger.message_count() == 1
