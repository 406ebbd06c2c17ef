"""Files inside files: zip archives, Outlook's winmail.dat (TNEF) and Outlook .msg items.

Each unpacker returns the members it could read and sentences about what it could not; it never
raises. Forwarded messages are containers too, but they are MIME, so the walker in ``mime.py``
opens them itself.
"""

from __future__ import annotations

import io
import logging
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from rrr_mailbot.config import Limits
from rrr_mailbot.intake.headers import clean_filename

logger = logging.getLogger(__name__)

_EXTENSION_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "dot": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroenabled.12",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    "odt": "application/vnd.oasis.opendocument.text",
    "ott": "application/vnd.oasis.opendocument.text-template",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "csv": "text/csv",
    "htm": "text/html",
    "html": "text/html",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "heic": "image/heic",
    "heif": "image/heif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "zip": "application/zip",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ZIP_TYPES = frozenset(
    {"application/zip", "application/x-zip-compressed", "application/x-zip", "multipart/x-zip"}
)
TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".localized"})
_READ_CHUNK = 1 << 16


def extension_of(name: str | None) -> str:
    if not name:
        return ""
    _, dot, ext = name.rpartition(".")
    return ext.lower() if dot and ext.isalnum() else ""


def content_type_for(name: str | None, declared: str | None = None) -> str:
    """The content type of a file: the declared one unless it is generic, else from the name."""
    declared = (declared or "").strip().lower()
    if declared and declared not in ("application/octet-stream", "application/x-download"):
        return declared
    return _EXTENSION_TYPES.get(extension_of(name), declared or "application/octet-stream")


@dataclass(frozen=True)
class Member:
    """A file found inside a container, with its own (decoded) base name."""

    filename: str | None
    content_type: str
    data: bytes


@dataclass
class Unpacked:
    """What a container gave up: members, sentences about problems, members left unread, and
    the body text of a container that is a message (an Outlook .msg item)."""

    members: list[Member] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_read: int = 0
    body: str = ""


# --- zip ---------------------------------------------------------------------------------------


def looks_like_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


# Formats that are zip files inside but documents to the reader.
_PACKAGE_EXTENSIONS = frozenset(
    {"docx", "docm", "dotx", "xlsx", "xlsm", "pptx", "odt", "ott", "ods", "odp", "epub", "pages"}
)
_PACKAGE_MARKERS = ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml")


def is_archive(filename: str | None, content_type: str, data: bytes) -> bool:
    """Whether a file is a zip archive to open, rather than a document that is a zip inside.

    Webmails label DOCX files application/zip and zips application/octet-stream, so the name
    decides first, then the declared type, and an unnamed zip is checked for an Office/ODF
    package's marker members.
    """
    if not looks_like_zip(data):
        return False
    ext = extension_of(filename)
    if ext == "zip":
        return True
    if ext in _PACKAGE_EXTENSIONS or content_type not in ZIP_TYPES:
        return False
    if ext:
        return True  # e.g. "letters.zip.part" or an unusual name, declared a zip
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:200])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True  # let the unpacker say what is wrong with it
    return not any(marker in names for marker in _PACKAGE_MARKERS)


