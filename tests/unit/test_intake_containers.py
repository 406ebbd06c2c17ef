"""Containers inside messages: zip archives (nested, bombs, encrypted, DOS code-page names),
winmail.dat (TNEF) and forwarded messages, within the call's limits.
"""

from __future__ import annotations

import base64
import io
import textwrap
import zipfile

import pytest

from rrr_mailbot.config import CallSettings, Limits, default_config_path, load_settings
from rrr_mailbot.intake import parse_message
from rrr_mailbot.intake.containers import best_decoding, unpack_tnef, unpack_zip
from rrr_mailbot.model import Intake
from tests.support.documents import make_docx, make_odt, make_pdf, make_tnef, make_zip

CALL = load_settings(default_config_path(), env={}).call
FORM = make_pdf("Application form\nName of the city: Kraków")
LETTER = make_docx(["Letter of intent", "We hereby express our interest."])


def with_limits(**limits: int) -> CallSettings:
    return CALL.model_copy(update={"limits": Limits(**{**CALL.limits.model_dump(), **limits})})


def message(filename: str, data: bytes, content_type: str = "application/zip") -> bytes:
    """A Gmail-like message with one attachment."""
    payload = "\n".join(textwrap.wrap(base64.b64encode(data).decode(), 76))
    return (
        "From: Biuro <biuro@krakow.example>\nSubject: Zgloszenie\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="sep"\n\n'
        "--sep\nContent-Type: text/plain; charset=utf-8\n\nW załączeniu dokumenty.\n"
        f'--sep\nContent-Type: {content_type}; name="{filename}"\n'
        f'Content-Disposition: attachment; filename="{filename}"\n'
        f"Content-Transfer-Encoding: base64\n\n{payload}\n--sep--\n"
    ).encode()


def found(intake: Intake) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(d.filename, d.container) for d in intake.documents]


# --- zip ---------------------------------------------------------------------------------------


def test_zip_members_become_documents_with_base_names_and_text() -> None:
    archive = make_zip(
        {
            "Aplicacion/": b"",
            "Aplicacion/Formulario de solicitud.pdf": FORM,
            "Aplicacion/Carta de intención.docx": LETTER,
            "__MACOSX/Aplicacion/._Formulario de solicitud.pdf": b"\0\5\26\7" * 60,
            "Aplicacion/.DS_Store": b"\0\0\0\1Bud1" * 100,
            "Thumbs.db": b"\xd0\xcf\x11\xe0" * 100,
        }
    )
    intake = parse_message(message("Solicitud Madrid.zip", archive), CALL)
    assert found(intake) == [
        ("Formulario de solicitud.pdf", ("Solicitud Madrid.zip",)),
        ("Carta de intención.docx", ("Solicitud Madrid.zip",)),
    ]
    form, letter = intake.documents
    assert form.data == FORM and form.content_type == "application/pdf"
    assert "Name of the city: Kraków" in (form.text or "")
    assert "We hereby express" in (letter.text or "")
    assert intake.problems == ()


def test_zip_sent_as_octet_stream_with_a_zip_name() -> None:
    intake = parse_message(
        message("docs.zip", make_zip({"form.pdf": FORM}), "application/octet-stream"), CALL
    )
    assert found(intake) == [("form.pdf", ("docs.zip",))]


def test_docx_labelled_as_zip_stays_a_document() -> None:
    named = parse_message(message("Carta de intención.docx", LETTER, "application/zip"), CALL)
    assert found(named) == [("Carta de intención.docx", ())]
    assert "We hereby express" in (named.documents[0].text or "")
    unnamed = message("x", LETTER, "application/zip").replace(b'; name="x"', b"")
    unnamed = unnamed.replace(b'; filename="x"', b"")
    intake = parse_message(unnamed, CALL)
    assert found(intake) == [(None, ())]
    assert intake.documents[0].content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "We hereby express" in (intake.documents[0].text or "")


