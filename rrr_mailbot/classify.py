"""Which file is which required document: pure judgement over intake's candidate documents.

Every slot rests on evidence. A careful person first asks of each file what it is, from its text
where it can be read and from its name only where it cannot, then fills each required document with
the file that best shows it is that document. The questions, in order, are the rules below (each a
small function that decides the file, or passes it on):

    every file       _unaccepted_type, _empty, _too_large, _unopenable, _picture_without_text
    readable text    _other_programme, _guidelines, _support_letter, _blank_template,
                     _text_evidence, _guidelines_by_name, _other_kind, _other_kind_by_name,
                     _some_evidence, _layout, _unrecognised
    unread content   _guidelines_by_name, _other_programme_by_name, _other_kind_by_name,
                     _name_evidence, _unread

A readable file whose text does not say it is a required document never fills one, whatever the
arithmetic of what is left. Only files that could not be read at all, and could be a scan of a
document, are given to a missing slot by elimination, and such a slot is *uncertain*: the reply
names the file we took and asks the applicant to check, and staff see a flag.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rrr_mailbot.config import CallSettings
from rrr_mailbot.cues import CallCues, banner, cues_for, fold, head, heads, hits, normalize
from rrr_mailbot.model import Document, FileNote, Reading

# Scores: text that names the document in a heading beats any file name; a file name that names
# it beats a hint; a hint beats nothing.
_TITLE = 100
_TEXT_CUE = 10
_WEAK_TEXT_CUE = 3
_NAME = 20
_NAME_HINT = 3
_LAYOUT = 3
_CONFIDENT_TEXT = 2 * _TEXT_CUE  # two distinct phrases of a document's own wording, or a title
_BODY_MENTION_CUES = 3
_PROSE_LINE_CHARS = 60
_READABLE_CHARS = 40  # less text than this ("Scanned with CamScanner") tells nothing

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
_PICTURES = frozenset({"pdf", "jpg", "jpeg", "png", "tif", "tiff", "heic", "gif", "bmp", "webp"})
_FIELD_LINE = re.compile(r"^\s*[^:\n]{3,90}:")
_EMPTY_FIELD_LINE = re.compile(r"^\s*[^:\n]{3,90}:\s*(?:_{3,}|\.{5,}|…+)?\s*$")
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S")
_BLANK_RUN = re.compile(r"_{5,}|\.{8,}")
_BRACKET_PLACEHOLDER = re.compile(r"\[[^\W\d_][^\]\n]{3,60}\]")  # "[Name of the mayor]"
_BRACKETS_IN_A_TEMPLATE = 3


class Basis(enum.StrEnum):
    """What a file's place in the application rests on."""

    TEXT = "text"  # its text names the document: a title, or the document's own phrases
    NAME = "name"  # its content could not be read, and its name names the document
    WEAK_NAME = "weak_name"  # its content could not be read, and its name only hints
    NAME_OVER_TEXT = "name_over_text"  # its text says nothing either way; its name names it
    LAYOUT = "layout"  # its text names the call and looks like a form or a letter, no more
    ELIMINATION = "elimination"  # unread and unnamed: the only plausible file left


# A slot filled on these grounds is named in the reply, and the applicant asked to check it.
UNCERTAIN = frozenset({Basis.WEAK_NAME, Basis.NAME_OVER_TEXT, Basis.LAYOUT, Basis.ELIMINATION})


@dataclass(frozen=True)
class Judgement:
    """What one candidate file is, as far as its name and text tell."""

    document: Document
    extension: str
    scores: dict[str, int]
    basis: Basis | None = None  # None: nothing says which document it is
    problem: str | None = None  # why it does not count; None when usable
    kind: str | None = None  # what it is instead, when known: a budget, a CV, a picture...
    read_text: bool = False  # its text was read
    combined: bool = False  # its text holds several required documents
    flags: tuple[str, ...] = ()  # review flags for staff

    @property
    def usable(self) -> bool:
        return self.problem is None

    def best(self) -> int:
        return max(self.scores.values(), default=0)


