"""OCR of scans and photos with the real Tesseract: what is read, what holds no text, and what
happens when Tesseract is missing, slow, or asked twice about the same file.

These tests need Debian's tesseract-ocr (with the language data) and fonts-dejavu-core: under
CI=true a missing one fails them, locally they skip with the install command.
"""

from __future__ import annotations

import base64
import io
import textwrap
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from rrr_mailbot.cli import main
from rrr_mailbot.config import CallSettings, OcrSettings
from rrr_mailbot.intake import parse_message
from rrr_mailbot.intake.ocr import TesseractOcr
from rrr_mailbot.intake.text import read_document
from rrr_mailbot.model import Reading
from tests.support.documents import make_pdf
from tests.support.scans import phone_photo, require_tools, scanned_pdf, skyline_photo
from tests.unit.test_doctor import embedded_config

FORM_PAGE = ["RRR Peer Learning Cities", "Application form", "Name of the city: Almenara"]
SECOND_PAGE = ["Annex", "Budget overview for the exchange visits"]


@pytest.fixture(scope="module")
def photo() -> bytes:
    require_tools("tesseract")
    return phone_photo()


@pytest.fixture(scope="module")
def skyline() -> bytes:
    return skyline_photo()


@pytest.fixture(scope="module")
def scan() -> bytes:
    return scanned_pdf([FORM_PAGE, SECOND_PAGE])


def engine(tmp_path: Path | None = None, **overrides: object) -> TesseractOcr:
    """A Tesseract engine with these [ocr] settings; a disk cache under ``tmp_path`` if given."""
    require_tools("tesseract")
    settings = OcrSettings.model_validate(overrides)
    made = TesseractOcr.from_settings(
        settings, tmp_path or Path("/nonexistent"), disk_cache=tmp_path is not None
    )
    assert made is not None
    return made


def message_with(filename: str, content_type: str, data: bytes) -> bytes:
    encoded = base64.encodebytes(data).decode("ascii")
    return (
        textwrap.dedent(
            f"""\
            From: Alcaldía <alcaldia@almenara.example>
            To: rrr@example.org
            Subject: Candidatura RRR
            Message-ID: <scan@almenara.example>
            Date: Mon, 10 May 2021 10:00:00 +0200
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=utf-8

            Adjuntamos la carta firmada.
            --b
            Content-Type: {content_type}; name="{filename}"
            Content-Disposition: attachment; filename="{filename}"
            Content-Transfer-Encoding: base64

            """
        )
        + encoded
        + "--b--\n"
    ).encode()


def test_phone_photo_of_a_letter_is_read(photo: bytes, call: CallSettings) -> None:
    ocr = engine()
    started = time.perf_counter()
    intake = parse_message(message_with("IMG_2041.jpg", "image/jpeg", photo), call, ocr=ocr)
    elapsed = time.perf_counter() - started
    (document,) = intake.documents
    assert document.reading is Reading.OCR
    assert document.text_error is None
    text = (document.text or "").lower()
    # The photo lies on its side: these words are found only if the EXIF orientation was honoured.
    for word in ("almenara", "carta", "intención", "convocatoria", "alcaldesa"):
        assert word in text
    assert elapsed < 15


def test_sideways_photo_without_exif_and_upside_down_scan_are_turned_upright() -> None:
    ocr = engine()
    sideways = ocr.recognise(phone_photo(exif=False), "image/jpeg")
    assert sideways.reading is Reading.OCR
    assert "convocatoria" in (sideways.text or "") and "Almenara" in (sideways.text or "")

    lines = FORM_PAGE + ["We confirm the participation of the city council"] * 4
    flipped = ocr.recognise(scanned_pdf([lines], upside_down=True), "application/pdf")
    assert flipped.reading is Reading.OCR
    assert "Application form" in (flipped.text or "")


def test_a_photo_with_a_nonstandard_type_is_recognised(photo: bytes) -> None:
    read = read_document(photo, "IMG_2041", "image/jpg", engine())
    assert read.reading is Reading.OCR and "Almenara" in (read.text or "")


