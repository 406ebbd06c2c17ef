"""The long-running service: APScheduler runs intake, outbox delivery and the staff digests.

Intake is one long job that alternates an intake pass with waiting for news from the mailbox (IMAP
IDLE where offered, else the poll interval); after a pass that queued replies it wakes the delivery
job at once. Delivery also runs on its own interval to retry. No job ever overlaps itself
(max_instances=1). SIGTERM/SIGINT set a stop event: the current message is finished, connections
are closed, and the process exits 0. Lost connections are re-opened with capped backoff.

The digest job runs at start and then every minute; it only asks the ledger "is the period due
now already queued?" (rrr_mailbot.staff.schedule) and queues it if not, so a restart neither
skips a period nor sends one twice, and a period missed while the service was down goes out once,
at start. The reminder job (when the call enables reminders) works the same way, with one key
per application.

Several instances may share one PostgreSQL database: only the leader (rrr_mailbot.leadership)
polls, sends and runs the staff jobs; the others keep their jobs scheduled, in their own memory
job stores, and each job returns at once while its process stands by. A standby holds no mailbox
connection. Intake and delivery passes stop between two messages or replies as soon as this
process's term as leader runs out. On SQLite the one instance always leads.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING

from apscheduler.schedulers.background import BackgroundScheduler

from rrr_mailbot.app import Service
from rrr_mailbot.config import ImapSettings, Settings
from rrr_mailbot.doctor import write_heartbeat
from rrr_mailbot.errors import ConfigError, MailbotError, SourceAuthError
from rrr_mailbot.leadership import Leadership, WorkFence
from rrr_mailbot.staff.canary import canary_job
from rrr_mailbot.staff.reminders import reminder_job
from rrr_mailbot.staff.schedule import digest_job
from rrr_mailbot.transports import SmtpTransport

if TYPE_CHECKING:
    from rrr_mailbot.metrics import ServiceMetrics
    from rrr_mailbot.pipeline import Processed

logger = logging.getLogger(__name__)

_BACKOFF_START_S = 1.0
_BACKOFF_CAP_S = 300.0
_DELIVERY_JOB = "deliver"
_STAFF_CHECK_S = 60
_IDLE_SLICE_S = 5.0
# An SMTP connection is kept this long after a delivery pass for the next one (servers allow at
# least 5 minutes, RFC 5321 4.5.3.2.7); the delivery job's own interval ends it when unused.
_SMTP_LINGER_S = 60.0
# How often a standby's intake loop looks whether this process leads now.
_STANDBY_CHECK_S = 0.2


class Runner:
    """Owns the service's parts, its scheduler and its stop event."""

    def __init__(self, service: Service, leadership: Leadership | None = None) -> None:
        self.service = service
        self.stop = threading.Event()
        self.leadership = leadership or Leadership(
            service.leader_lease(),
            service.settings.service.leader_lease_s,
            clock=service.clock,
            on_step=self._on_leadership,
        )
        # What the passes see as their stop signal: the service stops or this process no longer
        # leads.
        self.fence = WorkFence(self.stop, self.leadership)
        if service.metrics is not None:
            service.metrics.watch_leadership(self.leadership.holds)
        self._leader_thread: threading.Thread | None = None
        self.scheduler = BackgroundScheduler(timezone=UTC)
        mailbox = service.settings.mailbox
        self.poll_interval_s = mailbox.poll_interval_s if isinstance(mailbox, ImapSettings) else 60
        # Whether a delivery pass runs, and whether intake queued replies while it did.
        self._delivery_lock = threading.Lock()
        self._delivering = False
        self._deliver_again = False
        if isinstance(service.transport, SmtpTransport):
            service.transport.linger_s = _SMTP_LINGER_S

    def start(self) -> None:
        interval = self.service.settings.service.delivery_interval_s
        # The first try is made before any job runs, so that a standby never starts polling.
        first_delay = self.leadership.step()
        self.scheduler.add_job(
            self._intake_loop, id="intake", max_instances=1, next_run_time=datetime.now(UTC)
        )
        self.scheduler.add_job(
            self._deliver,
            "interval",
            seconds=interval,
            id=_DELIVERY_JOB,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        settings, ledger = self.service.settings, self.service.ledger
        staff_jobs: list[tuple[str, Callable[[datetime], object]]] = []
        if settings.staff.digests:
            staff_jobs.append(("digest", digest_job(settings, ledger).run))
        if settings.staff.reminders:
            staff_jobs.append(("reminder", reminder_job(settings, ledger).run))
        canary = canary_job(settings, ledger)
        if canary is not None:
            staff_jobs.append(("canary", canary.run))
        for what, run in staff_jobs:
            self.scheduler.add_job(
                self._staff_job,
                "interval",
                args=(what, run),
                seconds=_STAFF_CHECK_S,
                id=what,
                max_instances=1,
                coalesce=True,
                next_run_time=datetime.now(UTC),
            )
        self.scheduler.start()
        if self.leadership.lease is not None:
            self._leader_thread = threading.Thread(
                target=self._keep_leadership, args=(first_delay,), name="leader", daemon=True
            )
            self._leader_thread.start()
        logger.info("service started", extra={"action": "service.start"})

    def _keep_leadership(self, first_delay: float) -> None:
        if not self.stop.wait(first_delay):
            self.leadership.run(self.stop)

    def _on_leadership(self, leads: bool, changed: bool) -> None:
        """After each try at the lease: record the role for `health`; on becoming leader, send
        what the previous leader left and run the staff checks now, not when their turn comes."""
        self._beat("leader" if leads else "standby", role="leader" if leads else "standby")
        if not (leads and changed) or self.stop.is_set() or not self.scheduler.running:
            return
        self._wake_delivery()
        for job in self.scheduler.get_jobs():
            if job.id not in ("intake", _DELIVERY_JOB):
                job.modify(next_run_time=datetime.now(UTC))

    def wait(self) -> None:
        while not self.stop.wait(1.0):
            pass
        logger.info("stopping: finishing the current message", extra={"action": "service.stop"})
        self.scheduler.shutdown(wait=True)
        if self._leader_thread is not None:
            self._leader_thread.join()
        self.leadership.release()
        self.service.close()
        logger.info("service stopped", extra={"action": "service.stopped"})

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        del frame
        logger.info(
            "signal %s received", signal.Signals(signum).name, extra={"action": "service.signal"}
        )
        self.stop.set()

    def _intake_loop(self) -> None:
        backoff = _BACKOFF_START_S
        source = self.service.source
        connected = True  # Service.open logged in, so that bad credentials fail at start
        while not self.stop.is_set():
            if not self.leadership.holds():
                if connected:
                    source.close()  # a standby holds no mailbox connection
                    connected = False
                self.stop.wait(_STANDBY_CHECK_S)
                continue
            try:
                if not connected:
                    source.connect()
                    connected = True
                # Each reply is sent as soon as its decision is committed, not after the pass.
                self.service.intake_pass(stop=self.fence, on_processed=self._reply_queued)
                self._beat("intake")
                backoff = _BACKOFF_START_S
                if self.fence.is_set():
                    continue
                self._wait_for_mail()
            except SourceAuthError:
                logger.exception("mailbox refused our credentials", extra={"action": "intake.auth"})
                self.stop.wait(_BACKOFF_CAP_S)
            except Exception as exc:
                # Known failures (a lost server, a full disk) are one line; anything else is a
                # bug worth a traceback, but intake must keep going: the message stays in the
                # mailbox and is tried again.
                if isinstance(exc, MailbotError):
                    logger.warning(
                        "intake failed: %s; retrying in %.0f s",
                        exc,
                        backoff,
                        extra={"action": "intake.retry"},
                    )
                else:
                    logger.exception(
                        "unexpected error during intake; retrying in %.0f s",
                        backoff,
                        extra={"action": "intake.error"},
                    )
                if self.stop.wait(backoff):
                    break
                backoff = min(backoff * 2, _BACKOFF_CAP_S)
                try:
                    source.close()
                    source.connect()
                except MailbotError as again:
                    logger.warning(
                        "reconnect failed: %s", again, extra={"action": "intake.reconnect"}
                    )

    def _staff_job(self, what: str, run: Callable[[datetime], object]) -> None:
        """Run a digest or reminder check (the leader only); wake delivery when it queued mail."""
        if not self.leadership.holds():
            return
        try:
            queued = run(self.service.clock())
        except MailbotError as exc:
            logger.warning(
                "%s check failed: %s; trying again in %d s",
                what,
                exc,
                _STAFF_CHECK_S,
                extra={"action": f"{what}.retry"},
            )
            return
        if queued:
            self._wake_delivery()

    def _beat(self, what: str, role: str = "leader") -> None:
        try:
            write_heartbeat(self.service.settings, what, datetime.now(UTC), role=role)
        except OSError as exc:  # a missed heartbeat must not stop the work it reports on
            logger.warning("cannot write the heartbeat: %s", exc, extra={"action": "heartbeat"})

    def _wait_for_mail(self) -> None:
        """Until the poll interval is up, new mail is signalled, or we are asked to stop.

        IDLE waits in short slices so that a stop request is honoured within seconds.
        """
        waiter = getattr(self.service.source, "wait_for_changes", None)
        deadline = time.monotonic() + self.poll_interval_s
        while not self.fence.is_set() and (left := deadline - time.monotonic()) > 0:
            if waiter is None:
                self.stop.wait(min(left, _IDLE_SLICE_S))
            elif waiter(min(left, _IDLE_SLICE_S)):
                return

    def _reply_queued(self, result: Processed) -> None:
        if result.reply_kind:
            self._wake_delivery()

    def _wake_delivery(self) -> None:
        """Send the replies intake just queued now, not when the delivery interval comes round."""
        if self.stop.is_set():
            # Stopping: shutdown() holds the scheduler's job store lock while it waits for the
            # running jobs, so modify_job from one of them would wait forever. The mail stays
            # queued for the next start.
            return
        with self._delivery_lock:
            if self._delivering:
                # The running pass may have claimed its replies before these were committed, and
                # APScheduler skips a second instance of a running job: the pass goes round again.
                self._deliver_again = True
                return
        self.scheduler.modify_job(_DELIVERY_JOB, next_run_time=datetime.now(UTC))

    def _deliver(self) -> None:
        if not self.leadership.holds():
            return
        with self._delivery_lock:
            self._delivering = True
            self._deliver_again = False
        try:
            while True:
                self._delivery_pass()
                with self._delivery_lock:
                    if not self._deliver_again or self.stop.is_set():
                        self._delivering = False
                        return
                    self._deliver_again = False
        finally:
            with self._delivery_lock:
                self._delivering = False

    def _delivery_pass(self) -> None:
        try:
            report = self.service.delivery_pass(stop=self.fence)
        except MailbotError as exc:
            logger.warning("delivery pass failed: %s", exc, extra={"action": "delivery.retry"})
            return
        self._beat("delivery")
        if isinstance(self.service.transport, SmtpTransport):
            self.service.transport.close_idle()
        if report.sent or report.retried or report.failed:
            logger.info(
                "delivery: %d sent, %d to retry, %d failed",
                report.sent,
                report.retried,
                report.failed,
                extra={"action": "delivery.pass"},
            )


def run_service(settings: Settings) -> None:
    """Run until SIGTERM/SIGINT. Start-up errors (unreachable server, bad credentials) raise."""
    metrics, stop_metrics = _start_metrics(settings)
    try:
        service = Service.open(settings, metrics=metrics)
    except BaseException:
        stop_metrics()
        raise
    try:
        checker = getattr(service.transport, "check", None)
        if checker is not None:
            checker()
    except BaseException:
        service.close()
        stop_metrics()
        raise
    runner = Runner(service)
    signal.signal(signal.SIGTERM, runner.request_stop)
    signal.signal(signal.SIGINT, runner.request_stop)
    try:
        runner.start()
        runner.wait()
    finally:
        stop_metrics()


def _start_metrics(settings: Settings) -> tuple[ServiceMetrics | None, Callable[[], None]]:
    """The Prometheus endpoint when ``[service] metrics_port`` is set; else nothing to stop."""
    port = settings.service.metrics_port
    if port is None:
        return None, lambda: None
    try:
        from rrr_mailbot.metrics import ServiceMetrics
    except ImportError as exc:
        raise ConfigError(
            f"[service] metrics_port is set but prometheus_client is not installed ({exc}); "
            "install it with: python3 -m pip install 'rrr-mailbot[metrics]'"
        ) from exc
    metrics = ServiceMetrics()
    stop = metrics.serve(settings.service.metrics_address, port)
    logger.info(
        "metrics at http://%s:%d/metrics",
        settings.service.metrics_address,
        port,
        extra={"action": "metrics.serve"},
    )
    return metrics, stop
