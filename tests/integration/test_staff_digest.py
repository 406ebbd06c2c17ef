"""The staff digest end to end: queued by the running service (or `rrr-mailbot digest --send`),
sent through the outbox over Postfix (STARTTLS + AUTH) and read from the staff mailbox on Dovecot.

What must hold: the scheduled digest of the due period arrives once, and a restart does not send
it again; it carries the chart inline (cid) in its HTML part and the CSV of every application;
`digest --send` sends one on demand listing the applications the service has decided.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.integration.servers import MailUser
from tests.integration.service_helpers import (
    ServiceStack,
    all_answered,
    append_all,
    sample_application,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(150)]

MADRID = ZoneInfo("Europe/Madrid")


def _config(
    stack: ServiceStack, staff: MailUser, *, hours_left: float = 48, extra: str = ""
) -> Path:
    """The test stack with a call still open (deadline in ``hours_left``) and a staff mailbox;
    the digest's period is midnight, so one is due from the moment the service starts."""
    deadline = (datetime.now(MADRID) + timedelta(hours=hours_left)).replace(
        microsecond=0, tzinfo=None
    )
    path = stack.write_config(
        call={
            "reply_from": stack.mailbox.address,
            "own_addresses": [stack.mailbox.address],
            "staff": [staff.address],
            "deadline": deadline.isoformat(),
        }
    )
    with path.open("a", encoding="utf-8") as file:
        file.write('\n[staff]\ndigest_times = ["00:00"]\nfinal_digest_times = ["00:00"]\n' + extra)
    return path


def _digests(stack: ServiceStack, staff: MailUser) -> list[EmailMessage]:
    found = []
    for path in stack.servers.message_files(staff.address):
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def _parts(message: EmailMessage) -> dict[str, EmailMessage]:
    return {p.get_content_type(): p for p in message.walk() if not p.is_multipart()}  # type: ignore[misc]


def test_the_due_digest_reaches_staff_once_with_chart_and_csv(stack: ServiceStack) -> None:
    servers = stack.servers
    staff = servers.new_user("staff", "rrr.test")
    config = _config(stack, staff)
    call = stack.call()
    applications = [
        sample_application(servers, call, name) for name in ("complete", "missing letter")
    ]
    append_all(servers, stack.mailbox, applications)

    with stack.start(config) as service:
        service.wait_for_log(r"digest digest:rrr-2021:\S+T00:00\S* queued", timeout_s=30)
        wait_until("the digest in the staff mailbox", lambda: bool(_digests(stack, staff)), 30)
        wait_until("the replies", lambda: all_answered(servers, applications), 30, service)
        code, _ = service.stop()
    assert code == 0, service.tail()

    # A restart finds the period in the ledger: no second digest.
    with stack.start(config, log_name="restart.log") as again:
        again.wait_for_log(r"service started", timeout_s=30)
        time.sleep(3)  # the digest job runs at start; a second digest would be out by now
        code, _ = again.stop()
    assert code == 0, again.tail()
    assert "digest digest:" not in again.log()
    (scheduled,) = _digests(stack, staff)

    parts = _parts(scheduled)
    assert set(parts) == {"text/plain", "text/html", "image/png", "text/csv"}
    png = parts["image/png"].get_payload(decode=True)
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG")
    cid = str(parts["image/png"]["Content-ID"]).strip("<>")
    assert f"cid:{cid}" in parts["text/html"].get_content()
    assert "Staff digest for RRR Peer Learning Cities" in parts["text/plain"].get_content()
    assert "T00:00" in scheduled["X-RRR-Digest"]  # the midnight period, in the call's zone

    # On demand, after the service decided both applications: they are listed, by state.
    done = subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", "digest", "--send", "--config", str(config)],
        cwd=stack.workdir,
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "sent to" in done.stdout
    servers.wait_for_messages(staff.address, 2)
    on_demand = _digests(stack, staff)[1]
    assert "2 applications, 1 complete, 1 incomplete" in on_demand["Subject"]
    table = _parts(on_demand)["text/csv"].get_payload(decode=True)
    assert isinstance(table, bytes)
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))
    assert sorted((r["application"], r["state"]) for r in rows) == sorted(
        [
            (applications[0].sender.address, "complete"),
            (applications[1].sender.address, "incomplete"),
        ]
    )
    text = _parts(on_demand)["text/plain"].get_content()
    assert "missing: Letter of intent" in text


def test_an_incomplete_applicant_is_reminded_once_before_the_deadline(
    stack: ServiceStack,
) -> None:
    servers = stack.servers
    staff = servers.new_user("staff", "rrr.test")
    config = _config(stack, staff, hours_left=10, extra="reminders = true\n")
    call = stack.call()
    incomplete, complete = (
        sample_application(servers, call, name) for name in ("missing letter", "complete")
    )
    append_all(servers, stack.mailbox, [incomplete, complete])

    with stack.start(config) as service:
        wait_until("the replies", lambda: all_answered(servers, [incomplete, complete]), 30)
        # The reminder job ran at start, perhaps before intake; it runs again every minute. A
        # restart makes it run now, with both applications decided.
        code, _ = service.stop()
    assert code == 0, service.tail()
    with stack.start(config, log_name="restart.log") as again:
        again.wait_for_log(r"service started", timeout_s=30)
        servers.wait_for_messages(incomplete.sender.address, 2, timeout_s=30)
        code, _ = again.stop()
    assert code == 0, again.tail()
    # Queued by whichever run first saw the application decided; exactly once in all.
    # (The module's database also holds the other test's applicants: count this one's.)
    queued = (service.log() + again.log()).count(f"reminder queued for {incomplete.sender.address}")
    assert queued == 1, service.log() + "\n-----\n" + again.log()
    with stack.start(config, log_name="third.log") as third:
        third.wait_for_log(r"service started", timeout_s=30)
        time.sleep(3)
        code, _ = third.stop()
    assert f"reminder queued for {incomplete.sender.address}" not in third.log()

    reply, reminder = (
        message_from_bytes(p.read_bytes(), policy=default_policy)
        for p in servers.message_files(incomplete.sender.address)
    )
    assert reminder["Subject"].startswith("Reminder: your application to")
    assert reminder["X-RRR-Reference"] == reply["X-RRR-Reference"]
    body = reminder.get_body(preferencelist=("plain",))
    assert body is not None
    assert "Still missing:" in body.get_content()
    assert "Letter of intent" in body.get_content()
    assert len(servers.message_files(complete.sender.address)) == 1  # complete: no reminder