@dataclass(frozen=True)
class Assignment:
    """The outcome of classification: the file chosen for each required document, and why.

    ``uncertain`` lists the documents whose file was not identified by its own evidence (taken by
    elimination, by layout, by a hint in its name); ``notes`` says, for every file that fills no
    document, why (keyed by the file's SHA-256); ``evidence`` says, per filled document, how its
    file was recognised (for staff: "its text (read by OCR)", "its name", "by elimination"...).
    """

    documents: dict[str, Document | None]
    judgements: tuple[Judgement, ...]
    reasons: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    notes: dict[str, FileNote] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

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


# --- what a file's text shows -------------------------------------------------------------------


def _placeholders(text: str, cues: CallCues) -> int:
    """How many placeholder phrases ("Click or tap here to enter text") the text still shows."""
    folded = fold(text)
    return sum(folded.count(c) for c in cues.template_texts)


def is_blank_template(text: str, cues: CallCues) -> bool:
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
        _placeholders(text, cues)
        + len(_BLANK_RUN.findall(text))
        + unanswered
        + (brackets if brackets >= _BRACKETS_IN_A_TEMPLATE else 0)
    )
    return unfilled >= 2 and unfilled * 2 >= max(fields, 2)


def layout_of(text: str, letter_words: bool) -> str | None:
    """ "form" (labelled fields, numbered questions), "letter" (prose, with at most a letter's
    reference, date and subject lines, or its salutation and closing words), or None.

    ``letter_words``: the text holds words every letter has ("Dear...", "Yours sincerely").
    """
    lines = [line for line in text.splitlines() if line.strip()]
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    numbered = sum(1 for line in lines if _NUMBERED_LINE.match(line))
    prose = sum(
        1 for line in lines if len(line) > _PROSE_LINE_CHARS and not _FIELD_LINE.match(line)
    )
    asked = fields + numbered
    if asked >= 4 and asked * 3 >= len(lines):
        return "form"
    if prose >= 2 and numbered < 3 and (fields <= 2 or (letter_words and fields <= prose)):
        return "letter"
    if asked >= 4 and numbered >= 2:
        return "form"  # a questionnaire with long answers
    return None


@dataclass(frozen=True)
class _File:
    """One candidate file with what the rules look at, computed once."""

    document: Document
    ext: str
    name: str  # normalised file name
    text: str
    norm: str  # normalised text
    heads: tuple[str, ...]  # normalised head of each page
    layout: str | None  # "form", "letter" or None (see layout_of)
    titled: frozenset[str]  # the required documents whose name heads a page of the text
    call: CallSettings
    cues: CallCues

    @property
    def readable(self) -> bool:
        return len(self.norm) >= _READABLE_CHARS

    @property
    def label(self) -> str:
        return self.document.display_name

    def zero(self) -> dict[str, int]:
        return dict.fromkeys(self.call.document_ids, 0)

    def reject(
        self, problem: str, *, kind: str | None = None, flags: tuple[str, ...] = ()
    ) -> Judgement:
        return Judgement(
            self.document,
            self.ext,
            self.zero(),
            problem=problem,
            kind=kind,
            read_text=self.readable,
            flags=flags,
        )

    def own_phrases(self, doc_id: str) -> int:
        """How many of a document's own phrases the text holds. None count for a document laid
        out otherwise, unless titled: a letter that names its contact person is not a form."""
        expected = self.call.rule(doc_id).layout
        if expected and self.layout not in (None, expected) and doc_id not in self.titled:
            return 0
        return len(hits(self.norm, self.cues.texts[doc_id]))

    def text_scores(self) -> dict[str, int]:
        """Scores from the text: a title, the document's own phrases, generic supporting ones."""
        return {
            d: (_TITLE if d in self.titled else 0)
            + _TEXT_CUE * self.own_phrases(d)
            + _WEAK_TEXT_CUE * len(hits(self.norm, self.cues.weak_texts[d]))
            for d in self.call.document_ids
        }

    def name_scores(self) -> dict[str, int]:
        scores = {}
        for d in self.call.document_ids:
            if hits(self.name, self.cues.names[d]):
                scores[d] = _NAME
            elif hits(self.name, self.cues.hints[d]):
                scores[d] = _NAME_HINT
            else:
                scores[d] = 0
        return scores

    def names_the_call(self) -> bool:
        return bool(hits(self.norm, self.cues.identity))

    def required_label(self) -> str:
        """ "the application form or the letter of intent": what a file failed to be."""
        labels = [f"the {r.label.lower()}" for r in self.call.documents]
        return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


