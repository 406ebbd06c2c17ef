"""Property tests: intake never raises, whatever bytes arrive.

Arbitrary bytes, and a real multipart message (alternative body, PDF, zip, winmail.dat,
forwarded message) with random byte flips, insertions, deletions and truncations.
"""

from __future__ import annotations

import base64
import hashlib
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrr_mailbot.config import default_config_path, load_settings
from rrr_mailbot.intake import parse_message
from rrr_mailbot.model import Document, Intake
from tests.support.documents import make_docx, make_pdf, make_tnef, make_zip

CALL = load_settings(default_config_path(), env={}).call
FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _b64(data: bytes) -> str:
    return "\n".join(textwrap.wrap(base64.b64encode(data).decode(), 76))


def _seed() -> bytes:
    pdf = make_pdf("Application form\nName of the city: Gdańsk")
    docx = make_docx(["Letter of intent"])
    forwarded = (
        "From: Office <office@city.example>\nSubject: Fw\n"
        'Content-Type: multipart/mixed; boundary="in"\n\n--in\nContent-Type: text/plain\n\n'
        'inner\n--in\nContent-Type: application/pdf; name="a.pdf"\n'
        f"Content-Transfer-Encoding: base64\n\n{_b64(pdf)}\n--in--\n"
    )
    return (
        "Received: from a by mx.example; Fri, 21 May 2021 20:00:00 +0000\n"
        "From: =?utf-8?Q?Urz=C4=85d?= <urzad@city.example>\nSubject: =?utf-8?B?WmfFgm9zemVuaWU=?=\n"
        "Date: Fri, 21 May 2021 21:59:00 +0200\nMessage-ID: <seed@city.example>\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="out"\n\n'
        '--out\nContent-Type: multipart/alternative; boundary="alt"\n\n'
        "--alt\nContent-Type: text/plain; charset=utf-8; format=flowed\n\n"
        "W załączeniu \nformularz.\n"
        '--alt\nContent-Type: text/html\n\n<p>W <a href="https://we.tl/x">za</a></p>\n--alt--\n'
        "--out\nContent-Type: application/pdf\n"
        "Content-Disposition: attachment; filename*=UTF-8''Formularz%20zg%C5%82oszeniowy.pdf\n"
        f"Content-Transfer-Encoding: base64\n\n{_b64(pdf)}\n"
        '--out\nContent-Type: application/zip; name="letters.zip"\n'
        f"Content-Transfer-Encoding: base64\n\n{_b64(make_zip({'List.docx': docx}))}\n"
        '--out\nContent-Type: application/ms-tnef; name="winmail.dat"\n'
        f"Content-Transfer-Encoding: base64\n\n{_b64(make_tnef({'L.docx': docx}))}\n"
        f"--out\nContent-Type: message/rfc822\n\n{forwarded}\n--out--\n"
    ).encode()


SEED = _seed()


def _check(raw: bytes, intake: Intake) -> None:
    assert intake.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert intake.size_bytes == len(raw)
    assert all(isinstance(d, Document) and isinstance(d.data, bytes) for d in intake.documents)
    assert len(intake.documents) <= CALL.limits.max_documents
    assert all(isinstance(p, str) and p for p in intake.problems)
    assert len(intake.body_text) <= 20_000
    assert intake.arrival is None or intake.arrival.tzinfo is not None


def test_seed_message_is_read_whole() -> None:
    intake = parse_message(SEED, CALL)
    assert [d.filename for d in intake.documents] == [
        "Formularz zgłoszeniowy.pdf",
        "List.docx",
        "L.docx",
        "a.pdf",
    ]
    assert intake.problems == ()
    assert intake.cloud_links == ("https://we.tl/x",)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    _check(raw, parse_message(raw, CALL))
    assert parse_message(raw, CALL, truncated=True).documents == ()


_position = st.one_of(st.integers(0, 2500), st.integers(0, len(SEED)))
_mutation = st.one_of(
    st.tuples(st.just("flip"), _position, st.integers(1, 255)),
    st.tuples(st.just("insert"), _position, st.binary(min_size=1, max_size=40)),
    st.tuples(st.just("delete"), _position, st.integers(1, 400)),
    st.tuples(st.just("cut"), _position, st.just(0)),
)


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=6))
def test_mutated_real_message_never_raises(
    mutations: list[tuple[str, int, int | bytes]],
) -> None:
    raw = bytearray(SEED)
    for kind, position, argument in mutations:
        at = min(position, len(raw))
        if kind == "flip" and at < len(raw):
            assert isinstance(argument, int)
            raw[at] ^= argument
        elif kind == "insert":
            assert isinstance(argument, bytes)
            raw[at:at] = argument
        elif kind == "delete":
            assert isinstance(argument, int)
            del raw[at : at + argument]
        elif kind == "cut":
            del raw[at:]
    data = bytes(raw)
    _check(data, parse_message(data, CALL))
