"""The replies' wording, spell-checked: every kind of reply in every language, rendered for sample
applicants through every branch of the templates, with the names, addresses, file names,
references, URLs and numbers taken out, goes through hunspell with the Debian dictionary of its
language. The staff digest (English only) is checked the same way.

Portuguese templates are meant to read right in Portugal and in Brazil: a word passes when either
dictionary knows it, and the words only one of them knows are listed in PT_ONE_VARIANT_ONLY.

Needs hunspell and the dictionaries (``sudo .ci/install-spell.sh``); under CI=true a missing
dictionary fails the test instead of skipping it.
"""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, data_path
from rrr_mailbot.model import Decision, EarlierDocument, FileNote, Outcome
from rrr_mailbot.replies import KIND_BY_OUTCOME, ReplyRenderer, template_environment
from rrr_mailbot.staff.applications import Application, RecordedDocument, RecordedMessage, fold
from rrr_mailbot.staff.digest import DigestRenderer
from rrr_mailbot.staff.queries import take_snapshot
from rrr_mailbot.staff.reminders import ReminderRenderer
from rrr_mailbot.store import Ledger
from tests.support.tools import require
from tests.unit.test_replies import FORM, GUIDE, LATE, LETTER, NOW, REFERENCE, make_intake
from tests.unit.test_staff_digest import filled, madrid, record
from tests.unit.test_store import db_url, ledger, open_test_ledger

__all__ = ["db_url", "filled", "ledger", "open_test_ledger"]  # fixtures, re-exported for pytest

# The hunspell dictionaries (Debian's hunspell-* packages) each template language is checked with.
DICTIONARIES = {
    "en": ("en_GB",),  # the English templates are British: organisation, recognise
    "es": ("es_ES",),
    "fr": ("fr_FR",),
    "pt": ("pt_PT", "pt_BR"),
    "de": ("de_DE",),
    "it": ("it_IT",),
    "pl": ("pl_PL",),
}
DICTIONARY_DIR = Path("/usr/share/hunspell")
INSTALL = "sudo .ci/install-spell.sh"

# Correct words the dictionaries do not know, per language ("*": every language), each with why.
ALLOWED: dict[str, dict[str, str]] = {
    "*": {
        "CEST": "the deadline's time zone abbreviation, as Python writes it",
        "PDF": "the file type",
        "Re": "the reply prefix of a subject (Re: ...), the same in every language",
        "Word": "Microsoft Word, the file type the replies ask for besides PDF",
        "h": "the hour's symbol after a number (20 h 5 min)",
        "min": "the minute's symbol after a number (20 h 5 min)",
    },
}

# Portuguese words that only one of pt_PT and pt_BR knows (they pass: the other variant's
# readers understand them). Kept exact, so a new one-sided word is looked at before it ships.
PT_ONE_VARIANT_ONLY: dict[str, str] = {
    "mail": "e-mail, in both dictionaries; pt_BR's has no hyphen among its word characters, so "
    "hunspell checks 'mail' alone there",
}

# The sample applicant's details and the call's, taken out before checking: names, not words.
APPLICANT = "Ana García"
MARKER_REASON = "Reason kept in English on purpose."  # decide's reasons are English by design
CITY_NAMES = ("Graz", "Austria", "Sevilla", "España")  # the digest's sample applicants


def _require_hunspell() -> None:
    missing = [
        name
        for names in DICTIONARIES.values()
        for name in names
        if not (DICTIONARY_DIR / f"{name}.dic").is_file()
    ]
    if shutil.which("hunspell") is None:
        missing.insert(0, "the hunspell program")
    if not missing:
        return
    require(f"spell checking needs {', '.join(missing)}: run {INSTALL}")


