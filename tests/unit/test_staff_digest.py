"""The staff digest: its schedule, its rendering, and queueing it once per period in the outbox."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, FileTransportSettings, StaffSettings, data_path
from rrr_mailbot.delivery import RetryPolicy, deliver_due
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import Decision, Outcome
from rrr_mailbot.staff.digest import DigestRenderer, submissions_by_day
from rrr_mailbot.staff.queries import Health, Snapshot, take_snapshot
from rrr_mailbot.staff.schedule import DigestJob, due_period, period_key, times_on
from rrr_mailbot.store import Ledger
from rrr_mailbot.store.ledger import OutboxBacklog
from rrr_mailbot.transports.file import FileTransport
from tests.unit.test_store import (  # the ledger's factories and fixtures
    db_url,
    ledger,
    make_document,
    make_intake,
    make_mail,
    make_raw,
    open_test_ledger,
)

__all__ = ["db_url", "ledger", "open_test_ledger"]  # fixtures, re-exported for pytest

FORM = ("application_form",)
STAFF = StaffSettings(final_days=2, final_digest_times=("08:00", "18:00"))


def madrid(call: CallSettings, *args: int) -> datetime:
    return datetime(*args, tzinfo=call.zone)  # type: ignore[misc]


# -- the schedule (pure) --------------------------------------------------------------------------


def test_daily_then_several_times_a_day_near_the_deadline(call: CallSettings) -> None:
    # The RRR 2021 deadline is 21 May 2021, 23:00 Madrid time.
    assert [t.hour for t in times_on(date(2021, 5, 10), call, STAFF)] == [8]
    assert [t.hour for t in times_on(date(2021, 5, 19), call, STAFF)] == [8]
    assert [t.hour for t in times_on(date(2021, 5, 20), call, STAFF)] == [8, 18]
    assert [t.hour for t in times_on(date(2021, 5, 21), call, STAFF)] == [8, 18]
    assert [t.hour for t in times_on(date(2021, 5, 22), call, STAFF)] == [8]
    assert times_on(date(2021, 5, 29), call, STAFF) == []  # 7 days after: the digests stop
    assert times_on(date(2021, 3, 31), call, STAFF) == []  # before the call opens
    off = StaffSettings(digests=False)
    assert times_on(date(2021, 5, 10), call, off) == []


def test_due_period_is_the_latest_scheduled_time_in_the_calls_zone(call: CallSettings) -> None:
    at = madrid(call, 2021, 5, 20, 17, 59)
    assert due_period(at, call, STAFF) == madrid(call, 2021, 5, 20, 8, 0)
    assert due_period(madrid(call, 2021, 5, 20, 18, 0), call, STAFF) == madrid(
        call, 2021, 5, 20, 18, 0
    )
    # Before 08:00 the previous day's last digest is the one due.
    assert due_period(madrid(call, 2021, 5, 21, 7, 0), call, STAFF) == madrid(
        call, 2021, 5, 20, 18, 0
    )
    # 06:30 UTC is 08:30 in Madrid (summer time): the 08:00 local digest is due, not 06:00 UTC's.
    assert due_period(datetime(2021, 5, 10, 6, 30, tzinfo=UTC), call, STAFF) == madrid(
        call, 2021, 5, 10, 8, 0
    )
    assert due_period(datetime(2021, 5, 10, 5, 59, tzinfo=UTC), call, STAFF) == madrid(
        call, 2021, 5, 9, 8, 0
    )
    assert due_period(madrid(call, 2021, 4, 1, 7, 0), call, STAFF) is None  # none yet
    # After the schedule's end (28 May) its last period stays due for a day, then never again.
    assert due_period(madrid(call, 2021, 5, 29, 20, 0), call, STAFF) == madrid(
        call, 2021, 5, 28, 8, 0
    )
    assert due_period(madrid(call, 2021, 5, 30, 0, 1), call, STAFF) is None
    assert due_period(madrid(call, 2026, 12, 6, 9, 0), call, STAFF) is None


def test_bad_times_are_refused() -> None:
    with pytest.raises(ValueError, match="digest_times"):
        StaffSettings(digest_times=("8am",))
    with pytest.raises(ValueError, match="at least one time"):
        StaffSettings(digest_times=())


# -- rendering (pure) -----------------------------------------------------------------------------


def record(
    ledger: Ledger,
    tag: str,
    *,
    sender: str,
    roles: tuple[str, ...],
    arrival: datetime,
    form_text: str | None = None,
    outcome: Outcome | None = None,
) -> None:
    raw = make_raw(tag)
    docs = {
        role: make_document(f"{role}-{tag}.pdf", text=form_text if role in FORM else None)
        for role in roles
    }
    complete = set(roles) == {"application_form", "letter_of_intent"}
    decision = Decision(
        outcome=outcome or (Outcome.ACCEPTED if complete else Outcome.INCOMPLETE),
        documents=dict(docs),  # type: ignore[arg-type]
        missing=tuple(r for r in ("application_form", "letter_of_intent") if r not in roles),
    )
    intake = make_intake(raw, documents=tuple(docs.values()), from_address=sender, arrival=arrival)
    ledger.record(
        source_key=f"key-{tag}",
        raw=raw,
        intake=intake,
        decision=decision,
        reference=f"T-{tag}",
        reply=make_mail(tag, sender),
        reply_kind="acknowledgement" if complete else "incomplete",
        now=arrival + timedelta(minutes=1),
    )


@pytest.fixture
def filled(ledger: Ledger, call: CallSettings) -> Ledger:
    """Three applicants: one complete over two messages, one incomplete, one late."""
    day = madrid(call, 2021, 5, 18, 10, 0)
    graz = "Name of the city: Graz\nCountry: Austria\n"
    sevilla = "Nombre de la ciudad: Sevilla\nPaís: España"
    both = ("application_form", "letter_of_intent")
    late = call.deadline_utc + timedelta(hours=2)
    record(ledger, "g1", sender="graz@example.at", roles=FORM, arrival=day, form_text=graz)
    next_day = day + timedelta(days=1)
    record(ledger, "g2", sender="graz@example.at", roles=("letter_of_intent",), arrival=next_day)
    record(ledger, "s1", sender="sevilla@x.es", roles=FORM, arrival=next_day, form_text=sevilla)
    record(ledger, "l1", sender="late@example.org", roles=both, arrival=late, outcome=Outcome.LATE)
    return ledger


def parts(mail: EmailMessage) -> dict[str, EmailMessage]:
    return {p.get_content_type(): p for p in mail.walk() if not p.is_multipart()}  # type: ignore[misc]


def test_the_digest_has_every_section_a_chart_and_the_csv(
    filled: Ledger, call: CallSettings, tmp_path: Path
) -> None:
    heartbeat = tmp_path / "heartbeat.json"
    beat = datetime(2021, 5, 20, 7, 59, tzinfo=UTC).isoformat()
    heartbeat.write_text(json.dumps({"intake": beat, "delivery": beat}))
    now = madrid(call, 2021, 5, 22, 8, 0)
    snapshot = take_snapshot(filled, call, now=now, heartbeat=heartbeat)
    renderer = DigestRenderer(call, data_path("templates"))
    raw = renderer.outgoing(snapshot, period_key="digest:test:1", now=now)
    mail = message_from_bytes(raw.data, policy=policy.default)
    assert isinstance(mail, EmailMessage)
    assert mail["To"] == "staff@rrr-cities.example"
    assert "3 applications, 1 complete, 1 incomplete, 1 late, 0 needs review" in mail["Subject"]
    found = parts(mail)
    assert set(found) == {"text/plain", "text/html", "image/png", "text/csv"}
    text = found["text/plain"].get_content().replace("\r\n", "\n")
    html = found["text/html"].get_content()

    assert "The call closed 0 days 9 hours ago" in text  # 22 May 08:00 vs 21 May 23:00
    assert "- graz@example.at (Graz, Austria): complete" in text
    assert "Application form: application_form-g1.pdf (from T-g1)" in text
    assert "Letter of intent: letter_of_intent-g2.pdf (from T-g2)" in text
    assert "- sevilla@x.es (Sevilla, España): incomplete" in text
    assert "missing: Letter of intent" in text
    assert "late@example.org (city and country not found in the form): late" in text
    assert "Outbox backlog:      4 waiting" in text
    assert "Last mailbox check:  2021-05-20 09:59 CEST" in text
    # The day table matches the totals (first message's local day; the chart is drawn from it).
    assert "2021-05-18            1            0            0            0      1" in text
    assert "2021-05-19            0            1            0            0      1" in text
    assert "2021-05-22            0            0            1            0      1" in text
    days = submissions_by_day(snapshot, call)
    assert sum(d.total for d in days) == len(snapshot.applications) == 3

    chart = found["image/png"]
    assert chart.get_payload(decode=True).startswith(b"\x89PNG\r\n\x1a\n")  # type: ignore[union-attr]
    cid = str(chart["Content-ID"]).strip("<>")
    assert f'src="cid:{cid}"' in html
    assert "Graz, Austria" in html

    table = found["text/csv"].get_payload(decode=True)
    assert isinstance(table, bytes)
    assert table.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))
    assert [(r["application"], r["state"], r["city"]) for r in rows] == [
        ("graz@example.at", "complete", "Graz"),
        ("sevilla@x.es", "incomplete", "Sevilla"),
        ("late@example.org", "late", ""),
    ]
    assert rows[0]["letter_of_intent_message"] == "T-g2"
    # The same snapshot, time and period render the very same bytes (a resend is the same mail).
    assert renderer.outgoing(snapshot, period_key="digest:test:1", now=now).data == raw.data


def test_changes_are_those_since_the_previous_digest(filled: Ledger, call: CallSettings) -> None:
    renderer = DigestRenderer(call, data_path("templates"))
    first = madrid(call, 2021, 5, 19, 8, 0)
    key = period_key(call, first)
    filled.enqueue_staff_mail(
        period_key=key,
        kind="digest",
        mail=renderer.outgoing(take_snapshot(filled, call, now=first), period_key=key, now=first),
        now=first,
    )
    later = take_snapshot(filled, call, now=madrid(call, 2021, 5, 22, 8, 0))
    assert later.since == first
    assert [m.reference for m in later.changed] == ["T-g2", "T-s1", "T-l1"]


def test_no_staff_addresses_is_an_error_an_operator_can_fix(call: CallSettings) -> None:
    lonely = call.model_copy(update={"staff": ()})
    renderer = DigestRenderer(lonely, data_path("templates"))
    now = datetime(2021, 5, 20, tzinfo=UTC)
    empty = Snapshot(now, (), {}, None, (), (), Health(None, None, OutboxBacklog(0, None)))
    with pytest.raises(ConfigError, match=r"\[call\] staff"):
        renderer.outgoing(empty, period_key="k", now=now)
    assert renderer.render(empty, period_key="k", now=now)["To"] is None  # printing still works


def test_an_unknown_staff_language_falls_back_to_english(call: CallSettings) -> None:
    assert DigestRenderer(call, data_path("templates"), language="xx").language == "en"


# -- queued once per period -----------------------------------------------------------------------


def test_a_period_is_queued_once_and_a_restart_does_not_queue_it_again(
    filled: Ledger, open_test_ledger: Callable[..., Ledger], call: CallSettings
) -> None:
    renderer = DigestRenderer(call, data_path("templates"))
    job = DigestJob(filled, call, STAFF, renderer)
    at = madrid(call, 2021, 5, 19, 8, 0)
    assert job.run(at) == "digest:rrr-2021:2021-05-19T08:00+02:00"
    assert job.run(at + timedelta(minutes=1)) is None
    # A restarted service (another Ledger on the same database) finds the period already queued.
    again = DigestJob(open_test_ledger("two"), call, STAFF, renderer)
    assert again.run(at + timedelta(hours=3)) is None
    assert len(filled.staff_mails(kind="digest")) == 1


def test_after_downtime_the_latest_missed_period_is_sent_once(
    filled: Ledger, call: CallSettings
) -> None:
    renderer = DigestRenderer(call, data_path("templates"))
    job = DigestJob(filled, call, STAFF, renderer)
    assert job.run(madrid(call, 2021, 5, 18, 8, 5)) is not None
    # Down from 18 May 09:00 to 20 May 12:00: the 19 May 08:00 and 20 May 08:00 periods were
    # missed. On start the latest of them is sent, once; the older one is never sent late.
    back = madrid(call, 2021, 5, 20, 12, 0)
    assert job.run(back) == "digest:rrr-2021:2021-05-20T08:00+02:00"
    for minutes in (1, 2, 60):
        assert job.run(back + timedelta(minutes=minutes)) is None
    assert job.run(madrid(call, 2021, 5, 20, 18, 0)) == "digest:rrr-2021:2021-05-20T18:00+02:00"
    assert [m.period_key for m in filled.staff_mails()] == [
        "digest:rrr-2021:2021-05-18T08:00+02:00",
        "digest:rrr-2021:2021-05-20T08:00+02:00",
        "digest:rrr-2021:2021-05-20T18:00+02:00",
    ]


def test_a_key_taken_by_another_instance_is_not_queued_twice(
    ledger: Ledger, call: CallSettings
) -> None:
    mail = make_mail("digest", "staff@rrr-cities.example")
    now = datetime(2021, 5, 20, tzinfo=UTC)
    assert ledger.enqueue_staff_mail(period_key="digest:x", kind="digest", mail=mail, now=now)
    assert not ledger.enqueue_staff_mail(period_key="digest:x", kind="digest", mail=mail, now=now)
    with pytest.raises(ValueError, match="kind"):
        ledger.enqueue_staff_mail(period_key="digest:y", kind="acknowledgement", mail=mail, now=now)


def test_staff_mail_goes_out_through_the_outbox_once(
    ledger: Ledger, call: CallSettings, tmp_path: Path
) -> None:
    renderer = DigestRenderer(call, data_path("templates"))
    now = madrid(call, 2021, 5, 20, 8, 0)
    assert DigestJob(ledger, call, STAFF, renderer).run(now)
    transport = FileTransport(FileTransportSettings(outbox_dir=tmp_path / "outbox"))
    policy_ = RetryPolicy(max_attempts=3, base_s=1, cap_s=1)
    report = deliver_due(ledger, transport, now=now, policy=policy_)
    assert (report.sent, report.failed) == (1, 0)
    assert deliver_due(ledger, transport, now=now + timedelta(hours=1), policy=policy_).sent == 0
    (sent,) = ledger.staff_mails()
    assert sent.status == "sent"
    (eml,) = (tmp_path / "outbox").glob("*.eml")
    assert b"X-RRR-Digest: digest:rrr-2021:2021-05-20T08:00+02:00" in eml.read_bytes()


# -- migration 0002 -------------------------------------------------------------------------------


def test_migration_0002_keeps_a_0001_ledger_and_goes_back(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import IntegrityError

    from rrr_mailbot.store.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            connection.execute(
                text(
                    "INSERT INTO messages (id, instance, source_key, raw_sha256, reference, "
                    "subject, arrival_source, size_bytes, truncated, outcome, reasons, review, "
                    "missing, created_at) VALUES (1, 'i', 'k', 'aa', 'OLD-1', 's', 'server', 1, "
                    "0, 'accepted', '[]', '[]', '[]', '2021-05-01 10:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO replies (message_id, kind, rfc_message_id, envelope_from, "
                    "recipients, recipient, data, status, attempts, next_attempt_at, created_at) "
                    "VALUES (1, 'acknowledgement', '<r@x>', 'a@x', '[\"b@x\"]', 'b@x', x'00', "
                    "'sent', 1, '2021-05-01 10:00:00', '2021-05-01 10:00:00')"
                )
            )
            # Through 0002 and on to the head this code needs (later revisions add to it).
            command.upgrade(alembic_config(connection), "head")
        ledger = open_ledger_at(url, tmp_path)
        try:
            (old,) = ledger.recorded_messages()
            assert (old.reference, old.reply_status, old.reply_recipient) == (
                "OLD-1",
                "sent",
                "b@x",
            )
            mail = make_mail("digest", "staff@x.org")
            now = datetime(2021, 5, 2, tzinfo=UTC)
            assert ledger.enqueue_staff_mail(
                period_key="digest:p", kind="digest", mail=mail, now=now
            )
        finally:
            ledger.close()
        with engine.begin() as connection:
            # A reply row needs exactly one owner: a message or a period, never neither.
            with (
                pytest.raises(IntegrityError, match=r"CHECK constraint failed"),
                connection.begin_nested(),
            ):
                connection.execute(
                    text(
                        "INSERT INTO replies (kind, rfc_message_id, envelope_from, recipients, "
                        "recipient, data, status, attempts, next_attempt_at, created_at) "
                        "VALUES ('digest', '<n@x>', 'a@x', '[]', 'b@x', x'00', 'pending', 0, "
                        "'2021-05-01', '2021-05-01')"
                    )
                )
            command.downgrade(alembic_config(connection), "0001")
            kinds = connection.execute(text("SELECT kind FROM replies")).scalars().all()
        assert kinds == ["acknowledgement"]  # staff mail cannot live in the old schema
    finally:
        engine.dispose()


def open_ledger_at(url: str, tmp_path: Path) -> Ledger:
    from rrr_mailbot.store import open_ledger

    return open_ledger(url, tmp_path / "store", migrate=False)


def test_failed_replies_and_superseded_files_are_shown(filled: Ledger, call: CallSettings) -> None:
    # Graz sends a corrected form; Sevilla's reply bounced for good.
    later = madrid(call, 2021, 5, 20, 9, 0)
    record(filled, "g3", sender="graz@example.at", roles=FORM, arrival=later, form_text="v2")
    claimed = filled.claim_due_replies(later, 100)
    (item,) = [i for i in claimed if i.mail.recipients == ("sevilla@x.es",)]
    filled.mark_failed(item.id, "550 5.1.1 mailbox unknown", later)
    now = madrid(call, 2021, 5, 20, 10, 0)
    snapshot = take_snapshot(filled, call, now=now)
    text = DigestRenderer(call, data_path("templates")).render(snapshot, period_key="k", now=now)
    body = text.get_body(preferencelist=("plain",))
    assert body is not None
    plain = body.get_content().replace("\r\n", "\n")
    assert "  T-s1  sevilla@x.es  incomplete: 550 5.1.1 mailbox unknown" in plain
    assert "    Application form: application_form-g3.pdf (from T-g3)" in plain
    assert "    1 earlier file(s) replaced by newer ones" in plain
    assert "The call closed" not in plain
    assert "1 days 13 hours left" in plain  # 20 May 10:00 to 21 May 23:00


def test_the_digest_carries_the_eligibility_hints(filled: Ledger, call: CallSettings) -> None:
    """A form from outside the admitted countries and under the minimum population is flagged
    (text, HTML, CSV); the eligible ones (Graz in Austria) are not."""
    day = madrid(call, 2021, 5, 19, 12, 0)
    basel = "Name of the city: Basel\nCountry: Schweiz\nPopulation (2020): 177.654\n"
    record(filled, "b1", sender="basel@bs.ch", roles=FORM, arrival=day, form_text=basel)
    now = madrid(call, 2021, 5, 20, 10, 0)
    snapshot = take_snapshot(filled, call, now=now)
    flags = ("country_not_eligible (Schweiz)", "population_below_minimum (177,654 < 200,000)")
    assert snapshot.hints == {"basel@bs.ch": flags}
    mail = DigestRenderer(call, data_path("templates")).render(snapshot, period_key="k", now=now)
    found = parts(mail)
    plain = found["text/plain"].get_content().replace("\r\n", "\n")
    assert "    eligibility: country_not_eligible (Schweiz)\n" in plain
    assert "    eligibility: population_below_minimum (177,654 < 200,000)\n" in plain
    assert plain.count("eligibility:") == 2
    assert "eligibility: country_not_eligible (Schweiz)<br>" in found["text/html"].get_content()
    table = found["text/csv"].get_payload(decode=True)
    assert isinstance(table, bytes)
    rows = {r["application"]: r for r in csv.DictReader(io.StringIO(table.decode("utf-8-sig")))}
    assert rows["basel@bs.ch"]["eligibility"] == "; ".join(flags)
    assert rows["graz@example.at"]["eligibility"] == ""
