"""Plain data that flows between the rooms: what a source hands over, what intake finds, what
decide concludes. No I/O here; every datetime is time-zone aware (a naive one is refused).
"""

from __future__ import annotations

import enum
import functools
import hashlib
from dataclasses import dataclass, field
from datetime import datetime


def require_aware(value: datetime | None, what: str) -> None:
    """Refuse a naive datetime where a record is built."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{what} must be time-zone aware, got naive {value!r}")


class Outcome(enum.StrEnum):
    """What the bot decided about one message."""

    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"
    LATE = "late"
    IGNORED = "ignored"


class ArrivalSource(enum.StrEnum):
    """Where a message's arrival time came from, best first."""

    SERVER = "server"  # IMAP INTERNALDATE, or the time a Maildir file was delivered when asked for
    RECEIVED = "received"  # the newest Received header our server wrote
    DATE = "date"  # the sender's Date header: only when nothing else exists
    NONE = "none"


@dataclass(frozen=True)
class IncomingMessage:
    """One message as a mailbox source hands it over.

    ``key`` identifies it within its source (a Maildir key, or ``"<uidvalidity>:<uid>"`` for IMAP).
    ``raw`` is the whole message, or only its header block when ``truncated`` (a message over the
    size limit is recorded and answered without downloading it whole). ``arrival`` is the time our
    server recorded (IMAP INTERNALDATE), or None when the source has no such time.
    """

    key: str
    raw: bytes
    size_bytes: int
    arrival: datetime | None = None
    truncated: bool = False

    def __post_init__(self) -> None:
        require_aware(self.arrival, "IncomingMessage.arrival")


class Reading(enum.StrEnum):
    """How much of a document's content could be read, which decides what may be concluded from it.

    A file fills a required document only on evidence: its text when it has some, its name only
    when its content could not be read at all.
    """

    TEXT = "text"  # the file's own text: a PDF text layer, DOCX/ODT/RTF, form field values...
    OCR = "ocr"  # text recognised in the image of a scan or a photo
    NO_TEXT = "no_text"  # read or recognised, and it holds no text: a photo, a logo, a blank page
    UNREAD = "unread"  # not read: a format we do not read, OCR off, failed or timed out, damage


@dataclass(frozen=True)
class Document:
    """A candidate document found in a message: an attachment, an inline file, a zip member...

    ``filename`` is the file's own (decoded) name, the inner name for files found in a zip, a TNEF
    container or a forwarded message; None when the part had no name. ``container`` says where it
    was found, e.g. ``("applications.zip",)`` or ``("winmail.dat",)``; empty for a top-level part.
    ``text`` is the document's readable text (PDF, DOCX, ODT, plain text) or None when none could be
    read; ``text_error`` says why when reading was attempted and failed. ``reading`` says how the
    text was obtained, or that the file holds none (see :class:`Reading`).
    """

    filename: str | None
    content_type: str
    data: bytes
    container: tuple[str, ...] = ()
    text: str | None = None
    text_error: str | None = None
    inline: bool = False
    reading: Reading = Reading.UNREAD

    @property
    def size_bytes(self) -> int:
        return len(self.data)

    @functools.cached_property
    def sha256(self) -> str:
        # Asked for by classify, the replies and the ledger: hashed once (a file may be 20 MB).
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        """Lower-case extension without the dot ('' when none)."""
        name = self.filename or ""
        _, dot, ext = name.rpartition(".")
        return ext.lower() if dot and "/" not in ext and " " not in ext else ""

    @property
    def display_name(self) -> str:
        return self.filename or f"(unnamed {self.content_type})"