def unknown_words(text: str, dictionary: str) -> set[str]:
    """The words of ``text`` that hunspell's ``dictionary`` does not know."""
    result = subprocess.run(
        ["hunspell", "-d", dictionary, "-i", "utf-8", "-l"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.decode("utf-8").split())


class _TextOnly(html.parser.HTMLParser):
    """An HTML part's text (entities decoded, the title included), without tags, style or script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def html_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.chunks)


def mail_text(data: bytes) -> str:
    """Subject, plain part and the HTML part's text of a rendered mail."""
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    chunks = [str(message["Subject"])]
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            chunks.append(str(part.get_content()))
        elif part.get_content_type() == "text/html":
            chunks.append(html_text(str(part.get_content())))
    return "\n".join(chunks)


_URL = re.compile(r"\b(?:https?|mailto):\S+", re.IGNORECASE)
_ADDRESS = re.compile(r"\S+@\S+")
_WITH_DIGIT = re.compile(r"\S*\d\S*")  # numbers, dates, sizes' figures, references, checksums
_DASHES = re.compile(r"(?<!\S)[-–—]+(?!\S)")  # list bullets and the signature's "--"
_SIZE_UNIT = re.compile(r"(?<=\d)\s*(?:[kMG]?B|[kMG]o|bytes|octets)\b")  # 1.3 MB, 1,3 Mo


def strip_names(text: str, names: set[str]) -> str:
    """``text`` without names, addresses, file names, references, URLs and numbers."""
    for name in sorted(names, key=len, reverse=True):  # longest first: a name inside a file name
        text = text.replace(name, " ")
    text = _URL.sub(" ", text)
    text = _ADDRESS.sub(" ", text)
    text = _SIZE_UNIT.sub(" ", text)
    text = _DASHES.sub(" ", text)
    return _WITH_DIGIT.sub(" ", text)


# -- what is rendered ---------------------------------------------------------------------------


def why_codes() -> set[str]:
    """Every code any language's ``_formats.j2`` words (``whys``), so each wording is rendered."""
    env = template_environment(data_path("templates"))
    codes: set[str] = set()
    for language in DICTIONARIES:
        codes |= set(env.get_template(f"{language}/_formats.j2").module.whys)  # type: ignore[attr-defined]
    return codes


def reply_decisions(call: CallSettings) -> Iterator[tuple[str, dict[str, object], Decision]]:
    """(what, intake overrides, decision) through every branch of the reply templates."""
    form, letter = call.document_ids
    roles = {form: FORM, letter: LETTER}
    earlier = EarlierDocument(form, "form-v1.pdf", "1" * 64, 2000, "RRR-3FQ9-X2PD", None)
    notes = {GUIDE.sha256: FileNote("guidelines", "the call's own guidelines")}
    yield "accepted", {}, Decision(outcome=Outcome.ACCEPTED, documents=roles, notes=notes)
    yield (
        "accepted, to check, no name, no subject, no arrival",
        {"from_name": None, "subject": "", "arrival": None},
        Decision(outcome=Outcome.ACCEPTED, documents=roles, uncertain=(form,)),
    )
    yield (
        "accepted, completed with an earlier file",
        {},
        Decision(
            outcome=Outcome.ACCEPTED,
            documents={**roles, form: None},
            carried={form: earlier},
        ),
    )
    yield (
        "accepted, a file replaces an earlier one",
        {},
        Decision(outcome=Outcome.ACCEPTED, documents=roles, superseded={form: earlier}),
    )
    yield (
        "incomplete, one missing, links, too large, to check, reasons",
        {"cloud_links": ("https://drive.example/x",), "truncated": True},
        Decision(
            outcome=Outcome.INCOMPLETE,
            documents={**roles, letter: None},
            missing=(letter,),
            reasons=(MARKER_REASON,),
            uncertain=(form,),
            notes=notes,
        ),
    )
    yield (
        "incomplete, nothing usable, no name",
        {"from_name": None},
        Decision(
            outcome=Outcome.INCOMPLETE,
            documents={form: None, letter: None},
            missing=(form, letter),
        ),
    )
    yield (
        "incomplete, one missing, a replaced file, an earlier file",
        {},
        Decision(
            outcome=Outcome.INCOMPLETE,
            documents={form: FORM, letter: None},
            carried={},
            missing=(letter,),
            superseded={form: earlier},
        ),
    )
    yield "late", {"arrival": LATE}, Decision(outcome=Outcome.LATE, documents=roles)
    yield (
        "late, no arrival, no name",
        {"arrival": None, "from_name": None},
        Decision(outcome=Outcome.LATE, documents=roles),
    )


def others_decision(call: CallSettings) -> tuple[dict[str, object], Decision]:
    """A message whose extra files carry every ``why`` code the templates word."""
    form, letter = call.document_ids
    extras = tuple(
        replace(GUIDE, filename=f"extra-{i}.pdf", data=GUIDE.data + code.encode())
        for i, code in enumerate(sorted(why_codes()))
    )
    notes = {
        doc.sha256: FileNote(code, "English note, not shown when the code is worded")
        for doc, code in zip(extras, sorted(why_codes()), strict=True)
    }
    intake = {"documents": (FORM, *extras)}
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={form: FORM, letter: None},
        missing=(letter,),
        notes=notes,
    )
    return intake, decision


