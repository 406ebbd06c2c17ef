"""The MIME walk: one pass over a message's parts, opening containers, collecting documents,
body text and links, and saying what was wrong instead of raising.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import quopri
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email import errors as email_errors
from email.feedparser import BytesFeedParser
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from typing import TypeVar

from rrr_mailbot.config import CallSettings, Limits
from rrr_mailbot.intake import auth, containers, headers, machine, text
from rrr_mailbot.intake.ocr import OcrEngine
from rrr_mailbot.model import Document, Intake, Reading, require_aware

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

MAX_MIME_DEPTH = 40  # multiparts nested deeper than this are a bomb, not a message
MAX_PARTS = 1000  # parts looked at per message, containers included
MAX_LINKS = 50
# Beyond these a message is an attack on the parser (see _cut_header_block, _too_many_lines); a
# real 30 MB message in base64 has about 400,000 lines.
MAX_HEADER_BLOCK_BYTES = 2_000_000
MAX_LINES = 1_500_000

_DOCUMENT_TYPES = (
    text.PDF_TYPES
    | text.DOCX_TYPES
    | text.ODT_TYPES
    | text.RTF_TYPES
    | frozenset(
        {
            "application/msword",
            "application/vnd.ms-word",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.spreadsheet",
        }
    )
)
# Parts that are about the message, not files the sender attached.
_NOT_FILES = frozenset(
    {
        "application/pgp-signature",
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pgp-keys",
        "application/pgp-encrypted",
        "message/delivery-status",
        "message/global-delivery-status",
        "message/disposition-notification",
        "text/rfc822-headers",
        "message/feedback-report",
    }
)
_REPORT_PARTS = frozenset(
    {"message/delivery-status", "message/global-delivery-status", "text/rfc822-headers"}
)
_GENERIC_TYPES = frozenset(
    {"application/octet-stream", "application/x-download", "application/download"}
    | containers.ZIP_TYPES
)
_BODY_TYPES = frozenset({"text/plain", "text/html", "text/enriched"})
_URL = re.compile(r"""https?://[^\s<>"'\])}]+""", re.IGNORECASE)
_STRUCTURE_DEFECTS = (
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
    email_errors.InvalidMultipartContentTransferEncodingDefect,
)
_BASE64_DEFECTS = (
    email_errors.InvalidBase64PaddingDefect,
    email_errors.InvalidBase64CharactersDefect,
    email_errors.InvalidBase64LengthDefect,
)


