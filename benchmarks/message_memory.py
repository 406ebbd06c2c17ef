"""Peak memory and time of reading messages: one 40 MB message, and a corpus with and without
reader processes.

    python benchmarks/message_memory.py [--big-mb 40] [--messages 200] [--workers 2]

Each measurement runs in a fresh Python process (so one peak does not hide another) that takes a
Maildir through one intake pass (read, decide, record in a SQLite ledger, mark), as the service
does, and prints:

- the 40 MB message (four 10 MB attachments, base64 in the mail: about 54 MB raw would exceed the
  default download limit, so the files are sized for the message to be ``--big-mb`` raw): peak RSS
  (VmHWM) of the service process and of the reader process, and the seconds for the message, with
  ``workers = 0`` (read in the service process) and with reader processes;
- the per-message time over ``--messages`` corpus messages (tests/data/messages, cycled, each made
  byte-unique) with ``workers = 0`` and with ``--workers`` processes, and the service's peak RSS.

OCR is off (Tesseract's time is measured elsewhere); figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import os
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))


def _peak_rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def big_message(raw_mb: int) -> bytes:
    """A message of about ``raw_mb`` MB with four equal attachments (random bytes, so
    incompressible) named as the call's documents, and a short body."""
    per_file = int(raw_mb * 2**20 * 3 / 4 / 4)  # base64 makes 4 bytes of 3
    message = EmailMessage()
    message["From"] = "Big City <mayor@big.example>"
    message["To"] = "rrr@example.org"
    message["Subject"] = "Application RRR with scanned annexes"
    message["Message-ID"] = "<big-1@big.example>"
    message["Date"] = "Thu, 20 May 2021 10:00:00 +0200"
    message.set_content("Please find attached our application form and letter.\n")
    for n, name in enumerate(("application_form.pdf", "letter.pdf", "annex1.pdf", "annex2.jpg")):
        kind = ("image", "jpeg") if name.endswith(".jpg") else ("application", "pdf")
        data = (b"%PDF-1.4\n" if kind[1] == "pdf" else b"\xff\xd8\xff") + os.urandom(per_file)
        message.add_attachment(data, *kind, filename=name)
        del data
        _ = n
    return message.as_bytes()


def corpus_messages(count: int) -> list[bytes]:
    files = sorted((ROOT / "tests" / "data" / "messages").glob("*.eml"))
    out = []
    for n in range(count):
        raw = files[n % len(files)].read_bytes()
        out.append(b"X-Benchmark-Copy: %d\r\n" % n + raw)  # byte-unique
    return out


def run_pass(folder: Path, workers: int) -> None:
    """(In the measuring process.) One intake pass over folder/maildir; prints a JSON line."""
    import logging

    from rrr_mailbot.app import Service
    from rrr_mailbot.config import load_settings

    logging.disable(logging.WARNING)
    config = folder / "settings.toml"
    config.write_text(
        'call_from = "rrr-2021.toml"\n'
        "[call.limits]\nmax_message_bytes = 60000000\n"  # the 40 MB message is read whole
        f'[mailbox]\nkind = "maildir"\npath = "{folder / "maildir"}"\n'
        f'[transport]\nkind = "file"\noutbox_dir = "{folder / "outbox"}"\n'
        f'[database]\nurl = "sqlite:///{folder / "ledger.sqlite3"}"\n'
        f'[storage]\ndata_dir = "{folder / "data"}"\n'
        "[ocr]\nenabled = false\n"
        f"[workers]\nworkers = {workers}\n",
        encoding="utf-8",
    )
    service = Service.open(load_settings(config))
    try:
        started = time.perf_counter()
        results = service.intake_pass()
        seconds = time.perf_counter() - started
        pool = service.pipeline.pool
        worker_peak = (
            max(
                (_peak_rss_mb(w.process.pid) for w in pool._workers if w.process.pid),
                default=0.0,
            )
            if pool is not None
            else 0.0
        )
    finally:
        service.close()
    print(
        json.dumps(
            {
                "messages": len(results),
                "seconds": seconds,
                "service_peak_mb": _peak_rss_mb(),
                "worker_peak_mb": worker_peak,
            }
        )
    )


def measure(messages: list[bytes], workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="rrr-memory-") as tmp:
        folder = Path(tmp)
        box = mailbox.Maildir(folder / "maildir", create=True)
        for raw in messages:
            box.add(raw)
        done = subprocess.run(
            [sys.executable, __file__, "--pass", str(folder), "--workers", str(workers)],
            check=True,
            capture_output=True,
            text=True,
        )
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-mb", type=int, default=40)
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pass", dest="pass_folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pass_folder is not None:
        run_pass(args.pass_folder, args.workers)
        return

    big = big_message(args.big_mb)
    print(
        f"one {len(big) / 2**20:.1f} MB message (4 attachments of ~{args.big_mb / 4:.0f} MB raw):"
    )
    for workers in (0, 1):
        r = measure([big], workers)
        print(
            f"  workers={workers}: {r['seconds']:.2f} s, service peak RSS "
            f"{r['service_peak_mb']:.0f} MB"
            + (f", reader peak RSS {r['worker_peak_mb']:.0f} MB" if workers else "")
            + f" ({r['messages']:.0f} decided)"
        )
    del big
    corpus = corpus_messages(args.messages)
    print(f"{len(corpus)} corpus messages (tests/data/messages, cycled):")
    for workers in (0, args.workers):
        r = measure(corpus, workers)
        print(
            f"  workers={workers}: {r['seconds']:.1f} s, "
            f"{1000 * r['seconds'] / max(r['messages'], 1):.0f} ms per message, "
            f"service peak RSS {r['service_peak_mb']:.0f} MB"
            + (f", reader peak RSS {r['worker_peak_mb']:.0f} MB" if workers else "")
            + f" ({r['messages']:.0f} decided)"
        )


if __name__ == "__main__":
    main()
