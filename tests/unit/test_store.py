"""The ledger on SQLite: schema and migrations, recording, duplicates, the outbox and its leases."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from rrr_mailbot.errors import SchemaError, StoreError
from rrr_mailbot.model import ArrivalSource, Decision, Document, Intake, LedgerFacts, Outcome
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.store import Ledger, head_revision, open_ledger, owner
from rrr_mailbot.store.database import DURABLE
from rrr_mailbot.store.schema import Base

REPO_ROOT = Path(__file__).resolve().parents[2]

NOW = datetime(2021, 5, 20, 10, 0, tzinfo=UTC)
MADRID_SUMMER = timezone(timedelta(hours=2))


# -- factories (also used by tests/integration/test_store_postgres.py) ---------------------------


def make_document(
    name: str | None = "form.pdf", data: bytes | None = None, **kw: object
) -> Document:
    payload = data if data is not None else f"%PDF-1.7 {name}".encode() * 20
    return Document(filename=name, content_type="application/pdf", data=payload, **kw)  # type: ignore[arg-type]


def make_raw(tag: str) -> bytes:
    return (
        f"From: Ana <ana@city.example>\r\nTo: call@rrr.example\r\nSubject: Application {tag}\r\n"
        f"Message-ID: <{tag}@city.example>\r\n\r\nHello {tag}\r\n"
    ).encode()


def make_intake(raw: bytes, *, documents: tuple[Document, ...] = (), **overrides: object) -> Intake:
    fields: dict[str, object] = {
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "size_bytes": len(raw),
        "from_address": "Ana@City.example",
        "from_name": "Ana Pérez",
        "reply_to": None,
        "return_path": "ana@city.example",
        "message_id": "<" + hashlib.sha256(raw).hexdigest()[:16] + "@city.example>",
        "in_reply_to": None,
        "references": (),
        "subject": "Application",
        "date_header": NOW - timedelta(hours=1),
        "arrival": NOW - timedelta(minutes=5),
        "arrival_source": ArrivalSource.SERVER,
        "documents": documents,
    }
    fields.update(overrides)
    return Intake(**fields)  # type: ignore[arg-type]


def make_mail(tag: str, to: str = "ana@city.example") -> OutgoingMail:
    return OutgoingMail(
        message_id=f"<{tag}.reply@rrr.example>",
        envelope_from="call@rrr.example",
        recipients=(to,),
        data=f"Subject: receipt {tag}\r\n\r\nThanks\r\n".encode(),
    )


def record_one(
    ledger: Ledger,
    tag: str,
    *,
    now: datetime = NOW,
    to: str = "ana@city.example",
    with_reply: bool = True,
    outcome: Outcome = Outcome.ACCEPTED,
) -> int:
    raw = make_raw(tag)
    form, letter = make_document(f"form-{tag}.pdf"), make_document(f"letter-{tag}.pdf")
    intake = make_intake(raw, documents=(form, letter))
    decision = Decision(
        outcome=outcome, documents={"application_form": form, "letter_of_intent": letter}
    )
    return ledger.record(
        source_key=f"key-{tag}",
        raw=raw,
        intake=intake,
        decision=decision,
        reference=f"T-{tag}",
        reply=make_mail(tag, to) if with_reply else None,
        reply_kind="acknowledgement" if with_reply else None,
        now=now,
    )


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'db' / 'ledger.sqlite3'}"


@pytest.fixture
def open_test_ledger(tmp_path: Path, db_url: str) -> Iterator[Callable[..., Ledger]]:
    opened: list[Ledger] = []

    def factory(instance: str = "one", **kw: object) -> Ledger:
        ledger = open_ledger(db_url, tmp_path / "store", instance=instance, **kw)  # type: ignore[arg-type]
        opened.append(ledger)
        return ledger

    yield factory
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(open_test_ledger: Callable[..., Ledger]) -> Ledger:
    return open_test_ledger()


def sql(db_url: str, query: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


# -- schema --------------------------------------------------------------------------------------


def test_open_creates_the_schema_at_head_with_wal_and_foreign_keys(
    ledger: Ledger, db_url: str
) -> None:
    assert sql(db_url, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert sql(db_url, "PRAGMA journal_mode") == [("wal",)]
    with ledger.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    tables = {row[0] for row in sql(db_url, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"messages", "documents", "replies", "events", "alembic_version"} <= tables


def test_the_migration_builds_exactly_the_models(ledger: Ledger) -> None:
    with ledger.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_reopening_a_current_schema_is_a_no_op(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    record_one(open_test_ledger(), "a")
    again = open_test_ledger(migrate=False)
    assert again.message_count() == 1


def test_a_schema_newer_than_the_code_is_refused(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    open_test_ledger().close()
    connection = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaError, match=r"revision 9999.*newer rrr-mailbot"):
        open_test_ledger()


def test_an_empty_database_without_migrate_is_refused(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    database_file = Path(db_url.removeprefix("sqlite:///"))
    assert not database_file.exists()
    with pytest.raises(SchemaError, match=r"no ledger database at .* yet.*rrr-mailbot db upgrade"):
        open_test_ledger(migrate=False)
    assert not database_file.exists()  # a command that only reads creates nothing
    database_file.parent.mkdir()
    sqlite3.connect(database_file).close()  # an empty file: the schema is missing
    with pytest.raises(SchemaError, match=r"\(empty\).*rrr-mailbot db upgrade"):
        open_test_ledger(migrate=False)
    assert ("messages",) not in sql(db_url, "SELECT name FROM sqlite_master")


def test_an_unusable_sqlite_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match=r"RRR_MAILBOT_DATABASE_URL"):
        open_ledger(f"sqlite:///{blocker}/ledger.sqlite3", tmp_path / "store")


def test_an_unreachable_postgres_names_the_url_without_its_password(tmp_path: Path) -> None:
    # Port 1 on loopback: nothing listens there, the refusal is immediate.
    url = "postgresql://bot:hunter2@127.0.0.1:1/ledger"
    with pytest.raises(StoreError) as caught:
        open_ledger(url, tmp_path / "store")
    message = str(caught.value)
    assert message.startswith(
        "cannot reach the database at postgresql+psycopg://bot:***@127.0.0.1:1"
    )
    assert "hunter2" not in message
    assert "check [database] url / RRR_MAILBOT_DATABASE_URL" in message


def test_an_unknown_driver_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot use the database at nosuchdb://"):
        open_ledger("nosuchdb://x/y", tmp_path / "store")


# -- recording -----------------------------------------------------------------------------------


def test_record_writes_message_documents_reply_and_blobs_in_one_go(
    ledger: Ledger, db_url: str, tmp_path: Path
) -> None:
    raw = make_raw("a")
    form = make_document("Formulario de solicitud.pdf", text="form text")
    letter = make_document("../../etc/passwd", container=("bundle.zip",))
    logo = make_document("logo.png", data=b"\x89PNG" * 100, inline=True)
    intake = make_intake(raw, documents=(form, letter, logo), language_hints=("es",))
    decision = Decision(
        outcome=Outcome.ACCEPTED,
        documents={"application_form": form, "letter_of_intent": letter},
        review=("combined_document",),
        reasons=("all there",),
    )
    row_id = ledger.record(
        source_key="1:7",
        raw=raw,
        intake=intake,
        decision=decision,
        reference="RRR-AAAA-BBBB",
        reply=make_mail("a"),
        reply_kind="acknowledgement",
        now=NOW,
    )
    [message] = sql(
        db_url,
        "SELECT id, sender, application_key, sender_name, raw_path, outcome, review, reasons,"
        " language, instance, truncated FROM messages",
    )
    assert message[0] == row_id
    assert message[1:4] == ("ana@city.example", "ana@city.example", "Ana Pérez")
    assert (
        message[4] == f"sha256/{intake.raw_sha256[:2]}/{intake.raw_sha256[2:4]}/{intake.raw_sha256}"
    )
    assert message[5:] == ("accepted", '["combined_document"]', '["all there"]', "es", "one", 0)
    assert ledger.blobs.get(str(message[4])) == raw

    documents = sql(
        db_url,
        "SELECT position, role, filename, container, size_bytes, sha256, blob_path, text_chars"
        " FROM documents ORDER BY position",
    )
    assert [(d[0], d[1], d[2]) for d in documents] == [
        (0, "application_form", "Formulario de solicitud.pdf"),
        (1, "letter_of_intent", "../../etc/passwd"),
        (2, None, "logo.png"),
    ]
    assert documents[1][3] == '["bundle.zip"]'
    assert documents[0][7] == len("form text") and documents[1][7] is None
    for (_, _, _, _, size, sha, blob_path, _), doc in zip(
        documents, (form, letter, logo), strict=True
    ):
        assert (size, sha) == (doc.size_bytes, doc.sha256)
        # The sender's file name never becomes a path: only the content hash does.
        assert blob_path == f"sha256/{sha[:2]}/{sha[2:4]}/{sha}"
        assert ledger.blobs.get(str(blob_path)) == doc.data
    assert not (tmp_path / "etc").exists()

    [reply] = sql(db_url, "SELECT kind, status, attempts, recipients, recipient, data FROM replies")
    assert reply == (
        "acknowledgement",
        "pending",
        0,
        '["ana@city.example"]',
        "ana@city.example",
        make_mail("a").data,
    )
    assert [row[0] for row in sql(db_url, "SELECT action FROM events ORDER BY id")] == [
        "recorded",
        "reply_queued",
    ]


def test_a_truncated_message_keeps_no_raw_blob(ledger: Ledger, db_url: str) -> None:
    raw = make_raw("big")
    ledger.record(
        source_key="k",
        raw=raw,
        intake=make_intake(raw, truncated=True, size_bytes=90_000_000),
        decision=Decision(outcome=Outcome.INCOMPLETE, missing=("application_form",)),
        reference="T-big",
        reply=None,
        reply_kind=None,
        now=NOW,
    )
    assert sql(db_url, "SELECT raw_path, truncated, size_bytes, missing FROM messages") == [
        (None, 1, 90_000_000, '["application_form"]')
    ]
    assert not (ledger.blobs.data_dir / "sha256").exists()


def test_one_file_serving_both_roles_gets_a_row_per_role(ledger: Ledger, db_url: str) -> None:
    raw = make_raw("combo")
    both = make_document("application and letter.pdf")
    twin = make_document("application and letter.pdf")  # equal bytes, a second attachment
    assert both == twin and both is not twin
    decision = Decision(
        outcome=Outcome.ACCEPTED, documents={"application_form": both, "letter_of_intent": both}
    )
    ledger.record(
        source_key="k",
        raw=raw,
        intake=make_intake(raw, documents=(twin, both)),
        decision=decision,
        reference="T-combo",
        reply=None,
        reply_kind=None,
        now=NOW,
    )
    rows = sql(db_url, "SELECT position, role FROM documents ORDER BY position, role")
    # The chosen object is the second attachment; its equal twin stays unassigned.
    assert rows == [(0, None), (1, "application_form"), (1, "letter_of_intent")]
    [summary] = ledger.messages()
    assert summary.documents == {
        "application_form": "application and letter.pdf",
        "letter_of_intent": "application and letter.pdf",
    }


def test_text_a_sender_controls_is_stored_clean(ledger: Ledger, db_url: str) -> None:
    raw = make_raw("nul")
    name = "bad\x00name\udcff.pdf"
    ledger.record(
        source_key="k",
        raw=raw,
        intake=make_intake(
            raw,
            subject="x" * 5000 + "\x00",
            from_name="Eve\r\nBcc: evil@x",
            documents=(make_document(name, data=b"%PDF" * 100),),
        ),
        decision=Decision(outcome=Outcome.INCOMPLETE),
        reference="T-nul",
        reply=None,
        reply_kind=None,
        now=NOW,
    )
    [(subject, sender_name)] = sql(db_url, "SELECT subject, sender_name FROM messages")
    assert subject == "x" * 2000
    assert sender_name == "Eve\nBcc: evil@x"
    assert sql(db_url, "SELECT filename FROM documents") == [("badname\ufffd.pdf",)]


def test_datetimes_come_back_aware_and_in_utc(ledger: Ledger) -> None:
    raw = make_raw("tz")
    arrival = datetime(2021, 5, 21, 22, 59, 59, 123456, tzinfo=MADRID_SUMMER)
    ledger.record(
        source_key="k",
        raw=raw,
        intake=make_intake(raw, arrival=arrival),
        decision=Decision(outcome=Outcome.ACCEPTED),
        reference="T-tz",
        reply=None,
        reply_kind=None,
        now=datetime(2021, 5, 21, 23, 30, tzinfo=MADRID_SUMMER),
    )
    [summary] = ledger.messages()
    assert summary.arrival == arrival
    assert summary.arrival is not None and summary.arrival.utcoffset() == timedelta(0)
    assert summary.arrival.hour == 20
    assert summary.recorded_at == datetime(2021, 5, 21, 21, 30, tzinfo=UTC)


def test_naive_datetimes_are_refused(ledger: Ledger) -> None:
    naive = datetime(2021, 5, 21, 12, 0)
    with pytest.raises(ValueError, match="time-zone aware"):
        record_one(ledger, "naive", now=naive)
    with pytest.raises(ValueError, match="time-zone aware"):
        ledger.claim_due_replies(naive, 10)
    with pytest.raises(ValueError, match="time-zone aware"):
        ledger.replies_queued_for("a@b", naive)
    assert ledger.message_count() == 0


def recorded_intake(tag: str) -> Intake:
    """The intake record_one(tag) records: its bytes, sender and documents."""
    form, letter = make_document(f"form-{tag}.pdf"), make_document(f"letter-{tag}.pdf")
    return make_intake(make_raw(tag), documents=(form, letter))


def test_a_duplicate_is_the_same_bytes_whatever_the_source_key(ledger: Ledger) -> None:
    intake = recorded_intake("dup")
    assert ledger.find_duplicate(intake) is None
    record_one(ledger, "dup")
    # Same bytes, as after an IMAP UIDVALIDITY change renumbered every key.
    assert ledger.find_duplicate(replace(intake, message_id=None)) == "T-dup"


def test_a_duplicate_is_the_same_message_id_sender_and_documents(ledger: Ledger) -> None:
    record_one(ledger, "dup")
    intake = recorded_intake("dup")
    # Delivered twice along two routes: other bytes (another Received line), same message.
    other_route = replace(intake, raw_sha256="0" * 64)
    assert ledger.find_duplicate(other_route) == "T-dup"
    assert ledger.find_duplicate(replace(other_route, from_address="ANA@city.EXAMPLE")) == "T-dup"


@pytest.mark.parametrize(
    "change",
    [
        {"from_address": "scanner@city.example"},  # a scanner that reuses its Message-ID
        {"documents": (make_document("form-dup.pdf"),)},  # same sender, other files
        {"documents": (make_document("form-dup.pdf"), make_document("letter-v2.pdf"))},
        {"message_id": "<other@x>"},
        {"message_id": None},
    ],
)
def test_a_reused_message_id_alone_is_not_a_duplicate(
    ledger: Ledger, change: dict[str, object]
) -> None:
    record_one(ledger, "dup")
    intake = replace(recorded_intake("dup"), raw_sha256="0" * 64, **change)  # type: ignore[arg-type]
    assert ledger.find_duplicate(intake) is None


def test_facts_for_a_new_message(ledger: Ledger) -> None:
    record_one(ledger, "one", now=NOW - timedelta(hours=30))
    record_one(ledger, "two", now=NOW - timedelta(hours=2))
    record_one(ledger, "bot", with_reply=False, outcome=Outcome.IGNORED)
    scanner = replace(
        recorded_intake("two"), raw_sha256="1" * 64, documents=(make_document("scan.pdf"),)
    )
    facts = ledger.facts_for(scanner, NOW)
    assert facts.earlier_references == ("T-one", "T-two")  # ignored mail left out
    assert facts.replies_in_window == 1
    assert facts.same_message_id == ("T-two",)
    stranger = make_intake(make_raw("new"), from_address="new@town.example")
    assert ledger.facts_for(stranger, NOW) == LedgerFacts()


def test_recording_the_same_message_twice_keeps_one_row_and_one_reply(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    first, second = open_test_ledger("one"), open_test_ledger("two")
    row_id = record_one(first, "race")
    # The second instance did not see the first one's row before deciding: it must not raise.
    assert record_one(second, "race") == row_id
    assert sql(db_url, "SELECT count(*) FROM messages") == [(1,)]
    assert sql(db_url, "SELECT count(*) FROM replies") == [(1,)]


def test_a_failed_commit_leaves_nothing_behind(ledger: Ledger, db_url: str) -> None:
    record_one(ledger, "first")
    raw = make_raw("second")
    # A reply whose Message-ID another reply already holds: the reply insert fails, and with it
    # the message and its documents, because they share one transaction.
    with pytest.raises(StoreError, match="T-second"):
        ledger.record(
            source_key="k2",
            raw=raw,
            intake=make_intake(raw, documents=(make_document("x.pdf"),)),
            decision=Decision(outcome=Outcome.ACCEPTED),
            reference="T-second",
            reply=make_mail("first"),
            reply_kind="acknowledgement",
            now=NOW,
        )
    assert sql(db_url, "SELECT reference FROM messages") == [("T-first",)]
    assert sql(db_url, "SELECT count(*) FROM documents") == [(2,)]
    assert sql(db_url, "SELECT count(*) FROM replies") == [(1,)]


def test_record_checks_its_arguments(ledger: Ledger) -> None:
    raw = make_raw("args")
    common = {
        "source_key": "k",
        "raw": raw,
        "intake": make_intake(raw),
        "decision": Decision(outcome=Outcome.ACCEPTED),
        "reference": "T-args",
        "now": NOW,
    }
    with pytest.raises(ValueError, match="both"):
        ledger.record(**common, reply=make_mail("args"), reply_kind=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reply_kind"):
        ledger.record(**common, reply=make_mail("args"), reply_kind="thanks")  # type: ignore[arg-type]
    assert ledger.message_count() == 0


# -- the outbox ----------------------------------------------------------------------------------


def test_claim_takes_due_replies_marks_them_sending_and_commits(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    ledger = open_test_ledger("alpha")
    record_one(ledger, "early", now=NOW)
    record_one(ledger, "later", now=NOW + timedelta(hours=1))
    [item] = ledger.claim_due_replies(NOW + timedelta(minutes=1), limit=10, lease_s=60)
    assert item.message_ref == "T-early"
    assert item.attempts == 1
    assert item.mail == make_mail("early")
    # Committed: another connection sees the claim.
    assert sql(
        db_url, "SELECT status, attempts, claimed_by, claimed_until FROM replies WHERE id = 1"
    ) == [("sending", 1, ledger.holder, "2021-05-20 10:02:00.000000")]
    assert ledger.holder.startswith("alpha|")
    assert ledger.outbox_counts() == {"pending": 1, "sending": 1}
    # Claimed rows are not handed out again while their lease runs.
    assert ledger.claim_due_replies(NOW + timedelta(minutes=1), limit=10) == []


def test_claim_respects_the_limit_oldest_first(ledger: Ledger) -> None:
    for n in range(5):
        record_one(ledger, f"n{n}", now=NOW + timedelta(seconds=n))
    first = ledger.claim_due_replies(NOW + timedelta(hours=1), limit=2)
    second = ledger.claim_due_replies(NOW + timedelta(hours=1), limit=10)
    assert [i.message_ref for i in first] == ["T-n0", "T-n1"]
    assert [i.message_ref for i in second] == ["T-n2", "T-n3", "T-n4"]
    assert ledger.claim_due_replies(NOW + timedelta(hours=1), limit=0) == []


def test_an_expired_lease_is_claimed_again_with_the_same_bytes(
    open_test_ledger: Callable[..., Ledger],
) -> None:
    crashed, survivor = open_test_ledger("crashed"), open_test_ledger("survivor")
    record_one(crashed, "lost")
    [before] = crashed.claim_due_replies(NOW, limit=5, lease_s=300)
    assert crashed.mark_started(before.id, NOW, lease_s=300)
    # "crashed" dies here (a Ledger of this live process: only the lease can end its claim),
    # after the server's 250, before mark_sent.
    assert survivor.claim_due_replies(NOW + timedelta(seconds=299), limit=5) == []
    [again] = survivor.claim_due_replies(NOW + timedelta(seconds=300), limit=5)
    assert again.id == before.id
    assert again.mail == before.mail  # same bytes, same Message-ID
    assert again.attempts == 2
    survivor.mark_sent(again.id, NOW + timedelta(seconds=301))
    assert survivor.claim_due_replies(NOW + timedelta(days=1), limit=5) == []


_HOLDER_SCRIPT = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from rrr_mailbot.store import open_ledger
ledger = open_ledger(sys.argv[1], Path(sys.argv[2]), instance="doomed")
now = datetime.fromisoformat(sys.argv[3])
items = ledger.claim_due_replies(now, limit=10, lease_s=300)
assert ledger.mark_started(items[0].id, now, lease_s=300)
print(len(items), flush=True)
sys.stdin.readline()
"""


