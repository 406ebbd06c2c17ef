"""Sample applications for `rrr-mailbot demo`: what real cities' mail clients send.

Each sample is a complete RFC 5322 message with a Received header from our own server (intake
takes the arrival time from it), written into a Maildir the demo then processes like any mailbox.
"""

from __future__ import annotations

import hashlib
import io
import mailbox
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from rrr_mailbot.config import CallSettings

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real Word document holding the paragraphs."""
    from docx import Document as WordDocument  # python-docx: only the demo writes Word files

    document = WordDocument()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def tnef_bytes(attachments: dict[str, bytes]) -> bytes:
    """A minimal Outlook TNEF stream (winmail.dat) carrying files, per MS-OXTNEF.

    Each attribute: level (1 message, 2 attachment), id (type << 16 | tag), length, data, and a
    checksum that is the sum of the data bytes modulo 65536.
    """

    def attribute(level: int, type_: int, tag: int, data: bytes) -> bytes:
        head = struct.pack("<BII", level, (type_ << 16) | tag, len(data))
        return head + data + struct.pack("<H", sum(data) % 65536)

    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += attribute(1, 0x0008, 0x9006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += attribute(1, 0x0006, 0x9007, struct.pack("<II", 1252, 0))  # attOemCodepage
    out += attribute(1, 0x0007, 0x8008, b"IPM.Microsoft Mail.Note\0")  # attMessageClass
    for name, data in attachments.items():
        rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)  # attAttachRendData: a file
        out += attribute(2, 0x0006, 0x9002, rend)
        out += attribute(2, 0x0001, 0x8010, name.encode("cp1252") + b"\0")  # attAttachTitle
        out += attribute(2, 0x0006, 0x800F, data)  # attAttachData
    return out


def _form(city: str, population: str, contact: str) -> bytes:
    return docx_bytes(
        [
            "RRR Peer Learning Cities - Application Form",
            f"Name of the city: {city}",
            f"Population: {population}",
            f"Contact person: {contact}",
            "Describe your social and solidarity economy ecosystem: cooperatives, social "
            "enterprises and foundations work with the city on housing and employment.",
        ]
    )


def _letter(city: str, mayor: str) -> bytes:
    return docx_bytes(
        [
            "Letter of Intent",
            "To the RRR consortium,",
            f"On behalf of the City of {city}, we hereby express our interest in joining the RRR "
            "Peer Learning Cities and our commitment to take part in its activities.",
            f"Yours sincerely, {mayor}, Mayor of {city}",
        ]
    )


Attachment = tuple[str, str, bytes]  # file name, content type, bytes


@dataclass(frozen=True)
class Sample:
    """One demo message and what a careful person would decide."""

    name: str
    expected: str
    sender: str
    subject: str
    received: str  # when our server received it (RFC 5322 date)
    mailer: str
    body: str
    attachments: Callable[[], list[Attachment]] = list
    headers: tuple[tuple[str, str], ...] = ()
    forwarded: Sample | None = None

    def build(self, call: CallSettings) -> EmailMessage:
        """The message as it would reach the mailbox of ``call``."""
        domain = self.sender.split("@")[1]
        message = EmailMessage()
        message["Received"] = f"from mail.{domain} by mx.rrr-cities.example; {self.received}"
        message["From"] = self.sender
        message["To"] = call.reply_from
        message["Subject"] = self.subject
        message["Date"] = self.received
        token = hashlib.sha256(f"{self.sender} {self.subject}".encode()).hexdigest()[:16]
        message["Message-ID"] = f"<{token}@{domain}>"
        message["X-Mailer"] = self.mailer
        for name, value in self.headers:
            message[name] = value
        message.set_content(self.body)
        for filename, content_type, data in self.attachments():
            maintype, subtype = content_type.split("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        if self.forwarded is not None:
            message.add_attachment(self.forwarded.build(call))
        return message


def _zip(files: list[Attachment]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, _type, data in files:
            z.writestr(name, data)
    return archive.getvalue()


def _form_file(city: str, name: str) -> Attachment:
    population, contact, _mayor = _CITIES[city]
    return (name, DOCX_TYPE, _form(city, population, contact))


def _letter_file(city: str, name: str) -> Attachment:
    return (name, DOCX_TYPE, _letter(city, _CITIES[city][2]))


def _docs(city: str, form_name: str, letter_name: str) -> list[Attachment]:
    return [_form_file(city, form_name), _letter_file(city, letter_name)]


_CITIES = {  # population, contact person, mayor
    "Valencia": ("791,413", "Laura Gil", "Joan Ribó"),
    "Porto": ("231,800", "Ana Silva", "Rui Moreira"),
    "Lyon": ("516,092", "Claire Martin", "Grégory Doucet"),
    "Torino": ("848,885", "Marco Rossi", "Chiara Appendino"),
    "Monterrey": ("1,142,994", "Sofía Treviño", "Adrián de la Garza"),
    "Birmingham": ("1,141,816", "Priya Shah", "Ian Ward"),
}

SAMPLES = (
    Sample(
        "complete",
        "accepted",
        "urbanismo@valencia.example",
        "Solicitud RRR - Valencia",
        "Thu, 20 May 2021 10:12:03 +0200",
        "Microsoft Outlook 16.0",
        "Estimados, adjuntamos el formulario y la carta de intención.\nSaludos",
        lambda: _docs(
            "Valencia", "Formulario_solicitud_Valencia.docx", "Carta_de_intención_Valencia.docx"
        ),
    ),
    Sample(
        "missing letter",
        "incomplete",
        "international@porto.example",
        "RRR application - Porto",
        "Fri, 21 May 2021 18:40:00 +0100",
        "Apple Mail (2.3654)",
        "Dear RRR team, please find our application form attached.\nBest regards",
        lambda: [_form_file("Porto", "Application form Porto.docx")],
    ),
    Sample(
        "late by one second",
        "late",
        "europe@lyon.example",
        "Candidature RRR Lyon",
        "Fri, 21 May 2021 23:00:01 +0200",
        "Thunderbird 78.10",
        "Bonjour, veuillez trouver notre candidature.\nCordialement",
        lambda: _docs("Lyon", "Formulaire de candidature.docx", "Lettre d'intention.docx"),
    ),
    Sample(
        "auto-reply",
        "ignored",
        "office@gdansk.example",
        "Automatic reply: RRR Peer Learning Cities",
        "Wed, 19 May 2021 09:00:00 +0200",
        "Microsoft Exchange Server",
        "I am out of the office until 24 May.",
        headers=(("Auto-Submitted", "auto-replied"),),
    ),
    Sample(
        "zip archive",
        "accepted",
        "sse@torino.example",
        "Candidatura RRR - Città di Torino",
        "Tue, 18 May 2021 16:05:00 +0200",
        "Mozilla Thunderbird",
        "Buongiorno, in allegato i documenti richiesti.\nCordiali saluti",
        lambda: [
            (
                "Candidatura_Torino.zip",
                "application/zip",
                _zip(
                    _docs(
                        "Torino",
                        "Modulo di candidatura Torino.docx",
                        "Lettera di intenti Torino.docx",
                    )
                ),
            )
        ],
    ),
    Sample(
        "forwarded letter",
        "accepted",
        "innovacion@monterrey.example",
        "Fwd: RRR - Monterrey",
        "Mon, 17 May 2021 19:30:00 -0500",
        "Gmail",
        "Reenvío la carta del alcalde y adjunto el formulario de solicitud.",
        lambda: [_form_file("Monterrey", "Formulario de solicitud.docx")],
        forwarded=Sample(
            "mayor's office",
            "",
            "alcaldia@monterrey.example",
            "Carta de intención firmada",
            "Mon, 17 May 2021 12:00:00 -0500",
            "Outlook for iOS",
            "Se anexa la carta firmada por el alcalde.",
            lambda: [_letter_file("Monterrey", "Carta de intencion.docx")],
        ),
    ),
    Sample(
        "Outlook winmail.dat",
        "accepted",
        "eu-office@birmingham.example",
        "RRR Peer Learning Cities application",
        "Wed, 12 May 2021 11:11:11 +0100",
        "Microsoft Outlook 14.0",
        "Please find attached our application form and letter of intent.",
        lambda: [
            (
                "winmail.dat",
                "application/ms-tnef",
                tnef_bytes(
                    {
                        name: data
                        for name, _type, data in _docs(
                            "Birmingham", "ApplicationForm.docx", "LetterOfIntent.docx"
                        )
                    }
                ),
            )
        ],
    ),
)


def write_samples(maildir: Path, call: CallSettings) -> dict[str, Sample]:
    """Deliver every sample into the Maildir; returns Maildir key -> sample."""
    box = mailbox.Maildir(maildir, create=True)
    keys = {}
    for sample in SAMPLES:
        keys[box.add(sample.build(call).as_bytes())] = sample
    return keys
