"""`rrr-mailbot doctor` and `rrr-mailbot health`: is this installation ready, and is it alive?

doctor checks, one line each, everything the service needs before it starts: the settings, the
reply templates, the database and its schema, the data folder, the mailbox login and its processed
folders, and the transport; and says whether scans and photos will be read (OCR), a warning rather
than a fault when not. It creates nothing unless asked (``--fix``), and each failure names the
command that fixes it.
health reads the heartbeat the running service writes after every intake and delivery pass, so a
container orchestrator can tell a stuck service from a working one. With several instances on one
PostgreSQL database the heartbeat also says whether the process that wrote it leads or stands by
(``role``, renewed at every try at the leader lease); a standby is healthy while it keeps trying.
A standby does not overwrite a leader's fresh entry in a data folder they share, so there the
heartbeat tells of the leader.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rrr_mailbot.config import Settings, data_path, plaintext_connections
from rrr_mailbot.errors import ConfigError, MailbotError, SchemaError, SourceError, StoreError
from rrr_mailbot.files import write_atomically

HEARTBEAT_NAME = "heartbeat.json"
# A standby leaves a leader's heartbeat entry alone while it is younger than this.
STANDBY_DEFERS_S = 120.0
_HEARTBEAT_LOCK = threading.Lock()


@dataclass(frozen=True)
class CheckResult:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    warning: bool = False  # works, but less well than it could (e.g. OCR off): not a fault


def check(name: str, probe: Callable[[], str]) -> CheckResult:
    """Run one probe: its line when it returns, a FAIL line with the error when it raises."""
    try:
        return CheckResult(name, True, probe())
    except MailbotError as exc:
        return CheckResult(name, False, str(exc))
    except OSError as exc:
        return CheckResult(name, False, f"{exc.strerror or exc}")


FIX_COMMAND = "`rrr-mailbot doctor --fix`"


def _folder_ready(folder: Path, fix: bool) -> str:
    """Check (or with ``fix`` create) a folder the service writes into; else create nothing.

    A missing folder is fine when the service could create it (its nearest existing parent is
    writable): it does so on first use.
    """
    if not folder.is_dir():
        if not fix:
            parent = next((p for p in folder.absolute().parents if p.exists()), Path("/"))
            if not os.access(parent, os.W_OK | os.X_OK):
                raise StoreError(
                    f"{folder} does not exist and {parent} is not writable for this user; create "
                    "it for the service's user"
                )
            return f"{folder} does not exist yet; created on first use (or now by {FIX_COMMAND})"
        folder.mkdir(parents=True, exist_ok=True)
        return f"{folder} created, writable"
    probe = folder / f".doctor-probe-{os.getpid()}"
    write_atomically(probe, b"ok")
    probe.unlink()
    return f"{folder} writable"


def run_checks(settings: Settings, *, fix: bool = False) -> Iterator[CheckResult]:
    """Every check, in the order the service would meet the problem.

    Without ``fix`` nothing is created or changed (a probe file is written into, and removed from,
    folders that exist); a missing schema or folder is a failure that names the command to run.
    With ``fix`` the schema is created or upgraded and missing folders (data, Maildir, outbox,
    the IMAP processed folders) are created.
    """
    from rrr_mailbot.app import build_source, build_transport
    from rrr_mailbot.config import FileTransportSettings, ImapSettings, MaildirSettings
    from rrr_mailbot.replies import ReplyRenderer
    from rrr_mailbot.sources.maildir import MaildirSource
    from rrr_mailbot.store import open_ledger, schema_state, upgrade_schema

    url = settings.database.url.get_secret_value()

    def templates() -> str:
        renderer = ReplyRenderer(settings.call, data_path("templates"))
        return f"languages {', '.join(renderer.languages)}"

    def database() -> str:
        done = ""
        if fix:
            before, _ = upgrade_schema(url)
            if not before.up_to_date:
                done = f"upgraded from {', '.join(before.current) or '(empty)'}; "
        state = schema_state(url)
        if not state.up_to_date:
            raise SchemaError(state.describe())
        ledger = open_ledger(url, settings.storage.data_dir, migrate=False)
        try:
            count = ledger.message_count()
        finally:
            ledger.close()
        return f"{done}schema {', '.join(state.needed)} current, {count} messages recorded"

    def data_folder() -> str:
        return _folder_ready(settings.storage.data_dir, fix)

    def mailbox() -> str:
        box = settings.mailbox
        if isinstance(box, MaildirSettings):
            if not (box.path / "new").is_dir():
                if not fix:
                    return "maildir " + _folder_ready(box.path, fix=False)
                MaildirSource(box.path, max_message_bytes=settings.call.limits.max_message_bytes)
                return f"maildir {box.path} created"
            return f"maildir {box.path} readable"
        assert isinstance(box, ImapSettings)
        from rrr_mailbot.sources.imap import ImapSource

        source = build_source(settings)
        assert isinstance(source, ImapSource)
        try:
            if fix:
                created = source.create_folders()
                return f"imap mailbox opened; created {', '.join(created) or 'no folder'}"
            missing = source.missing_folders()
            if missing:
                raise SourceError(
                    f"imap mailbox opened, but processed folder(s) {', '.join(missing)} do not "
                    f"exist; run {FIX_COMMAND} to create them"
                )
            return f"imap mailbox opened, folders {', '.join(source.processed_folders())} exist"
        finally:
            source.close()

    def transport() -> str:
        if isinstance(settings.transport, FileTransportSettings):
            return _folder_ready(settings.transport.outbox_dir, fix) + " (file transport)"
        sender = build_transport(settings)
        try:
            check = getattr(sender, "check", None)
            if check is not None:
                check()
            return f"{settings.transport.kind} transport ready"
        finally:
            sender.close()

    yield CheckResult("settings", True, str(settings.source_file))
    yield check("templates", templates)
    yield check("database", database)
    yield check("data folder", data_folder)
    yield check("mailbox", mailbox)
    yield check("transport", transport)
    yield ocr_check(settings)
    yield tls_check(settings)


def send_canary(
    settings: Settings,
    *,
    timeout_s: float = 120.0,
    poll_s: float = 2.0,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Send a test message through the configured SMTP server to the call's address and wait
    until it arrives in the watched mailbox (or, taken by a running service, in a processed
    folder); then delete it. Returns the line for the report.

    The message comes from our own address, so a running service records it as ignored and
    never answers it. Raises ConfigError without IMAP and SMTP, SourceError when it does not
    arrive within ``timeout_s``, and the transport's or mailbox's errors as they are.
    """
    from rrr_mailbot.app import build_source, build_transport
    from rrr_mailbot.config import ImapSettings, SmtpSettings
    from rrr_mailbot.sources.imap import ImapSource
    from rrr_mailbot.staff.canary import CANARY_HEADER, canary_message

    if not isinstance(settings.mailbox, ImapSettings) or not isinstance(
        settings.transport, SmtpSettings
    ):
        raise ConfigError(
            '--send-test needs an IMAP mailbox and an SMTP transport ([mailbox] kind = "imap", '
            '[transport] kind = "smtp")'
        )
    address = settings.call.reply_from
    token, mail = canary_message(settings.call, purpose="`rrr-mailbot doctor --send-test`")
    source = build_source(settings)
    assert isinstance(source, ImapSource)
    try:
        sender = build_transport(settings)
        began = clock()
        try:
            sender.send(mail)
        finally:
            sender.close()
        while True:
            found = source.take_marked(CANARY_HEADER, token)
            if found is not None:
                return f"sent to {address}, found in {found} after {clock() - began:.1f} s, deleted"
            if clock() - began > timeout_s:
                raise SourceError(
                    f"the test message sent to {address} through {settings.transport.host} did "
                    f"not arrive in {settings.mailbox.folder!r} on {settings.mailbox.host} within "
                    f"{timeout_s:.0f} s: check where mail to that address is delivered (its "
                    "MX, forwarding or filters); look for the subject "
                    f"'rrr-mailbot test message {token}'"
                )
            time.sleep(poll_s)
    finally:
        source.close()


