"""SmtpTransport against a real SMTP server on loopback: aiosmtpd (every protocol corner we can
script) and, when the mail-server fixtures are available, Postfix relaying into Dovecot."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rrr_mailbot.config import OAuth2Settings, SmtpSettings
from rrr_mailbot.errors import (
    ConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from rrr_mailbot.ports import OutgoingMail, Transport
from rrr_mailbot.transports import is_session_failure, make_transport
from rrr_mailbot.transports.smtp import SmtpTransport
from tests.integration.servers import MailServers, MailUser
from tests.support.smtp_peer import SmtpPeer, SmtpPeerFactory, free_port

pytestmark = pytest.mark.integration

FROM = "peerlearning@rrr-cities.example"
TO = "mayor@city.example"
PASSWORD = "correct horse battery staple"


def reply(n: int = 1, *, to: tuple[str, ...] = (TO,), body: str = "Thank you") -> OutgoingMail:
    message_id = f"<reply-{n}@rrr-cities.example>"
    data = (
        f"From: RRR <{FROM}>\r\nTo: {', '.join(to)}\r\nSubject: Application received\r\n"
        f"Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n.leading dot survives\r\n"
    ).encode()
    return OutgoingMail(message_id=message_id, envelope_from=FROM, recipients=to, data=data)


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[SmtpPeerFactory]:
    with SmtpPeerFactory(tmp_path) as factory:
        yield factory


@pytest.fixture
def transports() -> Iterator[list[SmtpTransport]]:
    """Transports made by a test, closed after it whatever happened."""
    made: list[SmtpTransport] = []
    yield made
    for transport in made:
        transport.close()


def settings_for(peer: SmtpPeer, **overrides: Any) -> SmtpSettings:
    security = "none"
    if peer.ca_file is not None:
        security = "tls" if overrides.pop("implicit", False) else "starttls"
    values: dict[str, Any] = {
        "kind": "smtp",
        "host": peer.host,
        "port": peer.port,
        "security": security,
        "ca_file": peer.ca_file,
        "timeout_s": 5.0,
    }
    values.update(overrides)
    return SmtpSettings(**values)


def open_transport(
    made: list[SmtpTransport], settings: SmtpSettings, **kwargs: Any
) -> SmtpTransport:
    transport = SmtpTransport(settings, local_hostname="bot.test", **kwargs)
    made.append(transport)
    return transport


# -- the happy paths -------------------------------------------------------------------------------


def test_plain_smtp_delivers_the_exact_bytes(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    transport: Transport = open_transport(transports, settings_for(peer))
    mail = reply()
    transport.send(mail)
    [got] = peer.captured
    assert got.mail_from == FROM
    assert got.rcpt_tos == (TO,)
    assert got.data == mail.data
    assert not got.tls


def test_starttls_with_the_configured_ca(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls")
    open_transport(transports, settings_for(peer)).send(reply())
    [got] = peer.captured
    assert got.tls


def test_implicit_tls_with_the_configured_ca(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="implicit")
    open_transport(transports, settings_for(peer, implicit=True)).send(reply())
    [got] = peer.captured
    assert got.tls


def test_password_login(peers: SmtpPeerFactory, transports: list[SmtpTransport]) -> None:
    peer = peers(tls="starttls", users={"bot": PASSWORD})
    settings = settings_for(peer, username="bot", password=PASSWORD)
    open_transport(transports, settings).send(reply())
    assert [m.auth_login for m in peer.captured] == ["bot"]
    assert [(user, ok) for _, user, ok in peer.auth_attempts] == [("bot", True)]


def test_xoauth2_login_asks_for_one_token_per_connection(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="implicit", tokens={"bot@rrr-cities.example": "tok-123"})
    calls: list[int] = []

    def token() -> str:
        calls.append(1)
        return "tok-123"

    settings = settings_for(peer, implicit=True, username="bot@rrr-cities.example")
    transport = open_transport(transports, settings, token_provider=token)
    assert transport.send_many([reply(1), reply(2)]) == [None, None]
    assert [m.auth_login for m in peer.captured] == ["bot@rrr-cities.example"] * 2
    assert peer.auth_attempts == [("XOAUTH2", "bot@rrr-cities.example", True)]
    assert len(calls) == 1


def test_oauthbearer_with_a_token_file(
    peers: SmtpPeerFactory, transports: list[SmtpTransport], tmp_path: Path
) -> None:
    peer = peers(tls="starttls", tokens={"bot": "bearer-456"})
    token_file = tmp_path / "token"
    token_file.write_text("bearer-456\n")
    settings = settings_for(
        peer,
        username="bot",
        oauth2=OAuth2Settings(mechanism="OAUTHBEARER", token_file=token_file),
    )
    transport = make_transport(settings)
    assert isinstance(transport, SmtpTransport)
    transports.append(transport)
    transport.send(reply())
    assert peer.auth_attempts == [("OAUTHBEARER", "bot", True)]
    assert len(peer.captured) == 1


def test_send_many_reuses_one_connection(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", users={"bot": PASSWORD})
    transport = open_transport(transports, settings_for(peer, username="bot", password=PASSWORD))
    results = transport.send_many([reply(n) for n in range(5)])
    assert results == [None] * 5
    assert peer.connection_count == 1
    assert {m.connection for m in peer.captured} == {1}
    assert len(peer.auth_attempts) == 1


def test_single_sends_outside_a_session_each_open_and_close_a_connection(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    transport = open_transport(transports, settings_for(peer))
    for n in range(3):
        transport.send(reply(n))
    assert peer.connection_count == 3
    assert transport.connections_opened == 3


def test_a_refused_reply_inside_a_session_does_not_cost_the_connection(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_rcpt("gone@city.example", "550 5.1.1 No such user")
    transport = open_transport(transports, settings_for(peer))
    results = transport.send_many([reply(1), reply(2, to=("gone@city.example",)), reply(3)])
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], PermanentDeliveryError)
    assert peer.connection_count == 1
    assert len(peer.captured) == 2


def lingering(transports: list[SmtpTransport], peer: SmtpPeer) -> SmtpTransport:
    """A transport that keeps its connection after a session, as the service's does."""
    transport = open_transport(transports, settings_for(peer))
    transport.linger_s = 60.0
    return transport


