"""Which file is which required document: pure judgement over intake's candidate documents.

A careful person looks at a file's name and, where it can be read, at its text; where the two
disagree, the text wins. Blank form templates, the call's own guidelines and other programmes' forms
do not count. A file serves one document unless its text clearly holds several (a combined PDF).
Files that cannot be told apart are still assigned, and flagged for staff review.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rrr_mailbot.config import CallSettings, Cues
from rrr_mailbot.model import Document

# Scores: text that names the document in a heading beats any file name; a file name that names
# it beats a hint; a hint beats nothing.
_TITLE = 100
_TEXT_CUE = 10
_NAME = 20
_NAME_HINT = 3
_CONFIDENT_TEXT = 2 * _TEXT_CUE  # two distinct phrases of a document's body, or a title
_BODY_MENTION_CUES = 3
_PROSE_LINE_CHARS = 60

_HEAD_CHARS = 900  # a title lives in the first lines of a page
_HEAD_LINES = 12
_TITLE_LINE_CHARS = 70
_BANNER_LINES = 3
_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ'’ ]{5,}[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ]")
_CONTENT_TYPE_EXTENSIONS = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tiff",
    "image/heic": "heic",
    "text/plain": "txt",
    "text/html": "html",
}
_PROGRAMS = frozenset({"exe", "com", "bat", "cmd", "scr", "msi", "js", "vbs", "jar", "ps1", "sh"})
_UNREADABLE_TEXT_TYPES = {"pdf", "docx", "odt", "rtf"}
_FIELD_LINE = re.compile(r"^\s*[^:\n]{3,90}:")
_EMPTY_FIELD_LINE = re.compile(r"^\s*[^:\n]{3,90}:\s*(?:_{3,}|\.{5,}|…+)?\s*$")
_BLANK_RUN = re.compile(r"_{5,}|\.{8,}")
_BRACKET_PLACEHOLDER = re.compile(r"\[[^\W\d_][^\]\n]{3,60}\]")  # "[Name of the mayor]"
_BRACKETS_IN_A_TEMPLATE = 3
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ı": "i",
        "’": "'",
        "‘": "'",
    }
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^\w+]+|_+")  # letters of every script, digits and '+' are words


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced words: the form cues and texts are compared in."""
    text = _CAMEL.sub(" ", text.translate(_FOLD))
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def _contains(haystack: str, cue: str) -> bool:
    """Whole-word phrase match on normalised strings; long cues also match with spaces squeezed."""
    if not cue:
        return False
    if f" {cue} " in f" {haystack} ":
        return True
    squeezed = cue.replace(" ", "")
    return len(squeezed) >= 8 and squeezed in haystack.replace(" ", "")


def _cue_list(cues: Cues) -> list[str]:
    return [n for n in dict.fromkeys(normalize(c) for values in cues.values() for c in values) if n]


def _hits(haystack: str, cues: Iterable[str]) -> list[str]:
    return [c for c in cues if _contains(haystack, c)]


@dataclass(frozen=True)
class _Rules:
    """The call's cues, normalised once."""

    names: dict[str, list[str]]
    hints: dict[str, list[str]]
    texts: dict[str, list[str]]
    contras: dict[str, list[str]]
    exclude_names: list[str]
    exclude_texts: list[str]
    template_names: list[str]
    template_texts: list[str]
    identity: list[str]
    other_programmes: list[str]

    @classmethod
    def from_call(cls, call: CallSettings) -> _Rules:
        def per_doc(pick: str) -> dict[str, list[str]]:
            out = {}
            for rule in call.documents:
                cues: Cues = getattr(rule, pick)
                out[rule.id] = _cue_list(cues)
            return out

        return cls(
            names=per_doc("filename_cues"),
            hints=per_doc("weak_filename_cues"),
            texts=per_doc("text_cues"),
            contras=per_doc("contra_text_cues"),
            exclude_names=_cue_list(call.exclude_filename_cues),
            exclude_texts=_cue_list(call.exclude_text_cues),
            template_names=_cue_list(call.template_filename_cues),
            template_texts=[
                c
                for c in dict.fromkeys(fold(c) for v in call.template_text_cues.values() for c in v)
                if c
            ],
            identity=[normalize(c) for c in call.identity_cues],
            other_programmes=[normalize(c) for c in call.other_programme_cues],
        )


@dataclass(frozen=True)
class Judgement:
    """What one candidate file is, as far as its name and text tell."""

    document: Document
    extension: str
    scores: dict[str, int]
    problem: str | None = None  # why it does not count; None when usable
    read_text: bool = False  # its text was read and told us what it is
    combined: bool = False  # its text holds several required documents
    flags: tuple[str, ...] = ()  # review flags for staff

    @property
    def usable(self) -> bool:
        return self.problem is None

    def best(self) -> int:
        return max(self.scores.values(), default=0)


