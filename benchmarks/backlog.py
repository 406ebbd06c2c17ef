"""Deadline-day backlog, measured: rrr-mailbot against the IMAP read limit and a naive peer.

Starts a private Dovecot + Postfix on loopback (the integration fixtures), and in each round, for
each of three systems in turn (the order rotates from round to round), fills a fresh submissions
mailbox with N realistic applications (benchmarks/backlog_mail.py: text PDFs and Word forms,
every file byte-unique; complete, incomplete, late and auto-replies; APPENDed with INTERNALDATE):

- service: `rrr-mailbot run --once` (IMAPS + SMTP submission + PostgreSQL or SQLite, OCR as
  configured), repeated while work is left, timed to the last reply in the applicants' mailboxes;
  peak RSS from the kernel (wait4) per process, decisions checked against the expected ones;
- limit: imapclient over IMAPS, BODYSTRUCTURE of every message, then FETCH of only the document
  parts (no decisions, no replies): what reading the backlog costs at least;
- peer: a naive bot (imap_tools fetch of each whole message, attachment count, one smtplib reply
  to every sender over one SMTP session), timed to the last reply in the applicants' mailboxes.

Prints medians over the rounds and the ratios. Needs imap_tools for the peer (not a dependency of
the package):

    pip install imap-tools
    python -m benchmarks.backlog [--messages 300] [--rounds 3] [--database postgresql|sqlite]
                                 [--profile FILE]        (as root: it starts the servers)

With --profile, one more service round runs after the timed ones, its first `run --once` under
cProfile; its top functions are printed (the statistics are written to FILE).
"""

from __future__ import annotations

import argparse
import os
import pstats
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from imapclient import IMAPClient

from benchmarks.backlog_mail import BacklogMessage, backlog
from rrr_mailbot.config import ImapSettings
from tests.integration.servers import MailServers, MailUser, tls_context
from tests.integration.service_helpers import ServiceStack, decisions_by_sender, folder_count
from tests.support.postgres import fresh_database

SYSTEMS = ("service", "limit", "peer")
LAND_TIMEOUT_S = 600.0
MAX_PASSES = 200


@dataclass
class Figures:
    """One system's timing in one round."""

    seconds: float
    peak_rss_mb: float = 0.0
    passes: int = 0
    wrong: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Round:
    """What one system gets in one round: the servers, its submissions mailbox, the backlog."""

    servers: MailServers
    mailbox: MailUser
    messages: list[BacklogMessage]
    workdir: Path


# ------------------------------------------------------------------------------------ setup


def fill(servers: MailServers, mailbox: MailUser, messages: list[BacklogMessage]) -> None:
    """APPEND the backlog over one connection, each message with its INTERNALDATE."""
    with servers.imap(mailbox) as client:
        for message in messages:
            client.append("INBOX", message.raw, msg_time=message.arrival)


def wait_for_replies(servers: MailServers, expected: dict[str, int], began: float) -> float:
    """Seconds from ``began`` until every applicant's INBOX holds its expected replies."""
    waiting = dict(expected)
    deadline = time.perf_counter() + LAND_TIMEOUT_S
    while waiting:
        waiting = {
            address: count
            for address, count in waiting.items()
            if len(servers.message_files(address)) < count
        }
        if waiting and time.perf_counter() > deadline:
            raise SystemExit(f"{len(waiting)} replies never arrived (see the Postfix log)")
        if waiting:
            time.sleep(0.02)
    return time.perf_counter() - began


# ------------------------------------------------------------------------------------ the service


