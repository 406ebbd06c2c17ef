"""Builds the holdout corpus in tests/data/holdout/: application emails the classifier never saw.

Each case is a pair NAME.eml (the message exactly as our server would store it) and NAME.json (what
a careful human decides for it, following the call's rules). The corpus exists to measure how well
the product generalises, so its wording, file names and mail-client habits were written
independently of the tuning corpus in tests/data/messages/.

    python tests/data/build_holdout.py            write the corpus
    python tests/data/build_holdout.py --check    build in memory and compare with the files on disk

The output is deterministic: fixed dates, boundaries, ids and zip timestamps, so a rebuild gives the
same bytes (the --check mode is how that is verified). Only the committed files are the corpus;
this script documents how they were made.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import quopri
import re
import sys
import textwrap
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from tests.support.documents import make_rtf, make_tnef, make_zip  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "holdout"
OUR_ADDRESS = "peerlearning@rrr-cities.example"
OUR_MX = "mx.rrr-cities.example"
FIXED_ZIP_TIME = (2021, 5, 19, 9, 30, 0)
FIXED_ISO = "2021-05-19T09:30:00Z"

UTC = timezone.utc  # noqa: UP017


def _h(*parts: str, n: int = 16) -> str:
    """A stable hex token derived from its inputs (ids, boundaries, queue ids)."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:n]


def _token(seed: str, alphabet: str, n: int) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:n])


# ============================================================================ documents


def pdf(
    pages: list[str], *, title: str | None = None, author: str | None = None, size: int = 10
) -> bytes:
    """A PDF with a text layer, one string per physical page (a combined file has several)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.support.documents import _pdf_font

    buffer = io.BytesIO()
    doc = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    if title:
        doc.setTitle(title)
    if author:
        doc.setAuthor(author)
    font = _pdf_font()
    height = A4[1]
    for page_text in pages:
        y = height - 60
        doc.setFont(font, size)
        for paragraph in page_text.split("\n"):
            for line in textwrap.wrap(paragraph, 95) or [""]:
                if y < 60:
                    doc.showPage()
                    doc.setFont(font, size)
                    y = height - 60
                doc.drawString(60, y, line)
                y -= size + 4
        doc.showPage()
    doc.save()
    return buffer.getvalue()


def scan_jpeg(seed: str, *, width: int = 827, height: int = 1169, quality: int = 70) -> bytes:
    """A photographed or scanned page: grey paper, lines of 'ink', a signature scrawl. No text."""
    from PIL import Image, ImageDraw

    rnd = hashlib.sha256(seed.encode()).digest()
    image = Image.new("L", (width, height), 236 + rnd[0] % 12)
    draw = ImageDraw.Draw(image)
    y = 90
    i = 0
    while y < height - 260:
        length = 220 + (rnd[i % 32] * 7) % (width - 320)
        draw.rectangle((70, y, 70 + length, y + 9), fill=40 + rnd[(i + 3) % 32] % 50)
        y += 22 + (18 if rnd[(i + 5) % 32] % 5 == 0 else 0)
        i += 1
    points = [(120 + k * 14, height - 200 + ((rnd[k % 32] % 40) - 20)) for k in range(18)]
    draw.line(points, fill=20, width=3)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def scan_pdf(seed: str, *, pages: int = 1) -> bytes:
    """A scanner's PDF: pictures of pages and no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    doc = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    doc.setCreator("RICOH MP C3004")
    for page in range(pages):
        picture = ImageReader(io.BytesIO(scan_jpeg(f"{seed}/{page}", quality=55)))
        doc.drawImage(picture, 0, 0, width=A4[0], height=A4[1])
        doc.showPage()
    doc.save()
    return buffer.getvalue()


_DATE_RE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?")


def _normalise_office_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/ODF package with fixed entry times and fixed dates in its metadata."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                content = _DATE_RE.sub(FIXED_ISO.encode(), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


@dataclass
class Table:
    """A table in a document: rows of cells."""

    rows: list[list[str]]


@dataclass
class PageBreak:
    """A hard page break in a word-processor document."""


Block = str | Table | PageBreak


def docx(blocks: Sequence[Block], *, author: str = "Usuario", title: str = "") -> bytes:
    """A Word document: paragraphs, tables and page breaks in order; fixed metadata."""
    import docx as python_docx
    from docx.enum.text import WD_BREAK

    document = python_docx.Document()
    for block in blocks:
        if isinstance(block, Table):
            columns = max(len(row) for row in block.rows)
            grid = document.add_table(rows=len(block.rows), cols=columns)
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            document.add_paragraph(block)
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.comments = ""
    props.created = datetime(2021, 5, 18, 8, 0, 0)
    props.modified = datetime(2021, 5, 19, 9, 30, 0)
    props.revision = 4
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_office_zip(buffer.getvalue())


def odt(blocks: Sequence[Block]) -> bytes:
    """An OpenDocument text (LibreOffice): paragraphs and real table:table elements."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentText()
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            columns = max(len(row) for row in block.rows)
            grid = OdfTable(name=f"Tabela{index + 1}")
            grid.addElement(TableColumn(numbercolumnsrepeated=columns))
            for row in block.rows:
                table_row = TableRow()
                for value in row:
                    cell = TableCell(valuetype="string")
                    for line in value.split("\n"):
                        cell.addElement(P(text=line))
                    table_row.addElement(cell)
                grid.addElement(table_row)
            document.text.addElement(grid)
        elif isinstance(block, PageBreak):
            continue
        else:
            document.text.addElement(P(text=block))
    buffer = io.BytesIO()
    document.write(buffer)
    return _normalise_office_zip(buffer.getvalue())


def corrupt_pdf(seed: str) -> bytes:
    """The first kilobytes of a PDF whose upload was cut off: a header and then nothing usable."""
    whole = pdf([f"Truncated upload {seed}"] * 2)
    return whole[: len(whole) // 5]


def fake_p7s(seed: str) -> bytes:
    """Bytes shaped like a detached CMS signature (DER SEQUENCE); only its presence matters."""
    body = b"".join(hashlib.sha256(f"{seed}/{i}".encode()).digest() for i in range(60))
    return b"\x30\x82" + len(body).to_bytes(2, "big") + body


def fake_exe(seed: str) -> bytes:
    """A Windows executable's first bytes (MZ header), as a self-extracting archive would start."""
    filler = b"".join(hashlib.sha256(f"{seed}/{i}".encode()).digest() for i in range(200))
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + filler


# ============================================================================ MIME writing


def b64(data: bytes, width: int = 76) -> str:
    text = base64.b64encode(data).decode("ascii")
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) + "\n"


def qp(text: str, charset: str = "utf-8") -> str:
    encoded = quopri.encodestring(text.replace("\n", "\r\n").encode(charset)).decode("ascii")
    return encoded.replace("\r\n", "\n").replace("=0D\n", "\n")


def rfc2047_b(value: str, charset: str = "UTF-8", *, chunk: int = 0) -> str:
    """Encoded-word(s) in base64; ``chunk`` splits long values into several words, as Gmail does."""
    raw = value.encode(charset)
    if not chunk or len(raw) <= chunk:
        return f"=?{charset}?B?{base64.b64encode(raw).decode()}?="
    words, current = [], ""
    for char in value:
        if len((current + char).encode(charset)) > chunk:
            words.append(current)
            current = ""
        current += char
    words.append(current)
    return " ".join(
        f"=?{charset}?B?{base64.b64encode(w.encode(charset)).decode()}?=" for w in words
    )


def rfc2047_q(value: str, charset: str = "UTF-8") -> str:
    out = []
    for byte in value.encode(charset):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char.isascii() and (char.isalnum() or char in "-!*+/"):
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return f"=?{charset}?Q?{''.join(out)}?="


def rfc2231(param: str, value: str, charset: str = "UTF-8", *, width: int = 0) -> str:
    """``param*=charset''value`` with percent-escapes; ``width`` splits into *0*, *1*... "
    "sections."""
    encoded = quote(value.encode(charset), safe="")
    if not width or len(encoded) <= width:
        return f"{param}*={charset}''{encoded}"
    sections, i = [], 0
    while i < len(encoded):
        end = min(i + width, len(encoded))
        while end < len(encoded) and "%" in encoded[end - 2 : end]:
            end -= 1  # never cut a %XX escape in two
        sections.append(encoded[i:end])
        i = end
    lines = [f"{param}*0*={charset}''{sections[0]}"]
    lines += [f"{param}*{k}*={s}" for k, s in enumerate(sections[1:], start=1)]
    return ";\n ".join(lines)


@dataclass
class Part:
    """One MIME entity: its header lines and either an encoded body or sub-parts."""

    headers: list[tuple[str, str]]
    body: str | bytes = ""
    parts: list[Part] = field(default_factory=list)
    boundary: str = ""
    preamble: str = ""
    epilogue: str = ""

    def render(self) -> bytes:
        out = bytearray()
        for name, value in self.headers:
            out += f"{name}: {value}\n".encode()
        out += b"\n"
        if self.boundary:
            if self.preamble:
                out += self.preamble.encode() + b"\n"
            for sub in self.parts:
                out += f"--{self.boundary}\n".encode()
                rendered = sub.render()
                out += rendered if rendered.endswith(b"\n") else rendered + b"\n"
            out += f"--{self.boundary}--\n".encode()
            if self.epilogue:
                out += self.epilogue.encode()
        else:
            out += self.body if isinstance(self.body, bytes) else self.body.encode()
        return bytes(out)


def multipart(subtype: str, boundary: str, parts: list[Part], **kw: Any) -> Part:
    headers = [("Content-Type", f'multipart/{subtype};\n\tboundary="{boundary}"')]
    headers += kw.pop("headers", [])
    return Part(headers, parts=parts, boundary=boundary, **kw)


def text_part(
    text: str,
    *,
    subtype: str = "plain",
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    extra: str = "",
    headers_first: bool = True,
    label: str | None = None,
) -> Part:
    if cte == "quoted-printable":
        body = qp(text, charset)
    elif cte == "base64":
        body = b64(text.encode(charset))
    else:
        body = text if text.endswith("\n") else text + "\n"
    ctype = f"text/{subtype}; charset={label or charset}{extra}"
    headers = [("Content-Type", ctype), ("Content-Transfer-Encoding", cte)]
    if not headers_first:
        headers.reverse()
    return Part(headers, body.encode(charset) if cte == "8bit" else body)


def html_of(text: str, style: str = "") -> str:
    paragraphs = "".join(
        f"<p{style}>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>\n" if line else "<br>\n"
        for line in text.split("\n")
    )
    return f'<html><head><meta charset="utf-8"></head><body>\n{paragraphs}</body></html>\n'


@dataclass
class Att:
    """A file attached to a message. ``name`` None makes a part with no name at all."""

    name: str | None
    data: bytes
    ctype: str = "application/pdf"
    inline: bool = False
    cid: str | None = None


def ctype_for(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text",
        "rtf": "application/rtf",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "zip": "application/zip",
        "html": "text/html",
        "htm": "text/html",
        "exe": "application/x-msdownload",
        "ics": "text/calendar",
    }.get(ext, "application/octet-stream")


def att(name: str, data: bytes, **kw: Any) -> Att:
    return Att(name, data, kw.pop("ctype", ctype_for(name)), **kw)


# ============================================================================ time and stamps


def at(stamp: str) -> datetime:
    """'2021-05-20 10:14:22+02:00' -> an aware datetime."""
    return datetime.fromisoformat(stamp)


ZONE_NAMES = {2.0: "CEST", 1.0: "BST", 0.0: "UTC", -3.0: "-03", -4.0: "EDT", -7.0: "PDT"}


def rfc_date(moment: datetime, *, zone_name: bool = True) -> str:
    """An RFC 5322 date; with ``zone_name`` the zone's abbreviation follows, as Postfix writes."""
    text = format_datetime(moment).replace("-0000", "+0000")
    offset = moment.utcoffset()
    name = ZONE_NAMES.get(offset.total_seconds() / 3600) if offset is not None else None
    if zone_name and name:
        text += f" ({name})"
    return text


def zoned(moment: datetime, hours: float, name: str | None = None) -> datetime:
    tz = timezone(timedelta(hours=hours), name) if name else timezone(timedelta(hours=hours))
    return moment.astimezone(tz)


@dataclass(frozen=True)
class Relay:
    """The host that handed a message to our MX, as our Received header names it."""

    helo: str
    rdns: str
    ip: str
    tls: bool = True


def our_received(seed: str, relay: Relay, moment: datetime, *, to: str = OUR_ADDRESS) -> str:
    qid = _token(seed + "qid", "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz", 15)
    qid = "4F" + qid[2:]
    lines = [f"from {relay.helo} ({relay.rdns} [{relay.ip}])"]
    if relay.tls:
        lines += [
            "(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))",
            "(No client certificate requested)",
        ]
    proto = "ESMTPS" if relay.tls else "ESMTP"
    lines.append(f"by {OUR_MX} (Postfix) with {proto} id {qid}")
    lines.append(f"for <{to}>; {rfc_date(moment)}")
    return "\n\t".join(lines)


def envelope(seed: str, return_path: str, relay: Relay, moment: datetime) -> list[tuple[str, str]]:
    """The lines our server puts on top: Return-Path, Delivered-To and its Received."""
    return [
        ("Return-Path", f"<{return_path}>"),
        ("Delivered-To", OUR_ADDRESS),
        ("Received", our_received(seed, relay, moment)),
    ]


GMAIL_RELAYS = [
    Relay("mail-ed1-f47.google.com", "mail-ed1-f47.google.com", "209.85.208.47"),
    Relay("mail-wr1-f53.google.com", "mail-wr1-f53.google.com", "209.85.221.53"),
    Relay("mail-lf1-f41.google.com", "mail-lf1-f41.google.com", "209.85.167.41"),
    Relay("mail-qk1-f170.google.com", "mail-qk1-f170.google.com", "209.85.222.170"),
]
EXO_RELAYS = [
    Relay(
        "EUR05-VI1-obe.outbound.protection.outlook.com",
        "mail-vi1eur05on2094.outbound.protection.outlook.com",
        "40.107.21.94",
    ),
    Relay(
        "EUR03-DB5-obe.outbound.protection.outlook.com",
        "mail-db5eur03on2121.outbound.protection.outlook.com",
        "40.107.4.121",
    ),
    Relay(
        "NAM12-BN8-obe.outbound.protection.outlook.com",
        "mail-bn8nam12on2113.outbound.protection.outlook.com",
        "40.107.237.113",
    ),
    Relay(
        "BRA01-CP2-obe.outbound.protection.outlook.com",
        "mail-cp2bra01on2110.outbound.protection.outlook.com",
        "40.107.200.110",
    ),
]


# ============================================================================ texts
#
# The call published two forms (an application form and a letter of intent) in English. Cities
# fill the English form, answer in their own language, translate it, or write their own letter on
# letterhead. The texts below are written for this corpus; city names are invented.


@dataclass(frozen=True)
class City:
    """An applicant: a local authority, its people and the language it writes in."""

    name: str  # as the city names itself ("Ayuntamiento de Valdoria")
    short: str  # "Valdoria"
    country: str
    population: str
    lang: str
    mayor: str
    role: str  # the signatory's title in the city's language
    contact: str
    contact_role: str
    email: str
    phone: str
    place: str  # where letters are signed


ANSWERS: dict[str, tuple[str, str, str]] = {
    # ecosystem, challenges, motivation
    "en": (
        "{short} has around 410 social enterprises, 60 worker co-operatives and a community "
        "energy society owned by 2,300 residents. The council co-chairs a social economy "
        "partnership with the local university and the credit union, and has applied social "
        "value clauses in procurement since 2018.",
        "The pandemic closed most of the community cafés and training kitchens that employ "
        "people far from the labour market. We want to rebuild their trading base through "
        "public procurement and to reinvent how vacant high-street units are let to social "
        "enterprises.",
        "The Economic Development team (three officers) will lead, with the Cabinet member for "
        "Inclusive Growth as political sponsor. We can host a peer visit in autumn 2021.",
    ),
    "es": (
        "El municipio cuenta con unas 340 cooperativas, 90 empresas de inserción y una Mesa de "
        "Economía Social creada en 2017. Desde 2019 gestionamos con la caja rural una línea de "
        "microcréditos para proyectos colectivos.",
        "El cierre de la hostelería golpeó a las cooperativas de trabajo asociado y a las "
        "entidades de inserción. Queremos impulsar compras públicas responsables y un fondo de "
        "apoyo a la reactivación de entidades sociales.",
        "Participarán la Concejalía de Empleo, la Agencia de Desarrollo Local y la red de "
        "entidades. Disponemos de un equipo técnico de cuatro personas.",
    ),
    "pt": (
        "O concelho tem cerca de 280 entidades da economia social, entre cooperativas, IPSS e "
        "associações de desenvolvimento local, e um Conselho Local de Economia Social desde 2016.",
        "A pandemia deixou muitas IPSS sem receitas próprias. Pretendemos reforçar a contratação "
        "pública com critérios sociais e criar uma incubadora para novas cooperativas.",
        "A equipa será coordenada pela Divisão de Desenvolvimento Social, com o apoio do "
        "Vereador da Ação Social.",
    ),
    "ptbr": (
        "O município possui 190 empreendimentos econômicos solidários cadastrados, uma "
        "incubadora pública de cooperativas e um banco comunitário com moeda social própria.",
        "A pandemia afetou sobretudo as cooperativas de catadores e as feiras de economia "
        "solidária. Queremos fortalecer as compras públicas da agricultura familiar e ampliar o "
        "crédito solidário.",
        "A Secretaria Municipal de Desenvolvimento Econômico coordenará a participação, com "
        "apoio do Conselho Municipal de Economia Solidária.",
    ),
    "fr": (
        "La ville compte près de 1 200 structures de l'économie sociale et solidaire (associations "
        "employeuses, coopératives, SCIC, entreprises d'insertion) et un pôle territorial de "
        "coopération économique soutenu depuis 2015.",
        "La crise sanitaire a fragilisé les structures d'insertion par l'activité économique. "
        "Nous souhaitons développer la commande publique responsable et un fonds de "
        "consolidation des fonds propres des SCIC.",
        "La Direction de l'économie sociale et solidaire pilotera le projet, sous l'autorité de "
        "l'adjointe chargée de l'ESS.",
    ),
    "de": (
        "In der Stadt sind rund 230 Genossenschaften, gemeinnützige Unternehmen und "
        "Sozialunternehmen tätig. Seit 2018 besteht ein Runder Tisch Gemeinwohlökonomie und ein "
        "kommunaler Förderfonds für soziale Innovationen.",
        "Die Pandemie hat Integrationsbetriebe und Stadtteilläden schwer getroffen. Wir möchten "
        "die sozial verantwortliche Beschaffung ausbauen und leerstehende Ladenlokale für "
        "gemeinwohlorientierte Nutzungen öffnen.",
        "Federführend ist das Amt für Wirtschaftsförderung, unterstützt vom Sozialdezernat.",
    ),
    "it": (
        "Nel territorio operano oltre 300 cooperative sociali di tipo A e B, numerose imprese "
        "sociali e un distretto dell'economia solidale. Il Comune ha un tavolo permanente con il "
        "Terzo settore dal 2016.",
        "La pandemia ha colpito duramente le cooperative di inserimento lavorativo. Vorremmo "
        "sperimentare la co-progettazione con il Terzo settore e nuovi strumenti di finanza "
        "sociale.",
        "Il progetto sarà seguito dall'Assessorato al Lavoro e alle Politiche Sociali con un "
        "gruppo di lavoro di quattro funzionari.",
    ),
    "pl": (
        "W mieście działa ponad 150 podmiotów ekonomii społecznej, w tym spółdzielnie socjalne, "
        "centra integracji społecznej i fundacje prowadzące działalność gospodarczą. Miasto "
        "współpracuje z Ośrodkiem Wsparcia Ekonomii Społecznej.",
        "Pandemia ograniczyła przychody spółdzielni socjalnych z gastronomii i usług. Chcemy "
        "rozwijać społecznie odpowiedzialne zamówienia publiczne i lokalny fundusz pożyczkowy.",
        "Udział koordynować będzie Wydział Rozwoju Gospodarczego we współpracy z Miejskim "
        "Ośrodkiem Pomocy Społecznej.",
    ),
    "nl": (
        "De gemeente telt ruim 200 sociale ondernemingen en coöperaties en heeft sinds 2019 een "
        "actieprogramma sociaal ondernemerschap met een eigen inkoopbeleid.",
        "Door de coronacrisis verloren veel leerwerkbedrijven hun omzet. We willen social return "
        "bij aanbestedingen versterken en nieuwe vormen van buurtcoöperaties ondersteunen.",
        "Het programmateam Economie en Werk neemt deel, met de wethouder Werk en Inkomen als "
        "bestuurlijk trekker.",
    ),
    "ca": (
        "La ciutat té més de 250 entitats d'economia social i solidària, una xarxa d'ateneus "
        "cooperatius i un pla municipal d'ESS aprovat el 2019.",
        "La COVID-19 ha afectat especialment les cooperatives de treball i les empreses "
        "d'inserció. Volem reforçar la contractació pública responsable i els espais de "
        "cotreball per a noves cooperatives.",
        "Hi participarà la regidoria de Promoció Econòmica amb un equip tècnic de tres persones.",
    ),
    "ro": (
        "În municipiu funcționează aproximativ 120 de întreprinderi sociale atestate, "
        "cooperative meșteșugărești și asociații care oferă servicii sociale.",
        "Pandemia a redus veniturile întreprinderilor sociale de inserție. Dorim să introducem "
        "clauze sociale în achizițiile publice și un program local de sprijin.",
        "Coordonarea va fi asigurată de Direcția Dezvoltare Economică din cadrul Primăriei.",
    ),
    "sv": (
        "I kommunen finns omkring 180 sociala företag och kooperativ samt ett nätverk för "
        "arbetsintegrerande sociala företag som kommunen stödjer sedan 2017.",
        "Pandemin slog hårt mot de arbetsintegrerande företagen inom café och service. Vi vill "
        "utveckla sociala hänsyn i offentlig upphandling och idéburet offentligt partnerskap.",
        "Näringslivskontoret samordnar deltagandet tillsammans med socialförvaltningen.",
    ),
    "el": (
        "Στον δήμο δραστηριοποιούνται περίπου 90 κοινωνικές συνεταιριστικές επιχειρήσεις και "
        "ένα δίκτυο φορέων κοινωνικής και αλληλέγγυας οικονομίας.",
        "Η πανδημία έπληξε τις επιχειρήσεις εστίασης και τουρισμού του κοινωνικού τομέα. "
        "Θέλουμε να ενισχύσουμε τις κοινωνικές ρήτρες στις δημόσιες προμήθειες.",
        "Συντονισμός από τη Διεύθυνση Τοπικής Οικονομικής Ανάπτυξης του Δήμου.",
    ),
    "hu": (
        "A városban mintegy 110 szociális szövetkezet és nonprofit vállalkozás működik, "
        "a város 2018 óta támogatja a helyi foglalkoztatási kezdeményezéseket.",
        "A járvány a szociális szövetkezetek bevételeit jelentősen csökkentette. Szeretnénk "
        "fejleszteni a társadalmilag felelős közbeszerzést.",
        "A részvételt a Városfejlesztési Iroda koordinálja.",
    ),
    "cs": (
        "Ve městě působí přibližně 140 sociálních podniků a družstev a od roku 2018 funguje "
        "místní platforma sociální ekonomiky.",
        "Pandemie výrazně snížila tržby integračních sociálních podniků. Chceme rozvíjet "
        "společensky odpovědné zadávání veřejných zakázek.",
        "Účast bude koordinovat Odbor strategického rozvoje magistrátu.",
    ),
    "bg": (
        "В общината работят около 70 социални предприятия и кооперации на хора с увреждания.",
        "Пандемията намали приходите на социалните предприятия. Искаме да въведем социални "
        "критерии в обществените поръчки.",
        "Участието ще се координира от дирекция „Икономическо развитие“.",
    ),
    "fi": (
        "Kaupungissa toimii noin 90 yhteiskunnallista yritystä ja osuuskuntaa sekä "
        "työllisyyspalveluja tarjoavia järjestöjä.",
        "Pandemia heikensi työllistävien yritysten tuloja. Haluamme kehittää vastuullisia "
        "julkisia hankintoja.",
        "Osallistumista koordinoi kaupungin elinkeinopalvelut.",
    ),
    "da": (
        "Kommunen har omkring 120 socialøkonomiske virksomheder og et lokalt partnerskab for "
        "social økonomi siden 2017.",
        "Pandemien ramte især de socialøkonomiske caféer og beskæftigelsesprojekter. Vi vil "
        "styrke sociale klausuler i offentlige indkøb.",
        "Deltagelsen koordineres af Beskæftigelses- og Erhvervsforvaltningen.",
    ),
    "hr": (
        "U gradu djeluje oko 80 društvenih poduzeća, zadruga i udruga koje zapošljavaju osobe "
        "u nepovoljnom položaju.",
        "Pandemija je smanjila prihode socijalnih zadruga. Želimo razviti društveno odgovornu "
        "javnu nabavu.",
        "Sudjelovanje koordinira Upravni odjel za gospodarstvo.",
    ),
}


def answers(city: City, lang: str | None = None) -> tuple[str, str, str]:
    eco, challenge, motivation = ANSWERS[lang or city.lang]
    return (
        eco.format(short=city.short),
        challenge.format(short=city.short),
        motivation.format(short=city.short),
    )


def official_form(
    city: City, *, lang: str | None = None, checklist: bool = False, date: str = "19/05/2021"
) -> str:
    """The call's English application form, filled in (answers in ``lang``)."""
    eco, challenge, motivation = answers(city, lang)
    text = f"""RESPOND, REBUILD, REINVENT (RRR)
Call for Peer Learning Cities 2021
APPLICATION FORM

PART A. APPLICANT
A1. Name of the local or metropolitan authority: {city.name}
A2. Country: {city.country}
A3. Population (latest official figure): {city.population}
A4. Contact person: {city.contact}
A5. Position: {city.contact_role}
A6. E-mail: {city.email}    Telephone: {city.phone}

PART B. THE SOCIAL AND SOLIDARITY ECONOMY IN YOUR TERRITORY
B1. Describe the SSE ecosystem of your city: main actors, networks, public support schemes.
{eco}

PART C. RESPOND, REBUILD, REINVENT
C1. Which challenges has the COVID-19 crisis raised for the SSE in your territory, and what would
you like to explore during the peer learning journey?
{challenge}

PART D. MOTIVATION AND COMMITMENT
D1. Who will take part in the activities, and what resources will the city dedicate?
{motivation}

Date: {date}
Name and signature of the person responsible: {city.contact}"""
    if checklist:
        text += """

Before sending, please check:
[x] This application form, completed in English or in your own language
[x] The letter of intent, signed by the Mayor or the person legally representing the authority
Send both documents to the RRR team by e-mail before 21 May 2021, 23:00 CET."""
    return text


def blank_official_form() -> str:
    return """RESPOND, REBUILD, REINVENT (RRR)
Call for Peer Learning Cities 2021
APPLICATION FORM

PART A. APPLICANT
A1. Name of the local or metropolitan authority: Click or tap here to enter text.
A2. Country: Click or tap here to enter text.
A3. Population (latest official figure): Click or tap here to enter text.
A4. Contact person: Click or tap here to enter text.
A5. Position: Click or tap here to enter text.
A6. E-mail: Click or tap here to enter text.    Telephone: Click or tap here to enter text.

PART B. THE SOCIAL AND SOLIDARITY ECONOMY IN YOUR TERRITORY
B1. Describe the SSE ecosystem of your city: main actors, networks, public support schemes.
(maximum 300 words)

PART C. RESPOND, REBUILD, REINVENT
C1. Which challenges has the COVID-19 crisis raised for the SSE in your territory, and what would
you like to explore during the peer learning journey?
(maximum 400 words)

PART D. MOTIVATION AND COMMITMENT
D1. Who will take part in the activities, and what resources will the city dedicate?
(maximum 300 words)

Date: ..................
Name and signature of the person responsible: .................................."""


def official_letter(city: City, *, date: str = "18 May 2021") -> str:
    """The call's English letter of intent model, filled in and signed."""
    return f"""LETTER OF INTENT
RRR - Respond, Rebuild, Reinvent: Peer Learning Cities

To the RRR consortium
c/o UpSocial, Barcelona

I, the undersigned, {city.mayor}, {city.role} of {city.name} ({city.country}), declare that
{city.short} wishes to take part in the RRR project as a Peer Learning City.

On behalf of {city.short}, I commit to:
- appoint a contact person and a small team to follow the peer learning journey;
- take part in the online and on-site activities planned between June 2021 and December 2022;
- share our experience, data and lessons with the other cities and the consortium.

Place and date: {city.place}, {date}

Signature: {city.mayor}
{city.role}"""


def blank_official_letter() -> str:
    return """LETTER OF INTENT
RRR - Respond, Rebuild, Reinvent: Peer Learning Cities

To the RRR consortium
c/o UpSocial, Barcelona

I, the undersigned, [name of the Mayor / legal representative], [position] of [name of the local
authority] ([country]), declare that [city] wishes to take part in the RRR project as a Peer
Learning City.

On behalf of [city], I commit to:
- appoint a contact person and a small team to follow the peer learning journey;
- take part in the online and on-site activities planned between June 2021 and December 2022;
- share our experience, data and lessons with the other cities and the consortium.

Place and date: ____________________

Signature: ____________________"""


def guidelines() -> str:
    return """RESPOND, REBUILD, REINVENT
Call for Peer Learning Cities - Guidelines for applicants

1. About RRR
RRR is one of the projects of the OECD Global Action "Promoting Social and Solidarity Economy
Ecosystems", funded by the European Union. It is led by UpSocial with 16 partners.

2. What we offer
Eight cities will be selected to understand their SSE ecosystems, define challenges, explore
solutions and social innovations from other places, and experiment with adopting them.

3. Who can apply
Local and metropolitan authorities of 200,000 inhabitants or more in the EU, the UK, Brazil,
Canada, Mexico or the United States.

4. How to apply
Download the application form and the letter of intent template, complete them and send both by
e-mail. Applications close on 21 May 2021 at 23:00.

5. Selection
A committee will assess motivation, the strength of the local ecosystem and the city's capacity."""


def other_programme_form(city: City) -> str:
    return f"""GREEN DISTRICTS EXCHANGE 2021
Application form for participating municipalities

1. Municipality: {city.name}
2. Country: {city.country}
3. District proposed for the exchange (name, inhabitants, surface):
North riverside district, 38,000 inhabitants, 420 ha
4. Energy retrofit programmes under way in the district:
Deep renovation of 1,100 social housing units (2020-2024), district heating extension.
5. Lead department and contact: Environment and Climate Department, {city.contact}

Completed applications are assessed by the Green Districts secretariat."""


