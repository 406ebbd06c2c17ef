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


@dataclass(frozen=True)
class Sample:
    """One demo message and what a careful person would decide."""

    name: str
    expected: str
    build: Callable[[CallSettings], EmailMessage]


def _base(sender: str, subject: str, received: str, *, mailer: str) -> EmailMessage:
    message = EmailMessage()
    message["Received"] = (
        f"from mail.{sender.split('@')[1]} by mx.rrr-cities.example with ESMTPS; {received}"
    )
    message["From"] = sender
    message["Subject"] = subject
    message["Date"] = received
    token = hashlib.sha256(f"{sender} {subject}".encode()).hexdigest()[:16]
    message["Message-ID"] = f"<{token}@{sender.split('@')[1]}>"
    message["X-Mailer"] = mailer
    return message


def _to(call: CallSettings, message: EmailMessage) -> EmailMessage:
    message["To"] = call.reply_from
    return message


def _complete(call: CallSettings) -> EmailMessage:
    m = _base(
        "urbanismo@valencia.example",
        "Solicitud RRR - Valencia",
        "Thu, 20 May 2021 10:12:03 +0200",
        mailer="Microsoft Outlook 16.0",
    )
    m.set_content("Estimados, adjuntamos el formulario y la carta de intención.\nSaludos")
    m.add_attachment(
        _form("Valencia", "791,413", "Laura Gil"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Formulario_solicitud_Valencia.docx",
    )
    m.add_attachment(
        _letter("Valencia", "Joan Ribó"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Carta_de_intención_Valencia.docx",
    )
    return _to(call, m)


def _missing_letter(call: CallSettings) -> EmailMessage:
    m = _base(
        "international@porto.example",
        "RRR application - Porto",
        "Fri, 21 May 2021 18:40:00 +0100",
        mailer="Apple Mail (2.3654)",
    )
    m.set_content("Dear RRR team, please find our application form attached.\nBest regards")
    m.add_attachment(
        _form("Porto", "231,800", "Ana Silva"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Application form Porto.docx",
    )
    return _to(call, m)


def _late(call: CallSettings) -> EmailMessage:
    m = _base(
        "europe@lyon.example",
        "Candidature RRR Lyon",
        "Fri, 21 May 2021 23:00:01 +0200",
        mailer="Thunderbird 78.10",
    )
    m.set_content("Bonjour, veuillez trouver notre candidature.\nCordialement")
    m.add_attachment(
        _form("Lyon", "516,092", "Claire Martin"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Formulaire de candidature.docx",
    )
    m.add_attachment(
        _letter("Lyon", "Grégory Doucet"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Lettre d'intention.docx",
    )
    return _to(call, m)


def _auto_reply(call: CallSettings) -> EmailMessage:
    m = _base(
        "office@gdansk.example",
        "Automatic reply: RRR Peer Learning Cities",
        "Wed, 19 May 2021 09:00:00 +0200",
        mailer="Microsoft Exchange Server",
    )
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("I am out of the office until 24 May.")
    return _to(call, m)


def _zipped(call: CallSettings) -> EmailMessage:
    m = _base(
        "sse@torino.example",
        "Candidatura RRR - Città di Torino",
        "Tue, 18 May 2021 16:05:00 +0200",
        mailer="Mozilla Thunderbird",
    )
    m.set_content("Buongiorno, in allegato i documenti richiesti.\nCordiali saluti")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Modulo di candidatura Torino.docx", _form("Torino", "848,885", "Marco Rossi"))
        z.writestr("Lettera di intenti Torino.docx", _letter("Torino", "Chiara Appendino"))
    m.add_attachment(
        archive.getvalue(), maintype="application", subtype="zip", filename="Candidatura_Torino.zip"
    )
    return _to(call, m)


def _forwarded(call: CallSettings) -> EmailMessage:
    inner = _base(
        "alcaldia@monterrey.example",
        "Carta de intención firmada",
        "Mon, 17 May 2021 12:00:00 -0500",
        mailer="Outlook for iOS",
    )
    inner.set_content("Se anexa la carta firmada por el alcalde.")
    inner.add_attachment(
        _letter("Monterrey", "Adrián de la Garza"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Carta de intencion.docx",
    )
    m = _base(
        "innovacion@monterrey.example",
        "Fwd: RRR - Monterrey",
        "Mon, 17 May 2021 19:30:00 -0500",
        mailer="Gmail",
    )
    m.set_content("Reenvío la carta del alcalde y adjunto el formulario de solicitud.")
    m.add_attachment(
        _form("Monterrey", "1,142,994", "Sofía Treviño"),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="Formulario de solicitud.docx",
    )
    m.add_attachment(inner)
    return _to(call, m)


def _tnef(call: CallSettings) -> EmailMessage:
    m = _base(
        "eu-office@birmingham.example",
        "RRR Peer Learning Cities application",
        "Wed, 12 May 2021 11:11:11 +0100",
        mailer="Microsoft Outlook 14.0",
    )
    m.set_content("Please find attached our application form and letter of intent.")
    winmail = tnef_bytes(
        {
            "ApplicationForm.docx": _form("Birmingham", "1,141,816", "Priya Shah"),
            "LetterOfIntent.docx": _letter("Birmingham", "Ian Ward"),
        }
    )
    m.add_attachment(winmail, maintype="application", subtype="ms-tnef", filename="winmail.dat")
    return _to(call, m)


SAMPLES = (
    Sample("complete", "accepted", _complete),
    Sample("missing letter", "incomplete", _missing_letter),
    Sample("late by one second", "late", _late),
    Sample("auto-reply", "ignored", _auto_reply),
    Sample("zip archive", "accepted", _zipped),
    Sample("forwarded letter", "accepted", _forwarded),
    Sample("Outlook winmail.dat", "accepted", _tnef),
)


def write_samples(maildir: Path, call: CallSettings) -> dict[str, Sample]:
    """Deliver every sample into the Maildir; returns Maildir key -> sample."""
    box = mailbox.Maildir(maildir, create=True)
    keys = {}
    for sample in SAMPLES:
        keys[box.add(sample.build(call).as_bytes())] = sample
    return keys
