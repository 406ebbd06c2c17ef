"""The canary: a test message to the call's own address on a schedule; staff are alerted, once,
when one has not been processed within the timeout. Played on the embedded default: the file
outbox is where the canary is sent, and the test carries it into the Maildir the service reads
(what the mail server would do), or does not (mail to that address is lost)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, FileTransportSettings, data_path
from rrr_mailbot.delivery import deliver_due
from rrr_mailbot.model import Outcome
from rrr_mailbot.pipeline import Pipeline, run_intake_pass
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.staff.canary import CANARY_HEADER, CanaryJob
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.transports.file import FileTransport
from tests.unit.test_pipeline import RETRY, deliver

START = datetime(2021, 5, 20, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


@pytest.fixture
def job(tmp_path: Path, call: CallSettings, ledger: Ledger) -> CanaryJob:
    outbox = FileTransportSettings(outbox_dir=tmp_path / "sent")
    return CanaryJob(
        ledger, call, lambda: FileTransport(outbox), interval=6 * HOUR, timeout=30 * (HOUR / 60)
    )


def sent(tmp_path: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted((tmp_path / "sent").glob("*.eml"))]


def test_a_canary_that_comes_back_is_recorded_as_ignored_and_raises_no_alert(
    tmp_path: Path, call: CallSettings, ledger: Ledger, job: CanaryJob
) -> None:
    assert job.run(START) == []
    [canary] = sent(tmp_path)
    parsed = message_from_bytes(canary, policy=policy.default)
    assert parsed["From"] == parsed["To"] == call.reply_from and parsed[CANARY_HEADER]
    # The mail server delivers it to the mailbox the service reads; the service processes it.
    deliver(tmp_path / "maildir", [canary])
    pipeline = Pipeline(
        call, ledger, ReplyRenderer(call, data_path("templates")), lambda: START + HOUR / 6
    )
    [result] = run_intake_pass(
        MaildirSource(tmp_path / "maildir", max_message_bytes=10**8), pipeline
    )
    assert result.decision.outcome is Outcome.IGNORED and result.reply_kind is None
    assert job.run(START + 2 * HOUR) == []  # back in time: no alert, and no new canary yet
    assert len(sent(tmp_path)) == 1
    job.run(START + 6 * HOUR)  # the next one is due
    assert len(sent(tmp_path)) == 2


def test_a_canary_that_does_not_come_back_alerts_staff_once(
    tmp_path: Path, call: CallSettings, ledger: Ledger, job: CanaryJob
) -> None:
    job.run(START)
    assert job.run(START + 10 * HOUR / 60) == []  # not yet overdue
    [key] = job.run(START + HOUR)
    assert key.startswith("canary-alert:<") and "rrr-canary@" in key
    [queued] = ledger.staff_mails(kind="alert")
    assert queued.period_key == key and queued.status == "pending"
    staff_outbox = FileTransport(FileTransportSettings(outbox_dir=tmp_path / "to-staff"))
    deliver_due(ledger, staff_outbox, now=START + HOUR, policy=RETRY)
    [path] = (tmp_path / "to-staff").glob("*.eml")
    alert = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert alert["To"] == ", ".join(call.staff)
    body = alert.get_body(("plain",))
    assert body is not None and "has not been processed" in str(body.get_content())
    assert job.run(START + 2 * HOUR) == []  # alerted once, not at every check


def test_no_staff_address_means_no_alert_but_a_log_line(
    tmp_path: Path, call: CallSettings, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    lonely = call.model_copy(update={"staff": ()})
    outbox = FileTransportSettings(outbox_dir=tmp_path / "sent")
    job = CanaryJob(ledger, lonely, lambda: FileTransport(outbox), interval=HOUR, timeout=HOUR / 2)
    job.run(START)
    assert job.run(START + HOUR) == []
    assert any(getattr(r, "action", "") == "canary.missing" for r in caplog.records)