def local_form(city: City, *, titled: bool = True) -> str:
    """The application form as a city translated or retyped it in its own language."""
    eco, challenge, motivation = answers(city)
    labels = FORM_LABELS[city.lang]
    head = labels["title"] if titled else labels["untitled"].format(city=city.name)
    return f"""{head}
Respond, Rebuild, Reinvent (RRR)

{labels["applicant"]}: {city.name}
{labels["country"]}: {city.country}
{labels["population"]}: {city.population}
{labels["contact"]}: {city.contact}, {city.contact_role} ({city.email}, {city.phone})

1. {labels["q1"]}
{eco}

2. {labels["q2"]}
{challenge}

3. {labels["q3"]}
{motivation}"""


FORM_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "title": "FORMULARIO DE SOLICITUD - Ciudades de Aprendizaje entre Pares",
        "untitled": "Candidatura de {city} al programa de ciudades RRR",
        "applicant": "Entidad solicitante",
        "country": "País",
        "population": "Población (padrón municipal 2020)",
        "contact": "Persona de contacto",
        "q1": "Ecosistema de economía social y solidaria de la ciudad",
        "q2": "Retos tras la COVID-19: responder, reconstruir, reinventar",
        "q3": "Motivación, equipo y recursos que aportará el municipio",
    },
    "pt": {
        "title": "FORMULÁRIO DE CANDIDATURA - Cidades de Aprendizagem entre Pares",
        "untitled": "Candidatura de {city} ao projeto RRR",
        "applicant": "Entidade candidata",
        "country": "País",
        "population": "População residente (Censos)",
        "contact": "Pessoa de contacto",
        "q1": "Caracterização do ecossistema da economia social e solidária",
        "q2": "Desafios decorrentes da COVID-19",
        "q3": "Motivação e equipa",
    },
    "ptbr": {
        "title": "FICHA DE INSCRIÇÃO - Cidades de Aprendizagem entre Pares",
        "untitled": "Questionário de participação - {city}",
        "applicant": "Município",
        "country": "País",
        "population": "População estimada (IBGE 2020)",
        "contact": "Responsável pelo contato",
        "q1": "Descreva o ecossistema de economia solidária do município",
        "q2": "Principais desafios após a pandemia",
        "q3": "Motivação e equipe envolvida",
    },
    "fr": {
        "title": "FORMULAIRE DE CANDIDATURE - Villes apprenantes",
        "untitled": "Dossier de {city} - programme RRR",
        "applicant": "Collectivité",
        "country": "Pays",
        "population": "Population municipale (INSEE)",
        "contact": "Personne référente",
        "q1": "Présentation de l'écosystème de l'économie sociale et solidaire",
        "q2": "Enjeux liés à la crise sanitaire",
        "q3": "Motivation et moyens mobilisés",
    },
    "de": {
        "title": "BEWERBUNGSBOGEN - Peer Learning Cities",
        "untitled": "Angaben der Stadt zur Teilnahme am RRR-Programm ({city})",
        "applicant": "Gebietskörperschaft",
        "country": "Staat",
        "population": "Einwohnerzahl (Stand 31.12.2020)",
        "contact": "Ansprechperson",
        "q1": "Beschreibung des lokalen Ökosystems der Sozial- und Solidarwirtschaft",
        "q2": "Herausforderungen infolge der COVID-19-Pandemie",
        "q3": "Motivation, beteiligte Stellen und Ressourcen",
    },
    "it": {
        "title": "MODULO DI CANDIDATURA - Città di apprendimento tra pari",
        "untitled": "Scheda di partecipazione del {city}",
        "applicant": "Ente",
        "country": "Paese",
        "population": "Popolazione residente (ISTAT)",
        "contact": "Referente",
        "q1": "Descrizione dell'ecosistema dell'economia sociale e solidale",
        "q2": "Sfide emerse con la pandemia",
        "q3": "Motivazioni e risorse dedicate",
    },
    "pl": {
        "title": "FORMULARZ ZGŁOSZENIOWY - Miasta Wzajemnego Uczenia się",
        "untitled": "Zgłoszenie udziału: {city}",
        "applicant": "Jednostka samorządu terytorialnego",
        "country": "Kraj",
        "population": "Liczba mieszkańców (GUS)",
        "contact": "Osoba do kontaktu",
        "q1": "Opis ekosystemu ekonomii społecznej i solidarnej",
        "q2": "Wyzwania związane z pandemią COVID-19",
        "q3": "Motywacja i zespół",
    },
    "nl": {
        "title": "AANMELDFORMULIER - Peer Learning Cities",
        "untitled": "Deelname {city} aan RRR: gegevens en toelichting",
        "applicant": "Gemeente",
        "country": "Land",
        "population": "Aantal inwoners (CBS)",
        "contact": "Contactpersoon",
        "q1": "Beschrijving van het ecosysteem van de sociale economie",
        "q2": "Uitdagingen door de coronacrisis",
        "q3": "Motivatie en betrokken team",
    },
    "ca": {
        "title": "FORMULARI DE SOL·LICITUD - Ciutats d'aprenentatge entre iguals",
        "untitled": "Candidatura de l'{city} al projecte RRR",
        "applicant": "Entitat sol·licitant",
        "country": "País",
        "population": "Població (padró 2020)",
        "contact": "Persona de contacte",
        "q1": "Ecosistema d'economia social i solidària de la ciutat",
        "q2": "Reptes derivats de la COVID-19",
        "q3": "Motivació i equip",
    },
    "ro": {
        "title": "FORMULAR DE CANDIDATURĂ - Orașe care învață unele de la altele",
        "untitled": "Fișa de participare a {city}",
        "applicant": "Autoritatea publică locală",
        "country": "Țara",
        "population": "Populația (INS 2020)",
        "contact": "Persoana de contact",
        "q1": "Descrierea ecosistemului economiei sociale și solidare",
        "q2": "Provocări generate de pandemia de COVID-19",
        "q3": "Motivație și echipă",
    },
    "sv": {
        "title": "ANSÖKNINGSFORMULÄR - Peer Learning Cities",
        "untitled": "Underlag från {city} för deltagande i RRR",
        "applicant": "Kommun",
        "country": "Land",
        "population": "Folkmängd (SCB 2020)",
        "contact": "Kontaktperson",
        "q1": "Beskrivning av den sociala ekonomin i kommunen",
        "q2": "Utmaningar efter covid-19",
        "q3": "Motivering och deltagare",
    },
    "el": {
        "title": "ΕΝΤΥΠΟ ΑΙΤΗΣΗΣ - Πόλεις Αμοιβαίας Μάθησης",
        "untitled": "Στοιχεία συμμετοχής του {city} στο RRR",
        "applicant": "Φορέας",
        "country": "Χώρα",
        "population": "Πληθυσμός (απογραφή 2011)",
        "contact": "Υπεύθυνος επικοινωνίας",
        "q1": "Περιγραφή του οικοσυστήματος κοινωνικής και αλληλέγγυας οικονομίας",
        "q2": "Προκλήσεις μετά την πανδημία",
        "q3": "Κίνητρα και ομάδα έργου",
    },
    "hu": {
        "title": "JELENTKEZÉSI LAP - Egymástól tanuló városok",
        "untitled": "{city} adatlapja az RRR programhoz",
        "applicant": "Önkormányzat",
        "country": "Ország",
        "population": "Lakosságszám (KSH 2020)",
        "contact": "Kapcsolattartó",
        "q1": "A szociális és szolidáris gazdaság helyi ökoszisztémája",
        "q2": "A járvány okozta kihívások",
        "q3": "Motiváció és csapat",
    },
    "cs": {
        "title": "PŘIHLÁŠKA - Města vzájemného učení",
        "untitled": "Údaje o městě {city} pro projekt RRR",
        "applicant": "Žadatel",
        "country": "Stát",
        "population": "Počet obyvatel (ČSÚ 2020)",
        "contact": "Kontaktní osoba",
        "q1": "Popis ekosystému sociální a solidární ekonomiky",
        "q2": "Výzvy po pandemii covid-19",
        "q3": "Motivace a tým",
    },
    "bg": {
        "title": "ФОРМУЛЯР ЗА КАНДИДАТСТВАНЕ - Градове за взаимно учене",
        "untitled": "Данни за {city} по проекта RRR",
        "applicant": "Кандидат",
        "country": "Държава",
        "population": "Население (НСИ 2020)",
        "contact": "Лице за контакт",
        "q1": "Описание на екосистемата на социалната и солидарна икономика",
        "q2": "Предизвикателства след пандемията",
        "q3": "Мотивация и екип",
    },
    "fi": {
        "title": "HAKULOMAKE - Vertaisoppimisen kaupungit",
        "untitled": "{city}: tiedot RRR-ohjelmaan osallistumista varten",
        "applicant": "Hakija",
        "country": "Maa",
        "population": "Asukasluku (Tilastokeskus 2020)",
        "contact": "Yhteyshenkilö",
        "q1": "Kuvaus yhteisö- ja solidaarisuustalouden ekosysteemistä",
        "q2": "Koronapandemian aiheuttamat haasteet",
        "q3": "Motivaatio ja tiimi",
    },
    "da": {
        "title": "ANSØGNINGSSKEMA - Peer Learning Cities",
        "untitled": "Oplysninger fra {city} om deltagelse i RRR",
        "applicant": "Kommune",
        "country": "Land",
        "population": "Indbyggertal (Danmarks Statistik 2021)",
        "contact": "Kontaktperson",
        "q1": "Beskrivelse af det socialøkonomiske økosystem",
        "q2": "Udfordringer efter covid-19",
        "q3": "Motivation og team",
    },
    "hr": {
        "title": "PRIJAVNI OBRAZAC - Gradovi međusobnog učenja",
        "untitled": "Podaci Grada {city} za sudjelovanje u projektu RRR",
        "applicant": "Podnositelj",
        "country": "Država",
        "population": "Broj stanovnika (DZS 2021)",
        "contact": "Osoba za kontakt",
        "q1": "Opis ekosustava socijalne i solidarne ekonomije",
        "q2": "Izazovi nakon pandemije",
        "q3": "Motivacija i tim",
    },
}


LETTERS: dict[str, tuple[str, str]] = {
    # (titled, plain): the plain one names neither "letter" nor "intent" in any form
    "es": (
        """CARTA DE INTENCIONES

A la atención del consorcio RRR (UpSocial), Barcelona

{mayor}, {role} del {city}, en representación de esta corporación,

MANIFIESTA

Que el {city} desea participar como Ciudad de Aprendizaje entre Pares en el proyecto Respond,
Rebuild, Reinvent, y se compromete a designar un equipo técnico, asistir a las sesiones de trabajo
previstas entre 2021 y 2022 y compartir su experiencia con las demás ciudades participantes.

En {place}, a {date}.

Fdo.: {mayor}""",
        """Estimados miembros del comité de selección:

Me dirijo a ustedes en nombre del {city} para trasladarles nuestro firme compromiso con el
proyecto Respond, Rebuild, Reinvent. La economía social ha sostenido a muchas familias de
nuestra ciudad durante la pandemia y queremos aprender de otras ciudades cómo reforzarla.

Por ello, les confirmo que el Ayuntamiento dedicará el personal técnico necesario, participará en
todas las actividades del itinerario y pondrá a disposición del resto de ciudades su experiencia.

Atentamente,

{mayor}
{role}
{place}, {date}""",
    ),
    "pt": (
        """CARTA DE INTENÇÕES

Ao consórcio do projeto RRR
UpSocial, Barcelona

Eu, {mayor}, {role} do {city}, declaro que o Município pretende participar no projeto Respond,
Rebuild, Reinvent como Cidade de Aprendizagem entre Pares, comprometendo-se a designar uma equipa
técnica, a participar nas atividades previstas e a partilhar a sua experiência.

{place}, {date}

O {role},
{mayor}""",
        """Exmos. Senhores,

Venho por este meio manifestar o forte interesse do {city} em integrar o grupo de cidades do
projeto Respond, Rebuild, Reinvent. A economia social tem sido decisiva na resposta do concelho à
pandemia e entendemos que a troca de experiências com outras cidades nos ajudará a ir mais longe.

Assumimos o compromisso de afetar uma equipa técnica, de participar em todas as sessões e de
partilhar os resultados com os parceiros.

Com os melhores cumprimentos,

{mayor}
{role}
{place}, {date}""",
    ),
    "ptbr": (
        """CARTA DE INTENÇÃO

Ao Consórcio RRR - UpSocial
Barcelona, Espanha

A {city}, neste ato representada por seu {role}, {mayor}, manifesta a intenção de participar
do projeto Respond, Rebuild, Reinvent como Cidade de Aprendizagem entre Pares e compromete-se a
indicar equipe técnica, participar das atividades e compartilhar sua experiência.

{place}, {date}.

{mayor}
{role}""",
        """OFÍCIO Nº 087/2021 - GP

{place}, {date}.

Ao Senhor Coordenador do Consórcio RRR
UpSocial - Barcelona

Assunto: Participação no projeto Respond, Rebuild, Reinvent

Senhor Coordenador,

A {city} vem, por meio deste, manifestar seu interesse em participar do projeto Respond, Rebuild,
Reinvent, na qualidade de Cidade de Aprendizagem entre Pares. Informamos que a Secretaria
Municipal de Desenvolvimento Econômico ficará responsável pelo acompanhamento das atividades, e
assumimos o compromisso de garantir a participação da equipe técnica em todas as etapas.

Atenciosamente,

{mayor}
{role}""",
    ),
    "fr": (
        """LETTRE D'INTENTION

À l'attention du consortium RRR, UpSocial, Barcelone

Je soussigné(e), {mayor}, {role} de la {city}, confirme la volonté de notre collectivité de
participer au projet Respond, Rebuild, Reinvent en tant que ville apprenante. La {city} s'engage
à désigner une équipe référente, à participer aux activités prévues et à partager son expérience.

Fait à {place}, le {date}

{mayor}
{role}""",
        """Madame, Monsieur,

J'ai l'honneur de vous confirmer l'engagement de la {city} dans la démarche Respond, Rebuild,
Reinvent. Notre territoire a vu ses acteurs de l'économie sociale et solidaire jouer un rôle
essentiel pendant la crise, et nous souhaitons apprendre des autres villes pour consolider cette
dynamique.

La collectivité mobilisera les services concernés et participera à l'ensemble des rencontres.

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

{mayor}
{role}
{place}, le {date}""",
    ),
    "de": (
        """ABSICHTSERKLÄRUNG

An das RRR-Konsortium
UpSocial, Barcelona

Hiermit erklärt die {city}, vertreten durch {mayor}, {role}, ihre Absicht, als Peer Learning City
am Projekt Respond, Rebuild, Reinvent teilzunehmen. Die Stadt verpflichtet sich, ein Team zu
benennen, an den vorgesehenen Aktivitäten teilzunehmen und ihre Erfahrungen zu teilen.

{place}, den {date}

{mayor}
{role}""",
        """Sehr geehrte Damen und Herren,

die {city} bekundet hiermit ihr Interesse, am Programm Respond, Rebuild, Reinvent mitzuwirken.
Genossenschaften und Sozialunternehmen haben unsere Stadt durch die Pandemie getragen; vom
Austausch mit anderen Städten erhoffen wir uns Impulse für die nächsten Jahre.

Die Verwaltung wird die notwendigen personellen Ressourcen bereitstellen und an allen Treffen
teilnehmen.

Mit freundlichen Grüßen

{mayor}
{role}
{place}, {date}""",
    ),
    "it": (
        """LETTERA DI INTENTI

Spett.le Consorzio RRR
c/o UpSocial, Barcellona

Il sottoscritto {mayor}, {role} del {city}, dichiara l'intenzione dell'Amministrazione di
partecipare al progetto Respond, Rebuild, Reinvent in qualità di Città di apprendimento tra pari,
impegnandosi a individuare un gruppo di lavoro, a partecipare alle attività e a condividere la
propria esperienza.

{place}, {date}

Il {role}
{mayor}""",
        """Spett.le Consorzio,

con la presente il {city} manifesta il proprio interesse a prendere parte al percorso Respond,
Rebuild, Reinvent. L'Amministrazione ritiene il confronto con altre città un'occasione preziosa
per rafforzare l'economia sociale del territorio dopo la pandemia, e garantirà la partecipazione
dei propri uffici a tutte le attività.

Distinti saluti.

{place}, {date}

Il {role}
{mayor}""",
    ),
    "pl": (
        """LIST INTENCYJNY

Konsorcjum projektu RRR
UpSocial, Barcelona

Ja, niżej podpisany {mayor}, {role} Miasta {short}, deklaruję wolę udziału Miasta w projekcie
Respond, Rebuild, Reinvent jako Miasta Wzajemnego Uczenia się. Miasto zobowiązuje się do
wyznaczenia zespołu, udziału w zaplanowanych działaniach oraz dzielenia się doświadczeniami.

{place}, dnia {date}

{mayor}
{role}""",
        """Szanowni Państwo,

niniejszym potwierdzam wolę udziału Miasta {short} w przedsięwzięciu Respond, Rebuild, Reinvent.
Podmioty ekonomii społecznej odegrały w naszym mieście ważną rolę w czasie pandemii, dlatego
chcemy wspólnie z innymi miastami wypracować sposoby ich dalszego wzmacniania. Urząd zapewni
udział pracowników we wszystkich spotkaniach.

Z wyrazami szacunku

{mayor}
{role}
{place}, {date}""",
    ),
    "nl": (
        """INTENTIEVERKLARING

Aan het RRR-consortium
UpSocial, Barcelona

Ondergetekende, {mayor}, {role} van de {city}, verklaart dat de gemeente voornemens is als Peer
Learning City deel te nemen aan het project Respond, Rebuild, Reinvent. De gemeente zal een team
aanwijzen, deelnemen aan de activiteiten en haar ervaringen delen.

{place}, {date}

{mayor}
{role}""",
        """Geachte leden van de selectiecommissie,

Hierbij bevestig ik, namens het college van burgemeester en wethouders, dat de {city} graag
deelneemt aan het traject Respond, Rebuild, Reinvent. Sociale ondernemers hebben onze stad door
de crisis geholpen en wij willen van andere steden leren hoe we hen verder kunnen versterken.
Wij stellen hiervoor ambtelijke capaciteit beschikbaar.

Met vriendelijke groet,

{mayor}
{role}
{place}, {date}""",
    ),
    "ca": (
        """CARTA D'INTENCIONS

A l'atenció del consorci RRR (UpSocial), Barcelona

{mayor}, {role} de l'{city}, manifesta la voluntat de l'Ajuntament de participar en el projecte
Respond, Rebuild, Reinvent com a ciutat d'aprenentatge entre iguals, i es compromet a designar un
equip tècnic, participar en les activitats i compartir l'experiència de la ciutat.

{place}, {date}

{mayor}""",
        """Benvolgudes, benvolguts,

Per la present, l'{city} us fa saber el seu compromís amb el projecte Respond, Rebuild,
Reinvent. L'economia social i solidària ha estat clau durant la pandèmia a la nostra ciutat i
volem aprendre d'altres ciutats com enfortir-la. L'Ajuntament hi dedicarà l'equip tècnic
necessari.

Cordialment,

{mayor}
{role}
{place}, {date}""",
    ),
    "ro": (
        """SCRISOARE DE INTENȚIE

Către Consorțiul RRR, UpSocial, Barcelona

Subsemnatul {mayor}, {role} al Municipiului {short}, declar intenția autorității noastre de a
participa la proiectul Respond, Rebuild, Reinvent în calitate de oraș partener de învățare și
ne angajăm să desemnăm o echipă, să participăm la activități și să împărtășim experiența noastră.

{place}, {date}

{mayor}
{role}""",
        """Stimați membri ai comisiei,

Prin prezenta, {city} își exprimă dorința de a se alătura proiectului Respond, Rebuild,
Reinvent. Întreprinderile sociale au avut un rol important în comunitatea noastră în timpul
pandemiei, iar schimbul de experiență cu alte orașe ne va ajuta să le sprijinim mai bine.
Primăria va asigura participarea personalului de specialitate la toate activitățile.

Cu stimă,

{mayor}
{role}
{place}, {date}""",
    ),
    "sv": (
        """AVSIKTSFÖRKLARING

Till RRR-konsortiet, UpSocial, Barcelona

Undertecknad, {mayor}, {role} i {city}, förklarar att kommunen avser att delta i projektet
Respond, Rebuild, Reinvent som Peer Learning City. Kommunen åtar sig att utse ett team, delta i
aktiviteterna och dela sina erfarenheter.

{place} den {date}

{mayor}
{role}""",
        """Till urvalskommittén,

{city} vill härmed bekräfta sitt engagemang i Respond, Rebuild, Reinvent. De sociala företagen
har varit avgörande för många invånare under pandemin och vi vill lära av andra städer hur vi
kan stärka dem. Kommunen avsätter personal för att delta i samtliga träffar.

Med vänliga hälsningar

{mayor}
{role}
{place} den {date}""",
    ),
    "el": (
        """ΕΠΙΣΤΟΛΗ ΠΡΟΘΕΣΗΣ

Προς την Κοινοπραξία RRR, UpSocial, Βαρκελώνη

Ο/Η υπογράφων/ουσα {mayor}, {role} του Δήμου {short}, δηλώνω την πρόθεση του Δήμου να
συμμετάσχει στο έργο Respond, Rebuild, Reinvent ως Πόλη Αμοιβαίας Μάθησης και δεσμεύομαι να
ορίσουμε ομάδα εργασίας, να συμμετέχουμε στις δράσεις και να μοιραστούμε την εμπειρία μας.

{place}, {date}

{mayor}
{role}""",
        """Αξιότιμα μέλη της επιτροπής,

Με την παρούσα, ο {city} επιβεβαιώνει τη δέσμευσή του στο πρόγραμμα Respond, Rebuild,
Reinvent. Οι φορείς της κοινωνικής οικονομίας στήριξαν την πόλη μας στην πανδημία και
επιθυμούμε να μάθουμε από άλλες πόλεις. Ο Δήμος θα διαθέσει το αναγκαίο προσωπικό.

Με εκτίμηση,

{mayor}
{role}
{place}, {date}""",
    ),
    "hu": (
        """SZÁNDÉKNYILATKOZAT

Az RRR konzorcium részére, UpSocial, Barcelona

Alulírott {mayor}, {short} polgármestere, kijelentem, hogy az önkormányzat részt kíván venni a
Respond, Rebuild, Reinvent projektben, és vállalja, hogy munkacsoportot jelöl ki, részt vesz a
tevékenységekben és megosztja tapasztalatait.

{place}, {date}

{mayor}
{role}""",
        """Tisztelt Bíráló Bizottság!

{short} városa ezúton megerősíti elkötelezettségét a Respond, Rebuild, Reinvent program iránt. A
szociális szövetkezetek fontos szerepet játszottak városunkban a járvány idején, ezért szeretnénk
más városoktól tanulni. Az önkormányzat biztosítja munkatársai részvételét.

Tisztelettel:

{mayor}
{role}
{place}, {date}""",
    ),
    "cs": (
        """PROHLÁŠENÍ O ZÁMĚRU

Konsorciu projektu RRR, UpSocial, Barcelona

Já, níže podepsaný {mayor}, {role} města {short}, prohlašuji, že město má zájem zapojit se
do projektu Respond, Rebuild, Reinvent a zavazuje se určit pracovní tým, účastnit se aktivit
a sdílet své zkušenosti.

V {place} dne {date}

{mayor}
{role}""",
        """Vážení členové hodnotící komise,

tímto potvrzuji zájem města {short} zapojit se do programu Respond, Rebuild, Reinvent. Sociální
podniky sehrály v našem městě během pandemie důležitou roli a rádi bychom se od dalších měst
naučili, jak je dále posilovat. Magistrát zajistí účast svých pracovníků na všech setkáních.

S pozdravem

{mayor}
{role}
V {place} dne {date}""",
    ),
    "bg": (
        """ПИСМО ЗА НАМЕРЕНИЯ

До Консорциума RRR, UpSocial, Барселона

Долуподписаният {mayor}, {role} на {city}, заявявам намерението на общината да участва в
проекта Respond, Rebuild, Reinvent като град за взаимно учене и поемам ангажимент да определим
екип, да участваме в дейностите и да споделим опита си.

{place}, {date}

{mayor}
{role}""",
        """Уважаеми членове на комисията,

С настоящото {city} потвърждава желанието си да се включи в програмата Respond, Rebuild,
Reinvent. Общината ще осигури участието на свои служители във всички срещи.

С уважение,

{mayor}
{role}
{place}, {date}""",
    ),
    "fi": (
        """AIESITOUMUS

RRR-konsortiolle, UpSocial, Barcelona

Allekirjoittanut {mayor}, {short}n kaupungin {role}, vahvistaa, että kaupunki aikoo
osallistua Respond, Rebuild, Reinvent -hankkeeseen vertaisoppimisen kaupunkina ja sitoutuu
nimeämään työryhmän, osallistumaan toimintaan ja jakamaan kokemuksiaan.

{place}, {date}

{mayor}
{role}""",
        """Arvoisa valintaraati,

{city} vahvistaa täten sitoutumisensa Respond, Rebuild, Reinvent -ohjelmaan. Kaupunki osoittaa
tarvittavat henkilöresurssit ja osallistuu kaikkiin tapaamisiin.

Ystävällisin terveisin

{mayor}
{role}
{place}, {date}""",
    ),
    "da": (
        """HENSIGTSERKLÆRING

Til RRR-konsortiet, UpSocial, Barcelona

Undertegnede, {mayor}, {role} i {city}, erklærer hermed, at kommunen ønsker at deltage i
projektet Respond, Rebuild, Reinvent som Peer Learning City, og forpligter sig til at udpege et
team, deltage i aktiviteterne og dele sine erfaringer.

{place}, den {date}

{mayor}
{role}""",
        """Kære udvælgelseskomité

{city} bekræfter hermed sin opbakning til Respond, Rebuild, Reinvent. Kommunen stiller de
nødvendige medarbejdere til rådighed og deltager i alle møder.

Med venlig hilsen

{mayor}
{role}
{place}, den {date}""",
    ),
    "hr": (
        """PISMO NAMJERE

Konzorciju projekta RRR, UpSocial, Barcelona

Ja, {mayor}, {role} Grada {short}a, izjavljujem da Grad namjerava sudjelovati u projektu Respond,
Rebuild, Reinvent kao grad međusobnog učenja te se obvezuje imenovati tim, sudjelovati u
aktivnostima i dijeliti svoja iskustva.

U {place}, {date}

{mayor}
{role}""",
        """Poštovani članovi povjerenstva,

ovime {city} potvrđuje svoju predanost programu Respond, Rebuild, Reinvent. Gradska uprava
osigurat će sudjelovanje svojih djelatnika na svim sastancima.

S poštovanjem,

{mayor}
{role}
U {place}, {date}""",
    ),
    "en": (
        """LETTER OF INTENT

To the RRR consortium, UpSocial, Barcelona

On behalf of {city}, I confirm our intention to participate in the Respond, Rebuild, Reinvent
project as a Peer Learning City. The council will nominate a team, take part in the planned
activities and share its learning with partner cities.

{place}, {date}

{mayor}
{role}""",
        """Dear members of the selection committee,

I am writing to confirm the full support of {city} for our participation in Respond, Rebuild,
Reinvent. Social enterprises and co-operatives kept vital services running in our neighbourhoods
through the pandemic, and we are keen to learn from other cities how to help them grow.

The council will make officer time available, take part in every stage of the programme and share
what we learn.

Yours sincerely,

{mayor}
{role}
{place}, {date}""",
    ),
}


def local_letter(city: City, *, titled: bool = True, date: str = "18.05.2021") -> str:
    template = LETTERS[city.lang][0 if titled else 1]
    return template.format(
        mayor=city.mayor,
        role=city.role,
        city=city.name,
        short=city.short,
        place=city.place,
        date=date,
    )


def letterhead(city: City, text: str, *, ref: str = "") -> str:
    """A letter as printed on the city's paper: the authority's name and address on top."""
    top = f"{city.name.upper()}\n{city.place} - {city.email} - {city.phone}"
    if ref:
        top += f"\n{ref}"
    return f"{top}\n\n{text}"


# ============================================================================ mail clients


@dataclass(frozen=True)
class Person:
    """Someone who sends mail: name, address and the UTC offset their client writes in Date."""

    name: str
    address: str
    zone_h: float = 2.0

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1]


LEGACY_CHARSET = {
    "pl": "iso-8859-2",
    "hu": "iso-8859-2",
    "cs": "iso-8859-2",
    "hr": "iso-8859-2",
}


def outlook_charset(lang: str) -> str:
    """What Outlook labels text with: the Windows locale's ISO charset, else UTF-8."""
    if lang in LEGACY_CHARSET:
        return LEGACY_CHARSET[lang]
    if lang in ("el", "bg", "ro"):
        return "utf-8"
    return "iso-8859-1"


def encode_header(value: str, charset: str = "UTF-8", mode: str = "Q") -> str:
    """A header value as a client writes it: as-is when ASCII, else encoded words folded."""
    if value.isascii():
        return value
    try:
        value.encode(charset)
    except UnicodeEncodeError:
        charset, mode = "UTF-8", "B"
    words, current = [], ""
    for char in value:
        trial = current + char
        encoded = rfc2047_b(trial, charset) if mode == "B" else rfc2047_q(trial, charset)
        if len(encoded) > 70 and current:
            words.append(current)
            current = char
        else:
            current = trial
    words.append(current)
    encode = rfc2047_b if mode == "B" else rfc2047_q
    return "\n ".join(encode(w, charset) for w in words)


def address(
    person: Person, charset: str = "UTF-8", mode: str = "Q", quote_name: bool = False
) -> str:
    if not person.name:
        return person.address
    name = encode_header(person.name, charset, mode)
    if name == person.name and (quote_name or "," in name or "." in name):
        name = f'"{name}"'
    return f"{name} <{person.address}>"


def _param_name(name: str, style: str, lang: str) -> tuple[str, str]:
    """(Content-Type name parameter, Content-Disposition filename parameter) for a client."""
    if style == "raw":  # some webmails write UTF-8 straight into the header
        return f'name="{name}"', f'filename="{name}"'
    if name.isascii():
        if style in ("webmail", "iphone"):
            plain = name if re.fullmatch(r"[A-Za-z0-9._-]+", name) else f'"{name}"'
            return f"name={plain}", f"filename={plain}"
        return f'name="{name}"', f'filename="{name}"'
    if style == "gmail":
        word = rfc2047_b(name, chunk=45)
        return f'name="{word}"', f'filename="{word}"'
    if style == "outlook":
        word = encode_header(name, outlook_charset(lang), "Q").replace("\n ", " ")
        return f'name="{word}"', f'filename="{word}"'
    if style == "apple":
        nfd = unicodedata.normalize("NFD", name)
        return f'name="{rfc2047_q(nfd, "utf-8")}"', rfc2231("filename", nfd, "utf-8")
    if style == "lotus":
        word = encode_header(name, "ISO-8859-1", "Q").replace("\n ", " ")
        return f'name="{word}"', f'filename="{word}"'
    # thunderbird, webmail, iphone: encoded word in name, RFC 2231 in filename
    return f'name="{rfc2047_q(name)}"', rfc2231("filename", name, width=60)