def _renderers(call: CallSettings) -> list[tuple[ReplyRenderer, ReminderRenderer]]:
    """Reply and reminder renderers for the call, and for the call without a URL."""
    templates = data_path("templates")
    calls = (call, call.model_copy(update={"url": None}))
    return [(ReplyRenderer(c, templates), ReminderRenderer(c, templates)) for c in calls]


def reminder_application(call: CallSettings, language: str, name: str | None) -> Application:
    """An applicant with one document sent, who wrote in ``language``."""
    form, _ = call.document_ids
    arrival = call.deadline_utc - timedelta(hours=100)
    message = RecordedMessage(
        reference=REFERENCE,
        application_key="city@example.org",
        sender="city@example.org",
        subject="Application",
        arrival=arrival,
        recorded_at=arrival,
        outcome=Outcome.INCOMPLETE,
        documents=(RecordedDocument(form, FORM.filename, FORM.sha256),),
        sender_name=name,
        reply_recipient="city@example.org",
        language=language,
    )
    return fold(
        "city@example.org", [message], required=call.document_ids, deadline=call.deadline_utc
    )


def rendered(call: CallSettings) -> dict[str, list[tuple[str, str]]]:
    """(what, text) of every reply variant and reminder, by language, with and without the call's
    URL."""
    cases = [*reply_decisions(call), ("others with every why code", *others_decision(call))]
    reminder_now = call.deadline_utc - timedelta(hours=20, minutes=5)
    texts: dict[str, list[tuple[str, str]]] = {language: [] for language in DICTIONARIES}
    for replies, reminders in _renderers(call):
        for language, found in texts.items():
            for what, overrides, decision in cases:
                result = replies.render(
                    make_intake(**overrides), decision, REFERENCE, now=NOW, language=language
                )
                assert result is not None, what
                assert result[0] == KIND_BY_OUTCOME[decision.outcome]
                found.append((what, mail_text(result[1].data)))
            for name in (APPLICANT, None):
                application = reminder_application(call, language, name)
                mail = reminders.render(application, now=reminder_now)
                found.append((f"reminder, name {name}", mail_text(mail.data)))
    return texts


def names_in(call: CallSettings) -> set[str]:
    """What the rendered mails contain that is a name, not a word of the language."""
    files = {FORM.filename, LETTER.filename, GUIDE.filename, "form-v1.pdf", "documents.zip"}
    subject = str(make_intake().subject)  # the applicant's own subject, quoted in "Re: ..."
    return {APPLICANT, MARKER_REASON, subject, call.name, call.timezone, *files, *CITY_NAMES}


def flagged_words(
    language: str, texts: list[tuple[str, str]], names: set[str]
) -> dict[str, set[str]]:
    """The words of the stripped ``texts`` each of the language's dictionaries does not know."""
    stripped = "\n".join(strip_names(text, names) for _, text in texts)
    return {
        dictionary: unknown_words(stripped, dictionary) for dictionary in DICTIONARIES[language]
    }


def not_allowed(language: str, flagged: dict[str, set[str]]) -> dict[str, set[str]]:
    allowed = set(ALLOWED["*"]) | set(ALLOWED.get(language, {}))
    return {dictionary: words - allowed for dictionary, words in flagged.items()}


