"""Document text: PDF, DOCX, ODT, RTF, plain text; bounded, and never raising."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader, PdfWriter

from rrr_mailbot.intake import extract_text
from rrr_mailbot.intake.text import MAX_TEXT_CHARS, html_to_text, rtf_to_text, unflow
from tests.support.documents import (
    make_docx,
    make_image_pdf,
    make_odt,
    make_pdf,
    make_png,
    make_rtf,
    make_zip,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
ACCENTED = "Formulário de inscrição – Łódź, Kraków, São Paulo, Zürich, Città, Curaçao"


def _encrypted(pdf: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_keeps_accents() -> None:
    text, error = extract_text(make_pdf(f"Application form\n{ACCENTED}"), "form.pdf", PDF)
    assert error is None
    assert text == f"Application form\n{ACCENTED}"


def test_pdf_reading_stops_after_twenty_pages() -> None:
    text, error = extract_text(make_pdf("Annex", pages=25), "annex.pdf", PDF)
    assert error is None and text is not None
    assert "Page 20 of 25" in text
    assert "Page 21 of 25" not in text


def test_scanned_pdf_has_no_text_and_no_error() -> None:
    # A scan is a perfectly good signed letter: "no text" must not read as "broken".
    assert extract_text(make_image_pdf(), "Carta firmada.pdf", PDF) == (None, None)


def test_password_protected_pdf_is_an_error() -> None:
    locked = _encrypted(make_pdf("Secret form"), user="open-sesame", owner="owner")
    assert extract_text(locked, "form.pdf", PDF) == (None, "the PDF is password-protected")


def test_pdf_with_only_an_owner_password_is_read() -> None:
    restricted = _encrypted(make_pdf("Restricted but readable form"), user="", owner="owner")
    text, error = extract_text(restricted, "form.pdf", PDF)
    assert (text, error) == ("Restricted but readable form", None)


@pytest.mark.parametrize(
    "data",
    [
        make_pdf("Application form")[:300],  # cut off
        b"%PDF-1.7\n" + b"\x00garbage" * 100,
        b"%PDF-",
    ],
)
def test_broken_pdf_gives_an_error_not_an_exception(data: bytes) -> None:
    text, error = extract_text(data, "form.pdf", PDF)
    assert text is None
    assert error is not None and "PDF" in error


def test_docx_paragraphs_tables_and_headers() -> None:
    import docx

    document = docx.Document(
        io.BytesIO(make_docx(["Application form"], table=[["City", "Wrocław"]]))
    )
    document.sections[0].header.paragraphs[0].text = "RRR Peer Learning Cities"
    buffer = io.BytesIO()
    document.save(buffer)
    text, error = extract_text(buffer.getvalue(), "Formularz.docx", DOCX)
    assert error is None
    # A two-cell row is a question and its answer.
    assert text == "RRR Peer Learning Cities\nApplication form\nCity: Wrocław"


def test_docx_sent_as_octet_stream_without_a_name_is_sniffed() -> None:
    text, _ = extract_text(make_docx(["Lettera di intenti"]), None, "application/octet-stream")
    assert text == "Lettera di intenti"


def test_file_named_pdf_that_is_really_a_docx() -> None:
    text, error = extract_text(make_docx(["Carta de intención"]), "carta.pdf", PDF)
    assert (text, error) == ("Carta de intención", None)


def test_damaged_docx_is_an_error() -> None:
    not_word = make_zip({"hello.txt": b"hi"})
    text, error = extract_text(not_word, "form.docx", DOCX)
    assert text is None
    assert error is not None and "DOCX" in error
    text, error = extract_text(b"garbage" * 50, "form.docx", DOCX)
    assert text is None and error is not None


def test_odt_text() -> None:
    odt = make_odt(["Formulaire de candidature", "Nom de la ville : Besançon"])
    text, error = extract_text(odt, "candidature.odt", ODT)
    assert (text, error) == ("Formulaire de candidature\nNom de la ville : Besançon", None)


def test_rtf_text_with_code_page_bytes_and_unicode_escapes() -> None:
    text, error = extract_text(make_rtf(f"Carta de intención\n{ACCENTED}"), "carta.rtf", "")
    assert error is None
    assert text == f"Carta de intención\n{ACCENTED}"


def test_rtf_stripper_skips_destinations_and_handles_escapes() -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1250{\fonttbl{\f0 Times;}}{\*\generator Word;}"
        rb"{\info{\title Hidden}}\pard Wniosek \'b3\'f3d\'9f\par "
        rb"Braces \{x\} and \\ backslash\par\uc1\u8364? euro}"
    )
    assert rtf_to_text(rtf) == "Wniosek łódź\nBraces {x} and \\ backslash\n€ euro"


def test_plain_text_in_utf8_or_windows_1252() -> None:
    assert extract_text("Población: 300 000".encode(), "datos.txt", "text/plain") == (
        "Población: 300 000",
        None,
    )
    assert extract_text("Población".encode("cp1252"), "datos.txt", "text/plain") == (
        "Población",
        None,
    )


def test_images_and_unknown_formats_are_not_read() -> None:
    assert extract_text(make_png(), "IMG_0001.PNG", "image/png") == (None, None)
    assert extract_text(
        b"\xd0\xcf\x11\xe0" + b"\0" * 500, "old.xls", "application/vnd.ms-excel"
    ) == (
        None,
        None,
    )
    assert extract_text(b"PK\x05\x06" + b"\0" * 18, "sheet.xlsx", "") == (None, None)


def test_text_is_bounded() -> None:
    text, _ = extract_text(b"word " * 100_000, "long.txt", "text/plain")
    assert text is not None and MAX_TEXT_CHARS - 5 <= len(text) <= MAX_TEXT_CHARS
    start = time.perf_counter()
    text, _ = extract_text(make_rtf("palabra " * 60_000), "long.rtf", "application/rtf")
    assert time.perf_counter() - start < 5
    assert text is not None and len(text) <= MAX_TEXT_CHARS


def test_html_to_text_and_links() -> None:
    text, links = html_to_text(
        "<div>Hello<br>world</div><p>Second &amp; last</p><a href='https://x.example/a'>x</a>"
        "<style>.x{}</style><img src='cid:logo'>"
    )
    assert text == "Hello\nworld\nSecond & last\nx"
    assert links == ["https://x.example/a", "cid:logo"]


def test_unflow_joins_soft_breaks_only() -> None:
    flowed = "one two \nthree\n> quoted \n> more\n-- \nsig"
    assert unflow(flowed, delsp=False) == "one two three\n> quoted more\n-- \nsig"
    assert unflow("split-\u0020\nword", delsp=True) == "split-word"


def test_word_page_breaks_become_page_markers() -> None:
    import io

    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Application form")
    document.add_paragraph("Name of the city: Graz").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Letter of intent")
    out = io.BytesIO()
    document.save(out)
    text, error = extract_text(out.getvalue(), "both.docx", DOCX)
    assert error is None
    assert text is not None
    assert text.split("\f")[1].strip().startswith("Letter of intent")
