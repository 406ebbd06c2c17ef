"""The live service (`rrr-mailbot run --once` against Dovecot, Postfix and PostgreSQL) with one
hostile message among applications: the message whose reading breaks the reader's memory bound is
quarantined (kept with its raw bytes, not answered, moved out of the inbox as needing review) and
the others are answered as usual."""

from __future__ import annotations

import os
from email.message import EmailMessage

import pytest

from rrr_mailbot.store import quarantine
from tests.integration.service_helpers import (
    ON_TIME,
    Application,
    ServiceStack,
    all_answered,
    append_all,
    folder_count,
    reply_counts,
    sample_application,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(150)]


def hostile_application(stack: ServiceStack) -> Application:
    """About 25 MB of attachments: within the download limit, beyond a reader given 64 MB."""
    sender = stack.servers.new_user("hostile", "city.test")
    message = EmailMessage()
    message["From"] = sender.address
    message["To"] = stack.mailbox.address
    message["Subject"] = "Application with very large annexes"
    message["Message-ID"] = f"<hostile.{os.getpid()}@{sender.domain}>"
    message.set_content("Our application is attached.\n")
    for name in ("form.pdf", "letter.pdf"):
        message.add_attachment(
            b"%PDF-1.4\n" + os.urandom(9 * 2**20), "application", "pdf", filename=name
        )
    return Application(
        label="hostile",
        sender=sender,
        expected="quarantined",
        message_id=str(message["Message-ID"]),
        raw=message.as_bytes(),
        arrival=ON_TIME,
    )


def test_a_hostile_message_is_quarantined_and_the_others_answered(stack: ServiceStack) -> None:
    servers, call = stack.servers, stack.call()
    good = [
        sample_application(servers, call, "complete"),
        sample_application(servers, call, "missing letter"),
    ]
    hostile = hostile_application(stack)
    append_all(servers, stack.mailbox, [good[0], hostile, good[1]])
    config = stack.write_config(workers={"workers": 2, "worker_memory_mb": 64})

    result = stack.run_once(config, timeout_s=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("processed 2: 1 accepted, 1 incomplete;"), result.stdout
    assert "quarantined" in result.stderr and "rrr-mailbot reprocess" in result.stderr
    wait_until("the replies", lambda: all_answered(servers, good), 30)
    assert reply_counts(servers, [hostile]) == {hostile.sender.address: 0}
    assert folder_count(servers, stack.mailbox, "INBOX") == 0  # nothing read again and again

    ledger = stack.ledger()
    try:
        [kept] = quarantine.quarantined(ledger)
        assert kept.reason == "memory" and kept.sender == hostile.sender.address
        kept_raw = ledger.blobs.get(kept.raw_path)  # never lost: the bytes as the server had them
        assert kept_raw.replace(b"\r\n", b"\n") == hostile.raw.replace(b"\r\n", b"\n")
        assert ledger.message_count() == 2
    finally:
        ledger.close()

    again = stack.run_once(config)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("processed 0: no new messages"), again.stdout