Rule = Callable[[_File], "Judgement | None"]


# --- rules for every file -----------------------------------------------------------------------


def _unaccepted_type(f: _File) -> Judgement | None:
    if f.ext in f.call.accepted_extensions:
        return None
    kind = f".{f.ext}" if f.ext else f.document.content_type
    named = f.ext not in _PROGRAMS and _NAME in f.name_scores().values()
    return f.reject(
        f"{f.label} is a {kind} file, which is not accepted",
        kind="file_type",
        flags=("unaccepted_file_type",) if named else (),  # e.g. a form saved as a web page
    )


def _empty(f: _File) -> Judgement | None:
    size = f.document.size_bytes
    if size >= f.call.limits.min_document_bytes:
        return None
    return f.reject(f"{f.label} is empty ({size} bytes)", kind="empty")


def _too_large(f: _File) -> Judgement | None:
    if f.document.size_bytes <= f.call.limits.max_document_bytes:
        return None
    limit_mb = f.call.limits.max_document_bytes // 1_000_000
    return f.reject(f"{f.label} is larger than {limit_mb} MB", kind="too_large")


def _unopenable(f: _File) -> Judgement | None:
    if not (f.document.text_error and f.ext in _UNREADABLE_TEXT_TYPES):
        return None
    return f.reject(f"{f.label} could not be opened ({f.document.text_error})", kind="unopenable")


def _picture_without_text(f: _File) -> Judgement | None:
    """A photo of a building, a logo, a skyline, a blank page: recognised, and holding no text.
    A word-processor file with no text is empty; a legacy .doc that gave no text is left to its
    name (the converter may simply not know its variant)."""
    if f.document.reading is not Reading.NO_TEXT or f.readable:
        return None
    if f.ext in _UNREADABLE_TEXT_TYPES - {"pdf"}:
        return f.reject(f"{f.label} has no text in it", kind="empty")
    if f.ext not in _PICTURES or _NAME in f.name_scores().values():
        return None  # named as a required document: its name decides, for the applicant to check
    return f.reject(f"{f.label} is a picture with no text in it, not a document", kind="picture")


# --- rules for files whose text can be read -----------------------------------------------------


def _other_programme(f: _File) -> Judgement | None:
    top = normalize(head(f.text) + "\n" + banner(f.text))
    other = hits(top, f.cues.other_programmes)
    if not other or hits(top, f.cues.identity):
        return None
    return f.reject(
        f"{f.label} appears to be a form of another programme ({other[0]}), not this call's",
        kind="other_programme",
    )


def _guidelines(f: _File) -> Judgement | None:
    guideline_hits = len(hits(f.norm, f.cues.exclude_texts))
    own_hits = max(len(hits(f.norm, f.cues.texts[d])) for d in f.call.document_ids)
    if guideline_hits < 2 or guideline_hits < own_hits:
        return None
    return f.reject(
        f"{f.label} appears to be the call's guidelines, not a completed document",
        kind="guidelines",
    )


def _support_letter(f: _File) -> Judgement | None:
    """A partner's letter of support for the city, not the city's own document."""
    for doc_id in f.call.document_ids:
        own_words = len(hits(f.norm, f.cues.texts[doc_id]))
        if hits(f.norm, f.cues.contras[doc_id]) and doc_id not in f.titled and own_words < 2:
            return f.reject(
                f"{f.label} appears to be another organisation's letter of support, not the "
                f"applicant's {f.call.rule(doc_id).label.lower()}",
                kind="support_letter",
            )
    return None


def _blank_template(f: _File) -> Judgement | None:
    if not is_blank_template(f.text, f.cues):
        return None
    return f.reject(
        f"{f.label} appears to be a blank form template: its fields have not been filled in",
        kind="blank_template",
    )