@dataclass(frozen=True)
class Intake:
    """Everything the decision needs from one message, with no reference to the raw bytes' parser.

    Malformed input never raises out of intake: ``problems`` says what was wrong instead.
    ``auto_signals`` lists why the message looks machine-sent (auto-reply, bounce, list), if so.
    """

    raw_sha256: str
    size_bytes: int
    from_address: str | None
    from_name: str | None
    reply_to: str | None
    return_path: str | None
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str
    date_header: datetime | None
    arrival: datetime | None
    arrival_source: ArrivalSource
    language_hints: tuple[str, ...] = ()
    body_text: str = ""
    documents: tuple[Document, ...] = ()
    cloud_links: tuple[str, ...] = ()
    auto_signals: tuple[str, ...] = ()
    # (method, result) from our receiving server's Authentication-Results: spf, dkim, dmarc...
    authentication: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()
    truncated: bool = False

    def __post_init__(self) -> None:
        require_aware(self.arrival, "Intake.arrival")
        require_aware(self.date_header, "Intake.date_header")

    @property
    def language(self) -> str | None:
        """The language the sender most likely writes in (ISO 639-1), if any hint says."""
        return self.language_hints[0] if self.language_hints else None

    @property
    def reply_address(self) -> str | None:
        """Where an answer goes: Reply-To when given, else From."""
        return self.reply_to or self.from_address


@dataclass(frozen=True)
class EarlierDocument:
    """A file that an earlier, on-time message of the same application brought for a required
    document (the application's current file for it)."""

    role: str
    filename: str | None
    sha256: str
    size_bytes: int
    reference: str
    arrival: datetime | None

    def __post_init__(self) -> None:
        require_aware(self.arrival, "EarlierDocument.arrival")

    @property
    def display_name(self) -> str:
        return self.filename or "(unnamed file)"


@dataclass(frozen=True)
class FileNote:
    """Why a file fills no required document: a stable code for templates and staff ("budget",
    "picture", "blank_template", "unrecognised", "not_used"...) and an English sentence."""

    code: str
    text: str


@dataclass(frozen=True)
class Decision:
    """The outcome for one message, with what was chosen and why.

    ``documents`` maps each required document id to the chosen file (None when missing).
    ``reasons`` are sentences for humans; ``review`` are short flags for staff (e.g.
    ``"ambiguous_documents"``, ``"combined_document"``, ``"arrival_from_date_header"``).
    ``uncertain`` lists the documents whose file was not identified by its own content (taken
    by elimination, by its layout, by a hint in its name): the reply names the file and asks the
    applicant to check. ``notes`` says, per file (by SHA-256) that fills no document, why not.
    ``withhold_reply`` says why no reply is sent although the outcome calls for one.
    ``carried`` holds the documents that earlier messages of the same application brought and this
    one did not (they complete it); ``superseded`` the earlier files this message's files replace.
    """

    outcome: Outcome
    documents: dict[str, Document | None] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    notes: dict[str, FileNote] = field(default_factory=dict)
    withhold_reply: str | None = None
    carried: dict[str, EarlierDocument] = field(default_factory=dict)
    superseded: dict[str, EarlierDocument] = field(default_factory=dict)
    evidence: dict[str, str] = field(
        default_factory=dict
    )  # how each filled document was recognised


@dataclass(frozen=True)
class LedgerFacts:
    """What the ledger already knows that bears on one message, read before deciding so that the
    decision stays a pure function of its inputs.

    ``earlier_references``: the same applicant's earlier messages (not ignored), oldest first.
    ``replies_in_window``: replies queued to the reply address in the call's reply window.
    ``same_message_id``: earlier messages that carried the same Message-ID but are NOT the same
    message (other bytes, sender or documents): scanners and scripts reuse Message-IDs.
    ``earlier_documents``: the application's current file for each required document, from its
    earlier on-time messages (a later message may complete the application).
    """

    earlier_references: tuple[str, ...] = ()
    replies_in_window: int = 0
    same_message_id: tuple[str, ...] = ()
    earlier_documents: tuple[EarlierDocument, ...] = ()


_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def submission_reference(prefix: str, raw_sha256: str) -> str:
    """A short, stable reference for a message, derived from its bytes: ``RRR-7KQ2-M4XD``.

    Derived rather than allocated so that a reply can be rendered before the ledger commit and a
    re-run over the same message yields the same reference (40 bits: collisions are for the ledger's
    unique index to catch, not for humans to meet).
    """
    number = int(raw_sha256[:10], 16)
    chars = []
    for _ in range(8):
        number, digit = divmod(number, 32)
        chars.append(_REFERENCE_ALPHABET[digit])
    code = "".join(reversed(chars))
    return f"{prefix}-{code[:4]}-{code[4:]}"
