"""Builds tests/data/holdout2/: a second holdout corpus of application e-mails, written blind.

    python tests/data/build_holdout2.py            # (re)write every NAME.eml + NAME.json
    python tests/data/build_holdout2.py --check    # exit 1 if a committed file differs

The cases were written before reading the classifier, its cue lists or the two other corpora, from
what city administrations and their mail clients send: Exchange with TNEF, HCL Notes, GroupWise,
Italian PEC, S/MIME, Apple Mail on iPad, Proton, Yahoo, GMX, Zimbra, forwards as text and as
attachments, scans, zips made by Windows and macOS, and documents written the way city staff write
them (letterheads, footers, numbered questions, answers in tables, official letters that never say
"letter of intent"). Each NAME.json holds what a careful human concludes from the call's rules.

Every byte is a function of this file: dates, boundaries and message ids are fixed, the office
documents' zip entries get a fixed timestamp and their metadata fixed dates, PDFs are written with
reportlab's invariant mode, pictures come from a seeded generator.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import quopri
import random
import re
import sys
import textwrap
import urllib.parse
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from tests.support.documents import make_rtf, make_tnef, make_zip  # noqa: E402

OUT = Path(__file__).resolve().parent / "holdout2"
OUR_MX = "mx.rrr-cities.example"
OUR_ADDRESS = "peerlearning@rrr-cities.example"
FORM = "application_form"
LETTER = "letter_of_intent"

# =================================================================================================
# Time
# =================================================================================================

CEST = timezone(timedelta(hours=2), "CEST")


def at(stamp: str, offset_h: float = 2.0) -> datetime:
    """A fixed instant from 'YYYY-MM-DD HH:MM:SS' in the given UTC offset (CEST by default)."""
    naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    return naive.replace(tzinfo=timezone(timedelta(hours=offset_h)))


def rfc2822(moment: datetime, zone_comment: str | None = None) -> str:
    text = format_datetime(moment)
    return f"{text} ({zone_comment})" if zone_comment else text


def our_received(
    moment: datetime, helo: str, ip: str, queue_id: str, *, tls: bool = True, utc: bool = False
) -> str:
    """The Received line our Postfix writes: the arrival time every decision is measured by."""
    local = moment.astimezone(UTC) if utc else moment.astimezone(CEST)
    stamp = rfc2822(local, None if utc else "CEST")
    cipher = (
        "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
        "\t key-exchange X25519 server-signature RSA-PSS (2048 bits))\n"
        "\t(No client certificate requested)\n"
        if tls
        else ""
    )
    return (
        f"Received: from {helo} ({helo} [{ip}])\n"
        f"{cipher}"
        f"\tby {OUR_MX} (Postfix) with {'ESMTPS' if tls else 'ESMTP'} id {queue_id}\n"
        f"\tfor <{OUR_ADDRESS}>; {stamp}"
    )


def delivery_headers(return_path: str) -> list[str]:
    """What local delivery puts on top: the envelope sender and recipient."""
    return [
        f"Return-Path: <{return_path}>",
        f"Delivered-To: {OUR_ADDRESS}",
        f"X-Original-To: {OUR_ADDRESS}",
    ]


def queue_id(seed: str) -> str:
    alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz"
    digest = hashlib.sha256(seed.encode()).digest()
    return "4F" + "".join(alphabet[b % len(alphabet)] for b in digest[:10])


def token(seed: str, length: int = 16, alphabet: str = "0123456789abcdef") -> str:
    digest = hashlib.sha256(seed.encode()).digest() * 4
    return "".join(alphabet[b % len(alphabet)] for b in digest[:length])


# =================================================================================================
# MIME, by hand: every byte under the case's control, as each client writes it
# =================================================================================================


@dataclass(frozen=True)
class Part:
    """One MIME entity: its header lines (folded as the client folds them) and its body bytes."""

    headers: tuple[str, ...]
    body: bytes


def _b64(data: bytes, width: int = 76) -> bytes:
    encoded = base64.b64encode(data)
    if width <= 0:
        return encoded + b"\n"
    return b"\n".join(encoded[i : i + width] for i in range(0, len(encoded), width)) + b"\n"


def _qp(text: str, charset: str = "utf-8") -> bytes:
    raw = text.replace("\r\n", "\n").encode(charset)
    return quopri.encodestring(raw).replace(b"\r\n", b"\n")


def text_part(
    text: str,
    *,
    subtype: str = "plain",
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    flowed: bool = False,
    extra: Sequence[str] = (),
) -> Part:
    """A text part in the transfer encoding the client uses."""
    params = (
        f'text/{subtype}; charset="{charset}"'
        if cte != "8bit"
        else f"text/{subtype}; charset={charset}"
    )
    if flowed:
        params += "; format=flowed"
    if cte == "quoted-printable":
        body = _qp(text, charset)
    elif cte == "base64":
        body = _b64(text.encode(charset))
    else:
        body = text.encode(charset)
        if not body.endswith(b"\n"):
            body += b"\n"
    return Part((f"Content-Type: {params}", f"Content-Transfer-Encoding: {cte}", *extra), body)


def html_of(text: str, *, style: str = "outlook") -> str:
    """A plausible HTML rendering of a plain text body."""
    paragraphs = "".join(
        f"<p>{line if line else '&nbsp;'}</p>\n"
        for line in text.replace("&", "&amp;").replace("<", "&lt;").split("\n")
    )
    if style == "gmail":
        return f'<div dir="ltr">{paragraphs}</div>\n'
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"</head><body>\n{paragraphs}</body></html>\n"
    )


def multipart(
    subtype: str,
    boundary: str,
    parts: Sequence[Part],
    *,
    preamble: str = "",
    params: str = "",
    extra: Sequence[str] = (),
) -> Part:
    out = bytearray()
    if preamble:
        out += preamble.encode() + b"\n"
    for part in parts:
        out += f"\n--{boundary}\n".encode() if out else f"--{boundary}\n".encode()
        out += "\n".join(part.headers).encode("utf-8") + b"\n\n" + part.body
        if not part.body.endswith(b"\n"):
            out += b"\n"
    out += f"\n--{boundary}--\n".encode()
    header = f'Content-Type: multipart/{subtype};\n\tboundary="{boundary}"{params}'
    return Part((header, *extra), bytes(out))


def encoded_word(text: str, charset: str = "utf-8", enc: str = "B", chunk: int = 45) -> str:
    """RFC 2047 encoded words, split the way mailers split long names."""
    if enc == "B":
        pieces = []
        raw = text.encode(charset)
        start = 0
        while start < len(raw):
            end = min(start + chunk, len(raw))
            while end < len(raw) and (raw[end] & 0xC0) == 0x80 and charset.lower() == "utf-8":
                end -= 1  # never cut a character in two
            pieces.append(raw[start:end])
            start = end
        return " ".join(f"=?{charset}?B?{base64.b64encode(piece).decode()}?=" for piece in pieces)
    out = []
    for byte in text.encode(charset):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char.isascii() and (char.isalnum() or char in ".-"):
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return f"=?{charset}?Q?{''.join(out)}?="


def _name_param(key: str, name: str, style: str, charset: str = "utf-8") -> str:
    """A file name parameter in one of the styles found in the wild."""
    if style == "plain" or name.isascii():
        return f'{key}="{name}"'
    if style == "2047b":
        return f'{key}="{encoded_word(name, charset, "B")}"'
    if style == "2047q":
        return f'{key}="{encoded_word(name, charset, "Q")}"'
    if style == "2231":
        return f"{key}*={charset}''{urllib.parse.quote(name.encode(charset), safe='._-')}"
    if style == "2231cont":
        quoted = urllib.parse.quote(name.encode(charset), safe="._-")
        chunks = []
        while quoted:
            cut = min(40, len(quoted))
            while 0 < cut < len(quoted) and "%" in quoted[cut - 2 : cut]:
                cut -= 1
            chunks.append(quoted[:cut])
            quoted = quoted[cut:]
        return ";\n ".join(
            f"{key}*{i}*={charset}''{c}" if i == 0 else f"{key}*{i}*={c}"
            for i, c in enumerate(chunks)
        )
    if style == "raw":
        return f'{key}="{name}"'
    raise ValueError(style)


@dataclass(frozen=True)
class Att:
    """An attachment as a case lists it: the bytes and how its headers look."""

    name: str | None
    data: bytes
    ctype: str
    disposition: str = "attachment"
    style: str | None = None  # filename encoding; None: the client's habit
    content_id: str | None = None
    extra_ctype: str = ""
    charset: str | None = None  # of encoded words / RFC 2231 (None: latin-1 for Q style if it fits)
    ctype_name: str | None = None  # a different name in Content-Type (an 8.3 alias, say)


def attachment_part(att: Att, *, style: str, client: str, seed: str, width: int = 76) -> Part:
    """The headers a given client writes for a file, then the base64 body."""
    style = att.style or style
    headers: list[str] = []
    name = att.name
    charset = att.charset or ("iso-8859-1" if style == "2047q" and _latin1(name or "") else "utf-8")

    def name_param(key: str, value: str, how: str) -> str:
        if key == "name" and att.ctype_name:
            value = att.ctype_name
        return _name_param(key, value, how, charset)

    if client == "exchange":
        if name is None:
            headers.append(f"Content-Type: {att.ctype}")
            headers.append("Content-Description: ")
        else:
            headers.append(f"Content-Type: {att.ctype};\n\t{name_param('name', name, style)}")
            headers.append(
                f"Content-Description: {encoded_word(name) if not name.isascii() else name}"
            )
        disp = att.disposition
        if name is not None:
            disp += f";\n\t{name_param('filename', name, style)}"
        disp += (
            f'; size={len(att.data)};\n\tcreation-date="Wed, 19 May 2021 08:12:40 GMT";'
            '\n\tmodification-date="Wed, 19 May 2021 08:12:40 GMT"'
        )
        headers.append(f"Content-Disposition: {disp}")
        if att.content_id:
            headers.append(f"Content-ID: <{att.content_id}>")
        headers.append("Content-Transfer-Encoding: base64")
    elif client == "gmail":
        if name is None:
            headers.append(f"Content-Type: {att.ctype}")
        else:
            headers.append(f"Content-Type: {att.ctype}; {name_param('name', name, style)}")
        if name is not None:
            headers.append(
                f"Content-Disposition: {att.disposition}; {name_param('filename', name, style)}"
            )
        headers.append("Content-Transfer-Encoding: base64")
        attachment_id = att.content_id or "f_" + token(
            seed, 9, "abcdefghijklmnopqrstuvwxyz0123456789"
        )
        headers.append(f"Content-ID: <{attachment_id}>")
        headers.append(f"X-Attachment-Id: {attachment_id}")
    elif client == "apple":
        ctype = att.ctype
        if name is not None:
            headers.append(
                f"Content-Disposition: {att.disposition};\n\t{name_param('filename', name, style)}"
            )
            headers.append(
                f"Content-Type: {ctype};\n\tx-unix-mode=0644;\n\t{name_param('name', name, style)}"
            )
        else:
            headers.append(f"Content-Disposition: {att.disposition}")
            headers.append(f"Content-Type: {ctype}")
        headers.append("Content-Transfer-Encoding: base64")
        if att.content_id:
            headers.append(f"Content-Id: <{att.content_id}>")
    else:  # thunderbird and the many webmails that write it the same way
        if name is None:
            headers.append(f"Content-Type: {att.ctype}{att.extra_ctype}")
            headers.append("Content-Transfer-Encoding: base64")
            headers.append(f"Content-Disposition: {att.disposition}")
        else:
            headers.append(
                f"Content-Type: {att.ctype}{att.extra_ctype};\n {name_param('name', name, style)}"
            )
            headers.append("Content-Transfer-Encoding: base64")
            headers.append(
                f"Content-Disposition: {att.disposition};\n {name_param('filename', name, style)}"
            )
        if att.content_id:
            headers.append(f"Content-ID: <{att.content_id}>")
    return Part(tuple(headers), _b64(att.data, width))


def eml(top: Sequence[str], part: Part, *, crlf: bool = False) -> bytes:
    """The whole message: the top header lines, the root entity's headers, its body."""
    raw = "\n".join(top).encode("utf-8") + b"\n"
    raw += "\n".join(part.headers).encode("utf-8") + b"\n\n" + part.body
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw


def message_part(inner: bytes, *, name: str | None = None, disposition: str = "attachment") -> Part:
    """A forwarded message carried whole (message/rfc822)."""
    headers = ["Content-Type: message/rfc822" + (f'; name="{name}"' if name else "")]
    if name:
        headers.append(f'Content-Disposition: {disposition}; filename="{name}"')
    else:
        headers.append(f"Content-Disposition: {disposition}")
    return Part(tuple(headers), inner if inner.endswith(b"\n") else inner + b"\n")


def subject_header(subject: str, style: str = "2047b", charset: str = "utf-8") -> str:
    if subject.isascii():
        return f"Subject: {subject}"
    if style == "raw":
        return f"Subject: {subject}"
    enc = "Q" if style == "2047q" else "B"
    return "Subject: " + encoded_word(subject, charset, enc, chunk=40).replace(" =?", "\n =?")


def addr(name: str | None, address: str, charset: str = "utf-8", style: str = "2047b") -> str:
    if not name:
        return address
    if name.isascii():
        return f'"{name}" <{address}>' if "," in name or "." in name else f"{name} <{address}>"
    if style == "raw":
        return f'"{name}" <{address}>'
    return f"{encoded_word(name, charset, 'Q' if style == '2047q' else 'B')} <{address}>"


# =================================================================================================
# Documents: PDF (text layer, letterheads, tables, signatures), scans, DOCX, ODT, pictures
# =================================================================================================

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_ZIP_TIME = (2021, 5, 18, 9, 41, 12)
FIXED_ISO = "2021-05-18T09:41:12Z"


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "H2Sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("H2Sans", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("H2SansBold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "H2Sans", "H2SansBold"


def signature_png(seed: str, width: int = 260, height: int = 90) -> bytes:
    """A handwritten-looking signature stroke on white (what staff paste into Word)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    x, y = 10.0, height / 2
    points = []
    while x < width - 10:
        x += rng.uniform(3, 9)
        y = min(max(y + rng.uniform(-14, 14), 10), height - 10)
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90), width=3, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def logo_png(seed: str, width: int = 180, height: int = 60) -> bytes:
    """A coat-of-arms-ish coloured block, as letterheads and e-mail signatures carry."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    colour = (rng.randrange(40, 200), rng.randrange(20, 120), rng.randrange(40, 200))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, height - 4, height - 4), fill=colour)
    for i in range(4):
        draw.rectangle(
            (height + 6, 10 + i * 11, width - rng.randrange(10, 60), 16 + i * 11), fill=colour
        )
    # anti-aliased artwork is never flat colour: a little grain makes the file a logo's size
    grain = bytes(rng.choice((0, 96, 160, 255)) for _ in range(width * height * 3))
    image = Image.blend(image, Image.frombytes("RGB", (width, height), grain), 0.04)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def scan_jpeg(seed: str, *, width: int = 900, height: int = 1270, photo: bool = False) -> bytes:
    """A scanned or photographed page: grey paper, lines of 'text', a signature, some noise.

    A phone photo (``photo``) is tilted, unevenly lit and larger, as a phone's are.
    """
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    base = 238 if not photo else 205
    image = Image.new("L", (width, height), base)
    draw = ImageDraw.Draw(image)
    y = 110
    draw.rectangle((70, 50, 250, 95), fill=90)  # letterhead block
    while y < height - 260:
        if rng.random() < 0.15:
            y += 30  # a paragraph gap
            continue
        x = 80
        end = width - 80 - (rng.randrange(0, 300) if rng.random() < 0.2 else 0)
        while x < end:
            word = rng.randrange(18, 80)
            draw.rectangle((x, y, min(x + word, end), y + 9), fill=rng.randrange(30, 80))
            x += word + rng.randrange(8, 14)
        y += 24
    points = [
        (120 + i * 6, height - 190 + int(18 * ((i * 7919 + rng.randrange(9)) % 5 - 2)))
        for i in range(40)
    ]
    draw.line(points, fill=25, width=4)
    # seeded noise: PIL's effect_noise draws from an unseeded C generator
    grain = bytes(
        min(255, max(0, base + int(rng.gauss(0, 40 if photo else 20))))
        for _ in range(width * height // 16)
    )
    noise = Image.frombytes("L", (width // 4, height // 4), grain[: (width // 4) * (height // 4)])
    image = Image.blend(image, noise.resize((width, height)), 0.12)
    if photo:
        image = image.rotate(1.7, fillcolor=120, expand=False).filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=72 if photo else 65, optimize=False)
    return out.getvalue()


def _pdf_canvas(
    buffer: io.BytesIO, title: str | None, author: str | None, creator: str | None
) -> Any:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    if creator:
        pdf.setCreator(creator)
    return pdf


def scan_pdf(seed: str, pages: int = 1, *, creator: str = "RICOH MP C3004ex") -> bytes:
    """What a copier's scan-to-mail sends: one picture per page, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    pdf = _pdf_canvas(buffer, None, None, creator)
    width, height = A4
    for page in range(pages):
        picture = scan_jpeg(f"{seed}/{page}", width=620, height=877)
        pdf.drawImage(ImageReader(io.BytesIO(picture)), 0, 0, width=width, height=height)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def pdf_doc(
    *pages: str,
    letterhead: Sequence[str] = (),
    footer: str | None = None,
    title: str | None = None,
    author: str | None = None,
    creator: str | None = "Microsoft® Word for Microsoft 365",
    seed: str = "pdf",
    numbered: bool = False,
    logo: bool = False,
) -> bytes:
    """A text PDF laid out as an office document: one argument per page.

    Markup, one per line: '# ' a title, '## ' a heading, '| a | b |' a table row, '[sig]' a
    signature picture, '[stamp]' an official stamp; anything else is a wrapped paragraph.
    ``letterhead`` lines go on top of every page (the first one bold), ``footer`` at the bottom.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    regular, bold = _fonts()
    buffer = io.BytesIO()
    pdf = _pdf_canvas(buffer, title, author, creator)
    width, height = A4
    total = len(pages)

    def furniture(number: int) -> float:
        y: float = height - 56
        if logo:
            pdf.drawImage(
                ImageReader(io.BytesIO(logo_png(seed))), width - 72 - 120, height - 86, 120, 40
            )
        for index, line in enumerate(letterhead):
            pdf.setFont(bold if index == 0 else regular, 12 if index == 0 else 8)
            pdf.drawString(72, y, line)
            y -= 16 if index == 0 else 11
        if letterhead:
            pdf.setLineWidth(0.5)
            pdf.line(72, y + 4, width - 72, y + 4)
            y -= 18
        if footer:
            pdf.setFont(regular, 7)
            pdf.drawCentredString(width / 2, 34, footer)
        if numbered:
            pdf.setFont(regular, 8)
            pdf.drawRightString(width - 72, 48, f"{number}/{total}")
        return y

    for number, page in enumerate(pages, start=1):
        y = furniture(number)
        for raw_line in page.split("\n"):
            if y < 90:
                pdf.showPage()
                y = furniture(number)
            if raw_line.startswith("# "):
                pdf.setFont(bold, 14)
                pdf.drawString(72, y, raw_line[2:])
                y -= 24
            elif raw_line.startswith("## "):
                pdf.setFont(bold, 10.5)
                y -= 4
                pdf.drawString(72, y, raw_line[3:])
                y -= 16
            elif raw_line.startswith("|"):
                cells = _table_cells(raw_line)
                pdf.setFont(regular, 9)
                column = (width - 144) / len(cells)
                wrapped = [textwrap.wrap(c, int(column / 5.2)) or [""] for c in cells]
                rows = max(len(w) for w in wrapped)
                for index, lines in enumerate(wrapped):
                    x = 72 + index * column
                    pdf.rect(x, y - rows * 12 + 8, column, rows * 12 + 4)
                    for k, text in enumerate(lines):
                        pdf.drawString(x + 4, y - k * 12, text)
                y -= rows * 12 + 4
            elif raw_line.strip() == "[sig]":
                pdf.drawImage(ImageReader(io.BytesIO(signature_png(seed))), 72, y - 50, 150, 52)
                y -= 60
            elif raw_line.strip() == "[stamp]":
                pdf.setStrokeColorRGB(0.2, 0.25, 0.6)
                pdf.circle(300, y - 30, 32)
                pdf.setStrokeColorRGB(0, 0, 0)
                y -= 70
            else:
                pdf.setFont(regular, 10.5)
                for text in textwrap.wrap(raw_line, 92) or [""]:
                    if y < 90:
                        pdf.showPage()
                        y = furniture(number)
                        pdf.setFont(regular, 10.5)
                    pdf.drawString(72, y, text)
                    y -= 14
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _sorted_namespaces(xml: bytes) -> bytes:
    """odfpy declares namespaces in set order (different per run): put them in sorted order."""

    def fix(match: re.Match[bytes]) -> bytes:
        attributes = re.findall(rb'([\w:.-]+)="([^"]*)"', match.group(2))
        attributes.sort(key=lambda a: (not a[0].startswith(b"xmlns"), a[0]))
        joined = b" ".join(name + b'="' + value + b'"' for name, value in attributes)
        return match.group(1) + b" " + joined + b">"

    return re.sub(rb"(<office:document-[\w-]+) ([^>]*)>", fix, xml, count=1)


def freeze_zip(data: bytes) -> bytes:
    """Rewrite an office file's zip with fixed entry times and fixed dates in its metadata."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                body = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", FIXED_ISO.encode(), body
                )
            if info.filename.endswith(".xml"):
                body = _sorted_namespaces(body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 3
            target.writestr(fixed, body)
    return out.getvalue()


def _blocks(text: str) -> list[tuple[str, Any]]:
    """The markup of pdf_doc, as a list of (kind, value) with table rows grouped."""
    blocks: list[tuple[str, Any]] = []
    for line in text.split("\n"):
        if line.startswith("|"):
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(_table_cells(line))
            else:
                blocks.append(("table", [_table_cells(line)]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            blocks.append(("heading", line[3:]))
        elif line.strip() in ("[sig]", "[stamp]", "[pagebreak]"):
            blocks.append((line.strip()[1:-1], None))
        else:
            blocks.append(("p", line))
    return blocks


def docx_doc(
    *pages: str,
    header: str | None = None,
    footer: str | None = None,
    author: str = "Usuario",
    seed: str = "docx",
    header_logo: bool = False,
) -> bytes:
    """A Word document written with python-docx: pages split by page breaks, same markup as PDF."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document = docx.Document()
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.created = datetime(2021, 5, 17, 8, 0, tzinfo=UTC)
    props.modified = datetime(2021, 5, 18, 9, 41, tzinfo=UTC)
    props.revision = 4
    props.comments = ""
    section = document.sections[0]
    if header:
        paragraph = section.header.paragraphs[0]
        if header_logo:
            paragraph.add_run().add_picture(io.BytesIO(logo_png(seed)), width=Cm(3.5))
            paragraph.add_run("  ")
        paragraph.add_run(header)
    if footer:
        section.footer.paragraphs[0].text = footer
    for number, page in enumerate(pages):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for kind, value in _blocks(page):
            if kind == "title":
                document.add_heading(value, level=1)
            elif kind == "heading":
                document.add_heading(value, level=2)
            elif kind == "table":
                columns = max(len(row) for row in value)
                grid = document.add_table(rows=len(value), cols=columns)
                grid.style = "Table Grid"
                for r, row in enumerate(value):
                    for c, cell in enumerate(row):
                        grid.cell(r, c).text = cell
            elif kind == "sig":
                document.add_picture(io.BytesIO(signature_png(seed)), width=Cm(5))
            elif kind == "pagebreak":
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif kind == "p":
                document.add_paragraph(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze_zip(buffer.getvalue())


def odt_doc(text: str, *, author: str = "Usuario") -> bytes:
    """A LibreOffice Writer document with headings, paragraphs and real tables (odfpy)."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    document = OpenDocumentText()
    document.meta.addElement(meta.InitialCreator(text=author))
    document.meta.addElement(dc.Creator(text=author))
    bold = Style(name="Heading", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold", fontsize="14pt"))
    document.styles.addElement(bold)
    column_style = Style(name="Col", family="table-column")
    column_style.addElement(TableColumnProperties(columnwidth="8cm"))
    document.automaticstyles.addElement(column_style)
    tables = 0
    for kind, value in _blocks(text):
        if kind in ("title", "heading"):
            document.text.addElement(
                H(outlinelevel=1 if kind == "title" else 2, stylename=bold, text=value)
            )
        elif kind == "table":
            tables += 1
            table = Table(name=f"Tabla{tables}")
            columns = max(len(row) for row in value)
            for _ in range(columns):
                table.addElement(TableColumn(stylename=column_style))
            for row in value:
                table_row = TableRow()
                for cell in row:
                    table_cell = TableCell(valuetype="string")
                    table_cell.addElement(P(text=cell))
                    table_row.addElement(table_cell)
                table.addElement(table_row)
            document.text.addElement(table)
        elif kind == "p":
            document.text.addElement(P(text=value))
    buffer = io.BytesIO()
    document.write(buffer)
    return freeze_zip(buffer.getvalue())


# =================================================================================================
# S/MIME: a real detached PKCS #7 signature from a key derived from a seed (no key in the repo)
# =================================================================================================


def _probable_prime(rng: random.Random, bits: int) -> int:
    small = [p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p**0.5) + 1, 2))]
    while True:
        candidate = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if any(candidate % p == 0 for p in small):
            continue
        d, r = candidate - 1, 0
        while d % 2 == 0:
            d //= 2
            r += 1
        for _ in range(24):  # Miller-Rabin
            x = pow(rng.randrange(2, candidate - 2), d, candidate)
            if x in (1, candidate - 1):
                continue
            for _ in range(r - 1):
                x = pow(x, 2, candidate)
                if x == candidate - 1:
                    break
            else:
                break
        else:
            return candidate


def smime_signature(content: bytes, signer: str, email: str, *, detached: bool = True) -> bytes:
    """A DER signature over ``content`` by a self-signed certificate for ``email``: detached
    (an S/MIME smime.p7s) or enveloping the content (an Italian CAdES .p7m)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    rng = random.Random(f"smime/{email}")
    e = 65537
    while True:
        p, q = _probable_prime(rng, 1024), _probable_prime(rng, 1024)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e:
            break
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, p * q)
    )
    key = numbers.private_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, signer),
            x509.NameAttribute(NameOID.EMAIL_ADDRESS, email),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int(token(email, 16), 16))
        .not_valid_before(datetime(2020, 9, 1, tzinfo=UTC))
        .not_valid_after(datetime(2023, 9, 1, tzinfo=UTC))
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    options = [
        pkcs7.PKCS7Options.Binary,
        pkcs7.PKCS7Options.NoAttributes,  # no signing time: the bytes stay the same run to run
    ]
    if detached:
        options.append(pkcs7.PKCS7Options.DetachedSignature)
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(certificate, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, options)
    )


# =================================================================================================
# What cities write: the form's questions and answers, letters, in many languages
# =================================================================================================


@dataclass(frozen=True)
class City:
    """One applicant: who they are and who writes, signs and sends for them."""

    authority: str  # as the authority names itself, in its own language
    short: str
    country: str
    population: str
    department: str
    contact: str
    contact_role: str
    email: str
    phone: str
    signatory: str
    signatory_role: str
    address: str
    seed: int = 0

    @property
    def domain(self) -> str:
        return self.email.split("@", 1)[1]


ECOSYSTEM_EN = [
    "{city} counts around 1,400 social economy entities: cooperatives, mutuals, associations and "
    "foundations, employing close to 6% of the local workforce. The strongest networks are the "
    "local cooperative federation, a fair-trade network and three community development trusts.",
    "The SSE in {city} is young but growing fast. Around 300 social enterprises are registered, "
    "most of them in care services, recycling and food. A social enterprise hub run by the "
    "university and a credit union with 20,000 members are the anchor organisations.",
    "Our ecosystem is built around neighbourhood associations, work integration social enterprises "
    "and a solidarity finance cooperative. The municipal SSE roundtable meets four times a year "
    "and gathers 45 organisations.",
    "Community organisations and cooperatives are present in every district of {city}; the "
    "housing cooperatives and the community land trust are among the oldest in the country. "
    "Social enterprises have a turnover of roughly 900 million per year.",
    "{city} hosts a regional SSE chamber, two incubators for social entrepreneurs, a network of "
    "community kitchens and more than 60 worker cooperatives, many created after the 2008 crisis.",
    "Most SSE actors in {city} are small associations working in social inclusion, culture and "
    "environment, together with a handful of larger cooperatives in transport and energy. A "
    "municipal register lists 2,150 non-profit organisations.",
    "The social economy in {city} is strongly rooted in the cooperative movement of the "
    "industrial era, with cooperative banks, consumer cooperatives and a recent wave of digital "
    "platform cooperatives.",
    "Around 9,000 people work in social and solidarity economy organisations in {city}. Key "
    "players are the food bank network, the inclusion companies working with the employment "
    "service and the network of community centres.",
]

POLICY_EN = [
    "Since 2019 the city has a Social Economy Strategy with its own budget line, social clauses "
    "in public procurement (at least 5% of contracts reserved) and a one-stop shop for social "
    "entrepreneurs.",
    "Support is spread across several departments: economic development funds social enterprise "
    "start-ups, social services contract work integration enterprises and the environment "
    "department works with repair cafés and reuse centres.",
    "The council adopted a Community Wealth Building approach in 2018, working with anchor "
    "institutions to spend locally and to support employee ownership.",
    "A municipal programme offers micro-grants, premises at reduced rent and training for "
    "cooperatives. A social impact fund was launched in 2020 together with a local bank.",
    "There is no dedicated SSE strategy yet; support comes through the local development plan, "
    "the inclusion plan and European funds. Drafting a strategy is one of our goals.",
    "The city runs an annual call for social innovation projects, a cooperative incubator in a "
    "former market hall and a procurement guide that rewards social value.",
    "The metropolitan area approved an SSE action plan 2020-2023 with four lines: finance, "
    "public procurement, training and territorial networks.",
    "The municipality supports the SSE through its economic promotion agency, which offers "
    "advice, co-working space and a yearly social economy fair.",
]

COVID_EN = [
    "During the lockdowns SSE organisations ran food distribution for 12,000 households, produced "
    "masks and organised neighbourhood support networks, often faster than the public services.",
    "Cooperatives in care and home services kept working throughout the pandemic, and several "
    "associations converted their activities to deliver meals and medicine to older people.",
    "The crisis hit the SSE hard: cultural associations and social restaurants lost most of their "
    "income. The city set up an emergency fund that supported 210 organisations.",
    "Local solidarity platforms matched 4,000 volunteers with people in need, and community "
    "kitchens served 1,500 meals a day at the peak of the crisis.",
    "Social enterprises were key partners of the city's emergency plan: they ran the temporary "
    "shelters, the phone support line and the distribution of school meals.",
    "Many SSE actors moved online, and the city supported a local digital marketplace that kept "
    "small producers and shops selling during the closures.",
]

CHALLENGE_EN = [
    "Rebuild: we want to design a long-term SSE strategy that links the recovery plan with the "
    "neighbourhoods most affected by unemployment.",
    "Reinvent: we want to use public procurement and municipal assets (empty buildings, land) to "
    "scale up social enterprises and cooperatives.",
    "Respond and rebuild: we want to turn the solidarity networks born during the pandemic into "
    "lasting structures, with stable funding and a clear role in social services.",
    "Reinvent: we would like to test community ownership models for energy and housing and to "
    "measure the social value they create.",
    "Rebuild: young people have been hit hardest; we want to create pathways into social "
    "entrepreneurship and cooperative work for people under 30.",
    "Reinvent: we would like to build a local SSE finance ecosystem, combining municipal "
    "guarantees, crowdfunding and ethical banks.",
    "Rebuild: our challenge is the transition of the local food system, connecting social "
    "enterprises, farmers and school canteens.",
    "Respond: we need better tools to map and measure the SSE so that support reaches the "
    "organisations that need it.",
]

EXPECT_EN = [
    "We hope to learn from cities with a longer experience in SSE policies, in particular on "
    "procurement and finance. We can share our experience with the emergency fund and the "
    "neighbourhood networks.",
    "We expect practical exchanges between officers, study visits and feedback from peers on our "
    "draft strategy. We can contribute our work on community wealth building.",
    "Learning from other cities will help us avoid mistakes and move faster. We can share tools "
    "we developed with the university to map social enterprises.",
    "We are interested in the experimentation phase and in adapting social innovations that "
    "worked elsewhere. We offer our cooperative incubator as a case study.",
    "We expect to build lasting relations with peer cities and to join a community of practice. "
    "Our contribution is the experience of the SSE roundtable and of social clauses.",
    "Exchanges on governance models between local government and the SSE are what we need most; "
    "in return we can show how our food network grew during the crisis.",
]

TEAM_EN = [
    "A team of three officers from the economic development department (about 0.5 FTE in total), "
    "with support from the social services and the procurement unit.",
    "The head of the social economy unit and two project officers; a budget for travel and for "
    "a local stakeholder group has been set aside.",
    "Two staff members of the employment and inclusion department, one from the mayor's office "
    "and a representative of the local SSE network.",
    "The deputy director for economic affairs will lead a cross-departmental group of five people "
    "who will dedicate part of their time to the programme.",
    "One full-time coordinator will be appointed for the duration of the programme, working with "
    "the strategy office and the district councils.",
]


def pick(pool: Sequence[str], city: City, salt: int) -> str:
    return pool[(city.seed + salt * 3) % len(pool)].format(city=city.short)


def form_en(city: City, *, style: str = "official", date: str = "19/05/2021") -> str:
    """The RRR application form filled in English, as most applicants do.

    styles: 'official' (title and numbered sections), 'table' (question | answer rows),
    'plain' (numbered questions under the call's name, no word 'form' anywhere).
    """
    qa = [
        ("1.1", "Name of the local or metropolitan authority", city.authority),
        ("1.2", "Country", city.country),
        ("1.3", "Population (latest official figure)", city.population),
        ("1.4", "Department responsible for the application", city.department),
        (
            "1.5",
            "Contact person (name, position, e-mail, telephone)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "2.1",
            "Describe the main actors and networks of the social and solidarity economy (SSE) in your territory",
            pick(ECOSYSTEM_EN, city, 1),
        ),
        (
            "2.2",
            "Which public policies, strategies or programmes support the SSE today?",
            pick(POLICY_EN, city, 2),
        ),
        (
            "2.3",
            "How did SSE organisations respond to the COVID-19 crisis?",
            pick(COVID_EN, city, 3),
        ),
        (
            "3.1",
            "Which challenge would you like to work on during the peer learning process?",
            pick(CHALLENGE_EN, city, 4),
        ),
        (
            "3.2",
            "What do you expect to learn from other cities, and what can you share?",
            pick(EXPECT_EN, city, 5),
        ),
        ("4.1", "Team and resources that the authority will dedicate", pick(TEAM_EN, city, 6)),
        (
            "4.2",
            "Elected representative supporting the application",
            f"{city.signatory}, {city.signatory_role}",
        ),
    ]
    sections = {
        "1": "Section 1 - Applicant",
        "2": "Section 2 - The SSE ecosystem",
        "3": "Section 3 - Challenge and motivation",
        "4": "Section 4 - Commitment",
    }
    if style == "table":
        lines = [
            "# RRR - Respond, Rebuild, Reinvent",
            "Call for Peer Learning Cities - Application form",
            "",
        ]
        current = ""
        for number, question, answer in qa:
            if number[0] != current:
                current = number[0]
                lines.append(f"## {sections[current]}")
            lines.append(f"| {number} {question} | {answer} |")
        lines += ["", f"Date: {date}"]
        return "\n".join(lines)
    if style == "plain":
        lines = [
            "# Respond, Rebuild, Reinvent - Peer Learning Cities 2021",
            f"Submission by {city.authority}",
            "",
        ]
        for index, (_, question, answer) in enumerate(qa, start=1):
            lines += [f"{index}. {question}", answer, ""]
        lines.append(f"{city.short}, {date}")
        return "\n".join(lines)
    lines = [
        "# APPLICATION FORM",
        "RRR - Respond, Rebuild, Reinvent | Call for Peer Learning Cities",
        "",
    ]
    current = ""
    for number, question, answer in qa:
        if number[0] != current:
            current = number[0]
            lines += ["", f"## {sections[current]}"]
        # a question keeps its own mark; a label gets the colon forms put after it
        lines += [f"{number} {question}" + ("" if question.endswith("?") else ":"), answer]
    lines += ["", f"Place and date: {city.short}, {date}"]
    return "\n".join(lines)


def form_en_pages(city: City, *, style: str = "official", date: str = "19/05/2021") -> list[str]:
    """The same form split over two pages where a word processor would break it."""
    text = form_en(city, style=style, date=date)
    cut = text.index("## Section 3") if "## Section 3" in text else len(text) // 2
    return [text[:cut].rstrip(), text[cut:]]


def letter_en(city: City, *, style: str = "loi", date: str = "19 May 2021", ref: str = "") -> str:
    """A letter of intent as English-speaking administrations write it.

    styles: 'loi' (titled letter of intent), 'council' (UK council letter with references),
    'us' (US mayor's office), 'plain' (a commitment letter that never says 'letter of intent').
    """
    if style == "council":
        return "\n".join(
            [
                f"Our ref: {ref or 'ED/SE/2021/044'}",
                "Your ref: RRR Peer Learning Cities",
                f"Date: {date}",
                "",
                "UpSocial",
                "On behalf of the RRR consortium",
                "Barcelona",
                "",
                "Dear Sir or Madam,",
                "",
                "Re: Respond, Rebuild, Reinvent - Call for Peer Learning Cities",
                "",
                f"I am writing to confirm that {city.authority} wishes to participate in the RRR "
                "peer learning programme on social and solidarity economy ecosystems.",
                "",
                "The Council recognises the role that social enterprises, co-operatives and the "
                "voluntary and community sector have played in supporting residents through the "
                "pandemic, and we are committed to building on that as part of our recovery. If "
                "selected, the Council will make officer time available to take part in the "
                "learning activities, host peers where appropriate and test at least one new "
                "approach locally.",
                "",
                f"Our lead officer will be {city.contact}, {city.contact_role} ({city.email}).",
                "",
                "Yours faithfully,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    if style == "us":
        return "\n".join(
            [
                date,
                "",
                "RRR Selection Committee",
                "c/o UpSocial",
                "Barcelona, Spain",
                "",
                "Dear Members of the Selection Committee:",
                "",
                f"On behalf of {city.authority}, I am pleased to express our strong interest in "
                "joining the Respond, Rebuild, Reinvent (RRR) cohort of Peer Learning Cities.",
                "",
                f"The pandemic showed our residents how much they rely on community-based "
                f"organizations, worker cooperatives and mission-driven businesses. {city.short} "
                "is committed to strengthening this ecosystem as part of our equitable recovery, "
                "and we believe that learning alongside peer cities in Europe and the Americas "
                "will accelerate that work.",
                "",
                f"Should {city.short} be selected, my office commits to designate staff to "
                "participate fully in the program's activities for its entire duration, to "
                "engage local partners, and to pilot solutions identified through the exchange.",
                "",
                f"Please direct any questions to {city.contact}, {city.contact_role}, at {city.email}.",
                "",
                "Sincerely,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    if style == "plain":
        return "\n".join(
            [
                f"{city.short}, {date}",
                "",
                "To the partners of the RRR consortium",
                "",
                "Dear Madam, dear Sir,",
                "",
                f"{city.authority} hereby confirms its commitment to take part in the Peer "
                "Learning Cities programme of the project Respond, Rebuild, Reinvent, within the "
                "OECD Global Action on social and solidarity economy ecosystems.",
                "",
                "We will take part in the activities foreseen by the programme, designate a "
                "contact person and a small team, and share our experience with the other "
                "participating cities. The city is ready to experiment with at least one "
                "social innovation adapted from a peer city.",
                "",
                "Yours sincerely,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# LETTER OF INTENT",
            "Respond, Rebuild, Reinvent (RRR) - Call for Peer Learning Cities",
            "",
            f"I, the undersigned, {city.signatory}, {city.signatory_role}, declare on behalf of "
            f"{city.authority} our intention to participate in the RRR Peer Learning Cities "
            "programme if selected.",
            "",
            f"{city.authority} commits to:",
            "- take part in the four phases of the programme and in its online and on-site "
            "activities;",
            "- appoint a contact person and a team with the necessary time to follow the process;",
            "- involve local social and solidarity economy actors in the work;",
            "- share its experience, data and results with the other cities and the consortium.",
            "",
            f"Contact person: {city.contact}, {city.contact_role}, {city.email}",
            "",
            f"Place and date: {city.short}, {date}",
            "",
            "Signature:",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def _qa_form(
    title: Sequence[str], qa: Sequence[tuple[str, str]], closing: str, *, table: bool = False
) -> str:
    """A translated form: its title lines, numbered question/answer pairs, a closing line."""
    lines = [*title, ""]
    for index, (question, answer) in enumerate(qa, start=1):
        if table:
            lines.append(f"| {index}. {question} | {answer} |")
        else:
            lines += [f"{index}. {question}", answer, ""]
    lines += ["", closing]
    return "\n".join(lines)


def form_es(
    city: City,
    *,
    date: str = "19 de mayo de 2021",
    title: str = "FORMULARIO DE SOLICITUD",
    table: bool = False,
) -> str:
    qa = [
        ("Nombre de la autoridad local o metropolitana", city.authority),
        ("País", city.country),
        ("Población (último dato oficial)", city.population),
        ("Área o departamento responsable", city.department),
        (
            "Persona de contacto (nombre, cargo, correo, teléfono)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Describa los principales actores y redes de la economía social y solidaria (ESS) en su territorio",
            f"En {city.short} operan más de 900 entidades de economía social: cooperativas de trabajo, "
            "sociedades laborales, empresas de inserción, asociaciones y fundaciones. Destacan la red "
            "de mercado social, la federación de cooperativas y los bancos de alimentos de barrio.",
        ),
        (
            "¿Qué políticas o programas públicos apoyan hoy la ESS?",
            "El Ayuntamiento cuenta con un plan de impulso de la economía social, cláusulas sociales en "
            "la contratación pública, un vivero de cooperativas y una línea anual de subvenciones.",
        ),
        (
            "¿Cómo respondió la ESS a la crisis de la COVID-19?",
            "Las redes vecinales y las cooperativas de cuidados sostuvieron el reparto de alimentos y la "
            "atención a personas mayores durante el confinamiento.",
        ),
        (
            "¿Qué reto quiere abordar en el proceso de aprendizaje entre pares?",
            "Reconstruir: convertir las redes de apoyo surgidas en la pandemia en estructuras estables "
            "y reforzar la compra pública responsable.",
        ),
        (
            "¿Qué espera aprender de otras ciudades y qué puede aportar?",
            "Esperamos conocer modelos de financiación y de gobernanza compartida; podemos aportar "
            "nuestra experiencia con el vivero de cooperativas.",
        ),
        (
            "Equipo y recursos que dedicará la entidad",
            "Dos técnicos del área de empleo y un responsable político; presupuesto para viajes.",
        ),
    ]
    head = [
        f"# {title}",
        "RRR - Responder, Reconstruir, Reinventar",
        "Convocatoria de Ciudades de Aprendizaje entre Pares",
    ]
    return _qa_form(head, qa, f"En {city.short}, a {date}", table=table)


def letter_es(
    city: City, *, date: str = "19 de mayo de 2021", style: str = "carta", ref: str = ""
) -> str:
    """Spanish letters: 'carta' (titled carta de intención), 'oficio' (Mexican official letter),
    'decreto' (an administrative 'manifestación de interés' with no 'carta' anywhere)."""
    if style == "oficio":
        return "\n".join(
            [
                f"OFICIO No. {ref or 'SDE/DGE/0412/2021'}",
                "ASUNTO: Carta de intención - Convocatoria RRR Ciudades de Aprendizaje entre Pares",
                "",
                f"{city.short}, a {date}",
                "",
                "UPSOCIAL",
                "CONSORCIO RRR - RESPOND, REBUILD, REINVENT",
                "P R E S E N T E",
                "",
                f"Por medio del presente, el {city.authority} manifiesta su interés y compromiso de "
                "participar en el programa de Ciudades de Aprendizaje entre Pares del proyecto RRR, "
                "en caso de resultar seleccionado.",
                "",
                "Para tal efecto, este Gobierno Municipal se compromete a designar un equipo técnico, "
                "participar en todas las actividades del programa y poner en práctica las soluciones "
                "que se identifiquen en conjunto con las demás ciudades participantes.",
                "",
                f"Se designa como enlace a {city.contact}, {city.contact_role} ({city.email}).",
                "",
                "Sin otro particular, aprovecho la ocasión para enviarle un cordial saludo.",
                "",
                "A T E N T A M E N T E",
                "[sig]",
                city.signatory,
                city.signatory_role,
                "",
                "C.c.p. Archivo",
            ]
        )
    if style == "decreto":
        return "\n".join(
            [
                f"{city.authority.upper()}",
                "",
                "MANIFESTACIÓN DE INTERÉS",
                "",
                f"D./Dña. {city.signatory}, en calidad de {city.signatory_role}, en nombre y "
                f"representación de {city.authority},",
                "",
                "MANIFIESTA",
                "",
                "Primero. Que esta entidad desea participar en el programa Respond, Rebuild, Reinvent "
                "(RRR) de ciudades de aprendizaje entre pares sobre ecosistemas de economía social y "
                "solidaria.",
                "Segundo. Que, en caso de ser seleccionada, se compromete a dedicar el personal "
                "necesario y a participar en todas las fases del programa.",
                f"Tercero. Que designa como persona de contacto a {city.contact} ({city.email}).",
                "",
                f"Y para que conste, firma la presente en {city.short}, a {date}.",
                "[sig]",
                f"Fdo.: {city.signatory}",
            ]
        )
    return "\n".join(
        [
            "# CARTA DE INTENCIÓN",
            "",
            f"{city.short}, {date}",
            "",
            "A la atención del consorcio RRR (UpSocial)",
            "",
            "Estimados señores:",
            "",
            f"Por la presente, {city.authority} expresa su intención de participar en la convocatoria "
            "de Ciudades de Aprendizaje entre Pares del proyecto RRR - Respond, Rebuild, Reinvent.",
            "",
            "Nos comprometemos a participar activamente en todas las fases del programa, a designar "
            "un equipo de trabajo y a implicar a los actores locales de la economía social y solidaria.",
            "",
            f"La persona de contacto será {city.contact}, {city.contact_role}.",
            "",
            "Atentamente,",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_pt(
    city: City,
    *,
    date: str = "19 de maio de 2021",
    brazil: bool = False,
    table: bool = False,
    title: str | None = None,
) -> str:
    title = title or ("FORMULÁRIO DE INSCRIÇÃO" if brazil else "FORMULÁRIO DE CANDIDATURA")
    qa = [
        ("Nome da autoridade local ou metropolitana", city.authority),
        ("País", city.country),
        ("População (último dado oficial)", city.population),
        (
            "Secretaria / departamento responsável" if brazil else "Departamento responsável",
            city.department,
        ),
        (
            "Pessoa de contato (nome, cargo, e-mail, telefone)"
            if brazil
            else "Pessoa de contacto (nome, cargo, e-mail, telefone)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Descreva os principais atores e redes da economia social e solidária (ESS) no seu território",
            f"{city.short} tem uma rede ativa de cooperativas de catadores, associações comunitárias, "
            "bancos comunitários e empreendimentos de economia solidária, apoiados por incubadoras "
            "universitárias."
            if brazil
            else f"Em {city.short} atuam cerca de 1.200 entidades da economia social: IPSS, cooperativas, "
            "mutualidades e associações de desenvolvimento local.",
        ),
        (
            "Que políticas ou programas públicos apoiam hoje a ESS?",
            "A Prefeitura mantém um programa municipal de economia solidária, feiras, crédito e um "
            "centro público de apoio aos empreendimentos."
            if brazil
            else "A Câmara tem um programa de apoio ao empreendedorismo social, cláusulas sociais na "
            "contratação pública e um fundo de emergência social.",
        ),
        (
            "Como a ESS respondeu à crise da COVID-19?",
            "As redes comunitárias organizaram a distribuição de cestas básicas e de máscaras nas "
            "periferias."
            if brazil
            else "As instituições sociais garantiram apoio alimentar e acompanhamento de idosos durante o "
            "confinamento.",
        ),
        (
            "Que desafio pretende trabalhar no processo de aprendizagem entre pares?",
            "Reconstruir: fortalecer as cadeias produtivas solidárias e o acesso a compras públicas.",
        ),
        (
            "O que espera aprender com as outras cidades e o que pode partilhar?"
            if not brazil
            else "O que espera aprender com as outras cidades e o que pode compartilhar?",
            "Modelos de financiamento e de governança; podemos partilhar a experiência do fundo de "
            "emergência."
            if not brazil
            else "Modelos de financiamento e governança; podemos compartilhar a experiência dos bancos "
            "comunitários.",
        ),
        (
            "Equipa e recursos dedicados" if not brazil else "Equipe e recursos dedicados",
            "Três técnicos e a coordenação política do vereador responsável.",
        ),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Chamada para Cidades de Aprendizagem entre Pares"
        if not brazil
        else "Chamada Cidades de Aprendizagem entre Pares",
    ]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_pt(
    city: City, *, date: str = "19 de maio de 2021", style: str = "carta", ref: str = ""
) -> str:
    """Portuguese letters: 'carta' (carta de intenção, Portugal), 'oficio' (Brazilian ofício that
    never says 'carta'), 'declaracao' (Brazilian declaração)."""
    if style == "oficio":
        return "\n".join(
            [
                f"Ofício nº {ref or '112/2021'} - GP",
                "",
                f"{city.short}, {date}.",
                "",
                "À UpSocial",
                "Coordenação do Consórcio RRR - Respond, Rebuild, Reinvent",
                "Barcelona - Espanha",
                "",
                "Assunto: Participação no programa Cidades de Aprendizagem entre Pares",
                "",
                "Senhores,",
                "",
                f"Cumprimentando-os cordialmente, vimos por meio deste manifestar o interesse do "
                f"{city.authority} em integrar o grupo de cidades do programa de aprendizagem entre "
                "pares sobre ecossistemas de economia social e solidária.",
                "",
                "Caso selecionado, o Município compromete-se a designar equipe técnica, participar de "
                "todas as etapas do programa e experimentar localmente as soluções construídas em "
                "conjunto com as demais cidades.",
                "",
                f"Indicamos como ponto focal {city.contact}, {city.contact_role} ({city.email}).",
                "",
                "Atenciosamente,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    if style == "declaracao":
        return "\n".join(
            [
                "# DECLARAÇÃO",
                "",
                f"Declaramos, para os devidos fins, que o {city.authority} tem interesse em participar "
                "do programa Respond, Rebuild, Reinvent (RRR) - Cidades de Aprendizagem entre Pares, "
                "e assume o compromisso de dedicar equipe e tempo às atividades previstas, caso seja "
                "selecionado.",
                "",
                f"{city.short}, {date}.",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# Carta de Intenção",
            "",
            f"{city.short}, {date}",
            "",
            "Exmos. Senhores,",
            "",
            f"Em nome do {city.authority}, venho por este meio manifestar a intenção de participar no "
            "programa Cidades de Aprendizagem entre Pares do projeto RRR - Respond, Rebuild, Reinvent.",
            "",
            "Caso a nossa candidatura seja selecionada, comprometemo-nos a participar em todas as "
            "fases do programa, a afetar uma equipa técnica e a envolver as entidades da economia "
            "social do concelho.",
            "",
            "Com os melhores cumprimentos,",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_fr(
    city: City,
    *,
    date: str = "19 mai 2021",
    title: str = "FORMULAIRE DE CANDIDATURE",
    table: bool = False,
) -> str:
    qa = [
        ("Nom de la collectivité locale ou métropolitaine", city.authority),
        ("Pays", city.country),
        ("Population (dernier chiffre officiel)", city.population),
        ("Direction ou service responsable", city.department),
        (
            "Personne de contact (nom, fonction, courriel, téléphone)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Décrivez les principaux acteurs et réseaux de l'économie sociale et solidaire (ESS) de votre territoire",
            f"Le territoire de {city.short} compte plus de 2 000 structures de l'ESS : associations, "
            "coopératives, mutuelles, entreprises d'insertion et SCIC, fédérées autour d'une chambre "
            "régionale et de pôles territoriaux de coopération économique.",
        ),
        (
            "Quelles politiques publiques soutiennent aujourd'hui l'ESS ?",
            "Une délibération cadre pour l'ESS, un fonds d'amorçage, des clauses sociales dans les "
            "marchés publics et un appel à projets annuel pour l'innovation sociale.",
        ),
        (
            "Comment l'ESS a-t-elle répondu à la crise de la COVID-19 ?",
            "Les acteurs de l'aide alimentaire, les ressourceries et les tiers-lieux se sont mobilisés "
            "pour fabriquer des masques et livrer les personnes isolées.",
        ),
        (
            "Quel défi souhaitez-vous traiter dans le processus d'apprentissage entre pairs ?",
            "Reconstruire : pérenniser les coopérations nées pendant la crise et mieux mobiliser la "
            "commande publique.",
        ),
        (
            "Qu'attendez-vous des autres villes et que pouvez-vous partager ?",
            "Des échanges sur la gouvernance partagée et le financement ; nous pouvons partager notre "
            "expérience des pôles territoriaux de coopération.",
        ),
        ("Équipe et moyens mobilisés", "Deux chargés de mission et l'élu délégué à l'ESS."),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Appel à candidatures « Villes d'apprentissage entre pairs »",
    ]
    return _qa_form(head, qa, f"Fait à {city.short}, le {date}", table=table)


def letter_fr(
    city: City, *, date: str = "19 mai 2021", style: str = "lettre", ref: str = ""
) -> str:
    """French letters: 'lettre' (lettre d'intention), 'courrier' (a French mayor's letter with
    'Objet' and no 'intention'), 'quebec' (Québec municipal letter, 'Objet :' and 'Veuillez agréer')."""
    if style == "courrier":
        return "\n".join(
            [
                f"Réf. : {ref or 'DGA-DEV/ESS/2021-118'}",
                f"Affaire suivie par : {city.contact}",
                "",
                f"{city.short}, le {date}",
                "",
                "Monsieur le Directeur,",
                "UpSocial - consortium RRR",
                "",
                "Objet : Appel « Peer Learning Cities » du projet Respond, Rebuild, Reinvent",
                "",
                "Monsieur le Directeur,",
                "",
                f"J'ai le plaisir de vous confirmer l'engagement de {city.authority} à participer au "
                "programme d'apprentissage entre pairs consacré aux écosystèmes de l'économie sociale "
                "et solidaire.",
                "",
                "Si notre candidature est retenue, nos services y consacreront le temps nécessaire, "
                "associeront les acteurs locaux de l'ESS et partageront leurs pratiques avec les autres "
                "villes.",
                "",
                "Je vous prie d'agréer, Monsieur le Directeur, l'expression de mes salutations distinguées.",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    if style == "quebec":
        return "\n".join(
            [
                f"Le {date}",
                "",
                "Madame, Monsieur,",
                "Comité de sélection",
                "Projet RRR - Respond, Rebuild, Reinvent",
                "",
                "Objet : Manifestation d'intérêt de la " + city.authority,
                "",
                "Madame, Monsieur,",
                "",
                f"La {city.authority} souhaite par la présente manifester son intérêt à se joindre à la "
                "cohorte des villes d'apprentissage entre pairs. Notre administration s'engage à "
                "désigner une équipe, à participer à l'ensemble des activités et à mettre à l'essai, "
                "avec les organismes de l'économie sociale de notre territoire, les solutions qui en "
                "découleront.",
                "",
                f"Pour toute question, vous pouvez joindre {city.contact}, {city.contact_role}, au {city.phone}.",
                "",
                "Veuillez agréer, Madame, Monsieur, l'expression de nos sentiments les meilleurs.",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# LETTRE D'INTENTION",
            "",
            f"{city.short}, le {date}",
            "",
            "Madame, Monsieur,",
            "",
            f"Par la présente, {city.authority} déclare son intention de participer au programme "
            "Villes d'apprentissage entre pairs du projet RRR - Respond, Rebuild, Reinvent.",
            "",
            "Nous nous engageons à participer à toutes les étapes du programme, à désigner une personne "
            "référente et à mobiliser les acteurs de l'économie sociale et solidaire du territoire.",
            "",
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_de(
    city: City, *, date: str = "19.05.2021", title: str = "BEWERBUNGSFORMULAR", table: bool = False
) -> str:
    qa = [
        ("Name der Kommune bzw. Metropolregion", city.authority),
        ("Land", city.country),
        ("Einwohnerzahl (letzter amtlicher Stand)", city.population),
        ("Federführendes Amt / Referat", city.department),
        (
            "Ansprechperson (Name, Funktion, E-Mail, Telefon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Beschreiben Sie die wichtigsten Akteure und Netzwerke der Sozial- und Solidarwirtschaft in Ihrer Stadt",
            f"In {city.short} gibt es rund 700 Genossenschaften, Sozialunternehmen, Vereine und "
            "Stiftungen; wichtige Netzwerke sind das Social Impact Lab, der Genossenschaftsverband und "
            "die Freiwilligenagentur.",
        ),
        (
            "Welche kommunalen Strategien oder Programme unterstützen die Sozialwirtschaft?",
            "Die Wirtschaftsförderung bietet Beratung und Räume an; seit 2020 gibt es ein Förderprogramm "
            "für soziale Innovationen und soziale Kriterien in der Vergabe.",
        ),
        (
            "Wie hat die Sozialwirtschaft auf die COVID-19-Krise reagiert?",
            "Nachbarschaftshilfen, Tafeln und Sozialkaufhäuser haben die Versorgung gefährdeter Gruppen "
            "während der Lockdowns übernommen.",
        ),
        (
            "Welche Herausforderung möchten Sie im Peer-Learning-Prozess bearbeiten?",
            "Wiederaufbau: eine kommunale Strategie für die Sozialwirtschaft entwickeln und die "
            "öffentliche Beschaffung öffnen.",
        ),
        (
            "Was erwarten Sie von den anderen Städten und was können Sie einbringen?",
            "Praktischen Austausch unter Verwaltungen; wir bringen Erfahrungen mit der Förderung von "
            "Sozialunternehmen ein.",
        ),
        ("Personal und Mittel", "Zwei Mitarbeitende des Amtes für Wirtschaftsförderung (je 20 %)."),
    ]
    head = [f"# {title}", "RRR - Respond, Rebuild, Reinvent", "Aufruf für Peer-Learning-Städte"]
    return _qa_form(head, qa, f"{city.short}, den {date}", table=table)


def letter_de(
    city: City, *, date: str = "19.05.2021", style: str = "absicht", ref: str = ""
) -> str:
    """German letters: 'absicht' (Absichtserklärung), 'schreiben' (a mayor's letter, 'Betreff'
    and no word for intent), 'interesse' (Interessenbekundung)."""
    if style == "schreiben":
        return "\n".join(
            [
                f"Ihr Zeichen: -     Unser Zeichen: {ref or '80.1-SW/2021'}",
                f"Datum: {date}",
                "",
                "UpSocial",
                "Konsortium RRR",
                "Barcelona",
                "",
                "Betreff: Teilnahme am Programm Peer Learning Cities (Respond, Rebuild, Reinvent)",
                "",
                "Sehr geehrte Damen und Herren,",
                "",
                f"hiermit bestätige ich, dass die {city.authority} am Peer-Learning-Programm zur "
                "Sozial- und Solidarwirtschaft teilnehmen möchte. Im Falle einer Auswahl wird die Stadt "
                "eine Ansprechperson benennen, an allen Phasen des Programms mitwirken und lokale "
                "Akteure einbinden.",
                "",
                f"Ansprechpartnerin ist {city.contact}, {city.contact_role}.",
                "",
                "Mit freundlichen Grüßen",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    heading = "ABSICHTSERKLÄRUNG" if style == "absicht" else "INTERESSENBEKUNDUNG"
    return "\n".join(
        [
            f"# {heading}",
            "",
            f"Die {city.authority}, vertreten durch {city.signatory}, {city.signatory_role}, erklärt "
            "hiermit ihre Absicht, am Programm Peer Learning Cities des Projekts RRR - Respond, "
            "Rebuild, Reinvent teilzunehmen.",
            "",
            "Im Falle einer Auswahl verpflichtet sich die Stadt,",
            "- an allen Programmphasen teilzunehmen,",
            "- ein Team mit ausreichenden zeitlichen Ressourcen zu benennen,",
            "- die Akteure der lokalen Sozialwirtschaft einzubeziehen.",
            "",
            f"{city.short}, {date}",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_it(
    city: City,
    *,
    date: str = "19/05/2021",
    title: str = "MODULO DI CANDIDATURA",
    table: bool = False,
) -> str:
    qa = [
        ("Denominazione dell'ente locale o metropolitano", city.authority),
        ("Paese", city.country),
        ("Popolazione (ultimo dato ufficiale)", city.population),
        ("Settore / servizio responsabile", city.department),
        (
            "Referente (nome, ruolo, e-mail, telefono)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Descrivere i principali attori e reti dell'economia sociale e solidale nel territorio",
            f"A {city.short} operano oltre 1.000 organizzazioni del terzo settore: cooperative sociali "
            "di tipo A e B, associazioni di promozione sociale, fondazioni di comunità ed empori "
            "solidali.",
        ),
        (
            "Quali politiche pubbliche sostengono oggi l'economia sociale?",
            "Patti di collaborazione per i beni comuni, co-progettazione con il terzo settore, "
            "affidamenti riservati alle cooperative sociali.",
        ),
        (
            "Come ha risposto l'economia sociale alla crisi COVID-19?",
            "Le reti di volontariato e le cooperative hanno garantito la spesa a domicilio e il "
            "supporto psicologico alle famiglie.",
        ),
        (
            "Quale sfida intendete affrontare nel percorso di apprendimento tra pari?",
            "Ricostruire: rafforzare la co-programmazione con il terzo settore dopo la pandemia.",
        ),
        (
            "Cosa vi aspettate di imparare e cosa potete condividere?",
            "Modelli di finanza d'impatto; possiamo condividere l'esperienza dei patti di collaborazione.",
        ),
        ("Gruppo di lavoro e risorse", "Tre funzionari della Direzione Economia e Lavoro."),
    ]
    head = [f"# {title}", "RRR - Respond, Rebuild, Reinvent", "Bando Peer Learning Cities"]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_it(
    city: City, *, date: str = "19/05/2021", style: str = "intenti", ref: str = ""
) -> str:
    """Italian letters: 'intenti' (lettera di intenti), 'manifestazione' (manifestazione di
    interesse with protocol number, no 'lettera' at all)."""
    if style == "manifestazione":
        return "\n".join(
            [
                f"Prot. n. {ref or '0214587/2021'}",
                f"{city.short}, {date}",
                "",
                "Spett.le UpSocial",
                "Capofila del consorzio RRR",
                "",
                "OGGETTO: Manifestazione di interesse alla partecipazione al programma Peer Learning "
                "Cities - progetto Respond, Rebuild, Reinvent.",
                "",
                f"Il sottoscritto {city.signatory}, in qualità di {city.signatory_role}, manifesta "
                f"l'interesse del {city.authority} a partecipare al programma in oggetto e si impegna, "
                "in caso di selezione, a garantire la partecipazione di un gruppo di lavoro dedicato a "
                "tutte le fasi previste.",
                "",
                "Distinti saluti.",
                "[sig]",
                city.signatory,
                "(documento firmato digitalmente ai sensi del D.Lgs. 82/2005)",
            ]
        )
    return "\n".join(
        [
            "# LETTERA DI INTENTI",
            "",
            f"{city.short}, {date}",
            "",
            "Gentili Signore e Signori,",
            "",
            f"con la presente il {city.authority} esprime l'intenzione di partecipare al programma "
            "Peer Learning Cities del progetto RRR - Respond, Rebuild, Reinvent.",
            "",
            "In caso di selezione, l'Amministrazione si impegna a partecipare a tutte le attività, "
            "a individuare un referente e a coinvolgere gli attori dell'economia sociale.",
            "",
            "Cordiali saluti,",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_pl(
    city: City,
    *,
    date: str = "19.05.2021 r.",
    title: str = "FORMULARZ ZGŁOSZENIOWY",
    table: bool = False,
) -> str:
    qa = [
        ("Nazwa jednostki samorządu terytorialnego", city.authority),
        ("Kraj", city.country),
        ("Liczba mieszkańców (ostatnie dane GUS)", city.population),
        ("Wydział odpowiedzialny", city.department),
        (
            "Osoba do kontaktu (imię i nazwisko, stanowisko, e-mail, telefon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Opisz najważniejszych aktorów i sieci ekonomii społecznej i solidarnej w mieście",
            f"W {city.short} działa ponad 150 przedsiębiorstw społecznych, spółdzielnie socjalne, "
            "centra integracji społecznej oraz Ośrodek Wsparcia Ekonomii Społecznej.",
        ),
        (
            "Jakie polityki publiczne wspierają dziś ekonomię społeczną?",
            "Miejski program rozwoju ekonomii społecznej, klauzule społeczne w zamówieniach "
            "publicznych oraz inkubator przedsiębiorczości społecznej.",
        ),
        (
            "Jak ekonomia społeczna zareagowała na kryzys COVID-19?",
            "Spółdzielnie socjalne szyły maseczki i dostarczały posiłki seniorom.",
        ),
        (
            "Jakie wyzwanie chcecie podjąć w procesie uczenia się od siebie nawzajem?",
            "Odbudowa: trwałe włączenie podmiotów ekonomii społecznej w usługi społeczne.",
        ),
        (
            "Czego oczekujecie od innych miast i czym możecie się podzielić?",
            "Wymiany doświadczeń w zakresie finansowania; możemy podzielić się doświadczeniem "
            "inkubatora.",
        ),
        ("Zespół i zasoby", "Dwie osoby z Wydziału Polityki Społecznej."),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Nabór miast do programu Peer Learning Cities",
    ]
    return _qa_form(head, qa, f"{city.short}, dnia {date}", table=table)


def letter_pl(
    city: City, *, date: str = "19 maja 2021 r.", style: str = "list", ref: str = ""
) -> str:
    """Polish letters: 'list' (list intencyjny), 'deklaracja' (deklaracja udziału), 'pismo'
    (an official letter with a case number, 'Szanowni Państwo', no title)."""
    if style == "pismo":
        return "\n".join(
            [
                f"Znak sprawy: {ref or 'WRS-II.0713.14.2021'}",
                f"{city.short}, {date}",
                "",
                "UpSocial",
                "Konsorcjum projektu RRR",
                "",
                "Szanowni Państwo,",
                "",
                f"w imieniu {city.authority} potwierdzam wolę udziału miasta w programie Peer Learning "
                "Cities realizowanym w ramach projektu Respond, Rebuild, Reinvent. W przypadku wyboru "
                "miasto zobowiązuje się do wyznaczenia zespołu, aktywnego udziału we wszystkich etapach "
                "programu oraz zaangażowania lokalnych podmiotów ekonomii społecznej.",
                "",
                "Z wyrazami szacunku",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    heading = "LIST INTENCYJNY" if style == "list" else "DEKLARACJA UDZIAŁU"
    return "\n".join(
        [
            f"# {heading}",
            "",
            f"{city.authority}, reprezentowane przez {city.signatory} - {city.signatory_role}, "
            "deklaruje zamiar udziału w programie Peer Learning Cities projektu RRR - Respond, Rebuild, "
            "Reinvent.",
            "",
            "W przypadku zakwalifikowania miasto zobowiązuje się do udziału we wszystkich etapach "
            "programu, wyznaczenia osoby do kontaktu oraz włączenia lokalnych podmiotów ekonomii "
            "społecznej.",
            "",
            f"{city.short}, {date}",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_nl(
    city: City, *, date: str = "19 mei 2021", title: str = "AANMELDFORMULIER", table: bool = False
) -> str:
    qa = [
        ("Naam van de gemeente of regio", city.authority),
        ("Land", city.country),
        ("Aantal inwoners (meest recente CBS-cijfer)", city.population),
        ("Verantwoordelijke afdeling", city.department),
        (
            "Contactpersoon (naam, functie, e-mail, telefoon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Beschrijf de belangrijkste spelers en netwerken van de sociale en solidaire economie",
            f"{city.short} telt ruim 400 sociale ondernemingen, een actieve coöperatieve beweging en "
            "een netwerk van buurthuizen en energiecoöperaties.",
        ),
        (
            "Welk beleid ondersteunt de sociale economie?",
            "Een actieprogramma sociaal ondernemerschap, social return in inkoop en een impactfonds.",
        ),
        (
            "Hoe reageerde de sociale economie op de coronacrisis?",
            "Sociale ondernemingen verzorgden maaltijden en digitale hulp voor kwetsbare inwoners.",
        ),
        (
            "Welke uitdaging wilt u in het peer-learningtraject aanpakken?",
            "Herbouwen: sociale ondernemingen structureel betrekken bij het herstelbeleid.",
        ),
        (
            "Wat verwacht u van andere steden en wat kunt u delen?",
            "Kennis over financiering; wij delen onze ervaring met social return.",
        ),
        ("Team en middelen", "Een beleidsadviseur en een accountmanager economie."),
    ]
    head = [f"# {title}", "RRR - Respond, Rebuild, Reinvent", "Oproep Peer Learning Cities"]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_nl(
    city: City, *, date: str = "19 mei 2021", style: str = "intentie", ref: str = ""
) -> str:
    """Dutch letters: 'intentie' (intentieverklaring), 'brief' (an alderman's letter)."""
    if style == "brief":
        return "\n".join(
            [
                f"Datum: {date}",
                f"Kenmerk: {ref or 'EZ/2021/31877'}",
                "Onderwerp: deelname Peer Learning Cities (RRR)",
                "",
                "Geachte leden van de selectiecommissie,",
                "",
                f"Graag bevestig ik dat de {city.authority} wil deelnemen aan het programma Peer "
                "Learning Cities van het project Respond, Rebuild, Reinvent. Wij zetten ons in om aan "
                "alle fasen deel te nemen, een vast team te leveren en lokale sociale ondernemers te "
                "betrekken.",
                "",
                "Met vriendelijke groet,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# INTENTIEVERKLARING",
            "",
            f"De {city.authority}, vertegenwoordigd door {city.signatory}, {city.signatory_role}, "
            "verklaart hierbij het voornemen om deel te nemen aan het programma Peer Learning Cities "
            "van het project RRR - Respond, Rebuild, Reinvent.",
            "",
            "Bij selectie verbindt de gemeente zich ertoe deel te nemen aan alle activiteiten en een "
            "contactpersoon aan te wijzen.",
            "",
            f"{city.short}, {date}",
            "[sig]",
            city.signatory,
        ]
    )


def form_ca(
    city: City,
    *,
    date: str = "19 de maig de 2021",
    title: str = "FORMULARI DE SOL·LICITUD",
    table: bool = False,
) -> str:
    qa = [
        ("Nom de l'ens local o metropolità", city.authority),
        ("País", city.country),
        ("Població (darrera xifra oficial)", city.population),
        ("Àrea o departament responsable", city.department),
        (
            "Persona de contacte (nom, càrrec, correu, telèfon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Descriviu els principals actors i xarxes de l'economia social i solidària (ESS)",
            f"A {city.short} hi ha més de 800 cooperatives, associacions, fundacions i empreses "
            "d'inserció, articulades a través de l'ateneu cooperatiu i de la xarxa d'economia solidària.",
        ),
        (
            "Quines polítiques públiques donen suport a l'ESS?",
            "Un pla d'impuls de l'ESS, clàusules socials a la contractació i una línia de "
            "subvencions per a projectes d'innovació social.",
        ),
        (
            "Com va respondre l'ESS a la crisi de la COVID-19?",
            "Les xarxes de suport mutu i les cooperatives de cures van garantir l'atenció a les "
            "persones més vulnerables.",
        ),
        (
            "Quin repte voleu treballar en el procés d'aprenentatge entre iguals?",
            "Reconstruir: consolidar les xarxes comunitàries i la compra pública responsable.",
        ),
        (
            "Què espereu aprendre i què podeu aportar?",
            "Models de finançament; podem aportar l'experiència de l'ateneu cooperatiu.",
        ),
        ("Equip i recursos", "Dues tècniques de promoció econòmica i la regidoria d'ESS."),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Convocatòria de Ciutats d'Aprenentatge entre Iguals",
    ]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_ca(
    city: City, *, date: str = "19 de maig de 2021", style: str = "carta", ref: str = ""
) -> str:
    """Catalan letters: 'carta' (carta d'intenció), 'manifestacio' (manifestació d'interès)."""
    heading = "CARTA D'INTENCIÓ" if style == "carta" else "MANIFESTACIÓ D'INTERÈS"
    return "\n".join(
        [
            f"# {heading}",
            "",
            f"{city.signatory}, {city.signatory_role}, en nom i representació de {city.authority},",
            "",
            "EXPOSO:",
            "Que l'ens que represento vol participar en el programa de Ciutats d'Aprenentatge entre "
            "Iguals del projecte RRR - Respond, Rebuild, Reinvent i es compromet, en cas de ser "
            "seleccionat, a participar en totes les fases i a designar un equip tècnic.",
            "",
            f"I perquè així consti, signo aquest document a {city.short}, {date}.",
            "[sig]",
            city.signatory,
        ]
    )


def form_ro(
    city: City,
    *,
    date: str = "19.05.2021",
    title: str = "FORMULAR DE APLICARE",
    table: bool = False,
) -> str:
    qa = [
        ("Denumirea autorității locale sau metropolitane", city.authority),
        ("Țara", city.country),
        ("Populația (ultima cifră oficială)", city.population),
        ("Direcția responsabilă", city.department),
        (
            "Persoana de contact (nume, funcție, e-mail, telefon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Descrieți principalii actori și rețelele economiei sociale și solidare din oraș",
            f"În {city.short} activează peste 300 de întreprinderi sociale, cooperative, ONG-uri și "
            "case de ajutor reciproc, sprijinite de un hub de inovare socială.",
        ),
        (
            "Ce politici publice susțin economia socială?",
            "Strategia de dezvoltare locală, bugetarea participativă și achizițiile rezervate.",
        ),
        (
            "Cum a răspuns economia socială la criza COVID-19?",
            "Organizațiile au livrat alimente și medicamente persoanelor vârstnice izolate.",
        ),
        (
            "Ce provocare doriți să abordați în procesul de învățare între egali?",
            "Reconstrucție: crearea unui cadru municipal stabil pentru întreprinderile sociale.",
        ),
        (
            "Ce așteptați de la celelalte orașe și ce puteți împărtăși?",
            "Schimb de experiență privind finanțarea; putem împărtăși experiența bugetării participative.",
        ),
        ("Echipa și resursele alocate", "Trei experți din Direcția Dezvoltare Economică."),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Apel pentru orașe de învățare între egali (Peer Learning Cities)",
    ]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_ro(
    city: City, *, date: str = "19.05.2021", style: str = "scrisoare", ref: str = ""
) -> str:
    """Romanian letters: 'scrisoare' (scrisoare de intenție), 'adresa' (an official address with
    registration number and no title)."""
    if style == "adresa":
        return "\n".join(
            [
                f"Nr. {ref or '184.552'} / {date}",
                "",
                "Către: UpSocial - consorțiul RRR",
                "",
                "Stimată doamnă, stimate domn,",
                "",
                f"Prin prezenta, {city.authority} își confirmă angajamentul de a participa la programul "
                "Peer Learning Cities al proiectului Respond, Rebuild, Reinvent. În cazul selectării, "
                "municipalitatea va desemna o echipă de lucru și va participa la toate etapele "
                "programului.",
                "",
                "Cu stimă,",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# SCRISOARE DE INTENȚIE",
            "",
            f"Subsemnatul {city.signatory}, {city.signatory_role}, declar în numele {city.authority} "
            "intenția de a participa la programul Peer Learning Cities al proiectului RRR - Respond, "
            "Rebuild, Reinvent.",
            "",
            "Ne angajăm să participăm la toate activitățile programului și să implicăm actorii "
            "economiei sociale din oraș.",
            "",
            f"{city.short}, {date}",
            "[sig]",
            city.signatory,
        ]
    )


def form_sv(
    city: City, *, date: str = "2021-05-19", title: str = "ANSÖKNINGSFORMULÄR", table: bool = False
) -> str:
    qa = [
        ("Kommunens eller regionens namn", city.authority),
        ("Land", city.country),
        ("Antal invånare (senaste officiella siffra)", city.population),
        ("Ansvarig förvaltning", city.department),
        (
            "Kontaktperson (namn, befattning, e-post, telefon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Beskriv de viktigaste aktörerna och nätverken inom den sociala ekonomin",
            f"I {city.short} finns ett hundratal arbetsintegrerande sociala företag, många ideella "
            "föreningar och ett starkt kooperativt nätverk.",
        ),
        (
            "Vilken politik stödjer den sociala ekonomin?",
            "Idéburet offentligt partnerskap (IOP), sociala hänsyn i upphandling och ett "
            "innovationsprogram.",
        ),
        (
            "Hur svarade den sociala ekonomin på covid-19-krisen?",
            "Föreningar organiserade matkassar och hjälp till äldre i riskgrupp.",
        ),
        (
            "Vilken utmaning vill ni arbeta med i peer learning-processen?",
            "Återuppbygga: långsiktiga partnerskap med den idéburna sektorn.",
        ),
        (
            "Vad förväntar ni er och vad kan ni dela?",
            "Erfarenheter av IOP och sociala investeringar.",
        ),
        ("Team och resurser", "Två utvecklingsledare från stadsledningskontoret."),
    ]
    head = [f"# {title}", "RRR - Respond, Rebuild, Reinvent", "Utlysning Peer Learning Cities"]
    return _qa_form(head, qa, f"{city.short} {date}", table=table)


def letter_sv(city: City, *, date: str = "2021-05-19", style: str = "avsikt", ref: str = "") -> str:
    if style == "brev":
        return "\n".join(
            [
                f"Datum {date}    Diarienummer {ref or 'SLK 2021/0412'}",
                "",
                "Till RRR-konsortiet",
                "",
                f"{city.authority} vill härmed bekräfta att staden önskar delta i programmet Peer "
                "Learning Cities inom projektet Respond, Rebuild, Reinvent. Om staden blir utvald "
                "kommer vi att avsätta personal och delta i alla programmets delar.",
                "",
                "Med vänliga hälsningar",
                "[sig]",
                city.signatory,
                city.signatory_role,
            ]
        )
    return "\n".join(
        [
            "# AVSIKTSFÖRKLARING",
            "",
            f"{city.authority} förklarar härmed sin avsikt att delta i programmet Peer Learning Cities "
            "inom projektet RRR - Respond, Rebuild, Reinvent, och åtar sig att delta i samtliga "
            "aktiviteter samt utse en kontaktperson.",
            "",
            f"{city.short} {date}",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_el(
    city: City, *, date: str = "19/05/2021", title: str = "ΑΙΤΗΣΗ ΣΥΜΜΕΤΟΧΗΣ", table: bool = False
) -> str:
    qa = [
        ("Επωνυμία του φορέα τοπικής αυτοδιοίκησης", city.authority),
        ("Χώρα", city.country),
        ("Πληθυσμός (τελευταία απογραφή)", city.population),
        ("Αρμόδια Διεύθυνση", city.department),
        (
            "Υπεύθυνος επικοινωνίας (όνομα, θέση, e-mail, τηλέφωνο)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Περιγράψτε τους κύριους φορείς της κοινωνικής και αλληλέγγυας οικονομίας",
            f"Στον Δήμο {city.short} δραστηριοποιούνται περισσότερες από 200 Κοινωνικές Συνεταιριστικές "
            "Επιχειρήσεις (ΚοινΣΕπ), συνεταιρισμοί εργαζομένων και κοινωνικά παντοπωλεία.",
        ),
        (
            "Ποιες δημόσιες πολιτικές στηρίζουν την ΚΑΛΟ;",
            "Το Δημοτικό Πρόγραμμα Κοινωνικής Οικονομίας, κοινωνικές ρήτρες στις προμήθειες και "
            "θερμοκοιτίδα κοινωνικών επιχειρήσεων.",
        ),
        (
            "Πώς ανταποκρίθηκε η ΚΑΛΟ στην κρίση της COVID-19;",
            "Οι φορείς στήριξαν τη διανομή τροφίμων και τη φροντίδα ηλικιωμένων.",
        ),
        (
            "Ποια πρόκληση θέλετε να αντιμετωπίσετε;",
            "Ανασυγκρότηση: σταθερό πλαίσιο στήριξης για την ΚΑΛΟ.",
        ),
        ("Τι περιμένετε από τις άλλες πόλεις;", "Ανταλλαγή εμπειριών για τη χρηματοδότηση."),
        ("Ομάδα και πόροι", "Τρία στελέχη της Διεύθυνσης Τοπικής Ανάπτυξης."),
    ]
    head = [f"# {title}", "RRR - Respond, Rebuild, Reinvent", "Πρόσκληση Peer Learning Cities"]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_el(
    city: City, *, date: str = "19/05/2021", style: str = "prothesi", ref: str = ""
) -> str:
    heading = "ΕΠΙΣΤΟΛΗ ΠΡΟΘΕΣΗΣ" if style == "prothesi" else "ΕΠΙΣΤΟΛΗ ΕΚΔΗΛΩΣΗΣ ΕΝΔΙΑΦΕΡΟΝΤΟΣ"
    return "\n".join(
        [
            f"Αρ. Πρωτ.: {ref or '48213'}",
            f"{city.short}, {date}",
            "",
            f"# {heading}",
            "",
            "Προς: UpSocial - Κοινοπραξία RRR",
            "",
            f"Ο {city.authority} εκφράζει με την παρούσα την πρόθεσή του να συμμετάσχει στο "
            "πρόγραμμα Peer Learning Cities του έργου RRR - Respond, Rebuild, Reinvent και δεσμεύεται "
            "να ορίσει ομάδα εργασίας και να συμμετάσχει σε όλες τις φάσεις του προγράμματος.",
            "",
            "Με εκτίμηση,",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


def form_hu(
    city: City,
    *,
    date: str = "2021. május 19.",
    title: str = "JELENTKEZÉSI LAP",
    table: bool = False,
) -> str:
    qa = [
        ("Az önkormányzat neve", city.authority),
        ("Ország", city.country),
        ("Lakosságszám (legutóbbi hivatalos adat)", city.population),
        ("Felelős szervezeti egység", city.department),
        (
            "Kapcsolattartó (név, beosztás, e-mail, telefon)",
            f"{city.contact}, {city.contact_role}, {city.email}, {city.phone}",
        ),
        (
            "Mutassa be a szociális és szolidáris gazdaság főbb szereplőit",
            f"{city.short} területén mintegy 250 szociális szövetkezet, nonprofit vállalkozás és "
            "civil szervezet működik.",
        ),
        (
            "Milyen közpolitikák támogatják a szociális gazdaságot?",
            "A városi foglalkoztatási paktum és a szociális szövetkezetek pályázati támogatása.",
        ),
        (
            "Hogyan reagált a szociális gazdaság a COVID-19 válságra?",
            "A civil szervezetek ételosztást és idősgondozást szerveztek.",
        ),
        ("Milyen kihívással szeretnének foglalkozni?", "Újjáépítés: hosszú távú városi stratégia."),
        ("Mit várnak a többi várostól?", "Tapasztalatcserét a finanszírozásról."),
        ("Csapat és erőforrások", "Két munkatárs a Városfejlesztési Irodából."),
    ]
    head = [
        f"# {title}",
        "RRR - Respond, Rebuild, Reinvent",
        "Peer Learning Cities pályázati felhívás",
    ]
    return _qa_form(head, qa, f"{city.short}, {date}", table=table)


def letter_hu(
    city: City, *, date: str = "2021. május 19.", style: str = "szandek", ref: str = ""
) -> str:
    return "\n".join(
        [
            "# SZÁNDÉKNYILATKOZAT",
            "",
            f"Alulírott {city.signatory}, {city.signatory_role}, {city.authority} nevében kijelentem, "
            "hogy városunk részt kíván venni az RRR - Respond, Rebuild, Reinvent projekt Peer Learning "
            "Cities programjában, és vállalja, hogy kiválasztás esetén a program minden szakaszában "
            "részt vesz és kapcsolattartót jelöl ki.",
            "",
            f"{city.short}, {date}",
            "[sig]",
            city.signatory,
            city.signatory_role,
        ]
    )


# Letters in languages whose cities fill in the English form: title, body, closing.
SHORT_LETTERS: dict[str, tuple[str, str, str]] = {
    "da": (
        "HENSIGTSERKLÆRING",
        "{authority} erklærer hermed sin hensigt om at deltage i programmet Peer Learning Cities "
        "under projektet RRR - Respond, Rebuild, Reinvent, og forpligter sig til at deltage i "
        "alle programmets faser og udpege en kontaktperson.",
        "Med venlig hilsen",
    ),
    "fi": (
        "AIEKIRJE",
        "{authority} ilmoittaa täten aikomuksestaan osallistua RRR - Respond, Rebuild, Reinvent "
        "-hankkeen Peer Learning Cities -ohjelmaan ja sitoutuu nimeämään yhteyshenkilön sekä "
        "osallistumaan ohjelman kaikkiin vaiheisiin.",
        "Ystävällisin terveisin",
    ),
    "cs": (
        "DOPIS O ZÁMĚRU",
        "{authority} tímto vyjadřuje svůj záměr zapojit se do programu Peer Learning Cities "
        "projektu RRR - Respond, Rebuild, Reinvent a zavazuje se jmenovat kontaktní osobu a "
        "účastnit se všech fází programu.",
        "S pozdravem",
    ),
    "sk": (
        "LIST O ZÁMERE",
        "{authority} týmto vyjadruje zámer zapojiť sa do programu Peer Learning Cities projektu "
        "RRR - Respond, Rebuild, Reinvent a zaväzuje sa určiť kontaktnú osobu a zúčastniť sa "
        "všetkých fáz programu.",
        "S pozdravom",
    ),
    "lt": (
        "KETINIMŲ RAŠTAS",
        "{authority} šiuo raštu patvirtina ketinimą dalyvauti projekto RRR - Respond, Rebuild, "
        "Reinvent programoje Peer Learning Cities ir įsipareigoja paskirti kontaktinį asmenį bei "
        "dalyvauti visuose programos etapuose.",
        "Pagarbiai",
    ),
    "lv": (
        "NODOMU VĒSTULE",
        "{authority} ar šo apliecina nodomu piedalīties projekta RRR - Respond, Rebuild, Reinvent "
        "programmā Peer Learning Cities un apņemas nozīmēt kontaktpersonu un piedalīties visos "
        "programmas posmos.",
        "Ar cieņu",
    ),
    "et": (
        "KAVATSUSKIRI",
        "{authority} kinnitab käesolevaga kavatsust osaleda projekti RRR - Respond, Rebuild, "
        "Reinvent programmis Peer Learning Cities ning kohustub määrama kontaktisiku ja osalema "
        "programmi kõigis etappides.",
        "Lugupidamisega",
    ),
    "hr": (
        "PISMO NAMJERE",
        "{authority} ovim putem izražava namjeru sudjelovanja u programu Peer Learning Cities "
        "projekta RRR - Respond, Rebuild, Reinvent te se obvezuje imenovati kontakt osobu i "
        "sudjelovati u svim fazama programa.",
        "S poštovanjem",
    ),
    "sl": (
        "PISMO O NAMERI",
        "{authority} s tem izraža namero, da sodeluje v programu Peer Learning Cities projekta "
        "RRR - Respond, Rebuild, Reinvent, ter se zavezuje, da bo imenovala kontaktno osebo in "
        "sodelovala v vseh fazah programa.",
        "Lep pozdrav",
    ),
    "tr": (
        "NİYET MEKTUBU",
        "{authority}, RRR - Respond, Rebuild, Reinvent projesinin Peer Learning Cities programına "
        "katılma niyetini bu mektupla beyan eder; seçilmesi halinde bir irtibat kişisi "
        "görevlendirmeyi ve programın tüm aşamalarına katılmayı taahhüt eder.",
        "Saygılarımla",
    ),
    "bg": (
        "ПИСМО ЗА НАМЕРЕНИЕ",
        "{authority} изразява намерението си да участва в програмата Peer Learning Cities на "
        "проекта RRR - Respond, Rebuild, Reinvent и се ангажира да определи лице за контакт и "
        "да участва във всички етапи на програмата.",
        "С уважение",
    ),
    "gl": (
        "CARTA DE INTENCIÓN",
        "O {authority} manifesta pola presente a súa intención de participar no programa de "
        "Cidades de Aprendizaxe entre Pares do proxecto RRR - Respond, Rebuild, Reinvent, e "
        "comprométese a designar un equipo técnico e participar en todas as fases.",
        "Atentamente",
    ),
}


def letter_short(
    lang: str, city: City, *, date: str, place_first: bool = True, titled: bool = True
) -> str:
    title, body, closing = SHORT_LETTERS[lang]
    lines = [f"{city.short}, {date}", ""] if place_first else []
    if titled:
        lines += [f"# {title}", ""]
    lines += [
        body.format(authority=city.authority),
        "",
        closing,
        "[sig]",
        city.signatory,
        city.signatory_role,
    ]
    if not place_first:
        lines += ["", f"{city.short}, {date}"]
    return "\n".join(lines)


# Things that are not the two documents, as applicants attach them by mistake or as annexes.


def blank_form_en() -> str:
    lines = [
        "# APPLICATION FORM",
        "RRR - Respond, Rebuild, Reinvent | Call for Peer Learning Cities",
        "",
        "Please complete all sections and send this form, together with the signed letter of "
        "intent, to the RRR consortium by e-mail before the deadline.",
        "",
        "## Section 1 - Applicant",
        "1.1 Name of the local or metropolitan authority:",
        "______________________________________",
        "1.2 Country:",
        "______________________________________",
        "1.3 Population (latest official figure):",
        "______________________________________",
        "1.4 Department responsible for the application:",
        "______________________________________",
        "1.5 Contact person (name, position, e-mail, telephone):",
        "______________________________________",
        "## Section 2 - The SSE ecosystem",
        "2.1 Describe the main actors and networks of the social and solidarity economy (SSE) in "
        "your territory (max. 300 words):",
        "",
        "2.2 Which public policies, strategies or programmes support the SSE today? (max. 300 words)",
        "",
        "2.3 How did SSE organisations respond to the COVID-19 crisis? (max. 200 words)",
        "",
        "## Section 3 - Challenge and motivation",
        "3.1 Which challenge would you like to work on during the peer learning process?",
        "",
        "3.2 What do you expect to learn from other cities, and what can you share?",
        "",
        "## Section 4 - Commitment",
        "4.1 Team and resources that the authority will dedicate:",
        "",
        "4.2 Elected representative supporting the application:",
        "",
        "Place and date: ____________________",
    ]
    return "\n".join(lines)


def blank_letter_en() -> str:
    return "\n".join(
        [
            "# LETTER OF INTENT - TEMPLATE",
            "[To be printed on the letterhead of the local authority]",
            "",
            "I, the undersigned, [name], [position], declare on behalf of [name of the local "
            "authority] our intention to participate in the RRR Peer Learning Cities programme if "
            "selected.",
            "",
            "[Name of the local authority] commits to:",
            "- take part in the four phases of the programme;",
            "- appoint a contact person and a team;",
            "- involve local social and solidarity economy actors;",
            "- share its experience with the other cities.",
            "",
            "Place and date: [...]",
            "",
            "Signature: ______________________",
            "[Name and position of the signatory]",
        ]
    )


def guidelines_text() -> str:
    return "\n".join(
        [
            "# Respond, Rebuild, Reinvent (RRR)",
            "Call for Peer Learning Cities - Guidelines for applicants",
            "",
            "## 1. About RRR",
            "RRR is one of the six projects selected by the OECD Global Action 'Promoting Social and "
            "Solidarity Economy Ecosystems', funded by the European Union. It helps cities strengthen "
            "their SSE ecosystems after COVID-19.",
            "## 2. Who can apply",
            "Local or metropolitan authorities with at least 200,000 inhabitants, located in the EU, "
            "the UK, Brazil, Canada, Mexico or the United States.",
            "## 3. How to apply",
            "Download the application form and the letter of intent from the project website, fill "
            "them in, and send both documents by e-mail before 21 May 2021, 23:00 (ECT).",
            "## 4. Selection",
            "Eight cities will be selected by a committee of the consortium partners on the basis of "
            "motivation, capacity and diversity.",
            "## 5. What selected cities do",
            "Understanding SSE ecosystems; defining challenges; exploring solutions and social "
            "innovations; experimenting with adopting them.",
        ]
    )


def annex_text(kind: str, city: City) -> str:
    if kind == "mapping":
        return "\n".join(
            [
                f"# Mapping of the social economy in {city.short} (2020)",
                "Summary of the study commissioned by the economic development department.",
                "",
                "| Type of organisation | Number | Jobs |",
                "| Cooperatives | 412 | 5,230 |",
                "| Associations with employees | 1,108 | 7,940 |",
                "| Foundations | 96 | 1,310 |",
                "| Mutuals | 14 | 880 |",
                "| Work integration social enterprises | 38 | 1,020 |",
                "",
                "The social and solidarity economy represents 6.1% of private employment in the city. "
                "The study recommends a one-stop shop, social clauses in procurement and a guarantee fund.",
            ]
        )
    if kind == "cv":
        return "\n".join(
            [
                f"# Curriculum vitae - {city.contact}",
                f"{city.contact_role}, {city.authority}",
                "",
                "Education: MSc in Local Economic Development.",
                "Experience: 12 years in municipal economic development, social enterprise support and "
                "EU-funded projects (URBACT, Interreg).",
                "Languages: English (C1), French (B2).",
            ]
        )
    if kind == "budget":
        return "\n".join(
            [
                f"# Indicative staff time and budget - {city.short}",
                "| Item | 2021 | 2022 |",
                "| Staff time (person-days) | 40 | 60 |",
                "| Travel (EUR) | 3,000 | 6,000 |",
                "| Local workshops (EUR) | 2,500 | 4,000 |",
            ]
        )
    raise ValueError(kind)


def support_letter_university(city: City) -> str:
    return "\n".join(
        [
            f"University of {city.short} - Centre for Social Innovation",
            "",
            "18 May 2021",
            "",
            "To whom it may concern,",
            "",
            f"The Centre for Social Innovation of the University of {city.short} is pleased to support "
            f"the application of {city.authority} to the RRR Peer Learning Cities programme. We have "
            "worked with the city for many years on mapping and evaluating social enterprises, and we "
            "will contribute research capacity and student projects to the peer learning process.",
            "",
            "Yours sincerely,",
            "[sig]",
            "Prof. Dr. Miriam Okafor",
            "Director, Centre for Social Innovation",
        ]
    )


def other_programme_form(city: City) -> str:
    return "\n".join(
        [
            "# European Capital of Innovation Awards (iCapital) 2021",
            "Application form",
            "",
            "1. Name of the city: " + city.short,
            "2. Country: " + city.country,
            "3. Population: " + city.population,
            "4. Describe how your city uses innovation to improve the quality of life of its citizens:",
            f"{city.short} has created an urban innovation lab that tests digital public services with "
            "residents and start-ups.",
            "5. Describe the city's innovation ecosystem and its main partners:",
            "Universities, the chamber of commerce, three accelerators and the regional development agency.",
            "6. Describe the impact achieved in the last three years:",
            "Open data portal, 24 pilots with start-ups, a new participatory budget platform.",
            "",
            "Signature of the Mayor: [sig]",
        ]
    )


# =================================================================================================
# Mail clients
# =================================================================================================


@dataclass
class Mail:
    """One message as a case describes it; ``compose`` writes it the way ``client`` would."""

    name: str
    client: str
    sender: tuple[str, str]
    subject: str
    body: str
    atts: list[Att] = field(default_factory=list)
    arrival: datetime | None = None
    date: datetime | None = None
    lang: str = "en-GB"
    to: str = f"RRR Peer Learning <{OUR_ADDRESS}>"
    cc: str | None = None
    extra: list[str] = field(default_factory=list)
    crlf: bool = False
    charset_2047: str = "utf-8"
    subject_style: str = "2047b"
    from_style: str = "2047b"
    reply_to: str | None = None
    return_path: str | None = None
    received_extra: list[str] = field(default_factory=list)  # sender-side hops below ours
    utc_received: bool = False
    html: bool = True
    wrap: Callable[[Part], Part] | None = None  # e.g. an S/MIME signature around the body
    hops: bool = True  # the sender side's own Received lines (none in a saved draft or sent item)


EXCHANGE_HOSTS = [
    "DB8PR09MB3452.eurprd09.prod.outlook.com",
    "AM6PR04MB5639.eurprd04.prod.outlook.com",
    "VI1PR0701MB2848.eurprd07.prod.outlook.com",
    "CH2PR12MB4216.namprd12.prod.outlook.com",
    "CP2PR80MB2913.lamprd80.prod.outlook.com",
    "YT1PR01MB3386.CANPRD01.PROD.OUTLOOK.COM",
]


def _ip(seed: str) -> str:
    prefix = ["192.0.2", "198.51.100", "203.0.113"][int(token(seed, 2), 16) % 3]
    return f"{prefix}.{int(token(seed + 'ip', 2), 16) % 250 + 2}"


def compose(mail: Mail) -> bytes:
    """The message as ``mail.client`` writes it, as it sits in our mailbox after delivery."""
    seed = mail.name
    sender_name, sender_address = mail.sender
    domain = sender_address.split("@", 1)[1]
    date = mail.date or (
        mail.arrival - timedelta(seconds=7 + int(token(seed, 2), 16) % 50) if mail.arrival else None
    )
    assert date is not None, "a message needs a Date or an arrival"
    client = mail.client
    bracketed = re.search(r"<([^>]+)>", mail.to)
    to_address = bracketed.group(1) if bracketed else mail.to.strip()
    boundary_hex = token(seed, 28).upper()
    headers_after: list[str] = []
    top: list[str] = []
    hops: list[str] = []
    style = "2047b"
    attachment_client = "thunderbird"
    width = 76

    if client.startswith("exchange") or client == "owa":
        region = (
            [h for h in EXCHANGE_HOSTS if "lamprd" in h]
            if re.search(r"\.(br|mx)\.", domain)
            else [h for h in EXCHANGE_HOSTS if "CANPRD" in h]
            if ".ca." in domain
            else [h for h in EXCHANGE_HOSTS if "namprd" in h]
            if domain.endswith(".gov.example")
            else [h for h in EXCHANGE_HOSTS if "eurprd" in h]
        )
        host = region[int(token(seed, 2), 16) % len(region)]
        if client == "exchange_onprem" or client == "exchange_tnef":
            host = f"EXCH01.{domain}"
        pod = host.split(".")[0]
        message_id = f"<{pod}{token(seed, 20).upper()}@{host}>"
        helo = (
            f"mail-{pod[:4].lower()}on{int(token(seed, 3), 16) % 9000 + 1000}.outbound.protection.outlook.com"
            if "prod" in host
            else f"mx01.{domain}"
        )
        hops.append(
            f"Received: from {host} ([fe80::{token(seed, 4)}:{token(seed + 'x', 4)}]) by {host}\n ([fe80::{token(seed, 4)}:{token(seed + 'x', 4)}%12]) with mapi id 15.20.4129.033;\n {rfc2822(date.astimezone(UTC))}"
        )
        top_client = [
            f"From: {addr(sender_name, sender_address, style=mail.from_style)}",
            f"To: {mail.to}",
            *([f"CC: {mail.cc}"] if mail.cc else []),
            subject_header(mail.subject, mail.subject_style),
            f"Thread-Topic: {mail.subject if mail.subject.isascii() else encoded_word(mail.subject)}",
            f"Thread-Index: AQHXTJ{token(seed, 22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}==",
            f"Date: {rfc2822(date.astimezone(UTC)) if 'prod' in host else rfc2822(date)}",
            f"Message-ID: {message_id}",
            *mail.extra,
            f"Accept-Language: {mail.lang}, en-US",
            f"Content-Language: {mail.lang}",
            "X-MS-Has-Attach: yes",
            f"X-MS-TNEF-Correlator:{' <' + pod + token(seed, 12).upper() + '@' + host + '>' if client == 'exchange_tnef' else ''}",
            "MIME-Version: 1.0",
        ]
        if client == "exchange_tnef":
            top_client.insert(-1, "X-MS-Exchange-Organization-SCL: -1")
        style = "2047b"
        attachment_client = "exchange"
        alt_b, mixed_b, rel_b = (
            f"_000_{pod}{boundary_hex[:20]}{host.split('.')[0].upper()}_",
            f"_004_{pod}{boundary_hex[:20]}_",
            f"_006_{pod}{boundary_hex[:20]}_",
        )
    elif client == "gmail":
        message_id = f"<CA{token(seed, 3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}{token(seed, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+')}@mail.gmail.com>"
        helo = f"mail-{['ed1', 'wr1', 'lj1', 'qk1', 'ej1'][int(token(seed, 2), 16) % 5]}-f{int(token(seed, 2), 16) % 60 + 40}.google.com"
        hops.append(
            f"Received: by {helo} with SMTP id {token(seed, 10, 'abcdefghijklmnopqrstuvwxyz0123456789')}so{int(token(seed, 4), 16)}{token(seed + 'g', 6, 'abcdefghijklmnopqrstuvwxyz')}.{int(token(seed, 2), 16)}\n        for <{to_address}>; {rfc2822(date.astimezone(timezone(timedelta(hours=-7), 'PDT')), 'PDT')}"
        )
        top_client = [
            "MIME-Version: 1.0",
            *mail.extra,
            f"From: {addr(sender_name, sender_address, style=mail.from_style)}",
            f"Date: {rfc2822(date)}",
            f"Message-ID: {message_id}",
            subject_header(mail.subject, mail.subject_style),
            f"To: {mail.to}",
            *([f"Cc: {mail.cc}"] if mail.cc else []),
        ]
        attachment_client = "gmail"
        mixed_b, alt_b, rel_b = (
            f"000000000000{token(seed, 16)}",
            f"000000000000{token(seed + 'a', 16)}",
            f"000000000000{token(seed + 'r', 16)}",
        )
    elif client in ("apple", "ipad"):
        uuid = f"{token(seed, 8).upper()}-{token(seed + '1', 4).upper()}-{token(seed + '2', 4).upper()}-{token(seed + '3', 4).upper()}-{token(seed + '4', 12).upper()}"
        message_id = f"<{uuid}@{domain}>"
        helo = f"smtp.{domain}"
        hops.append(
            f"Received: from smtpclient.apple ({_ip(seed + 'client')}) by smtp.{domain} with ESMTPSA\n\tid {token(seed, 12)}; {rfc2822(date)}"
        )
        mixed_b = f"Apple-Mail={uuid[:8]}_{uuid[9:]}" if client == "apple" else f"Apple-Mail-{uuid}"
        alt_b = f"Apple-Mail={uuid[:8]}_{token(seed + 'alt', 8).upper()}"
        rel_b = alt_b + "R"
        mua = "Apple Mail (2.3654.80.0.2.43)" if client == "apple" else "iPad Mail (18E212)"
        top_client = [
            f"From: {addr(sender_name, sender_address, style=mail.from_style)}",
            *(
                ["Mime-Version: 1.0 (Mac OS X Mail 14.4 \\(3654.80.0.2.43\\))"]
                if client == "apple"
                else ["Mime-Version: 1.0 (1.0)"]
            ),
            subject_header(mail.subject, mail.subject_style),
            f"Date: {rfc2822(date)}",
            *([f"Cc: {mail.cc}"] if mail.cc else []),
            *mail.extra,
            f"To: {mail.to}",
            f"Message-Id: {message_id}",
            f"X-Mailer: {mua}",
        ]
        style = "2231"
        attachment_client = "apple"
    else:
        profiles: dict[str, tuple[str, list[str], str, str]] = {
            # client: (message-id, identifying headers, default filename style, boundary stem)
            "thunderbird": (
                f"<{token(seed, 8)}-{token(seed + '1', 4)}-{token(seed + '2', 4)}-{token(seed + '3', 4)}-{token(seed + '4', 12)}@{domain}>",
                [
                    "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101\n Thunderbird/78.10.2"
                ],
                "2231cont",
                f"------------{token(seed, 24).upper()}",
            ),
            "yahoo": (
                f"<{int(token(seed, 9), 16)}.{int(token(seed + 'y', 6), 16)}.1621{int(token(seed, 5), 16) % 1000000:06d}@mail.yahoo.com>",
                ["X-Mailer: WebService/1.1.18295 YMailNorrin"],
                "2047b",
                f"----=_Part_{int(token(seed, 5), 16)}_{int(token(seed + 'p', 7), 16)}.1621{int(token(seed, 6), 16) % 1000000000:09d}",
            ),
            "gmx": (
                f"<trinity-{token(seed, 8)}-{token(seed + '1', 4)}-{token(seed + '2', 4)}-{token(seed + '3', 4)}-{token(seed + '4', 12)}-1621{int(token(seed, 6), 16) % 1000000000:09d}@3c-app-gmx-bap{int(token(seed, 2), 16) % 70}>",
                [
                    "Importance: normal",
                    "Sensitivity: Normal",
                    "X-Priority: 3",
                    f"X-Provags-ID: V03:K1:{token(seed, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}",
                    "X-UI-Message-Type: mail",
                ],
                "2231",
                f"abmob-{token(seed, 8)}-{token(seed + 'b', 4)}-{token(seed + 'c', 4)}",
            ),
            "proton": (
                f"<{token(seed, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}=@protonmail.com>",
                ["X-Pm-Origin: internal", "X-Pm-Content-Encryption: end-to-end"],
                "2047b",
                f"b1_{token(seed, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}",
            ),
            "notes": (
                f"<OF{token(seed, 8).upper()}.{token(seed + 'n', 8).upper()}-ONC12586DE.{token(seed, 8).upper()}-C12586DE.{token(seed + 'm', 8).upper()}@{domain}>",
                [
                    "X-Mailer: HCL Notes Release 11.0.1FP2 March 08, 2021",
                    f"X-MIMETrack: Serialize by Router on SRVMAIL01/SRV/CITY at {date:%d/%m/%Y}\n {date:%H:%M:%S},\n\tSerialize complete at {date:%d/%m/%Y} {date:%H:%M:%S}",
                ],
                "2047q",
                f"=_mixed {token(seed, 8).upper()}C12586DE_=",
            ),
            "zimbra": (
                f"<{int(token(seed, 7), 16)}.{int(token(seed + 'z', 6), 16)}.1621{int(token(seed, 6), 16) % 1000000000:09d}.JavaMail.zimbra@{domain}>",
                [
                    "X-Mailer: Zimbra 8.8.15_GA_3968 (ZimbraWebClient - FF88 (Win)/8.8.15_GA_3968)",
                    f"Thread-Index: {token(seed, 28, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}",
                    f"Thread-Topic: {mail.subject if mail.subject.isascii() else 'RRR'}",
                ],
                "2047b",
                f"----=_Part_{int(token(seed, 5), 16)}_{int(token(seed + 'q', 7), 16)}.1621{int(token(seed, 6), 16) % 1000000000:09d}",
            ),
            "roundcube": (
                f"<{token(seed, 32)}@{domain}>",
                ["User-Agent: Roundcube Webmail/1.4.11"],
                "2231",
                f"=_{token(seed, 32)}",
            ),
            "groupwise": (
                f"<60A{token(seed, 13).upper()}020000A1000{token(seed + 'gw', 5).upper()}@gwia.{domain}>",
                ["X-Mailer: GroupWise 18.3.0"],
                "2047q",
                f"=__Part{token(seed, 8).upper()}.1__=",
            ),
            "outlook_mac": (
                f"<{token(seed, 8).upper()}-{token(seed + '1', 4).upper()}-{token(seed + '2', 4).upper()}-{token(seed + '3', 4).upper()}-{token(seed + '4', 12).upper()}@{domain}>",
                [
                    "User-Agent: Microsoft-MacOutlook/16.49.21050901",
                    f"Thread-Topic: {mail.subject if mail.subject.isascii() else 'RRR'}",
                    f"Thread-Index: AQHXT{token(seed, 20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}",
                ],
                "2047b",
                f"B_37044{int(token(seed, 5), 16) % 100000:05d}_{int(token(seed + 'm', 5), 16)}",
            ),
            "samsung": (
                f"<{token(seed, 8)}-{token(seed + '1', 4)}.{int(token(seed, 6), 16)}@email.android.com>",
                [],
                "2047b",
                f"--_com.samsung.android.email_{int(token(seed, 8), 16)}{int(token(seed + 's', 5), 16)}",
            ),
            "ox": (
                f"<{int(token(seed, 6), 16)}.{int(token(seed + 'o', 5), 16)}.1621{int(token(seed, 6), 16) % 1000000000:09d}@office.{domain}>",
                [
                    "X-Priority: 3",
                    "Importance: Normal",
                    "X-Mailer: Open-Xchange Mailer v7.10.5-Rev10",
                ],
                "2231",
                f"----=_Part_{int(token(seed, 5), 16)}_{int(token(seed + 'x', 6), 16)}.1621{int(token(seed, 6), 16) % 1000000000:09d}",
            ),
        }
        message_id, identifying, style, stem = profiles[client]
        mixed_b, alt_b, rel_b = (
            stem,
            stem + "_alt" if client not in ("notes",) else stem.replace("mixed", "alternative"),
            stem + "_rel",
        )
        if client == "yahoo":
            alt_b = stem.replace("_Part_", "_Part_A")
            helo = f"sonic{int(token(seed, 3), 16) % 900 + 100}-{int(token(seed, 2), 16) % 40}.consmr.mail.ir2.yahoo.com"
            hops.append(
                f"Received: from sonic.gate.mail.ne1.yahoo.com by sonic.consmr.mail.ir2.yahoo.com with HTTP; {rfc2822(date.astimezone(UTC))}"
            )
        elif client == "gmx":
            helo = "mout.gmx.net"
            hops.append(
                f"Received: from [{_ip(seed + 'g')}] ([{_ip(seed + 'g')}]) by web-mail.gmx.net\n (3c-app-gmx-bap12.server.lan [172.19.172.82]) (via HTTP); {rfc2822(date)}"
            )
        elif client == "proton":
            helo = "mail-4316.protonmail.ch"
        elif client == "samsung":
            helo = f"smtp.{domain}"
        else:
            helo = f"smtp.{domain}" if client != "notes" else f"mailgw.{domain}"
            hops.append(
                f"Received: from [10.{int(token(seed, 2), 16) % 200}.{int(token(seed + 'h', 2), 16) % 250}.{int(token(seed + 'i', 2), 16) % 250}] (unknown [10.20.1.9])\n\tby {helo} (Postfix) with ESMTPSA id {queue_id(seed + 'inner')[2:]}\n\tfor <{to_address}>; {rfc2822(date)}"
            )
        top_client = [
            f"Message-ID: {message_id}",
            f"Date: {rfc2822(date)}",
            "MIME-Version: 1.0",
            *identifying,
            f"Content-Language: {mail.lang}" if client in ("thunderbird",) else "",
            f"To: {mail.to}",
            *([f"Cc: {mail.cc}"] if mail.cc else []),
            f"From: {addr(sender_name, sender_address, mail.charset_2047 if mail.from_style == '2047q' else 'utf-8', style=mail.from_style)}",
            subject_header(
                mail.subject,
                mail.subject_style,
                mail.charset_2047 if mail.subject_style == "2047q" else "utf-8",
            ),
            *mail.extra,
        ]
        top_client = [line for line in top_client if line]
        attachment_client = "thunderbird"
    if mail.reply_to:
        top_client.insert(1, f"Reply-To: {mail.reply_to}")

    # --- the body ---
    parts_att = [
        attachment_part(att, style=style, client=attachment_client, seed=f"{seed}/{i}", width=width)
        for i, att in enumerate(mail.atts)
    ]
    gmail_html = "gmail" if client == "gmail" else "outlook"
    if client in ("thunderbird", "roundcube", "ox") and not mail.html:
        text = text_part(
            mail.body,
            cte="8bit" if not mail.body.isascii() else "7bit",
            flowed=client == "thunderbird",
        )
        root = (
            multipart(
                "mixed",
                mixed_b,
                [text, *parts_att],
                preamble="This is a multi-part message in MIME format.",
            )
            if parts_att
            else text
        )
    elif client == "exchange_tnef":
        text = text_part(mail.body, charset="iso-8859-1" if _latin1(mail.body) else "utf-8")
        root = multipart("mixed", mixed_b, [text, *parts_att])
    elif client == "ipad":
        pieces: list[Part] = []
        chunks = mail.body.split("\n\n[att]\n\n")
        for index, chunk in enumerate(chunks):
            pieces.append(text_part(chunk, charset="utf-8", cte="quoted-printable"))
            if index < len(parts_att):
                pieces.append(parts_att[index])
        pieces += parts_att[len(chunks) :]
        root = multipart("mixed", mixed_b, pieces)
    elif client == "apple":
        html_pieces: list[Part] = []
        chunks = mail.body.split("\n\n[att]\n\n")
        for index, chunk in enumerate(chunks):
            html_pieces.append(text_part(html_of(chunk), subtype="html", charset="utf-8"))
            if index < len(parts_att):
                html_pieces.append(parts_att[index])
        html_pieces += parts_att[len(chunks) :]
        plain = text_part(mail.body.replace("\n\n[att]\n\n", "\n\n"), charset="utf-8")
        root = multipart("alternative", alt_b, [plain, multipart("mixed", mixed_b, html_pieces)])
    elif client == "exchange_related":
        images = [p for a, p in zip(mail.atts, parts_att, strict=True) if a.content_id]
        files = [p for a, p in zip(mail.atts, parts_att, strict=True) if not a.content_id]
        alternative = multipart(
            "alternative",
            alt_b,
            [text_part(mail.body), text_part(html_of(mail.body), subtype="html")],
        )
        related = multipart(
            "related", rel_b, [alternative, *images], params=';\n\ttype="multipart/alternative"'
        )
        root = multipart("mixed", mixed_b, [related, *files]) if files else related
    else:
        plain = text_part(
            mail.body,
            cte="quoted-printable" if client != "gmail" or not mail.body.isascii() else "7bit",
        )
        if client == "gmail" and not mail.body.isascii():
            plain = text_part(mail.body, cte="quoted-printable")
        if mail.html:
            alternative = multipart(
                "alternative",
                alt_b,
                [plain, text_part(html_of(mail.body, style=gmail_html), subtype="html")],
            )
        else:
            alternative = plain
        root = multipart("mixed", mixed_b, [alternative, *parts_att]) if parts_att else alternative

    if mail.wrap is not None:
        root = mail.wrap(root)
    if not mail.hops:
        hops = []
    if mail.arrival is not None:
        received = [
            our_received(mail.arrival, helo, _ip(seed), queue_id(seed), utc=mail.utc_received)
        ]
        top = (
            delivery_headers(mail.return_path or sender_address)
            + received
            + mail.received_extra
            + hops
        )
    else:
        top = []
    return eml([*top, *top_client, *headers_after], root, crlf=mail.crlf)


def _latin1(text: str) -> bool:
    try:
        text.encode("iso-8859-1")
    except UnicodeEncodeError:
        return False
    return True


# =================================================================================================
# Cases
# =================================================================================================

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
JPEG = "image/jpeg"
PNG = "image/png"

Case = Callable[[], tuple[bytes, dict[str, Any]]]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


def expect(
    decision: str,
    form: str | None = None,
    letter: str | None = None,
    *,
    review: bool = False,
    why: str,
) -> dict[str, Any]:
    """The careful human's conclusion, in the shape of `check --json` (plus why)."""
    if decision == "ignored":
        return {
            "decision": decision,
            "documents": None,
            "missing": None,
            "review": review,
            "why": why,
        }
    missing = [key for key, value in ((FORM, form), (LETTER, letter)) if value is None]
    return {
        "decision": decision,
        "documents": {FORM: form, LETTER: letter},
        "missing": missing,
        "review": review,
        "why": why,
    }


def pdf(name: str, data: bytes, **kw: Any) -> Att:
    return Att(name, data, PDF, **kw)


def docx(name: str, data: bytes, **kw: Any) -> Att:
    return Att(name, data, DOCX, **kw)


def odt(name: str, data: bytes, **kw: Any) -> Att:
    return Att(name, data, ODT, **kw)


def jpeg(name: str, data: bytes, **kw: Any) -> Att:
    return Att(name, data, JPEG, **kw)


def letterhead(city: City, *lines: str) -> list[str]:
    return [city.authority, *(lines or (city.address,))]


BODIES = {
    "en": "Dear RRR team,\n\nPlease find attached the application of {authority} to the call for Peer Learning Cities, with the completed form and the signed letter.\n\nKind regards,\n\n{contact}\n{role}\n{authority}\nT: {phone}",
    "en_us": "Good afternoon,\n\nOn behalf of {authority}, attached please find our application materials for the RRR Peer Learning Cities program.\n\nThank you for your consideration, and please let me know if you need anything else.\n\nBest,\n{contact}\n{role} | {authority}\n{phone}",
    "es": "Buenos días:\n\nAdjunto remitimos la documentación de {authority} para participar en la convocatoria de Ciudades de Aprendizaje entre Pares del proyecto RRR.\n\nQuedamos a su disposición para cualquier aclaración.\n\nUn cordial saludo,\n\n{contact}\n{role}\n{authority}\nTel. {phone}",
    "es_mx": "Buenas tardes,\n\nPor este medio les hago llegar la documentación del {authority} para la convocatoria RRR.\n\nQuedo atenta a cualquier comentario.\n\nSaludos cordiales,\n{contact}\n{role}\n{phone}",
    "pt": "Exmos. Senhores,\n\nJunto enviamos a candidatura do {authority} à chamada Cidades de Aprendizagem entre Pares do projeto RRR.\n\nCom os melhores cumprimentos,\n\n{contact}\n{role}\n{authority}\nTel.: {phone}",
    "pt_br": "Prezados,\n\nEncaminho em anexo a documentação do {authority} para a chamada RRR - Cidades de Aprendizagem entre Pares.\n\nFico à disposição.\n\nAtenciosamente,\n{contact}\n{role}\n{authority}\n{phone}",
    "fr": "Madame, Monsieur,\n\nVeuillez trouver ci-joint le dossier de candidature de {authority} à l'appel « Peer Learning Cities » du projet RRR.\n\nBien cordialement,\n\n{contact}\n{role}\n{authority}\nTél. : {phone}",
    "de": "Sehr geehrte Damen und Herren,\n\nanbei übersende ich Ihnen die Bewerbungsunterlagen der {authority} für das Programm Peer Learning Cities.\n\nMit freundlichen Grüßen\n\n{contact}\n{role}\n{authority}\nTelefon: {phone}",
    "it": "Gentili,\n\nin allegato trasmettiamo la documentazione del {authority} per la candidatura al programma Peer Learning Cities del progetto RRR.\n\nCordiali saluti\n\n{contact}\n{role}\n{authority}\nTel. {phone}",
    "pl": "Szanowni Państwo,\n\nw załączeniu przesyłam dokumenty zgłoszeniowe {authority} do programu Peer Learning Cities.\n\nZ poważaniem\n{contact}\n{role}\n{authority}\ntel. {phone}",
    "nl": "Geachte heer/mevrouw,\n\nBijgaand ontvangt u de aanmelding van de {authority} voor het programma Peer Learning Cities van RRR.\n\nMet vriendelijke groet,\n\n{contact}\n{role}\n{authority}\nT {phone}",
    "ca": "Bon dia,\n\nUs fem arribar la documentació de {authority} per a la convocatòria de Ciutats d'Aprenentatge entre Iguals del projecte RRR.\n\nSalutacions cordials,\n\n{contact}\n{role}\n{authority}\nTel. {phone}",
    "ro": "Bună ziua,\n\nVă transmitem atașat documentația {authority} pentru apelul Peer Learning Cities al proiectului RRR.\n\nCu stimă,\n{contact}\n{role}\n{authority}\nTel: {phone}",
    "sv": "Hej,\n\nBifogat finns {authority}s ansökan till Peer Learning Cities inom RRR.\n\nVänliga hälsningar\n{contact}\n{role}\n{authority}\nTelefon {phone}",
    "el": "Αξιότιμοι κύριοι,\n\nΣας αποστέλλουμε συνημμένα τα έγγραφα του {authority} για τη συμμετοχή στο πρόγραμμα Peer Learning Cities του έργου RRR.\n\nΜε εκτίμηση,\n{contact}\n{role}\n{authority}\nΤηλ. {phone}",
    "hu": "Tisztelt Hölgyem/Uram!\n\nMellékelten küldjük {authority} pályázati anyagát a Peer Learning Cities programra.\n\nÜdvözlettel:\n{contact}\n{role}\n{authority}\nTel.: {phone}",
    "generic_en": "Hello,\n\nAttached are the documents of {authority} for the RRR call for Peer Learning Cities.\n\nBest regards,\n{contact}\n{role}, {authority}\n{phone}",
}


def body(lang: str, city: City, *, before: str = "", after: str = "") -> str:
    text = BODIES[lang].format(
        authority=city.authority, contact=city.contact, role=city.contact_role, phone=city.phone
    )
    return (before + "\n\n" if before else "") + text + ("\n\n" + after if after else "")


DISCLAIMER_EN = (
    "This e-mail and any files transmitted with it are confidential and intended solely for the "
    "use of the individual or entity to whom they are addressed. If you have received this "
    "e-mail in error please notify the sender."
)


def std(
    name: str,
    client: str,
    city: City,
    atts: list[Att],
    *,
    subject: str,
    lang: str,
    arrival: datetime | None,
    text: str | None = None,
    content_language: str = "en-GB",
    **mail_kw: Any,
) -> bytes:
    """A plain application e-mail: the city's contact person writes, attaches, sends."""
    mail = Mail(
        name=name,
        client=client,
        sender=(city.contact, city.email),
        subject=subject,
        body=text if text is not None else body(lang, city),
        atts=atts,
        arrival=arrival,
        lang=content_language,
        **mail_kw,
    )
    return compose(mail)


# --- English-speaking administrations ------------------------------------------------------------

LEEDS = City(
    "Leeds City Council",
    "Leeds",
    "United Kingdom",
    "798,800 (ONS mid-2019 estimate)",
    "Economic Development - Inclusive Growth team",
    "Hannah Ridley",
    "Principal Project Officer, Inclusive Growth",
    "hannah.ridley@leeds.gov.uk.example",
    "0113 378 5120",
    "Cllr Judith Blake",
    "Leader of Leeds City Council",
    "Civic Hall, Calverley Street, Leeds LS1 1UR",
    seed=1,
)


@case
def en_gb_leeds_exchange_docx_form_signed_pdf_letter() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(LEEDS, date="18/05/2021"),
        header="Leeds City Council - OFFICIAL",
        footer="RRR application",
        author="Ridley, Hannah",
        seed="leeds",
    )
    letter = pdf_doc(
        letter_en(LEEDS, style="council", date="18 May 2021", ref="IG/HR/RRR21"),
        letterhead=letterhead(
            LEEDS, "Civic Hall, Calverley Street, Leeds LS1 1UR", "www.leeds.gov.uk"
        ),
        footer="Leeds City Council | Civic Hall | Leeds LS1 1UR",
        seed="leeds-l",
        logo=True,
    )
    raw = std(
        "en_gb_leeds_exchange_docx_form_signed_pdf_letter",
        "exchange",
        LEEDS,
        [
            docx("RRR Application Form - Leeds City Council FINAL.docx", form),
            pdf("Leeds CC Letter of Intent RRR (signed).pdf", letter),
        ],
        subject="RRR Peer Learning Cities - Leeds City Council application",
        lang="en",
        arrival=at("2021-05-20 16:42:10"),
        text=body("en", LEEDS, after=DISCLAIMER_EN),
    )
    return raw, expect(
        "accepted",
        "RRR Application Form - Leeds City Council FINAL.docx",
        "Leeds CC Letter of Intent RRR (signed).pdf",
        why="Filled form (Word) and the Leader's signed letter, both named and titled for what they are, well before the deadline.",
    )


GLASGOW = City(
    "Glasgow City Council",
    "Glasgow",
    "United Kingdom",
    "635,640 (NRS 2020)",
    "Neighbourhoods, Regeneration and Sustainability",
    "Callum McInnes",
    "Senior Officer, Community Wealth Building",
    "callum.mcinnes@glasgow.gov.uk.example",
    "0141 287 6032",
    "Susan Aitken",
    "Leader of Glasgow City Council",
    "City Chambers, George Square, Glasgow G2 1DU",
    seed=2,
)


@case
def en_gb_glasgow_outlook_inline_logos() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_en(GLASGOW, style="table", date="14/05/2021"),
        title="RRR application form",
        author="McInnes, Callum (NRS)",
    )
    letter = pdf_doc(
        letter_en(GLASGOW, style="loi", date="14 May 2021"),
        letterhead=letterhead(GLASGOW),
        seed="glasgow",
        logo=True,
    )
    text = body(
        "en",
        GLASGOW,
        after="[cid:image001.png@01D74C2B.5A3E1F20]\n[cid:image002.png@01D74C2B.5A3E1F20]\n"
        + DISCLAIMER_EN,
    )
    raw = std(
        "en_gb_glasgow_outlook_inline_logos",
        "exchange_related",
        GLASGOW,
        [
            Att(
                "image001.png",
                logo_png("gcc1"),
                PNG,
                disposition="inline",
                content_id="image001.png@01D74C2B.5A3E1F20",
            ),
            Att(
                "image002.png",
                logo_png("gcc2", 120, 40),
                PNG,
                disposition="inline",
                content_id="image002.png@01D74C2B.5A3E1F20",
            ),
            pdf("GCC_RRR_application.pdf", form),
            pdf("GCC_RRR_LOI.pdf", letter),
        ],
        subject="Glasgow - RRR Peer Learning Cities submission",
        lang="en",
        arrival=at("2021-05-14 12:05:44"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "GCC_RRR_application.pdf",
        "GCC_RRR_LOI.pdf",
        why="Form and letter attached; the two inline images are the e-mail signature's logos, not documents.",
    )


BRISTOL = City(
    "Bristol City Council",
    "Bristol",
    "United Kingdom",
    "463,400 (2019)",
    "Economy of Place",
    "Priya Chandran",
    "Economic Inclusion Manager",
    "priya.chandran@bristol.gov.uk.example",
    "0117 352 1987",
    "Marvin Rees",
    "Mayor of Bristol",
    "City Hall, College Green, Bristol BS1 5TR",
    seed=3,
)


@case
def en_gb_bristol_outlook_mac() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_en(BRISTOL, style="table", date="20/05/2021"), author="Priya Chandran", seed="bristol"
    )
    letter = pdf_doc(
        letter_en(BRISTOL, style="plain", date="19 May 2021"),
        letterhead=["Office of the Mayor", "City Hall, College Green, Bristol BS1 5TR"],
        seed="bristol-l",
    )
    raw = std(
        "en_gb_bristol_outlook_mac",
        "outlook_mac",
        BRISTOL,
        [
            docx("Bristol RRR form v3 FINAL.docx", form),
            pdf("Letter - Mayor of Bristol - RRR.pdf", letter),
        ],
        subject="Bristol application - RRR",
        lang="en",
        arrival=at("2021-05-20 18:15:02"),
        text="Hi there,\n\nAttached is Bristol's application form and a letter from the Mayor confirming our commitment.\n\nMany thanks,\nPriya\n\nPriya Chandran (she/her)\nEconomic Inclusion Manager\nBristol City Council",
    )
    return raw, expect(
        "accepted",
        "Bristol RRR form v3 FINAL.docx",
        "Letter - Mayor of Bristol - RRR.pdf",
        why="Form with answers in a table and a mayor's letter of commitment that never says 'letter of intent'.",
    )


DUBLIN = City(
    "Dublin City Council",
    "Dublin",
    "Ireland",
    "554,554 (Census 2016)",
    "Economic Development Office",
    "Aoife Brennan",
    "Senior Executive Officer",
    "aoife.brennan@dublincity.ie.example",
    "+353 1 222 5471",
    "Hazel Chu",
    "Lord Mayor of Dublin",
    "Civic Offices, Wood Quay, Dublin 8",
    seed=4,
)


@case
def en_ie_dublin_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        *form_en_pages(DUBLIN, date="17/05/2021"),
        numbered=True,
        title="Application Form",
        seed="dublin",
    )
    letter = pdf_doc(
        letter_en(DUBLIN, style="plain", date="17 May 2021"),
        letterhead=[
            "Oifig an Ard-Mhéara | Office of the Lord Mayor",
            "Mansion House, Dawson Street, Dublin 2",
        ],
        seed="dublin-l",
        logo=True,
    )
    raw = std(
        "en_ie_dublin_exchange",
        "exchange",
        DUBLIN,
        [pdf("DCC_RRR_Application_Form.pdf", form), pdf("Letter from the Lord Mayor.pdf", letter)],
        subject="Dublin City Council - Application RRR Peer Learning Cities",
        lang="en",
        content_language="en-IE",
        arrival=at("2021-05-17 10:21:37"),
    )
    return raw, expect(
        "accepted",
        "DCC_RRR_Application_Form.pdf",
        "Letter from the Lord Mayor.pdf",
        why="Numbered form and the Lord Mayor's commitment letter (bilingual letterhead).",
    )


BALTIMORE = City(
    "City of Baltimore",
    "Baltimore",
    "United States",
    "593,490 (2019 ACS)",
    "Mayor's Office of Employment Development",
    "DeShawn Carter",
    "Director of Strategic Initiatives",
    "deshawn.carter@baltimorecity.gov.example",
    "(410) 396-1910",
    "Brandon M. Scott",
    "Mayor",
    "100 N. Holliday Street, Baltimore, MD 21202",
    seed=5,
)


@case
def en_us_baltimore_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        *form_en_pages(BALTIMORE, date="05/19/2021"),
        creator="Acrobat PDFMaker 21 for Word",
        seed="balt",
    )
    letter = pdf_doc(
        letter_en(BALTIMORE, style="us", date="May 19, 2021"),
        letterhead=[
            "OFFICE OF THE MAYOR",
            "CITY OF BALTIMORE",
            "100 N. Holliday Street, Room 250, Baltimore, Maryland 21202",
        ],
        seed="balt-l",
        logo=True,
    )
    raw = std(
        "en_us_baltimore_exchange",
        "exchange",
        BALTIMORE,
        [
            pdf("Baltimore City - RRR Application.pdf", form),
            pdf("Mayor Scott LOI - RRR Peer Learning.pdf", letter),
        ],
        subject="Baltimore - RRR Peer Learning Cities Application",
        lang="en_us",
        content_language="en-US",
        arrival=at("2021-05-19 22:48:19"),
    )
    return raw, expect(
        "accepted",
        "Baltimore City - RRR Application.pdf",
        "Mayor Scott LOI - RRR Peer Learning.pdf",
        why="US mayor's office: form and LOI, sent in the evening European time, days before the deadline.",
    )


DENVER = City(
    "City and County of Denver",
    "Denver",
    "United States",
    "727,211 (2019 estimate)",
    "Denver Economic Development & Opportunity",
    "Rachel Nguyen",
    "Small Business & Social Enterprise Program Manager",
    "rachel.nguyen@denvergov.org.example",
    "(720) 913-1530",
    "Michael B. Hancock",
    "Mayor",
    "1437 Bannock Street, Denver, CO 80202",
    seed=6,
)


@case
def en_us_denver_gmail_letter_of_support_from_mayor() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_en(DENVER, style="table", date="05/20/2021"),
        author="Nguyen, Rachel - DEDO",
        seed="denver",
    )
    letter = pdf_doc(
        letter_en(DENVER, style="us", date="May 20, 2021"),
        letterhead=[
            "City and County of Denver",
            "OFFICE OF THE MAYOR",
            "City and County Building, Denver, CO 80202",
        ],
        seed="denver-l",
        logo=True,
    )
    raw = std(
        "en_us_denver_gmail_letter_of_support_from_mayor",
        "gmail",
        DENVER,
        [
            docx("RRR_Application_Denver_DEDO.docx", form),
            pdf("Denver_Mayor_Letter_of_Support.pdf", letter),
        ],
        subject="RRR Peer Learning Cities - Denver",
        lang="en_us",
        arrival=at("2021-05-20 23:55:12"),
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Denver_DEDO.docx",
        "Denver_Mayor_Letter_of_Support.pdf",
        why="The 'letter of support' is the city's own mayor committing the city to the programme: it is the letter of intent in substance.",
    )


TORONTO = City(
    "City of Toronto",
    "Toronto",
    "Canada",
    "2,731,571 (Census 2016)",
    "Economic Development and Culture Division",
    "Marie-Claire Dubois",
    "Manager, Community Economic Development",
    "marieclaire.dubois@toronto.ca.example",
    "416-392-7188",
    "John Tory",
    "Mayor of Toronto",
    "100 Queen Street West, Toronto, ON M5H 2N2",
    seed=7,
)


@case
def en_ca_toronto_exchange_reply_to_assistant() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(TORONTO, style="official", date="2021-05-18"), seed="toronto")
    letter = pdf_doc(
        letter_en(TORONTO, style="plain", date="May 18, 2021"),
        letterhead=[
            "City of Toronto",
            "Office of the Mayor",
            "City Hall, 2nd Floor, 100 Queen Street West, Toronto ON M5H 2N2",
        ],
        seed="toronto-l",
        logo=True,
    )
    raw = std(
        "en_ca_toronto_exchange_reply_to_assistant",
        "exchange",
        TORONTO,
        [
            pdf("City of Toronto - RRR Peer Learning Cities Application.pdf", form),
            pdf("2021-05-18 Letter to UpSocial re RRR.pdf", letter),
        ],
        subject="City of Toronto submission: RRR Peer Learning Cities",
        lang="en",
        content_language="en-CA",
        arrival=at("2021-05-18 21:03:55"),
        reply_to="EDC Partnerships <edcpartnerships@toronto.ca.example>",
    )
    return raw, expect(
        "accepted",
        "City of Toronto - RRR Peer Learning Cities Application.pdf",
        "2021-05-18 Letter to UpSocial re RRR.pdf",
        why="Form and a letter from the Mayor's office named only by date and addressee; its text commits the city.",
    )


BIRMINGHAM = City(
    "Birmingham City Council",
    "Birmingham",
    "United Kingdom",
    "1,141,816 (ONS 2019)",
    "Inclusive Growth Directorate",
    "Tomasz Nowicki",
    "Policy Officer",
    "tomasz.nowicki@birmingham.gov.uk.example",
    "0121 303 4471",
    "Cllr Ian Ward",
    "Leader of Birmingham City Council",
    "Council House, Victoria Square, Birmingham B1 1BB",
    seed=8,
)


@case
def en_gb_birmingham_exchange_docx_letter_with_letterhead_header() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(BIRMINGHAM, date="21/05/2021"), author="Tomasz Nowicki", seed="brum"
    )
    letter = docx_doc(
        letter_en(BIRMINGHAM, style="council", date="21 May 2021", ref="IG/TN/0521"),
        header="Birmingham City Council | Council House | Victoria Square | Birmingham B1 1BB",
        header_logo=True,
        footer="www.birmingham.gov.uk",
        author="Tomasz Nowicki",
        seed="brum-l",
    )
    raw = std(
        "en_gb_birmingham_exchange_docx_letter_with_letterhead_header",
        "exchange",
        BIRMINGHAM,
        [
            docx("BCC - RRR Peer Learning Cities - Application.docx", form),
            docx("BCC - RRR - Letter of Intent - Cllr Ward.docx", letter),
        ],
        subject="Birmingham City Council - RRR application",
        lang="en",
        arrival=at("2021-05-21 17:31:08"),
    )
    return raw, expect(
        "accepted",
        "BCC - RRR Peer Learning Cities - Application.docx",
        "BCC - RRR - Letter of Intent - Cllr Ward.docx",
        why="Both documents in Word; the letter's letterhead sits in the page header with a logo; on the last afternoon.",
    )


AUSTIN = City(
    "City of Austin",
    "Austin",
    "United States",
    "978,908 (2019 estimate)",
    "Economic Development Department",
    "Carlos Medina",
    "Program Manager, Small Business Program",
    "carlos.medina@austintexas.gov.example",
    "(512) 974-7800",
    "Steve Adler",
    "Mayor",
    "301 W. Second Street, Austin, TX 78701",
    seed=9,
)


@case
def en_us_austin_exchange_plain_form() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(AUSTIN, style="plain", date="05/21/2021"), seed="austin")
    letter = pdf_doc(
        letter_en(AUSTIN, style="us", date="May 21, 2021"),
        letterhead=[
            "CITY OF AUSTIN",
            "OFFICE OF THE MAYOR",
            "301 W. Second Street, Austin, Texas 78701",
        ],
        seed="austin-l",
    )
    raw = std(
        "en_us_austin_exchange_plain_form",
        "exchange",
        AUSTIN,
        [pdf("Austin_RRR_Submission_Final.pdf", form), pdf("Austin Mayor Letter RRR.pdf", letter)],
        subject="Austin, TX - RRR Peer Learning Cities",
        lang="en_us",
        content_language="en-US",
        arrival=at("2021-05-21 19:12:40"),
    )
    return raw, expect(
        "accepted",
        "Austin_RRR_Submission_Final.pdf",
        "Austin Mayor Letter RRR.pdf",
        why="The submission is the form's numbered questions and answers under the call's name, without the word 'form'; the mayor's letter commits the city.",
    )


# --- Americas in Spanish, Portuguese and French ---------------------------------------------------

MONTREAL = City(
    "Ville de Montréal",
    "Montréal",
    "Canada",
    "1 780 000 (recensement 2016)",
    "Service du développement économique",
    "Geneviève Tremblay",
    "Conseillère en économie sociale",
    "genevieve.tremblay@montreal.ca.example",
    "514 872-0311",
    "Valérie Plante",
    "Mairesse de Montréal",
    "275, rue Notre-Dame Est, Montréal (Québec) H2Y 1C6",
    seed=10,
)


@case
def fr_ca_montreal_exchange_manifestation_interet() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(MONTREAL, date="18 mai 2021"), seed="mtl")
    letter = pdf_doc(
        letter_fr(MONTREAL, style="quebec", date="18 mai 2021"),
        letterhead=[
            "Ville de Montréal",
            "Cabinet de la mairesse et du comité exécutif",
            "275, rue Notre-Dame Est, Montréal (Québec) H2Y 1C6",
        ],
        seed="mtl-l",
        logo=True,
    )
    raw = std(
        "fr_ca_montreal_exchange_manifestation_interet",
        "exchange",
        MONTREAL,
        [
            pdf("Formulaire RRR - Ville de Montréal.pdf", form),
            pdf("Lettre - Manifestation d'intérêt RRR.pdf", letter),
        ],
        subject="Candidature de la Ville de Montréal - RRR",
        lang="fr",
        content_language="fr-CA",
        arrival=at("2021-05-18 20:47:31"),
        text="Bonjour,\n\nVous trouverez ci-joint le formulaire dûment rempli ainsi que la lettre signée de la mairesse.\n\nAu plaisir,\n\nGeneviève Tremblay\nConseillère en économie sociale\nService du développement économique\nVille de Montréal",
    )
    return raw, expect(
        "accepted",
        "Formulaire RRR - Ville de Montréal.pdf",
        "Lettre - Manifestation d'intérêt RRR.pdf",
        why="Québec French: form translated by the city and a 'manifestation d'intérêt' letter signed by the mayor.",
    )


GUADALAJARA = City(
    "Gobierno Municipal de Guadalajara",
    "Guadalajara",
    "México",
    "1,385,629 (INEGI 2020)",
    "Coordinación General de Desarrollo Económico",
    "Mariana Orozco Tapia",
    "Directora de Economía Social",
    "mariana.orozco@guadalajara.gob.mx.example",
    "33 3837 4400 ext. 2231",
    "Lic. Eduardo Fabián Martínez Lomelí",
    "Presidente Municipal Interino",
    "Av. Hidalgo 400, Centro, Guadalajara, Jal.",
    seed=11,
)


@case
def es_mx_guadalajara_exchange_oficio() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(GUADALAJARA, title="FORMATO DE SOLICITUD", date="18 de mayo de 2021"), seed="gdl"
    )
    letter = pdf_doc(
        letter_es(GUADALAJARA, style="oficio", date="18 de mayo de 2021", ref="CGDE/DES/0412/2021"),
        letterhead=[
            "GOBIERNO DE GUADALAJARA",
            "Coordinación General de Desarrollo Económico y Combate a la Desigualdad",
        ],
        footer="Av. Hidalgo 400, Centro Histórico, Guadalajara, Jalisco",
        seed="gdl-l",
        logo=True,
    )
    raw = std(
        "es_mx_guadalajara_exchange_oficio",
        "exchange",
        GUADALAJARA,
        [
            pdf("Formato de solicitud RRR Guadalajara.pdf", form),
            pdf("Oficio CGDE-DES-0412-2021.pdf", letter),
        ],
        subject="Postulación Guadalajara - Convocatoria RRR Ciudades de Aprendizaje",
        lang="es_mx",
        content_language="es-MX",
        arrival=at("2021-05-19 02:14:09"),
    )
    return raw, expect(
        "accepted",
        "Formato de solicitud RRR Guadalajara.pdf",
        "Oficio CGDE-DES-0412-2021.pdf",
        why="Mexican 'formato' and an 'oficio' whose subject line says it is the letter of intent.",
    )


PUEBLA = City(
    "H. Ayuntamiento de Puebla",
    "Puebla",
    "México",
    "1,692,181 (INEGI 2020)",
    "Secretaría de Economía y Turismo",
    "Luis Fernando Ramírez",
    "Jefe de Departamento de Economía Social",
    "economiasocial.puebla@gmail.com",
    "222 309 4300",
    "Claudia Rivera Vivanco",
    "Presidenta Municipal",
    "Av. Juan de Palafox y Mendoza 14, Centro, Puebla",
    seed=12,
)


@case
def es_mx_puebla_gmail_all_caps_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(PUEBLA, title="FORMATO DE SOLICITUD", date="20 de mayo de 2021", table=True),
        creator="Microsoft® Word 2016",
        seed="pue",
    )
    letter = pdf_doc(
        letter_es(PUEBLA, style="oficio", date="20 de mayo de 2021", ref="SET/DES/198/2021"),
        letterhead=["PUEBLA - CIUDAD DE PROGRESO", "Secretaría de Economía y Turismo"],
        seed="pue-l",
    )
    raw = std(
        "es_mx_puebla_gmail_all_caps_names",
        "gmail",
        PUEBLA,
        [pdf("FORMULARIO RRR PUEBLA.PDF", form), pdf("CARTA DE INTENCION PRESIDENTA.PDF", letter)],
        subject="SOLICITUD RRR - MUNICIPIO DE PUEBLA",
        lang="es_mx",
        arrival=at("2021-05-20 19:40:55"),
    )
    return raw, expect(
        "accepted",
        "FORMULARIO RRR PUEBLA.PDF",
        "CARTA DE INTENCION PRESIDENTA.PDF",
        why="File names and extensions in capitals from a municipal Gmail account; contents are the form and the letter.",
    )


CURITIBA = City(
    "Prefeitura Municipal de Curitiba",
    "Curitiba",
    "Brasil",
    "1.948.626 (IBGE 2020)",
    "Secretaria Municipal do Trabalho e Emprego",
    "Juliana Kowalski Prado",
    "Coordenadora de Economia Solidária",
    "juliana.prado@curitiba.pr.gov.br.example",
    "+55 41 3350-8484",
    "Rafael Greca de Macedo",
    "Prefeito Municipal",
    "Av. Cândido de Abreu, 817 - Centro Cívico, Curitiba - PR",
    seed=13,
)


@case
def pt_br_curitiba_exchange_oficio() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(CURITIBA, brazil=True, date="17 de maio de 2021"), seed="cwb")
    letter = pdf_doc(
        letter_pt(CURITIBA, style="oficio", date="17 de maio de 2021", ref="112/2021"),
        letterhead=["PREFEITURA MUNICIPAL DE CURITIBA", "GABINETE DO PREFEITO"],
        footer="Av. Cândido de Abreu, 817 - Centro Cívico - CEP 80530-908 - Curitiba - PR",
        seed="cwb-l",
        logo=True,
    )
    raw = std(
        "pt_br_curitiba_exchange_oficio",
        "exchange",
        CURITIBA,
        [
            pdf("Formulário de Inscrição - Curitiba.pdf", form),
            pdf("Ofício 112-2021 - GP.pdf", letter),
        ],
        subject="Inscrição de Curitiba - RRR Peer Learning Cities",
        lang="pt_br",
        content_language="pt-BR",
        arrival=at("2021-05-17 15:22:18"),
    )
    return raw, expect(
        "accepted",
        "Formulário de Inscrição - Curitiba.pdf",
        "Ofício 112-2021 - GP.pdf",
        why="Brazilian 'ofício' from the mayor's office expressing the city's interest and commitment is the letter of intent.",
    )


RECIFE = City(
    "Prefeitura do Recife",
    "Recife",
    "Brasil",
    "1.653.461 (IBGE 2020)",
    "Secretaria de Desenvolvimento Econômico",
    "Tiago Albuquerque",
    "Assessor Técnico",
    "sde.recife.economiasolidaria@gmail.com",
    "+55 81 3355-8000",
    "João Henrique de Andrade Lima Campos",
    "Prefeito do Recife",
    "Av. Cais do Apolo, 925 - Recife - PE",
    seed=14,
)


@case
def pt_br_recife_gmail_english_form_oficio() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(*form_en_pages(RECIFE, date="20/05/2021"), author="Tiago", seed="recife")
    letter = pdf_doc(
        letter_pt(RECIFE, style="oficio", date="20 de maio de 2021", ref="087/2021 - GP"),
        letterhead=["PREFEITURA DO RECIFE", "Gabinete do Prefeito"],
        seed="recife-l",
    )
    raw = std(
        "pt_br_recife_gmail_english_form_oficio",
        "gmail",
        RECIFE,
        [
            docx("formulario_rrr_recife_preenchido.docx", form),
            pdf("Oficio_GP_087_2021_assinado.pdf", letter),
        ],
        subject="Candidatura Recife - RRR",
        lang="pt_br",
        arrival=at("2021-05-21 03:08:47"),
    )
    return raw, expect(
        "accepted",
        "formulario_rrr_recife_preenchido.docx",
        "Oficio_GP_087_2021_assinado.pdf",
        why="The English form filled in by a Brazilian city and a signed 'ofício'; sent late at night Brazilian time, a day before the deadline.",
    )


BH = City(
    "Prefeitura de Belo Horizonte",
    "Belo Horizonte",
    "Brasil",
    "2.521.564 (IBGE 2020)",
    "Subsecretaria de Trabalho e Emprego",
    "Ana Luiza Ferreira",
    "Gerente de Economia Popular Solidária",
    "analuiza.ferreira@yahoo.com.br",
    "+55 31 3277-4444",
    "Alexandre Kalil",
    "Prefeito de Belo Horizonte",
    "Av. Afonso Pena, 1212 - Centro, Belo Horizonte - MG",
    seed=15,
)


@case
def pt_br_belo_horizonte_yahoo_declaracao() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_pt(BH, brazil=True, table=True, date="19 de maio de 2021"),
        creator="LibreOffice 7.0",
        seed="bh",
    )
    letter = pdf_doc(
        letter_pt(BH, style="declaracao", date="19 de maio de 2021"),
        letterhead=["PREFEITURA DE BELO HORIZONTE", "Gabinete do Prefeito"],
        seed="bh-l",
        logo=True,
    )
    raw = std(
        "pt_br_belo_horizonte_yahoo_declaracao",
        "yahoo",
        BH,
        [pdf("Formulario RRR BH.pdf", form), pdf("Declaracao PBH.pdf", letter)],
        subject="Chamada RRR - documentos de Belo Horizonte",
        lang="pt_br",
        arrival=at("2021-05-19 23:30:12"),
        text=body("pt_br", BH, after="Enviado do Yahoo Mail para Android"),
    )
    return raw, expect(
        "accepted",
        "Formulario RRR BH.pdf",
        "Declaracao PBH.pdf",
        why="A 'declaração' signed by the mayor declaring interest and commitment stands for the letter of intent.",
    )


PORTO = City(
    "Câmara Municipal do Porto",
    "Porto",
    "Portugal",
    "231 962 (INE 2020)",
    "Direção Municipal de Economia",
    "Rui Pedro Almeida",
    "Técnico Superior",
    "ruipedro.almeida@cm-porto.pt.example",
    "+351 222 097 000",
    "Rui Moreira",
    "Presidente da Câmara Municipal do Porto",
    "Praça General Humberto Delgado, 4049-001 Porto",
    seed=16,
)


@case
def pt_pt_porto_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(PORTO, date="14 de maio de 2021"), seed="porto")
    letter = pdf_doc(
        letter_pt(PORTO, style="carta", date="14 de maio de 2021"),
        letterhead=["Câmara Municipal do Porto", "Gabinete do Presidente"],
        seed="porto-l",
        logo=True,
    )
    raw = std(
        "pt_pt_porto_exchange",
        "exchange",
        PORTO,
        [
            pdf("Formulário_Candidatura_RRR_CMP.pdf", form),
            pdf("Carta de Intenção_Presidente.pdf", letter),
        ],
        subject="Candidatura do Município do Porto | RRR",
        lang="pt",
        content_language="pt-PT",
        arrival=at("2021-05-14 18:02:11"),
    )
    return raw, expect(
        "accepted",
        "Formulário_Candidatura_RRR_CMP.pdf",
        "Carta de Intenção_Presidente.pdf",
        why="European Portuguese form and letter, plainly named.",
    )


# --- Spain ----------------------------------------------------------------------------------------

VALENCIA = City(
    "Ajuntament de València",
    "València",
    "España",
    "800.215 (INE 2020)",
    "Servicio de Emprendimiento e Innovación Económica",
    "Amparo Soler Martí",
    "Técnica de Economía Social",
    "asoler@valencia.es.example",
    "963 525 478",
    "Joan Ribó i Canut",
    "Alcalde de València",
    "Plaza del Ayuntamiento, 1, 46002 València",
    seed=17,
)


@case
def es_es_valencia_exchange_docx_form() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_es(VALENCIA, date="20 de mayo de 2021"),
        header="AJUNTAMENT DE VALÈNCIA",
        author="Amparo Soler",
        seed="vlc",
    )
    letter = pdf_doc(
        letter_es(VALENCIA, style="carta", date="20 de mayo de 2021"),
        letterhead=["AJUNTAMENT DE VALÈNCIA", "Alcaldia"],
        seed="vlc-l",
        logo=True,
    )
    raw = std(
        "es_es_valencia_exchange_docx_form",
        "exchange",
        VALENCIA,
        [
            docx("Formulario solicitud RRR - Ajuntament de València.docx", form),
            pdf("Carta intención Alcaldía.pdf", letter),
        ],
        subject="Solicitud RRR - Ajuntament de València",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-20 13:45:09"),
    )
    return raw, expect(
        "accepted",
        "Formulario solicitud RRR - Ajuntament de València.docx",
        "Carta intención Alcaldía.pdf",
        why="Spanish form in Word and a signed letter in PDF.",
    )


MALAGA = City(
    "Ayuntamiento de Málaga",
    "Málaga",
    "España",
    "578.460 (INE 2020)",
    "Área de Innovación y Promoción Empresarial",
    "José Antonio Ruiz Gámez",
    "Jefe de Sección de Economía Social",
    "jaruiz@malaga.eu.example",
    "951 92 60 10",
    "Francisco de la Torre Prados",
    "Alcalde de Málaga",
    "Avenida de Cervantes, 4, 29016 Málaga",
    seed=18,
)


@case
def es_es_malaga_thunderbird_odt_table_long_names() -> tuple[bytes, dict[str, Any]]:
    form = odt_doc(form_es(MALAGA, date="19 de mayo de 2021", table=True), author="jaruiz")
    letter = pdf_doc(
        letter_es(MALAGA, style="carta", date="19 de mayo de 2021"),
        letterhead=["AYUNTAMIENTO DE MÁLAGA", "Alcaldía-Presidencia"],
        creator="LibreOffice 6.4",
        seed="mlg-l",
        logo=True,
    )
    raw = std(
        "es_es_malaga_thunderbird_odt_table_long_names",
        "thunderbird",
        MALAGA,
        [
            odt("Solicitud_RRR_Ayuntamiento_de_Málaga_versión_definitiva.odt", form),
            pdf("Carta_intención_firmada_Alcalde_de_Málaga.pdf", letter),
        ],
        subject="Solicitud del Ayuntamiento de Málaga a la convocatoria RRR",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-19 09:58:40"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Solicitud_RRR_Ayuntamiento_de_Málaga_versión_definitiva.odt",
        "Carta_intención_firmada_Alcalde_de_Málaga.pdf",
        why="LibreOffice form with its answers in a table, long accented names split as RFC 2231 continuations by Thunderbird.",
    )


ZARAGOZA = City(
    "Ayuntamiento de Zaragoza",
    "Zaragoza",
    "España",
    "681.877 (INE 2020)",
    "Servicio de Promoción Económica",
    "Pilar Lasheras",
    "Jefa de Unidad de Emprendimiento Social",
    "plasheras@zaragoza.es.example",
    "976 72 10 00",
    "Jorge Azcón Navarro",
    "Alcalde de Zaragoza",
    "Plaza del Pilar, 18, 50003 Zaragoza",
    seed=19,
)


@case
def es_es_zaragoza_anexos_manifestacion_interes() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(ZARAGOZA, date="18 de mayo de 2021"), seed="zgz")
    letter = pdf_doc(
        letter_es(ZARAGOZA, style="decreto", date="18 de mayo de 2021"),
        letterhead=["AYUNTAMIENTO DE ZARAGOZA"],
        seed="zgz-l",
        logo=True,
    )
    raw = std(
        "es_es_zaragoza_anexos_manifestacion_interes",
        "exchange_onprem",
        ZARAGOZA,
        [pdf("Anexo I.pdf", form), pdf("Anexo II.pdf", letter)],
        subject="Convocatoria RRR: Anexos I y II",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-18 11:30:00"),
        text=body(
            "es", ZARAGOZA, before="Les remitimos los anexos I y II debidamente cumplimentados."
        ),
    )
    return raw, expect(
        "accepted",
        "Anexo I.pdf",
        "Anexo II.pdf",
        why="Annex numbers only in the names; the first is the form, the second a formal 'manifestación de interés' signed for the city.",
    )


SEVILLA = City(
    "Ayuntamiento de Sevilla",
    "Sevilla",
    "España",
    "691.395 (INE 2020)",
    "Dirección General de Economía y Comercio",
    "Rocío Vázquez Lora",
    "Técnica de Desarrollo Local",
    "rvazquez@sevilla.org.example",
    "955 47 09 00",
    "Juan Espadas Cejas",
    "Alcalde de Sevilla",
    "Plaza Nueva, 1, 41001 Sevilla",
    seed=20,
)


@case
def es_es_sevilla_combined_pdf_form_then_letter() -> tuple[bytes, dict[str, Any]]:
    form_text = form_es(SEVILLA, date="21 de mayo de 2021")
    letter_text = letter_es(SEVILLA, style="carta", date="21 de mayo de 2021")
    combined = pdf_doc(
        form_text, letter_text, letterhead=["AYUNTAMIENTO DE SEVILLA"], numbered=True, seed="svq"
    )
    raw = std(
        "es_es_sevilla_combined_pdf_form_then_letter",
        "exchange",
        SEVILLA,
        [pdf("RRR_Candidatura_Completa_Sevilla.pdf", combined)],
        subject="Candidatura Sevilla RRR (formulario + carta en un solo PDF)",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-21 12:12:12"),
        text=body(
            "es",
            SEVILLA,
            before="Por problemas con el escáner les enviamos el formulario y la carta de intención en un único PDF (la carta está en la última página).",
        ),
    )
    return raw, expect(
        "accepted",
        "RRR_Candidatura_Completa_Sevilla.pdf",
        "RRR_Candidatura_Completa_Sevilla.pdf",
        review=True,
        why="One PDF holds the form and, on its last page, the signed letter: it serves both; staff should confirm.",
    )


BILBAO = City(
    "Bilboko Udala - Ayuntamiento de Bilbao",
    "Bilbao",
    "España",
    "350.184 (INE 2020)",
    "Área de Desarrollo Económico, Comercio y Empleo",
    "Itziar Etxeberria",
    "Técnica de Lanbide-Empleo",
    "ietxeberria@bilbao.eus.example",
    "944 20 42 00",
    "Juan Mari Aburto",
    "Alcalde de Bilbao / Bilboko alkatea",
    "Ernesto Erkoreka plaza, 1, 48007 Bilbao",
    seed=21,
)


@case
def eu_es_bilbao_exchange_bilingual_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(
            BILBAO, title="ESKABIDE-ORRIA / FORMULARIO DE SOLICITUD", date="20 de mayo de 2021"
        ),
        seed="bio",
    )
    letter = pdf_doc(
        letter_es(BILBAO, style="carta", date="20 de mayo de 2021"),
        letterhead=["BILBOKO UDALA", "AYUNTAMIENTO DE BILBAO"],
        seed="bio-l",
        logo=True,
    )
    raw = std(
        "eu_es_bilbao_exchange_bilingual_names",
        "exchange",
        BILBAO,
        [
            pdf("Eskabide-orria_Formulario_RRR_Bilbao.pdf", form),
            pdf("Asmo-gutuna_Carta_intencion_Bilbao.pdf", letter),
        ],
        subject="RRR deialdia / Convocatoria RRR - Bilbao",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-20 10:05:33"),
        text="Egun on / Buenos días:\n\nBidaltzen dizuegu Bilboko Udalaren eskabidea. / Les remitimos la solicitud del Ayuntamiento de Bilbao.\n\nAgurrak / Saludos,\nItziar Etxeberria",
    )
    return raw, expect(
        "accepted",
        "Eskabide-orria_Formulario_RRR_Bilbao.pdf",
        "Asmo-gutuna_Carta_intencion_Bilbao.pdf",
        why="Basque/Spanish bilingual names and headings; form and letter.",
    )


VIGO = City(
    "Concello de Vigo",
    "Vigo",
    "España",
    "296.692 (INE 2020)",
    "Área de Emprego e Economía",
    "Breixo Lago Fernández",
    "Técnico de Emprego",
    "breixo.lago@vigo.org.example",
    "986 81 01 00",
    "Abel Caballero Álvarez",
    "Alcalde de Vigo",
    "Praza do Rei, 1, 36202 Vigo",
    seed=22,
)


@case
def gl_es_vigo_exchange_galician_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(VIGO, date="19 de mayo de 2021"), seed="vigo")
    letter = pdf_doc(
        letter_short("gl", VIGO, date="19 de maio de 2021"),
        letterhead=["CONCELLO DE VIGO", "Alcaldía"],
        seed="vigo-l",
        logo=True,
    )
    raw = std(
        "gl_es_vigo_exchange_galician_letter",
        "exchange",
        VIGO,
        [
            pdf("Formulario RRR - Concello de Vigo.pdf", form),
            pdf("Carta de intención do Alcalde.pdf", letter),
        ],
        subject="Solicitude do Concello de Vigo - RRR",
        lang="es",
        content_language="gl-ES",
        arrival=at("2021-05-19 12:40:10"),
        text="Bo día:\n\nAchegamos o formulario e a carta de intención do Concello de Vigo.\n\nUn saúdo,\nBreixo Lago Fernández\nÁrea de Emprego e Economía",
    )
    return raw, expect(
        "accepted",
        "Formulario RRR - Concello de Vigo.pdf",
        "Carta de intención do Alcalde.pdf",
        why="Spanish form, Galician letter of intent.",
    )


AMB = City(
    "Àrea Metropolitana de Barcelona",
    "Barcelona",
    "España",
    "3.291.654 (AMB 2020)",
    "Àrea de Desenvolupament Social i Econòmic",
    "Núria Puigdollers",
    "Tècnica d'Economia Social",
    "npuigdollers@amb.cat.example",
    "93 506 93 00",
    "Ada Colau Ballano",
    "Presidenta de l'AMB",
    "Carrer 62, 16-18, 08040 Barcelona",
    seed=23,
)


@case
def ca_amb_exchange_catalan_form_and_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_ca(AMB, date="20 de maig de 2021"),
        letterhead=["Àrea Metropolitana de Barcelona"],
        seed="amb",
    )
    letter = pdf_doc(
        letter_ca(AMB, style="carta", date="20 de maig de 2021"),
        letterhead=["Àrea Metropolitana de Barcelona", "Presidència"],
        seed="amb-l",
        logo=True,
    )
    raw = std(
        "ca_amb_exchange_catalan_form_and_letter",
        "exchange",
        AMB,
        [
            pdf("Formulari de sol·licitud RRR - AMB.pdf", form),
            pdf("Carta d'intenció signada.pdf", letter),
        ],
        subject="Sol·licitud AMB - convocatòria RRR",
        lang="ca",
        content_language="ca-ES",
        arrival=at("2021-05-20 14:14:14"),
    )
    return raw, expect(
        "accepted",
        "Formulari de sol·licitud RRR - AMB.pdf",
        "Carta d'intenció signada.pdf",
        why="Catalan form and letter; names with the middle dot and an apostrophe.",
    )


TERRASSA = City(
    "Ajuntament de Terrassa",
    "Terrassa",
    "España",
    "223.627 (INE 2020)",
    "Servei de Promoció Econòmica",
    "Marc Vilaseca",
    "Tècnic d'Economia Social i Solidària",
    "marc.vilaseca@terrassa.cat.example",
    "93 739 70 00",
    "Jordi Ballart i Pastor",
    "Alcalde de Terrassa",
    "Raval de Montserrat, 14, 08221 Terrassa",
    seed=24,
)


@case
def ca_terrassa_gmail_workspace_manifestacio() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_ca(TERRASSA, date="21 de maig de 2021", table=True), author="mvilaseca", seed="trs"
    )
    letter = pdf_doc(
        letter_ca(TERRASSA, style="manifestacio", date="21 de maig de 2021"),
        letterhead=["Ajuntament de Terrassa"],
        seed="trs-l",
    )
    raw = std(
        "ca_terrassa_gmail_workspace_manifestacio",
        "gmail",
        TERRASSA,
        [docx("RRR_formulari_Terrassa.docx", form), pdf("Manifestació d'interès RRR.pdf", letter)],
        subject="Convocatòria RRR - Ajuntament de Terrassa",
        lang="ca",
        arrival=at("2021-05-21 22:41:03"),
    )
    return raw, expect(
        "accepted",
        "RRR_formulari_Terrassa.docx",
        "Manifestació d'interès RRR.pdf",
        why="Catalan 'manifestació d'interès' signed by the mayor is the letter; arrived 22:41 CEST, before 23:00.",
    )


# --- France, Germany, Austria, Italy, Poland, the Low Countries ------------------------------------

LYON = City(
    "Métropole de Lyon",
    "Lyon",
    "France",
    "1 398 892 (INSEE 2018)",
    "Délégation Développement économique, emploi et savoirs",
    "Claire Montagnier",
    "Chargée de mission ESS",
    "cmontagnier@grandlyon.com.example",
    "04 78 63 40 40",
    "Bruno Bernard",
    "Président de la Métropole de Lyon",
    "20, rue du Lac, 69003 Lyon",
    seed=25,
)


@case
def fr_fr_lyon_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(LYON, date="19 mai 2021"), letterhead=["MÉTROPOLE DE LYON"], seed="lyon")
    letter = pdf_doc(
        letter_fr(LYON, style="lettre", date="19 mai 2021"),
        letterhead=["MÉTROPOLE DE LYON", "Le Président"],
        seed="lyon-l",
        logo=True,
    )
    raw = std(
        "fr_fr_lyon_exchange",
        "exchange",
        LYON,
        [
            pdf("Formulaire de candidature – Métropole de Lyon.pdf", form),
            pdf("Lettre d'intention signée.pdf", letter),
        ],
        subject="Candidature Métropole de Lyon – appel RRR Peer Learning Cities",
        lang="fr",
        content_language="fr-FR",
        arrival=at("2021-05-19 17:20:45"),
    )
    return raw, expect(
        "accepted",
        "Formulaire de candidature – Métropole de Lyon.pdf",
        "Lettre d'intention signée.pdf",
        why="French form and signed letter of intent; an en dash in the form's name.",
    )


LILLE = City(
    "Métropole Européenne de Lille",
    "Lille",
    "France",
    "1 164 716 (INSEE 2018)",
    "Direction Emploi, ESS et Insertion",
    "Thomas Vandenbussche",
    "Chef de projet ESS",
    "tvandenbussche@lillemetropole.fr.example",
    "03 20 21 22 23",
    "Damien Castelain",
    "Président de la Métropole Européenne de Lille",
    "2, boulevard des Cités Unies, 59040 Lille",
    seed=26,
)


@case
def fr_fr_lille_zimbra_courrier_du_president() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(LILLE, title="DOSSIER DE CANDIDATURE", date="20 mai 2021"), seed="mel")
    letter = pdf_doc(
        letter_fr(LILLE, style="courrier", date="20 mai 2021", ref="MEL/DEESI/2021/0457"),
        letterhead=["Métropole Européenne de Lille", "Le Président"],
        footer="2, boulevard des Cités Unies - CS 70043 - 59040 Lille Cedex - www.lillemetropole.fr",
        seed="mel-l",
        logo=True,
    )
    raw = std(
        "fr_fr_lille_zimbra_courrier_du_president",
        "zimbra",
        LILLE,
        [pdf("RRR_candidature_MEL.pdf", form), pdf("courrier_president_MEL.pdf", letter)],
        subject="Appel à candidatures RRR - Métropole Européenne de Lille",
        lang="fr",
        arrival=at("2021-05-20 16:03:27"),
    )
    return raw, expect(
        "accepted",
        "RRR_candidature_MEL.pdf",
        "courrier_president_MEL.pdf",
        why="The president's 'courrier' confirms the commitment without the words 'lettre d'intention'; the 'dossier de candidature' is the form.",
    )


NANTES = City(
    "Nantes Métropole",
    "Nantes",
    "France",
    "656 275 (INSEE 2018)",
    "Direction de l'Emploi et de l'Innovation Sociale",
    "Maëlle Le Goff",
    "Chargée de mission innovation sociale",
    "maelle.legoff@nantesmetropole.fr.example",
    "02 40 99 48 48",
    "Johanna Rolland",
    "Présidente de Nantes Métropole",
    "2, cours du Champ de Mars, 44923 Nantes",
    seed=27,
)


@case
def fr_fr_nantes_thunderbird_odt_table() -> tuple[bytes, dict[str, Any]]:
    form = odt_doc(form_fr(NANTES, date="17 mai 2021", table=True), author="Maëlle Le Goff")
    letter = pdf_doc(
        letter_fr(NANTES, style="lettre", date="17 mai 2021"),
        letterhead=["Nantes Métropole", "La Présidente"],
        seed="nantes-l",
        creator="LibreOffice 7.1",
    )
    raw = std(
        "fr_fr_nantes_thunderbird_odt_table",
        "thunderbird",
        NANTES,
        [
            odt("Candidature RRR - Nantes Métropole.odt", form),
            pdf("Lettre d'engagement - Présidente.pdf", letter),
        ],
        subject="Candidature Nantes Métropole - RRR",
        lang="fr",
        content_language="fr",
        arrival=at("2021-05-17 11:11:52"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Candidature RRR - Nantes Métropole.odt",
        "Lettre d'engagement - Présidente.pdf",
        why="LibreOffice form with a question/answer table; the letter is called an engagement letter and is the letter of intent.",
    )


MARSEILLE = City(
    "Ville de Marseille",
    "Marseille",
    "France",
    "863 310 (INSEE 2018)",
    "Direction de l'Économie et de l'Emploi",
    "Karim Benali",
    "Responsable du service ESS",
    "kbenali@marseille.fr.example",
    "04 91 55 11 11",
    "Benoît Payan",
    "Maire de Marseille",
    "Quai du Port, 13002 Marseille",
    seed=28,
)


@case
def fr_fr_marseille_exchange_abbreviated_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(MARSEILLE, date="21 mai 2021"), seed="mrs")
    letter = pdf_doc(
        letter_fr(MARSEILLE, style="lettre", date="21 mai 2021"),
        letterhead=["VILLE DE MARSEILLE", "Le Maire"],
        seed="mrs-l",
        logo=True,
    )
    raw = std(
        "fr_fr_marseille_exchange_abbreviated_names",
        "exchange",
        MARSEILLE,
        [pdf("Dossier RRR Marseille.pdf", form), pdf("LI_Maire_VdM.pdf", letter)],
        subject="RRR - candidature Ville de Marseille",
        lang="fr",
        content_language="fr-FR",
        arrival=at("2021-05-21 20:35:09"),
    )
    return raw, expect(
        "accepted",
        "Dossier RRR Marseille.pdf",
        "LI_Maire_VdM.pdf",
        why="'LI' is the city's abbreviation for lettre d'intention; the text says so. Arrived 20:35 on the last day.",
    )


LEIPZIG = City(
    "Stadt Leipzig",
    "Leipzig",
    "Deutschland",
    "597.493 (Stand 31.12.2020)",
    "Amt für Wirtschaftsförderung",
    "Dr. Katrin Seifert",
    "Sachgebietsleiterin Sozialwirtschaft",
    "katrin.seifert@leipzig.de.example",
    "+49 341 123-5812",
    "Burkhard Jung",
    "Oberbürgermeister",
    "Martin-Luther-Ring 4-6, 04109 Leipzig",
    seed=29,
)


@case
def de_de_leipzig_exchange_numbered_pages() -> tuple[bytes, dict[str, Any]]:
    text = form_de(LEIPZIG, date="18.05.2021")
    half = text.index("6.")
    form = pdf_doc(
        text[:half],
        text[half:],
        numbered=True,
        letterhead=["Stadt Leipzig", "Der Oberbürgermeister - Amt für Wirtschaftsförderung"],
        seed="lei",
    )
    letter = pdf_doc(
        letter_de(LEIPZIG, style="absicht", date="18.05.2021"),
        letterhead=["Stadt Leipzig", "Der Oberbürgermeister"],
        seed="lei-l",
        logo=True,
    )
    raw = std(
        "de_de_leipzig_exchange_numbered_pages",
        "exchange_onprem",
        LEIPZIG,
        [pdf("Bewerbungsformular_RRR_Leipzig.pdf", form), pdf("Absichtserklärung_OBM.pdf", letter)],
        subject="Bewerbung der Stadt Leipzig - RRR Peer Learning Cities",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-18 14:29:03"),
    )
    return raw, expect(
        "accepted",
        "Bewerbungsformular_RRR_Leipzig.pdf",
        "Absichtserklärung_OBM.pdf",
        why="German form over two numbered pages and the Oberbürgermeister's Absichtserklärung.",
    )


DORTMUND = City(
    "Stadt Dortmund",
    "Dortmund",
    "Deutschland",
    "588.250 (Stand 31.12.2020)",
    "Wirtschaftsförderung Dortmund",
    "Jens Kowalczyk",
    "Referent Soziale Innovation",
    "jkowalczyk@stadtdo.de.example",
    "+49 231 50-24711",
    "Thomas Westphal",
    "Oberbürgermeister",
    "Friedensplatz 1, 44135 Dortmund",
    seed=30,
)


@case
def de_de_dortmund_open_xchange_antrag() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_de(DORTMUND, title="ANTRAG AUF TEILNAHME", date="19.05.2021"),
        header="Stadt Dortmund | Wirtschaftsförderung",
        author="Kowalczyk, Jens",
        seed="do",
    )
    letter = pdf_doc(
        letter_de(DORTMUND, style="interesse", date="19.05.2021"),
        letterhead=["Stadt Dortmund", "Der Oberbürgermeister"],
        seed="do-l",
        logo=True,
    )
    raw = std(
        "de_de_dortmund_open_xchange_antrag",
        "ox",
        DORTMUND,
        [
            docx("Antrag RRR Dortmund.docx", form),
            pdf("Interessenbekundung Dortmund unterschrieben.pdf", letter),
        ],
        subject="RRR - Unterlagen der Stadt Dortmund",
        lang="de",
        arrival=at("2021-05-19 10:47:21"),
    )
    return raw, expect(
        "accepted",
        "Antrag RRR Dortmund.docx",
        "Interessenbekundung Dortmund unterschrieben.pdf",
        why="'Antrag auf Teilnahme' is the form; the signed Interessenbekundung is the letter of intent.",
    )


GRAZ = City(
    "Stadt Graz",
    "Graz",
    "Österreich",
    "291.072 (Statistik Austria 2020)",
    "Abteilung für Wirtschafts- und Tourismusentwicklung",
    "Mag. Stefan Pichler",
    "Referent für Sozialwirtschaft",
    "stefan.pichler@stadt.graz.at.example",
    "+43 316 872-4810",
    "Mag. Siegfried Nagl",
    "Bürgermeister der Landeshauptstadt Graz",
    "Hauptplatz 1, 8011 Graz",
    seed=31,
)


@case
def de_at_graz_groupwise_short_alias_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(GRAZ, date="20.05.2021"), seed="graz")
    letter = pdf_doc(
        letter_de(GRAZ, style="schreiben", date="20.05.2021", ref="A15-021547/2021"),
        letterhead=["Stadt Graz", "Bürgermeister"],
        seed="graz-l",
        logo=True,
    )
    raw = std(
        "de_at_graz_groupwise_short_alias_names",
        "groupwise",
        GRAZ,
        [
            pdf("RRR_Bewerbung_Graz.pdf", form, ctype_name="RRR_BE~1.PDF"),
            pdf("Schreiben Bürgermeister.pdf", letter, ctype_name="SCHREI~1.PDF"),
        ],
        subject="Bewerbung Graz - RRR",
        lang="de",
        arrival=at("2021-05-20 09:15:40"),
        text=body("de", GRAZ),
    )
    return raw, expect(
        "accepted",
        "RRR_Bewerbung_Graz.pdf",
        "Schreiben Bürgermeister.pdf",
        why="GroupWise puts 8.3 aliases in Content-Type and the real names in Content-Disposition; the English form and the mayor's letter.",
    )


TORINO = City(
    "Città di Torino",
    "Torino",
    "Italia",
    "857.910 (ISTAT 2020)",
    "Divisione Commercio, Lavoro, Turismo, Attività Produttive e Sviluppo Economico",
    "Francesca Bertolino",
    "Funzionaria in P.O. Economia Sociale",
    "francesca.bertolino@comune.torino.it.example",
    "+39 011 011 22345",
    "Chiara Appendino",
    "Sindaca della Città di Torino",
    "Piazza Palazzo di Città 1, 10122 Torino",
    seed=32,
)


@case
def it_torino_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_it(TORINO, date="18/05/2021"), letterhead=["CITTÀ DI TORINO"], seed="to")
    letter = pdf_doc(
        letter_it(TORINO, style="intenti", date="18/05/2021"),
        letterhead=["CITTÀ DI TORINO", "La Sindaca"],
        seed="to-l",
        logo=True,
    )
    raw = std(
        "it_torino_exchange",
        "exchange",
        TORINO,
        [
            pdf("Modulo di candidatura RRR - Città di Torino.pdf", form),
            pdf("Lettera di intenti firmata.pdf", letter),
        ],
        subject="Candidatura Città di Torino - RRR Peer Learning Cities",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-18 12:48:33"),
    )
    return raw, expect(
        "accepted",
        "Modulo di candidatura RRR - Città di Torino.pdf",
        "Lettera di intenti firmata.pdf",
        why="Italian form and letter of intent.",
    )


NAPOLI = City(
    "Comune di Napoli",
    "Napoli",
    "Italia",
    "948.850 (ISTAT 2020)",
    "Assessorato al Lavoro e alle Attività Produttive",
    "Gennaro Esposito",
    "Istruttore Direttivo",
    "gennaro.esposito@comune.napoli.it.example",
    "+39 081 795 1234",
    "Luigi de Magistris",
    "Sindaco di Napoli",
    "Piazza Municipio, Palazzo San Giacomo, 80133 Napoli",
    seed=33,
)


@case
def it_napoli_thunderbird_allegato_a_is_the_letter() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_it(NAPOLI, style="manifestazione", date="20/05/2021", ref="PG/2021/0398712"),
        letterhead=["COMUNE DI NAPOLI", "Gabinetto del Sindaco"],
        seed="na-l",
        logo=True,
    )
    form = pdf_doc(form_it(NAPOLI, date="20/05/2021"), seed="na")
    raw = std(
        "it_napoli_thunderbird_allegato_a_is_the_letter",
        "thunderbird",
        NAPOLI,
        [pdf("Allegato A.pdf", letter), pdf("Allegato B.pdf", form)],
        subject="Candidatura Comune di Napoli - programma RRR",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-20 13:01:19"),
        text="Buongiorno,\n\nsi trasmettono in allegato gli allegati A e B relativi alla candidatura del Comune di Napoli.\n\nCordiali saluti\n\nGennaro Esposito\nComune di Napoli",
        html=False,
    )
    return raw, expect(
        "accepted",
        "Allegato B.pdf",
        "Allegato A.pdf",
        why="Annex letters say nothing; Allegato A is the 'manifestazione di interesse' (the letter), Allegato B the form.",
    )


KRAKOW = City(
    "Gmina Miejska Kraków",
    "Kraków",
    "Polska",
    "780 981 (GUS 2020)",
    "Wydział Polityki Społecznej i Zdrowia",
    "Agnieszka Wójcik",
    "Główny specjalista ds. ekonomii społecznej",
    "agnieszka.wojcik@um.krakow.pl.example",
    "+48 12 616 12 34",
    "Jacek Majchrowski",
    "Prezydent Miasta Krakowa",
    "pl. Wszystkich Świętych 3-4, 31-004 Kraków",
    seed=34,
)


@case
def pl_krakow_exchange_iso8859_2_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_pl(KRAKOW, date="19.05.2021 r."), letterhead=["Urząd Miasta Krakowa"], seed="krk"
    )
    letter = pdf_doc(
        letter_pl(KRAKOW, style="list", date="19 maja 2021 r."),
        letterhead=["PREZYDENT MIASTA KRAKOWA"],
        seed="krk-l",
        logo=True,
    )
    raw = std(
        "pl_krakow_exchange_iso8859_2_names",
        "exchange_onprem",
        KRAKOW,
        [
            pdf(
                "Formularz zgłoszeniowy RRR - Kraków.pdf", form, style="2047q", charset="iso-8859-2"
            ),
            pdf("List intencyjny - Prezydent Miasta Krakowa.pdf", letter),
        ],
        subject="Zgłoszenie Krakowa - RRR Peer Learning Cities",
        lang="pl",
        content_language="pl-PL",
        arrival=at("2021-05-19 15:55:01"),
    )
    return raw, expect(
        "accepted",
        "Formularz zgłoszeniowy RRR - Kraków.pdf",
        "List intencyjny - Prezydent Miasta Krakowa.pdf",
        why="Polish form whose name is ISO-8859-2 quoted-printable encoded; the mayor's list intencyjny.",
    )


LODZ = City(
    "Miasto Łódź",
    "Łódź",
    "Polska",
    "679 941 (GUS 2020)",
    "Biuro ds. Partycypacji Społecznej",
    "Paweł Zieliński",
    "Inspektor",
    "p.zielinski@uml.lodz.pl.example",
    "+48 42 638 44 00",
    "Hanna Zdanowska",
    "Prezydent Miasta Łodzi",
    "ul. Piotrkowska 104, 90-926 Łódź",
    seed=35,
)


@case
def pl_lodz_thunderbird_deklaracja() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(form_pl(LODZ, date="20.05.2021 r."), author="pzielinski", seed="lodz")
    letter = pdf_doc(
        letter_pl(LODZ, style="deklaracja", date="20 maja 2021 r."),
        letterhead=["Urząd Miasta Łodzi"],
        seed="lodz-l",
    )
    raw = std(
        "pl_lodz_thunderbird_deklaracja",
        "thunderbird",
        LODZ,
        [docx("RRR_formularz_Lodz.docx", form), pdf("Deklaracja_udzialu_podpisana.pdf", letter)],
        subject="Zgłoszenie Miasta Łodzi do programu RRR",
        lang="pl",
        content_language="pl",
        arrival=at("2021-05-20 08:57:44"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "RRR_formularz_Lodz.docx",
        "Deklaracja_udzialu_podpisana.pdf",
        why="A signed 'deklaracja udziału' (declaration of participation) is the letter of intent.",
    )


ROTTERDAM = City(
    "Gemeente Rotterdam",
    "Rotterdam",
    "Nederland",
    "651.446 (CBS 2020)",
    "Cluster Werk en Inkomen",
    "Sanne de Vries",
    "Beleidsadviseur sociaal ondernemerschap",
    "s.devries@rotterdam.nl.example",
    "+31 10 267 1234",
    "Ahmed Aboutaleb",
    "Burgemeester van Rotterdam",
    "Coolsingel 40, 3011 AD Rotterdam",
    seed=36,
)


@case
def nl_rotterdam_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_nl(ROTTERDAM, date="18 mei 2021"), seed="rtm")
    letter = pdf_doc(
        letter_nl(ROTTERDAM, style="intentie", date="18 mei 2021"),
        letterhead=["Gemeente Rotterdam"],
        seed="rtm-l",
        logo=True,
    )
    raw = std(
        "nl_rotterdam_exchange",
        "exchange",
        ROTTERDAM,
        [
            pdf("Aanmeldformulier RRR Rotterdam.pdf", form),
            pdf("Intentieverklaring gemeente Rotterdam.pdf", letter),
        ],
        subject="Aanmelding Rotterdam - RRR Peer Learning Cities",
        lang="nl",
        content_language="nl-NL",
        arrival=at("2021-05-18 16:16:16"),
    )
    return raw, expect(
        "accepted",
        "Aanmeldformulier RRR Rotterdam.pdf",
        "Intentieverklaring gemeente Rotterdam.pdf",
        why="Dutch form and intentieverklaring.",
    )


UTRECHT = City(
    "Gemeente Utrecht",
    "Utrecht",
    "Nederland",
    "357.179 (CBS 2020)",
    "Afdeling Economische Zaken",
    "Joost van Leeuwen",
    "Programmamanager Sociale Impact",
    "j.vanleeuwen@utrecht.nl.example",
    "+31 30 286 0000",
    "Linda Voortman",
    "Wethouder Werk en Inkomen",
    "Stadsplateau 1, 3521 AZ Utrecht",
    seed=37,
)


@case
def nl_utrecht_exchange_english_form_alderman_letter() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_en(UTRECHT, style="table", date="20-05-2021"), author="Leeuwen, Joost van", seed="utr"
    )
    letter = pdf_doc(
        letter_nl(UTRECHT, style="brief", date="20 mei 2021", ref="EZ/2021/31877"),
        letterhead=["Gemeente Utrecht", "Wethouder Werk en Inkomen"],
        seed="utr-l",
        logo=True,
    )
    raw = std(
        "nl_utrecht_exchange_english_form_alderman_letter",
        "exchange",
        UTRECHT,
        [docx("RRR application form Utrecht.docx", form), pdf("Brief wethouder RRR.pdf", letter)],
        subject="Application Utrecht - RRR",
        lang="nl",
        content_language="nl-NL",
        arrival=at("2021-05-20 11:20:54"),
    )
    return raw, expect(
        "accepted",
        "RRR application form Utrecht.docx",
        "Brief wethouder RRR.pdf",
        why="English form in a table, Dutch letter ('brief') from the alderman committing the city.",
    )


GENT = City(
    "Stad Gent",
    "Gent",
    "België",
    "263.927 (Statbel 2020)",
    "Dienst Economie",
    "Lotte Verhaeghe",
    "Beleidsmedewerker sociale economie",
    "lotte.verhaeghe@stad.gent.example",
    "+32 9 266 82 00",
    "Mathias De Clercq",
    "Burgemeester",
    "Botermarkt 1, 9000 Gent",
    seed=38,
)


@case
def nl_be_gent_thunderbird_kandidatuur() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_nl(GENT, title="KANDIDATUURFORMULIER", date="19 mei 2021"), seed="gent")
    letter = pdf_doc(
        letter_nl(GENT, style="intentie", date="19 mei 2021"),
        letterhead=["Stad Gent", "Kabinet van de burgemeester"],
        seed="gent-l",
        logo=True,
    )
    raw = std(
        "nl_be_gent_thunderbird_kandidatuur",
        "thunderbird",
        GENT,
        [
            pdf("Kandidatuur RRR Stad Gent.pdf", form),
            pdf("Engagementsverklaring Stad Gent.pdf", letter),
        ],
        subject="Kandidatuur Stad Gent - RRR",
        lang="nl",
        content_language="nl-BE",
        arrival=at("2021-05-19 14:02:37"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Kandidatuur RRR Stad Gent.pdf",
        "Engagementsverklaring Stad Gent.pdf",
        why="Flemish naming (kandidatuur, engagementsverklaring); contents are the form and the declaration of intent.",
    )


# --- Romania, the Nordics, Greece, Hungary, Central Europe, the Baltics, the Balkans, Turkey -------

CLUJ = City(
    "Primăria Municipiului Cluj-Napoca",
    "Cluj-Napoca",
    "România",
    "324.960 (INS 2020)",
    "Direcția Dezvoltare Economică",
    "Ioana Mureșan",
    "Consilier superior",
    "ioana.muresan.cluj@gmail.com",
    "+40 264 596 030",
    "Emil Boc",
    "Primarul Municipiului Cluj-Napoca",
    "Str. Moților nr. 1-3, Cluj-Napoca",
    seed=39,
)


@case
def ro_cluj_gmail_diacritics() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_ro(CLUJ, date="18.05.2021"), seed="cluj")
    letter = pdf_doc(
        letter_ro(CLUJ, style="scrisoare", date="18.05.2021"),
        letterhead=["ROMÂNIA", "MUNICIPIUL CLUJ-NAPOCA", "PRIMAR"],
        seed="cluj-l",
        logo=True,
    )
    raw = std(
        "ro_cluj_gmail_diacritics",
        "gmail",
        CLUJ,
        [
            pdf("Formular_aplicare_RRR_Cluj-Napoca.pdf", form),
            pdf("Scrisoare_de_intenție_Primar.pdf", letter),
        ],
        subject="Aplicație Cluj-Napoca - RRR Peer Learning Cities",
        lang="ro",
        arrival=at("2021-05-18 10:44:12"),
    )
    return raw, expect(
        "accepted",
        "Formular_aplicare_RRR_Cluj-Napoca.pdf",
        "Scrisoare_de_intenție_Primar.pdf",
        why="Romanian form and letter of intent; the comma-below ț in the name.",
    )


IASI = City(
    "Primăria Municipiului Iași",
    "Iași",
    "România",
    "382.484 (INS 2020)",
    "Direcția Programe Europene",
    "Bogdan Ciobanu",
    "Inspector",
    "bogdan_ciobanu2003@yahoo.com",
    "+40 232 267 582",
    "Mihai Chirica",
    "Primarul Municipiului Iași",
    "Bd. Ștefan cel Mare și Sfânt nr. 11, Iași",
    seed=40,
)


@case
def ro_iasi_yahoo_adresa_oficiala() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(form_ro(IASI, date="20.05.2021"), author="Bogdan", seed="iasi")
    letter = pdf_doc(
        letter_ro(IASI, style="adresa", date="20.05.2021", ref="51.327"),
        letterhead=["ROMÂNIA", "PRIMĂRIA MUNICIPIULUI IAȘI", "Cabinet Primar"],
        seed="iasi-l",
    )
    raw = std(
        "ro_iasi_yahoo_adresa_oficiala",
        "yahoo",
        IASI,
        [docx("formular rrr iasi.docx", form), pdf("adresa primar.pdf", letter)],
        subject="RRR - Iasi",
        lang="ro",
        arrival=at("2021-05-20 22:03:59"),
        text="Buna seara,\n\natasat formularul si adresa semnata de domnul primar.\n\nCu stima,\nBogdan Ciobanu\nPrimaria Municipiului Iasi",
    )
    return raw, expect(
        "accepted",
        "formular rrr iasi.docx",
        "adresa primar.pdf",
        why="An official numbered 'adresă' from the mayor confirming commitment is the letter; lower-case names from a personal Yahoo account.",
    )


GOTEBORG = City(
    "Göteborgs Stad",
    "Göteborg",
    "Sverige",
    "583 056 (SCB 2020)",
    "Stadsledningskontoret, Avdelningen för social hållbarhet",
    "Elin Lindqvist",
    "Utvecklingsledare",
    "elin.lindqvist@stadsledning.goteborg.se.example",
    "+46 31 365 00 00",
    "Axel Josefson",
    "Kommunstyrelsens ordförande",
    "Gustaf Adolfs torg 4A, 411 10 Göteborg",
    seed=41,
)


@case
def sv_goteborg_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_sv(GOTEBORG, date="2021-05-17"), seed="gbg")
    letter = pdf_doc(
        letter_sv(GOTEBORG, style="avsikt", date="2021-05-17"),
        letterhead=["Göteborgs Stad", "Stadsledningskontoret"],
        seed="gbg-l",
        logo=True,
    )
    raw = std(
        "sv_goteborg_exchange",
        "exchange",
        GOTEBORG,
        [
            pdf("Ansökningsformulär RRR Göteborgs Stad.pdf", form),
            pdf("Avsiktsförklaring.pdf", letter),
        ],
        subject="Ansökan Göteborgs Stad – RRR Peer Learning Cities",
        lang="sv",
        content_language="sv-SE",
        arrival=at("2021-05-17 13:37:00"),
    )
    return raw, expect(
        "accepted",
        "Ansökningsformulär RRR Göteborgs Stad.pdf",
        "Avsiktsförklaring.pdf",
        why="Swedish form and avsiktsförklaring.",
    )


MALMO = City(
    "Malmö stad",
    "Malmö",
    "Sverige",
    "347 949 (SCB 2020)",
    "Näringslivsavdelningen",
    "Omar Haddad",
    "Strateg social innovation",
    "omar.haddad@malmo.se.example",
    "+46 40 34 10 00",
    "Katrin Stjernfeldt Jammeh",
    "Kommunstyrelsens ordförande",
    "August Palms plats 1, 205 80 Malmö",
    seed=42,
)


@case
def sv_malmo_exchange_brev() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(MALMO, style="plain", date="2021-05-20"), seed="mmo")
    letter = pdf_doc(
        letter_sv(MALMO, style="brev", date="2021-05-20", ref="KS-2021-0412"),
        letterhead=["Malmö stad", "Kommunstyrelsen"],
        seed="mmo-l",
        logo=True,
    )
    raw = std(
        "sv_malmo_exchange_brev",
        "exchange",
        MALMO,
        [pdf("RRR application Malmo stad.pdf", form), pdf("Brev till RRR-konsortiet.pdf", letter)],
        subject="Malmö stad – RRR application",
        lang="sv",
        content_language="sv-SE",
        arrival=at("2021-05-20 15:48:22"),
    )
    return raw, expect(
        "accepted",
        "RRR application Malmo stad.pdf",
        "Brev till RRR-konsortiet.pdf",
        why="English answers without the word 'form'; a Swedish letter to the consortium confirming participation.",
    )


AARHUS = City(
    "Aarhus Kommune",
    "Aarhus",
    "Danmark",
    "349.983 (Danmarks Statistik 2020)",
    "Borgmesterens Afdeling, Erhverv",
    "Mette Kjærgaard",
    "Specialkonsulent",
    "mekj@aarhus.dk.example",
    "+45 89 40 20 00",
    "Jacob Bundsgaard",
    "Borgmester",
    "Rådhuspladsen 2, 8000 Aarhus C",
    seed=43,
)


@case
def da_aarhus_exchange_hensigtserklaering() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(*form_en_pages(AARHUS, date="19-05-2021"), author="Mette Kjærgaard", seed="aar")
    letter = pdf_doc(
        letter_short("da", AARHUS, date="19. maj 2021"),
        letterhead=["Aarhus Kommune", "Borgmesterens Afdeling"],
        seed="aar-l",
        logo=True,
    )
    raw = std(
        "da_aarhus_exchange_hensigtserklaering",
        "exchange",
        AARHUS,
        [
            docx("RRR application form - Aarhus Kommune.docx", form),
            pdf("Hensigtserklæring Aarhus.pdf", letter),
        ],
        subject="Ansøgning fra Aarhus Kommune - RRR",
        lang="generic_en",
        content_language="da-DK",
        arrival=at("2021-05-19 08:30:05"),
    )
    return raw, expect(
        "accepted",
        "RRR application form - Aarhus Kommune.docx",
        "Hensigtserklæring Aarhus.pdf",
        why="English form, Danish hensigtserklæring.",
    )


TAMPERE = City(
    "Tampereen kaupunki",
    "Tampere",
    "Suomi",
    "241 009 (Tilastokeskus 2020)",
    "Elinvoiman ja kilpailukyvyn palvelualue",
    "Antti Virtanen",
    "Kehittämispäällikkö",
    "antti.virtanen@tampere.fi.example",
    "+358 40 800 7000",
    "Lauri Lyly",
    "Pormestari",
    "Keskustori 10, 33100 Tampere",
    seed=44,
)


@case
def fi_tampere_exchange_aiekirje() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(TAMPERE, date="21.5.2021"), seed="tre")
    letter = pdf_doc(
        letter_short("fi", TAMPERE, date="21.5.2021"),
        letterhead=["Tampereen kaupunki", "Pormestari"],
        seed="tre-l",
        logo=True,
    )
    raw = std(
        "fi_tampere_exchange_aiekirje",
        "exchange",
        TAMPERE,
        [pdf("RRR_Application_Tampere.pdf", form), pdf("Aiekirje_pormestari.pdf", letter)],
        subject="RRR Peer Learning Cities - City of Tampere",
        lang="generic_en",
        content_language="fi-FI",
        arrival=at("2021-05-21 09:09:09"),
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Tampere.pdf",
        "Aiekirje_pormestari.pdf",
        why="English form; Finnish 'aiekirje' is a letter of intent.",
    )


THESSALONIKI = City(
    "Δήμος Θεσσαλονίκης",
    "Θεσσαλονίκη",
    "Ελλάδα",
    "315.196 (ΕΛΣΤΑΤ 2011)",
    "Διεύθυνση Τοπικής Ανάπτυξης",
    "Ελένη Παπαδοπούλου",
    "Προϊσταμένη Τμήματος Κοινωνικής Οικονομίας",
    "e.papadopoulou.thess@gmail.com",
    "+30 2313 317 000",
    "Κωνσταντίνος Ζέρβας",
    "Δήμαρχος Θεσσαλονίκης",
    "Βασιλέως Γεωργίου Α' 1, 546 40 Θεσσαλονίκη",
    seed=45,
)


@case
def el_thessaloniki_gmail_greek_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_el(THESSALONIKI, date="19/05/2021"), seed="skg")
    letter = pdf_doc(
        letter_el(THESSALONIKI, style="prothesi", date="19/05/2021", ref="48213"),
        letterhead=["ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ", "ΔΗΜΟΣ ΘΕΣΣΑΛΟΝΙΚΗΣ", "Γραφείο Δημάρχου"],
        seed="skg-l",
        logo=True,
    )
    raw = std(
        "el_thessaloniki_gmail_greek_names",
        "gmail",
        THESSALONIKI,
        [
            pdf("Αίτηση_RRR_Δήμος_Θεσσαλονίκης.pdf", form),
            pdf("Επιστολή_Πρόθεσης_Δημάρχου.pdf", letter),
        ],
        subject="Αίτηση συμμετοχής Δήμου Θεσσαλονίκης - RRR",
        lang="el",
        arrival=at("2021-05-19 19:19:19"),
    )
    return raw, expect(
        "accepted",
        "Αίτηση_RRR_Δήμος_Θεσσαλονίκης.pdf",
        "Επιστολή_Πρόθεσης_Δημάρχου.pdf",
        why="Greek form and letter with Greek names (encoded words).",
    )


ATHENS = City(
    "Δήμος Αθηναίων",
    "Αθήνα",
    "Ελλάδα",
    "664.046 (ΕΛΣΤΑΤ 2011)",
    "Athens Development and Destination Management Agency",
    "Nikos Georgiou",
    "Project Manager",
    "n.georgiou@athens.gr.example",
    "+30 210 527 7000",
    "Κώστας Μπακογιάννης",
    "Δήμαρχος Αθηναίων",
    "Λιοσίων 22, 104 38 Αθήνα",
    seed=46,
)


@case
def el_athens_exchange_english_form_greek_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(ATHENS, date="20/05/2021"), seed="ath")
    letter = pdf_doc(
        letter_el(ATHENS, style="ekdilosi", date="20/05/2021", ref="Δ.Α. 1187"),
        letterhead=["ΔΗΜΟΣ ΑΘΗΝΑΙΩΝ", "Ο Δήμαρχος"],
        seed="ath-l",
        logo=True,
    )
    raw = std(
        "el_athens_exchange_english_form_greek_letter",
        "exchange",
        ATHENS,
        [
            pdf("RRR_Application_Athens.pdf", form),
            pdf("Επιστολή εκδήλωσης ενδιαφέροντος.pdf", letter),
        ],
        subject="City of Athens - RRR Peer Learning Cities application",
        lang="en",
        content_language="el-GR",
        arrival=at("2021-05-20 12:30:30"),
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Athens.pdf",
        "Επιστολή εκδήλωσης ενδιαφέροντος.pdf",
        why="English form; the Greek 'letter of expression of interest' signed by the mayor is the letter of intent.",
    )


BUDAPEST = City(
    "Budapest Főváros Önkormányzata",
    "Budapest",
    "Magyarország",
    "1 750 216 (KSH 2020)",
    "Városfejlesztési Főosztály",
    "Kovács Eszter",
    "főosztályvezető-helyettes",
    "kovacs.eszter@budapest.hu.example",
    "+36 1 327 1000",
    "Karácsony Gergely",
    "főpolgármester",
    "Városház utca 9-11, 1052 Budapest",
    seed=47,
)


@case
def hu_budapest_notes_latin2_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_hu(BUDAPEST, date="2021. május 18."), seed="bud")
    letter = pdf_doc(
        letter_hu(BUDAPEST, date="2021. május 18."),
        letterhead=["BUDAPEST FŐVÁROS", "FŐPOLGÁRMESTER"],
        seed="bud-l",
        logo=True,
    )
    raw = std(
        "hu_budapest_notes_latin2_names",
        "notes",
        BUDAPEST,
        [
            pdf("Jelentkezési_lap_RRR_Budapest.pdf", form, style="2047q", charset="iso-8859-2"),
            pdf(
                "Szándéknyilatkozat_főpolgármester.pdf", letter, style="2047q", charset="iso-8859-2"
            ),
        ],
        subject="RRR Peer Learning Cities - Budapest jelentkezése",
        lang="hu",
        arrival=at("2021-05-18 11:02:14"),
        subject_style="2047q",
        charset_2047="iso-8859-2",
        from_style="2047q",
    )
    return raw, expect(
        "accepted",
        "Jelentkezési_lap_RRR_Budapest.pdf",
        "Szándéknyilatkozat_főpolgármester.pdf",
        why="HCL Notes with ISO-8859-2 names (ő is not in Latin-1); Hungarian form and szándéknyilatkozat.",
    )


BRNO = City(
    "Statutární město Brno",
    "Brno",
    "Česká republika",
    "382 405 (ČSÚ 2020)",
    "Odbor hospodářského rozvoje",
    "Tereza Dvořáková",
    "referentka",
    "dvorakova.tereza@brno.cz.example",
    "+420 542 171 111",
    "JUDr. Markéta Vaňková",
    "primátorka města Brna",
    "Dominikánské náměstí 196/1, 602 00 Brno",
    seed=48,
)


@case
def cs_brno_thunderbird_english_form_czech_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(BRNO, date="19. 5. 2021"), seed="brno")
    letter = pdf_doc(
        letter_short("cs", BRNO, date="19. května 2021"),
        letterhead=["Statutární město Brno", "Primátorka města Brna"],
        seed="brno-l",
        logo=True,
    )
    raw = std(
        "cs_brno_thunderbird_english_form_czech_letter",
        "thunderbird",
        BRNO,
        [
            pdf("RRR_application_form_Brno.pdf", form),
            pdf("Dopis o záměru - primátorka.pdf", letter),
        ],
        subject="Přihláška města Brna - RRR Peer Learning Cities",
        lang="generic_en",
        content_language="cs",
        arrival=at("2021-05-19 16:40:02"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "RRR_application_form_Brno.pdf",
        "Dopis o záměru - primátorka.pdf",
        why="English form; Czech 'dopis o záměru' signed by the mayor.",
    )


BRATISLAVA = City(
    "Hlavné mesto Slovenskej republiky Bratislava",
    "Bratislava",
    "Slovensko",
    "440 948 (ŠÚ SR 2020)",
    "Sekcia stratégií a projektov",
    "Martin Hudák",
    "projektový manažér",
    "martin.hudak@bratislava.sk.example",
    "+421 2 593 56 111",
    "Matúš Vallo",
    "primátor",
    "Primaciálne nám. 1, 814 99 Bratislava",
    seed=49,
)


@case
def sk_bratislava_exchange_docx_letter_logo_header() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(BRATISLAVA, date="20. 5. 2021"), author="Hudák Martin", seed="ba"
    )
    letter = docx_doc(
        letter_short("sk", BRATISLAVA, date="20. mája 2021"),
        header="Hlavné mesto Slovenskej republiky Bratislava | Primátor",
        header_logo=True,
        author="Hudák Martin",
        seed="ba-l",
    )
    raw = std(
        "sk_bratislava_exchange_docx_letter_logo_header",
        "exchange",
        BRATISLAVA,
        [
            docx("RRR Application Form - Bratislava.docx", form),
            docx("List o zámere - primátor.docx", letter),
        ],
        subject="Bratislava - RRR Peer Learning Cities",
        lang="generic_en",
        content_language="sk-SK",
        arrival=at("2021-05-20 10:10:10"),
    )
    return raw, expect(
        "accepted",
        "RRR Application Form - Bratislava.docx",
        "List o zámere - primátor.docx",
        why="English form and a Slovak letter of intent in Word, with the letterhead in the page header.",
    )


VILNIUS = City(
    "Vilniaus miesto savivaldybės administracija",
    "Vilnius",
    "Lietuva",
    "588 412 (2020)",
    "Miesto ūkio ir transporto departamentas",
    "Rūta Petrauskienė",
    "vyriausioji specialistė",
    "ruta.petrauskiene@vilnius.lt.example",
    "+370 5 211 2000",
    "Remigijus Šimašius",
    "Vilniaus miesto meras",
    "Konstitucijos pr. 3, LT-09601 Vilnius",
    seed=50,
)


@case
def lt_vilnius_gmail_workspace() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(VILNIUS, date="2021-05-18"), seed="vno")
    letter = pdf_doc(
        letter_short("lt", VILNIUS, date="2021 m. gegužės 18 d."),
        letterhead=["VILNIAUS MIESTO SAVIVALDYBĖ", "Meras"],
        seed="vno-l",
        logo=True,
    )
    raw = std(
        "lt_vilnius_gmail_workspace",
        "gmail",
        VILNIUS,
        [pdf("RRR_paraiska_Vilnius.pdf", form), pdf("Ketinimu_rastas_Vilnius.pdf", letter)],
        subject="Vilnius application - RRR",
        lang="generic_en",
        arrival=at("2021-05-18 08:08:08"),
    )
    return raw, expect(
        "accepted",
        "RRR_paraiska_Vilnius.pdf",
        "Ketinimu_rastas_Vilnius.pdf",
        why="English form named in Lithuanian ('paraiška'); the Lithuanian 'ketinimų raštas' is the letter of intent.",
    )


RIGA = City(
    "Rīgas dome",
    "Rīga",
    "Latvija",
    "627 487 (CSP 2020)",
    "Pilsētas attīstības departaments",
    "Ilze Bērziņa",
    "projektu vadītāja",
    "ilze.berzina@riga.lv.example",
    "+371 6701 2800",
    "Mārtiņš Staķis",
    "Rīgas domes priekšsēdētājs",
    "Rātslaukums 1, Rīga, LV-1539",
    seed=51,
)


@case
def lv_riga_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(RIGA, date="20.05.2021"), seed="rix")
    letter = pdf_doc(
        letter_short("lv", RIGA, date="2021. gada 20. maijā"),
        letterhead=["RĪGAS DOME", "Priekšsēdētājs"],
        seed="rix-l",
        logo=True,
    )
    raw = std(
        "lv_riga_exchange",
        "exchange",
        RIGA,
        [pdf("RRR application form Riga.pdf", form), pdf("Nodomu vēstule.pdf", letter)],
        subject="RRR Peer Learning Cities - Riga City Council",
        lang="generic_en",
        content_language="lv-LV",
        arrival=at("2021-05-20 17:17:17"),
    )
    return raw, expect(
        "accepted",
        "RRR application form Riga.pdf",
        "Nodomu vēstule.pdf",
        why="English form, Latvian 'nodomu vēstule' (letter of intent).",
    )


TALLINN = City(
    "Tallinna Linnavalitsus",
    "Tallinn",
    "Eesti",
    "437 619 (2020)",
    "Tallinna Strateegiakeskus",
    "Kadri Tamm",
    "projektijuht",
    "kadri.tamm@tallinnlv.ee.example",
    "+372 640 4141",
    "Mihhail Kõlvart",
    "Tallinna linnapea",
    "Vabaduse väljak 7, 15199 Tallinn",
    seed=52,
)


@case
def et_tallinn_exchange_docx_form() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_en(TALLINN, style="table", date="19.05.2021"), author="Kadri Tamm", seed="tll"
    )
    letter = pdf_doc(
        letter_short("et", TALLINN, date="19.05.2021"),
        letterhead=["TALLINNA LINNAVALITSUS"],
        seed="tll-l",
        logo=True,
    )
    raw = std(
        "et_tallinn_exchange_docx_form",
        "exchange",
        TALLINN,
        [docx("RRR_taotlusvorm_Tallinn.docx", form), pdf("Kavatsuskiri_Tallinn.pdf", letter)],
        subject="Tallinn - RRR application",
        lang="generic_en",
        content_language="et-EE",
        arrival=at("2021-05-19 13:13:13"),
    )
    return raw, expect(
        "accepted",
        "RRR_taotlusvorm_Tallinn.docx",
        "Kavatsuskiri_Tallinn.pdf",
        why="English form in a table named in Estonian ('taotlusvorm'); Estonian letter of intent.",
    )


ZAGREB = City(
    "Grad Zagreb",
    "Zagreb",
    "Hrvatska",
    "806 341 (DZS 2020)",
    "Gradski ured za gospodarstvo",
    "Ivana Horvat",
    "viša stručna savjetnica",
    "ivana.horvat@zagreb.hr.example",
    "+385 1 610 1111",
    "Tomislav Tomašević",
    "gradonačelnik",
    "Trg Stjepana Radića 1, 10000 Zagreb",
    seed=53,
)


@case
def hr_zagreb_exchange() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(ZAGREB, date="21.05.2021."), seed="zag")
    letter = pdf_doc(
        letter_short("hr", ZAGREB, date="21. svibnja 2021."),
        letterhead=["REPUBLIKA HRVATSKA", "GRAD ZAGREB", "Gradonačelnik"],
        seed="zag-l",
        logo=True,
    )
    raw = std(
        "hr_zagreb_exchange",
        "exchange",
        ZAGREB,
        [
            pdf("Prijavni obrazac RRR - Grad Zagreb.pdf", form),
            pdf("Pismo namjere - gradonačelnik.pdf", letter),
        ],
        subject="Prijava Grada Zagreba - RRR",
        lang="generic_en",
        content_language="hr-HR",
        arrival=at("2021-05-21 14:58:40"),
    )
    return raw, expect(
        "accepted",
        "Prijavni obrazac RRR - Grad Zagreb.pdf",
        "Pismo namjere - gradonačelnik.pdf",
        why="Croatian names ('prijavni obrazac', 'pismo namjere'); English form and Croatian letter.",
    )


LJUBLJANA = City(
    "Mestna občina Ljubljana",
    "Ljubljana",
    "Slovenija",
    "295 504 (SURS 2020)",
    "Oddelek za gospodarske dejavnosti",
    "Maja Novak",
    "višja svetovalka",
    "maja.novak@ljubljana.si.example",
    "+386 1 306 10 00",
    "Zoran Janković",
    "župan",
    "Mestni trg 1, 1000 Ljubljana",
    seed=54,
)


@case
def sl_ljubljana_thunderbird() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(LJUBLJANA, date="17. 5. 2021"), seed="lju")
    letter = pdf_doc(
        letter_short("sl", LJUBLJANA, date="17. 5. 2021"),
        letterhead=["MESTNA OBČINA LJUBLJANA", "Župan"],
        seed="lju-l",
        logo=True,
    )
    raw = std(
        "sl_ljubljana_thunderbird",
        "thunderbird",
        LJUBLJANA,
        [pdf("RRR_prijava_MOL.pdf", form), pdf("Pismo_o_nameri_MOL.pdf", letter)],
        subject="Prijava MOL - RRR Peer Learning Cities",
        lang="generic_en",
        content_language="sl",
        arrival=at("2021-05-17 09:45:00"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "RRR_prijava_MOL.pdf",
        "Pismo_o_nameri_MOL.pdf",
        why="Slovenian names; English form and Slovenian letter of intent.",
    )


ISTANBUL = City(
    "İstanbul Büyükşehir Belediyesi",
    "İstanbul",
    "Türkiye",
    "15,462,452 (TÜİK 2020)",
    "Dış İlişkiler Dairesi Başkanlığı",
    "Zeynep Yıldırım",
    "Uzman",
    "zeynep.yildirim@ibb.gov.tr.example",
    "+90 212 455 1300",
    "Ekrem İmamoğlu",
    "İstanbul Büyükşehir Belediye Başkanı",
    "Kemalpaşa Mah. 15 Temmuz Şehitleri Cad. No:5 Fatih/İstanbul",
    seed=55,
)


@case
def tr_istanbul_exchange_turkish_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(ISTANBUL, date="20.05.2021"), seed="ist")
    letter = pdf_doc(
        letter_short("tr", ISTANBUL, date="20.05.2021"),
        letterhead=["T.C.", "İSTANBUL BÜYÜKŞEHİR BELEDİYESİ", "Belediye Başkanlığı"],
        seed="ist-l",
        logo=True,
    )
    raw = std(
        "tr_istanbul_exchange_turkish_letter",
        "exchange",
        ISTANBUL,
        [pdf("IBB_RRR_Application_Form.pdf", form), pdf("Niyet Mektubu - İBB.pdf", letter)],
        subject="IMM Application - RRR Peer Learning Cities",
        lang="en",
        content_language="tr-TR",
        arrival=at("2021-05-20 11:45:12"),
    )
    return raw, expect(
        "accepted",
        "IBB_RRR_Application_Form.pdf",
        "Niyet Mektubu - İBB.pdf",
        why="Both documents present and on time; whether a Turkish city is eligible is for the committee, not the intake.",
    )


PLOVDIV = City(
    "Община Пловдив",
    "Пловдив",
    "България",
    "346 893 (НСИ 2020)",
    "Дирекция Европейски програми",
    "Десислава Петрова",
    "главен експерт",
    "d.petrova@plovdiv.bg.example",
    "+359 32 656 701",
    "Здравко Димитров",
    "Кмет на Община Пловдив",
    "пл. Стефан Стамболов 1, 4000 Пловдив",
    seed=56,
)


@case
def bg_plovdiv_docx_saved_as_doc() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(*form_en_pages(PLOVDIV, date="19.05.2021"), author="dpetrova", seed="pdv")
    letter = pdf_doc(
        letter_short("bg", PLOVDIV, date="19.05.2021 г."),
        letterhead=["ОБЩИНА ПЛОВДИВ", "Кмет"],
        seed="pdv-l",
        logo=True,
    )
    raw = std(
        "bg_plovdiv_docx_saved_as_doc",
        "exchange_onprem",
        PLOVDIV,
        [
            Att("RRR_Application_Form_Plovdiv.doc", form, "application/msword"),
            pdf("Писмо за намерение - Пловдив.pdf", letter),
        ],
        subject="Plovdiv Municipality - RRR application",
        lang="generic_en",
        content_language="bg-BG",
        arrival=at("2021-05-19 17:05:30"),
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Form_Plovdiv.doc",
        "Писмо за намерение - Пловдив.pdf",
        why="The '.doc' is really a Word 2007+ file that Word opens without complaint: the filled form; Cyrillic letter of intent.",
    )


# --- Containers and clients with habits of their own ----------------------------------------------

LISBOA = City(
    "Câmara Municipal de Lisboa",
    "Lisboa",
    "Portugal",
    "544 851 (INE 2020)",
    "Direção Municipal de Economia e Inovação",
    "Maria do Carmo Sequeira",
    "Técnica Superior",
    "maria.sequeira@cm-lisboa.pt.example",
    "+351 21 798 8000",
    "Fernando Medina",
    "Presidente da Câmara Municipal de Lisboa",
    "Praça do Município, 1100-365 Lisboa",
    seed=57,
)


@case
def pt_pt_lisboa_outlook2010_winmail_dat_long_names() -> tuple[bytes, dict[str, Any]]:
    form_name = "Formulário de Candidatura RRR – Câmara Municipal de Lisboa (versão final revista em 19-05-2021).pdf"
    letter_name = (
        "Carta de Intenção assinada pelo Senhor Presidente da Câmara Municipal de Lisboa.pdf"
    )
    form = pdf_doc(
        form_pt(LISBOA, date="19 de maio de 2021"),
        letterhead=["CÂMARA MUNICIPAL DE LISBOA"],
        seed="lis",
    )
    letter = pdf_doc(
        letter_pt(LISBOA, style="carta", date="19 de maio de 2021"),
        letterhead=["CÂMARA MUNICIPAL DE LISBOA", "Gabinete do Presidente"],
        seed="lis-l",
        logo=True,
    )
    text = body("pt", LISBOA)
    winmail = make_tnef({form_name: form, letter_name: letter}, body=text)
    raw = std(
        "pt_pt_lisboa_outlook2010_winmail_dat_long_names",
        "exchange_tnef",
        LISBOA,
        [Att("winmail.dat", winmail, "application/ms-tnef")],
        subject="Candidatura CML - RRR Peer Learning Cities",
        lang="pt",
        content_language="pt-PT",
        arrival=at("2021-05-19 16:26:48"),
        text=text,
    )
    return raw, expect(
        "accepted",
        form_name,
        letter_name,
        why="Outlook with rich text on Exchange 2010 wraps both files in winmail.dat; inside, their long names identify them and so do their texts.",
    )


CHICAGO = City(
    "City of Chicago",
    "Chicago",
    "United States",
    "2,693,976 (2019 estimate)",
    "Department of Planning and Development",
    "Angela Washington",
    "Deputy Commissioner, Economic Development",
    "angela.washington@cityofchicago.gov.example",
    "(312) 744-4190",
    "Lori E. Lightfoot",
    "Mayor",
    "121 North LaSalle Street, Chicago, Illinois 60602",
    seed=58,
)


def _smime_wrap(name: str, signer: str, email: str) -> Callable[[Part], Part]:
    def wrap(root: Part) -> Part:
        signed_bytes = ("\n".join(root.headers) + "\n\n").encode() + root.body
        signature = smime_signature(signed_bytes.replace(b"\n", b"\r\n"), signer, email)
        p7s = Part(
            (
                'Content-Type: application/pkcs7-signature; name="smime.p7s"',
                "Content-Transfer-Encoding: base64",
                'Content-Disposition: attachment; filename="smime.p7s"',
            ),
            _b64(signature),
        )
        boundary = f"----=_NextPart_000_{token(name, 4).upper()}_01D74C{token(name + 's', 2).upper()}.{token(name + 't', 8).upper()}"
        return multipart(
            "signed",
            boundary,
            [root, p7s],
            preamble="This is a multipart message in MIME format.",
            params=';\n\tprotocol="application/x-pkcs7-signature";\n\tmicalg=SHA1'
            if False
            else ';\n\tprotocol="application/pkcs7-signature";\n\tmicalg=sha-256',
        )

    return wrap


@case
def en_us_chicago_smime_signed_both_documents() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(CHICAGO, date="05/18/2021"), seed="chi")
    letter = pdf_doc(
        letter_en(CHICAGO, style="us", date="May 18, 2021"),
        letterhead=["CITY OF CHICAGO", "OFFICE OF THE MAYOR"],
        seed="chi-l",
        logo=True,
    )
    raw = std(
        "en_us_chicago_smime_signed_both_documents",
        "exchange",
        CHICAGO,
        [
            pdf("Chicago - RRR Application Form.pdf", form),
            pdf("Chicago - Letter of Intent (Mayor).pdf", letter),
        ],
        subject="City of Chicago - RRR Peer Learning Cities Application",
        lang="en_us",
        content_language="en-US",
        arrival=at("2021-05-18 18:44:03"),
        wrap=_smime_wrap("chicago", CHICAGO.contact, CHICAGO.email),
        crlf=True,
    )
    return raw, expect(
        "accepted",
        "Chicago - RRR Application Form.pdf",
        "Chicago - Letter of Intent (Mayor).pdf",
        why="S/MIME signed (multipart/signed, CRLF): the two documents sit inside the signed part; smime.p7s is the signature, not a document.",
    )


BOLOGNA = City(
    "Comune di Bologna",
    "Bologna",
    "Italia",
    "394.843 (ISTAT 2020)",
    "Dipartimento Lavoro e Sviluppo Economico",
    "Silvia Rinaldi",
    "Funzionaria Economia Sociale",
    "protocollogenerale@pec.comune.bologna.it.example",
    "+39 051 219 4000",
    "Virginio Merola",
    "Sindaco di Bologna",
    "Piazza Maggiore 6, 40124 Bologna",
    seed=59,
)


@case
def it_bologna_pec_certified_mail_envelope() -> tuple[bytes, dict[str, Any]]:
    name = "it_bologna_pec_certified_mail_envelope"
    form = pdf_doc(form_it(BOLOGNA, date="19/05/2021"), letterhead=["COMUNE DI BOLOGNA"], seed="bo")
    letter = pdf_doc(
        letter_it(BOLOGNA, style="manifestazione", date="19/05/2021", ref="PG 0218844/2021"),
        letterhead=["COMUNE DI BOLOGNA", "Il Sindaco"],
        seed="bo-l",
        logo=True,
    )
    sent = at("2021-05-19 12:31:05")
    original = compose(
        Mail(
            name=name + "/original",
            client="thunderbird",
            sender=("Comune di Bologna - Protocollo Generale", BOLOGNA.email),
            subject="Prot. N.0218844/2021 - Candidatura Comune di Bologna - programma RRR Peer Learning Cities",
            body="Si trasmette in allegato la documentazione relativa alla candidatura del Comune di Bologna.\n\nProtocollo Generale\nComune di Bologna",
            atts=[
                pdf("Modulo_candidatura_RRR_Bologna.pdf", form),
                pdf("Manifestazione_interesse_Sindaco.pdf", letter),
            ],
            date=sent,
            html=False,
        )
    )
    daticert = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<postacert tipo="posta-certificata" errore="nessuno">\n'
        f'  <intestazione>\n    <mittente>{BOLOGNA.email}</mittente>\n    <destinatari tipo="esterno">{OUR_ADDRESS}</destinatari>\n'
        "    <risposte>protocollogenerale@pec.comune.bologna.it.example</risposte>\n"
        "    <oggetto>Prot. N.0218844/2021 - Candidatura Comune di Bologna - programma RRR Peer Learning Cities</oggetto>\n  </intestazione>\n"
        '  <dati>\n    <gestore-emittente>LEGALMAIL</gestore-emittente>\n    <data zona="+0200">\n      <giorno>19/05/2021</giorno>\n      <ora>12:31:05</ora>\n    </data>\n'
        f"    <identificativo>opec292.20210519123105.12345.812.1.59@pec.legalmail.it.example</identificativo>\n    <msgid>&lt;{token(name, 20)}@pec.comune.bologna.it.example&gt;</msgid>\n  </dati>\n</postacert>\n"
    ).encode()
    notice = (
        "Messaggio di posta certificata\n\nIl giorno 19/05/2021 alle ore 12:31:05 (+0200) il messaggio\n"
        '"Prot. N.0218844/2021 - Candidatura Comune di Bologna - programma RRR Peer Learning Cities" è stato inviato da '
        f'"{BOLOGNA.email}"\nindirizzato a:\n{OUR_ADDRESS}\nIl messaggio originale è incluso in allegato.\n'
        "Identificativo messaggio: opec292.20210519123105.12345.812.1.59@pec.legalmail.it.example"
    )
    mixed = multipart(
        "mixed",
        f"----=_Part_{token(name, 8)}_mixed",
        [
            multipart(
                "alternative",
                f"----=_Part_{token(name, 8)}_alt",
                [text_part(notice), text_part(html_of(notice), subtype="html")],
            ),
            Part(
                (
                    'Content-Type: application/xml; name="daticert.xml"',
                    "Content-Transfer-Encoding: base64",
                    'Content-Disposition: inline; filename="daticert.xml"',
                ),
                _b64(daticert),
            ),
            message_part(original, name="postacert.eml", disposition="inline"),
        ],
    )
    signed_bytes = ("\n".join(mixed.headers) + "\n\n").encode() + mixed.body
    signature = smime_signature(
        signed_bytes.replace(b"\n", b"\r\n"),
        "Legalmail PEC",
        "posta-certificata@legalmail.it.example",
    )
    p7s = Part(
        (
            'Content-Type: application/pkcs7-signature; name="smime.p7s"',
            "Content-Transfer-Encoding: base64",
            'Content-Disposition: attachment; filename="smime.p7s"',
        ),
        _b64(signature),
    )
    root = multipart(
        "signed",
        f"----=_Part_{token(name, 8)}_signed",
        [mixed, p7s],
        params=';\n\tprotocol="application/pkcs7-signature";\n\tmicalg=sha-256',
    )
    arrival = sent + timedelta(seconds=4)
    top = [
        *delivery_headers("posta-certificata@legalmail.it.example"),
        our_received(arrival, "mx.pec.legalmail.it.example", _ip(name), queue_id(name)),
        f"Received: from pec.comune.bologna.it.example by mx.pec.legalmail.it.example with ESMTP; {rfc2822(sent + timedelta(seconds=2))}",
        f"Date: {rfc2822(sent + timedelta(seconds=2))}",
        "Message-ID: <opec292.20210519123105.12345.812.1.59@pec.legalmail.it.example>",
        "X-Riferimento-Message-ID: <" + token(name, 20) + "@pec.comune.bologna.it.example>",
        "X-Trasporto: posta-certificata",
        subject_header(
            "POSTA CERTIFICATA: Prot. N.0218844/2021 - Candidatura Comune di Bologna - programma RRR Peer Learning Cities"
        ),
        f'From: "Per conto di: {BOLOGNA.email}" <posta-certificata@legalmail.it.example>',
        f"Reply-To: {BOLOGNA.email}",
        f"To: {OUR_ADDRESS}",
        "MIME-Version: 1.0",
    ]
    raw = eml(top, root, crlf=True)
    return raw, expect(
        "accepted",
        "Modulo_candidatura_RRR_Bologna.pdf",
        "Manifestazione_interesse_Sindaco.pdf",
        why="Italian certified mail (PEC): the provider's envelope carries the city's message as postacert.eml with both documents; daticert.xml and smime.p7s are the envelope's.",
    )


QUEBEC = City(
    "Ville de Québec",
    "Québec",
    "Canada",
    "549 459 (recensement 2016)",
    "Service du développement économique et des grands projets",
    "Étienne Gagnon",
    "Conseiller en développement économique",
    "etienne.gagnon@ville.quebec.qc.ca.example",
    "418 641-6411",
    "Régis Labeaume",
    "Maire de Québec",
    "2, rue des Jardins, Québec (Québec) G1R 4S9",
    seed=60,
)


@case
def fr_ca_quebec_forwarded_twice_as_attachments() -> tuple[bytes, dict[str, Any]]:
    name = "fr_ca_quebec_forwarded_twice_as_attachments"
    form = pdf_doc(form_fr(QUEBEC, date="20 mai 2021"), seed="yqb")
    letter = pdf_doc(
        letter_fr(QUEBEC, style="quebec", date="20 mai 2021"),
        letterhead=["Ville de Québec", "Cabinet du maire"],
        seed="yqb-l",
        logo=True,
    )
    cabinet = ("Cabinet du maire", "cabinet.maire@ville.quebec.qc.ca.example")
    innermost = compose(
        Mail(
            name=name + "/1",
            client="exchange_onprem",
            sender=cabinet,
            to=f"Étienne Gagnon <{QUEBEC.email}>",
            subject="Documents signés - candidature RRR",
            lang="fr-CA",
            body="Bonjour M. Gagnon,\n\nVoici le formulaire approuvé et la lettre signée par M. le Maire pour la candidature RRR.\n\nCabinet du maire",
            atts=[
                pdf("Formulaire_RRR_VdQ_approuvé.pdf", form),
                pdf("Lettre_maire_RRR_signée.pdf", letter),
            ],
            date=at("2021-05-20 15:02:11"),
        )
    )
    middle_mail = Mail(
        name=name + "/2",
        client="exchange_onprem",
        sender=(QUEBEC.contact, QUEBEC.email),
        to="Direction du développement économique <dde@ville.quebec.qc.ca.example>",
        subject="TR: Documents signés - candidature RRR",
        lang="fr-CA",
        body="Pour information et transmission à l'OCDE/RRR.\n\nÉtienne",
        atts=[],
        date=at("2021-05-20 15:20:40"),
    )
    middle = compose(
        Mail(
            **{
                **middle_mail.__dict__,
                "wrap": lambda root: multipart(
                    "mixed",
                    "_005_" + token(name, 20) + "_",
                    [root, message_part(innermost, name="Documents signés - candidature RRR.eml")],
                ),
            }
        )
    )
    raw = compose(
        Mail(
            name=name,
            client="thunderbird",
            sender=("Direction du développement économique", "dde@ville.quebec.qc.ca.example"),
            subject="Fwd: TR: Documents signés - candidature RRR",
            lang="fr-CA",
            body="Bonjour,\n\nNous vous transmettons ci-joint la candidature de la Ville de Québec (formulaire et lettre du maire).\n\nCordialement,\nDirection du développement économique\nVille de Québec",
            atts=[],
            arrival=at("2021-05-20 16:05:55"),
            html=False,
            wrap=lambda root: multipart(
                "mixed",
                f"------------{token(name, 24).upper()}",
                [root, message_part(middle, name="TR: Documents signés - candidature RRR.eml")],
                preamble="This is a multi-part message in MIME format.",
            ),
        )
    )
    return raw, expect(
        "accepted",
        "Formulaire_RRR_VdQ_approuvé.pdf",
        "Lettre_maire_RRR_signée.pdf",
        why="Forwarded twice as attached messages (cabinet -> officer -> directorate -> us): the documents are in the innermost message.",
    )


MONTERREY = City(
    "Gobierno de Monterrey",
    "Monterrey",
    "México",
    "1,142,994 (INEGI 2020)",
    "Secretaría de Desarrollo Económico",
    "Daniela Garza Treviño",
    "Coordinadora de Proyectos Internacionales",
    "daniela.garza@monterrey.gob.mx.example",
    "81 8130 6565",
    "Adrián de la Garza Santos",
    "Presidente Municipal",
    "Zaragoza y Ocampo s/n, Centro, Monterrey, N.L.",
    seed=61,
)


@case
def es_mx_monterrey_outlook_rv_rv_chain() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(MONTERREY, title="FORMATO DE SOLICITUD", date="21 de mayo de 2021"), seed="mty"
    )
    letter = pdf_doc(
        letter_es(MONTERREY, style="oficio", date="21 de mayo de 2021", ref="SEDEC/DPI/0231/2021"),
        letterhead=["GOBIERNO DE MONTERREY", "Secretaría de Desarrollo Económico"],
        seed="mty-l",
        logo=True,
    )
    text = (
        "Buenas tardes, les reenvío la documentación de Monterrey para la convocatoria.\n\nSaludos,\nDaniela Garza\n\n"
        "De: Jorge Villarreal <jorge.villarreal@monterrey.gob.mx.example>\nEnviado el: viernes, 21 de mayo de 2021 09:12 a. m.\n"
        "Para: Daniela Garza Treviño <daniela.garza@monterrey.gob.mx.example>\nAsunto: RV: Documentos convocatoria RRR\n\n"
        "Dani, te reenvío lo que mandó Presidencia. ¿Lo puedes enviar hoy?\n\n"
        "De: Oficina de la Presidencia Municipal <presidencia@monterrey.gob.mx.example>\nEnviado el: jueves, 20 de mayo de 2021 07:41 p. m.\n"
        "Para: Jorge Villarreal <jorge.villarreal@monterrey.gob.mx.example>\nAsunto: Documentos convocatoria RRR\n\n"
        "Se anexan formato y oficio firmados por el Presidente Municipal."
    )
    raw = std(
        "es_mx_monterrey_outlook_rv_rv_chain",
        "exchange",
        MONTERREY,
        [pdf("Formato RRR MTY.pdf", form), pdf("Oficio SEDEC-DPI-0231-2021.pdf", letter)],
        subject="RV: RV: Documentos convocatoria RRR",
        lang="es_mx",
        content_language="es-MX",
        arrival=at("2021-05-21 18:02:56"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "Formato RRR MTY.pdf",
        "Oficio SEDEC-DPI-0231-2021.pdf",
        why="An Outlook 'RV: RV:' chain with the quoted headers inline; both documents re-attached at the top level.",
    )


FORTALEZA = City(
    "Prefeitura Municipal de Fortaleza",
    "Fortaleza",
    "Brasil",
    "2.686.612 (IBGE 2020)",
    "Secretaria Municipal do Desenvolvimento Econômico",
    "Francisco Lima Bezerra",
    "Articulador de Economia Solidária",
    "francisco.bezerra@sde.fortaleza.ce.gov.br.example",
    "+55 85 3452-3456",
    "José Sarto Nogueira Moreira",
    "Prefeito de Fortaleza",
    "Av. de Alberto Nepomuceno, 301 - Centro, Fortaleza - CE",
    seed=62,
)


@case
def pt_br_fortaleza_gmail_fwd_inline() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(FORTALEZA, brazil=True, date="20 de maio de 2021"), seed="for")
    letter = pdf_doc(
        letter_pt(FORTALEZA, style="oficio", date="20 de maio de 2021", ref="0331/2021 - SDE"),
        letterhead=["PREFEITURA DE FORTALEZA", "Gabinete do Prefeito"],
        seed="for-l",
        logo=True,
    )
    text = (
        "Bom dia,\n\nencaminho a inscrição de Fortaleza.\n\nAtt,\nFrancisco\n\n"
        "---------- Forwarded message ---------\nDe: Gabinete do Prefeito <gabinete@fortaleza.ce.gov.br.example>\n"
        "Date: qui., 20 de mai. de 2021 às 17:48\nSubject: Documentos RRR assinados\n"
        f"To: Francisco Lima Bezerra <{FORTALEZA.email}>\n\n\nPrezado,\n\nseguem formulário e ofício assinados pelo Prefeito.\n\nGabinete do Prefeito"
    )
    raw = std(
        "pt_br_fortaleza_gmail_fwd_inline",
        "gmail",
        FORTALEZA,
        [pdf("Formulario_Inscricao_Fortaleza.pdf", form), pdf("Oficio_0331_2021_SDE.pdf", letter)],
        subject="Fwd: Documentos RRR assinados",
        lang="pt_br",
        arrival=at("2021-05-21 13:30:41"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "Formulario_Inscricao_Fortaleza.pdf",
        "Oficio_0331_2021_SDE.pdf",
        why="Gmail forward with the original quoted inline; the attachments travel with it.",
    )


HAMBURG = City(
    "Freie und Hansestadt Hamburg",
    "Hamburg",
    "Deutschland",
    "1.852.478 (Statistikamt Nord 2020)",
    "Behörde für Wirtschaft und Innovation",
    "Birte Hansen",
    "Referentin",
    "birte.hansen@bwi.hamburg.de.example",
    "+49 40 42841-0",
    "Dr. Peter Tschentscher",
    "Erster Bürgermeister",
    "Rathausmarkt 1, 20095 Hamburg",
    seed=63,
)


@case
def de_hamburg_forwarded_after_deadline_original_before() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_de(HAMBURG, date="21.05.2021"), seed="ham")
    letter = pdf_doc(
        letter_de(HAMBURG, style="absicht", date="21.05.2021"),
        letterhead=["Freie und Hansestadt Hamburg", "Senatskanzlei"],
        seed="ham-l",
        logo=True,
    )
    text = (
        "Sehr geehrte Damen und Herren,\n\ndie unten stehende Nachricht ist leider am Freitag an eine falsche Adresse gegangen. "
        "Wir bitten um Berücksichtigung.\n\nMit freundlichen Grüßen\nBirte Hansen\n\n"
        "Von: Senatskanzlei Poststelle <poststelle@sk.hamburg.de.example>\nGesendet: Freitag, 21. Mai 2021 18:40\n"
        "An: peerlearning@rrr-cities.org.example\nBetreff: Bewerbung Hamburg - RRR Peer Learning Cities\n\n"
        "Sehr geehrte Damen und Herren,\nanbei die Bewerbungsunterlagen der Freien und Hansestadt Hamburg."
    )
    raw = std(
        "de_hamburg_forwarded_after_deadline_original_before",
        "exchange_onprem",
        HAMBURG,
        [
            pdf("Bewerbungsformular Hamburg RRR.pdf", form),
            pdf("Absichtserklärung Senat.pdf", letter),
        ],
        subject="WG: Bewerbung Hamburg - RRR Peer Learning Cities",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-25 08:12:44"),
        text=text,
    )
    return raw, expect(
        "late",
        "Bewerbungsformular Hamburg RRR.pdf",
        "Absichtserklärung Senat.pdf",
        why="First sent on 21 May to a wrong address; it reached our server only on 25 May: late, whatever the quoted date says.",
    )


STRASBOURG = City(
    "Ville et Eurométropole de Strasbourg",
    "Strasbourg",
    "France",
    "290 576 (INSEE 2018)",
    "Direction du développement économique et de l'attractivité",
    "Camille Schmitt",
    "Chargée de mission ESS",
    "camille.schmitt@strasbourg.eu.example",
    "03 68 98 50 00",
    "Jeanne Barseghian",
    "Maire de Strasbourg",
    "1, parc de l'Étoile, 67076 Strasbourg",
    seed=64,
)


@case
def fr_fr_strasbourg_apple_mail_files_inside_html_branch() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(STRASBOURG, date="20 mai 2021"), creator="Pages", seed="sxb")
    letter = pdf_doc(
        letter_fr(STRASBOURG, style="lettre", date="20 mai 2021"),
        letterhead=["Ville de Strasbourg", "La Maire"],
        seed="sxb-l",
        logo=True,
    )
    text = (
        "Bonjour,\n\nVoici le formulaire de candidature de Strasbourg :\n\n[att]\n\nainsi que la lettre d'intention signée par la Maire :\n\n[att]\n\n"
        "Bien à vous,\nCamille Schmitt\nEurométropole de Strasbourg"
    )
    raw = std(
        "fr_fr_strasbourg_apple_mail_files_inside_html_branch",
        "apple",
        STRASBOURG,
        [
            pdf("Formulaire candidature Strasbourg.pdf", form, disposition="inline"),
            pdf("Lettre d’intention Strasbourg.pdf", letter, disposition="inline"),
        ],
        subject="Candidature de Strasbourg – RRR",
        lang="fr",
        arrival=at("2021-05-20 21:21:21"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "Formulaire candidature Strasbourg.pdf",
        "Lettre d’intention Strasbourg.pdf",
        why="Apple Mail puts the PDFs inline inside the HTML branch of multipart/alternative; the letter's name has a typographic apostrophe.",
    )


CORDOBA = City(
    "Ayuntamiento de Córdoba",
    "Córdoba",
    "España",
    "325.701 (INE 2020)",
    "Delegación de Empleo y Economía Social",
    "Lucía Moreno Castro",
    "Jefa de Departamento",
    "lucia.moreno@ayuncordoba.es.example",
    "957 49 99 00",
    "José María Bellido Roche",
    "Alcalde de Córdoba",
    "Calle Capitulares, 1, 14071 Córdoba",
    seed=65,
)


@case
def es_es_cordoba_ipad_photo_of_signed_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(CORDOBA, date="21 de mayo de 2021"), seed="cor")
    photo = scan_jpeg("cordoba-photo", photo=True)
    text = "Buenas noches, adjunto formulario y carta firmada por el alcalde.\n\n[att]\n\n[att]\n\nEnviado desde mi iPad"
    raw = std(
        "es_es_cordoba_ipad_photo_of_signed_letter",
        "ipad",
        CORDOBA,
        [
            pdf("Formulario RRR Córdoba.pdf", form, disposition="inline"),
            jpeg("IMG_0412.jpeg", photo, disposition="inline"),
        ],
        subject="Solicitud Córdoba RRR",
        lang="es",
        arrival=at("2021-05-21 22:52:36"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "Formulario RRR Córdoba.pdf",
        "IMG_0412.jpeg",
        review=True,
        why="A phone photo with a camera name next to a clearly identified form: by elimination it is the signed letter; staff should look at it.",
    )


CAMPINAS = City(
    "Prefeitura Municipal de Campinas",
    "Campinas",
    "Brasil",
    "1.213.792 (IBGE 2020)",
    "Secretaria de Trabalho e Renda",
    "Patrícia Mendes Rocha",
    "Diretora de Economia Solidária",
    "patricia.rocha@campinas.sp.gov.br.example",
    "+55 19 2116-0555",
    "Dário Saadi",
    "Prefeito Municipal",
    "Av. Anchieta, 200 - Centro, Campinas - SP",
    seed=66,
)


@case
def pt_br_campinas_samsung_named_photo_letter() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(CAMPINAS, brazil=True, date="21 de maio de 2021"), seed="cpq")
    photo = scan_jpeg("campinas-photo", photo=True)
    raw = std(
        "pt_br_campinas_samsung_named_photo_letter",
        "samsung",
        CAMPINAS,
        [pdf("Formulário RRR Campinas.pdf", form), jpeg("Carta de intenção assinada.jpg", photo)],
        subject="Inscrição Campinas RRR",
        lang="pt_br",
        arrival=at("2021-05-21 16:03:12"),
        text="Segue formulário e carta assinada (foto).\n\nEnviado do meu smartphone Samsung Galaxy.",
    )
    return raw, expect(
        "accepted",
        "Formulário RRR Campinas.pdf",
        "Carta de intenção assinada.jpg",
        why="The letter is a photo, but its name says what it is: a scan counts for the document its name says.",
    )


SAO_PAULO = City(
    "Prefeitura de São Paulo",
    "São Paulo",
    "Brasil",
    "12.325.232 (IBGE 2020)",
    "Secretaria Municipal de Desenvolvimento Econômico, Trabalho e Turismo",
    "Renata Okamoto",
    "Coordenadora de Economia Solidária",
    "ecosol.sp@protonmail.com",
    "+55 11 3224-6000",
    "Ricardo Nunes",
    "Prefeito de São Paulo",
    "Viaduto do Chá, 15 - Centro, São Paulo - SP",
    seed=67,
)


@case
def pt_br_sao_paulo_proton_public_key_attached() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(SAO_PAULO, brazil=True, date="19 de maio de 2021"), seed="sp")
    letter = pdf_doc(
        letter_pt(SAO_PAULO, style="oficio", date="19 de maio de 2021", ref="214/2021/SMDET"),
        letterhead=["PREFEITURA DE SÃO PAULO", "Gabinete do Prefeito"],
        seed="sp-l",
        logo=True,
    )
    key = (
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: ProtonMail\n\n"
        + "\n".join(
            base64.b64encode(hashlib.sha512(f"sp{i}".encode()).digest()).decode()[:64]
            for i in range(24)
        )
        + "\n=Qx7T\n-----END PGP PUBLIC KEY BLOCK-----\n"
    ).encode()
    raw = std(
        "pt_br_sao_paulo_proton_public_key_attached",
        "proton",
        SAO_PAULO,
        [
            pdf("SP_RRR_formulario.pdf", form),
            pdf("SP_oficio_214_2021.pdf", letter),
            Att(
                "publickey - ecosol.sp@protonmail.com - 0x8A3F1C2D.asc", key, "application/pgp-keys"
            ),
        ],
        subject="Inscrição São Paulo - RRR Peer Learning Cities",
        lang="pt_br",
        arrival=at("2021-05-19 14:15:16"),
    )
    return raw, expect(
        "accepted",
        "SP_RRR_formulario.pdf",
        "SP_oficio_214_2021.pdf",
        why="Proton attaches the sender's public key (.asc) automatically; it is not a document.",
    )


KOELN = City(
    "Stadt Köln",
    "Köln",
    "Deutschland",
    "1.083.498 (Stand 31.12.2020)",
    "Amt für Stadtentwicklung und Statistik",
    "Sabine Hoffmann",
    "Sachbearbeiterin",
    "sabine.hoffmann.koeln@gmx.de",
    "+49 221 221-0",
    "Henriette Reker",
    "Oberbürgermeisterin",
    "Rathausplatz 2, 50667 Köln",
    seed=68,
)


@case
def de_koeln_gmx_private_account_odt() -> tuple[bytes, dict[str, Any]]:
    form = odt_doc(form_de(KOELN, date="20.05.2021"), author="Sabine")
    letter = pdf_doc(
        letter_de(KOELN, style="absicht", date="20.05.2021"),
        letterhead=["Stadt Köln", "Die Oberbürgermeisterin"],
        seed="cgn-l",
        logo=True,
    )
    raw = std(
        "de_koeln_gmx_private_account_odt",
        "gmx",
        KOELN,
        [odt("Bewerbung RRR Köln.odt", form), pdf("Absichtserklärung Köln.pdf", letter)],
        subject="Bewerbung Stadt Köln RRR",
        lang="de",
        arrival=at("2021-05-20 20:20:20"),
        text=body(
            "de",
            KOELN,
            before="(ich sende aus dem Homeoffice von meiner privaten Adresse, da der Dienstzugang gerade gestört ist)",
        ),
    )
    return raw, expect(
        "accepted",
        "Bewerbung RRR Köln.odt",
        "Absichtserklärung Köln.pdf",
        why="A city employee's private GMX account; names in RFC 2231; form in ODT and the signed letter.",
    )


BORDEAUX = City(
    "Bordeaux Métropole",
    "Bordeaux",
    "France",
    "814 049 (INSEE 2018)",
    "Direction de l'économie sociale et solidaire",
    "Hélène Duprat",
    "Responsable ESS",
    "h.duprat@bordeaux-metropole.fr.example",
    "05 56 99 84 84",
    "Alain Anziani",
    "Président de Bordeaux Métropole",
    "Esplanade Charles-de-Gaulle, 33045 Bordeaux",
    seed=69,
)


def _apple_double(seed: str) -> bytes:
    """The '._' resource file the macOS Finder adds to a zip: an AppleDouble header and xattrs."""
    header = (
        bytes.fromhex("00051607")
        + bytes.fromhex("00020000")
        + b"Mac OS X        "
        + bytes.fromhex("0002")
    )
    entries = bytes.fromhex("00000009") + (50).to_bytes(4, "big") + (3810).to_bytes(4, "big")
    entries += bytes.fromhex("00000002") + (3860).to_bytes(4, "big") + (286).to_bytes(4, "big")
    body = (
        b"\x00" * 2
        + b"ATTR"
        + hashlib.sha256(seed.encode()).digest()
        + b"com.apple.quarantine\x00"
        + b"0083;60a4f2c1;Mail;\x00"
    )
    return (header + entries + body).ljust(4096, b"\x00")


@case
def fr_fr_bordeaux_macos_archive_zip_nfd_names() -> tuple[bytes, dict[str, Any]]:
    import unicodedata

    form = pdf_doc(form_fr(BORDEAUX, date="21 mai 2021"), seed="bdx")
    letter = pdf_doc(
        letter_fr(BORDEAUX, style="lettre", date="21 mai 2021"),
        letterhead=["BORDEAUX MÉTROPOLE", "Le Président"],
        seed="bdx-l",
        logo=True,
    )
    form_name, letter_name = (
        "Formulaire RRR Bordeaux Métropole.pdf",
        "Lettre d'intention signée.pdf",
    )
    nfd = {name: unicodedata.normalize("NFD", name) for name in (form_name, letter_name)}
    archive = make_zip(
        {
            nfd[form_name]: form,
            "__MACOSX/": b"",
            "__MACOSX/._" + nfd[form_name]: _apple_double("bdx1"),
            nfd[letter_name]: letter,
            "__MACOSX/._" + nfd[letter_name]: _apple_double("bdx2"),
        },
        utf8_names=False,
        name_encoding="utf-8",
    )
    raw = std(
        "fr_fr_bordeaux_macos_archive_zip_nfd_names",
        "apple",
        BORDEAUX,
        [Att("Archive.zip", archive, "application/zip")],
        subject="Candidature Bordeaux Métropole - RRR",
        lang="fr",
        arrival=at("2021-05-21 11:47:02"),
        text="Bonjour,\n\nVous trouverez notre candidature dans l'archive jointe.\n\nBien cordialement,\nHélène Duprat",
    )
    return raw, expect(
        "accepted",
        form_name,
        letter_name,
        why="A zip made by macOS: UTF-8 names in decomposed form without the UTF-8 flag, plus __MACOSX/._ resource files that are not documents.",
    )


WROCLAW = City(
    "Gmina Wrocław",
    "Wrocław",
    "Polska",
    "641 928 (GUS 2020)",
    "Wydział Partycypacji Społecznej",
    "Tomasz Kaczmarek",
    "Podinspektor",
    "tomasz.kaczmarek@um.wroc.pl.example",
    "+48 71 777 77 77",
    "Jacek Sutryk",
    "Prezydent Wrocławia",
    "pl. Nowy Targ 1-8, 50-141 Wrocław",
    seed=70,
)


@case
def pl_wroclaw_windows_zip_cp852_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pl(WROCLAW, date="18.05.2021 r."), seed="wro")
    letter = pdf_doc(
        letter_pl(WROCLAW, style="pismo", date="18 maja 2021 r.", ref="WPS-ES.0713.9.2021"),
        letterhead=["PREZYDENT WROCŁAWIA"],
        seed="wro-l",
        logo=True,
    )
    form_name, letter_name = (
        "Formularz zgłoszeniowy - Wrocław.pdf",
        "Pismo Prezydenta Wrocławia.pdf",
    )
    archive = make_zip(
        {form_name: form, letter_name: letter}, utf8_names=False, name_encoding="cp852"
    )
    raw = std(
        "pl_wroclaw_windows_zip_cp852_names",
        "exchange",
        WROCLAW,
        [Att("Dokumenty RRR Wrocław.zip", archive, "application/x-zip-compressed")],
        subject="Zgłoszenie Wrocławia - RRR",
        lang="pl",
        content_language="pl-PL",
        arrival=at("2021-05-18 12:34:56"),
    )
    return raw, expect(
        "accepted",
        form_name,
        letter_name,
        why="Windows' built-in zip writes Polish names in code page 852 with no flag; the letter is an untitled official letter from the mayor.",
    )


MILANO = City(
    "Comune di Milano",
    "Milano",
    "Italia",
    "1.396.059 (ISTAT 2020)",
    "Direzione Economia Urbana e Lavoro",
    "Alessandra Colombo",
    "Responsabile Unità Innovazione Sociale",
    "alessandra.colombo@comune.milano.it.example",
    "+39 02 884 51234",
    "Giuseppe Sala",
    "Sindaco di Milano",
    "Piazza della Scala 2, 20121 Milano",
    seed=71,
)


@case
def it_milano_letter_only_as_signed_p7m() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_it(MILANO, date="20/05/2021"), letterhead=["COMUNE DI MILANO"], seed="mi")
    letter = pdf_doc(
        letter_it(MILANO, style="manifestazione", date="20/05/2021", ref="PG 0287712/2021"),
        letterhead=["COMUNE DI MILANO", "Il Sindaco"],
        seed="mi-l",
        logo=True,
    )
    p7m = smime_signature(
        letter, MILANO.signatory, "sindaco@comune.milano.it.example", detached=False
    )
    raw = std(
        "it_milano_letter_only_as_signed_p7m",
        "exchange",
        MILANO,
        [
            pdf("RRR_Milano_modulo_candidatura.pdf", form),
            Att("Manifestazione_interesse_Sindaco.pdf.p7m", p7m, "application/pkcs7-mime"),
        ],
        subject="Candidatura Comune di Milano - RRR",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-20 15:30:00"),
    )
    return raw, expect(
        "accepted",
        "RRR_Milano_modulo_candidatura.pdf",
        "Manifestazione_interesse_Sindaco.pdf.p7m",
        review=True,
        why="Italian digitally signed letter: a CAdES .p7m envelope whose content is the PDF letter; usable with a signature viewer, so staff should open it.",
    )


VERONA = City(
    "Comune di Verona",
    "Verona",
    "Italia",
    "257.353 (ISTAT 2020)",
    "Area Sviluppo Economico",
    "Matteo Zanetti",
    "Istruttore direttivo",
    "matteo.zanetti@comune.verona.it.example",
    "+39 045 807 7111",
    "Federico Sboarina",
    "Sindaco di Verona",
    "Piazza Bra 1, 37121 Verona",
    seed=72,
)


@case
def it_verona_pdf_and_its_p7m_twin() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_it(VERONA, date="21/05/2021"), seed="vr")
    letter = pdf_doc(
        letter_it(VERONA, style="intenti", date="21/05/2021"),
        letterhead=["COMUNE DI VERONA", "Il Sindaco"],
        seed="vr-l",
        logo=True,
    )
    p7m = smime_signature(
        letter, VERONA.signatory, "sindaco@comune.verona.it.example", detached=False
    )
    raw = std(
        "it_verona_pdf_and_its_p7m_twin",
        "thunderbird",
        VERONA,
        [
            pdf("Modulo_RRR_Verona.pdf", form),
            pdf("Lettera_intenti_Verona.pdf", letter),
            Att("Lettera_intenti_Verona.pdf.p7m", p7m, "application/pkcs7-mime"),
        ],
        subject="RRR - Comune di Verona",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-21 10:31:45"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Modulo_RRR_Verona.pdf",
        "Lettera_intenti_Verona.pdf",
        why="The letter comes as a PDF and again as its signed .p7m envelope; the readable PDF serves.",
    )


WIEN = City(
    "Stadt Wien",
    "Wien",
    "Österreich",
    "1.911.191 (Statistik Austria 2020)",
    "Magistratsabteilung 23 - Wirtschaft, Arbeit und Statistik",
    "Mag.a Julia Gruber",
    "Referentin",
    "julia.gruber@wien.gv.at.example",
    "+43 1 4000-83010",
    "Dr. Michael Ludwig",
    "Bürgermeister und Landeshauptmann",
    "Friedrich-Schmidt-Platz 1, 1082 Wien",
    seed=73,
)


@case
def de_at_wien_notes_unnamed_letter_part() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_de(WIEN, date="19.05.2021"), seed="vie")
    letter = pdf_doc(
        letter_de(WIEN, style="schreiben", date="19.05.2021", ref="MA 23 - 412/21"),
        letterhead=["Stadt Wien", "Der Bürgermeister"],
        seed="vie-l",
        logo=True,
    )
    raw = std(
        "de_at_wien_notes_unnamed_letter_part",
        "notes",
        WIEN,
        [
            Att("RRR_Bewerbung_Wien.pdf", form, "application/octet-stream"),
            Att(None, letter, PDF, disposition="inline"),
        ],
        subject="Bewerbung Stadt Wien - RRR Peer Learning Cities",
        lang="de",
        arrival=at("2021-05-19 09:20:31"),
    )
    return raw, expect(
        "accepted",
        "RRR_Bewerbung_Wien.pdf",
        "(unnamed application/pdf)",
        why="Notes sent the form as octet-stream and the mayor's letter as a PDF part with no name at all; its text is the letter.",
    )


BARCELONA = City(
    "Ajuntament de Barcelona",
    "Barcelona",
    "España",
    "1.664.182 (INE 2020)",
    "Comissionat d'Economia Social, Desenvolupament Local i Consum",
    "Laia Ferrer Soler",
    "Tècnica de projectes internacionals",
    "lferrers@bcn.cat.example",
    "93 402 70 00",
    "Ada Colau Ballano",
    "Alcaldessa de Barcelona",
    "Plaça de Sant Jaume, 1, 08002 Barcelona",
    seed=74,
)


@case
def ca_barcelona_many_annexes() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(BARCELONA, date="20/05/2021"),
        header="Ajuntament de Barcelona",
        author="Laia Ferrer",
        seed="bcn",
    )
    letter = pdf_doc(
        letter_ca(BARCELONA, style="carta", date="20 de maig de 2021"),
        letterhead=["Ajuntament de Barcelona", "Alcaldia"],
        seed="bcn-l",
        logo=True,
    )
    raw = std(
        "ca_barcelona_many_annexes",
        "exchange",
        BARCELONA,
        [
            docx("RRR_Application_Barcelona.docx", form),
            pdf("Carta_Alcaldessa_RRR.pdf", letter),
            pdf(
                "Annex 1 - Mapa ESS Barcelona 2020.pdf",
                pdf_doc(annex_text("mapping", BARCELONA), seed="bcn-a1"),
            ),
            pdf(
                "Annex 2 - CV coordinadora.pdf", pdf_doc(annex_text("cv", BARCELONA), seed="bcn-a2")
            ),
            pdf(
                "Annex 3 - Pressupost.pdf", pdf_doc(annex_text("budget", BARCELONA), seed="bcn-a3")
            ),
            jpeg("foto_mercat_social_2019.jpg", scan_jpeg("bcn-photo", photo=True)),
        ],
        subject="Candidatura Ajuntament de Barcelona - RRR (formulari, carta i annexos)",
        lang="ca",
        content_language="ca-ES",
        arrival=at("2021-05-20 17:00:01"),
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Barcelona.docx",
        "Carta_Alcaldessa_RRR.pdf",
        why="Form and letter among four annexes (a mapping study, a CV, a budget, a photo) that are neither.",
    )


# --- What is missing, unusable or not what it seems ----------------------------------------------

NOTTINGHAM = City(
    "Nottingham City Council",
    "Nottingham",
    "United Kingdom",
    "332,900 (ONS 2019)",
    "Economic Development",
    "Gareth Price",
    "Economic Development Officer",
    "gareth.price@nottinghamcity.gov.uk.example",
    "0115 876 3217",
    "Cllr David Mellen",
    "Leader of Nottingham City Council",
    "Loxley House, Station Street, Nottingham NG2 3NG",
    seed=75,
)


@case
def en_gb_nottingham_form_only_letter_to_follow() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(NOTTINGHAM, date="20/05/2021"), author="Price, Gareth", seed="nott"
    )
    raw = std(
        "en_gb_nottingham_form_only_letter_to_follow",
        "exchange",
        NOTTINGHAM,
        [docx("Nottingham RRR application form.docx", form)],
        subject="Nottingham City Council - RRR application form",
        lang="en",
        arrival=at("2021-05-20 12:02:33"),
        text="Dear RRR team,\n\nPlease find attached Nottingham's completed application form. The letter of intent is with the Leader for signature and will follow separately.\n\nKind regards,\nGareth Price\nEconomic Development Officer\nNottingham City Council",
    )
    return raw, expect(
        "incomplete",
        "Nottingham RRR application form.docx",
        None,
        why="Only the form; the body promises the letter later. On its own this message is incomplete.",
    )


LEON = City(
    "H. Ayuntamiento de León",
    "León",
    "México",
    "1,721,215 (INEGI 2020)",
    "Dirección General de Economía",
    "Karla Hernández Ibarra",
    "Jefa de Vinculación",
    "karla.hernandez.leon@hotmail.com",
    "477 788 0000",
    "Lic. Héctor Germán René López Santillana",
    "Presidente Municipal",
    "Plaza Principal s/n, Zona Centro, León, Gto.",
    seed=76,
)


@case
def es_mx_leon_letter_only_form_tomorrow() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_es(LEON, style="carta", date="19 de mayo de 2021"),
        letterhead=["H. AYUNTAMIENTO DE LEÓN, GTO.", "Presidencia Municipal"],
        seed="leon-l",
        logo=True,
    )
    raw = std(
        "es_mx_leon_letter_only_form_tomorrow",
        "exchange",
        LEON,
        [pdf("Carta intención León Gto.pdf", letter)],
        subject="Carta de intención - León, Guanajuato",
        lang="es_mx",
        content_language="es-MX",
        arrival=at("2021-05-19 23:44:10"),
        text="Buenas noches,\n\nles comparto la carta de intención firmada por el Presidente Municipal. El formato lo enviamos mañana, en cuanto tengamos la información de población actualizada.\n\nSaludos,\nKarla Hernández\nDirección General de Economía",
    )
    return raw, expect(
        "incomplete",
        None,
        "Carta intención León Gto.pdf",
        why="Only the letter of intent; the form is announced for later.",
    )


SALVADOR = City(
    "Prefeitura Municipal de Salvador",
    "Salvador",
    "Brasil",
    "2.886.698 (IBGE 2020)",
    "Secretaria de Desenvolvimento e Urbanismo",
    "Jéssica Santana",
    "Analista",
    "jessica.santana@salvador.ba.gov.br.example",
    "+55 71 3202-1000",
    "Bruno Reis",
    "Prefeito de Salvador",
    "Praça Municipal, s/n - Centro, Salvador - BA",
    seed=77,
)


@case
def pt_br_salvador_form_only_docx() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_pt(SALVADOR, brazil=True, date="21 de maio de 2021", table=True),
        author="jessica.santana",
        seed="ssa",
    )
    raw = std(
        "pt_br_salvador_form_only_docx",
        "exchange",
        SALVADOR,
        [docx("Formulario_RRR_Salvador.docx", form)],
        subject="Inscrição Salvador - RRR",
        lang="pt_br",
        content_language="pt-BR",
        arrival=at("2021-05-21 20:15:44"),
    )
    return raw, expect(
        "incomplete",
        "Formulario_RRR_Salvador.docx",
        None,
        why="The form alone; no letter of intent attached.",
    )


PALERMO = City(
    "Comune di Palermo",
    "Palermo",
    "Italia",
    "647.422 (ISTAT 2020)",
    "Area dello Sviluppo Economico",
    "Salvatore Lo Presti",
    "Funzionario",
    "s.lopresti@comune.palermo.it.example",
    "+39 091 740 1111",
    "Leoluca Orlando",
    "Sindaco di Palermo",
    "Piazza Pretoria 1, 90133 Palermo",
    seed=78,
)


@case
def it_palermo_letter_only() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_it(PALERMO, style="intenti", date="17/05/2021"),
        letterhead=["CITTÀ DI PALERMO", "Il Sindaco"],
        seed="pa-l",
        logo=True,
    )
    raw = std(
        "it_palermo_letter_only",
        "thunderbird",
        PALERMO,
        [pdf("lettera_intenti_palermo.pdf", letter)],
        subject="Palermo - RRR",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-17 12:00:41"),
        html=False,
    )
    return raw, expect(
        "incomplete", None, "lettera_intenti_palermo.pdf", why="Only the letter of intent."
    )


MONTPELLIER = City(
    "Montpellier Méditerranée Métropole",
    "Montpellier",
    "France",
    "481 276 (INSEE 2018)",
    "Direction de l'Économie et de l'Emploi",
    "Julien Fabre",
    "Chargé de mission",
    "j.fabre@montpellier3m.fr.example",
    "04 67 13 60 00",
    "Michaël Delafosse",
    "Président de Montpellier Méditerranée Métropole",
    "50, place Zeus, 34961 Montpellier",
    seed=79,
)


@case
def fr_fr_montpellier_form_and_blank_letter_template() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_fr(MONTPELLIER, date="21 mai 2021"), seed="mpl")
    template = docx_doc(blank_letter_en(), author="RRR consortium", seed="tpl")
    raw = std(
        "fr_fr_montpellier_form_and_blank_letter_template",
        "exchange",
        MONTPELLIER,
        [
            pdf("Formulaire_RRR_Montpellier3M.pdf", form),
            docx("RRR_Letter_of_Intent_template.docx", template),
        ],
        subject="Candidature Montpellier Méditerranée Métropole - RRR",
        lang="fr",
        content_language="fr-FR",
        arrival=at("2021-05-21 18:41:07"),
    )
    return raw, expect(
        "incomplete",
        "Formulaire_RRR_Montpellier3M.pdf",
        None,
        why="The 'letter' is the call's blank template with its [placeholders] still in; it does not count.",
    )


KATOWICE = City(
    "Miasto Katowice",
    "Katowice",
    "Polska",
    "292 774 (GUS 2020)",
    "Wydział Rozwoju Miasta",
    "Karolina Nowak",
    "Inspektor",
    "karolina.nowak@katowice.eu.example",
    "+48 32 259 30 00",
    "Marcin Krupa",
    "Prezydent Miasta Katowice",
    "ul. Młyńska 4, 40-098 Katowice",
    seed=80,
)


@case
def pl_katowice_blank_form_template_and_letter() -> tuple[bytes, dict[str, Any]]:
    template = docx_doc(blank_form_en(), author="RRR consortium", seed="tplf")
    letter = pdf_doc(
        letter_pl(KATOWICE, style="list", date="20 maja 2021 r."),
        letterhead=["PREZYDENT MIASTA KATOWICE"],
        seed="ktw-l",
        logo=True,
    )
    raw = std(
        "pl_katowice_blank_form_template_and_letter",
        "exchange",
        KATOWICE,
        [docx("RRR_Application_Form.docx", template), pdf("List intencyjny Katowice.pdf", letter)],
        subject="Katowice - zgłoszenie RRR",
        lang="pl",
        content_language="pl-PL",
        arrival=at("2021-05-20 14:44:44"),
    )
    return raw, expect(
        "incomplete",
        None,
        "List intencyjny Katowice.pdf",
        why="The form attached is the empty template as downloaded (blank lines, no answers): the filled form is missing.",
    )


NICE = City(
    "Métropole Nice Côte d'Azur",
    "Nice",
    "France",
    "540 258 (INSEE 2018)",
    "Direction du Développement Économique",
    "Sophie Giordano",
    "Chargée de projets européens",
    "sophie.giordano@nicecotedazur.org.example",
    "04 97 13 20 00",
    "Christian Estrosi",
    "Président de la Métropole Nice Côte d'Azur",
    "5, rue de l'Hôtel de Ville, 06364 Nice",
    seed=81,
)


@case
def fr_fr_nice_form_and_call_guidelines() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(NICE, date="19/05/2021"), seed="nce")
    guidelines = pdf_doc(
        guidelines_text(), title="RRR Call for Peer Learning Cities - Guidelines", seed="guide"
    )
    raw = std(
        "fr_fr_nice_form_and_call_guidelines",
        "exchange",
        NICE,
        [pdf("Application_form_NCA.pdf", form), pdf("RRR_Call_Guidelines.pdf", guidelines)],
        subject="Candidature Métropole Nice Côte d'Azur",
        lang="fr",
        content_language="fr-FR",
        arrival=at("2021-05-19 10:10:59"),
    )
    return raw, expect(
        "incomplete",
        "Application_form_NCA.pdf",
        None,
        why="The second PDF is the call's own guidelines sent back, not a letter of intent.",
    )


BARI = City(
    "Comune di Bari",
    "Bari",
    "Italia",
    "316.015 (ISTAT 2020)",
    "Ripartizione Sviluppo Economico",
    "Michele Lorusso",
    "Funzionario",
    "m.lorusso@comune.bari.it.example",
    "+39 080 577 1111",
    "Antonio Decaro",
    "Sindaco di Bari",
    "Corso Vittorio Emanuele II 84, 70122 Bari",
    seed=82,
)


@case
def it_bari_other_programme_form_and_letter() -> tuple[bytes, dict[str, Any]]:
    wrong = pdf_doc(other_programme_form(BARI), seed="bari-x")
    letter = pdf_doc(
        letter_it(BARI, style="intenti", date="20/05/2021"),
        letterhead=["COMUNE DI BARI", "Il Sindaco"],
        seed="bari-l",
        logo=True,
    )
    raw = std(
        "it_bari_other_programme_form_and_letter",
        "exchange",
        BARI,
        [pdf("Application_form_Bari_2021.pdf", wrong), pdf("Lettera_intenti_Bari.pdf", letter)],
        subject="Candidatura Comune di Bari",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-20 09:49:30"),
    )
    return raw, expect(
        "incomplete",
        None,
        "Lettera_intenti_Bari.pdf",
        why="The 'application form' attached is the city's form for another competition (European Capital of Innovation): it does not count.",
    )


VALLADOLID = City(
    "Ayuntamiento de Valladolid",
    "Valladolid",
    "España",
    "298.412 (INE 2020)",
    "Agencia de Innovación y Desarrollo Económico",
    "Álvaro Gutiérrez Sanz",
    "Técnico",
    "agutierrez@ava.es.example",
    "983 42 61 00",
    "Óscar Puente Santiago",
    "Alcalde de Valladolid",
    "Plaza Mayor, 1, 47001 Valladolid",
    seed=83,
)


@case
def es_es_valladolid_empty_letter_file() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(VALLADOLID, date="21 de mayo de 2021"), seed="vll")
    raw = std(
        "es_es_valladolid_empty_letter_file",
        "exchange",
        VALLADOLID,
        [pdf("Formulario RRR Valladolid.pdf", form), pdf("Carta de intención.pdf", b"")],
        subject="Solicitud Valladolid - RRR",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-21 19:58:01"),
    )
    return raw, expect(
        "incomplete",
        "Formulario RRR Valladolid.pdf",
        None,
        why="The letter attachment has zero bytes (a failed upload): it does not count.",
    )


BELEM = City(
    "Prefeitura Municipal de Belém",
    "Belém",
    "Brasil",
    "1.499.641 (IBGE 2020)",
    "Secretaria Municipal de Economia",
    "Raimundo Nonato Souza",
    "Diretor",
    "raimundo.souza@belem.pa.gov.br.example",
    "+55 91 3184-6100",
    "Edmilson Rodrigues",
    "Prefeito de Belém",
    "Praça Dom Pedro II, s/n - Cidade Velha, Belém - PA",
    seed=84,
)

SIGN_IN_PAGE = (
    '<!DOCTYPE html>\n<html dir="ltr" lang="pt-BR"><head><meta charset="utf-8"><title>Entrar na sua conta</title>\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1.0"></head>\n<body class="cb">'
    '<div id="lightbox"><img src="https://aadcdn.msftauth.example/logo.svg" alt="Microsoft">'
    '<div role="heading">Entrar</div><input type="email" name="loginfmt" placeholder="Email, telefone ou Skype">'
    '<p>Não consegue acessar sua conta?</p><input type="submit" value="Avançar"></div>\n'
    + "<script>var $Config={"
    + ",".join(f'"k{i}":"{token(str(i), 24)}"' for i in range(40))
    + "};</script>\n</body></html>\n"
).encode()


@case
def pt_br_belem_letter_is_a_saved_sign_in_page() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(BELEM, brazil=True, date="20 de maio de 2021"), seed="bel")
    raw = std(
        "pt_br_belem_letter_is_a_saved_sign_in_page",
        "gmail",
        BELEM,
        [pdf("Formulario RRR Belem.pdf", form), pdf("Carta de Intenção.pdf", SIGN_IN_PAGE)],
        subject="Inscrição Belém RRR",
        lang="pt_br",
        arrival=at("2021-05-20 15:51:09"),
    )
    return raw, expect(
        "incomplete",
        "Formulario RRR Belem.pdf",
        None,
        why="'Carta de Intenção.pdf' is a Microsoft sign-in web page saved under a PDF name (a SharePoint download that failed): unusable.",
    )


EDMONTON = City(
    "City of Edmonton",
    "Edmonton",
    "Canada",
    "981,280 (2019 municipal census)",
    "Economic Investment Services",
    "Priya Sandhu",
    "Senior Economic Development Advisor",
    "priya.sandhu@edmonton.ca.example",
    "780-442-5311",
    "Don Iveson",
    "Mayor",
    "1 Sir Winston Churchill Square, Edmonton, AB T5J 2R7",
    seed=85,
)


@case
def en_ca_edmonton_form_exported_as_html() -> tuple[bytes, dict[str, Any]]:
    form_html = (
        "<html><head><meta charset='utf-8'><title>RRR Application - Edmonton</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in form_en(EDMONTON, date="2021-05-19").split("\n"))
        + "</body></html>"
    ).encode()
    letter = pdf_doc(
        letter_en(EDMONTON, style="loi", date="May 19, 2021"),
        letterhead=["City of Edmonton", "Office of the Mayor"],
        seed="yeg-l",
        logo=True,
    )
    raw = std(
        "en_ca_edmonton_form_exported_as_html",
        "exchange",
        EDMONTON,
        [
            Att("RRR Application - Edmonton.html", form_html, "text/html"),
            pdf("Edmonton LOI - RRR.pdf", letter),
        ],
        subject="City of Edmonton - RRR application",
        lang="en",
        content_language="en-CA",
        arrival=at("2021-05-19 19:34:51"),
    )
    return raw, expect(
        "incomplete",
        None,
        "Edmonton LOI - RRR.pdf",
        why="The form came as an .html export; HTML files are not accepted, so the form is missing.",
    )


WINNIPEG = City(
    "City of Winnipeg",
    "Winnipeg",
    "Canada",
    "749,607 (2019 estimate)",
    "Office of Policy Management",
    "Kyle Bergen",
    "Policy Analyst",
    "kbergen@winnipeg.ca.example",
    "204-986-2196",
    "Brian Bowman",
    "Mayor",
    "510 Main Street, Winnipeg, MB R3B 1B9",
    seed=86,
)


@case
def en_ca_winnipeg_letter_as_internet_shortcut() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(WINNIPEG, date="2021-05-21"), seed="ywg")
    shortcut = (
        b"[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n[InternetShortcut]\r\nIDList=\r\n"
        b"URL=https://winnipeg-my.sharepoint.com.example/:b:/g/personal/kbergen_winnipeg_ca/EbX3kQ2vJmRNm4uF0pK1aZsB7Q?e=Ab12Cd\r\n"
    )
    raw = std(
        "en_ca_winnipeg_letter_as_internet_shortcut",
        "exchange",
        WINNIPEG,
        [
            pdf("Winnipeg RRR Application Form.pdf", form),
            Att("Letter of Intent - Mayor Bowman.url", shortcut, "application/octet-stream"),
        ],
        subject="Winnipeg - RRR Peer Learning Cities",
        lang="en",
        content_language="en-CA",
        arrival=at("2021-05-21 16:20:00"),
    )
    return raw, expect(
        "incomplete",
        "Winnipeg RRR Application Form.pdf",
        None,
        why="The 'letter' is a Windows internet shortcut to a OneDrive file, not the document: the letter is missing.",
    )


MURCIA = City(
    "Ayuntamiento de Murcia",
    "Murcia",
    "España",
    "459.403 (INE 2020)",
    "Servicio de Empleo",
    "Encarna Martínez López",
    "Administrativa",
    "emartinez@ayto-murcia.es.example",
    "968 35 86 00",
    "José Antonio Serrano Martínez",
    "Alcalde de Murcia",
    "Glorieta de España, 1, 30004 Murcia",
    seed=87,
)


@case
def es_es_murcia_rtf_saved_as_doc() -> tuple[bytes, dict[str, Any]]:
    form = make_rtf(form_es(MURCIA, date="20 de mayo de 2021").replace("# ", ""))
    letter = pdf_doc(
        letter_es(MURCIA, style="carta", date="20 de mayo de 2021"),
        letterhead=["AYUNTAMIENTO DE MURCIA", "Alcaldía"],
        seed="mur-l",
        logo=True,
    )
    raw = std(
        "es_es_murcia_rtf_saved_as_doc",
        "exchange_onprem",
        MURCIA,
        [
            Att("Solicitud RRR Murcia.doc", form, "application/msword"),
            pdf("Carta intencion Murcia.pdf", letter),
        ],
        subject="Solicitud RRR Ayuntamiento de Murcia",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-20 13:07:22"),
    )
    return raw, expect(
        "accepted",
        "Solicitud RRR Murcia.doc",
        "Carta intencion Murcia.pdf",
        why="The '.doc' form is rich text (RTF) under a Word name, as old office systems save it; Word opens it and it is filled.",
    )


PALMA = City(
    "Ajuntament de Palma",
    "Palma",
    "España",
    "419.366 (INE 2020)",
    "Àrea de Promoció Econòmica i Ocupació",
    "Miquel Àngel Ferrà",
    "Tècnic",
    "maferra@palma.cat.example",
    "971 22 59 00",
    "José Hila Vargas",
    "Batle de Palma",
    "Plaça de Cort, 1, 07001 Palma",
    seed=88,
)


@case
def ca_palma_letter_without_extension() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_ca(PALMA, date="19 de maig de 2021"), seed="pmi")
    letter = pdf_doc(
        letter_ca(PALMA, style="carta", date="19 de maig de 2021"),
        letterhead=["Ajuntament de Palma", "Batlia"],
        seed="pmi-l",
        logo=True,
    )
    raw = std(
        "ca_palma_letter_without_extension",
        "roundcube",
        PALMA,
        [pdf("Formulari RRR Palma.pdf", form), pdf("Carta d'intencio", letter)],
        subject="Sol·licitud Ajuntament de Palma - RRR",
        lang="ca",
        arrival=at("2021-05-19 11:24:05"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Formulari RRR Palma.pdf",
        "Carta d'intencio",
        why="The letter's name lost its extension, but the part is a PDF (declared and real) holding the signed letter.",
    )


GDANSK = City(
    "Miasto Gdańsk",
    "Gdańsk",
    "Polska",
    "470 621 (GUS 2020)",
    "Wydział Rozwoju Społecznego",
    "Marta Kowalewska",
    "Specjalistka",
    "marta.kowalewska@gdansk.gda.pl.example",
    "+48 58 323 60 00",
    "Aleksandra Dulkiewicz",
    "Prezydent Miasta Gdańska",
    "ul. Nowe Ogrody 8/12, 80-803 Gdańsk",
    seed=89,
)


@case
def pl_gdansk_dates_only_file_names() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_pl(GDANSK, style="list", date="20 maja 2021 r."),
        letterhead=["PREZYDENT MIASTA GDAŃSKA"],
        seed="gdn-l",
        logo=True,
    )
    form = pdf_doc(form_pl(GDANSK, date="20.05.2021 r."), seed="gdn")
    raw = std(
        "pl_gdansk_dates_only_file_names",
        "thunderbird",
        GDANSK,
        [pdf("2021-05-20.pdf", letter), pdf("2021-05-20 (1).pdf", form)],
        subject="RRR - Gdańsk",
        lang="pl",
        content_language="pl",
        arrival=at("2021-05-20 15:15:01"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "2021-05-20 (1).pdf",
        "2021-05-20.pdf",
        why="Both files are named only by date; the texts tell them apart (the first is the letter).",
    )


EDINBURGH = City(
    "The City of Edinburgh Council",
    "Edinburgh",
    "United Kingdom",
    "527,620 (NRS 2020)",
    "Economic Development",
    "Fiona Mackenzie",
    "Senior Policy Officer",
    "fiona.mackenzie@edinburgh.gov.uk.example",
    "0131 529 3000",
    "Cllr Adam McVey",
    "Leader of the City of Edinburgh Council",
    "Waverley Court, 4 East Market Street, Edinburgh EH8 8BG",
    seed=90,
)


@case
def en_gb_edinburgh_copier_scan_letter_by_elimination() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        *form_en_pages(EDINBURGH, date="18/05/2021"), author="Fiona Mackenzie", seed="edi"
    )
    scan = scan_pdf("edinburgh-scan", creator="KONICA MINOLTA bizhub C300i")
    raw = std(
        "en_gb_edinburgh_copier_scan_letter_by_elimination",
        "exchange",
        EDINBURGH,
        [
            docx("Edinburgh RRR Application Form.docx", form),
            pdf("doc04512320210518132205.pdf", scan),
        ],
        subject="Edinburgh - RRR Peer Learning Cities application",
        lang="en",
        arrival=at("2021-05-18 13:31:40"),
        text="Hi,\n\nPlease see our application form attached, together with the signed letter from the Council Leader (scanned).\n\nBest wishes,\nFiona",
    )
    return raw, expect(
        "accepted",
        "Edinburgh RRR Application Form.docx",
        "doc04512320210518132205.pdf",
        review=True,
        why="An image-only scan with the copier's name next to a clearly identified form: by elimination, the signed letter.",
    )


TOULOUSE = City(
    "Toulouse Métropole",
    "Toulouse",
    "France",
    "783 353 (INSEE 2018)",
    "Direction de l'Action Économique",
    "Pauline Bousquet",
    "Chargée de mission ESS",
    "pauline.bousquet@toulouse-metropole.fr.example",
    "05 61 22 29 22",
    "Jean-Luc Moudenc",
    "Président de Toulouse Métropole",
    "6, rue René Leduc, 31505 Toulouse",
    seed=91,
)


@case
def fr_fr_toulouse_named_scanned_letter() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_fr(TOULOUSE, date="20 mai 2021", table=True), author="P. Bousquet", seed="tls"
    )
    raw = std(
        "fr_fr_toulouse_named_scanned_letter",
        "exchange",
        TOULOUSE,
        [
            docx("Formulaire candidature RRR Toulouse Métropole.docx", form),
            pdf(
                "Lettre d'intention signée - Président.pdf",
                scan_pdf("toulouse-scan", creator="Canon iR-ADV C5535"),
            ),
        ],
        subject="Candidature Toulouse Métropole - RRR",
        lang="fr",
        content_language="fr-FR",
        arrival=at("2021-05-20 10:58:13"),
    )
    return raw, expect(
        "accepted",
        "Formulaire candidature RRR Toulouse Métropole.docx",
        "Lettre d'intention signée - Président.pdf",
        why="The letter is a scan with no text, but its name says it is the signed letter of intent.",
    )


KAUNAS = City(
    "Kauno miesto savivaldybė",
    "Kaunas",
    "Lietuva",
    "295 269 (2020)",
    "Strateginio planavimo skyrius",
    "Tomas Jankauskas",
    "vyr. specialistas",
    "tomas.jankauskas@kaunas.lt.example",
    "+370 37 42 2222",
    "Visvaldas Matijošaitis",
    "Kauno miesto meras",
    "Laisvės al. 96, LT-44251 Kaunas",
    seed=92,
)


@case
def lt_kaunas_scanned_handwritten_form_named() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_short("lt", KAUNAS, date="2021-05-19"),
        letterhead=["KAUNO MIESTO SAVIVALDYBĖ", "Meras"],
        seed="kun-l",
        logo=True,
    )
    raw = std(
        "lt_kaunas_scanned_handwritten_form_named",
        "gmail",
        KAUNAS,
        [
            pdf("RRR Application form Kaunas (scanned).pdf", scan_pdf("kaunas-form", pages=3)),
            pdf("Ketinimu rastas - meras.pdf", letter),
        ],
        subject="Kaunas - RRR application",
        lang="generic_en",
        arrival=at("2021-05-19 14:22:31"),
    )
    return raw, expect(
        "accepted",
        "RRR Application form Kaunas (scanned).pdf",
        "Ketinimu rastas - meras.pdf",
        why="The form was printed, filled by hand and scanned (no text layer); its name says what it is.",
    )


BYDGOSZCZ = City(
    "Miasto Bydgoszcz",
    "Bydgoszcz",
    "Polska",
    "344 091 (GUS 2020)",
    "Wydział Zdrowia i Polityki Społecznej",
    "Anna Lewandowska",
    "Inspektor",
    "a.lewandowska@um.bydgoszcz.pl.example",
    "+48 52 58 58 000",
    "Rafał Bruski",
    "Prezydent Miasta Bydgoszczy",
    "ul. Jezuicka 1, 85-102 Bydgoszcz",
    seed=93,
)


@case
def pl_bydgoszcz_two_anonymous_scans() -> tuple[bytes, dict[str, Any]]:
    raw = std(
        "pl_bydgoszcz_two_anonymous_scans",
        "exchange",
        BYDGOSZCZ,
        [
            pdf(
                "SKM_C30821051914470.pdf",
                scan_pdf("byd-1", pages=2, creator="KONICA MINOLTA bizhub C308"),
            ),
            pdf("SKM_C30821051914480.pdf", scan_pdf("byd-2", creator="KONICA MINOLTA bizhub C308")),
        ],
        subject="Zgłoszenie Bydgoszczy RRR - skany",
        lang="pl",
        content_language="pl-PL",
        arrival=at("2021-05-19 14:48:02"),
        text="Szanowni Państwo,\n\nw załączeniu skany formularza i listu intencyjnego.\n\nZ poważaniem\nAnna Lewandowska",
    )
    return raw, expect(
        "accepted",
        "SKM_C30821051914470.pdf",
        "SKM_C30821051914480.pdf",
        review=True,
        why="Two scans with copier names and no text; the body says they are the form and the letter, but which is which cannot be told: accepted, in the order received, for review.",
    )


EINDHOVEN = City(
    "Gemeente Eindhoven",
    "Eindhoven",
    "Nederland",
    "234.235 (CBS 2020)",
    "Economie en Cultuur",
    "Bram Janssen",
    "Beleidsadviseur",
    "b.janssen@eindhoven.nl.example",
    "+31 40 238 6000",
    "John Jorritsma",
    "Burgemeester",
    "Stadhuisplein 1, 5611 EM Eindhoven",
    seed=94,
)


@case
def nl_eindhoven_names_swapped() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_nl(EINDHOVEN, date="21 mei 2021"), seed="ein")
    letter = pdf_doc(
        letter_nl(EINDHOVEN, style="brief", date="21 mei 2021", ref="EC/21/0877"),
        letterhead=["Gemeente Eindhoven", "De burgemeester"],
        seed="ein-l",
        logo=True,
    )
    raw = std(
        "nl_eindhoven_names_swapped",
        "exchange",
        EINDHOVEN,
        [pdf("Intentieverklaring.pdf", form), pdf("Aanmeldformulier.pdf", letter)],
        subject="Aanmelding Eindhoven RRR",
        lang="nl",
        content_language="nl-NL",
        arrival=at("2021-05-21 09:33:21"),
    )
    return raw, expect(
        "accepted",
        "Intentieverklaring.pdf",
        "Aanmeldformulier.pdf",
        why="The names are swapped: 'Intentieverklaring.pdf' holds the form and 'Aanmeldformulier.pdf' the letter; the text wins.",
    )


COVENTRY = City(
    "Coventry City Council",
    "Coventry",
    "United Kingdom",
    "371,521 (ONS 2019)",
    "Economic Development Service",
    "Sunita Patel",
    "Programme Manager",
    "sunita.patel@coventry.gov.uk.example",
    "024 7683 3333",
    "Cllr George Duggins",
    "Leader of Coventry City Council",
    "Council House, Earl Street, Coventry CV1 5RR",
    seed=95,
)


@case
def en_gb_coventry_university_support_letter_instead_of_loi() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(COVENTRY, date="19/05/2021"), seed="cov")
    support = pdf_doc(
        support_letter_university(COVENTRY),
        letterhead=["University of Coventry", "Centre for Social Innovation"],
        seed="cov-u",
        logo=True,
    )
    raw = std(
        "en_gb_coventry_university_support_letter_instead_of_loi",
        "exchange",
        COVENTRY,
        [
            pdf("Coventry RRR application form.pdf", form),
            pdf("Letter of support - University.pdf", support),
        ],
        subject="Coventry City Council - RRR application",
        lang="en",
        arrival=at("2021-05-19 16:47:50"),
    )
    return raw, expect(
        "incomplete",
        "Coventry RRR application form.pdf",
        None,
        why="The only letter is a university's letter of support for the city; the city's own letter of intent is missing.",
    )


LEICESTER = City(
    "Leicester City Council",
    "Leicester",
    "United Kingdom",
    "354,224 (ONS 2019)",
    "Economic Regeneration",
    "Imran Siddiqui",
    "Regeneration Officer",
    "imran.siddiqui@leicester.gov.uk.example",
    "0116 454 1000",
    "Sir Peter Soulsby",
    "City Mayor",
    "City Hall, 115 Charles Street, Leicester LE1 1FZ",
    seed=96,
)


@case
def en_gb_leicester_answers_pasted_in_body() -> tuple[bytes, dict[str, Any]]:
    text = (
        "Dear colleagues,\n\nOur IT system would not let me attach files, so I paste our answers below. The City Mayor supports the application.\n\n"
        + form_en(LEICESTER, style="plain", date="21/05/2021").replace("# ", "")
        + "\n\nRegards,\nImran Siddiqui\nLeicester City Council"
    )
    raw = std(
        "en_gb_leicester_answers_pasted_in_body",
        "exchange",
        LEICESTER,
        [],
        subject="RRR application - Leicester",
        lang="en",
        arrival=at("2021-05-21 15:25:05"),
        text=text,
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="No files: the form's answers pasted into the e-mail and a sentence about the mayor's support are not the two documents.",
    )


SHEFFIELD = City(
    "Sheffield City Council",
    "Sheffield",
    "United Kingdom",
    "584,853 (ONS 2019)",
    "City Growth Department",
    "Rebecca Holt",
    "Business Development Manager",
    "rebecca.holt@sheffield.gov.uk.example",
    "0114 273 4567",
    "Cllr Terry Fox",
    "Leader of Sheffield City Council",
    "Town Hall, Pinstone Street, Sheffield S1 2HH",
    seed=97,
)

ACK_ID = "<RRR-7KQ2-M4XD.20210517T091502Z@rrr-cities.example>"
ACK_QUOTE = (
    "From: RRR Peer Learning Cities <peerlearning@rrr-cities.example>\nSent: 17 May 2021 11:15\nTo: Rebecca Holt\n"
    "Subject: RRR application received - reference RRR-7KQ2-M4XD - something is missing\n\n"
    "Dear applicant,\n\nThank you for your message. We received your application form. We could not find the letter of intent.\n"
    "Please send the letter of intent signed by your mayor or an authorised representative before 21 May 2021, 23:00 CEST.\n\n"
    "RRR Peer Learning Cities"
)


@case
def en_gb_sheffield_reply_to_acknowledgement_with_letter() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_en(SHEFFIELD, style="council", date="19 May 2021", ref="CG/RH/21-114"),
        letterhead=letterhead(SHEFFIELD),
        seed="shf-l",
        logo=True,
    )
    raw = std(
        "en_gb_sheffield_reply_to_acknowledgement_with_letter",
        "exchange",
        SHEFFIELD,
        [pdf("Sheffield - signed LOI.pdf", letter)],
        subject="RE: RRR application received - reference RRR-7KQ2-M4XD - something is missing",
        lang="en",
        arrival=at("2021-05-19 12:06:18"),
        text="Hello,\n\nApologies - please find the signed letter attached. The form was sent on Monday.\n\nRebecca\n\n"
        + ACK_QUOTE,
        extra=[f"In-Reply-To: {ACK_ID}", f"References: {ACK_ID}"],
    )
    return raw, expect(
        "incomplete",
        None,
        "Sheffield - signed LOI.pdf",
        review=True,
        why="A reply to our acknowledgement that adds the missing letter; this message alone lacks the form (sent earlier), so staff should join the two.",
    )


ALICANTE = City(
    "Ayuntamiento de Alicante",
    "Alicante",
    "España",
    "337.482 (INE 2020)",
    "Agencia Local de Desarrollo Económico y Social",
    "Carmen Pastor Llorca",
    "Técnica de Empleo",
    "cpastor@alicante.es.example",
    "965 14 91 00",
    "Luis Barcala Sierra",
    "Alcalde de Alicante",
    "Plaza del Ayuntamiento, 1, 03002 Alicante",
    seed=98,
)


@case
def es_es_alicante_reply_to_acknowledgement_resends_both() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(ALICANTE, date="20 de mayo de 2021"), seed="ali")
    letter = pdf_doc(
        letter_es(ALICANTE, style="carta", date="20 de mayo de 2021"),
        letterhead=["AYUNTAMIENTO DE ALICANTE", "Alcaldía"],
        seed="ali-l",
        logo=True,
    )
    ack = "<RRR-3HT9-QW2B.20210518T102233Z@rrr-cities.example>"
    quote = (
        "De: RRR Peer Learning Cities <peerlearning@rrr-cities.example>\nEnviado el: martes, 18 de mayo de 2021 12:22\n"
        "Para: Carmen Pastor Llorca\nAsunto: Solicitud RRR recibida - referencia RRR-3HT9-QW2B - falta un documento\n\n"
        "Estimada solicitante:\nHemos recibido su formulario de solicitud, pero no la carta de intención firmada."
    )
    raw = std(
        "es_es_alicante_reply_to_acknowledgement_resends_both",
        "exchange",
        ALICANTE,
        [
            pdf("Formulario RRR Alicante.pdf", form),
            pdf("Carta intención firmada Alcalde.pdf", letter),
        ],
        subject="RE: Solicitud RRR recibida - referencia RRR-3HT9-QW2B - falta un documento",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-20 09:02:47"),
        text="Buenos días:\n\nLes reenviamos la solicitud completa: el formulario y la carta de intención ya firmada.\n\nUn saludo,\nCarmen Pastor\n\n"
        + quote,
        extra=[f"In-Reply-To: {ack}", f"References: {ack}"],
    )
    return raw, expect(
        "accepted",
        "Formulario RRR Alicante.pdf",
        "Carta intención firmada Alcalde.pdf",
        why="A reply to our acknowledgement that sends both documents again: complete on its own.",
    )


# --- Machines, links, invitations, and the clock -----------------------------------------------

OUR_ACK_SUBJECT = "RRR application received - reference RRR-5QX8-B2NM"


def _auto(
    name: str,
    client: str,
    sender: tuple[str, str],
    subject: str,
    text: str,
    extra: list[str],
    arrival: datetime,
    **kw: Any,
) -> bytes:
    return compose(
        Mail(
            name=name,
            client=client,
            sender=sender,
            subject=subject,
            body=text,
            atts=[],
            arrival=arrival,
            to=f"RRR Peer Learning Cities <{OUR_ADDRESS}>",
            extra=extra,
            **kw,
        )
    )


@case
def ooo_de_exchange_automatische_antwort() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_de_exchange_automatische_antwort",
        "exchange_onprem",
        ("Schulte, Andreas", "andreas.schulte@stadt-essen.de.example"),
        f"Automatische Antwort: {OUR_ACK_SUBJECT}",
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 28.05.2021 nicht im Büro. In dringenden Fällen wenden Sie sich bitte an wirtschaft@essen.de.example.\n\nMit freundlichen Grüßen\nAndreas Schulte",
        [
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            "X-MS-Exchange-Inbox-Rules-Loop: andreas.schulte@stadt-essen.de.example",
            "In-Reply-To: <RRR-5QX8-B2NM.20210519T080102Z@rrr-cities.example>",
        ],
        at("2021-05-19 10:01:09"),
        lang="de-DE",
        html=True,
    )
    return raw, expect(
        "ignored",
        why="Exchange out-of-office reply (Auto-Submitted: auto-generated) to our acknowledgement.",
    )


@case
def ooo_es_gmail_vacation_responder() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_es_gmail_vacation_responder",
        "gmail",
        ("Marta Sánchez", "marta.sanchez.ayto@gmail.com"),
        f"Re: {OUR_ACK_SUBJECT}",
        "Hola,\n\nEstoy de vacaciones hasta el 31 de mayo, con acceso limitado al correo. Para temas de la convocatoria RRR, escriba a empleo@ayto.example.\n\nGracias,\nMarta",
        [
            "Auto-Submitted: auto-replied",
            "In-Reply-To: <RRR-5QX8-B2NM.20210520T112233Z@rrr-cities.example>",
        ],
        at("2021-05-20 13:22:41"),
    )
    return raw, expect("ignored", why="Gmail vacation responder: Auto-Submitted: auto-replied.")


@case
def ooo_fr_zimbra_reponse_automatique() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_fr_zimbra_reponse_automatique",
        "zimbra",
        ("Nathalie Roux", "nathalie.roux@mairie-rennes.fr.example"),
        "Réponse automatique : absence",
        "Bonjour,\n\nJe suis absente du 17 au 24 mai inclus. Votre message ne sera pas transféré.\nPour toute urgence : 02 23 62 10 10.\n\nNathalie Roux",
        ["Auto-Submitted: auto-replied (zimbra; vacation)", "Precedence: bulk"],
        at("2021-05-18 09:14:02"),
        html=False,
    )
    return raw, expect(
        "ignored", why="Zimbra vacation reply (Auto-Submitted and Precedence: bulk)."
    )


@case
def ooo_it_notes_x_autoreply() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_it_notes_x_autoreply",
        "notes",
        ("Roberto Ferri", "roberto.ferri@comune.genova.it.example"),
        f"Risposta automatica: {OUR_ACK_SUBJECT}",
        "Sarò assente dall'ufficio dal 19/05/2021 e non potrò rispondere ai messaggi fino al 26/05/2021.\nPer urgenze contattare la segreteria al numero 010 557 1111.",
        ["X-Autoreply: yes"],
        at("2021-05-19 17:45:33"),
        html=False,
    )
    return raw, expect("ignored", why="Notes absence message marked X-Autoreply.")


@case
def ooo_pl_precedence_auto_reply() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_pl_precedence_auto_reply",
        "roundcube",
        ("Ewa Malinowska", "e.malinowska@um.poznan.pl.example"),
        f"Odpowiedź automatyczna: {OUR_ACK_SUBJECT}",
        "Dzień dobry,\n\ndo 24 maja przebywam na urlopie. W sprawach pilnych proszę o kontakt z sekretariatem wydziału.\n\nEwa Malinowska",
        ["Precedence: auto_reply"],
        at("2021-05-20 08:00:12"),
        html=False,
    )
    return raw, expect("ignored", why="Roundcube vacation reply with Precedence: auto_reply.")


@case
def ooo_pt_br_x_autorespond() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_pt_br_x_autorespond",
        "zimbra",
        ("Gabinete SDE", "gabinete.sde@manaus.am.gov.br.example"),
        "Resposta automática - Gabinete SDE",
        "Recebemos sua mensagem. Ela será encaminhada ao setor responsável e respondida em até 5 dias úteis.\n\nGabinete da Secretaria de Desenvolvimento Econômico",
        ["X-Autorespond: Gabinete SDE"],
        at("2021-05-17 15:03:30"),
        html=False,
    )
    return raw, expect(
        "ignored",
        why="A municipal mailbox's automatic 'we received your message' answer (X-Autorespond).",
    )


@case
def ooo_sv_franvaro_without_any_header() -> tuple[bytes, dict[str, Any]]:
    raw = _auto(
        "ooo_sv_franvaro_without_any_header",
        "groupwise",
        ("Lars Nilsson", "lars.nilsson@uppsala.se.example"),
        f"Frånvaro: {OUR_ACK_SUBJECT}",
        "Hej!\n\nJag är på semester till och med den 30 maj och läser inte min e-post. Ditt meddelande vidarebefordras inte.\n\nVänliga hälsningar\nLars Nilsson\n\n(Detta är ett automatiskt svar.)",
        ["In-Reply-To: <RRR-5QX8-B2NM.20210519T140000Z@rrr-cities.example>"],
        at("2021-05-19 16:00:40"),
        html=False,
    )
    return raw, expect(
        "ignored",
        why="An absence notice sent by a rule with no Auto-Submitted or similar header; the subject, the In-Reply-To to our reply and the text ('Detta är ett automatiskt svar') show a machine answering, not an applicant.",
    )


def _report(name: str, boundary: str, parts: list[Part], report_type: str) -> Part:
    return multipart(
        "report",
        boundary,
        parts,
        params=f";\n\treport-type={report_type}",
        preamble="This is a MIME-encapsulated message.",
    )


def _our_ack(to: str, when: datetime, name: str) -> bytes:
    text = (
        "Dear applicant,\n\nThank you for your message to the RRR call for Peer Learning Cities. We received your application form "
        "and your letter of intent. Your reference is RRR-5QX8-B2NM.\n\nRRR Peer Learning Cities"
    )
    top = [
        f"From: RRR Peer Learning Cities <{OUR_ADDRESS}>",
        f"To: {to}",
        f"Subject: {OUR_ACK_SUBJECT}",
        f"Date: {rfc2822(when)}",
        f"Message-ID: <RRR-5QX8-B2NM.{token(name, 10)}@rrr-cities.example>",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
    ]
    return eml(top, text_part(text, charset="utf-8", cte="quoted-printable"))


@case
def bounce_postfix_dsn_of_our_acknowledgement() -> tuple[bytes, dict[str, Any]]:
    name = "bounce_postfix_dsn_of_our_acknowledgement"
    when = at("2021-05-20 11:30:02")
    notice = (
        "This is the mail system at host mail.porto-alegre.rs.gov.br.example.\n\nI'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. It's attached below.\n\n<economia.solidaria@portoalegre.rs.gov.br.example>: host\n"
        "    correio.portoalegre.rs.gov.br.example[198.51.100.23] said: 550 5.1.1 User unknown (in reply to RCPT TO command)"
    )
    status = (
        b"Reporting-MTA: dns; mail.porto-alegre.rs.gov.br.example\nX-Postfix-Queue-ID: 4FmQ2x0v1Hz9\nArrival-Date: Thu, 20 May 2021 11:30:00 +0200 (CEST)\n\n"
        b"Final-Recipient: rfc822; economia.solidaria@portoalegre.rs.gov.br.example\nAction: failed\nStatus: 5.1.1\n"
        b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"
    )
    root = _report(
        name,
        f"4FmQ2x0v1Hz9.{1621503002}/mail.porto-alegre.rs.gov.br.example",
        [
            Part(
                ("Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii"),
                notice.encode() + b"\n",
            ),
            Part(
                ("Content-Description: Delivery report", "Content-Type: message/delivery-status"),
                status,
            ),
            Part(
                ("Content-Description: Undelivered Message", "Content-Type: message/rfc822"),
                _our_ack(
                    "economia.solidaria@portoalegre.rs.gov.br.example",
                    at("2021-05-20 11:29:58"),
                    name,
                ),
            ),
        ],
        "delivery-status",
    )
    top = [
        *delivery_headers(""),
        our_received(when, "mail.porto-alegre.rs.gov.br.example", _ip(name), queue_id(name)),
        f"Date: {rfc2822(when)}",
        "From: MAILER-DAEMON@mail.porto-alegre.rs.gov.br.example (Mail Delivery System)",
        "Subject: Undelivered Mail Returned to Sender",
        f"To: {OUR_ADDRESS}",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        f"Message-Id: <20210520093002.{token(name, 8).upper()}@mail.porto-alegre.rs.gov.br.example>",
    ]
    return eml(top, root), expect(
        "ignored",
        why="A delivery failure report (MAILER-DAEMON, null Return-Path) returning our own acknowledgement.",
    )


@case
def bounce_exchange_ndr_undeliverable() -> tuple[bytes, dict[str, Any]]:
    name = "bounce_exchange_ndr_undeliverable"
    when = at("2021-05-21 09:40:15")
    html = (
        "<html><body><p><b>Your message to j.perez@ayto-gijon.es.example couldn't be delivered.</b></p>"
        "<p>j.perez wasn't found at ayto-gijon.es.example.</p><p>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'</p></body></html>"
    )
    status = (
        b"Reporting-MTA: dns;AM6PR04MB5639.eurprd04.prod.outlook.com\nReceived-From-MTA: dns;mx.rrr-cities.example\n"
        b"Arrival-Date: Fri, 21 May 2021 07:40:10 +0000\n\nFinal-Recipient: rfc822;j.perez@ayto-gijon.es.example\nAction: failed\nStatus: 5.1.10\n"
        b"Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n"
    )
    root = _report(
        name,
        f"_000_{token(name, 24).upper()}_",
        [
            multipart(
                "alternative",
                f"_001_{token(name, 24).upper()}_",
                [
                    text_part(
                        "Your message to j.perez@ayto-gijon.es.example couldn't be delivered."
                    ),
                    text_part(html, subtype="html"),
                ],
            ),
            Part(("Content-Type: message/delivery-status",), status),
            Part(
                ("Content-Type: message/rfc822",),
                _our_ack("j.perez@ayto-gijon.es.example", at("2021-05-21 09:40:08"), name),
            ),
        ],
        "delivery-status",
    )
    top = [
        *delivery_headers(""),
        our_received(
            when, "mail-am6eur05on2071.outbound.protection.outlook.com", _ip(name), queue_id(name)
        ),
        "From: postmaster@ayto-gijon.es.example",
        f"To: {OUR_ADDRESS}",
        f"Date: {rfc2822(when.astimezone(UTC))}",
        f"Subject: Undeliverable: {OUR_ACK_SUBJECT}",
        "Content-Language: en-US",
        f"Message-ID: <{token(name, 30).upper()}@AM6PR04MB5639.eurprd04.prod.outlook.com>",
        "X-MS-Exchange-Message-Is-Ndr:",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
    ]
    return eml(top, root, crlf=True), expect(
        "ignored",
        why="An Exchange non-delivery report (postmaster, multipart/report, null Return-Path).",
    )


@case
def mdn_read_receipt_outlook() -> tuple[bytes, dict[str, Any]]:
    name = "mdn_read_receipt_outlook"
    when = at("2021-05-18 15:02:40")
    text = (
        "Your message\n\n  To: Carlos Medina\n  Subject: RRR application received - reference RRR-5QX8-B2NM\n  Sent: Tuesday, May 18, 2021 2:55:01 PM (UTC+01:00)\n\n"
        "was read on Tuesday, May 18, 2021 3:02:36 PM (UTC+01:00)."
    )
    disposition = (
        b"Reporting-UA: CH2PR12MB4216.namprd12.prod.outlook.com; Microsoft Exchange Server\nFinal-Recipient: rfc822;carlos.medina@austintexas.gov.example\n"
        b"Original-Message-ID: <RRR-5QX8-B2NM.20210518T125501Z@rrr-cities.example>\nDisposition: manual-action/MDN-sent-manually; displayed\n"
    )
    root = _report(
        name,
        f"_002_{token(name, 24).upper()}_",
        [
            text_part(text),
            Part(("Content-Type: message/disposition-notification",), disposition),
        ],
        "disposition-notification",
    )
    top = [
        *delivery_headers(""),
        our_received(
            when, "mail-ch2pon1442.outbound.protection.outlook.com", _ip(name), queue_id(name)
        ),
        "From: Carlos Medina <carlos.medina@austintexas.gov.example>",
        f"To: {OUR_ADDRESS}",
        f"Subject: Read: {OUR_ACK_SUBJECT}",
        f"Date: {rfc2822(when.astimezone(UTC))}",
        f"Message-ID: <{token(name, 30).upper()}@CH2PR12MB4216.namprd12.prod.outlook.com>",
        "MIME-Version: 1.0",
    ]
    return eml(top, root), expect(
        "ignored", why="An Outlook read receipt (disposition notification, null Return-Path)."
    )


@case
def list_eurocities_flash_with_call_pdf() -> tuple[bytes, dict[str, Any]]:
    name = "list_eurocities_flash_with_call_pdf"
    guidelines = pdf_doc(
        guidelines_text(), title="RRR Call for Peer Learning Cities", seed="flash-guide"
    )
    text = (
        "EUROCITIES FLASH - May 2021\n\nOPPORTUNITIES\n\nRespond, Rebuild, Reinvent: call for Peer Learning Cities. Eight cities will join a peer "
        "learning journey on social and solidarity economy ecosystems. Send the application form and the letter of intent before 21 May. "
        "The call is attached.\n\nYou are receiving this e-mail because you subscribed to Eurocities Flash.\nUnsubscribe: https://eurocities.example/unsubscribe"
    )
    raw = compose(
        Mail(
            name=name,
            client="thunderbird",
            sender=("Eurocities", "flash@news.eurocities.eu.example"),
            subject="Eurocities Flash | May 2021",
            body=text,
            atts=[pdf("RRR_Call_Peer_Learning_Cities.pdf", guidelines)],
            arrival=at("2021-05-06 10:00:03"),
            to=OUR_ADDRESS,
            return_path="bounce-mc.us4_4812.1150@mail1.news.eurocities.eu.example",
            extra=[
                "List-Id: Eurocities Flash <flash.news.eurocities.eu.example>",
                "List-Unsubscribe: <https://eurocities.example/unsubscribe?u=4812>",
                "Precedence: bulk",
                "X-Mailer: MailChimp Mailer - **CID81a2c34567d**",
            ],
        )
    )
    return raw, expect(
        "ignored",
        why="A newsletter from a mailing list (List-Id, Precedence: bulk) carrying the call itself.",
    )


@case
def own_address_staff_test_with_documents() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(LEEDS, date="05/05/2021"), seed="test-form")
    letter = pdf_doc(letter_en(LEEDS, style="loi", date="5 May 2021"), seed="test-letter")
    raw = compose(
        Mail(
            name="own_address_staff_test_with_documents",
            client="thunderbird",
            sender=("RRR Peer Learning Cities", OUR_ADDRESS),
            subject="TEST - please ignore - checking the mailbox",
            body="Test of the application mailbox with sample documents.\n\nRRR team",
            atts=[pdf("sample_form.pdf", form), pdf("sample_letter.pdf", letter)],
            arrival=at("2021-05-05 09:00:00"),
            to=OUR_ADDRESS,
            html=False,
        )
    )
    return raw, expect(
        "ignored",
        why="Sent from our own address (a staff test), even though it carries sample documents.",
    )


BREMEN = City(
    "Freie Hansestadt Bremen",
    "Bremen",
    "Deutschland",
    "567.559 (Stand 31.12.2020)",
    "Senatorin für Wirtschaft, Arbeit und Europa",
    "Jan Petersen",
    "Referent",
    "jan.petersen@wae.bremen.de.example",
    "+49 421 361-0",
    "Dr. Andreas Bovenschulte",
    "Präsident des Senats und Bürgermeister",
    "Am Markt 21, 28195 Bremen",
    seed=99,
)


@case
def de_bremen_onedrive_links_only() -> tuple[bytes, dict[str, Any]]:
    text = (
        "Sehr geehrte Damen und Herren,\n\nda unsere Dateien die zulässige Größe überschreiten, stellen wir Ihnen die Unterlagen über OneDrive bereit:\n\n"
        "Bewerbungsformular: https://bremende-my.sharepoint.com.example/:b:/g/personal/jan_petersen/ETx0bQ3yZ4RPi1Q?e=7fKp2N\n"
        "Absichtserklärung: https://bremende-my.sharepoint.com.example/:b:/g/personal/jan_petersen/EbH2mW9qR4JAu3e?e=Q2xZ4c\n\n"
        "Mit freundlichen Grüßen\nJan Petersen"
    )
    raw = std(
        "de_bremen_onedrive_links_only",
        "exchange",
        BREMEN,
        [],
        subject="Bewerbung Bremen - RRR (Links)",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-20 12:40:31"),
        text=text,
    )
    return raw, expect(
        "incomplete", None, None, why="Both documents only as OneDrive links, nothing attached."
    )


ZAPOPAN = City(
    "Gobierno de Zapopan",
    "Zapopan",
    "México",
    "1,476,491 (INEGI 2020)",
    "Dirección de Desarrollo Económico",
    "Fernanda Ruiz Velasco",
    "Jefa de Unidad",
    "fernanda.ruiz@zapopan.gob.mx.example",
    "33 3818 2200",
    "Pablo Lemus Navarro",
    "Presidente Municipal",
    "Av. Hidalgo 151, Centro, Zapopan, Jal.",
    seed=100,
)


@case
def es_mx_zapopan_form_attached_letter_by_wetransfer() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(ZAPOPAN, title="FORMATO DE SOLICITUD", date="21 de mayo de 2021"), seed="zap"
    )
    text = (
        "Buenas tardes,\n\nadjunto el formato. La carta de intención firmada pesa mucho (escaneo a color), por lo que la compartimos por WeTransfer:\n"
        "https://we.tl/t-Zp4nR8sQ2x\n\nSaludos,\nFernanda Ruiz Velasco"
    )
    raw = std(
        "es_mx_zapopan_form_attached_letter_by_wetransfer",
        "exchange",
        ZAPOPAN,
        [pdf("Formato_RRR_Zapopan.pdf", form)],
        subject="Solicitud Zapopan - RRR",
        lang="es_mx",
        content_language="es-MX",
        arrival=at("2021-05-21 20:05:30"),
        text=text,
    )
    return raw, expect(
        "incomplete",
        "Formato_RRR_Zapopan.pdf",
        None,
        why="The form is attached; the letter is only a WeTransfer link.",
    )


DEN_HAAG = City(
    "Gemeente Den Haag",
    "Den Haag",
    "Nederland",
    "545.838 (CBS 2020)",
    "Dienst Stedelijke Ontwikkeling - Economie",
    "Fatima El Amrani",
    "Beleidsmedewerker",
    "fatima.elamrani@denhaag.nl.example",
    "+31 70 353 3000",
    "Jan van Zanen",
    "Burgemeester",
    "Spui 70, 2511 BT Den Haag",
    seed=101,
)


@case
def nl_den_haag_application_with_calendar_invite() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_en(DEN_HAAG, date="18-05-2021"), seed="dh")
    letter = pdf_doc(
        letter_nl(DEN_HAAG, style="intentie", date="18 mei 2021"),
        letterhead=["Gemeente Den Haag"],
        seed="dh-l",
        logo=True,
    )
    ics = (
        "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        f'ORGANIZER;CN="{DEN_HAAG.contact}":mailto:{DEN_HAAG.email}\r\nATTENDEE;RSVP=TRUE:mailto:{OUR_ADDRESS}\r\n'
        "DTSTART:20210527T080000Z\r\nDTEND:20210527T083000Z\r\nSUMMARY:Kennismaking Den Haag - RRR (optioneel)\r\nUID:040000008200E00074C5B7101A82E0080000000070DCB91A@denhaag\r\n"
        "DTSTAMP:20210518T073000Z\r\nLOCATION:Microsoft Teams\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    raw = std(
        "nl_den_haag_application_with_calendar_invite",
        "exchange",
        DEN_HAAG,
        [
            pdf("RRR Application Form - Den Haag.pdf", form),
            pdf("Intentieverklaring Den Haag.pdf", letter),
            Att("invite.ics", ics, "text/calendar", extra_ctype="; method=REQUEST"),
        ],
        subject="Aanmelding Den Haag RRR + voorstel kennismaking",
        lang="nl",
        content_language="nl-NL",
        arrival=at("2021-05-18 09:31:02"),
        text=body(
            "nl",
            DEN_HAAG,
            after="PS: in de bijlage een voorstel voor een korte kennismaking via Teams.",
        ),
    )
    return raw, expect(
        "accepted",
        "RRR Application Form - Den Haag.pdf",
        "Intentieverklaring Den Haag.pdf",
        why="Both documents plus a calendar invitation (invite.ics) that is not a document.",
    )


MANCHESTER = City(
    "Manchester City Council",
    "Manchester",
    "United Kingdom",
    "552,858 (ONS 2019)",
    "Work and Skills",
    "Oliver Grant",
    "Strategy Manager",
    "oliver.grant@manchester.gov.uk.example",
    "0161 234 5000",
    "Cllr Bev Craig",
    "Executive Member",
    "Town Hall Extension, Manchester M60 2LA",
    seed=102,
)


@case
def en_gb_manchester_meeting_request_only() -> tuple[bytes, dict[str, Any]]:
    name = "en_gb_manchester_meeting_request_only"
    ics = (
        "BEGIN:VCALENDAR\nMETHOD:REQUEST\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\nBEGIN:VEVENT\n"
        f"ORGANIZER;CN=Oliver Grant:mailto:{MANCHESTER.email}\nATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{OUR_ADDRESS}\n"
        "SUMMARY;LANGUAGE=en-GB:RRR - quick call about eligibility (Manchester)\nDTSTART:20210512T090000Z\nDTEND:20210512T093000Z\n"
        f"UID:040000008200E00074C5B7101A82E00800000000{token(name, 16).upper()}\nDTSTAMP:20210510T101500Z\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    text = "Hi,\n\nWould you have 30 minutes on Wednesday to talk about whether a combined authority can apply? We are preparing our application.\n\nThanks,\nOliver"
    raw = compose(
        Mail(
            name=name,
            client="exchange",
            sender=(MANCHESTER.contact, MANCHESTER.email),
            subject="RRR - quick call about eligibility (Manchester)",
            body=text,
            atts=[],
            arrival=at("2021-05-10 12:15:22"),
            wrap=lambda root: multipart(
                "alternative",
                f"_000_{token(name, 20)}_",
                [
                    text_part(text),
                    text_part(html_of(text), subtype="html"),
                    Part(
                        (
                            'Content-Type: text/calendar; charset="utf-8"; method=REQUEST',
                            "Content-Transfer-Encoding: base64",
                        ),
                        _b64(ics.encode()),
                    ),
                ],
            ),
        )
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="An Outlook meeting request from a person at a city, with no documents: not a machine message, and nothing of the application is there.",
    )


NURNBERG = City(
    "Stadt Nürnberg",
    "Nürnberg",
    "Deutschland",
    "515.543 (Stand 31.12.2020)",
    "Wirtschafts- und Wissenschaftsreferat",
    "Christine Bauer",
    "Sachbearbeiterin",
    "christine.bauer@stadt.nuernberg.de.example",
    "+49 911 231-0",
    "Marcus König",
    "Oberbürgermeister",
    "Rathausplatz 2, 90403 Nürnberg",
    seed=103,
)


@case
def de_nuernberg_letter_text_in_forward_and_signed_scan() -> tuple[bytes, dict[str, Any]]:
    form = docx_doc(
        form_de(NURNBERG, date="20.05.2021"), author="Bauer, Christine (Ref. VII)", seed="nue"
    )
    scan = scan_pdf("nuernberg-letter", creator="Xerox AltaLink C8045")
    letter_words = letter_de(
        NURNBERG, style="schreiben", date="20.05.2021", ref="OBM/2021/0512"
    ).replace("[sig]\n", "")
    text = (
        "Sehr geehrte Damen und Herren,\n\nanbei das Bewerbungsformular der Stadt Nürnberg. Das Schreiben des Oberbürgermeisters finden Sie "
        "unten und unterschrieben als Scan im Anhang.\n\nMit freundlichen Grüßen\nChristine Bauer\n\n"
        "Von: Büro Oberbürgermeister <buero.obm@stadt.nuernberg.de.example>\nGesendet: Donnerstag, 20. Mai 2021 11:02\n"
        f"An: Bauer, Christine <{NURNBERG.email}>\nBetreff: Schreiben RRR\n\n" + letter_words
    )
    raw = std(
        "de_nuernberg_letter_text_in_forward_and_signed_scan",
        "exchange_onprem",
        NURNBERG,
        [docx("Bewerbungsformular RRR Nürnberg.docx", form), pdf("Scan_20210520_0001.pdf", scan)],
        subject="WG: Schreiben RRR",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-20 14:12:09"),
        text=text,
    )
    return raw, expect(
        "accepted",
        "Bewerbungsformular RRR Nürnberg.docx",
        "Scan_20210520_0001.pdf",
        review=True,
        why="The letter's words are in the forwarded body and its signed copy is the unnamed scan: by elimination the scan is the letter.",
    )


ESSEN = City(
    "Stadt Essen",
    "Essen",
    "Deutschland",
    "582.415 (Stand 31.12.2020)",
    "EWG - Essener Wirtschaftsförderungsgesellschaft",
    "Katharina Brandt",
    "Projektmanagerin",
    "k.brandt@ewg.essen.de.example",
    "+49 201 82024-0",
    "Thomas Kufen",
    "Oberbürgermeister",
    "Porscheplatz 1, 45127 Essen",
    seed=104,
)


@case
def de_essen_question_no_documents() -> tuple[bytes, dict[str, Any]]:
    raw = std(
        "de_essen_question_no_documents",
        "exchange",
        ESSEN,
        [],
        subject="Frage zur Bewerbung: Unterschrift des Oberbürgermeisters",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-12 10:40:18"),
        text="Sehr geehrte Damen und Herren,\n\nkann die Absichtserklärung auch vom Beigeordneten für Wirtschaft unterschrieben werden, oder muss es der Oberbürgermeister sein?\n\nVielen Dank und freundliche Grüße\nKatharina Brandt",
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="A person's question to the call address, with nothing attached: by the rules an incomplete submission.",
    )


VITORIA = City(
    "Vitoria-Gasteizko Udala / Ayuntamiento de Vitoria-Gasteiz",
    "Vitoria-Gasteiz",
    "España",
    "253.996 (INE 2020)",
    "Departamento de Promoción Económica",
    "Ane Ruiz de Azua",
    "Técnica",
    "aruizdeazua@vitoria-gasteiz.org.example",
    "945 16 16 16",
    "Gorka Urtaran Agirre",
    "Alcalde",
    "Plaza de España, 1, 01001 Vitoria-Gasteiz",
    seed=105,
)


@case
def es_vitoria_webmail_raw_utf8_names() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(VITORIA, date="19 de mayo de 2021"), seed="vit")
    letter = pdf_doc(
        letter_es(VITORIA, style="carta", date="19 de mayo de 2021"),
        letterhead=["VITORIA-GASTEIZKO UDALA", "AYUNTAMIENTO DE VITORIA-GASTEIZ"],
        seed="vit-l",
        logo=True,
    )
    raw = std(
        "es_vitoria_webmail_raw_utf8_names",
        "roundcube",
        VITORIA,
        [
            pdf("Solicitud_RRR_Vitoria-Gasteiz_versión_final.pdf", form, style="raw"),
            pdf("Carta_intención_Alcaldía.pdf", letter, style="raw"),
        ],
        subject="Solicitud RRR Vitoria-Gasteiz",
        lang="es",
        arrival=at("2021-05-19 12:01:44"),
        html=False,
        subject_style="raw",
        from_style="raw",
    )
    return raw, expect(
        "accepted",
        "Solicitud_RRR_Vitoria-Gasteiz_versión_final.pdf",
        "Carta_intención_Alcaldía.pdf",
        why="A webmail that writes file names as raw UTF-8 in the headers (no encoded words): still the form and the letter.",
    )


# --- The clock: our server's Received line decides ---------------------------------------------

BUCURESTI = City(
    "Primăria Municipiului București",
    "București",
    "România",
    "1.830.000 (INS 2020)",
    "Direcția Dezvoltare Economică",
    "Andrei Popescu",
    "Consilier",
    "andrei.popescu@pmb.ro.example",
    "+40 21 305 5500",
    "Nicușor Dan",
    "Primar General",
    "Bd. Regina Elisabeta nr. 47, București",
    seed=106,
)


@case
def ro_bucuresti_late_by_one_second() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_ro(BUCURESTI, date="21.05.2021"), seed="buh")
    letter = pdf_doc(
        letter_ro(BUCURESTI, style="scrisoare", date="21.05.2021"),
        letterhead=["PRIMĂRIA MUNICIPIULUI BUCUREȘTI", "Primar General"],
        seed="buh-l",
        logo=True,
    )
    raw = std(
        "ro_bucuresti_late_by_one_second",
        "exchange",
        BUCURESTI,
        [
            pdf("Formular aplicare RRR Bucuresti.pdf", form),
            pdf("Scrisoare de intentie PMB.pdf", letter),
        ],
        subject="Aplicatie PMB - RRR",
        lang="ro",
        content_language="ro-RO",
        arrival=at("2021-05-21 23:00:01"),
        date=at("2021-05-21 23:59:40", 3.0),
    )
    return raw, expect(
        "late",
        "Formular aplicare RRR Bucuresti.pdf",
        "Scrisoare de intentie PMB.pdf",
        why="Our server received it at 23:00:01 CEST, one second after the deadline (Bucharest local time showed 23:59).",
    )


FRANKFURT = City(
    "Stadt Frankfurt am Main",
    "Frankfurt am Main",
    "Deutschland",
    "764.104 (Stand 31.12.2020)",
    "Dezernat Wirtschaft, Sport, Sicherheit und Feuerwehr",
    "Yasemin Aydın",
    "Referentin",
    "yasemin.aydin@stadt-frankfurt.de.example",
    "+49 69 212-0",
    "Peter Feldmann",
    "Oberbürgermeister",
    "Römerberg 23, 60311 Frankfurt am Main",
    seed=107,
)


@case
def de_frankfurt_on_the_stroke_of_the_deadline() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_de(FRANKFURT, date="21.05.2021"), seed="fra")
    letter = pdf_doc(
        letter_de(FRANKFURT, style="absicht", date="21.05.2021"),
        letterhead=["Stadt Frankfurt am Main", "Der Oberbürgermeister"],
        seed="fra-l",
        logo=True,
    )
    raw = std(
        "de_frankfurt_on_the_stroke_of_the_deadline",
        "exchange",
        FRANKFURT,
        [
            pdf("Bewerbung_RRR_Frankfurt.pdf", form),
            pdf("Absichtserklaerung_OB_Frankfurt.pdf", letter),
        ],
        subject="Bewerbung Frankfurt am Main - RRR",
        lang="de",
        content_language="de-DE",
        arrival=at("2021-05-21 23:00:00"),
    )
    return raw, expect(
        "accepted",
        "Bewerbung_RRR_Frankfurt.pdf",
        "Absichtserklaerung_OB_Frankfurt.pdf",
        why="Received at exactly 23:00:00 CEST: at the deadline is on time.",
    )


LAS_PALMAS = City(
    "Ayuntamiento de Las Palmas de Gran Canaria",
    "Las Palmas de Gran Canaria",
    "España",
    "381.223 (INE 2020)",
    "Servicio de Desarrollo Local",
    "Yeray Santana Déniz",
    "Agente de Empleo y Desarrollo Local",
    "ysantana@laspalmasgc.es.example",
    "928 44 60 00",
    "Augusto Hidalgo Macario",
    "Alcalde",
    "Calle León y Castillo, 270, 35005 Las Palmas de Gran Canaria",
    seed=108,
)


@case
def es_las_palmas_canary_time_received_in_utc_late() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_es(LAS_PALMAS, date="21 de mayo de 2021"), seed="lpa")
    letter = pdf_doc(
        letter_es(LAS_PALMAS, style="carta", date="21 de mayo de 2021"),
        letterhead=["AYUNTAMIENTO DE LAS PALMAS DE GRAN CANARIA"],
        seed="lpa-l",
        logo=True,
    )
    raw = std(
        "es_las_palmas_canary_time_received_in_utc_late",
        "exchange",
        LAS_PALMAS,
        [pdf("Solicitud RRR LPGC.pdf", form), pdf("Carta intencion Alcalde LPGC.pdf", letter)],
        subject="Solicitud RRR - Las Palmas de Gran Canaria",
        lang="es",
        content_language="es-ES",
        arrival=at("2021-05-21 21:00:40", 0.0),
        date=at("2021-05-21 22:00:31", 1.0),
        utc_received=True,
    )
    return raw, expect(
        "late",
        "Solicitud RRR LPGC.pdf",
        "Carta intencion Alcalde LPGC.pdf",
        why="Sent at 22:00 Canary time, which is 23:00 in Madrid; our server stamped 21:00:40 UTC, 40 seconds late.",
    )


FIRENZE = City(
    "Comune di Firenze",
    "Firenze",
    "Italia",
    "367.150 (ISTAT 2020)",
    "Direzione Attività Economiche e Turismo",
    "Chiara Bianchi",
    "Istruttore direttivo",
    "chiara.bianchi@comune.fi.it.example",
    "+39 055 2768 1234",
    "Dario Nardella",
    "Sindaco di Firenze",
    "Piazza della Signoria 1, 50122 Firenze",
    seed=109,
)


@case
def it_firenze_sender_clock_a_day_ahead() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_it(FIRENZE, date="21/05/2021"), seed="fi")
    letter = pdf_doc(
        letter_it(FIRENZE, style="intenti", date="21/05/2021"),
        letterhead=["COMUNE DI FIRENZE", "Il Sindaco"],
        seed="fi-l",
        logo=True,
    )
    raw = std(
        "it_firenze_sender_clock_a_day_ahead",
        "thunderbird",
        FIRENZE,
        [
            pdf("Modulo candidatura Firenze.pdf", form),
            pdf("Lettera di intenti Firenze.pdf", letter),
        ],
        subject="Candidatura Firenze - RRR",
        lang="it",
        content_language="it-IT",
        arrival=at("2021-05-21 16:40:12"),
        date=at("2021-05-22 09:12:00"),
        html=False,
    )
    return raw, expect(
        "accepted",
        "Modulo candidatura Firenze.pdf",
        "Lettera di intenti Firenze.pdf",
        why="The PC's clock put 22 May in the Date header, but our server received it on 21 May at 16:40: on time.",
    )


ANTWERPEN = City(
    "Stad Antwerpen",
    "Antwerpen",
    "België",
    "529.247 (Statbel 2020)",
    "Economie en Werk",
    "Pieter Claes",
    "Beleidsadviseur sociale economie",
    "pieter.claes@antwerpen.be.example",
    "+32 3 22 11 333",
    "Bart De Wever",
    "Burgemeester",
    "Grote Markt 1, 2000 Antwerpen",
    seed=110,
)


@case
def nl_be_antwerpen_queued_at_sender_arrived_late() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_nl(ANTWERPEN, title="KANDIDATUURFORMULIER", date="21 mei 2021"), seed="anr")
    letter = pdf_doc(
        letter_nl(ANTWERPEN, style="intentie", date="21 mei 2021"),
        letterhead=["Stad Antwerpen", "Kabinet van de burgemeester"],
        seed="anr-l",
        logo=True,
    )
    queued = at("2021-05-21 22:58:40")
    raw = std(
        "nl_be_antwerpen_queued_at_sender_arrived_late",
        "exchange_onprem",
        ANTWERPEN,
        [
            pdf("Kandidatuur Antwerpen RRR.pdf", form),
            pdf("Intentieverklaring Antwerpen.pdf", letter),
        ],
        subject="Kandidatuur Stad Antwerpen - RRR",
        lang="nl",
        content_language="nl-BE",
        arrival=at("2021-05-21 23:07:12"),
        date=at("2021-05-21 22:58:31"),
        received_extra=[
            f"Received: from EXCH01.antwerpen.be.example (10.20.1.9) by mx01.antwerpen.be.example\n (10.20.0.5) with Microsoft SMTP Server (TLS) id 15.1.2242.4; {rfc2822(queued)}"
        ],
    )
    return raw, expect(
        "late",
        "Kandidatuur Antwerpen RRR.pdf",
        "Intentieverklaring Antwerpen.pdf",
        why="Sent at 22:58 and held in the city's outgoing queue; our server received it at 23:07: late.",
    )


PORTO_ALEGRE = City(
    "Prefeitura Municipal de Porto Alegre",
    "Porto Alegre",
    "Brasil",
    "1.488.252 (IBGE 2020)",
    "Secretaria Municipal de Desenvolvimento Econômico",
    "Luciana Schmidt",
    "Assessora",
    "luciana.schmidt@portoalegre.rs.gov.br.example",
    "+55 51 3289-1000",
    "Sebastião Melo",
    "Prefeito de Porto Alegre",
    "Praça Montevidéu, 10 - Centro Histórico, Porto Alegre - RS",
    seed=111,
)


@case
def pt_br_porto_alegre_a_week_late() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_pt(PORTO_ALEGRE, brazil=True, date="26 de maio de 2021"), seed="poa")
    letter = pdf_doc(
        letter_pt(PORTO_ALEGRE, style="oficio", date="26 de maio de 2021", ref="0412/2021 - SMDE"),
        letterhead=["PREFEITURA DE PORTO ALEGRE"],
        seed="poa-l",
        logo=True,
    )
    raw = std(
        "pt_br_porto_alegre_a_week_late",
        "gmail",
        PORTO_ALEGRE,
        [pdf("Formulario_POA_RRR.pdf", form), pdf("Oficio_0412_2021.pdf", letter)],
        subject="Inscrição Porto Alegre - RRR (ainda é possível?)",
        lang="pt_br",
        arrival=at("2021-05-27 14:20:00"),
        text=body(
            "pt_br",
            PORTO_ALEGRE,
            before="Soubemos da chamada apenas agora; pedimos que considerem nossa inscrição, se ainda for possível.",
        ),
    )
    return raw, expect(
        "late",
        "Formulario_POA_RRR.pdf",
        "Oficio_0412_2021.pdf",
        why="Complete, but received on 27 May.",
    )


HAMILTON = City(
    "City of Hamilton",
    "Hamilton",
    "Canada",
    "579,200 (2019 estimate)",
    "Economic Development Division",
    "Sarah Kowalski",
    "Business Development Consultant",
    "sarah.kowalski@hamilton.ca.example",
    "905-546-2424",
    "Fred Eisenberger",
    "Mayor",
    "71 Main Street West, Hamilton, ON L8P 4Y5",
    seed=112,
)


@case
def en_ca_hamilton_late_letter_only() -> tuple[bytes, dict[str, Any]]:
    letter = pdf_doc(
        letter_en(HAMILTON, style="us", date="May 24, 2021"),
        letterhead=["City of Hamilton", "Office of the Mayor"],
        seed="ham-ca-l",
        logo=True,
    )
    raw = std(
        "en_ca_hamilton_late_letter_only",
        "exchange",
        HAMILTON,
        [pdf("Hamilton Mayor LOI.pdf", letter)],
        subject="City of Hamilton - Letter of Intent (RRR)",
        lang="en",
        content_language="en-CA",
        arrival=at("2021-05-24 17:03:33"),
        text="Good morning,\n\nPlease find attached the Mayor's letter of intent. Our application form will follow shortly.\n\nSarah Kowalski\nCity of Hamilton",
    )
    return raw, expect(
        "late",
        None,
        "Hamilton Mayor LOI.pdf",
        why="After the deadline, and only the letter; the document found is still recorded.",
    )


ESPOO = City(
    "Espoon kaupunki",
    "Espoo",
    "Suomi",
    "292 796 (Tilastokeskus 2020)",
    "Elinkeinot ja innovaatiot",
    "Henna Laaksonen",
    "Erityisasiantuntija",
    "henna.laaksonen@espoo.fi.example",
    "+358 9 81621",
    "Jukka Mäkelä",
    "Kaupunginjohtaja",
    "Espoonkatu 5, 02770 Espoo",
    seed=113,
)


@case
def fi_espoo_saved_eml_without_received_on_time() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(ESPOO, date="20.5.2021"), seed="espoo")
    letter = pdf_doc(
        letter_short("fi", ESPOO, date="20.5.2021"),
        letterhead=["Espoon kaupunki", "Kaupunginjohtaja"],
        seed="espoo-l",
        logo=True,
    )
    raw = std(
        "fi_espoo_saved_eml_without_received_on_time",
        "owa",
        ESPOO,
        [pdf("RRR_Application_Espoo.pdf", form), pdf("Aiekirje_Espoo.pdf", letter)],
        subject="City of Espoo - RRR application",
        lang="generic_en",
        content_language="fi-FI",
        arrival=None,
        date=at("2021-05-20 13:45:00", 3.0),
        hops=False,
    )
    return raw, expect(
        "accepted",
        "RRR_Application_Espoo.pdf",
        "Aiekirje_Espoo.pdf",
        review=True,
        why="A message saved from Outlook on the web with no Received line at all: only its Date (20 May) dates it, so staff should confirm.",
    )


GENOVA = City(
    "Comune di Genova",
    "Genova",
    "Italia",
    "565.752 (ISTAT 2020)",
    "Direzione Sviluppo Economico",
    "Paolo Repetto",
    "Funzionario",
    "prepetto@comune.genova.it.example",
    "+39 010 557 1111",
    "Marco Bucci",
    "Sindaco di Genova",
    "Via Garibaldi 9, 16124 Genova",
    seed=114,
)


@case
def it_genova_saved_eml_without_received_late() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(form_it(GENOVA, date="22/05/2021"), seed="ge")
    letter = pdf_doc(
        letter_it(GENOVA, style="intenti", date="22/05/2021"),
        letterhead=["COMUNE DI GENOVA", "Il Sindaco"],
        seed="ge-l",
        logo=True,
    )
    raw = std(
        "it_genova_saved_eml_without_received_late",
        "thunderbird",
        GENOVA,
        [pdf("Modulo_RRR_Genova.pdf", form), pdf("Lettera_intenti_Genova.pdf", letter)],
        subject="Candidatura Genova RRR",
        lang="it",
        content_language="it-IT",
        arrival=None,
        date=at("2021-05-22 10:05:00"),
        hops=False,
        html=False,
    )
    return raw, expect(
        "late",
        "Modulo_RRR_Genova.pdf",
        "Lettera_intenti_Genova.pdf",
        review=True,
        why="No Received line; the Date header (22 May, 10:05) is all there is and it is after the deadline; staff should confirm.",
    )


CDMX = City(
    "Gobierno de la Ciudad de México",
    "Ciudad de México",
    "México",
    "9,209,944 (INEGI 2020)",
    "Secretaría de Desarrollo Económico",
    "Rodrigo Salinas Pérez",
    "Director de Economía Social",
    "rsalinas@sedeco.cdmx.gob.mx.example",
    "55 5682 2096",
    "Dra. Claudia Sheinbaum Pardo",
    "Jefa de Gobierno",
    "Plaza de la Constitución 2, Centro, Cuauhtémoc, CDMX",
    seed=115,
)


@case
def es_mx_cdmx_last_afternoon_local_time() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(
        form_es(CDMX, title="FORMATO DE SOLICITUD", date="21 de mayo de 2021", table=True),
        seed="cdmx",
    )
    letter = pdf_doc(
        letter_es(CDMX, style="oficio", date="21 de mayo de 2021", ref="SEDECO/DES/0877/2021"),
        letterhead=["GOBIERNO DE LA CIUDAD DE MÉXICO", "Secretaría de Desarrollo Económico"],
        seed="cdmx-l",
        logo=True,
    )
    raw = std(
        "es_mx_cdmx_last_afternoon_local_time",
        "exchange",
        CDMX,
        [pdf("Formato RRR CDMX.pdf", form), pdf("Oficio SEDECO-DES-0877-2021.pdf", letter)],
        subject="Solicitud Ciudad de México - RRR",
        lang="es_mx",
        content_language="es-MX",
        arrival=at("2021-05-21 22:30:05"),
        date=at("2021-05-21 15:29:50", -5.0),
    )
    return raw, expect(
        "accepted",
        "Formato RRR CDMX.pdf",
        "Oficio SEDECO-DES-0877-2021.pdf",
        why="Sent at 15:29 Mexico City time, received 22:30 CEST: on time.",
    )


LOS_ANGELES = City(
    "City of Los Angeles",
    "Los Angeles",
    "United States",
    "3,979,576 (2019 estimate)",
    "Economic and Workforce Development Department",
    "Jasmine Ortiz",
    "Senior Project Coordinator",
    "jasmine.ortiz@lacity.org.example",
    "(213) 744-7100",
    "Eric Garcetti",
    "Mayor",
    "200 N. Spring Street, Los Angeles, CA 90012",
    seed=116,
)


@case
def en_us_los_angeles_two_seconds_to_spare() -> tuple[bytes, dict[str, Any]]:
    form = pdf_doc(*form_en_pages(LOS_ANGELES, date="05/21/2021"), seed="lax")
    letter = pdf_doc(
        letter_en(LOS_ANGELES, style="us", date="May 21, 2021"),
        letterhead=["CITY OF LOS ANGELES", "OFFICE OF THE MAYOR"],
        seed="lax-l",
        logo=True,
    )
    raw = std(
        "en_us_los_angeles_two_seconds_to_spare",
        "gmail",
        LOS_ANGELES,
        [pdf("LA_RRR_Application.pdf", form), pdf("LA_Mayor_Letter_of_Intent.pdf", letter)],
        subject="City of Los Angeles - RRR Peer Learning Cities",
        lang="en_us",
        arrival=at("2021-05-21 22:59:58"),
        date=at("2021-05-21 13:59:51", -7.0),
    )
    return raw, expect(
        "accepted",
        "LA_RRR_Application.pdf",
        "LA_Mayor_Letter_of_Intent.pdf",
        why="Received at 22:59:58 CEST (13:59 in Los Angeles): two seconds early.",
    )


# =================================================================================================
# Writing and checking
# =================================================================================================


def build() -> dict[str, bytes]:
    """Every file of the corpus, by name."""
    files: dict[str, bytes] = {}
    for name, function in CASES.items():
        raw, expectation = function()
        files[f"{name}.eml"] = raw
        files[f"{name}.json"] = (
            json.dumps(expectation, ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    parser.add_argument(
        "--only", default=None, help="build only the cases whose name contains this"
    )
    args = parser.parse_args(argv)
    if args.only:
        for name in [n for n in CASES if args.only not in n]:
            del CASES[name]
    files = build()
    if args.check:
        stale = [
            name
            for name, data in files.items()
            if not (OUT / name).is_file() or (OUT / name).read_bytes() != data
        ]
        extra = (
            sorted(
                p.name
                for p in OUT.glob("*.*")
                if p.suffix in (".eml", ".json") and p.name not in files
            )
            if not args.only
            else []
        )
        for name in stale:
            print(f"differs: {name}")
        for name in extra:
            print(f"not built by this script: {name}")
        return 1 if stale or extra else 0
    OUT.mkdir(exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(files) // 2} cases to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
