"""Replies to applicants: jinja2 templates rendered into a text + HTML email, ready for the outbox.

Rendering is pure: the clock comes in as ``now`` and the templates are read once, when the
renderer is built. The same message rendered twice gives the same bytes (Message-ID, boundary and
Date included), so a resend after a crash is the very same mail.

Templates live in ``templates/<language>/``, three files per kind of reply::

    acknowledgement.subject.j2   acknowledgement.txt.j2   acknowledgement.html.j2
    incomplete.subject.j2        incomplete.txt.j2        incomplete.html.j2
    late.subject.j2              late.txt.j2              late.html.j2

plus whatever they import (``_formats.j2`` holds a language's date and label wording). A folder
with all nine files is a language; adding one is a template-only change. HTML templates are
autoescaped; everything undefined is an error (StrictUndefined). The context every template gets:

    language, kind, outcome, reference, call_name, call_url (or None), zone (IANA name)
    applicant_name (or None), original_subject, re_subject ("Re: ..." without doubling)
    arrival (aware datetime in the call's zone, or None), arrival_source, deadline (likewise)
    documents      [{role, label, filename, size_bytes, sha256, container, earlier}] in the call's
                   order; ``earlier`` is the reference of the earlier message of the same
                   application that brought the file (None for this message's own files)
    completed_now  this message completed the application with files sent earlier
    superseded     [{role, label, filename, old_filename, reference}]: this message's files that
                   replace ones an earlier message brought
    to_check       [{role, label, filename, ...}]: documents whose file was taken without its
                   content saying so (elimination, layout, a hint in its name): the applicant
                   is asked to check them, and is not told "nothing more to do"
    others         [{filename, size_bytes, sha256, container, why, why_code}]: files that filled
                   no role; ``why`` is the classifier's English note, ``why_code`` its stable code
                   (templates word the common codes in their language: ``fmt.why(doc)``)
    missing        [{role, label}]        required  [{role, label}]   (every required document)
    reasons        decide's sentences      has_links  (the message pointed at cloud storage)
    truncated      (too large to read)     max_message_bytes

and a ``filesize`` filter: ``{{ doc.size_bytes|filesize(",") }}`` -> ``1,2 MB``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import jinja2

from rrr_mailbot.config import CallSettings
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import (
    ArrivalSource,
    Decision,
    Document,
    EarlierDocument,
    FileNote,
    Intake,
    Outcome,
    require_aware,
)
from rrr_mailbot.ports import OutgoingMail

logger = logging.getLogger(__name__)

# CRLF line ends as SMTP wants; lines may run to RFC 5322's hard limit so that the email package
# never folds a subject right after "Subject:" (its own parser then reads back a leading space).
_POLICY = SMTP.clone(max_line_length=998)

KIND_BY_OUTCOME: Mapping[Outcome, str] = {
    Outcome.ACCEPTED: "acknowledgement",
    Outcome.INCOMPLETE: "incomplete",
    Outcome.LATE: "late",
}
KINDS = tuple(KIND_BY_OUTCOME.values())
PARTS = ("subject", "txt", "html")

MAX_SUBJECT_CHARS = 250  # well inside one 998-octet header line once encoded
MAX_NAME_CHARS = 120
MAX_FILENAME_CHARS = 200
MAX_REFERENCES = 20
_MSG_ID = re.compile(r"<[^<>\s\"]{1,250}>")
# A plain addr-spec: no spaces, quotes, brackets, commas or second @ that could smuggle in
# another recipient or header; anything fancier gets no automatic reply.
_ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"\\]{1,64}@[^\s@<>()\[\],;:\"\\]{1,255}")
_REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv|vs|antw|r|rif|odp|res)\s*(\[\d+\])?\s*:", re.IGNORECASE)


def single_line(value: str, limit: int) -> str:
    """Sender-controlled text made safe for a header or a one-line display: control, format and
    line-separator characters become spaces (so no CR/LF can start a new header), runs of
    whitespace collapse, and the result is cut to ``limit`` characters."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in value
    )
    collapsed = " ".join(cleaned.split())
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1].rstrip() + "…"


