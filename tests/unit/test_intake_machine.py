"""Machine-sent mail without the usual headers: out-of-office replies, read receipts, bounces, and
mail from our own or staff addresses. Recorded, never answered; a real application always answered.

Each message is built with email.message.EmailMessage and carries none of the headers that
already mark machine mail (Auto-Submitted, X-Autoreply, Precedence, List-Id, a report type, a null
Return-Path), so only the rule under test can decide it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from rrr_mailbot.config import CallSettings, MachineMailCues, fold_phrase
from rrr_mailbot.decide import decide
from rrr_mailbot.intake import machine, parse_message
from rrr_mailbot.model import Decision, Outcome
from tests.support.documents import make_docx, make_pdf

ARRIVAL = datetime(2021, 5, 20, 10, 0, tzinfo=UTC)  # on time
FORM_PDF = make_pdf("RRR Application form\nName of the city: Lyon\nPopulation: 520 000")
LETTER_PDF = make_pdf("Letter of intent\nOn behalf of the city we hereby express our interest.")
APPLICATION = (("Application_form_Lyon.pdf", FORM_PDF), ("Letter_of_intent_Lyon.pdf", LETTER_PDF))
BROCHURE = (("Lyon_brochure.docx", make_docx(["Lyon, city of lights", "Visit us in summer."])),)


def build(
    subject: str,
    body: str,
    *,
    sender: str = "Marie Dupont <marie.dupont@lyon.example>",
    files: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A message as a person's client writes it: no machine headers, the files attached."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "peerlearning@rrr-cities.example"
    message["Subject"] = subject
    message["Message-ID"] = "<test@lyon.example>"
    message.set_content(body)
    for name, data in files:
        if name.endswith(".pdf"):
            message.add_attachment(data, "application", "pdf", filename=name)
        else:
            subtype = "vnd.openxmlformats-officedocument.wordprocessingml.document"
            message.add_attachment(data, "application", subtype, filename=name)
    return message.as_bytes()


def judge(raw: bytes, call: CallSettings) -> tuple[tuple[str, ...], Decision]:
    intake = parse_message(raw, call, arrival=ARRIVAL)
    return intake.auto_signals, decide(intake, call, ARRIVAL)


def assert_ignored_for(raw: bytes, call: CallSettings, signal: str) -> None:
    signals, decision = judge(raw, call)
    assert signal in signals
    assert decision.outcome is Outcome.IGNORED
    assert f"Machine-sent: {signal}." in decision.reasons


def assert_answered(raw: bytes, call: CallSettings, outcome: Outcome) -> None:
    signals, decision = judge(raw, call)
    assert signals == ()
    assert decision.outcome is outcome


# --- out-of-office and automatic replies ------------------------------------------------------

OOO_SUBJECTS = [
    "Automatic reply: RRR application received",
    "Out of Office: RRR application received",
    "OUT OF OFFICE",
    "Out of Office AutoReply: RRR",
    "Respuesta automática: Solicitud RRR recibida",
    "Resposta automática: Candidatura RRR",
    "Réponse automatique : Candidature RRR",
    "Absence du bureau: Candidature RRR",
    "Abwesenheitsnotiz: Ihre Bewerbung RRR",
    "Abwesenheitsnotiz",
    "Automatische Antwort: Bewerbung RRR",
    "Risposta automatica: Candidatura RRR",
    "Fuori sede - Candidatura RRR",
    "Odpowiedź automatyczna: Zgłoszenie RRR",
    "Poza biurem: Zgłoszenie RRR",
    "Automatisch antwoord: Aanvraag RRR",
    "Afwezig: Aanvraag RRR",
    "Resposta automàtica: Sol·licitud RRR",
    "Fora de l'oficina: Sol·licitud RRR",
    "Fora de l\u2019oficina: Sol·licitud RRR",
    "Răspuns automat: Aplicație RRR",
    "Αυτόματη απάντηση: Αίτηση RRR",
    "Automatická odpověď: Přihláška RRR",
    "Automatikus válasz: RRR pályázat",
    "Autosvar: RRR ansökan",
    "Frånvaro: RRR ansökan",
    "[EXTERNAL] Automatic reply: RRR application received",
]


@pytest.mark.parametrize("subject", OOO_SUBJECTS)
def test_out_of_office_subject_alone_is_ignored(call: CallSettings, subject: str) -> None:
    raw = build(subject, "Thank you for your message.")
    assert_ignored_for(raw, call, machine.AUTO_REPLY_SUBJECT)


def test_out_of_office_subject_with_a_signature_attachment_is_still_ignored(
    call: CallSettings,
) -> None:
    # Auto-replies that attach a brochure or a logo exist; the machine's prefix is what counts.
    raw = build("Automatische Antwort: Ihre Nachricht", "Ich bin im Urlaub.", files=BROCHURE)
    assert_ignored_for(raw, call, machine.AUTO_REPLY_SUBJECT)


@pytest.mark.parametrize(
    "subject",
    [
        "Application form - automatic reply requested?",
        "RE: Automatic reply: RRR application",  # a person replying to a colleague's auto-reply
        "Fwd: Out of Office: RRR",
        "Absence of the mayor: our application attached",
        "Out of office hours contact and our application",
        "Lyon application (automatic reply not received)",
    ],
)
def test_application_whose_subject_merely_contains_a_cue_is_answered(
    call: CallSettings, subject: str
) -> None:
    raw = build(subject, "Please find attached our application form and letter.", files=APPLICATION)
    assert_answered(raw, call, Outcome.ACCEPTED)


def test_application_whose_body_says_out_of_office_is_answered(call: CallSettings) -> None:
    body = (
        "Dear colleagues,\nI am out of the office until 31 May and I will be out of office next "
        "week, here is our application.\nThis is an automatic reply only if you never read it."
    )
    raw = build("RRR application Lyon", body, files=APPLICATION)
    assert_answered(raw, call, Outcome.ACCEPTED)


def test_question_mentioning_absence_without_documents_is_answered(call: CallSettings) -> None:
    raw = build(
        "Question about the RRR call",
        "Hello, I will be out of office next week. Can we send the letter later?",
    )
    assert_answered(raw, call, Outcome.INCOMPLETE)


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for your email. I am currently out of the office with limited access to email.",
        "This is an automatic reply. I will be back on 31 May.",
        "Your request has been received as ticket #48213.\n\nThis mailbox is not monitored.",
        "Gracias por su mensaje. Estoy fuera de la oficina hasta el 31 de mayo.",
        "Obrigado. Encontro-me de férias até 31 de maio.",
        "Merci pour votre message. Je suis absente du bureau jusqu'au 31 mai.",
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 28.05. nicht im Büro.",
        "Grazie. Sono fuori ufficio fino al 31 maggio.",
        "Dziękuję za wiadomość. Jestem na urlopie do 31 maja.",
        "Bedankt voor uw bericht. Ik ben afwezig tot en met 31 mei.",
        "Gràcies. Estic fora de l'oficina fins al 31 de maig.",
        "Vă mulțumim. Sunt în concediu până la 31 mai.",
        "Ευχαριστώ. Είμαι εκτός γραφείου έως 31 Μαΐου.",
        "Děkuji. Jsem mimo kancelář do 31. května.",
        "Köszönöm. Szabadságon vagyok május 31-ig.",
        "Tack för ditt mejl. Jag är på semester till 31 maj.",
    ],
)
def test_out_of_office_body_without_documents_is_ignored(call: CallSettings, body: str) -> None:
    raw = build("Re: RRR application received - reference RRR-7KQ2-M4XD", body)
    assert_ignored_for(raw, call, machine.AUTO_REPLY_TEXT)


def test_out_of_office_body_with_a_cloud_link_is_answered(call: CallSettings) -> None:
    # A link to the documents is an application attempt: it gets told to attach them.
    body = "I am out of the office; our files: https://drive.google.com/file/d/abc/view"
    raw = build("RRR application Lyon", body)
    assert_answered(raw, call, Outcome.INCOMPLETE)


def test_quoted_out_of_office_sentence_is_not_read(call: CallSettings) -> None:
    # A person forwarding a colleague's note ("> I'm out of the office") and forgetting the files.
    body = (
        "Please see our application below.\n\nBegin forwarded message:\n\n> Hi Tom, could you "
        "send them? I am currently out of the office.\n> Grace"
    )
    assert_answered(build("Fwd: RRR docs - final", body), call, Outcome.INCOMPLETE)


def test_out_of_office_sentence_far_below_a_persons_text_is_not_read(call: CallSettings) -> None:
    body = "Dear team, we have a question about the budget.\n" * 60 + "I am out of the office."
    assert_answered(build("Question", body), call, Outcome.INCOMPLETE)


# --- read receipts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Read: RRR application received",
            "Your message\n\n  To: Marie\n  Subject: RRR application received\n\n"
            "was read on 20/05/2021 10:12.",
        ),
        ("Leído: Solicitud RRR", "Su mensaje ... fue leído el 20/05/2021 10:12."),
        ("Lu : Candidature RRR", "Votre message ... a été lu le 20/05/2021 à 10:12."),
        ("Gelesen: Bewerbung RRR", "Ihre Nachricht ... wurde am 20.05.2021 10:12 gelesen."),
        ("Letto: Candidatura RRR", "Il messaggio ... è stato letto il 20/05/2021 10:12."),
        ("Przeczytano: Zgłoszenie RRR", "Wiadomość ... została przeczytana 20.05.2021."),
        ("Not read: RRR application", "Your message ... was deleted without being read."),
    ],
)
def test_read_receipt_subject_and_text_without_documents_is_ignored(
    call: CallSettings, subject: str, body: str
) -> None:
    assert_ignored_for(build(subject, body), call, machine.READ_RECEIPT_TEXT)


def test_read_subject_with_documents_is_answered(call: CallSettings) -> None:
    raw = build("Read: RRR application", "Your message was read on Monday.", files=APPLICATION)
    assert_answered(raw, call, Outcome.ACCEPTED)


def test_read_subject_without_the_receipt_text_is_answered(call: CallSettings) -> None:
    raw = build("Read: questions about the RRR call", "Can a metropolitan area apply?")
    assert_answered(raw, call, Outcome.INCOMPLETE)


def test_receipt_text_without_the_read_subject_is_answered(call: CallSettings) -> None:
    raw = build("Our application", "Your message was read on Monday, we will send the form.")
    assert_answered(raw, call, Outcome.INCOMPLETE)


def _disposition_notification(*, report: bool) -> bytes:
    """An MDN part inside multipart/mixed (some clients) or multipart/report (RFC 8098)."""
    message = EmailMessage()
    message["From"] = "carlos@austin.example"
    message["To"] = "peerlearning@rrr-cities.example"
    message["Subject"] = "Your application receipt"  # no receipt prefix: the part decides
    message.set_content("The message was displayed.")
    notification = EmailMessage()
    notification.set_content(
        b"Reporting-UA: mail.austin.example\r\nFinal-Recipient: rfc822; carlos@austin.example"
        b"\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n",
        "message",
        "disposition-notification",
    )
    message.make_mixed()
    message.attach(notification)
    if report:
        message.set_type("multipart/report")
        message.set_param("report-type", "disposition-notification")
    return message.as_bytes()


@pytest.mark.parametrize("report", [False, True])
def test_disposition_notification_part_is_a_read_receipt(call: CallSettings, report: bool) -> None:
    raw = _disposition_notification(report=report)
    assert_ignored_for(raw, call, machine.READ_RECEIPT_PART)
    assert ("delivery or read report (multipart/report)" in judge(raw, call)[0]) is report


# --- bounces ----------------------------------------------------------------------------------

BOUNCE_SUBJECTS = [
    "Undeliverable: RRR application received",
    "Unzustellbar: Ihre Bewerbung",
    "No se puede entregar: Solicitud recibida",
    "Non remis : Candidature reçue",
    "Non recapitabile: Candidatura ricevuta",
    "Niedostarczalne: Zgłoszenie",
    "Mail delivery failed: returning message to sender",
    "Delivery Status Notification (Failure)",
    "Undelivered Mail Returned to Sender",
    "failure notice",
]


@pytest.mark.parametrize("subject", BOUNCE_SUBJECTS)
def test_bounce_subject_is_ignored(call: CallSettings, subject: str) -> None:
    raw = build(subject, "Your message to x@city.example could not be delivered.")
    assert_ignored_for(raw, call, machine.BOUNCE_SUBJECT)


@pytest.mark.parametrize(
    "body",
    [
        "This is the mail system at host mx.lyon.example.\n\nI'm sorry to have to inform you "
        "that your message could not be delivered to one or more recipients.",
        "Hi. This is the qmail-send program at mail.lyon.example.\nI'm afraid I wasn't able "
        "to deliver your message to the following addresses.",
        "This message was created automatically by mail delivery software.\n\nA message that "
        "you sent could not be delivered to one or more of its recipients.",
        "Delivery has failed to these recipients or groups:\nmarie@lyon.example",
        "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen: x@y.example",
    ],
)
def test_plain_text_bounce_without_report_is_ignored(call: CallSettings, body: str) -> None:
    raw = build("Returned", body, sender="Mail System <mail@lyon.example>")
    assert_ignored_for(raw, call, machine.BOUNCE_TEXT)


def test_application_resent_after_a_bounce_is_answered(call: CallSettings) -> None:
    body = (
        "My first email came back: your message could not be delivered to one or more "
        "recipients. This is the mail system at host ... Sending again with the files."
    )
    raw = build("RRR application Lyon (resent)", body, files=APPLICATION)
    assert_answered(raw, call, Outcome.ACCEPTED)


@pytest.mark.parametrize(
    "subject", ["Undeliverable documents? Our application", "Re: Undeliverable: RRR"]
)
def test_subject_that_is_not_a_bounce_prefix_is_answered(call: CallSettings, subject: str) -> None:
    assert_answered(build(subject, "Here it is.", files=APPLICATION), call, Outcome.ACCEPTED)


@pytest.mark.parametrize(
    ("sender", "signal"),
    [
        ("MAILER-DAEMON@mx.lyon.example", "from mailer-daemon"),
        ("Mailer-Daemon@Mx.Lyon.Example", "from mailer-daemon"),
        ("Postmaster@lyon.example", "from postmaster"),
        (
            "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@lyon.example>",
            "from an Exchange system mailbox",
        ),
    ],
)
def test_mail_from_system_mailboxes_is_ignored(
    call: CallSettings, sender: str, signal: str
) -> None:
    raw = build("Delivery report", "Something about your message.", sender=sender)
    assert_ignored_for(raw, call, signal)


def test_a_person_named_like_a_system_mailbox_is_answered(call: CallSettings) -> None:
    raw = build("RRR", "Attached.", sender="postmaster.office@lyon.example", files=APPLICATION)
    assert_answered(raw, call, Outcome.ACCEPTED)


# --- our own and staff addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "peerlearning@rrr-cities.example",
        "PeerLearning@RRR-Cities.Example",
        "peerlearning+test@rrr-cities.example",
        "No-Reply+loop@rrr-cities.example",
    ],
)
def test_own_address_matches_whatever_case_and_tag(call: CallSettings, address: str) -> None:
    assert call.is_own_address(address)
    assert not call.is_staff_address(address)


@pytest.mark.parametrize(
    "address",
    [
        None,
        "",
        "peerlearning@rrr-cities.example.org",
        "peerlearning2@rrr-cities.example",
        "peer+learning@rrr-cities.example",
        "peerlearning@city.example",
        "staff@lyon.example",
    ],
)
def test_other_addresses_are_neither_ours_nor_staff(
    call: CallSettings, address: str | None
) -> None:
    assert not call.is_own_address(address)
    assert not call.is_staff_address(address)


def test_mail_from_our_own_tagged_address_is_ignored(call: CallSettings) -> None:
    raw = build(
        "Test", "Testing.", sender="PeerLearning+test@rrr-cities.example", files=APPLICATION
    )
    _, decision = judge(raw, call)
    assert decision.outcome is Outcome.IGNORED
    assert decision.reasons == ("Sent from our own address.",)


@pytest.mark.parametrize("address", ["staff@rrr-cities.example", "Staff+desk@RRR-cities.example"])
def test_mail_from_staff_testing_the_desk_is_ignored(call: CallSettings, address: str) -> None:
    raw = build("TEST - please ignore", "Checking the desk.", sender=address, files=APPLICATION)
    _, decision = judge(raw, call)
    assert decision.outcome is Outcome.IGNORED
    local, _, domain = address.partition("@")
    assert decision.reasons == (f"Sent by staff ({local}@{domain.lower()}).",)


# --- the cues are the call's configuration ----------------------------------------------------


def test_cues_come_from_the_call(call: CallSettings) -> None:
    raw = build("Zzz-bot: away", "Back soon.")
    assert judge(raw, call)[0] == ()
    custom = call.model_copy(
        update={"machine_mail": MachineMailCues(auto_reply_subject_cues={"xx": ("ZZZ-Bot",)})}
    )
    assert machine.AUTO_REPLY_SUBJECT in judge(raw, custom)[0]
    without = call.model_copy(update={"machine_mail": MachineMailCues()})
    assert judge(build("Automatic reply: RRR", "Away."), without)[0] == ()


def test_cues_are_folded_once_per_call(call: CallSettings) -> None:
    assert call.machine_mail.folded is call.machine_mail.folded
    assert "reponse automatique" in call.machine_mail.folded.auto_reply_subjects
    assert "αυτοματη απαντηση" in call.machine_mail.folded.auto_reply_subjects


def test_fold_phrase_is_case_accent_and_space_blind_but_keeps_punctuation() -> None:
    assert fold_phrase("  Réponse   AUTOMATIQUE :") == "reponse automatique :"
    assert fold_phrase("Fora de l\u2019oficina") == "fora de l'oficina"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("lu : candidature", "lu"),
        ("lu", "lu"),
        ("lucerne: application", None),
        ("absence du bureau - x", "absence du bureau"),
        ("absence of the mayor", None),
        ("delivery status notification (failure)", "delivery status notification (failure)"),
    ],
)
def test_subject_prefix_shape(subject: str, expected: str | None) -> None:
    cues = ("absence du bureau", "absence", "lu", "delivery status notification (failure)")
    assert machine.subject_prefix(subject, cues) == expected


def test_contains_phrase_wants_whole_words() -> None:
    assert machine.contains_phrase("thanks. i am on holiday until may", "i am on holiday until")
    assert not machine.contains_phrase("ni am on holiday until", "i am on holiday until")
    assert not machine.contains_phrase("gelesenes buch", "gelesen")