def att_part(a: Att, style: str, lang: str, seed: str, moment: datetime) -> Part:
    """One attachment's MIME part, with the header habits of the client that wrote it."""
    if a.ctype == "message/rfc822":
        headers = [("Content-Type", "message/rfc822")]
        if a.name:
            name_param, file_param = _param_name(a.name, style, lang)
            headers = [("Content-Type", f"message/rfc822; {name_param}")]
            headers.append(("Content-Disposition", f"attachment; {file_param}"))
        headers.append(("Content-Transfer-Encoding", "8bit" if not a.data.isascii() else "7bit"))
        return Part(headers, a.data)
    body = b64(a.data)
    if a.name is None:
        headers = [("Content-Type", a.ctype), ("Content-Transfer-Encoding", "base64")]
        if not a.inline:
            headers.append(("Content-Disposition", "attachment"))
        return Part(headers, body)
    name_param, file_param = _param_name(a.name, style, lang)
    disposition = "inline" if a.inline else "attachment"
    if style == "gmail":
        xid = "f_" + _token(seed + a.name, "abcdefghijklmnopqrstuvwxyz0123456789", 9)
        headers = [
            ("Content-Type", f"{a.ctype}; {name_param}"),
            ("Content-Disposition", f"{disposition}; {file_param}"),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-ID", f"<{a.cid or xid}>"),
            ("X-Attachment-Id", a.cid or xid),
        ]
    elif style == "outlook":
        stamp = format_datetime(moment.astimezone(UTC), usegmt=True)
        headers = [("Content-Type", f"{a.ctype}; {name_param}")]
        headers.append(("Content-Description", name_param[6:-1]))
        headers.append(
            (
                "Content-Disposition",
                f"{disposition}; {file_param}; size={len(a.data)};\n"
                f'\tcreation-date="{stamp}";\n\tmodification-date="{stamp}"',
            )
        )
        if a.cid:
            headers.append(("Content-ID", f"<{a.cid}>"))
        headers.append(("Content-Transfer-Encoding", "base64"))
    elif style == "apple":
        headers = [
            ("Content-Disposition", f"{disposition};\n\t{file_param}"),
            ("Content-Type", f"{a.ctype};\n\tx-unix-mode=0644;\n\t{name_param}"),
            ("Content-Transfer-Encoding", "base64"),
        ]
        if a.cid:
            headers.append(("Content-Id", f"<{a.cid}>"))
    elif style == "iphone":
        headers = [
            ("Content-Type", f"{a.ctype};\n\t{name_param}"),
            ("Content-Disposition", f"inline;\n\t{file_param}"),
            ("Content-Transfer-Encoding", "base64"),
        ]
    elif style == "lotus":
        headers = [
            ("Content-type", f"application/octet-stream; \n\t{name_param}"),
            ("Content-Disposition", f"{disposition}; {file_param}"),
            ("Content-transfer-encoding", "base64"),
        ]
    elif style == "webmail":
        headers = [
            ("Content-Type", f"{a.ctype};\n {name_param}"),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", f"{disposition};\n {file_param};\n size={len(a.data)}"),
        ]
    else:  # thunderbird, raw
        headers = [
            ("Content-Type", f"{a.ctype};\n {name_param}"),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", f"{disposition};\n {file_param}"),
        ]
        if a.cid:
            headers.append(("Content-ID", f"<{a.cid}>"))
    return Part(headers, body)


CLIENT_STYLE = {
    "gmail": "gmail",
    "exo": "outlook",
    "exchange": "outlook",
    "thunderbird": "thunderbird",
    "apple": "apple",
    "iphone": "iphone",
    "roundcube": "webmail",
    "zimbra": "webmail",
    "horde": "webmail",
    "yahoo": "webmail",
    "sogo": "raw",
    "lotus": "lotus",
}


@dataclass
class Mail:
    """Everything one message needs; ``compose`` turns it into the bytes our server stored."""

    seed: str
    client: str
    sender: Person
    subject: str
    body: str
    atts: list[Att] = field(default_factory=list)
    arrival: datetime | None = None  # our MX's time; None: no Received header at all
    date: datetime | None = None  # the sender's Date; default a few seconds before arrival
    lang: str = "en"
    to: str = OUR_ADDRESS
    cc: str | None = None
    reply_to: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)  # after the client's own headers
    top: list[tuple[str, str]] = field(default_factory=list)  # replaces our envelope lines
    return_path: str | None = None
    relay: Relay | None = None
    html: bool = True
    crlf: bool = False
    agent: str = ""  # webmail product for User-Agent / X-Mailer
    signed: str = ""  # "smime", "smime-x" (older Outlook) or "pgp": a multipart/signed wrapper


def _sent(mail: Mail) -> datetime:
    if mail.date is not None:
        return mail.date
    base = mail.arrival or datetime(2021, 5, 19, 10, 0, tzinfo=UTC)
    delay = 2 + int(_h(mail.seed, "delay"), 16) % 40
    return zoned(base - timedelta(seconds=delay), mail.sender.zone_h)


def _relay(mail: Mail) -> Relay:
    if mail.relay:
        return mail.relay
    pick = int(_h(mail.seed, "relay"), 16)
    if mail.client == "gmail":
        return GMAIL_RELAYS[pick % len(GMAIL_RELAYS)]
    if mail.client == "exo":
        return EXO_RELAYS[pick % 2 if mail.sender.zone_h > 0 else 2 + pick % 2]
    ip = f"{('198.51.100', '203.0.113', '192.0.2')[pick % 3]}.{10 + pick % 230}"
    host = ("smtp", "mail", "correo", "mx01", "relay")[pick % 5] + "." + mail.sender.domain
    return Relay(host, host, ip)


def _sender_received(mail: Mail, sent: datetime) -> list[tuple[str, str]]:
    """The sending side's own Received lines (older than ours, further down)."""
    hop = sent + timedelta(seconds=1)
    if mail.client == "gmail":
        sid = _token(mail.seed, "abcdefghijklmnopqrstuvwxyz0123456789", 10)
        relay = _relay(mail)
        return [
            (
                "Received",
                f"by {relay.helo} with SMTP id {sid}.27\n        for <{mail.to}>; "
                f"{rfc_date(zoned(hop, -7, 'PDT'))}",
            )
        ]
    if mail.client == "exo":
        pod = (
            "AM6PR0" + _token(mail.seed, "123456789", 1) + "MB" + _token(mail.seed, "0123456789", 4)
        )
        region = "eurprd0" + _token(mail.seed + "r", "123456789", 1)
        return [
            (
                "Received",
                f"from {pod}.{region}.prod.outlook.com\n ([fe80::5d1c:{_h(mail.seed, n=4)}:"
                f"{_h(mail.seed, 'b', n=4)}:9e01]) by {pod}.{region}.prod.outlook.com\n"
                f" ([fe80::5d1c:{_h(mail.seed, n=4)}:{_h(mail.seed, 'b', n=4)}:9e01%5]) with mapi"
                f" id 15.20.4129.033; {rfc_date(hop.astimezone(UTC), zone_name=False)}",
            )
        ]
    if mail.client == "exchange":
        domain = mail.sender.domain
        return [
            (
                "Received",
                f"from EXCH02.{domain} (10.20.1.22) by EXCH01.{domain}\n (10.20.1.21) with "
                "Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_"
                "SHA384) id 15.1.2176.2 via Frontend\n Transport; "
                f"{rfc_date(hop, zone_name=False)}",
            )
        ]
    relay = _relay(mail)
    client_ip = f"10.{int(_h(mail.seed, 'ip'), 16) % 200}.{int(_h(mail.seed, 'ip2'), 16) % 250}.23"
    auth = "ESMTPSA" if mail.client in ("thunderbird", "apple", "iphone") else "ESMTP"
    qid = _token(mail.seed + "sq", "0123456789ABCDEF", 10)
    return [
        (
            "Received",
            f"from [{client_ip}] (unknown [{client_ip}])\n\tby {relay.helo} with {auth} id {qid}"
            f"\n\tfor <{mail.to}>; {rfc_date(hop, zone_name=False)}",
        )
    ]


def _message_id(mail: Mail) -> str:
    h = _h(mail.seed, "mid", n=32)
    if mail.client == "gmail":
        token = base64.b64encode(bytes.fromhex(h + _h(mail.seed, "x", n=8))).decode()
        token = token.replace("/", "_").replace("+", "-").rstrip("=")
        return f"<CA{token}@mail.gmail.com>"
    if mail.client == "exo":
        pod = (
            "AM6PR0" + _token(mail.seed, "123456789", 1) + "MB" + _token(mail.seed, "0123456789", 4)
        )
        region = "eurprd0" + _token(mail.seed + "r", "123456789", 1)
        return f"<{pod}{h[:12].upper()}{h[12:20].upper()}@{pod}.{region}.prod.outlook.com>"
    if mail.client == "exchange":
        return f"<{h[:32]}@EXCH02.{mail.sender.domain}>"
    if mail.client in ("apple", "iphone"):
        u = h.upper()
        return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}@{mail.sender.domain}>"
    if mail.client == "lotus":
        return (
            f"<OF{h[:8].upper()}.{h[8:16].upper()}-ONC1258{h[16:19].upper()}@{mail.sender.domain}>"
        )
    if mail.client == "yahoo":
        return f"<{int(h[:12], 16)}.{int(h[12:20], 16)}@mail.yahoo.com>"
    return f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}@{mail.sender.domain}>"


def _boundary(mail: Mail, level: int) -> str:
    h = _h(mail.seed, "b", str(level), n=32)
    if mail.client == "gmail":
        return f"0000000000{h[:6]}05c2{level:02x}{h[6:12]}"
    if mail.client in ("exo", "exchange"):
        mid = _message_id(mail)[1:].split("@")[0]
        return f"_00{(4, 0, 3, 5)[level % 4]}_{mid}_"
    if mail.client == "thunderbird":
        return f"------------{h[:24].upper()}"
    if mail.client in ("apple", "iphone"):
        u = h.upper()
        return f"Apple-Mail=_{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}"
    if mail.client == "lotus":
        return f"=_mixed 00{h[:6].upper()}C1258{h[6:9].upper()}_="
    if mail.client == "zimbra":
        return f"=_{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    if mail.client == "roundcube":
        return f"=_{h}"
    return f"----=_Part_{int(h[:6], 16)}_{int(h[6:14], 16)}.{1621400000000 + level}"


def _text_and_html(mail: Mail, charset: str) -> tuple[Part, Part]:
    text = mail.body
    if mail.client == "thunderbird":
        cte = "8bit" if not text.isascii() else "7bit"
        return text_part(text, charset="utf-8", cte=cte, extra="; format=flowed"), Part([])
    if mail.client == "gmail":
        cte = "7bit" if text.isascii() else "quoted-printable"
        plain = text_part(text, cte=cte, label='"UTF-8"')
        html = html_of(text).replace("<body>\n", '<body>\n<div dir="ltr">')
        html_part = text_part(html, subtype="html", cte="quoted-printable", label='"UTF-8"')
        return plain, html_part
    html_part = text_part(html_of(text), subtype="html", charset=charset, cte="quoted-printable")
    return text_part(text, charset=charset, cte="quoted-printable"), html_part


def compose(mail: Mail) -> bytes:
    style = CLIENT_STYLE[mail.client]
    sent = _sent(mail)
    charset = outlook_charset(mail.lang) if style == "outlook" else "utf-8"
    plain, html = _text_and_html(mail, charset)
    files = [att_part(a, style, mail.lang, mail.seed, sent) for a in mail.atts if not a.cid]
    inline = [att_part(a, style, mail.lang, mail.seed, sent) for a in mail.atts if a.cid]

    if style == "thunderbird" or not mail.html:
        content = plain if not files else multipart("mixed", _boundary(mail, 0), [plain, *files])
        if files and style == "thunderbird":
            content.preamble = "This is a multi-part message in MIME format."
    elif style == "apple" and files:
        html_text = html_of(mail.body)
        pieces: list[Part] = [
            text_part(
                html_text,
                subtype="html",
                charset="us-ascii" if html_text.isascii() else "utf-8",
                headers_first=False,
            )
        ]
        for f in files:
            pieces += [
                f,
                text_part(
                    "<html><body></body></html>",
                    subtype="html",
                    charset="us-ascii",
                    cte="7bit",
                    headers_first=False,
                ),
            ]
        mixed = multipart("mixed", _boundary(mail, 1), pieces)
        plain_first = text_part(mail.body, charset="utf-8", headers_first=False)
        content = multipart("alternative", _boundary(mail, 0), [plain_first, mixed])
    elif style in ("iphone", "webmail", "raw", "lotus"):
        parts = [plain, *files, *inline]
        if style == "iphone" and mail.lang in SIGNATURE_IPHONE:
            parts.append(
                text_part("\n" + SIGNATURE_IPHONE[mail.lang], charset="us-ascii", cte="7bit")
            )
        content = multipart("mixed", _boundary(mail, 0), parts) if len(parts) > 1 else plain
    else:  # gmail, outlook
        alternative = multipart("alternative", _boundary(mail, 1), [plain, html])
        if inline:
            if style == "gmail":
                related = multipart("related", _boundary(mail, 2), [html, *inline])
                alternative = multipart("alternative", _boundary(mail, 1), [plain, related])
                body_part = alternative
            else:
                boundary = _boundary(mail, 2)
                ctype = (
                    f'multipart/related;\n\tboundary="{boundary}";\n\ttype="multipart/alternative"'
                )
                body_part = Part(
                    [("Content-Type", ctype)], parts=[alternative, *inline], boundary=boundary
                )
        else:
            body_part = alternative
        content = (
            multipart("mixed", _boundary(mail, 0), [body_part, *files]) if files else body_part
        )

    if mail.signed:
        content = _signed(mail, content)
    headers = _client_headers(mail, style, sent)
    content_headers = content.headers
    content.headers = []
    rendered_body = content.render()[1:]  # drop the blank line after the (now empty) headers
    top = list(mail.top)
    if not top and mail.arrival is not None:
        top = envelope(
            mail.seed, mail.return_path or mail.sender.address, _relay(mail), mail.arrival
        )
        top += _sender_received(mail, sent)
    lines = bytearray()
    for name, value in [*top, *_place_content(headers, content_headers, style), *mail.extra]:
        lines += f"{name}: {value}\n".encode()
    raw = bytes(lines) + b"\n" + rendered_body
    if mail.crlf:
        raw = raw.replace(b"\n", b"\r\n")
    return raw


def _signed(mail: Mail, content: Part) -> Part:
    """Wrap a body in multipart/signed with a detached signature part (RFC 1847)."""
    boundary = _boundary(mail, 7)
    if mail.signed == "pgp":
        armor = base64.b64encode(fake_p7s(mail.seed)[:300]).decode()
        signature = (
            "-----BEGIN PGP SIGNATURE-----\n\n"
            + "\n".join(armor[i : i + 64] for i in range(0, len(armor), 64))
            + "\n=Qx2T\n-----END PGP SIGNATURE-----\n"
        )
        sig = Part(
            [
                ("Content-Type", 'application/pgp-signature; name="OpenPGP_signature.asc"'),
                ("Content-Description", "OpenPGP digital signature"),
                ("Content-Disposition", 'attachment; filename="OpenPGP_signature.asc"'),
            ],
            signature,
        )
        ctype = (
            'multipart/signed; micalg=pgp-sha256;\n protocol="application/pgp-signature";\n'
            f' boundary="{boundary}"'
        )
        preamble = "This is an OpenPGP/MIME signed message (RFC 4880 and 3156)"
    else:
        kind = (
            "application/x-pkcs7-signature"
            if mail.signed == "smime-x"
            else "application/pkcs7-signature"
        )
        micalg = "SHA1" if mail.signed == "smime-x" else "sha-256"
        sig = Part(
            [
                ("Content-Type", f'{kind}; name="smime.p7s"'),
                ("Content-Transfer-Encoding", "base64"),
                ("Content-Disposition", 'attachment; filename="smime.p7s"'),
                ("Content-Description", "S/MIME Cryptographic Signature"),
            ],
            b64(fake_p7s(mail.seed)),
        )
        ctype = f'multipart/signed; protocol="{kind}";\n\tmicalg={micalg}; boundary="{boundary}"'
        preamble = "This is a cryptographically signed message in MIME format.\n"
    return Part(
        [("Content-Type", ctype)], parts=[content, sig], boundary=boundary, preamble=preamble
    )


SIGNATURE_IPHONE = {
    "es": "Enviado desde mi iPhone",
    "pt": "Enviado do meu iPhone",
    "ptbr": "Enviado do meu iPhone",
    "fr": "Envoyé de mon iPhone",
    "it": "Inviato da iPhone",
    "en": "Sent from my iPhone",
    "de": "Von meinem iPhone gesendet",
}


def _place_content(
    headers: list[tuple[str, str]], content: list[tuple[str, str]], style: str
) -> list[tuple[str, str]]:
    """Put the body's Content-* lines where the client writes them among its headers."""
    out: list[tuple[str, str]] = []
    placed = False
    for name, value in headers:
        if name == "@content":
            out += content
            placed = True
        else:
            out.append((name, value))
    return out if placed else out + content


def _client_headers(mail: Mail, style: str, sent: datetime) -> list[tuple[str, str]]:
    p = mail.sender
    date = format_datetime(sent)
    mid = _message_id(mail)
    threading = []
    if mail.references:
        threading.append(("References", mail.references))
    if mail.in_reply_to:
        threading.append(("In-Reply-To", mail.in_reply_to))
    if style == "gmail":
        h = [("MIME-Version", "1.0"), *threading, ("From", address(p, mode="B")), ("Date", date)]
        h += [("Message-ID", mid), ("Subject", encode_header(mail.subject, "UTF-8", "Q"))]
        h += [("To", mail.to)]
        if mail.cc:
            h.append(("Cc", mail.cc))
        if mail.reply_to:
            h.append(("Reply-To", mail.reply_to))
        h.append(("@content", ""))
        return h
    if style == "outlook":
        cs = outlook_charset(mail.lang)
        h = [("From", address(p, cs, "Q", quote_name=True)), ("To", f'"{mail.to}" <{mail.to}>')]
        if mail.cc:
            h.append(("CC", mail.cc))
        subj = encode_header(mail.subject, cs, "Q")
        topic = re.sub(
            r"^(?:(?:RE|FW|AW|WG|RV|TR|R|I|ODP|PD|SV|VS|VL)\s*:\s*)+", "", mail.subject, flags=re.I
        )
        h += [("Subject", subj), ("Thread-Topic", encode_header(topic, cs, "Q"))]
        index = base64.b64encode(bytes.fromhex("01d74d" + _h(mail.seed, "ti", n=38))).decode()
        h += [
            ("Thread-Index", index),
            (
                "Date",
                format_datetime(sent.astimezone(UTC)).replace("-0000", "+0000")
                if mail.client == "exo"
                else date,
            ),
        ]
        h += [("Message-ID", mid), *threading]
        if mail.reply_to:
            h.append(("Reply-To", mail.reply_to))
        content_lang = {
            "en": "en-GB",
            "es": "es-ES",
            "pt": "pt-PT",
            "ptbr": "pt-BR",
            "fr": "fr-FR",
            "de": "de-DE",
            "it": "it-IT",
            "pl": "pl-PL",
            "nl": "nl-NL",
            "ca": "ca-ES",
            "ro": "ro-RO",
            "sv": "sv-SE",
            "el": "el-GR",
            "hu": "hu-HU",
            "cs": "cs-CZ",
            "bg": "bg-BG",
            "fi": "fi-FI",
            "da": "da-DK",
            "hr": "hr-HR",
        }.get(mail.lang, "en-US")
        h += [("Accept-Language", f"{content_lang}, en-US"), ("Content-Language", content_lang)]
        h += [("X-MS-Has-Attach", "yes" if mail.atts else ""), ("X-MS-TNEF-Correlator", "")]
        h += [("@content", ""), ("MIME-Version", "1.0")]
        return h
    if style == "thunderbird":
        h = [("Subject", encode_header(mail.subject)), ("To", mail.to)]
        if mail.cc:
            h.append(("Cc", mail.cc))
        h += [("From", address(p)), *threading, ("Message-ID", mid), ("Date", date)]
        h += [
            (
                "User-Agent",
                (
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101\n "
                    "Thunderbird/78.10.2"
                ),
            ),
            ("MIME-Version", "1.0"),
            ("@content", ""),
            ("Content-Language", {"ptbr": "pt-BR"}.get(mail.lang, mail.lang)),
        ]
        return h
    if style in ("apple", "iphone"):
        h = [("@content", "")]
        if style == "apple":
            h.append(("Mime-Version", "1.0 (Mac OS X Mail 14.0 \\(3654.80.0.2.43\\))"))
        else:
            h += [("Content-Transfer-Encoding", "7bit"), ("Mime-Version", "1.0 (1.0)")]
        h += [("Subject", encode_header(mail.subject, "utf-8")), ("From", address(p, "utf-8"))]
        h += [*threading, ("Date", date), ("Message-Id", mid), ("To", mail.to)]
        if mail.cc:
            h.append(("Cc", mail.cc))
        h.append(
            (
                "X-Mailer",
                "Apple Mail (2.3654.80.0.2.43)" if style == "apple" else "iPhone Mail (18E212)",
            )
        )
        return h
    if style == "lotus":
        h = [("MIME-Version", "1.0"), ("Subject", encode_header(mail.subject, "ISO-8859-1"))]
        h += [
            ("To", mail.to),
            ("X-Mailer", "Lotus Notes Release 9.0.1FP10 SHF383 February 18, 2019"),
        ]
        h += [("Message-ID", mid), ("From", address(p, "ISO-8859-1")), ("Date", date)]
        h += [
            (
                "X-MIMETrack",
                f"Serialize by Router on NOTES01/{p.domain.split('.')[0].upper()}(Release "
                f"9.0.1FP10|February\n 18, 2019) at {sent.strftime('%d/%m/%Y %H:%M:%S')}",
            )
        ]
        h.append(("@content", ""))
        return h
    agents = {
        "roundcube": ("User-Agent", "Roundcube Webmail/1.4.11"),
        "zimbra": (
            "X-Mailer",
            "Zimbra 8.8.15_GA_4007 (ZimbraWebClient - FF88 (Win)/8.8.15_GA_3928)",
        ),
        "horde": ("User-Agent", "Horde Application Framework 5"),
        "yahoo": ("X-Mailer", "WebService/1.1.18295 YMailNorrin"),
        "sogo": ("User-Agent", "SOGoMail 5.1.0"),
    }
    h = [("Date", date), ("From", address(p)), ("To", mail.to)]
    if mail.cc:
        h.append(("Cc", mail.cc))
    h += [("Message-ID", mid), *threading, ("Subject", encode_header(mail.subject))]
    h += [("MIME-Version", "1.0"), ("@content", "")]
    if mail.client in agents:
        h.append(agents[mail.client])
    return h


# ============================================================================ applicants

VALDORIA = City(
    "Ayuntamiento de Valdoria", "Valdoria", "España", "412.350", "es", "María Teresa Ibáñez Roca",
    "Alcaldesa", "Jorge Salcedo Martín", "Jefe de Servicio de Empleo y Desarrollo Local",
    "jsalcedo@valdoria.example", "+34 955 410 233", "Valdoria",
)  # fmt: skip
SERRABELA = City(
    "Município de Serrabela", "Serrabela", "Portugal", "231 480", "pt", "Rui Manuel Tavares",
    "Presidente da Câmara Municipal", "Ana Luísa Figueiredo",
    "Chefe da Divisão de Desenvolvimento Social", "ana.figueiredo@cm-serrabela.example",
    "+351 265 800 114", "Serrabela",
)  # fmt: skip
NOVA_ARAGUAIA = City(
    "Prefeitura Municipal de Nova Araguaia", "Nova Araguaia", "Brasil", "318.902", "ptbr",
    "José Carlos Mendonça", "Prefeito Municipal", "Fernanda Ribeiro Lopes",
    "Diretora de Economia Solidária", "fernanda.lopes@novaaraguaia.example", "+55 62 3521-4400",
    "Nova Araguaia - GO",
)  # fmt: skip
MONTCLARET = City(
    "Ville de Montclaret", "Montclaret", "France", "287 114", "fr", "Claire Delmas-Roussel",
    "Maire", "Thomas Guérin", "Chargé de mission économie sociale et solidaire",
    "t.guerin@ville-montclaret.example", "+33 4 67 20 81 00", "Montclaret",
)  # fmt: skip
KELSTERBRUCK = City(
    "Stadt Kelsterbruck", "Kelsterbruck", "Deutschland", "264.877", "de", "Dr. Andreas Brenninger",
    "Oberbürgermeister", "Katrin Vogelsang",
    "Amt für Wirtschaftsförderung, Sachgebiet Sozialwirtschaft",
    "katrin.vogelsang@kelsterbruck.example", "+49 621 293 4410", "Kelsterbruck",
)  # fmt: skip
VALLARSANA = City(
    "Comune di Vallarsana", "Vallarsana", "Italia", "256.430", "it", "Marco Bellandi", "Sindaco",
    "Giulia Ferraresi", "Responsabile Ufficio Politiche Europee",
    "g.ferraresi@comune.vallarsana.example", "+39 051 219 3300", "Vallarsana",
)  # fmt: skip
BOROWICE = City(
    "Miasto Borowice", "Borowice", "Polska", "342 118", "pl", "Tomasz Żelazny", "Prezydent",
    "Agnieszka Wróblewska", "Naczelnik Wydziału Rozwoju Gospodarczego",
    "a.wroblewska@um.borowice.example", "+48 42 638 41 20", "Borowice",
)  # fmt: skip
ZANDMEER = City(
    "gemeente Zandmeer", "Zandmeer", "Nederland", "221.560", "nl", "Jeroen van der Werff",
    "burgemeester", "Sanne Bakker", "programmamanager Economie en Werk",
    "s.bakker@zandmeer.example", "+31 76 529 4400", "Zandmeer",
)  # fmt: skip
SERRACLARA = City(
    "Ajuntament de Serraclara", "Serraclara", "Catalunya (Espanya)", "213.995", "ca",
    "Jordi Puigvert i Soler", "Alcalde", "Núria Casals Ferrer", "Tècnica de Promoció Econòmica",
    "ncasals@serraclara.example", "+34 93 741 22 00", "Serraclara",
)  # fmt: skip
VALCENESTI = City(
    "Municipiul Vâlcenești", "Vâlcenești", "România", "263.410", "ro", "Mihai Constantinescu",
    "Primar", "Ioana Dumitrescu", "Director, Direcția Dezvoltare Economică",
    "ioana.dumitrescu@primariavalcenesti.example", "+40 250 731 200", "Vâlcenești",
)  # fmt: skip
TALLBERGA = City(
    "Tallberga kommun", "Tallberga", "Sverige", "205 700", "sv", "Eva Lindqvist",
    "kommunstyrelsens ordförande", "Johan Ekström", "utvecklingsstrateg, Näringslivskontoret",
    "johan.ekstrom@tallberga.example", "+46 19 21 10 00", "Tallberga",
)  # fmt: skip
ALKYONIDA = City(
    "Δήμος Αλκυονίδας", "Αλκυονίδας", "Ελλάδα", "224.300", "el", "Νικόλαος Παπαδάκης", "Δήμαρχος",
    "Ελένη Σταυροπούλου", "Προϊσταμένη Διεύθυνσης Τοπικής Ανάπτυξης",
    "e.stavropoulou@alkyonida.example", "+30 2610 390 100", "Αλκυονίδα",
)  # fmt: skip
DOMBVAR = City(
    "Dombvár Megyei Jogú Város Önkormányzata", "Dombvár", "Magyarország", "201 860", "hu",
    "Dr. Kovács Péter", "polgármester", "Szabó Anikó", "városfejlesztési referens",
    "szabo.aniko@dombvar.example", "+36 62 564 300", "Dombvár",
)  # fmt: skip
KINGSMERE = City(
    "Kingsmere City Council", "Kingsmere", "United Kingdom", "318,200", "en", "Cllr Janet Okafor",
    "Leader of the Council", "David Pryce", "Senior Economic Development Officer",
    "david.pryce@kingsmere.example", "+44 1632 960 412", "Kingsmere",
)  # fmt: skip
HARLOW_FALLS = City(
    "City of Harlow Falls", "Harlow Falls", "United States", "274,900", "en",
    "Mayor Robert L. Whitfield", "Mayor", "Angela Ruiz",
    "Director, Office of Community Wealth Building", "aruiz@harlowfalls.example",
    "+1 555 0143 2200", "Harlow Falls, Ohio",
)  # fmt: skip
PORT_ALDER = City(
    "City of Port Alder", "Port Alder", "Canada", "236,410", "en", "Linda Chao", "Mayor",
    "Marc Thibodeau", "Social Economy Planner", "mthibodeau@portalder.example", "+1 555 0188 3000",
    "Port Alder, British Columbia",
)  # fmt: skip
SAN_AURELIO = City(
    "Municipio de San Aurelio", "San Aurelio", "México", "506,233", "es",
    "Lic. Guadalupe Treviño Garza", "Presidenta Municipal", "Mtro. Héctor Villarreal",
    "Director de Economía Social", "hvillarreal@sanaurelio.example", "+52 81 8340 2200",
    "San Aurelio, Nuevo León",
)  # fmt: skip
LACROIX = City(
    "Ville de Lacroix-sur-Rivière", "Lacroix-sur-Rivière", "Canada", "219 380", "fr",
    "Sylvie Tremblay", "Mairesse", "Mathieu Gagnon", "Conseiller en développement social",
    "mathieu.gagnon@lacroix.example", "+1 555 0102 7711", "Lacroix-sur-Rivière (Québec)",
)  # fmt: skip
WOLFSBERGEN = City(
    "Stadt Wolfsbergen", "Wolfsbergen", "Österreich", "203.500", "de", "Mag. Christian Hubmer",
    "Bürgermeister", "DI Birgit Leitner", "Abteilung Wirtschaft und Arbeit",
    "birgit.leitner@wolfsbergen.example", "+43 316 872 4400", "Wolfsbergen",
)  # fmt: skip
CASTRO_ALVO = City(
    "Município de Castro Alvo", "Castro Alvo", "Portugal", "208 300", "pt", "Helena Marques Pinto",
    "Presidente da Câmara Municipal", "Pedro Nogueira",
    "Técnico Superior, Gabinete de Projetos Europeus", "pedro.nogueira@cm-castroalvo.example",
    "+351 234 400 210", "Castro Alvo",
)  # fmt: skip
WIERZBIN = City(
    "Miasto Wierzbin", "Wierzbin", "Polska", "268 700", "pl", "Katarzyna Nowicka-Bąk", "Prezydent",
    "Paweł Zieliński", "Główny specjalista ds. ekonomii społecznej",
    "p.zielinski@wierzbin.example", "+48 81 466 20 00", "Wierzbin",
)  # fmt: skip
MEERBEKE = City(
    "Stad Meerbeke", "Meerbeke", "België", "259.800", "nl", "Bart Verhoeven", "burgemeester",
    "Lotte Claes", "beleidsmedewerker sociale economie", "lotte.claes@meerbeke.example",
    "+32 9 266 70 00", "Meerbeke",
)  # fmt: skip
CARRICKMORE = City(
    "Carrickmore City Council", "Carrickmore", "Ireland", "231,600", "en", "Cllr Siobhán Murray",
    "Lord Mayor", "Ciarán Doyle", "Senior Executive Officer, Economic Development",
    "ciaran.doyle@carrickmore.example", "+353 21 492 4000", "Carrickmore",
)  # fmt: skip
HORNI_VES = City(
    "Statutární město Horní Ves", "Horní Ves", "Česká republika", "287 968", "cs",
    "Ing. Pavel Novotný", "primátor", "Mgr. Lucie Horáková", "Odbor strategického rozvoje",
    "lucie.horakova@hornives.example", "+420 599 443 111", "Horní Vsi",
)  # fmt: skip
SVETLOGRAD = City(
    "Община Светлоград", "Светлоград", "България", "214 700", "bg", "Иван Петров Георгиев", "Кмет",
    "Мария Димитрова", "Директор „Икономическо развитие“", "m.dimitrova@svetlograd.example",
    "+359 52 820 100", "Светлоград",
)  # fmt: skip
JARVELA = City(
    "Järvelän kaupunki", "Järvelä", "Suomi", "206 200", "fi", "Mikko Laaksonen",
    "kaupunginjohtaja", "Riikka Heinonen", "elinkeinoasiantuntija",
    "riikka.heinonen@jarvela.example", "+358 3 565 600", "Järvelä",
)  # fmt: skip
KOBBERUP = City(
    "Kobberup Kommune", "Kobberup", "Danmark", "203 100", "da", "Henrik Mølgaard", "borgmester",
    "Mette Kjær Sørensen", "udviklingskonsulent", "mks@kobberup.example", "+45 89 40 20 00",
    "Kobberup",
)  # fmt: skip
ZLATOGRAD = City(
    "Grad Zlatograd", "Zlatograd", "Hrvatska", "201 300", "hr", "Ivan Horvat", "gradonačelnik",
    "Ana Kovačević", "viša savjetnica za gospodarstvo", "ana.kovacevic@zlatograd.example",
    "+385 1 610 1111", "Zlatogradu",
)  # fmt: skip
ALMENARA = City(
    "Ayuntamiento de Almenara del Río", "Almenara del Río", "España", "236.512", "es",
    "Francisco Javier Luna Prieto", "Alcalde-Presidente", "Rocío Medina Lara",
    "Técnica de Fondos Europeos", "rmedina@almenaradelrio.example", "+34 953 210 400",
    "Almenara del Río",
)  # fmt: skip
BRENZANO = City(
    "Comune di Brenzano", "Brenzano", "Italia", "219.006", "it", "Alessandra Conti", "Sindaca",
    "Luca Rinaldi", "Funzionario Servizio Sviluppo Economico",
    "luca.rinaldi@comune.brenzano.example", "+39 0521 218 000", "Brenzano",
)  # fmt: skip
HAINVAUX = City(
    "Ville de Hainvaux", "Hainvaux", "Belgique", "201 800", "fr", "Philippe Dumont", "Bourgmestre",
    "Sophie Lambert", "Cellule Économie sociale", "sophie.lambert@hainvaux.example",
    "+32 71 86 20 00", "Hainvaux",
)  # fmt: skip
ITABERABA = City(
    "Prefeitura Municipal de Itaberaba do Sul", "Itaberaba do Sul", "Brasil", "402.115", "ptbr",
    "Antônio Sérgio Farias", "Prefeito", "Juliana Matos Cerqueira",
    "Secretária Adjunta de Desenvolvimento Econômico", "juliana.cerqueira@itaberaba.example",
    "+55 71 3311-2000", "Itaberaba do Sul - BA",
)  # fmt: skip
OLIVARES = City(
    "Ayuntamiento de Olivares del Campo", "Olivares del Campo", "España", "203.640", "es",
    "Ana Belén Carrasco Ruiz", "Alcaldesa", "Iñigo Arrieta Gómez", "Agente de Desarrollo Local",
    "iarrieta@olivaresdelcampo.example", "+34 926 540 100", "Olivares del Campo",
)  # fmt: skip
TORRELINARES = City(
    "Ayuntamiento de Torrelinares", "Torrelinares", "España", "298.110", "es",
    "Luis Miguel Sanz Ortega", "Alcalde", "Beatriz Cano Herrero", "Jefa de Sección de Empleo",
    "bcano@torrelinares.example", "+34 968 300 400", "Torrelinares",
)  # fmt: skip
CAMPO_VERDE = City(
    "Prefeitura de Campo Verde do Norte", "Campo Verde do Norte", "Brasil", "355.400", "ptbr",
    "Raimundo Nonato Alves", "Prefeito", "Cláudia Barros", "Assessora de Relações Internacionais",
    "claudia.barros@campoverde.example", "+55 86 3215-7000", "Campo Verde do Norte - PI",
)  # fmt: skip
OSTERMUEHL = City(
    "Stadt Ostermühl", "Ostermühl", "Deutschland", "233.900", "de", "Sabine Kröger",
    "Oberbürgermeisterin", "Felix Baumann", "Referent Europa und Internationales",
    "felix.baumann@ostermuehl.example", "+49 521 51 2000", "Ostermühl",
)  # fmt: skip
SAN_VITALE = City(
    "Comune di San Vitale Marittimo", "San Vitale Marittimo", "Italia", "207.300", "it",
    "Giovanni Esposito", "Sindaco", "Chiara Lombardo", "Ufficio Europa",
    "ufficioeuropa@comune.sanvitale.example", "+39 081 795 1111", "San Vitale Marittimo",
)  # fmt: skip
BEAULIEU = City(
    "Ville de Beaulieu-sur-Orne", "Beaulieu-sur-Orne", "France", "214 500", "fr",
    "Jean-Marc Lefèvre", "Maire", "Camille Roche", "Direction du développement économique",
    "camille.roche@beaulieu.example", "+33 2 31 30 40 00", "Beaulieu-sur-Orne",
)  # fmt: skip
OOSTERKAMP = City(
    "gemeente Oosterkamp", "Oosterkamp", "Nederland", "229.300", "nl", "Ingrid de Boer",
    "burgemeester", "Ruben Visser", "adviseur sociale economie", "r.visser@oosterkamp.example",
    "+31 50 367 0000", "Oosterkamp",
)  # fmt: skip
VALMEDIANO = City(
    "Ayuntamiento de Valmediano", "Valmediano", "España", "264.300", "es", "Pilar Gutiérrez Sáez",
    "Alcaldesa", "Marcos Peña Velasco", "Técnico de Desarrollo Económico",
    "mpena@valmediano.example", "+34 979 718 100", "Valmediano",
)  # fmt: skip
ASHWORTH = City(
    "Ashworth Metropolitan Borough Council", "Ashworth", "United Kingdom", "329,400", "en",
    "Cllr Amir Hussain", "Leader of the Council", "Rachel Fenwick", "Inclusive Economy Manager",
    "rachel.fenwick@ashworth.example", "+44 1632 960 877", "Ashworth",
)  # fmt: skip
BROOKHAVEN = City(
    "City of Brookhaven Ridge", "Brookhaven Ridge", "United States", "221,000", "en",
    "Mayor Denise Holloway", "Mayor", "Kevin O'Connell", "Grants Coordinator",
    "koconnell@brookhavenridge.example", "+1 555 0177 9000", "Brookhaven Ridge, Pennsylvania",
)  # fmt: skip
ARENALES = City(
    "Ayuntamiento de Arenales de la Vega", "Arenales de la Vega", "España", "219.870", "es",
    "Rafael Domínguez Pardo", "Alcalde", "Elena Soto Morales", "Coordinadora de Innovación Social",
    "esoto@arenales.example", "+34 924 010 200", "Arenales de la Vega",
)  # fmt: skip
SAO_ROQUE = City(
    "Prefeitura Municipal de São Roque da Serra", "São Roque da Serra", "Brasil", "289.000",
    "ptbr", "Márcia Helena Duarte", "Prefeita", "Rodrigo Teixeira",
    "Coordenador de Projetos Especiais", "rodrigo.teixeira@saoroque.example", "+55 11 4712-9000",
    "São Roque da Serra - SP",
)  # fmt: skip


