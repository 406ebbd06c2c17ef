"""Document makers for holdout5: real files (text PDFs, fillable PDFs, table DOCX, scans, photos).

Every maker is deterministic: fixed seeds, fixed dates, fixed ZIP timestamps. Used only by
build_holdout5.py; nothing in the product imports this.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT = FONT_DIR + "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR + "DejaVuSans-Bold.ttf"
FONT_SERIF = FONT_DIR + "DejaVuSerif.ttf"
FIXED = datetime(2021, 5, 18, 9, 30, tzinfo=UTC)
ZIP_TIME = (2021, 5, 18, 9, 30, 0)

pdfmetrics.registerFont(TTFont("DejaVu", FONT))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONT_BOLD))


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` characters."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


# ---------------------------------------------------------------- PDF with a text layer


def text_pdf(title: str, paragraphs: list[str], *, author: str = "", pages: int = 1) -> bytes:
    """A born-digital PDF: a bold title and wrapped paragraphs (split across `pages` pages)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if author:
        c.setAuthor(author)
    c.setTitle(title)
    chunks = [paragraphs[i::pages] for i in range(pages)] if pages > 1 else [paragraphs]
    if pages > 1:  # keep order: consecutive slices
        size = (len(paragraphs) + pages - 1) // pages
        chunks = [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]
    for n, chunk in enumerate(chunks):
        y = 790
        if n == 0:
            c.setFont("DejaVu-Bold", 15)
            c.drawString(60, y, title)
            y -= 34
        c.setFont("DejaVu", 10.5)
        for para in chunk:
            for line in _wrap(para, 92):
                c.drawString(60, y, line)
                y -= 15
            y -= 8
        c.showPage()
    c.save()
    return buf.getvalue()


def multi_pdf(documents: list[tuple[str, list[str]]]) -> bytes:
    """One PDF holding several documents, one per page (a combined submission)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for title, paragraphs in documents:
        c.setFont("DejaVu-Bold", 15)
        c.drawString(60, 790, title)
        y = 756
        c.setFont("DejaVu", 10.5)
        for para in paragraphs:
            for line in _wrap(para, 92):
                c.drawString(60, y, line)
                y -= 15
            y -= 8
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A PDF that opens only with a password (the sender's office protected it)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buf = io.BytesIO()
    enc = StandardEncryption("Ayto-2021!", ownerPassword="owner-2021", canPrint=1, strength=128)
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=enc)
    c.setFont("DejaVu-Bold", 15)
    c.drawString(60, 790, title)
    c.setFont("DejaVu", 10.5)
    y = 756
    for para in paragraphs:
        for line in _wrap(para, 92):
            c.drawString(60, y, line)
            y -= 15
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------- fillable PDF (AcroForm)

Field = tuple[str, str, str | bool]  # (label, "text"|"check"|"area", value; "" or False = empty)


def fillable_pdf(title: str, intro: list[str], fields: list[Field], *, footer: str = "") -> bytes:
    """A fillable PDF form: labels drawn on the page, answers only in AcroForm fields."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setFont("DejaVu-Bold", 14)
    c.drawString(50, 800, title)
    c.setFont("DejaVu", 9.5)
    y = 780
    for para in intro:
        for line in _wrap(para, 100):
            c.drawString(50, y, line)
            y -= 13
    y -= 10
    form = c.acroForm
    for n, (label, kind, value) in enumerate(fields):
        if y < 90:
            c.showPage()
            form = c.acroForm
            y = 800
        c.setFont("DejaVu", 9.5)
        if kind == "check":
            form.checkbox(
                name=f"check_{n}", x=50, y=y - 4, size=12, checked=bool(value), buttonStyle="check"
            )
            c.drawString(70, y, label)
            y -= 24
            continue
        for line in _wrap(label, 100):
            c.drawString(50, y, line)
            y -= 12
        height = 56 if kind == "area" else 18
        form.textfield(
            name=f"field_{n}",
            tooltip=label[:60],
            x=50,
            y=y - height + 6,
            width=495,
            height=height,
            value=str(value),
            fontName="Helvetica",
            fontSize=9,
            borderWidth=1,
            fieldFlags="multiline" if kind == "area" else "",
            forceBorder=True,
        )
        y -= height + 14
    if footer:
        c.setFont("DejaVu", 8)
        c.drawString(50, 40, footer)
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------- DOCX


