"""The test mail servers themselves: mail flows Postfix -> LMTP -> Dovecot -> IMAP, TLS works with
the test CA, and Postfix answers rejected recipients with the configured code."""

from __future__ import annotations

import email
import email.policy
import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.integration.servers import (
    HOST,
    NO_MOVE_HOST,
    MailServers,
    MailUser,
    missing_requirements,
    port_accepts,
    require_or_skip,
    tls_context,
)

pytestmark = pytest.mark.integration


def test_missing_servers_skip_with_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = missing_requirements(("no-such-mail-daemon-rrr",))
    assert reason is not None
    assert "no-such-mail-daemon-rrr" in reason
    assert "sudo .ci/install-mail-servers.sh" in reason
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install-mail-servers"):
        require_or_skip(reason)
    require_or_skip(None)  # nothing missing: carry on


def test_missing_servers_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_or_skip("mail servers not installed")


def _login(client: IMAPClient, user: MailUser) -> IMAPClient:
    client.login(user.address, user.password)
    return client


def test_start_up_is_quick(mail_servers: MailServers) -> None:
    assert mail_servers.startup_s is not None
    assert mail_servers.startup_s < 5.0


def test_swaks_through_postfix_lands_in_dovecot_and_shows_over_imap(
    mail_servers: MailServers, mail_user: MailUser, tmp_path: Path
) -> None:
    pdf = tmp_path / "application form.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% a tiny stand-in\n")
    result = mail_servers.send_with_swaks(
        "mayor@town.test",
        mail_user.address,
        subject="Application RRR",
        body="Please find attached our application.",
        attach=[(pdf, "application/pdf")],
        headers={"X-Test-Case": "swaks"},
    )
    assert result.returncode == 0
    assert any(line.startswith("<-  250") and "queued" in line for line in result.reply_lines())

    files = mail_servers.wait_for_messages(mail_user.address, 1)
    on_disk = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert on_disk["Subject"] == "Application RRR"

    with mail_servers.imap(mail_user) as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        assert len(uids) == 1
        fetched = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])[uids[0]]
    message = email.message_from_bytes(fetched[b"BODY[]"], policy=email.policy.default)
    assert message["X-Test-Case"] == "swaks"
    assert message["From"] == "mayor@town.test"
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == ["application form.pdf"]
    assert parts[0].get_content_type() == "application/pdf"
    assert parts[0].get_content() == pdf.read_bytes()
    # Postfix stamped its Received header on the way in.
    assert any("mx.rrr.test" in r for r in message.get_all("Received", []))
    arrival = fetched[b"INTERNALDATE"]
    assert abs(arrival.replace(tzinfo=None) - datetime.now().replace(tzinfo=None)) < timedelta(
        minutes=5
    )


def test_deliver_lmtp_keeps_the_senders_bytes(
    mail_servers: MailServers, mail_user: MailUser
) -> None:
    raw = (
        b"From: Ana <ana@town.test>\r\nTo: <" + mail_user.address.encode() + b">\r\n"
        b"Subject: =?utf-8?q?Candidatura_Bogot=C3=A1?=\r\nMessage-ID: <exact@town.test>\r\n\r\n"
        b"line one\r\n.leading dot\r\n\xc3\xa1 eight bit\r\n"
    )
    mail_servers.deliver_lmtp(mail_user.address, raw)
    with mail_servers.imap(mail_user) as client:
        client.select_folder("INBOX", readonly=True)
        (uid,) = client.search(["ALL"])
        body = client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
    # LMTP prepends trace headers, as on a real server; the sender's bytes follow unchanged.
    assert body.endswith(raw)
    trace = body[: -len(raw)].decode()
    assert trace.startswith("Return-Path: <sender@town.test>\r\n")
    assert "Received: from lmtp-client.test" in trace
    names = {line.split(":")[0] for line in trace.splitlines() if line[:1] not in (" ", "\t")}
    assert names <= {"Return-Path", "Delivered-To", "Received"}


def test_append_sets_internaldate(mail_servers: MailServers, mail_user: MailUser) -> None:
    when = datetime(2021, 5, 21, 22, 59, 30, tzinfo=timezone(timedelta(hours=2)))
    uid = mail_servers.append(mail_user, b"Subject: dated\r\n\r\nx\r\n", when=when)
    with mail_servers.imap(mail_user) as client:
        client.normalise_times = False
        client.select_folder("INBOX", readonly=True)
        got = client.fetch([uid], ["INTERNALDATE"])[uid][b"INTERNALDATE"]
    assert got == when


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_imap_tls_with_the_test_ca(
    mail_servers: MailServers, mail_user: MailUser, security: str
) -> None:
    context = tls_context(mail_servers.ca_file)
    if security == "tls":
        client = IMAPClient(
            HOST, mail_servers.imaps_port, ssl=True, ssl_context=context, timeout=10
        )
    else:
        client = IMAPClient(HOST, mail_servers.imap_starttls_port, ssl=False, timeout=10)
        assert client.has_capability("STARTTLS")
        client.starttls(context)
    try:
        cipher = client.socket().cipher()
        assert cipher is not None
        _login(client, mail_user)
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
    finally:
        client.logout()