def tls_check(settings: Settings) -> CheckResult:
    """Whether every connection to another host is encrypted (a warning, loudly, when not)."""
    plain = plaintext_connections(settings)
    if plain:
        return CheckResult("tls", True, "; ".join(plain), warning=True)
    return CheckResult("tls", True, "every connection to another host uses TLS")


def ocr_check(settings: Settings) -> CheckResult:
    """Whether scans and photos are read: Tesseract's version and languages, or how to install."""
    from rrr_mailbot.intake.ocr import INSTALL_HINT, TesseractOcr

    engine = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir)
    if engine is None:
        return CheckResult("ocr", True, "off ([ocr] enabled = false): scans are judged by name")
    status = engine.status()
    if status.available:
        return CheckResult("ocr", True, status.detail, warning=bool(status.missing_languages))
    return CheckResult(
        "ocr",
        True,
        f"off: {status.detail}; scans and photos are judged by name. To turn it on: {INSTALL_HINT}",
        warning=True,
    )


def heartbeat_path(settings: Settings) -> Path:
    return settings.storage.data_dir / HEARTBEAT_NAME


def write_heartbeat(settings: Settings, what: str, now: datetime, *, role: str = "leader") -> None:
    """Record that ``what`` (intake, delivery, or a try at the leader lease) just completed, by
    a process whose ``role`` is ``leader`` or ``standby``."""
    path = heartbeat_path(settings)
    # The intake and delivery loops beat from two threads: without the lock one read-modify-write
    # can overwrite the other's, and intake's beat (once per poll interval) goes missing.
    with _HEARTBEAT_LOCK:
        beats = read_heartbeat(path)
        pid = str(os.getpid())
        other_leads = beats.get("role") == "leader" and beats.get("pid") != pid
        fresh = _age_s(beats.get("role_at"), now) < STANDBY_DEFERS_S
        if role == "standby" and other_leads and fresh:
            return  # another process leads and beats: keep its entry
        beats[what] = now.isoformat()
        beats["role"], beats["role_at"], beats["pid"] = role, now.isoformat(), pid
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(beats, sort_keys=True).encode())


