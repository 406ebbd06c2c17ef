"""`rrr-mailbot doctor` and `rrr-mailbot health`: is this installation ready, and is it alive?

doctor checks, one line each, everything the service needs before it starts: the settings, the
reply templates, the database and its schema, the data folder, the mailbox login and the transport;
and says whether scans and photos will be read (OCR), a warning rather than a fault when not.
health reads the heartbeat the running service writes after every intake and delivery pass, so a
container orchestrator can tell a stuck service from a working one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rrr_mailbot.config import Settings, data_path
from rrr_mailbot.errors import MailbotError
from rrr_mailbot.files import write_atomically

HEARTBEAT_NAME = "heartbeat.json"


@dataclass(frozen=True)
class CheckResult:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    warning: bool = False  # works, but less well than it could (e.g. OCR off): not a fault


def _check(name: str, probe: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, probe())
    except MailbotError as exc:
        return CheckResult(name, False, str(exc))
    except OSError as exc:
        return CheckResult(name, False, f"{exc.strerror or exc}")


def run_checks(settings: Settings) -> Iterator[CheckResult]:
    """Every check, in the order the service would meet the problem."""
    from rrr_mailbot.app import build_source, build_transport
    from rrr_mailbot.replies import ReplyRenderer
    from rrr_mailbot.store import open_ledger

    def templates() -> str:
        renderer = ReplyRenderer(settings.call, data_path("templates"))
        return f"languages {', '.join(renderer.languages)}"

    def database() -> str:
        ledger = open_ledger(
            settings.database.url.get_secret_value(), settings.storage.data_dir, migrate=False
        )
        try:
            return f"schema current, {ledger.message_count()} messages recorded"
        finally:
            ledger.close()

    def data_folder() -> str:
        folder = settings.storage.data_dir
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / ".doctor-probe", b"ok")
        (folder / ".doctor-probe").unlink()
        return f"{folder} is writable"

    def mailbox() -> str:
        source = build_source(settings)
        try:
            return f"{settings.mailbox.kind} mailbox opened"
        finally:
            source.close()

    def transport() -> str:
        sender = build_transport(settings)
        try:
            check = getattr(sender, "check", None)
            if check is not None:
                check()
            return f"{settings.transport.kind} transport ready"
        finally:
            sender.close()

    yield CheckResult("settings", True, str(settings.source_file))
    yield _check("templates", templates)
    yield _check("database", database)
    yield _check("data folder", data_folder)
    yield _check("mailbox", mailbox)
    yield _check("transport", transport)
    yield ocr_check(settings)


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


def write_heartbeat(settings: Settings, what: str, now: datetime) -> None:
    """Record that ``what`` (intake or delivery) just completed a pass."""
    path = heartbeat_path(settings)
    beats = read_heartbeat(path)
    beats[what] = now.isoformat()
    beats["pid"] = str(os.getpid())
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(beats, sort_keys=True).encode())


def read_heartbeat(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def heartbeat_problems(beats: dict[str, str], now: datetime, max_age_s: float) -> list[str]:
    """Why the service looks stuck, or nothing when both loops beat recently."""
    problems = []
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
