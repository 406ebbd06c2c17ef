"""Receipt latency with IMAP IDLE: Postfix accepting an application to the reply in the mailbox.

Starts the backlog benchmark's private Dovecot + Postfix on loopback and a fresh PostgreSQL
database, runs the service (`rrr-mailbot run`, IMAP IDLE on), then sends N applications
(benchmarks/backlog_mail.py: text PDFs and Word forms, every file byte-unique; auto-replies left
out, they get no reply) through Postfix's SMTP port at a steady rate over one SMTP session. For each
one it takes the time from smtplib's return (Postfix accepted it) to the reply's file appearing in
the applicant's Dovecot Maildir (polled every few milliseconds), and prints p50/p95/max.

    python -m benchmarks.receipt_latency [--messages 200] [--rate 5] [--keep DIR]
                                                          (as root: it starts the servers)

Dovecot itself delays IDLE notices by up to 0.5 s (its mailbox_idle_check_interval is 30 s; new
mail is noticed through inotify, batched), so about 0.5 s is the floor of any IDLE client here.
"""

from __future__ import annotations

import argparse
import smtplib
import statistics
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.backlog import new_round
from benchmarks.backlog_mail import BacklogMessage
from tests.integration.servers import MailServers
from tests.integration.service_helpers import ServiceStack, decisions_by_sender
from tests.support.postgres import fresh_database

POLL_S = 0.002
LAND_TIMEOUT_S = 120.0
# A deadline still to come: the applications arrive now, through Postfix, and are on time.
OPEN_CALL = {"deadline": "2099-01-01T00:00:00"}


class Landings:
    """Watches the applicants' Maildirs in a thread; records when each one's reply appears."""

    def __init__(self, servers: MailServers) -> None:
        self.servers = servers
        self.sent: dict[str, float] = {}
        self.landed: dict[str, float] = {}
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def accepted(self, sender: str, when: float) -> None:
        with self._lock:
            self.sent[sender] = when

    def _watch(self) -> None:
        while not self._done.is_set():
            with self._lock:
                waiting = [s for s in self.sent if s not in self.landed]
            for sender in waiting:
                if self.servers.message_files(sender):
                    self.landed[sender] = time.perf_counter()
            time.sleep(POLL_S)

    def wait(self, timeout_s: float) -> None:
        deadline = time.perf_counter() + timeout_s
        while len(self.landed) < len(self.sent) and time.perf_counter() < deadline:
            time.sleep(0.05)
        self._done.set()
        self._thread.join()

    def latencies(self) -> list[float]:
        return sorted(self.landed[s] - self.sent[s] for s in self.landed)


def send_steadily(
    servers: MailServers, messages: list[BacklogMessage], to: str, rate: float, watch: Landings
) -> None:
    """One SMTP session to Postfix; message n leaves at n / rate seconds, on a fixed schedule."""
    with smtplib.SMTP(servers.smtp_host, servers.smtp_port, timeout=60) as smtp:
        began = time.perf_counter()
        for n, message in enumerate(messages):
            delay = began + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            smtp.sendmail(message.sender, [to], message.raw)
            watch.accepted(message.sender, time.perf_counter())


def measure(args: argparse.Namespace, root: Path) -> tuple[list[float], int, int]:
    """Latencies of the replies that landed, how many were sent, how many decisions were wrong."""
    servers = MailServers.start(root / "servers")
    try:
        call_stack = ServiceStack.create(servers, "sqlite://", root / "call")
        # More than asked for: the auto-replies of the mix are left out below.
        work = new_round(servers, args.messages * 2, 7, root / "work", call_stack)
        messages = [m for m in work.messages if m.answered and m.expected != "late"]
        messages = messages[: args.messages]
        # new_round APPENDed the backlog; here the applications arrive through Postfix instead.
        with servers.imap(work.mailbox) as client:
            client.select_folder("INBOX")
            client.delete_messages(client.search(["ALL"]))
            client.expunge()
        with fresh_database("rrr_latency") as url:
            stack = ServiceStack(servers, work.mailbox, url, work.workdir)
            config = stack.write_config(call=OPEN_CALL)
            with stack.start(config) as service:
                service.wait_for_log("service started", timeout_s=60)
                time.sleep(2.0)  # the first (empty) pass and the first IDLE
                watch = Landings(servers)
                send_steadily(servers, messages, work.mailbox.address, args.rate, watch)
                watch.wait(LAND_TIMEOUT_S)
                service.stop()
            decided = decisions_by_sender(stack)
    finally:
        servers.stop()
    wrong = sum(1 for m in messages if decided.get(m.sender) != [m.expected])
    return watch.latencies(), len(messages), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--rate", type=float, default=5.0, help="applications per second")
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in this new folder and keep the logs"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rrr-latency-") as tmp:
        root = Path(tmp) if args.keep is None else args.keep.resolve()
        root.mkdir(exist_ok=True)
        root.chmod(0o755)  # the mail daemons run as their own users and must reach their folders
        (root / "servers").mkdir()
        latencies, sent, wrong = measure(args, root)
    print(
        f"\nreceipt latency, {sent} applications through Postfix at {args.rate:g}/s, "
        f"service `run` with IMAP IDLE on PostgreSQL"
    )
    if not latencies:
        raise SystemExit("no reply arrived (see the service and Postfix logs)")
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"p50 {statistics.median(latencies):.3f} s   p95 {p95:.3f} s   max {latencies[-1]:.3f} s"
        f"   ({len(latencies)} of {sent} replies landed; {wrong} wrong decisions)"
    )


if __name__ == "__main__":
    main()
