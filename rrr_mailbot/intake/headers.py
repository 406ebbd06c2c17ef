"""Header reading that never raises: addresses, ids, subject, dates, arrival, auto-reply signals.

The email package's modern policy decodes headers well but can raise on some malformed values and
turns 8-bit (non-UTF-8) bytes into U+FFFD. So every read goes through ``Headers``, which keeps the
raw values and falls back to our own lenient decoding where the library gives up.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import logging
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy as email_policy
from email.message import Message
from email.policy import EmailPolicy
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from rrr_mailbot.model import ArrivalSource

logger = logging.getLogger(__name__)

_SURROGATES = re.compile(r"[\udc80-\udcff]+")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_ENCODED_GAP = re.compile(r"(\?=)\s+(=\?)")
_FOLD = re.compile(r"\s*[\r\n]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_MSG_ID = re.compile(r"<[^<>\s]+>")


# Longest header value we read (parsing keeps the raw bytes whole). The library's decoder of
# encoded words is quadratic: a 1 MB Subject of them took 67 s and 11 GB; 16 KB takes
# milliseconds and is far beyond any real Subject, file name or address list we need.
MAX_HEADER_CHARS = 16_384
# A cut falls on the last space within this many characters of the limit, so that it does not
# split an encoded word into visible garbage.
_CUT_SLACK = 200


def cut_header(value: str) -> str:
    """``value`` shortened to at most MAX_HEADER_CHARS, at a space where one is near."""
    if len(value) <= MAX_HEADER_CHARS:
        return value
    head = value[:MAX_HEADER_CHARS]
    space = max(head.rfind(" "), head.rfind("\t"))
    return head[:space] if space >= MAX_HEADER_CHARS - _CUT_SLACK else head


class CappedPolicy(EmailPolicy):
    """The email package's default policy, with every header value cut to MAX_HEADER_CHARS as
    the parser reads it, before anything decodes it. Names of cut headers are appended to
    ``cut_headers`` when one is given (``recording_policy``)."""

    cut_headers: list[str] | None = None

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        if len(value) > MAX_HEADER_CHARS:
            if self.cut_headers is not None:
                self.cut_headers.append(name)
            value = cut_header(value)
        return name, value


CAPPED_POLICY = CappedPolicy()


def recording_policy(cut_headers: list[str]) -> CappedPolicy:
    """A CappedPolicy that appends the name of each header it cuts to ``cut_headers``."""
    options: dict[str, Any] = {"cut_headers": cut_headers}  # a field EmailPolicy's stub lacks
    return CAPPED_POLICY.clone(**options)


def repair_surrogates(value: str) -> str:
    """Decode raw 8-bit bytes that the parser kept as surrogate escapes: UTF-8, else cp1252.

    Senders that put raw bytes into headers use UTF-8 (modern clients) or their Windows code page.
    """
    if not _SURROGATES.search(value):
        return value

    def decode_run(match: re.Match[str]) -> str:
        data = match.group().encode("utf-8", "surrogateescape")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")

    # Each run of raw bytes on its own: a value can mix decoded text and raw bytes.
    return _SURROGATES.sub(decode_run, value)


def _decode_bytes(data: bytes, charset: str) -> str:
    charset = charset.split("*", 1)[0].strip().lower()  # RFC 2231 language suffix: utf-8*es
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        # A name declared UTF-8 but written in the sender's Windows code page: common enough.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")


def decode_encoded_words(value: str) -> str:
    """Decode RFC 2047 encoded words anywhere in a string, tolerating what clients get wrong.

    Words glued to plain text (``=?utf-8?Q?Formul=C3=A1rio?=.pdf``), inside quotes, split across
    adjacent words or with bad padding all decode; an undecodable word is left as it was.
    """
    if "=?" not in value:
        return value
    value = _ENCODED_GAP.sub(r"\1\2", value)  # whitespace between adjacent words is not text

    def decode(match: re.Match[str]) -> str:
        charset, encoding, payload = match.groups()
        try:
            if encoding in "bB":
                payload = re.sub(r"[^A-Za-z0-9+/]", "", payload)
                payload += "=" * (-len(payload) % 4)
                data = base64.b64decode(payload)
            else:
                data = binascii.a2b_qp(payload.encode("ascii", "replace"), header=True)
        except (binascii.Error, ValueError):
            return match.group()
        return _decode_bytes(data, charset)

    return _ENCODED_WORD.sub(decode, value)


def clean_text(value: str) -> str:
    """A header's text on one line: unfolded, no control characters, NFC (macOS sends NFD)."""
    value = _FOLD.sub(" ", value)
    value = _CONTROL.sub("", value.replace("\t", " "))
    return unicodedata.normalize("NFC", value).strip()


