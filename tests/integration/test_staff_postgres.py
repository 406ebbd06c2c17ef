"""The staff commands' ledger work on the machine's PostgreSQL: the links table's migration
(0003) there and back with data in place, a link honoured by the snapshot, a resend that never
makes two pending replies, and a new decision that replaces a message's document rows.

Each test gets a database of its own, dropped afterwards (tests/support/postgres.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from rrr_mailbot.config import load_settings
from rrr_mailbot.model import Decision, Outcome
from rrr_mailbot.staff.queries import take_snapshot
from rrr_mailbot.store import open_ledger
from rrr_mailbot.store.database import alembic_config
from tests.support.postgres import fresh_database
from tests.unit.test_store import NOW, make_document, make_intake, make_mail, make_raw, record_one

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database("rrr_test") as url:
        yield url


def test_links_migration_round_trip_keeps_the_ledger(pg_url: str, tmp_path: Path) -> None:
    ledger = open_ledger(pg_url, tmp_path / "store", instance="one")
    try:
        record_one(ledger, "a", to="office@graz.at")
        assert ledger.add_link("mayor@graz.at", "ana@city.example", "T-a", NOW)
        assert not ledger.add_link("mayor@graz.at", "ana@city.example", "T-a", NOW)
        assert ledger.links() == {"mayor@graz.at": "ana@city.example"}
    finally:
        ledger.close()
    engine = create_engine(pg_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0002")
            assert "links" not in inspect(connection).get_table_names()
            assert connection.execute(text("SELECT reference FROM messages")).scalars().all() == [
                "T-a"
            ]
            command.upgrade(alembic_config(connection), "head")
            assert "links" in inspect(connection).get_table_names()
    finally:
        engine.dispose()
    ledger = open_ledger(pg_url, tmp_path / "store", instance="one", migrate=False)
    try:
        assert ledger.links() == {}  # the links went with their table; the messages stayed
        assert [m.reference for m in ledger.recorded_messages()] == ["T-a"]
        assert ledger.add_link("mayor@graz.at", "ana@city.example", "T-a", NOW)
    finally:
        ledger.close()


def test_links_resend_and_redecide_on_postgres(pg_url: str, tmp_path: Path) -> None:
    call = load_settings(None).call
    ledger = open_ledger(pg_url, tmp_path / "store", instance="one")
    try:
        record_one(ledger, "a")
        raw = make_raw("b")
        letter = make_document("letter-b.pdf")
        intake = make_intake(raw, documents=(letter,), from_address="mayor@graz.at")
        ledger.record(
            source_key="key-b", raw=raw, intake=intake,
            decision=Decision(outcome=Outcome.INCOMPLETE, documents={"letter_of_intent": letter},
                              missing=("application_form",)),
            reference="T-b", reply=make_mail("b", "mayor@graz.at"), reply_kind="incomplete",
            now=NOW + timedelta(minutes=5),
        )  # fmt: skip
        keys = {a.key for a in take_snapshot(ledger, call, now=NOW).applications}
        assert keys == {"ana@city.example", "mayor@graz.at"}
        ledger.add_link("mayor@graz.at", "ana@city.example", "T-a", NOW)
        (joined,) = take_snapshot(ledger, call, now=NOW).applications
        assert joined.references == ("T-a", "T-b")

        later = NOW + timedelta(hours=1)
        mail = make_mail("b-resend", "mayor@graz.at")
        # The first reply is still pending: no second one beside it.
        assert ledger.queue_followup("T-b", label="resend", kind="incomplete", mail=mail,
                                     now=later) is None  # fmt: skip
        for item in ledger.claim_due_replies(later, 10):
            ledger.mark_sent(item.id, later)
        key = ledger.queue_followup("T-b", label="resend", kind="incomplete", mail=mail, now=later)
        assert key == "T-b:resend:1"
        assert [r.label for r in ledger.replies_to("T-b")] == ["reply", "resend"]

        form = make_document("form-b.pdf")
        both = make_intake(raw, documents=(form, letter), from_address="mayor@graz.at")
        decision = Decision(
            outcome=Outcome.ACCEPTED,
            documents={"application_form": form, "letter_of_intent": letter},
        )
        ledger.redecide("T-b", intake=both, decision=decision, detail="was: incomplete",
                        reply=None, now=later)  # fmt: skip
        stored = ledger.stored_message("T-b")
        assert stored is not None and stored.outcome is Outcome.ACCEPTED
        assert stored.documents == {"application_form": "form-b.pdf",
                                    "letter_of_intent": "letter-b.pdf"}  # fmt: skip
        assert [e.action for e in ledger.events_of("T-b")][-1] == "reprocessed"
    finally:
        ledger.close()