def unpack_zip(data: bytes, label: str, limits: Limits, room: int) -> Unpacked:
    """Read the files of a zip archive within the limits; at most ``room`` of them.

    Refuses members that are encrypted, compressed beyond ``zip_max_ratio`` (a bomb) or would take
    the archive over ``zip_max_total_bytes``; skips folders and macOS/Windows clutter.
    """
    result = Unpacked()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        result.problems.append(
            f"The zip archive {label} could not be opened ({exc}); ask the sender to send the "
            "files without zipping them."
        )
        return result
    with archive:
        try:
            infos = [i for i in archive.infolist() if _is_real_file(i)]
        except Exception as exc:  # a hostile central directory
            result.problems.append(f"The zip archive {label} is damaged ({exc}).")
            return result
        if len(infos) > limits.zip_max_members:
            result.problems.append(
                f"The zip archive {label} holds {len(infos)} files; only the first "
                f"{limits.zip_max_members} were looked at."
            )
            infos = infos[: limits.zip_max_members]
        total = 0
        for index, info in enumerate(infos):
            if len(result.members) >= room:
                result.not_read = len(infos) - index
                break
            name = member_name(info)
            if info.flag_bits & 0x1:
                result.problems.append(
                    f"{name} in {label} is password-protected and could not be read; ask the "
                    "sender to send it without a password."
                )
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.zip_max_ratio:
                result.problems.append(
                    f"{name} in {label} was not unpacked: it is compressed {ratio:.0f} times "
                    f"(more than {limits.zip_max_ratio}), which is how zip bombs look."
                )
                continue
            if total + info.file_size > limits.zip_max_total_bytes:
                result.problems.append(
                    f"The zip archive {label} unpacks to more than "
                    f"{limits.zip_max_total_bytes} bytes; {name} and the files after it "
                    "were not unpacked."
                )
                break
            content, problem = _read_member(archive, info, name, label, limits)
            if problem:
                result.problems.append(problem)
                continue
            total += len(content)
            result.members.append(Member(name, content_type_for(name), content))
    return result


def _is_real_file(info: zipfile.ZipInfo) -> bool:
    if info.is_dir():
        return False
    path = info.filename.replace("\\", "/")
    if path.startswith("__MACOSX/") or "/__MACOSX/" in path:
        return False
    base = path.rsplit("/", 1)[-1]
    return bool(base) and base.lower() not in _JUNK_NAMES and not base.startswith("._")


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ceiling: int) -> Iterator[bytes]:
    """The member's bytes in chunks, stopping once more than ``ceiling`` came out: a lying
    header cannot make us inflate much more than we allow."""
    size = 0
    with archive.open(info) as stream:
        while size <= ceiling:
            chunk = stream.read(_READ_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            yield chunk


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, label: str, limits: Limits
) -> tuple[bytes, str | None]:
    ceiling = min(info.file_size, limits.zip_max_total_bytes)
    try:
        chunks = list(_inflated(archive, info, ceiling))
    except RuntimeError as exc:  # zipfile's way of saying "encrypted"
        return b"", f"{name} in {label} could not be read ({exc})."
    except NotImplementedError:
        return b"", (
            f"{name} in {label} uses a compression method we cannot read; ask the sender to "
            "zip it with the standard method, or to send the file itself."
        )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        return b"", f"{name} in {label} is damaged and could not be unpacked ({exc})."
    return b"".join(chunks), None


# Office packages (DOCX, ODT) are zips whose XML a parser reads whole into memory. What a package
# may declare before we inflate it: real forms are a few MB of XML and some images.
OFFICE_MAX_XML_BYTES = 20_000_000
OFFICE_MAX_TOTAL_BYTES = 64_000_000
OFFICE_MAX_MEMBERS = 2000
# Compression beyond this ratio is refused for members that inflate past the floor (small XML
# parts of real documents compress 20-100 times; a bomb compresses about 1,000 times).
OFFICE_MAX_RATIO = 200
OFFICE_RATIO_FLOOR_BYTES = 1_000_000
_XML_SUFFIXES = (".xml", ".rels", ".rdf")