def test_scanned_form_pdf_is_read_page_by_page_up_to_the_limit(scan: bytes) -> None:
    ocr = engine()
    read = read_document(scan, "scan0001.pdf", "application/pdf", ocr)
    assert read.reading is Reading.OCR
    assert read.text is not None
    assert "Application form" in read.text and "Almenara" in read.text
    assert "Budget overview" in read.text.split("\f")[1]

    first_page_only = engine(max_pages=1)
    read = read_document(scan, "scan0001.pdf", "application/pdf", first_page_only)
    assert read.reading is Reading.OCR
    assert "Almenara" in (read.text or "") and "Budget" not in (read.text or "")


def test_without_ocr_a_scan_is_unread_not_empty(scan: bytes) -> None:
    read = read_document(scan, "scan0001.pdf", "application/pdf", None)
    assert (read.text, read.error, read.reading) == (None, None, Reading.UNREAD)


def test_photo_with_no_text_is_no_text(skyline: bytes, call: CallSettings) -> None:
    ocr = engine()
    intake = parse_message(message_with("IMG_2050.jpg", "image/jpeg", skyline), call, ocr=ocr)
    (document,) = intake.documents
    assert document.reading is Reading.NO_TEXT
    assert document.text is None and document.text_error is None


def test_blank_scanned_page_is_no_text() -> None:
    blank = scanned_pdf([[""]])
    assert read_document(blank, "scan0002.pdf", "application/pdf", engine()).reading is (
        Reading.NO_TEXT
    )