def claim_in_a_process_then_kill_it(db_url: str, store: Path, survivor: Ledger) -> None:
    """Another process claims every due reply and starts the first, then is SIGKILLed; while it
    lives, ``survivor`` can claim none of them."""
    command = [sys.executable, "-c", _HOLDER_SCRIPT, db_url, str(store)]
    with subprocess.Popen(
        [*command, NOW.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline() == b"3\n"
            # While the holder lives, its claims are its own, lease or no lease.
            assert survivor.claim_due_replies(NOW + timedelta(seconds=1), limit=10) == []
            holder.kill()
            # A zombie (killed, not yet reaped) is as dead as a reaped process.
            with survivor.engine.connect() as connection:
                claimed_by = connection.scalar(text("SELECT DISTINCT claimed_by FROM replies"))
            deadline = time.monotonic() + 10  # SIGKILL is delivered asynchronously
            while not owner.is_gone(claimed_by):
                assert time.monotonic() < deadline, "the killed holder still looks alive"
                time.sleep(0.01)
        finally:
            holder.kill()


def test_claims_of_a_killed_process_go_out_at_once_and_only_the_started_one_twice(
    open_test_ledger: Callable[..., Ledger],
    db_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    survivor = open_test_ledger("survivor")
    for tag in ("in-flight", "claimed-1", "claimed-2"):
        record_one(survivor, tag)
    claim_in_a_process_then_kill_it(db_url, tmp_path / "store", survivor)
    caplog.set_level(logging.INFO, logger="rrr_mailbot.store.ledger")
    taken = survivor.claim_due_replies(NOW + timedelta(seconds=1), limit=10)
    # All three at once, long before the 300 s lease ends; the attempts that never reached the
    # server are not counted, the one that may have is.
    assert [(i.message_ref, i.attempts) for i in taken] == [
        ("T-in-flight", 2),
        ("T-claimed-1", 1),
        ("T-claimed-2", 1),
    ]
    actions = [r.action for r in caplog.records if hasattr(r, "action")]  # type: ignore[attr-defined]
    assert actions.count("outbox_lease_expired") == 1
    assert actions.count("outbox_claim_recovered") == 2
    assert sql(db_url, "SELECT DISTINCT claimed_by, started_at FROM replies") == [
        (survivor.holder, None)
    ]


def test_a_reply_taken_over_is_not_started_by_its_former_holder(
    open_test_ledger: Callable[..., Ledger],
) -> None:
    slow, other = open_test_ledger("slow"), open_test_ledger("other")
    record_one(slow, "x")
    [mine] = slow.claim_due_replies(NOW, limit=1, lease_s=60)
    # "slow" stalls past its lease; "other" takes the reply over and starts it.
    [theirs] = other.claim_due_replies(NOW + timedelta(seconds=61), limit=1)
    assert not slow.mark_started(mine.id, NOW + timedelta(seconds=62))
    assert other.mark_started(theirs.id, NOW + timedelta(seconds=62))
    slow.release(mine.id, NOW)  # not its claim any more: nothing changes
    assert slow.outbox_counts() == {"sending": 1}


def test_a_reply_is_marked_sent_in_the_commit_that_starts_the_next(
    open_test_ledger: Callable[..., Ledger], db_url: str
) -> None:
    ledger = open_test_ledger("one")
    for tag in ("a", "b"):
        record_one(ledger, tag)
    first, second = ledger.claim_due_replies(NOW, limit=2)
    assert ledger.mark_started(first.id, NOW)
    assert ledger.mark_started(second.id, NOW, sent=first.id)
    # One reply started and not sent at any time: the one a crash could send twice.
    assert sql(db_url, "SELECT status, started_at IS NOT NULL FROM replies ORDER BY id") == [
        ("sent", True),
        ("sending", True),
    ]


def test_commits_wait_for_the_disk_only_when_marked_durable(ledger: Ledger) -> None:
    # SQLite numbers: 1 is NORMAL (no fsync at commit in WAL mode), 2 is FULL.
    with Session(ledger.engine) as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with Session(ledger.engine) as session:
        session.connection(execution_options={DURABLE: True})
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2


def test_renewed_claims_hold_and_unrenewed_ones_run_out(
    open_test_ledger: Callable[..., Ledger],
) -> None:
    remote, local = open_test_ledger("remote"), open_test_ledger("local")
    # A holder on another host: nothing here can tell whether it lives, only its lease.
    remote.holder = "remote|elsewhere/00000000/1|4242|1"
    for tag in ("a", "b"):
        record_one(remote, tag)
    claimed = remote.claim_due_replies(NOW, limit=10, lease_s=30)
    ids = [i.id for i in claimed]
    assert remote.renew_claims(ids, NOW + timedelta(seconds=20), lease_s=30) == 2
    assert remote.renew_claims([], NOW + timedelta(seconds=20), lease_s=30) == 0
    assert local.claim_due_replies(NOW + timedelta(seconds=49), limit=10) == []
    # The remote process stopped renewing (it died): its claims run out with the lease.
    taken = local.claim_due_replies(NOW + timedelta(seconds=50), limit=10)
    assert [i.id for i in taken] == [i.id for i in claimed]
    assert [i.attempts for i in taken] == [1, 1]  # never started: not counted twice
    assert remote.renew_claims(ids, NOW + timedelta(seconds=51), lease_s=30) == 0
    with pytest.raises(ValueError, match="lease_s"):
        local.renew_claims(ids, NOW, lease_s=0)


def test_owner_names_this_process_and_knows_who_is_gone() -> None:
    me = owner.this_process("one|two")
    parsed = owner.Holder.parse(me)
    assert parsed is not None
    assert (parsed.instance, parsed.pid) == ("one_two", os.getpid())
    assert not owner.is_gone(me)
    # Same pid, another start time: the pid was reused, the holder is gone.
    assert owner.is_gone(replace(parsed, start=parsed.start + "1").render())
    # Another host or container cannot be checked: left to the lease.
    assert not owner.is_gone(replace(parsed, space="elsewhere/0/1", pid=1).render())
    # Claims written without a holder (older versions) are left to the lease as well.
    assert not owner.is_gone("default")
    assert not owner.is_gone(None)
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    gone_pid = int(finished.stdout)
    assert owner.is_gone(replace(parsed, pid=gone_pid).render())


def test_mark_sent_retry_and_failed(ledger: Ledger, db_url: str) -> None:
    for tag in ("ok", "flaky", "bad"):
        record_one(ledger, tag)
    ok, flaky, bad = ledger.claim_due_replies(NOW, limit=10)
    ledger.mark_sent(ok.id, NOW + timedelta(seconds=1))
    retry_at = NOW + timedelta(minutes=10)
    ledger.mark_retry(flaky.id, "451 4.3.0 try again later", retry_at, now=NOW)
    ledger.mark_failed(bad.id, "550 5.1.1 no such user", NOW + timedelta(seconds=2))
    assert ledger.outbox_counts() == {"failed": 1, "pending": 1, "sent": 1}
    assert sql(
        db_url, "SELECT status, sent_at, last_error, claimed_by FROM replies ORDER BY id"
    ) == [
        ("sent", "2021-05-20 10:00:01.000000", None, None),
        ("pending", None, "451 4.3.0 try again later", None),
        ("failed", None, "550 5.1.1 no such user", None),
    ]
    # Not due before retry_at, due at it, and the attempt count keeps growing.
    assert ledger.claim_due_replies(retry_at - timedelta(seconds=1), limit=10) == []
    [again] = ledger.claim_due_replies(retry_at, limit=10)
    assert (again.id, again.attempts) == (flaky.id, 2)
    statuses = {s.reference: s.reply_status for s in ledger.messages()}
    assert statuses == {"T-ok": "sent", "T-flaky": "sending", "T-bad": "failed"}
    actions = [
        row[0] for row in sql(db_url, "SELECT action FROM events WHERE message_id = 2 ORDER BY id")
    ]
    assert actions == ["recorded", "reply_queued", "reply_sending", "reply_retry", "reply_sending"]


def test_a_late_failure_report_does_not_undo_a_send(ledger: Ledger) -> None:
    record_one(ledger, "x")
    [item] = ledger.claim_due_replies(NOW, limit=1)
    ledger.mark_sent(item.id, NOW)
    ledger.mark_retry(item.id, "timeout", NOW + timedelta(minutes=5), now=NOW)
    ledger.mark_failed(item.id, "timeout", NOW)
    assert ledger.outbox_counts()["sent"] == 1
    with pytest.raises(StoreError, match="no reply with id 999"):
        ledger.mark_sent(999, NOW)


def test_a_released_claim_is_due_again_and_its_attempt_not_counted(ledger: Ledger) -> None:
    record_one(ledger, "r")
    [item] = ledger.claim_due_replies(NOW, limit=1)
    assert item.attempts == 1
    ledger.release(item.id, NOW)
    assert ledger.outbox_counts() == {"pending": 1}
    [again] = ledger.claim_due_replies(NOW, limit=1)
    assert (again.id, again.attempts) == (item.id, 1)
    ledger.mark_sent(again.id, NOW)
    ledger.release(again.id, NOW)  # too late: a sent reply stays sent
    assert ledger.outbox_counts() == {"sent": 1}


def test_two_threads_never_claim_the_same_reply(open_test_ledger: Callable[..., Ledger]) -> None:
    writer = open_test_ledger("writer")
    for n in range(60):
        record_one(writer, f"c{n}")
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    ledgers = {name: open_test_ledger(name) for name in claimed}
    start = threading.Barrier(2)

    def worker(name: str) -> None:
        start.wait()
        while items := ledgers[name].claim_due_replies(NOW, limit=3):
            claimed[name].extend(item.id for item in items)

    threads = [threading.Thread(target=worker, args=(name,)) for name in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not set(claimed["a"]) & set(claimed["b"])
    assert sorted(claimed["a"] + claimed["b"]) == list(range(1, 61))


def test_replies_queued_for_counts_per_address_since(ledger: Ledger) -> None:
    record_one(ledger, "r1", now=NOW - timedelta(days=2), to="Ana@City.example")
    record_one(ledger, "r2", now=NOW - timedelta(hours=2), to="ana@city.example")
    record_one(ledger, "r3", now=NOW - timedelta(hours=1), to="ana@city.example")
    record_one(ledger, "r4", now=NOW, to="other@city.example")
    record_one(ledger, "r5", now=NOW, with_reply=False, outcome=Outcome.IGNORED)
    since = NOW - timedelta(days=1)
    assert ledger.replies_queued_for("ANA@city.example", since) == 2
    assert ledger.replies_queued_for("ana@city.example", NOW - timedelta(days=3)) == 3
    assert ledger.replies_queued_for("nobody@x", since) == 0
    # The reply went to the ASCII form of an internationalised domain; the sender wrote Unicode.
    record_one(ledger, "r6", now=NOW, to="oficina@xn--alcalda-dza.example")
    assert ledger.replies_queued_for(" Oficina@Alcaldía.example", since) == 1


def test_messages_summaries_and_since(ledger: Ledger) -> None:
    record_one(ledger, "old", now=NOW - timedelta(days=1))
    record_one(ledger, "new", now=NOW, with_reply=False, outcome=Outcome.IGNORED)
    assert ledger.message_count() == 2
    old, new = ledger.messages()
    assert (old.reference, old.outcome, old.reply_status) == ("T-old", Outcome.ACCEPTED, "pending")
    assert old.sender == "ana@city.example"
    assert old.subject == "Application"
    assert old.documents == {
        "application_form": "form-old.pdf",
        "letter_of_intent": "letter-old.pdf",
    }
    assert (new.reference, new.outcome, new.reply_status) == ("T-new", Outcome.IGNORED, None)
    assert [s.reference for s in ledger.messages(since=NOW - timedelta(hours=1))] == ["T-new"]


# -- blobs ---------------------------------------------------------------------------------------


def test_blobs_are_content_addressed_atomic_and_idempotent(ledger: Ledger) -> None:
    blobs = ledger.blobs
    data = b"letter of intent" * 1000
    digest = hashlib.sha256(data).hexdigest()
    path = blobs.put(data)
    assert path == f"sha256/{digest[:2]}/{digest[2:4]}/{digest}"
    assert blobs.put(data) == path
    assert blobs.get(path) == data
    assert [p.name for p in blobs.absolute(path).parent.iterdir()] == [digest]  # no temp files left
    assert blobs.get(blobs.put(b"")) == b""


def test_blob_paths_cannot_escape_and_damage_is_detected(ledger: Ledger) -> None:
    blobs = ledger.blobs
    with pytest.raises(StoreError, match="not a blob path"):
        blobs.get("../../etc/passwd")
    with pytest.raises(StoreError, match="not a blob path"):
        blobs.get("sha256/aa/bb/" + "A" * 64)
    path = blobs.put(b"original")
    blobs.absolute(path).write_bytes(b"tampered")
    with pytest.raises(StoreError, match="does not match its SHA-256"):
        blobs.get(path)
    with pytest.raises(StoreError, match="cannot read blob"):
        blobs.get(blobs.relative_path("0" * 64))


def test_an_unwritable_data_folder_is_a_store_error(db_url: str, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    ledger = open_ledger(db_url, blocker)
    try:
        with pytest.raises(
            StoreError, match=r"cannot write to the data folder.*\[storage\] data_dir"
        ):
            record_one(ledger, "nowhere")
        assert ledger.message_count() == 0
    finally:
        ledger.close()


def test_sqlite_engine_url_refuses_naive_datetimes_at_the_column(ledger: Ledger) -> None:
    # A direct write through the engine cannot slip a naive datetime past the column type either.
    from rrr_mailbot.store.schema import EventRow

    engine = create_engine(ledger.engine.url)
    try:
        with engine.begin() as connection, pytest.raises(Exception, match="time-zone aware"):
            connection.execute(
                EventRow.__table__.insert().values(  # type: ignore[attr-defined]
                    at=datetime(2021, 1, 1), instance="x", action="x", detail="x"
                )
            )
    finally:
        engine.dispose()


def test_stored_files_are_not_readable_by_other_users(ledger: Ledger) -> None:
    from rrr_mailbot.files import FILE_MODE

    relative = ledger.blobs.put(b"%PDF-1.7 a city's application form")
    mode = ledger.blobs.absolute(relative).stat().st_mode & 0o777
    assert mode == FILE_MODE and not mode & 0o007


def test_how_each_file_was_recognised_or_why_it_did_not_count_is_stored(ledger: Ledger) -> None:
    from rrr_mailbot.model import FileNote

    form, budget = make_document("form.pdf"), make_document("budget.pdf")
    raw = make_raw("recognised")
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={"application_form": form, "letter_of_intent": None},
        missing=("letter_of_intent",),
        evidence={"application_form": "its text (read by OCR)"},
        notes={budget.sha256: FileNote("budget", "appears to be a budget")},
    )
    ledger.record(
        source_key="k",
        raw=raw,
        intake=make_intake(raw, documents=(form, budget)),
        decision=decision,
        reference="T-REC",
        reply=None,
        reply_kind=None,
        now=NOW,
    )
    [message] = [m for m in ledger.recorded_messages() if m.reference == "T-REC"]
    assert [(d.role, d.recognised) for d in message.documents] == [
        ("application_form", "its text (read by OCR)")
    ]
    with ledger.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT filename, recognised FROM documents WHERE role IS NULL")
        ).all()
    assert rows == [("budget.pdf", "not counted: appears to be a budget")]