def run_service(
    work: Round, database_url: str, profile: Path | None, say: Callable[[str], None]
) -> Figures:
    """`rrr-mailbot run --once` until nothing is left to fetch or send; to the last reply."""
    stack = ServiceStack(work.servers, work.mailbox, database_url, work.workdir)
    default_batch = ImapSettings.model_fields["fetch_batch_size"].default
    config = stack.write_config(mailbox={"idle": False, "fetch_batch_size": default_batch})
    env = stack.env()
    peak_kb = 0
    passes = 0
    began = time.perf_counter()
    while True:
        argv = stack.command(config, "--once")
        if profile is not None and passes == 0:
            argv[1:3] = ["-m", "cProfile", "-o", str(profile), "-m", "rrr_mailbot.cli"]
        log = (work.workdir / f"pass-{passes}.log").open("wb")
        with log:
            process = subprocess.Popen(
                argv, cwd=work.workdir, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
            _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        passes += 1
        peak_kb = max(peak_kb, usage.ru_maxrss)
        if process.returncode != 0:
            tail = (work.workdir / f"pass-{passes - 1}.log").read_text(errors="replace")[-2000:]
            raise SystemExit(f"run --once exited {process.returncode}:\n{tail}")
        if folder_count(work.servers, work.mailbox, "INBOX") == 0 and not pending(stack):
            break
        if passes >= MAX_PASSES:
            raise SystemExit(f"the service left work after {MAX_PASSES} passes")
    passes_s = time.perf_counter() - began
    expected = {m.sender: 1 for m in work.messages if m.answered}
    seconds = wait_for_replies(work.servers, expected, began)
    decided = decisions_by_sender(stack)
    wrong = sum(1 for m in work.messages if decided.get(m.sender) != [m.expected])
    extra = sum(1 for m in work.messages if len(work.servers.message_files(m.sender)) > 1)
    figures = Figures(seconds, peak_kb / 1024, passes, wrong + extra)
    figures.notes.append(
        f"`run --once` {passes_s:.2f} s, the last reply landed {seconds - passes_s:.2f} s later"
    )
    if wrong or extra:
        figures.notes.append(f"{wrong} wrong decisions, {extra} duplicate replies")
    say(f"    service: {passes} passes")
    return figures


def pending(stack: ServiceStack) -> int:
    """Replies the ledger still has to send."""
    ledger = stack.ledger()
    try:
        counts = ledger.outbox_counts()
    finally:
        ledger.close()
    return sum(n for status, n in counts.items() if status not in ("sent", "cancelled"))


# ------------------------------------------------------------------------------------ the limit


@contextmanager
def imaps(servers: MailServers, user: MailUser) -> Iterator[IMAPClient]:
    client = IMAPClient(
        servers.imap_host,
        servers.imaps_port,
        ssl=True,
        ssl_context=tls_context(servers.ca_file),
        timeout=60,
    )
    try:
        client.login(user.address, user.password)
        yield client
    finally:
        client.logout()


def document_parts(structure: Any, prefix: str = "") -> list[str]:
    """Part numbers of the non-text leaves (the documents) in an IMAP BODYSTRUCTURE."""
    if structure.is_multipart:
        children = structure[0]
        return [
            part
            for n, child in enumerate(children, start=1)
            for part in document_parts(child, f"{prefix}{n}.")
        ]
    maintype = structure[0].decode().lower() if isinstance(structure[0], bytes) else ""
    number = prefix.rstrip(".") or "1"
    return [number] if maintype in ("application", "image") else []


def run_limit(work: Round, batch: int = 100) -> Figures:
    """BODYSTRUCTURE of every message, then FETCH of only its document parts, batched."""
    began = time.perf_counter()
    fetched = 0
    with imaps(work.servers, work.mailbox) as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        structures = client.fetch(uids, ["BODYSTRUCTURE"])
        by_parts: dict[tuple[str, ...], list[int]] = {}
        for uid, data in structures.items():
            parts = tuple(document_parts(data[b"BODYSTRUCTURE"]))
            if parts:
                by_parts.setdefault(parts, []).append(uid)
        for parts, group in by_parts.items():
            items = [f"BODY.PEEK[{p}]" for p in parts]
            for start in range(0, len(group), batch):
                for data in client.fetch(group[start : start + batch], items).values():
                    fetched += sum(len(v) for k, v in data.items() if k.startswith(b"BODY["))
    figures = Figures(time.perf_counter() - began)
    figures.notes.append(f"{fetched / 1e6:.1f} MB of document parts read")
    return figures


# ------------------------------------------------------------------------------------ the peer


def run_peer(work: Round) -> Figures:
    """What a naive bot does: every whole message, count its attachments, reply to everyone."""
    from imap_tools import MailBox  # the benchmark's own need: pip install imap-tools

    servers = work.servers
    began = time.perf_counter()
    with (
        MailBox(
            servers.imap_host, servers.imaps_port, ssl_context=tls_context(servers.ca_file)
        ).login(work.mailbox.address, work.mailbox.password) as box,
        smtplib.SMTP(servers.smtp_host, servers.smtp_port, timeout=60) as smtp,
    ):
        smtp.starttls(context=tls_context(servers.ca_file))
        for message in box.fetch(mark_seen=False):
            reply = EmailMessage()
            reply["From"] = work.mailbox.address
            reply["To"] = message.from_
            reply["Subject"] = f"Re: {message.subject}"
            reply["In-Reply-To"] = message.obj.get("Message-ID", "")
            reply.set_content(
                f"We received your message with {len(message.attachments)} attachment(s)."
            )
            smtp.send_message(reply)
    seconds = wait_for_replies(servers, {m.sender: 1 for m in work.messages}, began)
    # It answers auto-replies and late mail alike, and cannot tell complete from incomplete.
    wrong = sum(1 for m in work.messages if m.expected != "accepted")
    figures = Figures(seconds, wrong=wrong)
    figures.notes.append(f"{wrong} replies that say nothing right (auto-replies, late, incomplete)")
    return figures


# ------------------------------------------------------------------------------------ the run


def new_round(
    servers: MailServers, count: int, seed: int, workdir: Path, call_stack: ServiceStack
) -> Round:
    mailbox = servers.new_user("submissions", "rrr.test")
    senders = [servers.new_user("city", "city.test").address for _ in range(count)]
    call = call_stack.call().model_copy(update={"reply_from": mailbox.address})
    messages = backlog(count, senders, call, seed=seed)
    fill(servers, mailbox, messages)
    workdir.mkdir(parents=True, exist_ok=True)
    return Round(servers, mailbox, messages, workdir)


def service_round(
    args: argparse.Namespace,
    work: Round,
    database: str,
    profile: Path | None,
    say: Callable[[str], None],
) -> Figures:
    """The service on a fresh PostgreSQL database or SQLite file."""
    if args.database == "postgresql":
        with fresh_database(database) as url:
            return run_service(work, url, profile, say)
    return run_service(work, f"sqlite:///{work.workdir / 'ledger.sqlite3'}", profile, say)


def measure(
    args: argparse.Namespace, root: Path, say: Callable[[str], None]
) -> tuple[dict[str, list[Figures]], float]:
    """Every round of every system; the figures and the mean message size in KB."""
    servers = MailServers.start(root / "servers")
    results: dict[str, list[Figures]] = {name: [] for name in SYSTEMS}
    sizes: list[int] = []
    try:
        call_stack = ServiceStack.create(servers, "sqlite://", root / "call")
        for r in range(args.rounds):
            order = SYSTEMS[r % 3 :] + SYSTEMS[: r % 3]
            for system in order:
                seed = (r + 1) * 10 + SYSTEMS.index(system)
                work = new_round(servers, args.messages, seed, root / f"r{r}-{system}", call_stack)
                sizes += [len(m.raw) for m in work.messages]
                say(f"  round {r + 1}: {system} ({len(work.messages)} messages in the mailbox)")
                if system == "service":
                    figures = service_round(args, work, f"rrr_backlog_{r}", None, say)
                elif system == "limit":
                    figures = run_limit(work)
                else:
                    figures = run_peer(work)
                say(f"    {figures.seconds:.2f} s " + "; ".join(figures.notes))
                results[system].append(figures)
        if args.profile is not None:  # after the timed rounds: cProfile slows the service down
            work = new_round(servers, args.messages, 1, root / "profiled", call_stack)
            say("  profiled service round (not in the figures)")
            service_round(args, work, "rrr_backlog_profiled", args.profile, say)
    finally:
        servers.stop()
    return results, statistics.mean(sizes) / 1024


def report(args: argparse.Namespace, results: dict[str, list[Figures]], size_kb: float) -> None:
    n = args.messages
    median = {name: statistics.median(f.seconds for f in runs) for name, runs in results.items()}
    rate = {name: n / s for name, s in median.items()}
    service = results["service"]
    print(
        f"\nbacklog of {n} applications (~{size_kb:.0f} KB each), {args.rounds} rounds, "
        f"medians; service on {args.database}"
    )
    print(f"{'system':<10}{'median s':>10}{'msg/s':>9}{'rounds (s)':>30}")
    for name in SYSTEMS:
        rounds = ", ".join(f"{f.seconds:.1f}" for f in results[name])
        print(f"{name:<10}{median[name]:>10.2f}{rate[name]:>9.1f}{rounds:>30}")
    print(f"service / peer:  {rate['service'] / rate['peer']:.2f}x")
    print(f"service / limit: {rate['service'] / rate['limit'] * 100:.1f}%")
    rss = [f.peak_rss_mb for f in service]
    print(
        f"service peak RSS (max over passes): median {statistics.median(rss):.0f} MB, "
        f"max {max(rss):.0f} MB; `run --once` passes per round: "
        f"{[f.passes for f in service]}; wrong or duplicate replies: {[f.wrong for f in service]}"
    )
    print(f"peer replies that say nothing right: {[f.wrong for f in results['peer']]}")


def print_profile(path: Path, top: int = 15) -> None:
    print(f"\nprofile of one service pass over the backlog ({path}), by cumulative then own time:")
    stats = pstats.Stats(str(path), stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--quiet", action="store_true", help="print only the table")
    args = parser.parse_args()
    if args.profile is not None:
        args.profile = args.profile.resolve()
    say: Callable[[str], None] = (
        (lambda _: None) if args.quiet else (lambda s: print(s, flush=True))
    )
    with tempfile.TemporaryDirectory(prefix="rrr-backlog-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # the mail daemons run as their own users and must reach their folders
        (root / "servers").mkdir()
        results, size_kb = measure(args, root, say)
    report(args, results, size_kb)
    if args.profile is not None:
        print_profile(args.profile)


if __name__ == "__main__":
    main()