def safe_office_package(data: bytes) -> tuple[bytes, str | None]:
    """A DOCX/ODT package rebuilt from what we inflated ourselves, and None; or ``data`` and why
    it must not be read at all.

    The central directory is checked first (parts, declared sizes, ratios). Then every part is
    inflated in chunks, never past the size it declares, and stored uncompressed in a new
    package: the reader's own zip handling then inflates nothing, and a part whose stream holds
    more than its header says (zipfile would inflate all of it at once before cutting it to the
    declared size) cannot reach an XML parser. Data that is not a zip is returned as it is: the
    reader fails on it in its own words.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return data, None
    out = io.BytesIO()
    try:
        with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rebuilt:
            infos = archive.infolist()
            declared = _declared_problem(infos)
            if declared is not None:
                return data, declared
            # One part per name, the last as zipfile itself reads it (writing a name twice warns).
            for info in {i.filename: i for i in infos}.values():
                part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                with rebuilt.open(part, "w") as sink:
                    for chunk in _inflated(archive, info, info.file_size):
                        sink.write(chunk)
    except (RuntimeError, NotImplementedError):
        return data, "it is encrypted or compressed in a way we cannot read"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
        return data, f"it is damaged ({exc})"
    except ValueError as exc:  # zipfile's word for some malformed headers
        return data, f"it is damaged ({exc})"
    return out.getvalue(), None


def _declared_problem(infos: list[zipfile.ZipInfo]) -> str | None:
    if len(infos) > OFFICE_MAX_MEMBERS:
        return f"it holds {len(infos)} parts (more than {OFFICE_MAX_MEMBERS})"
    total = xml = 0
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > OFFICE_RATIO_FLOOR_BYTES and ratio > OFFICE_MAX_RATIO:
            return (
                f"its part {info.filename[:100]} is compressed {ratio:.0f} times (more than "
                f"{OFFICE_MAX_RATIO}), which is how decompression bombs look"
            )
        total += info.file_size
        if info.filename.lower().endswith(_XML_SUFFIXES):
            xml += info.file_size
    if total > OFFICE_MAX_TOTAL_BYTES:
        return f"it unpacks to {total} bytes (more than {OFFICE_MAX_TOTAL_BYTES})"
    if xml > OFFICE_MAX_XML_BYTES:
        return f"its XML unpacks to {xml} bytes (more than {OFFICE_MAX_XML_BYTES})"
    return None


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's base name, decoded.

    UTF-8 when the archive says so (flag bit 11) or carries an Info-ZIP Unicode path; otherwise
    the raw bytes are decoded with whichever DOS/Windows code page gives the most plausible name:
    Windows zips names in the OEM code page of its locale (cp850 in Spain, cp852 in Poland).
    """
    if info.flag_bits & 0x800:
        name = info.filename
    else:
        raw = info.filename.encode("cp437")  # zipfile decoded the bytes as cp437: reversible
        name = _unicode_path_extra(info.extra, raw) or best_decoding(raw)
    base = clean_filename(name.replace("\\", "/").rsplit("/", 1)[-1])
    return unicodedata.normalize("NFC", base or "unnamed")


