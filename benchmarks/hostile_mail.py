"""Hostile messages: what an attacker (or a broken mailer) sends to a service that reads mail.

``hostile_inputs()`` lists at least 300 inputs of at least 20 kinds, each built lazily (a few are
50 MB): zip bombs (plain, in Office/ODF packages, nested 42.zip style), XML entity attacks, PDFs
with huge page counts, looping objects or inflating streams, image bombs, MIME bombs (depth,
width, unclosed boundaries), broken encodings, huge lines and header blocks, RFC 2231 and
encoded-word floods, forwarded-message towers, malformed TNEF and .msg, calendar/vCard garbage,
encrypted documents, file names aiming outside the store and tag soup. Written from the attacks'
descriptions; the seed is fixed, so every run reads the same bytes.

    from benchmarks.hostile_mail import hostile_inputs
    for item in hostile_inputs(): raw = item.build()
"""

from __future__ import annotations

import base64
import functools
import io
import random
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SEED = 8
MB = 1_000_000
FROM = "From: Ana <ana@applicant.test>\r\nTo: call@rrr.test\r\nMessage-ID: <h@applicant.test>\r\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Hostile:
    """One hostile message: its kind, a variant label and how to build its raw bytes."""

    kind: str
    variant: str
    build: Callable[[], bytes]

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.variant}"


# -- message wrapping ------------------------------------------------------------------------


def _b64(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"\r\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))


def attachment(data: bytes, filename: str, content_type: str = "application/octet-stream") -> bytes:
    """A base64 attachment part (headers and body)."""
    return (
        f'Content-Type: {content_type}; name="{filename}"\r\n'
        f'Content-Disposition: attachment; filename="{filename}"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + _b64(data)


def mail(*parts: bytes, subject: str = "Application", extra: str = "") -> bytes:
    """A multipart/mixed application: a short text part, then ``parts`` (each headers + body)."""
    boundary = "hostile-boundary-8"
    out = [
        f"{FROM}Subject: {subject}\r\n{extra}MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Please find my application attached.\r\n".encode()
    ]
    for part in parts:
        out.append(f"--{boundary}\r\n".encode() + part + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def with_file(data: bytes, filename: str, content_type: str = "application/octet-stream") -> bytes:
    return mail(attachment(data, filename, content_type))


# -- zips by hand: a bomb's compressed stream without compressing gigabytes ------------------------


@dataclass(frozen=True)
class ZipEntry:
    name: str
    stream: bytes  # the stored bytes (deflated unless method is 0)
    crc: int
    size: int  # the uncompressed size the headers declare
    method: int = 8
    flags: int = 0


def deflate_entry(name: str, data: bytes, method: int = 8) -> ZipEntry:
    if method == 0:
        return ZipEntry(name, data, zlib.crc32(data), len(data), method=0)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return ZipEntry(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def bomb_entry(
    name: str, start: bytes, size: int, *, fill: bytes = b"\0", lie: int = 0
) -> ZipEntry:
    """``start`` then ``fill`` repeated up to ``size`` bytes, deflated as one flushed 1 MB block
    repeated; ``lie`` makes the headers declare that size instead."""
    block = fill * (MB // len(fill))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(start) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    count = max((size - len(start)) // len(block), 0)
    crc = zlib.crc32(start)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    real = len(start) + count * len(block)
    return ZipEntry(name, head + repeated * count + packer.flush(), crc, lie or real)


def zip_bytes(entries: list[ZipEntry]) -> bytes:
    """A zip archive of ``entries``, local headers then the central directory."""
    body = io.BytesIO()
    central = io.BytesIO()
    for entry in entries:
        raw_name = entry.name.encode("utf-8", "surrogateescape")
        offset = body.tell()
        common = (20, entry.flags, entry.method, 0, 0x21, entry.crc, len(entry.stream), entry.size)
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, len(raw_name), 0))
        body.write(raw_name + entry.stream)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *common, len(raw_name), 0, 0, 0, 0, 0, offset
            )
            + raw_name
        )
    directory = central.getvalue()
    start = body.tell()
    count = min(len(entries), 0xFFFF)
    body.write(directory)
    body.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return body.getvalue()


_RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="{main}"/></Relationships>'
)
_OFFICE = {
    # extension: (main part, content type of the main part, start of its XML)
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Application</w:t></w:r></w:p>',
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1"/></sheets>',
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b'<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/'
        b'presentationml/2006/main">',
    ),
}
OFFICE_TYPES = {
    "docx": DOCX_TYPE,
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
}


def office_package(ext: str, main: ZipEntry | bytes, *extra: ZipEntry) -> bytes:
    """A DOCX/XLSX/PPTX/ODT package whose main XML part is ``main``."""
    if ext == "odt":
        entries = [deflate_entry("mimetype", OFFICE_TYPES["odt"].encode(), method=0)]
        part_name = "content.xml"
    else:
        part_name, part_type, _ = _OFFICE[ext]
        types = (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part_name}" ContentType="{part_type}"/></Types>'
        ).encode()
        entries = [
            deflate_entry("[Content_Types].xml", types),
            deflate_entry("_rels/.rels", _RELS.replace(b"{main}", part_name.encode())),
        ]
    if isinstance(main, bytes):
        main = deflate_entry(part_name, main)
    entries.append(ZipEntry(part_name, main.stream, main.crc, main.size, main.method))
    return zip_bytes(entries + list(extra))


def office_start(ext: str) -> bytes:
    if ext == "odt":
        return b'<?xml version="1.0"?><office:document-content xmlns:office="o"><office:body>'
    return _OFFICE[ext][2]


# -- the kinds ---------------------------------------------------------------------------------


