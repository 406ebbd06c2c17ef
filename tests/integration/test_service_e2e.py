"""The live service end to end: `rrr-mailbot run` against Dovecot (IMAP IDLE), Postfix (SMTP
submission with STARTTLS + AUTH) and PostgreSQL, with mail from a real SMTP client (swaks) and
APPENDed applications dated before the deadline.

What must hold: every applicant gets exactly one reply, carrying the expected decision and
threaded on the application's Message-ID; auto-replies get none; the submissions mailbox keeps
nothing unprocessed; SIGTERM stops the service cleanly. `run --once` does one pass and exits;
start-up errors (bad IMAP password, unreachable SMTP) end in exit code 2 and one clear line.
"""

from __future__ import annotations

import secrets
import time
from email.utils import parseaddr
from pathlib import Path

import pytest

from rrr_mailbot.demo import DOCX_TYPE
from tests.integration.servers import MailServers, MailUser, pick_free_ports
from tests.integration.service_helpers import (
    AFTER_DEADLINE,
    Application,
    ServiceStack,
    all_answered,
    append_all,
    decisions_by_sender,
    folder_count,
    replies_for,
    reply_counts,
    sample_application,
    wait_until,
)
from tests.support.documents import make_docx, make_pdf

pytestmark = [pytest.mark.integration, pytest.mark.timeout(150)]


def _attachment_files(folder: Path, city: str) -> list[tuple[Path, str]]:
    """An application form (Word) and a signed letter (PDF), as files a mail client attaches."""
    folder.mkdir(parents=True, exist_ok=True)
    form = folder / f"Application form {city}.docx"
    form.write_bytes(
        make_docx(
            [
                "RRR Peer Learning Cities - Application Form",
                f"Name of the city: {city}",
                "Population: 412,000",
                "Contact person: Dana Novak",
                "Describe your social and solidarity economy ecosystem: cooperatives and "
                "social enterprises work with the city on housing.",
            ]
        )
    )
    letter = folder / f"Letter of intent {city}.pdf"
    letter.write_bytes(
        make_pdf(
            "Letter of Intent\nOn behalf of the City of "
            f"{city}, we hereby express our interest in joining the RRR Peer Learning Cities.\n"
            "Yours sincerely, the Mayor"
        )
    )
    return [(form, DOCX_TYPE), (letter, "application/pdf")]


def _send_with_swaks(stack: ServiceStack, folder: Path, city: str) -> Application:
    """An application through Postfix from a real SMTP client; it arrives now, so it is late."""
    servers = stack.servers
    sender = servers.new_user("mayor", "town.test")
    message_id = f"<swaks.{secrets.token_hex(6)}@{sender.domain}>"
    servers.send_with_swaks(
        sender.address,
        stack.mailbox.address,
        attach=_attachment_files(folder / city, city),
        subject=f"RRR application - {city}",
        body=f"Dear RRR team,\nplease find attached the application of {city}.\nBest regards",
        headers={"Message-Id": message_id},  # swaks replaces its own only when spelt so
    )
    return Application(f"swaks {city}", sender, "late", message_id)


def _check_replies(
    servers: MailServers, mailbox: MailUser, applications: list[Application]
) -> None:
    for application in applications:
        replies = replies_for(servers, application.sender)
        if not application.answered:
            assert replies == [], f"{application.label}: a machine was answered"
            continue
        assert len(replies) == 1, f"{application.label}: {len(replies)} replies"
        reply = replies[0]
        assert reply["X-RRR-Decision"] == application.expected, application.label
        assert reply["In-Reply-To"] == application.message_id, application.label
        assert parseaddr(str(reply["From"]))[1] == mailbox.address
        assert reply["Auto-Submitted"] == "auto-replied"
        assert str(reply["X-RRR-Reference"]).startswith("RRR-")