def multi_line(value: str, limit: int) -> str:
    """Like single_line but keeps line breaks (normalised to \\n) for body text."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(single_line(line, limit) for line in lines)


def filesize(size_bytes: int, decimal_separator: str = ".") -> str:
    """A size in decimal units a person reads at a glance: ``830 bytes``, ``1.2 MB``, ``35 MB``."""
    if size_bytes < 1000:
        return f"{size_bytes} bytes"
    value = float(size_bytes)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 999.5 or unit == "TB":
            break
    text = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
    return f"{text.replace('.', decimal_separator)} {unit}"


def reply_address(intake: Intake, call: CallSettings) -> str | None:
    """Where a reply may go, as a plain ASCII addr-spec; None when there is no usable address."""
    address = intake.reply_address
    if not address:
        return None
    address = address.strip()
    if not _ADDRESS.fullmatch(address) or call.is_own_address(address):
        return None
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        return None  # would need SMTPUTF8, which we cannot count on
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return f"{local}@{domain}"


def template_environment(templates_dir: Path) -> jinja2.Environment:
    """The jinja2 environment every mail template is rendered in (replies, digests, reminders):
    HTML autoescaped, undefined names an error, templates read once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2", "html"), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # read once; a running bot does not pick up half-edited files
    )
    env.filters["filesize"] = filesize
    return env