def _zip_fixed(data: bytes) -> bytes:
    """Re-pack an Office file with fixed timestamps and order, so two runs give the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _docx_bytes(doc: Document) -> bytes:
    props = doc.core_properties
    props.created = FIXED.replace(tzinfo=None)
    props.modified = FIXED.replace(tzinfo=None)
    props.last_modified_by = "Office"
    buf = io.BytesIO()
    doc.save(buf)
    return _zip_fixed(buf.getvalue())


def docx_table_form(title: str, intro: list[str], rows: list[tuple[str, str]]) -> bytes:
    """A Word form as people make them: a two-column table, question cell and answer cell."""
    doc = Document()
    doc.add_heading(title, level=1)
    for para in intro:
        doc.add_paragraph(para)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for question, answer in rows:
        cells = table.add_row().cells
        cells[0].text = question
        cells[1].text = answer
    return _docx_bytes(doc)


def docx_text(title: str, paragraphs: list[str]) -> bytes:
    """A Word document of plain paragraphs (letters, CVs, press releases)."""
    doc = Document()
    if title:
        doc.add_heading(title, level=1)
    for para in paragraphs:
        p = doc.add_paragraph(para)
        for run in p.runs:
            run.font.size = Pt(11)
    return _docx_bytes(doc)


# ---------------------------------------------------------------- XLSX and PPTX (hand-built OOXML)


def _ooxml(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, ZIP_TIME), text.encode("utf-8"))
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheet: str, rows: list[list[str | float]]) -> bytes:
    """A one-sheet workbook (inline strings and numbers), e.g. a budget."""
    cols = "ABCDEFGH"
    body = []
    for r, row in enumerate(rows, 1):
        cells = []
        for i, v in enumerate(row):
            ref = f"{cols[i]}{r}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return _ooxml(
        {
            "[Content_Types].xml": _XML
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
            "_rels/.rels": _XML + f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
            "xl/workbook.xml": _XML + f'<workbook xmlns="{ns}" xmlns:r="{_DOC_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": _XML + f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
            "xl/worksheets/sheet1.xml": _XML
            + f'<worksheet xmlns="{ns}"><sheetData>{"".join(body)}</sheetData></worksheet>',
        }
    )


def pptx(slides: list[tuple[str, list[str]]]) -> bytes:
    """A small presentation: one title and bullet lines per slide (master and layout included)."""
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    ct = "application/vnd.openxmlformats-officedocument.presentationml"
    tree = (
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
    )

    def shape(idx: int, text_lines: list[str], y: int) -> str:
        paras = "".join(f"<a:p><a:r><a:t>{escape(t)}</a:t></a:r></a:p>" for t in text_lines)
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{idx}" name="Text {idx}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="{y}"/><a:ext cx="8229600" cy="1200000"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f"<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp>"
        )

    parts: dict[str, str] = {}
    overrides = [
        f'<Override PartName="/ppt/presentation.xml" ContentType="{ct}.presentation.main+xml"/>',
        f'<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="{ct}.slideMaster+xml"/>',
        f'<Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="{ct}.slideLayout+xml"/>',
    ]
    sld_ids, pres_rels = (
        [],
        [
            f'<Relationship Id="rId1" Type="{_DOC_REL}/slideMaster" Target="slideMasters/slideMaster1.xml"/>'
        ],
    )
    for n, (title, lines) in enumerate(slides, 1):
        overrides.append(
            f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{ct}.slide+xml"/>'
        )
        sld_ids.append(f'<p:sldId id="{255 + n}" r:id="rId{n + 1}"/>')
        pres_rels.append(
            f'<Relationship Id="rId{n + 1}" Type="{_DOC_REL}/slide" Target="slides/slide{n}.xml"/>'
        )
        parts[f"ppt/slides/slide{n}.xml"] = (
            _XML + f'<p:sld xmlns:a="{a}" xmlns:r="{_DOC_REL}" xmlns:p="{p}"><p:cSld><p:spTree>'
            f"{tree}{shape(2, [title], 300000)}{shape(3, lines, 1700000)}</p:spTree></p:cSld></p:sld>"
        )
        parts[f"ppt/slides/_rels/slide{n}.xml.rels"] = (
            _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_DOC_REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/></Relationships>'
        )
    parts["[Content_Types].xml"] = (
        _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    parts["_rels/.rels"] = (
        _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_DOC_REL}/officeDocument" Target="ppt/presentation.xml"/></Relationships>'
    )
    parts["ppt/presentation.xml"] = (
        _XML + f'<p:presentation xmlns:a="{a}" xmlns:r="{_DOC_REL}" xmlns:p="{p}">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        f'<p:sldIdLst>{"".join(sld_ids)}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/>'
        '<p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
    )
    parts["ppt/_rels/presentation.xml.rels"] = (
        _XML + f'<Relationships xmlns="{_PKG_REL}">{"".join(pres_rels)}</Relationships>'
    )
    parts["ppt/slideMasters/slideMaster1.xml"] = (
        _XML + f'<p:sldMaster xmlns:a="{a}" xmlns:r="{_DOC_REL}" xmlns:p="{p}"><p:cSld><p:spTree>'
        f'{tree}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
        'hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" '
        'r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>'
    )
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = (
        _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_DOC_REL}/slideLayout" Target="../slideLayouts/slideLayout1.xml"/></Relationships>'
    )
    parts["ppt/slideLayouts/slideLayout1.xml"] = (
        _XML + f'<p:sldLayout xmlns:a="{a}" xmlns:r="{_DOC_REL}" xmlns:p="{p}"><p:cSld><p:spTree>'
        f"{tree}</p:spTree></p:cSld></p:sldLayout>"
    )
    parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = (
        _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_DOC_REL}/slideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>'
    )
    return _ooxml(parts)


# ---------------------------------------------------------------- rendered pages, scans, photos

PAGE = (1240, 1754)  # A4 at 150 dpi


def page_image(
    title: str, paragraphs: list[str], *, signature: str = "", stamp: str = "", serif: bool = False
) -> Image.Image:
    """A printed page as a grey-level image: letterhead line, title, text, optional signature."""
    img = Image.new("L", PAGE, 255)
    d = ImageDraw.Draw(img)
    body = ImageFont.truetype(FONT_SERIF if serif else FONT, 27)
    head = ImageFont.truetype(FONT_BOLD, 36)
    d.line((110, 150, 1130, 150), fill=60, width=3)
    y = 200
    for line in _wrap(title, 48):
        d.text((110, y), line, font=head, fill=10)
        y += 50
    y += 30
    for para in paragraphs:
        for line in _wrap(para, 66):
            d.text((110, y), line, font=body, fill=20)
            y += 38
        y += 18
    if signature:
        rnd = random.Random(signature)
        pts = [(160 + i * 14, y + 60 + rnd.randint(-22, 22)) for i in range(22)]
        d.line(pts, fill=30, width=4)
        d.text((140, y + 120), signature, font=body, fill=20)
    if stamp:
        d.ellipse((800, y + 20, 1040, y + 260), outline=90, width=5)
        d.text((840, y + 125), stamp, font=ImageFont.truetype(FONT_BOLD, 24), fill=90)
    return img


def table_page(title: str, rows: list[tuple[str, str]]) -> Image.Image:
    """A printed table (a budget, a filled form) as an image."""
    img = Image.new("L", PAGE, 255)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 25)
    y = 170
    for line in _wrap(title, 50):
        d.text((110, y), line, font=ImageFont.truetype(FONT_BOLD, 34), fill=10)
        y += 48
    y += 40
    for left, right in rows:
        lines = _wrap(right, 34) if right else [""]
        height = 16 + 34 * max(len(lines), len(_wrap(left, 30)))
        d.rectangle((100, y, 1140, y + height), outline=40, width=2)
        d.line((560, y, 560, y + height), fill=40, width=2)
        for i, line in enumerate(_wrap(left, 30)):
            d.text((112, y + 8 + 34 * i), line, font=font, fill=15)
        for i, line in enumerate(lines):
            d.text((575, y + 8 + 34 * i), line, font=font, fill=15)
        y += height
    return img


def scanned(
    img: Image.Image, *, angle: float = 0.0, grey: int = 255, noise: float = 0.0, seed: int = 1
) -> Image.Image:
    """What a scanner makes of a page: tilted a little, a grey background, specks of dust."""
    page = img
    if grey < 255:
        page = page.point(lambda v: min(v, grey))
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=grey)
    if noise:
        rnd = random.Random(seed)
        w, h = page.size
        specks = Image.frombytes("L", (w, h), rnd.randbytes(w * h))
        cut = int(255 * noise)
        mask = specks.point(lambda v: 255 if v < cut else 0)
        page = Image.composite(Image.new("L", page.size, 70), page, mask)
        page = page.filter(ImageFilter.GaussianBlur(0.6))
    return page


def image_pdf(pages: list[Image.Image], *, quality: int = 60) -> bytes:
    """An image-only PDF, as a scanner writes it (one JPEG per page, no text layer)."""
    buf = io.BytesIO()
    first, rest = pages[0], pages[1:]
    first.save(
        buf,
        "PDF",
        resolution=150.0,
        save_all=bool(rest),
        append_images=rest,
        quality=quality,
        title="scan",
        producer="RICOH IM C3000",
        creationDate=FIXED.timetuple(),
        modDate=FIXED.timetuple(),
    )
    return buf.getvalue()


def tiff_scan(img: Image.Image) -> bytes:
    """A bilevel Group 4 TIFF, as office copiers send them."""
    buf = io.BytesIO()
    img.point(lambda v: 255 if v > 150 else 0).convert("1").save(
        buf, "TIFF", compression="group4", dpi=(150, 150)
    )
    return buf.getvalue()


def photo_of(page: Image.Image, *, seed: int, tilt: float, orientation: int = 1) -> bytes:
    """A phone photo of a sheet on a desk; orientation 6 stores it sideways with an EXIF tag."""
    rnd = random.Random(seed)
    w, h = 1200, 1600
    desk = Image.new("RGB", (w, h), (120 + rnd.randint(0, 20), 86, 52))
    d = ImageDraw.Draw(desk)
    for i in range(0, h, 9):  # wood grain
        shade = 100 + rnd.randint(0, 40)
        d.line(
            (0, i, w, i + rnd.randint(-6, 6)), fill=(shade + 20, shade - 10, shade - 45), width=2
        )
    sheet = page.resize((1010, 1429)).convert("RGB")
    sheet = sheet.point(lambda v: int(v * 0.93))
    sheet = sheet.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0))
    mask = Image.new("L", (1010, 1429), 255).rotate(tilt, expand=True)
    desk.paste(sheet, ((w - sheet.width) // 2, (h - sheet.height) // 2), mask)
    stored = desk.rotate(90, expand=True) if orientation == 6 else desk
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 11"
    exif[0x0132] = "2021:05:19 17:42:10"
    exif[0x0112] = orientation
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=72, exif=exif.tobytes())
    return buf.getvalue()


def picture(kind: str, *, seed: int, fmt: str = "JPEG") -> bytes:
    """Images with no text at all: a town hall, a skyline, a logo, a map."""
    rnd = random.Random(seed)
    if kind == "logo":
        img = Image.new("RGB", (400, 400), (255, 255, 255))
        d = ImageDraw.Draw(img)
        d.ellipse((40, 40, 360, 360), fill=(0, 90, 160))
        d.polygon([(200, 80), (320, 300), (80, 300)], fill=(250, 200, 0))
    elif kind == "map":
        img = Image.new("RGB", (1000, 800), (236, 232, 220))
        d = ImageDraw.Draw(img)
        for _ in range(40):
            x, y = rnd.randint(0, 1000), rnd.randint(0, 800)
            d.line(
                (x, y, x + rnd.randint(-400, 400), y + rnd.randint(-300, 300)),
                fill=(255, 255, 255),
                width=rnd.choice((4, 8, 12)),
            )
        d.polygon([(300, 300), (520, 260), (600, 480), (380, 560)], outline=(200, 30, 30), width=6)
        d.ellipse((650, 100, 900, 260), fill=(170, 210, 240))
    else:  # building photo
        img = Image.new("RGB", (1024, 768), (150, 190, 230))
        d = ImageDraw.Draw(img)
        d.rectangle((0, 600, 1024, 768), fill=(120, 120, 115))
        d.rectangle((250, 250, 780, 600), fill=(205, 180, 140))
        d.polygon([(230, 250), (515, 120), (800, 250)], fill=(150, 70, 50))
        d.rectangle((490, 60, 540, 130), fill=(205, 180, 140))
        for col in range(6):
            for row in range(3):
                x, y = 280 + col * 85, 280 + row * 95
                d.rectangle((x, y, x + 40, y + 60), fill=(60, 70, 90))
        d.rectangle((480, 500, 550, 600), fill=(80, 50, 30))
        img = img.filter(ImageFilter.GaussianBlur(1.2))
    buf = io.BytesIO()
    if fmt == "PNG":
        img.save(buf, "PNG")
    elif fmt == "PDF":
        img.save(
            buf, "PDF", resolution=100.0, creationDate=FIXED.timetuple(), modDate=FIXED.timetuple()
        )
    else:
        img.save(buf, "JPEG", quality=80)
    return buf.getvalue()
