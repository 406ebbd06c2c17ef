"""FileTransport: one .eml per reply, named from the Message-ID, written atomically, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rrr_mailbot.config import FileTransportSettings
from rrr_mailbot.errors import TransientDeliveryError
from rrr_mailbot.ports import OutgoingMail, Transport
from rrr_mailbot.transports import make_transport
from rrr_mailbot.transports.file import FileTransport, eml_name


def mail(
    message_id: str = "<20210520.abc123@rrr-cities.example>", body: bytes = b"Hello"
) -> OutgoingMail:
    data = (
        b"From: RRR <peerlearning@rrr-cities.example>\r\nTo: city@example.org\r\n"
        b"Message-ID: " + message_id.encode() + b"\r\nSubject: Received\r\n\r\n" + body + b"\r\n"
    )
    return OutgoingMail(
        message_id=message_id,
        envelope_from="peerlearning@rrr-cities.example",
        recipients=("city@example.org",),
        data=data,
    )


def transport_in(folder: Path) -> FileTransport:
    return FileTransport(FileTransportSettings(outbox_dir=folder))


def test_reply_is_written_with_its_exact_bytes_into_a_created_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "outbox"
    transport: Transport = transport_in(folder)
    reply = mail()
    transport.send(reply)
    files = list(folder.iterdir())
    assert [f.name for f in files] == ["20210520.abc123@rrr-cities.example.eml"]
    assert files[0].read_bytes() == reply.data


def test_sending_the_same_reply_twice_leaves_one_file(tmp_path: Path) -> None:
    transport = transport_in(tmp_path)
    transport.send(mail(body=b"first"))
    transport.send(mail(body=b"second"))
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    assert files[0].read_bytes().endswith(b"second\r\n")


def test_different_replies_get_different_files_and_no_temporary_files_remain(
    tmp_path: Path,
) -> None:
    transport = transport_in(tmp_path)
    for n in range(5):
        transport.send(mail(f"<reply-{n}@rrr-cities.example>"))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"reply-{n}@rrr-cities.example.eml" for n in range(5)]


def test_a_hostile_message_id_stays_inside_the_folder(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    transport = transport_in(outbox)
    reply = mail("<../../etc/passwd@x>")
    transport.send(reply)
    written = transport.path_for(reply)
    assert written.parent == outbox
    assert written.read_bytes() == reply.data
    assert [p.name for p in tmp_path.iterdir()] == ["outbox"]


def test_ids_that_clean_up_to_the_same_text_do_not_share_a_file(tmp_path: Path) -> None:
    transport = transport_in(tmp_path)
    transport.send(mail("<a/b@x>"))
    transport.send(mail("<a_b@x>"))
    transport.send(mail("<a b@x>"))
    assert len(list(tmp_path.iterdir())) == 3


def test_an_unwritable_outbox_is_a_transient_error_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outbox folder should be")
    transport = transport_in(blocker / "outbox")
    with pytest.raises(TransientDeliveryError, match=r"not-a-folder/outbox.*outbox_dir") as caught:
        transport.send(mail())
    assert isinstance(caught.value.__cause__, OSError)
    with pytest.raises(TransientDeliveryError, match="cannot be written"):
        transport.check()


def test_a_failed_replace_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    transport = transport_in(tmp_path)
    reply = mail()
    transport.path_for(reply).mkdir()  # a folder where the file should go: os.replace fails
    with pytest.raises(TransientDeliveryError):
        transport.send(reply)
    assert [p.name for p in tmp_path.iterdir()] == [transport.path_for(reply).name]


def test_check_creates_the_folder_and_leaves_it_empty(tmp_path: Path) -> None:
    transport = transport_in(tmp_path / "new")
    transport.check()
    assert list((tmp_path / "new").iterdir()) == []


def test_make_transport_picks_the_file_transport(tmp_path: Path) -> None:
    transport = make_transport(FileTransportSettings(outbox_dir=tmp_path))
    assert isinstance(transport, FileTransport)
    transport.close()


@given(st.text(min_size=1, max_size=400))
def test_eml_name_is_always_one_safe_file_name(message_id: str) -> None:
    name = eml_name(message_id)
    assert name.endswith(".eml")
    assert "/" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert len(name.encode()) <= 255
    assert eml_name(message_id) == name


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=60))
def test_eml_name_keeps_different_ids_apart(first: str, second: str) -> None:
    def bare(message_id: str) -> str:  # "<x@y>" and "x@y" are the same Message-ID
        return message_id.strip().removeprefix("<").removesuffix(">")

    if bare(first) != bare(second):
        assert eml_name(first) != eml_name(second)
