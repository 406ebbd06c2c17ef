"""`doctor`, `doctor --fix`, `doctor --send-test` and `run --dry-run` on a production deployment:
Dovecot, Postfix, PostgreSQL."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from imapclient import IMAPClient

from rrr_mailbot.config import load_settings
from rrr_mailbot.doctor import send_canary
from rrr_mailbot.errors import SourceError
from rrr_mailbot.store import schema_state
from tests.integration.servers import MailServers, MailUser
from tests.integration.service_helpers import (
    ServiceStack,
    append_all,
    folder_count,
    reply_counts,
    sample_application,
)
from tests.support.postgres import fresh_database

FOLDERS = ("Accepted", "Incomplete", "Late", "Ignored", "Needs-review")


def doctor_lines(stack: ServiceStack, config: Path, *args: str) -> tuple[int, dict[str, str]]:
    """Exit status and each check's line (keyed by the check's name)."""
    result = subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", "doctor", *args, "--config", str(config)],
        env=stack.env(), cwd=stack.workdir, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    lines = {}
    for line in result.stdout.splitlines():
        status, rest = line.split(maxsplit=1)
        name = "data folder" if rest.startswith("data folder") else rest.split()[0]
        lines[name] = f"{status} {rest}"
    return result.returncode, lines


@pytest.mark.integration
def test_doctor_says_what_to_run_and_fix_does_it(mail_servers: MailServers, tmp_path: Path) -> None:
    with fresh_database("rrr_doctor_fresh") as url:
        stack = ServiceStack.create(mail_servers, url, tmp_path / "work")
        config = stack.write_config(mailbox={"per_decision_folders": True})
        maildir = stack.mailbox.maildir

        code, lines = doctor_lines(stack, config)
        assert code == 1
        assert (
            lines["database"].startswith("FAIL") and "rrr-mailbot db upgrade" in lines["database"]
        )
        assert lines["mailbox"].startswith("FAIL") and "doctor --fix" in lines["mailbox"]
        assert re.search(r"Processed[./]Needs-review", lines["mailbox"])  # the server delimiter
        assert lines["transport"].startswith("ok"), lines
        assert lines["data folder"].startswith("ok"), lines  # created on first use
        # ... and created nothing: no schema, no folders, no data folder.
        assert schema_state(url).current == ()
        assert not (stack.workdir / "store").exists()
        assert not list(maildir.glob(".Processed*"))

        code, lines = doctor_lines(stack, config, "--fix")
        assert code == 0, lines
        assert "upgraded from (empty)" in lines["database"]
        assert re.search(r"created .*Processed[./]Accepted", lines["mailbox"])
        assert schema_state(url).up_to_date
        assert {f".Processed.{name}" for name in FOLDERS} <= {p.name for p in maildir.iterdir()}

        code, lines = doctor_lines(stack, config)
        assert code == 0, lines
        assert "folders" in lines["mailbox"] and "exist" in lines["mailbox"]


def stored_flags(client: IMAPClient) -> dict[int, set[bytes]]:
    """Each message's flags, without \\Recent (which any session's SELECT takes away)."""
    flags = client.get_flags(client.search(["ALL"]))
    return {uid: set(values) - {b"\\Recent"} for uid, values in flags.items()}


@pytest.mark.integration
def test_dry_run_on_imap_moves_nothing_and_sends_nothing(stack: ServiceStack) -> None:
    servers, call = stack.servers, stack.call()
    applications = [
        sample_application(servers, call, "complete"),
        sample_application(servers, call, "missing letter"),
    ]
    append_all(servers, stack.mailbox, applications)
    servers.wait_for_messages(stack.mailbox.address, len(applications))
    config = stack.write_config()
    with servers.imap(stack.mailbox) as client:
        client.select_folder("INBOX", readonly=True)
        flags_before = stored_flags(client)

    result = subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", "run", "--dry-run", "--config", str(config)],
        env=stack.env(), cwd=stack.workdir, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "dry run: 2: 1 accepted, 1 incomplete; 2 replies written to" in result.stdout
    assert len(list((stack.workdir / "rrr-mailbot-dry-run" / "would-send").glob("*.eml"))) == 2

    with servers.imap(stack.mailbox) as client:
        client.select_folder("INBOX", readonly=True)
        assert stored_flags(client) == flags_before  # not even \Seen
        assert not client.folder_exists("Processed")
    time.sleep(1.5)  # Postfix hands mail to Dovecot within a second on loopback
    assert sum(reply_counts(servers, applications).values()) == 0
    assert schema_state(stack.database_url).current == ()  # the real ledger was not touched


@pytest.mark.integration
def test_send_test_finds_its_message_in_the_mailbox_and_deletes_it(
    stack: ServiceStack, make_mail_user: Callable[..., MailUser]
) -> None:
    config = stack.write_config()
    result = subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", "doctor", "--send-test", "--config", str(config)],
        env=stack.env(), cwd=stack.workdir, capture_output=True, text=True, timeout=180,
        check=False,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    [canary] = [line for line in lines if "send test" in line]
    assert canary.startswith("ok") and "found in INBOX" in canary, result.stdout + result.stderr
    assert folder_count(stack.servers, stack.mailbox, "INBOX") == 0  # deleted once found

    # Mail to the call's address that lands elsewhere (here: another mailbox) is reported.
    elsewhere = make_mail_user("elsewhere")
    settings = load_settings(
        stack.write_config("elsewhere.toml", call={"reply_from": elsewhere.address}),
        env=stack.env(),
    )
    with pytest.raises(SourceError, match=r"did not arrive in 'INBOX' .* within 3 s"):
        send_canary(settings, timeout_s=3, poll_s=0.5)
    stack.servers.wait_for_messages(elsewhere.address, 1)
