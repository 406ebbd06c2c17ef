"""The decision: a pure function of (intake, call, now)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.model import ArrivalSource, Document, Intake, LedgerFacts, Outcome, Reading

DEADLINE = datetime(2021, 5, 21, 21, 0, 0, tzinfo=UTC)
NOW = datetime(2021, 6, 1, tzinfo=UTC)


def pdf(name: str, text: str) -> Document:
    return Document(name, "application/pdf", text.encode() * 40, text=text)


FORM = pdf(
    "application_form.pdf", "RRR Application Form\nName of the city: Lyon\nPopulation: 500000"
)
LETTER = pdf("letter_of_intent.pdf", "Letter of intent\nWe hereby express our interest.")


def make_intake(**overrides: object) -> Intake:
    base = Intake(
        raw_sha256="ab" * 32,
        size_bytes=1000,
        from_address="mayor@lyon.example",
        from_name="Mairie de Lyon",
        reply_to=None,
        return_path="<mayor@lyon.example>",
        message_id="<1@lyon.example>",
        in_reply_to=None,
        references=(),
        subject="Candidature RRR",
        date_header=DEADLINE - timedelta(hours=1),
        arrival=DEADLINE - timedelta(hours=1),
        arrival_source=ArrivalSource.RECEIVED,
        documents=(FORM, LETTER),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def test_complete_and_on_time_is_accepted(call: CallSettings) -> None:
    decision = decide(make_intake(), call, NOW)
    assert decision.outcome is Outcome.ACCEPTED
    assert decision.documents == {"application_form": FORM, "letter_of_intent": LETTER}
    assert decision.missing == ()


def test_exactly_at_the_deadline_is_on_time_and_one_second_later_is_late(
    call: CallSettings,
) -> None:
    assert decide(make_intake(arrival=DEADLINE), call, NOW).outcome is Outcome.ACCEPTED
    late = decide(make_intake(arrival=DEADLINE + timedelta(seconds=1)), call, NOW)
    assert late.outcome is Outcome.LATE
    assert late.documents["application_form"] is FORM  # staff review late entries too
    assert "after the deadline" in late.reasons[0]


def test_the_deadline_is_read_in_the_calls_zone(call: CallSettings) -> None:
    assert call.deadline_utc == DEADLINE


def test_missing_letter_is_incomplete(call: CallSettings) -> None:
    decision = decide(make_intake(documents=(FORM,)), call, NOW)
    assert decision.outcome is Outcome.INCOMPLETE
    assert decision.missing == ("letter_of_intent",)
    assert "Missing: letter of intent." in decision.reasons


def test_cloud_links_instead_of_files_say_attachments_are_required(call: CallSettings) -> None:
    intake = make_intake(documents=(), cloud_links=("https://drive.google.com/file/d/x",))
    decision = decide(intake, call, NOW)
    assert decision.outcome is Outcome.INCOMPLETE
    assert any("must be attached" in r for r in decision.reasons)


@pytest.mark.parametrize(
    "overrides",
    [
        {"auto_signals": ("Auto-Submitted: auto-replied",)},
        {"auto_signals": ("delivery status notification",)},
        {"from_address": "peerlearning@rrr-cities.example"},
        {"from_address": "NO-REPLY@rrr-cities.example"},
    ],
)
def test_machine_mail_and_our_own_is_ignored(
    call: CallSettings, overrides: dict[str, object]
) -> None:
    decision = decide(make_intake(**overrides), call, NOW)
    assert decision.outcome is Outcome.IGNORED
    assert decision.reasons


def test_arrival_from_date_header_is_flagged(call: CallSettings) -> None:
    intake = make_intake(arrival_source=ArrivalSource.DATE)
    assert "arrival_from_date_header" in decide(intake, call, NOW).review


def test_unknown_arrival_uses_now(call: CallSettings) -> None:
    intake = make_intake(arrival=None, arrival_source=ArrivalSource.NONE)
    assert decide(intake, call, DEADLINE - timedelta(days=1)).outcome is Outcome.ACCEPTED
    assert decide(intake, call, DEADLINE + timedelta(days=1)).outcome is Outcome.LATE


def test_naive_now_is_refused(call: CallSettings) -> None:
    with pytest.raises(ValueError, match="time-zone aware"):
        decide(make_intake(), call, datetime(2021, 5, 1))


def test_truncated_message_is_incomplete_and_flagged(call: CallSettings) -> None:
    intake = make_intake(
        documents=(), truncated=True, problems=("The message is larger than 30 MB.",)
    )
    decision = decide(intake, call, NOW)
    assert decision.outcome is Outcome.INCOMPLETE
    assert "message_too_large" in decision.review


def test_a_question_without_attachments_is_flagged_for_staff(call: CallSettings) -> None:
    decision = decide(
        make_intake(documents=(), body_text="Can a city of 150,000 apply?"), call, NOW
    )
    assert decision.outcome is Outcome.INCOMPLETE
    assert "no_attachments" in decision.review


def test_a_letter_typed_into_the_body_is_flagged(call: CallSettings) -> None:
    body = (
        "Please accept this email as our letter of intent. We hereby express our interest in the "
        "programme. Yours sincerely, the Mayor"
    )
    decision = decide(make_intake(documents=(FORM,), body_text=body), call, NOW)
    assert decision.missing == ("letter_of_intent",)
    assert "missing_document_in_body" in decision.review


def test_a_password_protected_form_is_flagged(call: CallSettings) -> None:
    locked = Document(
        "application_form.pdf",
        "application/pdf",
        b"%PDF" * 100,
        text_error="the PDF is password-protected",
    )
    decision = decide(make_intake(documents=(locked, LETTER)), call, NOW)
    assert decision.missing == ("application_form",)
    assert "password_protected" in decision.review


def test_what_the_ledger_knows_comes_in_as_facts_and_decide_stays_pure(call: CallSettings) -> None:
    alone = decide(make_intake(), call, NOW)
    assert alone.withhold_reply is None and not alone.review
    facts = LedgerFacts(earlier_references=("RRR-AAAA-1111",), same_message_id=("RRR-BBBB-2222",))
    linked = decide(make_intake(), call, NOW, facts)
    assert linked.outcome is Outcome.ACCEPTED
    assert {"earlier_messages_from_sender", "reused_message_id"} <= set(linked.review)
    assert any("RRR-AAAA-1111" in r for r in linked.reasons)
    assert linked.withhold_reply is None


@pytest.mark.parametrize(("sent", "withheld"), [(9, False), (10, True), (25, True)])
def test_the_reply_rate_limit_withholds_the_reply_at_the_limit_not_before(
    call: CallSettings, sent: int, withheld: bool
) -> None:
    assert call.limits.max_replies_per_sender == 10
    decision = decide(make_intake(), call, NOW, LedgerFacts(replies_in_window=sent))
    assert (decision.withhold_reply is not None) is withheld
    assert ("reply_rate_limited" in decision.review) is withheld


def test_ignored_mail_takes_no_facts(call: CallSettings) -> None:
    own = make_intake(from_address=call.reply_from)
    decision = decide(own, call, NOW, LedgerFacts(earlier_references=("RRR-AAAA-1111",)))
    assert decision.outcome is Outcome.IGNORED
    assert decision.review == ()


def test_a_slot_filled_by_elimination_is_uncertain_and_other_files_are_explained(
    call: CallSettings,
) -> None:
    scan = Document("scan0001.pdf", "application/pdf", b"%PDF-1.4 " + b"\x00" * 60_000)
    budget = pdf("budget.pdf", "BUDGET\nStaff costs: 10,000 EUR\nTotal budget: 12,000 EUR")
    decision = decide(make_intake(documents=(FORM, budget, scan)), call, NOW)
    assert decision.outcome is Outcome.ACCEPTED
    assert decision.documents["letter_of_intent"] is scan
    assert decision.uncertain == ("letter_of_intent",)
    assert decision.notes[budget.sha256].code == "budget"
    only_budget = decide(make_intake(documents=(FORM, budget)), call, NOW)
    assert only_budget.outcome is Outcome.INCOMPLETE
    assert only_budget.missing == ("letter_of_intent",)


def test_staff_are_told_how_each_document_was_recognised(call: CallSettings) -> None:
    scan = Document("scan0001.pdf", "application/pdf", b"%PDF-1.4 " + b"\x00" * 60_000)
    decision = decide(make_intake(documents=(FORM, scan)), call, NOW)
    assert decision.evidence["application_form"] == "its text"
    assert decision.evidence["letter_of_intent"].startswith("elimination")
    ocr_letter = replace(LETTER, reading=Reading.OCR)
    read = decide(make_intake(documents=(FORM, ocr_letter)), call, NOW)
    assert read.evidence["letter_of_intent"] == "its text (read by OCR)"