def _unicode_path_extra(extra: bytes, raw_name: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (0x7075), valid only if it matches the raw name."""
    offset = 0
    while offset + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if tag == 0x7075 and len(body) >= 5 and body[0] == 1:
            (crc,) = struct.unpack_from("<I", body, 1)
            if crc == zlib.crc32(raw_name):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


# Letters by how often they occur in the languages applicants write (es, pt, fr, de, it, pl):
# frequent ones make a decoding plausible, rare ones less so, and symbols, box drawing or Greek
# letters (cp437's upper half) make it implausible.
_FREQUENT = frozenset("áéíóúñçãõàèüöäßłąęśżćńÁÉÍÓÚÑÇŁŚŻ")
_RARER = frozenset("êâôîûëïìòùœźÀÈÌÒÙÂÊÔÎÛÃÕÜÖÄĄĘĆŃŹÓ·")  # · as in Catalan "l·l"
_CANDIDATES = ("cp437", "cp850", "cp852", "cp1252", "cp1250")


def best_decoding(raw: bytes) -> str:
    """Decode a file name whose encoding was not recorded (see ``member_name``)."""
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8")  # macOS and Linux tools; 8-bit code pages rarely pass as UTF-8
    except UnicodeDecodeError:
        pass
    best = raw.decode("cp437")
    best_score = None
    for encoding in _CANDIDATES:
        text = raw.decode(encoding, errors="replace")
        score = _plausibility(text)
        if best_score is None or score > best_score:
            best, best_score = text, score
    return best


def _plausibility(text: str) -> int:
    score = 0
    previous = ""
    for char in text:
        if char.isascii():
            pass
        elif char in _FREQUENT:
            score += 3
        elif char in _RARER:
            score += 1
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            score += 0
        else:
            score -= 4
        if not char.isascii() and char.isupper() and previous.islower():
            score -= 2  # an accented capital in the middle of a word: a wrong code page
        previous = char
    return score


# --- TNEF (winmail.dat) --------------------------------------------------------------------------

_ATT_ATTACH_TITLE = 0x8010
_ATT_ATTACH_DATA = 0x800F
_ATT_ATTACH_REND_DATA = 0x9002
_MAPI_ATTACH_MIME_TAG = 0x370E


# --- Outlook .msg -------------------------------------------------------------------------------

MSG_TYPES = frozenset({"application/vnd.ms-outlook", "application/x-msg"})


def looks_like_msg(data: bytes) -> bool:
    """An OLE compound file with Outlook's property streams (cheap: a look at the directory)."""
    return data[:4] == b"\xd0\xcf\x11\xe0" and b"_\x00_\x00s\x00u\x00b\x00s\x00t\x00g\x00" in data


def unpack_msg(data: bytes, label: str, room: int, max_body_chars: int) -> Unpacked:
    """The attached files and the body text of an Outlook .msg item (read with extract-msg).

    Embedded Outlook items are not opened (a problem sentence says so); files beyond ``room``
    are counted in ``not_read``.
    """
    import extract_msg

    result = Unpacked()
    try:
        item = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:  # extract-msg raises its own types and anything olefile does
        result.problems.append(
            f"The Outlook item {label} could not be read ({type(exc).__name__}); ask the sender "
            "to attach the files themselves."
        )
        return result
    try:
        try:
            body = getattr(item, "body", None)  # only a message item (IPM.Note...) has one
        except Exception:  # a broken body stream must not cost the attachments
            body = None
        result.body = (body if isinstance(body, str) else "")[:max_body_chars]
        _msg_members(item, label, room, result)
    except Exception as exc:  # a damaged attachment table: keep what was read
        result.problems.append(
            f"Some files in the Outlook item {label} could not be read ({type(exc).__name__})."
        )
    finally:
        item.close()
    return result


def _msg_members(item: object, label: str, room: int, result: Unpacked) -> None:
    """Add an Outlook item's attached files (by value) to ``result``, up to ``room``."""
    for attachment in getattr(item, "attachments", ()):
        payload = getattr(attachment, "data", None)
        name = clean_filename(
            getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None)
        )
        if not isinstance(payload, bytes):
            result.problems.append(
                f"{label} holds an embedded Outlook item ({name or 'unnamed'}) that was not "
                "opened; ask the sender to attach its files directly."
            )
            continue
        if len(result.members) >= room:
            result.not_read += 1
            continue
        mime = getattr(attachment, "mimetype", None)
        result.members.append(
            Member(name, content_type_for(name, mime if isinstance(mime, str) else None), payload)
        )


def looks_like_tnef(data: bytes) -> bool:
    return data[:4] == b"\x78\x9f\x3e\x22"


def unpack_tnef(data: bytes, label: str, *, max_depth: int = 3) -> Unpacked:
    """The attached files of an Outlook TNEF stream (winmail.dat), with their long names.

    A TNEF stream that holds only the message body (RTF) and no attachments gives no members.
    Messages embedded in the stream are opened too (up to ``max_depth``).
    """
    from tnefparse import TNEF

    result = Unpacked()
    try:
        tnef = TNEF(data, do_checksum=False)
    except Exception as exc:  # tnefparse raises anything from struct.error to UnicodeError
        result.problems.append(
            f"The Outlook attachment {label} could not be read ({type(exc).__name__}); ask the "
            "sender to send the files again with Outlook set to send plain text or HTML mail."
        )
        return result
    complete, cut_off = _scan_tnef(data)
    _collect_tnef(tnef, label, result, max_depth, complete)
    if cut_off:
        result.problems.append(
            f"The Outlook attachment {label} is incomplete (cut off); files that were cut are "
            "left out. Ask the sender to send them again."
        )
    return result


