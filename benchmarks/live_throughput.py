"""End-to-end throughput against real servers: Dovecot (IMAP) + Postfix (SMTP) + PostgreSQL.

Starts a private Dovecot + Postfix on loopback (the test fixtures' MailServers), APPENDs N on-time
applications (a DOCX form and letter each, ~100 KB) to a submissions mailbox over IMAP, then times
one intake pass (IMAP fetch, intake, decide, PostgreSQL commit, MOVE) and one delivery pass (SMTP to
Postfix), and waits until every applicant's Dovecot mailbox holds its reply. The same messages are
then run through the embedded default (Maildir + SQLite + file outbox) for comparison.

    python -m benchmarks.live_throughput [--messages 200]      (as root: it starts the servers)
"""

from __future__ import annotations

import argparse
import mailbox
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rrr_mailbot.app import Service
from rrr_mailbot.config import Settings, load_settings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.pipeline import Processed
from tests.integration.servers import MailServers
from tests.support.postgres import fresh_database

ON_TIME = datetime(2021, 5, 20, 12, 0, tzinfo=UTC)


def applications(count: int, senders: list[str], call_settings: Settings) -> list[bytes]:
    """``count`` complete applications, one per sender, each with its own bytes."""
    out = []
    for n in range(count):
        message = SAMPLES[0].build(call_settings.call)
        for header, value in (("From", senders[n]), ("Message-ID", f"<bench-{n}@city.test>")):
            del message[header]
            message[header] = value
        out.append(message.as_bytes())
    return out


def timed_passes(settings: Settings) -> tuple[list[Processed], float, int, float]:
    """One intake pass, then delivery passes until the outbox is empty: results and timings."""
    service = Service.open(settings)
    try:
        began = time.perf_counter()
        results = service.intake_pass()
        intake_s = time.perf_counter() - began
        began = time.perf_counter()
        sent = service.delivery_pass().sent
        while service.ledger.outbox_counts().get("pending"):
            sent += service.delivery_pass().sent
        return results, intake_s, sent, time.perf_counter() - began
    finally:
        service.close()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_live(count: int, root: Path) -> None:
    root.chmod(0o755)  # the mail daemons run as their own users and must reach their folders
    (root / "servers").mkdir()
    servers = MailServers.start(root / "servers")
    try:
        submissions = servers.new_user("applications", domain="rrr.test")
        applicants = [servers.new_user("city") for _ in range(count)]
        base = load_settings()
        raws = applications(count, [a.address for a in applicants], base)
        began = time.perf_counter()
        for raw in raws:
            servers.append(submissions, raw, when=ON_TIME)
        append_s = time.perf_counter() - began
        with fresh_database("rrr_bench") as url:
            settings = Settings.model_validate(
                {
                    "call": base.call.model_copy(
                        update={"reply_from": submissions.address}
                    ).model_dump(),
                    "mailbox": servers.imap_settings(
                        submissions, security="tls", idle=False, fetch_batch_size=20
                    ).model_dump()
                    | {"password": submissions.password},
                    "transport": {
                        "kind": "smtp",
                        "host": servers.smtp_host,
                        "port": servers.smtp_port,
                        "security": "starttls",
                        "ca_file": str(servers.ca_file),
                        "username": None,
                    },
                    "database": {"url": url},
                    "storage": {"data_dir": str(root / "store-live")},
                }
            )
            results, intake_s, _sent, delivery_s = timed_passes(settings)
        began = time.perf_counter()
        for applicant in applicants:
            servers.wait_for_messages(applicant.address, 1, timeout_s=120)
        landed_s = time.perf_counter() - began
    finally:
        servers.stop()
    size_kb = sum(len(r) for r in raws) / count / 1024
    print(f"live: {count} messages of {size_kb:.0f} KB (APPEND took {append_s:.1f} s)")
    print(
        f"  intake pass  (IMAPS fetch + intake + decide + PostgreSQL + MOVE): {intake_s:6.2f} s"
        f"  = {count / intake_s:6.1f} msg/s  ({len(results)} decided)"
    )
    print(
        f"  delivery     (SMTP STARTTLS to Postfix, one session per pass):     {delivery_s:6.2f} s"
        f"  = {count / delivery_s:6.1f} replies/s"
    )
    print(f"  replies in every applicant's Dovecot mailbox {landed_s:.1f} s after delivery ended")


def run_embedded(count: int, root: Path) -> None:
    base = load_settings()
    raws = applications(count, [f"city{n}@city.test" for n in range(count)], base)
    root.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(root / "maildir", create=True)
    for raw in raws:
        box.add(raw)
    settings = base.model_copy(
        update={
            "mailbox": base.mailbox.model_copy(update={"path": root / "maildir"}),
            "transport": base.transport.model_copy(update={"outbox_dir": root / "outbox"}),
            "database": base.database.model_validate({"url": f"sqlite:///{root / 'l.sqlite3'}"}),
            "storage": base.storage.model_copy(update={"data_dir": root / "store"}),
        }
    )
    results, intake_s, sent, delivery_s = timed_passes(settings)
    print(f"embedded: {count} messages (Maildir + SQLite + .eml outbox)")
    print(
        f"  intake pass: {intake_s:6.2f} s = {len(results) / intake_s:6.1f} msg/s;"
        f" delivery: {delivery_s:5.2f} s = {sent / delivery_s:6.1f} replies/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rrr-bench-") as tmp:
        run_live(args.messages, Path(tmp))
        run_embedded(args.messages, Path(tmp) / "embedded")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
