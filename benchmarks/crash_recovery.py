"""Crash recovery, measured: runs of 20 SIGKILLs of `rrr-mailbot run` over 50 applications each,
against a private Dovecot + Postfix on loopback and PostgreSQL (or SQLite), every run with its own
seed; prints each run's figures and the totals (lost replies, duplicates, receipt delays).

The rounds are those of tests/integration/test_service_crash.py (tests/integration/kill_rounds):
kills at random points of start-up and work, the service restarted at once each time, no lease
ever moved by hand.

    python -m benchmarks.crash_recovery [--runs 5] [--kills 20] [--messages 50]
                                        [--database postgresql|sqlite] [--seed 1]
                                        (as root: it starts the servers)
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from benchmarks.mail_runs import mail_server_runs
from tests.integration.kill_rounds import KillFigures, kill_rounds, mixed_applications
from tests.integration.servers import MailServers
from tests.integration.service_helpers import ServiceStack
from tests.support.postgres import fresh_database


def one_run(servers: MailServers, args: argparse.Namespace, run: int, root: Path) -> KillFigures:
    """One run of ``args.kills`` kills over ``args.messages`` fresh applications."""
    workdir = root / f"run-{run}"
    with ExitStack() as stack:
        if args.database == "postgresql":
            url = stack.enter_context(fresh_database(f"rrr_crash_{run}"))
        else:
            url = f"sqlite:///{workdir / 'ledger.sqlite3'}"
        service_stack = ServiceStack.create(servers, url, workdir)
        applications = mixed_applications(service_stack, args.messages)
        return kill_rounds(
            service_stack, applications, kills=args.kills, seed=args.seed + run, say=lambda _: None
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--messages", type=int, default=50)
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    runs = mail_server_runs(
        "rrr-crash-",
        args.runs,
        lambda servers, run, root: one_run(servers, args, run, root),
        lambda run: f"run {run + 1} (seed {args.seed + run})",
    )
    delays = [d for f in runs for d in f.delays_s]
    copies: Counter[int] = Counter()
    for f in runs:
        copies.update(f.copies)
    print(
        f"total on {args.database}: {len(runs)} runs, {sum(f.kills for f in runs)} kills, "
        f"{sum(f.expected_replies for f in runs)} replies expected; lost "
        f"{sum(f.lost for f in runs)}; duplicates {sum(f.duplicates for f in runs)} "
        f"(per run {[f.duplicates for f in runs]}, copies per applicant "
        f"{dict(sorted(copies.items()))}); in-flight resent {sum(f.resent for f in runs)}, "
        f"claims of killed processes sent at once {sum(f.recovered for f in runs)}; receipt "
        f"delay median {statistics.median(delays):.1f} s, p99 "
        f"{statistics.quantiles(delays, n=100)[98]:.1f} s, max {max(delays):.1f} s; broken "
        f"promises {sum(len(f.wrong) for f in runs)}"
    )


if __name__ == "__main__":
    main()
