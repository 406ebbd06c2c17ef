"""Peak memory of the service for ONE large application (about 25 MB as sent, base64 and all).

Starts the backlog benchmark's private Dovecot + Postfix on loopback and a fresh PostgreSQL
database, APPENDs one application to the submissions mailbox (two text PDFs of about 8.5 MB, their
bulk a photo annex of incompressible noise, and a Word form of about 1 MB; every byte unique; about
25 MB once base64-encoded, under the default ``max_message_bytes`` of 30 MB) and runs
`rrr-mailbot run --once` on it (IMAPS fetch, intake, decision, stored copies, ledger, the reply
over SMTP), taking the process's peak RSS from the kernel (wait4 ru_maxrss). The same run on an
empty mailbox gives the floor (interpreter, libraries, connections).

    python -m benchmarks.large_message [--megabytes 25] [--database postgresql|sqlite]
                                                              (as root: it starts the servers)
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from benchmarks.backlog import Figures, Round, fill, service_round
from benchmarks.backlog_mail import BacklogMessage
from rrr_mailbot.demo import DOCX_TYPE, docx_bytes
from tests.integration.servers import MailServers
from tests.integration.service_helpers import ON_TIME

BASE64_GROWTH = 4 / 3 * 78 / 76  # 76 characters and CRLF per line
ASCII85_GROWTH = 5 / 4  # how reportlab writes an image into the PDF


def annexed_pdf(title: str, lines: list[str], annex_bytes: int, rng: random.Random) -> bytes:
    """A text first page, then a photo annex of ``annex_bytes`` of noise (it does not compress)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica", 11)
    for n, line in enumerate([title, *lines]):
        pdf.drawString(72, A4[1] - 72 - 16 * n, line)
    pdf.showPage()
    side = int((annex_bytes / 3 / ASCII85_GROWTH) ** 0.5)
    photo = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    pdf.drawImage(ImageReader(photo), 36, 36, width=A4[0] - 72, height=A4[0] - 72)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def large_application(sender: str, to: str, megabytes: float, seed: int) -> bytes:
    """One on-time, complete application of about ``megabytes`` MB as sent."""
    rng = random.Random(seed)
    city = f"Bigtown{seed}"
    documents_bytes = megabytes * 1e6 / BASE64_GROWTH
    form_lines = [
        "RRR Peer Learning Cities - Application Form",
        f"Name of the city: {city}",
        f"Reference: RRR-{seed:06d}",
        "Describe your social and solidarity economy ecosystem:",
        # About 1 MB once zipped: hex digits compress to half.
        *(rng.randbytes(1000).hex() for _ in range(1000)),
    ]
    form = docx_bytes(form_lines)
    pdf_bytes = int((documents_bytes - len(form)) / 2)
    letter_lines = [
        f"On behalf of the City of {city} we hereby express our interest in joining the",
        "RRR Peer Learning Cities and our commitment to take part in its activities.",
        f"Yours sincerely, the Mayor of {city}",
    ]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = f"RRR application - {city}"
    message["Message-ID"] = f"<large-{seed}@city.test>"
    message["Date"] = ON_TIME.strftime("%a, %d %b %Y %H:%M:%S +0000")
    message.set_content(f"Dear RRR team,\n\nplease find attached the application of {city}.\n")
    message.add_attachment(
        form, maintype="application", subtype=DOCX_TYPE.split("/")[1], filename="Form.docx"
    )
    for title, lines in (("Letter of Intent", letter_lines), ("Budget annex", letter_lines[:1])):
        data = annexed_pdf(title, lines, pdf_bytes, rng)
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=f"{title.replace(' ', '_')}.pdf"
        )
    return message.as_bytes()


def measure(args: argparse.Namespace, root: Path) -> tuple[Figures, Figures, int]:
    """The empty-mailbox run, the run with the large application, and its size in bytes."""
    servers = MailServers.start(root / "servers")
    try:
        runs = []
        size = 0
        for name, count in (("empty", 0), ("large", 1)):
            mailbox = servers.new_user("submissions", "rrr.test")
            messages = []
            for n in range(count):
                sender = servers.new_user("city", "city.test").address
                raw = large_application(sender, mailbox.address, args.megabytes, seed=n + 1)
                size = len(raw)
                messages.append(BacklogMessage(raw, ON_TIME, sender, "accepted"))
            fill(servers, mailbox, messages)
            work = Round(servers, mailbox, messages, root / name)
            work.workdir.mkdir()
            runs.append(service_round(args, work, f"rrr_large_{name}", None, lambda _: None))
    finally:
        servers.stop()
    return runs[0], runs[1], size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=25.0, help="size as sent")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rrr-large-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # the mail daemons run as their own users and must reach their folders
        (root / "servers").mkdir()
        began = datetime.now(UTC)
        empty, large, size = measure(args, root)
    print(
        f"\none application of {size / 1e6:.1f} MB (as sent), `run --once` on "
        f"{args.database}, {began:%Y-%m-%d}"
    )
    print(f"peak RSS, empty mailbox:     {empty.peak_rss_mb:6.0f} MB")
    print(
        f"peak RSS, the application:   {large.peak_rss_mb:6.0f} MB "
        f"({large.seconds:.1f} s to the reply; {large.wrong} wrong or duplicate replies)"
    )
    print(f"difference:                  {large.peak_rss_mb - empty.peak_rss_mb:6.0f} MB")


if __name__ == "__main__":
    main()
