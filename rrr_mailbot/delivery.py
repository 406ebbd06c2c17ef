"""The delivery pass: due replies from the outbox, handed to the transport, results recorded.

A pass claims a few due replies at a time (the ledger marks them ``sending`` and commits), and
for each one commits "started" just before the transport gets it and the result right after (a
reply's "sent" goes in one commit with the next reply's "started"), so a crash loses no reply,
and at most the one reply in flight is sent once more (see ``rrr_mailbot.store.ledger``). It
goes on until nothing due is left (or ``limit`` replies), so `run --once` sends everything its
intake queued. The pass sends over one connection when the transport can
(``SmtpTransport.session``).

What happens to a reply after a failed send:

- TransientDeliveryError (4xx, lost connection, timeout): back to the queue with exponential
  backoff, until ``max_attempts`` is reached; then failed.
- PermanentDeliveryError about the reply itself (5xx to its sender, recipients or data): failed,
  for staff to answer the applicant by hand.
- PermanentDeliveryError about the way out (login refused, certificate not verified): the reply
  is not at fault and every other reply would fail the same way, so it is retried like a
  transient failure (and staff are told in the log to fix the configuration) rather than failed.

After a failure that says the way out is shut (``is_session_failure``) the pass finishes the
replies it holds and claims no more: the rest wait for the next pass.

When ``stop`` is set the pass ends between two replies; replies it claimed but did not send go
straight back to the queue, due at once.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from rrr_mailbot.config import FileTransportSettings, SmtpSettings
from rrr_mailbot.errors import DeliveryError, MailbotError, PermanentDeliveryError
from rrr_mailbot.model import require_aware
from rrr_mailbot.ports import Transport
from rrr_mailbot.store import Ledger, OutboxItem
from rrr_mailbot.transports import is_session_failure, session_of

logger = logging.getLogger(__name__)

# The file transport fails only when the disk or its permissions do; a few tries spread over an
# hour are enough for an operator to notice.
_FILE_MAX_ATTEMPTS = 5
_FILE_BASE_S = 60.0
_FILE_CAP_S = 3600.0
# Replies claimed per round trip to the ledger: few, so that a claim says little more than "about
# to be sent", yet enough to spare a commit per reply.
CLAIM_BATCH = 5
# Beyond this exponent the cap has long been reached; it keeps 2.0**n from overflowing.
_MAX_EXPONENT = 60


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how soon a reply that failed for a transient reason is tried again.

    ``next_delay_s(n)`` after the n-th failed attempt is ``base_s * 2**(n-1)`` capped at
    ``cap_s``, with "equal jitter": a random point in the upper half of that delay. Half the
    delay is always kept, so a greylisting server (which wants us back after a few minutes, not
    at once) sees a real pause, and the other half spreads out replies that failed together.
    """

    max_attempts: int
    base_s: float
    cap_s: float

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if not 0 < self.base_s <= self.cap_s:
            raise ValueError(
                f"need 0 < base_s <= cap_s, got base_s={self.base_s}, cap_s={self.cap_s}"
            )

    def next_delay_s(self, attempts: int, *, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait after ``attempts`` failed attempts; ``rand()`` is uniform in [0, 1)."""
        exponent = min(max(attempts, 1) - 1, _MAX_EXPONENT)
        ceiling = min(self.cap_s, self.base_s * 2.0**exponent)
        return ceiling / 2 + rand() * ceiling / 2

    @classmethod
    def from_settings(cls, settings: SmtpSettings | FileTransportSettings) -> RetryPolicy:
        """The policy configured in ``[transport]`` (the file transport has fixed defaults)."""
        if isinstance(settings, SmtpSettings):
            return cls(
                max_attempts=settings.max_attempts,
                base_s=settings.backoff_base_s,
                cap_s=max(settings.backoff_cap_s, settings.backoff_base_s),
            )
        return cls(max_attempts=_FILE_MAX_ATTEMPTS, base_s=_FILE_BASE_S, cap_s=_FILE_CAP_S)


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery pass did; ``deferred`` replies were claimed, then put back unsent."""

    sent: int
    retried: int
    failed: int
    deferred: int = 0


def deliver_due(
    ledger: Ledger,
    transport: Transport,
    *,
    now: datetime,
    policy: RetryPolicy,
    limit: int | None = None,
    batch: int = CLAIM_BATCH,
    lease_s: float = 300,
    stop: threading.Event | None = None,
    clock: Callable[[], datetime] | None = None,
) -> DeliveryReport:
    """Send every due reply (at most ``limit`` when given), claiming ``batch`` at a time, and
    record each result; see the module docstring. ``clock`` dates the claims and results after
    the first batch (a long pass would otherwise lease with a stale time) and lets the pass renew
    its claims' leases while it runs; without it every batch uses ``now`` and nothing is
    renewed."""
    require_aware(now, "deliver_due(now)")
    if batch <= 0:
        raise ValueError(f"batch must be positive, got {batch}")
    tally = _Tally()
    if stop is not None and stop.is_set():
        return tally.report()
    left = limit if limit is not None else -1
    at = now
    items = ledger.claim_due_replies(at, _batch_size(batch, left), lease_s=lease_s)
    if not items:
        return tally.report()
    held = [item.id for item in items]
    with session_of(transport), _renewing(ledger, held, lease_s, clock):
        while items:
            held[:] = [item.id for item in items]
            _send_batch(ledger, transport, items, at, policy, lease_s, stop, tally)
            left -= len(items)
            if tally.blocked or left == 0 or (stop is not None and stop.is_set()):
                break
            at = clock() if clock is not None else now
            items = ledger.claim_due_replies(at, _batch_size(batch, left), lease_s=lease_s)
    return tally.report()


@contextmanager
def _renewing(
    ledger: Ledger, held: list[int], lease_s: float, clock: Callable[[], datetime] | None
) -> Iterator[None]:
    """While the block runs, renew the claims on the replies in ``held`` (the pass's current
    batch) every third of the lease, from a thread (a send may block far longer), so that they
    run out only if the process dies. Only with a ``clock``: renewing from a fixed time would
    extend nothing. A claim left behind by an unexpected error is not renewed after its batch: it
    may have been sent, so its lease decides."""
    if clock is None:
        yield
        return
    done = threading.Event()

    def renew() -> None:
        while not done.wait(lease_s / 3):
            try:
                ledger.renew_claims(list(held), clock(), lease_s)
            except MailbotError as exc:
                logger.warning(
                    "cannot renew the claims on replies being sent: %s",
                    exc,
                    extra={"action": "delivery.renew"},
                )

    keeper = threading.Thread(target=renew, name="rrr-mailbot-claims", daemon=True)
    keeper.start()
    try:
        yield
    finally:
        done.set()
        keeper.join()


def _batch_size(batch: int, left: int) -> int:
    return batch if left < 0 else min(batch, left)


@dataclass
class _Tally:
    """What a pass has done so far; ``blocked`` once the transport said the way out is shut."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    deferred: int = 0
    blocked: bool = False
    told_operator: bool = False

    def report(self) -> DeliveryReport:
        return DeliveryReport(self.sent, self.retried, self.failed, self.deferred)


def _send_batch(
    ledger: Ledger,
    transport: Transport,
    items: list[OutboxItem],
    now: datetime,
    policy: RetryPolicy,
    lease_s: float,
    stop: threading.Event | None,
    tally: _Tally,
) -> None:
    handled = 0
    in_flight = False
    sent: int | None = None  # accepted by the transport, marked sent with the next start
    try:
        for item in items:
            if stop is not None and stop.is_set():
                break
            in_flight = True
            started = ledger.mark_started(item.id, now, lease_s, sent=sent)
            sent = None
            if started and _send_one(ledger, transport, item, now, policy, tally):
                sent = item.id
            handled += 1
            in_flight = False
    finally:
        if sent is not None:
            ledger.mark_sent(sent, now)
        # Replies claimed but never handed over (stop was set, or something unexpected went
        # wrong) go back to the queue now instead of waiting for their lease to expire. The
        # one being sent when an unexpected error struck is left to its lease: it may be out.
        for item in items[handled + 1 if in_flight else handled :]:
            ledger.release(item.id, now)
            tally.deferred += 1
            logger.info(
                "reply %s for %s put back unsent: the delivery pass stopped",
                item.mail.message_id,
                item.message_ref,
                extra=_extra("reply.deferred", item),
            )


def _send_one(
    ledger: Ledger,
    transport: Transport,
    item: OutboxItem,
    now: datetime,
    policy: RetryPolicy,
    tally: _Tally,
) -> bool:
    """Hand one started reply to the transport; True when it accepted it (the caller marks it
    sent), False when the failure is recorded."""
    try:
        transport.send(item.mail)
    except DeliveryError as exc:
        blocked = is_session_failure(exc)
        tally.blocked = tally.blocked or blocked
        if blocked and isinstance(exc, PermanentDeliveryError) and not tally.told_operator:
            tally.told_operator = True
            logger.error(
                "replies cannot leave until the transport is fixed: %s",
                exc,
                extra={"action": "transport.unusable"},
            )
        if isinstance(exc, PermanentDeliveryError) and not blocked:
            _fail(ledger, item, str(exc), now)
            tally.failed += 1
        elif item.attempts >= policy.max_attempts:
            _fail(ledger, item, f"gave up after {item.attempts} attempts: {exc}", now)
            tally.failed += 1
        else:
            _retry(ledger, item, str(exc), now, policy)
            tally.retried += 1
        return False
    tally.sent += 1
    logger.info(
        "reply %s for %s sent",
        item.mail.message_id,
        item.message_ref,
        extra=_extra("reply.sent", item),
    )
    return True


def _retry(
    ledger: Ledger, item: OutboxItem, error: str, now: datetime, policy: RetryPolicy
) -> None:
    retry_at = now + timedelta(seconds=policy.next_delay_s(item.attempts))
    ledger.mark_retry(item.id, error, retry_at, now=now)
    logger.warning(
        "reply %s for %s not delivered (attempt %d of %d), retrying at %s: %s",
        item.mail.message_id,
        item.message_ref,
        item.attempts,
        policy.max_attempts,
        retry_at.isoformat(),
        error,
        extra=_extra("reply.retry", item),
    )


def _fail(ledger: Ledger, item: OutboxItem, error: str, now: datetime) -> None:
    ledger.mark_failed(item.id, error, now)
    logger.error(
        "reply %s for %s failed: %s; answer this applicant by hand",
        item.mail.message_id,
        item.message_ref,
        error,
        extra=_extra("reply.failed", item),
    )


def _extra(action: str, item: OutboxItem) -> dict[str, object]:
    return {
        "action": action,
        "reference": item.message_ref,
        "message_id": item.mail.message_id,
        "reply_id": item.id,
        "attempts": item.attempts,
    }
