"""What the applicant is told when a document was taken without its content saying so, and why
each other file did not count: in every language the replies have."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rrr_mailbot.model import FileNote
from rrr_mailbot.replies import ReplyRenderer
from tests.unit.test_replies import ACCEPTED, FORM, GUIDE, INCOMPLETE, LETTER, bodies, render

# The sentence that tells an applicant to stop: it must not appear when a slot is uncertain.
NOTHING_MORE = {
    "en": "You do not need to do anything else now",
    "es": "No necesita hacer nada más por ahora",
    "fr": "Vous n'avez rien d'autre à faire pour le moment",
    "pt": "Não é necessário fazer mais nada por agora",
    "de": "Sie müssen jetzt nichts weiter tun",
    "it": "Per ora non deve fare nient'altro",
    "pl": "Na tym etapie nie muszą Państwo nic więcej robić",
}
# The word each language's "why" uses for a budget, and for a picture without text.
BUDGET = {
    "en": "a budget",
    "es": "un presupuesto",
    "fr": "un budget",
    "pt": "um orçamento",
    "de": "ein Budget",
    "it": "un budget",
    "pl": "budżet",
}

LANGUAGES = sorted(NOTHING_MORE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_plain_receipt_says_nothing_more_is_needed(
    renderer: ReplyRenderer, language: str
) -> None:
    _, _, message = render(renderer, ACCEPTED, language=language)
    text, html = bodies(message)
    assert NOTHING_MORE[language] in text
    assert NOTHING_MORE[language] in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_uncertain_slot_names_the_file_and_asks_to_check_never_nothing_more(
    renderer: ReplyRenderer, language: str
) -> None:
    decision = replace(ACCEPTED, uncertain=("letter_of_intent",))
    kind, _, message = render(renderer, decision, language=language)
    text, html = bodies(message)
    assert kind == "acknowledgement"
    for body in (text, html):
        assert NOTHING_MORE[language] not in body
        assert f": {LETTER.filename}" in body  # "<letter label>: LOI signed.pdf"
    assert message["X-RRR-Decision"] == "accepted"  # staff filters still see a receipt


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_incomplete_reply_says_why_each_other_file_did_not_count(
    renderer: ReplyRenderer, language: str
) -> None:
    decision = replace(
        INCOMPLETE,
        notes={
            LETTER.sha256: FileNote("budget", "appears to be a budget, not the letter of intent"),
            GUIDE.sha256: FileNote("odd_code", "is something no template words"),
        },
    )
    _, _, message = render(renderer, decision, language=language)
    text, html = bodies(message)
    assert f"{LETTER.filename}, " in text and BUDGET[language] in text
    assert BUDGET[language] in html
    # A code a language does not word falls back to the classifier's English note.
    assert "is something no template words" in text


def test_a_form_taken_for_the_applicant_to_check_is_named_in_an_incomplete_reply_too(
    renderer: ReplyRenderer,
) -> None:
    decision = replace(
        INCOMPLETE,
        documents={"application_form": FORM, "letter_of_intent": None},
        uncertain=("application_form",),
    )
    text, _ = bodies(render(renderer, decision)[2])
    assert "Please check" in text
    assert f"Application form: {FORM.filename}" in text


def test_each_other_file_has_its_own_line(renderer: ReplyRenderer) -> None:
    decision = replace(
        INCOMPLETE,
        notes={
            LETTER.sha256: FileNote("budget", "appears to be a budget"),
            GUIDE.sha256: FileNote("guidelines", "appears to be the call's guidelines"),
        },
    )
    text, _ = bodies(render(renderer, decision)[2])
    assert f"  - {LETTER.filename}, 1.6 kB — a budget, not one of the required documents\n" in text
    assert f"  - {GUIDE.filename}, 300 bytes — the call's own guidelines\n" in text
