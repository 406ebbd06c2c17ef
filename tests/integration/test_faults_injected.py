"""Faults injected under a running `rrr-mailbot run`, each against the real servers: PostgreSQL
restarted mid-pass (fast and immediate shutdown), the data folder's disk full or read-only, the
IMAP connection cut in the middle of a FETCH literal or stalled there, the SMTP port closed.

What must hold each time: nothing lost (every message decided once, every reply sent once), a log
line that names the fault and what to do, and the same running service going on by itself once the
fault clears. Each test reports its figures (tests/support/fault_report.py); benchmarks/faults.py
runs them with more rounds and prints the table.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integration.servers import MailServers
from tests.integration.service_helpers import (
    Application,
    Batch,
    ServiceProcess,
    ServiceStack,
    all_answered,
    assert_each_answered_once,
    decisions_by_sender,
    folder_count,
    reply_counts,
    reply_rows,
    wait_until,
)
from tests.support import small_disk
from tests.support.fault_report import FaultRow, rounds
from tests.support.pg_cluster import PrivateCluster, StopMode
from tests.support.small_disk import SmallDisk
from tests.support.tcp_proxy import TcpProxy
from tests.support.tools import require

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def _tally(row: FaultRow, stack: ServiceStack, applications: Sequence[Application]) -> None:
    """Count what a run lost or doubled: replies missing or sent twice, decisions twice."""
    counts = reply_counts(stack.servers, applications)
    decided = decisions_by_sender(stack)
    for application in applications:
        address = application.sender.address
        replies, decisions = counts[address], len(decided.get(address, []))
        expected = 1 if application.answered else 0
        row.lost += int(replies < expected or decisions == 0)
        row.duplicates += max(0, replies - expected) + max(0, decisions - 1)


def _finish(
    row: FaultRow,
    stack: ServiceStack,
    service: ServiceProcess,
    batch: Batch,
) -> str:
    """Stop the service, tally, report, and check the guarantees (a crash of the database loses
    no decision and no "sent": both commits are durable, rrr_mailbot.store.database.DURABLE);
    returns the run's log."""
    wait_until(
        "an empty INBOX", lambda: folder_count(stack.servers, stack.mailbox, "INBOX") == 0, 30
    )
    time.sleep(1.0)  # a second copy of any reply would arrive within this
    assert service.alive()
    code, _ = service.stop()
    log = service.log()
    _tally(row, stack, batch.made)
    row.survived = row.injected if row.lost == row.duplicates == 0 else 0
    row.report()
    assert code == 0, service.tail()
    assert "Traceback" not in log, service.tail(80)
    assert_each_answered_once(stack, batch.made)
    assert folder_count(stack.servers, stack.mailbox, "Processed") == len(batch.made)
    assert {r.status for r in reply_rows(stack).values()} == {"sent"}
    return log


def _count(service: ServiceProcess, pattern: str) -> int:
    return len(re.findall(pattern, service.log()))


def _wait_for_more(service: ServiceProcess, pattern: str, than: int, timeout_s: float) -> None:
    wait_until(f"log line /{pattern}/", lambda: _count(service, pattern) > than, timeout_s, service)


def _recover(stack: ServiceStack, service: ServiceProcess, held: list[Application]) -> float:
    """Seconds from now (the fault just cleared) until every held-back message is answered."""
    return wait_until(
        "the replies held back by the fault",
        lambda: all_answered(stack.servers, held),
        90,
        service,
    )


# ----------------------------------------------------------------------------------- PostgreSQL

_DB_DOWN = r"intake failed: database error while .* check that the database is up"


