"""Forms as they are filled in (AcroForm PDF fields, DOCX table forms) and the formats that still
arrive: legacy Word .doc (catdoc), Outlook .msg items, XLSX, PPTX, and forwarded messages
attached with a wrong content type.
"""

from __future__ import annotations

import base64
import textwrap

import pytest

from rrr_mailbot.config import CallSettings
from rrr_mailbot.intake import extract_text, parse_message
from rrr_mailbot.intake.text import read_document
from rrr_mailbot.model import Reading
from tests.support.documents import make_docx, make_pdf, make_png
from tests.support.office_files import (
    outlook_message,
    pptx_presentation,
    word97_document,
    xlsx_workbook,
)
from tests.support.scans import docx_table_form, fillable_form, require_tools

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(filename: str | None, content_type: str, data: bytes) -> str:
    name = f'; name="{filename}"' if filename else ""
    disposition = (
        "Content-Disposition: attachment" + (f'; filename="{filename}"' if filename else "") + "\n"
    )
    encoded = base64.encodebytes(data).decode("ascii")
    return (
        f"--b\nContent-Type: {content_type}{name}\n{disposition}"
        f"Content-Transfer-Encoding: base64\n\n{encoded}"
    )


def message(*parts: str) -> bytes:
    head = textwrap.dedent(
        """\
        From: Urząd Miasta <um@wroclaw.example>
        To: rrr@example.org
        Subject: Wniosek RRR
        Message-ID: <forms@wroclaw.example>
        Date: Mon, 10 May 2021 10:00:00 +0200
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain; charset=utf-8

        W załączeniu wniosek.
        """
    )
    return (head + "".join(parts) + "--b--\n").encode()


# --- AcroForm -----------------------------------------------------------------------------------


def test_filled_acroform_fields_follow_the_page_text() -> None:
    data = fillable_form(
        {"city": "Almenara", "country": "España", "population": "5 900"}, agree=True
    )
    text, error = extract_text(data, "formulario.pdf", PDF)
    assert error is None and text is not None
    page, _, fields = text.partition("Name of the city: ")
    assert "Application form" in page
    assert ("Name of the city: " + fields).splitlines() == [
        "Name of the city: Almenara",
        "Country: España",  # the tooltip's own colon is not doubled
        "population: 5 900",  # no tooltip: the field's name
        "We accept the terms: yes",
    ]


def test_empty_acroform_reads_as_unanswered_questions() -> None:
    text, error = extract_text(fillable_form(), "formulario.pdf", PDF)
    assert error is None and text is not None
    assert text.splitlines()[-3:] == ["Name of the city:", "Country:", "population:"]
    assert "We accept the terms" not in text  # an unticked box is not an answer


def test_pdf_without_fields_gets_no_field_lines() -> None:
    text, _ = extract_text(make_pdf("Letter of intent\nDear committee"), "carta.pdf", PDF)
    assert text == "Letter of intent\nDear committee"


# --- DOCX table forms ---------------------------------------------------------------------------


def test_docx_table_form_filled() -> None:
    data = docx_table_form(
        [["Name of the city:", "Wrocław"], ["Country", "Polska"], ["Contact person", "Anna Nowak"]]
    )
    text, error = extract_text(data, "Formularz.docx", DOCX)
    assert error is None
    assert text == (
        "Application form\nName of the city: Wrocław\nCountry: Polska\n"
        "Contact person: Anna Nowak\nSignature"
    )


def test_docx_table_form_empty_is_questions_alone() -> None:
    data = docx_table_form([["Name of the city:", ""], ["Country", ""]])
    text, _ = extract_text(data, "Formularz.docx", DOCX)
    assert text == "Application form\nName of the city:\nCountry:\nSignature"


def test_docx_wider_rows_are_tab_joined_and_merged_cells_not_repeated() -> None:
    data = docx_table_form(
        [
            ["Partner", "City", "Role"],
            ["Lead", "Wrocław", "host"],
            ["Total budget", "<merge>", "€ 12 000"],
        ],
        [["Section A", "<merge>"]],
    )
    text, _ = extract_text(data, "Formularz.docx", DOCX)
    assert text == (
        "Application form\nPartner\tCity\tRole\nLead\tWrocław\thost\n"
        "Total budget: € 12 000\nSection A\nSignature"
    )
    assert text is not None and text.count("Section A") == 1


def test_docx_nested_table_is_read_once_inside_its_cell() -> None:
    data = docx_table_form([["City", "Wrocław"], ["Partners", ""]], nested=[["Name", "Lviv"]])
    text, _ = extract_text(data, "Formularz.docx", DOCX)
    assert text == "Application form\nCity: Wrocław\nPartners: Name: Lviv\nSignature"


def test_docx_page_breaks_and_paragraphs_are_kept() -> None:
    text, _ = extract_text(make_docx(["Letter", "Dear committee"]), "carta.docx", DOCX)
    assert text == "Letter\nDear committee"


