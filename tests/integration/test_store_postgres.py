"""The ledger on the machine's PostgreSQL: migrations under the advisory lock, concurrent
instances claiming from one outbox, racing records, and text PostgreSQL would refuse.

Each test gets a database of its own (``rrr_test_<random>``), dropped afterwards. The server is
taken from RRR_MAILBOT_TEST_POSTGRES_URL, else postgres@127.0.0.1:5432 (what CI provides).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

from rrr_mailbot.errors import SchemaError
from rrr_mailbot.model import Decision, Outcome
from rrr_mailbot.store import Ledger, head_revision, open_ledger
from rrr_mailbot.store.database import DURABLE, SCHEMA_LOCK_KEY
from rrr_mailbot.store.schema import Base
from tests.support.postgres import fresh_database
from tests.unit.test_store import (
    MADRID_SUMMER,
    NOW,
    claim_in_a_process_then_kill_it,
    make_document,
    make_intake,
    make_raw,
    record_one,
)

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database("rrr_test") as url:
        yield url


@pytest.fixture
def open_pg_ledger(pg_url: str, tmp_path: Path) -> Iterator[Callable[..., Ledger]]:
    opened: list[Ledger] = []

    def factory(instance: str = "one", **kw: object) -> Ledger:
        ledger = open_ledger(pg_url, tmp_path / "store", instance=instance, **kw)  # type: ignore[arg-type]
        opened.append(ledger)
        return ledger

    yield factory
    for ledger in opened:
        ledger.close()


def test_migration_from_an_empty_database(open_pg_ledger: Callable[..., Ledger]) -> None:
    ledger = open_pg_ledger()
    with ledger.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (head_revision(),)
        ]
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        column_type = connection.execute(
            text(
                "SELECT data_type FROM information_schema.columns"
                " WHERE table_name = 'replies' AND column_name = 'next_attempt_at'"
            )
        ).scalar()
    assert column_type == "timestamp with time zone"


_START_INSTANCE = """
import sys
from pathlib import Path
from rrr_mailbot.store import open_ledger
ledger = open_ledger(sys.argv[1], Path(sys.argv[2]), instance=sys.argv[3])
print(ledger.message_count())
ledger.close()
"""


def _waiting_for_advisory_locks(admin: psycopg.Connection[tuple[object, ...]], name: str) -> int:
    row = admin.execute(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = %s",
        (name,),
    ).fetchone()
    assert row is not None
    return int(str(row[0]))


def test_instances_starting_together_wait_for_one_migration(pg_url: str, tmp_path: Path) -> None:
    url = make_url(pg_url)
    name = str(url.database)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with psycopg.connect(conninfo) as holder, psycopg.connect(conninfo, autocommit=True) as admin:
        # This connection plays an instance in the middle of a migration: it holds the lock.
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_KEY,))
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", _START_INSTANCE, pg_url, str(tmp_path), f"i{n}"],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for n in range(3)
        ]
        try:
            deadline = time.monotonic() + 60
            while _waiting_for_advisory_locks(admin, name) < 3:
                assert time.monotonic() < deadline, "the instances did not wait for the lock"
                assert all(p.poll() is None for p in processes), "an instance did not wait"
                time.sleep(0.1)
            holder.rollback()  # the "other instance" gives up its lock without migrating
            outputs = [p.communicate(timeout=120) for p in processes]
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
    assert [p.returncode for p in processes] == [0, 0, 0], [err.decode() for _, err in outputs]
    assert [out.strip() for out, _ in outputs] == [b"0", b"0", b"0"]
    with psycopg.connect(conninfo) as check:
        versions = check.execute("SELECT version_num FROM alembic_version").fetchall()
    assert versions == [(head_revision(),)]


def test_a_newer_schema_is_refused(open_pg_ledger: Callable[..., Ledger]) -> None:
    ledger = open_pg_ledger()
    with ledger.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError, match="revision 9999"):
        open_pg_ledger("two")


def test_concurrent_instances_never_claim_the_same_reply(
    open_pg_ledger: Callable[..., Ledger],
) -> None:
    writer = open_pg_ledger("writer")
    for n in range(90):
        record_one(writer, f"c{n}", now=NOW + timedelta(milliseconds=n))
    names = ("a", "b", "c")
    ledgers = {name: open_pg_ledger(name) for name in names}
    claimed: dict[str, list[int]] = {name: [] for name in names}
    start = threading.Barrier(len(names))

    def worker(name: str) -> None:
        start.wait()
        while items := ledgers[name].claim_due_replies(NOW + timedelta(minutes=1), limit=4):
            claimed[name].extend(item.id for item in items)

    threads = [threading.Thread(target=worker, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    everything = [reply_id for name in names for reply_id in claimed[name]]
    assert len(everything) == len(set(everything)) == 90
    counts = writer.outbox_counts()
    assert counts == {"sending": 90}


def test_a_row_locked_by_another_instance_is_skipped_not_waited_for(
    open_pg_ledger: Callable[..., Ledger],
) -> None:
    ledger = open_pg_ledger("a")
    for tag in ("held", "free"):
        record_one(ledger, tag)
    other = open_pg_ledger("b")
    # Instance b is in the middle of its claim: it holds the first row's lock, uncommitted.
    with other.engine.connect() as connection:
        connection.execute(text("SELECT id FROM replies WHERE id = 1 FOR UPDATE"))
        result: list[list[str]] = []
        worker = threading.Thread(
            target=lambda: result.append([i.message_ref for i in ledger.claim_due_replies(NOW, 10)])
        )
        worker.start()
        worker.join(timeout=20)
        assert not worker.is_alive(), "claim_due_replies waited for a row another instance holds"
        connection.rollback()
    assert result == [["T-free"]]


def test_racing_records_of_one_message_keep_one_row(open_pg_ledger: Callable[..., Ledger]) -> None:
    names = ("a", "b", "c", "d")
    ledgers = {name: open_pg_ledger(name) for name in names}
    ids: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(names))

    def worker(name: str) -> None:
        start.wait()
        try:
            ids.append(record_one(ledgers[name], "same"))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(ids) == 4 and len(set(ids)) == 1
    checker = ledgers["a"]
    assert checker.message_count() == 1
    assert checker.outbox_counts()["pending"] == 1


def test_outbox_cycle_and_lease_expiry(open_pg_ledger: Callable[..., Ledger]) -> None:
    crashed, survivor = open_pg_ledger("crashed"), open_pg_ledger("survivor")
    record_one(crashed, "x")
    record_one(crashed, "y")
    first = crashed.claim_due_replies(NOW, limit=10, lease_s=60)
    assert [i.attempts for i in first] == [1, 1]
    assert crashed.mark_started(first[0].id, NOW, lease_s=60)
    survivor.mark_retry(first[1].id, "421 busy", NOW + timedelta(minutes=5), now=NOW)
    # "crashed" never reports on x; its lease runs out after a minute.
    assert survivor.claim_due_replies(NOW + timedelta(seconds=59), limit=10) == []
    [again] = survivor.claim_due_replies(NOW + timedelta(seconds=60), limit=10)
    assert (again.id, again.attempts, again.mail) == (first[0].id, 2, first[0].mail)
    survivor.mark_sent(again.id, NOW + timedelta(seconds=61))
    [retried] = survivor.claim_due_replies(NOW + timedelta(minutes=5), limit=10)
    survivor.mark_failed(retried.id, "550 no such user", NOW + timedelta(minutes=5))
    assert survivor.outbox_counts() == {"failed": 1, "sent": 1}
    assert survivor.replies_queued_for("ANA@city.example", NOW - timedelta(days=1)) == 2


def test_claims_of_a_killed_process_are_taken_over_at_once(
    open_pg_ledger: Callable[..., Ledger], tmp_path: Path
) -> None:
    survivor = open_pg_ledger("survivor")
    for tag in ("in-flight", "claimed-1", "claimed-2"):
        record_one(survivor, tag)
    url = survivor.engine.url.render_as_string(hide_password=False)
    claim_in_a_process_then_kill_it(url, tmp_path / "store", survivor)
    taken = survivor.claim_due_replies(NOW + timedelta(seconds=1), limit=10)
    assert [(i.message_ref, i.attempts) for i in taken] == [
        ("T-in-flight", 2),
        ("T-claimed-1", 1),
        ("T-claimed-2", 1),
    ]


def test_a_reply_taken_over_is_not_started_by_its_former_holder_on_postgresql(
    open_pg_ledger: Callable[..., Ledger],
) -> None:
    slow, other = open_pg_ledger("slow"), open_pg_ledger("other")
    record_one(slow, "x")
    [mine] = slow.claim_due_replies(NOW, limit=1, lease_s=60)
    [theirs] = other.claim_due_replies(NOW + timedelta(seconds=61), limit=1)
    assert not slow.mark_started(mine.id, NOW + timedelta(seconds=62))
    assert not slow.renew_claims([mine.id], NOW + timedelta(seconds=62), lease_s=60)
    assert other.mark_started(theirs.id, NOW + timedelta(seconds=62))
    other.mark_sent(theirs.id, NOW + timedelta(seconds=63))
    assert other.outbox_counts() == {"sent": 1}


def test_commits_are_asynchronous_unless_marked_durable(
    open_pg_ledger: Callable[..., Ledger],
) -> None:
    ledger = open_pg_ledger()
    with Session(ledger.engine) as session:
        assert session.execute(text("SHOW synchronous_commit")).scalar() == "off"
    with Session(ledger.engine) as session:
        session.connection(execution_options={DURABLE: True})
        assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"
    with Session(ledger.engine) as session:  # SET LOCAL: the pooled connection is back to off
        assert session.execute(text("SHOW synchronous_commit")).scalar() == "off"


def test_text_and_times_round_trip(open_pg_ledger: Callable[..., Ledger]) -> None:
    ledger = open_pg_ledger()
    raw = make_raw("text")
    arrival = datetime(2021, 5, 21, 22, 59, 59, 999999, tzinfo=MADRID_SUMMER)
    form = make_document("formulário\x00\udcff.pdf", data=b"%PDF" * 80)
    ledger.record(
        source_key="1:1",
        raw=raw,
        intake=make_intake(
            raw, subject="Solicitud\x00 ciudad\udce9", arrival=arrival, documents=(form,)
        ),
        decision=Decision(outcome=Outcome.ACCEPTED, documents={"application_form": form}),
        reference="T-text",
        reply=None,
        reply_kind=None,
        now=NOW,
    )
    [summary] = ledger.messages(since=NOW)
    assert summary.subject == "Solicitud ciudad\ufffd"
    assert summary.documents == {"application_form": "formulário\ufffd.pdf"}
    assert summary.arrival == arrival and summary.arrival.tzinfo == UTC
    assert ledger.messages(since=NOW + timedelta(microseconds=1)) == []