def clean_filename(value: str | None) -> str | None:
    """A file name as we keep it: decoded, without folders, control characters or quotes."""
    if value is None:
        return None
    value = repair_surrogates(value)
    if "=?" in value:
        value = decode_encoded_words(value)
    value = clean_text(value).strip("\"' ")
    # Some clients send the sender's full path; the file's own name is the last part.
    value = re.split(r"[\\/]", value)[-1].strip()
    value = re.sub(r"\s+", " ", value)
    if len(value) > 255:
        stem, dot, ext = value.rpartition(".")
        value = stem[: 250 - len(ext)] + dot + ext if dot and len(ext) <= 10 else value[:255]
    return value or None


_PARAM = re.compile(
    r"""(?ix)(?:^|;)\s*(file)?name(\*\d+)?(\*)?\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)""",
)


def raw_filename_param(header_values: list[str]) -> str | None:
    """The filename (or name) parameter read straight from raw header text.

    A fallback for values the modern parser rejects: unquoted encoded words, 8-bit bytes, broken
    RFC 2231 continuations. ``filename`` wins over ``name``; RFC 2231 pieces are joined in order.
    """
    for want_filename in (True, False):
        for raw in header_values:
            pieces: dict[int, tuple[bool, str]] = {}
            for match in _PARAM.finditer(_FOLD.sub(" ", raw)):
                is_filename, index, star, value = match.groups()
                if bool(is_filename) != want_filename:
                    continue
                number = int(index[1:]) if index else 0
                value = value.strip()
                if value.startswith('"') and value.endswith('"') and len(value) >= 2:
                    value = re.sub(r"\\(.)", r"\1", value[1:-1])
                pieces.setdefault(number, (bool(star), value))
            if pieces:
                return _join_rfc2231(pieces)
    return None


def _join_rfc2231(pieces: dict[int, tuple[bool, str]]) -> str:
    charset = "utf-8"
    parts: list[str] = []
    for number in sorted(pieces):
        extended, value = pieces[number]
        if extended:
            if number == sorted(pieces)[0] and value.count("'") >= 2:
                charset, _, value = value.split("'", 2)
                charset = charset or "utf-8"
            data = urllib.parse.unquote_to_bytes(value)
            parts.append(_decode_bytes(data, charset))
        else:
            parts.append(value)
    return "".join(parts)


def parse_date(value: str | None) -> datetime | None:
    """An RFC 5322 date as an aware datetime (naive or ``-0000`` means UTC), or None."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(clean_text(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


@dataclass(frozen=True)
class Address:
    """One mailbox of an address header: the address (domain lower-cased) and its display name."""

    address: str | None
    name: str | None
    local_part: str


class Headers:
    """Lenient read access to one message's top-level headers (raw values kept once, in order)."""

    def __init__(self, message: Message) -> None:
        self.raw: dict[str, list[str]] = {}
        try:
            items = list(message.raw_items())
        except Exception:  # a parser bug on hostile input must not cost us the message
            items = []
        for name, value in items:
            key = str(name).strip().lower()
            text = value if isinstance(value, str) else str(value)
            self.raw.setdefault(key, []).append(text)

    def has(self, name: str) -> bool:
        return name.lower() in self.raw

    def raw_all(self, name: str) -> list[str]:
        return self.raw.get(name.lower(), [])

    def raw_first(self, name: str) -> str | None:
        values = self.raw_all(name)
        return values[0] if values else None

    def text(self, name: str) -> str | None:
        """The first value of a header, decoded (RFC 2047, 8-bit bytes) and unfolded."""
        raw = self.raw_first(name)
        if raw is None:
            return None
        return decoded_header(name, raw)

    def address(self, name: str) -> Address | None:
        """The first mailbox of an address header (From, Reply-To, Return-Path...)."""
        raw = self.raw_first(name)
        if raw is None:
            return None
        return parse_address(name, raw)

    def message_id(self, name: str) -> str | None:
        """A msg-id in its angle-bracketed form (added when the sender left the brackets out)."""
        raw = self.raw_first(name)
        if raw is None:
            return None
        found = _MSG_ID.findall(repair_surrogates(raw))
        if found:
            return str(found[0])
        bare = clean_text(repair_surrogates(raw)).split()
        return f"<{bare[0].strip('<>')}>" if bare and bare[0].strip("<>") else None

    def message_ids(self, name: str) -> tuple[str, ...]:
        ids: list[str] = []
        for raw in self.raw_all(name):
            found = _MSG_ID.findall(repair_surrogates(raw))
            if not found:
                found = [f"<{t.strip('<>')}>" for t in clean_text(raw).split() if t.strip("<>")]
            ids.extend(found)
        return tuple(dict.fromkeys(ids))

    def date(self, name: str = "date") -> datetime | None:
        return parse_date(self.raw_first(name))


def decoded_header(name: str, raw: str) -> str:
    """Decode one raw header value; the modern policy first, our lenient decoder as fallback."""
    # Unfold first: the header parser keeps a fold between two encoded words as text.
    fixed = _FOLD.sub(" ", repair_surrogates(raw))
    try:
        value = str(email_policy.default.header_factory(name, fixed))
    except Exception:
        value = decode_encoded_words(fixed)
    if "=?" in value:
        value = decode_encoded_words(value)
    return clean_text(value)