def test_service_answers_each_applicant_once_and_stops_on_sigterm(
    stack: ServiceStack, tmp_path: Path
) -> None:
    servers, call = stack.servers, stack.call()
    applications = [
        sample_application(servers, call, name)
        for name in (
            "complete",
            "missing letter",
            "zip archive",
            "forwarded letter",
            "Outlook winmail.dat",
            "auto-reply",
        )
    ]
    applications.append(
        sample_application(servers, call, "complete", arrival=AFTER_DEADLINE, expected="late")
    )
    append_all(servers, stack.mailbox, applications)
    applications.append(_send_with_swaks(stack, tmp_path / "files", "Kraków"))
    servers.wait_for_messages(stack.mailbox.address, len(applications))

    # The production delivery interval: replies must go out when intake queues them, not when
    # the interval comes round (the waits below are shorter than it).
    config = stack.write_config(service={"delivery_interval_s": 30})
    with stack.start(config) as service:
        service.wait_for_log(r"service started", timeout_s=30)
        up_s = time.monotonic() - service.began
        # Mail that arrives while the service works, or waits in IDLE, must be taken in too.
        applications.append(_send_with_swaks(stack, tmp_path / "files", "Brno"))
        wait_until(
            "the first reply",
            lambda: any(reply_counts(servers, applications).values()),
            60,
            service,
            interval_s=0.02,
        )
        first_reply_s = time.monotonic() - service.began
        wait_until(
            "a reply for every applicant", lambda: all_answered(servers, applications), 20, service
        )
        wait_until(
            "every message moved out of INBOX",
            lambda: folder_count(servers, stack.mailbox, "INBOX") == 0,
            30,
            service,
        )
        # A second copy of any reply (a pass sending what another already sent) would be here
        # within this.
        time.sleep(2.5)
        assert service.alive()
        code, stop_s = service.stop()
    log = service.log()
    print(
        f"\ntime to first reply: {first_reply_s:.2f} s after exec ('service started' after "
        f"{up_s:.2f} s); {sum(a.answered for a in applications)} replies; "
        f"stopped {stop_s:.2f} s after SIGTERM"
    )
    assert code == 0, log[-3000:]
    assert stop_s < 15
    assert "service stopped" in log
    assert "Traceback" not in log
    assert "Running job" not in log  # APScheduler's per-run chatter stays out of the log
    # No secret in the log of a whole run: the mailbox's password (IMAP and SMTP use it).
    assert stack.mailbox.password not in log

    _check_replies(servers, stack.mailbox, applications)
    assert folder_count(servers, stack.mailbox, "Processed") == len(applications)
    decided = decisions_by_sender(stack)
    for application in applications:
        assert decided.get(application.sender.address) == [application.expected], application.label


def test_run_once_processes_one_pass_and_exits(stack: ServiceStack, tmp_path: Path) -> None:
    servers, call = stack.servers, stack.call()
    applications = [
        sample_application(servers, call, "complete"),
        sample_application(servers, call, "missing letter"),
        sample_application(servers, call, "auto-reply"),
    ]
    append_all(servers, stack.mailbox, applications)
    applications.append(_send_with_swaks(stack, tmp_path / "files", "Gdańsk"))
    servers.wait_for_messages(stack.mailbox.address, len(applications))
    config = stack.write_config()

    result = stack.run_once(config)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == (
        "processed 4: 1 accepted, 1 ignored, 1 incomplete, 1 late; "
        "replies sent 3, retrying 0, failed 0"
    ), result.stdout
    wait_until("the replies", lambda: all_answered(servers, applications), 30)
    assert folder_count(servers, stack.mailbox, "INBOX") == 0

    again = stack.run_once(config)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.strip() == (
        "processed 0: no new messages; replies sent 0, retrying 0, failed 0"
    )
    time.sleep(1.5)  # Postfix hands mail to Dovecot within a second on loopback
    _check_replies(servers, stack.mailbox, applications)
    assert folder_count(servers, stack.mailbox, "Processed") == len(applications)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rrr-mailbot: error:")]


def test_wrong_imap_password_exits_2_naming_the_mailbox(stack: ServiceStack) -> None:
    config = stack.write_config()
    began = time.monotonic()
    result = stack.run_once(config, imap_password="not-the-password")
    with stack.start(
        config, log_name="bad-password.log", imap_password="not-the-password"
    ) as service:
        code = service.process.wait(timeout=30)
    took = time.monotonic() - began
    for stderr, exit_code in ((result.stderr, result.returncode), (service.log(), code)):
        assert exit_code == 2, stderr
        errors = _error_lines(stderr)
        assert len(errors) == 1, stderr
        line = errors[0]
        assert stack.mailbox.address in line
        assert f"{stack.servers.imap_host}:{stack.servers.imaps_port}" in line
        assert "RRR_MAILBOT_IMAP_PASSWORD" in line
        assert "not-the-password" not in stderr
        assert "Traceback" not in stderr
    assert took < 30


def test_unreachable_smtp_exits_2_naming_host_and_port(stack: ServiceStack) -> None:
    (port,) = pick_free_ports(1)
    config = stack.write_config(transport={"port": port})
    with stack.start(config, log_name="no-smtp.log") as service:
        code = service.process.wait(timeout=60)
    stderr = service.log()
    assert code == 2, stderr
    errors = _error_lines(stderr)
    assert len(errors) == 1, stderr
    assert f"{stack.servers.smtp_host}:{port}" in errors[0]
    assert "Traceback" not in stderr
    # Nothing was taken from the mailbox by a service that could not start.
    assert "service started" not in stderr