def test_missing_tesseract_leaves_scans_unread_without_an_exception(
    photo: bytes, call: CallSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = engine(tesseract_command=str(tmp_path / "no-such-tesseract"))
    status = missing.status()
    assert not status.available and "not installed" in status.detail
    intake = parse_message(message_with("IMG_2041.jpg", "image/jpeg", photo), call, ocr=missing)
    (document,) = intake.documents
    assert document.reading is Reading.UNREAD
    assert document.text is None and document.text_error is None  # the photo itself is fine
    assert missing.runs == 0

    config = embedded_config(tmp_path)
    with config.open("a", encoding="utf-8") as settings:
        settings.write(f'[ocr]\ntesseract_command = "{tmp_path / "no-such-tesseract"}"\n')
    main(["doctor", "--config", str(config)])
    (line,) = [row for row in capsys.readouterr().out.splitlines() if " ocr " in row]
    assert line.startswith("warn") and "off:" in line
    assert "apt-get install tesseract-ocr tesseract-ocr-spa" in line


def test_check_with_a_photo_writes_no_cache(
    photo: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    eml = tmp_path / "photo.eml"
    eml.write_bytes(message_with("IMG_2041.jpg", "image/jpeg", photo))
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(eml), "--json", "--config", str(embedded_config(tmp_path))]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["decision"] in ("accepted", "incomplete")  # decided, whatever the classifier
    assert not list(tmp_path.rglob("ocr-cache"))  # `check` stores nothing, the cache included


def test_doctor_says_ocr_is_on_with_version_and_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tools("tesseract")
    main(["doctor", "--config", str(embedded_config(tmp_path))])
    (line,) = [row for row in capsys.readouterr().out.splitlines() if " ocr " in row]
    assert line.startswith("ok")
    assert "Tesseract 5" in line or "Tesseract 4" in line
    assert "eng+spa+por+fra+deu+ita+pol+nld+cat" in line


def test_only_installed_languages_are_used() -> None:
    ocr = engine(languages="eng+spa+xyz")
    status = ocr.status()
    assert status.available
    assert status.languages == ("eng", "spa")
    assert status.missing_languages == ("xyz",)
    assert "no language data for xyz" in status.detail


def test_the_same_scan_is_recognised_once(photo: bytes, tmp_path: Path) -> None:
    ocr = engine(tmp_path)
    first = ocr.recognise(photo, "image/jpeg")
    assert ocr.runs == 1
    assert ocr.recognise(photo, "image/jpeg") == first  # from memory
    assert ocr.runs == 1
    cached = list((tmp_path / "ocr-cache").glob("*.json"))
    assert len(cached) == 1

    restarted = engine(tmp_path)  # a new process: the memory is gone, the folder is not
    assert restarted.recognise(photo, "image/jpeg") == first
    assert restarted.runs == 0

    other = engine(tmp_path, languages="eng")  # other languages may read otherwise
    other.recognise(photo, "image/jpeg")
    assert other.runs == 1


def test_time_limit_gives_unread_with_a_reason(photo: bytes, tmp_path: Path) -> None:
    hurried = engine(tmp_path, timeout_s=0.05)
    started = time.perf_counter()
    result = hurried.recognise(photo, "image/jpeg")
    assert time.perf_counter() - started < 5
    assert result.reading is Reading.UNREAD
    assert result.note is not None and "limit of 0.05 s" in result.note
    assert not (tmp_path / "ocr-cache").exists()  # a timeout is tried again next time


def test_heic_huge_and_damaged_images_are_unread(photo: bytes) -> None:
    ocr = engine()
    heic = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 400
    result = ocr.recognise(heic, "image/heic")
    assert result.reading is Reading.UNREAD and result.error is None
    assert result.note is not None and "HEIC" in result.note
    huge = io.BytesIO()
    Image.new("L", (10_000, 10_000)).save(huge, "PNG")  # 100 megapixels: refused, not read
    result = ocr.recognise(huge.getvalue(), "image/png")
    assert result.reading is Reading.UNREAD and result.error is None
    assert result.note == "the picture is too large to be recognised"
    damaged = read_document(photo[:2000], "IMG_2041.jpg", "image/jpeg", ocr)
    assert damaged.reading is Reading.UNREAD
    assert damaged.error is not None and "could not be decoded" in damaged.error


def test_a_scanners_stamp_is_not_a_text_layer() -> None:
    stamped = scanned_pdf([FORM_PAGE], stamp="Scanned by CamScanner")
    ocr = engine()
    read = read_document(stamped, "scan0003.pdf", "application/pdf", ocr)
    assert read.reading is Reading.OCR
    assert "Application form" in (read.text or "")
    # Without OCR the page is still unread: the stamp says nothing about what the scan is.
    alone = read_document(stamped, "scan0003.pdf", "application/pdf", None)
    assert (alone.reading, alone.text) == (Reading.UNREAD, None)
    # A real PDF with as little text and no picture is text.
    short = make_pdf("Scanned by CamScanner")
    assert read_document(short, "note.pdf", "application/pdf", ocr).reading is Reading.TEXT


def test_a_pdf_with_a_real_text_layer_is_not_recognised() -> None:
    ocr = engine()
    read = read_document(make_pdf("Application form\nName of the city"), "f.pdf", "", ocr)
    assert read.reading is Reading.TEXT
    assert ocr.runs == 0


def _page(ink_rows: int, *, size: tuple[int, int] = (420, 594), paper: int = 245) -> Image.Image:
    """A page of light paper with ``ink_rows`` dark bars where lines of writing would be."""
    page = Image.new("L", size, paper)
    draw = ImageDraw.Draw(page)
    for row in range(ink_rows):
        top = 40 + row * 14
        draw.rectangle((40, top, size[0] - 60 - (row % 3) * 40, top + 5), fill=40)
    return page


def test_a_page_with_lines_of_ink_looks_written_and_pictures_do_not() -> None:
    from rrr_mailbot.intake.ocr import looks_written

    assert looks_written(_page(30))  # a letter whose words OCR could not read
    assert not looks_written(_page(0))  # a blank page
    assert not looks_written(_page(30, size=(594, 594)))  # square: a logo, not a page
    gradient = Image.linear_gradient("L").resize((420, 594))
    assert not looks_written(gradient)  # a photo's mid-tones
    assert not looks_written(_page(30, paper=150))  # grey, not paper


@pytest.mark.parametrize(
    ("token", "real"),
    [
        ("Porto", True),
        ("city", True),
        ("Scanned", True),
        ("DDD", False),
        ("XDDD", False),
        ("MITY", False),
        ("xPP", False),
        ("ab", False),
        ("Ayuntamiento", True),
    ],
)
def test_what_counts_as_a_real_word(token: str, real: bool) -> None:
    from rrr_mailbot.intake.ocr import _is_real_word

    assert _is_real_word(token) is real