# --- how a file was read ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "content_type", "reading"),
    [
        (make_pdf("Application form"), "f.pdf", PDF, Reading.TEXT),
        (make_docx([""]), "empty.docx", DOCX, Reading.NO_TEXT),
        (b"", "empty.txt", "text/plain", Reading.NO_TEXT),
        (make_png(), "IMG_1.png", "image/png", Reading.UNREAD),  # no OCR engine given
        (b"\x00\x01" * 300, "data.bin", "application/octet-stream", Reading.UNREAD),
        (make_pdf("x")[:300], "cut.pdf", PDF, Reading.UNREAD),
    ],
    ids=["pdf", "empty-docx", "empty-txt", "image", "binary", "cut-pdf"],
)
def test_reading_says_how_a_file_was_read(
    data: bytes, name: str, content_type: str, reading: Reading
) -> None:
    assert read_document(data, name, content_type).reading is reading


# --- legacy and Office formats ------------------------------------------------------------------


def test_word_97_document_is_read_with_catdoc() -> None:
    require_tools("catdoc")
    read = read_document(
        word97_document("Carta de intención del Ayuntamiento de Almenara"),
        "Carta.doc",
        "application/msword",
    )
    assert read.reading is Reading.TEXT
    assert read.text == "Carta de intención del Ayuntamiento de Almenara"


def test_damaged_word_document_is_an_error() -> None:
    require_tools("catdoc")
    read = read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc", "")
    assert read.reading is Reading.UNREAD
    assert read.error is not None and "Word file" in read.error


def test_xlsx_cells_are_read() -> None:
    data = xlsx_workbook([["Budget", "EUR"], ["Travel", "4000"], ["Meetings", "2500"]])
    read = read_document(data, "Presupuesto.xlsx", "application/octet-stream")
    assert read.reading is Reading.TEXT
    assert read.text == "Budget\tEUR\nTravel\t4000\nMeetings\t2500"


def test_pptx_slides_are_read() -> None:
    data = pptx_presentation([["Wrocław", "Our city"], ["Why RRR"]])
    read = read_document(data, "Prezentacja.pptx", "")
    assert read.reading is Reading.TEXT
    assert read.text == "Wrocław\nOur city\fWhy RRR"


def test_outlook_msg_is_a_container_with_a_body(call: CallSettings) -> None:
    item = outlook_message(
        "RE: Wniosek",
        "Przesyłam formularz i list intencyjny.",
        [("Formularz.pdf", make_pdf("Application form")), ("List.docx", make_docx(["Letter"]))],
    )
    intake = parse_message(
        message(attachment("RE Wniosek.msg", "application/vnd.ms-outlook", item)), call
    )
    assert [(d.filename, d.container) for d in intake.documents] == [
        ("Formularz.pdf", ("RE Wniosek.msg",)),
        ("List.docx", ("RE Wniosek.msg",)),
    ]
    assert intake.documents[0].reading is Reading.TEXT
    assert "Przesyłam formularz" in intake.body_text
    assert "W załączeniu wniosek." in intake.body_text
    assert not intake.problems


def test_damaged_outlook_msg_is_a_problem_not_a_crash(call: CallSettings) -> None:
    item = outlook_message("Fw", "body", [("Carta.pdf", make_pdf("Carta de intención"))])
    damaged = item[:48] + b"\x00\x00\x01\x00" + item[52:]  # the directory is out of the file
    intake = parse_message(
        message(attachment("Fw.msg", "application/vnd.ms-outlook", damaged)), call
    )
    assert any("Fw.msg" in problem for problem in intake.problems)


def test_outlook_msg_sent_as_octet_stream_without_a_name_is_opened(call: CallSettings) -> None:
    item = outlook_message("Fw", "body", [("Carta.pdf", make_pdf("Carta de intención"))])
    intake = parse_message(message(attachment(None, "application/octet-stream", item)), call)
    assert [d.filename for d in intake.documents] == ["Carta.pdf"]


FORWARDED = (
    "From: Alcalde <alcalde@almenara.example>\r\nTo: secretaria@almenara.example\r\n"
    "Subject: carta\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n"
    "--in\r\nContent-Type: text/plain\r\n\r\nOs paso la carta firmada.\r\n"
    "--in\r\nContent-Type: application/pdf; name=carta.pdf\r\nContent-Transfer-Encoding: base64"
    "\r\n\r\n" + base64.encodebytes(make_pdf("Carta de intención")).decode() + "--in--\r\n"
).encode()


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("Fwd carta.eml", "application/octet-stream"),
        ("Fwd carta.eml", "text/plain"),
        (None, "application/octet-stream"),
    ],
)
def test_forwarded_message_with_a_wrong_type_is_opened(
    filename: str | None, content_type: str, call: CallSettings
) -> None:
    intake = parse_message(message(attachment(filename, content_type, FORWARDED)), call)
    assert [(d.filename, d.container) for d in intake.documents] == [
        ("carta.pdf", (filename or "forwarded message",))
    ]
    assert "Os paso la carta firmada." in intake.body_text


def test_plain_text_that_only_mentions_headers_is_not_a_message(call: CallSettings) -> None:
    notes = b"Notes about the call\nFrom: the committee\n"
    intake = parse_message(message(attachment(None, "application/octet-stream", notes)), call)
    assert len(intake.documents) == 1 and intake.documents[0].container == ()
