"""ImapSource against the real Dovecot of the fixtures: reading, marking, waiting, failing."""

from __future__ import annotations

import logging
import ssl
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import trustme

from rrr_mailbot.config import Limits
from rrr_mailbot.errors import SourceAuthError, SourceError
from rrr_mailbot.model import IncomingMessage, Outcome
from rrr_mailbot.ports import MailSource
from rrr_mailbot.sources.imap import PROCESSED_KEYWORD, ImapSource
from tests.integration.servers import (
    HOST,
    NO_MOVE_HOST,
    UNNAMED_HOST,
    MailServers,
    MailUser,
    pick_free_ports,
)

pytestmark = pytest.mark.integration

SINCE = date(2021, 3, 1)
MADRID_SUMMER = timezone(timedelta(hours=2))

SourceFactory = Callable[..., ImapSource]


def raw_message(
    n: int, *, subject: str | None = None, body: bytes = b"", date_header: str = ""
) -> bytes:
    """A small message with CRLF line ends, as IMAP hands it back."""
    head = (
        f"From: City {n} <city{n}@town.test>\r\n"
        f"To: <applications@rrr.test>\r\n"
        f"Subject: {subject or f'Application {n}'}\r\n"
        f"Message-ID: <app-{n}-{time.monotonic_ns()}@town.test>\r\n"
        f"Date: {date_header or 'Fri, 21 May 2021 10:00:00 +0200'}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    ).encode()
    return head + (body or f"Application number {n}.\r\n".encode())


@pytest.fixture
def open_source(mail_servers: MailServers) -> Iterator[SourceFactory]:
    """``open_source(user, security=, host=, limits=, since=, **settings)``, connected."""
    opened: list[ImapSource] = []

    def factory(
        user: MailUser,
        *,
        security: str = "tls",
        host: str = HOST,
        limits: Limits | None = None,
        since: date = SINCE,
        token_provider: Callable[[], str] | None = None,
        connect: bool = True,
        **settings: Any,
    ) -> ImapSource:
        source = ImapSource(
            mail_servers.imap_settings(user, security=security, host=host, **settings),  # type: ignore[arg-type]
            limits or Limits(),
            since=since,
            token_provider=token_provider,
        )
        opened.append(source)
        port: MailSource = source  # mypy checks ImapSource against the port's Protocol
        del port
        if connect:
            source.connect()
        return source

    yield factory
    for source in opened:
        source.close()


def folder_uids(mail_servers: MailServers, user: MailUser, folder: str = "INBOX") -> list[int]:
    with mail_servers.imap(user) as client:
        if not client.folder_exists(folder):
            return []
        client.select_folder(folder, readonly=True)
        return sorted(client.search(["ALL"]))


def folder_bodies(mail_servers: MailServers, user: MailUser, folder: str) -> list[bytes]:
    with mail_servers.imap(user) as client:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [fetched[uid][b"BODY[]"] for uid in sorted(fetched)]


# ------------------------------------------------------------------------------------ connecting


def test_connected_source_has_imaplib_debug_off(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    # imapclient leaves imaplib at debug 5: a repr of every literal (8x memory for big mail).
    source = open_source(mail_user)
    assert source.client is not None
    assert source.client._imap.debug == 0
    assert source.client.normalise_times is False
    source.connect()  # again: a fresh session, same guarantees
    assert source.client is not None
    assert source.client._imap.debug == 0


def test_fetching_a_large_message_needs_little_more_memory_than_its_size(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    # 8-bit content: imaplib's repr (debug >= 5) spells each such byte as 4 characters, which
    # measured 10x the message at the peak against 1.0x with debug 0.
    line = bytes(range(128, 256)) * 7 + b"\r\n"
    raw = raw_message(1) + line * 8000
    mail_servers.append(mail_user, raw, when=datetime(2021, 5, 1, tzinfo=UTC))
    source = open_source(mail_user)
    tracemalloc.start()
    try:
        (message,) = list(source.fetch_new())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.raw == raw
    assert peak < 2 * len(raw), f"peak {peak / 1e6:.1f} MB for a {len(raw) / 1e6:.1f} MB message"


@pytest.mark.parametrize("security", ["tls", "starttls", "none"])
def test_each_security_mode_reads_the_mailbox(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory, security: str
) -> None:
    raw = raw_message(1)
    mail_servers.append(mail_user, raw, when=datetime(2021, 5, 2, tzinfo=UTC))
    source = open_source(mail_user, security=security)
    assert source.client is not None
    assert isinstance(source.client.socket(), ssl.SSLSocket) == (security != "none")
    assert [m.raw for m in source.fetch_new()] == [raw]


def test_wrong_password_is_a_source_auth_error(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user, connect=False, password="not-the-password")
    with pytest.raises(SourceAuthError) as caught:
        source.connect()
    text = str(caught.value)
    assert (
        f"IMAP server {HOST}:{mail_servers.imaps_port} refused login for {mail_user.address}"
        in text
    )
    assert "AUTHENTICATIONFAILED" in text
    assert "$RRR_MAILBOT_IMAP_PASSWORD" in text
    assert "not-the-password" not in text
    assert source.client is None


def test_tls_with_the_wrong_ca_names_the_ca_file(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory, tmp_path: Path
) -> None:
    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    for security in ("tls", "starttls"):
        source = open_source(mail_user, connect=False, security=security, ca_file=other_ca)
        with pytest.raises(SourceError) as caught:
            source.connect()
        assert not isinstance(caught.value, SourceAuthError)
        assert str(other_ca) in str(caught.value)
        assert "certificate verify failed" in str(
            caught.value
        ) or "unable to get local issuer" in str(caught.value)
        assert isinstance(caught.value.__cause__, ssl.SSLError)


def test_unreadable_ca_file(
    mail_user: MailUser, open_source: SourceFactory, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-ca.pem"
    source = open_source(mail_user, connect=False, ca_file=missing)
    with pytest.raises(SourceError, match=rf"cannot load \[mailbox\] ca_file {missing}: "):
        source.connect()


def test_tls_checks_the_host_name(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    # The certificate names localhost, 127.0.0.1 and 127.0.0.2, not this address of the server.
    source = open_source(mail_user, connect=False, host=UNNAMED_HOST)
    with pytest.raises(SourceError, match=r"IP address mismatch.*ca_file.*host"):
        source.connect()


def test_unreachable_server(mail_user: MailUser, open_source: SourceFactory) -> None:
    (closed_port,) = pick_free_ports(1)
    source = open_source(mail_user, connect=False, port=closed_port, timeout_s=2.0)
    with pytest.raises(SourceError) as caught:
        source.connect()
    assert str(caught.value).startswith(f"cannot connect to IMAP server {HOST}:{closed_port}: ")
    assert "check [mailbox] host/port/security" in str(caught.value)
    assert "refused" in str(caught.value).lower()


def test_missing_folder_lists_the_folders_there_are(
    mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user, connect=False, folder="Applicatoins")
    with pytest.raises(SourceError, match=r"cannot open folder 'Applicatoins'.*'INBOX'"):
        source.connect()


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_oauth2_login_with_a_token_provider(
    mail_servers: MailServers,
    mail_user: MailUser,
    open_source: SourceFactory,
    mechanism: str,
    tmp_path: Path,
) -> None:
    token_file = tmp_path / "token"  # OAuth2Settings needs a source; the provider wins
    token_file.write_text("unused")
    oauth2 = {"mechanism": mechanism, "token_file": token_file}
    token = f"tok-{mechanism}-{mail_user.local_part}"
    mail_servers.add_oauth_token(token, mail_user.address)
    mail_servers.append(mail_user, raw_message(1), when=datetime(2021, 5, 3, tzinfo=UTC))
    calls: list[str] = []

    def provider() -> str:
        calls.append(token)
        return token

    source = open_source(mail_user, oauth2=oauth2, password=None, token_provider=provider)
    assert len(list(source.fetch_new())) == 1
    assert calls == [token]

    refused = open_source(
        mail_user, connect=False, oauth2=oauth2, password=None, token_provider=lambda: "expired"
    )
    with pytest.raises(SourceAuthError, match=rf"refused login.*{mechanism}.*expired token"):
        refused.connect()


def test_oauth2_token_from_the_configured_file(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("file-token-" + mail_user.local_part + "\n")
    mail_servers.add_oauth_token("file-token-" + mail_user.local_part, mail_user.address)
    source = open_source(mail_user, oauth2={"token_file": token_file}, password=None)
    assert list(source.fetch_new()) == []


# ------------------------------------------------------------------------------------ reading


def test_fetch_yields_oldest_arrival_first_with_internaldate(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    # Appended out of order: UIDs 1, 2, 3 carry arrivals 21 May, 10 May, 15 May.
    arrivals = [
        datetime(2021, 5, 21, 23, 0, 0, tzinfo=MADRID_SUMMER),
        datetime(2021, 5, 10, 9, 30, 0, tzinfo=UTC),
        datetime(2021, 5, 15, 12, 0, 0, tzinfo=timezone(timedelta(hours=-5))),
    ]
    raws = [raw_message(n, date_header="Mon, 1 Jan 2018 00:00:00 +0000") for n in range(3)]
    uids = [mail_servers.append(mail_user, r, when=a) for r, a in zip(raws, arrivals, strict=True)]
    source = open_source(mail_user)

    messages = list(source.fetch_new())

    order = [1, 2, 0]
    assert [m.raw for m in messages] == [raws[i] for i in order]
    assert [m.key for m in messages] == [f"{source.uidvalidity}:{uids[i]}" for i in order]
    assert [m.arrival for m in messages] == [arrivals[i] for i in order]  # the instant, not Date:
    assert all(m.arrival is not None and m.arrival.utcoffset() is not None for m in messages)
    assert all(m.size_bytes == len(m.raw) and not m.truncated for m in messages)
    # Nothing was marked \Seen by reading (BODY.PEEK): people sharing the mailbox still see it new.
    with mail_servers.imap(mail_user) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["SEEN"]) == []


def test_deadline_second_arrival_is_exact(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    deadline = datetime(2021, 5, 21, 21, 0, 0, tzinfo=UTC)
    mail_servers.append(mail_user, raw_message(1), when=deadline)
    mail_servers.append(mail_user, raw_message(2), when=deadline + timedelta(seconds=1))
    source = open_source(mail_user)
    arrivals = [m.arrival for m in source.fetch_new()]
    assert arrivals == [deadline, deadline + timedelta(seconds=1)]


def test_messages_before_since_are_left_alone(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    mail_servers.append(
        mail_user, raw_message(1, subject="old"), when=datetime(2021, 2, 27, tzinfo=UTC)
    )
    mail_servers.append(
        mail_user, raw_message(2, subject="new"), when=datetime(2021, 3, 2, tzinfo=UTC)
    )
    source = open_source(mail_user, since=date(2021, 3, 1))
    messages = list(source.fetch_new())
    assert [b"Subject: new" in m.raw for m in messages] == [True]
    later = open_source(mail_user, since=date(2021, 3, 3))
    assert list(later.fetch_new()) == []


def test_oversized_message_comes_header_only_with_its_real_size(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    small = raw_message(1)
    big = raw_message(2, body=b"y" * 70 + b"\r\n") + b"z" * 76 * 1000 + b"\r\n"
    mail_servers.append(mail_user, small, when=datetime(2021, 5, 1, tzinfo=UTC))
    mail_servers.append(mail_user, big, when=datetime(2021, 5, 2, tzinfo=UTC))
    source = open_source(mail_user, limits=Limits(max_message_bytes=10_000))

    first, second = list(source.fetch_new())

    assert (first.raw, first.truncated, first.size_bytes) == (small, False, len(small))
    assert second.truncated is True
    assert second.size_bytes == len(big)
    header_end = big.index(b"\r\n\r\n") + 4
    assert second.raw == big[:header_end]
    assert second.arrival == datetime(2021, 5, 2, tzinfo=UTC)


def test_fetches_in_batches_and_logs_each(
    mail_servers: MailServers,
    mail_user: MailUser,
    open_source: SourceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    raws = [raw_message(n) for n in range(5)]
    for n, raw in enumerate(raws):
        mail_servers.append(mail_user, raw, when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    source = open_source(mail_user, fetch_batch_size=2)
    caplog.set_level(logging.INFO, logger="rrr_mailbot.sources.imap")

    iterator = source.fetch_new()
    first = next(iterator)
    fetch_logs = [r for r in caplog.records if getattr(r, "action", None) == "imap.fetch"]
    assert len(fetch_logs) == 1  # one batch downloaded, not the whole mailbox
    assert first.raw == raws[0]
    rest = list(iterator)

    assert [m.raw for m in rest] == raws[1:]
    fetch_logs = [r for r in caplog.records if getattr(r, "action", None) == "imap.fetch"]
    assert [len(r.uids) for r in fetch_logs] == [2, 2, 1]  # type: ignore[attr-defined]


def test_deleted_and_keyword_marked_messages_are_skipped(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    when = datetime(2021, 5, 1, tzinfo=UTC)
    mail_servers.append(mail_user, raw_message(1), when=when, flags=["\\Deleted"])
    mail_servers.append(mail_user, raw_message(2), when=when, flags=[PROCESSED_KEYWORD])
    mail_servers.append(mail_user, raw_message(3), when=when, flags=["\\Seen"])
    source = open_source(mail_user)
    assert [b"Application 3" in m.raw for m in source.fetch_new()] == [True]


# ------------------------------------------------------------------------------------ marking


def test_mark_processed_moves_and_is_idempotent(
    mail_servers: MailServers,
    mail_user: MailUser,
    open_source: SourceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = raw_message(1)
    mail_servers.append(mail_user, raw, when=datetime(2021, 5, 1, tzinfo=UTC))
    source = open_source(mail_user)
    (message,) = list(source.fetch_new())
    caplog.set_level(logging.INFO, logger="rrr_mailbot.sources.imap")

    source.mark_processed(message, Outcome.ACCEPTED, review=False)

    assert folder_uids(mail_servers, mail_user) == []
    assert folder_bodies(mail_servers, mail_user, "Processed") == [raw]
    moves = [r for r in caplog.records if getattr(r, "action", None) == "imap.move"]
    assert [r.method for r in moves] == ["MOVE"]  # type: ignore[attr-defined]
    assert list(source.fetch_new()) == []
    # A re-run after a crash marks the same message again: nothing happens, nothing fails.
    source.mark_processed(message, Outcome.ACCEPTED, review=False)
    again = open_source(mail_user)
    again.mark_processed(message, Outcome.ACCEPTED, review=False)
    assert folder_bodies(mail_servers, mail_user, "Processed") == [raw]


def test_per_decision_folders_use_the_server_delimiter(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    cases = [
        (Outcome.ACCEPTED, False, "Done.Accepted"),
        (Outcome.INCOMPLETE, False, "Done.Incomplete"),
        (Outcome.LATE, False, "Done.Late"),
        (Outcome.IGNORED, False, "Done.Ignored"),
        (Outcome.ACCEPTED, True, "Done.Needs-review"),
    ]
    for n in range(len(cases)):
        mail_servers.append(mail_user, raw_message(n), when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    source = open_source(mail_user, processed_folder="Done", per_decision_folders=True)
    messages = list(source.fetch_new())
    for message, (outcome, review, _) in zip(messages, cases, strict=True):
        source.mark_processed(message, outcome, review)

    assert folder_uids(mail_servers, mail_user) == []
    for message, (_, _, folder) in zip(messages, cases, strict=True):
        assert folder_bodies(mail_servers, mail_user, folder) == [message.raw]
    with mail_servers.imap(mail_user) as client:
        subscribed = {name for _, _, name in client.list_sub_folders()}
    assert {folder for _, _, folder in cases} <= subscribed


def test_without_move_copies_then_expunges(
    mail_servers: MailServers,
    mail_user: MailUser,
    open_source: SourceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for n in range(3):
        mail_servers.append(mail_user, raw_message(n), when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    source = open_source(mail_user, host=NO_MOVE_HOST)
    assert source.client is not None
    assert not source.client.has_capability("MOVE")
    assert not source.client.has_capability("UIDPLUS")
    caplog.set_level(logging.INFO, logger="rrr_mailbot.sources.imap")
    first, second, third = list(source.fetch_new())

    source.mark_processed(first, Outcome.ACCEPTED, review=False)
    # Cut off between STORE \Deleted and EXPUNGE last time (or deleted by a person): still moved.
    with mail_servers.imap(mail_user) as client:
        client.select_folder("INBOX")
        client.add_flags([int(second.key.split(":")[1])], [b"\\Deleted"])
    source.mark_processed(second, Outcome.LATE, review=False)

    assert folder_bodies(mail_servers, mail_user, "Processed") == [first.raw, second.raw]
    assert len(folder_uids(mail_servers, mail_user)) == 1
    assert [r.method for r in caplog.records if getattr(r, "action", None) == "imap.move"] == [  # type: ignore[attr-defined]
        "COPY+EXPUNGE",
        "COPY+EXPUNGE",
    ]
    assert [m.raw for m in source.fetch_new()] == [third.raw]


def test_empty_processed_folder_means_keyword_only(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    mail_servers.append(mail_user, raw_message(1), when=datetime(2021, 5, 1, tzinfo=UTC))
    source = open_source(mail_user, processed_folder="")
    (message,) = list(source.fetch_new())
    source.mark_processed(message, Outcome.INCOMPLETE, review=False)
    with mail_servers.imap(mail_user) as client:
        client.select_folder("INBOX", readonly=True)
        (uid,) = client.search(["ALL"])
        flags = client.get_flags([uid])[uid]
    assert PROCESSED_KEYWORD.encode() in flags
    assert list(source.fetch_new()) == []
    source.mark_processed(message, Outcome.INCOMPLETE, review=False)  # idempotent


def test_a_folder_the_server_refuses_falls_back_to_the_keyword(
    mail_servers: MailServers,
    mail_user: MailUser,
    open_source: SourceFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for n in range(2):
        mail_servers.append(mail_user, raw_message(n), when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    # Dovecot's Maildir++ layout refuses '/' in a folder name.
    source = open_source(mail_user, processed_folder="Done/Here")
    caplog.set_level(logging.INFO, logger="rrr_mailbot.sources.imap")
    for message in list(source.fetch_new()):
        source.mark_processed(message, Outcome.ACCEPTED, review=False)
    warnings = [r for r in caplog.records if getattr(r, "action", None) == "imap.fallback"]
    assert len(warnings) == 1  # once, not once per message
    assert "processed_folder" in warnings[0].getMessage()
    assert len(folder_uids(mail_servers, mail_user)) == 2
    assert list(source.fetch_new()) == []


def test_uidvalidity_change_gives_new_keys(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    raws = [raw_message(n) for n in range(2)]
    for n, raw in enumerate(raws):
        mail_servers.append(
            mail_user, raw, folder="Applications", when=datetime(2021, 5, 1 + n, tzinfo=UTC)
        )
    source = open_source(mail_user, folder="Applications")
    before = list(source.fetch_new())
    old_validity = source.uidvalidity
    # The folder is rebuilt (a restore, a migration): same messages, new UIDVALIDITY.
    with mail_servers.imap(mail_user) as client:
        client.delete_folder("Applications")
    for n, raw in enumerate(raws):
        mail_servers.append(
            mail_user, raw, folder="Applications", when=datetime(2021, 5, 1 + n, tzinfo=UTC)
        )

    # Each pass selects the folder afresh, so the same session notices the change.
    after = list(source.fetch_new())

    assert source.uidvalidity != old_validity
    assert [m.raw for m in after] == [m.raw for m in before]
    assert {m.key for m in after}.isdisjoint({m.key for m in before})
    assert all(m.key.startswith(f"{source.uidvalidity}:") for m in after)
    # A key from before the change no longer names that message: it is left alone.
    source.mark_processed(before[0], Outcome.ACCEPTED, review=False)
    assert len(folder_uids(mail_servers, mail_user, "Applications")) == 2


# ------------------------------------------------------------------------------------ connection


def test_dropped_connection_is_a_source_error_and_connect_recovers(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    mail_servers.append(mail_user, raw_message(1), when=datetime(2021, 5, 1, tzinfo=UTC))
    source = open_source(mail_user)
    (message,) = list(source.fetch_new())
    mail_servers.kick(mail_user.address)
    with pytest.raises(SourceError, match=rf"lost the connection to IMAP server {HOST}:\d+ while"):
        source.mark_processed(message, Outcome.ACCEPTED, review=False)
    assert source.client is None
    source.connect()
    source.mark_processed(message, Outcome.ACCEPTED, review=False)
    assert folder_uids(mail_servers, mail_user) == []
    source.connect()  # safe to call on a live session too
    assert list(source.fetch_new()) == []


# ------------------------------------------------------------------------------------ waiting


def _deliver_later(mail_servers: MailServers, user: MailUser, delay_s: float) -> threading.Thread:
    def deliver() -> None:
        time.sleep(delay_s)
        mail_servers.deliver_lmtp(user.address, raw_message(9))

    thread = threading.Thread(target=deliver)
    thread.start()
    return thread


def test_idle_wakes_up_on_a_delivery(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user)
    assert list(source.fetch_new()) == []
    thread = _deliver_later(mail_servers, mail_user, 0.5)
    started = time.monotonic()
    woke = source.wait_for_changes(20)
    elapsed = time.monotonic() - started
    thread.join()
    assert woke is True
    assert elapsed < 5, elapsed
    assert len(list(source.fetch_new())) == 1


def test_idle_times_out_and_renews(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user, idle_renew_s=1)
    list(source.fetch_new())
    started = time.monotonic()
    assert source.wait_for_changes(2.5) is False
    assert 2.4 < time.monotonic() - started < 4
    # The session is still usable after the IDLE rounds.
    thread = _deliver_later(mail_servers, mail_user, 0.3)
    assert source.wait_for_changes(10) is True
    thread.join()


def test_mail_that_came_before_the_wait_is_noticed_at_once(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user)
    list(source.fetch_new())
    mail_servers.deliver_lmtp(mail_user.address, raw_message(1))
    started = time.monotonic()
    assert source.wait_for_changes(10) is True
    assert time.monotonic() - started < 1


def test_without_idle_it_polls(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    source = open_source(mail_user, idle=False, poll_interval_s=1)
    list(source.fetch_new())
    started = time.monotonic()
    assert source.wait_for_changes(1.5) is False
    assert time.monotonic() - started >= 1.4
    thread = _deliver_later(mail_servers, mail_user, 0.3)
    assert source.wait_for_changes(10) is True
    assert time.monotonic() - started < 5
    thread.join()


def test_pipeline_style_pass_over_the_source(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    """Mark while iterating, as run_intake_pass does: later batches are still fetched."""
    for n in range(5):
        mail_servers.append(mail_user, raw_message(n), when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    source = open_source(mail_user, fetch_batch_size=2)
    seen: list[IncomingMessage] = []
    for message in source.fetch_new():
        seen.append(message)
        source.mark_processed(message, Outcome.ACCEPTED, review=False)
    assert len(seen) == 5
    assert folder_uids(mail_servers, mail_user) == []
    assert len(folder_uids(mail_servers, mail_user, "Processed")) == 5


def test_marks_wait_for_the_batch_and_a_pass_stopped_early_still_makes_them(
    mail_servers: MailServers, mail_user: MailUser, open_source: SourceFactory
) -> None:
    """Marks during a pass are made per fetch batch (one MOVE for several UIDs); a caller that
    stops early (run_intake_pass on stop) still gets what it marked moved, and nothing else."""
    for n in range(5):
        mail_servers.append(mail_user, raw_message(n), when=datetime(2021, 5, 1 + n, tzinfo=UTC))
    source = open_source(mail_user, fetch_batch_size=3)
    messages = source.fetch_new()
    for _ in range(2):
        source.mark_processed(next(messages), Outcome.ACCEPTED, review=False)
    assert len(folder_uids(mail_servers, mail_user)) == 5  # buffered: the batch is not done
    messages.close()  # the caller stops after its second message
    assert len(folder_uids(mail_servers, mail_user)) == 3
    assert len(folder_uids(mail_servers, mail_user, "Processed")) == 2