class ReplyRenderer:
    """Renders the reply for a decision, in the applicant's language when we have templates."""

    def __init__(self, call: CallSettings, templates_dir: Path) -> None:
        self.call = call
        self.templates_dir = templates_dir
        self._domain = call.reply_from.rpartition("@")[2].lower() or "localhost"
        self._env = template_environment(templates_dir)
        self.languages = self._load_languages()
        self.default_language = _language_code(call.default_language)
        if self.default_language not in self.languages:
            raise ConfigError(
                f"no reply templates for the call's default_language {call.default_language!r} in "
                f"{templates_dir} (found: {', '.join(self.languages) or 'none'}); add "
                f"{templates_dir / self.default_language}/ or change [call] default_language"
            )
        self._rehearse()

    def _rehearse(self) -> None:
        """Render every template once with a made-up message, so a template that names a
        variable that does not exist fails at start-up instead of on an applicant's message."""
        documents = tuple(
            Document(filename=f"{rule.id}.pdf", content_type="application/pdf", data=b"%PDF-")
            for rule in self.call.documents
        )
        intake = Intake(
            raw_sha256="0" * 64,
            size_bytes=1000,
            from_address="applicant@example.org",
            from_name="Applicant",
            reply_to=None,
            return_path=None,
            message_id="<rehearsal@example.org>",
            in_reply_to=None,
            references=(),
            subject="Application",
            date_header=None,
            arrival=self.call.deadline_utc,
            arrival_source=ArrivalSource.SERVER,
            documents=documents,
            cloud_links=("https://example.org/file",),
        )
        roles: dict[str, Document | None] = dict(
            zip(self.call.document_ids, documents, strict=True)
        )
        first = self.call.document_ids[0]
        earlier = EarlierDocument(first, f"{first}.pdf", "0" * 64, 1000, "REF-0000-0001", None)
        notes = {documents[0].sha256: FileNote("budget", "appears to be a budget")}
        decisions = (
            Decision(outcome=Outcome.ACCEPTED, documents=roles),
            Decision(outcome=Outcome.ACCEPTED, documents=roles, uncertain=(first,)),
            Decision(
                outcome=Outcome.ACCEPTED,
                documents={**roles, first: None},
                carried={first: earlier},
                superseded=dict.fromkeys(self.call.document_ids[1:2], earlier),
            ),
            Decision(
                outcome=Outcome.INCOMPLETE,
                documents={**roles, first: None},
                missing=(first,),
                reasons=("Missing.",),
                uncertain=self.call.document_ids[1:2],
                notes=notes,
            ),
            Decision(outcome=Outcome.LATE, documents=roles),
        )
        for language in self.languages:
            for decision in decisions:
                kind = KIND_BY_OUTCOME[decision.outcome]
                context = self._context(intake, decision, "REF-0000-0000", kind, language)
                for part in PARTS:
                    name = f"{language}/{kind}.{part}.j2"
                    try:
                        self._env.get_template(name).render(context)
                    except jinja2.TemplateError as exc:
                        raise ConfigError(
                            f"reply template {self.templates_dir / name} cannot be rendered: "
                            f"{exc}; fix it or restore the shipped one"
                        ) from exc

    def _load_languages(self) -> tuple[str, ...]:
        if not self.templates_dir.is_dir():
            raise ConfigError(
                f"the reply templates folder {self.templates_dir} does not exist; reinstall "
                "rrr-mailbot or restore its templates/ folder"
            )
        languages = []
        for folder in sorted(self.templates_dir.iterdir()):
            names = [f"{folder.name}/{kind}.{part}.j2" for kind in KINDS for part in PARTS]
            if not folder.is_dir() or not all((self.templates_dir / n).is_file() for n in names):
                continue
            for name in names:
                try:
                    self._env.get_template(name)  # compiled and cached now, never read again
                except jinja2.TemplateError as exc:
                    raise ConfigError(
                        f"reply template {self.templates_dir / name} is broken: {exc}; fix it or "
                        "restore the shipped one"
                    ) from exc
            languages.append(folder.name)
        return tuple(languages)

    def choose_language(self, language: str | None) -> str:
        """The template language for a hint like ``es`` or ``es-ES``; else the call's default."""
        code = _language_code(language or "")
        return code if code in self.languages else self.default_language

    def render(
        self,
        intake: Intake,
        decision: Decision,
        reference: str,
        *,
        now: datetime,
        language: str | None = None,
    ) -> tuple[str, OutgoingMail] | None:
        """(kind, mail) for accepted/incomplete/late; None for ignored or when there is no
        reply address."""
        require_aware(now, "ReplyRenderer.render(now)")
        kind = KIND_BY_OUTCOME.get(decision.outcome)
        if kind is None:
            return None
        to = reply_address(intake, self.call)
        if to is None:
            logger.warning(
                "no usable reply address for %s (%r); no reply",
                reference,
                intake.reply_address,
                extra={"action": "reply_no_address", "reference": reference},
            )
            return None
        lang = self.choose_language(language)
        context = self._context(intake, decision, reference, kind, lang)
        subject, text, html = (
            self._env.get_template(f"{lang}/{kind}.{part}.j2").render(context) for part in PARTS
        )
        digest = hashlib.sha256(f"{kind}\0{intake.raw_sha256}".encode()).hexdigest()
        message_id = f"<{single_line(reference, 64)}.{digest[:12]}@{self._domain}>"

        mail = EmailMessage(policy=_POLICY)
        mail["From"] = Address(
            display_name=single_line(self.call.reply_from_name, MAX_NAME_CHARS),
            addr_spec=self.call.reply_from,
        )
        to_name = intake.from_name if intake.from_address == intake.reply_address else None
        mail["To"] = Address(display_name=single_line(to_name or "", MAX_NAME_CHARS), addr_spec=to)
        mail["Subject"] = single_line(subject, MAX_SUBJECT_CHARS)
        mail["Date"] = format_datetime(now)
        mail["Message-ID"] = message_id
        if intake.message_id and _MSG_ID.fullmatch(intake.message_id):
            mail["In-Reply-To"] = intake.message_id
        references = _thread_ids(intake)
        if references:
            mail["References"] = " ".join(references)
        mail["Auto-Submitted"] = "auto-replied"
        mail["X-Auto-Response-Suppress"] = "All"
        mail["X-RRR-Decision"] = str(decision.outcome)
        mail["X-RRR-Reference"] = single_line(reference, 64)
        mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
        mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
        mail["Content-Language"] = lang  # after set_content, which drops Content-* headers
        # A fixed boundary keeps re-renders byte-identical; "=_" never occurs in
        # quoted-printable text, where every "=" is written "=3D" or ends a soft break.
        mail.set_boundary(f"=_rrr_{digest[12:40]}")
        data = mail.as_bytes()
        logger.debug(
            "rendered %s reply for %s in %s (%d bytes)",
            kind,
            reference,
            lang,
            len(data),
            extra={"action": "reply_rendered", "reference": reference},
        )
        return kind, OutgoingMail(
            message_id=message_id,
            envelope_from=self.call.reply_from,
            recipients=(to,),
            data=data,
        )

    def _context(
        self, intake: Intake, decision: Decision, reference: str, kind: str, language: str
    ) -> dict[str, Any]:
        call = self.call
        zone = call.zone
        labels = {rule.id: rule.label for rule in call.documents}
        chosen: list[Document] = []
        documents = []
        for rule in call.documents:
            doc = decision.documents.get(rule.id)
            earlier = decision.carried.get(rule.id)
            if doc is not None:
                chosen.append(doc)
                documents.append({"role": rule.id, "label": rule.label, **_describe(doc)})
            elif earlier is not None:
                documents.append(
                    {"role": rule.id, "label": rule.label, **_describe_earlier(earlier)}
                )
        others = [
            {**_describe(doc), **_why(decision.notes.get(doc.sha256))}
            for doc in intake.documents
            if not any(doc is c for c in chosen) and not doc.inline
        ]
        original = single_line(intake.subject, MAX_SUBJECT_CHARS)
        return {
            "language": language,
            "kind": kind,
            "outcome": str(decision.outcome),
            "reference": single_line(reference, 64),
            "call_name": call.name,
            "call_url": call.url,
            "zone": call.timezone,
            "applicant_name": single_line(intake.from_name or "", MAX_NAME_CHARS) or None,
            "original_subject": original,
            "re_subject": (original if _REPLY_PREFIX.match(original) else f"Re: {original}")
            if original
            else "",
            "arrival": intake.arrival.astimezone(zone) if intake.arrival else None,
            "arrival_source": str(intake.arrival_source),
            "deadline": call.deadline_utc.astimezone(zone),
            "documents": documents,
            "to_check": [d for d in documents if d["role"] in decision.uncertain],
            "completed_now": bool(decision.carried) and decision.outcome is Outcome.ACCEPTED,
            "superseded": [
                {
                    "role": role,
                    "label": labels.get(role, role),
                    "filename": single_line(new.display_name, MAX_FILENAME_CHARS),
                    "old_filename": single_line(old.display_name, MAX_FILENAME_CHARS),
                    "reference": single_line(old.reference, 64),
                }
                for role, old in decision.superseded.items()
                if (new := decision.documents.get(role)) is not None
            ],
            "others": others,
            "missing": [
                {"role": role, "label": labels.get(role, role)} for role in decision.missing
            ],
            "required": [{"role": rule.id, "label": rule.label} for rule in call.documents],
            "reasons": [multi_line(r, 2000) for r in decision.reasons],
            "has_links": bool(intake.cloud_links),
            "truncated": intake.truncated,
            "max_message_bytes": call.limits.max_message_bytes,
        }


