"""Builders of real documents for tests: PDF, DOCX, ODT, RTF, zip, TNEF (winmail.dat) and PNG.

Each returns the bytes of a file that the real readers (pypdf, python-docx, odfpy, zipfile,
tnefparse) open, so tests exercise the same code paths as applicants' files. PDF, RTF, zip,
TNEF and PNG output is deterministic (the same arguments give the same bytes); DOCX and ODT
carry the time they were made, as the libraries write it.
"""

from __future__ import annotations

import hashlib
import io
import struct
import textwrap
import zlib
from pathlib import Path

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT_NAME = "RrrDejaVuSans"


def _pdf_font() -> str:
    """A font that shows accents (ł, ç, ã...) when DejaVu is installed, else Helvetica."""
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    if _FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return _FONT_NAME
    if _DEJAVU.is_file():
        pdfmetrics.registerFont(TTFont(_FONT_NAME, str(_DEJAVU)))
        return _FONT_NAME
    return "Helvetica"


def make_pdf(text: str, *, pages: int = 1, title: str | None = None) -> bytes:
    """A PDF with a real text layer: ``text`` on every page (wrapped), "Page i of n" when n > 1."""
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    if title:
        pdf.setTitle(title)
    font = _pdf_font()
    width, height = A4
    lines = [
        wrapped
        for paragraph in text.split("\n")
        for wrapped in (textwrap.wrap(paragraph, 90) or [""])
    ]
    for page in range(1, pages + 1):
        y = height - 72
        pdf.setFont(font, 11)
        for line in lines:
            if y < 72:  # the text runs over: go on on a new physical page
                pdf.showPage()
                pdf.setFont(font, 11)
                y = height - 72
            pdf.drawString(72, y, line)
            y -= 15
        if pages > 1:
            pdf.setFont(font, 9)
            pdf.drawString(width / 2 - 30, 40, f"Page {page} of {pages}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_image_pdf() -> bytes:
    """A scanned page: one embedded picture and no text layer at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.drawImage(ImageReader(io.BytesIO(make_png(300, 400))), 72, 200, width=450, height=600)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    """A Word document: the paragraphs, then a table (rows of cells) when given."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=len(table), cols=columns)
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(paragraphs: list[str]) -> bytes:
    """An OpenDocument text (LibreOffice) with one text:p per paragraph."""
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_rtf(text: str) -> bytes:
    """An RTF document as Word writes one: cp1252 bytes as \\'hh, other characters as \\uN?."""
    out = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0",
        "{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}",
        "{\\colortbl ;\\red0\\green0\\blue0;}",
        "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1",
        "\\pard\\f0\\fs22 ",
    ]
    for char in text:
        if char == "\n":
            out.append("\\par\n")
        elif char in "\\{}":
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        else:
            try:
                out.append(f"\\'{char.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:
                units = char.encode("utf-16-le")
                for (unit,) in struct.iter_unpack("<h", units):
                    out.append(f"\\u{unit}?")
    out.append("\\par\n}")
    return "".join(out).encode("ascii")


# --- zip ---------------------------------------------------------------------------------------

_DOS_TIME = (12 << 11) | (0 << 5)  # 12:00:00
_DOS_DATE = ((2021 - 1980) << 9) | (5 << 5) | 20  # 2021-05-20


def make_zip(
    files: dict[str, bytes],
    *,
    encrypt: bool = False,
    utf8_names: bool = True,
    name_encoding: str = "cp437",
    password: bytes = b"secret",
) -> bytes:
    """A zip archive written byte by byte (so names and encryption are under the test's control).

    Names ending in "/" are folders. With ``utf8_names`` non-ASCII names are UTF-8 and flagged
    (bit 11), as modern tools do; without, they are written in ``name_encoding`` with no flag,
    as Windows' built-in zip does (cp850 in Spain, cp852 in Poland). ``encrypt`` uses the
    traditional PKWARE cipher, which zipfile can read with ``password`` but intake must refuse.
    """
    body = bytearray()
    central = bytearray()
    for index, (name, data) in enumerate(files.items()):
        is_dir = name.endswith("/")
        flags = 0
        if utf8_names:
            raw_name = name.encode("utf-8")
            if not name.isascii():
                flags |= 0x800
        else:
            raw_name = name.encode(name_encoding)
        crc = zlib.crc32(data)
        method = 0 if is_dir or not data else 8
        payload = _deflate(data) if method == 8 else data
        if encrypt and not is_dir:
            flags |= 0x1
            seed = hashlib.sha256(raw_name + bytes([index])).digest()[:11]
            payload = _zipcrypto(password, seed + bytes([crc >> 24 & 0xFF]) + payload)
        offset = len(body)
        common = struct.pack(
            "<HHHHHIII", 20, flags, method, _DOS_TIME, _DOS_DATE, crc, len(payload), len(data)
        )
        body += struct.pack("<I", 0x04034B50) + common + struct.pack("<HH", len(raw_name), 0)
        body += raw_name + payload
        central += struct.pack("<IH", 0x02014B50, 20) + common
        central += struct.pack(
            "<HHHHHII", len(raw_name), 0, 0, 0, 0, 0x10 if is_dir else 0x20, offset
        )
        central += raw_name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central), len(body), 0
    )
    return bytes(body + central + end)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def _zipcrypto(password: bytes, plain: bytes) -> bytes:
    """The traditional PKWARE stream cipher (APPNOTE 6.1): three keys updated per byte."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = (keys[0] >> 8) ^ _CRC_TABLE[(keys[0] ^ byte) & 0xFF]
        keys[1] = (keys[1] + (keys[0] & 0xFF)) & 0xFFFFFFFF
        keys[1] = (keys[1] * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = (keys[2] >> 8) ^ _CRC_TABLE[(keys[2] ^ (keys[1] >> 24)) & 0xFF]

    for byte in password:
        update(byte)
    out = bytearray()
    for byte in plain:
        temp = (keys[2] | 2) & 0xFFFF
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)


# --- TNEF (winmail.dat) --------------------------------------------------------------------------

_LVL_MESSAGE = 0x01
_LVL_ATTACHMENT = 0x02
# Attribute ids: low word the attribute, high word its type (MS-OXTNEF 2.1.3.3).
_ATT_TNEF_VERSION = 0x00089006
_ATT_OEM_CODEPAGE = 0x00069007
_ATT_MESSAGE_CLASS = 0x00078008
_ATT_BODY = 0x0002800C
_ATT_MSG_PROPS = 0x00069003
_ATT_ATTACH_REND_DATA = 0x00069002
_ATT_ATTACH_TITLE = 0x00018010
_ATT_ATTACH_DATA = 0x0006800F
_ATT_ATTACHMENT = 0x00069005
# MAPI property types and ids
_PT_LONG = 0x0003
_PT_STRING8 = 0x001E
_PT_UNICODE = 0x001F
_PT_BINARY = 0x0102
_PR_RTF_COMPRESSED = 0x1009
_PR_ATTACH_FILENAME = 0x3704
_PR_ATTACH_METHOD = 0x3705
_PR_ATTACH_LONG_FILENAME = 0x3707


def make_tnef(attachments: dict[str, bytes], *, body: str = "") -> bytes:
    """A TNEF stream as Outlook puts in winmail.dat (written from the MS-OXTNEF description).

    Each attachment carries an 8.3 title (attAttachTitle, cp1252) and its long name as a MAPI
    property, like Outlook does; ``body`` goes in as attBody text and as RTF in attMsgProps
    (stored uncompressed, "MELA"), which is what an RTF-only winmail.dat carries.
    """
    out = bytearray(struct.pack("<IH", 0x223E9F78, 0x0001))
    out += _tnef_attr(_LVL_MESSAGE, _ATT_TNEF_VERSION, struct.pack("<I", 0x00010000))
    out += _tnef_attr(_LVL_MESSAGE, _ATT_OEM_CODEPAGE, struct.pack("<II", 1252, 0))
    out += _tnef_attr(_LVL_MESSAGE, _ATT_MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\x00")
    if body:
        out += _tnef_attr(_LVL_MESSAGE, _ATT_BODY, body.encode("cp1252", "replace"))
        rtf = make_rtf(body)
        mela = struct.pack("<III", len(rtf) + 12, len(rtf), 0x414C454D) + b"\0\0\0\0" + rtf
        out += _tnef_attr(
            _LVL_MESSAGE, _ATT_MSG_PROPS, _mapi_props([(_PT_BINARY, _PR_RTF_COMPRESSED, mela)])
        )
    for position, (name, data) in enumerate(attachments.items()):
        short = _short_name(name, position)
        rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)  # a file, no rendering position
        out += _tnef_attr(_LVL_ATTACHMENT, _ATT_ATTACH_REND_DATA, rend)
        out += _tnef_attr(_LVL_ATTACHMENT, _ATT_ATTACH_TITLE, short.encode("cp1252") + b"\x00")
        out += _tnef_attr(_LVL_ATTACHMENT, _ATT_ATTACH_DATA, data)
        props = [
            (_PT_LONG, _PR_ATTACH_METHOD, struct.pack("<I", 1)),
            (_PT_STRING8, _PR_ATTACH_FILENAME, short.encode("cp1252") + b"\x00"),
            (_PT_UNICODE, _PR_ATTACH_LONG_FILENAME, name.encode("utf-16-le") + b"\x00\x00"),
        ]
        out += _tnef_attr(_LVL_ATTACHMENT, _ATT_ATTACHMENT, _mapi_props(props))
    return bytes(out)


def _tnef_attr(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def _mapi_props(props: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(struct.pack("<I", len(props)))
    for prop_type, prop_id, value in props:
        out += struct.pack("<HH", prop_type, prop_id)
        if prop_type == _PT_LONG:
            out += value
        else:  # variable length: one value, its length, the bytes padded to 4
            out += struct.pack("<II", 1, len(value)) + value + b"\0" * (-len(value) % 4)
    return bytes(out)


def _short_name(name: str, position: int) -> str:
    """An 8.3 name as old Outlook titles attachments: FORMUL~1.PDF."""
    stem, _, ext = name.rpartition(".")
    if not stem:
        stem, ext = name, ""
    base = "".join(c for c in stem.upper() if c.isascii() and c.isalnum())[:6] or "ATTACH"
    return f"{base}~{position + 1}" + (f".{ext.upper()[:3]}" if ext else "")


# --- PNG ---------------------------------------------------------------------------------------


def make_png(width: int = 40, height: int = 20) -> bytes:
    """A real RGB PNG (a colour gradient), built with zlib and struct."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows += bytes((x * 255 // max(width - 1, 1), y * 255 // max(height - 1, 1), 128))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )
