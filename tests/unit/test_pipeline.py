"""The pipeline on the embedded default: Maildir in, SQLite ledger, .eml outbox out."""

from __future__ import annotations

import mailbox
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, FileTransportSettings, data_path
from rrr_mailbot.delivery import RetryPolicy, deliver_due
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.model import IncomingMessage, Outcome
from rrr_mailbot.pipeline import Pipeline, run_intake_pass
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.transports.file import FileTransport
from tests.unit.test_store import record_one

NOW = datetime(2021, 5, 22, 8, 0, tzinfo=UTC)
RETRY = RetryPolicy(max_attempts=3, base_s=1, cap_s=10)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


@pytest.fixture
def pipeline(call: CallSettings, ledger: Ledger) -> Pipeline:
    return Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), lambda: NOW)


def deliver(maildir: Path, raw_messages: list[bytes]) -> None:
    box = mailbox.Maildir(maildir, create=True)
    for raw in raw_messages:
        box.add(raw)


def sample_bytes(call: CallSettings) -> list[bytes]:
    return [s.build(call).as_bytes() for s in SAMPLES]


def test_one_pass_decides_records_moves_and_queues_replies(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    maildir = tmp_path / "maildir"
    deliver(maildir, sample_bytes(call))
    source = MaildirSource(maildir, max_message_bytes=call.limits.max_message_bytes)

    results = run_intake_pass(source, pipeline)

    assert sorted(r.decision.outcome.value for r in results) == sorted(s.expected for s in SAMPLES)
    assert ledger.message_count() == len(SAMPLES)
    assert not list((maildir / "new").iterdir())
    assert len(list((maildir / ".Processed" / "cur").iterdir())) == len(SAMPLES)
    answered = [r for r in results if r.decision.outcome is not Outcome.IGNORED]
    assert all(r.reply_kind for r in answered)
    assert ledger.outbox_counts().get("pending") == len(answered)

    outbox = tmp_path / "outbox"
    report = deliver_due(
        ledger, FileTransport(FileTransportSettings(outbox_dir=outbox)), now=NOW, policy=RETRY
    )
    assert report.sent == len(answered)
    assert len(list(outbox.glob("*.eml"))) == len(answered)
    assert run_intake_pass(source, pipeline) == []  # nothing is seen twice


def test_one_delivery_pass_sends_everything_due_not_a_first_hundred(
    tmp_path: Path, ledger: Ledger
) -> None:
    for n in range(120):
        record_one(ledger, f"r{n}", now=NOW)
    outbox = tmp_path / "outbox"
    transport = FileTransport(FileTransportSettings(outbox_dir=outbox))
    report = deliver_due(ledger, transport, now=NOW, policy=RETRY)
    assert report.sent == 120
    assert len(list(outbox.glob("*.eml"))) == 120
    assert ledger.outbox_counts() == {"sent": 120}


class SlowFirstSend:
    """A file transport whose first send outlasts the lease; meanwhile another process tries to
    claim what the pass holds."""

    def __init__(self, inner: FileTransport, other: Ledger, wait_s: float) -> None:
        self.inner, self.other, self.wait_s = inner, other, wait_s
        self.taken_meanwhile: list[str] | None = None

    def send(self, mail: OutgoingMail) -> None:
        if self.taken_meanwhile is None:
            time.sleep(self.wait_s)
            claimed = self.other.claim_due_replies(datetime.now(UTC), limit=10)
            self.taken_meanwhile = [item.message_ref for item in claimed]
        self.inner.send(mail)

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("renewing", [True, False])
def test_a_pass_keeps_its_claims_while_a_send_outlasts_the_lease(
    tmp_path: Path, ledger: Ledger, renewing: bool
) -> None:
    for n in range(3):
        record_one(ledger, f"r{n}", now=NOW)
    other = open_ledger(str(ledger.engine.url), tmp_path / "store", instance="other")
    try:
        transport = SlowFirstSend(
            FileTransport(FileTransportSettings(outbox_dir=tmp_path / "outbox")), other, 1.0
        )
        clock = (lambda: datetime.now(UTC)) if renewing else None
        report = deliver_due(
            ledger, transport, now=datetime.now(UTC), policy=RETRY, lease_s=0.6, clock=clock
        )
    finally:
        other.close()
    if renewing:
        assert transport.taken_meanwhile == []
        assert report.sent == 3
    else:
        # Without renewal the leases run out under the slow send: another process takes all
        # three, the one in flight too (a second copy), and the pass, finding the two it had
        # not started gone, does not send them.
        assert transport.taken_meanwhile == ["T-r0", "T-r1", "T-r2"]
        assert report.sent == 1


def test_the_same_message_delivered_again_is_not_answered_twice(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    maildir = tmp_path / "maildir"
    raw = sample_bytes(call)[0]
    deliver(maildir, [raw, raw])
    results = run_intake_pass(MaildirSource(maildir, max_message_bytes=10**8), pipeline)
    assert [r.duplicate for r in results] == [False, True]
    assert results[0].reference == results[1].reference
    assert ledger.message_count() == 1
    assert ledger.outbox_counts() == {"pending": 1}


class CrashingSource:
    """A real Maildir source whose first mark_processed fails, as if the process died there."""

    def __init__(self, inner: MaildirSource) -> None:
        self.inner = inner
        self.crashed = False

    def connect(self) -> None:
        self.inner.connect()

    def fetch_new(self) -> Iterator[IncomingMessage]:
        return self.inner.fetch_new()

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        if not self.crashed:
            self.crashed = True
            raise RuntimeError("killed between commit and mark_processed")
        self.inner.mark_processed(message, outcome, review)

    def close(self) -> None:
        self.inner.close()


def test_a_crash_after_commit_leaves_the_message_to_be_seen_again_without_a_second_reply(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    maildir = tmp_path / "maildir"
    deliver(maildir, sample_bytes(call)[:1])
    crashing = CrashingSource(MaildirSource(maildir, max_message_bytes=10**8))
    with pytest.raises(RuntimeError):
        run_intake_pass(crashing, pipeline)
    assert len(list((maildir / "new").iterdir())) == 1  # still in the mailbox: nothing lost

    again = run_intake_pass(crashing, pipeline)
    assert [r.duplicate for r in again] == [True]
    assert ledger.outbox_counts() == {"pending": 1}
    assert not list((maildir / "new").iterdir())


def test_replies_to_one_sender_are_rate_limited(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    limit = call.limits.max_replies_per_sender
    template = SAMPLES[1].build(call)  # missing letter: each message differs by subject below
    messages = []
    for n in range(limit + 2):
        del template["Subject"]
        template["Subject"] = f"Attempt {n}"
        del template["Message-ID"]
        template["Message-ID"] = f"<attempt-{n}@porto.example>"
        messages.append(template.as_bytes())
    deliver(tmp_path / "maildir", messages)
    results = run_intake_pass(
        MaildirSource(tmp_path / "maildir", max_message_bytes=10**8), pipeline
    )
    assert len(results) == limit + 2
    assert ledger.outbox_counts() == {"pending": limit}
    assert all("reply_rate_limited" in r.decision.review for r in results[limit:])


def test_an_oversized_message_is_recorded_and_answered_without_reading_it_whole(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    raw = sample_bytes(call)[0]
    deliver(tmp_path / "maildir", [raw])
    source = MaildirSource(tmp_path / "maildir", max_message_bytes=len(raw) // 2)
    [result] = run_intake_pass(source, pipeline)
    assert result.truncated
    assert result.decision.outcome is Outcome.INCOMPLETE
    assert "message_too_large" in result.decision.review
    assert result.reply_kind is not None


class RendererThatFailsOnce(ReplyRenderer):
    """A real renderer that meets a bug on the first message whose subject mentions Porto."""

    def render(self, intake, decision, reference, *, now, language=None):  # type: ignore[no-untyped-def]
        if "Porto" in intake.subject:
            raise RuntimeError("a bug in a template")
        return super().render(intake, decision, reference, now=now, language=language)


def test_a_message_that_meets_a_bug_stays_in_the_mailbox_and_the_rest_go_on(
    tmp_path: Path, call: CallSettings, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    maildir = tmp_path / "maildir"
    deliver(maildir, sample_bytes(call))
    pipeline = Pipeline(
        call, ledger, RendererThatFailsOnce(call, data_path("templates")), lambda: NOW
    )
    results = run_intake_pass(MaildirSource(maildir, max_message_bytes=10**8), pipeline)
    assert len(results) == len(SAMPLES) - 1
    assert len(list((maildir / "new").iterdir())) == 1  # the Porto message, untouched
    assert any(r.action == "message.error" for r in caplog.records)  # type: ignore[attr-defined]


def test_a_second_message_from_the_same_sender_is_linked_for_staff(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    first = SAMPLES[1].build(call)  # Porto: the form, no letter
    second = SAMPLES[1].build(call)
    del second["Message-ID"], second["Subject"]
    second["Message-ID"] = "<second@porto.example>"
    second["Subject"] = "RRR - the letter, as promised"
    deliver(tmp_path / "maildir", [first.as_bytes()])
    source = MaildirSource(tmp_path / "maildir", max_message_bytes=10**8)
    [one] = run_intake_pass(source, pipeline)
    deliver(tmp_path / "maildir", [second.as_bytes()])
    [two] = run_intake_pass(source, pipeline)
    assert "earlier_messages_from_sender" not in one.decision.review
    assert "earlier_messages_from_sender" in two.decision.review
    assert f"Earlier messages from this sender: {one.reference}." in two.decision.reasons


def test_a_reused_message_id_is_decided_as_new_and_flagged(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    """An office scanner sends every scan with the same Message-ID: the second one, from
    another city with other files, is a new message, not a duplicate of the first."""
    first = SAMPLES[0].build(call)
    second = SAMPLES[1].build(call)
    del second["Message-ID"]
    second["Message-ID"] = first["Message-ID"]
    source = MaildirSource(tmp_path / "maildir", max_message_bytes=10**8)
    deliver(tmp_path / "maildir", [first.as_bytes()])
    [one] = run_intake_pass(source, pipeline)
    deliver(tmp_path / "maildir", [second.as_bytes()])
    [two] = run_intake_pass(source, pipeline)
    assert two.reference != one.reference
    assert not two.duplicate
    assert two.reply_kind is not None
    assert "reused_message_id" in two.decision.review
    assert ledger.message_count() == 2
    # The very same message again (same bytes) is a duplicate: recorded once, answered once.
    deliver(tmp_path / "maildir", [second.as_bytes()])
    [again] = run_intake_pass(source, pipeline)
    assert again.duplicate and again.reference == two.reference
    assert ledger.message_count() == 2
