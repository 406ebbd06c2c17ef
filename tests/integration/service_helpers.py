"""Shared helpers for the live-service tests: a fresh PostgreSQL database, a settings file for
IMAP (Dovecot) + SMTP (Postfix) + PostgreSQL, the `rrr-mailbot run` subprocess, applications built
from the demo samples, and views of what reached the applicants' mailboxes and the ledger.

The service always runs as a real subprocess (``python -m rrr_mailbot.cli``) so that signals,
exit codes and stderr are the ones an operator sees.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage, Message
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rrr_mailbot.config import CallSettings, load_settings
from rrr_mailbot.demo import SAMPLES, Sample
from rrr_mailbot.errors import SchemaError
from rrr_mailbot.store import Ledger, MessageSummary, open_ledger
from rrr_mailbot.store.schema import ReplyRow
from tests.integration.servers import MailServers, MailUser

REPO_ROOT = Path(__file__).resolve().parents[2]
# The call's deadline is 2021-05-21T21:00:00Z: APPEND with these INTERNALDATEs.
ON_TIME = datetime(2021, 5, 20, 8, 30, tzinfo=UTC)
AFTER_DEADLINE = datetime(2021, 5, 21, 21, 0, 1, tzinfo=UTC)

STOP_TIMEOUT_S = 15.0

SAMPLE_BY_NAME = {sample.name: sample for sample in SAMPLES}


# ------------------------------------------------------------------------------------ settings


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str | Path):
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


def toml_text(top: Mapping[str, Any], tables: Mapping[str, Mapping[str, Any]]) -> str:
    """A TOML document of top-level keys and one level of tables (all this test needs)."""
    lines = [f"{key} = {_toml_value(value)}" for key, value in top.items()]
    for name, table in tables.items():
        lines += ["", f"[{name}]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


@dataclass
class ServiceStack:
    """One submissions mailbox on the test Dovecot, a PostgreSQL ledger and a work folder: what a
    settings file for the production setup (IMAP + SMTP + PostgreSQL) points at."""

    servers: MailServers
    mailbox: MailUser
    database_url: str
    workdir: Path

    @classmethod
    def create(cls, servers: MailServers, database_url: str, workdir: Path) -> ServiceStack:
        servers.ensure_running()
        workdir.mkdir(parents=True, exist_ok=True)
        mailbox = servers.new_user("submissions", "rrr.test")
        return cls(servers, mailbox, database_url, workdir)

    def settings_tables(self) -> dict[str, dict[str, Any]]:
        """The default tables; tests change single keys before writing the file."""
        servers = self.servers
        return {
            "call": {"reply_from": self.mailbox.address, "own_addresses": [self.mailbox.address]},
            "mailbox": {
                "kind": "imap",
                "host": servers.imap_host,
                "port": servers.imaps_port,
                "security": "tls",
                "ca_file": servers.ca_file,
                "username": self.mailbox.address,
                # Named although it is the documented default: config.py's _inject_secrets falls
                # back to RRR_MAILBOT_MAILBOX_PASSWORD when the key is absent (reported).
                "password_env": "RRR_MAILBOT_IMAP_PASSWORD",
                "idle": True,
                "poll_interval_s": 2,
                "fetch_batch_size": 5,
                "timeout_s": 10.0,
            },
            "transport": {
                "kind": "smtp",
                "host": servers.smtp_host,
                "port": servers.submission_port,
                "security": "starttls",
                "ca_file": servers.ca_file,
                "username": self.mailbox.address,
                "password_env": "RRR_MAILBOT_SMTP_PASSWORD",
                "timeout_s": 10.0,
                "max_attempts": 20,
                "backoff_base_s": 1.0,
                "backoff_cap_s": 4.0,
            },
            "database": {"url": self.database_url},
            "storage": {"data_dir": self.workdir / "store"},
            "service": {"delivery_interval_s": 1},
        }

    def write_config(self, name: str = "service.toml", **changes: Mapping[str, Any]) -> Path:
        """Write a settings file; ``changes`` maps a table name to keys replaced in it."""
        tables = self.settings_tables()
        for table, keys in changes.items():
            tables[table] = {**tables.get(table, {}), **keys}
        path = self.workdir / name
        path.write_text(toml_text({"call_from": "rrr-2021.toml"}, tables), encoding="utf-8")
        load_settings(path, env=self.env())  # a typo in a test's settings fails here, not later
        return path

    def call(self) -> CallSettings:
        return load_settings(self.write_config("call-only.toml"), env=self.env()).call

    def env(
        self, *, imap_password: str | None = None, smtp_password: str | None = None
    ) -> dict[str, str]:
        """The subprocess environment: secrets as an operator would export them."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("RRR_MAILBOT_")}
        env["PYTHONPATH"] = str(REPO_ROOT)
        env["PYTHONUNBUFFERED"] = "1"
        env["RRR_MAILBOT_IMAP_PASSWORD"] = imap_password or self.mailbox.password
        env["RRR_MAILBOT_SMTP_PASSWORD"] = smtp_password or self.mailbox.password
        return env

    def command(self, config: Path, *args: str) -> list[str]:
        return [sys.executable, "-m", "rrr_mailbot.cli", "run", *args, "--config", str(config)]

    def start(self, config: Path, *, log_name: str = "service.log", **env: str) -> ServiceProcess:
        """Start `rrr-mailbot run` (stdout and stderr go to a log file in the work folder)."""
        log_path = self.workdir / log_name
        offset = log_path.stat().st_size if log_path.exists() else 0
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                self.command(config),
                cwd=self.workdir,
                env=self.env(**env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        return ServiceProcess(process, log_path, offset, time.monotonic())

    def run_once(
        self, config: Path, *, timeout_s: float = 60.0, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """`rrr-mailbot run --once`, waited for."""
        return subprocess.run(
            self.command(config, "--once"),
            cwd=self.workdir,
            env=self.env(**env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )

    def ledger(self) -> Ledger:
        """A ledger on the test database, for looking (the schema is already there)."""
        return open_ledger(self.database_url, self.workdir / "store", migrate=False)


class ServiceProcess:
    """A running `rrr-mailbot run` and its log."""

    def __init__(self, process: subprocess.Popen[bytes], log_path: Path, offset: int, began: float):
        self.process = process
        self.log_path = log_path
        self._offset = offset  # where this run's lines start in a log shared by restarts
        self.began = began

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        with self.log_path.open("rb") as log:
            log.seek(self._offset)
            return log.read().decode("utf-8", "replace")

    def tail(self, lines: int = 40) -> str:
        """The last lines of this run's log, without APScheduler's per-run chatter."""
        kept = [line for line in self.log().splitlines() if " apscheduler." not in line]
        return "\n".join(kept[-lines:])

    def wait_for_log(self, pattern: str, timeout_s: float) -> None:
        """Wait for a log line matching the regular expression; fails early if the service died."""
        compiled = re.compile(pattern)
        wait_until(
            f"log line /{pattern}/",
            lambda: compiled.search(self.log()) is not None,
            timeout_s,
            self,
        )

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> tuple[int, float]:
        """SIGTERM; returns (exit code, seconds it took). Kills it and fails if it hangs."""
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"the service did not stop within {timeout_s:.0f} s of SIGTERM:\n{self.tail()}"
            ) from None
        return code, time.monotonic() - began

    def kill(self) -> None:
        """SIGKILL: no handler runs, no connection is closed cleanly."""
        self.process.kill()
        self.process.wait()

    def __enter__(self) -> ServiceProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.alive():
            self.kill()


def wait_until(
    what: str,
    check: Callable[[], bool],
    timeout_s: float,
    service: ServiceProcess | None = None,
    interval_s: float = 0.1,
) -> float:
    """Poll until ``check()``; returns the seconds waited. Fails with the service's log tail."""
    began = time.monotonic()
    while not check():
        if service is not None and not service.alive():
            raise AssertionError(
                f"the service exited ({service.process.returncode}) while waiting for {what}:\n"
                f"{service.tail()}"
            )
        if time.monotonic() - began > timeout_s:
            tail = f":\n{service.tail()}" if service is not None else ""
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}{tail}")
        time.sleep(interval_s)
    return time.monotonic() - began


# ------------------------------------------------------------------------------------ applications


@dataclass(frozen=True)
class Application:
    """One message for the submissions mailbox and what the service must make of it."""

    label: str
    sender: MailUser
    expected: str  # accepted | incomplete | late | ignored
    message_id: str
    raw: bytes = b""
    arrival: datetime | None = None  # INTERNALDATE for APPEND; None when sent through Postfix

    @property
    def answered(self) -> bool:
        return self.expected != "ignored"


def build_sample(sample: Sample, sender: MailUser, call: CallSettings, tag: str) -> EmailMessage:
    """A demo sample as ``sender`` would send it, with a unique Message-ID and no Received
    header: on IMAP the arrival is the INTERNALDATE, never a header."""
    message = dataclasses.replace(sample, sender=sender.address).build(call)
    del message["Received"]
    del message["Message-ID"]
    message["Message-ID"] = f"<{tag}.{secrets.token_hex(6)}@{sender.domain}>"
    return message


def sample_application(
    servers: MailServers,
    call: CallSettings,
    sample_name: str,
    *,
    arrival: datetime = ON_TIME,
    expected: str | None = None,
    prefix: str = "city",
) -> Application:
    """A demo sample from a fresh applicant mailbox, to be APPENDed with ``arrival``."""
    sample = SAMPLE_BY_NAME[sample_name]
    sender = servers.new_user(prefix, "city.test")
    tag = re.sub(r"[^a-z0-9]+", "-", sample_name.lower()).strip("-")
    message = build_sample(sample, sender, call, tag)
    return Application(
        label=sample_name,
        sender=sender,
        expected=expected or sample.expected,
        message_id=str(message["Message-ID"]),
        raw=message.as_bytes(),
        arrival=arrival,
    )


def append_all(
    servers: MailServers, mailbox: MailUser, applications: Sequence[Application]
) -> None:
    for application in applications:
        assert application.arrival is not None, f"{application.label} is not for APPEND"
        servers.append(mailbox, application.raw, when=application.arrival)


# ------------------------------------------------------------------------------------ what arrived


def replies_for(servers: MailServers, user: MailUser) -> list[Message]:
    """Every message in the user's INBOX (replies are the only mail applicants get here)."""
    return [
        message_from_bytes(path.read_bytes(), policy=default_policy)
        for path in servers.message_files(user.address)
    ]


def reply_counts(servers: MailServers, applications: Sequence[Application]) -> dict[str, int]:
    return {a.sender.address: len(servers.message_files(a.sender.address)) for a in applications}


def all_answered(servers: MailServers, applications: Sequence[Application]) -> bool:
    counts = reply_counts(servers, applications)
    return all(counts[a.sender.address] >= 1 for a in applications if a.answered)


def folder_count(servers: MailServers, user: MailUser, folder: str) -> int:
    """Messages a client sees in a folder (not counting ones flagged \\Deleted); 0 when none."""
    with servers.imap(user) as client:
        if not client.folder_exists(folder):
            return 0
        client.select_folder(folder, readonly=True)
        return len(client.search(["NOT", "DELETED"]))


def ledger_messages(stack: ServiceStack) -> list[MessageSummary]:
    """Every recorded message; none while the service has not yet created the schema."""
    try:
        ledger = stack.ledger()
    except SchemaError:
        return []
    try:
        return ledger.messages()
    finally:
        ledger.close()


@dataclass(frozen=True)
class ReplyState:
    recipient: str
    status: str
    attempts: int
    last_error: str | None
    message_id: str


def reply_rows(stack: ServiceStack) -> dict[str, ReplyState]:
    """Outbox rows by recipient address."""
    ledger = stack.ledger()
    try:
        with Session(ledger.engine) as session:
            rows = session.scalars(select(ReplyRow).order_by(ReplyRow.id)).all()
            return {
                row.recipient: ReplyState(
                    row.recipient, row.status, row.attempts, row.last_error, row.rfc_message_id
                )
                for row in rows
            }
    finally:
        ledger.close()


def decisions_by_sender(stack: ServiceStack) -> dict[str, list[str]]:
    """Every recorded decision, grouped by the sender's address."""
    found: dict[str, list[str]] = {}
    for summary in ledger_messages(stack):
        found.setdefault(summary.sender or "", []).append(summary.outcome.value)
    return found


# ------------------------------------------------------------------------------------ batches

BATCH_KINDS = (
    "complete",
    "missing letter",
    "zip archive",
    "forwarded letter",
    "Outlook winmail.dat",
)


class Batch:
    """Applications made on demand, each with its own applicant and a distinct on-time date."""

    def __init__(self, stack: ServiceStack) -> None:
        self.stack = stack
        self.call = stack.call()
        self.made: list[Application] = []

    def append(self, count: int) -> list[Application]:
        fresh = [
            sample_application(
                self.stack.servers,
                self.call,
                BATCH_KINDS[(len(self.made) + i) % len(BATCH_KINDS)],
                arrival=ON_TIME + timedelta(minutes=len(self.made) + i),
            )
            for i in range(count)
        ]
        append_all(self.stack.servers, self.stack.mailbox, fresh)
        self.made += fresh
        return fresh


def assert_each_answered_once(stack: ServiceStack, applications: list[Application]) -> None:
    counts = reply_counts(stack.servers, applications)
    assert {a.label + " " + a.sender.address: counts[a.sender.address] for a in applications} == {
        a.label + " " + a.sender.address: 1 for a in applications
    }
    decided = decisions_by_sender(stack)
    for application in applications:
        assert decided.get(application.sender.address) == [application.expected]
        (reply,) = replies_for(stack.servers, application.sender)
        assert reply["X-RRR-Decision"] == application.expected
        assert reply["In-Reply-To"] == application.message_id