def parse_message(
    raw: bytes,
    call: CallSettings,
    *,
    arrival: datetime | None = None,
    size_bytes: int | None = None,
    truncated: bool = False,
    ocr: OcrEngine | None = None,
) -> Intake:
    """Read one raw RFC 5322 message into an Intake record. Never raises on malformed input.

    ``ocr`` recognises scans and photos (see ``intake.ocr``); None reads no pictures.

    ``arrival`` is the time our server recorded (IMAP INTERNALDATE); without it the newest
    Received header decides, then the Date header. ``truncated`` means ``raw`` is only the header
    block of a message too large to download: its headers are read, no documents.
    A naive ``arrival`` is a programming error and raises ValueError.
    """
    require_aware(arrival, "parse_message(arrival=...)")
    problems: list[str] = []
    message = _parse(raw, truncated, problems)
    head = headers.Headers(message)

    sender = _guard(lambda: head.address("from"), None, problems, "From")
    reply_to = _guard(lambda: head.address("reply-to"), None, problems, "Reply-To")
    return_path = _guard(lambda: head.address("return-path"), None, problems, "Return-Path")
    subject = _guard(lambda: head.text("subject"), None, problems, "Subject") or ""
    found = headers.find_arrival(head, arrival)
    if found.problem:
        problems.append(found.problem)
    if sender is None or sender.address is None:
        problems.append("The message has no usable From address.")

    walker = _Walker(call.limits, problems, ocr)
    if truncated:
        problems.append(
            f"The message is larger than the download limit ({call.limits.max_message_bytes} "
            "bytes); only its headers were read, so its attachments were not looked at."
        )
    else:
        try:
            walker.walk(message)
        except MemoryError:
            raise  # a bound of the reader process (intake.workers), not a defect of the message
        except Exception as exc:  # the walk guards each part; this is the last line of defence
            logger.warning(
                "the message walk stopped: %r",
                exc,
                exc_info=True,
                extra={"action": "intake_walk_failed"},
            )
            problems.append(f"The message could not be read completely ({type(exc).__name__}).")
    body_text = walker.body_text()
    no_signals: list[str] = []
    signals = _guard(
        lambda: headers.auto_signals(head, sender.local_part if sender else None),
        no_signals,
        problems,
        "auto-reply headers",
    )
    if walker.saw_report and not any("report" in s for s in signals):
        signals.append("delivery status notification")
    cloud_links = _cloud_links(walker.links, call.cloud_link_domains)
    signals.extend(
        machine.content_signals(
            subject,
            body_text,
            has_documents=bool(walker.documents or cloud_links),
            read_report_part=walker.saw_read_report,
            cues=call.machine_mail.folded,
        )
    )
    no_results: tuple[tuple[str, str], ...] = ()
    authentication = _guard(
        lambda: auth.authentication_results(head), no_results, problems, "Authentication-Results"
    )
    intake = Intake(
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        size_bytes=size_bytes if size_bytes is not None else len(raw),
        from_address=sender.address if sender else None,
        from_name=sender.name if sender else None,
        reply_to=reply_to.address if reply_to else None,
        return_path=return_path.address if return_path else None,
        message_id=_guard(lambda: head.message_id("message-id"), None, problems, "Message-ID"),
        in_reply_to=_guard(lambda: head.message_id("in-reply-to"), None, problems, "In-Reply-To"),
        references=_guard(lambda: head.message_ids("references"), (), problems, "References"),
        subject=subject,
        date_header=head.date(),
        arrival=found.when,
        arrival_source=found.source,
        language_hints=tuple(_languages(head, body_text)),
        body_text=body_text,
        documents=tuple(walker.documents),
        cloud_links=tuple(cloud_links),
        auto_signals=tuple(dict.fromkeys(signals)),
        authentication=authentication,
        problems=tuple(dict.fromkeys(problems)),
        truncated=truncated,
    )
    logger.debug(
        "read message %s: %d documents, %d problems",
        intake.message_id,
        len(intake.documents),
        len(intake.problems),
        extra={"action": "intake_parsed", "message_id": intake.message_id},
    )
    return intake


def _guard(read: Callable[[], _T], default: _T, problems: list[str], what: str) -> _T:
    """Read one header; a failure becomes a problem sentence and a default, not an exception."""
    try:
        return read()
    except Exception as exc:
        logger.info("unreadable %s header: %s", what, exc, extra={"action": "intake_header"})
        problems.append(f"The {what} header could not be read.")
        return default


def _parse(raw: bytes, truncated: bool, problems: list[str]) -> Message:
    """The message tree, or its headers alone when the structure is beyond the parser."""
    cut: list[str] = []
    policy = headers.recording_policy(cut)
    message = _parse_capped(raw, truncated, problems, policy)
    if cut:
        names = ", ".join(sorted(set(cut), key=str.lower))
        problems.append(
            f"Some headers were longer than {headers.MAX_HEADER_CHARS} characters and only "
            f"their start was read ({names})."
        )
    return message


def _parse_capped(
    raw: bytes, truncated: bool, problems: list[str], policy: headers.CappedPolicy
) -> Message:
    raw = _cut_header_block(raw, problems)
    if not truncated and _too_many_lines(raw, problems):
        truncated = True
    if not truncated:
        try:
            return parse_bytes(_cut_parts(raw, problems), policy)
        except RecursionError:
            problems.append(
                "The message's parts are nested too deeply to be read; only its headers were used."
            )
        except MemoryError:
            raise  # a bound of the reader process (intake.workers), not a defect of the message
        except Exception as exc:
            problems.append(
                f"The message's structure could not be read ({type(exc).__name__}); only its "
                "headers were used."
            )
    try:
        # Only the header block: the header parser would still split the body into lines.
        return BytesHeaderParser(policy=policy).parsebytes(raw[: _header_end(raw)])
    except Exception as exc:
        problems.append(f"The message's headers could not be read ({type(exc).__name__}).")
        return EmailMessage()


_FEED_CHUNK = 1 << 16