def test_zip_inside_zip_inside_forwarded_message() -> None:
    inner = make_zip({"Letter of intent.odt": make_odt(["Letter of intent", "Mit freundlichen"])})
    outer = make_zip({"Application form.pdf": FORM, "letters.zip": inner})
    forwarded = message("all.zip", outer).decode()
    raw = (
        "From: Stadt <info@stadt.example>\nSubject: Fwd: Bewerbung\n"
        'Content-Type: multipart/mixed; boundary="fw"\n\n--fw\nContent-Type: text/plain\n\n'
        "Weitergeleitet.\n--fw\nContent-Type: message/rfc822\n\n"
        f"{forwarded}\n--fw--\n"
    ).encode()
    intake = parse_message(raw, CALL)
    assert found(intake) == [
        ("Application form.pdf", ("forwarded message", "all.zip")),
        ("Letter of intent.odt", ("forwarded message", "all.zip", "letters.zip")),
    ]
    assert "Mit freundlichen" in (intake.documents[1].text or "")
    assert intake.problems == ()


def test_containers_nested_beyond_the_depth_limit_are_not_opened() -> None:
    deepest = make_zip({"Letter of intent.pdf": FORM})
    level2 = make_zip({"level3.zip": deepest})
    level1 = make_zip({"Application form.pdf": FORM, "level2.zip": level2})
    intake = parse_message(message("level1.zip", level1), with_limits(container_max_depth=2))
    assert found(intake) == [("Application form.pdf", ("level1.zip",))]
    assert any(
        "level3.zip in level2.zip inside level1.zip is nested too deeply" in p
        for p in intake.problems
    )


def test_zip_bomb_member_is_refused_by_ratio_and_the_rest_is_read() -> None:
    archive = make_zip({"huge.pdf": b"\0" * 5_000_000, "form.pdf": FORM})
    intake = parse_message(message("bomb.zip", archive), CALL)
    assert found(intake) == [("form.pdf", ("bomb.zip",))]
    (problem,) = intake.problems
    assert "huge.pdf in bomb.zip was not unpacked" in problem
    assert "zip bombs" in problem


def test_zip_total_size_limit() -> None:
    first, second = make_pdf("one " * 2000), make_pdf("two " * 2000)
    archive = make_zip({"one.pdf": first, "two.pdf": second})
    limit = len(first) + len(second) - 1
    intake = parse_message(message("big.zip", archive), with_limits(zip_max_total_bytes=limit))
    assert found(intake) == [("one.pdf", ("big.zip",))]
    assert any("big.zip unpacks to more than" in p for p in intake.problems)


def test_zip_member_count_limit() -> None:
    archive = make_zip({f"annex {i}.pdf": FORM for i in range(6)})
    intake = parse_message(message("annexes.zip", archive), with_limits(zip_max_members=4))
    assert [d.filename for d in intake.documents] == [f"annex {i}.pdf" for i in range(4)]
    assert any("holds 6 files; only the first 4" in p for p in intake.problems)


def test_encrypted_zip_is_reported_not_raised() -> None:
    archive = make_zip({"form.pdf": FORM}, encrypt=True)
    # (a real encrypted zip: the right password opens it)
    assert zipfile.ZipFile(io.BytesIO(archive)).read("form.pdf", pwd=b"secret") == FORM
    intake = parse_message(message("protected.zip", archive), CALL)
    assert intake.documents == ()
    assert any("form.pdf in protected.zip is password-protected" in p for p in intake.problems)


@pytest.mark.parametrize(
    "damage",
    [
        lambda z: z[: len(z) // 2],  # cut in half: no central directory
        lambda z: z[:60] + b"\xff" * 200 + z[260:],  # compressed data overwritten
        lambda z: b"PK\x03\x04" + b"\x00" * 40,  # a header and nothing else
    ],
)
def test_corrupt_zip_is_reported_and_the_message_still_read(damage: object) -> None:
    archive = damage(make_zip({"form.pdf": FORM, "letter.docx": LETTER}))  # type: ignore[operator]
    intake = parse_message(message("broken.zip", archive), CALL)
    assert intake.from_address == "biuro@krakow.example"
    assert intake.problems
    assert any("broken.zip" in p for p in intake.problems)


def test_not_a_zip_at_all() -> None:
    intake = parse_message(message("docs.zip", b"<html>error 404</html>" * 20), CALL)
    assert intake.documents == ()
    assert any("docs.zip is not a valid zip archive" in p for p in intake.problems)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("Formulario de inscripción Año 2021.pdf", "cp850"),  # Spanish Windows
        ("Ficha de inscrição São João.pdf", "cp850"),  # Portuguese Windows
        ("Formularz zgłoszeniowy Łódź.pdf", "cp852"),  # Polish Windows
        ("List intencyjny Gdańsk Świętokrzyskie.pdf", "cp852"),
        ("Bewerbung Straße Köln.pdf", "cp437"),  # US/German DOS code page
        ("Lettre d'intention signée.pdf", "cp437"),
    ],
)
def test_zip_names_in_dos_code_pages_are_decoded(name: str, encoding: str) -> None:
    archive = make_zip({name: FORM}, utf8_names=False, name_encoding=encoding)
    intake = parse_message(message("x.zip", archive), CALL)
    assert [d.filename for d in intake.documents] == [name]


