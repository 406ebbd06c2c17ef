"""A deadline-day backlog for benchmarks/backlog.py: realistic applications, every attached file
byte-unique (its own city, reference number and figures), in a fixed mix of complete, incomplete,
late and auto-replies.

Documents are what cities send: a filled-in application form (a text PDF of two pages, or a Word
form) and a letter of intent (a text PDF), each written for that message alone.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from rrr_mailbot.config import CallSettings
from rrr_mailbot.demo import DOCX_TYPE, docx_bytes
from tests.integration.service_helpers import AFTER_DEADLINE, ON_TIME

# One block of ten messages: (kind, expected decision); cycled through the backlog.
MIX = (
    ("complete-pdf", "accepted"),
    ("complete-docx", "accepted"),
    ("complete-pdf", "accepted"),
    ("incomplete", "incomplete"),
    ("complete-docx", "accepted"),
    ("late", "late"),
    ("complete-pdf", "accepted"),
    ("auto-reply", "ignored"),
    ("complete-pdf", "accepted"),
    ("incomplete", "incomplete"),
)

_TOPICS = (
    "cooperative housing on municipal land",
    "a social enterprise incubator in the old market hall",
    "public procurement reserved for work-integration enterprises",
    "a community energy cooperative on school roofs",
    "a solidarity fund for neighbourhood associations",
    "repair cafés and a reuse centre run with the local foundation",
)


@dataclass(frozen=True)
class BacklogMessage:
    """One message of the backlog: its bytes, INTERNALDATE, sender and expected decision."""

    raw: bytes
    arrival: datetime
    sender: str
    expected: str

    @property
    def answered(self) -> bool:
        return self.expected != "ignored"


def _stamp(rng: random.Random) -> ImageReader:
    """A scanned signature and stamp (200 x 100 pixels of noise: it compresses as badly as a
    scan does, and no two are alike)."""
    return ImageReader(Image.frombytes("RGB", (200, 100), rng.randbytes(200 * 100 * 3)))


def _pdf(
    title: str, paragraphs: list[str], pages: int, stamp: random.Random | None = None
) -> bytes:
    """A text PDF (what a city's office exports from its word processor), with a scanned stamp
    and signature under the text when ``stamp`` is given."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=False)
    pdf.setTitle(title)
    height = A4[1]
    if stamp is not None:
        pdf.drawImage(_stamp(stamp), 72, 120, width=200, height=100)
    for page in range(pages):
        y = height - 72
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, y, title if page == 0 else f"{title} (continued, page {page + 1})")
        pdf.setFont("Helvetica", 10)
        y -= 28
        for paragraph in paragraphs:
            words = paragraph.split()
            line = ""
            for word in words:
                if len(line) + len(word) > 95:
                    pdf.drawString(72, y, line)
                    y -= 14
                    line = ""
                line = f"{line} {word}".strip()
            pdf.drawString(72, y, line)
            y -= 22
            if y < 90:
                break
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _form_lines(city: str, ref: int, rng: random.Random) -> list[str]:
    topic = rng.choice(_TOPICS)
    return [
        f"Name of the city: {city}",
        f"Reference: RRR-{ref:06d}",
        f"Population: {rng.randint(40_000, 2_500_000):,}",
        f"Contact person: {rng.choice(['Ana', 'Jan', 'Lea', 'Omar', 'Ines'])} "
        f"{rng.choice(['Silva', 'Novak', 'Rossi', 'Berg', 'Haddad'])}",
        "Describe your social and solidarity economy ecosystem: "
        + " ".join(
            f"In {2015 + n} the city of {city} worked on {rng.choice(_TOPICS)} with "
            f"{rng.randint(3, 90)} partners and a budget of EUR {rng.randint(10, 900)},000."
            for n in range(8)
        ),
        f"What the city wants to learn: how peers organise {topic}.",
    ]


def _letter_lines(city: str, ref: int, rng: random.Random) -> list[str]:
    return [
        "To the RRR consortium,",
        f"On behalf of the City of {city} (reference RRR-{ref:06d}), we hereby express our "
        "interest in joining the RRR Peer Learning Cities and our commitment to take part in its "
        f"activities, with {rng.randint(2, 6)} staff members and the support of the council.",
        f"Yours sincerely, the Mayor of {city}",
    ]


def _documents(kind: str, city: str, ref: int, rng: random.Random) -> list[tuple[str, str, bytes]]:
    form_lines = _form_lines(city, ref, rng)
    if kind == "complete-docx":
        form = (
            f"Application form {city}.docx",
            DOCX_TYPE,
            docx_bytes(["RRR Peer Learning Cities - Application Form", *form_lines]),
        )
    else:
        form = (
            f"Application_form_{city}.pdf",
            "application/pdf",
            _pdf("RRR Peer Learning Cities - Application Form", form_lines, pages=2),
        )
    if kind == "incomplete":
        return [form]
    letter = (
        f"Letter_of_intent_{city}.pdf",
        "application/pdf",
        _pdf("Letter of Intent", _letter_lines(city, ref, rng), pages=1, stamp=rng),
    )
    return [form, letter]


def backlog(
    count: int, senders: list[str], call: CallSettings, *, seed: int
) -> list[BacklogMessage]:
    """``count`` messages of the MIX from ``senders`` (one each) to the call's mailbox."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        kind, expected = MIX[n % len(MIX)]
        ref = seed * 1_000_000 + n
        city = f"Town{ref}"
        message = EmailMessage()
        message["From"] = senders[n]
        message["To"] = call.reply_from
        message["Message-ID"] = f"<backlog-{ref}@{senders[n].split('@')[1]}>"
        arrival = AFTER_DEADLINE if kind == "late" else ON_TIME + timedelta(seconds=n)
        message["Date"] = arrival.strftime("%a, %d %b %Y %H:%M:%S +0000")
        if kind == "auto-reply":
            message["Subject"] = "Automatic reply: RRR Peer Learning Cities"
            message["Auto-Submitted"] = "auto-replied"
            message.set_content(f"I am out of the office until 24 May. ({city})")
        else:
            message["Subject"] = f"RRR application - {city}"
            message.set_content(
                f"Dear RRR team,\n\nplease find attached the application of {city}.\n\nBest regards"
            )
            for filename, content_type, data in _documents(kind, city, ref, rng):
                maintype, subtype = content_type.split("/")
                message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        out.append(BacklogMessage(message.as_bytes(), arrival, senders[n], expected))
    return out
