"""Several instances, measured: three `rrr-mailbot run` on one PostgreSQL database and one Dovecot
mailbox work through a batch of applications while their leader is SIGKILLed again and again (a
fresh instance replaces each one killed) and, optionally, paused with SIGSTOP until a standby has
taken over; prints the takeover times, double decisions and double replies.

The rounds are those of tests/integration/test_several_instances.py
(tests/integration/instance_rounds): takeover is timed on the lease row, from the signal to the
``acquired_at`` of the next holder.

    python -m benchmarks.instances_takeover [--kills 5] [--pauses 1] [--messages 300]
                                            [--instances 3] [--lease-s 5] [--runs 1]
                                            (as root: it starts the servers)
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from benchmarks.mail_runs import mail_server_runs
from tests.integration.instance_rounds import (
    InstanceFigures,
    many_applications,
    several_instances,
)
from tests.integration.servers import MailServers
from tests.integration.service_helpers import ServiceStack
from tests.support.postgres import fresh_database


def one_run(
    servers: MailServers, args: argparse.Namespace, run: int, root: Path
) -> InstanceFigures:
    """``args.kills`` kills and ``args.pauses`` pauses of the leader over fresh applications."""
    rounds = ("kill",) * args.kills + ("pause",) * args.pauses
    with fresh_database(f"rrr_instances_{run}") as url:
        stack = ServiceStack.create(servers, url, root / f"run-{run}")
        applications = many_applications(stack, args.messages)
        return several_instances(
            stack,
            applications,
            rounds=rounds,
            instances=args.instances,
            lease_s=args.lease_s,
            say=lambda line: print(f"  {line}", flush=True),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--pauses", type=int, default=1)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--lease-s", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    runs = mail_server_runs(
        "rrr-instances-", args.runs, lambda servers, run, root: one_run(servers, args, run, root)
    )
    for how in ("kill", "pause"):
        times = [t.seconds for f in runs for t in f.takeovers if t.how == how]
        if times:
            print(
                f"{how}: {len(times)} takeovers with a {args.lease_s:.0f} s lease: median "
                f"{statistics.median(times):.2f} s, max {max(times):.2f} s, "
                f"all {[round(t, 2) for t in times]}"
            )
    print(
        f"total: {sum(f.messages for f in runs)} messages, double decisions "
        f"{sum(f.double_decisions for f in runs)}, decisions by a standby "
        f"{sum(f.standby_decisions for f in runs)}, "
        f"{sum(len(f.wrong) for f in runs)} other broken promises; replies expected "
        f"{sum(f.expected_replies for f in runs)}, lost {sum(f.lost for f in runs)}, double "
        f"replies {sum(f.duplicates for f in runs)} (in-flight resent "
        f"{sum(f.resent for f in runs)}); decided by a woken leader "
        f"{sum(sum(f.after_pause) for f in runs)}"
    )


if __name__ == "__main__":
    main()
