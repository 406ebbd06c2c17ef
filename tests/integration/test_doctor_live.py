"""`doctor` and `doctor --fix` on a fresh production deployment: Dovecot, Postfix, PostgreSQL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from rrr_mailbot.store import schema_state
from tests.integration.servers import MailServers
from tests.integration.service_helpers import ServiceStack
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