def _zip_bombs() -> Iterator[Hostile]:
    for size in (10 * MB, 100 * MB, 1000 * MB, 4000 * MB):
        for fill in (b"\0", b"A"):
            yield Hostile(
                "zip_bomb",
                f"{size // MB}MB-{fill!r}",
                lambda s=size, f=fill: with_file(
                    zip_bytes([bomb_entry("form.pdf", b"%PDF-1.4\n", s, fill=f)]), "files.zip"
                ),
            )
    for declared in (1000, 100_000):
        yield Hostile(
            "zip_bomb",
            f"lying-{declared}",
            lambda d=declared: with_file(
                zip_bytes([bomb_entry("letter.txt", b"Dear", 500 * MB, fill=b" ", lie=d)]),
                "files.zip",
            ),
        )
    for members in (1000, 20_000):
        yield Hostile(
            "zip_bomb",
            f"{members}-members",
            lambda m=members: with_file(
                zip_bytes([deflate_entry(f"f{n}.txt", b"x" * 100) for n in range(m)]), "many.zip"
            ),
        )
    # Overlapping members: every central entry points at the same 100 MB stream.
    yield Hostile(
        "zip_bomb",
        "overlapping",
        lambda: with_file(
            _overlapping(bomb_entry("a.pdf", b"%PDF", 100 * MB, fill=b" "), 200), "o.zip"
        ),
    )
    yield Hostile(
        "zip_bomb",
        "truncated",
        lambda: with_file(zip_bytes([bomb_entry("a.docx", b"PK", 50 * MB)])[:5000], "cut.zip"),
    )


def _overlapping(entry: ZipEntry, copies: int) -> bytes:
    one = zip_bytes([entry])
    local_end = 30 + len(entry.name) + len(entry.stream)
    central_one = one[local_end:-22]
    central = central_one * copies
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, copies, copies, len(central), local_end, 0)
    return one[:local_end] + central + end


def _office_bombs() -> Iterator[Hostile]:
    for ext in ("docx", "xlsx", "pptx", "odt"):
        for size in (5 * MB, 200 * MB, 1000 * MB):
            yield Hostile(
                "office_bomb",
                f"{ext}-{size // MB}MB",
                lambda e=ext, s=size: with_file(
                    office_package(e, bomb_entry("main", office_start(e), s, fill=b" ")),
                    f"form.{e}",
                    OFFICE_TYPES[e],
                ),
            )
        yield Hostile(
            "office_bomb",
            f"{ext}-lying",
            lambda e=ext: with_file(
                office_package(e, bomb_entry("main", office_start(e), 800 * MB, lie=900_000)),
                f"form.{e}",
                OFFICE_TYPES[e],
            ),
        )
        # A bomb in a side part (an image, a second sheet), not the main XML.
        yield Hostile(
            "office_bomb",
            f"{ext}-side-part",
            lambda e=ext: with_file(
                office_package(
                    e,
                    office_start(e) + b"</x>",
                    bomb_entry("media/image1.png", b"\x89PNG", 1000 * MB),
                    bomb_entry("xl/sharedStrings.xml", b"<sst>", 1000 * MB, fill=b" "),
                ),
                f"form.{e}",
                OFFICE_TYPES[e],
            ),
        )


def _nested_zip(depth: int, fanout: int, leaf: bytes) -> bytes:
    data = leaf
    for level in range(depth):
        inner = zip_bytes([deflate_entry(f"l{level}-{n}.zip", data) for n in range(fanout)])
        data = inner
    return data


def _nested_zips() -> Iterator[Hostile]:
    leaf = zip_bytes([bomb_entry("a.pdf", b"%PDF", 50 * MB)])
    for depth in (2, 5, 10, 30, 100):
        yield Hostile(
            "nested_zip",
            f"depth-{depth}",
            lambda d=depth: with_file(_nested_zip(d, 1, leaf), "nested.zip"),
        )
    for depth, fanout in ((2, 16), (3, 16), (4, 10), (5, 8)):
        yield Hostile(
            "nested_zip",
            f"42-style-{depth}x{fanout}",
            lambda d=depth, f=fanout: with_file(_nested_zip(d, f, leaf), "42.zip"),
        )
    yield Hostile(
        "nested_zip",
        "docx-in-zip-in-zip",
        lambda: with_file(
            _nested_zip(
                3, 2, office_package("docx", bomb_entry("m", office_start("docx"), 1000 * MB))
            ),
            "forms.zip",
        ),
    )


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)
_EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
    b'<!ENTITY net SYSTEM "http://127.0.0.1:9/x"><!ENTITY % p SYSTEM "http://127.0.0.1:9/d">%p;]>'
)
_QUADRATIC = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + b"A" * 50_000 + b'">]>'


def _xml_attacks() -> Iterator[Hostile]:
    bodies = {
        "laughs": _LAUGHS,
        "external": _EXTERNAL,
        "quadratic": _QUADRATIC,
    }
    uses = {"laughs": b"&lol9;", "external": b"&xxe;&net;", "quadratic": b"&a;" * 5000}
    for attack, prolog in bodies.items():
        for ext in ("docx", "xlsx", "pptx", "odt"):
            start = office_start(ext).split(b"?>", 1)[1]
            xml = prolog + start + uses[attack] + b"</x>"
            yield Hostile(
                "xml_entities",
                f"{attack}-{ext}",
                lambda e=ext, x=xml: with_file(office_package(e, x), f"form.{e}", OFFICE_TYPES[e]),
            )
        svg = prolog + b'<svg xmlns="http://www.w3.org/2000/svg"><text>' + uses[attack]
        svg += b"</text></svg>"
        yield Hostile(
            "xml_entities",
            f"{attack}-svg",
            lambda s=svg: with_file(s, "photo.svg", "image/svg+xml"),
        )
        yield Hostile(
            "xml_entities",
            f"{attack}-html-body",
            lambda p=prolog, u=uses[attack]: mail(
                b"Content-Type: application/xhtml+xml\r\n\r\n" + p + b"<html><body>" + u
            ),
        )


