"""The document builders make real files: the real readers open them as the tests assume."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from pypdf import PdfReader
from tnefparse import TNEF

from tests.support.documents import (
    make_docx,
    make_image_pdf,
    make_odt,
    make_pdf,
    make_png,
    make_rtf,
    make_tnef,
    make_zip,
)


def test_pdf_has_a_text_layer_pages_and_title() -> None:
    reader = PdfReader(io.BytesIO(make_pdf("Wniosek – Łódź", pages=3, title="RRR form")))
    assert len(reader.pages) == 3
    assert reader.metadata is not None and reader.metadata.title == "RRR form"
    assert reader.pages[1].extract_text().startswith("Wniosek – Łódź")
    assert make_pdf("same") == make_pdf("same")


def test_image_pdf_has_an_image_and_no_text() -> None:
    page = PdfReader(io.BytesIO(make_image_pdf())).pages[0]
    assert page.extract_text().strip() == ""
    assert len(page.images) == 1


def test_docx_and_odt_open_in_their_libraries() -> None:
    import docx
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    document = docx.Document(io.BytesIO(make_docx(["one", "two"], table=[["a", "b"], ["c"]])))
    assert [p.text for p in document.paragraphs] == ["one", "two"]
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["a", "b"],
        ["c", ""],
    ]
    odt = load(io.BytesIO(make_odt(["première", "deuxième"])))
    assert [teletype.extractText(p) for p in odt.getElementsByType(P)] == ["première", "deuxième"]


def test_rtf_escapes() -> None:
    rtf = make_rtf("a{b}\\ é ł 😀\nx")
    assert rtf.startswith(b"{\\rtf1\\ansi\\ansicpg1252")
    assert b"a\\{b\\}\\\\ \\'e9 \\u322? \\u-10179?\\u-8704?\\par\nx" in rtf


def test_zip_names_flags_and_encryption() -> None:
    archive = zipfile.ZipFile(io.BytesIO(make_zip({"dir/": b"", "dir/Łódź.pdf": b"%PDF-1.4"})))
    assert archive.testzip() is None
    folder, member = archive.infolist()
    assert folder.is_dir() and member.flag_bits & 0x800
    assert member.filename == "dir/Łódź.pdf"
    dos = zipfile.ZipFile(
        io.BytesIO(make_zip({"Łódź.pdf": b"x"}, utf8_names=False, name_encoding="cp852"))
    )
    (info,) = dos.infolist()
    assert not info.flag_bits & 0x800
    assert info.filename.encode("cp437") == "Łódź.pdf".encode("cp852")
    locked = zipfile.ZipFile(io.BytesIO(make_zip({"a.txt": b"secret text"}, encrypt=True)))
    assert locked.infolist()[0].flag_bits & 0x1
    assert locked.read("a.txt", pwd=b"secret") == b"secret text"


def test_tnef_is_read_by_tnefparse_with_valid_checksums() -> None:
    stream = make_tnef({"Formulário de candidatura.pdf": b"%PDF-1.4 x"}, body="Olá")
    tnef = TNEF(stream, do_checksum=True)
    assert all(obj.good_checksum for obj in tnef.objects)
    (attachment,) = tnef.attachments
    assert attachment.name == "FORMUL~1.PDF"
    assert attachment.long_filename() == "Formulário de candidatura.pdf"
    assert attachment.data == b"%PDF-1.4 x"
    assert tnef.body == "Olá".encode("cp1252")
    assert b"{\\rtf1" in tnef.rtfbody


def test_png_is_valid() -> None:
    png = make_png(7, 3)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    offset, chunks = 8, {}
    while offset < len(png):
        (length,) = struct.unpack_from(">I", png, offset)
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack_from(">I", png, offset + 8 + length)
        assert crc == zlib.crc32(kind + data)
        chunks[kind] = data
        offset += 12 + length
    assert struct.unpack(">II", chunks[b"IHDR"][:8]) == (7, 3)
    assert len(zlib.decompress(chunks[b"IDAT"])) == 3 * (1 + 7 * 3)
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]