# ============================================================================ cases

Built = tuple[bytes, dict[str, Any]]
CASES: dict[str, Callable[[], Built]] = {}


def case(func: Callable[[], Built]) -> Callable[[], Built]:
    CASES[func.__name__] = func
    return func


FORM = "application_form"
LETTER = "letter_of_intent"


def expect(
    decision: str,
    form: str | None = None,
    letter: str | None = None,
    *,
    review: bool = False,
    why: str,
) -> dict[str, Any]:
    """A careful human's judgement for one message."""
    if decision == "ignored":
        return {
            "decision": decision,
            "documents": None,
            "missing": None,
            "review": review,
            "why": why,
        }
    documents = {FORM: form, LETTER: letter}
    missing = [key for key, value in documents.items() if value is None]
    return {
        "decision": decision,
        "documents": documents,
        "missing": missing,
        "review": review,
        "why": why,
    }


COVER = {
    "es": "Buenos días:\n\nAdjuntamos la documentación del {city} para la convocatoria de Ciudades "
    "de Aprendizaje entre Pares del proyecto RRR.\n\nQuedamos a su disposición para cualquier "
    "aclaración.\n\nUn saludo,\n\n{contact}\n{role}\n{city}\nTel. {phone}",
    "pt": "Exmos. Senhores,\n\nEm nome do {city}, remetemos em anexo os documentos da nossa "
    "candidatura ao projeto RRR.\n\nCom os melhores cumprimentos,\n\n{contact}\n{role}\n{city}",
    "ptbr": "Prezados,\n\nSegue em anexo a documentação da {city} para a chamada de Cidades de "
    "Aprendizagem entre Pares do projeto RRR.\n\nAtenciosamente,\n\n{contact}\n{role}\n{city}\n"
    "Tel.: {phone}",
    "fr": "Madame, Monsieur,\n\nVeuillez trouver ci-joint le dossier de la {city} pour l'appel "
    "RRR « Peer Learning Cities ».\n\nBien cordialement,\n\n{contact}\n{role}\n{city}",
    "de": "Sehr geehrte Damen und Herren,\n\nanbei übersenden wir Ihnen die Unterlagen der {city} "
    "für den Aufruf RRR Peer Learning Cities.\n\nMit freundlichen Grüßen\n\n{contact}\n{role}\n"
    "{city}\nTel. {phone}",
    "it": "Gentili,\n\nsi trasmette in allegato la documentazione del {city} per la candidatura "
    "al progetto RRR.\n\nCordiali saluti\n\n{contact}\n{role}\n{city}",
    "pl": "Szanowni Państwo,\n\nw załączeniu przesyłam dokumenty zgłoszeniowe - {city} do "
    "projektu RRR.\n\nZ poważaniem\n\n{contact}\n{role}\nUrząd Miasta {short}",
    "nl": "Geachte heer, mevrouw,\n\nHierbij ontvangt u de stukken van de {city} voor de oproep "
    "RRR Peer Learning Cities.\n\nMet vriendelijke groet,\n\n{contact}\n{role}\n{city}",
    "ca": "Bon dia,\n\nUs fem arribar la documentació de l'{city} per a la convocatòria de "
    "ciutats del projecte RRR.\n\nCordialment,\n\n{contact}\n{role}\n{city}",
    "ro": "Bună ziua,\n\nVă transmitem atașat documentele de candidatură ale Primăriei {short} "
    "pentru apelul RRR Peer Learning Cities.\n\nCu stimă,\n\n{contact}\n{role}\n{city}",
    "sv": "Hej,\n\nBifogat finns underlagen från {city} till utlysningen RRR Peer Learning "
    "Cities.\n\nVänliga hälsningar\n\n{contact}\n{role}\n{city}",
    "el": "Καλησπέρα σας,\n\nΣας αποστέλλουμε συνημμένα τα έγγραφα του {city} για την πρόσκληση "
    "RRR.\n\nΜε εκτίμηση,\n\n{contact}\n{role}\n{city}",
    "hu": "Tisztelt Címzett!\n\nMellékelten küldjük {short} város dokumentumait az RRR "
    "felhíváshoz.\n\nÜdvözlettel:\n\n{contact}\n{role}\n{city}",
    "cs": "Dobrý den,\n\nv příloze zasíláme dokumenty města {short} do výzvy RRR Peer Learning "
    "Cities.\n\nS pozdravem\n\n{contact}\n{role}\n{city}",
    "bg": "Уважаеми дами и господа,\n\nПриложено изпращаме документите на {city} по поканата "
    "RRR.\n\nС уважение,\n\n{contact}\n{role}\n{city}",
    "fi": "Hyvä vastaanottaja,\n\nLiitteenä {short}n kaupungin hakemusasiakirjat RRR-hakuun.\n\n"
    "Ystävällisin terveisin\n\n{contact}\n{role}\n{city}",
    "da": "Kære RRR-team\n\nHermed fremsendes {city}s ansøgning til RRR Peer Learning Cities.\n\n"
    "Med venlig hilsen\n\n{contact}\n{role}\n{city}",
    "hr": "Poštovani,\n\nu privitku dostavljamo dokumentaciju {city} za poziv RRR.\n\nS "
    "poštovanjem,\n\n{contact}\n{role}\n{city}",
    "en": "Dear RRR team,\n\nPlease find attached the application of {city} to the RRR Peer "
    "Learning Cities call.\n\nKind regards,\n\n{contact}\n{role}\n{city}\n{phone}",
}


def cover(city: City, text: str | None = None) -> str:
    template = text if text is not None else COVER[city.lang]
    return template.format(
        city=city.name,
        short=city.short,
        contact=city.contact,
        role=city.contact_role,
        phone=city.phone,
    )


def contact(city: City, zone_h: float = 2.0, *, address: str | None = None) -> Person:
    return Person(city.contact, address or city.email, zone_h)


def send(city: City, client: str, subject: str, atts: list[Att], arrival: str, **kw: Any) -> bytes:
    """The usual message: the city's contact person writes to us with attachments."""
    seed = kw.pop("seed", subject + arrival)
    sender = kw.pop("sender", None) or contact(city, kw.pop("zone_h", 2.0))
    body = kw.pop("body", None)
    return compose(
        Mail(
            seed=seed,
            client=client,
            sender=sender,
            subject=subject,
            body=cover(city) if body is None else body,
            atts=atts,
            arrival=at(arrival) if arrival else None,
            lang=kw.pop("lang", city.lang),
            **kw,
        )
    )


def letter_pdf(
    city: City, *, titled: bool = True, date: str = "18.05.2021", ref: str = ""
) -> bytes:
    return pdf(
        [letterhead(city, local_letter(city, titled=titled, date=date), ref=ref)], author=city.name
    )


def form_pdf(
    city: City,
    *,
    official: bool = True,
    lang: str | None = None,
    checklist: bool = False,
    titled: bool = True,
) -> bytes:
    text = (
        official_form(city, lang=lang, checklist=checklist)
        if official
        else local_form(city, titled=titled)
    )
    return pdf([text], title="RRR application form" if official else None, author=city.contact)


def docx_of(text: str, author: str) -> bytes:
    return docx(text.split("\n"), author=author)


# --------------------------------------------------------------------- straightforward, accepted


@case
def es_gmail_official_form_and_letter() -> Built:
    c = VALDORIA
    raw = send(
        c,
        "gmail",
        "Candidatura Valdoria - RRR Peer Learning Cities",
        [
            att("Formulario_RRR_Valdoria.pdf", form_pdf(c, lang="es", checklist=True)),
            att(
                "Carta_intenciones_Alcaldesa_firmada.pdf", letter_pdf(c, date="18 de mayo de 2021")
            ),
        ],
        "2021-05-20 10:14:22+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulario_RRR_Valdoria.pdf",
        "Carta_intenciones_Alcaldesa_firmada.pdf",
        why="The call's form filled in Spanish and the Mayor's signed letter, on time.",
    )


@case
def pt_outlook_docx_form_pdf_letter() -> Built:
    c = SERRABELA
    raw = send(
        c,
        "exo",
        "Candidatura do Município de Serrabela ao RRR",
        [
            att("Formulário de Candidatura RRR_Serrabela.docx", docx_of(local_form(c), c.contact)),
            att("Carta de Intenções_PCM.pdf", letter_pdf(c, date="17 de maio de 2021")),
        ],
        "2021-05-18 16:41:09+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulário de Candidatura RRR_Serrabela.docx",
        "Carta de Intenções_PCM.pdf",
        why="Portuguese form in Word and the President's letter of intentions, on time.",
    )


@case
def ptbr_gmail_oficio_as_letter() -> Built:
    c = NOVA_ARAGUAIA
    raw = send(
        c,
        "gmail",
        "Inscrição - Prefeitura de Nova Araguaia - Projeto RRR",
        [
            att("Formulario_RRR_NovaAraguaia.pdf", form_pdf(c, lang="ptbr")),
            att("Oficio_087-2021_GP.pdf", letter_pdf(c, titled=False, date="20 de maio de 2021")),
        ],
        "2021-05-21 15:02:11+02:00",
        zone_h=-3,
    )
    return raw, expect(
        "accepted",
        "Formulario_RRR_NovaAraguaia.pdf",
        "Oficio_087-2021_GP.pdf",
        why=(
            "A Brazilian 'Ofício' signed by the Mayor expressing interest and commitment is the "
            "letter of intent."
        ),
    )


@case
def fr_thunderbird_odt_form() -> Built:
    c = MONTCLARET
    raw = send(
        c,
        "thunderbird",
        "Candidature de la Ville de Montclaret – RRR",
        [
            att("Formulaire de candidature RRR – Montclaret.odt", odt(local_form(c).split("\n"))),
            att("Lettre d'intention signée.pdf", letter_pdf(c, date="19 mai 2021")),
        ],
        "2021-05-19 11:27:45+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulaire de candidature RRR – Montclaret.odt",
        "Lettre d'intention signée.pdf",
        why="LibreOffice form and signed letter, names in RFC 2231, on time.",
    )


@case
def de_exchange_schreiben_ob() -> Built:
    c = KELSTERBRUCK
    raw = send(
        c,
        "exchange",
        "Bewerbung der Stadt Kelsterbruck – RRR Peer Learning Cities",
        [
            att("2021-05-17_Bewerbungsbogen_RRR.pdf", form_pdf(c, official=False)),
            att(
                "2021-05-17_Schreiben_OB.pdf",
                letter_pdf(c, titled=False, date="17.05.2021", ref="Az. 80-21/114"),
            ),
        ],
        "2021-05-17 14:05:33+02:00",
    )
    return raw, expect(
        "accepted",
        "2021-05-17_Bewerbungsbogen_RRR.pdf",
        "2021-05-17_Schreiben_OB.pdf",
        why=(
            "German form and the Lord Mayor's letter declaring interest (no 'Absichtserklärung' "
            "title), on time."
        ),
    )


@case
def it_lotus_octet_stream() -> Built:
    c = VALLARSANA
    raw = send(
        c,
        "lotus",
        "Candidatura Comune di Vallarsana - progetto RRR",
        [
            att("Modulo_candidatura_RRR.pdf", form_pdf(c, official=False)),
            att("Lettera_intenti_Sindaco.pdf", letter_pdf(c, date="13/05/2021")),
        ],
        "2021-05-14 12:48:10+02:00",
    )
    return raw, expect(
        "accepted",
        "Modulo_candidatura_RRR.pdf",
        "Lettera_intenti_Sindaco.pdf",
        why="Lotus Notes sends both PDFs as application/octet-stream; form and letter are clear.",
    )


@case
def pl_outlook_latin2_names() -> Built:
    c = BOROWICE
    raw = send(
        c,
        "exo",
        "Zgłoszenie Miasta Borowice do projektu RRR",
        [
            att("Formularz zgłoszeniowy RRR - Borowice.pdf", form_pdf(c, official=False)),
            att("List intencyjny - Prezydent Miasta.pdf", letter_pdf(c, date="19.05.2021")),
        ],
        "2021-05-20 13:31:02+02:00",
    )
    return raw, expect(
        "accepted",
        "Formularz zgłoszeniowy RRR - Borowice.pdf",
        "List intencyjny - Prezydent Miasta.pdf",
        why="Polish form and letter, names encoded in ISO-8859-2 by Outlook, on time.",
    )


@case
def nl_apple_inline_pdfs() -> Built:
    c = ZANDMEER
    raw = send(
        c,
        "apple",
        "Aanmelding gemeente Zandmeer RRR",
        [
            att("Aanmeldformulier RRR Zandmeer.pdf", form_pdf(c, official=False), inline=True),
            att(
                "Brief burgemeester Zandmeer.pdf",
                letter_pdf(c, titled=False, date="11 mei 2021"),
                inline=True,
            ),
        ],
        "2021-05-12 09:55:40+02:00",
    )
    return raw, expect(
        "accepted",
        "Aanmeldformulier RRR Zandmeer.pdf",
        "Brief burgemeester Zandmeer.pdf",
        why=(
            "Apple Mail puts the PDFs inline between HTML parts; the Mayor's letter commits the "
            "municipality."
        ),
    )


@case
def ca_gmail_middle_dot_crlf() -> Built:
    c = SERRACLARA
    raw = send(
        c,
        "gmail",
        "Sol·licitud Ajuntament de Serraclara - RRR",
        [
            att("Formulari_sol·licitud_RRR.pdf", form_pdf(c, official=False)),
            att("Carta d'intencions Alcaldia.pdf", letter_pdf(c, date="20 de maig de 2021")),
        ],
        "2021-05-21 12:10:03+02:00",
        crlf=True,
    )
    return raw, expect(
        "accepted",
        "Formulari_sol·licitud_RRR.pdf",
        "Carta d'intencions Alcaldia.pdf",
        why="Catalan form and letter, CRLF line endings, on time.",
    )


@case
def ro_zimbra_docx_form() -> Built:
    c = VALCENESTI
    raw = send(
        c,
        "zimbra",
        "Candidatura Municipiul Vâlcenești - RRR",
        [
            att("Formular candidatura RRR.docx", docx_of(local_form(c), c.contact)),
            att("Scrisoare intentie Primar.pdf", letter_pdf(c, date="20.05.2021")),
        ],
        "2021-05-20 18:22:51+02:00",
        zone_h=3,
    )
    return raw, expect(
        "accepted",
        "Formular candidatura RRR.docx",
        "Scrisoare intentie Primar.pdf",
        why="Romanian form in Word and the Mayor's letter of intent, on time.",
    )


@case
def sv_outlook_ansokan() -> Built:
    c = TALLBERGA
    raw = send(
        c,
        "exo",
        "Ansökan RRR – Tallberga kommun",
        [
            att("Ansökan RRR Tallberga.pdf", form_pdf(c, official=False)),
            att("Avsiktsförklaring Tallberga.pdf", letter_pdf(c, date="10 maj 2021")),
        ],
        "2021-05-11 15:17:26+02:00",
    )
    return raw, expect(
        "accepted",
        "Ansökan RRR Tallberga.pdf",
        "Avsiktsförklaring Tallberga.pdf",
        why="Swedish application form and declaration of intent, on time.",
    )


@case
def el_gmail_greek_names() -> Built:
    c = ALKYONIDA
    raw = send(
        c,
        "gmail",
        "Αίτηση συμμετοχής Δήμου Αλκυονίδας – RRR",
        [
            att("Αίτηση_Συμμετοχής_RRR.pdf", form_pdf(c, official=False)),
            att("Επιστολή_Πρόθεσης_Δημάρχου.pdf", letter_pdf(c, date="21/05/2021")),
        ],
        "2021-05-21 19:44:18+02:00",
        zone_h=3,
    )
    return raw, expect(
        "accepted",
        "Αίτηση_Συμμετοχής_RRR.pdf",
        "Επιστολή_Πρόθεσης_Δημάρχου.pdf",
        why="Greek form and letter with Greek file names (RFC 2047 base64 words), on time.",
    )


@case
def hu_outlook_pair() -> Built:
    c = DOMBVAR
    raw = send(
        c,
        "exo",
        "RRR jelentkezés - Dombvár",
        [
            att("Jelentkezési lap_RRR_Dombvár.pdf", form_pdf(c, official=False)),
            att("Szándéknyilatkozat_polgármester.pdf", letter_pdf(c, date="2021. május 18.")),
        ],
        "2021-05-19 08:59:12+02:00",
    )
    return raw, expect(
        "accepted",
        "Jelentkezési lap_RRR_Dombvár.pdf",
        "Szándéknyilatkozat_polgármester.pdf",
        why="Hungarian application sheet and declaration of intent, on time.",
    )


@case
def en_uk_outlook_docx_form_loi() -> Built:
    c = KINGSMERE
    raw = send(
        c,
        "exo",
        "RRR Peer Learning Cities - Kingsmere City Council application",
        [
            att(
                "RRR Application Form - Kingsmere.docx",
                docx_of(official_form(c, checklist=True, date="20/05/2021"), c.contact),
            ),
            att(
                "Kingsmere LOI signed.pdf",
                pdf([letterhead(c, official_letter(c, date="20 May 2021"))]),
            ),
        ],
        "2021-05-21 17:36:40+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "RRR Application Form - Kingsmere.docx",
        "Kingsmere LOI signed.pdf",
        why=(
            "The call's two templates filled in, form in Word; the form's checklist naming the "
            "letter does not make it a letter."
        ),
    )


@case
def en_us_gmail_mayor_letter() -> Built:
    c = HARLOW_FALLS
    raw = send(
        c,
        "gmail",
        "City of Harlow Falls - RRR application",
        [
            att("Harlow Falls RRR Application.pdf", form_pdf(c)),
            att("Mayor Whitfield letter.pdf", letter_pdf(c, titled=False, date="May 19, 2021")),
        ],
        "2021-05-20 22:03:19+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "accepted",
        "Harlow Falls RRR Application.pdf",
        "Mayor Whitfield letter.pdf",
        why="Form and a signed letter of support and commitment from the Mayor, on time.",
    )


@case
def en_ca_outlook_official_templates() -> Built:
    c = PORT_ALDER
    raw = send(
        c,
        "exo",
        "Port Alder - RRR Peer Learning Cities submission",
        [
            att("PortAlder_RRR_ApplicationForm.pdf", form_pdf(c)),
            att("PortAlder_LetterOfIntent.pdf", pdf([official_letter(c, date="May 14, 2021")])),
        ],
        "2021-05-15 01:12:55+02:00",
        zone_h=-7,
    )
    return raw, expect(
        "accepted",
        "PortAlder_RRR_ApplicationForm.pdf",
        "PortAlder_LetterOfIntent.pdf",
        why="Both templates filled in, sent in the Pacific evening, on time.",
    )


MX_OFICIO = """H. AYUNTAMIENTO DE SAN AURELIO, NUEVO LEÓN
PRESIDENCIA MUNICIPAL
OFICIO No. PM-0456/2021
ASUNTO: Participación en el proyecto RRR

San Aurelio, N.L., a 20 de mayo de 2021

CONSORCIO RRR - UPSOCIAL
BARCELONA, ESPAÑA
P R E S E N T E

Por medio del presente, me permito hacer de su conocimiento el interés del Municipio de San
Aurelio en formar parte del grupo de ciudades del proyecto Respond, Rebuild, Reinvent.

Esta administración municipal asume el compromiso de designar a la Dirección de Economía Social
como enlace, participar en las actividades de intercambio y compartir los aprendizajes con las
demás ciudades.

Sin otro particular, le envío un cordial saludo.

ATENTAMENTE
Lic. Guadalupe Treviño Garza
Presidenta Municipal"""


@case
def es_mx_zimbra_oficio() -> Built:
    c = SAN_AURELIO
    raw = send(
        c,
        "zimbra",
        "Solicitud de participación - Municipio de San Aurelio",
        [
            att("Solicitud RRR San Aurelio.pdf", form_pdf(c, official=False, titled=False)),
            att("OFICIO PM-0456-2021.pdf", pdf([MX_OFICIO])),
        ],
        "2021-05-21 06:33:08+02:00",
        zone_h=-5,
    )
    return raw, expect(
        "accepted",
        "Solicitud RRR San Aurelio.pdf",
        "OFICIO PM-0456-2021.pdf",
        why=(
            "Mexican municipal 'oficio' committing the city is the letter; the retyped form has no"
            " 'formulario' title."
        ),
    )


QC_APPUI = """VILLE DE LACROIX-SUR-RIVIÈRE
Cabinet de la mairesse

Lacroix-sur-Rivière, le 18 mai 2021

Consortium RRR
a/s UpSocial, Barcelone

Objet : Appui à la candidature de la Ville au projet Respond, Rebuild, Reinvent

Madame, Monsieur,

C'est avec enthousiasme que j'appuie la candidature de notre ville. Le conseil municipal a
confirmé, par résolution, que la Ville participera à l'ensemble des activités d'apprentissage
entre pairs et qu'elle y affectera deux professionnels du Service du développement social.

Veuillez agréer l'expression de mes sentiments distingués.

Sylvie Tremblay
Mairesse"""


@case
def fr_ca_outlook_lettre_appui() -> Built:
    c = LACROIX
    raw = send(
        c,
        "exo",
        "Candidature de la Ville de Lacroix-sur-Rivière",
        [
            att("Formulaire_RRR_Lacroix.docx", docx_of(local_form(c), c.contact)),
            att("Lettre d'appui de la mairesse.pdf", pdf([QC_APPUI])),
        ],
        "2021-05-18 20:15:37+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "accepted",
        "Formulaire_RRR_Lacroix.docx",
        "Lettre d'appui de la mairesse.pdf",
        why=(
            "The Mayor's signed letter commits the city to take part: it serves as the letter of "
            "intent."
        ),
    )


AT_INTEREST = """STADT WOLFSBERGEN
Der Bürgermeister

An das Konsortium des Projekts RRR
UpSocial, Barcelona

Wolfsbergen, am 19. Mai 2021

Interessensbekundung

Sehr geehrte Damen und Herren,

die Stadt Wolfsbergen möchte sich als Peer Learning City am Projekt Respond, Rebuild, Reinvent
beteiligen. Wir sagen zu, eine Koordinatorin aus der Abteilung Wirtschaft und Arbeit zu benennen
und an allen Lernaktivitäten teilzunehmen.

Mit freundlichen Grüßen

Mag. Christian Hubmer
Bürgermeister"""


@case
def de_at_horde_interessensbekundung() -> Built:
    c = WOLFSBERGEN
    raw = send(
        c,
        "horde",
        "Teilnahme Stadt Wolfsbergen RRR",
        [
            att("Antrag_RRR_Wolfsbergen.pdf", form_pdf(c, official=False, titled=False)),
            att("Interessensbekundung_Buergermeister.pdf", pdf([AT_INTEREST])),
        ],
        "2021-05-19 16:48:29+02:00",
    )
    return raw, expect(
        "accepted",
        "Antrag_RRR_Wolfsbergen.pdf",
        "Interessensbekundung_Buergermeister.pdf",
        why=(
            "Austrian expression of interest signed by the Mayor is the letter; the untitled "
            "questionnaire is the form."
        ),
    )