# -- PDFs written object by object --------------------------------------------------------------


def pdf_bytes(
    objects: dict[int, bytes], root: int = 1, *, xref: bool = True, extra: bytes = b""
) -> bytes:
    """A PDF of numbered objects (their bodies), with a cross-reference table unless told not."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    start = out.tell()
    size = max(objects) + 1
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            out.write(b"%010d 00000 n \n" % offsets.get(number, 0))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (size, root, extra, start)
    )
    return out.getvalue()


def _stream(data: bytes, filters: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), filters) + data + b"\nendstream"


def _text_page(parent: int, contents: int) -> bytes:
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (
        parent,
        contents,
    )


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf_many_pages(pages: int, claim: int | None = None) -> bytes:
    text = _stream(b"BT /F1 12 Tf 72 720 Td (Application form page) Tj ET")
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count %d /Kids [%s] /Resources << /Font << /F1 3 0 R >> >> >>"
        % (claim or pages, kids),
        3: _FONT,
        4 + pages: text,
    }
    for n in range(pages):
        objects[4 + n] = _text_page(2, 4 + pages)
    return pdf_bytes(objects)


def _pdf_loops() -> dict[str, bytes]:
    text = _stream(b"BT /F1 12 Tf 72 720 Td (Loop) Tj ET")
    return {
        "kids-self": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 3 /Kids [2 0 R 2 0 R] >>",
            }
        ),
        "kids-cycle": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 2 /Kids [3 0 R] >>",
                3: b"<< /Type /Pages /Parent 2 0 R /Count 2 /Kids [2 0 R 4 0 R] >>",
                4: _text_page(3, 5),
                5: text,
            }
        ),
        "parent-cycle": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Parent 3 0 R /Count 1 /Kids [4 0 R] >>",
                3: b"<< /Type /Pages /Parent 2 0 R /Count 1 /Kids [2 0 R] /Resources 3 0 R >>",
                4: b"<< /Type /Page /Parent 2 0 R /Resources 4 0 R /Contents 5 0 R >>",
                5: text,
            }
        ),
        "length-self": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                3: _text_page(2, 4),
                4: b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream",
            }
        ),
        "xobject-cycle": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                3: b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R "
                b"/Resources << /XObject << /X 5 0 R >> >> >>",
                4: _stream(b"/X Do"),
                5: _stream(
                    b"/X Do",
                    b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] "
                    b"/Resources << /XObject << /X 5 0 R >> >> ",
                ),
            }
        ),
        "outline-cycle": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R "
                b"/AcroForm << /Fields [7 0 R] >> >>",
                2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                3: _text_page(2, 4),
                4: text,
                6: b"<< /First 8 0 R /Last 8 0 R >>",
                7: b"<< /T (name) /Kids [7 0 R] /Parent 7 0 R >>",
                8: b"<< /Title (a) /Parent 6 0 R /Next 8 0 R /First 8 0 R >>",
            }
        ),
        "no-xref": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                3: _text_page(2, 4),
                4: text,
            },
            xref=False,
        ),
        "deep-array": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 100_000 + b"]" * 100_000 + b" >>",
                2: b"<< /Type /Pages /Count 0 /Kids [] >>",
            }
        ),
        "deep-dict": pdf_bytes(
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /X "
                + b"<< /A " * 50_000
                + b">> " * 50_000
                + b">>",
                2: b"<< /Type /Pages /Count 0 /Kids [] >>",
            }
        ),
        "prev-cycle": pdf_bytes(
            {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Count 0 /Kids [] >>"},
            extra=b"/Prev 9 ",
        ),
    }


def _pdf_bomb(size: int, pages: int = 1, *, fill: bytes = b" ") -> bytes:
    packer = zlib.compressobj(9)
    start = packer.compress(b"BT /F1 12 Tf 72 720 Td (Application form) Tj ET\n")
    start += packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(fill * MB) + packer.flush(zlib.Z_FULL_FLUSH)
    data = start + block * (size // MB) + packer.flush()
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count %d /Kids [%s] /Resources << /Font << /F1 3 0 R >> >> >>"
        % (pages, kids),
        3: _FONT,
        4: _stream(data, b"/Filter /FlateDecode "),
    }
    for n in range(pages):
        objects[5 + n] = _text_page(2, 4)
    return pdf_bytes(objects)


def _pdf_image_bomb(width: int, height: int) -> bytes:
    packer = zlib.compressobj(9)
    rows = packer.compress(b"\xff" * (width * 3 * min(height, 300))) + packer.flush(
        zlib.Z_FULL_FLUSH
    )
    data = rows * max(min(height, 20_000) // 300, 1) + packer.flush()
    image = _stream(
        data,
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /FlateDecode " % (width, height),
    )
    return pdf_bytes(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /I 5 0 R >> >> >>",
            4: _stream(b"q 595 0 0 842 0 0 cm /I Do Q"),
            5: image,
        }
    )


def _pdfs() -> Iterator[Hostile]:
    for pages in (1000, 5000, 20_000, 60_000):
        yield Hostile(
            "pdf_pages",
            f"{pages}",
            lambda p=pages: with_file(_pdf_many_pages(p), "form.pdf", "application/pdf"),
        )
    for claim in (10**6, 10**9, -1):
        yield Hostile(
            "pdf_pages",
            f"claims-{claim}",
            lambda c=claim: with_file(_pdf_many_pages(3, c), "form.pdf", "application/pdf"),
        )
    for name, data in _pdf_loops().items():
        yield Hostile("pdf_loops", name, lambda d=data: with_file(d, "form.pdf", "application/pdf"))
    for size, pages in ((10 * MB, 1), (200 * MB, 1), (1000 * MB, 1), (50 * MB, 40), (2000 * MB, 1)):
        yield Hostile(
            "pdf_flate_bomb",
            f"{size // MB}MB-x{pages}",
            lambda s=size, p=pages: with_file(_pdf_bomb(s, p), "form.pdf", "application/pdf"),
        )
    yield Hostile(
        "pdf_flate_bomb",
        "zeros-500MB",
        lambda: with_file(_pdf_bomb(500 * MB, fill=b"\0"), "f.pdf", "application/pdf"),
    )
    for width, height in ((20_000, 20_000), (60_000, 60_000), (1, 10**7)):
        yield Hostile(
            "pdf_flate_bomb",
            f"image-{width}x{height}",
            lambda w=width, h=height: with_file(
                _pdf_image_bomb(w, h), "scan.pdf", "application/pdf"
            ),
        )


# -- images -------------------------------------------------------------------------------------


def _png(width: int, height: int, *, rows: int = 0) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(b"\0" * (1 + width)) for _ in range(rows)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _gif(width: int, height: int, frames: int) -> bytes:
    width, height = min(width, 0xFFFF), min(height, 0xFFFF)  # the most a GIF can say
    out = bytearray(
        b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    )
    out += b"!\xff\x0bNETSCAPE2.0\x03\x01\0\0\0"
    for _ in range(frames):
        out += b"!\xf9\x04\x04\x00\x00\x00\x00"  # graphic control, no delay
        out += b"," + struct.pack("<HHHHB", 0, 0, width, height, 0)
        out += b"\x02\x02\x44\x01\x00"  # a tiny LZW stream: the decoder fills the rest
    return bytes(out + b";")


def _jpeg_header(width: int, height: int) -> bytes:
    width, height = min(width, 0xFFFF), min(height, 0xFFFF)  # the most a JPEG can say
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + b"\x01" * 64
    dht = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + b"\x01" + b"\0" * 15 + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + dqt + sof + dht + sos + b"\0" * 1000 + b"\xff\xd9"


def _tiff(width: int, height: int) -> bytes:
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (259, 3, 1, 1),
        (262, 3, 1, 1),
        (273, 4, 1, 8),
        (277, 3, 1, 1),
        (278, 4, 1, height),
        (279, 4, 1, width * height & 0xFFFFFFFF),
    ]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries)
    return b"II*\0" + struct.pack("<I", 8 + 0) + ifd + b"\0\0\0\0"


def _bmp(width: int, height: int) -> bytes:
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + 100, 0, 0, 54) + header + b"\0" * 100


def _images() -> Iterator[Hostile]:
    for side in (30_000, 100_000, 65_535 * 4):
        for rows in (0, 200):
            yield Hostile(
                "image_bomb",
                f"png-{side}-rows{rows}",
                lambda s=side, r=rows: with_file(_png(s, s, rows=r), "photo.png", "image/png"),
            )
        yield Hostile(
            "image_bomb",
            f"jpeg-{side}",
            lambda s=side: with_file(_jpeg_header(s, s), "scan.jpg", "image/jpeg"),
        )
        yield Hostile(
            "image_bomb",
            f"tiff-{side}",
            lambda s=side: with_file(_tiff(s, s), "scan.tif", "image/tiff"),
        )
        yield Hostile(
            "image_bomb",
            f"gif-{side}",
            lambda s=side: with_file(_gif(s, s, 1), "a.gif", "image/gif"),
        )
        yield Hostile(
            "image_bomb", f"bmp-{side}", lambda s=side: with_file(_bmp(s, s), "a.bmp", "image/bmp")
        )
    yield Hostile(
        "image_bomb", "png-wide", lambda: with_file(_png(2**31 - 1, 1), "p.png", "image/png")
    )
    for frames, side in ((1000, 100), (5000, 200), (20_000, 50), (3000, 2000)):
        yield Hostile(
            "gif_frames",
            f"{frames}x{side}",
            lambda f=frames, s=side: with_file(_gif(s, s, f), "scan.gif", "image/gif"),
        )
    yield Hostile("gif_frames", "in-pdf-name", lambda: with_file(_gif(300, 300, 5000), "form.pdf"))


# -- MIME structure -----------------------------------------------------------------------------


def _deep_multipart(depth: int, *, close: bool = True) -> bytes:
    head = [FROM.encode(), b"Subject: deep\r\nMIME-Version: 1.0\r\n"]
    opening = []
    for level in range(depth):
        opening.append(
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        )
    middle = b"Content-Type: text/plain\r\n\r\nhello\r\n"
    closing = [b"--b%d--\r\n" % level for level in reversed(range(depth))] if close else []
    return b"".join(head + opening) + middle + b"".join(closing)


def _many_parts(count: int, content_type: str = "text/plain", body: bytes = b"x") -> bytes:
    part = f"Content-Type: {content_type}\r\n\r\n".encode() + body
    return mail(*[part] * count)


def _mime() -> Iterator[Hostile]:
    for depth in (50, 200, 1000, 5000):
        yield Hostile("deep_multipart", f"{depth}", lambda d=depth: _deep_multipart(d))
        yield Hostile(
            "deep_multipart", f"{depth}-open", lambda d=depth: _deep_multipart(d, close=False)
        )
    for count in (1000, 10_000, 50_000):
        yield Hostile("many_parts", f"{count}-text", lambda c=count: _many_parts(c))
        yield Hostile(
            "many_parts",
            f"{count}-files",
            lambda c=count: mail(
                *[attachment(b"%PDF-1.4 x", f"f{n}.pdf", "application/pdf") for n in range(c)]
            ),
        )
    yield Hostile("many_parts", "10000-empty", lambda: mail(*[b""] * 10_000))
    base = FROM + "Subject: s\r\nMIME-Version: 1.0\r\n"
    unclosed = {
        "never-closed": base
        + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\ntext\r\n',
        "no-boundary-param": base
        + "Content-Type: multipart/mixed\r\n\r\n--b\r\n\r\ntext\r\n--b--\r\n",
        "empty-boundary": base
        + 'Content-Type: multipart/mixed; boundary=""\r\n\r\n--\r\n\r\nx\r\n----\r\n',
        "boundary-is-prefix": base
        + 'Content-Type: multipart/mixed; boundary="a"\r\n\r\n--a\r\n'
        + 'Content-Type: multipart/mixed; boundary="aa"\r\n\r\n--aa\r\n\r\nx\r\n--a--\r\n',
        "huge-boundary": base
        + f'Content-Type: multipart/mixed; boundary="{"b" * 100_000}"\r\n\r\n'
        + f"--{'b' * 100_000}\r\n\r\nx\r\n",
        "no-body": base + 'Content-Type: multipart/mixed; boundary="b"\r\n',
        "only-preamble": base
        + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        + "preamble\r\n" * 100_000,
    }
    for name, text_ in unclosed.items():
        yield Hostile("unclosed_boundary", name, lambda t=text_: t.encode())
    for lines in (10_000, 1_000_000):
        yield Hostile(
            "unclosed_boundary",
            f"boundary-lines-{lines}",
            lambda n=lines: (
                base + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + "--b\r\n" * n
            ).encode(),
        )


def _encodings() -> Iterator[Hostile]:
    rng = random.Random(SEED)
    garbage = rng.randbytes(200_000)
    variants = {
        "b64-garbage": ("base64", garbage),
        "b64-no-padding": ("base64", base64.b64encode(b"%PDF-1.4 " * 1000)[:-3]),
        "b64-symbols": ("base64", b"!!!@@@###" * 20_000),
        "b64-one-char": ("base64", b"A"),
        "b64-equals": ("base64", b"=" * 100_000),
        "qp-garbage": ("quoted-printable", b"=ZZ=\r\n=4=X" * 30_000),
        "qp-soft-breaks": ("quoted-printable", b"=\r\n" * 200_000),
        "qp-raw-8bit": ("quoted-printable", garbage),
        "uuencode": ("x-uuencode", b"begin 644 a.pdf\r\n" + b"M" + b"!" * 60 + b"\r\n" * 1000),
        "unknown-cte": ("x-rot13-compressed", garbage),
        "7bit-with-8bit": ("7bit", garbage),
        "binary": ("binary", garbage),
    }
    for name, (cte, body) in variants.items():
        for filename in ("form.pdf", "letter.docx", None):
            disposition = (
                f'Content-Disposition: attachment; filename="{filename}"\r\n' if filename else ""
            )
            part = (
                f"Content-Type: application/octet-stream\r\n{disposition}"
                f"Content-Transfer-Encoding: {cte}\r\n\r\n".encode()
                + body
            )
            yield Hostile("broken_encoding", f"{name}-{filename}", lambda p=part: mail(p))


def _long_lines() -> Iterator[Hostile]:
    for size in (1 * MB, 10 * MB, 29 * MB, 50 * MB):
        yield Hostile(
            "long_line",
            f"body-{size // MB}MB",
            lambda s=size: (FROM + "Subject: x\r\n\r\n").encode() + b"A" * s,
        )
        yield Hostile(
            "long_line",
            f"b64-unwrapped-{size // MB}MB",
            lambda s=size: mail(
                b'Content-Type: application/pdf; name="a.pdf"\r\n'
                b"Content-Transfer-Encoding: base64\r\n\r\n"
                + base64.b64encode(b"%PDF-1.4\n" + b" " * (s * 3 // 4))
            ),
        )
        yield Hostile(
            "long_line",
            f"html-{size // MB}MB",
            lambda s=size: mail(b"Content-Type: text/html\r\n\r\n<p>" + b"word " * (s // 5)),
        )
        yield Hostile(
            "long_line",
            f"header-{size // MB}MB",
            lambda s=size: (
                (FROM + "X-Long: ").encode() + b"v" * s + b"\r\nSubject: x\r\n\r\nbody\r\n"
            ),
        )
    yield Hostile("long_line", "no-newline-at-all", lambda: b"From: a@b.test " + b"x" * (20 * MB))
    yield Hostile(
        "long_line",
        "cr-only-10MB",
        lambda: (FROM + "Subject: x\r\n\r\n").encode() + b"a\r" * (5 * MB),
    )


def _bad_bytes() -> Iterator[Hostile]:
    rng = random.Random(SEED + 1)
    invalid = bytes(rng.choice((0x80, 0xC0, 0xFF, 0xFE, 0xED, 0xA0, 0x00)) for _ in range(5000))
    charsets = (
        "x-unknown-8",
        "utf-7",
        "utf-32",
        "utf-16",
        "iso-2022-jp",
        "gb18030",
        "\0\0",
        "../../etc",
        "x" * 5000,
        "utf-8\u202e",
    )
    for charset in charsets:
        yield Hostile(
            "bad_bytes",
            f"charset-{charset[:12]!r}",
            lambda c=charset: (
                (
                    FROM + f"Subject: =?{c}?B?w6nDqQ==?= =?{c}?Q?=FF=00?=\r\nMIME-Version: 1.0\r\n"
                    f'Content-Type: text/plain; charset="{c}"\r\n\r\n'
                ).encode("utf-8", "surrogateescape")
                + invalid
            ),
        )
    yield Hostile(
        "bad_bytes",
        "nul-everywhere",
        lambda: mail(
            attachment(b"\0" * 1000, "a\0b.pdf", "application/\0pdf"), subject="a\0b"
        ).replace(b"\n", b"\0\n"),
    )
    yield Hostile(
        "bad_bytes",
        "nul-in-headers",
        lambda: b"From: \0\0\0 <\0@\0>\r\nSubject: \0\r\nTo: \0\r\n\r\n\0\0\0",
    )
    yield Hostile(
        "bad_bytes",
        "invalid-utf8-headers",
        lambda: (
            b"From: \xff\xfe <a\xc0@b\xff.test>\r\nSubject: \xed\xa0\x80\r\n"
            b"Date: \xff\r\nReceived: \xfe\r\n\r\n" + invalid
        ),
    )
    yield Hostile(
        "bad_bytes",
        "utf16-bom-message",
        lambda: "From: a@b.test\r\nSubject: x\r\n\r\nhi".encode("utf-16"),
    )
    yield Hostile("bad_bytes", "random-1MB", lambda: random.Random(SEED + 2).randbytes(MB))
    yield Hostile(
        "bad_bytes",
        "surrogates-in-filename",
        lambda: mail(
            attachment(b"x", "\udcff\ud800.pdf".encode("utf-8", "surrogatepass").decode("latin-1"))
        ),
    )


def _rfc2231() -> Iterator[Hostile]:
    for pieces in (100, 1000, 10_000):
        params = "".join(f"; filename*{n}*=utf-8''%C3%A9{n}" for n in range(pieces))
        yield Hostile(
            "rfc2231_pieces",
            f"{pieces}",
            lambda p=params: mail(
                f"Content-Type: application/pdf{p}\r\n"
                f"Content-Disposition: attachment{p}\r\n\r\n%PDF".encode()
            ),
        )
        shuffled = [f"; filename*{n}={n}" for n in range(pieces)]
        random.Random(SEED + pieces).shuffle(shuffled)
        joined = "".join(shuffled)
        yield Hostile(
            "rfc2231_pieces",
            f"{pieces}-shuffled",
            lambda s=joined: mail(
                f"Content-Type: application/pdf\r\n"
                f"Content-Disposition: attachment{s}\r\n\r\n%PDF".encode()
            ),
        )
    yield Hostile(
        "rfc2231_pieces",
        "gaps",
        lambda: mail(
            b"Content-Disposition: attachment; filename*0=a; filename*99999=b; "
            b"filename*4294967296=c\r\n\r\nx"
        ),
    )
    yield Hostile(
        "rfc2231_pieces",
        "bad-charset",
        lambda: mail(
            b"Content-Disposition: attachment; filename*=x-nope'zz'%FF%FE%00.pdf\r\n\r\nx"
        ),
    )


def _encoded_words() -> Iterator[Hostile]:
    word = "=?utf-8?B?Rm9ybXVsw6FyaW8=?="
    for count in (1000, 30_000, 300_000):
        words = " ".join([word] * count)
        yield Hostile(
            "encoded_word_flood",
            f"filename-{count}",
            lambda w=words: mail(attachment(b"%PDF-1.4", w, "application/pdf")),
        )
        yield Hostile("encoded_word_flood", f"subject-{count}", lambda w=words: mail(subject=w))
        yield Hostile(
            "encoded_word_flood",
            f"from-{count}",
            lambda w=words: (f"From: {w} <a@b.test>\r\nSubject: x\r\n\r\nbody").encode(),
        )
    yield Hostile(
        "encoded_word_flood",
        "nested-words",
        lambda: mail(
            subject="=?utf-8?B?"
            + base64.b64encode(("=?utf-8?B?" * 10_000).encode()).decode()
            + "?="
        ),
    )
    yield Hostile(
        "encoded_word_flood", "broken-words", lambda: mail(subject="=?utf-8?Q?" * 100_000)
    )


def _forward_tower(depth: int, leaf: bytes) -> bytes:
    message = leaf
    for level in range(depth):
        message = (
            (
                FROM + f"Subject: Fwd {level}\r\nMIME-Version: 1.0\r\n"
                f'Content-Type: multipart/mixed; boundary="f{level}"\r\n\r\n--f{level}\r\n'
                "Content-Type: message/rfc822\r\n\r\n"
            ).encode()
            + message
            + f"\r\n--f{level}--\r\n".encode()
        )
    return message


def _forwards() -> Iterator[Hostile]:
    leaf = with_file(b"%PDF-1.4 tiny", "form.pdf", "application/pdf")
    for depth in (10, 100, 500):
        yield Hostile("nested_rfc822", f"{depth}", lambda d=depth: _forward_tower(d, leaf))
        yield Hostile(
            "nested_rfc822",
            f"{depth}-b64",
            lambda d=depth: _b64_tower(d),
        )
    yield Hostile(
        "nested_rfc822",
        "eml-attachment-loop",
        lambda: with_file(_forward_tower(50, leaf), "fwd.eml", "message/rfc822"),
    )


def _b64_tower(depth: int) -> bytes:
    message = b"From: a@b.test\r\nSubject: leaf\r\n\r\nhi"
    for _ in range(depth):
        message = mail(attachment(message, "forward.eml", "message/rfc822"))
        if len(message) > 40 * MB:
            break
    return message


def _tnef_attr(level: int, attribute: int, data: bytes, length: int | None = None) -> bytes:
    size = len(data) if length is None else length
    return (
        struct.pack("<BII", level, attribute, size) + data + struct.pack("<H", sum(data) & 0xFFFF)
    )


def _tnefs() -> dict[str, bytes]:
    signature = struct.pack("<IH", 0x223E9F78, 1)
    data_attr = 0x0006800F
    props = 0x00069005
    return {
        "signature-only": signature,
        "huge-length": signature + _tnef_attr(2, data_attr, b"x" * 10, length=0xFFFFFFF0),
        "many-attachments": signature
        + b"".join(
            _tnef_attr(2, 0x00069002, b"\x01\0" + b"\0" * 12) + _tnef_attr(2, data_attr, b"%PDF")
            for _ in range(20_000)
        ),
        "props-count-huge": signature
        + _tnef_attr(2, props, struct.pack("<I", 0x7FFFFFFF) + b"\0" * 16),
        "props-garbage": signature + _tnef_attr(2, props, random.Random(SEED).randbytes(50_000)),
        "truncated": (signature + _tnef_attr(2, data_attr, b"%PDF-1.4" * 1000))[:-500],
        "bad-checksum": signature + _tnef_attr(2, data_attr, b"abc")[:-2] + b"\xff\xff",
        "nested-tnef": signature + _tnef_attr(2, data_attr, signature * 1000),
        "mapi-string-huge": signature
        + _tnef_attr(2, props, struct.pack("<IHHII", 1, 0x001F, 0x3707, 1, 0x7FFFFFF0)),
    }


def _msgs() -> dict[str, bytes]:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    rng = random.Random(SEED + 3)
    header = (
        ole
        + b"\0" * 16
        + struct.pack("<HHHHHIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 0, 1, 0, 0, 4096, 0xFFFFFFFE, 0)
    )
    header += struct.pack("<II", 0xFFFFFFFE, 0) + b"\xff" * (512 - len(header) - 8)
    return {
        "magic-only": ole,
        "magic-garbage": ole + rng.randbytes(100_000),
        "header-no-sectors": header[:512],
        "fat-loop": header[:512] + struct.pack("<I", 0) * 128,
        "sector-count-huge": header[:44]
        + struct.pack("<I", 0x7FFFFFFF)
        + header[48:512]
        + b"\0" * 4096,
        "minifat-garbage": header[:512] + rng.randbytes(512 * 40),
    }


def _containers() -> Iterator[Hostile]:
    for name, data in _tnefs().items():
        yield Hostile(
            "tnef_malformed",
            name,
            lambda d=data: with_file(d, "winmail.dat", "application/ms-tnef"),
        )
    for name, data in _msgs().items():
        for filename in ("item.msg", "form.doc", "sheet.xls"):
            yield Hostile(
                "msg_malformed", f"{name}-{filename}", lambda d=data, f=filename: with_file(d, f)
            )


def _calendar() -> Iterator[Hostile]:
    rng = random.Random(SEED + 4)
    variants = {
        "ics-deep": "BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\n" * 100_000,
        "ics-folded": "BEGIN:VCALENDAR\r\nSUMMARY:" + "\r\n x" * 200_000 + "\r\nEND:VCALENDAR\r\n",
        "ics-garbage": "".join(rng.choice("BEGIN:;=\r\n\0\xff") for _ in range(200_000)),
        "ics-rrule": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20210101T000000Z\r\n"
        "RRULE:FREQ=SECONDLY;COUNT=999999999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "vcard-photo": "BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b:"
        + "A" * 2 * MB
        + "\r\nEND:VCARD\r\n",
        "vcard-many": "BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n" * 100_000,
    }
    for name, text_ in variants.items():
        content_type = "text/calendar" if name.startswith("ics") else "text/vcard"
        ext = "ics" if name.startswith("ics") else "vcf"
        yield Hostile(
            "calendar_vcard",
            f"{name}-file",
            lambda t=text_, c=content_type, e=ext: with_file(
                t.encode("utf-8", "replace"), f"invite.{e}", c
            ),
        )
        yield Hostile(
            "calendar_vcard",
            f"{name}-inline",
            lambda t=text_, c=content_type: mail(
                f"Content-Type: {c}; method=REQUEST\r\n\r\n".encode() + t.encode("utf-8", "replace")
            ),
        )


def _encrypted() -> Iterator[Hostile]:
    encrypt = (
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /O <"
        + b"00" * 32
        + b"> /U <"
        + b"00" * 32
        + b"> /P -4 >>"
    )
    base = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: _text_page(2, 4),
        4: _stream(b"BT (x) Tj ET"),
        5: encrypt,
    }
    pdf_encrypted = pdf_bytes(base, extra=b"/Encrypt 5 0 R /ID [<00> <00>] ")
    aes = encrypt.replace(
        b"/V 2 /R 3", b"/V 5 /R 6 /CF << /StdCF << /CFM /AESV3 >> >> /StmF /StdCF /StrF /StdCF"
    )
    pdf_aes = pdf_bytes({**base, 5: aes}, extra=b"/Encrypt 5 0 R /ID [<00> <00>] ")
    pdf_bad = pdf_bytes({**base, 5: b"<< /Filter /Unknown /V 99 >>"}, extra=b"/Encrypt 5 0 R ")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"EncryptedPackage" + b"\0" * 2000
    zipcrypto = zip_bytes([ZipEntry("form.pdf", b"\x01" * 200, 0, 188, method=8, flags=1)])
    docs = {
        "pdf-rc4": (pdf_encrypted, "form.pdf"),
        "pdf-aes256": (pdf_aes, "form.pdf"),
        "pdf-unknown-filter": (pdf_bad, "form.pdf"),
        "docx-ole-encrypted": (ole, "form.docx"),
        "xlsx-ole-encrypted": (ole, "sheet.xlsx"),
        "zip-encrypted": (zipcrypto, "files.zip"),
        "docx-encrypted-member": (
            office_package("docx", ZipEntry("x", b"\x02" * 100, 0, 90, flags=1)),
            "form.docx",
        ),
        "odt-encrypted-manifest": (
            zip_bytes(
                [
                    deflate_entry("mimetype", b"application/vnd.oasis.opendocument.text", 0),
                    deflate_entry(
                        "META-INF/manifest.xml",
                        b"<manifest><file-entry><encryption-data/></file-entry></manifest>",
                    ),
                    ZipEntry("content.xml", bytes(range(256)), 0, 256, method=8),
                ]
            ),
            "letter.odt",
        ),
    }
    for name, (data, filename) in docs.items():
        yield Hostile("encrypted_docs", name, lambda d=data, f=filename: with_file(d, f))
        yield Hostile(
            "encrypted_docs",
            f"{name}-in-zip",
            lambda d=data, f=filename: with_file(zip_bytes([deflate_entry(f, d)]), "z.zip"),
        )


TRAVERSALS = (
    "../../etc/passwd",
    "..\\..\\windows\\system32\\config\\sam",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "a\0.pdf",
    "x" * 10_000 + ".pdf",
    "....//....//etc/shadow",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "\u202egpj.exe",
    ".",
    "..",
    "con.pdf",
    "~/.ssh/authorized_keys",
    "/dev/zero",
    "\\\\server\\share\\f.pdf",
)


def _traversals() -> Iterator[Hostile]:
    for n, name in enumerate(TRAVERSALS):
        yield Hostile(
            "path_traversal",
            f"{n}-attachment",
            lambda f=name: mail(attachment(b"%PDF-1.4 x", f, "application/pdf")),
        )
        yield Hostile(
            "path_traversal",
            f"{n}-zip-member",
            lambda f=name: with_file(zip_bytes([deflate_entry(f, b"%PDF-1.4 x")]), "files.zip"),
        )
        encoded = base64.b64encode(name.encode("utf-8", "surrogatepass")).decode()
        yield Hostile(
            "path_traversal",
            f"{n}-encoded-word",
            lambda e=encoded: mail(
                attachment(b"%PDF-1.4 x", f"=?utf-8?B?{e}?=", "application/pdf")
            ),
        )


def _html() -> Iterator[Hostile]:
    for depth in (10_000, 100_000, 1_000_000):
        yield Hostile(
            "html_nested",
            f"div-{depth}",
            lambda d=depth: mail(
                b"Content-Type: text/html\r\n\r\n" + b"<div>" * d + b"hi" + b"</div>" * d
            ),
        )
        yield Hostile(
            "html_nested",
            f"unclosed-{depth}",
            lambda d=depth: mail(b"Content-Type: text/html\r\n\r\n" + b"<table><tr><td>" * d),
        )
    yield Hostile(
        "html_nested",
        "comment-never-closed",
        lambda: mail(b"Content-Type: text/html\r\n\r\n<!--" + b"a" * 5 * MB),
    )
    yield Hostile(
        "html_nested",
        "attrs-flood",
        lambda: mail(
            b"Content-Type: text/html\r\n\r\n<a " + b'href="https://x.test/" ' * 200_000 + b">"
        ),
    )
    yield Hostile(
        "html_nested",
        "links-flood",
        lambda: mail(
            b"Content-Type: text/html\r\n\r\n" + b'<a href="https://we.tl/t-x">x</a>' * 200_000
        ),
    )
    yield Hostile(
        "html_nested",
        "entities-flood",
        lambda: mail(
            b"Content-Type: text/html\r\n\r\n" + b"&amp;&#99999999;&#x110000;&bogus;" * 200_000
        ),
    )
    yield Hostile(
        "html_nested",
        "script-style",
        lambda: mail(b"Content-Type: text/html\r\n\r\n<script>" + b"<p>x</p>" * 500_000),
    )


def _header_floods() -> Iterator[Hostile]:
    for count in (10_000, 100_000, 300_000):
        yield Hostile(
            "header_flood",
            f"{count}-x-headers",
            lambda c=count: (FROM + "X-A: b\r\n" * c + "Subject: x\r\n\r\nbody").encode(),
        )
        yield Hostile(
            "header_flood",
            f"{count}-received",
            lambda c=count: (
                FROM + "Received: from a by b; Fri, 21 May 2021 20:00:00 +0000\r\n" * c + "\r\nbody"
            ).encode(),
        )
        yield Hostile(
            "header_flood",
            f"{count}-from",
            lambda c=count: ("From: a@b.test\r\n" * c + "\r\nbody").encode(),
        )
    yield Hostile(
        "header_flood",
        "continuations",
        lambda: (FROM + "Subject: x\r\n" + " y\r\n" * 500_000 + "\r\nbody").encode(),
    )
    yield Hostile(
        "header_flood",
        "part-headers",
        lambda: mail(b"X-P: 1\r\n" * 100_000 + b"Content-Type: text/plain\r\n\r\nx"),
    )
    yield Hostile(
        "header_flood",
        "auth-results",
        lambda: (
            FROM
            + "Authentication-Results: mx; spf=pass; dkim=fail; dmarc=fail\r\n" * 50_000
            + "\r\nx"
        ).encode(),
    )


_KINDS: tuple[Callable[[], Iterator[Hostile]], ...] = (
    _zip_bombs,
    _office_bombs,
    _nested_zips,
    _xml_attacks,
    _pdfs,
    _images,
    _mime,
    _encodings,
    _long_lines,
    _bad_bytes,
    _rfc2231,
    _encoded_words,
    _forwards,
    _containers,
    _calendar,
    _encrypted,
    _traversals,
    _html,
    _header_floods,
)


@functools.cache
def hostile_inputs() -> tuple[Hostile, ...]:
    """Every hostile input, in a fixed order (the same bytes on every run)."""
    return tuple(item for kind in _KINDS for item in kind())


def sample(per_kind: int = 1, max_bytes: int = 2 * MB) -> list[Hostile]:
    """A small, cheap sample: the first ``per_kind`` inputs of each kind under ``max_bytes``."""
    taken: dict[str, int] = {}
    chosen = []
    for item in hostile_inputs():
        if taken.get(item.kind, 0) >= per_kind:
            continue
        if len(item.build()) <= max_bytes:
            chosen.append(item)
            taken[item.kind] = taken.get(item.kind, 0) + 1
    return chosen
