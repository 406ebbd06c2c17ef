"""Prometheus metrics of the running service (optional: ``pip install 'rrr-mailbot[metrics]'``).

Enabled by ``[service] metrics_port``; served over HTTP at ``http://<metrics_address>:<port>/metrics``
by prometheus_client, from a registry of our own (not the library's global one):

    rrr_mailbot_messages_total{decision}             messages decided, by decision
    rrr_mailbot_message_processing_seconds           time from a message's fetch to its commit
    rrr_mailbot_replies_total{result}                delivery results: sent, retried, failed
    rrr_mailbot_outbox_replies{status}               replies in the outbox, by status
    rrr_mailbot_backlog_replies                      replies not yet delivered (pending + sending)
    rrr_mailbot_last_successful_poll_timestamp_seconds
    rrr_mailbot_seconds_since_last_successful_poll   NaN until the first intake pass
    rrr_mailbot_leader                               1 while this instance leads, 0 standing by

The numbers are taken at the edges the service already has: the source wrapper sees each message
handed to the pipeline and the moment it is marked processed (after its decision is committed),
and the service reports each intake and delivery pass. The pipeline itself knows nothing of them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from rrr_mailbot.delivery import DeliveryReport
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import IncomingMessage, Outcome
from rrr_mailbot.ports import MailSource

# Intake takes tens of milliseconds a message; large ones with many documents seconds.
_PROCESSING_BUCKETS_S = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")


class ServiceMetrics:
    """The service's metrics and the hooks that update them."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._clock = clock
        self._last_poll: float | None = None
        self.messages = Counter(
            "rrr_mailbot_messages", "Messages decided, by decision.", ["decision"],
            registry=self.registry,
        )  # fmt: skip
        self.processing = Histogram(
            "rrr_mailbot_message_processing_seconds",
            "Seconds from a message's fetch to its decision being committed.",
            buckets=_PROCESSING_BUCKETS_S, registry=self.registry,
        )  # fmt: skip
        self.replies = Counter(
            "rrr_mailbot_replies", "Delivery results, by result (sent, retried, failed).",
            ["result"], registry=self.registry,
        )  # fmt: skip
        self.outbox = Gauge(
            "rrr_mailbot_outbox_replies", "Replies in the outbox, by status.", ["status"],
            registry=self.registry,
        )  # fmt: skip
        self.backlog = Gauge(
            "rrr_mailbot_backlog_replies", "Replies not yet delivered (pending or sending).",
            registry=self.registry,
        )  # fmt: skip
        self.last_poll = Gauge(
            "rrr_mailbot_last_successful_poll_timestamp_seconds",
            "When the last intake pass completed (Unix time).", registry=self.registry,
        )  # fmt: skip
        since = Gauge(
            "rrr_mailbot_seconds_since_last_successful_poll",
            "Seconds since the last intake pass completed; NaN before the first.",
            registry=self.registry,
        )  # fmt: skip
        since.set_function(self._seconds_since_poll)
        self.leader = Gauge(
            "rrr_mailbot_leader",
            "1 while this instance leads (polls, sends, runs staff jobs), 0 while it stands by.",
            registry=self.registry,
        )
        # Every series exists from the start, so a dashboard's rate() sees the first increment.
        for outcome in Outcome:
            self.messages.labels(outcome.value)
        for result in ("sent", "retried", "failed"):
            self.replies.labels(result)
        for status in _OUTBOX_STATUSES:
            self.outbox.labels(status)

    def _seconds_since_poll(self) -> float:
        return math.nan if self._last_poll is None else self._clock() - self._last_poll

    def wrap_source(self, source: MailSource) -> MailSource:
        """The source, counting and timing each message it hands out until it is marked."""
        return _MeteredSource(source, self)

    def watch_leadership(self, holds: Callable[[], bool]) -> None:
        """Read ``rrr_mailbot_leader`` from ``holds`` (rrr_mailbot.leadership) at each scrape."""
        self.leader.set_function(lambda: 1.0 if holds() else 0.0)

    def intake_pass_done(self) -> None:
        self._last_poll = self._clock()
        self.last_poll.set(self._last_poll)

    def delivery_pass_done(self, report: DeliveryReport, outbox: dict[str, int]) -> None:
        """Count a delivery pass's results; ``outbox`` is the ledger's count by status after it."""
        self.replies.labels("sent").inc(report.sent)
        self.replies.labels("retried").inc(report.retried)
        self.replies.labels("failed").inc(report.failed)
        for status in {*_OUTBOX_STATUSES, *outbox}:
            self.outbox.labels(status).set(outbox.get(status, 0))
        self.backlog.set(outbox.get("pending", 0) + outbox.get("sending", 0))

    def serve(self, address: str, port: int) -> Callable[[], None]:
        """Serve /metrics in a background thread; returns the function that stops it.

        Raises ConfigError when the address cannot be bound.
        """
        try:
            server, thread = start_http_server(port, addr=address, registry=self.registry)
        except OSError as exc:
            raise ConfigError(
                f"cannot serve metrics on {address}:{port}: {exc.strerror or exc}; check "
                "[service] metrics_address and metrics_port (is another process on that port?)"
            ) from exc

        def stop() -> None:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

        return stop


class _MeteredSource:
    """A MailSource that reports each message to ServiceMetrics when it is marked processed."""

    def __init__(self, inner: MailSource, metrics: ServiceMetrics) -> None:
        self.inner = inner
        self.metrics = metrics
        self._started: dict[str, float] = {}

    def __getattr__(self, name: str) -> object:
        # wait_for_changes (IMAP IDLE) and diagnostics of the real source stay reachable.
        return getattr(self.inner, name)

    def connect(self) -> None:
        self.inner.connect()

    def fetch_new(self) -> Iterator[IncomingMessage]:
        for message in self.inner.fetch_new():
            self._started[message.key] = time.monotonic()
            yield message

    def mark_processed(self, message: IncomingMessage, outcome: Outcome, review: bool) -> None:
        self.inner.mark_processed(message, outcome, review)
        started = self._started.pop(message.key, None)
        self.metrics.messages.labels(outcome.value).inc()
        if started is not None:
            self.metrics.processing.observe(time.monotonic() - started)

    def close(self) -> None:
        self._started.clear()
        self.inner.close()