def _text_evidence(f: _File) -> Judgement | None:
    """Its text says what it is: a title, or two of a document's own phrases. The text wins over
    the name; a second document counts only if titled too (a combined file)."""
    scores = f.text_scores()
    own = {d: s for d, s in scores.items() if s >= _TITLE or f.own_phrases(d) >= 2}
    if not own:
        return None
    titled = f.titled
    top = max(own.values())
    kept = {
        d: s if d in own and (s == top or (d in titled and len(titled) > 1)) else 0
        for d, s in scores.items()
    }
    claims = [d for d, v in kept.items() if v]
    if not f.names_the_call() and all(f.call.rule(d).names_the_call for d in claims):
        return f.reject(
            f"{f.label} does not name this call anywhere: it appears to be another programme's "
            "form",
            kind="other_programme",
        )
    flags = ("placeholders_left",) if _placeholders(f.text, f.cues) else ()
    return Judgement(
        f.document,
        f.ext,
        kept,
        basis=Basis.TEXT,
        read_text=True,
        combined=len(titled) > 1,
        flags=flags,
    )


def _guidelines_by_name(f: _File) -> Judgement | None:
    if any(f.name_scores().values()) or not hits(f.name, f.cues.exclude_names):
        return None
    return f.reject(
        f"{f.label} appears to be the call's guidelines, judging by its name", kind="guidelines"
    )


def _other_kind(f: _File) -> Judgement | None:
    """A budget, a CV, a resolution, a press release, a cover letter...: its text says so."""
    for kind in f.cues.kinds:
        titled = any(hits(h, kind.titles) for h in f.heads)
        phrases = len(hits(f.norm, kind.phrases))
        if titled or (kind.phrases and phrases >= kind.phrases_needed):
            return f.reject(
                f"{f.label} appears to be {kind.label}, not {f.required_label()}", kind=kind.id
            )
    return None


def _other_kind_by_name(f: _File) -> Judgement | None:
    if _NAME in f.name_scores().values():
        return None
    for kind in f.cues.kinds:
        if hits(f.name, kind.names):
            return f.reject(
                f"{f.label} appears to be {kind.label} (judging by its name), not "
                f"{f.required_label()}",
                kind=kind.id,
            )
    return None


def _some_evidence(f: _File) -> Judgement | None:
    """One of a document's own phrases, or its name over a text that says nothing either way."""
    text = {d: _TEXT_CUE * f.own_phrases(d) for d in f.call.document_ids}
    names = f.name_scores()
    if any(text.values()):
        scores = {d: text[d] + names[d] for d in f.call.document_ids}
        return Judgement(f.document, f.ext, scores, basis=Basis.TEXT, read_text=True)
    if _NAME in names.values():
        scores = {d: s if s == _NAME else 0 for d, s in names.items()}
        return Judgement(f.document, f.ext, scores, basis=Basis.NAME_OVER_TEXT, read_text=True)
    return None


def _layout(f: _File) -> Judgement | None:
    """For wording we have no cues for: a text that names the call and is laid out as a form
    (labelled fields) or a letter (prose) is taken as that, for the applicant to confirm."""
    kind = f.layout
    if kind is None or not f.names_the_call():
        return None
    weak = f.text_scores()
    scores = {
        r.id: _LAYOUT + weak[r.id] + f.name_scores()[r.id] if r.layout == kind else 0
        for r in f.call.documents
    }
    if not any(scores.values()):
        return None
    # A form in words we have no cues for is worth a look; a letter that names the call is common
    # (a decree-style letter, an ofício) and the applicant is asked to confirm it anyway.
    flags = ("judged_by_layout",) if kind == "form" else ()
    return Judgement(f.document, f.ext, scores, basis=Basis.LAYOUT, read_text=True, flags=flags)


def _unrecognised(f: _File) -> Judgement:
    return f.reject(f"{f.label} does not read as {f.required_label()}", kind="unrecognised")


# --- rules for files whose content could not be read --------------------------------------------


def _other_programme_by_name(f: _File) -> Judgement | None:
    if not hits(f.name, f.cues.other_programmes) or hits(f.name, f.cues.identity):
        return None
    return f.reject(
        f"{f.label} appears to be a form of another programme, judging by its name",
        kind="other_programme",
    )