def parse_address(name: str, raw: str) -> Address | None:
    """The first mailbox of an address header; the display name decoded, the domain lower-cased."""
    fixed = repair_surrogates(raw)
    display = local = domain = ""
    try:
        header = email_policy.default.header_factory(name, fixed)
        addresses = getattr(header, "addresses", ())
        if addresses:
            first = addresses[0]
            display, local, domain = first.display_name, first.username, first.domain
    except Exception:
        addresses = ()
    if not addresses:
        pairs = getaddresses([decode_encoded_words(fixed)])
        if pairs:
            display, spec = pairs[0]
            local, _, domain = spec.rpartition("@") if "@" in spec else (spec, "", "")
    display = clean_text(decode_encoded_words(display or "")) or ""
    local = clean_text(local or "")
    domain = clean_text(domain or "").lower().strip(".")
    if not local and not domain:
        return None
    address = f"{local}@{domain}" if local and domain else None
    return Address(address=address, name=display or None, local_part=local)


@dataclass(frozen=True)
class Arrival:
    when: datetime | None
    source: ArrivalSource
    problem: str | None = None


def find_arrival(headers: Headers, given: datetime | None) -> Arrival:
    """When the message reached us, best source first.

    The time our server recorded (passed in), else the newest Received header's date (the top
    one, written by our own server), else the sender's Date header, else nothing. A Date header
    is written by the sender and never beats a Received header.
    """
    if given is not None:
        return Arrival(given, ArrivalSource.SERVER)
    problem = None
    for index, raw in enumerate(headers.raw_all("received")):
        _, semicolon, stamp = repair_surrogates(raw).rpartition(";")
        when = parse_date(stamp) if semicolon else None
        if when is not None:
            if index:
                problem = (
                    "The newest Received header has no readable date; the arrival time was "
                    "taken from an older one."
                )
            return Arrival(when, ArrivalSource.RECEIVED, problem)
    date = headers.date()
    if date is not None:
        return Arrival(date, ArrivalSource.DATE)
    return Arrival(None, ArrivalSource.NONE)


_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply", "auto-reply"})
_DAEMONS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})
# Exchange sends its delivery reports from a system mailbox named MicrosoftExchange<hex id>.
_EXCHANGE_SYSTEM = re.compile(r"microsoftexchange[0-9a-f]{32}")
_REPORT_TYPES = ("multipart/report",)


def auto_signals(headers: Headers, from_local: str | None) -> list[str]:
    """Why a message's headers say it is machine-sent (RFC 3834 and common servers' habits).

    ``X-Auto-Response-Suppress`` alone is not a signal: Outlook sets it on ordinary mail. What the
    subject and body say is read by ``rrr_mailbot.intake.machine``.
    """
    signals: list[str] = []
    auto_submitted = (headers.text("auto-submitted") or "").strip().lower()
    if headers.has("auto-submitted") and auto_submitted.split(";")[0].strip() not in ("no", ""):
        signals.append(f"Auto-Submitted: {auto_submitted.split(';')[0].strip()}")
    for name in ("x-autoreply", "x-autorespond", "x-autoreply-from", "x-mail-autoreply"):
        if headers.has(name):
            signals.append(f"{name} header")
    precedence = (headers.text("precedence") or "").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        signals.append(f"Precedence: {precedence}")
    if headers.has("list-id"):
        signals.append("mailing list (List-Id)")
    elif headers.has("list-unsubscribe"):
        signals.append("mailing list (List-Unsubscribe)")
    generated = headers.text("x-ms-exchange-generated-message-source")
    if generated:
        signals.append(f"generated by Exchange ({generated[:60]})")
    content_type = (headers.text("content-type") or "").lower()
    if content_type.startswith(_REPORT_TYPES):
        signals.append("delivery or read report (multipart/report)")
    local = (from_local or "").lower()
    if local in _DAEMONS:
        signals.append(f"from {local}")
    elif _EXCHANGE_SYSTEM.fullmatch(local):
        signals.append("from an Exchange system mailbox")
    return_path = headers.raw_first("return-path")
    if return_path is not None and re.fullmatch(r"\s*<\s*>\s*", return_path):
        signals.append("null Return-Path (<>)")
    return signals


_LANG_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def header_languages(headers: Headers) -> list[str]:
    """ISO 639-1 codes named by Content-Language and Accept-Language, in the order given."""
    codes: list[str] = []
    for name in ("content-language", "accept-language"):
        for raw in headers.raw_all(name):
            for item in repair_surrogates(raw).split(","):
                match = _LANG_TAG.match(item.split(";")[0])
                if match:
                    codes.append(match.group(1).lower())
    return list(dict.fromkeys(codes))
