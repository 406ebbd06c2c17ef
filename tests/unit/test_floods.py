"""Loops and floods: however much mail one address sends, and whatever answers our answers,
the number of replies we send is bounded; each case counts the replies queued."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, data_path
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.model import Outcome
from rrr_mailbot.pipeline import Pipeline, Processed, run_intake_pass
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.store import Ledger, open_ledger
from tests.unit.test_pipeline import deliver

START = datetime(2021, 5, 20, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves: one second per message unless told otherwise."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


def replies_queued(ledger: Ledger) -> int:
    return sum(ledger.outbox_counts().values())


def note(sender: str, subject: str, body: str, n: int, **headers: str) -> bytes:
    message = EmailMessage()
    message["Received"] = "from mx by mx.rrr-cities.example; Thu, 20 May 2021 10:00:00 +0200"
    message["From"] = sender
    message["To"] = "peerlearning@rrr-cities.example"
    message["Subject"] = subject
    message["Message-ID"] = f"<{n}.flood@{sender.rpartition('@')[2]}>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(f"{body}\n\n(message {n})\n")
    return message.as_bytes()


def run(tmp_path: Path, pipeline: Pipeline, raws: list[bytes]) -> list[Processed]:
    deliver(tmp_path / "maildir", raws)
    return run_intake_pass(MaildirSource(tmp_path / "maildir", max_message_bytes=10**8), pipeline)


def test_one_sender_sending_hundreds_in_a_minute_gets_at_most_the_limit(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    clock = Clock()
    pipeline = Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), clock)
    raws = [note("flood@city.example", "Question", "When is the deadline?", n) for n in range(150)]
    results = run(tmp_path, pipeline, raws)
    assert len(results) == 150 and ledger.message_count() == 150  # every one recorded
    limit = call.limits.max_replies_per_sender
    assert replies_queued(ledger) == limit
    assert sum("reply_rate_limited" in r.decision.review for r in results) == 150 - limit
    # Once the window has passed, the sender is answered again, up to the limit again.
    clock.now += timedelta(hours=call.limits.reply_window_h)
    run(tmp_path, pipeline, [note("flood@city.example", "Again", "Hello?", 1000)])
    assert replies_queued(ledger) == limit + 1


def test_a_smaller_window_and_limit_are_honoured(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    limits = call.limits.model_copy(update={"max_replies_per_sender": 3, "reply_window_h": 1})
    strict = call.model_copy(update={"limits": limits})
    clock = Clock()
    pipeline = Pipeline(strict, ledger, ReplyRenderer(strict, data_path("templates")), clock)
    run(tmp_path, pipeline, [note("a@city.example", "Q", "Hello", n) for n in range(10)])
    assert replies_queued(ledger) == 3
    clock.now += timedelta(minutes=61)
    run(tmp_path, pipeline, [note("a@city.example", "Q", "Hello", n) for n in range(10, 20)])
    assert replies_queued(ledger) == 6


def test_an_auto_responder_that_answers_every_reply_gets_one_answer(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    """Our reply goes to an office whose auto-responder answers everything, without the RFC 3834
    headers: its answers are machine mail, recorded and never answered, so there is no loop."""
    pipeline = Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), Clock())
    [first] = run(tmp_path, pipeline, [SAMPLES[1].build(call).as_bytes()])  # Porto, form only
    assert first.reply_kind is not None
    sender = SAMPLES[1].sender
    echoes = [
        note(
            sender,
            f"Automatic reply: Re: RRR application - Porto [{first.reference}]",
            "I am out of the office until 31 May with limited access to email.",
            n,
        )
        for n in range(40)
    ]
    results = run(tmp_path, pipeline, echoes)
    assert {r.decision.outcome for r in results} == {Outcome.IGNORED}
    assert replies_queued(ledger) == 1


def test_a_bot_that_answers_our_replies_like_a_person_is_capped(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    """A second bot that answers every mail with a plain "thank you" and no machine marks looks
    like a person: it is answered, but only up to the limit."""
    pipeline = Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), Clock())
    raws = [
        note("helpdesk@bot.example", f"Re: Re: ticket {n}", "Thank you, we have noted it.", n)
        for n in range(60)
    ]
    run(tmp_path, pipeline, raws)
    assert replies_queued(ledger) == call.limits.max_replies_per_sender


def test_a_bounce_storm_is_never_answered(
    tmp_path: Path, call: CallSettings, ledger: Ledger
) -> None:
    pipeline = Pipeline(call, ledger, ReplyRenderer(call, data_path("templates")), Clock())
    bounces = [
        note(
            "postmaster@mail.city.example",
            "Undeliverable: RRR Peer Learning Cities",
            "Delivery has failed to these recipients or groups: nobody@city.example",
            n,
        )
        for n in range(80)
    ] + [
        note(
            "MAILER-DAEMON@relay.example",
            "Mail delivery failed: returning message to sender",
            "This message was created automatically by mail delivery software.",
            n,
        )
        for n in range(80, 160)
    ]
    results = run(tmp_path, pipeline, bounces)
    assert len(results) == 160
    assert {r.decision.outcome for r in results} == {Outcome.IGNORED}
    assert replies_queued(ledger) == 0
