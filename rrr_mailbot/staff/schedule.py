"""When a digest is due, and queueing it into the outbox exactly once per period.

A period is one scheduled local time in the call's zone (``[staff] digest_times`` daily, the
``final_digest_times`` in the last ``final_days`` days up to the deadline day, daily again for
``digest_days_after_deadline`` days after it). ``due_period(now)`` is pure: the latest scheduled
time at or before ``now``. The job asks it, and queues that period unless the ledger already holds
it; the period key is unique in the outbox, so two instances or a restart cannot queue it twice.

After downtime only the latest missed period is sent, once, at start: an older digest's figures
would be out of date the moment it arrived. (Periods are at most a day apart, so the latest one
is never more than a day old, except after the schedule's end: see ``due_period``.)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from rrr_mailbot.config import CallSettings, Settings, StaffSettings, data_path
from rrr_mailbot.delivery import DeliveryReport, RetryPolicy, deliver_due
from rrr_mailbot.doctor import heartbeat_path
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import require_aware
from rrr_mailbot.staff.digest import DigestRenderer
from rrr_mailbot.staff.queries import DIGEST_KIND, take_snapshot
from rrr_mailbot.store.ledger import Ledger
from rrr_mailbot.transports import make_transport

logger = logging.getLogger(__name__)

# How far back due_period looks for the last scheduled time; a call runs for weeks, not years.
_MAX_LOOKBACK_DAYS = 400


def _local_times(values: tuple[str, ...]) -> list[time]:
    return sorted(time.fromisoformat(v) for v in values)


def times_on(day: date, call: CallSettings, staff: StaffSettings) -> list[datetime]:
    """The digest times of one local day, as aware datetimes in the call's zone, earliest first."""
    if not staff.digests:
        return []
    zone = call.zone
    deadline_day = call.deadline_utc.astimezone(zone).date()
    if day < call.opens or day > deadline_day + timedelta(days=staff.digest_days_after_deadline):
        return []
    final = deadline_day - timedelta(days=staff.final_days) < day <= deadline_day
    chosen = staff.final_digest_times if final else staff.digest_times
    return [datetime.combine(day, t, tzinfo=zone) for t in _local_times(chosen)]


def due_period(now: datetime, call: CallSettings, staff: StaffSettings) -> datetime | None:
    """The latest scheduled digest time at or before ``now`` (in the call's zone), or None.

    Once the schedule has ended its last period stays due for a day, then no longer: a service
    started long after the call is over sends no stale digest.
    """
    require_aware(now, "due_period(now)")
    day = now.astimezone(call.zone).date()
    last_day = call.deadline_utc.astimezone(call.zone).date() + timedelta(
        days=staff.digest_days_after_deadline
    )
    if day > last_day + timedelta(days=1):
        return None
    for _ in range(_MAX_LOOKBACK_DAYS):
        past = [t for t in times_on(day, call, staff) if t <= now]
        if past:
            return past[-1]
        if day < call.opens:
            return None
        day -= timedelta(days=1)
    return None


def period_key(call: CallSettings, period: datetime) -> str:
    """The outbox key of a scheduled digest: the call and the period's local time."""
    return f"{DIGEST_KIND}:{call.id}:{period.isoformat(timespec='minutes')}"


def manual_key(call: CallSettings, now: datetime) -> str:
    """The outbox key of a digest asked for by hand (``digest --send``), to the second."""
    stamp = now.astimezone(call.zone).isoformat(timespec="seconds")
    return f"{DIGEST_KIND}:{call.id}:manual:{stamp}"


@dataclass(frozen=True)
class DigestJob:
    """The scheduler's digest job: queue the due period's digest if nobody has yet."""

    ledger: Ledger
    call: CallSettings
    staff: StaffSettings
    renderer: DigestRenderer
    heartbeat: Path | None = None

    def run(self, now: datetime) -> str | None:
        """Queue the digest of the period due at ``now``; its key if queued now, else None."""
        period = due_period(now, self.call, self.staff)
        if period is None:
            return None
        key = period_key(self.call, period)
        if self.ledger.staff_mail(key) is not None:
            return None
        if not self.call.staff:
            logger.warning(
                "digest %s not sent: the call has no staff addresses; set [call] staff",
                key,
                extra={"action": "digest.no_staff", "period": key},
            )
            return None
        return queue_digest(self.ledger, self.call, self.renderer, key, now, self.heartbeat)


def queue_digest(
    ledger: Ledger,
    call: CallSettings,
    renderer: DigestRenderer,
    key: str,
    now: datetime,
    heartbeat: Path | None = None,
    since: datetime | None = None,
) -> str | None:
    """Render the digest for ``key`` from the ledger as it is now and queue it; the key if queued,
    None when another run queued that period first."""
    snapshot = take_snapshot(ledger, call, now=now, heartbeat=heartbeat, since=since)
    mail = renderer.outgoing(snapshot, period_key=key, now=now)
    queued = ledger.enqueue_staff_mail(period_key=key, kind=DIGEST_KIND, mail=mail, now=now)
    if queued:
        logger.info(
            "digest %s queued for %s (%d applications)",
            key,
            ", ".join(call.staff),
            len(snapshot.applications),
            extra={"action": "digest.queued", "period": key},
        )
    return key if queued else None


def digest_renderer(settings: Settings) -> DigestRenderer:
    """The digest renderer for the configured call, in the staff language."""
    return DigestRenderer(settings.call, data_path("templates"), settings.staff.language)


def digest_job(settings: Settings, ledger: Ledger) -> DigestJob:
    """The scheduler's digest job for ``settings``."""
    return DigestJob(
        ledger, settings.call, settings.staff, digest_renderer(settings), heartbeat_path(settings)
    )


def print_digest(
    settings: Settings, ledger: Ledger, *, now: datetime, since: datetime | None = None
) -> str:
    """The digest's plain-text part as of ``now`` (``digest --print``); nothing is queued."""
    call = settings.call
    renderer = digest_renderer(settings)
    snapshot = take_snapshot(ledger, call, now=now, heartbeat=heartbeat_path(settings), since=since)
    mail = renderer.render(snapshot, period_key=manual_key(call, now), now=now)
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content()).replace("\r\n", "\n")


def send_digest_now(
    settings: Settings, ledger: Ledger, *, now: datetime, since: datetime | None = None
) -> tuple[str, DeliveryReport]:
    """Queue a digest as of ``now`` under its own key (``digest --send``) and run one delivery
    pass; scheduled periods are not touched. Raises ConfigError without staff addresses."""
    call = settings.call
    if not call.staff:
        raise ConfigError("the call has no staff addresses to send the digest to; set [call] staff")
    key = manual_key(call, now)
    queue_digest(ledger, call, digest_renderer(settings), key, now, heartbeat_path(settings), since)
    transport = make_transport(settings.transport)
    try:
        report = deliver_due(
            ledger,
            transport,
            now=now,
            policy=RetryPolicy.from_settings(settings.transport),
            lease_s=settings.service.reply_lease_s,
        )
    finally:
        transport.close()
    return key, report