def test_a_lingering_connection_carries_the_next_session_until_close_idle(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    transport = lingering(transports, peer)
    for n in range(3):
        assert transport.send_many([reply(n)]) == [None]
    assert peer.connection_count == 1
    transport.close_idle()  # used a moment ago: kept
    transport.linger_s = 0.0
    transport.close_idle()  # now idle for longer than the linger: QUIT
    assert transport.send_many([reply(4)]) == [None]
    assert peer.connection_count == 2
    assert len(peer.captured) == 4


def test_a_session_with_a_refused_reply_does_not_linger(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_rcpt("busy@city.example", "451 4.3.0 Mailbox busy")
    transport = lingering(transports, peer)
    [deferred] = transport.send_many([reply(1, to=("busy@city.example",))])
    assert isinstance(deferred, TransientDeliveryError)
    # The retry may meet a server process that thinks otherwise: it gets a new connection.
    assert transport.send_many([reply(2)]) == [None]
    assert peer.connection_count == 2


# -- server answers --------------------------------------------------------------------------------


def test_451_on_the_recipient_is_transient_then_the_retry_goes_through(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_rcpt(TO, "451 4.7.1 Greylisted, come back later")
    transport = open_transport(transports, settings_for(peer))
    with pytest.raises(TransientDeliveryError) as caught:
        transport.send(reply())
    text = str(caught.value)
    assert f"{peer.host}:{peer.port}" in text
    assert "451 4.7.1 Greylisted, come back later" in text
    assert TO in text
    assert not is_session_failure(caught.value)
    assert peer.captured == []
    transport.send(reply())
    assert len(peer.captured) == 1


def test_550_on_the_recipient_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_rcpt(TO, "550 5.1.1 <mayor@city.example>: Recipient address rejected")
    transport = open_transport(transports, settings_for(peer))
    with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1 .*Recipient address rejected"):
        transport.send(reply())
    assert peer.captured == []


def test_one_of_two_recipients_refused_counts_as_sent(
    peers: SmtpPeerFactory,
    transports: list[SmtpTransport],
    caplog: pytest.LogCaptureFixture,
) -> None:
    peer = peers()
    peer.reply_rcpt("gone@city.example", "550 5.1.1 No such user")
    transport = open_transport(transports, settings_for(peer))
    with caplog.at_level(logging.WARNING, logger="rrr_mailbot"):
        transport.send(reply(to=(TO, "gone@city.example")))
    assert [m.rcpt_tos for m in peer.captured] == [(TO,)]
    [record] = [r for r in caplog.records if getattr(r, "action", None) == "reply.partial"]
    assert "gone@city.example: 550 5.1.1 No such user" in record.getMessage()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("452 4.3.1 Insufficient system storage", TransientDeliveryError),
        ("554 5.7.1 Message rejected as spam", PermanentDeliveryError),
    ],
)
def test_answers_to_data_map_by_their_class(
    peers: SmtpPeerFactory,
    transports: list[SmtpTransport],
    answer: str,
    expected: type[DeliveryError],
) -> None:
    peer = peers()
    peer.reply_data(answer)
    transport = open_transport(transports, settings_for(peer))
    with pytest.raises(expected) as caught:
        transport.send(reply())
    assert type(caught.value) is expected
    assert answer in str(caught.value)
    assert "the message data" in str(caught.value)


def test_sender_refused_with_5xx_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_mail("553 5.7.1 Sender address rejected: not owned by user")
    transport = open_transport(transports, settings_for(peer))
    with pytest.raises(PermanentDeliveryError, match=f"553 .* to MAIL FROM:<{FROM}>"):
        transport.send(reply())


def test_421_closing_is_transient_and_blocks_the_session(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_mail("421 4.3.2 Service shutting down")
    transport = open_transport(transports, settings_for(peer))
    with pytest.raises(TransientDeliveryError) as caught:
        transport.send(reply())
    assert is_session_failure(caught.value)


# -- credentials and TLS ---------------------------------------------------------------------------


def test_wrong_password_is_permanent_and_says_what_to_check(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", users={"bot": PASSWORD})
    settings = settings_for(peer, username="bot", password="wrong-password")
    transport = open_transport(transports, settings)
    with pytest.raises(PermanentDeliveryError) as caught:
        transport.send(reply())
    text = str(caught.value)
    assert "535 5.7.8" in text
    assert "check [transport] username and $RRR_MAILBOT_SMTP_PASSWORD" in text
    assert "wrong-password" not in text
    assert is_session_failure(caught.value)
    assert peer.captured == []
    with pytest.raises(PermanentDeliveryError, match="refused our login"):
        transport.check()


def test_wrong_oauth2_token_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", tokens={"bot": "good"})
    settings = settings_for(peer, username="bot")
    transport = open_transport(transports, settings, token_provider=lambda: "expired")
    with pytest.raises(PermanentDeliveryError, match=r"535 .*OAuth2 token") as caught:
        transport.send(reply())
    assert "expired" not in str(caught.value)
    assert peer.auth_attempts == [("XOAUTH2", "bot", False)]


def test_a_failing_token_helper_is_transient(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", tokens={"bot": "good"})

    def broken() -> str:
        raise ConfigError("oauth2.token_command 'get-token' failed with exit status 1: offline")

    transport = open_transport(
        transports, settings_for(peer, username="bot"), token_provider=broken
    )
    with pytest.raises(TransientDeliveryError, match=r"no OAuth2 token.*offline") as caught:
        transport.send(reply())
    assert is_session_failure(caught.value)


def test_a_mechanism_the_server_does_not_offer_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", users={"bot": PASSWORD})
    transport = open_transport(
        transports, settings_for(peer, username="bot"), token_provider=lambda: "t"
    )
    with pytest.raises(PermanentDeliveryError, match="does not offer AUTH XOAUTH2") as caught:
        transport.send(reply())
    assert is_session_failure(caught.value)


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "implicit-tls"])
def test_a_certificate_from_another_ca_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport], implicit: bool
) -> None:
    # Decision: a certificate that does not verify is a configuration problem (wrong ca_file,
    # wrong host name, or someone in the middle); retrying will not fix it, staff must act.
    peer = peers(tls="implicit" if implicit else "starttls")
    settings = settings_for(peer, implicit=implicit, ca_file=peers.other_ca_file())
    transport = open_transport(transports, settings)
    with pytest.raises(PermanentDeliveryError) as caught:
        transport.send(reply())
    text = str(caught.value)
    assert "could not be verified" in text
    assert "certificate verify failed" in text or "unable to get local issuer" in text
    assert "[transport] ca_file" in text
    assert is_session_failure(caught.value)
    assert peer.captured == []


