"""Several `rrr-mailbot run` on one PostgreSQL database and one mailbox: the leader is killed
(SIGKILL) or paused (SIGSTOP, then SIGCONT once a standby has taken over) while it works, a fresh
instance replaces each one killed, and the rest finish the work; what reached the applicants.

Shared by tests/integration/test_several_instances.py (one run, asserted) and
benchmarks/instances_takeover.py (more rounds, figures printed). Takeover is measured on the
lease row: from the moment of the kill or pause to the ``acquired_at`` of the next holder.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import signal
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy

from rrr_mailbot.store.leader import LeaderLease, LeaseState
from rrr_mailbot.store.owner import Holder
from tests.integration.kill_rounds import FINISH_S, MIX, KillFigures, _count
from tests.integration.service_helpers import (
    ON_TIME,
    Application,
    ServiceProcess,
    ServiceStack,
    all_answered,
    decisions_by_sender,
    folder_count,
    ledger_messages,
    reply_rows,
    sample_application,
    wait_until,
)

# A decision the pipeline logs for each message (rrr_mailbot.pipeline), or a duplicate it skipped.
_DECIDED = re.compile(r" rrr_mailbot\.pipeline: (accepted|incomplete|late|ignored|duplicate) ")
_BECAME = "became leader"


@dataclass
class Takeover:
    """One leader stopped (``how``: kill or pause) and the seconds until another held the lease."""

    how: str
    seconds: float
    recorded_before: int
    # Whether the next holder took the lease only once the stopped leader's lease had run out.
    after_expiry: bool


@dataclass
class InstanceFigures(KillFigures):
    """KillFigures (decisions, replies, duplicates) plus the takeovers and what each standby
    did while it stood by: ``standby_decisions`` counts messages a process decided before it
    first led, ``after_pause`` those a paused leader decided once it woke (at most the one it
    had in hand)."""

    instances: int = 0
    lease_s: float = 0.0
    takeovers: list[Takeover] = field(default_factory=list)
    standby_decisions: int = 0
    double_decisions: int = 0
    after_pause: list[int] = field(default_factory=list)

    def takeover_summary(self) -> str:
        parts = []
        for how in ("kill", "pause"):
            times = [t.seconds for t in self.takeovers if t.how == how]
            if times:
                parts.append(
                    f"{how}: {len(times)} takeovers, median {statistics.median(times):.2f} s, "
                    f"max {max(times):.2f} s"
                )
        return "; ".join(parts) or "no takeover"

    def summary(self) -> str:
        return (
            f"{self.instances} instances, lease {self.lease_s:.0f} s, {self.messages} messages: "
            f"{self.takeover_summary()}; double decisions {self.double_decisions}; "
            f"{self.expected_replies} replies expected, lost "
            f"{self.lost}, duplicates {self.duplicates} (in-flight resent {self.resent}); "
            f"decided while standing by {self.standby_decisions}, after a pause "
            f"{sum(self.after_pause)}; all done in {self.finished_s:.1f} s"
        )


def many_applications(stack: ServiceStack, messages: int) -> list[Application]:
    """``messages`` applications of kill_rounds.MIX in the submissions mailbox, like
    kill_rounds.mixed_applications but quicker: each kind of sample is built once (that takes
    about 80 ms) and copied with another applicant's address and Message-ID, and all are APPENDed
    over one connection."""
    servers, call = stack.servers, stack.call()
    templates: dict[tuple[str, str], Application] = {}
    applications = []
    for n in range(messages):
        name, late_arrival, expected = MIX[n % len(MIX)]
        arrival = late_arrival or ON_TIME + timedelta(minutes=n)
        template = templates.get((name, expected))
        if template is None:
            template = sample_application(servers, call, name, expected=expected, arrival=arrival)
            templates[name, expected] = application = template
        else:
            sender = servers.new_user("city", "city.test")
            message = message_from_bytes(template.raw, policy=default_policy)
            message_id = f"<copy{n}.{secrets.token_hex(6)}@{sender.domain}>"
            from_header = str(message["From"]).replace(template.sender.address, sender.address)
            del message["From"], message["Message-ID"]
            message["From"], message["Message-ID"] = from_header, message_id
            application = dataclasses.replace(
                template, sender=sender, message_id=message_id, raw=message.as_bytes(),
                arrival=arrival,
            )  # fmt: skip
        applications.append(application)
    with servers.imap(stack.mailbox) as client:
        for application in applications:
            client.append("INBOX", application.raw, msg_time=application.arrival)
    return applications


def lease_state(stack: ServiceStack) -> LeaseState | None:
    ledger = stack.ledger()
    try:
        return LeaderLease(ledger.engine, holder="(test)").current()
    finally:
        ledger.close()


def _pid(state: LeaseState) -> int | None:
    holder = Holder.parse(state.holder)
    return holder.pid if holder is not None else None


def _leader(stack: ServiceStack, services: list[ServiceProcess]) -> ServiceProcess | None:
    state = lease_state(stack)
    if state is None or state.expires_at <= datetime.now(UTC):
        return None
    return next((s for s in services if s.pid == _pid(state) and s.alive()), None)


def several_instances(
    stack: ServiceStack,
    applications: list[Application],
    *,
    rounds: tuple[str, ...],
    instances: int = 3,
    lease_s: float = 5.0,
    say: Callable[[str], None] = print,
) -> InstanceFigures:
    """Run ``instances`` services; for each of ``rounds`` ("kill" or "pause"), once a further
    share of the messages is recorded, stop the leader that way and time the takeover; then let
    the others finish and count."""
    config = stack.write_config(
        mailbox={"fetch_batch_size": 5},
        service={"delivery_interval_s": 1, "leader_lease_s": lease_s},
    )
    figures = InstanceFigures(
        messages=len(applications), kills=rounds.count("kill"), instances=instances, lease_s=lease_s
    )
    began = datetime.now(UTC)
    services: list[ServiceProcess] = []
    names = iter(range(1, 100))

    def start_one() -> None:
        services.append(stack.start(config, log_name=f"instance-{next(names)}.log"))

    try:
        for _ in range(instances):
            start_one()
        for number, how in enumerate(rounds, start=1):
            threshold = len(applications) * number // (len(rounds) + 1)
            wait_until(
                f"{threshold} messages recorded",
                lambda t=threshold: len(ledger_messages(stack)) >= t,  # type: ignore[misc]
                FINISH_S,
            )
            leader = _wait_for_leader(stack, services)
            figures.takeovers.append(_stop_leader(stack, services, leader, how, figures, say))
            if how == "kill":
                start_one()
        wait_until(
            "every applicant answered", lambda: all_answered(stack.servers, applications), FINISH_S
        )
        wait_until(
            "an empty INBOX", lambda: folder_count(stack.servers, stack.mailbox, "INBOX") == 0, 30
        )
        wait_until(
            "an outbox with nothing left to send",
            lambda: {r.status for r in reply_rows(stack).values()} <= {"sent"},
            30,
        )
        figures.finished_s = (datetime.now(UTC) - began).total_seconds()
        time.sleep(2.5)  # a stray second copy would arrive within this
        for service in services:
            if service.alive():
                code, _ = service.stop()
                if code != 0:
                    figures.wrong.append(f"pid {service.pid} exited {code}:\n{service.tail()}")
    finally:
        for service in services:
            if service.alive():
                service.process.send_signal(signal.SIGCONT)
                service.kill()
    for service in services:
        figures.standby_decisions += _decided_before_leading(service.log())
    _count(stack, applications, figures)
    figures.double_decisions = sum(len(d) - 1 for d in decisions_by_sender(stack).values() if d)
    return figures


def _wait_for_leader(stack: ServiceStack, services: list[ServiceProcess]) -> ServiceProcess:
    found: list[ServiceProcess] = []

    def leads() -> bool:
        leader = _leader(stack, services)
        found[:] = [leader] if leader is not None else []
        return bool(found)

    wait_until("a leader", leads, 60)
    return found[0]


def _stop_leader(
    stack: ServiceStack,
    services: list[ServiceProcess],
    leader: ServiceProcess,
    how: str,
    figures: InstanceFigures,
    say: Callable[[str], None],
) -> Takeover:
    recorded = len(ledger_messages(stack))
    stopped_at = datetime.now(UTC)
    if how == "kill":
        leader.kill()
    else:
        leader.process.send_signal(signal.SIGSTOP)
    # Stopped, the leader renews no more (a renewal in flight holds the row lock and is rolled
    # back by the server); a standby may have taken over already.
    before = lease_state(stack)
    assert before is not None
    last_expiry = before.expires_at if _pid(before) == leader.pid else None

    def taken() -> bool:
        state = lease_state(stack)
        return state is not None and _pid(state) != leader.pid

    wait_until(f"a standby to take over from pid {leader.pid}", taken, 60)
    after = lease_state(stack)
    assert after is not None
    takeover = Takeover(
        how,
        (after.acquired_at - stopped_at).total_seconds(),
        recorded,
        last_expiry is not None and after.acquired_at >= last_expiry,
    )
    if how == "pause":
        log_size = len(leader.log())
        leader.process.send_signal(signal.SIGCONT)
        leader.wait_for_log(r"lost leadership", timeout_s=30)
        # A woken leader may finish the one message it had in hand, and no other.
        decided = len(_DECIDED.findall(leader.log()[log_size:]))
        figures.after_pause.append(decided)
    say(
        f"{how} of leader pid {leader.pid} after {recorded}/{len(ledger_messages(stack))} "
        f"messages: taken over in {takeover.seconds:.2f} s"
    )
    return takeover


def _decided_before_leading(log: str) -> int:
    """Messages a process decided before it first became leader (a standby must decide none)."""
    first_lead = log.find(_BECAME)
    head = log if first_lead < 0 else log[:first_lead]
    return len(_DECIDED.findall(head))
