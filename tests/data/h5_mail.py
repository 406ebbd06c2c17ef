"""Message builder for holdout5: realistic headers per mail client, fixed boundaries and ids."""

from __future__ import annotations

import mimetypes
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

OURS = "peerlearning@rrr-cities.example"
OUR_MX = "mx.rrr-cities.example"
DEADLINE = datetime(2021, 5, 21, 21, 0, tzinfo=UTC)

CLIENTS = {
    "outlook": [
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AddNfl2kZ3H0b9xUTkKq6Rr1yq0pKw=="),
    ],
    "exchange": [
        ("X-MS-Has-Attach", "yes"),
        ("X-MS-TNEF-Correlator", ""),
        ("X-Mailer", "Microsoft Outlook 16.0"),
    ],
    "gmail": [],
    "apple": [("X-Mailer", "Apple Mail (2.3654.60.0.2.21)")],
    "thunderbird": [
        (
            "User-Agent",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101 Thunderbird/78.10.2",
        )
    ],
    "iphone": [("X-Mailer", "iPhone Mail (18E212)")],
    "android": [("User-Agent", "Android")],
    "roundcube": [("User-Agent", "Roundcube Webmail/1.4.11")],
    "scanner": [("X-Mailer", "RICOH IM C3000")],
    "none": [],
}

Attachment = tuple[str, bytes] | tuple[str, bytes, str] | EmailMessage


def _ctype(name: str) -> str:
    guess = mimetypes.guess_type(name)[0]
    extra = {
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
    for ext, ct in extra.items():
        if name.lower().endswith(ext):
            return ct
    return guess or "application/octet-stream"


def message(
    *,
    sender: str,
    subject: str,
    body: str,
    arrived: datetime,
    attachments: list[Attachment] = (),  # type: ignore[assignment]
    client: str = "outlook",
    slug: str,
    to: str = OURS,
    tz_hours: int = 2,
    sent_before: timedelta = timedelta(seconds=50),
    lang: str | None = None,
    extra: list[tuple[str, str]] = (),  # type: ignore[assignment]
    return_path: str | None = "",
    html: bool = False,
    received: bool = True,
) -> EmailMessage:
    """One message as our server stored it: our Received on top, then the sender's hop."""
    msg = EmailMessage(policy=policy.default)
    local = timezone(timedelta(hours=tz_hours))
    domain = sender.rsplit("@", 1)[1].rstrip(">")
    if return_path is not None:
        address = sender.split("<")[-1].rstrip(">")
        msg["Return-Path"] = f"<{return_path or address}>"
    if received:
        msg["Received"] = (
            f"from mail.{domain} (mail.{domain} [192.0.2.{len(domain) * 3 % 250}]) by {OUR_MX} "
            f"(Postfix) with ESMTPS id 4Fm{len(slug):02d}{slug[:4].upper()} for <{OURS}>; "
            f"{format_datetime(arrived.astimezone(timezone(timedelta(hours=2))))}"
        )
        msg["Received"] = (
            f"from [10.0.4.17] by mail.{domain} with ESMTPSA; "
            f"{format_datetime((arrived - timedelta(seconds=20)).astimezone(local))}"
        )
    msg["Date"] = format_datetime((arrived - sent_before).astimezone(local))
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    mid_domain = "mail.gmail.com" if client == "gmail" else domain
    msg["Message-ID"] = f"<{slug}.{len(body)}@{mid_domain}>"
    if lang:
        msg["Content-Language"] = lang
    for key, value in CLIENTS[client] + list(extra):
        msg[key] = value
    msg.set_content(body)
    if html:
        paras = "".join(f"<p>{line}</p>" for line in body.split("\n") if line)
        msg.add_alternative(f"<html><body>{paras}</body></html>", subtype="html")
    for att in attachments:
        if isinstance(att, EmailMessage):
            msg.add_attachment(att)
            continue
        name, data = att[0], att[1]
        ctype = att[2] if len(att) == 3 else _ctype(name)  # type: ignore[misc]
        main, sub = ctype.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


def finish(msg: EmailMessage, slug: str) -> bytes:
    """Fixed boundaries everywhere, then the bytes."""
    parts = list(msg.walk())
    roots = {id(msg)} | {
        id(p.get_payload(0)) for p in parts if p.get_content_type() == "message/rfc822"
    }
    for n, part in enumerate(parts):
        if id(part) not in roots and "MIME-Version" in part:
            del part["MIME-Version"]
        if part.get_content_maintype() == "multipart":
            part.set_boundary(f"----=_Part_{abs(hash_slug(slug)) % 99991}_{n}.1621500000")
    return msg.as_bytes()


def hash_slug(slug: str) -> int:
    """A stable small number from a name (Python's hash() is salted per run)."""
    value = 7
    for ch in slug:
        value = (value * 131 + ord(ch)) % 1_000_003
    return value