def test_zip_names_in_utf8_with_and_without_the_flag() -> None:
    flagged = make_zip({"Città/Modulo di candidatura.pdf": FORM})
    unflagged = make_zip(
        {"Città/Lettera d’intenti.pdf": FORM}, utf8_names=False, name_encoding="utf-8"
    )
    assert [d.filename for d in parse_message(message("a.zip", flagged), CALL).documents] == [
        "Modulo di candidatura.pdf"
    ]
    assert [d.filename for d in parse_message(message("b.zip", unflagged), CALL).documents] == [
        "Lettera d’intenti.pdf"
    ]


def test_best_decoding_prefers_plausible_letters() -> None:
    assert best_decoding("zgłoszenie".encode("cp852")) == "zgłoszenie"
    assert best_decoding("año".encode("cp850")) == "año"
    assert best_decoding("inscrição".encode("cp850")) == "inscrição"
    assert best_decoding(b"plain.pdf") == "plain.pdf"


def test_unpack_zip_stops_at_the_room_left() -> None:
    archive = make_zip({f"f{i}.pdf": FORM for i in range(5)})
    unpacked = unpack_zip(archive, "x.zip", CALL.limits, room=2)
    assert [m.filename for m in unpacked.members] == ["f0.pdf", "f1.pdf"]
    assert unpacked.not_read == 3


# --- winmail.dat -------------------------------------------------------------------------------


def test_tnef_prefers_long_names_and_opens_a_zip_inside() -> None:
    tnef = make_tnef(
        {
            "Solicitud de participación.pdf": FORM,
            "Cartas firmadas.zip": make_zip({"Carta de intención.docx": LETTER}),
        }
    )
    intake = parse_message(message("winmail.dat", tnef, "application/ms-tnef"), CALL)
    assert found(intake) == [
        ("Solicitud de participación.pdf", ("winmail.dat",)),
        ("Carta de intención.docx", ("winmail.dat", "Cartas firmadas.zip")),
    ]
    assert "Kraków" in (intake.documents[0].text or "")


def test_winmail_dat_sent_as_octet_stream_is_recognised_by_name() -> None:
    tnef = make_tnef({"Application form.pdf": FORM})
    intake = parse_message(message("winmail.dat", tnef, "application/octet-stream"), CALL)
    assert found(intake) == [("Application form.pdf", ("winmail.dat",))]


def test_cut_off_or_corrupt_winmail_dat_is_a_problem() -> None:
    tnef = make_tnef({"Application form.pdf": FORM, "Letter of intent.docx": LETTER})
    cut = tnef[: tnef.index(LETTER[:200]) + 1000]  # ends in the middle of the second file
    intake = parse_message(message("winmail.dat", cut, "application/ms-tnef"), CALL)
    assert found(intake) == [("Application form.pdf", ("winmail.dat",))]
    assert any("winmail.dat is incomplete (cut off)" in p for p in intake.problems)
    garbage = parse_message(message("winmail.dat", b"not tnef" * 30, "application/ms-tnef"), CALL)
    assert any("winmail.dat could not be read" in p for p in garbage.problems)


def test_unpack_tnef_of_a_body_only_stream() -> None:
    unpacked = unpack_tnef(make_tnef({}, body="Only a body"), "winmail.dat")
    assert unpacked.members == [] and unpacked.problems == []


def test_a_catalan_name_in_a_dos_zip_keeps_its_middle_dot() -> None:
    from rrr_mailbot.intake.containers import best_decoding

    raw = "Sol·licitud València.pdf".encode("cp850")
    assert best_decoding(raw) == "Sol·licitud València.pdf"