def parse_bytes(raw: bytes, policy: headers.CappedPolicy) -> Message:
    """What ``email.message_from_bytes`` gives, fed in chunks: that function decodes the whole
    message to one str and reads it through a StringIO, which keeps 4 bytes a character (a
    29 MB message took 300 MB to parse; fed like this, half)."""
    parser = BytesFeedParser(policy=policy)
    view = memoryview(raw)
    for start in range(0, len(raw), _FEED_CHUNK):
        parser.feed(bytes(view[start : start + _FEED_CHUNK]))
    return parser.close()


def _cut_header_block(raw: bytes, problems: list[str]) -> bytes:
    """``raw`` with its header block cut to MAX_HEADER_BLOCK_BYTES, keeping the body: the parser
    holds every header line whole (a 30 MB header costs 400 MB) before the per-header cap sees
    it. The newest Received header is at the top: kept."""
    if len(raw) <= MAX_HEADER_BLOCK_BYTES:
        return raw
    end = _header_end(raw)
    if end <= MAX_HEADER_BLOCK_BYTES:
        return raw
    # Cut mid-line if need be: a long last header keeps its start, which the policy then caps.
    head = raw[:MAX_HEADER_BLOCK_BYTES].rstrip(b"\r") + b"\n"
    problems.append(
        f"The message's header block is {end} bytes long; only its first "
        f"{MAX_HEADER_BLOCK_BYTES} bytes were read."
    )
    return head + raw[end:]


def _header_end(raw: bytes) -> int:
    """Where the header block ends (after its last line end), or len(raw) without a body."""
    ends = [at for at in (raw.find(b"\n\n"), raw.find(b"\n\r\n")) if at >= 0]
    return min(ends) + 1 if ends else len(raw)


def _too_many_lines(raw: bytes, problems: list[str]) -> bool:
    """Whether ``raw`` has more than MAX_LINES lines (LF, CRLF or a bare CR each end one): the
    parser keeps each line as an object of its own, about 80 bytes, so 5 million short lines
    cost 400 MB. Such a message is read for its headers only."""
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    if lines <= MAX_LINES:
        return False
    problems.append(
        f"The message has {lines} lines (more than {MAX_LINES}); only its headers were read, "
        "so its attachments were not looked at."
    )
    return True


def _cut_parts(raw: bytes, problems: list[str]) -> bytes:
    """``raw`` up to its MAX_PARTS-th line starting with "--" (a part delimiter, at most): the
    parser reads every part's headers in full, which takes a minute for 10,000 parts, while the
    walk looks at the first MAX_PARTS only."""
    at = -1
    for _ in range(MAX_PARTS + 1):
        at = raw.find(b"\n--", at + 1)
        if at < 0:
            return raw
    problems.append(f"The message has more than {MAX_PARTS} parts; the rest were not looked at.")
    return raw[: at + 1]


