"""The delivery pass with a real ledger (SQLite in tmp_path) and a real SMTP peer (aiosmtpd)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from rrr_mailbot.config import FileTransportSettings, SmtpSettings
from rrr_mailbot.delivery import DeliveryReport, RetryPolicy, deliver_due
from rrr_mailbot.model import ArrivalSource, Decision, Intake, Outcome, submission_reference
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.store.schema import ReplyRow
from rrr_mailbot.transports.file import FileTransport
from rrr_mailbot.transports.smtp import SmtpTransport
from tests.support.smtp_peer import SmtpPeer, SmtpPeerFactory, free_port

pytestmark = pytest.mark.integration

NOW = datetime(2021, 5, 21, 20, 0, tzinfo=UTC)
FROM = "peerlearning@rrr-cities.example"
POLICY = RetryPolicy(max_attempts=3, base_s=60, cap_s=3600)


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield opened
    opened.close()


@pytest.fixture
def peer(tmp_path: Path) -> Iterator[SmtpPeer]:
    with SmtpPeerFactory(tmp_path) as factory:
        yield factory()


@pytest.fixture
def smtp(peer: SmtpPeer) -> Iterator[SmtpTransport]:
    settings = SmtpSettings(
        kind="smtp", host=peer.host, port=peer.port, security="none", timeout_s=5
    )
    transport = SmtpTransport(settings, local_hostname="bot.test")
    yield transport
    transport.close()


def queue_reply(ledger: Ledger, n: int, *, to: str = "mayor@city.example") -> OutgoingMail:
    """Record an application and its acknowledgement, as the pipeline would."""
    raw = f"From: {to}\r\nMessage-ID: <app-{n}@city.example>\r\n\r\nApplication {n}\r\n".encode()
    sha = hashlib.sha256(raw).hexdigest()
    intake = Intake(
        raw_sha256=sha,
        size_bytes=len(raw),
        from_address=to,
        from_name=None,
        reply_to=None,
        return_path=None,
        message_id=f"<app-{n}@city.example>",
        in_reply_to=None,
        references=(),
        subject=f"Application {n}",
        date_header=None,
        arrival=NOW,
        arrival_source=ArrivalSource.SERVER,
    )
    message_id = f"<ack-{n}@rrr-cities.example>"
    mail = OutgoingMail(
        message_id=message_id,
        envelope_from=FROM,
        recipients=(to,),
        data=(
            f"From: {FROM}\r\nTo: {to}\r\nMessage-ID: {message_id}\r\n"
            f"Subject: Received\r\n\r\nWe received application {n}.\r\n"
        ).encode(),
    )
    ledger.record(
        source_key=f"key-{n}",
        raw=raw,
        intake=intake,
        decision=Decision(outcome=Outcome.ACCEPTED),
        reference=submission_reference("RRR", sha),
        reply=mail,
        reply_kind="acknowledgement",
        now=NOW,
    )
    return mail


@dataclass(frozen=True)
class Row:
    message_id: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None


def rows(ledger: Ledger) -> list[Row]:
    with Session(ledger.engine) as session:
        return [
            Row(r.rfc_message_id, r.status, r.attempts, r.next_attempt_at, r.last_error)
            for r in session.scalars(select(ReplyRow).order_by(ReplyRow.id))
        ]


def received_ids(peer: SmtpPeer) -> list[str]:
    ids = []
    for mail in peer.captured:
        for line in mail.data.split(b"\r\n"):
            if line.startswith(b"Message-ID: "):
                ids.append(line.removeprefix(b"Message-ID: ").decode())
    return ids


# -- the pass --------------------------------------------------------------------------------------


def test_pending_replies_are_sent_once_over_one_connection(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mails = [queue_reply(ledger, n) for n in range(3)]
    report = deliver_due(ledger, smtp, now=NOW, policy=POLICY)
    assert report == DeliveryReport(sent=3, retried=0, failed=0)
    assert received_ids(peer) == [m.message_id for m in mails]
    assert peer.connection_count == 1
    assert [r.status for r in rows(ledger)] == ["sent"] * 3
    # A second pass finds nothing to do.
    assert deliver_due(ledger, smtp, now=NOW + timedelta(hours=1), policy=POLICY) == (
        DeliveryReport(sent=0, retried=0, failed=0)
    )
    assert len(peer.captured) == 3


def test_451_is_retried_after_a_backoff_and_then_sent(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mail = queue_reply(ledger, 1)
    peer.reply_rcpt("mayor@city.example", "451 4.7.1 Greylisted, try again in a minute")
    assert deliver_due(ledger, smtp, now=NOW, policy=POLICY) == DeliveryReport(0, 1, 0)
    [row] = rows(ledger)
    assert row.status == "pending"
    assert row.attempts == 1
    assert row.last_error is not None and "451 4.7.1 Greylisted" in row.last_error
    # Equal jitter: at least half the base delay, at most all of it.
    assert NOW + timedelta(seconds=30) <= row.next_attempt_at <= NOW + timedelta(seconds=60)
    # Not due before its time...
    assert deliver_due(ledger, smtp, now=NOW + timedelta(seconds=29), policy=POLICY) == (
        DeliveryReport(0, 0, 0)
    )
    # ... and sent once it is.
    later = NOW + timedelta(seconds=60)
    assert deliver_due(ledger, smtp, now=later, policy=POLICY) == DeliveryReport(1, 0, 0)
    assert received_ids(peer) == [mail.message_id]
    assert [(r.status, r.attempts) for r in rows(ledger)] == [("sent", 2)]


def test_550_fails_the_reply_for_good(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer, caplog: pytest.LogCaptureFixture
) -> None:
    queue_reply(ledger, 1, to="gone@city.example")
    kept = queue_reply(ledger, 2)
    peer.reply_rcpt("gone@city.example", "550 5.1.1 <gone@city.example>: User unknown")
    with caplog.at_level(logging.INFO, logger="rrr_mailbot.delivery"):
        report = deliver_due(ledger, smtp, now=NOW, policy=POLICY)
    assert report == DeliveryReport(sent=1, retried=0, failed=1)
    failed, sent = rows(ledger)
    assert failed.status == "failed"
    assert failed.last_error is not None and "550 5.1.1" in failed.last_error
    assert sent.status == "sent"
    assert received_ids(peer) == [kept.message_id]
    ours = [r for r in caplog.records if r.name == "rrr_mailbot.delivery"]
    actions = [(getattr(r, "action", None), getattr(r, "message_id", None)) for r in ours]
    assert actions == [
        ("reply.failed", "<ack-1@rrr-cities.example>"),
        ("reply.sent", "<ack-2@rrr-cities.example>"),
    ]
    assert all(str(getattr(r, "reference", "")).startswith("RRR-") for r in ours)
    assert deliver_due(ledger, smtp, now=NOW + timedelta(days=1), policy=POLICY) == (
        DeliveryReport(0, 0, 0)
    )


def test_a_reply_that_keeps_failing_fails_at_max_attempts(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    queue_reply(ledger, 1)
    peer.reply_rcpt("mayor@city.example", *["451 4.3.0 Mailbox busy"] * 5)
    now = NOW
    reports = []
    for _ in range(POLICY.max_attempts):
        reports.append(deliver_due(ledger, smtp, now=now, policy=POLICY))
        now += timedelta(seconds=POLICY.cap_s)
    assert reports == [DeliveryReport(0, 1, 0), DeliveryReport(0, 1, 0), DeliveryReport(0, 0, 1)]
    [row] = rows(ledger)
    assert row.status == "failed"
    assert row.attempts == 3
    assert row.last_error is not None and row.last_error.startswith("gave up after 3 attempts")
    assert peer.captured == []


class StopAfter:
    """A transport that sets the stop event after ``count`` sends: a SIGTERM mid-pass."""

    def __init__(self, inner: SmtpTransport, stop: threading.Event, count: int) -> None:
        self.inner, self.stop, self.count = inner, stop, count

    def send(self, mail: OutgoingMail) -> None:
        self.inner.send(mail)
        self.count -= 1
        if self.count == 0:
            self.stop.set()

    def session(self) -> AbstractContextManager[None]:
        return self.inner.session()

    def close(self) -> None:
        self.inner.close()


def test_a_stop_request_ends_the_pass_between_replies_and_puts_the_rest_back(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mails = [queue_reply(ledger, n) for n in range(4)]
    stop = threading.Event()
    report = deliver_due(ledger, StopAfter(smtp, stop, 1), now=NOW, policy=POLICY, stop=stop)
    assert report == DeliveryReport(sent=1, retried=0, failed=0, deferred=3)
    assert [r.status for r in rows(ledger)] == ["sent", "pending", "pending", "pending"]
    assert all(r.next_attempt_at <= NOW for r in rows(ledger)[1:]), "due again at once"
    # With the stop still set, a new pass claims nothing.
    assert deliver_due(ledger, smtp, now=NOW, policy=POLICY, stop=stop) == DeliveryReport(0, 0, 0)
    assert [r.status for r in rows(ledger)][1:] == ["pending"] * 3
    # After a restart the rest go out, and nothing goes out twice.
    assert deliver_due(ledger, smtp, now=NOW, policy=POLICY) == DeliveryReport(3, 0, 0)
    assert received_ids(peer) == [m.message_id for m in mails]


def test_a_reply_left_sending_by_a_crash_is_sent_again_once_after_the_lease(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mail = queue_reply(ledger, 1)
    # Another run claimed it (and perhaps sent it) and died before recording the result.
    [claimed] = ledger.claim_due_replies(NOW, 10, lease_s=300)
    assert ledger.mark_started(claimed.id, NOW, lease_s=300)
    assert claimed.mail == mail
    assert deliver_due(ledger, smtp, now=NOW + timedelta(seconds=299), policy=POLICY) == (
        DeliveryReport(0, 0, 0)
    )
    assert peer.captured == []
    after_lease = NOW + timedelta(seconds=301)
    assert deliver_due(ledger, smtp, now=after_lease, policy=POLICY) == DeliveryReport(1, 0, 0)
    assert deliver_due(ledger, smtp, now=after_lease + timedelta(hours=1), policy=POLICY) == (
        DeliveryReport(0, 0, 0)
    )
    assert received_ids(peer) == [mail.message_id]
    assert [(r.status, r.attempts) for r in rows(ledger)] == [("sent", 2)]


class DyingTransport:
    """A transport whose process dies (a BaseException) while it sends."""

    def send(self, mail: OutgoingMail) -> None:
        raise KeyboardInterrupt

    def close(self) -> None:
        pass


def test_the_lease_a_pass_takes_is_the_configured_one(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mail = queue_reply(ledger, 1)
    with pytest.raises(KeyboardInterrupt):
        deliver_due(ledger, DyingTransport(), now=NOW, policy=POLICY, lease_s=30)
    assert deliver_due(ledger, smtp, now=NOW + timedelta(seconds=29), policy=POLICY) == (
        DeliveryReport(0, 0, 0)
    )
    assert deliver_due(ledger, smtp, now=NOW + timedelta(seconds=31), policy=POLICY) == (
        DeliveryReport(1, 0, 0)
    )
    assert received_ids(peer) == [mail.message_id]


def test_a_refused_login_retries_every_reply_instead_of_failing_them(
    ledger: Ledger, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for n in range(3):
        queue_reply(ledger, n)
    with SmtpPeerFactory(tmp_path) as factory:
        peer = factory(tls="starttls", users={"bot": "right"})
        settings = SmtpSettings(
            kind="smtp",
            host=peer.host,
            port=peer.port,
            ca_file=peer.ca_file,
            username="bot",
            password=SecretStr("wrong"),
        )
        transport = SmtpTransport(settings, local_hostname="bot.test")
        try:
            with caplog.at_level(logging.ERROR, logger="rrr_mailbot.delivery"):
                report = deliver_due(ledger, transport, now=NOW, policy=POLICY)
        finally:
            transport.close()
    assert report == DeliveryReport(sent=0, retried=3, failed=0)
    assert peer.connection_count == 1, "one connection (and login) for the whole batch"
    assert all(r.status == "pending" for r in rows(ledger))
    unusable = [r for r in caplog.records if getattr(r, "action", None) == "transport.unusable"]
    assert len(unusable) == 1
    assert "$RRR_MAILBOT_SMTP_PASSWORD" in unusable[0].getMessage()


def test_an_unreachable_server_defers_the_whole_batch_quickly(ledger: Ledger) -> None:
    for n in range(5):
        queue_reply(ledger, n)
    settings = SmtpSettings(kind="smtp", host="127.0.0.1", port=free_port(), security="none")
    transport = SmtpTransport(settings, local_hostname="bot.test")
    try:
        report = deliver_due(ledger, transport, now=NOW, policy=POLICY)
    finally:
        transport.close()
    assert report == DeliveryReport(sent=0, retried=5, failed=0)
    assert all(r.last_error and "cannot reach SMTP server" in r.last_error for r in rows(ledger))


def test_the_file_transport_delivers_the_outbox_to_a_folder(ledger: Ledger, tmp_path: Path) -> None:
    mails = [queue_reply(ledger, n) for n in range(2)]
    transport = FileTransport(FileTransportSettings(outbox_dir=tmp_path / "outbox"))
    assert deliver_due(ledger, transport, now=NOW, policy=POLICY) == DeliveryReport(2, 0, 0)
    written = sorted((tmp_path / "outbox").iterdir())
    assert [p.read_bytes() for p in written] == [m.data for m in mails]


def test_limit_bounds_one_pass(ledger: Ledger, smtp: SmtpTransport) -> None:
    for n in range(3):
        queue_reply(ledger, n)
    assert deliver_due(ledger, smtp, now=NOW, policy=POLICY, limit=2) == DeliveryReport(2, 0, 0)
    assert deliver_due(ledger, smtp, now=NOW, policy=POLICY, limit=2) == DeliveryReport(1, 0, 0)


def outbox(ledger: Ledger) -> list[ReplyRow]:
    with Session(ledger.engine) as session:
        return list(session.scalars(select(ReplyRow).order_by(ReplyRow.id)))


class Watching:
    """A transport that notes, at each send, the outbox rows claimed and started but not sent."""

    def __init__(self, inner: SmtpTransport, ledger: Ledger) -> None:
        self.inner, self.ledger = inner, ledger
        self.seen: list[tuple[int, int]] = []

    def send(self, mail: OutgoingMail) -> None:
        sending = [r for r in outbox(self.ledger) if r.status == "sending"]
        self.seen.append((len(sending), sum(r.started_at is not None for r in sending)))
        self.inner.send(mail)

    def session(self) -> AbstractContextManager[None]:
        return self.inner.session()

    def close(self) -> None:
        self.inner.close()


def test_a_pass_drains_the_outbox_claiming_a_few_at_a_time(
    ledger: Ledger, smtp: SmtpTransport, peer: SmtpPeer
) -> None:
    mails = [queue_reply(ledger, n) for n in range(11)]
    watching = Watching(smtp, ledger)
    ticks = iter(NOW + timedelta(seconds=n) for n in range(1, 100))
    report = deliver_due(
        ledger, watching, now=NOW, policy=POLICY, batch=4, clock=lambda: next(ticks)
    )
    assert report == DeliveryReport(11, 0, 0)
    assert received_ids(peer) == [m.message_id for m in mails]
    # Never more than one claim of 4 outstanding, and only the reply being sent is started.
    assert max(claimed for claimed, _ in watching.seen) == 4
    assert {started for _, started in watching.seen} == {1}
    # Later claims are dated by the clock, not the pass's start: three claims of 4, 4 and 3.
    assert sorted({r.sent_at for r in outbox(ledger) if r.sent_at is not None}) == [
        NOW,
        NOW + timedelta(seconds=1),
        NOW + timedelta(seconds=2),
    ]
    with pytest.raises(ValueError, match="batch must be positive"):
        deliver_due(ledger, smtp, now=NOW, policy=POLICY, batch=0)


def test_a_naive_clock_is_refused(ledger: Ledger, smtp: SmtpTransport) -> None:
    with pytest.raises(ValueError, match="time-zone aware"):
        deliver_due(ledger, smtp, now=datetime(2021, 5, 21, 20, 0), policy=POLICY)


# -- the retry policy ------------------------------------------------------------------------------


def test_delay_doubles_up_to_the_cap_with_equal_jitter() -> None:
    policy = RetryPolicy(max_attempts=8, base_s=30, cap_s=3600)
    lowest = [policy.next_delay_s(n, rand=lambda: 0.0) for n in range(1, 10)]
    highest = [policy.next_delay_s(n, rand=lambda: 0.999999) for n in range(1, 10)]
    assert lowest == [15, 30, 60, 120, 240, 480, 960, 1800, 1800]
    assert [round(h) for h in highest] == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_delay_stays_finite_for_absurd_attempt_counts() -> None:
    policy = RetryPolicy(max_attempts=8, base_s=30, cap_s=3600)
    assert 1800 <= policy.next_delay_s(10_000) <= 3600
    assert 15 <= policy.next_delay_s(0) <= 30


def test_policy_from_settings() -> None:
    smtp = SmtpSettings(
        kind="smtp", host="mail.example", max_attempts=4, backoff_base_s=10, backoff_cap_s=100
    )
    assert RetryPolicy.from_settings(smtp) == RetryPolicy(max_attempts=4, base_s=10, cap_s=100)
    file_policy = RetryPolicy.from_settings(FileTransportSettings())
    assert file_policy.max_attempts >= 1 and file_policy.base_s <= file_policy.cap_s


@pytest.mark.parametrize(
    "values",
    [
        {"max_attempts": 0, "base_s": 1, "cap_s": 2},
        {"max_attempts": 1, "base_s": 0, "cap_s": 2},
        {"max_attempts": 1, "base_s": 3, "cap_s": 2},
    ],
)
def test_policy_refuses_nonsense(values: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**values)