def read_heartbeat(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _age_s(stamp: str | None, now: datetime) -> float:
    try:
        return (now - datetime.fromisoformat(stamp or "")).total_seconds()
    except (ValueError, TypeError):
        return math.inf


def heartbeat_role(beats: dict[str, str]) -> str:
    """What the heartbeat's writer said of itself: ``leading``, ``standing by``, or ``running``
    (a heartbeat from a version without the leader lease)."""
    return {"leader": "leading", "standby": "standing by"}.get(beats.get("role", ""), "running")


def heartbeat_problems(beats: dict[str, str], now: datetime, max_age_s: float) -> list[str]:
    """Why the service looks stuck, or nothing when both loops beat recently (or, for a standby,
    when it keeps trying to lead)."""
    problems = []
    if beats.get("role") == "standby":
        age = _age_s(beats.get("role_at"), now)
        return [] if age <= max_age_s else [f"standby last tried to lead {age:.0f} s ago"]
    for what in ("intake", "delivery"):
        stamp = beats.get(what)
        if stamp is None:
            problems.append(f"no {what} pass recorded yet")
            continue
        try:
            age = (now - datetime.fromisoformat(stamp)).total_seconds()
        except ValueError:
            problems.append(f"{what} heartbeat {stamp!r} is not a time")
            continue
        if age > max_age_s:
            problems.append(f"last {what} pass {age:.0f} s ago (limit {max_age_s:.0f} s)")
    return problems
