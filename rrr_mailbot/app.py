"""Wiring: settings -> the concrete source, transport, ledger and pipeline; one-shot passes.

The CLI and the scheduler build their parts here, so the embedded default (Maildir + file outbox +
SQLite) and production (IMAP + SMTP + PostgreSQL) run the very same pipeline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rrr_mailbot.config import ImapSettings, MaildirSettings, Settings, data_path
from rrr_mailbot.delivery import DeliveryReport, RetryPolicy, deliver_due
from rrr_mailbot.intake.ocr import TesseractOcr
from rrr_mailbot.oauth import fetch_oauth2_token
from rrr_mailbot.pipeline import Pipeline, Processed, run_intake_pass
from rrr_mailbot.ports import MailSource, Transport
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.transports import make_transport

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_source(settings: Settings) -> MailSource:
    """The configured mailbox, connected (IMAP logs in here, so bad credentials fail early)."""
    mailbox = settings.mailbox
    limits = settings.call.limits
    if isinstance(mailbox, MaildirSettings):
        return MaildirSource(mailbox.path, max_message_bytes=limits.max_message_bytes)
    assert isinstance(mailbox, ImapSettings)
    from rrr_mailbot.sources.imap import ImapSource  # imported lazily: imapclient is heavier

    oauth = mailbox.oauth2
    source = ImapSource(
        mailbox,
        limits,
        since=mailbox.process_since or settings.call.opens,
        token_provider=(lambda: fetch_oauth2_token(oauth)) if oauth else None,
    )
    source.connect()
    return source


def build_transport(settings: Settings) -> Transport:
    """The configured transport (SMTP falls back to the OAuth2 token helper by itself)."""
    return make_transport(settings.transport)


def open_settings_ledger(settings: Settings, *, instance: str = "default") -> Ledger:
    return open_ledger(
        settings.database.url.get_secret_value(),
        settings.storage.data_dir,
        instance=instance,
        call_id=settings.call.id,
    )


@dataclass
class Service:
    """The parts of a running bot."""

    settings: Settings
    ledger: Ledger
    pipeline: Pipeline
    source: MailSource
    transport: Transport
    retry: RetryPolicy
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def open(cls, settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Service:
        ledger = open_settings_ledger(settings)
        try:
            renderer = ReplyRenderer(settings.call, data_path("templates"))
            source = build_source(settings)
            transport = build_transport(settings)
        except BaseException:
            ledger.close()
            raise
        ocr = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir)
        if ocr is not None:
            ocr.status()  # logs, once, whether scans will be read and in which languages
        pipeline = Pipeline(settings.call, ledger, renderer, clock, ocr)
        retry = RetryPolicy.from_settings(settings.transport)
        return cls(settings, ledger, pipeline, source, transport, retry, clock)

    def intake_pass(self, stop: threading.Event | None = None) -> list[Processed]:
        return run_intake_pass(self.source, self.pipeline, stop=stop)

    def delivery_pass(self, stop: threading.Event | None = None) -> DeliveryReport:
        return deliver_due(
            self.ledger,
            self.transport,
            now=self.clock(),
            policy=self.retry,
            lease_s=self.settings.service.reply_lease_s,
            stop=stop,
        )

    def close(self) -> None:
        for closer in (self.source.close, self.transport.close, self.ledger.close):
            try:
                closer()
            except Exception:  # closing must not hide the error that brought us here
                logger.exception("error while closing", extra={"action": "service.close"})


def run_once(settings: Settings) -> tuple[list[Processed], DeliveryReport]:
    """One intake pass and one delivery pass (`run --once`, `demo`), then close everything."""
    service = Service.open(settings)
    try:
        return service.intake_pass(), service.delivery_pass()
    finally:
        service.close()
