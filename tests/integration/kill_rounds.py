"""SIGKILL rounds: `rrr-mailbot run` killed at random points while it works through a batch of
applications, restarted at once each time, then left to finish; what reached the applicants.

Shared by tests/integration/test_service_crash.py (one run, asserted) and
benchmarks/crash_recovery.py (many runs, figures printed). Nothing here waits for a reply lease:
the restarted service must take over a killed process's claims by itself.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rrr_mailbot.errors import SchemaError
from rrr_mailbot.store.schema import EventRow, ReplyRow
from tests.integration.service_helpers import (
    AFTER_DEADLINE,
    ON_TIME,
    Application,
    ServiceStack,
    all_answered,
    append_all,
    decisions_by_sender,
    folder_count,
    ledger_messages,
    replies_for,
    reply_rows,
    sample_application,
    wait_until,
)

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
# Time the last run gets to answer everyone: far below the 300 s reply lease, so a reply held
# back by a killed process's lease fails the run.
FINISH_S = 90.0

_LINE = re.compile(r"^\S+ \S+ (?:INFO|WARNING|ERROR) (rrr_mailbot\.[\w.]+): (.*)$")


def _last_action(log: str) -> str:
    """The last thing the service said it did: where the kill landed."""
    for line in reversed(log.splitlines()):
        match = _LINE.match(line)
        if match:
            return f"{match.group(1).removeprefix('rrr_mailbot.')}: {match.group(2)[:90]}"
    return "(start-up: nothing logged yet)"


@dataclass
class KillFigures:
    """What one run of kill rounds did and what reached the applicants.

    ``delays_s`` holds, per reply, the seconds from its queueing to the commit of its send (the
    receipt delay, restarts included); ``recovered`` counts claims of a killed process that had
    not reached the server and were sent at once, ``resent`` the in-flight ones sent again;
    ``wrong`` lists broken promises other than lost replies (a message decided twice or wrongly,
    a copy that is not the same message, a message left in the INBOX).
    """

    messages: int
    kills: int
    expected_replies: int = 0
    lost: int = 0
    duplicates: int = 0
    copies: Counter[int] = field(default_factory=Counter)
    delays_s: list[float] = field(default_factory=list)
    recovered: int = 0
    resent: int = 0
    killing_s: float = 0.0
    finished_s: float = 0.0
    working_s: float = 0.0
    kill_points: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def max_delay_s(self) -> float:
        return max(self.delays_s, default=0.0)

    def summary(self) -> str:
        median = statistics.median(self.delays_s) if self.delays_s else 0.0
        return (
            f"{self.kills} kills over {self.messages} messages: {self.expected_replies} replies "
            f"expected, lost {self.lost}, duplicates {self.duplicates} (copies per applicant "
            f"{dict(sorted(self.copies.items()))}); claims of killed processes sent at once "
            f"{self.recovered}, in-flight resent {self.resent}; receipt delay median "
            f"{median:.1f} s, max {self.max_delay_s:.1f} s; all done {self.finished_s:.1f} s "
            f"after the first start ({self.messages / self.working_s * 60:.0f} messages/min of "
            f"running time)"
        )


def mixed_applications(stack: ServiceStack, messages: int) -> list[Application]:
    """``messages`` applications of the MIX, APPENDed to the submissions mailbox."""
    call = stack.call()
    applications = []
    for n in range(messages):
        name, arrival, expected = MIX[n % len(MIX)]
        applications.append(
            sample_application(
                stack.servers,
                call,
                name,
                expected=expected,
                arrival=arrival or ON_TIME + timedelta(minutes=n),
            )
        )
    append_all(stack.servers, stack.mailbox, applications)
    return applications


def kill_rounds(
    stack: ServiceStack,
    applications: list[Application],
    *,
    kills: int,
    seed: int,
    say: Callable[[str], None] = print,
) -> KillFigures:
    """Start, SIGKILL ``kills`` times at random points, then let one run finish; measure."""
    servers = stack.servers
    # Batches of 3: a kill lands in the middle of a fetched batch more often than not.
    config = stack.write_config(mailbox={"fetch_batch_size": 3})
    rng = random.Random(seed)
    figures = KillFigures(messages=len(applications), kills=kills)
    began = time.monotonic()
    for kill in range(1, kills + 1):
        with stack.start(config, log_name="service.log") as service:
            if rng.random() < STARTUP_KILL_SHARE:
                delay = rng.uniform(*STARTUP_WINDOW_S)
                phase = "after exec"
            else:
                service.wait_for_log(r"service started", timeout_s=30)
                delay = rng.uniform(*WORK_WINDOW_S)
                phase = "after 'service started'"
                figures.working_s += delay
            time.sleep(delay)
            assert service.alive(), service.tail()
            service.kill()
            where = _last_action(service.log())
        point = (
            f"kill {kill:2d}: {delay:.3f} s {phase}; claims left {_claims_left(stack)}; recorded "
            f"so far {len(ledger_messages(stack))}/{len(applications)}; last: {where}"
        )
        figures.kill_points.append(point)
        say(point)
    figures.killing_s = time.monotonic() - began

    with stack.start(config, log_name="service.log") as service:
        service.wait_for_log(r"service started", timeout_s=30)
        final_started = time.monotonic()
        wait_until(
            "every applicant answered",
            lambda: all_answered(servers, applications),
            FINISH_S,
            service,
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
        figures.finished_s = time.monotonic() - began
        figures.working_s += time.monotonic() - final_started
        time.sleep(2.5)  # a stray second copy would arrive within this
        code, _ = service.stop()
    if code != 0:
        figures.wrong.append(f"the last run exited {code}:\n{service.tail()}")
    _count(stack, applications, figures)
    return figures


def _claims_left(stack: ServiceStack) -> int:
    """Replies a killed process left claimed ('sending')."""
    try:
        ledger = stack.ledger()
    except SchemaError:
        return 0  # killed before its first migration: no outbox yet
    try:
        return ledger.outbox_counts().get("sending", 0)
    finally:
        ledger.close()


def _count(stack: ServiceStack, applications: list[Application], figures: KillFigures) -> None:
    servers = stack.servers
    decided = decisions_by_sender(stack)
    if sum(len(v) for v in decided.values()) != len(applications):
        figures.wrong.append(f"{sum(len(v) for v in decided.values())} decisions recorded")
    for application in applications:
        if decided.get(application.sender.address) != [application.expected]:
            figures.wrong.append(
                f"{application.label}: decided {decided.get(application.sender.address)}"
            )
    for folder, count in (("INBOX", 0), ("Processed", len(applications))):
        if folder_count(servers, stack.mailbox, folder) != count:
            figures.wrong.append(f"{folder} does not hold {count} messages")

    rows = reply_rows(stack)
    for application in applications:
        replies = replies_for(servers, application.sender)
        if not application.answered:
            if replies:
                figures.wrong.append(f"{application.label}: answered an auto-reply")
            continue
        figures.expected_replies += 1
        if not replies:
            figures.lost += 1
            continue
        figures.copies[len(replies)] += 1
        figures.duplicates += len(replies) - 1
        seen = {
            (str(r["Message-ID"]), str(r["X-RRR-Decision"]), str(r["In-Reply-To"])) for r in replies
        }
        wanted = (
            rows[application.sender.address].message_id,
            application.expected,
            application.message_id,
        )
        if seen != {wanted}:
            figures.wrong.append(f"{application.label}: copies differ: {sorted(seen)}")

    ledger = stack.ledger()
    try:
        with Session(ledger.engine) as session:
            for created, sent in session.execute(
                select(ReplyRow.created_at, ReplyRow.sent_at).where(ReplyRow.sent_at.is_not(None))
            ):
                figures.delays_s.append((sent - created).total_seconds())
            actions = dict(
                session.execute(
                    select(EventRow.action, func.count(EventRow.id)).group_by(EventRow.action)
                ).all()
            )
    finally:
        ledger.close()
    figures.recovered = actions.get("reply_claim_recovered", 0)
    figures.resent = actions.get("reply_lease_expired", 0)