def _name_evidence(f: _File) -> Judgement | None:
    scores = f.name_scores()
    if not any(scores.values()):
        return None
    flags = []
    if hits(f.name, f.cues.template_names):
        flags.append("possible_blank_template")
    strong = _NAME in scores.values()
    if not strong:
        flags.append("judged_by_weak_name")  # unreadable, and its name only hints
    if f.document.reading is Reading.NO_TEXT:
        flags.append("no_text_recognised")  # a picture without words, named as the document
        strong = False  # so the applicant is asked to check it
    return Judgement(
        f.document,
        f.ext,
        scores,
        basis=Basis.NAME if strong else Basis.WEAK_NAME,
        flags=tuple(flags),
    )


def _unread(f: _File) -> Judgement:
    """Nothing says what it is. Large enough to be a scan of a page, it may fill a missing
    document by elimination; smaller, it is a decoration (a logo, an icon)."""
    if f.document.size_bytes < f.call.limits.min_unread_document_bytes:
        return f.reject(
            f"{f.label} could not be read and is too small to be a scanned document",
            kind="picture",
        )
    return Judgement(f.document, f.ext, f.zero())


_EVERY_FILE: tuple[Rule, ...] = (
    _unaccepted_type,
    _empty,
    _too_large,
    _unopenable,
    _picture_without_text,
)
_READABLE: tuple[Rule, ...] = (
    _other_programme,
    _guidelines,
    _support_letter,
    _blank_template,
    _text_evidence,
    _guidelines_by_name,
    _other_kind,
    _other_kind_by_name,
    _some_evidence,
    _layout,
    _unrecognised,
)
_UNREAD: tuple[Rule, ...] = (
    _guidelines_by_name,
    _other_programme_by_name,
    _other_kind_by_name,
    _name_evidence,
    _unread,
)


def judge(document: Document, call: CallSettings) -> Judgement:
    """Judge one candidate file on its own: what it is, and whether it counts at all."""
    cues = cues_for(call)
    text = document.text or ""
    page_heads = tuple(heads(text)) if text else ()
    norm = normalize(text)
    f = _File(
        document=document,
        ext=extension_of(document),
        name=normalize(document.filename or ""),
        text=text,
        norm=norm,
        heads=page_heads,
        layout=layout_of(text, _has_letter_words(norm, call, cues)),
        titled=frozenset(
            d for d in call.document_ids if any(hits(h, cues.names[d]) for h in page_heads)
        ),
        call=call,
        cues=cues,
    )
    for rule in (*_EVERY_FILE, *(_READABLE if f.readable else _UNREAD)):
        judgement = rule(f)
        if judgement is not None:
            return judgement
    raise AssertionError("the last rule of each list always decides")  # pragma: no cover


def _has_letter_words(norm: str, call: CallSettings, cues: CallCues) -> bool:
    return any(
        hits(norm, cues.weak_texts[rule.id]) for rule in call.documents if rule.layout == "letter"
    )


# --- the scorer ---------------------------------------------------------------------------------


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
    doc_ids = call.document_ids
    judgements: list[Judgement] = []
    seen_hashes: set[str] = set()
    for document in documents:
        if document.sha256 in seen_hashes:
            continue  # the same file attached twice
        seen_hashes.add(document.sha256)
        judgements.append(judge(document, call))

    usable = [j for j in judgements if j.usable]
    chosen = _best_assignment(usable, doc_ids)
    basis: dict[str, Basis] = {d: j.basis for d, j in chosen.items() if j and j.basis}
    review: list[str] = []
    for j in [*chosen.values(), *(j for j in judgements if not j.usable)]:
        if j is not None:
            review.extend(j.flags)

    reasons: list[str] = []
    taken = {id(j) for j in chosen.values() if j is not None}
    unknown = [j for j in usable if id(j) not in taken and j.basis is None]
    missing = [d for d in doc_ids if chosen[d] is None]
    if missing and unknown:
        reasons.append(_eliminate(call, chosen, basis, missing, unknown, review))

    reasons.extend(
        j.problem.rstrip(".") + ", so it does not count." for j in judgements if j.problem
    )
    for doc_id, j in chosen.items():
        if j is None:
            continue
        label = call.rule(doc_id).label.lower()
        if basis.get(doc_id) is Basis.LAYOUT:
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
        uncertain=tuple(d for d in doc_ids if basis.get(d) in UNCERTAIN),
        notes=_notes(call, judgements, chosen),
        evidence={
            d: _evidence(basis[d], j.document) for d, j in chosen.items() if j and d in basis
        },
    )


