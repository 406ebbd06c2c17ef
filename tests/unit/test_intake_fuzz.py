"""Property tests: intake never raises, whatever bytes arrive.

Arbitrary bytes, and a real multipart message (alternative body, PDF, zip, winmail.dat,
forwarded message) with random byte flips, insertions, deletions and truncations; messages of the
corpus (tests/data/messages) with MIME-level edits (encodings swapped, delimiters dropped, types
changed, RFC 2231 and encoded words broken) and byte mutations; DOCX and ODT files with their zip
directory edited (flags, method, sizes) and byte mutations.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrr_mailbot.config import default_config_path, load_settings
from rrr_mailbot.intake import extract_text, parse_message
from rrr_mailbot.intake.containers import content_type_for
from rrr_mailbot.model import Document, Intake
from tests.support.documents import make_docx, make_odt, make_pdf, make_tnef, make_zip

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


def _mutated(seed: bytes, mutations: list[tuple[str, int, int | bytes]]) -> bytes:
    raw = bytearray(seed)
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
    return bytes(raw)


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=6))
def test_mutated_real_message_never_raises(
    mutations: list[tuple[str, int, int | bytes]],
) -> None:
    data = _mutated(SEED, mutations)
    _check(data, parse_message(data, CALL))


# -- structured mutations of the real corpus and of office files ----------------------------------

MESSAGES = Path(__file__).parents[1] / "data" / "messages"
# The smaller half of the corpus keeps each example cheap; it still holds every shape of mailer.
CORPUS = sorted(p for p in MESSAGES.glob("*.eml") if p.stat().st_size < 60_000)
# (pattern, replacement): MIME-level edits an attacker or a broken mailer makes.
_EDITS = (
    (rb"Content-Transfer-Encoding: *base64", b"Content-Transfer-Encoding: quoted-printable"),
    (rb"Content-Transfer-Encoding: *[\w-]+", b"Content-Transfer-Encoding: base64"),
    (rb"charset=\"?[\w-]+\"?", b"charset=x-unknown-8"),
    (rb"\n--[^\r\n]*--", b"\n"),  # a closing delimiter dropped
    (rb"boundary=\"?[^\";\r\n]+\"?", b'boundary=""'),
    (rb"Content-Type: *[\w/.+-]+", b"Content-Type: message/rfc822"),
    (rb"Content-Type: *[\w/.+-]+", b"Content-Type: multipart/mixed"),
    (rb"Content-Type: *[\w/.+-]+", b"Content-Type: application/zip"),
    (rb'filename="?', b"filename*0*=utf-8''%FF%00; filename*1=\""),
    (rb"\r?\n\r?\n", b"\n"),  # a header block runs into the body
    (rb"=\?[\w-]+\?[BbQq]\?", b"=?x-nope?B?"),
    (rb"[A-Za-z0-9+/]{76}\r?\n", b"!!!!\n"),  # a base64 line broken
)


def _edited(raw: bytes, edits: list[tuple[int, int]]) -> bytes:
    for which, occurrence in edits:
        pattern, replacement = _EDITS[which]
        found = list(re.finditer(pattern, raw))
        if found:
            hit = found[occurrence % len(found)]
            raw = raw[: hit.start()] + replacement + raw[hit.end() :]
    return raw


@FUZZ
@given(
    st.sampled_from(CORPUS),
    st.lists(st.tuples(st.integers(0, len(_EDITS) - 1), st.integers(0, 50)), max_size=5),
    st.lists(_mutation, max_size=3),
)
def test_mutated_corpus_message_never_raises(
    path: Path, edits: list[tuple[int, int]], mutations: list[tuple[str, int, int | bytes]]
) -> None:
    data = _mutated(_edited(path.read_bytes(), edits), mutations)
    _check(data, parse_message(data, CALL))


OFFICE = {
    "form.docx": make_docx(["Application form", "Name: Ana"], table=[["a", "b"]]),
    "letter.odt": make_odt(["Letter of intent"]),
}
_CENTRAL = b"PK\x01\x02"
# Fields of a central directory entry (offset, struct format): flags, method, compressed and
# uncompressed size, name length.
_FIELDS = ((8, "<H"), (10, "<H"), (20, "<I"), (24, "<I"), (28, "<H"))


def _zip_edited(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    raw = bytearray(data)
    entries = [m.start() for m in re.finditer(re.escape(_CENTRAL), data)]
    for entry, field_index, value in edits:
        offset, fmt = _FIELDS[field_index]
        at = entries[entry % len(entries)] + offset
        limit = (1 << (8 * struct.calcsize(fmt))) - 1
        struct.pack_into(fmt, raw, at, value & limit)
    return bytes(raw)


@FUZZ
@given(
    st.sampled_from(sorted(OFFICE)),
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, len(_FIELDS) - 1),
            st.one_of(st.integers(0, 20), st.integers(0, 2**32 - 1)),
        ),
        max_size=4,
    ),
    st.lists(_mutation, max_size=3),
)
def test_mutated_office_file_never_raises(
    name: str,
    edits: list[tuple[int, int, int]],
    mutations: list[tuple[str, int, int | bytes]],
) -> None:
    data = _mutated(_zip_edited(OFFICE[name], edits), mutations)
    content_type = content_type_for(name)
    text, error = extract_text(data, name, content_type)
    assert text is None or isinstance(text, str)
    assert error is None or (isinstance(error, str) and error)
    message = (
        "From: a@city.test\nSubject: form\nMIME-Version: 1.0\n"
        f'Content-Type: {content_type}; name="{name}"\nContent-Transfer-Encoding: base64\n\n'
        f"{_b64(data)}\n"
    ).encode()
    _check(message, parse_message(message, CALL))
