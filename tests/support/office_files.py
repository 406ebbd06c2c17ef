"""Legacy and Office files made at test time: an OLE compound file writer (enough for a Word 97
document and an Outlook .msg item), and minimal XLSX/PPTX packages.

No library writes compound files, so this is a small writer after [MS-CFB]: version 3, 512-byte
sectors, streams under 4096 bytes in the mini stream, one FAT without DIFAT sectors (files up to
about 7 MB), each storage's children chained as a sorted right-sibling list (a valid, if
unbalanced, tree).
"""

from __future__ import annotations

import io
import itertools
import struct
import zipfile
from dataclasses import dataclass, field

_SECTOR = 512
_MINI = 64
_CUTOFF = 4096
_FREE, _END, _FATSECT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


@dataclass
class Storage:
    """A folder in a compound file: streams (name -> bytes) and sub-storages."""

    streams: dict[str, bytes] = field(default_factory=dict)
    storages: dict[str, Storage] = field(default_factory=dict)


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    start: int = _END
    right: int = _NONE
    child: int = _NONE


def compound_file(root: Storage) -> bytes:
    """The bytes of a compound file holding ``root``'s streams and storages."""
    entries = [_Entry("Root Entry", 5)]

    def add(storage: Storage, parent: int) -> None:
        for name, data in storage.streams.items():
            entries.append(_Entry(name, 2, data))
            entries[parent].children.append(len(entries) - 1)
        for name, sub in storage.storages.items():
            entries.append(_Entry(name, 1))
            index = len(entries) - 1
            entries[parent].children.append(index)
            add(sub, index)

    add(root, 0)
    for entry in entries:
        order = sorted(
            entry.children, key=lambda i: (len(entries[i].name), entries[i].name.upper())
        )
        if order:
            entry.child = order[0]
            for left, right in itertools.pairwise(order):
                entries[left].right = right

    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        count = max(1, -(-len(data) // _SECTOR))
        start = len(sectors)
        for i in range(count):
            sectors.append(data[i * _SECTOR : (i + 1) * _SECTOR].ljust(_SECTOR, b"\0"))
            fat.append(start + i + 1 if i < count - 1 else _END)
        return start

    mini = bytearray()
    minifat: list[int] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        if len(entry.data) >= _CUTOFF:
            entry.start = place(entry.data)
        elif entry.data:
            count = -(-len(entry.data) // _MINI)
            entry.start = len(mini) // _MINI
            minifat.extend(entry.start + i + 1 if i < count - 1 else _END for i in range(count))
            mini += entry.data.ljust(count * _MINI, b"\0")
    if mini:
        entries[0].start = place(bytes(mini))
        entries[0].data = bytes(mini)
    minifat_start = place(b"".join(struct.pack("<I", v) for v in minifat)) if minifat else _END
    directory = b"".join(_entry_bytes(e) for e in entries)
    directory_start = place(directory)
    fat_count = 1
    while fat_count * (_SECTOR // 4) < len(sectors) + fat_count:
        fat_count += 1
    fat_start = len(sectors)
    fat.extend([_FATSECT] * fat_count)
    table = b"".join(struct.pack("<I", v) for v in fat)
    table = table.ljust(fat_count * _SECTOR, b"\xff")
    sectors.extend(table[i * _SECTOR : (i + 1) * _SECTOR] for i in range(fat_count))
    difat = [fat_start + i for i in range(fat_count)] + [_FREE] * (109 - fat_count)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_count,
            directory_start,
            0,
            _CUTOFF,
            minifat_start,
            -(-len(minifat) * 4 // _SECTOR),
            _END,
            0,
        )
        + b"".join(struct.pack("<I", v) for v in difat)
    )
    return header + b"".join(sectors)


def _entry_bytes(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")
    return (
        (name + b"\0\0").ljust(64, b"\0")
        + struct.pack("<HBB", len(name) + 2, entry.kind, 1)
        + struct.pack("<III", _NONE, entry.right, entry.child)
        + b"\0" * 16
        + b"\0" * 4
        + b"\0" * 16
        + struct.pack("<I", entry.start if entry.kind != 1 else 0)
        + struct.pack("<Q", len(entry.data) if entry.kind != 1 else 0)
    )


def word97_document(text: str) -> bytes:
    """A Word 97 .doc with ``text`` as its one paragraph (8-bit text, not fast-saved)."""
    body = text.encode("cp1252") + b"\r"
    fib = bytearray(0x400)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the table is 1Table
    struct.pack_into("<II", fib, 0x18, 0x400, 0x400 + len(body))  # fcMin, fcMac
    struct.pack_into("<I", fib, 0x4C, len(body))  # ccpText
    word = bytes(fib) + body
    word = word.ljust(_CUTOFF, b"\0")
    # The piece table: one piece, 8-bit text (bit 30 of the file position set) at 0x400.
    pieces = struct.pack("<II", 0, len(body)) + struct.pack("<HIH", 0, (0x400 * 2) | 0x40000000, 0)
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces
    table = clx.ljust(_CUTOFF, b"\0")
    word = bytearray(word)
    struct.pack_into("<II", word, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    return compound_file(Storage(streams={"WordDocument": bytes(word), "1Table": table}))


def _prop(tag: int, value: int) -> bytes:
    return struct.pack("<IIQ", tag, 0x6, value)


def _text_prop(tag: int, length: int) -> bytes:
    return struct.pack("<IIII", tag, 0x6, length, 0)


def outlook_message(subject: str, body: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """An Outlook .msg item (IPM.Note) with a plain-text body and attachments by value."""

    def unicode(value: str) -> bytes:
        return value.encode("utf-16-le")

    root = Storage()
    strings = {0x001A: "IPM.Note", 0x0037: subject, 0x1000: body, 0x0C1A: "Ayuntamiento"}
    props = b""
    for tag, value in strings.items():
        data = unicode(value)
        root.streams[f"__substg1.0_{tag:04X}001F"] = data
        props += _text_prop((tag << 16) | 0x001F, len(data) + 2)
    header = struct.pack("<QIIII", 0, len(attachments), len(attachments), 0, len(attachments))
    header += b"\0" * 8
    root.streams["__properties_version1.0"] = header + props
    root.storages["__nameid_version1.0"] = Storage(
        streams={
            "__substg1.0_00020102": b"",
            "__substg1.0_00030102": b"",
            "__substg1.0_00040102": b"",
        }
    )
    for index, (name, data) in enumerate(attachments):
        attach = Storage()
        attach.streams["__substg1.0_3707001F"] = unicode(name)
        attach.streams["__substg1.0_3704001F"] = unicode(name[:8])
        attach.streams["__substg1.0_37010102"] = data
        attach.streams["__properties_version1.0"] = (
            b"\0" * 8
            + _prop(0x37050003, 1)
            + _text_prop(0x3707001F, len(unicode(name)) + 2)
            + struct.pack("<IIII", 0x37010102, 0x6, len(data), 0)
        )
        root.storages[f"__attach_version1.0_#{index:08X}"] = attach
    return compound_file(root)


def xlsx_workbook(rows: list[list[str]]) -> bytes:
    """A minimal XLSX workbook: one sheet, the cells as shared strings."""
    strings: list[str] = []
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            strings.append(value)
            ref = f"{chr(65 + c)}{r}"
            cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return _package(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": f"<workbook {ns}/>",
            "xl/sharedStrings.xml": f"<sst {ns}>{shared}</sst>",
            "xl/worksheets/sheet1.xml": f"<worksheet {ns}><sheetData>{''.join(sheet_rows)}"
            "</sheetData></worksheet>",
        }
    )


def pptx_presentation(slides: list[list[str]]) -> bytes:
    """A minimal PPTX presentation: each slide's paragraphs as text runs."""
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    members = {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<presentation/>"}
    for number, paragraphs in enumerate(slides, start=1):
        body = "".join(f"<a:p><a:r><a:t>{p}</a:t></a:r></a:p>" for p in paragraphs)
        members[f"ppt/slides/slide{number}.xml"] = (
            f'<sld xmlns:a="{a}"><txBody>{body}</txBody></sld>'
        )
    return _package(members)


def _package(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