@case
def pt_roundcube_all_caps_names() -> Built:
    c = CASTRO_ALVO
    raw = send(
        c,
        "roundcube",
        "CANDIDATURA RRR - MUNICIPIO DE CASTRO ALVO",
        [
            att("FORMULARIO.PDF", form_pdf(c, lang="pt")),
            att("CARTA.PDF", letter_pdf(c, titled=False, date="20 de maio de 2021")),
        ],
        "2021-05-20 17:05:44+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "FORMULARIO.PDF",
        "CARTA.PDF",
        why="Upper-case names and extensions; the letter is a plain signed letter of commitment.",
    )


@case
def pl_thunderbird_docx_table_form() -> Built:
    c = WIERZBIN
    eco, challenge, motivation = answers(c)
    form = docx(
        [
            "Respond, Rebuild, Reinvent (RRR) - Miasta Wzajemnego Uczenia się",
            "Zgłoszenie",
            Table(
                [
                    ["Jednostka samorządu terytorialnego", c.name],
                    ["Kraj", c.country],
                    ["Liczba mieszkańców", c.population],
                    ["Osoba do kontaktu", f"{c.contact}, {c.contact_role}, {c.email}"],
                    ["Ekosystem ekonomii społecznej", eco],
                    ["Wyzwania po pandemii", challenge],
                    ["Motywacja i zespół", motivation],
                ]
            ),
            "Wierzbin, 19.05.2021",
        ],
        author=c.contact,
    )
    raw = send(
        c,
        "thunderbird",
        "RRR - zgłoszenie Miasta Wierzbin",
        [
            att("Formularz_RRR_Wierzbin.docx", form),
            att("Deklaracja udziału.pdf", letter_pdf(c, titled=False, date="19.05.2021")),
        ],
        "2021-05-19 13:02:50+02:00",
    )
    return raw, expect(
        "accepted",
        "Formularz_RRR_Wierzbin.docx",
        "Deklaracja udziału.pdf",
        why=(
            "Form answers sit in a Word table; the President's declaration of participation is the"
            " letter."
        ),
    )


@case
def nl_be_outlook_english_form_dutch_answers() -> Built:
    c = MEERBEKE
    raw = send(
        c,
        "exo",
        "Kandidatuur Stad Meerbeke - RRR",
        [
            att("RRR_kandidatuur_Meerbeke.pdf", form_pdf(c, lang="nl")),
            att("Intentieverklaring_Meerbeke.pdf", letter_pdf(c, date="17 mei 2021")),
        ],
        "2021-05-17 11:40:02+02:00",
    )
    return raw, expect(
        "accepted",
        "RRR_kandidatuur_Meerbeke.pdf",
        "Intentieverklaring_Meerbeke.pdf",
        why="English form answered in Dutch and a Dutch declaration of intent, on time.",
    )


@case
def en_ie_gmail_two_docx() -> Built:
    c = CARRICKMORE
    raw = send(
        c,
        "gmail",
        "Carrickmore - RRR Peer Learning Cities",
        [
            att(
                "Carrickmore_RRR_form_final.docx",
                docx_of(official_form(c, date="21/05/2021"), c.contact),
            ),
            att(
                "Carrickmore_commitment_letter.docx",
                docx_of(local_letter(c, titled=False, date="21 May 2021"), c.contact),
            ),
        ],
        "2021-05-21 13:55:12+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "Carrickmore_RRR_form_final.docx",
        "Carrickmore_commitment_letter.docx",
        why=(
            "Both documents in Word; the commitment letter from the Lord Mayor is the letter of "
            "intent."
        ),
    )


@case
def cs_thunderbird_pair() -> Built:
    c = HORNI_VES
    raw = send(
        c,
        "thunderbird",
        "Přihláška města Horní Ves do výzvy RRR",
        [
            att("Přihláška RRR - Horní Ves.pdf", form_pdf(c, official=False)),
            att("Prohlášení o záměru - primátor.pdf", letter_pdf(c, date="18. 5. 2021")),
        ],
        "2021-05-18 10:21:33+02:00",
    )
    return raw, expect(
        "accepted",
        "Přihláška RRR - Horní Ves.pdf",
        "Prohlášení o záměru - primátor.pdf",
        why="Czech application and declaration of intent, on time.",
    )


@case
def bg_gmail_cyrillic_names() -> Built:
    c = SVETLOGRAD
    raw = send(
        c,
        "gmail",
        "Кандидатура на Община Светлоград - RRR",
        [
            att("Формуляр_RRR_Светлоград.pdf", form_pdf(c, official=False)),
            att("Писмо_намерения_кмет.pdf", letter_pdf(c, date="20.05.2021")),
        ],
        "2021-05-20 15:30:08+02:00",
        zone_h=3,
    )
    return raw, expect(
        "accepted",
        "Формуляр_RRR_Светлоград.pdf",
        "Писмо_намерения_кмет.pdf",
        why="Bulgarian form and letter of intent with Cyrillic file names, on time.",
    )


@case
def fi_outlook_pair() -> Built:
    c = JARVELA
    raw = send(
        c,
        "exo",
        "RRR-haku: Järvelän kaupunki",
        [
            att("Hakulomake RRR Järvelä.pdf", form_pdf(c, official=False)),
            att("Aiesitoumus Järvelä.pdf", letter_pdf(c, date="19.5.2021")),
        ],
        "2021-05-19 14:44:00+02:00",
        zone_h=3,
    )
    return raw, expect(
        "accepted",
        "Hakulomake RRR Järvelä.pdf",
        "Aiesitoumus Järvelä.pdf",
        why="Finnish application form and letter of intent, on time.",
    )


@case
def da_outlook_docx_form() -> Built:
    c = KOBBERUP
    raw = send(
        c,
        "exo",
        "Ansøgning RRR Peer Learning Cities - Kobberup Kommune",
        [
            att("Ansøgningsskema_RRR_Kobberup.docx", docx_of(local_form(c), c.contact)),
            att("Hensigtserklæring_borgmester.pdf", letter_pdf(c, date="20. maj 2021")),
        ],
        "2021-05-20 09:12:45+02:00",
    )
    return raw, expect(
        "accepted",
        "Ansøgningsskema_RRR_Kobberup.docx",
        "Hensigtserklæring_borgmester.pdf",
        why="Danish application form and declaration of intent, on time.",
    )


@case
def hr_roundcube_pair() -> Built:
    c = ZLATOGRAD
    raw = send(
        c,
        "roundcube",
        "Prijava Grada Zlatograda - RRR",
        [
            att("Prijavni obrazac RRR.pdf", form_pdf(c, official=False)),
            att("Pismo namjere - gradonačelnik.pdf", letter_pdf(c, date="21. svibnja 2021.")),
        ],
        "2021-05-21 10:05:19+02:00",
    )
    return raw, expect(
        "accepted",
        "Prijavni obrazac RRR.pdf",
        "Pismo namjere - gradonačelnik.pdf",
        why="Croatian application form and letter of intent, on time.",
    )


@case
def es_exchange_annexes_reversed() -> Built:
    c = ALMENARA
    raw = send(
        c,
        "exchange",
        "RRR - Documentación Ayuntamiento de Almenara del Río",
        [
            att("Anexo I.pdf", letter_pdf(c, date="19 de mayo de 2021")),
            att("Anexo II.pdf", form_pdf(c, official=False)),
        ],
        "2021-05-19 12:33:20+02:00",
        body=cover(
            c,
            (
                "Buenos días:\n\nRemitimos como Anexo I la carta firmada por el Sr. Alcalde y como"
                " Anexo II el formulario.\n\nAtentamente,\n\n{contact}\n{role}"
            ),
        ),
    )
    return raw, expect(
        "accepted",
        "Anexo II.pdf",
        "Anexo I.pdf",
        why="Names say nothing; Annex I holds the Mayor's letter and Annex II the form.",
    )


@case
def it_gmail_docx_form_rtf_letter() -> Built:
    c = BRENZANO
    raw = send(
        c,
        "gmail",
        "Brenzano - partecipazione al progetto RRR",
        [
            att("Scheda partecipazione RRR.docx", docx_of(local_form(c, titled=False), c.contact)),
            att(
                "Manifestazione di interesse.rtf",
                make_rtf(letterhead(c, local_letter(c, titled=False, date="20/05/2021"))),
            ),
        ],
        "2021-05-20 11:48:03+02:00",
    )
    return raw, expect(
        "accepted",
        "Scheda partecipazione RRR.docx",
        "Manifestazione di interesse.rtf",
        why="Participation sheet in Word and the Mayor's expression of interest in RTF, on time.",
    )


@case
def fr_be_zimbra_engagement() -> Built:
    c = HAINVAUX
    raw = send(
        c,
        "zimbra",
        "Hainvaux - candidature RRR",
        [
            att("candidature_hainvaux.pdf", form_pdf(c, lang="fr")),
            att("engagement_bourgmestre.pdf", letter_pdf(c, titled=False, date="20 mai 2021")),
        ],
        "2021-05-20 16:27:55+02:00",
    )
    return raw, expect(
        "accepted",
        "candidature_hainvaux.pdf",
        "engagement_bourgmestre.pdf",
        why="English form answered in French and the Bourgmestre's letter of commitment, on time.",
    )


@case
def ptbr_outlook_ficha_e_carta() -> Built:
    c = ITABERABA
    raw = send(
        c,
        "exo",
        "RRR - Inscrição Itaberaba do Sul",
        [
            att("FICHA DE INSCRIÇÃO RRR.pdf", form_pdf(c, official=False)),
            att("Carta de Intenção - Prefeito.pdf", letter_pdf(c, date="19 de maio de 2021")),
        ],
        "2021-05-19 22:10:40+02:00",
        zone_h=-3,
    )
    return raw, expect(
        "accepted",
        "FICHA DE INSCRIÇÃO RRR.pdf",
        "Carta de Intenção - Prefeito.pdf",
        why="Brazilian registration sheet and letter of intention, on time.",
    )


@case
def es_gmail_zip_windows_names() -> Built:
    c = OLIVARES
    archive = make_zip(
        {
            "Formulario de solicitud.pdf": form_pdf(c, official=False),
            "Carta de intención.pdf": letter_pdf(c, date="20 de mayo de 2021"),
        },
        utf8_names=False,
        name_encoding="cp850",
    )
    raw = send(
        c,
        "gmail",
        "Solicitud RRR Olivares del Campo",
        [att("Documentacion RRR.zip", archive)],
        "2021-05-20 19:40:12+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulario de solicitud.pdf",
        "Carta de intención.pdf",
        why="A zip made by Windows (cp850 names, no UTF-8 flag) with the form and the letter.",
    )


# --------------------------------------------------------------------- straightforward, incomplete


@case
def es_outlook_form_only_letter_pending() -> Built:
    c = TORRELINARES
    body = cover(
        c,
        "Buenas tardes:\n\nOs remitimos el formulario de solicitud del {city}. La carta de "
        "intenciones está pendiente de la firma del Sr. Alcalde y os la haremos llegar en cuanto "
        "la tengamos.\n\nSaludos cordiales,\n\n{contact}\n{role}",
    )
    raw = send(
        c,
        "exo",
        "Solicitud RRR – Torrelinares (carta de intenciones pendiente de firma)",
        [att("Formulario RRR Torrelinares.pdf", form_pdf(c, lang="es", checklist=True))],
        "2021-05-20 17:48:31+02:00",
        body=body,
    )
    return raw, expect(
        "incomplete",
        "Formulario RRR Torrelinares.pdf",
        None,
        why=(
            "Only the form; the letter is announced for later (the form's checklist mentions it "
            "but is not it)."
        ),
    )


@case
def ptbr_gmail_letter_only_mentions_form() -> Built:
    c = CAMPO_VERDE
    letter = local_letter(c, date="19 de maio de 2021") + (
        "\n\nEncaminhamos, em anexo, a ficha de inscrição devidamente preenchida."
    )
    raw = send(
        c,
        "gmail",
        "Carta de intenção - Campo Verde do Norte - RRR",
        [att("Carta de intenção RRR.pdf", pdf([letterhead(c, letter)]))],
        "2021-05-19 20:05:57+02:00",
        zone_h=-3,
    )
    return raw, expect(
        "incomplete",
        None,
        "Carta de intenção RRR.pdf",
        why="The letter says the form is enclosed, but no form is attached.",
    )


@case
def en_us_outlook_question_no_attachments() -> Built:
    c = BROOKHAVEN
    body = (
        "Hello,\n\nThe City of Brookhaven Ridge is preparing an application to the RRR Peer "
        "Learning Cities call. Could you confirm whether a county-level agency can be our "
        "co-applicant? We plan to send the application form and the Mayor's letter next week.\n\n"
        "Thank you,\n\nKevin O'Connell\nGrants Coordinator\nCity of Brookhaven Ridge"
    )
    raw = send(
        c,
        "exo",
        "Question about RRR eligibility - Brookhaven Ridge",
        [],
        "2021-05-13 16:20:44+02:00",
        zone_h=-4,
        body=body,
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="A question from a city with no documents; on time, so both documents are missing.",
    )


@case
def de_gmail_form_only_docx() -> Built:
    c = OSTERMUEHL
    raw = send(
        c,
        "gmail",
        "RRR Bewerbung Stadt Ostermühl",
        [att("Bewerbungsbogen_Ostermuehl.docx", docx_of(local_form(c), c.contact))],
        "2021-05-21 11:02:19+02:00",
    )
    return raw, expect(
        "incomplete",
        "Bewerbungsbogen_Ostermuehl.docx",
        None,
        why="Only the German form; no letter from the Mayor.",
    )


@case
def it_outlook_letter_only() -> Built:
    c = SAN_VITALE
    raw = send(
        c,
        "exo",
        "Lettera di intenti - Comune di San Vitale Marittimo",
        [att("Lettera di intenti RRR.pdf", letter_pdf(c, date="21/05/2021"))],
        "2021-05-21 09:31:10+02:00",
    )
    return raw, expect(
        "incomplete",
        None,
        "Lettera di intenti RRR.pdf",
        why="Only the Mayor's letter of intent; the application form is missing.",
    )


@case
def fr_thunderbird_form_only_odt() -> Built:
    c = BEAULIEU
    raw = send(
        c,
        "thunderbird",
        "Dossier RRR - Ville de Beaulieu-sur-Orne",
        [att("Dossier_RRR_Beaulieu.odt", odt(local_form(c, titled=False).split("\n")))],
        "2021-05-20 14:16:09+02:00",
    )
    return raw, expect(
        "incomplete",
        "Dossier_RRR_Beaulieu.odt",
        None,
        why="The answered questionnaire (no 'formulaire' title) but no letter.",
    )


@case
def nl_outlook_form_only() -> Built:
    c = OOSTERKAMP
    raw = send(
        c,
        "exo",
        "RRR aanvraag gemeente Oosterkamp",
        [att("RRR aanvraag Oosterkamp.pdf", form_pdf(c, official=False))],
        "2021-05-18 12:12:12+02:00",
    )
    return raw, expect(
        "incomplete",
        "RRR aanvraag Oosterkamp.pdf",
        None,
        why="Only the Dutch application form; the Mayor's letter is missing.",
    )


# --------------------------------------------------------------------- late and the deadline

EASTBURY = City(
    "Eastbury City Council", "Eastbury", "United Kingdom", "256,700", "en", "Cllr Helen Marsh",
    "Leader of the Council", "Owen Griffiths", "Policy Officer", "owen.griffiths@eastbury.example",
    "+44 1632 960 310", "Eastbury",
)  # fmt: skip
VERNAY = City(
    "Ville de Vernay-la-Forêt", "Vernay-la-Forêt", "France", "208 900", "fr", "Isabelle Marchand",
    "Maire", "Nicolas Perrin", "Mission Europe", "n.perrin@vernay.example", "+33 3 80 44 00 00",
    "Vernay-la-Forêt",
)  # fmt: skip
ROCCA_SERENA = City(
    "Comune di Rocca Serena", "Rocca Serena", "Italia", "231.700", "it", "Paolo Gentile",
    "Sindaco", "Francesca Marino", "Ufficio Fondi Europei", "f.marino@comune.roccaserena.example",
    "+39 080 577 1111", "Rocca Serena",
)  # fmt: skip
HOHENFURT = City(
    "Stadt Hohenfurt", "Hohenfurt", "Deutschland", "219.400", "de", "Michael Steiner",
    "Oberbürgermeister", "Julia Hartmann", "Stabsstelle Europa",
    "julia.hartmann@hohenfurt.example", "+49 731 161 0", "Hohenfurt",
)  # fmt: skip
RIBEIRA_ALTA = City(
    "Município de Ribeira Alta", "Ribeira Alta", "Portugal", "204 100", "pt",
    "Manuel Ferreira Lopes", "Presidente da Câmara Municipal", "Sofia Carvalho",
    "Gabinete de Apoio ao Investimento", "sofia.carvalho@cm-ribeiraalta.example",
    "+351 253 000 100", "Ribeira Alta",
)  # fmt: skip
DEBOWA_GORA = City(
    "Miasto Dębowa Góra", "Dębowa Góra", "Polska", "247 300", "pl", "Marek Kamiński", "Prezydent",
    "Joanna Lewandowska", "Biuro Funduszy Europejskich", "j.lewandowska@debowagora.example",
    "+48 58 320 00 00", "Dębowa Góra",
)  # fmt: skip


@case
def es_late_saturday_morning() -> Built:
    c = VALMEDIANO
    raw = send(
        c,
        "gmail",
        "RRR - Candidatura Valmediano",
        [
            att("Formulario solicitud Valmediano.pdf", form_pdf(c, official=False)),
            att("Carta intenciones Valmediano.pdf", letter_pdf(c, date="21 de mayo de 2021")),
        ],
        "2021-05-22 09:12:40+02:00",
        body=cover(
            c,
            (
                "Buenos días,\n\nDisculpad el retraso: os enviamos la candidatura del "
                "{city}.\n\nUn saludo,\n\n{contact}"
            ),
        ),
    )
    return raw, expect(
        "late",
        "Formulario solicitud Valmediano.pdf",
        "Carta intenciones Valmediano.pdf",
        why="Complete, but it reached our server on Saturday morning, after the deadline.",
    )


@case
def en_late_one_second() -> Built:
    c = EASTBURY
    raw = send(
        c,
        "exo",
        "Eastbury City Council - RRR application",
        [
            att("Eastbury application form.pdf", form_pdf(c)),
            att(
                "Eastbury letter of intent.pdf",
                pdf([letterhead(c, official_letter(c, date="21 May 2021"))]),
            ),
        ],
        "2021-05-21 23:00:01+02:00",
        zone_h=1,
    )
    return raw, expect(
        "late",
        "Eastbury application form.pdf",
        "Eastbury letter of intent.pdf",
        why="Our server stamped it 23:00:01 CEST, one second after the deadline.",
    )


@case
def en_exactly_at_deadline() -> Built:
    c = ASHWORTH
    raw = send(
        c,
        "gmail",
        "Ashworth MBC - RRR Peer Learning Cities",
        [
            att("Ashworth_RRR_application.pdf", form_pdf(c)),
            att(
                "Ashworth_letter_from_the_Leader.pdf",
                letter_pdf(c, titled=False, date="21 May 2021"),
            ),
        ],
        "2021-05-21 23:00:00+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "Ashworth_RRR_application.pdf",
        "Ashworth_letter_from_the_Leader.pdf",
        why="Stamped exactly 23:00:00 CEST: at the deadline instant counts as on time.",
    )


@case
def fr_our_stamp_in_utc_before_deadline() -> Built:
    c = VERNAY
    mail_at = "2021-05-21 20:59:59+00:00"
    raw = send(
        c,
        "roundcube",
        "Candidature RRR - Vernay-la-Forêt",
        [
            att("Formulaire RRR Vernay.pdf", form_pdf(c, official=False)),
            att("Lettre d'intention Vernay.pdf", letter_pdf(c, date="21 mai 2021")),
        ],
        mail_at,
    )
    return raw, expect(
        "accepted",
        "Formulaire RRR Vernay.pdf",
        "Lettre d'intention Vernay.pdf",
        why="Our server wrote its stamp in UTC: 20:59:59 +0000 is one second before 23:00 CEST.",
    )


@case
def it_sender_clock_ahead_on_time() -> Built:
    c = ROCCA_SERENA
    raw = send(
        c,
        "exchange",
        "Candidatura RRR Comune di Rocca Serena",
        [
            att("Modulo RRR Rocca Serena.pdf", form_pdf(c, official=False)),
            att("Lettera Sindaco RRR.pdf", letter_pdf(c, titled=False, date="21/05/2021")),
        ],
        "2021-05-21 22:15:03+02:00",
        date=at("2021-05-22 10:15:00+02:00"),
    )
    return raw, expect(
        "accepted",
        "Modulo RRR Rocca Serena.pdf",
        "Lettera Sindaco RRR.pdf",
        why="The sender's clock says Saturday, but our server received it at 22:15 on Friday.",
    )


@case
def de_late_date_header_before_deadline() -> Built:
    c = HOHENFURT
    raw = send(
        c,
        "exchange",
        "Bewerbung RRR – Stadt Hohenfurt",
        [
            att("Bewerbungsbogen Hohenfurt.pdf", form_pdf(c, official=False)),
            att("Absichtserklaerung OB Hohenfurt.pdf", letter_pdf(c, date="21.05.2021")),
        ],
        "2021-05-21 23:06:44+02:00",
        date=at("2021-05-21 22:58:10+02:00"),
    )
    return raw, expect(
        "late",
        "Bewerbungsbogen Hohenfurt.pdf",
        "Absichtserklaerung OB Hohenfurt.pdf",
        why="Written at 22:58 but our server only received it at 23:06: arrival decides.",
    )


@case
def pt_late_form_only() -> Built:
    c = RIBEIRA_ALTA
    raw = send(
        c,
        "exo",
        "Candidatura RRR - Ribeira Alta",
        [att("Formulario_candidatura_RibeiraAlta.pdf", form_pdf(c, official=False))],
        "2021-05-24 10:03:27+02:00",
        zone_h=1,
    )
    return raw, expect(
        "late",
        "Formulario_candidatura_RibeiraAlta.pdf",
        None,
        why="Arrived on Monday 24 May; the form is recorded, the letter is missing.",
    )


@case
def es_no_received_header_date_on_time() -> Built:
    c = ARENALES
    raw = send(
        c,
        "thunderbird",
        "Candidatura RRR - Arenales de la Vega",
        [
            att("formulario_arenales.pdf", form_pdf(c, official=False)),
            att("carta_alcalde_arenales.pdf", letter_pdf(c, date="20 de mayo de 2021")),
        ],
        "",
        date=at("2021-05-20 12:40:00+02:00"),
    )
    return raw, expect(
        "accepted",
        "formulario_arenales.pdf",
        "carta_alcalde_arenales.pdf",
        review=True,
        why=(
            "No Received header at all (a saved copy); the Date header is the only time and is "
            "before the deadline."
        ),
    )


@case
def ptbr_no_received_header_date_late() -> Built:
    c = SAO_ROQUE
    raw = send(
        c,
        "gmail",
        "Inscrição RRR - São Roque da Serra",
        [
            att("Ficha_inscricao_SaoRoque.pdf", form_pdf(c, official=False)),
            att("Carta_intencao_Prefeita.pdf", letter_pdf(c, date="21 de maio de 2021")),
        ],
        "",
        date=at("2021-05-21 19:40:00-03:00"),
    )
    return raw, expect(
        "late",
        "Ficha_inscricao_SaoRoque.pdf",
        "Carta_intencao_Prefeita.pdf",
        review=True,
        why="No Received header; the Date 19:40 -03:00 is 22:40 UTC, after the deadline.",
    )


@case
def pl_content_filter_rehop_after_deadline() -> Built:
    c = DEBOWA_GORA
    outer = at("2021-05-21 23:00:04+02:00")
    inner = at("2021-05-21 22:59:57+02:00")
    relay = Relay("poczta.debowagora.example", "poczta.debowagora.example", "203.0.113.77")
    top = [
        ("Return-Path", f"<{c.email}>"),
        ("Delivered-To", OUR_ADDRESS),
        (
            "Received",
            f"from localhost (localhost [127.0.0.1])\n\tby {OUR_MX} (Postfix) with ESMTP id "
            f"4FmzK01Rd2z9sTq\n\tfor <{OUR_ADDRESS}>; {rfc_date(outer)}",
        ),
        ("X-Virus-Scanned", "amavisd-new at rrr-cities.example"),
        ("Received", our_received("debowa", relay, inner)),
        (
            "Received",
            f"from [10.1.4.23] (unknown [10.1.4.23])\n\tby poczta.debowagora.example with ESMTPSA"
            f" id 7C1A20E4F1\n\tfor <{OUR_ADDRESS}>; "
            f"{rfc_date(inner - timedelta(seconds=2), zone_name=False)}",
        ),
    ]
    raw = send(
        c,
        "thunderbird",
        "Zgłoszenie RRR - Miasto Dębowa Góra",
        [
            att("Formularz_RRR_Debowa_Gora.pdf", form_pdf(c, official=False)),
            att("List_intencyjny_Debowa_Gora.pdf", letter_pdf(c, date="21.05.2021")),
        ],
        "2021-05-21 22:59:57+02:00",
        top=top,
    )
    return raw, expect(
        "late",
        "Formularz_RRR_Debowa_Gora.pdf",
        "List_intencyjny_Debowa_Gora.pdf",
        review=True,
        why=(
            "The newest Received (our content filter's re-injection) says 23:00:04; the first hop "
            "at 22:59:57 is worth a human look."
        ),
    )


# --------------------------------------------------------------------- machines: ignored


def our_ack_id(seed: str) -> str:
    """A Message-ID as our acknowledgements carry (their exact form does not matter here)."""
    return f"<{_h(seed, 'ack', n=20)}@rrr-cities.example>"


def ack_subject(lang: str, ref: str) -> str:
    return {
        "es": f"Hemos recibido su candidatura a RRR Peer Learning Cities ({ref})",
        "en": f"We have received your application to RRR Peer Learning Cities ({ref})",
    }.get(lang, f"We have received your application to RRR Peer Learning Cities ({ref})")


@case
def ignored_gmail_vacation_pt() -> Built:
    c = CASTRO_ALVO
    sent_ack = our_ack_id("castro-ack")
    raw = send(
        c,
        "gmail",
        "Ausente: regresso a 31 de maio",
        [],
        "2021-05-20 17:06:02+02:00",
        body="Olá,\n\nEstou ausente do serviço até 31 de maio, com acesso limitado ao correio "
        "eletrónico. Para assuntos urgentes, contacte o Gabinete de Projetos Europeus através do "
        "telefone 234 400 210.\n\nPedro Nogueira",
        in_reply_to=sent_ack,
        references=sent_ack,
        zone_h=1,
        extra=[("Auto-Submitted", "auto-replied")],
    )
    return raw, expect(
        "ignored",
        why="Gmail vacation responder (Auto-Submitted: auto-replied) answering our receipt.",
    )


@case
def ignored_exchange_oof_de() -> Built:
    c = KELSTERBRUCK
    sent_ack = our_ack_id("kelsterbruck-ack")
    raw = send(
        c,
        "exchange",
        (
            "Automatische Antwort: We have received your application to RRR Peer Learning Cities "
            "(RRR-4G7K-2MXQ)"
        ),
        [],
        "2021-05-17 14:08:19+02:00",
        body="Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 25.05.2021 nicht im Büro. "
        "In dringenden Fällen wenden Sie sich bitte an wirtschaft@kelsterbruck.example.\n\n"
        "Katrin Vogelsang",
        in_reply_to=sent_ack,
        references=sent_ack,
        extra=[
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-MS-Exchange-Inbox-Rules-Loop", c.email),
        ],
    )
    return raw, expect(
        "ignored", why="Exchange out-of-office reply (Auto-Submitted: auto-generated)."
    )


@case
def ignored_zimbra_vacation_it() -> Built:
    c = VALLARSANA
    raw = send(
        c,
        "zimbra",
        "Risposta automatica: Candidatura RRR",
        [],
        "2021-05-14 12:50:41+02:00",
        sender=Person("Ufficio Protocollo", "protocollo@comune.vallarsana.example"),
        body="Gentile utente,\n\nla sua comunicazione è stata ricevuta dall'Ufficio Protocollo del "
        "Comune di Vallarsana e sarà smistata all'ufficio competente.\n\nQuesto è un messaggio "
        "generato automaticamente, si prega di non rispondere.",
        extra=[("Auto-Submitted", "auto-replied (zimbra; vacation)")],
    )
    return raw, expect(
        "ignored",
        why="Zimbra automatic answer from a registry office (Auto-Submitted: auto-replied).",
    )


@case
def ignored_cpanel_autorespond_pl() -> Built:
    c = BOROWICE
    raw = send(
        c,
        "roundcube",
        "Odpowiedź automatyczna: Zgłoszenie RRR",
        [],
        "2021-05-20 13:40:12+02:00",
        sender=Person("Kancelaria Urzędu Miasta Borowice", "kancelaria@um.borowice.example"),
        body="Dziękujemy za wiadomość. Korespondencja zostanie przekazana do właściwego wydziału. "
        "Kancelaria czynna jest od poniedziałku do piątku w godz. 7:30-15:30.",
        extra=[
            ("X-Autorespond", "Odpowiedź automatyczna: Zgłoszenie RRR"),
            ("Precedence", "auto_reply"),
        ],
    )
    return raw, expect(
        "ignored",
        why="Old-style autoresponder: X-Autorespond and Precedence: auto_reply, no Auto-Submitted.",
    )


def _dsn_body(
    boundary: str, host: str, recipient: str, status: str, diagnostic: str, headers: str
) -> str:
    return f"""This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

                   The mail system

<{recipient}>: {diagnostic}

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {host}
X-Postfix-Queue-ID: 4FmT9k0x1Rz1wnB
X-Postfix-Sender: rfc822; {OUR_ADDRESS}
Arrival-Date: Thu, 20 May 2021 10:15:03 +0200 (CEST)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{headers}
--{boundary}--
"""


@case
def ignored_postfix_bounce_of_our_receipt() -> Built:
    boundary = "4FmT9k0x1Rz1wnB.1621498504/mail.cm-serrabela.example"
    orig = (
        f"From: RRR Peer Learning Cities <{OUR_ADDRESS}>\nTo: ana.figueiredo@cm-serrabela.example\n"
        f"Subject: {ack_subject('en', 'RRR-7Q2M-K4XD')}\n"
        f"Message-ID: {our_ack_id('serrabela-ack')}\n"
        "Date: Thu, 20 May 2021 10:15:02 +0200"
    )
    body = _dsn_body(
        boundary,
        "mail.cm-serrabela.example",
        "ana.figueiredo@cm-serrabela.example",
        "5.2.2",
        "552 5.2.2 Mailbox full: quota exceeded",
        orig,
    )
    relay = Relay("mail.cm-serrabela.example", "mail.cm-serrabela.example", "198.51.100.40")
    head = [
        ("Return-Path", "<>"),
        ("Delivered-To", OUR_ADDRESS),
        ("Received", our_received("serrabela-bounce", relay, at("2021-05-20 10:15:05+02:00"))),
        ("Date", "Thu, 20 May 2021 10:15:04 +0200 (CEST)"),
        ("From", "MAILER-DAEMON@mail.cm-serrabela.example (Mail Delivery System)"),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("To", OUR_ADDRESS),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        (
            "Content-Type",
            f'multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"',
        ),
        ("Content-Transfer-Encoding", "7bit"),
        ("Message-Id", "<20210520081504.6C2A21F8B4@mail.cm-serrabela.example>"),
    ]
    raw = "".join(f"{k}: {v}\n" for k, v in head) + "\n" + body
    return raw.encode(), expect(
        "ignored",
        why="Postfix bounce of our own receipt, from MAILER-DAEMON with a null Return-Path.",
    )


