"""Whether this process leads: only the leader polls the mailbox, sends replies and runs the staff
jobs; the other instances sharing its PostgreSQL database stand by.

A thread takes the lease (rrr_mailbot.store.leader) and renews it every third of
``[service] leader_lease_s``; a standby tries every tenth of it (0.2 to 5 s). The leader's term is
counted on this process's monotonic clock from the moment *before* it asked, and lasts half the
lease: after a renewal the leader may work for ``lease_s / 2`` more, while nobody else may take
the lease for ``lease_s``. So a leader that cannot renew (database gone, process paused by SIGSTOP,
a stalled VM) stops its work on its own before any standby can take over, even with the hosts'
clocks up to half a lease apart. A failed renewal ends the term at once. The work loops ask
``holds()`` between messages and between replies (through ``WorkFence``), never a cached answer.

A dead leader is replaced when its lease runs out (within ``leader_lease_s`` plus one standby
try), or at the next try when it died on the same host (its pid is gone: rrr_mailbot.store.owner).
A leader that stops cleanly releases the lease, so a standby takes over at its next try.

With SQLite there is no lease: one process runs (rrr_mailbot.store.leader.SingleInstanceLock) and
it always leads.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from datetime import datetime

from rrr_mailbot.errors import MailbotError
from rrr_mailbot.store.leader import LeaderLease

logger = logging.getLogger(__name__)

# The share of the lease a renewal lets the leader work for (see the module docstring).
TERM_SHARE = 0.5
RENEW_SHARE = 1 / 3
RETRY_SHARE = 1 / 10
RETRY_BOUNDS_S = (0.2, 5.0)


class Leadership:
    """This process's turn at the work: taken, renewed and given up through a ``LeaderLease``;
    ``lease=None`` (SQLite: a single instance) always leads."""

    def __init__(
        self,
        lease: LeaderLease | None,
        lease_s: float,
        *,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
        on_step: Callable[[bool, bool], None] | None = None,
    ) -> None:
        self.lease = lease
        self.lease_s = lease_s
        self.renew_every_s = lease_s * RENEW_SHARE
        self.retry_every_s = min(max(lease_s * RETRY_SHARE, RETRY_BOUNDS_S[0]), RETRY_BOUNDS_S[1])
        self._clock = clock
        self._monotonic = monotonic
        # Called after every try with (leads now, changed since the last try).
        self._on_step = on_step
        self._until = math.inf if lease is None else -math.inf
        self._leading = lease is None  # what the last try found (and the log said)
        self._tried = False

    def holds(self) -> bool:
        """True while this process's term runs: it may poll, send and run staff jobs."""
        return self._monotonic() < self._until

    def step(self) -> float:
        """One try at taking or renewing the lease; returns the seconds until the next."""
        if self.lease is None:
            return math.inf
        asked = self._monotonic()
        if self._leading and asked >= self._until:
            logger.warning(
                "leader term ran out %.1f s before this renewal (paused or overloaded); the "
                "work stopped meanwhile",
                asked - self._until,
                extra={"action": "leader.late"},
            )
        error: MailbotError | None = None
        try:
            won = self.lease.acquire(self._clock(), self.lease_s)
        except MailbotError as exc:
            won, error = False, exc
        if won:
            self._until = asked + self.lease_s * TERM_SHARE
        else:
            self._until = -math.inf
        changed = won != self._leading or not self._tried
        if changed:
            self._say(won, error)
        self._leading, self._tried = won, True
        if self._on_step is not None:
            self._on_step(won, changed)
        return self.renew_every_s if won else self.retry_every_s

    def _say(self, won: bool, error: MailbotError | None) -> None:
        if won:
            logger.info(
                "became leader: this instance polls, sends and runs the staff jobs (lease %.0f s)",
                self.lease_s,
                extra={"action": "leader.acquired"},
            )
            return
        why = f"the database failed: {error}" if error is not None else self._holder_text()
        if self._leading:
            logger.warning(
                "lost leadership (%s): work stopped, standing by",
                why,
                extra={"action": "leader.lost"},
            )
        else:
            logger.info(
                "standing by (%s); trying again every %.1f s",
                why,
                self.retry_every_s,
                extra={"action": "leader.standby"},
            )

    def _holder_text(self) -> str:
        assert self.lease is not None
        try:
            state = self.lease.current()
        except MailbotError as exc:
            return f"cannot read the lease: {exc}"
        if state is None:
            return "no leader yet"
        return f"leader {state.holder} until {state.expires_at.isoformat(timespec='seconds')}"

    def run(self, stop: threading.Event) -> None:
        """Try, renew and retry until ``stop`` is set (the body of the leadership thread)."""
        while not stop.is_set():
            try:
                delay = self.step()
            except Exception:  # the thread must go on: without it no instance would lead
                self._until = -math.inf
                logger.exception("leader lease check failed", extra={"action": "leader.error"})
                delay = self.retry_every_s
            stop.wait(delay)

    def release(self) -> None:
        """Give the lease up when the service stops, so that a standby takes over at once."""
        self._until = -math.inf
        if self.lease is None or not self._leading:
            return
        self._leading = False
        try:
            released = self.lease.release(self._clock())
        except MailbotError as exc:
            logger.warning(
                "cannot release the leader lease (%s); a standby takes over when it runs out",
                exc,
                extra={"action": "leader.release"},
            )
            return
        if released:
            logger.info("released leadership", extra={"action": "leader.released"})


class WorkFence(threading.Event):
    """The stop signal handed to the intake and delivery passes: set when the service stops or
    this process's term as leader has run out.

    ``is_set`` asks the clock every time, so a paused process that wakes after its term stops
    before its next message or reply, whichever thread notices first. Only ``is_set`` is
    meaningful; wait on the service's stop event instead.
    """

    def __init__(self, stop: threading.Event, leadership: Leadership) -> None:
        super().__init__()
        self._stop = stop
        self._leadership = leadership

    def is_set(self) -> bool:
        return self._stop.is_set() or not self._leadership.holds()