# The fast shutdown mid-pass is the slow variant: mid-delivery below restarts the same way.
@pytest.mark.parametrize("mode", [pytest.param("fast", marks=pytest.mark.slow), "immediate"])
def test_postgresql_restarted_mid_pass(
    mail_servers: MailServers, private_postgres: PrivateCluster, tmp_path: Path, mode: StopMode
) -> None:
    url = private_postgres.create_database(f"faults_{mode}")
    stack = ServiceStack.create(mail_servers, url, tmp_path / "work")
    batch = Batch(stack)
    batch.append(2)
    row = FaultRow(f"PostgreSQL restarted ({mode} shutdown) mid-pass")
    config = stack.write_config(mailbox={"fetch_batch_size": 2})
    with stack.start(config) as service:
        wait_until("the first replies", lambda: all_answered(mail_servers, batch.made), 60, service)
        for _ in range(rounds()):
            moved = _count(service, "to Processed")
            failures = _count(service, _DB_DOWN)
            held = batch.append(6)
            # The pass is under way (a message of this batch is done); the database goes.
            _wait_for_more(service, "to Processed", moved, 30)
            private_postgres.stop(mode)
            row.injected += 1
            held += batch.append(2)  # whatever the pass had left, these meet the dead database
            _wait_for_more(service, _DB_DOWN, failures, 30)
            private_postgres.start()
            row.recovery_s.append(_recover(stack, service, held))
        log = _finish(row, stack, service, batch)
    # The operator's line names the database (without a password) and what to check.
    assert re.search(_DB_DOWN + r".*\[database\] url.*; retrying in \d+ s", log)


_SENT = r"reply \S+ for \S+ sent"


def test_postgresql_restarted_mid_delivery(
    mail_servers: MailServers, private_postgres: PrivateCluster, tmp_path: Path
) -> None:
    """The database goes while a delivery pass holds claimed replies and one is with the
    server: the one sent is recorded as sent once the database is back (not sent again when its
    lease runs out), the ones not yet sent go back to the queue (not held for their lease)."""
    url = private_postgres.create_database("faults_delivery")
    stack = ServiceStack.create(mail_servers, url, tmp_path / "work")
    batch = Batch(stack)
    batch.append(1)
    row = FaultRow("PostgreSQL restarted (fast shutdown) mid-delivery")
    with TcpProxy.running(mail_servers.submission_port) as smtp:
        config = stack.write_config(transport={"port": smtp.port})
        with stack.start(config) as service:
            wait_until("the first reply", lambda: all_answered(mail_servers, batch.made), 60)
            for _ in range(rounds()):
                smtp.delay_s = 0.1  # a slow server: the pass is in the middle of a send
                sent = _count(service, _SENT)
                held = batch.append(7)
                _wait_for_more(service, _SENT, sent, 60)
                private_postgres.stop("fast")
                row.injected += 1
                time.sleep(1.5)
                private_postgres.start()
                smtp.delay_s = 0.0
                row.recovery_s.append(_recover(stack, service, held))
            _finish(row, stack, service, batch)


# ----------------------------------------------------------------------------- the data folder


@contextmanager
def _store_on_small_disk(stack: ServiceStack) -> Iterator[SmallDisk]:
    require(small_disk.missing_requirements())
    with SmallDisk.mounted(stack.workdir / "store", 16 * 1024 * 1024) as disk:
        yield disk


# Read-only takes the same way through the service as full, and so does a full disk that also
# holds the SQLite ledger (the embedded default): the slow variants.
@pytest.mark.parametrize(
    ("fault", "ledger"),
    [
        ("full", "postgresql"),
        pytest.param("read-only", "postgresql", marks=pytest.mark.slow),
        pytest.param("full", "sqlite", marks=pytest.mark.slow),
    ],
)
def test_data_folder_full_or_read_only(stack: ServiceStack, fault: str, ledger: str) -> None:
    if ledger == "sqlite":
        stack.database_url = f"sqlite:///{stack.workdir / 'store' / 'ledger.sqlite3'}"
    batch = Batch(stack)
    batch.append(2)
    row = FaultRow(
        f"data folder {fault}" + (" (SQLite ledger in it)" if ledger == "sqlite" else "")
    )
    pattern = (
        r"intake failed: disk full at \S+ \(No space left on device, \d+ bytes free\): free space"
        if fault == "full"
        else r"intake failed: the data folder \S+ is on a read-only file system: remount it"
    )
    with _store_on_small_disk(stack) as disk, stack.start(stack.write_config()) as service:
        wait_until(
            "the first replies", lambda: all_answered(stack.servers, batch.made), 60, service
        )
        for _ in range(rounds()):
            failures = _count(service, pattern)
            disk.fill() if fault == "full" else disk.read_only()
            row.injected += 1
            held = batch.append(2)
            _wait_for_more(service, pattern, failures, 30)
            # Not half-recorded: no decision, no reply queued, the messages still in the INBOX.
            decided = decisions_by_sender(stack)
            assert [a.sender.address for a in held if a.sender.address in decided] == []
            assert folder_count(stack.servers, stack.mailbox, "INBOX") == len(held)
            disk.free() if fault == "full" else disk.read_write()
            row.recovery_s.append(_recover(stack, service, held))
        log = _finish(row, stack, service, batch)
    assert "the service retries it by itself" in log


