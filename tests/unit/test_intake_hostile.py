"""Hostile messages in CI: one cheap input of every kind of benchmarks/hostile_mail.py goes the
whole pure path (parse_message, decide, the reply renderer) without an exception escaping, and
stored documents land inside the data folder. The figures (time, memory, all 350 inputs) come
from `python -m benchmarks.hostile`; here only behaviour is asserted."""

from __future__ import annotations

import email
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.hostile_mail import Hostile, attachment, hostile_inputs, mail, sample
from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.intake import extract_text, headers, mime, ocr, parse_message, text
from rrr_mailbot.model import Outcome, Reading, submission_reference
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.export import safe_name
from rrr_mailbot.store.blobs import BlobStore
from tests.support.documents import make_image_pdf, make_pdf

NOW = datetime(2021, 5, 21, 20, 0, tzinfo=UTC)
MESSAGES = Path(__file__).parents[1] / "data" / "messages"
SAMPLE = sample()


def test_the_generator_covers_the_attacks_it_promises() -> None:
    inputs = hostile_inputs()
    kinds = {item.kind for item in inputs}
    assert len(inputs) >= 300 and len(kinds) >= 20
    assert len({item.name for item in inputs}) == len(inputs)  # every variant named apart
    assert {item.kind for item in SAMPLE} == kinds
    # Fixed seed: the same bytes on every run.
    first = next(i for i in inputs if i.name == "broken_encoding/b64-garbage-form.pdf")
    assert hashlib.sha256(first.build()).digest() == hashlib.sha256(first.build()).digest()


@pytest.mark.parametrize("item", SAMPLE, ids=[item.name for item in SAMPLE])
def test_a_hostile_message_is_read_decided_and_answered(
    item: Hostile, call: CallSettings, renderer: ReplyRenderer, tmp_path: Path
) -> None:
    raw = item.build()
    intake = parse_message(raw, call)
    assert intake.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert len(intake.documents) <= call.limits.max_documents
    assert all(isinstance(p, str) and p for p in intake.problems)
    for doc in intake.documents:
        # A file that could not be read safely is unread, with a reason or not at all; never text
        # from outside the message (an XML entity naming /etc/passwd).
        assert "root:x:0:0" not in (doc.text or "")
        assert doc.text is not None or doc.reading is not Reading.TEXT
    decision = decide(intake, call, NOW)
    reference = submission_reference(call.reference_prefix, intake.raw_sha256)
    rendered = renderer.render(intake, decision, reference, now=NOW)
    assert (rendered is None) == (
        decision.outcome is Outcome.IGNORED or intake.reply_address is None or rendered is None
    )
    store = BlobStore(tmp_path)
    root = tmp_path.resolve()
    for doc in intake.documents:
        stored = store.absolute(store.put(doc.data)).resolve()
        assert stored.is_relative_to(root) and stored.read_bytes() == doc.data
        exported = (root / safe_name(doc.filename, "document")).resolve()
        assert exported.parent == root, doc.filename


@pytest.mark.parametrize(
    "name",
    ["path_traversal/0-attachment", "path_traversal/2-zip-member", "path_traversal/4-attachment"],
)
def test_a_file_name_aiming_outside_the_store_is_only_a_name(name: str, call: CallSettings) -> None:
    item = next(i for i in hostile_inputs() if i.name == name)
    intake = parse_message(item.build(), call)
    assert intake.documents, intake.problems
    for doc in intake.documents:
        assert doc.filename is not None
        assert "/" not in doc.filename and "\\" not in doc.filename and "\0" not in doc.filename


# -- what the first benchmark run found, each guard on its own ---------------------------------


def test_a_pdf_whose_pages_inflate_to_megabytes_of_drawing_is_refused() -> None:
    from benchmarks.hostile_mail import MB, _pdf_bomb

    # Under pypdf's stream cap, over our budget of drawing instructions: 50 MB took 35 s a page.
    read, error = extract_text(_pdf_bomb(10 * MB), "form.pdf", "application/pdf")
    assert read is None and error is not None and "drawing instructions" in error, error
    # Over the stream cap: pypdf stops inflating at 20 MB instead of 75 MB.
    read, error = extract_text(_pdf_bomb(300 * MB), "form.pdf", "application/pdf")
    assert read is None and error is not None, error
    # A real form with the same text reads as before.
    assert extract_text(make_pdf("Application form"), "f.pdf", "application/pdf")[0]


def test_a_picture_over_pillows_limit_is_not_rendered_from_a_pdf() -> None:
    import pypdfium2
    from PIL import Image

    from benchmarks.hostile_mail import _pdf_image_bomb

    document = pypdfium2.PdfDocument(_pdf_image_bomb(10_000, 10_000))
    with pytest.raises(Image.DecompressionBombError, match="10000 x 10000"):
        ocr._refuse_huge_pictures(document[0])
    scan = pypdfium2.PdfDocument(make_image_pdf())
    ocr._refuse_huge_pictures(scan[0])  # a real scan's picture is fine


def test_parts_beyond_the_limit_are_not_parsed(
    call: CallSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mime, "MAX_PARTS", 20)
    files = [attachment(b"x", f"f{n}.txt", "text/plain") for n in range(60)]
    intake = parse_message(mail(*files), call)
    assert "The message has more than 20 parts; the rest were not looked at." in intake.problems
    assert [d.filename for d in intake.documents][:3] == ["f0.txt", "f1.txt", "f2.txt"]


def test_a_header_block_beyond_the_limit_is_cut_and_the_body_kept(
    call: CallSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mime, "MAX_HEADER_BLOCK_BYTES", 10_000)
    raw = (
        b"From: Ana <ana@applicant.test>\r\nSubject: Application\r\n"
        + b"X-Flood: y\r\n" * 5000
        + b"\r\nMy application.\r\n"
    )
    intake = parse_message(raw, call)
    assert intake.from_address == "ana@applicant.test" and intake.subject == "Application"
    assert "My application." in intake.body_text
    assert any("header block is" in p for p in intake.problems), intake.problems


def test_a_message_of_millions_of_lines_is_read_for_its_headers(
    call: CallSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mime, "MAX_LINES", 1000)
    raw = mail(attachment(b"%PDF", "form.pdf", "application/pdf"), subject="Form")
    intake = parse_message(raw + b"a\r" * 2000, call)
    assert intake.subject == "Form" and intake.documents == ()
    assert any("lines (more than 1000)" in p for p in intake.problems), intake.problems
    assert parse_message(raw, call).documents  # the same message without the flood


@pytest.mark.parametrize("name", sorted(p.name for p in MESSAGES.glob("*.eml"))[:40])
def test_chunked_parsing_gives_what_the_email_package_gives(name: str) -> None:
    raw = (MESSAGES / name).read_bytes()
    chunked = mime.parse_bytes(raw, headers.CAPPED_POLICY)
    whole = email.message_from_bytes(raw, policy=headers.CAPPED_POLICY)
    assert chunked.as_bytes() == whole.as_bytes()


def test_a_pdf_of_more_pages_than_the_limit_is_refused_before_pypdf_lists_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from benchmarks.hostile_mail import _pdf_many_pages

    monkeypatch.setattr(text, "MAX_PDF_PAGE_NODES", 50)
    read, error = extract_text(_pdf_many_pages(60), "form.pdf", "application/pdf")
    assert read is None and error == "the PDF has more than 50 pages, too many to be read"
    assert extract_text(_pdf_many_pages(40), "form.pdf", "application/pdf")[0]