@dataclass(frozen=True)
class Assignment:
    """The outcome of classification: the file chosen for each required document, and why."""

    documents: dict[str, Document | None]
    judgements: tuple[Judgement, ...]
    reasons: tuple[str, ...] = ()
    review: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(doc_id for doc_id, doc in self.documents.items() if doc is None)

    @property
    def not_counted(self) -> tuple[Judgement, ...]:
        """Files that were looked at and did not count (disallowed, empty, unreadable...)."""
        return tuple(j for j in self.judgements if not j.usable)


def extension_of(document: Document) -> str:
    """The file type: its name's extension, else one implied by its content type."""
    return document.extension or _CONTENT_TYPE_EXTENSIONS.get(document.content_type.lower(), "")


def _pages(text: str) -> list[str]:
    pages = [p for p in text.split("\f") if p.strip()]
    return pages or [text]


def _top_lines(page: str) -> list[str]:
    return [line.strip() for line in page[:_HEAD_CHARS].splitlines() if line.strip()][:_HEAD_LINES]


def _head(page: str) -> str:
    """What at the top of a page can be a title: short lines, and capitalised runs of long ones.

    Letters put a letterhead and an address above their title; prose lines (which may mention the
    other document) are long, so only their capitalised words ("... – APPLICATION FORM") count.
    """
    parts = []
    for line in _top_lines(page):
        if line.isupper() or (len(line) <= _TITLE_LINE_CHARS and not line[0].islower()):
            parts.append(line)  # a short line that starts in lower case ends a sentence
        else:
            parts.extend(_CAPITALS.findall(line))
    return "\n".join(parts)


def _banner(text: str) -> str:
    """The first lines of a document, where a programme's name stands, however long they are."""
    return "\n".join(_top_lines(text)[:_BANNER_LINES])


def fold(text: str) -> str:
    """Lower-case and accent-free, punctuation kept: for cues like "[insert" that need it."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _placeholders(text: str, rules: _Rules) -> int:
    """How many placeholder phrases ("Click or tap here to enter text") the text still shows."""
    folded = fold(text)
    return sum(folded.count(c) for c in rules.template_texts)


def _is_blank_template(text: str, rules: _Rules) -> bool:
    """A form whose fields are still placeholders: most field lines hold no answer.

    A label ending in a colon may have its answer on the next line; it is unanswered only when
    the next line is another label, or nothing.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    fields = unanswered = 0
    for index, line in enumerate(lines):
        if not _FIELD_LINE.match(line):
            continue
        fields += 1
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _EMPTY_FIELD_LINE.match(line) and (not following or _FIELD_LINE.match(following)):
            unanswered += 1
    brackets = len(_BRACKET_PLACEHOLDER.findall(text))
    unfilled = (
        _placeholders(text, rules)
        + len(_BLANK_RUN.findall(text))
        + unanswered
        + (brackets if brackets >= _BRACKETS_IN_A_TEMPLATE else 0)
    )
    return unfilled >= 2 and unfilled * 2 >= max(fields, 2)


def _layout_scores(text: str, call: CallSettings) -> dict[str, int]:
    """For a language we have no cues for: a form is mostly labelled fields and numbered
    questions; a letter is paragraphs of prose with few or no labels."""
    lines = [line for line in text.splitlines() if line.strip()]
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    prose = sum(
        1 for line in lines if len(line) > _PROSE_LINE_CHARS and not _FIELD_LINE.match(line)
    )
    scores = dict.fromkeys(call.document_ids, 0)
    kind = None
    if fields >= 4 and fields * 3 >= len(lines):
        kind = "form"
    elif fields <= 2 and prose >= 2:
        kind = "letter"
    for rule in call.documents:
        if kind is not None and rule.layout == kind:
            scores[rule.id] = _NAME_HINT
    return scores


def _text_scores(
    text: str, rules: _Rules, doc_ids: Sequence[str]
) -> tuple[dict[str, int], set[str]]:
    """Scores from a document's own text, and the ids whose title heads a page."""
    norm = normalize(text)
    heads = [normalize(_head(page)) for page in _pages(text)]
    titled = {
        doc_id for doc_id in doc_ids if any(_hits(head, rules.names[doc_id]) for head in heads)
    }
    scores = {}
    for doc_id in doc_ids:
        body = len(_hits(norm, rules.texts[doc_id]))
        scores[doc_id] = (_TITLE if doc_id in titled else 0) + _TEXT_CUE * body
    return scores, titled


def _name_scores(name: str, rules: _Rules, doc_ids: Sequence[str]) -> dict[str, int]:
    scores = {}
    for doc_id in doc_ids:
        if _hits(name, rules.names[doc_id]):
            scores[doc_id] = _NAME
        elif _hits(name, rules.hints[doc_id]):
            scores[doc_id] = _NAME_HINT
        else:
            scores[doc_id] = 0
    return scores