@case
def ignored_exchange_ndr_spanish() -> Built:
    boundary = "_2c7e4a0b-9d41-4b8e-9f0e-3a9b1c5d7e21_"
    relay = EXO_RELAYS[0]
    head = [
        ("Return-Path", "<>"),
        ("Delivered-To", OUR_ADDRESS),
        ("Received", our_received("valmediano-ndr", relay, at("2021-05-22 09:15:31+02:00"))),
        (
            "From",
            (
                "Microsoft Outlook\n "
                "<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@valmediano.example>"
            ),
        ),
        ("To", f"<{OUR_ADDRESS}>"),
        ("Date", "Sat, 22 May 2021 07:15:29 +0000"),
        (
            "Content-Type",
            f'multipart/report; report-type=delivery-status;\n\tboundary="{boundary}"',
        ),
        ("Content-Language", "es-ES"),
        (
            "Message-ID",
            "<5a1f0c2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b@DB8PR04MB6523.eurprd04.prod.outlook.com>",
        ),
        ("In-Reply-To", our_ack_id("valmediano-ack")),
        ("References", our_ack_id("valmediano-ack")),
        ("Subject", "=?iso-8859-1?Q?No_se_puede_entregar:_Su_candidatura_est=E1_fuera_de_plazo?="),
        ("MIME-Version", "1.0"),
    ]
    notice = (
        "No se pudo entregar el mensaje a estos destinatarios o grupos:\n\n"
        "m.pena@valmediano.example\nLa dirección de correo electrónico que ha escrito no se "
        "encontró. Compruebe la dirección del destinatario e intente volver a enviar el mensaje."
    )
    status = (
        "Reporting-MTA: dns;DB8PR04MB6523.eurprd04.prod.outlook.com\n"
        "Received-From-MTA: dns;mx.rrr-cities.example\n"
        "Arrival-Date: Sat, 22 May 2021 07:15:27 +0000\n\n"
        "Final-Recipient: rfc822;m.pena@valmediano.example\nAction: failed\nStatus: 5.1.10\n"
        "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by "
        "SMTP address lookup\n"
    )
    parts = [
        Part(
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            qp(notice),
        ),
        Part([("Content-Type", "message/delivery-status")], status),
        Part(
            [("Content-Type", "text/rfc822-headers")],
            f"From: RRR Peer Learning Cities <{OUR_ADDRESS}>\nTo: m.pena@valmediano.example\n"
            f"Message-ID: {our_ack_id('valmediano-ack')}\n"
            "Subject: Su candidatura está fuera de plazo\n",
        ),
    ]
    body = Part([], parts=parts, boundary=boundary).render()[1:]
    raw = "".join(f"{k}: {v}\n" for k, v in head).encode() + b"\n" + body
    return raw, expect(
        "ignored", why="Exchange non-delivery report: multipart/report with a null Return-Path."
    )


@case
def ignored_newsletter_with_list_id() -> Built:
    sender = Person("SSE Cities Network", "news@ssecities.example")
    raw = compose(
        Mail(
            seed="newsletter",
            client="roundcube",
            sender=sender,
            subject="SSE Cities Network news - May 2021: last days to apply to RRR!",
            body="In this issue: the RRR call for Peer Learning Cities closes on 21 May; "
            "the guidelines are attached. Also: our webinar on social procurement.\n\n"
            "You receive this message because you subscribed to SSE Cities Network news.",
            atts=[att("RRR_call_guidelines.pdf", pdf([guidelines()]))],
            arrival=at("2021-05-18 08:00:12+02:00"),
            extra=[
                ("List-Id", "SSE Cities Network news <news.ssecities.example>"),
                ("List-Unsubscribe", "<mailto:news-unsubscribe@ssecities.example>"),
            ],
        )
    )
    return raw, expect(
        "ignored",
        why="A network's newsletter (List-Id) that happens to attach the call's guidelines.",
    )


@case
def ignored_from_our_own_address() -> Built:
    sender = Person("RRR Peer Learning Cities", OUR_ADDRESS)
    relay = Relay("webmail.rrr-cities.example", "webmail.rrr-cities.example", "192.0.2.10")
    raw = compose(
        Mail(
            seed="own-test",
            client="roundcube",
            sender=sender,
            subject="prueba - no contestar",
            body="Prueba del buzón con una candidatura de ejemplo.\n\nLaura",
            atts=[
                att("Formulario_prueba.pdf", form_pdf(VALDORIA, lang="es")),
                att("Carta_prueba.pdf", letter_pdf(VALDORIA)),
            ],
            arrival=at("2021-05-05 09:30:00+02:00"),
            relay=relay,
            lang="es",
        )
    )
    return raw, expect(
        "ignored", why="Sent from our own address (a staff test), even though it carries documents."
    )


@case
def ignored_read_receipt() -> Built:
    c = TORRELINARES
    boundary = "_3f0a9c2d-77e1-4a55-b0c8-2a4f6e8d1b90_"
    sent_ack = our_ack_id("torrelinares-ack")
    head = [
        ("Return-Path", f"<{c.email}>"),
        ("Delivered-To", OUR_ADDRESS),
        ("Received", our_received("torre-mdn", EXO_RELAYS[1], at("2021-05-20 18:02:44+02:00"))),
        ("From", f"=?iso-8859-1?Q?Beatriz_Cano_Herrero?= <{c.email}>"),
        ("To", f"RRR Peer Learning Cities <{OUR_ADDRESS}>"),
        (
            "Subject",
            (
                "=?iso-8859-1?Q?Le=EDdo:_Hemos_recibido_su_candidatura_a_RRR_Peer_Learning?=\n "
                "=?iso-8859-1?Q?_Cities_(RRR-3HNP-V8TC)?="
            ),
        ),
        ("Date", "Thu, 20 May 2021 16:02:41 +0000"),
        ("Message-ID", "<AM6PR02MB4410E2A1B7C3D0F9@AM6PR02MB4410.eurprd02.prod.outlook.com>"),
        ("References", sent_ack),
        ("Content-Language", "es-ES"),
        (
            "Content-Type",
            f'multipart/report; report-type=disposition-notification;\n\tboundary="{boundary}"',
        ),
        ("MIME-Version", "1.0"),
    ]
    notice = (
        "Su mensaje\n\n  Para: Beatriz Cano Herrero\n  Asunto: Hemos recibido su candidatura a RRR "
        "Peer Learning Cities (RRR-3HNP-V8TC)\n  Enviado: jueves, 20 de mayo de 2021 17:49:02 "
        "(UTC+01:00) Bruselas, Copenhague, Madrid, París\n\nfue leído el jueves, 20 de mayo de "
        "2021 18:02:39 "
        "(UTC+01:00) Bruselas, Copenhague, Madrid, París."
    )
    mdn = (
        "Reporting-UA: AM6PR02MB4410.eurprd02.prod.outlook.com; Microsoft Exchange Server\n"
        f"Final-Recipient: rfc822;{c.email}\nOriginal-Message-ID: {sent_ack}\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n"
    )
    parts = [
        Part(
            [
                ("Content-Type", "text/plain; charset=iso-8859-1"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ],
            qp(notice, "iso-8859-1"),
        ),
        Part([("Content-Type", "message/disposition-notification")], mdn),
    ]
    body = Part([], parts=parts, boundary=boundary).render()[1:]
    raw = "".join(f"{k}: {v}\n" for k, v in head).encode() + b"\n" + body
    return raw, expect(
        "ignored",
        why=(
            "A read receipt (multipart/report, disposition-notification) for our receipt: a "
            "machine report, not an application."
        ),
    )


@case
def ignored_auto_reply_with_brochure() -> Built:
    c = BEAULIEU
    raw = send(
        c,
        "thunderbird",
        "Réponse automatique : Candidature RRR",
        [
            att(
                "Plaquette_Ville_de_Beaulieu_2021.pdf",
                pdf(
                    [
                        (
                            "Beaulieu-sur-Orne, ville d'avenir\nDécouvrez nos quartiers, nos parcs"
                            " et nos services municipaux."
                        )
                    ]
                ),
            )
        ],
        "2021-05-20 14:18:40+02:00",
        sender=Person("Accueil Mairie de Beaulieu", "accueil@beaulieu.example"),
        body="Bonjour,\n\nNous avons bien reçu votre message, qui sera traité dans les meilleurs "
        "délais. Vous trouverez ci-joint la plaquette de présentation de la Ville.\n\n"
        "Ceci est une réponse automatique.",
        extra=[("Auto-Submitted", "auto-replied")],
    )
    return raw, expect(
        "ignored",
        why="An automatic answer (Auto-Submitted: auto-replied) even though it carries a PDF.",
    )


@case
def ignored_x_autoreply_only() -> Built:
    c = HAINVAUX
    raw = send(
        c,
        "sogo",
        "Absence du bureau",
        [],
        "2021-05-20 16:29:03+02:00",
        body="Je suis absente jusqu'au 26 mai inclus. Pour toute question urgente relative à "
        "l'économie sociale, merci de contacter economie.sociale@hainvaux.example.\n\n"
        "Sophie Lambert",
        extra=[("X-Autoreply", "yes")],
    )
    return raw, expect("ignored", why="Out-of-office marked only with X-Autoreply: yes.")


@case
def ignored_precedence_bulk_press_release() -> Built:
    sender = Person("Gabinete de Prensa - Ayuntamiento de Valdoria", "prensa@valdoria.example")
    raw = compose(
        Mail(
            seed="valdoria-press",
            client="roundcube",
            sender=sender,
            subject=(
                "NOTA DE PRENSA: Valdoria opta a ser Ciudad de Aprendizaje del proyecto europeo RRR"
            ),
            body="NOTA DE PRENSA\n\nEl Ayuntamiento de Valdoria ha presentado hoy su candidatura "
            "al proyecto Respond, Rebuild, Reinvent, que seleccionará ocho ciudades de Europa y "
            "América para reforzar la economía social tras la pandemia.\n\nSe adjunta fotografía "
            "de la presentación.\n\nGabinete de Prensa",
            atts=[
                att("foto_presentacion_RRR.jpg", scan_jpeg("press-photo", width=1200, height=800))
            ],
            arrival=at("2021-05-20 13:05:00+02:00"),
            lang="es",
            extra=[("Precedence", "bulk"), ("X-Mailer", "Mailrelay v4")],
        )
    )
    return raw, expect("ignored", why="A press release sent in bulk (Precedence: bulk).")


@case
def auto_submitted_no_is_a_person() -> Built:
    c = ALMENARA
    raw = send(
        c,
        "exchange",
        "RRR - segunda remisión con la documentación completa",
        [
            att("RRR_formulario_Almenara.pdf", form_pdf(c, lang="es")),
            att("RRR_carta_Almenara.pdf", letter_pdf(c, titled=False, date="20 de mayo de 2021")),
        ],
        "2021-05-20 09:44:51+02:00",
        extra=[("Auto-Submitted", "no")],
    )
    return raw, expect(
        "accepted",
        "RRR_formulario_Almenara.pdf",
        "RRR_carta_Almenara.pdf",
        why="'Auto-Submitted: no' means a person sent it; complete and on time.",
    )


# --------------------------------------------------------------------- edge cases


COUNTRY_CODES = {
    "España": "+34", "Italia": "+39", "Nederland": "+31", "Deutschland": "+49", "France": "+33",
    "Portugal": "+351", "Brasil": "+55", "România": "+40", "Polska": "+48", "Sverige": "+46",
    "United Kingdom": "+44", "United States": "+1", "Ελλάδα": "+30", "Magyarország": "+36",
    "México": "+52", "Catalunya (Espanya)": "+34",
}  # fmt: skip


def city(
    name: str,
    short: str,
    country: str,
    lang: str,
    mayor: str,
    role: str,
    contact_name: str,
    email: str,
    *,
    population: str = "245.000",
    contact_role: str = "",
    phone: str = "",
    place: str = "",
) -> City:
    """A one-off applicant for a single edge case."""
    if not phone:  # a plausible switchboard number in the country's format
        digits = str(int(_h(name, "phone"), 16))[:9]
        phone = f"{COUNTRY_CODES.get(country, '+1')} {digits[:3]} {digits[3:6]} {digits[6:]}"
    return City(
        name,
        short,
        country,
        population,
        lang,
        mayor,
        role,
        contact_name,
        contact_role or "Técnico / Officer",
        email,
        phone,
        place or short,
    )


MONTEVERDE = city(
    "Comune di Monteverde Ligure", "Monteverde Ligure", "Italia", "it", "Stefano Parodi",
    "Sindaco", "Ufficio Protocollo", "protocollo@pec.comune.monteverde.example",
    contact_role="Ufficio Protocollo generale",
)  # fmt: skip


@case
def it_pec_certified_mail_envelope() -> Built:
    c = MONTEVERDE
    inner = compose(
        Mail(
            seed="monteverde-inner",
            client="horde",
            sender=Person("Comune di Monteverde Ligure", c.email),
            subject="Candidatura RRR - Comune di Monteverde Ligure",
            body=cover(c),
            lang="it",
            date=at("2021-05-20 11:32:10+02:00"),
            atts=[
                att("Domanda_partecipazione_RRR.pdf", form_pdf(c, official=False, titled=False)),
                att("Lettera_del_Sindaco.pdf", letter_pdf(c, titled=False, date="19/05/2021")),
            ],
        )
    )
    daticert = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<postacert tipo="posta-certificata" errore="nessuno">'
        f'<intestazione><mittente>{c.email}</mittente><destinatari tipo="esterno">{OUR_ADDRESS}'
        "</destinatari><oggetto>Candidatura RRR - Comune di Monteverde "
        "Ligure</oggetto></intestazione>"
        '<dati><gestore-emittente>PEC Provider S.p.A.</gestore-emittente><data zona="+0200">'
        "<giorno>20/05/2021</giorno><ora>11:32:18</ora></data>"
        "<identificativo>opec21.20210520113218.01234.567.1.89@pec.provider.example</identificativo>"
        "</dati></postacert>\n"
    )
    notice = (
        "Messaggio di posta certificata\n\nIl giorno 20/05/2021 alle ore 11:32:18 (+0200) il "
        "messaggio\n"
        f'"Candidatura RRR - Comune di Monteverde Ligure" è stato inviato da "{c.email}"\n'
        f"indirizzato a:\n{OUR_ADDRESS}\nIl messaggio originale è incluso in allegato."
    )
    mixed = Part(
        [("Content-Type", 'multipart/mixed; boundary="----=_Part_PEC_mixed"')],
        parts=[
            text_part(notice, charset="UTF-8", cte="quoted-printable"),
            Part(
                [
                    ("Content-Type", 'application/xml; name="daticert.xml"'),
                    ("Content-Disposition", 'inline; filename="daticert.xml"'),
                    ("Content-Transfer-Encoding", "base64"),
                ],
                b64(daticert.encode()),
            ),
            Part(
                [
                    ("Content-Type", 'message/rfc822; name="postacert.eml"'),
                    ("Content-Disposition", 'inline; filename="postacert.eml"'),
                ],
                inner,
            ),
        ],
        boundary="----=_Part_PEC_mixed",
    )
    signature = Part(
        [
            ("Content-Type", 'application/pkcs7-signature; name="smime.p7s"'),
            ("Content-Transfer-Encoding", "base64"),
            ("Content-Disposition", 'attachment; filename="smime.p7s"'),
        ],
        b64(fake_p7s("pec")),
    )
    signed = Part([], parts=[mixed, signature], boundary="----=_Part_PEC_signed")
    relay = Relay("smtp.pec.provider.example", "smtp.pec.provider.example", "203.0.113.141")
    head = [
        ("Return-Path", "<posta-certificata@pec.provider.example>"),
        ("Delivered-To", OUR_ADDRESS),
        ("Received", our_received("pec", relay, at("2021-05-20 11:32:21+02:00"))),
        (
            "Received",
            (
                "from pec.provider.example (10.10.0.5) by smtp.pec.provider.example\n\tid "
                "60A62B1200012F3A; Thu, 20 May 2021 11:32:19 +0200"
            ),
        ),
        ("Date", "Thu, 20 May 2021 11:32:18 +0200"),
        ("Subject", "POSTA CERTIFICATA: Candidatura RRR - Comune di Monteverde Ligure"),
        ("From", f'"Per conto di: {c.email}" <posta-certificata@pec.provider.example>'),
        ("Reply-To", c.email),
        ("To", OUR_ADDRESS),
        ("X-Riferimento-Message-ID", "<a1b2c3d4e5f60718@comune.monteverde.example>"),
        ("X-Trasporto", "posta-certificata"),
        ("Message-ID", "<opec21.20210520113218.01234.567.1.89@pec.provider.example>"),
        ("MIME-Version", "1.0"),
        (
            "Content-Type",
            'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;\n\t'
            'boundary="----=_Part_PEC_signed"',
        ),
    ]
    raw = "".join(f"{k}: {v}\n" for k, v in head).encode() + b"\n" + signed.render()[1:]
    return raw, expect(
        "accepted",
        "Domanda_partecipazione_RRR.pdf",
        "Lettera_del_Sindaco.pdf",
        why=(
            "Italian PEC: the real message is postacert.eml inside a signed envelope; daticert.xml"
            " and smime.p7s are not documents."
        ),
    )


HOOGEVELD = city(
    "gemeente Hoogeveld", "Hoogeveld", "Nederland", "nl", "Marleen Jansen", "burgemeester",
    "Pieter de Graaf", "p.degraaf@hoogeveld.example", contact_role="strategisch adviseur",
)  # fmt: skip


@case
def nl_smime_signed_outlook() -> Built:
    c = HOOGEVELD
    raw = send(
        c,
        "exo",
        "Aanmelding RRR - gemeente Hoogeveld",
        [
            att("Aanmeldformulier_Hoogeveld.pdf", form_pdf(c, official=False)),
            att("Intentieverklaring_Hoogeveld.pdf", letter_pdf(c, date="19 mei 2021")),
        ],
        "2021-05-19 10:40:17+02:00",
        signed="smime",
    )
    return raw, expect(
        "accepted",
        "Aanmeldformulier_Hoogeveld.pdf",
        "Intentieverklaring_Hoogeveld.pdf",
        why="S/MIME signed (multipart/signed): the smime.p7s signature is not a document.",
    )


EICHENAU = city(
    "Stadt Eichenau", "Eichenau", "Deutschland", "de", "Thomas Wagner", "Oberbürgermeister",
    "Dr. Nina Brandt", "nina.brandt@eichenau.example", contact_role="Referat Wirtschaft",
)  # fmt: skip


@case
def de_smime_signed_form_only() -> Built:
    c = EICHENAU
    raw = send(
        c,
        "exchange",
        "RRR Bewerbung Stadt Eichenau",
        [att("RRR_Bewerbung_Eichenau.pdf", form_pdf(c, official=False))],
        "2021-05-21 15:25:48+02:00",
        signed="smime-x",
    )
    return raw, expect(
        "incomplete",
        "RRR_Bewerbung_Eichenau.pdf",
        None,
        why="Signed with S/MIME; the only document is the form, the p7s signature is not a letter.",
    )


MONT_SAINT_AUBIN = city(
    "Ville de Mont-Saint-Aubin", "Mont-Saint-Aubin", "France", "fr", "Hélène Garnier", "Maire",
    "Julien Morel", "julien.morel@montsaintaubin.example", contact_role="Direction de l'économie",
)  # fmt: skip


@case
def fr_pgp_signed_thunderbird() -> Built:
    c = MONT_SAINT_AUBIN
    raw = send(
        c,
        "thunderbird",
        "Candidature RRR - Ville de Mont-Saint-Aubin",
        [
            att("Formulaire_RRR_MSA.pdf", form_pdf(c, lang="fr")),
            att("Lettre_engagement_Maire_MSA.pdf", letter_pdf(c, titled=False, date="20 mai 2021")),
        ],
        "2021-05-20 21:47:33+02:00",
        signed="pgp",
    )
    return raw, expect(
        "accepted",
        "Formulaire_RRR_MSA.pdf",
        "Lettre_engagement_Maire_MSA.pdf",
        why="OpenPGP/MIME signed; the signature .asc is not a document.",
    )


ALCORNOCAL = city(
    "Ayuntamiento de Alcornocal", "Alcornocal", "España", "es", "Manuel Jesús Ortiz Vela",
    "Alcalde", "Carmen Rubio Díaz", "crubio@alcornocal.example",
    contact_role="Área de Desarrollo Económico",
)  # fmt: skip


@case
def es_outlook_winmail_dat() -> Built:
    c = ALCORNOCAL
    tnef = make_tnef(
        {
            "Solicitud_RRR_Alcornocal.docx": docx_of(local_form(c), c.contact),
            "Carta_Alcalde_RRR.pdf": letter_pdf(c, date="19 de mayo de 2021"),
        },
        body=cover(c),
    )
    raw = send(
        c,
        "exchange",
        "Candidatura RRR Alcornocal",
        [Att("winmail.dat", tnef, "application/ms-tnef")],
        "2021-05-19 13:58:02+02:00",
        html=False,
    )
    return raw, expect(
        "accepted",
        "Solicitud_RRR_Alcornocal.docx",
        "Carta_Alcalde_RRR.pdf",
        why="Outlook rich text: both files travel inside winmail.dat (TNEF).",
    )


SERRA_DO_MAR = city(
    "Município de Serra do Mar", "Serra do Mar", "Portugal", "pt", "Carlos Alberto Sequeira",
    "Presidente da Câmara Municipal", "Marta Antunes", "marta.antunes@cm-serradomar.example",
    contact_role="Gabinete de Apoio à Presidência",
)  # fmt: skip


@case
def pt_mayor_office_forward_as_attachment() -> Built:
    c = SERRA_DO_MAR
    tech = Person("Vasco Pereira", "vasco.pereira@cm-serradomar.example", 1)
    inner = compose(
        Mail(
            seed="serra-inner",
            client="exo",
            sender=tech,
            subject="Candidatura RRR - documentos finais",
            body="Marta,\n\nSeguem o formulário preenchido e a carta já assinada pelo Senhor "
            "Presidente, para enviar ao consórcio.\n\nVasco",
            to=c.email,
            lang="pt",
            date=at("2021-05-20 16:10:44+01:00"),
            atts=[
                att("Formulario_RRR_SerraDoMar.pdf", form_pdf(c, lang="pt")),
                att("Carta_Presidente_assinada.pdf", letter_pdf(c, date="20 de maio de 2021")),
            ],
        )
    )
    raw = send(
        c,
        "exo",
        "FW: Candidatura RRR - documentos finais",
        [Att("Candidatura RRR - documentos finais.eml", inner, "message/rfc822")],
        "2021-05-20 17:26:09+02:00",
        zone_h=1,
        body="Exmos. Senhores,\n\nEm anexo reencaminho a mensagem com a candidatura do Município "
        "de Serra do Mar.\n\nCumprimentos,\nMarta Antunes\nGabinete de Apoio à Presidência",
    )
    return raw, expect(
        "accepted",
        "Formulario_RRR_SerraDoMar.pdf",
        "Carta_Presidente_assinada.pdf",
        why=(
            "The Mayor's office forwards the technician's message as an attachment "
            "(message/rfc822) holding both files."
        ),
    )


PORTO_AZZURRO = city(
    "Comune di Porto Azzurro Nuovo", "Porto Azzurro Nuovo", "Italia", "it", "Roberta Galli",
    "Sindaca", "Segreteria del Sindaco", "segreteria.sindaco@comune.portoazzurro.example",
)  # fmt: skip


@case
def it_forwarded_twice_nested_messages() -> Built:
    c = PORTO_AZZURRO
    first = compose(
        Mail(
            seed="pa-first",
            client="thunderbird",
            sender=Person("Matteo Ricci", "m.ricci@comune.portoazzurro.example"),
            subject="RRR: modulo e lettera",
            to=c.email,
            lang="it",
            body=(
                "Buongiorno,\n\nallego modulo compilato e lettera firmata dalla Sindaca.\n\nMatteo"
            ),
            date=at("2021-05-18 09:12:00+02:00"),
            atts=[
                att("RRR_modulo_compilato.pdf", form_pdf(c, lang="it")),
                att("RRR_lettera_firmata.pdf", letter_pdf(c, date="17/05/2021")),
            ],
        )
    )
    second = compose(
        Mail(
            seed="pa-second",
            client="thunderbird",
            sender=Person("Segreteria del Sindaco", c.email),
            subject="I: RRR: modulo e lettera",
            to="europa@comune.portoazzurro.example",
            lang="it",
            body="Per competenza.\n\nSegreteria del Sindaco",
            date=at("2021-05-18 11:40:00+02:00"),
            atts=[Att("RRR: modulo e lettera.eml", first, "message/rfc822")],
        )
    )
    raw = send(
        c,
        "thunderbird",
        "I: I: RRR: modulo e lettera",
        [Att("I: RRR: modulo e lettera.eml", second, "message/rfc822")],
        "2021-05-18 15:03:55+02:00",
        sender=Person("Ufficio Europa", "europa@comune.portoazzurro.example"),
        body="Gentili,\n\nvi inoltriamo la candidatura del Comune di Porto Azzurro Nuovo.\n\n"
        "Ufficio Europa",
    )
    return raw, expect(
        "accepted",
        "RRR_modulo_compilato.pdf",
        "RRR_lettera_firmata.pdf",
        why="Forwarded twice as attachments: the files sit two message/rfc822 levels down.",
    )


LOMAS = city(
    "Ayuntamiento de Lomas del Pinar", "Lomas del Pinar", "España", "es", "Sergio Navarro Gil",
    "Alcalde", "Lucía Herrera", "lherrera.lomas@gmail.example",
    contact_role="Gabinete de Alcaldía",
)  # fmt: skip


@case
def es_gmail_fwd_with_original_inline() -> Built:
    c = LOMAS
    body = (
        "Os reenvío la candidatura que nos ha preparado el área de Empleo.\n\nLucía Herrera\n"
        "Gabinete de Alcaldía\n\n---------- Forwarded message ---------\nDe: Andrés Molina "
        "<amolina@lomasdelpinar.example>\nDate: jue, 20 may 2021 a las 9:41\nSubject: "
        "Documentación RRR\nTo: Lucía Herrera <lherrera.lomas@gmail.example>\n\n\nHola Lucía,\n\n"
        "Te paso el formulario y la carta firmada por el alcalde para que los envíes al "
        "consorcio.\n\nAndrés"
    )
    raw = send(
        c,
        "gmail",
        "Fwd: Documentación RRR",
        [
            att("RRR formulario Lomas del Pinar.pdf", form_pdf(c, official=False)),
            att("RRR carta alcalde.pdf", letter_pdf(c, date="19 de mayo de 2021")),
        ],
        "2021-05-20 10:02:36+02:00",
        body=body,
    )
    return raw, expect(
        "accepted",
        "RRR formulario Lomas del Pinar.pdf",
        "RRR carta alcalde.pdf",
        why=(
            "Gmail forward: the original is quoted as text and its files are re-attached at the "
            "top level."
        ),
    )


ASHBOURNE = city(
    "Ashbourne City Council", "Ashbourne", "United Kingdom", "en", "Cllr Peter Lowe",
    "Leader of the Council", "Priya Shah", "priya.shah@ashbourne.example",
    contact_role="Policy and Partnerships",
)  # fmt: skip


@case
def en_outlook_fw_fw_chain() -> Built:
    c = ASHBOURNE
    body = (
        "Dear RRR team,\n\nPlease see below and attached - our application. Apologies for the long "
        "chain.\n\nPriya\n\n________________________________\nFrom: Tom Baxter "
        "<tom.baxter@ashbourne.example>\nSent: 20 May 2021 15:02\nTo: Priya Shah "
        "<priya.shah@ashbourne.example>\nSubject: FW: RRR final versions\n\nPriya - final signed "
        "versions from the Leader's office. Can you send on?\n\n________________________________\n"
        "From: Leader's Office <leaders.office@ashbourne.example>\nSent: 20 May 2021 14:47\nTo: "
        "Tom Baxter <tom.baxter@ashbourne.example>\nSubject: RRR final versions\n\nTom, signed "
        "letter attached along with the form.\n"
    )
    raw = send(
        c,
        "exo",
        "FW: FW: RRR final versions",
        [
            att("RRR form Ashbourne FINAL.pdf", form_pdf(c)),
            att(
                "RRR letter - signed.pdf",
                pdf([letterhead(c, official_letter(c, date="20 May 2021"))]),
            ),
        ],
        "2021-05-20 16:31:50+02:00",
        zone_h=1,
        body=body,
    )
    return raw, expect(
        "accepted",
        "RRR form Ashbourne FINAL.pdf",
        "RRR letter - signed.pdf",
        why="Outlook 'FW: FW:' chain with the history as quoted text; the files are attached.",
    )


LUSSAC = city(
    "Ville de Lussac-les-Vignes", "Lussac-les-Vignes", "France", "fr", "Bernard Fabre", "Maire",
    "Élodie Vidal", "elodie.vidal@lussac.example", contact_role="Mission Europe",
)  # fmt: skip


@case
def fr_letter_typed_in_forwarded_body_scan_attached() -> Built:
    c = LUSSAC
    cabinet = Person("Cabinet du Maire", "cabinet@lussac.example")
    letter_text = local_letter(c, titled=False, date="19 mai 2021")
    inner = compose(
        Mail(
            seed="lussac-inner",
            client="exo",
            sender=cabinet,
            to=c.email,
            lang="fr",
            subject="Courrier du Maire - RRR",
            body="Élodie,\n\nCi-dessous le texte du courrier de M. le Maire ; la version signée "
            "est en pièce jointe.\n\n" + letter_text,
            date=at("2021-05-19 17:20:00+02:00"),
            atts=[att("20210519_171522.jpg", scan_jpeg("lussac-letter"))],
        )
    )
    raw = send(
        c,
        "exo",
        "TR: Courrier du Maire - RRR",
        [
            att("Formulaire_candidature_RRR_Lussac.pdf", form_pdf(c, official=False)),
            Att("Courrier du Maire - RRR.eml", inner, "message/rfc822"),
        ],
        "2021-05-20 09:05:14+02:00",
        body="Bonjour,\n\nVous trouverez ci-joint notre formulaire ainsi que le courrier du Maire "
        "(transféré avec sa version signée).\n\nCordialement,\nÉlodie Vidal",
    )
    return raw, expect(
        "accepted",
        "Formulaire_candidature_RRR_Lussac.pdf",
        "20210519_171522.jpg",
        review=True,
        why=(
            "The letter's text is the body of the forwarded message; its signed scan (unclear "
            "name) is the letter by elimination."
        ),
    )