def _describe(doc: Document) -> dict[str, Any]:
    return {
        "filename": single_line(doc.display_name, MAX_FILENAME_CHARS),
        "size_bytes": doc.size_bytes,
        "sha256": doc.sha256,
        "container": [single_line(c, MAX_FILENAME_CHARS) for c in doc.container],
        "earlier": None,
    }


def _describe_earlier(doc: EarlierDocument) -> dict[str, Any]:
    """A document an earlier message of the application brought, named with that message."""
    return {
        "filename": single_line(doc.display_name, MAX_FILENAME_CHARS),
        "size_bytes": doc.size_bytes,
        "sha256": doc.sha256,
        "container": [],
        "earlier": single_line(doc.reference, 64),
    }


def _why(note: FileNote | None) -> dict[str, str | None]:
    if note is None:
        return {"why": None, "why_code": None}
    return {"why": single_line(note.text, 300), "why_code": note.code}


def _language_code(value: str) -> str:
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]


def _thread_ids(intake: Intake) -> list[str]:
    """References for our reply: the original's References plus its Message-ID, well-formed ids
    only, the first and the most recent kept when the chain is long (RFC 5322 3.6.4)."""
    ids = [i for i in (*intake.references, intake.message_id or "") if _MSG_ID.fullmatch(i)]
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_REFERENCES:
        ids = [ids[0], *ids[-(MAX_REFERENCES - 1) :]]
    return ids