def _scan_tnef(data: bytes) -> tuple[list[bool], bool]:
    """Walk the stream's attribute frames: which attachments' data arrived whole, and whether
    the stream was cut off (tnefparse silently clamps a frame that runs past the end)."""
    complete: list[bool] = []
    offset = 6
    cut_off = False
    while offset < len(data):
        if offset + 9 > len(data):
            cut_off = True
            break
        level, attribute, length = struct.unpack_from("<BII", data, offset)
        end = offset + 9 + length + 2
        whole = end <= len(data)
        if level == 2 and attribute & 0xFFFF == _ATT_ATTACH_REND_DATA:
            complete.append(True)
        if level == 2 and attribute & 0xFFFF == _ATT_ATTACH_DATA and complete:
            complete[-1] = whole
        if not whole:
            cut_off = True
            break
        offset = end
    return complete, cut_off


def _collect_tnef(
    tnef: object, label: str, result: Unpacked, depth: int, complete: list[bool] | None = None
) -> None:
    titles = _raw_titles(tnef)
    attachments = list(getattr(tnef, "attachments", []) or [])
    for index, attachment in enumerate(attachments):
        try:
            name = _tnef_name(attachment, titles[index] if index < len(titles) else b"", tnef)
            if complete is not None and index < len(complete) and not complete[index]:
                continue
            content = attachment.data
            if isinstance(content, list):
                content = b"".join(content)
            embedded = getattr(attachment, "embed", None)
            if embedded is not None:
                if depth > 0:
                    _collect_tnef(embedded, label, result, depth - 1)
                else:
                    result.problems.append(
                        f"A message embedded in {label} is nested too deeply and was not opened."
                    )
                continue
            if not isinstance(content, bytes) or not content:
                continue
            declared = _mapi_value(attachment, _MAPI_ATTACH_MIME_TAG)
            mime_tag = declared if isinstance(declared, str) else None
            result.members.append(Member(name, content_type_for(name, mime_tag), content))
        except Exception as exc:
            result.problems.append(f"An attachment inside {label} could not be read ({exc}).")


def _raw_titles(tnef: object) -> list[bytes]:
    """Each attachment's attAttachTitle as raw bytes, in order (tnefparse decodes it as UTF-8,
    which fails on the Windows code page Outlook writes it in)."""
    titles: list[bytes] = []
    for obj in getattr(tnef, "objects", []) or []:
        if getattr(obj, "level", None) != 2:
            continue
        if obj.name == _ATT_ATTACH_REND_DATA:
            titles.append(b"")
        elif obj.name == _ATT_ATTACH_TITLE and titles and isinstance(obj.data, bytes):
            titles[-1] = obj.data
    return titles


def _mapi_value(attachment: object, prop: int) -> object:
    for attr in getattr(attachment, "mapi_attrs", []) or []:
        if getattr(attr, "name", None) == prop:
            try:
                return attr.data
            except Exception:
                return None
    return None


def _tnef_name(attachment: object, raw_title: bytes, tnef: object) -> str | None:
    # The long name (a MAPI property) beats the 8.3 title of old Outlook versions.
    try:
        long_name = attachment.long_filename()  # type: ignore[attr-defined]
    except Exception:
        long_name = None
    if isinstance(long_name, bytes):
        long_name = long_name.rstrip(b"\x00").decode("utf-8", errors="replace")
    if isinstance(long_name, str) and long_name.strip("\x00 "):
        return clean_filename(long_name.strip("\x00"))
    if raw_title:
        codepage = getattr(tnef, "codepage", None) or "cp1252"
        title = raw_title.rstrip(b"\x00")
        try:
            return clean_filename(title.decode(codepage))
        except (LookupError, UnicodeDecodeError):
            return clean_filename(title.decode("cp1252", errors="replace"))
    return None