@case
def es_reply_to_our_receipt_adds_letter() -> Built:
    c = TORRELINARES
    ack = our_ack_id("torrelinares-ack")
    body = (
        "Buenos días:\n\nOs adjuntamos la carta de intenciones firmada por el Sr. Alcalde, que "
        "faltaba en nuestra candidatura.\n\nSaludos,\n\nBeatriz Cano Herrero\n\n"
        "De: RRR Peer Learning Cities <peerlearning@rrr-cities.example>\nEnviado: jueves, 20 de "
        "mayo de 2021 17:49\nPara: Beatriz Cano Herrero <bcano@torrelinares.example>\nAsunto: "
        "Hemos recibido su candidatura a RRR Peer Learning Cities (RRR-3HNP-V8TC)\n\n"
        "Gracias por su mensaje. Falta la carta de intenciones."
    )
    raw = send(
        c,
        "exo",
        "RE: Hemos recibido su candidatura a RRR Peer Learning Cities (RRR-3HNP-V8TC)",
        [
            att(
                "Carta intenciones firmada Torrelinares.pdf",
                letter_pdf(c, date="21 de mayo de 2021"),
            )
        ],
        "2021-05-21 10:12:40+02:00",
        body=body,
        in_reply_to=ack,
        references=ack,
    )
    return raw, expect(
        "incomplete",
        None,
        "Carta intenciones firmada Torrelinares.pdf",
        review=True,
        why=(
            "A reply to our receipt adding the missing letter: on its own this message lacks the "
            "form; staff should join it to the earlier one."
        ),
    )


GREYWATER = city(
    "City of Greywater", "Greywater", "United States", "en", "Mayor Thomas Reed", "Mayor",
    "Danielle Brooks", "dbrooks@greywater.example", contact_role="Office of Economic Inclusion",
)  # fmt: skip

ICS = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VEVENT
DTSTART:{start}
DTEND:{end}
DTSTAMP:20210519T150000Z
ORGANIZER;CN={organiser}:mailto:{organiser_mail}
UID:{uid}
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=peerlearning@rrr-cities.example:mailto:peerlearning@rrr-cities.example
SUMMARY:{summary}
DESCRIPTION:{description}
LOCATION:Online
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
"""


def ics(**kw: str) -> bytes:
    return ICS.format(**kw).replace("\n", "\r\n").encode()


@case
def en_application_with_calendar_invitation() -> Built:
    c = GREYWATER
    invite = ics(
        start="20210526T150000Z",
        end="20210526T153000Z",
        organiser=c.contact,
        organiser_mail=c.email,
        uid="7kq2m4xd0r8t@google.com",
        summary="Greywater / RRR - questions on our application",
        description="Short call to walk you through our application.",
    )
    raw = send(
        c,
        "gmail",
        "Invitation: Greywater / RRR - questions on our application @ Wed May 26, 2021",
        [
            att("Greywater_RRR_application_form.pdf", form_pdf(c)),
            att(
                "Greywater_Mayor_LOI.pdf",
                pdf([letterhead(c, official_letter(c, date="May 19, 2021"))]),
            ),
            Att("invite.ics", invite, "application/ics"),
        ],
        "2021-05-19 17:00:41+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "accepted",
        "Greywater_RRR_application_form.pdf",
        "Greywater_Mayor_LOI.pdf",
        why="The application comes with a meeting invitation; invite.ics is not a document.",
    )


LIPNICA = city(
    "Miasto Lipnica", "Lipnica", "Polska", "pl", "Andrzej Malinowski", "Prezydent",
    "Ewa Kowalczyk", "e.kowalczyk@lipnica.example", contact_role="Biuro Rozwoju Miasta",
)  # fmt: skip


@case
def pl_calendar_invitation_only() -> Built:
    c = LIPNICA
    invite = ics(
        start="20210519T080000Z",
        end="20210519T090000Z",
        organiser=c.contact,
        organiser_mail=c.email,
        uid="040000008200E00074C5B7101A82E00800000000C0D3A1B2",
        summary="Konsultacje RRR - Miasto Lipnica",
        description="Prosimy o krótką rozmowę przed złożeniem zgłoszenia.",
    )
    body = (
        "Szanowni Państwo,\n\nzapraszamy na krótkie spotkanie online przed złożeniem naszego "
        "zgłoszenia.\n\nEwa Kowalczyk"
    )
    raw = send(
        c,
        "exo",
        "Konsultacje RRR - Miasto Lipnica",
        [Att(None, invite, 'text/calendar; charset="utf-8"; method=REQUEST', inline=True)],
        "2021-05-17 12:30:45+02:00",
        body=body,
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why=(
            "A meeting invitation from a city, with no documents: a person wrote it, on time, "
            "nothing attached."
        ),
    )


VALE_FORMOSO = city(
    "Município de Vale Formoso", "Vale Formoso", "Portugal", "pt", "Luísa Brandão",
    "Presidente da Câmara Municipal", "Tiago Moura", "tiago.moura@cm-valeformoso.example",
    contact_role="Divisão de Desenvolvimento Económico",
)  # fmt: skip


@case
def pt_odt_form_answers_in_tables() -> Built:
    c = VALE_FORMOSO
    eco, challenge, motivation = answers(c)
    form = odt(
        [
            "RRR - Respond, Rebuild, Reinvent",
            "Cidades de Aprendizagem entre Pares - candidatura",
            Table(
                [
                    ["Entidade", c.name],
                    ["País", c.country],
                    ["População", "212 400"],
                    ["Contacto", f"{c.contact} ({c.email})"],
                ]
            ),
            "Questões",
            Table(
                [
                    ["1. Ecossistema da economia social", eco],
                    ["2. Desafios pós-COVID-19", challenge],
                    ["3. Motivação e equipa", motivation],
                ]
            ),
        ]
    )
    letter = odt(
        letterhead(c, local_letter(c, titled=False, date="18 de maio de 2021")).split("\n")
    )
    raw = send(
        c,
        "thunderbird",
        "Candidatura RRR - Vale Formoso",
        [att("RRR_ValeFormoso.odt", form), att("Oficio_Presidente.odt", letter)],
        "2021-05-18 18:44:29+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "RRR_ValeFormoso.odt",
        "Oficio_Presidente.odt",
        why=(
            "LibreOffice files: the form's answers are in tables; the President's signed letter "
            "commits the municipality."
        ),
    )


BRADENI = city(
    "Municipiul Brădeni", "Brădeni", "România", "ro", "Adrian Popescu", "Primar", "Elena Stan",
    "elena.stan@primariabradeni.example", contact_role="Serviciul Proiecte",
)  # fmt: skip


@case
def ro_one_pdf_form_then_letter() -> Built:
    c = BRADENI
    combined = pdf(
        [
            local_form(c),
            letterhead(c, local_letter(c, date="20.05.2021")),
        ],
        author=c.contact,
    )
    raw = send(
        c,
        "gmail",
        "Candidatura RRR - Municipiul Brădeni",
        [att("Candidatura_RRR_Bradeni_semnat.pdf", combined)],
        "2021-05-20 20:20:20+02:00",
        zone_h=3,
        body="Bună seara,\n\nAtașat găsiți formularul și scrisoarea de intenție, într-un singur "
        "fișier PDF.\n\nElena Stan\nServiciul Proiecte",
    )
    return raw, expect(
        "accepted",
        "Candidatura_RRR_Bradeni_semnat.pdf",
        "Candidatura_RRR_Bradeni_semnat.pdf",
        review=True,
        why=(
            "One PDF: the form on page 1 and the Mayor's letter of intent on page 2, so it serves "
            "both."
        ),
    )


NORRVIK = city(
    "Norrviks kommun", "Norrvik", "Sverige", "sv", "Anders Holm", "kommunstyrelsens ordförande",
    "Karin Sjöberg", "karin.sjoberg@norrvik.example", contact_role="EU-samordnare",
)  # fmt: skip


@case
def sv_one_docx_form_and_letter() -> Built:
    c = NORRVIK
    blocks: list[Block] = [
        *local_form(c).split("\n"),
        PageBreak(),
        *local_letter(c, date="17 maj 2021").split("\n"),
    ]
    raw = send(
        c,
        "exo",
        "RRR ansökan Norrviks kommun",
        [att("RRR_Norrvik_ansokan_och_avsiktsforklaring.docx", docx(blocks, author=c.contact))],
        "2021-05-17 15:59:03+02:00",
    )
    return raw, expect(
        "accepted",
        "RRR_Norrvik_ansokan_och_avsiktsforklaring.docx",
        "RRR_Norrvik_ansokan_och_avsiktsforklaring.docx",
        review=True,
        why=(
            "One Word file holding the form, a page break, then the declaration of intent: it "
            "serves both."
        ),
    )


LINDENAU = city(
    "Stadt Lindenau", "Lindenau", "Deutschland", "de", "Dr. Ute Behrens", "Oberbürgermeisterin",
    "Markus Feld", "markus.feld@lindenau.example", contact_role="Wirtschaftsförderung",
)  # fmt: skip


@case
def de_date_only_file_names() -> Built:
    c = LINDENAU
    raw = send(
        c,
        "thunderbird",
        "RRR Lindenau",
        [
            att("2021-05-20.pdf", letter_pdf(c, titled=False, date="20.05.2021")),
            att("2021-05-20 (1).pdf", form_pdf(c, official=False)),
        ],
        "2021-05-20 12:57:38+02:00",
        body="Hallo,\n\nanbei unsere Unterlagen.\n\nGruß\nMarkus Feld",
    )
    return raw, expect(
        "accepted",
        "2021-05-20 (1).pdf",
        "2021-05-20.pdf",
        why="File names are only dates; the texts show which is the letter and which the form.",
    )


PENACLARA = city(
    "Ayuntamiento de Peñaclara", "Peñaclara", "España", "es", "Dolores Vidal Llorente",
    "Alcaldesa", "Javier Román", "jroman@penaclara.example",
    contact_role="Servicio de Proyectos Europeos",
)  # fmt: skip


@case
def es_names_swapped() -> Built:
    c = PENACLARA
    raw = send(
        c,
        "exchange",
        "Candidatura RRR - Peñaclara",
        [
            att("Carta.pdf", form_pdf(c, official=False)),
            att("Formulario.pdf", letter_pdf(c, date="20 de mayo de 2021")),
        ],
        "2021-05-20 13:13:13+02:00",
    )
    return raw, expect(
        "accepted",
        "Carta.pdf",
        "Formulario.pdf",
        why=(
            "The names are swapped by mistake: 'Carta.pdf' holds the form and 'Formulario.pdf' the"
            " letter; the text wins."
        ),
    )


VALDIBRANA = city(
    "Comune di Valdibrana", "Valdibrana", "Italia", "it", "Enrico Sartori", "Sindaco",
    "Silvia Gatti", "s.gatti@comune.valdibrana.example", contact_role="Servizio Sviluppo Locale",
)  # fmt: skip


@case
def it_scan_named_as_letter_jpg() -> Built:
    c = VALDIBRANA
    raw = send(
        c,
        "gmail",
        "Candidatura RRR Comune di Valdibrana",
        [
            att("Modulo_RRR_Valdibrana.docx", docx_of(local_form(c), c.contact)),
            att("Lettera di intenti firmata.jpg", scan_jpeg("valdibrana-letter")),
        ],
        "2021-05-21 17:17:17+02:00",
    )
    return raw, expect(
        "accepted",
        "Modulo_RRR_Valdibrana.docx",
        "Lettera di intenti firmata.jpg",
        review=True,
        why="The letter is a photographed page whose name says what it is.",
    )


@case
def pl_unclear_scan_pdf_by_elimination() -> Built:
    c = LIPNICA
    raw = send(
        c,
        "exo",
        "Zgłoszenie RRR - Miasto Lipnica",
        [
            att("Formularz_zgloszeniowy_Lipnica.pdf", form_pdf(c, official=False)),
            att("Skan_20210520_093512.pdf", scan_pdf("lipnica-letter")),
        ],
        "2021-05-20 09:41:22+02:00",
    )
    return raw, expect(
        "accepted",
        "Formularz_zgloszeniowy_Lipnica.pdf",
        "Skan_20210520_093512.pdf",
        review=True,
        why=(
            "A scanner's image-only PDF with a generic name next to a clear form: the letter, by "
            "elimination."
        ),
    )


CASTROJERIZ = city(
    "Ayuntamiento de Castrillo del Monte", "Castrillo del Monte", "España", "es",
    "Alberto Fuentes Mena", "Alcalde", "Marta Iglesias", "miglesias@castrillo.example",
    contact_role="Concejalía de Empleo",
)  # fmt: skip


@case
def es_iphone_photo_of_signed_letter() -> Built:
    c = CASTROJERIZ
    raw = send(
        c,
        "iphone",
        "Candidatura RRR",
        [
            att("Formulario RRR Castrillo.pdf", form_pdf(c, official=False)),
            att(
                "IMG_4471.jpeg", scan_jpeg("castrillo-letter", width=1080, height=1440), inline=True
            ),
        ],
        "2021-05-21 21:12:09+02:00",
        body="Hola, os mando la solicitud y la foto de la carta firmada por el alcalde.\nMarta",
    )
    return raw, expect(
        "accepted",
        "Formulario RRR Castrillo.pdf",
        "IMG_4471.jpeg",
        review=True,
        why=(
            "From an iPhone: the form and a photo of the signed letter (IMG_ name) which is the "
            "letter by elimination."
        ),
    )


PORTO_SALGADO = city(
    "Município de Porto Salgado", "Porto Salgado", "Portugal", "pt", "Joaquim Reis",
    "Presidente da Câmara Municipal", "Inês Correia", "ines.correia@cm-portosalgado.example",
    contact_role="Gabinete de Estratégia",
)  # fmt: skip


@case
def pt_outlook_logo_images_form_only() -> Built:
    c = PORTO_SALGADO
    raw = send(
        c,
        "exo",
        "Candidatura RRR - Porto Salgado",
        [
            att("Candidatura_PortoSalgado.pdf", form_pdf(c, official=False)),
            Att(
                "image001.png",
                make_png_small(1),
                "image/png",
                inline=True,
                cid="image001.png@01D74D12.6A3B2C10",
            ),
            Att(
                "image002.png",
                make_png_small(2),
                "image/png",
                inline=True,
                cid="image002.png@01D74D12.6A3B2C10",
            ),
        ],
        "2021-05-19 11:11:52+02:00",
        zone_h=1,
    )
    return raw, expect(
        "incomplete",
        "Candidatura_PortoSalgado.pdf",
        None,
        why=(
            "Only the form; the two small inline images are the e-mail signature's logos, not a "
            "letter."
        ),
    )


def make_png_small(seed: int) -> bytes:
    from tests.support.documents import make_png

    return make_png(180 + seed * 10, 60)


ALTENFELD = city(
    "Stadt Altenfeld", "Altenfeld", "Deutschland", "de", "Frank Ziegler", "Oberbürgermeister",
    "Anna Schulte", "anna.schulte@altenfeld.example", contact_role="Büro des Oberbürgermeisters",
)  # fmt: skip


@case
def de_outlook_logos_and_both_documents() -> Built:
    c = ALTENFELD
    raw = send(
        c,
        "exchange",
        "Bewerbung RRR - Stadt Altenfeld",
        [
            Att(
                "image001.jpg",
                scan_jpeg("altenfeld-logo", width=220, height=80, quality=80),
                "image/jpeg",
                inline=True,
                cid="image001.jpg@01D74C8E.2F1B0A40",
            ),
            att("Bewerbungsbogen_RRR_Altenfeld.pdf", form_pdf(c, official=False)),
            att("Absichtserklaerung_Altenfeld.pdf", letter_pdf(c, date="18.05.2021")),
        ],
        "2021-05-18 08:30:45+02:00",
    )
    return raw, expect(
        "accepted",
        "Bewerbungsbogen_RRR_Altenfeld.pdf",
        "Absichtserklaerung_Altenfeld.pdf",
        why="Both documents; the inline logo of the signature is not a document.",
    )


MILLBROOK = city(
    "City of Millbrook", "Millbrook", "United States", "en", "Mayor Carla Jimenez", "Mayor",
    "Steve Novak", "snovak@millbrook.example", contact_role="Planning Department",
)  # fmt: skip


@case
def en_blank_form_template_and_letter() -> Built:
    c = MILLBROOK
    raw = send(
        c,
        "gmail",
        "RRR application - City of Millbrook",
        [
            att("RRR_Application_Form.docx", docx_of(blank_official_form(), "UpSocial")),
            att(
                "Millbrook letter of intent.pdf",
                pdf([letterhead(c, official_letter(c, date="May 20, 2021"))]),
            ),
        ],
        "2021-05-20 23:45:10+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "incomplete",
        None,
        "Millbrook letter of intent.pdf",
        why=(
            "The attached form is the call's blank template (nothing filled in); only the letter "
            "counts."
        ),
    )


VILLASECA = city(
    "Ayuntamiento de Villaseca de Henares", "Villaseca de Henares", "España", "es",
    "Ramón Calvo Prieto", "Alcalde", "Sara Moreno", "smoreno@villaseca.example",
    contact_role="Agencia de Desarrollo Local",
)  # fmt: skip


@case
def es_filled_form_blank_letter_template() -> Built:
    c = VILLASECA
    raw = send(
        c,
        "exo",
        "Candidatura RRR Villaseca de Henares",
        [
            att("Formulario_RRR_Villaseca.pdf", form_pdf(c, lang="es")),
            att("Modelo_carta_intenciones.docx", docx_of(blank_official_letter(), "UpSocial")),
        ],
        "2021-05-21 14:02:37+02:00",
    )
    return raw, expect(
        "incomplete",
        "Formulario_RRR_Villaseca.pdf",
        None,
        why="The letter attached is the call's blank model with placeholders, not a signed letter.",
    )


SAINT_CLAIR = city(
    "Ville de Saint-Clair-du-Lac", "Saint-Clair-du-Lac", "France", "fr", "Patrick Rey", "Maire",
    "Laure Fontaine", "laure.fontaine@saintclair.example", contact_role="Service Europe",
)  # fmt: skip


@case
def fr_guidelines_instead_of_form() -> Built:
    c = SAINT_CLAIR
    raw = send(
        c,
        "zimbra",
        "Candidature RRR - Saint-Clair-du-Lac",
        [
            att("RRR_Guidelines.pdf", pdf([guidelines()], title="RRR call guidelines")),
            att("Lettre d'intention Saint-Clair.pdf", letter_pdf(c, date="21 mai 2021")),
        ],
        "2021-05-21 16:40:02+02:00",
    )
    return raw, expect(
        "incomplete",
        None,
        "Lettre d'intention Saint-Clair.pdf",
        why="The call's guidelines were attached instead of the form.",
    )


BRUNNHAUSEN = city(
    "Stadt Brunnhausen", "Brunnhausen", "Deutschland", "de", "Klaus Riedel", "Oberbürgermeister",
    "Lena Wolff", "lena.wolff@brunnhausen.example", contact_role="Stabsstelle Klima und Europa",
)  # fmt: skip


@case
def de_other_programme_form_and_rrr_letter() -> Built:
    c = BRUNNHAUSEN
    raw = send(
        c,
        "exchange",
        "RRR – Bewerbung Stadt Brunnhausen",
        [
            att("Bewerbung_Brunnhausen.pdf", pdf([other_programme_form(c)])),
            att("Absichtserklaerung_RRR_Brunnhausen.pdf", letter_pdf(c, date="20.05.2021")),
        ],
        "2021-05-20 15:15:51+02:00",
    )
    return raw, expect(
        "incomplete",
        None,
        "Absichtserklaerung_RRR_Brunnhausen.pdf",
        why=(
            "The 'Bewerbung' attached is another programme's form (Green Districts Exchange), not "
            "RRR's."
        ),
    )


MONTEJURRA = city(
    "Ayuntamiento de Montejurra", "Montejurra", "España", "es", "Iñaki Goñi", "Alcalde",
    "Ainhoa Larrea", "alarrea@montejurra.example", contact_role="Promoción Económica",
)  # fmt: skip


@case
def es_wetransfer_link_only() -> Built:
    c = MONTEJURRA
    raw = send(
        c,
        "gmail",
        "Candidatura RRR Montejurra",
        [],
        "2021-05-21 18:30:00+02:00",
        body="Hola,\n\nComo los archivos pesan mucho, os los enviamos por WeTransfer:\n"
        "https://we.tl/t-Xa9bQ2LmZp\n\nEl enlace caduca en 7 días.\n\nAinhoa Larrea",
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="Only a WeTransfer link; nothing is attached.",
    )


KINGSBRIDGE = city(
    "Kingsbridge City Council", "Kingsbridge", "United Kingdom", "en", "Cllr Mary Ellis",
    "Leader of the Council", "Ben Carter", "ben.carter@kingsbridge.example",
    contact_role="Economy Team",
)  # fmt: skip


@case
def en_form_as_onedrive_link_letter_attached() -> Built:
    c = KINGSBRIDGE
    raw = send(
        c,
        "exo",
        "Kingsbridge RRR application",
        [att("Kingsbridge LOI.pdf", pdf([letterhead(c, official_letter(c, date="19 May 2021"))]))],
        "2021-05-19 12:00:31+02:00",
        zone_h=1,
        body="Hello,\n\nOur signed letter of intent is attached. The application form is too large "
        "for our mail system, so I have shared it here:\n"
        "https://kingsbridgecc-my.sharepoint.com/:b:/g/personal/ben_carter_kingsbridge_example/"
        "EaB3kQ9xYz1Lm2NoPqRsTuVw?e=h7Jk2L\n\nKind regards,\nBen Carter",
    )
    return raw, expect(
        "incomplete",
        None,
        "Kingsbridge LOI.pdf",
        why="The letter is attached but the form is only a SharePoint/OneDrive link.",
    )


SEEBURG = city(
    "Stadt Seeburg", "Seeburg", "Deutschland", "de", "Ralf Becker", "Oberbürgermeister",
    "Tanja Krause", "tanja.krause@seeburg.example", contact_role="Amt für Wirtschaft",
)  # fmt: skip


@case
def de_city_nextcloud_link() -> Built:
    c = SEEBURG
    raw = send(
        c,
        "thunderbird",
        "Bewerbung RRR Stadt Seeburg",
        [],
        "2021-05-21 10:44:10+02:00",
        body="Sehr geehrte Damen und Herren,\n\ndie Bewerbungsunterlagen der Stadt Seeburg "
        "(Bewerbungsbogen und Absichtserklärung) können Sie hier herunterladen:\n"
        "https://cloud.seeburg.example/s/Qw7rT2yPz9KmXb4\nPasswort: RRR2021\n\nMit freundlichen "
        "Grüßen\nTanja Krause",
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="The documents are on the city's own Nextcloud; nothing is attached.",
    )


LAGOA_BONITA = city(
    "Prefeitura de Lagoa Bonita", "Lagoa Bonita", "Brasil", "ptbr", "Gilberto Araújo", "Prefeito",
    "Patrícia Souza", "patricia.souza.lagoabonita@gmail.example",
    contact_role="Assessoria de Projetos",
)  # fmt: skip


@case
def ptbr_gmail_drive_link_for_big_form() -> Built:
    c = LAGOA_BONITA
    body = (
        "Prezados,\n\nSegue a carta de intenção assinada pelo Prefeito. A ficha de inscrição ficou "
        "grande demais e foi enviada pelo Google Drive:\n\n"
        "Ficha_Inscricao_LagoaBonita.pdf\n"
        "https://drive.google.com/file/d/1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV/view?usp=drive_web\n\n"
        "Atenciosamente,\nPatrícia Souza"
    )
    raw = send(
        c,
        "gmail",
        "Inscrição RRR - Lagoa Bonita",
        [att("Carta de intenção - Lagoa Bonita.pdf", letter_pdf(c, date="20 de maio de 2021"))],
        "2021-05-20 23:10:45+02:00",
        zone_h=-3,
        body=body,
    )
    return raw, expect(
        "incomplete",
        None,
        "Carta de intenção - Lagoa Bonita.pdf",
        why="Gmail sent the big form as a Google Drive link; only the letter is attached.",
    )


DEALU_MARE = city(
    "Municipiul Dealu Mare", "Dealu Mare", "România", "ro", "Gheorghe Ionescu", "Primar",
    "Cristina Radu", "cristina.radu@dealumare.example", contact_role="Compartiment Strategii",
)  # fmt: skip


@case
def ro_empty_letter_file() -> Built:
    c = DEALU_MARE
    raw = send(
        c,
        "roundcube",
        "Candidatura RRR Dealu Mare",
        [
            att("Formular_RRR_DealuMare.pdf", form_pdf(c, official=False)),
            att("Scrisoare_intentie_DealuMare.pdf", b""),
        ],
        "2021-05-21 22:31:18+02:00",
    )
    return raw, expect(
        "incomplete",
        "Formular_RRR_DealuMare.pdf",
        None,
        why="The letter file is empty (0 bytes), so it does not count.",
    )


JASIEN = city(
    "Miasto Jasień Górny", "Jasień Górny", "Polska", "pl", "Wojciech Dąbrowski", "Prezydent",
    "Marta Szymańska", "m.szymanska@jasiengorny.example", contact_role="Wydział Strategii",
)  # fmt: skip


@case
def pl_truncated_form_pdf() -> Built:
    c = JASIEN
    raw = send(
        c,
        "exo",
        "Zgłoszenie RRR - Jasień Górny",
        [
            att("Formularz zgłoszeniowy RRR.pdf", corrupt_pdf("jasien")),
            att("List intencyjny RRR.pdf", letter_pdf(c, date="21.05.2021")),
        ],
        "2021-05-21 12:49:05+02:00",
    )
    return raw, expect(
        "incomplete",
        None,
        "List intencyjny RRR.pdf",
        why="The form PDF is cut off and cannot be opened; only the letter counts.",
    )


FAIRHAVEN = city(
    "City of Fairhaven", "Fairhaven", "United States", "en", "Mayor Gloria Stanton", "Mayor",
    "Lisa Park", "lpark@fairhaven.example", contact_role="Mayor's Office of Policy",
)  # fmt: skip


@case
def en_letter_as_html_file() -> Built:
    c = FAIRHAVEN
    letter_html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in local_letter(c, date="May 20, 2021").split("\n"))
        + "</body></html>"
    )
    raw = send(
        c,
        "gmail",
        "Fairhaven RRR application",
        [
            att("Fairhaven_RRR_form.pdf", form_pdf(c)),
            att("letter_of_intent.html", letter_html.encode()),
        ],
        "2021-05-20 19:19:00+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "incomplete",
        "Fairhaven_RRR_form.pdf",
        None,
        why="The letter was sent as an .html file, which the call does not accept.",
    )


ROBLEDO = city(
    "Ayuntamiento de Robledo de la Sierra", "Robledo de la Sierra", "España", "es",
    "José Antonio Sanz", "Alcalde", "Noelia Castro", "ncastro@robledo.example",
    contact_role="Secretaría",
)  # fmt: skip


@case
def es_self_extracting_exe() -> Built:
    c = ROBLEDO
    raw = send(
        c,
        "exchange",
        "Documentación candidatura RRR",
        [att("Documentacion_RRR_Robledo.exe", fake_exe("robledo"))],
        "2021-05-19 09:09:09+02:00",
        body=(
            "Buenos días,\n\nAdjuntamos la documentación comprimida (ejecutar para "
            "descomprimir).\n\nNoelia Castro"
        ),
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="A self-extracting .exe is not an accepted file; nothing usable is attached.",
    )


CASTELVETRO = city(
    "Comune di Castelvetro Nuovo", "Castelvetro Nuovo", "Italia", "it", "Daniela Moretti",
    "Sindaca", "Andrea Fabbri", "a.fabbri@comune.castelvetro.example",
    contact_role="Ufficio Europa",
)  # fmt: skip


@case
def it_password_protected_zip() -> Built:
    c = CASTELVETRO
    archive = make_zip(
        {
            "Modulo_RRR.pdf": form_pdf(c, official=False),
            "Lettera_intenti.pdf": letter_pdf(c, date="20/05/2021"),
        },
        encrypt=True,
    )
    raw = send(
        c,
        "exo",
        "Candidatura RRR Castelvetro Nuovo",
        [att("Candidatura_RRR.zip", archive)],
        "2021-05-20 10:30:44+02:00",
        body="Buongiorno,\n\nin allegato la candidatura. La password dell'archivio vi sarà "
        "comunicata con un messaggio separato.\n\nAndrea Fabbri",
    )
    return raw, expect(
        "incomplete",
        None,
        None,
        why="The zip is password-protected; its files cannot be read.",
    )


WESTERHAVEN = city(
    "gemeente Westerhaven", "Westerhaven", "Nederland", "nl", "Ellen Mulder", "burgemeester",
    "Daan Smit", "d.smit@westerhaven.example", contact_role="team Economie",
)  # fmt: skip


def apple_double(name: str) -> bytes:
    """The '._' resource-fork file macOS Finder puts in __MACOSX/ next to every zipped file."""
    header = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
    return header + hashlib.sha256(name.encode()).digest() * 8


@case
def nl_mac_zip_with_resource_forks() -> Built:
    c = WESTERHAVEN
    form = form_pdf(c, official=False)
    letter = letter_pdf(c, titled=False, date="18 mei 2021")
    archive = make_zip(
        {
            "Aanmeldformulier RRR.pdf": form,
            "__MACOSX/": b"",
            "__MACOSX/._Aanmeldformulier RRR.pdf": apple_double("a"),
            "Brief burgemeester RRR.pdf": letter,
            "__MACOSX/._Brief burgemeester RRR.pdf": apple_double("b"),
        }
    )
    raw = send(
        c,
        "apple",
        "RRR aanmelding Westerhaven",
        [att("Archief.zip", archive, inline=True)],
        "2021-05-18 14:14:14+02:00",
    )
    return raw, expect(
        "accepted",
        "Aanmeldformulier RRR.pdf",
        "Brief burgemeester RRR.pdf",
        why="A zip from macOS Finder: the __MACOSX/._ resource forks are not documents.",
    )


ROQUEBRUNE = city(
    "Ville de Roquebrune-sur-Lot", "Roquebrune-sur-Lot", "France", "fr", "Anne Berger", "Maire",
    "Luc Henry", "luc.henry@roquebrune.example", contact_role="Direction générale",
)  # fmt: skip


@case
def fr_same_form_attached_twice() -> Built:
    c = ROQUEBRUNE
    form = form_pdf(c, official=False)
    raw = send(
        c,
        "exo",
        "Candidature RRR - Roquebrune-sur-Lot",
        [
            att("Formulaire RRR Roquebrune.pdf", form),
            att("Formulaire RRR Roquebrune.pdf", form),
            att("Lettre d'intention Roquebrune.pdf", letter_pdf(c, date="20 mai 2021")),
        ],
        "2021-05-20 11:22:33+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulaire RRR Roquebrune.pdf",
        "Lettre d'intention Roquebrune.pdf",
        why="The same form attached twice by mistake plus the letter: complete.",
    )


VILLANUEVA = city(
    "Ayuntamiento de Villanueva del Segura", "Villanueva del Segura", "España", "es",
    "Encarnación López Martínez", "Alcaldesa", "Registro General",
    "registro@villanuevadelsegura.example", contact_role="Registro General",
)  # fmt: skip


@case
def es_document_system_unnamed_pdf_part() -> Built:
    c = VILLANUEVA
    body = (
        "Se remite la documentación correspondiente al expediente 2021/RRR/0032 (Candidatura al "
        "proyecto RRR - Ciudades de Aprendizaje entre Pares).\n\nDocumento 1: solicitud.\n"
        "Documento 2: carta de la Alcaldía.\n\nRegistro General\n" + c.name
    )
    raw = send(
        c,
        "roundcube",
        "Expediente 2021/RRR/0032 - Remisión de documentación",
        [
            Att(None, form_pdf(c, official=False)),
            att("Carta_Alcaldia_RRR.pdf", letter_pdf(c, date="20 de mayo de 2021")),
        ],
        "2021-05-20 12:05:00+02:00",
        body=body,
        sender=Person("Registro General - Ayuntamiento de Villanueva del Segura", c.email),
    )
    return raw, expect(
        "accepted",
        "(unnamed application/pdf)",
        "Carta_Alcaldia_RRR.pdf",
        why=(
            "The city's document system sends the form as a PDF part without any name; its text is"
            " the form."
        ),
    )


MARIENFELS = city(
    "Stadt Marienfels", "Marienfels", "Deutschland", "de", "Georg Lehmann", "Oberbürgermeister",
    "Büro des Oberbürgermeisters", "ob-buero@marienfels.example",
)  # fmt: skip


@case
def de_letter_only_as_mail_body() -> Built:
    c = MARIENFELS
    body = local_letter(c, date="21.05.2021") + "\n\nAnlage: Bewerbungsbogen"
    raw = send(
        c,
        "exchange",
        "Absichtserklärung der Stadt Marienfels – RRR",
        [att("Bewerbungsbogen_Marienfels.pdf", form_pdf(c, official=False))],
        "2021-05-21 16:03:20+02:00",
        body=body,
        sender=Person("Georg Lehmann", c.email),
    )
    return raw, expect(
        "incomplete",
        "Bewerbungsbogen_Marienfels.pdf",
        None,
        review=True,
        why=(
            "The declaration of intent is typed in the e-mail body, not sent as a signed document;"
            " only the form is attached."
        ),
    )


CHATEAUBOURG = city(
    "Ville de Châteaubourg-en-Vexin", "Châteaubourg-en-Vexin", "France", "fr", "Gérard Lemoine",
    "Maire", "Aurélie Besson", "aurelie.besson@chateaubourg.example",
    contact_role="Service développement",
)  # fmt: skip


@case
def fr_raw_utf8_file_names() -> Built:
    c = CHATEAUBOURG
    raw = send(
        c,
        "sogo",
        "Candidature RRR – Châteaubourg-en-Vexin",
        [
            att("Formulaire_complété_Châteaubourg.pdf", form_pdf(c, official=False)),
            att("Lettre_d'engagement_signée.pdf", letter_pdf(c, titled=False, date="19 mai 2021")),
        ],
        "2021-05-19 15:35:51+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulaire_complété_Châteaubourg.pdf",
        "Lettre_d'engagement_signée.pdf",
        why=(
            "Webmail writes UTF-8 file names raw into the headers (no RFC 2047/2231); documents "
            "are clear."
        ),
    )


ALCACER = city(
    "Município de Vila Nova de Alcácer", "Vila Nova de Alcácer", "Portugal", "pt",
    "Fernando Gaspar", "Presidente da Câmara Municipal", "Joana Simões",
    "joana.simoes@cm-vnalcacer.example", contact_role="Divisão de Planeamento Estratégico",
)  # fmt: skip


@case
def pt_very_long_names_rfc2231_continuations() -> Built:
    c = ALCACER
    raw = send(
        c,
        "thunderbird",
        "Candidatura ao Projeto RRR - Vila Nova de Alcácer",
        [
            att(
                (
                    "Formulário de Candidatura ao Projeto Respond Rebuild Reinvent - Município de "
                    "Vila Nova de Alcácer - versão final.pdf"
                ),
                form_pdf(c, official=False),
            ),
            att(
                (
                    "Carta de Intenções assinada pelo Senhor Presidente da Câmara Municipal de "
                    "Vila Nova de Alcácer.pdf"
                ),
                letter_pdf(c, date="19 de maio de 2021"),
            ),
        ],
        "2021-05-19 18:06:40+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        (
            "Formulário de Candidatura ao Projeto Respond Rebuild Reinvent - Município de Vila "
            "Nova de Alcácer - versão final.pdf"
        ),
        (
            "Carta de Intenções assinada pelo Senhor Presidente da Câmara Municipal de Vila Nova "
            "de Alcácer.pdf"
        ),
        why="Very long accented names split into RFC 2231 continuations.",
    )


BENALUA = city(
    "Ayuntamiento de Benalúa de las Torres", "Benalúa de las Torres", "España", "es",
    "Antonio Ruiz Bermúdez", "Alcalde", "Rocío Jiménez", "rjimenez@benalua.example",
    contact_role="Desarrollo Local",
)  # fmt: skip


@case
def es_apple_mail_decomposed_accents() -> Built:
    c = BENALUA
    raw = send(
        c,
        "apple",
        "Candidatura RRR – Benalúa de las Torres",
        [
            att("Solicitud Benalúa RRR.pdf", form_pdf(c, official=False), inline=True),
            att(
                "Carta de intención – Alcaldía.pdf",
                letter_pdf(c, date="20 de mayo de 2021"),
                inline=True,
            ),
        ],
        "2021-05-20 18:18:01+02:00",
    )
    return raw, expect(
        "accepted",
        "Solicitud Benalúa RRR.pdf",
        "Carta de intención – Alcaldía.pdf",
        why=(
            "Apple Mail sends names in decomposed Unicode (NFD); same names as the human reads "
            "them."
        ),
    )


FUENTECILLA = city(
    "Ayuntamiento de Fuentecilla", "Fuentecilla", "España", "es", "Ángel Serrano Polo", "Alcalde",
    "Cristina Vega", "cvega@fuentecilla.example", contact_role="Oficina de Proyectos",
)  # fmt: skip


@case
def es_form_scanned_letter_typed() -> Built:
    c = FUENTECILLA
    raw = send(
        c,
        "exchange",
        "Candidatura RRR Fuentecilla",
        [
            att("Formulario firmado.pdf", scan_pdf("fuentecilla-form", pages=3)),
            att("Carta de intenciones.pdf", letter_pdf(c, date="21 de mayo de 2021")),
        ],
        "2021-05-21 13:31:13+02:00",
    )
    return raw, expect(
        "accepted",
        "Formulario firmado.pdf",
        "Carta de intenciones.pdf",
        review=True,
        why="The form was printed, signed and scanned (no text); its name says it is the form.",
    )


WESTMOOR = city(
    "Westmoor City Council", "Westmoor", "United Kingdom", "en", "Cllr Ian Robertson",
    "Leader of the Council", "Hannah Lee", "hannah.lee@westmoor.example",
    contact_role="Regeneration",
)  # fmt: skip


@case
def en_both_documents_scanned_named() -> Built:
    c = WESTMOOR
    raw = send(
        c,
        "exo",
        "RRR application - Westmoor City Council",
        [
            att("Application form (scanned).pdf", scan_pdf("westmoor-form", pages=2)),
            att("Letter of intent (scanned).pdf", scan_pdf("westmoor-letter")),
        ],
        "2021-05-20 14:50:05+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "Application form (scanned).pdf",
        "Letter of intent (scanned).pdf",
        review=True,
        why="Both documents are image-only scans whose names say which is which.",
    )


SANT_ELPIDIO = city(
    "Comune di Sant'Elpidio Alto", "Sant'Elpidio Alto", "Italia", "it", "Vincenzo De Luca",
    "Sindaco", "Maria Grazia Leone", "mg.leone@comune.santelpidio.example",
    contact_role="Settore Sviluppo Economico",
)  # fmt: skip

DELIBERA = """COMUNE DI SANT'ELPIDIO ALTO
Provincia di Ancona

