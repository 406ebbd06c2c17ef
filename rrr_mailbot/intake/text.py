"""Readable text of documents and message bodies: PDF (page text and form fields), DOCX (table
forms as ``question: answer`` lines), ODT, RTF, legacy Word .doc, XLSX, PPTX, plain text and HTML;
scans and photos through an OCR engine when one is given.

Everything here is bounded (pages, characters, time) and never raises: a file that cannot be read
gives ``(None, why)``. Formats we do not read give ``(None, None)``, because "no text" is then not
a defect of the file: a scanned, signed letter is a perfectly good letter.
"""

from __future__ import annotations

import codecs
import gc
import io
import logging
import re
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

from rrr_mailbot.intake.containers import safe_office_package
from rrr_mailbot.intake.ocr import OcrEngine, is_ocr_candidate
from rrr_mailbot.model import Reading

logger = logging.getLogger(__name__)

MAX_PAGES = 20
# Decoded drawing instructions read from one PDF; real pages hold 10-500 KB each.
MAX_PDF_CONTENT_BYTES = 8_000_000
PDF_MAX_STREAM_BYTES = 20_000_000
MAX_PDF_PAGE_NODES = 5000  # pages and page-tree nodes of one PDF
MAX_TEXT_CHARS = 200_000
MAX_BODY_CHARS = 20_000

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
DOCX_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
        "application/vnd.ms-word.document.macroenabled.12",
    }
)
ODT_TYPES = frozenset(
    {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template"}
)
RTF_TYPES = frozenset({"application/rtf", "text/rtf", "application/x-rtf", "text/richtext"})
PLAIN_TYPES = frozenset({"text/plain", "text/csv", "text/markdown"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DOC_TYPES = frozenset({"application/msword", "application/vnd.ms-word"})
XLSX_TYPES = frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
PPTX_TYPES = frozenset(
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation"}
)

_DOCX_EXTENSIONS = frozenset({"docx", "docm", "dotx"})
_ODT_EXTENSIONS = frozenset({"odt", "ott"})
_PLAIN_EXTENSIONS = frozenset({"txt", "text", "csv", "md"})
_HTML_EXTENSIONS = frozenset({"html", "htm", "xhtml"})


def _extension(filename: str | None) -> str:
    if not filename:
        return ""
    _, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and ext.isalnum() else ""


def _sniff(data: bytes, ext: str, content_type: str) -> str:
    """The format to read: the bytes' own signature first, then the name, then the declared type.

    Magic first because senders mislabel files (a DOCX sent as application/octet-stream, a PDF
    called "form.doc"); the name and type only decide between formats with no signature.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        if ext in _DOCX_EXTENSIONS or content_type in DOCX_TYPES:
            return "docx"
        if ext in _ODT_EXTENSIONS or content_type in ODT_TYPES:
            return "odt"
        return _zip_office_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE compound file: Word 97-2003, Excel, an Outlook item... Only Word is read, and
        # catdoc itself says when a file is not a Word document.
        if ext in ("doc", "dot") or content_type in DOC_TYPES:
            return "doc"
        return "ole"
    if ext == "pdf" or content_type in PDF_TYPES:
        return "pdf"
    if ext in _DOCX_EXTENSIONS or content_type in DOCX_TYPES:
        return "docx"
    if ext in _ODT_EXTENSIONS or content_type in ODT_TYPES:
        return "odt"
    if ext == "rtf" or content_type in RTF_TYPES:
        return "rtf"
    if ext in _HTML_EXTENSIONS or content_type in HTML_TYPES:
        return "html"
    if ext in _PLAIN_EXTENSIONS or (content_type in PLAIN_TYPES and not ext):
        return "plain"
    return ""


def _zip_office_kind(data: bytes) -> str:
    """Tell a DOCX from an ODT by the package's member names (cheap: the central directory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ""
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return ""


_SNIFFED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF8", "image/gif"),
)


def sniff_content_type(data: bytes) -> str | None:
    """The content type a file's bytes show (PDF, DOCX, ODT, RTF, common images), or None."""
    for magic, content_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return content_type
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    return _SNIFFED_TYPES.get(_sniff(data, "", ""))


def extract_text(
    data: bytes, filename: str | None, content_type: str
) -> tuple[str | None, str | None]:
    """(text, error): the readable text of a document file (no OCR), or (None, why).

    ``(None, None)`` means the format is not one we read (images, spreadsheets of old formats...)
    or the file has no text layer (a scanned PDF): no text, and nothing wrong with the file. Text
    is bounded to about MAX_PAGES pages and MAX_TEXT_CHARS characters. Never raises.
    """
    content_type = (content_type or "").lower()
    kind = _sniff(data, _extension(filename), content_type)
    return _read_kind(kind, data, filename)


@dataclass(frozen=True)
class DocumentText:
    """What reading a file gave: its text, a defect of the file, how it was read, and a note on
    why a good file could not be read (OCR off, the time limit)."""

    text: str | None
    error: str | None
    reading: Reading
    note: str | None = None


# A PDF page that is a picture with fewer letters than this in its text layer is a scan with a
# stamp, not a text document.
_MIN_LAYER_LETTERS = 40


def read_document(
    data: bytes, filename: str | None, content_type: str, ocr: OcrEngine | None = None
) -> DocumentText:
    """Read a file as well as we can: its own text, else OCR for scans and photos, and say how.

    Reading is TEXT for a file's own text, OCR for recognised text, NO_TEXT for a file that was
    read and holds no text (an empty document, a photo without words), UNREAD otherwise. Never
    raises.
    """
    content_type = (content_type or "").lower()
    kind = _sniff(data, _extension(filename), content_type)
    body, error = _read_kind(kind, data, filename)
    if error is not None:
        return DocumentText(None, error, Reading.UNREAD)
    scan = kind == "pdf" or (not kind and is_ocr_candidate(content_type, data))
    # A scanner's stamp ("Scanned by CamScanner", a date) over a picture of the page is not the
    # document's text: the page is still a picture.
    thin = (
        kind == "pdf"
        and len(re.findall(r"[^\W\d_]", body or "")) < _MIN_LAYER_LETTERS
        and (body is None or _pdf_first_page_is_picture(data))
    )
    if body is not None and not thin:
        return DocumentText(body, None, Reading.TEXT)
    if not scan:
        read = kind in _READERS
        return DocumentText(None, None, Reading.NO_TEXT if read else Reading.UNREAD)
    if ocr is None:
        note = "no OCR engine: a scan or photo is not read"
        return DocumentText(None, None, Reading.UNREAD, note)
    result = ocr.recognise(data, content_type)
    if result.reading is Reading.OCR and result.text:
        return DocumentText(_tidy(result.text)[:MAX_TEXT_CHARS], None, Reading.OCR)
    return DocumentText(None, result.error, result.reading, result.note)


def _read_kind(kind: str, data: bytes, filename: str | None) -> tuple[str | None, str | None]:
    reader = _READERS.get(kind)
    if reader is None:
        return None, None
    data, refusal = _safe_package(data, kind)
    if refusal is not None:
        return None, refusal
    try:
        # Libraries warn about damaged files; under a strict warnings filter that would turn a
        # readable-with-quirks file into an unreadable one, so warnings are silenced here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text, error = reader(data)
    except RecursionError:
        return None, f"the {kind.upper()} file is nested too deeply to be read"
    except Exception as exc:
        logger.info(
            "could not read the text of %r (%s): %s",
            filename,
            kind,
            exc,
            extra={"action": "intake_text_failed"},
        )
        return None, f"the {kind.upper()} file could not be read: {_short(exc)}"
    if text is not None:
        text = _tidy(text)[:MAX_TEXT_CHARS]
        if not text.strip():
            text = None
    return text, error


def _safe_package(data: bytes, kind: str) -> tuple[bytes, str | None]:
    """What a DOCX/ODT reader may be handed (the package rebuilt within caps, see
    containers.safe_office_package), or why the file is not read; other kinds pass as they are."""
    if kind not in ("docx", "odt"):
        return data, None
    safe, problem = safe_office_package(data)
    return safe, None if problem is None else f"the {kind.upper()} file was not read: {problem}"


def _short(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    first = message[0] if message else ""
    return (first[:160] or type(exc).__name__).rstrip(".")


_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u3000]+")
_TABS = re.compile(r" *\t[\t ]*")  # table cells stay apart: a tab between them, not a space
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # keeps \f: it marks a new page


def _tidy(text: str) -> str:
    """Normalise whitespace: one space between words, at most one blank line between blocks."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _TABS.sub("\t", _SPACES.sub(" ", text))
    text = "\n".join(line.strip(" \t") for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


PAGE_BREAK = "\f"  # between the pages of a PDF: classify looks for titles at the top of each


class _Budget:
    """Collects text pieces up to a character budget; ``full`` says when to stop reading."""

    def __init__(self, limit: int = MAX_TEXT_CHARS) -> None:
        self.limit = limit
        self.size = 0
        self.pieces: list[str] = []

    @property
    def full(self) -> bool:
        return self.size >= self.limit

    def add(self, piece: str) -> None:
        if self.full or not piece:
            return
        piece = piece[: self.limit - self.size]
        self.pieces.append(piece)
        self.size += len(piece)

    def text(self, sep: str = "\n") -> str:
        return sep.join(self.pieces)


# --- PDF ---------------------------------------------------------------------------------------


# pypdf's objects point at one another: what a reader read (a large page image, say) is freed only
# when the cycle collector runs. After a file this large it runs at once, so that the next file
# does not start on top of this one's leftovers.
_COLLECT_AFTER_BYTES = 1_000_000


def _pdf_text(data: bytes) -> tuple[str | None, str | None]:
    try:
        return _pdf_text_configured(data)
    finally:
        if len(data) >= _COLLECT_AFTER_BYTES:
            gc.collect()


def _pdf_text_configured(data: bytes) -> tuple[str | None, str | None]:
    import pypdf

    # pypdf inflates a stream up to 75 MB by default; drawing instructions beyond our own budget
    # are refused anyway, so inflating more only costs memory (pypdf >= 7 takes the setting).
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return _pdf_text_read(data)
    with apply(zlib_maximum_output_length=PDF_MAX_STREAM_BYTES):
        return _pdf_text_read(data)


def _pdf_text_read(data: bytes) -> tuple[str | None, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Forms are often "protected" with an owner password only; they open with an empty
            # user password, exactly as they do in a PDF viewer.
            try:
                opened = reader.decrypt("")
            except DependencyError:
                return None, "the PDF is encrypted with a method this installation cannot read"
            if not opened:
                return None, "the PDF is password-protected"
        nodes = _page_tree_nodes(reader, MAX_PDF_PAGE_NODES)
        if nodes > MAX_PDF_PAGE_NODES:
            # pypdf lists every page before handing out the first: 60,000 pages took 22 s.
            return None, f"the PDF has more than {MAX_PDF_PAGE_NODES} pages, too many to be read"
        pages = _pages_within_content_budget(reader)
        if pages == 0:
            # A bomb of drawing instructions: parsing 50 MB of them takes pypdf half a minute,
            # and pdfium inflates them all in memory.
            return None, (
                f"the PDF's pages hold more than {MAX_PDF_CONTENT_BYTES} bytes of drawing "
                "instructions, which is how decompression bombs look"
            )
        budget = _pdfium_pages(data, pages)
        if budget is None:
            budget = _Budget()
            for page in reader.pages[:pages]:
                if budget.full:
                    break
                budget.add(page.extract_text() or "")
        fields = _pdf_form_lines(reader)
    except FileNotDecryptedError:
        return None, "the PDF is password-protected"
    except PdfReadError as exc:
        return None, f"the PDF is damaged: {_short(exc)}"
    text = budget.text(PAGE_BREAK)
    if fields:
        # The answers of a fillable form live in its fields, not in the page text.
        text = join_limited([text, "\n".join(fields)], MAX_TEXT_CHARS, "\n")
    # A scan has no text layer: that is not an error, the file is fine for a human reader.
    return (text if text.strip() else None), None


def _page_tree_nodes(reader: Any, limit: int) -> int:
    """How many nodes the PDF's page tree has, counting no further than ``limit`` + 1; loops
    are followed once. 0 when the tree cannot be walked (pypdf then says why)."""
    try:
        stack = [reader.trailer["/Root"]["/Pages"]]
        seen: set[int] = set()
        while stack and len(seen) <= limit:
            node = stack.pop()
            target = node.get_object()
            if id(target) in seen:
                continue
            seen.add(id(target))
            kids = target.get("/Kids")
            if kids is not None:
                stack.extend(kids.get_object())
        return len(seen)
    except Exception:  # a damaged tree: left to pypdf, which reports it
        return 0


def _page_content_bytes(page: Any) -> int:
    """How many bytes of drawing instructions a PDF page decodes to (pypdf caches them for the
    text extraction that follows); 0 when they cannot be decoded (extraction then says why), and
    more than MAX_PDF_CONTENT_BYTES when a stream inflates past pypdf's cap."""
    from pypdf import errors

    try:
        contents = page.get("/Contents")
        if contents is None:
            return 0
        contents = contents.get_object()
        streams = contents if isinstance(contents, list) else [contents]
        return sum(len(stream.get_object().get_data()) for stream in streams)
    except Exception as exc:
        limit = getattr(errors, "LimitReachedError", None)  # pypdf >= 5
        if limit is not None and isinstance(exc, limit):
            return MAX_PDF_CONTENT_BYTES + 1
        return 0  # a damaged stream: left to the text extraction, which reports it


def _pages_within_content_budget(reader: Any) -> int:
    """How many of the first MAX_PAGES pages are read: those whose drawing instructions, counted
    from the first page, stay within MAX_PDF_CONTENT_BYTES (0: the first page alone is over)."""
    content = 0
    for index, page in enumerate(reader.pages):
        if index >= MAX_PAGES:
            return MAX_PAGES
        content += _page_content_bytes(page)
        if content > MAX_PDF_CONTENT_BYTES:
            return index
    return min(len(reader.pages), MAX_PAGES)


def _pdfium_pages(data: bytes, pages: int) -> _Budget | None:
    """The text of the first pages by pdfium (about 7x faster than pypdf's extract_text on the
    corpus PDFs, and the same words), in pypdf's shape: ``\\n`` line ends, a hyphen where a word
    breaks across lines; None when pdfium cannot open the file (pypdf then reads it)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    budget = _Budget()
    try:
        for index in range(min(len(document), pages)):
            if budget.full:
                break
            page = document[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            budget.add(text.replace("\r\n", "\n").replace("\ufffe", "-\n").strip("\x0c"))
    except pypdfium2.PdfiumError:
        return None
    finally:
        document.close()
    return budget


def _pdf_first_page_is_picture(data: bytes) -> bool:
    """Whether the PDF's first page draws an image (a scan), by its resources; never raises."""
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                reader.decrypt("")
            resources: Any = reader.pages[0].get("/Resources")
            xobjects: Any = resources.get_object().get("/XObject") if resources else None
            if not xobjects:
                return False
            return any(
                str(xobject.get_object().get("/Subtype")) == "/Image"
                for xobject in xobjects.get_object().values()
            )
    except Exception:  # a damaged page tree: treat the thin text as the file's own
        return False


MAX_FORM_FIELDS = 500
_FIELD_VALUE_CHARS = 2000
_PUSH_BUTTON = 1 << 16  # /Ff bit 17: a button that does something, not an answer


def _pdf_form_lines(reader: Any) -> list[str]:
    """A fillable (AcroForm) PDF's fields as ``label: value`` lines, in the form's order.

    The label is the field's tooltip (/TU), else its name (/T). An unfilled text field gives
    ``label:`` alone, so a blank form reads as unanswered questions; a checkbox or radio button is
    listed only when ticked (``label: yes``, or its export value when that says more).
    """
    from pypdf.errors import PyPdfError

    try:
        fields = reader.get_fields() or {}
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
        logger.info("form fields unreadable: %s", exc, extra={"action": "intake_pdf_fields"})
        return []
    lines: list[str] = []
    for name, field in list(fields.items())[:MAX_FORM_FIELDS]:
        if not isinstance(field, dict):
            continue
        kind = str(field.get("/FT", ""))
        if kind == "/Sig":
            continue
        label = " ".join(str(field.get("/TU") or field.get("/T") or name).split())
        label = label.rstrip(":").strip()
        value = field.get("/V")
        if kind == "/Btn":
            flags = field.get("/Ff", 0)
            if isinstance(flags, int) and flags & _PUSH_BUTTON:
                continue
            state = str(value or "").lstrip("/")
            if state and state.lower() != "off":
                ticked = "yes" if state.lower() in ("yes", "on", "1", "true") else state
                lines.append(f"{label}: {ticked}")
            continue
        if isinstance(value, list):
            answer = ", ".join(str(v).lstrip("/") for v in value)
        else:
            answer = "" if value is None else str(value)
            if kind == "/Ch":
                answer = answer.lstrip("/")
        answer = " ".join(answer.split())[:_FIELD_VALUE_CHARS]
        lines.append(f"{label}: {answer}" if answer else f"{label}:")
    return lines


# --- DOCX --------------------------------------------------------------------------------------


def _docx_text(data: bytes) -> tuple[str | None, str | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        return None, f"the DOCX file is damaged or not a Word document: {_short(exc)}"
    budget = _Budget()
    headers: list[Any] = []
    footers: list[Any] = []
    for section in document.sections:
        headers.extend((section.first_page_header, section.header))
        footers.append(section.footer)
    seen: set[int] = set()

    def read_parts(parts: list[Any]) -> None:
        for part in parts:
            # A linked header has no definition of its own; asking for its part would add one.
            if part.is_linked_to_previous:
                continue
            element = part.part.element
            if id(element) not in seen:
                seen.add(id(element))
                _docx_paragraphs(element, budget)

    # Headers first: a letterhead or the form's title often lives there.
    read_parts(headers)
    # The body in document order, tables as rows (form fields are usually table cells), content
    # controls and text boxes included, which ``document.paragraphs`` alone would miss.
    _docx_paragraphs(document.element.body, budget)
    read_parts(footers)
    return budget.text(), None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_TEXT_TAGS = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
_MAX_TABLE_DEPTH = 8


def _docx_paragraphs(root: Any, budget: _Budget) -> None:
    """The text of a body, header or footer: its paragraphs, and its tables row by row."""
    for line in _docx_blocks(root, 0):
        if budget.full:
            return
        budget.add(line)


def _docx_blocks(root: Any, depth: int) -> Iterable[str]:
    """Lines of a container's block content in order: paragraphs, tables, content controls."""
    for child in root:
        if child.tag == f"{_W}p":
            yield _docx_paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            if depth >= _MAX_TABLE_DEPTH:
                yield " ".join(_docx_paragraph_text(p) for p in child.iter(f"{_W}p"))
            else:
                yield from _docx_table(child, depth + 1)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
            yield from _docx_blocks(child, depth)


def _docx_table(table: Any, depth: int) -> Iterable[str]:
    """A table's rows: two cells (question, answer) as ``question: answer``, others tab-joined.

    Cells are the row's own w:tc (inside content controls too), so a nested table is read once,
    inside its cell, and a merged cell (one w:tc spanning columns, or an empty continuation of
    a vertical merge) never repeats its text.
    """
    for row in _docx_children(table, f"{_W}tr"):
        cells = [
            " ".join(line for line in _docx_blocks(cell, depth) if line.strip())
            for cell in _docx_children(row, f"{_W}tc")
        ]
        cells = [" ".join(cell.split("\n")).strip() for cell in cells]
        if len(cells) == 2:
            question, answer = cells
            if not question and not answer:
                continue
            question = question.rstrip().rstrip(":").rstrip()
            yield f"{question}: {answer}" if answer else f"{question}:"
        elif any(cells):
            yield "\t".join(cells)


def _docx_children(element: Any, tag: str) -> Iterable[Any]:
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_children(child, tag)


def _docx_paragraph_text(paragraph: Any) -> str:
    pieces: list[str] = []
    if paragraph.find(f"{_W}pPr/{_W}pageBreakBefore") is not None:
        pieces.append(PAGE_BREAK)
    for node in paragraph.iter(*_DOCX_TEXT_TAGS):
        if node.tag == f"{_W}br" and node.get(f"{_W}type") == "page":
            pieces.append(PAGE_BREAK)  # a combined file: the letter starts on a new page
        elif node.tag != f"{_W}t":
            pieces.append("\t" if node.tag == f"{_W}tab" else "\n")
        elif not any(a.tag == _MC_FALLBACK for a in node.iterancestors()):
            # (the legacy VML copy of a text box repeats the modern one; a text box's own
            # paragraphs are inside this one, so they are read here, once)
            pieces.append(node.text or "")
    return "".join(pieces)


# --- ODT ---------------------------------------------------------------------------------------


def _odt_text(data: bytes) -> tuple[str | None, str | None]:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except (KeyError, zipfile.BadZipFile) as exc:
        return None, f"the ODT file is damaged or not an OpenDocument text: {_short(exc)}"
    budget = _Budget()
    wanted = {(TEXTNS, "p"), (TEXTNS, "h")}
    # Iterative walk in document order; a paragraph's own text includes its nested spans, so we
    # do not descend into it.
    stack = [document.text]
    while stack and not budget.full:
        node = stack.pop()
        if getattr(node, "qname", None) in wanted:
            budget.add(teletype.extractText(node))
            continue
        children = getattr(node, "childNodes", None) or []
        stack.extend(reversed(children))
    return budget.text(), None


# --- RTF ---------------------------------------------------------------------------------------

# Destinations whose content is not text a reader sees.
_RTF_SKIP = frozenset(
    {
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "datastore",
        "themedata",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "latentstyles",
        "filetbl",
        "revtbl",
        "mmathPr",
        "colorschememapping",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "shppict",
        "nonshppict",
        "blipuid",
        "footnote",
        "annotation",
        "pgdsctbl",
        "wgrffmtfilter",
        "operator",
        "author",
        "title",
        "company",
        "listtext",
        "pntext",
        "pntxta",
        "pntxtb",
    }
)
_RTF_BREAKS = {
    "par": "\n",
    "line": "\n",
    "sect": "\n\n",
    "page": "\n\n",
    "row": "\n",
    "cell": "\t",
    "tab": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "~": "\u00a0",
    "_": "\u2011",
}
_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
    re.DOTALL,
)


def rtf_to_text(data: bytes, limit: int = MAX_TEXT_CHARS) -> str:
    """The visible text of an RTF document: a control-word stripper, linear in the input size.

    Understands groups, ignorable destinations, ``\\'hh`` bytes in the document's ANSI code page,
    ``\\uN`` characters with their ``\\ucN`` fallbacks, and paragraph/cell breaks.
    """
    out = _Budget(limit)
    codepage = "cp1252"
    # Per group: (skipping, unicode fallback length)
    stack: list[tuple[bool, int]] = []
    skipping = False
    uc = 1
    to_skip = 0  # fallback characters still to drop after a \uN
    pending = bytearray()  # \'hh bytes are collected so multi-byte code pages decode right

    def flush() -> None:
        if pending:
            if not skipping:
                out.add(pending.decode(codepage, errors="replace"))
            pending.clear()

    first_in_group = False
    for match in _RTF_TOKEN.finditer(data):
        if out.full:
            break
        word, arg, hexbyte, symbol, brace, plain = match.groups()
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
                continue
            pending.append(int(hexbyte, 16))
            first_in_group = False
            continue
        flush()
        if brace == b"{":
            stack.append((skipping, uc))
            first_in_group = True
            continue
        if brace == b"}":
            skipping, uc = stack.pop() if stack else (False, 1)
            to_skip = 0
            first_in_group = False
            continue
        if word is not None:
            name = word.decode("ascii")
            if first_in_group and name in _RTF_SKIP:
                skipping = True
            first_in_group = False
            if name == "ansicpg" and arg:
                candidate = f"cp{int(arg)}"
                try:
                    codecs.lookup(candidate)
                    codepage = candidate
                except LookupError:
                    pass
            elif name == "uc" and arg:
                uc = max(0, int(arg))
            elif name == "u" and arg:
                value = int(arg)
                if value < 0:
                    value += 65536
                if not skipping and 0 < value < 0x110000 and not 0xD800 <= value <= 0xDFFF:
                    out.add(chr(value))
                to_skip = uc
            elif name in _RTF_BREAKS and not skipping:
                out.add(_RTF_BREAKS[name])
            continue
        if symbol is not None:
            if symbol == b"*" and first_in_group:
                skipping = True
            elif not skipping and symbol in (b"\\", b"{", b"}"):
                out.add(symbol.decode("ascii"))
            elif not skipping and symbol in (b"~", b"_"):
                out.add(_RTF_BREAKS[symbol.decode("ascii")])
            elif symbol in (b"\n", b"\r") and not skipping:
                out.add("\n")
            first_in_group = False
            continue
        if plain is not None:
            first_in_group = False
            if to_skip:
                # The \uN fallback characters are plain text right after the control word.
                dropped = min(to_skip, len(plain))
                plain = plain[dropped:]
                to_skip -= dropped
            if plain and not skipping:
                out.add(plain.decode(codepage, errors="replace"))
    flush()
    return out.text("")


def _rtf_file_text(data: bytes) -> tuple[str | None, str | None]:
    if data.lstrip()[:5] != b"{\\rtf":
        return None, "the RTF file is damaged: it does not start with an RTF header"
    return rtf_to_text(data), None


# --- legacy Word, XLSX, PPTX ----------------------------------------------------------------------

DOC_TIMEOUT_S = 10.0


def _doc_text(data: bytes) -> tuple[str | None, str | None]:
    """Word 97-2003 through Debian's catdoc, a separate process under a time limit.

    catdoc rather than antiword: it reads Word 6/95 too, and files antiword refuses (fast-saved);
    and a subprocess keeps a crash or a hang on a hostile file out of our process.
    """
    program = shutil.which("catdoc")
    if program is None:
        logger.info("catdoc is not installed", extra={"action": "intake_doc_unavailable"})
        return None, None  # nothing wrong with the file: this installation cannot read it
    try:
        done = subprocess.run(
            [program, "-w", "-d", "utf-8", "-"],
            input=data,
            capture_output=True,
            timeout=DOC_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"the Word file took longer than {DOC_TIMEOUT_S:g} s to read"
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, "the Word file could not be read: " + (
            why[0][:160] if why else "catdoc failed"
        )
    return done.stdout[: MAX_TEXT_CHARS * 4].decode("utf-8", "replace"), None


_XML_MEMBER_BYTES = 20_000_000  # one sheet or slide read at most this far (a zip bomb stops here)
_MAX_SHEETS = 20
_MAX_SLIDES = 60
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DRAWING_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _zip_xml(archive: zipfile.ZipFile, name: str) -> Any:
    with archive.open(name) as member:
        content = member.read(_XML_MEMBER_BYTES + 1)
    if len(content) > _XML_MEMBER_BYTES:
        raise ValueError(f"{name} is larger than {_XML_MEMBER_BYTES} bytes")
    return ElementTree.fromstring(content)  # noqa: S314 (stdlib expat expands no external entities)


def _numbered(names: Iterable[str], prefix: str) -> list[str]:
    found = [n for n in names if n.startswith(prefix) and n.endswith(".xml") and "/_rels" not in n]
    return sorted(found, key=lambda n: int(re.sub(r"\D", "", n.rsplit("/", 1)[-1]) or 0))


def _xlsx_text(data: bytes) -> tuple[str | None, str | None]:
    """An XLSX workbook's cell text, row by row, cells tab-joined: enough to tell what it is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return None, f"the XLSX file is damaged: {_short(exc)}"
    budget = _Budget()
    with archive:
        names = archive.namelist()
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for item in _zip_xml(archive, "xl/sharedStrings.xml").iter(f"{_SHEET_NS}si"):
                shared.append("".join(t.text or "" for t in item.iter(f"{_SHEET_NS}t")))
        for sheet in _numbered(names, "xl/worksheets/sheet")[:_MAX_SHEETS]:
            for row in _zip_xml(archive, sheet).iter(f"{_SHEET_NS}row"):
                cells = []
                for cell in row.iter(f"{_SHEET_NS}c"):
                    value = cell.find(f"{_SHEET_NS}v")
                    kind = cell.get("t")
                    if kind == "s" and value is not None and (value.text or "").isdigit():
                        index = int(value.text or 0)
                        cells.append(shared[index] if index < len(shared) else "")
                    elif kind == "inlineStr":
                        cells.append("".join(t.text or "" for t in cell.iter(f"{_SHEET_NS}t")))
                    elif value is not None:
                        cells.append(value.text or "")
                if any(cells):
                    budget.add("\t".join(cells))
                if budget.full:
                    return budget.text(), None
            budget.add(PAGE_BREAK)
    return budget.text(), None


def _pptx_text(data: bytes) -> tuple[str | None, str | None]:
    """A PPTX presentation's slide text, one slide a page, one paragraph a line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return None, f"the PPTX file is damaged: {_short(exc)}"
    slides: list[str] = []
    with archive:
        for slide in _numbered(archive.namelist(), "ppt/slides/slide")[:_MAX_SLIDES]:
            paragraphs = [
                "".join(t.text or "" for t in paragraph.iter(f"{_DRAWING_NS}t"))
                for paragraph in _zip_xml(archive, slide).iter(f"{_DRAWING_NS}p")
            ]
            slides.append("\n".join(p for p in paragraphs if p.strip()))
    return join_limited(slides, MAX_TEXT_CHARS, PAGE_BREAK), None


# --- plain text and HTML -----------------------------------------------------------------------


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Bytes of a text to str: a byte-order mark, then the declared charset, UTF-8, then cp1252.

    Never raises; an unknown or wrong charset falls back rather than failing.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [c for c in (charset, "utf-8") if c]
    for candidate in candidates:
        try:
            return data.decode(_charset_alias(candidate))
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    # Mail that lies about its charset is nearly always Windows-1252 (a superset of Latin-1).
    return data.decode("cp1252", errors="replace")


def _charset_alias(charset: str) -> str:
    charset = charset.strip().strip("\"'").lower()
    # Names that mail clients use but Python spells otherwise, or that mean a superset.
    return {
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "us-ascii": "cp1252",
        "ascii": "cp1252",
        "unicode-1-1-utf-7": "utf-7",
        "x-unknown": "cp1252",
        "unknown-8bit": "cp1252",
        "windows-874": "cp874",
    }.get(charset, charset)


def _plain_file_text(data: bytes) -> tuple[str | None, str | None]:
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, "the text file holds binary data"
    return decode_text(data[: MAX_TEXT_CHARS * 4])[:MAX_TEXT_CHARS], None


def _html_file_text(data: bytes) -> tuple[str | None, str | None]:
    text, _ = html_to_text(decode_text(data[: MAX_TEXT_CHARS * 4]))
    return text, None


_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dt",
        "dd",
        "title",
    }
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "template", "noscript", "xml"})


