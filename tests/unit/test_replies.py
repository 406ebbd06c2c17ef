"""Replies: content of each kind in English and Spanish, headers, threading, determinism, and
that nothing a sender writes can add a header or break out of the HTML escaping."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from rrr_mailbot.config import CallSettings, data_path, load_settings
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import ArrivalSource, Decision, Document, Intake, Outcome
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.replies import ReplyRenderer, filesize, single_line

REFERENCE = "RRR-7KQ2-M4XD"
NOW = datetime(2021, 5, 21, 21, 0, 5, tzinfo=UTC)
ON_TIME = datetime(2021, 5, 21, 20, 59, 59, tzinfo=UTC)  # 22:59:59 in Madrid
LATE = datetime(2021, 5, 21, 21, 14, 2, tzinfo=UTC)  # 23:14:02 in Madrid
FORM = Document(
    filename="Application form - Ciudad de México.pdf",
    content_type="application/pdf",
    data=b"%PDF-1.7 form " * 90_000,  # 1 260 000 bytes
)
LETTER = Document(
    filename="LOI signed.pdf",
    content_type="application/pdf",
    data=b"%PDF-1.7 letter " * 100,  # 1 600 bytes
    container=("documents.zip",),
)
GUIDE = Document(filename="guidelines.pdf", content_type="application/pdf", data=b"%PDF-g" * 50)
LOGO = Document(filename="logo.png", content_type="image/png", data=b"\x89PNG" * 10, inline=True)


def make_intake(**overrides: object) -> Intake:
    fields: dict[str, object] = {
        "raw_sha256": hashlib.sha256(b"raw message").hexdigest(),
        "size_bytes": 1_300_000,
        "from_address": "ana.garcia@cdmx.example",
        "from_name": "Ana García",
        "reply_to": None,
        "return_path": "ana.garcia@cdmx.example",
        "message_id": "<orig-2@cdmx.example>",
        "in_reply_to": "<orig-1@cdmx.example>",
        "references": ("<orig-1@cdmx.example>",),
        "subject": "Application RRR - Mexico City",
        "date_header": ON_TIME,
        "arrival": ON_TIME,
        "arrival_source": ArrivalSource.SERVER,
        "documents": (FORM, LETTER, GUIDE, LOGO),
    }
    fields.update(overrides)
    return Intake(**fields)  # type: ignore[arg-type]


ACCEPTED = Decision(
    outcome=Outcome.ACCEPTED, documents={"application_form": FORM, "letter_of_intent": LETTER}
)
INCOMPLETE = Decision(
    outcome=Outcome.INCOMPLETE,
    documents={"application_form": FORM, "letter_of_intent": None},
    missing=("letter_of_intent",),
    reasons=("Missing: letter of intent.",),
)
LATE_DECISION = Decision(
    outcome=Outcome.LATE, documents={"application_form": FORM, "letter_of_intent": LETTER}
)


def render(
    renderer: ReplyRenderer,
    decision: Decision,
    *,
    intake: Intake | None = None,
    language: str | None = None,
) -> tuple[str, OutgoingMail, EmailMessage]:
    result = renderer.render(
        intake or make_intake(), decision, REFERENCE, now=NOW, language=language
    )
    assert result is not None
    kind, mail = result
    parsed = message_from_bytes(mail.data, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return kind, mail, parsed


def bodies(message: EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    # The wire form has CRLF line ends; the assertions read better with \n.
    return (
        str(plain.get_content()).replace("\r\n", "\n"),
        str(html.get_content()).replace("\r\n", "\n"),
    )


# -- content, per kind and language --------------------------------------------------------------


def test_acknowledgement_in_english(renderer: ReplyRenderer) -> None:
    kind, _, message = render(renderer, ACCEPTED, language="en")
    assert kind == "acknowledgement"
    assert message["Subject"] == f"Re: Application RRR - Mexico City [{REFERENCE}]"
    text, html = bodies(message)
    for body in (text, html):
        assert "Dear Ana García" in body
        assert REFERENCE in body
        assert "21 May 2021, 22:59:59 CEST (Europe/Madrid)" in body  # arrival, in the call's zone
        assert "21 May 2021, 23:00 CEST (Europe/Madrid)" in body  # the deadline
        assert "Application form - Ciudad de México.pdf" in body
        assert "1.3 MB" in body and "1.6 kB" in body
        assert FORM.sha256 in body and LETTER.sha256 in body
        assert "documents.zip" in body
        assert "guidelines.pdf" in body  # received, but not one of the documents
        assert "logo.png" not in body  # an inline signature image is not worth mentioning
    assert "  - Application form: Application form - Ciudad de México.pdf, 1.3 MB\n" in text
    assert "  - Letter of intent: LOI signed.pdf (in documents.zip), 1.6 kB\n" in text
    assert f"    SHA-256 {FORM.sha256}\n" in text


def test_incomplete_in_english(renderer: ReplyRenderer) -> None:
    intake = make_intake(cloud_links=("https://drive.google.com/file/d/abc",))
    kind, _, message = render(renderer, INCOMPLETE, intake=intake, language="en")
    assert kind == "incomplete"
    assert message["Subject"] == (
        f"Re: Application RRR - Mexico City [{REFERENCE}]: documents missing"
    )
    text, html = bodies(message)
    assert "Missing:\n  - Letter of intent\n" in text
    assert (
        "What we received:\n  - Application form: Application form - Ciudad de México.pdf" in text
    )
    assert "  - Missing: letter of intent.\n" in text  # the reasons
    assert "Reply to this message with BOTH documents attached:\n" in text
    assert "  - Application form\n  - Letter of intent\n" in text
    assert "We cannot open links to cloud storage such as the ones in your message." in text
    assert "before the deadline: 21 May 2021, 23:00 CEST (Europe/Madrid)" in text
    assert "drive.google.com" not in text + html  # we never echo a link back
    assert "<li>Letter of intent</li>" in html
    assert "<strong>both</strong> documents attached" in html


def test_incomplete_for_a_message_too_large_to_read(renderer: ReplyRenderer) -> None:
    intake = make_intake(truncated=True, documents=())
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={"application_form": None, "letter_of_intent": None},
        missing=("application_form", "letter_of_intent"),
    )
    _, _, message = render(renderer, decision, intake=intake, language="en")
    text, _ = bodies(message)
    assert "Your message was larger than 30 MB" in text
    assert "We found none of the required documents in your message." in text
    assert "Missing:\n  - Application form\n  - Letter of intent\n" in text


def test_late_in_english(renderer: ReplyRenderer) -> None:
    kind, _, message = render(renderer, LATE_DECISION, intake=make_intake(arrival=LATE))
    assert kind == "late"
    assert message["Subject"].endswith(f"[{REFERENCE}]: received after the deadline")
    text, html = bodies(message)
    assert (
        "Your message reached our mail server on 21 May 2021, 23:14:02 CEST (Europe/Madrid),\n"
        "after the deadline of 21 May 2021, 23:00 CEST (Europe/Madrid)." in text
    )
    assert "staff of the call will\nreview it and decide how to proceed" in text
    assert "staff of the call will review it and decide how to proceed" in html


def test_acknowledgement_in_spanish(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, ACCEPTED, language="es")
    assert message["Content-Language"] == "es"
    text, html = bodies(message)
    assert text.startswith("Estimado/a Ana García:\n\n")
    for body in (text, html):
        assert "Hemos recibido su solicitud para" in body
        assert "21 de mayo de 2021, 22:59:59 CEST (Europe/Madrid)" in body
        assert "21 de mayo de 2021, 23:00 CEST (Europe/Madrid)" in body
        assert "1,3 MB" in body and "1,6 kB" in body  # decimal comma
        assert "Formulario de solicitud" in body and "Carta de intención" in body
        assert FORM.sha256 in body
    assert '<html lang="es">' in html


def test_incomplete_in_spanish(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, INCOMPLETE, language="es-MX")
    assert message["Subject"].endswith(": faltan documentos")
    text, html = bodies(message)
    assert "Documentos que faltan:\n  - Carta de intención\n" in text
    assert "Responda a este mensaje adjuntando LOS DOS documentos:" in text
    assert "antes del fin del plazo: 21 de mayo de 2021, 23:00 CEST (Europe/Madrid)" in text
    assert "<li>Carta de intención</li>" in html


def test_late_in_spanish(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, LATE_DECISION, intake=make_intake(arrival=LATE), language="ES")
    assert message["Subject"].endswith(": recibida fuera de plazo")
    text, _ = bodies(message)
    assert "llegó a nuestro servidor de correo el 21 de mayo de 2021, 23:14:02 CEST" in text
    assert "El equipo de la convocatoria\nlo revisará y decidirá cómo proceder" in text


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("decision", [ACCEPTED, INCOMPLETE, LATE_DECISION])
def test_every_reply_is_text_plus_html_with_the_fixed_headers(
    renderer: ReplyRenderer, call: CallSettings, decision: Decision, language: str
) -> None:
    _, mail, message = render(renderer, decision, language=language)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in message.iter_parts())
    assert message["From"] == "RRR Peer Learning Cities <peerlearning@rrr-cities.example>"
    assert message["To"] == "Ana García <ana.garcia@cdmx.example>"
    assert message["Date"] == "Fri, 21 May 2021 21:00:05 +0000"  # the `now` argument
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message["X-RRR-Decision"] == str(decision.outcome)
    assert message["X-RRR-Reference"] == REFERENCE
    assert message["Message-ID"] == mail.message_id
    assert message["Precedence"] is None
    assert mail.envelope_from == call.reply_from
    assert mail.recipients == ("ana.garcia@cdmx.example",)
    assert b"\r\n" in mail.data and b"\n" not in mail.data.replace(b"\r\n", b"")


# -- choosing the language -----------------------------------------------------------------------


def test_language_choice(renderer: ReplyRenderer, call: CallSettings) -> None:
    assert renderer.languages == ("de", "en", "es", "fr", "it", "pl", "pt")
    assert renderer.choose_language("es_ES") == "es"
    assert renderer.choose_language("sv") == "en"
    assert renderer.choose_language(None) == "en"
    spanish_call = call.model_copy(update={"default_language": "es"})
    spanish = ReplyRenderer(spanish_call, data_path("templates"))
    assert spanish.choose_language("sv") == "es"
    _, _, message = render(spanish, ACCEPTED, language="sv")
    assert message["Content-Language"] == "es"


def test_a_default_language_without_templates_is_a_config_error(call: CallSettings) -> None:
    with pytest.raises(
        ConfigError, match=r"default_language 'sv'.*found: de, en, es, fr, it, pl, pt"
    ):
        ReplyRenderer(call.model_copy(update={"default_language": "sv"}), data_path("templates"))


def test_a_missing_templates_folder_is_a_config_error(call: CallSettings, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ReplyRenderer(call, tmp_path / "nowhere")


def test_a_template_naming_an_unknown_variable_fails_at_start(
    call: CallSettings, tmp_path: Path
) -> None:
    shutil.copytree(data_path("templates"), tmp_path / "templates")
    broken = tmp_path / "templates" / "es" / "late.txt.j2"
    broken.write_text("{{ refrence }}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"es/late\.txt\.j2 cannot be rendered.*refrence"):
        ReplyRenderer(call, tmp_path / "templates")
    broken.write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"es/late\.txt\.j2 is broken"):
        ReplyRenderer(call, tmp_path / "templates")


def test_templates_are_read_once(call: CallSettings, tmp_path: Path) -> None:
    shutil.copytree(data_path("templates"), tmp_path / "templates")
    renderer = ReplyRenderer(call, tmp_path / "templates")
    before = render(renderer, ACCEPTED)[1]
    shutil.rmtree(tmp_path / "templates")
    assert render(renderer, ACCEPTED)[1] == before


# -- when there is no reply ----------------------------------------------------------------------


def test_no_reply_to_ignored_messages(renderer: ReplyRenderer) -> None:
    ignored = Decision(outcome=Outcome.IGNORED, reasons=("Machine-sent: auto-reply.",))
    assert renderer.render(make_intake(), ignored, REFERENCE, now=NOW) is None


@pytest.mark.parametrize(
    "from_address",
    [
        None,
        "peerlearning@rrr-cities.example",  # ourselves
        "NO-REPLY@rrr-cities.example",  # one of our own addresses
        "a@b.example, evil@x.example",  # two recipients smuggled into one
        "ana@cdmx.example\r\nBcc: evil@x.example",
        "not an address",
        "josé@cdmx.example",  # a non-ASCII local part needs SMTPUTF8
    ],
)
def test_no_reply_without_a_usable_address(
    renderer: ReplyRenderer, from_address: str | None
) -> None:
    intake = make_intake(from_address=from_address)
    assert renderer.render(intake, ACCEPTED, REFERENCE, now=NOW) is None


def test_reply_to_wins_and_idn_domains_are_encoded(renderer: ReplyRenderer) -> None:
    intake = make_intake(reply_to="oficina@alcaldía.example")
    _, mail, message = render(renderer, ACCEPTED, intake=intake)
    assert mail.recipients == ("oficina@xn--alcalda-dza.example",)
    # The display name belongs to From, not to a different Reply-To address.
    assert message["To"] == "oficina@xn--alcalda-dza.example"


def test_naive_now_is_refused(renderer: ReplyRenderer) -> None:
    with pytest.raises(ValueError, match="time-zone aware"):
        renderer.render(make_intake(), ACCEPTED, REFERENCE, now=datetime(2021, 5, 21, 21, 0))


# -- headers: determinism, threading, injection --------------------------------------------------


def test_rendering_is_deterministic(renderer: ReplyRenderer) -> None:
    _, first, _ = render(renderer, ACCEPTED)
    _, second, _ = render(renderer, ACCEPTED)
    assert first == second  # same bytes, boundary and Message-ID included
    digest = hashlib.sha256(f"acknowledgement\0{make_intake().raw_sha256}".encode()).hexdigest()
    assert first.message_id == f"<{REFERENCE}.{digest[:12]}@rrr-cities.example>"
    _, other_kind, _ = render(renderer, INCOMPLETE)
    assert other_kind.message_id != first.message_id
    other_message = make_intake(raw_sha256=hashlib.sha256(b"other").hexdigest())
    _, other, _ = render(renderer, ACCEPTED, intake=other_message)
    assert other.message_id != first.message_id


def test_threading_headers(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, ACCEPTED)
    assert message["In-Reply-To"] == "<orig-2@cdmx.example>"
    assert message["References"] == "<orig-1@cdmx.example> <orig-2@cdmx.example>"


def test_long_reference_chains_keep_the_first_and_the_latest(renderer: ReplyRenderer) -> None:
    chain = tuple(f"<m{n}@x.example>" for n in range(40))
    intake = make_intake(references=(*chain, "not-an-id", "<bad id@x>"), message_id="<last@x>")
    _, _, message = render(renderer, ACCEPTED, intake=intake)
    ids = str(message["References"]).split()
    assert len(ids) == 20
    assert ids[0] == "<m0@x.example>"
    assert ids[-2:] == ["<m39@x.example>", "<last@x>"]


def test_without_a_message_id_there_is_no_in_reply_to(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, ACCEPTED, intake=make_intake(message_id=None, references=()))
    assert message["In-Reply-To"] is None
    assert message["References"] is None


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("RE: Application", f"RE: Application [{REFERENCE}]"),
        ("AW: Bewerbung", f"AW: Bewerbung [{REFERENCE}]"),
        ("", f"Your application to RRR Peer Learning Cities [{REFERENCE}]"),
        ("  Solicitud\tciudad  ", f"Re: Solicitud ciudad [{REFERENCE}]"),
    ],
)
def test_subject_line(renderer: ReplyRenderer, subject: str, expected: str) -> None:
    _, _, message = render(renderer, ACCEPTED, intake=make_intake(subject=subject))
    assert message["Subject"] == expected


def test_nothing_a_sender_writes_adds_a_header(renderer: ReplyRenderer) -> None:
    evil = "x\r\nBcc: evil@x.example\r\nX-Injected: yes"
    document = Document(
        filename="form\r\nBcc: evil@x.example.pdf", content_type="application/pdf", data=b"%PDF"
    )
    intake = make_intake(
        subject=f"Application {evil}",
        from_name=f"Ana {evil}",
        message_id="<ok@x>\r\nBcc: evil@x.example",
        references=("<a@x>\nX-Injected: yes",),
        documents=(document, LETTER),
    )
    decision = Decision(
        outcome=Outcome.ACCEPTED,
        documents={"application_form": document, "letter_of_intent": LETTER},
    )
    for language in ("en", "es"):
        _, mail, message = render(renderer, decision, intake=intake, language=language)
        assert message["Bcc"] is None
        assert message["X-Injected"] is None
        assert b"\r\nBcc:" not in mail.data and b"\nX-Injected:" not in mail.data
        for name in ("From", "To", "Subject", "Message-ID", "Date", "X-RRR-Reference"):
            assert len(message.get_all(name) or []) == 1, name
        assert message["In-Reply-To"] is None  # a malformed id is dropped, not repaired
        assert message["References"] is None
        assert message["Subject"] == (
            f"Re: Application x Bcc: evil@x.example X-Injected: yes [{REFERENCE}]"
        )
        assert mail.recipients == ("ana.garcia@cdmx.example",)
        text, _ = bodies(message)
        assert "form Bcc: evil@x.example.pdf" in text


def test_long_subjects_are_bounded(renderer: ReplyRenderer) -> None:
    _, _, message = render(renderer, ACCEPTED, intake=make_intake(subject="S" * 5000))
    subject = str(message["Subject"])
    assert len(subject) <= 250
    assert subject.endswith("…")


def test_html_escapes_what_senders_write(renderer: ReplyRenderer) -> None:
    script = "<script>alert(1)</script>"
    document = Document(
        filename=f"{script}.pdf", content_type="application/pdf", data=b"%PDF" * 100
    )
    intake = make_intake(
        from_name='Ana "<img src=x onerror=alert(2)>"',
        subject=f"<b>{script}</b>",
        documents=(document, LETTER, Document("a&b<i>.doc", "application/msword", b"d" * 300)),
    )
    decision = Decision(
        outcome=Outcome.INCOMPLETE,
        documents={"application_form": document, "letter_of_intent": None},
        missing=("letter_of_intent",),
        reasons=(f"Could not read {script}.pdf",),
    )
    for language in ("en", "es"):
        _, _, message = render(renderer, decision, intake=intake, language=language)
        text, html = bodies(message)
        assert "<script>" not in html and "<img" not in html and "<i>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        assert "a&amp;b&lt;i&gt;.doc" in html
        assert f"{script}.pdf" in text  # plain text needs no escaping


# -- small helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 bytes"),
        (999, "999 bytes"),
        (1000, "1.0 kB"),
        (1600, "1.6 kB"),
        (12_345, "12 kB"),
        (999_999, "1.0 MB"),
        (1_260_000, "1.3 MB"),
        (30_000_000, "30 MB"),
        (4_200_000_000, "4.2 GB"),
    ],
)
def test_filesize(size: int, expected: str) -> None:
    assert filesize(size) == expected
    assert filesize(size, ",") == expected.replace(".", ",")


def test_single_line_strips_every_kind_of_line_break() -> None:
    value = "a\r\nb\nc\rd\x00e\u2028f\u2029g\x85h\u200bi"
    assert single_line(value, 100) == "a b c d e f g h i"
    assert single_line("x" * 10, 5) == "xxxx…"


def test_arrival_unknown_still_renders(renderer: ReplyRenderer) -> None:
    intake = make_intake(arrival=None, arrival_source=ArrivalSource.NONE)
    _, _, message = render(renderer, ACCEPTED, intake=intake)
    text, _ = bodies(message)
    assert "Received:" not in text
    assert "Deadline:             21 May 2021, 23:00 CEST" in text
    late = render(renderer, LATE_DECISION, intake=intake)[2]
    assert "reached us after the deadline of 21 May 2021, 23:00 CEST" in bodies(late)[0]


def test_times_follow_the_zone_in_winter_too(call: CallSettings) -> None:
    winter_call = call.model_copy(
        update={"deadline": datetime(2021, 12, 1, 12, 0), "timezone": "America/Mexico_City"}
    )
    renderer = ReplyRenderer(winter_call, data_path("templates"))
    arrival = datetime(2021, 12, 1, 17, 30, tzinfo=UTC)
    _, _, message = render(renderer, ACCEPTED, intake=make_intake(arrival=arrival))
    text, _ = bodies(message)
    assert "1 December 2021, 11:30:00 CST (America/Mexico_City)" in text
    assert "1 December 2021, 12:00 CST (America/Mexico_City)" in text
    assert arrival - timedelta(hours=6) == arrival.astimezone(winter_call.zone).replace(tzinfo=UTC)


def test_subjects_of_every_length_read_back_exactly_as_rendered() -> None:
    call = load_settings().call
    renderer = ReplyRenderer(call, data_path("templates"))
    for length in range(20, 120, 3):  # around 70-78 characters the email package used to fold
        original = "Candidatura " + "x" * length
        rendered = renderer.render(
            make_intake(subject=original), ACCEPTED, "RRR-AAAA-BBBB", now=NOW, language="en"
        )
        assert rendered is not None
        subject = str(message_from_bytes(rendered[1].data, policy=policy.default)["Subject"])
        assert subject == f"Re: {original} [RRR-AAAA-BBBB]", length
