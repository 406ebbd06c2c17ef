"""Intake of messages shaped like what real mail clients send.

Each message is written out as the client writes it (multipart layout, header style, name
encoding), with real documents from tests/support/documents.py inside.
"""

from __future__ import annotations

import base64
import email
import hashlib
import textwrap
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from rrr_mailbot.config import CallSettings, Limits, default_config_path, load_settings
from rrr_mailbot.intake import parse_message
from rrr_mailbot.model import ArrivalSource, Intake, Reading
from tests.support.documents import make_docx, make_pdf, make_png, make_tnef

CALL = load_settings(default_config_path(), env={}).call
FORM_PDF = make_pdf("RRR Application form\nName of the city: Łódź\nPopulation: 670 000")
LETTER_DOCX = make_docx(
    ["Letter of intent", "On behalf of the city we hereby express our interest."],
    table=[["Mayor", "Hanna Zdanowska"]],
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # a legacy Office file's start
NOISE = b"\x01\x02" * 400


def b64(data: bytes) -> str:
    """Base64 in 76-character lines, as every client writes it."""
    return "\n".join(textwrap.wrap(base64.b64encode(data).decode("ascii"), 76))


def mime(text: str, *, crlf: bool = False) -> bytes:
    """A message written as an indented literal: dedented, and CRLF line ends if asked.

    Only the template's own indentation is removed, so inserted base64 lines stay as they are.
    """
    text = text.lstrip("\n")
    indent = text[: len(text) - len(text.lstrip(" "))]
    raw = "\n".join(line.removeprefix(indent) for line in text.split("\n"))
    if crlf:
        raw = raw.replace("\n", "\r\n")
    return raw.encode("utf-8")


def with_call(**limits: int) -> CallSettings:
    return CALL.model_copy(update={"limits": Limits(**{**CALL.limits.model_dump(), **limits})})


def names(intake: Intake) -> list[str | None]:
    return [d.filename for d in intake.documents]


# --- clients -----------------------------------------------------------------------------------


def test_outlook_winmail_dat_gives_its_attachments_with_long_names() -> None:
    tnef = make_tnef(
        {"Formularz zgłoszeniowy RRR.pdf": FORM_PDF, "List intencyjny Łódź.docx": LETTER_DOCX},
        body="W załączeniu przesyłamy dokumenty.",
    )
    raw = mime(
        f"""\
        Received: from EUR03-VE1.outbound.protection.outlook.com (mail-ve1.example [40.107.1.2])
        \tby mx.rrr-cities.example (Postfix) with ESMTPS id 4FmQ2x; Fri, 21 May 2021 20:41:07 +0000
        From: =?iso-8859-2?Q?Urz=B1d_Miasta_=A3odzi?= <Biuro.Projektow@UML.Lodz.PL>
        To: "peerlearning@rrr-cities.example" <peerlearning@rrr-cities.example>
        Subject: =?iso-8859-2?Q?Zg=B3oszenie_=A3=F3d=BC_-_RRR_Peer_Learning_Cities?=
        Thread-Topic: Zgloszenie Lodz
        Thread-Index: AddOW4V0Qm7nRk8xTf2q7uGqQ3jE1w==
        Date: Fri, 21 May 2021 20:41:02 +0000
        Message-ID: <AM0PR03MB4497C0B4F2E1A6E5B0D7F1A2C6E79@AM0PR03MB4497.eurprd03.prod.outlook.com>
        Accept-Language: pl-PL, en-US
        Content-Language: pl-PL
        X-MS-Has-Attach: yes
        X-MS-TNEF-Correlator: <AM0PR03MB4497C0B4F2E1A6E5B0D7F1A2C6E79@AM0PR03MB4497>
        X-Auto-Response-Suppress: All
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="_000_AM0PR03MB4497_"

        --_000_AM0PR03MB4497_
        Content-Type: text/plain; charset="iso-8859-2"
        Content-Transfer-Encoding: quoted-printable

        Szanowni Pa=F1stwo,
        w za=B3=B1czeniu przesy=B3amy formularz zg=B3oszeniowy oraz list intencyjny=
         miasta =A3od=BC. Z powa=BFaniem

        --_000_AM0PR03MB4497_
        Content-Type: application/ms-tnef; name="winmail.dat"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="winmail.dat"

        {b64(tnef)}

        --_000_AM0PR03MB4497_--
        """,
        crlf=True,
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Formularz zgłoszeniowy RRR.pdf", "List intencyjny Łódź.docx"]
    assert all(d.container == ("winmail.dat",) for d in intake.documents)
    assert intake.documents[0].content_type == "application/pdf"
    assert intake.documents[0].data == FORM_PDF
    assert "Name of the city: Łódź" in (intake.documents[0].text or "")
    assert intake.documents[1].content_type == DOCX_TYPE
    assert "Hanna Zdanowska" in (intake.documents[1].text or "")
    assert intake.from_name == "Urząd Miasta Łodzi"
    assert intake.from_address == "Biuro.Projektow@uml.lodz.pl"
    assert intake.subject == "Zgłoszenie Łódź - RRR Peer Learning Cities"
    assert intake.body_text.startswith("Szanowni Państwo,\nw załączeniu przesyłamy")
    assert intake.language_hints[0] == "pl"
    assert intake.auto_signals == ()  # X-Auto-Response-Suppress is on ordinary Outlook mail
    assert intake.arrival == datetime(2021, 5, 21, 20, 41, 7, tzinfo=UTC)
    assert intake.arrival_source is ArrivalSource.RECEIVED
    assert intake.problems == ()


def test_winmail_dat_with_only_an_rtf_body_has_no_document() -> None:
    raw = mime(
        f"""\
        From: Jan <jan@krakow.example>
        Subject: pytanie
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain; charset=utf-8

        Czy można wysłać dokumenty po terminie?
        --b
        Content-Type: application/ms-tnef; name="winmail.dat"
        Content-Transfer-Encoding: base64

        {b64(make_tnef({}, body="Czy mozna wyslac dokumenty po terminie?"))}
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert intake.documents == ()
    assert intake.problems == ()


def test_apple_mail_inline_pdfs_inside_alternative() -> None:
    letter = make_pdf("Letter of intent\nVille de Lyon\nVeuillez agréer...")
    raw = mime(
        f"""\
        From: =?utf-8?Q?C=C3=A9line_Martin?= <celine.martin@mairie-lyon.example>
        Content-Type: multipart/alternative;
        \tboundary="Apple-Mail=_4C1F-A"
        Mime-Version: 1.0 (Mac OS X Mail 14.0 \\(3654.60.0.2.21\\))
        Subject: Candidature RRR - Ville de Lyon
        Message-Id: <8A2F9C1E-1B7D-4F0A-9E55-3C6A0B7D2E11@mairie-lyon.example>
        Date: Thu, 20 May 2021 18:02:11 +0200
        X-Mailer: Apple Mail (2.3654.60.0.2.21)

        --Apple-Mail=_4C1F-A
        Content-Transfer-Encoding: quoted-printable
        Content-Type: text/plain;
        \tcharset=utf-8

        Bonjour,

        Veuillez trouver ci-joint notre dossier de candidature et la lettre d'intentio=
        n.

        Cordialement,
        C=C3=A9line

        --Apple-Mail=_4C1F-A
        Content-Type: multipart/mixed;
        \tboundary="Apple-Mail=_B7E2-B"

        --Apple-Mail=_B7E2-B
        Content-Transfer-Encoding: 7bit
        Content-Type: text/html;
        \tcharset=us-ascii

        <html><body><div>Bonjour,</div><div>Veuillez trouver ci-joint...</div></body></html>
        --Apple-Mail=_B7E2-B
        Content-Disposition: inline;
        \tfilename*=utf-8''Formulaire%20de%20candidature%20Lyon.pdf
        Content-Type: application/pdf;
        \tx-unix-mode=0644;
        \tname="=?utf-8?Q?Formulaire_de_candidature_Lyon=2Epdf?="
        Content-Transfer-Encoding: base64

        {b64(FORM_PDF)}
        --Apple-Mail=_B7E2-B
        Content-Transfer-Encoding: 7bit
        Content-Type: text/html;
        \tcharset=us-ascii

        <html><body><div><br></div></body></html>
        --Apple-Mail=_B7E2-B
        Content-Disposition: inline;
        \tfilename*=utf-8''Lettre%20d%E2%80%99intention%20sign%C3%A9e.pdf
        Content-Type: application/pdf;
        \tname="=?utf-8?Q?Lettre_d=E2=80=99intention_sign=C3=A9e=2Epdf?="
        Content-Transfer-Encoding: base64

        {b64(letter)}
        --Apple-Mail=_B7E2-B--

        --Apple-Mail=_4C1F-A--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Formulaire de candidature Lyon.pdf", "Lettre d’intention signée.pdf"]
    assert all(d.inline and d.container == () for d in intake.documents)
    assert "Veuillez agréer" in (intake.documents[1].text or "")
    assert intake.body_text.startswith("Bonjour,\n\nVeuillez trouver ci-joint notre dossier")
    assert "<html>" not in intake.body_text
    assert intake.from_name == "Céline Martin"
    assert intake.date_header == datetime(
        2021, 5, 20, 18, 2, 11, tzinfo=timezone(timedelta(hours=2))
    )
    assert intake.arrival_source is ArrivalSource.DATE
    assert intake.language_hints[0] == "fr"


def test_gmail_mixed_alternative_and_b_encoded_names() -> None:
    raw = mime(
        f"""\
        MIME-Version: 1.0
        Date: Fri, 21 May 2021 10:15:32 -0300
        Message-ID: <CAH8yC8kP=2Q@mail.gmail.com>
        Subject: =?UTF-8?Q?Candidatura_da_cidade_de_S=C3=A3o_Paulo_=E2=80=93_RRR?=
        From: =?UTF-8?B?Sm/Do28gQ29uY2Vpw6fDo28=?= <joao.conceicao@prefeitura.sp.example>
        To: peerlearning@rrr-cities.example
        Content-Type: multipart/mixed; boundary="000000000000a1b2c305c2d4e5f6"

        --000000000000a1b2c305c2d4e5f6
        Content-Type: multipart/alternative; boundary="000000000000a1b2c105c2d4e5f4"

        --000000000000a1b2c105c2d4e5f4
        Content-Type: text/plain; charset="UTF-8"
        Content-Transfer-Encoding: quoted-printable

        Prezados,

        Segue em anexo o formul=C3=A1rio de candidatura e a carta de inten=C3=A7=C3=
        =A3o da nossa cidade. Os anexos grandes est=C3=A3o no Drive:
        https://drive.google.com/drive/folders/1AbCdEf?usp=3Dsharing

        Atenciosamente,
        Jo=C3=A3o

        --000000000000a1b2c105c2d4e5f4
        Content-Type: text/html; charset="UTF-8"
        Content-Transfer-Encoding: quoted-printable

        <div dir=3D"ltr">Prezados,<div>Segue em anexo o formul=C3=A1rio.</div><div><a h=
        ref=3D"https://drive.google.com/drive/folders/1AbCdEf?usp=3Dsharing">Drive</a> =
        e <a href=3D"https://www.example.org/about">site</a></div></div>

        --000000000000a1b2c105c2d4e5f4--
        --000000000000a1b2c305c2d4e5f6
        Content-Type: application/pdf;
        \tname="=?UTF-8?B?Rm9ybXVsw6FyaW8gZGUgY2FuZGlkYXR1cmEgLSBTw6NvIFBhdWxvLnBkZg==?="
        Content-Disposition: attachment;
        \tfilename="=?UTF-8?B?Rm9ybXVsw6FyaW8gZGUgY2FuZGlkYXR1cmEgLSBTw6NvIFBhdWxvLnBkZg==?="
        Content-Transfer-Encoding: base64
        Content-ID: <f_kp0a1b2c0>
        X-Attachment-Id: f_kp0a1b2c0

        {b64(FORM_PDF)}
        --000000000000a1b2c305c2d4e5f6
        Content-Type: {DOCX_TYPE};
        \tname="=?UTF-8?B?Q2FydGEgZGUgaW50ZW7Dp8Ojby5kb2N4?="
        Content-Disposition: attachment;
        \tfilename="=?UTF-8?B?Q2FydGEgZGUgaW50ZW7Dp8Ojby5kb2N4?="
        Content-Transfer-Encoding: base64
        X-Attachment-Id: f_kp0a1b2d1

        {b64(LETTER_DOCX)}
        --000000000000a1b2c305c2d4e5f6--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Formulário de candidatura - São Paulo.pdf", "Carta de intenção.docx"]
    assert [d.inline for d in intake.documents] == [False, False]
    assert intake.subject == "Candidatura da cidade de São Paulo – RRR"
    assert intake.from_name == "João Conceição"
    assert intake.cloud_links == ("https://drive.google.com/drive/folders/1AbCdEf?usp=sharing",)
    assert intake.language_hints[0] == "pt"
    assert "carta de intenção" in intake.body_text
    assert intake.message_id == "<CAH8yC8kP=2Q@mail.gmail.com>"


def test_thunderbird_rfc2231_names_and_format_flowed() -> None:
    raw = mime(
        f"""\
        Message-ID: <5b0e7c2a-91d3-4c1b-b0f1-2a3c4d5e6f70@poznan.example>
        Date: Fri, 21 May 2021 22:58:41 +0200
        MIME-Version: 1.0
        User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Thunderbird/78.10.2
        Content-Language: pl
        To: peerlearning@rrr-cities.example
        From: =?UTF-8?Q?Pawe=c5=82_Wi=c5=9bniewski?= <p.wisniewski@um.poznan.example>
        Subject: =?UTF-8?Q?Zg=c5=82oszenie_miasta_Pozna=c5=84?=
        Content-Type: multipart/mixed;
         boundary="------------1D2C3B4A59687766"

        This is a multi-part message in MIME format.
        --------------1D2C3B4A59687766
        Content-Type: text/plain; charset=utf-8; format=flowed
        Content-Transfer-Encoding: 8bit

        Szanowni Państwo, w załączeniu przesyłamy formularz zgłoszeniowy oraz\x20
        list intencyjny podpisany przez prezydenta miasta.\x20
        Z poważaniem
        --\x20
        Paweł

        --------------1D2C3B4A59687766
        Content-Type: application/pdf;
         name="=?UTF-8?B?Rm9ybXVsYXJ6IHpnxYJvc3plbmlvd3kucGRm?="
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment;
         filename*0*=UTF-8''%46%6F%72%6D%75%6C%61%72%7A%20%7A%67%C5%82%6F%73%7A;
         filename*1*=%65%6E%69%6F%77%79%2E%70%64%66

        {b64(FORM_PDF)}
        --------------1D2C3B4A59687766
        Content-Type: application/vnd.oasis.opendocument.text;
         name="=?UTF-8?Q?List_intencyjny_pe=c5=82ny.odt?="
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment;
         filename*=UTF-8''%4C%69%73%74%20%69%6E%74%65%6E%63%79%6A%6E%79%20%70%65%C5%82%6E%79%2E%6F%64%74

        {b64(LETTER_DOCX)}
        --------------1D2C3B4A59687766--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Formularz zgłoszeniowy.pdf", "List intencyjny pełny.odt"]
    assert intake.body_text.startswith(
        "Szanowni Państwo, w załączeniu przesyłamy formularz zgłoszeniowy oraz list intencyjny "
        "podpisany przez prezydenta miasta. Z poważaniem\n-- \nPaweł"
    )
    assert intake.from_name == "Paweł Wiśniewski"
    assert intake.subject == "Zgłoszenie miasta Poznań"
    assert intake.language_hints == ("pl",)


def test_ios_mail_scans_are_documents_but_small_cid_images_are_not() -> None:
    scan = b"\xff\xd8\xff\xe1" + bytes(range(256)) * 700  # a camera JPEG of ~180 kB
    small_named = b"\xff\xd8\xff\xe0" + b"\x10" * 30_000
    raw = mime(
        f"""\
        Content-Type: multipart/mixed; boundary=Apple-Mail-7A1B2C3D
        Content-Transfer-Encoding: 7bit
        From: Marco Rossi <marco.rossi@comune.torino.example>
        Mime-Version: 1.0 (1.0)
        Date: Fri, 21 May 2021 19:03:05 +0200
        Subject: Lettera di intenti firmata
        Message-Id: <C1D2E3F4-1111-2222-3333-444455556666@comune.torino.example>
        To: peerlearning@rrr-cities.example
        X-Mailer: iPhone Mail (18E212)

        --Apple-Mail-7A1B2C3D
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 7bit

        In allegato la lettera firmata dal sindaco.

        --Apple-Mail-7A1B2C3D
        Content-Type: image/jpeg; name=IMG_1234.JPG; x-apple-part-url=F1A2B3C4
        Content-Disposition: inline; filename=IMG_1234.JPG
        Content-Transfer-Encoding: base64
        Content-Id: <F1A2B3C4-0000-1111-2222-333344445555>

        {b64(scan)}
        --Apple-Mail-7A1B2C3D
        Content-Type: image/jpeg; name=IMG_1235.JPG
        Content-Disposition: inline; filename=IMG_1235.JPG
        Content-Transfer-Encoding: base64

        {b64(small_named)}
        --Apple-Mail-7A1B2C3D
        Content-Type: image/png; name=emoji.png
        Content-Disposition: inline; filename=emoji.png
        Content-Transfer-Encoding: base64
        Content-Id: <E0E1E2E3@comune.torino.example>

        {b64(make_png(16, 16))}
        --Apple-Mail-7A1B2C3D
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 7bit

        Inviato da iPhone
        --Apple-Mail-7A1B2C3D--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["IMG_1234.JPG", "IMG_1235.JPG"]
    assert [d.inline for d in intake.documents] == [True, True]
    assert intake.documents[0].data == scan
    assert all(d.text is None and d.text_error is None for d in intake.documents)
    assert intake.body_text == "In allegato la lettera firmata dal sindaco.\n\nInviato da iPhone"


def test_signature_logo_referenced_by_cid_is_not_a_document() -> None:
    logo = make_png(120, 40)
    raw = mime(
        f"""\
        From: "Dupont, Marie" <marie.dupont@bordeaux-metropole.example>
        Subject: Candidature
        Content-Type: multipart/mixed; boundary="_004_mixed_"

        --_004_mixed_
        Content-Type: multipart/related; boundary="_003_related_"; type="multipart/alternative"

        --_003_related_
        Content-Type: multipart/alternative; boundary="_000_alt_"

        --_000_alt_
        Content-Type: text/plain; charset="utf-8"

        Ci-joint notre candidature.

        --_000_alt_
        Content-Type: text/html; charset="utf-8"

        <html><body><p>Ci-joint notre candidature.</p>
        <img src="cid:image001.png@01D74E1A.2B3C4D50" alt="Bordeaux Métropole"></body></html>

        --_000_alt_--

        --_003_related_
        Content-Type: image/png; name="image001.png"
        Content-Description: image001.png
        Content-Disposition: inline; filename="image001.png"; size={len(logo)}
        Content-ID: <image001.png@01D74E1A.2B3C4D50>
        Content-Transfer-Encoding: base64

        {b64(logo)}

        --_003_related_--

        --_004_mixed_
        Content-Type: application/pdf; name="Dossier de candidature.pdf"
        Content-Disposition: attachment; filename="Dossier de candidature.pdf"
        Content-Transfer-Encoding: base64

        {b64(FORM_PDF)}

        --_004_mixed_--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Dossier de candidature.pdf"]
    assert intake.body_text == "Ci-joint notre candidature."


def test_large_inline_image_with_content_id_is_a_document() -> None:
    picture = b"\x89PNG\r\n\x1a\n" + b"\x07" * 150_000
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/related; boundary=r

        --r
        Content-Type: text/html

        <p>Here is the signed letter:</p><img src="cid:letter">
        --r
        Content-Type: image/png
        Content-ID: <letter>

        {b64(picture)}
        --r--
        """
    )
    intake = parse_message(raw, CALL)
    assert len(intake.documents) == 1
    assert intake.documents[0].filename is None
    assert intake.documents[0].content_type == "image/png"
    assert intake.documents[0].inline


# --- forwarded messages ------------------------------------------------------------------------

LETTER_PT = make_pdf("Carta de intenção\nPela presente, manifestamos o nosso interesse.")
FORWARDED = f"""\
From: Gabinete do Presidente <gabinete@cm-porto.example>
Subject: Candidatura RRR
Date: Wed, 19 May 2021 09:00:00 +0100
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8

Segue a carta de intenção assinada pelo Presidente da Câmara.
--inner
Content-Type: application/pdf; name="Carta de intenção assinada.pdf"
Content-Disposition: attachment; filename="Carta de intenção assinada.pdf"
Content-Transfer-Encoding: base64

{b64(LETTER_PT)}
--inner--
"""


def test_forwarded_message_rfc822_is_walked_with_its_own_names() -> None:
    raw = (
        mime(
            """\
        From: Ana Silva <ana.silva@cm-porto.example>
        Subject: Fwd: Candidatura RRR
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: text/plain; charset=utf-8

        Reencaminho a mensagem do gabinete. Ana
        --outer
        Content-Type: message/rfc822
        Content-Disposition: inline

        """
        )
        + FORWARDED.encode()
        + b"\n--outer--\n"
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Carta de intenção assinada.pdf"]
    assert intake.documents[0].container == ("forwarded message",)
    assert "manifestamos o nosso interesse" in (intake.documents[0].text or "")
    # the outer note first, then what the forwarded message said
    assert intake.body_text.index("Reencaminho") < intake.body_text.index("Segue a carta")
    assert intake.from_address == "ana.silva@cm-porto.example"
    assert intake.subject == "Fwd: Candidatura RRR"


def test_attached_eml_file_is_a_forwarded_message_named_after_the_file() -> None:
    raw = mime(
        f"""\
        From: Ana Silva <ana.silva@cm-porto.example>
        Subject: Fwd
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: text/plain

        See attached.
        --outer
        Content-Type: application/octet-stream; name="Candidatura RRR.eml"
        Content-Disposition: attachment; filename="Candidatura RRR.eml"
        Content-Transfer-Encoding: base64

        {b64(FORWARDED.encode())}
        --outer--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Carta de intenção assinada.pdf"]
    assert intake.documents[0].container == ("Candidatura RRR.eml",)


def test_base64_encoded_forwarded_message_is_decoded_and_walked() -> None:
    raw = mime(
        f"""\
        From: Ana Silva <ana.silva@cm-porto.example>
        Subject: Fwd
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: message/rfc822; name="Candidatura.eml"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="Candidatura.eml"

        {b64(FORWARDED.encode())}
        --outer--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Carta de intenção assinada.pdf"]
    assert intake.documents[0].container == ("Candidatura.eml",)


def test_unreadable_outlook_msg_item_is_kept_with_a_problem() -> None:
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/vnd.ms-outlook; name="RE Candidatura.msg"
        Content-Disposition: attachment; filename="RE Candidatura.msg"
        Content-Transfer-Encoding: base64

        {b64(OLE_DOC)}
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["RE Candidatura.msg"]
    assert any(
        "RE Candidatura.msg is not a readable Outlook message file" in p for p in intake.problems
    )


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("disposition", "expected"),
    [
        ('attachment; filename="=?iso-8859-2?Q?Wniosek_=A3=F3d=BC.pdf?="', "Wniosek Łódź.pdf"),
        ('attachment; filename="=?ISO-8859-1?Q?Lettre_d=27engagement_sign=E9e.pdf?="',
         "Lettre d'engagement signée.pdf"),
        ("attachment; filename==?UTF-8?B?QW50cmFnc2Zvcm11bGFyIELDvHJnZXJtZWlzdGVyLnBkZg==?=",
         "Antragsformular Bürgermeister.pdf"),
        ("attachment; filename*=iso-8859-1'es'Solicitud%20Espa%F1a.pdf", "Solicitud España.pdf"),
        ('attachment; filename="=?UTF-8?Q?Formul=C3=A1rio_de_inscri=C3=A7=C3=A3o?=.pdf"',
         "Formulário de inscrição.pdf"),
        ('attachment; filename="=?utf-8?B?TW9kdWxvIGRpIGNhbmRpZGF0dXJh?= '
         '=?utf-8?B?IENpdHTDoC5wZGY=?="',
         "Modulo di candidatura Città.pdf"),
        ('attachment; filename="C:\\\\Users\\\\jgarcia\\\\Escritorio\\\\Solicitud.pdf"',
         "Solicitud.pdf"),
        ("attachment; filename=\"Formulario de inscripci\u00f3n.pdf\"",
         "Formulario de inscripción.pdf"),
        ("attachment; filename=\"Formula\u0301rio.pdf\"", "Formulário.pdf"),  # macOS NFD
    ],
)  # fmt: skip
def test_encoded_file_names_are_decoded(disposition: str, expected: str) -> None:
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        hi
        --b
        Content-Type: application/pdf
        Content-Disposition: {disposition}
        Content-Transfer-Encoding: base64

        {b64(FORM_PDF)}
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == [expected]
    assert unicodedata.is_normalized("NFC", expected)


def test_raw_8bit_latin1_name_is_read_as_windows_1252() -> None:
    raw = (
        b"From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
        b'Content-Type: application/pdf\nContent-Disposition: attachment; filename="Candidature'
        b' \xe9t\xe9.pdf"\nContent-Transfer-Encoding: base64\n\n'
        + b64(FORM_PDF).encode()
        + b"\n--b--\n"
    )
    assert names(parse_message(raw, CALL)) == ["Candidature été.pdf"]


def test_name_only_in_content_type_and_parts_with_no_name() -> None:
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        body
        --b
        Content-Type: application/msword; name="=?utf-8?Q?Carta_de_intenci=C3=B3n.doc?="
        Content-Transfer-Encoding: base64

        {b64(OLE_DOC)}
        --b
        Content-Type: application/pdf
        Content-Transfer-Encoding: base64

        {b64(FORM_PDF)}
        --b
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        {b64(NOISE)}
        --b
        Content-Type: text/calendar; method=REQUEST

        BEGIN:VCALENDAR
        END:VCALENDAR
        --b
        Content-Type: application/pgp-signature; name="signature.asc"

        -----BEGIN PGP SIGNATURE-----
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["Carta de intención.doc", None]
    legacy, unnamed = intake.documents
    assert legacy.content_type == "application/msword"
    # OLE_DOC is only a compound file's signature: catdoc finds it damaged.
    assert legacy.text is None and legacy.reading is Reading.UNREAD
    assert legacy.text_error is not None and "Word file could not be read" in legacy.text_error
    assert unnamed.content_type == "application/pdf"
    assert "Application form" in (unnamed.text or "")
    assert intake.body_text == "body"


def test_unnamed_binary_attachment_gets_the_type_its_bytes_show() -> None:
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/octet-stream
        Content-Disposition: attachment
        Content-Transfer-Encoding: base64

        {b64(FORM_PDF)}
        --b--
        """
    )
    (document,) = parse_message(raw, CALL).documents
    assert (document.filename, document.content_type) == (None, "application/pdf")
    assert "Application form" in (document.text or "")


def test_named_text_attachment_is_a_document_but_the_body_is_not() -> None:
    raw = mime(
        """\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain; charset=utf-8

        The body.
        --b
        Content-Type: text/plain; charset=utf-8; name="notes.txt"
        Content-Disposition: attachment; filename="notes.txt"

        Population: 250 000
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["notes.txt"]
    assert intake.documents[0].text == "Population: 250 000"
    assert intake.body_text == "The body."


# --- truncated, arrival, headers ---------------------------------------------------------------

HEADERS = """\
Received: from mail-ed1.google.example (mail-ed1.google.example [209.85.208.1])
\tby mx.rrr-cities.example (Postfix) with ESMTPS id 4FmPz1
\tfor <peerlearning@rrr-cities.example>; Fri, 21 May 2021 23:00:04 +0200 (CEST)
Received: by mail-ed1.google.example with SMTP id e7so; Fri, 21 May 2021 13:59:58 -0700 (PDT)
From: Kasia <kasia@gdansk.example>
Date: Fri, 21 May 2021 20:50:00 +0000
Subject: Zgloszenie
Message-ID: <big@gdansk.example>
Content-Type: multipart/mixed; boundary="b"
"""


def test_truncated_message_gives_headers_and_no_documents() -> None:
    intake = parse_message(HEADERS.encode() + b"\n", CALL, size_bytes=45_000_000, truncated=True)
    assert intake.truncated
    assert intake.documents == ()
    assert intake.size_bytes == 45_000_000
    assert intake.from_address == "kasia@gdansk.example"
    assert intake.message_id == "<big@gdansk.example>"
    assert any("larger than the download limit" in p for p in intake.problems)


def test_arrival_comes_from_the_newest_received_header_not_the_date() -> None:
    intake = parse_message(HEADERS.encode() + b"\n--b--\n", CALL)
    # The Date header claims 20:50Z; our server received it at 21:00:04Z: that decides.
    assert intake.arrival == datetime(2021, 5, 21, 21, 0, 4, tzinfo=UTC)
    assert intake.arrival_source is ArrivalSource.RECEIVED
    assert intake.date_header == datetime(2021, 5, 21, 20, 50, tzinfo=UTC)


def test_server_arrival_wins_over_every_header() -> None:
    server = datetime(2021, 5, 21, 20, 59, 59, tzinfo=UTC)
    intake = parse_message(HEADERS.encode() + b"\n", CALL, arrival=server)
    assert intake.arrival == server
    assert intake.arrival_source is ArrivalSource.SERVER


def test_naive_arrival_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_message(HEADERS.encode(), CALL, arrival=datetime(2021, 5, 21, 20, 0))


def test_unreadable_newest_received_falls_back_to_the_next_one() -> None:
    raw = b"Received: from x by y; not a date\nReceived: from a by x; 21 May 2021 10:00:00 -0000\n"
    intake = parse_message(raw + b"Date: Fri, 14 May 2021 10:00:00 +0000\n\nhi\n", CALL)
    assert intake.arrival == datetime(2021, 5, 21, 10, 0, tzinfo=UTC)
    assert intake.arrival_source is ArrivalSource.RECEIVED
    assert any("older one" in p for p in intake.problems)


@pytest.mark.parametrize(
    ("header", "expected", "source"),
    [
        ("Date: Fri, 21 May 2021 22:30:00 +0200\n", datetime(2021, 5, 21, 20, 30, tzinfo=UTC),
         ArrivalSource.DATE),
        ("Date: 21 May 2021 22:30:00 -0000\n", datetime(2021, 5, 21, 22, 30, tzinfo=UTC),
         ArrivalSource.DATE),
        ("Date: yesterday at noon\n", None, ArrivalSource.NONE),
        ("", None, ArrivalSource.NONE),
    ],
)  # fmt: skip
def test_without_received_the_date_header_is_used(
    header: str, expected: datetime | None, source: ArrivalSource
) -> None:
    intake = parse_message(f"From: a@b.example\n{header}\nhello\n".encode(), CALL)
    assert intake.arrival == expected
    assert intake.arrival_source is source
    if expected is not None:
        assert intake.arrival is not None and intake.arrival.tzinfo is not None


def test_address_and_id_headers() -> None:
    raw = mime(
        """\
        From: =?utf-8?Q?Fran=C3=A7ois_M=C3=BCller?= <Francois.Muller@Strasbourg.EU>
        Reply-To: Candidatures <Candidatures@Strasbourg.EU>
        Return-Path: <bounces+123@Mailer.Strasbourg.EU>
        Message-ID: 20210521.abc@strasbourg.eu
        In-Reply-To: <prev@rrr-cities.example>
        References: <first@rrr-cities.example>
         <prev@rrr-cities.example>
        Subject: =?utf-8?Q?Candidature_de_la_ville_de?=
         =?utf-8?Q?_Strasbourg_=E2=80=93_dossier?=
         complet

        Bonjour
        """
    )
    intake = parse_message(raw, CALL)
    assert intake.from_address == "Francois.Muller@strasbourg.eu"
    assert intake.from_name == "François Müller"
    assert intake.reply_to == "Candidatures@strasbourg.eu"
    assert intake.reply_address == "Candidatures@strasbourg.eu"
    assert intake.return_path == "bounces+123@mailer.strasbourg.eu"
    assert intake.message_id == "<20210521.abc@strasbourg.eu>"
    assert intake.in_reply_to == "<prev@rrr-cities.example>"
    assert intake.references == ("<first@rrr-cities.example>", "<prev@rrr-cities.example>")
    assert intake.subject == "Candidature de la ville de Strasbourg – dossier complet"
    assert intake.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert intake.size_bytes == len(raw)


def test_8bit_headers_in_windows_1252_are_decoded() -> None:
    raw = (
        b"From: Jos\xe9 P\xe9rez <jperez@sevilla.example>\nSubject: Solicitud a\xf1o 2021\n\nHola\n"
    )
    intake = parse_message(raw, CALL)
    assert intake.subject == "Solicitud año 2021"
    assert intake.from_name == "José Pérez"
    assert intake.from_address == "jperez@sevilla.example"


# --- machine-sent mail -------------------------------------------------------------------------


def test_outlook_automatic_reply_is_flagged() -> None:
    raw = mime(
        """\
        From: Marta Kowalska <m.kowalska@wroclaw.example>
        To: peerlearning@rrr-cities.example
        Subject: Automatic reply: RRR Peer Learning Cities - receipt
        Auto-Submitted: auto-replied
        X-Auto-Response-Suppress: All
        X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
        Content-Type: text/plain; charset=utf-8

        I am out of the office until 31 May.
        """
    )
    signals = parse_message(raw, CALL).auto_signals
    assert "Auto-Submitted: auto-replied" in signals
    assert any("Exchange" in s for s in signals)
    assert "auto-reply subject" in signals


def test_bounce_is_flagged() -> None:
    raw = mime(
        """\
        Return-Path: <>
        From: Mail Delivery System <MAILER-DAEMON@mx.rrr-cities.example>
        Subject: Undelivered Mail Returned to Sender
        Auto-Submitted: auto-replied
        Content-Type: multipart/report; report-type=delivery-status; boundary="r"

        --r
        Content-Type: text/plain

        I'm sorry to have to inform you that your message could not be delivered.
        --r
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.rrr-cities.example

        Final-Recipient: rfc822; nobody@example.org
        Action: failed
        Status: 5.1.1
        --r
        Content-Type: text/rfc822-headers

        From: peerlearning@rrr-cities.example
        Subject: Your application
        --r--
        """
    )
    intake = parse_message(raw, CALL)
    assert "null Return-Path (<>)" in intake.auto_signals
    assert "from mailer-daemon" in intake.auto_signals
    assert "delivery or read report (multipart/report)" in intake.auto_signals
    assert intake.return_path is None
    assert intake.documents == ()


def test_delivery_status_part_alone_is_flagged() -> None:
    raw = mime(
        """\
        From: postmaster@city.example
        Content-Type: multipart/mixed; boundary=r

        --r
        Content-Type: message/delivery-status

        Action: failed
        --r--
        """
    )
    signals = parse_message(raw, CALL).auto_signals
    assert "delivery status notification" in signals
    assert "from postmaster" in signals


@pytest.mark.parametrize(
    ("header", "signal"),
    [
        ("List-Id: <cities.lists.example>", "mailing list (List-Id)"),
        ("List-Unsubscribe: <mailto:leave@lists.example>", "mailing list (List-Unsubscribe)"),
        ("Precedence: bulk", "Precedence: bulk"),
        ("Precedence: auto_reply", "Precedence: auto_reply"),
        ("X-Autoreply: yes", "x-autoreply header"),
        ("X-Autorespond: yes", "x-autorespond header"),
        ("Auto-Submitted: auto-generated", "Auto-Submitted: auto-generated"),
    ],
)
def test_machine_headers_are_signals(header: str, signal: str) -> None:
    raw = f"From: x@city.example\nSubject: News\n{header}\n\nhello\n".encode()
    assert signal in parse_message(raw, CALL).auto_signals


@pytest.mark.parametrize(
    "header", ["Auto-Submitted: no", "X-Auto-Response-Suppress: All", "Precedence: normal"]
)
def test_ordinary_mail_has_no_signals(header: str) -> None:
    raw = f"From: x@city.example\nSubject: Application\n{header}\n\nhello\n".encode()
    assert parse_message(raw, CALL).auto_signals == ()


# --- languages, links, body --------------------------------------------------------------------


def test_language_hints_from_headers_and_body() -> None:
    german = (
        "Sehr geehrte Damen und Herren, anbei die Bewerbung der Stadt und die "
        "Absichtserklärung. Wir freuen uns, mit Ihnen zu arbeiten. Mit freundlichen Grüßen"
    )
    raw = f"From: a@b.example\nContent-Language: en-GB\n\n{german}\n".encode()
    assert parse_message(raw, CALL).language_hints == ("de", "en")
    short = b"From: a@b.example\nContent-Language: it-IT\nAccept-Language: it-IT, en-US\n\nOK\n"
    assert parse_message(short, CALL).language_hints == ("it", "en")


def test_cloud_links_match_configured_domains_only() -> None:
    raw = mime(
        """\
        From: a@b.example
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        Files: https://www.dropbox.com/s/abc/form.pdf?dl=0, also
        https://notdropbox.com/x and https://evil.example/?u=dropbox.com
        --b
        Content-Type: text/html

        <a href="https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwe.tl%2Ft-AbC&amp;data=x">WeTransfer</a>
        <a href="https://filesender.renater.example/?s=download&token=1">FileSender</a>
        <a href="https://cityofx.sharepoint.com/:b:/g/Eabc">SharePoint</a>
        <a href="mailto:someone@dropbox.com">mail</a>
        --b--
        """
    )
    assert parse_message(raw, CALL).cloud_links == (
        "https://www.dropbox.com/s/abc/form.pdf?dl=0",
        "https://we.tl/t-AbC",
        "https://filesender.renater.example/?s=download&token=1",
        "https://cityofx.sharepoint.com/:b:/g/Eabc",
    )


def test_empty_plain_alternative_gives_way_to_html() -> None:
    raw = mime(
        """\
        From: a@b.example
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        --b
        Content-Type: text/html

        <p>Dear colleagues, please find attached our application.</p>
        --b--
        """
    )
    assert parse_message(raw, CALL).body_text == (
        "Dear colleagues, please find attached our application."
    )


def test_html_only_body_is_stripped_and_bounded() -> None:
    html = "<html><head><style>p {color: red}</style></head><body>"
    html += "<p>Estimados:</p><script>alert(1)</script>" + "<p>Texto largo.</p>" * 5000
    raw = f"From: a@b.example\nContent-Type: text/html; charset=utf-8\n\n{html}\n".encode()
    body = parse_message(raw, CALL).body_text
    assert body.startswith("Estimados:\nTexto largo.")
    assert "color" not in body and "alert" not in body
    assert len(body) <= 20_000


# --- limits ------------------------------------------------------------------------------------


def _message_with_files(count: int, data: bytes = FORM_PDF) -> bytes:
    parts = "".join(
        f"--b\nContent-Type: application/pdf\nContent-Disposition: attachment; "
        f'filename="file{i}.pdf"\nContent-Transfer-Encoding: base64\n\n{b64(data)}\n'
        for i in range(count)
    )
    return (
        f"From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n{parts}--b--\n".encode()
    )


def test_at_most_max_documents_are_kept() -> None:
    intake = parse_message(_message_with_files(5), with_call(max_documents=3))
    assert names(intake) == ["file0.pdf", "file1.pdf", "file2.pdf"]
    assert any("2 were not looked at" in p for p in intake.problems)


def test_document_over_the_size_limit_is_kept_unread() -> None:
    intake = parse_message(_message_with_files(1), with_call(max_document_bytes=1000))
    (document,) = intake.documents
    assert document.data == FORM_PDF
    assert document.text is None
    assert any("file0.pdf is larger than 1000 bytes" in p for p in intake.problems)


# --- malformed input ---------------------------------------------------------------------------


def test_bad_base64_keeps_the_file_and_says_so() -> None:
    payload = b64(FORM_PDF)
    damaged = payload[:200] + "!!@@##" + payload[200:-3]
    raw = mime(
        f"""\
        From: a@b.example
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/pdf; name="form.pdf"
        Content-Transfer-Encoding: base64

        {damaged}
        --b--
        """
    )
    intake = parse_message(raw, CALL)
    assert names(intake) == ["form.pdf"]
    assert any("form.pdf was damaged in transit" in p for p in intake.problems)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p,  # well-formed: decoded without email.message's copies
        lambda p: p.replace("\n", "\r\n"),  # CRLF line breaks
        lambda p: p.rstrip("=\n") + "\n",  # padding lost
        lambda p: p[:100] + "*" + p[100:],  # a stray character
        lambda p: p[:-10] + "=" + p[-10:],  # padding in the middle
    ],
)
def test_base64_reads_as_email_message_reads_it(damage: Any) -> None:
    payload = damage(b64(FORM_PDF + b"x"))  # one byte more: the encoding ends in padding
    raw = (
        b"From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
        b'Content-Type: application/pdf; name="form.pdf"\nContent-Transfer-Encoding: base64\n\n'
        + payload.encode()
        + b"\n--b--\n"
    )
    part = email.message_from_bytes(raw).get_payload()[0]
    expected = part.get_payload(decode=True)
    intake = parse_message(raw, CALL)
    (document,) = intake.documents
    assert document.data == expected
    damaged = any("form.pdf was damaged in transit" in p for p in intake.problems)
    assert damaged == bool(part.defects)


def test_missing_boundaries_and_nul_bytes_give_problems_not_errors() -> None:
    raw = (
        b"From: a@b.example\nSubject: x\x00y\nContent-Type: multipart/mixed; boundary=nothere\n\n"
        b"just text \x00 with a NUL\n"
    )
    intake = parse_message(raw, CALL)
    assert any("MIME structure is broken" in p for p in intake.problems)
    assert intake.from_address == "a@b.example"
    cut = _message_with_files(1)[:-8]  # no closing boundary
    intake = parse_message(cut, CALL)
    assert names(intake) == ["file0.pdf"]
    assert any("cut off" in p for p in intake.problems)


@pytest.mark.parametrize("depth", [60, 3000])
def test_deeply_nested_multiparts_are_survived(depth: int) -> None:
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="n{i}"\n\n--n{i}\n' for i in range(depth)
    )
    closing = "".join(f"--n{i}--\n" for i in reversed(range(depth)))
    raw = f"From: a@b.example\n{opening}Content-Type: text/plain\n\nhi\n{closing}".encode()
    intake = parse_message(raw, CALL)
    assert intake.from_address == "a@b.example"
    assert any("nested too deeply" in p for p in intake.problems)


def test_empty_and_garbage_input() -> None:
    empty = parse_message(b"", CALL)
    assert empty.from_address is None
    assert empty.arrival_source is ArrivalSource.NONE
    assert "The message has no usable From address." in empty.problems
    garbage = parse_message(bytes(range(256)) * 4, CALL)
    assert garbage.raw_sha256 != empty.raw_sha256


def test_a_subject_folded_between_two_encoded_words_joins_them() -> None:
    raw = (
        b"From: a@city.example\r\nSubject: =?UTF-8?Q?Zg=c5=82oszenie_Gda=c5=84ska_=e2=80=93_R?=\r\n"
        b" =?UTF-8?Q?RR?=\r\n\r\nbody\r\n"
    )
    assert parse_message(raw, load_settings().call).subject == "Zgłoszenie Gdańska – RRR"


@pytest.mark.parametrize(
    "subject",
    ["Frånvaro: RRR application", "Automatisch antwoord: RRR", "Αυτόματη απάντηση: RRR"],
)
def test_out_of_office_subjects_in_more_languages_are_machine_sent(subject: str) -> None:
    raw = (
        f"From: a@city.example\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8"
        "\r\n\r\nI am away.\r\n"
    ).encode()
    assert "auto-reply subject" in parse_message(raw, load_settings().call).auto_signals