_EVIDENCE = {
    Basis.TEXT: "its text",
    Basis.NAME: "its name (its content could not be read)",
    Basis.WEAK_NAME: "a hint in its name (for the applicant to check)",
    Basis.NAME_OVER_TEXT: "its name; its text says nothing either way (for the applicant to check)",
    Basis.LAYOUT: "its layout; it names the call (for the applicant to check)",
    Basis.ELIMINATION: "elimination: unread, the only file left (for the applicant to check)",
}


def _evidence(basis: Basis, document: Document) -> str:
    """How a file was recognised as the document it fills, in words staff read."""
    said = _EVIDENCE[basis]
    if basis is Basis.TEXT and document.reading is Reading.OCR:
        return f"{said} (read by OCR)"
    return said


def _eliminate(
    call: CallSettings,
    chosen: dict[str, Judgement | None],
    basis: dict[str, Basis],
    missing: list[str],
    unknown: list[Judgement],
    review: list[str],
) -> str:
    """Give unread files that nothing identifies to the documents still missing; returns the
    reason. Such a slot is uncertain: the applicant is asked to check it."""
    if len(unknown) < len(missing):
        review.append("unidentified_documents")
        names = ", ".join(j.document.display_name for j in unknown)
        return f"Could not tell which required document {names} is."
    for doc_id, j in zip(missing, unknown, strict=False):
        chosen[doc_id] = j
        basis[doc_id] = Basis.ELIMINATION
    if len(missing) == 1 and len(unknown) == 1:
        review.append("assigned_by_elimination")
        label = call.rule(missing[0]).label.lower()
        return (
            f"{unknown[0].document.display_name} could not be read; it was taken as the {label}, "
            "the only required document left."
        )
    review.append("ambiguous_documents")
    names = ", ".join(j.document.display_name for j in unknown[: len(missing)])
    return (
        f"Could not tell from their names or text which required document each of {names} is; "
        "they were assigned in the order received, for staff to check."
    )


def _notes(
    call: CallSettings, judgements: Sequence[Judgement], chosen: dict[str, Judgement | None]
) -> dict[str, FileNote]:
    """Why each file that fills no document does not: for the applicant and for staff."""
    taken = {id(j) for j in chosen.values() if j is not None}
    notes = {}
    for j in judgements:
        if id(j) in taken:
            continue
        sha = j.document.sha256
        if j.problem:
            text = j.problem.removeprefix(j.document.display_name).strip()
            notes[sha] = FileNote(j.kind or "other", text)
            continue
        rivals = [d for d in call.document_ids if j.scores[d] and chosen[d] is not None]
        if rivals:
            other = chosen[rivals[0]]
            assert other is not None
            label = call.rule(rivals[0]).label.lower()
            text = f"not used: {other.document.display_name} was taken as the {label}"
            notes[sha] = FileNote("not_used", text)
        else:
            notes[sha] = FileNote("unread", "could not be read, and was not needed")
    return notes


def body_mentions(text: str, call: CallSettings) -> tuple[str, ...]:
    """Required documents whose own wording fills the message body (a letter typed into the
    email instead of attached): two of its own phrases and three in all (every email has a
    salutation and a closing, and many name the documents they carry)."""
    cues = cues_for(call)
    norm = normalize(text)
    found = []
    for d in call.document_ids:
        own = len(hits(norm, cues.texts[d]))
        if own >= 2 and own + len(hits(norm, cues.weak_texts[d])) >= _BODY_MENTION_CUES:
            found.append(d)
    return tuple(found)