def judge(document: Document, call: CallSettings, rules: _Rules | None = None) -> Judgement:
    """Judge one candidate file on its own: what it looks like, and whether it counts at all."""
    rules = rules or _Rules.from_call(call)
    doc_ids = call.document_ids
    ext = extension_of(document)
    zero = dict.fromkeys(doc_ids, 0)
    label = document.display_name
    if ext not in call.accepted_extensions:
        kind = f".{ext}" if ext else document.content_type
        named = (
            ext not in _PROGRAMS
            and _NAME in _name_scores(normalize(document.filename or ""), rules, doc_ids).values()
        )
        return Judgement(
            document,
            ext,
            zero,
            f"{label} is a {kind} file, which is not accepted",
            flags=("unaccepted_file_type",) if named else (),  # e.g. a form saved as a web page
        )
    if document.size_bytes < call.limits.min_document_bytes:
        return Judgement(document, ext, zero, f"{label} is empty ({document.size_bytes} bytes)")
    if document.size_bytes > call.limits.max_document_bytes:
        limit_mb = call.limits.max_document_bytes // 1_000_000
        return Judgement(document, ext, zero, f"{label} is larger than {limit_mb} MB")
    if document.text_error and ext in _UNREADABLE_TEXT_TYPES:
        return Judgement(
            document, ext, zero, f"{label} could not be opened ({document.text_error})"
        )

    name = normalize(document.filename or "")
    name_scores = _name_scores(name, rules, doc_ids)
    text = document.text or ""
    norm_text = normalize(text)
    flags: list[str] = []
    if len(norm_text) >= 40:
        head = normalize(_head(text) + "\n" + _banner(text))
        text_scores, titled = _text_scores(text, rules, doc_ids)
        other = _hits(head, rules.other_programmes)
        if other and not _hits(head, rules.identity):
            return Judgement(
                document,
                ext,
                zero,
                f"{label} appears to be a form of another programme ({other[0]}), not this call's",
                read_text=True,
            )
        guideline_hits = len(_hits(norm_text, rules.exclude_texts))
        body_hits = max(len(_hits(norm_text, rules.texts[d])) for d in doc_ids)
        if guideline_hits >= 2 and guideline_hits >= body_hits:
            return Judgement(
                document,
                ext,
                zero,
                f"{label} appears to be the call's guidelines, not a completed document",
                read_text=True,
            )
        for doc_id in doc_ids:
            own_words = len(_hits(norm_text, rules.texts[doc_id]))
            if _hits(norm_text, rules.contras[doc_id]) and doc_id not in titled and own_words < 2:
                return Judgement(
                    document,
                    ext,
                    zero,
                    f"{label} appears to be another organisation's letter of support, not the "
                    f"applicant's {call.rule(doc_id).label.lower()}",
                    read_text=True,
                )
        if _is_blank_template(text, rules):
            return Judgement(
                document,
                ext,
                zero,
                f"{label} appears to be a blank form template: its fields have not been filled in",
                read_text=True,
            )
        confident = {d for d, s in text_scores.items() if s >= _CONFIDENT_TEXT}
        if confident:
            top = max(text_scores.values())
            # The text wins over the name; a second document counts only if titled too (combined).
            scores = {
                d: s if (s == top or (d in titled and len(titled) > 1)) else 0
                for d, s in text_scores.items()
            }
            if _placeholders(text, rules):
                flags.append("placeholders_left")
            claims = [d for d, v in scores.items() if v]
            anonymous = not _hits(norm_text, rules.identity)
            if anonymous and all(call.rule(d).names_the_call for d in claims):
                return Judgement(
                    document,
                    ext,
                    zero,
                    f"{label} does not name this call anywhere: it appears to be another "
                    "programme's form",
                    read_text=True,
                )
            return Judgement(
                document, ext, scores, read_text=True, combined=len(titled) > 1, flags=tuple(flags)
            )
        scores = {d: name_scores[d] + text_scores[d] for d in doc_ids}
        if not any(scores.values()):
            scores = _layout_scores(text, call)
            if any(scores.values()):
                flags.append("judged_by_layout")  # the reason is given in classify()
    else:
        scores = name_scores
        if not any(scores.values()) and _hits(name, rules.exclude_names):
            return Judgement(
                document,
                ext,
                zero,
                f"{label} appears to be the call's guidelines, judging by its name",
            )
        if any(scores.values()) and _hits(name, rules.template_names):
            flags.append("possible_blank_template")
        if 0 < max(scores.values()) < _NAME:
            flags.append("judged_by_weak_name")  # unreadable, and its name only hints
        if _hits(name, rules.other_programmes) and not _hits(name, rules.identity):
            return Judgement(
                document,
                ext,
                zero,
                f"{label} appears to be a form of another programme, judging by its name",
            )
    if any(scores.values()) and not any(name_scores.values()) and _hits(name, rules.exclude_names):
        scores = zero
    return Judgement(document, ext, scores, flags=tuple(flags))