# ------------------------------------------------------------------------------------- IMAP


def _through_imap_proxy(stack: ServiceStack, proxy: TcpProxy, **mailbox: object) -> Path:
    """Settings whose IMAP session goes through ``proxy`` in plaintext (loopback), so that the
    proxy sees the FETCH literals it cuts."""
    return stack.write_config(
        mailbox={"port": proxy.port, "security": "none", "fetch_batch_size": 2, **mailbox}
    )


@pytest.mark.parametrize("fault", ["cut", "stall"])
def test_imap_cut_or_stalled_mid_fetch(stack: ServiceStack, fault: str) -> None:
    stall = fault == "stall"
    batch = Batch(stack)
    batch.append(1)
    row = FaultRow("IMAP stalled mid-FETCH" if stall else "IMAP connection cut mid-FETCH")
    pattern = r"intake failed: lost the connection to IMAP server \S+ while downloading messages: "
    pattern += "timed out" if stall else ".*EOF"
    with TcpProxy.running(stack.servers.imap_port) as proxy:
        # A stall is noticed after [mailbox] timeout_s.
        config = _through_imap_proxy(stack, proxy, timeout_s=2.0 if stall else 10.0)
        with stack.start(config) as service:
            wait_until("the first reply", lambda: all_answered(stack.servers, batch.made), 60)
            for _ in range(rounds()):
                failures = _count(service, pattern)
                inject = proxy.stall_fetch_after if stall else proxy.cut_fetch_after
                inject(200)  # a few lines into the message's literal
                row.injected += 1
                held = batch.append(2)
                _wait_for_more(service, pattern, failures, 30)
                assert not proxy.armed
                proxy.release()
                row.recovery_s.append(_recover(stack, service, held))
            _finish(row, stack, service, batch)
        assert (proxy.stalls if stall else proxy.cuts) == rounds()
        assert proxy.connections >= 1 + rounds()


# ------------------------------------------------------------------------------------- SMTP


def _retried(stack: ServiceStack, addresses: set[str], times: int) -> bool:
    """Whether the replies to ``addresses`` are queued and each has been tried ``times``."""
    rows = [r for r in reply_rows(stack).values() if r.recipient in addresses]
    return len(rows) == len(addresses) and all(r.attempts >= times for r in rows)


def test_smtp_port_closed_then_back(stack: ServiceStack) -> None:
    batch = Batch(stack)
    batch.append(1)
    row = FaultRow("SMTP port closed for a while")
    pattern = r"reply \S+ for \S+ not delivered .*cannot reach"
    with TcpProxy.running(stack.servers.submission_port) as proxy:
        config = stack.write_config(transport={"port": proxy.port})
        with stack.start(config) as service:
            wait_until("the first reply", lambda: all_answered(stack.servers, batch.made), 60)
            for _ in range(rounds()):
                proxy.close_listener()
                row.injected += 1
                held = batch.append(2)
                held_addresses = {a.sender.address for a in held}
                wait_until(
                    "replies retried while the port is closed",
                    lambda: _retried(stack, held_addresses, times=2),  # noqa: B023 (waited here)
                    30,
                    service,
                )
                # They wait in the outbox: queued, not failed, not sent.
                rows = reply_rows(stack)
                assert {rows[a].status for a in held_addresses} <= {"pending", "sending"}
                assert reply_counts(stack.servers, held) == dict.fromkeys(held_addresses, 0)
                proxy.open_listener()
                row.recovery_s.append(_recover(stack, service, held))
            log = _finish(row, stack, service, batch)
    assert re.search(pattern, log)