@pytest.fixture(scope="module")
def replies_flagged(call: CallSettings) -> dict[str, dict[str, set[str]]]:
    """Per language, per dictionary: the words of every reply and reminder it does not know.
    Rendered and checked once for the module: hunspell loads a dictionary in about a second."""
    _require_hunspell()
    names = names_in(call)
    texts = rendered(call)
    for language, found in texts.items():
        assert len(found) == 2 * (10 + 2), language  # two calls x (10 replies + 2 reminders)
    with ThreadPoolExecutor() as pool:  # one hunspell per language, side by side
        futures = {
            language: pool.submit(flagged_words, language, found, names)
            for language, found in texts.items()
        }
        return {language: future.result() for language, future in futures.items()}


# -- the tests ----------------------------------------------------------------------------------


def test_the_stripping_keeps_words_and_drops_names_and_numbers() -> None:
    text = (
        "Dear Ana García, RRR-7KQ2-M4XD: see https://x.example/a?b=1 or write to a.b@c.example; "
        "LOI signed.pdf, 1.3 MB, 1,6 ko, 21 May 2021, 23:00 and sha256 0f3a."
    )
    kept = re.findall(r"\w+", strip_names(text, {"Ana García", "LOI signed.pdf"}))
    assert kept == ["Dear", "see", "or", "write", "to", "May", "and"]


def test_hunspell_says_no_to_a_misspelling_and_yes_to_the_word() -> None:
    _require_hunspell()
    assert unknown_words("the aplication was recieved", "en_GB") == {"aplication", "recieved"}
    assert unknown_words("la candidature est complète", "fr_FR") == set()
    assert unknown_words("la candidature est complete", "fr_FR") == {"complete"}  # the accent
    assert unknown_words("Ihre Bewerbung ist vollständig", "de_DE") == set()
    assert unknown_words("Ihre Bewerbung ist vollstandig", "de_DE") == {"vollstandig"}


@pytest.mark.parametrize("language", sorted(DICTIONARIES))
def test_every_reply_is_spelled_right(
    replies_flagged: dict[str, dict[str, set[str]]], language: str
) -> None:
    found = not_allowed(language, replies_flagged[language])
    if language == "pt":
        pt_pt, pt_br = found["pt_PT"], found["pt_BR"]
        assert pt_pt & pt_br == set(), "unknown in both Portuguese dictionaries"
        assert pt_pt ^ pt_br == set(PT_ONE_VARIANT_ONLY), "words only one variant knows"
    else:
        ((dictionary, unknown),) = found.items()
        assert unknown == set(), f"unknown to {dictionary}"


def test_the_staff_digest_is_spelled_right(filled: Ledger, call: CallSettings) -> None:
    _require_hunspell()
    # A replaced file and a failed reply, so that those sections are rendered too.
    later = madrid(call, 2021, 5, 20, 9, 0)
    record(filled, "g3", sender="graz@example.at", roles=("application_form",), arrival=later)
    claimed = filled.claim_due_replies(later, 100)
    filled.mark_failed(claimed[0].id, "550 mailbox unknown", later)
    texts = []
    for now in (madrid(call, 2021, 5, 20, 10, 0), madrid(call, 2021, 5, 22, 8, 0)):
        snapshot = take_snapshot(filled, call, now=now)
        mail = DigestRenderer(call, data_path("templates")).render(
            snapshot, period_key="k", now=now
        )
        texts.append(("digest", mail_text(mail.as_bytes())))
    flagged = flagged_words("en", texts, names_in(call))
    assert not_allowed("en", flagged) == {"en_GB": set()}


def test_the_allow_list_has_no_stale_words(replies_flagged: dict[str, dict[str, set[str]]]) -> None:
    """Each allowed word is one the dictionaries would otherwise flag in some reply."""
    for language, words in ALLOWED.items():
        flagged = {
            word
            for lang, by_dictionary in replies_flagged.items()
            if language in ("*", lang)
            for found in by_dictionary.values()
            for word in found
        }
        assert set(words) <= flagged, f"allowed for {language!r} but never flagged"


def test_a_missing_dictionary_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "DICTIONARY_DIR", tmp_path)  # no .dic files there
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"pl_PL.*run sudo \.ci/install-spell\.sh"):
        _require_hunspell()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="install-spell"):
        _require_hunspell()
