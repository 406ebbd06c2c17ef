"""Applications, not messages: a later message before the deadline completes the applicant's
earlier one, a newer file replaces an older one, a late message completes nothing; the decision
stays pure (the earlier documents come in as facts) and `check` stays about one message."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, FileTransportSettings, data_path
from rrr_mailbot.decide import decide
from rrr_mailbot.delivery import deliver_due
from rrr_mailbot.demo import DOCX_TYPE, SAMPLES, Sample, _form, _letter_file
from rrr_mailbot.model import EarlierDocument, LedgerFacts, Outcome
from rrr_mailbot.pipeline import Pipeline, Processed, run_intake_pass
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.transports.file import FileTransport
from tests.unit.test_decide import FORM, LETTER, make_intake
from tests.unit.test_pipeline import RETRY, deliver

NOW = datetime(2021, 5, 22, 8, 0, tzinfo=UTC)
PORTO = SAMPLES[1]  # the form only


def porto(subject: str, received: str, *files: str) -> Sample:
    attachments = {
        # The corrected form: a new population figure, so other bytes.
        "form": lambda: (
            "Application form Porto v2.docx",
            DOCX_TYPE,
            _form("Porto", "231,962", "Ana"),
        ),
        "letter": lambda: _letter_file("Porto", "Letter of intent Porto.docx"),
    }
    return replace(
        PORTO,
        subject=subject,
        received=received,
        attachments=lambda: [attachments[f]() for f in files],
    )


def process(tmp_path: Path, pipeline: Pipeline, message: EmailMessage) -> Processed:
    deliver(tmp_path / "maildir", [message.as_bytes()])
    [result] = run_intake_pass(
        MaildirSource(tmp_path / "maildir", max_message_bytes=10**8), pipeline
    )
    return result


def reply_text(ledger: Ledger, tmp_path: Path, reference: str) -> str:
    """The plain text of the reply queued for ``reference``, as the file transport writes it."""
    outbox = tmp_path / "outbox"
    transport = FileTransport(FileTransportSettings(outbox_dir=outbox))
    deliver_due(ledger, transport, now=NOW, policy=RETRY)
    for path in outbox.glob("*.eml"):
        parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        if parsed["X-RRR-Reference"] == reference:
            body = parsed.get_body(("plain",))
            assert body is not None
            return str(body.get_content())
    raise AssertionError(f"no reply for {reference}")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


@pytest.fixture
def pipeline(call: CallSettings, ledger: Ledger) -> Pipeline:
    return Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), lambda: NOW)


def test_the_letter_sent_the_next_day_completes_the_application(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    first = process(tmp_path, pipeline, PORTO.build(call))
    assert first.decision.outcome is Outcome.INCOMPLETE
    second = process(
        tmp_path,
        pipeline,
        porto("RRR - the letter", "Fri, 21 May 2021 20:00:00 +0100", "letter").build(call),
    )
    assert second.decision.outcome is Outcome.ACCEPTED
    assert second.decision.missing == ()
    carried = second.decision.carried["application_form"]
    assert carried.reference == first.reference
    assert carried.filename == "Application form Porto.docx"
    text = reply_text(ledger, tmp_path, second.reference)
    assert "With this message your application is now complete." in text
    assert f"Application form Porto.docx (sent earlier with {first.reference})" in text
    assert "Letter of intent: Letter of intent Porto.docx" in text


def test_a_newer_file_replaces_the_older_and_the_reply_says_so(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    first = process(tmp_path, pipeline, PORTO.build(call))
    second = process(
        tmp_path,
        pipeline,
        porto("RRR - corrected form", "Fri, 21 May 2021 19:00:00 +0100", "form").build(call),
    )
    assert second.decision.outcome is Outcome.INCOMPLETE  # still no letter
    assert second.decision.superseded["application_form"].reference == first.reference
    text = reply_text(ledger, tmp_path, second.reference)
    assert (
        f"Application form Porto v2.docx replaces Application form Porto.docx (sent with "
        f"{first.reference})." in text
    )


def test_a_late_letter_completes_nothing(
    tmp_path: Path, call: CallSettings, pipeline: Pipeline
) -> None:
    process(tmp_path, pipeline, PORTO.build(call))
    late = process(
        tmp_path,
        pipeline,
        porto("RRR - letter", "Fri, 21 May 2021 22:30:00 +0100", "letter").build(call),
    )
    assert late.decision.outcome is Outcome.LATE
    assert late.decision.carried == {}


def test_one_message_mode_judges_each_message_alone(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    alone = call.model_copy(update={"one_message_mode": True})
    pipeline = Pipeline(alone, ledger, ReplyRenderer(alone, data_path("templates")), lambda: NOW)
    process(tmp_path, pipeline, PORTO.build(alone))
    second = process(
        tmp_path,
        pipeline,
        porto("RRR - the letter", "Fri, 21 May 2021 20:00:00 +0100", "letter").build(alone),
    )
    assert second.decision.outcome is Outcome.INCOMPLETE
    assert second.decision.missing == ("application_form",)


EARLIER_FORM = EarlierDocument("application_form", "form.pdf", "f" * 64, 900, "RRR-AAAA-0001", None)


def test_decide_completes_with_an_earlier_document_only_on_time(call: CallSettings) -> None:
    letter_only = make_intake(documents=(LETTER,))
    facts = LedgerFacts(earlier_references=("RRR-AAAA-0001",), earlier_documents=(EARLIER_FORM,))
    on_time = decide(letter_only, call, NOW, facts)
    assert on_time.outcome is Outcome.ACCEPTED
    assert on_time.carried == {"application_form": EARLIER_FORM}
    assert on_time.documents["application_form"] is None  # this message's own files only
    late = decide(replace(letter_only, arrival=NOW), call, NOW, facts)
    assert late.outcome is Outcome.LATE and late.carried == {}
    alone = decide(letter_only, call, NOW)
    assert alone.outcome is Outcome.INCOMPLETE  # what `check` says: the message alone


def test_decide_notes_a_replaced_file_but_not_the_same_file_again(call: CallSettings) -> None:
    facts = LedgerFacts(earlier_documents=(EARLIER_FORM,))
    newer = decide(make_intake(documents=(FORM, LETTER)), call, NOW, facts)
    assert newer.superseded == {"application_form": EARLIER_FORM}
    same = replace(EARLIER_FORM, sha256=FORM.sha256)
    again = decide(make_intake(), call, NOW, LedgerFacts(earlier_documents=(same,)))
    assert again.superseded == {} and again.carried == {}


def test_a_letter_from_an_address_staff_linked_completes_the_application(
    tmp_path: Path, call: CallSettings, ledger: Ledger, pipeline: Pipeline
) -> None:
    first = process(tmp_path, pipeline, PORTO.build(call))
    mayor = replace(
        porto("RRR - carta do presidente", "Fri, 21 May 2021 20:00:00 +0100", "letter"),
        sender="gabinete@cm-porto.example",
    )
    unlinked = process(tmp_path, pipeline, mayor.build(call))
    assert unlinked.decision.outcome is Outcome.INCOMPLETE  # another address: another applicant
    ledger.add_link("@cm-porto.example", "international@porto.example", first.reference, NOW)
    again = replace(mayor, subject="RRR - carta do presidente (2)")
    linked = process(tmp_path, pipeline, again.build(call))
    assert linked.decision.outcome is Outcome.ACCEPTED
    assert linked.decision.carried["application_form"].reference == first.reference


def test_deciding_again_a_message_that_completed_an_application_changes_nothing(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    """`rrr-mailbot reprocess` reads the same facts as the pipeline did (the earlier messages'
    documents), so the letter that completed Porto's application stays accepted."""
    from rrr_mailbot.staff.actions import redecide

    minutes = iter(range(1000))
    renderer = ReplyRenderer(call, data_path("templates"))
    pipeline = Pipeline(call, ledger, renderer, lambda: NOW + timedelta(minutes=next(minutes)))

    first = process(tmp_path, pipeline, PORTO.build(call))
    second = process(
        tmp_path,
        pipeline,
        porto("RRR - the letter", "Fri, 21 May 2021 20:00:00 +0100", "letter").build(call),
    )
    again = redecide(ledger, ledger.recorded_messages(), call, second.reference)
    assert again.decision.outcome is Outcome.ACCEPTED
    assert again.changes == ()
    alone = redecide(ledger, ledger.recorded_messages(), call, first.reference)
    assert alone.decision.outcome is Outcome.INCOMPLETE  # the later letter is not "earlier"
