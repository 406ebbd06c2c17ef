"""Hostile inputs that once cost a minute and gigabytes: each must now take well under a few
seconds and little memory. The inputs are built here, cheaply (a bomb's compressed bytes are one
deflate block repeated), and measured with the clock and tracemalloc."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from rrr_mailbot.config import CallSettings
from rrr_mailbot.intake import containers, headers
from rrr_mailbot.intake.mime import parse_message
from rrr_mailbot.intake.text import extract_text

GB = 1_000_000_000
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
SECONDS = 3.0
PEAK_BYTES = 60_000_000


@dataclass
class Bounds:
    seconds: float = 0.0
    peak_bytes: int = 0


@contextmanager
def measured() -> Iterator[Bounds]:
    """Wall time and the peak of Python allocations inside the block."""
    bounds = Bounds()
    tracemalloc.start()
    began = time.perf_counter()
    try:
        yield bounds
    finally:
        bounds.seconds = time.perf_counter() - began
        bounds.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


# -- building zips by hand: the compressed stream of 1 GB without compressing 1 GB ----------------


@dataclass(frozen=True)
class Entry:
    name: str
    deflated: bytes
    crc: int
    size: int  # the size the headers declare


def deflated(data: bytes) -> Entry:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Entry("", compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def bomb(xml_start: bytes, inflated_bytes: int, *, declared: int | None = None) -> Entry:
    """``xml_start`` followed by spaces up to ``inflated_bytes``: one 1 MB block, flushed so that
    it stands alone, repeated. ``declared`` lets the headers lie about the size."""
    block = b" " * 1_000_000
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(xml_start) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor starts afresh: the same input gives the same bytes.
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = (inflated_bytes - len(xml_start)) // len(block)
    tail = compressor.flush()
    crc = zlib.crc32(xml_start)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    size = len(xml_start) + count * len(block)
    return Entry(
        "", head + repeated * count + tail, crc, declared if declared is not None else size
    )


def zip_of(entries: dict[str, Entry] | list[tuple[str, Entry]]) -> bytes:
    out = io.BytesIO()
    central = io.BytesIO()
    pairs = list(entries.items()) if isinstance(entries, dict) else entries
    for name, entry in pairs:
        raw_name = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0, entry.crc, len(entry.deflated), entry.size, len(raw_name))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw_name + entry.deflated)
        central.write(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset)
            + raw_name
        )
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    count = len(pairs)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
DOCUMENT_START = (
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
    b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Application form</w:t></w:r></w:p>'
)


def docx(document: Entry) -> bytes:
    return zip_of(
        {
            "[Content_Types].xml": deflated(CONTENT_TYPES),
            "_rels/.rels": deflated(RELS),
            "word/document.xml": document,
        }
    )


def odt(content: Entry) -> bytes:
    return zip_of({"mimetype": deflated(ODT_TYPE.encode()), "content.xml": content})


# -- office packages -------------------------------------------------------------------------


def test_a_real_sized_docx_still_reads() -> None:
    data = docx(deflated(DOCUMENT_START + b"</w:body></w:document>"))
    rebuilt, problem = containers.safe_office_package(data)
    assert problem is None
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as package:
        assert {i.compress_type for i in package.infolist()} == {zipfile.ZIP_STORED}
    assert extract_text(data, "form.docx", DOCX_TYPE) == ("Application form", None)


def test_a_docx_naming_a_part_twice_is_read_as_zipfile_reads_it() -> None:
    document = deflated(DOCUMENT_START + b"</w:body></w:document>")
    parts = [
        ("[Content_Types].xml", deflated(CONTENT_TYPES)),
        ("_rels/.rels", deflated(RELS)),
        ("word/document.xml", deflated(b"<broken")),
        ("word/document.xml", document),
    ]
    data = zip_of(parts)
    assert extract_text(data, "form.docx", DOCX_TYPE) == ("Application form", None)


def test_a_docx_near_the_caps_is_read_and_one_past_them_is_not() -> None:
    # Highly compressible but under the ratio floor: allowed whatever its ratio.
    small = docx(bomb(DOCUMENT_START, containers.OFFICE_RATIO_FLOOR_BYTES))
    assert containers.safe_office_package(small)[1] is None
    large = docx(bomb(DOCUMENT_START, 2 * containers.OFFICE_RATIO_FLOOR_BYTES))
    assert "compressed" in (containers.safe_office_package(large)[1] or "")


@pytest.mark.parametrize(
    ("build", "name", "content_type"),
    [
        (lambda: docx(bomb(DOCUMENT_START, GB)), "form.docx", DOCX_TYPE),
        (lambda: odt(bomb(b"<office:document-content>", GB)), "letter.odt", ODT_TYPE),
    ],
    ids=["docx", "odt"],
)
def test_an_office_file_whose_xml_inflates_to_1_gb_is_refused_quickly(
    build: Callable[[], bytes], name: str, content_type: str
) -> None:
    data = build()
    assert len(data) < 2_000_000
    with measured() as bounds:
        text, error = extract_text(data, name, content_type)
    print(f"1 GB {name}: {bounds}")
    assert text is None
    assert error is not None and "decompression bombs" in error, error
    assert bounds.seconds < SECONDS and bounds.peak_bytes < PEAK_BYTES, bounds


@pytest.mark.parametrize("crc_of", ["everything", "the declared start"])
def test_an_office_file_lying_about_its_size_is_read_no_further_than_declared(crc_of: str) -> None:
    # The headers say 1 MB at a harmless ratio; the stream would inflate to 1 GB. zipfile alone
    # would inflate all of it in one go (2 GB at the peak) before cutting it to the declared size.
    lying = bomb(DOCUMENT_START, GB)
    declared = 1_000_000
    start = (DOCUMENT_START + b" " * declared)[:declared]
    crc = lying.crc if crc_of == "everything" else zlib.crc32(start)
    data = docx(Entry("", lying.deflated, crc, declared))
    with measured() as bounds:
        text, error = extract_text(data, "form.docx", DOCX_TYPE)
    print(f"lying DOCX ({crc_of}): {bounds}, {error}")
    assert text is None and error is not None, (text, error)
    assert bounds.seconds < SECONDS and bounds.peak_bytes < PEAK_BYTES, bounds


def test_too_much_xml_in_total_is_refused() -> None:
    part = deflated(b"<x>" + b" " * 900_000)
    parts = {f"word/part{n}.xml": part for n in range(25)}
    data = zip_of({"[Content_Types].xml": deflated(CONTENT_TYPES), **parts})
    assert "XML unpacks to" in (containers.safe_office_package(data)[1] or "")
    # Not a zip: the reader says so in its own words.
    assert containers.safe_office_package(b"not a zip at all") == (b"not a zip at all", None)


# -- headers ---------------------------------------------------------------------------------

WORD = "=?utf-8?q?Formul=C3=A1rio_de_candidatura?= "


def message_with(header: str, value: str) -> bytes:
    return (
        f"From: ana@city.test\r\nTo: call@rrr.test\r\n{header}: {value}\r\n"
        "Message-ID: <x@city.test>\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Subject", WORD * (1_000_000 // len(WORD))),
        ("From", "=?utf-8?b?QW5h?= <ana@city.test>, " * 30_000),
        ("Subject", "x" * 1_000_000),
    ],
    ids=["encoded-word-subject", "huge-from", "plain-subject"],
)
def test_a_1_mb_header_is_cut_before_decoding(header: str, value: str, call: CallSettings) -> None:
    raw = message_with(header, value)
    assert len(raw) > 1_000_000
    with measured() as bounds:
        intake = parse_message(raw, call)
    print(f"1 MB {header}: {bounds}")
    assert bounds.seconds < SECONDS and bounds.peak_bytes < PEAK_BYTES, bounds
    assert any(f"only their start was read ({header})" in p for p in intake.problems)
    if header == "Subject":
        expected = "Formulário de candidatura" if "=?" in value else value[:100]
        assert intake.subject.startswith(expected)
        assert len(intake.subject) <= headers.MAX_HEADER_CHARS


def test_a_long_but_reasonable_header_is_read_whole(call: CallSettings) -> None:
    value = WORD * (headers.MAX_HEADER_CHARS // len(WORD) - 1)
    intake = parse_message(message_with("Subject", value), call)
    assert intake.subject.count("Formulário de candidatura") == value.count(WORD)
    assert not any("only their start" in p for p in intake.problems)


def test_a_cut_falls_on_a_space_not_inside_an_encoded_word() -> None:
    cut = headers.cut_header(WORD * 1000)
    assert len(cut) <= headers.MAX_HEADER_CHARS
    assert cut.endswith("?=")
    assert headers.cut_header("short") == "short"
    unbroken = headers.cut_header("x" * 20_000)
    assert unbroken == "x" * headers.MAX_HEADER_CHARS
