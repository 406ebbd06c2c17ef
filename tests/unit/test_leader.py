"""The leader lease (rrr_mailbot.store.leader), the leadership it drives (rrr_mailbot.leadership)
and the single-instance lock on a SQLite ledger. Clocks are passed in: nothing here sleeps."""

from __future__ import annotations

import json
import logging
import mailbox
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rrr_mailbot.app import Service, utc_now
from rrr_mailbot.config import load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.doctor import (
    heartbeat_path,
    heartbeat_problems,
    heartbeat_role,
    read_heartbeat,
    write_heartbeat,
)
from rrr_mailbot.errors import StoreError
from rrr_mailbot.leadership import Leadership, WorkFence
from rrr_mailbot.metrics import ServiceMetrics
from rrr_mailbot.scheduler import Runner
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.store.leader import LeaderLease, SingleInstanceLock
from rrr_mailbot.store.owner import Holder, process_space
from tests.unit.test_doctor import embedded_config

NOW = datetime(2021, 5, 20, 9, 0, tzinfo=UTC)
LEASE_S = 30.0


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    yield ledger
    ledger.close()


def lease(ledger: Ledger, holder: str) -> LeaderLease:
    return LeaderLease(ledger.engine, holder)


def at(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


def test_the_first_to_ask_leads_and_renews_until_it_stops(ledger: Ledger) -> None:
    a = lease(ledger, "a")
    assert a.current() is None
    assert a.acquire(NOW, LEASE_S)
    state = a.current()
    assert state is not None
    assert (state.holder, state.acquired_at, state.expires_at) == ("a", NOW, at(LEASE_S))
    # A renewal moves the expiry, not the start of the term.
    assert a.acquire(at(10), LEASE_S)
    renewed = a.current()
    assert renewed is not None
    assert (renewed.acquired_at, renewed.expires_at) == (NOW, at(10 + LEASE_S))


def test_a_second_contender_waits_for_the_lease_to_run_out(ledger: Ledger) -> None:
    a, b = lease(ledger, "a"), lease(ledger, "b")
    assert a.acquire(NOW, LEASE_S)
    assert not b.acquire(NOW, LEASE_S)
    assert not b.acquire(at(LEASE_S - 1), LEASE_S)
    assert b.acquire(at(LEASE_S), LEASE_S)  # expired: taken over
    state = b.current()
    assert state is not None
    assert (state.holder, state.acquired_at) == ("b", at(LEASE_S))
    # The old leader, back from a pause, cannot renew: its turn is over.
    assert not a.acquire(at(LEASE_S + 1), LEASE_S)
    assert not a.release(at(LEASE_S + 1))


def test_a_released_lease_is_taken_at_once(ledger: Ledger) -> None:
    a, b = lease(ledger, "a"), lease(ledger, "b")
    assert a.acquire(NOW, LEASE_S)
    assert a.release(at(1))
    assert b.acquire(at(1), LEASE_S)


def race(contenders: list[LeaderLease], now: datetime) -> LeaderLease:
    """Every contender asks at once, from a thread of its own; exactly one must win."""
    won: list[str] = []
    start = threading.Barrier(len(contenders))

    def contend(contender: LeaderLease) -> None:
        start.wait()
        if contender.acquire(now, LEASE_S):
            won.append(contender.holder)

    threads = [threading.Thread(target=contend, args=(c,)) for c in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state = contenders[0].current()
    assert state is not None
    assert won == [state.holder]
    return next(c for c in contenders if c.holder == state.holder)


def test_contenders_racing_for_a_free_lease_give_one_leader(ledger: Ledger) -> None:
    race([lease(ledger, f"c{n}") for n in range(6)], NOW)


def test_a_holder_that_died_on_this_host_is_replaced_before_its_lease_ends(ledger: Ledger) -> None:
    space = process_space()
    if space is None:
        pytest.skip("no /proc: a dead holder cannot be told from a live one here")
    dead = Holder("old", space, _gone_pid(), "1").render()
    assert lease(ledger, dead).acquire(NOW, LEASE_S)
    assert lease(ledger, "new").acquire(at(1), LEASE_S)
    # A live holder (this process) is not replaced.
    me = ledger.holder
    assert lease(ledger, me).acquire(at(LEASE_S + 2), LEASE_S)
    assert not lease(ledger, "other").acquire(at(LEASE_S + 3), LEASE_S)


def _gone_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


class FakeClocks:
    """The wall clock for the lease rows and the monotonic clock for the term, moved by hand."""

    def __init__(self) -> None:
        self.elapsed_s = 0.0

    def now(self) -> datetime:
        return at(self.elapsed_s)

    def monotonic(self) -> float:
        return 1000.0 + self.elapsed_s


def leadership(ledger: Ledger, holder: str, clocks: FakeClocks, lease_s: float = 4.0) -> Leadership:
    return Leadership(lease(ledger, holder), lease_s, clock=clocks.now, monotonic=clocks.monotonic)


def actions(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [getattr(r, "action", "") for r in caplog.records if r.name == "rrr_mailbot.leadership"]


def test_the_leaders_term_ends_before_anyone_may_take_over(
    ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="rrr_mailbot.leadership")
    clocks = FakeClocks()
    a, b = leadership(ledger, "a", clocks), leadership(ledger, "b", clocks)
    assert a.step() == pytest.approx(4.0 / 3)  # the leader renews every third of the lease
    assert b.step() == pytest.approx(0.4)  # a standby tries every tenth
    assert a.holds() and not b.holds()
    assert actions(caplog) == ["leader.acquired", "leader.standby"]
    # The leader is paused: its term (half the lease) ends long before the lease does.
    clocks.elapsed_s = 2.0
    assert not a.holds()
    b.step()
    assert not b.holds()  # the lease itself still runs
    clocks.elapsed_s = 4.0
    b.step()
    assert b.holds()
    # Woken, the old leader finds the lease taken and stands by.
    clocks.elapsed_s = 4.5
    a.step()
    assert not a.holds()
    assert actions(caplog)[2:] == ["leader.acquired", "leader.late", "leader.lost"]


def test_a_renewal_that_fails_ends_the_term_at_once(
    ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="rrr_mailbot.leadership")
    clocks = FakeClocks()
    a = leadership(ledger, "a", clocks)
    a.step()
    assert a.holds()
    with ledger.engine.begin() as connection:  # the database fails under the leader
        connection.exec_driver_sql("DROP TABLE leader_leases")
    clocks.elapsed_s = 0.5
    assert a.step() == pytest.approx(0.4)
    assert not a.holds()
    assert actions(caplog)[-1] == "leader.lost"
    assert "the database failed" in caplog.records[-1].getMessage()


def test_the_work_fence_is_up_when_the_service_stops_or_the_term_ends(ledger: Ledger) -> None:
    clocks = FakeClocks()
    a = leadership(ledger, "a", clocks)
    stop = threading.Event()
    fence = WorkFence(stop, a)
    assert fence.is_set()  # not leading yet
    a.step()
    assert not fence.is_set()
    clocks.elapsed_s = 2.0
    assert fence.is_set()
    clocks.elapsed_s = 0.0
    stop.set()
    assert fence.is_set()


def test_releasing_hands_the_lease_over_and_a_sole_instance_always_leads(
    ledger: Ledger,
) -> None:
    clocks = FakeClocks()
    a, b = leadership(ledger, "a", clocks), leadership(ledger, "b", clocks)
    a.step()
    a.release()
    assert not a.holds()
    b.step()
    assert b.holds()
    sole = Leadership(None, 4.0, clock=clocks.now, monotonic=clocks.monotonic)
    assert sole.holds()
    clocks.elapsed_s = 1e9
    assert sole.holds()


def test_a_second_lock_on_a_sqlite_file_is_refused_with_the_pid(tmp_path: Path) -> None:
    database = tmp_path / "ledger.sqlite3"
    first = SingleInstanceLock(database)
    first.acquire()
    with pytest.raises(StoreError) as refused:
        SingleInstanceLock(database).acquire()
    assert f"(pid {os.getpid()})" in str(refused.value)
    assert "move the ledger to PostgreSQL" in str(refused.value)
    first.release()
    again = SingleInstanceLock(database)
    again.acquire()
    again.release()


REPO_ROOT = Path(__file__).resolve().parents[2]


def rrr(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrr_mailbot.cli", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def test_a_second_run_on_one_sqlite_file_refuses_while_read_only_commands_work(
    tmp_path: Path,
) -> None:
    config = embedded_config(tmp_path)
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    application = SAMPLES[0].build(load_settings(config).call)
    box.add(application.as_bytes())
    log = tmp_path / "service.log"
    with log.open("wb") as out:
        service = subprocess.Popen(
            [sys.executable, "-m", "rrr_mailbot.cli", "run", "--config", str(config)],
            stdout=out,
            stderr=out,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
    try:
        deadline = time.monotonic() + 30
        while not list((tmp_path / "outbox").glob("*.eml")):
            assert service.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        for second in (["run"], ["run", "--once"]):
            refused = rrr(config, *second)
            assert refused.returncode == 2, refused
            assert f"another rrr-mailbot (pid {service.pid}) is already running" in refused.stderr
            assert "ledger.sqlite3.lock" in refused.stderr
        sender = application["From"].addresses[0].addr_spec
        for reading in (["applications"], ["show", sender], ["digest", "--print"]):
            done = rrr(config, *reading)
            assert done.returncode == 0, (reading, done.stderr)
            assert reading[0] == "digest" or sender in done.stdout, (reading, done.stdout)
        assert service.poll() is None
    finally:
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=30) == 0, log.read_text()
    # Once it has stopped, the lock is free again.
    after = rrr(config, "run", "--once")
    assert after.returncode == 0, after.stderr


def test_metrics_and_health_say_whether_this_instance_leads(ledger: Ledger, tmp_path: Path) -> None:
    clocks = FakeClocks()
    a = leadership(ledger, "a", clocks)
    metrics = ServiceMetrics()
    metrics.watch_leadership(a.holds)
    assert metrics.registry.get_sample_value("rrr_mailbot_leader") == 0
    a.step()
    assert metrics.registry.get_sample_value("rrr_mailbot_leader") == 1

    settings = load_settings(embedded_config(tmp_path))
    beats = heartbeat_path(settings)
    write_heartbeat(settings, "standby", NOW, role="standby")
    assert heartbeat_role(read_heartbeat(beats)) == "standing by"
    # A standby is healthy while it keeps trying, without intake or delivery passes of its own.
    assert heartbeat_problems(read_heartbeat(beats), at(30), max_age_s=60) == []
    assert heartbeat_problems(read_heartbeat(beats), at(90), max_age_s=60) == [
        "standby last tried to lead 90 s ago"
    ]
    for what in ("leader", "intake", "delivery"):
        write_heartbeat(settings, what, at(100))
    assert heartbeat_role(read_heartbeat(beats)) == "leading"
    assert heartbeat_problems(read_heartbeat(beats), at(110), max_age_s=60) == []
    # In a data folder several instances share, a standby leaves a leader's fresh entry alone.
    leader = read_heartbeat(beats)
    beats.write_text(json.dumps({**leader, "pid": "1"}))
    write_heartbeat(settings, "standby", at(101), role="standby")
    assert read_heartbeat(beats)["role"] == "leader"


def test_a_standby_runner_polls_nothing_until_it_leads(tmp_path: Path) -> None:
    config = embedded_config(tmp_path)
    settings = load_settings(config)
    box = mailbox.Maildir(tmp_path / "maildir", create=True)
    box.add(SAMPLES[0].build(settings.call).as_bytes())
    service = Service.open(settings)
    other = LeaderLease(service.ledger.engine, "another instance")
    assert other.acquire(utc_now(), 60)
    lease_s = 2.0
    runner = Runner(
        service, Leadership(LeaderLease(service.ledger.engine, service.ledger.holder), lease_s,
                            clock=utc_now)
    )  # fmt: skip
    runner.start()
    waiter = threading.Thread(target=runner.wait)
    waiter.start()
    try:
        # Several standby tries and intake checks go by: nothing is read, decided or sent.
        time.sleep(1.0)
        assert not runner.leadership.holds()
        assert service.ledger.message_count() == 0
        assert not list((tmp_path / "outbox").glob("*.eml"))
        assert other.release(utc_now())
        deadline = time.monotonic() + 20
        while not list((tmp_path / "outbox").glob("*.eml")):
            assert time.monotonic() < deadline, "the new leader did not take the work up"
            time.sleep(0.1)
        assert runner.leadership.holds()
    finally:
        runner.stop.set()
        waiter.join(timeout=30)
    assert not waiter.is_alive(), "the service did not stop"
    assert service.ledger.message_count() == 1
    # Stopping handed the lease back.
    state = other.current()
    assert state is not None
    assert state.expires_at <= utc_now()
