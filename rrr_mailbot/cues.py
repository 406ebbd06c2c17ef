"""The call's cues, normalised once per call, and how a file's name and text are read against them.

Cues are phrases matched as whole words on normalised strings (lower case, no accents, single
spaces), so "Formulário_de-Candidatura" matches the cue "formulario de candidatura". A document's
*head* (the top lines of each page, where a title stands) is told apart from its body: a title
names what a file is, a phrase in the body only supports it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rrr_mailbot.config import CallSettings, Cues

_HEAD_CHARS = 900  # a title lives in the first lines of a page
_HEAD_LINES = 12
_TITLE_LINE_CHARS = 70
_BANNER_LINES = 3
_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ'’ ]{5,}[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ]")
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


def fold(text: str) -> str:
    """Lower-case and accent-free, punctuation kept: for cues like "[insert" that need it."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def hits(haystack: str, cues: Iterable[str]) -> list[str]:
    """The cues found in a normalised string: as whole words, or (cues of 8 letters or more) with
    the spaces squeezed out of both ("formulario de solicitud" in "formulariodesolicitud")."""
    padded = f" {haystack} "
    squeezed_haystack: str | None = None  # made once, and only if a cue needs it
    found = []
    for cue in cues:
        if not cue:
            continue
        if f" {cue} " in padded:
            found.append(cue)
            continue
        squeezed = cue.replace(" ", "")
        if len(squeezed) < 8:
            continue
        if squeezed_haystack is None:
            squeezed_haystack = haystack.replace(" ", "")
        if squeezed in squeezed_haystack:
            found.append(cue)
    return found


def _cue_list(cues: Cues) -> tuple[str, ...]:
    return tuple(
        n for n in dict.fromkeys(normalize(c) for values in cues.values() for c in values) if n
    )


@dataclass(frozen=True)
class KindCues:
    """How to recognise one kind of file that is NOT a required document (a budget, a CV...)."""

    id: str
    label: str
    names: tuple[str, ...]
    titles: tuple[str, ...]
    phrases: tuple[str, ...]
    phrases_needed: int


@dataclass(frozen=True)
class CallCues:
    """Every cue of a call, normalised once (see :func:`cues_for`)."""

    names: dict[str, tuple[str, ...]]
    hints: dict[str, tuple[str, ...]]
    texts: dict[str, tuple[str, ...]]
    weak_texts: dict[str, tuple[str, ...]]
    contras: dict[str, tuple[str, ...]]
    exclude_names: tuple[str, ...]
    exclude_texts: tuple[str, ...]
    template_names: tuple[str, ...]
    template_texts: tuple[str, ...]
    identity: tuple[str, ...]
    other_programmes: tuple[str, ...]
    kinds: tuple[KindCues, ...]


class _ByIdentity:
    """A cache key that is the call object itself (settings are frozen, not hashable)."""

    __slots__ = ("call",)

    def __init__(self, call: CallSettings) -> None:
        self.call = call

    def __hash__(self) -> int:
        return id(self.call)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.call is self.call


def cues_for(call: CallSettings) -> CallCues:
    """The call's cues normalised: computed once per call object, not once per message."""
    return _cues(_ByIdentity(call))


@lru_cache(maxsize=16)
def _cues(key: _ByIdentity) -> CallCues:
    call = key.call

    def per_doc(pick: str) -> dict[str, tuple[str, ...]]:
        return {rule.id: _cue_list(getattr(rule, pick)) for rule in call.documents}

    return CallCues(
        names=per_doc("filename_cues"),
        hints=per_doc("weak_filename_cues"),
        texts=per_doc("text_cues"),
        weak_texts=per_doc("weak_text_cues"),
        contras=per_doc("contra_text_cues"),
        exclude_names=_cue_list(call.exclude_filename_cues),
        exclude_texts=_cue_list(call.exclude_text_cues),
        template_names=_cue_list(call.template_filename_cues),
        template_texts=tuple(
            c
            for c in dict.fromkeys(fold(c) for v in call.template_text_cues.values() for c in v)
            if c
        ),
        identity=tuple(normalize(c) for c in call.identity_cues),
        other_programmes=tuple(normalize(c) for c in call.other_programme_cues),
        kinds=tuple(
            KindCues(
                id=kind.id,
                label=kind.label,
                names=_cue_list(kind.filename_cues),
                titles=_cue_list(kind.title_cues),
                phrases=_cue_list(kind.text_cues),
                phrases_needed=kind.text_cues_needed,
            )
            for kind in call.other_documents
        ),
    )


def pages(text: str) -> list[str]:
    """A document's pages (intake puts a form feed between them)."""
    found = [p for p in text.split("\f") if p.strip()]
    return found or [text]


def top_lines(page: str) -> list[str]:
    return [line.strip() for line in page[:_HEAD_CHARS].splitlines() if line.strip()][:_HEAD_LINES]


def head(page: str) -> str:
    """What at the top of a page can be a title: short lines, and capitalised runs of long ones.

    Letters put a letterhead and an address above their title; prose lines (which may mention the
    other document) are long, so only their capitalised words ("... – APPLICATION FORM") count.
    """
    parts = []
    for line in top_lines(page):
        if line.isupper() or (len(line) <= _TITLE_LINE_CHARS and not line[0].islower()):
            parts.append(line)  # a short line that starts in lower case ends a sentence
        else:
            parts.extend(_CAPITALS.findall(line))
    return "\n".join(parts)


def heads(text: str) -> list[str]:
    """The normalised head of every page."""
    return [normalize(head(page)) for page in pages(text)]


def banner(text: str) -> str:
    """The first lines of a document, where a programme's name stands, however long they are."""
    return "\n".join(top_lines(text)[:_BANNER_LINES])