VERBALE DI DELIBERAZIONE DELLA GIUNTA COMUNALE N. 112 DEL 18/05/2021

OGGETTO: Adesione al progetto europeo "Respond, Rebuild, Reinvent" - approvazione.

LA GIUNTA COMUNALE

Vista la proposta del Settore Sviluppo Economico;
Ritenuto opportuno aderire al progetto;
Visti i pareri favorevoli di regolarità tecnica e contabile;
con voti unanimi,

DELIBERA

1. di approvare la partecipazione del Comune al progetto RRR;
2. di incaricare il Settore Sviluppo Economico degli adempimenti conseguenti;
3. di dichiarare il presente atto immediatamente eseguibile.

Il Segretario Generale                     Il Sindaco"""


@case
def it_council_resolution_as_extra_document() -> Built:
    c = SANT_ELPIDIO
    raw = send(
        c,
        "lotus",
        "Candidatura RRR - Comune di Sant'Elpidio Alto",
        [
            att("Delibera_GC_112_2021.pdf", pdf([DELIBERA])),
            att("Modulo_candidatura.pdf", form_pdf(c, lang="it")),
            att("Lettera_intenti.pdf", letter_pdf(c, date="19/05/2021")),
        ],
        "2021-05-19 10:10:10+02:00",
    )
    return raw, expect(
        "accepted",
        "Modulo_candidatura.pdf",
        "Lettera_intenti.pdf",
        why=(
            "A council resolution comes along as a third document; the form and the letter are "
            "separate files."
        ),
    )


HARBORVIEW = city(
    "City of Harborview", "Harborview", "United States", "en", "Mayor Jennifer Walsh", "Mayor",
    "Marcus Bell", "mbell@harborview.example", contact_role="Office of Community Wealth",
)  # fmt: skip


@case
def en_extra_strategy_and_cvs() -> Built:
    c = HARBORVIEW
    strategy = pdf(
        [
            "HARBORVIEW COMMUNITY WEALTH BUILDING STRATEGY 2020-2025\n\nExecutive summary\n"
            "Harborview will grow employee-owned businesses, anchor institution procurement and "
            "community land trusts...",
            "1. Context\nThe pandemic exposed the fragility of our small business base...",
        ]
    )
    cvs = docx(
        [
            "Team CVs",
            "Marcus Bell - Director, Office of Community Wealth (10 years in economic development)",
            "Alicia Gomez - Cooperative development specialist",
        ],
        author=c.contact,
    )
    raw = send(
        c,
        "gmail",
        "Harborview - RRR Peer Learning Cities application",
        [
            att("Harborview CWB Strategy 2020-2025.pdf", strategy),
            att("Team CVs.docx", cvs),
            att("Harborview RRR application form.pdf", form_pdf(c, checklist=True)),
            att("Harborview letter from Mayor Walsh.pdf", letter_pdf(c, date="May 18, 2021")),
        ],
        "2021-05-18 19:45:00+02:00",
        zone_h=-4,
    )
    return raw, expect(
        "accepted",
        "Harborview RRR application form.pdf",
        "Harborview letter from Mayor Walsh.pdf",
        why="Two supporting documents (a strategy, CVs) come along with the form and the letter.",
    )


ALDEIA_GRANDE = city(
    "Município de Aldeia Grande", "Aldeia Grande", "Portugal", "pt", "Paula Cristina Matos",
    "Presidente da Câmara Municipal", "Bruno Rocha", "bruno.rocha@cm-aldeiagrande.example",
    contact_role="Gabinete de Relações Internacionais",
)  # fmt: skip


@case
def pt_bilingual_letter_in_one_file() -> Built:
    c = ALDEIA_GRANDE
    english = City(**{**c.__dict__, "lang": "en"})
    letter = pdf(
        [
            letterhead(c, local_letter(c, date="20 de maio de 2021")),
            "(English translation)\n\n" + local_letter(english, date="20 May 2021"),
        ]
    )
    raw = send(
        c,
        "exo",
        "Candidatura RRR - Município de Aldeia Grande",
        [
            att(
                "Formulario_RRR_AldeiaGrande.docx", docx_of(official_form(c, lang="pt"), c.contact)
            ),
            att("Carta_Intencoes_PT_EN.pdf", letter),
        ],
        "2021-05-20 15:40:40+02:00",
        zone_h=1,
    )
    return raw, expect(
        "accepted",
        "Formulario_RRR_AldeiaGrande.docx",
        "Carta_Intencoes_PT_EN.pdf",
        why=(
            "The letter in Portuguese with its English translation on page 2: one letter, not two "
            "documents."
        ),
    )


RIO_CLARO = city(
    "Prefeitura de Rio Claro do Oeste", "Rio Claro do Oeste", "Brasil", "ptbr", "Edson Vieira",
    "Prefeito", "Luana Costa", "luana.costa.rco@gmail.example",
    contact_role="Secretaria de Planejamento",
)  # fmt: skip


@case
def ptbr_android_photo_of_letter() -> Built:
    c = RIO_CLARO
    raw = send(
        c,
        "gmail",
        "Inscrição RRR Rio Claro do Oeste",
        [
            att("Ficha RRR Rio Claro.docx", docx_of(local_form(c), c.contact)),
            att("IMG_20210521_101522.jpg", scan_jpeg("rioclaro-letter", width=960, height=1280)),
        ],
        "2021-05-21 15:16:02+02:00",
        zone_h=-3,
        body="Boa tarde,\n\nSegue a ficha e a foto do ofício assinado pelo prefeito.\n\nLuana\n\n"
        "Enviado do meu Android",
    )
    return raw, expect(
        "accepted",
        "Ficha RRR Rio Claro.docx",
        "IMG_20210521_101522.jpg",
        review=True,
        why=(
            "Sent from an Android phone: a photo with a camera name next to a clear form is the "
            "letter by elimination."
        ),
    )


# --------------------------------------------------------------------- more everyday traffic


def everyday(
    name: str,
    c: City,
    client: str,
    subject: str,
    arrival: str,
    *,
    form: tuple[str, bytes] | None,
    letter: tuple[str, bytes] | None,
    decision: str,
    why: str,
    zone_h: float = 2.0,
) -> None:
    """Register an ordinary application: a cover note and zero, one or two documents."""

    def build() -> Built:
        atts = [att(*doc) for doc in (form, letter) if doc]
        raw = send(c, client, subject, atts, arrival, zone_h=zone_h)
        return raw, expect(
            decision, form[0] if form else None, letter[0] if letter else None, why=why
        )

    build.__name__ = name
    case(build)


GUADALMINA = city(
    "Ayuntamiento de Guadalmina", "Guadalmina", "España", "es", "Rosario Molina Checa",
    "Alcaldesa", "Francisco Javier Ramos", "fjramos@guadalmina.example",
    contact_role="Delegación de Empleo",
)  # fmt: skip
SOTOALTO = city(
    "Ayuntamiento de Sotoalto", "Sotoalto", "España", "es", "Eduardo Martín Pascual", "Alcalde",
    "Irene Blanco", "iblanco@sotoalto.example", contact_role="Innovación Social",
)  # fmt: skip
AGUAS_CLARAS = city(
    "Prefeitura Municipal de Águas Claras do Sul", "Águas Claras do Sul", "Brasil", "ptbr",
    "Roberto Nunes", "Prefeito", "Camila Freitas", "camila.freitas@aguasclaras.example",
    contact_role="Secretaria de Desenvolvimento",
)  # fmt: skip
SANTA_LUZIA = city(
    "Prefeitura de Santa Luzia do Norte", "Santa Luzia do Norte", "Brasil", "ptbr",
    "Francisca Lima", "Prefeita", "Diego Santos", "diego.santos@santaluzia.example",
    contact_role="Gabinete da Prefeita",
)  # fmt: skip
PONTGIRARD = city(
    "Ville de Pontgirard", "Pontgirard", "France", "fr", "Sandrine Faure", "Maire",
    "Olivier Blanc", "o.blanc@pontgirard.example", contact_role="Direction de l'attractivité",
)  # fmt: skip
TALHEIM = city(
    "Stadt Talheim an der Elbe", "Talheim", "Deutschland", "de", "Jens Köhler",
    "Oberbürgermeister", "Miriam Vogt", "miriam.vogt@talheim.example",
    contact_role="Sozialplanung",
)  # fmt: skip
LUCIGNANO = city(
    "Comune di Lucignano Marittimo", "Lucignano Marittimo", "Italia", "it", "Federico Neri",
    "Sindaco", "Elisa Bruno", "e.bruno@comune.lucignano.example",
    contact_role="Ufficio Progetti Europei",
)  # fmt: skip
NOWA_BRZEZINA = city(
    "Miasto Nowa Brzezina", "Nowa Brzezina", "Polska", "pl", "Robert Wójcik", "Prezydent",
    "Karolina Mazur", "k.mazur@nowabrzezina.example", contact_role="Wydział Spraw Społecznych",
)  # fmt: skip
REDCLIFFE = city(
    "Redcliffe City Council", "Redcliffe", "United Kingdom", "en", "Cllr Sarah Dunn",
    "Leader of the Council", "Gareth Evans", "gareth.evans@redcliffe.example",
    contact_role="Communities Team",
)  # fmt: skip
OAK_PRAIRIE = city(
    "City of Oak Prairie", "Oak Prairie", "United States", "en", "Mayor Luis Hernandez", "Mayor",
    "Jessica Moore", "jmoore@oakprairie.example", contact_role="Economic Development",
)  # fmt: skip
DIJKHUIZEN = city(
    "gemeente Dijkhuizen", "Dijkhuizen", "Nederland", "nl", "Wim Hendriks", "burgemeester",
    "Femke Bos", "f.bos@dijkhuizen.example", contact_role="beleidsadviseur",
)  # fmt: skip
SOMESENI = city(
    "Municipiul Someșeni", "Someșeni", "România", "ro", "Vasile Muresan", "Primar", "Andreea Pop",
    "andreea.pop@somesenii.example", contact_role="Direcția Programe",
)  # fmt: skip
THERMAIKOS = city(
    "Δήμος Θερμαϊκού", "Θερμαϊκού", "Ελλάδα", "el", "Γεώργιος Αντωνίου", "Δήμαρχος",
    "Δημήτρης Καραγιάννης", "d.karagiannis@thermaikos.example",
    contact_role="Γραφείο Προγραμματισμού",
)  # fmt: skip
TISZAKEREK = city(
    "Tiszakerek Megyei Jogú Város Önkormányzata", "Tiszakerek", "Magyarország", "hu",
    "Nagy László", "polgármester", "Tóth Eszter", "toth.eszter@tiszakerek.example",
    contact_role="Városfejlesztési Iroda",
)  # fmt: skip
VILLA_SANTIAGO = city(
    "Municipio de Villa de Santiago", "Villa de Santiago", "México", "es", "Ing. Raúl Cárdenas",
    "Presidente Municipal", "Lic. Paola Reyes", "preyes@villasantiago.example",
    contact_role="Desarrollo Económico",
)  # fmt: skip
ROCAFOSCA = city(
    "Ajuntament de Rocafosca", "Rocafosca", "Catalunya (Espanya)", "ca", "Montserrat Vila i Pons",
    "Alcaldessa", "Marc Riera", "mriera@rocafosca.example",
    contact_role="Àrea de Promoció Econòmica",
)  # fmt: skip
PENALVA = city(
    "Município de Penalva do Douro", "Penalva do Douro", "Portugal", "pt", "António Sousa",
    "Presidente da Câmara Municipal", "Rita Gomes", "rita.gomes@cm-penalva.example",
    contact_role="Ação Social",
)  # fmt: skip
KARLSBRUECK = city(
    "Stadt Karlsbrück", "Karlsbrück", "Deutschland", "de", "Petra Neumann", "Oberbürgermeisterin",
    "Stefan Roth", "stefan.roth@karlsbrueck.example", contact_role="Wirtschaftsförderung",
)  # fmt: skip


def _l(c: City, *, titled: bool = True, date: str = "19.05.2021") -> bytes:
    return letter_pdf(c, titled=titled, date=date)


everyday(
    "es_outlook_official_form_plain_letter",
    GUADALMINA,
    "exo",
    "Candidatura Ayto. Guadalmina - RRR",
    "2021-05-21 11:29:44+02:00",
    form=("01_Formulario_Guadalmina.pdf", form_pdf(GUADALMINA, lang="es")),
    letter=(
        "02_Carta_Alcaldesa_Guadalmina.pdf",
        _l(GUADALMINA, titled=False, date="20 de mayo de 2021"),
    ),
    decision="accepted",
    why="Numbered files: the call's form answered in Spanish and the Mayor's signed letter.",
)
everyday(
    "es_gmail_two_word_files",
    SOTOALTO,
    "gmail",
    "Sotoalto - RRR Peer Learning Cities",
    "2021-05-17 09:37:12+02:00",
    form=(
        "Candidatura Sotoalto.docx",
        docx_of(local_form(SOTOALTO, titled=False), SOTOALTO.contact),
    ),
    letter=(
        "Carta de intenciones Sotoalto.docx",
        docx_of(local_letter(SOTOALTO, date="17 de mayo de 2021"), SOTOALTO.contact),
    ),
    decision="accepted",
    why="Both documents in Word; the form is a retyped questionnaire without a 'formulario' title.",
)
everyday(
    "ptbr_outlook_official_form_letter",
    AGUAS_CLARAS,
    "exo",
    "RRR - Prefeitura de Águas Claras do Sul",
    "2021-05-20 14:01:55+02:00",
    form=("Formulario_Aplicacao_AguasClaras.pdf", form_pdf(AGUAS_CLARAS, lang="ptbr")),
    letter=("Carta_Intencao_AguasClaras.pdf", _l(AGUAS_CLARAS, date="19 de maio de 2021")),
    decision="accepted",
    why="The call's form answered in Portuguese and the Mayor's letter of intention.",
    zone_h=-3,
)
everyday(
    "ptbr_roundcube_form_only",
    SANTA_LUZIA,
    "roundcube",
    "Ficha de inscrição RRR - Santa Luzia do Norte",
    "2021-05-21 20:44:09+02:00",
    form=("ficha_inscricao_santaluzia.pdf", form_pdf(SANTA_LUZIA, official=False)),
    letter=None,
    decision="incomplete",
    why="Only the registration sheet; no letter from the Mayor.",
    zone_h=-3,
)
everyday(
    "fr_outlook_official_form_letter",
    PONTGIRARD,
    "exo",
    "Candidature RRR Ville de Pontgirard",
    "2021-05-18 10:58:27+02:00",
    form=("RRR_formulaire_Pontgirard.pdf", form_pdf(PONTGIRARD, lang="fr", checklist=True)),
    letter=("RRR_lettre_intention_Pontgirard.pdf", _l(PONTGIRARD, date="17 mai 2021")),
    decision="accepted",
    why="The call's form answered in French and the Mayor's letter of intent.",
)
everyday(
    "de_thunderbird_untitled_form",
    TALHEIM,
    "thunderbird",
    "RRR: Unterlagen der Stadt Talheim",
    "2021-05-20 08:15:40+02:00",
    form=("RRR_Angaben_Talheim.pdf", form_pdf(TALHEIM, official=False, titled=False)),
    letter=("RRR_Absichtserklaerung_Talheim.pdf", _l(TALHEIM, date="19.05.2021")),
    decision="accepted",
    why="The form is a retyped questionnaire with no 'Bewerbung' title; the letter is titled.",
)
everyday(
    "it_gmail_plain_letter",
    LUCIGNANO,
    "gmail",
    "Candidatura RRR - Lucignano Marittimo",
    "2021-05-21 16:55:21+02:00",
    form=("Modulo_RRR_Lucignano.pdf", form_pdf(LUCIGNANO, official=False)),
    letter=("Nota_Sindaco_RRR.pdf", _l(LUCIGNANO, titled=False, date="21/05/2021")),
    decision="accepted",
    why="The Mayor's note expressing interest and commitment is the letter.",
)
everyday(
    "pl_gmail_official_form_letter",
    NOWA_BRZEZINA,
    "gmail",
    "RRR - zgłoszenie Nowa Brzezina",
    "2021-05-19 12:20:18+02:00",
    form=("RRR_formularz_NowaBrzezina.pdf", form_pdf(NOWA_BRZEZINA, lang="pl")),
    letter=("RRR_list_intencyjny_NowaBrzezina.pdf", _l(NOWA_BRZEZINA, date="18.05.2021")),
    decision="accepted",
    why="The call's form answered in Polish and the President's letter of intent.",
)
everyday(
    "en_uk_gmail_letter_only",
    REDCLIFFE,
    "gmail",
    "Redcliffe - RRR letter of intent",
    "2021-05-21 18:05:07+02:00",
    form=None,
    letter=(
        "Redcliffe_LOI_signed.pdf",
        pdf([letterhead(REDCLIFFE, official_letter(REDCLIFFE, date="21 May 2021"))]),
    ),
    decision="incomplete",
    why="Only the signed letter of intent; no application form.",
    zone_h=1,
)
everyday(
    "en_us_late_friday_evening_pacific",
    OAK_PRAIRIE,
    "exo",
    "Oak Prairie RRR application",
    "2021-05-22 03:10:52+02:00",
    form=("OakPrairie_RRR_Application.pdf", form_pdf(OAK_PRAIRIE)),
    letter=("OakPrairie_Mayor_Letter.pdf", _l(OAK_PRAIRIE, titled=False, date="May 21, 2021")),
    decision="late",
    why="Sent on Friday evening US time, received at 03:10 CEST on Saturday: after the deadline.",
    zone_h=-7,
)
everyday(
    "nl_gmail_official_form_letter",
    DIJKHUIZEN,
    "gmail",
    "Aanmelding RRR gemeente Dijkhuizen",
    "2021-05-20 16:40:03+02:00",
    form=("Formulier RRR Dijkhuizen.pdf", form_pdf(DIJKHUIZEN, lang="nl")),
    letter=("Intentieverklaring Dijkhuizen.pdf", _l(DIJKHUIZEN, date="20 mei 2021")),
    decision="accepted",
    why="The call's form answered in Dutch and a Dutch declaration of intent.",
)
everyday(
    "ro_outlook_official_form_letter",
    SOMESENI,
    "exo",
    "Aplicatie RRR - Municipiul Someșeni",
    "2021-05-21 08:48:36+02:00",
    form=("Formular_aplicatie_RRR_Someseni.pdf", form_pdf(SOMESENI, lang="ro")),
    letter=("Scrisoare_de_intentie_Someseni.pdf", _l(SOMESENI, date="20.05.2021")),
    decision="accepted",
    why="The call's form answered in Romanian and the Mayor's letter of intent.",
    zone_h=3,
)
everyday(
    "el_outlook_letter_only",
    THERMAIKOS,
    "exo",
    "Επιστολή πρόθεσης Δήμου Θερμαϊκού - RRR",
    "2021-05-21 12:12:40+02:00",
    form=None,
    letter=("Επιστολή πρόθεσης.pdf", _l(THERMAIKOS, date="21/05/2021")),
    decision="incomplete",
    why="Only the Mayor's letter of intent; the application form is missing.",
    zone_h=3,
)
everyday(
    "hu_gmail_docx_form_pdf_letter",
    TISZAKEREK,
    "gmail",
    "RRR pályázat - Tiszakerek",
    "2021-05-20 10:45:19+02:00",
    form=(
        "Jelentkezes_RRR_Tiszakerek.docx",
        docx_of(local_form(TISZAKEREK, titled=False), TISZAKEREK.contact),
    ),
    letter=("Szandeknyilatkozat_Tiszakerek.pdf", _l(TISZAKEREK, date="2021. május 20.")),
    decision="accepted",
    why="Hungarian data sheet (no 'jelentkezési lap' title) and declaration of intent.",
)
everyday(
    "es_mx_outlook_official_form_letter",
    VILLA_SANTIAGO,
    "exo",
    "Postulación RRR - Villa de Santiago",
    "2021-05-20 23:59:02+02:00",
    form=("Formato_Solicitud_RRR.pdf", form_pdf(VILLA_SANTIAGO, lang="es")),
    letter=(
        "Carta_Compromiso_Presidente_Municipal.pdf",
        _l(VILLA_SANTIAGO, titled=False, date="20 de mayo de 2021"),
    ),
    decision="accepted",
    why="Mexican 'carta compromiso' from the municipal president is the letter.",
    zone_h=-5,
)
everyday(
    "ca_outlook_form_only",
    ROCAFOSCA,
    "exo",
    "Sol·licitud RRR - Ajuntament de Rocafosca",
    "2021-05-21 13:37:00+02:00",
    form=("Sol·licitud RRR Rocafosca.pdf", form_pdf(ROCAFOSCA, official=False)),
    letter=None,
    decision="incomplete",
    why="Only the Catalan application form; no letter.",
)
everyday(
    "pt_gmail_pair",
    PENALVA,
    "gmail",
    "Candidatura RRR - Penalva do Douro",
    "2021-05-19 16:16:16+02:00",
    form=("Candidatura_Penalva.pdf", form_pdf(PENALVA, official=False)),
    letter=(
        "Declaracao_compromisso_Penalva.pdf",
        _l(PENALVA, titled=False, date="19 de maio de 2021"),
    ),
    decision="accepted",
    why="Portuguese form and the President's declaration of commitment.",
    zone_h=1,
)
everyday(
    "de_late_tuesday_pair",
    KARLSBRUECK,
    "exchange",
    "Nachreichung: Bewerbung RRR Stadt Karlsbrück",
    "2021-05-25 09:02:47+02:00",
    form=("Bewerbungsbogen_Karlsbrueck.pdf", form_pdf(KARLSBRUECK, official=False)),
    letter=("Absichtserklaerung_Karlsbrueck.pdf", _l(KARLSBRUECK, date="25.05.2021")),
    decision="late",
    why="Complete but sent on 25 May, after the deadline.",
)


# ============================================================================ output


def build_all() -> dict[str, bytes]:
    """Every file of the corpus, by name, as bytes."""
    files: dict[str, bytes] = {}
    for name, build in CASES.items():
        raw, expectation = build()
        files[f"{name}.eml"] = raw
        files[f"{name}.json"] = (
            json.dumps(expectation, ensure_ascii=False, indent=2) + "\n"
        ).encode()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh build with the files on disk"
    )
    parser.add_argument(
        "--out", type=Path, default=OUT_DIR, help="folder to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    files = build_all()
    if args.check:
        on_disk = {p.name for p in args.out.iterdir() if p.suffix in (".eml", ".json")}
        differing = sorted(
            n
            for n, data in files.items()
            if not (args.out / n).is_file() or (args.out / n).read_bytes() != data
        )
        extra = sorted(on_disk - set(files))
        for name in differing:
            print(f"differs or missing: {name}")
        for name in extra:
            print(f"not built by this script: {name}")
        print(f"{len(files) // 2} cases, {len(differing)} differing, {len(extra)} extra")
        return 1 if differing or extra else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"wrote {len(files) // 2} cases to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
