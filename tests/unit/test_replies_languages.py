"""Replies in French, Portuguese, German, Italian and Polish: each is chosen from the applicant's
language hint, carries the reference, the documents under their labels in that language, the
local date wording, and nothing left over from the English set; sender text stays escaped and
cannot add a header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from rrr_mailbot.config import CallSettings, data_path
from rrr_mailbot.model import ArrivalSource, Decision, Document, Outcome
from rrr_mailbot.replies import ReplyRenderer
from tests.unit.test_replies import (
    ACCEPTED,
    FORM,
    INCOMPLETE,
    LATE,
    LATE_DECISION,
    LETTER,
    REFERENCE,
    bodies,
    make_intake,
    render,
)


@dataclass(frozen=True)
class Wording:
    """What a language's replies must say, written out by hand from the templates' intent."""

    hint: str  # as a mail client or the intake would report it
    form: str  # the two documents' labels in that language
    letter: str
    deadline: str  # 21 May 2021, 23:00 in Madrid, written the local way
    arrival_late: str  # 21 May 2021, 23:14:02 in Madrid
    big: str  # 1 260 000 bytes
    missing_text: str  # the plain-text block naming the missing letter of intent
    both: str  # the plain-text line asking for both documents
    subject_incomplete: str
    subject_late: str


WORDING = {
    "fr": Wording(
        hint="fr-CA",
        form="Formulaire de candidature",
        letter="Lettre d'intention",
        deadline="21 mai 2021, 23:00 CEST (Europe/Madrid)",
        arrival_late="le 21 mai 2021, 23:14:02 CEST (Europe/Madrid)",
        big="1,3 Mo",
        missing_text="Documents manquants :\n  - Lettre d'intention\n",
        both="Répondez à ce message en joignant LES DEUX documents :\n",
        subject_incomplete=f"[{REFERENCE}] : documents manquants",
        subject_late=f"[{REFERENCE}] : reçue après la date limite",
    ),
    "pt": Wording(
        hint="pt-BR",
        form="Formulário de candidatura",
        letter="Carta de intenções",
        deadline="21 de maio de 2021, 23:00 CEST (Europe/Madrid)",
        arrival_late="em 21 de maio de 2021, 23:14:02 CEST (Europe/Madrid)",
        big="1,3 MB",
        missing_text="Documentos que faltam:\n  - Carta de intenções\n",
        both="Responda a esta mensagem com OS DOIS documentos em anexo:\n",
        subject_incomplete=f"[{REFERENCE}]: faltam documentos",
        subject_late=f"[{REFERENCE}]: recebida após o prazo",
    ),
    "de": Wording(
        hint="de-AT",
        form="Bewerbungsformular",
        letter="Absichtserklärung",
        deadline="21. Mai 2021, 23:00 CEST (Europe/Madrid)",
        arrival_late="am 21. Mai 2021, 23:14:02 CEST (Europe/Madrid)",
        big="1,3 MB",
        missing_text="Fehlende Unterlagen:\n  - Absichtserklärung\n",
        both="hängen Sie BEIDE Dokumente an:\n",
        subject_incomplete=f"[{REFERENCE}]: Unterlagen fehlen",
        subject_late=f"[{REFERENCE}]: nach Fristende eingegangen",
    ),
    "it": Wording(
        hint="it",
        form="Modulo di candidatura",
        letter="Lettera di intenti",
        deadline="21 maggio 2021, 23:00 CEST (Europe/Madrid)",
        arrival_late="il 21 maggio 2021, 23:14:02 CEST (Europe/Madrid)",
        big="1,3 MB",
        missing_text="Documenti mancanti:\n  - Lettera di intenti\n",
        both="Risponda a questo messaggio allegando ENTRAMBI i documenti:\n",
        subject_incomplete=f"[{REFERENCE}]: documenti mancanti",
        subject_late=f"[{REFERENCE}]: ricevuta dopo la scadenza",
    ),
    "pl": Wording(
        hint="pl",
        form="Formularz zgłoszeniowy",
        letter="List intencyjny",
        deadline="21 maja 2021 r., 23:00 CEST (Europe/Madrid)",
        arrival_late="dnia 21 maja 2021 r., 23:14:02 CEST (Europe/Madrid)",
        big="1,3 MB",
        missing_text="Brakujące dokumenty:\n  - List intencyjny\n",
        both="Prosimy odpowiedzieć na tę wiadomość, załączając OBA dokumenty:\n",
        subject_incomplete=f"[{REFERENCE}]: brakujące dokumenty",
        subject_late=f"[{REFERENCE}]: otrzymane po terminie",
    ),
}
LANGUAGES = tuple(WORDING)
# Phrases of the English templates; a translated reply that still shows one was half-translated.
ENGLISH = (
    "Dear ",
    "Thank you",
    "Submission reference",
    "Documents received",
    "This is an automatic reply",
    "Deadline",
    "What we received",
    "before the deadline",
    "reached our mail server",
    "Letter of intent",  # the call's own English label (the reasons say "letter of intent")
)


def subject_of(message: EmailMessage) -> str:
    # The stdlib folds a long Subject and its parser keeps the fold's whitespace; compare words.
    return " ".join(str(message["Subject"]).split())


def test_every_language_is_loaded_and_rehearses_as_the_default(call: CallSettings) -> None:
    renderer = ReplyRenderer(call, data_path("templates"))
    assert set(renderer.languages) >= {"en", "es", *LANGUAGES}
    for language in LANGUAGES:
        # As the call's default, every template of the language is rendered once at start-up.
        own = ReplyRenderer(
            call.model_copy(update={"default_language": language}), data_path("templates")
        )
        assert own.choose_language("xx") == language


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("de-AT", "de"),
        ("DE", "de"),
        ("it", "it"),
        ("it-CH", "it"),
        ("pl", "pl"),
        ("pl-PL", "pl"),
    ],
)
def test_the_hint_picks_the_language(renderer: ReplyRenderer, hint: str, expected: str) -> None:
    assert renderer.choose_language(hint) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_acknowledgement(renderer: ReplyRenderer, language: str) -> None:
    w = WORDING[language]
    kind, _, message = render(renderer, ACCEPTED, language=w.hint)
    assert kind == "acknowledgement"
    assert message["Content-Language"] == language
    assert subject_of(message) == f"Re: Application RRR - Mexico City [{REFERENCE}]"
    text, html = bodies(message)
    for body in (text, html):
        assert REFERENCE in body
        assert w.form in body and w.letter in body
        assert w.deadline in body
        assert w.deadline.replace("23:00", "22:59:59") in body  # the arrival, in the call's zone
        assert "Application form - Ciudad de México.pdf" in body and "LOI signed.pdf" in body
        assert w.big in body
        assert FORM.sha256 in body and LETTER.sha256 in body
        assert "documents.zip" in body and "guidelines.pdf" in body
        for phrase in ENGLISH:
            assert phrase not in body, phrase
    assert f'<html lang="{language}">' in html
    assert f"  - {w.form}: Application form - Ciudad de México.pdf" in text.replace(" :", ":")
    assert f"    SHA-256 {LETTER.sha256}\n" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_incomplete(renderer: ReplyRenderer, language: str) -> None:
    w = WORDING[language]
    intake = make_intake(cloud_links=("https://drive.google.com/file/d/abc",))
    kind, _, message = render(renderer, INCOMPLETE, intake=intake, language=w.hint)
    assert kind == "incomplete"
    assert subject_of(message).endswith(w.subject_incomplete)
    text, html = bodies(message)
    assert w.missing_text in text
    assert w.both in text
    assert f"  - {w.form}\n  - {w.letter}\n" in text  # both documents, in the call's order
    assert f"<li>{w.letter}</li>" in html
    assert f": {w.deadline}." in text  # "send them before the deadline: ..."
    for body in (text, html):
        assert REFERENCE in body
        assert "PDF" in body and "Word" in body
        assert "drive.google.com" not in body  # a link is never echoed back
        assert "Missing: letter of intent." in body  # decide's reasons, marked as English
        for phrase in ENGLISH:
            assert phrase not in body, phrase


@pytest.mark.parametrize("language", LANGUAGES)
def test_incomplete_with_nothing_readable(renderer: ReplyRenderer, language: str) -> None:
    intake = make_intake(truncated=True, documents=())
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={"application_form": None, "letter_of_intent": None},
        missing=("application_form", "letter_of_intent"),
    )
    _, _, message = render(renderer, decision, intake=intake, language=language)
    text, html = bodies(message)
    limit = "30 Mo" if language == "fr" else "30 MB"
    w = WORDING[language]
    for body in (text, html):
        assert limit in body
        assert w.form in body and w.letter in body
        for phrase in ENGLISH:
            assert phrase not in body, phrase
    heading = w.missing_text.split("\n")[0]
    assert f"{heading}\n  - {w.form}\n  - {w.letter}\n" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_late(renderer: ReplyRenderer, language: str) -> None:
    w = WORDING[language]
    kind, _, message = render(
        renderer, LATE_DECISION, intake=make_intake(arrival=LATE), language=w.hint
    )
    assert kind == "late"
    assert subject_of(message).endswith(w.subject_late)
    text, html = bodies(message)
    for body in (text, html.replace("<strong>", "").replace("</strong>", "")):
        assert REFERENCE in body
        assert w.arrival_late in body
        assert w.deadline in body
        for phrase in ENGLISH:
            assert phrase not in body, phrase


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_arrival_and_no_name(renderer: ReplyRenderer, language: str) -> None:
    intake = make_intake(arrival=None, arrival_source=ArrivalSource.NONE, from_name=None)
    for decision in (ACCEPTED, LATE_DECISION):
        text, html = bodies(render(renderer, decision, intake=intake, language=language)[2])
        for body in (text, html):
            assert "None" not in body
            assert "22:59:59" not in body
            assert WORDING[language].deadline in body


def test_subjects_without_an_original_subject_name_the_call(renderer: ReplyRenderer) -> None:
    expected = {
        "fr": f"Votre candidature à RRR Peer Learning Cities [{REFERENCE}]",
        "pt": f"A sua candidatura a RRR Peer Learning Cities [{REFERENCE}]",
        "de": f"Ihre Bewerbung bei RRR Peer Learning Cities [{REFERENCE}]",
        "it": f"La Sua candidatura a RRR Peer Learning Cities [{REFERENCE}]",
        "pl": f"Państwa zgłoszenie do RRR Peer Learning Cities [{REFERENCE}]",
    }
    for language, subject in expected.items():
        message = render(renderer, ACCEPTED, intake=make_intake(subject=""), language=language)[2]
        assert subject_of(message) == subject


def test_first_of_the_month_and_italian_elision(call: CallSettings) -> None:
    june = ReplyRenderer(
        call.model_copy(update={"deadline": datetime(2021, 6, 1, 12, 0)}), data_path("templates")
    )
    expected = {
        "fr": "1er juin 2021, 12:00 CEST",
        "pt": "1º de junho de 2021, 12:00 CEST",
        "de": "1. Juni 2021, 12:00 CEST",
        "it": "1º giugno 2021, 12:00 CEST",
        "pl": "1 czerwca 2021 r., 12:00 CEST",
    }
    for language, deadline in expected.items():
        text, _ = bodies(render(june, ACCEPTED, language=language)[2])
        assert deadline in text, language
    eighth = ReplyRenderer(
        call.model_copy(update={"deadline": datetime(2021, 5, 8, 12, 0)}), data_path("templates")
    )
    arrival = datetime(2021, 5, 11, 9, 30, tzinfo=UTC)
    text, html = bodies(
        render(eighth, LATE_DECISION, intake=make_intake(arrival=arrival), language="it")[2]
    )
    assert "server di posta l'11 maggio 2021, 11:30:00 CEST" in text
    assert "dopo la scadenza dell'8 maggio 2021, 12:00 CEST" in text
    assert "server di posta l'<strong>11 maggio" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_a_sender_writes_adds_a_header(renderer: ReplyRenderer, language: str) -> None:
    evil = "x\r\nBcc: evil@x.example\r\nX-Injected: yes"
    document = Document("form\r\nBcc: evil@x.example.pdf", "application/pdf", b"%PDF" * 100)
    intake = make_intake(
        subject=f"Candidature {evil}", from_name=f"Ana {evil}", documents=(document, LETTER)
    )
    decision = Decision(
        outcome=Outcome.ACCEPTED,
        documents={"application_form": document, "letter_of_intent": LETTER},
    )
    _, mail, message = render(renderer, decision, intake=intake, language=language)
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert b"\r\nBcc:" not in mail.data and b"\nX-Injected:" not in mail.data
    for name in ("From", "To", "Subject", "Message-ID", "Content-Language"):
        assert len(message.get_all(name) or []) == 1, name
    assert subject_of(message) == (
        f"Re: Candidature x Bcc: evil@x.example X-Injected: yes [{REFERENCE}]"
    )
    assert mail.recipients == ("ana.garcia@cdmx.example",)
    assert "form Bcc: evil@x.example.pdf" in bodies(message)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_escapes_what_senders_write(renderer: ReplyRenderer, language: str) -> None:
    script = "<script>alert(1)</script>"
    document = Document(f"{script}.pdf", "application/pdf", b"%PDF" * 100)
    intake = make_intake(
        from_name='Ana "<img src=x onerror=alert(2)>"',
        documents=(document, LETTER, Document("a&b<i>.doc", "application/msword", b"d" * 300)),
    )
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={"application_form": document, "letter_of_intent": None},
        missing=("letter_of_intent",),
        reasons=(f"Could not read {script}.pdf",),
    )
    text, html = bodies(render(renderer, decision, intake=intake, language=language)[2])
    assert "<script>" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in html
    assert "a&amp;b&lt;i&gt;.doc" in html
    assert f"{script}.pdf" in text
