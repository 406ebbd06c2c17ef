"""Scans, photos and fillable forms made at test time, as they arrive from applicants.

A phone photo of a printed letter (DejaVu text drawn by Pillow, tilted, blurred, speckled, stored
sideways with an EXIF orientation as phones do), an image-only PDF (a reportlab page rasterised by
pypdfium2, so it has no text layer), a photo with no text (a drawn skyline), AcroForm PDFs with
their fields filled or empty, and DOCX table forms. Plus the check that the Debian tools these
tests need are installed: under CI a missing tool fails the test, locally it skips with the
install command.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from tests.support.tools import require

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
INSTALL = (
    "apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-fra "
    "tesseract-ocr-deu tesseract-ocr-ita tesseract-ocr-pol tesseract-ocr-nld tesseract-ocr-cat "
    "catdoc fonts-dejavu-core"
)

LETTER = [
    "Ayuntamiento de Almenara",
    "",
    "Carta de intención",
    "",
    "Por la presente, el Ayuntamiento manifiesta",
    "su interés en participar en la convocatoria",
    "RRR Peer Learning Cities y se compromete",
    "a colaborar durante todo el programa.",
    "",
    "Firmado: La Alcaldesa",
]


def require_tools(*programs: str) -> None:
    """Skip when a program is missing, except under CI (CI=true), where that is a failure."""
    missing = [p for p in programs if shutil.which(p) is None]
    if not DEJAVU.is_file():
        missing.append(str(DEJAVU))
    if not missing:
        return
    require(f"{', '.join(missing)} not installed", INSTALL)


def _page(lines: list[str], size: tuple[int, int] = (1654, 2339), font_px: int = 40) -> object:
    """A white A4 page at 200 dpi with the lines drawn in DejaVu Sans."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(DEJAVU), font_px)
    page = Image.new("L", size, 245)
    draw = ImageDraw.Draw(page)
    y = 200
    for line in lines:
        draw.text((170, y), line, fill=25, font=font)
        y += int(font_px * 1.8)
    return page


def phone_photo(lines: list[str] = LETTER, *, seed: int = 7, exif: bool = True) -> bytes:
    """A JPEG as a phone takes it: a tilted, blurred, speckled 12-megapixel shot of a page,
    stored sideways with EXIF orientation 6 (turn 90 degrees clockwise to view); without
    ``exif``, stored sideways with nothing to say so (an app that dropped the EXIF)."""
    from PIL import Image, ImageFilter

    page = _page(lines)
    assert isinstance(page, Image.Image)
    photo = page.rotate(2.5, expand=True, fillcolor=150).filter(ImageFilter.GaussianBlur(1.2))
    rnd = random.Random(seed)
    pixels = photo.load()
    assert pixels is not None
    for _ in range(30_000):
        pixels[rnd.randrange(photo.width), rnd.randrange(photo.height)] = rnd.randrange(256)
    photo = photo.convert("RGB").resize((3024, 4032))
    # The sensor's view: the picture lies on its side, EXIF says how to turn it upright.
    stored = photo.transpose(Image.Transpose.ROTATE_90)
    orientation = Image.Exif()
    if exif:
        orientation[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=80, exif=orientation)
    return buffer.getvalue()


def skyline_photo() -> bytes:
    """A photo with no words in it: a sky gradient over the blocks of a city."""
    from PIL import Image, ImageDraw

    rnd = random.Random(3)
    image = Image.new("RGB", (3000, 2000))
    draw = ImageDraw.Draw(image)
    for y in range(2000):
        draw.line([(0, y), (3000, y)], fill=(100 + y // 20, 150, 255 - y // 10))
    for i in range(20):
        top = 1000 - rnd.randrange(800)
        draw.rectangle([i * 150, top, i * 150 + 120, 2000], fill=(40, 40, 60))
        for wy in range(top + 20, 1950, 60):
            draw.rectangle([i * 150 + 20, wy, i * 150 + 40, wy + 25], fill=(230, 210, 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def scanned_pdf(
    pages: list[list[str]], *, upside_down: bool = False, stamp: str | None = None
) -> bytes:
    """An image-only PDF: each page drawn as text by reportlab, rasterised, and put back as a
    picture, as a scanner makes it (no text layer at all); ``upside_down`` as when the sheet
    went into the feeder the wrong way round; ``stamp`` adds a scanner's one-line text layer
    (a date or page number) over each picture."""
    import pypdfium2
    from PIL import Image

    from tests.support.documents import make_pdf

    images: list[Image.Image] = []
    for lines in pages:
        document = pypdfium2.PdfDocument(make_pdf("\n".join(lines)))
        image = document[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
        images.append(image.rotate(180) if upside_down else image)
        document.close()
    buffer = io.BytesIO()
    if stamp is None:
        images[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=images[1:])
        return buffer.getvalue()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for image in images:
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.setFont("Helvetica", 6)
        pdf.drawString(20, 10, stamp)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fillable_form(values: dict[str, str] | None = None, *, agree: bool = False) -> bytes:
    """An AcroForm PDF: three text fields (tooltips as labels, one without) and a checkbox;
    ``values`` fills the text fields by name, ``agree`` ticks the box."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    values = values or {}
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.drawString(72, 780, "RRR Peer Learning Cities - Application form")
    form = pdf.acroForm
    fields = [
        ("city", "Name of the city", 700),
        ("country", "Country:", 650),
        ("population", None, 600),
    ]
    for name, tooltip, y in fields:
        pdf.drawString(72, y + 5, tooltip or name)
        extra = {"tooltip": tooltip} if tooltip else {}
        form.textfield(
            name=name, x=250, y=y, width=250, height=20, value=values.get(name, ""), **extra
        )
    form.checkbox(name="agree", tooltip="We accept the terms", x=250, y=550, size=15, checked=agree)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_table_form(*tables: list[list[str]], nested: list[list[str]] | None = None) -> bytes:
    """A Word form: a title, then each table of rows (question and answer cells); ``nested``
    puts another table inside the first table's last cell. A cell given as "<merge>" is merged
    into the cell before it (one w:tc spanning both columns)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Application form")
    for rows in tables:
        columns = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=columns)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "<merge>":
                    table.cell(r, c - 1).merge(table.cell(r, c))
                else:
                    table.cell(r, c).text = value
        if nested and rows is tables[0]:
            cell = table.cell(len(rows) - 1, columns - 1)
            inner = cell.add_table(rows=len(nested), cols=max(len(r) for r in nested))
            for r, row in enumerate(nested):
                for c, value in enumerate(row):
                    inner.cell(r, c).text = value
    document.add_paragraph("Signature")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