def test_starttls_required_but_not_offered_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()  # plain only
    settings = settings_for(peer, security="starttls")
    transport = open_transport(transports, settings)
    with pytest.raises(PermanentDeliveryError, match="STARTTLS"):
        transport.send(reply())
    assert peer.captured == []


def test_implicit_tls_against_a_plain_server_is_permanent(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    transport = open_transport(transports, settings_for(peer, security="tls"))
    with pytest.raises(PermanentDeliveryError, match=r"security and port"):
        transport.send(reply())


def test_a_missing_ca_file_is_a_config_error_at_construction(tmp_path: Path) -> None:
    settings = SmtpSettings(kind="smtp", host="127.0.0.1", ca_file=tmp_path / "absent.pem")
    with pytest.raises(ConfigError, match=r"absent\.pem"):
        SmtpTransport(settings)


def test_a_username_without_password_or_token_is_a_config_error() -> None:
    settings = SmtpSettings(kind="smtp", host="127.0.0.1", username="bot")
    with pytest.raises(ConfigError, match="RRR_MAILBOT_SMTP_PASSWORD"):
        SmtpTransport(settings)


# -- the network failing ---------------------------------------------------------------------------


def test_connection_refused_is_transient(transports: list[SmtpTransport]) -> None:
    port = free_port()
    settings = SmtpSettings(kind="smtp", host="127.0.0.1", port=port, security="none")
    transport = open_transport(transports, settings)
    with pytest.raises(
        TransientDeliveryError, match=f"cannot reach SMTP server 127.0.0.1:{port}"
    ) as caught:
        transport.send(reply())
    assert is_session_failure(caught.value)
    with pytest.raises(TransientDeliveryError):
        transport.check()


def test_a_peer_that_never_answers_data_times_out_as_transient(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(stall_data_s=30)
    transport = open_transport(transports, settings_for(peer, timeout_s=0.5))
    started = time.monotonic()
    with pytest.raises(TransientDeliveryError, match=r"did not answer within 0\.5s"):
        transport.send(reply())
    assert time.monotonic() - started < 3


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port where the kernel completes the TCP handshake but nobody ever says 220."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


def test_a_session_that_cannot_connect_fails_fast_after_the_first_timeout(
    silent_server: int, transports: list[SmtpTransport]
) -> None:
    settings = SmtpSettings(
        kind="smtp", host="127.0.0.1", port=silent_server, security="none", timeout_s=0.5
    )
    transport = open_transport(transports, settings)
    started = time.monotonic()
    results = transport.send_many([reply(n) for n in range(4)])
    elapsed = time.monotonic() - started
    assert all(isinstance(r, TransientDeliveryError) for r in results)
    assert all(is_session_failure(r) for r in results if r is not None)
    # One timeout for the whole batch, not one per reply.
    assert elapsed < 1.5, elapsed


def test_the_transport_reconnects_after_the_server_closed_the_connection(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    peer.reply_mail("421 4.3.2 Closing for maintenance")
    transport = open_transport(transports, settings_for(peer))
    results = transport.send_many([reply(1), reply(2)])
    assert isinstance(results[0], TransientDeliveryError)
    assert results[1] is None
    assert peer.connection_count == 2


def test_check_connects_and_sends_nothing(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(tls="starttls", users={"bot": PASSWORD})
    transport = open_transport(transports, settings_for(peer, username="bot", password=PASSWORD))
    transport.check()
    assert peer.connection_count == 1
    assert peer.auth_attempts == [("PLAIN", "bot", True)] or peer.auth_attempts == [
        ("LOGIN", "bot", True)
    ]
    assert peer.captured == []


def test_a_connection_the_server_dropped_while_idle_is_replaced_before_use(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers(idle_timeout_s=0.3)
    transport = open_transport(transports, settings_for(peer))
    transport.idle_probe_s = 60  # no NOOP probe: the EOF the peer sent must be enough
    with transport.session():
        transport.send(reply(1))
        time.sleep(0.8)  # the peer closes the idle connection meanwhile
        transport.send(reply(2))
    assert len(peer.captured) == 2
    assert peer.connection_count == 2


# -- the real Postfix, delivering into Dovecot -----------------------------------------------------


def postfix_settings(servers: MailServers, port: int, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "kind": "smtp",
        "host": servers.smtp_host,
        "port": port,
        "security": "starttls",
        "ca_file": servers.ca_file,
        "timeout_s": 20.0,
    }
    values.update(overrides)
    return SmtpSettings(**values)


def postfix_reply(n: int, to: str, sender: str = "bot@rrr.test") -> OutgoingMail:
    message_id = f"<postfix-{n}-{time.time_ns()}@rrr.test>"
    data = (
        f"From: RRR <{sender}>\r\nTo: {to}\r\nSubject: Application received ({n})\r\n"
        f"Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"We received your application ({n}).\r\n"
    ).encode()
    return OutgoingMail(message_id=message_id, envelope_from=sender, recipients=(to,), data=data)


def test_postfix_relays_a_reply_into_the_dovecot_mailbox(
    mail_servers: MailServers, mail_user: MailUser, transports: list[SmtpTransport]
) -> None:
    transport = open_transport(transports, postfix_settings(mail_servers, mail_servers.smtp_port))
    mail = postfix_reply(1, mail_user.address)
    transport.send(mail)
    [stored] = mail_servers.wait_for_messages(mail_user.address, 1)
    text = stored.read_bytes()
    assert f"Message-ID: {mail.message_id}".encode() in text
    assert b"We received your application (1)." in text


def test_postfix_submission_with_password_and_smtps_with_xoauth2(
    mail_servers: MailServers,
    make_mail_user: Callable[..., MailUser],
    mail_user: MailUser,
    transports: list[SmtpTransport],
) -> None:
    bot = make_mail_user("bot", "rrr.test")
    submission = postfix_settings(
        mail_servers,
        mail_servers.submission_port,
        username=bot.address,
        password=bot.password,
    )
    open_transport(transports, submission).send(postfix_reply(1, mail_user.address, bot.address))
    mail_servers.add_oauth_token("oauth-token-for-bot", bot.address)
    smtps = postfix_settings(
        mail_servers, mail_servers.smtps_port, security="tls", username=bot.address
    )
    oauth = open_transport(transports, smtps, token_provider=lambda: "oauth-token-for-bot")
    oauth.send(postfix_reply(2, mail_user.address, bot.address))
    stored = mail_servers.wait_for_messages(mail_user.address, 2)
    subjects = sorted(
        line for f in stored for line in f.read_bytes().splitlines() if line.startswith(b"Subject:")
    )
    assert subjects == [b"Subject: Application received (1)", b"Subject: Application received (2)"]


def test_postfix_refuses_a_wrong_password_permanently(
    mail_servers: MailServers,
    make_mail_user: Callable[..., MailUser],
    transports: list[SmtpTransport],
) -> None:
    bot = make_mail_user("bot", "rrr.test")
    settings = postfix_settings(
        mail_servers, mail_servers.submission_port, username=bot.address, password="not-it"
    )
    transport = open_transport(transports, settings)
    with pytest.raises(PermanentDeliveryError, match=r"535 5\.7\.8") as caught:
        transport.check()
    assert "$RRR_MAILBOT_SMTP_PASSWORD" in str(caught.value)


def test_postfix_451_is_transient_then_550_is_permanent(
    mail_servers: MailServers, mail_user: MailUser, transports: list[SmtpTransport]
) -> None:
    transport = open_transport(transports, postfix_settings(mail_servers, mail_servers.smtp_port))
    try:
        mail_servers.postfix_reject(mail_user.address, "451 4.3.0 Mailbox temporarily unavailable")
        with pytest.raises(TransientDeliveryError) as transient:
            transport.send(postfix_reply(1, mail_user.address))
        assert f"{mail_servers.smtp_host}:{mail_servers.smtp_port}" in str(transient.value)
        assert "451 4.3.0" in str(transient.value)
        mail_servers.postfix_reject(mail_user.address, "550 5.1.1 No such mailbox here")
        with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1"):
            transport.send(postfix_reply(2, mail_user.address))
    finally:
        mail_servers.clear_postfix_rejects()
    transport.send(postfix_reply(3, mail_user.address))
    [stored] = mail_servers.wait_for_messages(mail_user.address, 1)
    assert b"Application received (3)" in stored.read_bytes()


def test_a_session_survives_a_postfix_restart(
    mail_servers: MailServers, mail_user: MailUser, transports: list[SmtpTransport]
) -> None:
    transport = open_transport(transports, postfix_settings(mail_servers, mail_servers.smtp_port))
    with transport.session():
        transport.send(postfix_reply(1, mail_user.address))
        mail_servers.restart_postfix()
        transport.send(postfix_reply(2, mail_user.address))
    assert transport.connections_opened == 2
    assert len(mail_servers.wait_for_messages(mail_user.address, 2)) == 2


def test_an_idle_connection_that_answers_noop_is_kept(
    peers: SmtpPeerFactory, transports: list[SmtpTransport]
) -> None:
    peer = peers()
    transport = open_transport(transports, settings_for(peer))
    transport.idle_probe_s = 0.0  # probe before every reuse
    with transport.session():
        transport.send(reply(1))
        transport.send(reply(2))
    assert len(peer.captured) == 2
    assert peer.connection_count == 1