@dataclass
class _Body:
    """The text parts of one message (the top one or a forwarded one)."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)

    def text(self) -> str:
        # Some clients send an empty text/plain next to the real HTML body.
        chosen = self.plain if any(p.strip() for p in self.plain) else self.html
        return text.join_limited(chosen, text.MAX_BODY_CHARS)


@dataclass(frozen=True)
class _Part:
    """What the walk knows about a leaf part, each item read defensively."""

    content_type: str
    disposition: str | None
    filename: str | None
    content_id: str | None
    charset: str | None
    flowed: bool
    delsp: bool


class _Walker:
    """One walk over a message tree; collects documents, bodies, links and problems."""

    def __init__(self, limits: Limits, problems: list[str], ocr: OcrEngine | None) -> None:
        self.limits = limits
        self.problems = problems
        self.ocr = ocr
        self.documents: list[Document] = []
        self.bodies: list[str] = []
        self.links: list[str] = []
        self.saw_report = False
        self.saw_read_report = False
        self.parts = 0
        self.not_read = 0

    # -- the tree --

    def walk(self, message: Message) -> None:
        body = _Body()
        self._walk_message(message, (), 0, body)
        # The top message's body first; forwarded ones were appended as they were met.
        self.bodies.insert(0, body.text())
        if self.not_read:
            self.problems.append(
                f"The message holds more than {self.limits.max_documents} files; "
                f"{self.not_read} were not looked at."
            )

    def body_text(self) -> str:
        return text.join_limited(self.bodies, text.MAX_BODY_CHARS, "\n\n---\n\n")

    def _walk_message(
        self, message: Message, container: tuple[str, ...], depth: int, body: _Body
    ) -> None:
        stack: list[tuple[Message, int]] = [(message, 0)]
        too_deep = False
        while stack:
            part, level = stack.pop()
            self.parts += 1
            if self.parts > MAX_PARTS:
                self.problems.append(
                    f"The message has more than {MAX_PARTS} parts; the rest were not looked at."
                )
                return
            if level > MAX_MIME_DEPTH:
                too_deep = True
                continue
            try:
                self._structure_problems(part)
                children = self._children(part, container, depth)
                if children is not None:
                    stack.extend((child, level + 1) for child in reversed(children))
                else:
                    self._leaf(part, container, depth, body)
            except RecursionError:
                too_deep = True
            except Exception as exc:
                # A bug or a shape nobody foresaw in one part must not cost the others.
                logger.warning(
                    "a message part could not be read: %r",
                    exc,
                    exc_info=True,
                    extra={"action": "intake_part_failed"},
                )
                self.problems.append(
                    f"A part of the message could not be read ({type(exc).__name__})."
                )
        if too_deep:
            self.problems.append(
                "The message's parts are nested too deeply; the innermost ones were not read."
            )

    def _children(
        self, part: Message, container: tuple[str, ...], depth: int
    ) -> list[Message] | None:
        """The sub-parts to walk, or None for a leaf. Forwarded messages are opened here."""
        content_type = _content_type(part)
        if content_type in _NOT_FILES:
            if content_type in _REPORT_PARTS and not container:
                self.saw_report = True
            elif content_type == "message/disposition-notification" and not container:
                self.saw_read_report = True
            return []
        if not part.is_multipart():
            return None
        payload = part.get_payload()
        children = (
            [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []
        )
        if content_type.startswith("message/"):
            # message/rfc822 (a forwarded message): a container of its own.
            name = _part_filename(part)
            for inner in children:
                self._forwarded(_reencoded(part, inner), name, container, depth)
            return []
        return children

    def _structure_problems(self, part: Message) -> None:
        defects = getattr(part, "defects", ())
        if any(isinstance(d, _STRUCTURE_DEFECTS) for d in defects):
            self.problems.append(
                "The message's MIME structure is broken (a missing or wrong boundary); some of "
                "its attachments may not have been found."
            )
        elif any(isinstance(d, email_errors.CloseBoundaryNotFoundDefect) for d in defects):
            self.problems.append(
                "The message ends before its last MIME boundary: it may have been cut off."
            )

    def _leaf(self, part: Message, container: tuple[str, ...], depth: int, body: _Body) -> None:
        info = _describe(part)
        content_type = info.content_type
        data = _payload(part)
        if data is None:
            self.problems.append(
                f"The content of {_label(info.filename, content_type, start=False)} could not be "
                "decoded."
            )
            return
        if any(isinstance(d, _BASE64_DEFECTS) for d in getattr(part, "defects", ())):
            self.problems.append(
                f"{_label(info.filename, content_type)} was damaged in transit "
                "(invalid base64); it may be incomplete."
            )
        if (
            content_type in _BODY_TYPES
            and info.filename is None
            and info.disposition != "attachment"
        ):
            self._body_part(info, data, body)
            return
        maintype = content_type.split("/", 1)[0]
        if maintype == "image":
            if self._is_decoration(info, len(data)):
                return
        elif (
            info.filename is None
            and content_type not in _DOCUMENT_TYPES
            and content_type not in containers.ZIP_TYPES
            and content_type not in containers.TNEF_TYPES
            and info.disposition != "attachment"
        ):
            return  # an unnamed inline part that is not a document (a calendar, a vCard...)
        if maintype == "multipart":
            return  # a multipart whose parts could not be parsed: nothing to keep
        inline = info.disposition == "inline" or (
            info.disposition is None and bool(info.content_id)
        )
        self._file(info.filename, content_type, data, container, depth, inline)

    def _is_decoration(self, info: _Part, size: int) -> bool:
        """Signature logos and pasted pictures: small inline images with a Content-ID.

        A named inline image without a Content-ID (iOS Mail's IMG_1234.JPG scans), or one above
        the size limit, is a document; an explicit attachment always is.
        """
        if info.disposition == "attachment":
            return False
        small = size < self.limits.inline_image_max_bytes
        if info.content_id and small:
            return True
        return info.filename is None and small

    def _body_part(self, info: _Part, data: bytes, body: _Body) -> None:
        decoded = text.decode_text(data[: text.MAX_BODY_CHARS * 8], info.charset)
        if info.content_type == "text/html":
            visible, links = text.html_to_text(decoded, text.MAX_BODY_CHARS)
            body.html.append(visible)
            self.links.extend(links)
            self.links.extend(_URL.findall(visible))
            return
        decoded = decoded.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        if info.flowed:
            decoded = text.unflow(decoded, info.delsp)
        if info.content_type == "text/enriched":
            decoded = text.html_to_text(decoded)[0]
        body.plain.append(decoded.strip())
        self.links.extend(_URL.findall(decoded))

    # -- files and containers --

    def _file(
        self,
        filename: str | None,
        content_type: str,
        data: bytes,
        container: tuple[str, ...],
        depth: int,
        inline: bool = False,
    ) -> None:
        ext = containers.extension_of(filename)
        lower_name = (filename or "").lower()
        if containers.is_archive(filename, content_type, data):
            self._zip(filename or "zip archive", data, container, depth)
            return
        declared_zip = ext == "zip" or (content_type in containers.ZIP_TYPES and not ext)
        if declared_zip and not containers.looks_like_zip(data):
            self.problems.append(
                f"{filename or 'An attached zip archive'} is not a valid zip archive and "
                "could not be opened."
            )
            return
        if (
            content_type in containers.TNEF_TYPES
            or lower_name == "winmail.dat"
            or containers.looks_like_tnef(data)
        ):
            self._tnef(filename or "winmail.dat", data, container, depth)
            return
        if content_type == "message/rfc822" or ext == "eml":
            inner = _parse_inner(data)
            if inner is not None:
                self._forwarded(inner, filename, container, depth)
                return
        if containers.looks_like_msg(data):
            self._msg(filename or "Outlook item", data, container, depth)
            return
        if ext == "msg" or content_type in containers.MSG_TYPES:
            self.problems.append(
                f"{filename or 'An attached Outlook item'} is not a readable Outlook message "
                "file; ask the sender to attach the files themselves."
            )
        if not ext and content_type in _GENERIC_TYPES | {"text/plain"}:
            # A forwarded message sent as a plain file without a name ending in .eml.
            inner = _parse_inner(data) if _looks_like_message(data) else None
            if inner is not None:
                self._forwarded(inner, filename, container, depth)
                return
        self._add(filename, content_type, data, container, inline)

    def _msg(self, label: str, data: bytes, container: tuple[str, ...], depth: int) -> None:
        """An Outlook .msg item: like a forwarded message, its files are candidates and its
        body counts as body text."""
        if not self._enter(label, container, depth):
            return
        unpacked = containers.unpack_msg(data, label, self._room(), text.MAX_BODY_CHARS)
        self.problems.extend(unpacked.problems)
        self.not_read += unpacked.not_read
        if unpacked.body.strip():
            self.bodies.append(unpacked.body.strip())
        for member in unpacked.members:
            self._file(
                member.filename, member.content_type, member.data, (*container, label), depth + 1
            )

    def _room(self) -> int:
        return max(0, self.limits.max_documents - len(self.documents))

    def _enter(self, label: str, container: tuple[str, ...], depth: int) -> bool:
        if depth + 1 > self.limits.container_max_depth:
            where = " inside ".join(reversed(container)) or "the message"
            self.problems.append(
                f"{label} in {where} is nested too deeply (more than "
                f"{self.limits.container_max_depth} containers) and was not opened."
            )
            return False
        if not self._room():
            self.not_read += 1
            return False
        return True

    def _zip(self, label: str, data: bytes, container: tuple[str, ...], depth: int) -> None:
        if not self._enter(label, container, depth):
            return
        unpacked = containers.unpack_zip(data, label, self.limits, self._room())
        self.problems.extend(unpacked.problems)
        self.not_read += unpacked.not_read
        for member in unpacked.members:
            self._file(
                member.filename, member.content_type, member.data, (*container, label), depth + 1
            )

    def _tnef(self, label: str, data: bytes, container: tuple[str, ...], depth: int) -> None:
        if not self._enter(label, container, depth):
            return
        unpacked = containers.unpack_tnef(data, label)
        self.problems.extend(unpacked.problems)
        for member in unpacked.members:
            self._file(
                member.filename, member.content_type, member.data, (*container, label), depth + 1
            )

    def _forwarded(
        self, inner: Message, filename: str | None, container: tuple[str, ...], depth: int
    ) -> None:
        label = filename or "forwarded message"
        if not self._enter(label, container, depth):
            return
        body = _Body()
        self._walk_message(inner, (*container, label), depth + 1, body)
        forwarded = body.text()
        if forwarded:
            self.bodies.append(forwarded)

    def _add(
        self,
        filename: str | None,
        content_type: str,
        data: bytes,
        container: tuple[str, ...],
        inline: bool,
    ) -> None:
        if not self._room():
            self.not_read += 1
            return
        content_type = containers.content_type_for(filename, content_type)
        if content_type in _GENERIC_TYPES:
            # An unnamed file labelled only "binary" or "zip": what its bytes say it is.
            content_type = text.sniff_content_type(data) or content_type
        if len(data) > self.limits.max_document_bytes:
            self.problems.append(
                f"{_label(filename, content_type)} is larger than "
                f"{self.limits.max_document_bytes} bytes; its text was not read."
            )
            read = text.DocumentText(None, None, Reading.UNREAD)
        else:
            read = text.read_document(data, filename, content_type, self.ocr)
        if read.note:
            logger.info(
                "%s not read: %s",
                _label(filename, content_type),
                read.note,
                extra={"action": "intake_not_read"},
            )
        self.documents.append(
            Document(
                filename=filename,
                content_type=content_type,
                data=data,
                container=container,
                text=read.text,
                text_error=read.error,
                inline=inline,
                reading=read.reading,
            )
        )


def _label(filename: str | None, content_type: str, *, start: bool = True) -> str:
    """How a sentence names a file: its name, else its type."""
    return filename or f"{'An' if start else 'an'} unnamed part ({content_type})"


# --- reading one part defensively --------------------------------------------------------------


def _content_type(part: Message) -> str:
    try:
        return str(part.get_content_type()).lower()
    except Exception:
        return "application/octet-stream"


def _describe(part: Message) -> _Part:
    content_type = _content_type(part)
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    try:
        content_id = part.get("content-id")
        cid = str(content_id).strip() if content_id is not None else None
    except Exception:
        cid = None
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    try:
        flowed = str(part.get_param("format", "")).lower() == "flowed"
        delsp = str(part.get_param("delsp", "")).lower() == "yes"
    except Exception:
        flowed = delsp = False
    return _Part(
        content_type=content_type,
        disposition=disposition,
        filename=_part_filename(part),
        content_id=cid or None,
        charset=charset,
        flowed=flowed,
        delsp=delsp,
    )


def _part_filename(part: Message) -> str | None:
    """The part's file name: Content-Disposition filename, else Content-Type name, decoded.

    Falls back to reading the raw headers when the library gives nothing usable (unquoted
    encoded words, raw 8-bit names it turns into U+FFFD).
    """
    try:
        name = part.get_filename()
    except Exception:
        name = None
    if name is None or "\ufffd" in name or "=?" in name:
        try:
            raw = [
                headers.repair_surrogates(str(value))
                for key, value in part.raw_items()
                if key.lower() in ("content-disposition", "content-type")
            ]
            # filename= of the disposition before name= of the type, as the library does
            raw.sort(key=lambda v: 0 if "filename" in v.lower() else 1)
            fallback = headers.raw_filename_param(raw)
        except Exception:
            fallback = None
        if fallback:
            name = fallback
    return headers.clean_filename(name)


# Base64 that email.message would decode without a defect: the alphabet, line breaks, padding.
_CLEAN_BASE64 = re.compile(r"[A-Za-z0-9+/\r\n]*(?:=[\r\n]*){0,2}")


def _clean_base64(part: Message) -> bytes | None:
    """The decoded bytes of a well-formed base64 part, else None (email.message decides).

    ``get_payload(decode=True)`` encodes the text, splits it into lines and joins them before
    decoding: three transient copies, the peak of reading a large attachment. binascii reads the
    text as it is, line breaks and all, to the same bytes.
    """
    if part.is_multipart() or str(part.get("content-transfer-encoding", "")).lower() != "base64":
        return None
    text = part.get_payload()
    if not isinstance(text, str) or _CLEAN_BASE64.fullmatch(text) is None:
        return None
    if (len(text) - text.count("\r") - text.count("\n")) % 4:
        return None  # email.message pads it and records the defect
    try:
        return binascii.a2b_base64(text)
    except (binascii.Error, ValueError):
        return None


def _payload(part: Message) -> bytes | None:
    clean = _clean_base64(part)
    if clean is not None:
        return clean
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return None
    if isinstance(data, bytes):
        return data
    if data is None:
        return b""
    return None


def _reencoded(part: Message, inner: Message) -> Message:
    """A forwarded message sent base64- or QP-encoded (against RFC 2046, but some clients do):
    the parser took the encoded text for a message without headers, so decode and parse it."""
    try:
        encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
        if encoding not in ("base64", "quoted-printable") or any(True for _ in inner.raw_items()):
            return inner
        encoded = inner.get_payload()
        if not isinstance(encoded, str):
            return inner
        if encoding == "base64":
            letters = re.sub(r"[^A-Za-z0-9+/]", "", encoded)
            data = base64.b64decode(letters + "=" * (-len(letters) % 4))
        else:
            data = quopri.decodestring(encoded.encode("ascii", "surrogateescape"))
    except (ValueError, binascii.Error, UnicodeError):
        return inner
    return _parse_inner(data) or inner


_MESSAGE_START = re.compile(
    rb"(?:received|return-path|from|message-id|mime-version|date|subject|delivered-to|"
    rb"x-[a-z0-9-]+|dkim-signature|arc-seal|authentication-results):[^\r\n]*\r?\n",
    re.IGNORECASE,
)


def _looks_like_message(data: bytes) -> bool:
    """Whether a file starts like an RFC 5322 message (header lines) and has a From header."""
    head = data[:8192]
    return bool(_MESSAGE_START.match(head)) and re.search(rb"(?im)^from:", head) is not None


def _parse_inner(data: bytes) -> Message | None:
    try:
        inner = parse_bytes(data, headers.CAPPED_POLICY)
    except Exception:
        return None
    # Something that is not a message at all (no headers) is kept as a plain file instead.
    try:
        has_headers = any(True for _ in inner.raw_items())
    except Exception:
        has_headers = False
    return inner if has_headers else None


# --- links and languages -----------------------------------------------------------------------


def _unwrap(url: str) -> str:
    """The real target of a rewritten link (Outlook Safe Links, Google redirects)."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower()
        if host.endswith("safelinks.protection.outlook.com") or (
            host.startswith(("www.google.", "google.")) and parts.path == "/url"
        ):
            query = urllib.parse.parse_qs(parts.query)
            target = (query.get("url") or query.get("q") or [""])[0]
            if target.lower().startswith(("http://", "https://")):
                return target
    except ValueError:
        pass
    return url


def _host_matches(host: str, domain: str) -> bool:
    domain = domain.lower().strip(".")
    if not domain:
        return False
    if "." in domain:
        return host == domain or host.endswith("." + domain)
    return domain in host.split(".")  # a bare name like "filesender" matches any of its hosts


def _cloud_links(candidates: list[str], domains: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for candidate in candidates:
        url = _unwrap(candidate.strip().rstrip(".,;:!?"))
        if not url.lower().startswith(("http://", "https://")):
            continue
        try:
            host = (urllib.parse.urlsplit(url).hostname or "").lower()
        except ValueError:
            continue
        if host and any(_host_matches(host, d) for d in domains) and url not in found:
            found.append(url)
            if len(found) >= MAX_LINKS:
                break
    return found


def _languages(head: headers.Headers, body: str) -> list[str]:
    """Language codes, best first: the body's words when they say enough, then the headers."""
    declared = headers.header_languages(head)
    ranked = text.guess_languages(body)
    if not ranked:
        return declared
    top = ranked[0][1]
    strong = [code for code, hits in ranked if hits >= 3 and hits * 10 >= top * 3]
    if top >= 8:
        return list(dict.fromkeys([*strong, *declared]))
    return list(dict.fromkeys([*declared, *strong]))
