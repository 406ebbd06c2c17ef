"""Crashes: `rrr-mailbot run` SIGKILLed twenty times at random points while it works through 50
applications, restarted each time, then left to finish.

The guarantees under test (rrr_mailbot.pipeline and rrr_mailbot.store): a message is marked
processed only after its decision and reply are committed, so a crash never loses a message nor
decides it twice; a reply is claimed and committed before it is handed to SMTP, so a crash loses
no reply and causes at most one extra copy (same Message-ID) per crash.

The outbox lease is five minutes: a reply claimed by a killed process waits that long before
another process sends it. The test does not wait five minutes per crash; before each restart it
moves the end of every 'sending' lease to now (``expire_reply_leases``), which is what the
passing of time would do, and leaves the rest to the service.

The seed comes from RRR_CRASH_SEED (default: a fixed one) and is printed with every kill point.
"""

from __future__ import annotations

import os
import random
import re
import time
from collections import Counter
from datetime import timedelta

import pytest

from tests.integration.service_helpers import (
    AFTER_DEADLINE,
    ON_TIME,
    Application,
    ServiceStack,
    all_answered,
    append_all,
    decisions_by_sender,
    expire_reply_leases,
    folder_count,
    ledger_messages,
    replies_for,
    reply_rows,
    sample_application,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

MESSAGES = 50
KILLS = 20
SEED = int(os.environ.get("RRR_CRASH_SEED", "20210521"))
# Where the samples go: (demo sample, INTERNALDATE, expected decision); cycled through.
MIX = (
    ("complete", None, "accepted"),
    ("missing letter", None, "incomplete"),
    ("zip archive", None, "accepted"),
    ("complete", AFTER_DEADLINE, "late"),
    ("forwarded letter", None, "accepted"),
    ("auto-reply", None, "ignored"),
    ("Outlook winmail.dat", None, "accepted"),
)
# One kill in this many comes during start-up (imports, migration check, IMAP login, SMTP
# check); the others come after 'service started', while it fetches, decides, records, moves
# and sends.
STARTUP_KILL_SHARE = 0.2
WORK_WINDOW_S = (0.0, 0.3)
STARTUP_WINDOW_S = (0.05, 0.7)

_LINE = re.compile(r"^\S+ \S+ (?:INFO|WARNING|ERROR) (rrr_mailbot\.[\w.]+): (.*)$")


def _last_action(log: str) -> str:
    """The last thing the service said it did: where the kill landed."""
    for line in reversed(log.splitlines()):
        match = _LINE.match(line)
        if match:
            return f"{match.group(1).removeprefix('rrr_mailbot.')}: {match.group(2)[:90]}"
    return "(start-up: nothing logged yet)"


def test_sigkill_twenty_times_loses_nothing_and_answers_once(stack: ServiceStack) -> None:
    servers, call = stack.servers, stack.call()
    applications: list[Application] = []
    for n in range(MESSAGES):
        name, arrival, expected = MIX[n % len(MIX)]
        applications.append(
            sample_application(
                servers,
                call,
                name,
                expected=expected,
                arrival=arrival or ON_TIME + timedelta(minutes=n),
            )
        )
    append_all(servers, stack.mailbox, applications)
    assert folder_count(servers, stack.mailbox, "INBOX") == MESSAGES
    # Batches of 3: a kill lands in the middle of a fetched batch more often than not.
    config = stack.write_config(mailbox={"fetch_batch_size": 3})
    rng = random.Random(SEED)
    print(f"\ncrash test seed {SEED} (set RRR_CRASH_SEED to replay another)")

    began = time.monotonic()
    working_s = 0.0  # time between 'service started' and the kill, summed over the runs
    kill_points: list[str] = []
    for kill in range(1, KILLS + 1):
        released = expire_reply_leases(stack)
        with stack.start(config, log_name="service.log") as service:
            if rng.random() < STARTUP_KILL_SHARE:
                delay = rng.uniform(*STARTUP_WINDOW_S)
                phase = "after exec"
            else:
                service.wait_for_log(r"service started", timeout_s=30)
                delay = rng.uniform(*WORK_WINDOW_S)
                phase = "after 'service started'"
                working_s += delay
            time.sleep(delay)
            assert service.alive(), service.tail()
            service.kill()
            where = _last_action(service.log())
        recorded = len(ledger_messages(stack))
        point = (
            f"kill {kill:2d}: {delay:.3f} s {phase}; leases released before start {released}; "
            f"recorded so far {recorded}/{MESSAGES}; last: {where}"
        )
        kill_points.append(point)
        print(point)
    killing_s = time.monotonic() - began

    # Let it finish: the leases of the last kill's claims are released as time would.
    expire_reply_leases(stack)
    with stack.start(config, log_name="service.log") as service:
        service.wait_for_log(r"service started", timeout_s=30)
        final_started = time.monotonic()
        wait_until(
            "every applicant answered", lambda: all_answered(servers, applications), 90, service
        )
        wait_until(
            "an empty INBOX",
            lambda: folder_count(servers, stack.mailbox, "INBOX") == 0,
            30,
            service,
        )
        wait_until(
            "an outbox with nothing left to send",
            lambda: {r.status for r in reply_rows(stack).values()} <= {"sent"},
            30,
            service,
        )
        finished_s = time.monotonic() - began
        working_s += time.monotonic() - final_started
        time.sleep(2.5)  # a stray second copy would arrive within this
        code, _ = service.stop()
    assert code == 0, service.tail()

    # Every message decided exactly once, as expected.
    decided = decisions_by_sender(stack)
    assert sum(len(v) for v in decided.values()) == MESSAGES
    for application in applications:
        assert decided.get(application.sender.address) == [application.expected], application.label
    # Nothing left unprocessed in the mailbox.
    assert folder_count(servers, stack.mailbox, "INBOX") == 0
    assert folder_count(servers, stack.mailbox, "Processed") == MESSAGES

    # No reply lost; copies only as the guarantee allows, and always the same message.
    rows = reply_rows(stack)
    duplicates = 0
    copies: Counter[int] = Counter()
    for application in applications:
        replies = replies_for(servers, application.sender)
        if not application.answered:
            assert replies == [], application.label
            continue
        assert len(replies) >= 1, f"{application.label}: reply lost"
        copies[len(replies)] += 1
        duplicates += len(replies) - 1
        assert {str(r["Message-ID"]) for r in replies} == {
            rows[application.sender.address].message_id
        }
        assert {str(r["X-RRR-Decision"]) for r in replies} == {application.expected}
        assert {str(r["In-Reply-To"]) for r in replies} == {application.message_id}
    answered = sum(1 for a in applications if a.answered)
    print(
        f"{KILLS} kills in {killing_s:.1f} s, all done {finished_s:.1f} s after the first start; "
        f"throughput {MESSAGES / finished_s * 60:.0f} messages/min including restarts, "
        f"{MESSAGES / working_s * 60:.0f} messages/min of running time ({working_s:.1f} s); "
        f"{answered} replies expected, duplicates {duplicates} (copies per applicant: "
        f"{dict(sorted(copies.items()))})"
    )
    assert duplicates <= KILLS
