"""Wiring: settings -> the concrete source, transport, ledger and pipeline; one-shot passes.

The CLI and the scheduler build their parts here, so the embedded default (Maildir + file outbox +
SQLite) and production (IMAP + SMTP + PostgreSQL) run the very same pipeline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rrr_mailbot.config import (
    DatabaseSettings,
    FileTransportSettings,
    ImapSettings,
    MaildirSettings,
    Settings,
    StorageSettings,
    data_path,
    plaintext_connections,
)
from rrr_mailbot.delivery import DeliveryReport, RetryPolicy, deliver_due
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.intake.ocr import OcrEngine, TesseractOcr
from rrr_mailbot.intake.workers import ReaderPool, WorkerLimits
from rrr_mailbot.model import IncomingMessage, Outcome
from rrr_mailbot.oauth import fetch_oauth2_token
from rrr_mailbot.pipeline import MessageReader, Pipeline, Processed, run_intake_pass
from rrr_mailbot.ports import MailSource, Transport
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.sources.maildir import MaildirSource
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.store.database import parse_url, sqlite_file
from rrr_mailbot.store.leader import LeaderLease, SingleInstanceLock, bound_idle_transactions
from rrr_mailbot.transports import make_transport

if TYPE_CHECKING:
    from rrr_mailbot.metrics import ServiceMetrics

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


class ReadOnlySource:
    """The mailbox as a dry run sees it: read like the source it wraps, never marked or moved.

    IMAP messages are fetched with BODY.PEEK, so not even their \\Seen flag changes.
    """

    def __init__(self, inner: MailSource) -> None:
        self.inner = inner

    def connect(self) -> None:
        self.inner.connect()

    def fetch_new(self) -> Iterator[IncomingMessage]:
        return self.inner.fetch_new()

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        logger.info(
            "dry run: %s left in the mailbox (%s)",
            message.key,
            outcome.value,
            extra={"action": "dry_run.left", "key": message.key},
        )

    def close(self) -> None:
        self.inner.close()


DRY_RUN_DIR = Path("rrr-mailbot-dry-run")


def dry_run_settings(settings: Settings, folder: Path) -> Settings:
    """The settings of a dry run into ``folder``: the same call and mailbox, but a ledger of its
    own (``folder/dry-run-ledger.sqlite3``, whatever the real database is), a data folder of its
    own (``folder/dry-run-data``) and, instead of the real transport, ``.eml`` files written into
    ``folder/would-send``.

    Raises ConfigError when ``folder`` would overlap the real data folder.
    """
    folder = folder.resolve()
    real = settings.storage.data_dir.resolve()
    if folder == real or real in folder.parents or folder in real.parents:
        raise ConfigError(
            f"the dry run's folder {folder} overlaps the data folder {real} ([storage] data_dir); "
            "choose another with --dry-run-dir"
        )
    return settings.model_copy(
        update={
            "transport": FileTransportSettings(outbox_dir=folder / "would-send"),
            "database": DatabaseSettings.model_validate(
                {"url": f"sqlite:///{folder / 'dry-run-ledger.sqlite3'}"}
            ),
            "storage": StorageSettings(data_dir=folder / "dry-run-data"),
        }
    )


def build_transport(settings: Settings) -> Transport:
    """The configured transport (SMTP falls back to the OAuth2 token helper by itself)."""
    return make_transport(settings.transport)


def open_settings_ledger(
    settings: Settings, *, instance: str = "default", migrate: bool = True
) -> Ledger:
    """The configured ledger; ``migrate=False`` for commands that only read (they create nothing
    and ask for `rrr-mailbot db upgrade` when the schema is missing or behind)."""
    return open_ledger(
        settings.database.url.get_secret_value(),
        settings.storage.data_dir,
        instance=instance,
        migrate=migrate,
        call_id=settings.call.id,
    )


def reader_pool(settings: Settings, ocr: OcrEngine | None) -> ReaderPool | None:
    """The reader processes ``[workers]`` asks for (None for ``workers = 0``: read in-process)."""
    workers = settings.workers
    if workers.count == 0:
        return None
    reader = MessageReader(settings.call, ocr, settings.ocr.message_budget_s)
    limits = WorkerLimits(workers.message_timeout_s, workers.worker_memory_mb, workers.cpu_s)
    return ReaderPool(reader, limits, workers=workers.count)


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
    metrics: ServiceMetrics | None = None
    # Held while the service runs on a SQLite file: a second one refuses to start.
    instance_lock: SingleInstanceLock | None = None

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utc_now,
        read_only_source: bool = False,
        metrics: ServiceMetrics | None = None,
    ) -> Service:
        """Open every part; ``read_only_source`` leaves each message in the mailbox (dry run);
        ``metrics`` (the service's Prometheus metrics) is told of every message and pass.

        On a SQLite file it first takes the single-instance lock (StoreError naming the pid that
        holds it when another service runs there); on PostgreSQL several may run (see
        ``leader_lease``)."""
        lock = _single_instance_lock(settings)
        try:
            ledger = open_settings_ledger(settings)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            renderer = ReplyRenderer(settings.call, data_path("templates"))
            source = build_source(settings)
            if read_only_source:
                source = ReadOnlySource(source)
            if metrics is not None:
                source = metrics.wrap_source(source)
            transport = build_transport(settings)
        except BaseException:
            ledger.close()
            if lock is not None:
                lock.release()
            raise
        for warning in plaintext_connections(settings):
            logger.warning("%s", warning, extra={"action": "config.plaintext"})
        ocr = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir)
        if ocr is not None:
            ocr.status()  # logs, once, whether scans will be read and in which languages
        pipeline = Pipeline(
            settings.call,
            ledger,
            renderer,
            clock,
            ocr,
            ocr_budget_s=settings.ocr.message_budget_s,
            pool=reader_pool(settings, ocr),
        )
        retry = RetryPolicy.from_settings(settings.transport)
        return cls(settings, ledger, pipeline, source, transport, retry, clock, metrics, lock)

    def leader_lease(self) -> LeaderLease | None:
        """The lease instances sharing the database take turns with; None on SQLite, where this
        process is the only one (it holds the single-instance lock). From then on the database
        ends this process's sessions that idle inside a transaction for a lease (a paused
        process must not hold the next leader's locks)."""
        if self.ledger.engine.dialect.name == "sqlite":
            return None
        bound_idle_transactions(self.ledger.engine, self.settings.service.leader_lease_s)
        return LeaderLease(self.ledger.engine, self.ledger.holder)

    def intake_pass(
        self,
        stop: threading.Event | None = None,
        on_processed: Callable[[Processed], object] | None = None,
    ) -> list[Processed]:
        results = run_intake_pass(self.source, self.pipeline, stop=stop, on_processed=on_processed)
        if self.metrics is not None:
            self.metrics.intake_pass_done()
        return results

    def delivery_pass(self, stop: threading.Event | None = None) -> DeliveryReport:
        report = deliver_due(
            self.ledger,
            self.transport,
            now=self.clock(),
            policy=self.retry,
            lease_s=self.settings.service.reply_lease_s,
            stop=stop,
            clock=self.clock,
        )
        if self.metrics is not None:
            self.metrics.delivery_pass_done(report, self.ledger.outbox_counts())
        return report

    def close(self) -> None:
        closers = [self.source.close, self.transport.close, self.ledger.close]
        if self.pipeline.pool is not None:
            closers.insert(0, self.pipeline.pool.close)
        for closer in closers:
            try:
                closer()
            except Exception:  # closing must not hide the error that brought us here
                logger.exception("error while closing", extra={"action": "service.close"})
        if self.instance_lock is not None:
            self.instance_lock.release()


def _single_instance_lock(settings: Settings) -> SingleInstanceLock | None:
    """The lock beside a SQLite ledger file, taken; None for PostgreSQL and in-memory SQLite."""
    file = sqlite_file(parse_url(settings.database.url.get_secret_value()))
    if file is None:
        return None
    lock = SingleInstanceLock(file)
    lock.acquire()
    return lock


def run_once(
    settings: Settings, *, read_only_source: bool = False
) -> tuple[list[Processed], DeliveryReport]:
    """One intake pass and one delivery pass (`run --once`, `demo`, `run --dry-run` with
    ``read_only_source`` and dry_run_settings), then close everything."""
    service = Service.open(settings, read_only_source=read_only_source)
    try:
        return service.intake_pass(), service.delivery_pass()
    finally:
        service.close()
