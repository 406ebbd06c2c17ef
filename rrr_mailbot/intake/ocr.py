"""Text recognised in scans and photos: Tesseract (through pytesseract) over images and over the
pages of PDFs without a text layer (rendered with pypdfium2).

Intake takes an :class:`OcrEngine` as an argument, so it runs and is tested without Tesseract;
``None`` means no OCR. :class:`TesseractOcr` is the real engine. Everything is bounded: the first
``max_pages`` pages, images scaled down to ``max_side_px``, ``timeout_s`` per file. Results are
cached by the file's SHA-256 (in memory, and in a folder when one is given) so the same scan is
never recognised twice. Nothing here raises: a file that cannot be recognised gives an
:class:`OcrResult` with reading UNREAD and the reason.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rrr_mailbot.files import write_atomically
from rrr_mailbot.model import Reading

if TYPE_CHECKING:
    from PIL.Image import Image

    from rrr_mailbot.config import OcrSettings

logger = logging.getLogger(__name__)
_R = TypeVar("_R")

IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/pjpeg", "image/png", "image/tiff", "image/heic", "image/heif"}
)
# A word counts as real text when Tesseract is this sure of it and it has this many letters:
# on a photo of a building Tesseract still emits strings, but short ones of low confidence.
MIN_WORD_CONFIDENCE = 60
MIN_WORD_LETTERS = 3
MIN_REAL_WORDS = 4
# Many words of low average confidence: text read the wrong way up (measured: upright letters
# average 90, the same page turned 90 or 180 degrees about 58).
_GARBLED_MIN_WORDS = 10
_GARBLED_MEAN = 75.0
_MIN_ORIENTATION_CONFIDENCE = 1.0
_CACHE_VERSION = 1  # bump when what is cached (or how it is recognised) changes
_MEMORY_ENTRIES = 256
_LETTERS = re.compile(r"[^\W\d_]")
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿąęįųėœ")
_REAL_SHARE = 0.25


def _is_real_word(word: str) -> bool:
    """A token that looks like a word of prose: enough letters, a vowel among them, and not a
    short run of capitals ("DDD", "XDDD", "MITY"), which is what ruled lines and bars turn into."""
    letters = _LETTERS.findall(word)
    if len(letters) < MIN_WORD_LETTERS:
        return False
    if not any(c.lower() in _VOWELS for c in letters):
        return False
    return not (word.isupper() and len(letters) <= 5)


@dataclass(frozen=True)
class OcrResult:
    """What recognition gave for one file: text with reading OCR, NO_TEXT, or UNREAD and why.

    ``error`` is a defect of the file (an image that does not decode); ``note`` is why we could
    not recognise a good file (OCR off, the time limit, a format Pillow does not open).
    """

    reading: Reading
    text: str | None = None
    error: str | None = None
    note: str | None = None
    pages: int = 0


class OcrEngine(Protocol):
    """Recognises the text of a scan or a photo; never raises."""

    def recognise(self, data: bytes, content_type: str) -> OcrResult: ...


@dataclass(frozen=True)
class OcrStatus:
    """Whether OCR can run here, and with what (for doctor and the start-up log line)."""

    available: bool
    version: str | None
    languages: tuple[str, ...]
    missing_languages: tuple[str, ...]
    detail: str
    orientation: bool = False  # Tesseract's orientation data (osd) is installed


INSTALL_HINT = (
    "apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-fra "
    "tesseract-ocr-deu tesseract-ocr-ita tesseract-ocr-pol tesseract-ocr-nld tesseract-ocr-cat"
)

# pytesseract keeps the binary's path in a module global; a lock keeps two engines (tests point
# one at a missing binary) from seeing each other's.
_TESSERACT_LOCK = threading.Lock()


class TesseractOcr:
    """OCR with the Tesseract binary; ``command`` is its name or path (a missing one: OCR off)."""

    def __init__(
        self,
        *,
        languages: tuple[str, ...],
        max_pages: int,
        timeout_s: float,
        max_side_px: int,
        page_dpi: int,
        cache_dir: Path | None = None,
        command: str = "tesseract",
    ) -> None:
        self.wanted_languages = languages
        self.max_pages = max_pages
        self.timeout_s = timeout_s
        self.max_side_px = max_side_px
        self.page_dpi = page_dpi
        self.cache_dir = cache_dir
        self.command = command
        self.runs = 0  # how many times Tesseract was started (the cache test counts them)
        self._memory: OrderedDict[str, OcrResult] = OrderedDict()
        self._memory_lock = threading.Lock()
        self._status: OcrStatus | None = None
        # Tesseract's OpenMP threads fight each other on small machines: one thread per run was
        # four times faster on 2 cores (1 s instead of 4 s a photo). pytesseract hands our
        # environment to the process; an operator's own value is kept.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def __getstate__(self) -> dict[str, Any]:
        # A copy in a reader process (intake.workers) starts with its own lock and memory cache.
        state = self.__dict__.copy()
        state.update(_memory=OrderedDict(), _memory_lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _memory_lock=threading.Lock())

    @classmethod
    def from_settings(
        cls, settings: OcrSettings, data_dir: Path, *, disk_cache: bool = True
    ) -> TesseractOcr | None:
        """The engine the settings ask for, or None when ``[ocr] enabled = false``.

        Without ``disk_cache`` results are kept in memory only (for `check`, which writes
        nothing).
        """
        if not settings.enabled:
            return None
        return cls(
            languages=settings.language_codes,
            max_pages=settings.max_pages,
            timeout_s=settings.timeout_s,
            max_side_px=settings.max_side_px,
            page_dpi=settings.page_dpi,
            cache_dir=(settings.cache_dir or data_dir / "ocr-cache") if disk_cache else None,
            command=settings.tesseract_command,
        )

    # -- what is installed --

    def status(self) -> OcrStatus:
        """Tesseract's version and the wanted languages it has data for (asked once)."""
        if self._status is None:
            self._status = self._probe()
            if self._status.available:
                logger.info("OCR on: %s", self._status.detail, extra={"action": "ocr.available"})
            else:
                logger.warning(
                    "OCR off: %s", self._status.detail, extra={"action": "ocr.unavailable"}
                )
        return self._status

    def _probe(self) -> OcrStatus:
        wanted = self.wanted_languages
        if shutil.which(self.command) is None:
            return OcrStatus(
                False, None, (), wanted, f"the {self.command!r} program is not installed"
            )
        try:
            import pytesseract

            with _TESSERACT_LOCK:
                pytesseract.pytesseract.tesseract_cmd = self.command
                version = str(pytesseract.get_tesseract_version())
                installed = set(pytesseract.get_languages())
        except Exception as exc:  # a broken install: say so, run without OCR
            return OcrStatus(False, None, (), wanted, f"{self.command!r} does not run: {exc}")
        usable = tuple(code for code in wanted if code in installed)
        missing = tuple(code for code in wanted if code not in installed)
        if not usable:
            return OcrStatus(
                False, version, (), missing, "no language data installed for " + "+".join(wanted)
            )
        detail = f"Tesseract {version}, languages {'+'.join(usable)}"
        if missing:
            detail += f" (no language data for {'+'.join(missing)})"
        return OcrStatus(True, version, usable, missing, detail, "osd" in installed)

    # -- recognition --

    def recognise(
        self, data: bytes, content_type: str, *, timeout_s: float | None = None
    ) -> OcrResult:
        """``timeout_s`` shortens the per-file limit (what is left of a message's budget)."""
        limit_s = self.timeout_s if timeout_s is None else min(self.timeout_s, timeout_s)
        status = self.status()
        if not status.available:
            return OcrResult(Reading.UNREAD, note=f"OCR is off: {status.detail}")
        key = self._cache_key(data, status)
        cached = self._cached(key)
        if cached is not None:
            return cached
        from PIL import Image

        started = time.monotonic()
        try:
            with warnings.catch_warnings():
                # Pillow only warns about an image of over 89 megapixels: refuse it (below).
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                result = self._recognise(data, content_type, status, started, limit_s)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            result = OcrResult(Reading.UNREAD, note="the picture is too large to be recognised")
        except _Timeout:
            result = OcrResult(
                Reading.UNREAD, note=f"OCR took longer than the limit of {limit_s:g} s"
            )
        except _UnsupportedImage as exc:
            result = OcrResult(Reading.UNREAD, note=str(exc))
        except Exception as exc:
            # Pillow and pdfium raise their own types (OSError, PdfiumError...) for files they
            # cannot decode; Tesseract's own failures arrive as TesseractError.
            logger.info("OCR failed: %s", exc, extra={"action": "ocr.failed"})
            result = OcrResult(Reading.UNREAD, error=f"the file could not be decoded: {exc}")
        elapsed = time.monotonic() - started
        logger.debug(
            "OCR %s in %.2f s: %s",
            content_type,
            elapsed,
            result.reading.value,
            extra={"action": "ocr.done", "seconds": round(elapsed, 3)},
        )
        if result.reading is not Reading.UNREAD:
            self._store(key, result)  # failures and timeouts are tried again next time
        return result

    def _recognise(
        self, data: bytes, content_type: str, status: OcrStatus, started: float, limit_s: float
    ) -> OcrResult:
        pieces: list[str] = []
        real_words = 0
        pages = 0

        def remaining() -> float:
            left = limit_s - (time.monotonic() - started)
            if left <= 0:
                raise _Timeout
            return left

        written = True  # every page looks like a written page (see looks_written)
        for image in self._images(data, content_type):
            written = written and looks_written(image)
            page = self._page_text(image, status.languages, remaining())
            if page.garbled and status.orientation:
                # A page photographed sideways or upside down with no EXIF to say so reads as
                # confident-looking garbage: ask Tesseract which way is up, and read it again.
                turn = self._rotation(image, remaining())
                if turn:
                    turned = image.rotate(-turn, expand=True)
                    again = self._page_text(turned, status.languages, remaining())
                    if again.real > page.real:
                        page = again
            pieces.append(page.text)
            real_words += page.real
            pages += 1
        if real_words < MIN_REAL_WORDS and written and pages:
            # Paper with lines of ink and no word we could read: handwriting, a faint or
            # low-resolution scan. Not "no text": unread, so it may still be the missing letter.
            return OcrResult(
                Reading.UNREAD, note="no words recognised on what looks like a written page"
            )
        if real_words < MIN_REAL_WORDS:
            return OcrResult(Reading.NO_TEXT, pages=pages)
        return OcrResult(Reading.OCR, text="\f".join(pieces).strip(), pages=pages)

    def _images(self, data: bytes, content_type: str) -> list[Image]:
        if content_type not in IMAGE_TYPES and b"%PDF-" in data[:1024]:
            return self._pdf_pages(data)
        return [self._photo(data)]

    def _photo(self, data: bytes) -> Image:
        from PIL import Image, ImageOps, UnidentifiedImageError

        try:
            opened = Image.open(io.BytesIO(data))
        except UnidentifiedImageError as exc:
            if data[4:8] == b"ftyp":  # HEIC/HEIF: Pillow needs a plugin we do not install
                raise _UnsupportedImage("HEIC photos are not read (no decoder installed)") from exc
            raise
        # JPEG can decode straight to a smaller size: a 12-megapixel photo costs a fraction.
        opened.draft("L", (self.max_side_px, self.max_side_px))
        # Phones store a photo as the sensor saw it and say in EXIF how to turn it.
        return self._fit(ImageOps.exif_transpose(opened))

    def _pdf_pages(self, data: bytes) -> list[Image]:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        try:
            images = []
            for index in range(min(len(document), self.max_pages)):
                page = document[index]
                _refuse_huge_pictures(page)
                width, height = page.get_size()  # in points, 1/72 inch
                scale = min(self.page_dpi / 72, self.max_side_px / max(width, height, 1))
                images.append(self._fit(page.render(scale=scale, grayscale=True).to_pil()))
                page.close()
            return images
        finally:
            document.close()

    def _fit(self, image: Image) -> Image:
        image = image.convert("L")
        if max(image.size) > self.max_side_px:
            image.thumbnail((self.max_side_px, self.max_side_px))
        return image

    def _page_text(self, image: Image, languages: tuple[str, ...], timeout_s: float) -> _Page:
        """The page's text, line by line, and how many of its words are confidently real."""
        import pytesseract

        table: dict[str, list[Any]] = self._run(
            lambda: pytesseract.image_to_data(
                image,
                lang="+".join(languages),
                timeout=max(timeout_s, 0.01),
                output_type=pytesseract.Output.DICT,
            )
        )
        lines: dict[tuple[int, int, int, int], list[str]] = {}
        real = 0
        confidences: list[float] = []
        for index, word in enumerate(table["text"]):
            word = str(word).strip()
            confidence = float(table["conf"][index])
            if not word or confidence < 0:
                continue
            where = (
                int(table["page_num"][index]),
                int(table["block_num"][index]),
                int(table["par_num"][index]),
                int(table["line_num"][index]),
            )
            lines.setdefault(where, []).append(word)
            confidences.append(confidence)
            if confidence >= MIN_WORD_CONFIDENCE and _is_real_word(word):
                real += 1
        mean = sum(confidences) / len(confidences) if confidences else 0.0
        text = "\n".join(" ".join(words) for words in lines.values())
        garbled = len(confidences) >= _GARBLED_MIN_WORDS and mean < _GARBLED_MEAN
        # Lines and shapes that are not writing come out as a spray of short tokens, a few of
        # which look like words: a page is text only when words are a fair share of what it held.
        if real < _REAL_SHARE * len(confidences):
            real = 0
        return _Page(text, real, garbled)

    def _rotation(self, image: Image, timeout_s: float) -> int:
        """Degrees (clockwise) to turn a page upright, by Tesseract's orientation detection;
        0 when it cannot tell (too little text, low confidence)."""
        import pytesseract

        try:
            found: dict[str, Any] = self._run(
                lambda: pytesseract.image_to_osd(
                    image, timeout=max(timeout_s, 0.01), output_type=pytesseract.Output.DICT
                )
            )
        except pytesseract.TesseractError:
            return 0  # "Too few characters": nothing to turn
        turn = int(found.get("rotate", 0))
        confident = float(found.get("orientation_conf", 0)) >= _MIN_ORIENTATION_CONFIDENCE
        return turn if confident and turn in (90, 180, 270) else 0

    def _run(self, call: Callable[[], _R]) -> _R:
        """One Tesseract run under the binary lock; its time limit becomes ``_Timeout``."""
        import pytesseract

        with _TESSERACT_LOCK:
            pytesseract.pytesseract.tesseract_cmd = self.command
            self.runs += 1
            try:
                return call()
            except RuntimeError as exc:
                if "timeout" in str(exc).lower():
                    raise _Timeout from exc
                raise

    # -- the cache --

    def _cache_key(self, data: bytes, status: OcrStatus) -> str:
        # The same bytes read with other languages or limits may give other text.
        settings = f"{_CACHE_VERSION}|{status.version}|{'+'.join(status.languages)}|" + (
            f"{self.max_pages}|{self.max_side_px}|{self.page_dpi}"
        )
        digest = hashlib.sha256(data).hexdigest()
        return f"{digest}-{hashlib.sha256(settings.encode()).hexdigest()[:12]}"

    def _cached(self, key: str) -> OcrResult | None:
        with self._memory_lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        if self.cache_dir is None:
            return None
        try:
            stored = json.loads((self.cache_dir / f"{key}.json").read_text(encoding="utf-8"))
            result = OcrResult(
                Reading(stored["reading"]), text=stored.get("text"), pages=int(stored["pages"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self._remember(key, result)
        return result

    def _store(self, key: str, result: OcrResult) -> None:
        self._remember(key, result)
        if self.cache_dir is None:
            return
        record = {"reading": result.reading.value, "text": result.text, "pages": result.pages}
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            write_atomically(self.cache_dir / f"{key}.json", json.dumps(record).encode())
        except OSError as exc:  # a full disk costs a second recognition later, nothing more
            logger.warning(
                "could not write the OCR cache in %s: %s",
                self.cache_dir,
                exc,
                extra={"action": "ocr.cache_failed"},
            )

    def _remember(self, key: str, result: OcrResult) -> None:
        with self._memory_lock:
            self._memory[key] = result
            self._memory.move_to_end(key)
            while len(self._memory) > _MEMORY_ENTRIES:
                self._memory.popitem(last=False)


class BudgetedOcr:
    """An engine that gives one message's files ``budget_s`` of recognition in all: a file met
    when it is spent is unread (as on a timeout), and a file started near its end gets only what
    is left. Made afresh for each message."""

    def __init__(self, engine: OcrEngine, budget_s: float) -> None:
        self.engine = engine
        self.budget_s = budget_s
        self.spent_s = 0.0

    def recognise(self, data: bytes, content_type: str) -> OcrResult:
        left = self.budget_s - self.spent_s
        if left <= 0:
            return OcrResult(
                Reading.UNREAD,
                note=f"the message's OCR time ({self.budget_s:g} s) was spent on its other files",
            )
        started = time.monotonic()
        try:
            if isinstance(self.engine, TesseractOcr):
                return self.engine.recognise(data, content_type, timeout_s=left)
            return self.engine.recognise(data, content_type)
        finally:
            self.spent_s += time.monotonic() - started


@dataclass(frozen=True)
class _Page:
    """One page's recognised text, its confidently real words, and whether it looks garbled."""

    text: str
    real: int
    garbled: bool


def _refuse_huge_pictures(page: Any) -> None:
    """Raise Pillow's DecompressionBombError for a PDF page drawing a picture over Pillow's pixel
    limit: pdfium would decode it whole (1.2 GB for 20,000 x 20,000) before scaling it down.
    Sizes come from the image dictionaries; nothing is decoded to read them."""
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS or 0
    for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        width, height = picture.get_px_size()
        if limit and width * height > limit:
            raise Image.DecompressionBombError(
                f"a picture of {width} x {height} pixels (more than {limit})"
            )


class _Timeout(Exception):
    """The file's time limit ran out (internal: becomes an UNREAD result)."""


class _UnsupportedImage(Exception):
    """A good image in a format we do not decode (internal: becomes an UNREAD result)."""


_PICTURE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")


_PAPER = 195  # median grey of a page: paper is light
_INK = 110  # darker than this is ink
_INK_SHARE = (0.03, 0.32)  # of the page's pixels: lines of text, not a blank page or a picture
_MID_SHARE = 0.35  # photos are mostly mid-tones; a page is paper and ink
_PAGE_ASPECT = (1.2, 1.6)  # A4 is 1.41, US Letter 1.29, a phone photo of a page about 1.33


def looks_written(image: Image) -> bool:
    """Whether a greyscale image looks like a written or printed page: page-shaped, light paper,
    a modest share of dark ink, few mid-tones. A photo of a building, a logo, a map or a
    gradient does not; a scan of a letter whose words OCR could not read does."""
    width, height = image.size
    if not width or not height:
        return False
    aspect = max(width, height) / min(width, height)
    if not _PAGE_ASPECT[0] <= aspect <= _PAGE_ASPECT[1]:
        return False
    small = image.copy()
    small.thumbnail((300, 300))
    histogram = small.histogram()[:256]
    total = sum(histogram) or 1
    running, median = 0, 0
    for grey, count in enumerate(histogram):
        running += count
        if running * 2 >= total:
            median = grey
            break
    ink = sum(histogram[:_INK]) / total
    mid = sum(histogram[_INK:200]) / total
    return median >= _PAPER and _INK_SHARE[0] <= ink <= _INK_SHARE[1] and mid <= _MID_SHARE


def is_ocr_candidate(content_type: str, data: bytes) -> bool:
    """Whether a file is a picture (JPEG, PNG, TIFF, HEIC) or a PDF, the kinds OCR reads.

    The bytes decide as well as the declared type: clients send "image/jpg", "image/x-png" or
    application/octet-stream for perfectly good photos.
    """
    return (
        content_type in IMAGE_TYPES
        or data.startswith(_PICTURE_MAGIC)
        or data[4:8] == b"ftyp"
        or data[:1024].find(b"%PDF-") >= 0
    )