def _best_assignment(
    usable: Sequence[Judgement], doc_ids: Sequence[str]
) -> dict[str, Judgement | None]:
    """The assignment of files to documents with the highest total score.

    A file may fill several documents only when its text titles each of them (a combined file).
    """
    options: list[list[Judgement | None]] = [
        [None, *(j for j in usable if j.scores[d] > 0)] for d in doc_ids
    ]
    best: dict[str, Judgement | None] = dict.fromkeys(doc_ids)
    best_key: tuple[int, int] = (-1, 0)
    for combo in itertools.product(*options):
        chosen = [j for j in combo if j is not None]
        if any(chosen.count(j) > 1 and not j.combined for j in chosen):
            continue
        total = sum(j.scores[d] for d, j in zip(doc_ids, combo, strict=True) if j is not None)
        # The higher total wins; between equals, the earlier files (the order attached).
        order = -sum(usable.index(j) for j in chosen)
        if (total, order) > best_key:
            best_key = (total, order)
            best = dict(zip(doc_ids, combo, strict=True))
    return best


def classify(documents: Sequence[Document], call: CallSettings) -> Assignment:
    """Assign candidate files to the call's required documents."""
    rules = _Rules.from_call(call)
    doc_ids = call.document_ids
    judgements: list[Judgement] = []
    seen_hashes: set[str] = set()
    reasons: list[str] = []
    for document in documents:
        if document.sha256 in seen_hashes:
            continue  # the same file attached twice
        seen_hashes.add(document.sha256)
        judgements.append(judge(document, call, rules))

    usable = [j for j in judgements if j.usable]
    chosen = _best_assignment(usable, doc_ids)
    review: list[str] = []
    for j in [*chosen.values(), *(j for j in judgements if not j.usable)]:
        if j is not None:
            review.extend(j.flags)

    # What is left: files that told us nothing. A careful person would open them; we assign by
    # elimination and ask staff to look.
    taken = {id(j) for j in chosen.values() if j is not None}
    unknown = [j for j in usable if id(j) not in taken and j.best() == 0]
    missing = [d for d in doc_ids if chosen[d] is None]
    if missing and unknown:
        reasons.append(_eliminate(call, chosen, missing, unknown, review))

    reasons.extend(
        j.problem.rstrip(".") + ", so it does not count." for j in judgements if j.problem
    )
    for doc_id, j in chosen.items():
        if j is None:
            continue
        label = call.rule(doc_id).label.lower()
        if "judged_by_layout" in j.flags:
            reasons.append(
                f"{j.document.display_name} was taken as the {label} from its layout: none of "
                "the words we know for it are in its text."
            )
        if not (j.document.text or "").strip() and not call.rule(doc_id).usually_scanned:
            review.append("unread_document")  # e.g. a scanned or .doc form: judged by its name
    return Assignment(
        documents={d: (j.document if j else None) for d, j in chosen.items()},
        judgements=tuple(judgements),
        reasons=tuple(reasons),
        review=tuple(dict.fromkeys(review)),
    )


def _eliminate(
    call: CallSettings,
    chosen: dict[str, Judgement | None],
    missing: list[str],
    unknown: list[Judgement],
    review: list[str],
) -> str:
    """Give files that told us nothing to the documents still missing; returns the reason."""
    if len(unknown) < len(missing):
        review.append("unidentified_documents")
        names = ", ".join(j.document.display_name for j in unknown)
        return f"Could not tell which required document {names} is."
    for doc_id, j in zip(missing, unknown, strict=False):
        chosen[doc_id] = j
    if len(missing) == 1 and len(unknown) == 1:
        review.append("assigned_by_elimination")
        label = call.rule(missing[0]).label.lower()
        return (
            f"{unknown[0].document.display_name} was taken as the {label}, "
            "the only required document left."
        )
    review.append("ambiguous_documents")
    names = ", ".join(j.document.display_name for j in unknown[: len(missing)])
    return (
        f"Could not tell from their names or text which required document each of {names} is; "
        "they were assigned in the order received, for staff to check."
    )


def body_mentions(text: str, call: CallSettings) -> tuple[str, ...]:
    """Required documents whose own wording fills the message body (a letter typed into the
    email instead of attached): three or more of its phrases, or its title."""
    rules = _Rules.from_call(call)
    norm = normalize(text)
    return tuple(
        d for d in call.document_ids if len(_hits(norm, rules.texts[d])) >= _BODY_MENTION_CUES
    )