def test_imap_tls_refuses_an_unknown_ca(mail_servers: MailServers) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient(
            HOST,
            mail_servers.imaps_port,
            ssl=True,
            ssl_context=ssl.create_default_context(),
            timeout=10,
        )


def test_capabilities_with_and_without_move(mail_servers: MailServers, mail_user: MailUser) -> None:
    with mail_servers.imap(mail_user) as client:
        assert {b"IDLE", b"MOVE", b"UIDPLUS"} <= set(client.capabilities())
    with mail_servers.imap(mail_user, host=NO_MOVE_HOST) as client:
        capabilities = set(client.capabilities())
        assert b"IDLE" in capabilities
        assert not {b"MOVE", b"UIDPLUS"} & capabilities


def test_imap_refuses_a_wrong_password(mail_servers: MailServers, mail_user: MailUser) -> None:
    client = IMAPClient(HOST, mail_servers.imap_port, ssl=False, timeout=10)
    try:
        with pytest.raises(LoginError, match="AUTHENTICATIONFAILED"):
            client.login(mail_user.address, "not-the-password")
    finally:
        client.shutdown()


def test_oauth2_tokens(mail_servers: MailServers, mail_user: MailUser) -> None:
    mail_servers.add_oauth_token("token-for-" + mail_user.local_part, mail_user.address)
    for mechanism in ("XOAUTH2", "OAUTHBEARER"):
        client = IMAPClient(HOST, mail_servers.imap_port, ssl=False, timeout=10)
        try:
            if mechanism == "XOAUTH2":
                client.oauth2_login(mail_user.address, "token-for-" + mail_user.local_part)
            else:
                client.oauthbearer_login(mail_user.address, "token-for-" + mail_user.local_part)
            assert client.select_folder("INBOX")[b"EXISTS"] == 0
        finally:
            client.logout()
    client = IMAPClient(HOST, mail_servers.imap_port, ssl=False, timeout=10)
    try:
        with pytest.raises(LoginError):
            client.oauth2_login(mail_user.address, "a-made-up-token")
    finally:
        client.shutdown()


@pytest.mark.parametrize(
    ("reply", "code"), [("550 5.1.1 no such user", 550), ("451 4.3.0 try later", 451)]
)
def test_postfix_rejects_a_configured_recipient(
    mail_servers: MailServers, make_mail_user: Callable[..., MailUser], reply: str, code: int
) -> None:
    rejected = make_mail_user("rejected")
    accepted = make_mail_user("accepted")
    mail_servers.postfix_reject(rejected.address, reply)
    result = mail_servers.send_with_swaks("staff@rrr.test", rejected.address, check=False)
    assert result.returncode != 0
    assert any(
        line.startswith(f"<** {code}") and reply.split(" ", 2)[2] in line
        for line in result.reply_lines()
    )
    with smtplib.SMTP(HOST, mail_servers.smtp_port, timeout=10) as smtp:
        assert smtp.mail("staff@rrr.test")[0] == 250
        got_code, got_text = smtp.rcpt(rejected.address)
        assert got_code == code
        assert reply.split(" ", 1)[1].split(" ", 1)[0].encode() in got_text  # the enhanced status
        assert smtp.rcpt(accepted.address)[0] == 250
    mail_servers.clear_postfix_rejects()
    mail_servers.send_with_swaks("staff@rrr.test", rejected.address)
    mail_servers.wait_for_messages(rejected.address, 1)


def test_submission_needs_starttls_and_auth(mail_servers: MailServers, mail_user: MailUser) -> None:
    context = tls_context(mail_servers.ca_file)
    with smtplib.SMTP(HOST, mail_servers.submission_port, timeout=10) as smtp:
        smtp.ehlo("client.town.test")
        assert not smtp.has_extn("auth")  # only after STARTTLS
        smtp.starttls(context=context)
        smtp.ehlo("client.town.test")
        assert smtp.has_extn("auth")
        with pytest.raises(smtplib.SMTPAuthenticationError):
            smtp.login(mail_user.address, "wrong")
    with smtplib.SMTP_SSL(HOST, mail_servers.smtps_port, context=context, timeout=10) as smtp:
        smtp.login(mail_user.address, mail_user.password)
        smtp.sendmail(mail_user.address, [mail_user.address], b"Subject: via smtps\r\n\r\nhi\r\n")
    mail_servers.wait_for_messages(mail_user.address, 1)


def test_restart_both(mail_servers: MailServers, mail_user: MailUser) -> None:
    mail_servers.restart_dovecot()
    mail_servers.restart_postfix()
    mail_servers.send_with_swaks("staff@rrr.test", mail_user.address, subject="after restart")
    mail_servers.wait_for_messages(mail_user.address, 1)
    mail_servers.stop_postfix()
    assert not port_accepts(HOST, mail_servers.smtp_port)
    mail_servers.ensure_running()
    assert port_accepts(HOST, mail_servers.smtp_port)
