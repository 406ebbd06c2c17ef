"""Reminders: who is reminded, when, once; rendered in every reply language."""

from __future__ import annotations

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from rrr_mailbot.config import CallSettings, StaffSettings, data_path
from rrr_mailbot.model import Outcome
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.applications import RecordedDocument, RecordedMessage, fold, fold_all
from rrr_mailbot.staff.reminders import ReminderJob, ReminderRenderer, due_reminders
from rrr_mailbot.store import Ledger
from tests.unit.test_staff_digest import filled, record
from tests.unit.test_store import db_url, ledger, open_test_ledger

__all__ = ["db_url", "filled", "ledger", "open_test_ledger"]  # fixtures, re-exported for pytest

ON = StaffSettings(reminders=True)


def app(call: CallSettings, *roles: str, hours_before: float = 100, **kw: object):  # type: ignore[no-untyped-def]
    arrival = call.deadline_utc - timedelta(hours=hours_before)
    message = RecordedMessage(
        reference="R1",
        application_key="city@example.org",
        sender="city@example.org",
        subject="Application",
        arrival=arrival,
        recorded_at=arrival,
        outcome=Outcome.INCOMPLETE if len(roles) < 2 else Outcome.ACCEPTED,
        documents=tuple(RecordedDocument(r, f"{r}.pdf", r.ljust(64, "0")) for r in roles),
        **{"reply_recipient": "city@example.org", **kw},  # type: ignore[arg-type]
    )
    return fold(
        "city@example.org", [message], required=call.document_ids, deadline=call.deadline_utc
    )


def test_reminders_are_due_only_in_the_window_before_the_deadline(call: CallSettings) -> None:
    incomplete = [app(call, "application_form")]
    deadline = call.deadline_utc
    assert due_reminders(incomplete, call, ON, deadline - timedelta(hours=48)) == incomplete
    assert due_reminders(incomplete, call, ON, deadline - timedelta(seconds=1)) == incomplete
    assert due_reminders(incomplete, call, ON, deadline - timedelta(hours=49)) == []
    assert due_reminders(incomplete, call, ON, deadline) == []  # never at or after the deadline
    assert due_reminders(incomplete, call, ON, deadline + timedelta(days=1)) == []
    off = StaffSettings()  # off unless the call enables it
    assert due_reminders(incomplete, call, off, deadline - timedelta(hours=1)) == []
    early = StaffSettings(reminders=True, reminder_hours_before=72)
    assert due_reminders(incomplete, call, early, deadline - timedelta(hours=70)) == incomplete


def test_complete_or_never_answered_applications_are_not_reminded(call: CallSettings) -> None:
    now = call.deadline_utc - timedelta(hours=5)
    complete = app(call, "application_form", "letter_of_intent")
    no_address = app(call, "application_form", reply_recipient=None)
    assert due_reminders([complete, no_address], call, ON, now) == []


def test_each_incomplete_applicant_is_reminded_once_and_not_after_completing(
    filled: Ledger, call: CallSettings
) -> None:
    # filled: Graz complete over two messages, Sevilla incomplete (form only), one late.
    renderer = ReminderRenderer(call, data_path("templates"))
    job = ReminderJob(filled, call, ON, renderer)
    window = call.deadline_utc - timedelta(hours=47)
    assert job.run(window) == ["reminder:rrr-2021:sevilla@x.es"]
    assert job.run(window + timedelta(hours=1)) == []  # never twice
    (queued,) = filled.staff_mails(kind="reminder")
    assert queued.status == "pending"

    # Another applicant completes before the window opens: no reminder for them.
    other = call.deadline_utc - timedelta(hours=60)
    record(filled, "p1", sender="porto@x.pt", roles=("application_form",), arrival=other)
    record(filled, "p2", sender="porto@x.pt", roles=("letter_of_intent",), arrival=other)
    assert job.run(window + timedelta(hours=2)) == []


def test_the_reminder_names_what_is_missing_and_the_time_left(
    filled: Ledger, call: CallSettings
) -> None:
    renderer = ReminderRenderer(call, data_path("templates"))
    (sevilla,) = [
        a
        for a in fold_all(
            filled.recorded_messages(), required=call.document_ids, deadline=call.deadline_utc
        )
        if a.key == "sevilla@x.es"
    ]
    now = call.deadline_utc - timedelta(hours=30, minutes=15)
    mail = message_from_bytes(renderer.render(sevilla, now=now).data, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    assert mail["To"] == "sevilla@x.es"
    assert "[T-s1]" in mail["Subject"]
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "closes in 30 h 15 min" in text
    assert "Still missing:\n  - Letter of intent" in text.replace("\r\n", "\n")
    assert "Application form: application_form-s1.pdf (from T-s1)" in text


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "de", "it", "pl"])
def test_every_reply_language_has_a_reminder(call: CallSettings, language: str) -> None:
    replies = ReplyRenderer(call, data_path("templates"))
    renderer = ReminderRenderer(call, data_path("templates"))
    assert set(replies.languages) <= set(renderer.languages)
    application = app(call, "application_form", language=language)
    now = call.deadline_utc - timedelta(hours=2)
    mail = message_from_bytes(renderer.render(application, now=now).data, policy=policy.default)
    assert mail["Content-Language"] == language
    html = mail.get_body(preferencelist=("html",))
    assert html is not None
    assert "R1" in html.get_content()


def test_an_unknown_language_gets_the_calls_default(call: CallSettings) -> None:
    renderer = ReminderRenderer(call, data_path("templates"))
    assert renderer.choose_language("xx") == "en"
    assert renderer.choose_language("pt-BR") == "pt"
    assert renderer.choose_language(None) == "en"


def test_render_refuses_an_application_with_no_address(call: CallSettings) -> None:
    renderer = ReminderRenderer(call, data_path("templates"))
    with pytest.raises(ValueError, match="no reply address"):
        renderer.render(
            app(call, "application_form", reply_recipient=None), now=datetime.now(call.zone)
        )
