"""Two addresses, one city, through the real stack (Dovecot IMAP, Postfix, PostgreSQL): the office
sends the form, staff link the mayor's address to that application with `rrr-mailbot link`, the
mayor's office sends the letter, and every staff view counts one complete application."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from rrr_mailbot.demo import SAMPLES
from tests.integration.service_helpers import ON_TIME, ServiceStack, build_sample

pytestmark = [pytest.mark.integration, pytest.mark.timeout(150)]


def cli(stack: ServiceStack, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", *args, "--config", str(config)],
        cwd=stack.workdir, env=stack.env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_a_linked_second_address_joins_the_application(stack: ServiceStack) -> None:
    servers = stack.servers
    config = stack.write_config(
        call={"reply_from": stack.mailbox.address, "own_addresses": [stack.mailbox.address]}
    )
    call = stack.call()
    form, letter = SAMPLES[0].attachments()
    office = servers.new_user("office", "city.test")
    mayor = servers.new_user("mayor", "city.test")
    form_only = dataclasses.replace(SAMPLES[0], attachments=lambda: [form])
    letter_only = dataclasses.replace(SAMPLES[0], attachments=lambda: [letter])

    servers.append(stack.mailbox, build_sample(form_only, office, call, "form").as_bytes(),
                   when=ON_TIME)  # fmt: skip
    assert stack.run_once(config).returncode == 0
    ledger = stack.ledger()
    try:
        (form_ref,) = [m.reference for m in ledger.recorded_messages()]
    finally:
        ledger.close()

    linked = cli(stack, config, "link", mayor.address, form_ref)
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout == f"{mayor.address} linked to application {office.address}\n"

    servers.append(stack.mailbox, build_sample(letter_only, mayor, call, "letter").as_bytes(),
                   when=ON_TIME + timedelta(hours=1))  # fmt: skip
    assert stack.run_once(config).returncode == 0

    table = cli(stack, config, "applications")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[-1] == "1 application(s)"
    assert office.address in lines[1] and " complete " in lines[1]
    history = cli(stack, config, "show", mayor.address).stdout
    assert history.startswith(f"Application {office.address}: complete")
    assert f"from {office.address}" in history and f"from {mayor.address}" in history
    assert f"linked by staff: {mayor.address}" in history
    digest = cli(stack, config, "digest", "--print").stdout
    assert "TOTALS (1 applications)" in digest