class _HtmlText(HTMLParser):
    """Collects the visible text and the link targets (href and src) of an HTML document."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Budget(limit)
        self.links: list[str] = []
        self.hidden = 0

    def _newline(self) -> None:
        # One line break between blocks, however many block tags meet there.
        if self.out.pieces and not self.out.pieces[-1].endswith("\n"):
            self.out.add("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self.out.add("\n")
        elif tag in _BLOCK_TAGS:
            self._newline()
        elif tag in ("td", "th"):
            self.out.add("\t")
        for name, value in attrs:
            if name in ("href", "src") and value and len(self.links) < 1000:
                self.links.append(value.strip())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.add(data)


def html_to_text(html: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, list[str]]:
    """(visible text, link targets) of an HTML document; tolerant of broken markup, never raises."""
    parser = _HtmlText(limit)
    try:
        # Feeding in slices keeps the parser's buffer small on huge single-line HTML.
        for start in range(0, min(len(html), limit * 8), 65536):
            parser.feed(html[start : start + 65536])
            if parser.out.full:
                break
        parser.close()
    except Exception as exc:  # html.parser is lenient, but an assertion on bizarre input exists
        logger.debug("HTML parsing stopped early: %s", exc, extra={"action": "intake_html"})
    return _tidy(parser.out.text("")), parser.links


_READERS = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "odt": _odt_text,
    "rtf": _rtf_file_text,
    "plain": _plain_file_text,
    "html": _html_file_text,
    "doc": _doc_text,
    "xlsx": _xlsx_text,
    "pptx": _pptx_text,
}


def unflow(text: str, delsp: bool) -> str:
    """Undo RFC 3676 format=flowed: join soft-broken lines, remove space-stuffing."""
    lines = text.split("\n")
    out: list[str] = []
    current: list[str] = []
    for raw_line in lines:
        line = raw_line.rstrip("\r")
        quote = len(line) - len(line.lstrip(">"))
        content = line[quote:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        current.append(content)
        if not soft:
            out.append((">" * quote + " " if quote else "") + "".join(current))
            current = []
    if current:
        out.append("".join(current))
    return "\n".join(out)


# --- language ----------------------------------------------------------------------------------

# Frequent short words that are distinctive enough per language; a count over these is a cheap
# and adequate guess for mail-length text. (Words shared by two languages count for both.)
_STOPWORD_LISTS = {
    "en": "the and of to is that for with this we are our you your have please attached find "
    "regards dear would will from which",
    "es": "el los las del que y por para con una es su nuestra nuestro adjunto adjunta saludos "
    "estimados muy gracias les como ayuntamiento solicitud está",
    "pt": "os da do dos das que em para com uma não é nossa nosso segue anexo cumprimentos "
    "obrigado atenciosamente prezados você são",
    "fr": "le les des du et pour avec une est notre nous vous ci-joint veuillez trouver "
    "cordialement madame monsieur sont dans ville",
    "de": "der die das und ist mit für wir ihr sie den dem des ein eine nicht anbei freundlichen "
    "grüßen sehr geehrte damen herren im stadt",
    "it": "il lo gli di della che per con una è nostra nostro allegato cordiali saluti gentili "
    "siamo sono alla comune",
    "pl": "i w z na do się jest że nie od dla oraz jako przez załączeniu pozdrawiam szanowni "
    "państwo miasta naszego",
}
_STOPWORDS = {code: frozenset(words.split()) for code, words in _STOPWORD_LISTS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?", re.UNICODE)


def guess_languages(text: str, max_words: int = 3000) -> list[tuple[str, int]]:
    """Languages of a text by stopword counts, best first, as (ISO 639-1 code, hits)."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for index, match in enumerate(_WORD.finditer(text)):
        if index >= max_words:
            break
        word = match.group().lower()
        for code, words in _STOPWORDS.items():
            if word in words:
                counts[code] += 1
    ranked = sorted(((c, n) for c, n in counts.items() if n), key=lambda item: -item[1])
    return ranked


def join_limited(pieces: Iterable[str], limit: int, sep: str = "\n\n") -> str:
    """Join text pieces, stopping at ``limit`` characters (no quadratic concatenation)."""
    budget = _Budget(limit)
    first = True
    for piece in pieces:
        if not piece:
            continue
        if not first:
            budget.add(sep)
        budget.add(piece)
        first = False
    return budget.text("")
