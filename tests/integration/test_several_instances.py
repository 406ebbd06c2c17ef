"""Three `rrr-mailbot run` on one PostgreSQL database and one Dovecot mailbox, 200 applications:
the leader is SIGKILLed mid-run (a fresh instance replaces it), later the next leader is paused
with SIGSTOP until a standby has taken over, then woken (the rounds:
tests/integration/instance_rounds).

The guarantees under test (rrr_mailbot.leadership, rrr_mailbot.store.leader): only the leader
decides messages and sends replies; a standby takes over within the lease when the leader dies
(at its next try, a tenth of the lease, when the leader died on the same host) and no sooner than
the leader's term allows when it is only paused; a woken leader stops at once, finishing at most
the message in its hands. Every message is decided once and every reply arrives once, except that
a reply in flight at the kill may arrive twice (same Message-ID; the crash guarantee).
benchmarks/instances_takeover.py repeats this with more kills and prints the figures.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError

from rrr_mailbot.store import open_ledger
from rrr_mailbot.store.leader import LeaderLease, bound_idle_transactions
from rrr_mailbot.store.schema import LeaderLeaseRow
from tests.integration.instance_rounds import many_applications, several_instances
from tests.integration.service_helpers import ServiceStack
from tests.support.postgres import fresh_database
from tests.unit.test_leader import race

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

MESSAGES = 200
LEASE_S = 5.0


def test_three_instances_decide_and_answer_once_across_a_kill_and_a_pause(
    stack: ServiceStack,
) -> None:
    applications = many_applications(stack, MESSAGES)
    figures = several_instances(stack, applications, rounds=("kill", "pause"), lease_s=LEASE_S)
    print(f"\n{figures.summary()}")
    assert figures.wrong == []
    assert figures.lost == 0
    assert figures.duplicates <= figures.resent <= 1  # only a reply in flight at the kill
    assert figures.standby_decisions == 0
    assert figures.after_pause[0] <= 1
    kill, pause = figures.takeovers
    # Killed: replaced at a standby's next try, well within the lease. Paused: the lease had to
    # run out first.
    assert 0 <= kill.seconds < LEASE_S
    assert pause.after_expiry


def test_on_postgresql_contenders_get_one_leader_and_a_stalled_holder_cannot_block(
    tmp_path: Path,
) -> None:
    with fresh_database("rrr_lease") as url:
        ledgers = [open_ledger(url, tmp_path / "store", instance=f"i{n}") for n in range(4)]
        try:
            leases = [LeaderLease(ledger.engine, f"holder-{n}") for n, ledger in enumerate(ledgers)]
            now = datetime.now(UTC)
            leader = race(leases, now)
            other = next(lease for lease in leases if lease is not leader)

            # The leader stalls inside a renewal (a paused process): it holds the row lock. Once
            # its lease has run out the server ends its session and a standby takes over.
            state = leader.current()
            assert state is not None
            expired = state.expires_at
            bound_idle_transactions(leader.engine, 1.0)
            with leader.engine.connect() as stalled:
                stalled.begin()
                stalled.execute(
                    update(LeaderLeaseRow)
                    .where(LeaderLeaseRow.holder == leader.holder)
                    .values(expires_at=expired + timedelta(hours=1))
                )
                assert other.acquire(expired, LEASE_S)  # waited for the server to end it
                with pytest.raises(DBAPIError, match="idle-in-transaction timeout"):
                    stalled.commit()
            assert not leader.acquire(expired, LEASE_S)
        finally:
            for ledger in ledgers:
                ledger.close()
