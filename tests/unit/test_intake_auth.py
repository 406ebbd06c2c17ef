"""Authentication-Results: what our receiving server said of the sender (SPF, DKIM, DMARC) is
read from the topmost header only, recorded for staff, flagged when DMARC failed, and (with the
call's setting) a sender that failed DMARC gets no acknowledgement."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.intake import parse_message
from rrr_mailbot.model import Outcome
from rrr_mailbot.store import open_ledger
from tests.unit.test_decide import NOW, make_intake

OURS = (
    "mx.rrr-cities.example; spf=pass smtp.mailfrom=city.example; "
    "dkim=fail (signature did not verify) header.d=city.example header.s=s1; "
    "dmarc=fail (p=reject dis=none) header.from=city.example"
)
FORGED_LOWER = "mx.rrr-cities.example; spf=pass; dkim=pass; dmarc=pass"


def message(*results: str) -> bytes:
    mail = EmailMessage()
    for value in results:
        mail["Authentication-Results"] = value
    mail["From"] = "ana@city.example"
    mail["To"] = "peerlearning@rrr-cities.example"
    mail["Subject"] = "Application"
    mail.set_content("Hello")
    return mail.as_bytes()


def results_of(raw: bytes, call: CallSettings) -> tuple[tuple[str, str], ...]:
    return parse_message(raw, call, arrival=None, size_bytes=len(raw)).authentication


def test_the_topmost_header_is_read_with_comments_and_properties_left_out(
    call: CallSettings,
) -> None:
    assert results_of(message(OURS, FORGED_LOWER), call) == (
        ("spf", "pass"),
        ("dkim", "fail"),
        ("dmarc", "fail"),
    )


@pytest.mark.parametrize(
    "value",
    ["", "mx.example; none", "garbage without structure", "mx.example 1; x=y; (only a comment)"],
)
def test_headers_that_say_nothing_give_nothing(call: CallSettings, value: str) -> None:
    assert results_of(message(value), call) == ()
    assert results_of(message(), call) == ()


def test_a_dmarc_failure_is_flagged_and_answered_unless_the_call_says_otherwise(
    call: CallSettings,
) -> None:
    failing = make_intake(authentication=(("spf", "pass"), ("dmarc", "fail")))
    flagged = decide(failing, call, NOW)
    assert flagged.outcome is Outcome.ACCEPTED and "dmarc_fail" in flagged.review
    assert flagged.withhold_reply is None
    assert not any("DMARC" in reason for reason in flagged.reasons)  # not told to the applicant
    strict = call.model_copy(update={"withhold_reply_on_dmarc_fail": True})
    withheld = decide(failing, strict, NOW)
    assert withheld.withhold_reply is not None and "DMARC" in withheld.withhold_reply
    passing = decide(replace(failing, authentication=(("dmarc", "pass"),)), strict, NOW)
    assert passing.withhold_reply is None and "dmarc_fail" not in passing.review


def test_the_results_are_recorded_for_staff(call: CallSettings, tmp_path: Path) -> None:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'l.sqlite3'}", tmp_path / "store")
    try:
        raw = message(OURS)
        intake = parse_message(raw, call, arrival=datetime(2021, 5, 20, tzinfo=UTC))
        decision = decide(intake, call, NOW)
        ledger.record(
            source_key="k",
            raw=raw,
            intake=intake,
            decision=decision,
            reference="T-AUTH",
            reply=None,
            reply_kind=None,
            now=NOW,
        )
        details = [e.detail for e in ledger.events_of("T-AUTH") if e.action == "authentication"]
        assert details == ["spf=pass dkim=fail dmarc=fail"]
    finally:
        ledger.close()
