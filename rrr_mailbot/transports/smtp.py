"""The production transport: replies handed to an SMTP server (submission port, a relay, Postfix).

aiosmtplib does the protocol; this module puts it behind the synchronous Transport interface the
rest of the program uses. The transport owns one event loop (an ``asyncio.Runner``) for its whole
life instead of calling ``asyncio.run`` per send. Creating a loop is cheap (80 µs against 24 µs
for reusing one, measured on the 2-core build machine), so that is not the reason; the reason is
that only a loop that outlives a single call lets one SMTP connection serve several ``send``
calls, which is what ``session()`` and ``send_many`` are for. The delivery pass sends a batch
inside one ``session()``: one TCP + TLS handshake and one AUTH per batch instead of per reply
(on loopback with STARTTLS + AUTH, 4.3 ms per reply sent alone against 0.9 ms inside a
session; over a real network the handshake round trips make the gap wider), while each reply
is still marked in the ledger right after the server took it.

Errors come out as the package's own: TransientDeliveryError (4xx, refused or lost connections,
timeouts: retry later) and PermanentDeliveryError (5xx, a refused login, a certificate that does
not verify: retrying will not help until someone acts). Every message names the server as
host:port and, when the server answered, its reply code and text.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import logging
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import aiosmtplib

from rrr_mailbot.config import SmtpSettings
from rrr_mailbot.errors import (
    ConfigError,
    DeliveryError,
    MailbotError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from rrr_mailbot.oauth import fetch_oauth2_token, oauthbearer_string
from rrr_mailbot.ports import OutgoingMail

logger = logging.getLogger(__name__)

T = TypeVar("T")


class SmtpTransport:
    """Sends replies through one SMTP server, reusing a connection within a ``session()``.

    ``token_provider`` returns an OAuth2 access token (XOAUTH2, or OAUTHBEARER when
    ``settings.oauth2.mechanism`` says so); when it is None and ``settings.oauth2`` is set, the
    token comes from :func:`rrr_mailbot.oauth.fetch_oauth2_token`. Without a token provider, a
    ``settings.username`` logs in with ``settings.password``.

    Calls are serialised by a lock, so one transport may be shared by the scheduler's threads;
    none of its methods may be called from inside a running event loop.
    """

    #: A connection idle for longer than this is probed with NOOP before it carries a reply: a
    #: server that closed it says so with an EOF we check for anyway, but a connection a NAT or
    #: firewall forgot says nothing, and a reply must not be half-sent on it.
    idle_probe_s: float = 2.0

    #: After a session, its connection is kept this long for the next one instead of saying QUIT
    #: (0: QUIT at once). The long-running service sets it, so that a reply woken by intake does
    #: not wait for a new connection, STARTTLS and AUTH; ``close_idle`` ends a connection left
    #: unused for that long. A kept connection is checked (EOF, NOOP) before it carries a reply.
    linger_s: float = 0.0

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        token_provider: Callable[[], str] | None = None,
        local_hostname: str | None = None,
    ) -> None:
        if token_provider is None and settings.oauth2 is not None:
            token_provider = functools.partial(fetch_oauth2_token, settings.oauth2)
        if token_provider is not None and not settings.username:
            raise ConfigError("[transport] OAuth2 needs the account name: set [transport] username")
        if token_provider is None and settings.username and settings.password is None:
            raise ConfigError(
                f"[transport] needs a password for {settings.username}: set the environment "
                f"variable {settings.password_env}, or configure [transport.oauth2]"
            )
        self._settings = settings
        self._where = f"{settings.host}:{settings.effective_port}"
        self._token_provider = token_provider
        self._mechanism = settings.oauth2.mechanism if settings.oauth2 else "XOAUTH2"
        self._local_hostname = local_hostname
        self._tls_context = _tls_context(settings)
        self._lock = threading.RLock()
        self._runner: asyncio.Runner | None = None
        self._smtp: aiosmtplib.SMTP | None = None
        self._session_depth = 0
        self._broken: DeliveryError | None = None
        self._failed = False  # a send failed since the last session ended
        self._last_used = 0.0
        self.connections_opened = 0

    @property
    def where(self) -> str:
        """The server as ``host:port``, the way error messages name it."""
        return self._where

    # -- the Transport interface -----------------------------------------------------------------

    def send(self, mail: OutgoingMail) -> None:
        """Hand ``mail`` to the server; raises TransientDeliveryError or PermanentDeliveryError."""
        with self._lock:
            try:
                self._run(self._send(mail))
            except DeliveryError:
                # A kept connection would ask the same server process again (Postfix's smtpd
                # reads its tables when it starts): the next session opens a new one.
                self._failed = True
                raise
            finally:
                if self._session_depth == 0:
                    self._run(self._disconnect())

    def close(self) -> None:
        """Say QUIT if still connected and release the event loop; the transport stays usable."""
        with self._lock:
            if self._runner is None:
                return
            try:
                self._runner.run(self._disconnect())
            finally:
                self._runner.close()
                self._runner = None

    # -- batches ----------------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[None]:
        """Keep one connection open for the ``send`` calls made inside the block.

        A connection lost in the middle is reopened for the next reply; a connection that cannot
        be opened at all (refused, timed out, login refused) fails every later send of the block
        at once with the same error, instead of waiting out a timeout per reply.
        """
        with self._lock:
            self._session_depth += 1
            try:
                yield
            finally:
                self._session_depth -= 1
                if self._session_depth == 0:
                    self._broken = None
                    if self.linger_s <= 0 or self._failed:
                        self._failed = False
                        self._run(self._disconnect())

    def close_idle(self) -> None:
        """Say QUIT on a connection kept after a session (``linger_s``) and unused since."""
        with self._lock:
            idle_s = time.monotonic() - self._last_used
            if self._smtp is not None and self._session_depth == 0 and idle_s >= self.linger_s:
                self._run(self._disconnect())

    def send_many(self, mails: Iterable[OutgoingMail]) -> list[DeliveryError | None]:
        """Send several replies over one connection; one result per mail, None when sent."""
        results: list[DeliveryError | None] = []
        with self.session():
            for mail in mails:
                try:
                    self.send(mail)
                except DeliveryError as exc:
                    results.append(exc)
                else:
                    results.append(None)
        return results

    def check(self) -> None:
        """Connect, greet, authenticate and quit: a clear error at start-up, not at first reply."""
        with self._lock:
            try:
                self._run(self._connected())
            finally:
                if self._session_depth == 0:
                    self._run(self._disconnect())
        logger.info(
            "SMTP server %s accepts our connection%s",
            self._where,
            " and login" if self._settings.username else "",
            extra={"action": "transport.smtp.checked"},
        )

    # -- the event loop ---------------------------------------------------------------------------

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(coro)

    # -- the protocol -----------------------------------------------------------------------------

    async def _send(self, mail: OutgoingMail) -> None:
        if not mail.recipients:
            raise PermanentDeliveryError(
                f"reply {mail.message_id} has no recipients; nothing was sent to {self._where}"
            )
        smtp = await self._connected()
        options = self._mail_options(smtp, mail)
        try:
            refused, _ = await smtp.sendmail(
                mail.envelope_from, list(mail.recipients), mail.data, mail_options=options
            )
        except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
            raise self._error(exc, f"sending reply {mail.message_id}") from exc
        finally:
            self._last_used = time.monotonic()
        if refused:
            # The server took the message for some recipients: sending again would duplicate it
            # for those, so this counts as sent; the refused ones are for staff to follow up.
            logger.warning(
                "SMTP server %s took reply %s but refused %s",
                self._where,
                mail.message_id,
                "; ".join(f"{addr}: {r.code} {r.message}" for addr, r in refused.items()),
                extra={"action": "reply.partial", "message_id": mail.message_id},
            )
        logger.debug(
            "reply %s handed to %s",
            mail.message_id,
            self._where,
            extra={"action": "transport.smtp.sent", "message_id": mail.message_id},
        )

    def _mail_options(self, smtp: aiosmtplib.SMTP, mail: OutgoingMail) -> list[str]:
        options = []
        addresses = (mail.envelope_from, *mail.recipients)
        if not all(address.isascii() for address in addresses):
            options.append("SMTPUTF8")
        if not mail.data.isascii() and smtp.supports_extension("8bitmime"):
            options.append("BODY=8BITMIME")
        return options

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._broken is not None:
            raise type(self._broken)(str(self._broken)) from self._broken
        if self._smtp is not None and self._smtp.is_connected:
            if await self._still_there(self._smtp):
                return self._smtp
            await self._disconnect()
        try:
            self._smtp = await self._open()
        except DeliveryError as exc:
            if self._session_depth:
                self._broken = exc
            raise
        return self._smtp

    async def _still_there(self, smtp: aiosmtplib.SMTP) -> bool:
        if _input_pending(smtp):
            # Between two of our commands an SMTP server says nothing, unless it is closing on us
            # (a restart, an idle timeout): bytes or an EOF waiting now mean the end.
            return False
        if time.monotonic() - self._last_used < self.idle_probe_s:
            return True
        try:
            await smtp.noop()
        except (aiosmtplib.SMTPException, OSError):
            return False
        self._last_used = time.monotonic()
        return True

    async def _open(self) -> aiosmtplib.SMTP:
        settings = self._settings
        if self._local_hostname is None:
            # getfqdn may ask DNS; once per transport is enough.
            self._local_hostname = await asyncio.to_thread(socket.getfqdn)
        smtp = aiosmtplib.SMTP(
            hostname=settings.host,
            port=settings.effective_port,
            local_hostname=self._local_hostname,
            timeout=settings.timeout_s,
            use_tls=settings.security == "tls",
            start_tls=settings.security == "starttls",
            tls_context=self._tls_context,
        )
        stage = "connecting"
        try:
            await smtp.connect()
            self.connections_opened += 1
            stage = "greeting"
            # Over implicit TLS or plain SMTP, connect() has not said EHLO yet; the AUTH
            # mechanisms (and a clear check()) need its answer.
            if smtp.is_ehlo_or_helo_needed:
                await smtp.ehlo()
            self._last_used = time.monotonic()
            stage = "logging in"
            await self._authenticate(smtp)
        except DeliveryError:
            await _close(smtp)
            raise
        except (aiosmtplib.SMTPException, OSError, ValueError, MailbotError) as exc:
            await _close(smtp)
            raise self._error(exc, stage) from exc
        return smtp

    async def _authenticate(self, smtp: aiosmtplib.SMTP) -> None:
        settings = self._settings
        if self._token_provider is not None:
            assert settings.username is not None
            mechanism = self._mechanism
            if mechanism.lower() not in smtp.server_auth_methods:
                offered = " ".join(m.upper() for m in smtp.server_auth_methods) or "none"
                # Chained to a library error so that the delivery pass sees a session failure.
                raise PermanentDeliveryError(
                    f"SMTP server {self._where} does not offer AUTH {mechanism} "
                    f"(it offers: {offered}); check [transport.oauth2] mechanism and "
                    "[transport] security"
                ) from aiosmtplib.SMTPException(f"AUTH {mechanism} not offered")
            token = await asyncio.to_thread(self._token_provider)
            if mechanism == "XOAUTH2":
                await smtp.auth_xoauth2(settings.username, token)
            else:
                await self._auth_oauthbearer(smtp, settings.username, token)
        elif settings.username:
            assert settings.password is not None
            await smtp.login(settings.username, settings.password.get_secret_value())

    async def _auth_oauthbearer(self, smtp: aiosmtplib.SMTP, user: str, token: str) -> None:
        # aiosmtplib speaks XOAUTH2 only; OAUTHBEARER (RFC 7628) differs in the initial response
        # and in how a client acknowledges the error challenge (a single 0x01).
        initial = oauthbearer_string(
            user, token, host=self._settings.host, port=self._settings.effective_port
        )
        response = await smtp.execute_command(
            b"AUTH", b"OAUTHBEARER", base64.b64encode(initial.encode("utf-8"))
        )
        if response.code == 334:
            response = await smtp.execute_command(base64.b64encode(b"\x01"))
        if response.code != 235:
            raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)

    async def _disconnect(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if smtp.is_connected:
                await smtp.quit()
        except (aiosmtplib.SMTPException, OSError):
            pass  # the reply is already decided; a failed QUIT changes nothing
        finally:
            await _close(smtp)

    # -- error mapping ----------------------------------------------------------------------------

    def _error(self, exc: BaseException, doing: str) -> DeliveryError:
        """The package error for a library error raised while ``doing`` something."""
        where = self._where
        if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
            return PermanentDeliveryError(
                f"SMTP server {where} refused our login as {self._settings.username!r}: "
                f"{_reply(exc.code, exc.message)}; {self._credentials_hint()}"
            )
        if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
            codes = [r.code for r in exc.recipients]
            detail = "; ".join(
                f"{r.recipient}: {_reply(r.code, r.message)}" for r in exc.recipients
            )
            if codes and all(500 <= code < 600 for code in codes):
                return PermanentDeliveryError(
                    f"SMTP server {where} refused every recipient while {doing}: {detail}; "
                    "not retried"
                )
            return TransientDeliveryError(
                f"SMTP server {where} deferred the recipients while {doing}: {detail}; will retry"
            )
        if isinstance(exc, aiosmtplib.SMTPResponseException):
            what = _response_subject(exc)
            answer = _reply(exc.code, exc.message)
            text = f"SMTP server {where} answered {answer} to {what} while {doing}"
            if 500 <= exc.code < 600:
                return PermanentDeliveryError(f"{text}; not retried")
            return TransientDeliveryError(f"{text}; will retry")
        verify = _find_cause(exc, ssl.SSLCertVerificationError)
        if verify is not None:
            return PermanentDeliveryError(
                f"the TLS certificate of SMTP server {where} could not be verified "
                f"({verify.verify_message or verify.reason}); check [transport] host (it must "
                "match the certificate) and [transport] ca_file"
            )
        tls = _find_cause(exc, ssl.SSLError)
        if tls is not None and tls.reason == "WRONG_VERSION_NUMBER":
            return PermanentDeliveryError(
                f"SMTP server {where} does not speak TLS the way we asked ({tls.reason}); check "
                '[transport] security and port: "tls" is usually port 465, "starttls" port 587'
            )
        if isinstance(exc, asyncio.TimeoutError):  # aiosmtplib's timeouts are TimeoutErrors too
            return TransientDeliveryError(
                f"SMTP server {where} did not answer within {self._settings.timeout_s:g}s while "
                f"{doing}; will retry"
            )
        if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
            return TransientDeliveryError(
                f"SMTP server {where} closed the connection while {doing} ({exc}); will retry"
            )
        if isinstance(exc, OSError):  # SMTPConnectError is an OSError (ConnectionError) too
            return TransientDeliveryError(
                f"cannot reach SMTP server {where} while {doing}: {exc}; will retry "
                "(if this persists, check [transport] host and port and that the server is up)"
            )
        if isinstance(exc, MailbotError):  # the OAuth2 token helper failed
            return TransientDeliveryError(
                f"no OAuth2 token for SMTP server {where}: {exc}; will retry"
            )
        if isinstance(exc, aiosmtplib.SMTPNotSupported):
            return PermanentDeliveryError(
                f"SMTP server {where} cannot take this reply while {doing}: {exc}; not retried"
            )
        if isinstance(exc, aiosmtplib.SMTPException):
            return PermanentDeliveryError(
                f"SMTP server {where}: {exc} (while {doing}); check [transport] security, "
                "username and oauth2 against what the server offers"
            )
        return PermanentDeliveryError(
            f"the reply cannot be sent to SMTP server {where} while {doing}: {exc}; not retried"
        )

    def _credentials_hint(self) -> str:
        if self._settings.oauth2 is not None or self._token_provider is not None:
            return (
                "check [transport] username and that the OAuth2 token from [transport.oauth2] "
                "is current and has the SMTP scope"
            )
        return f"check [transport] username and ${self._settings.password_env}"


async def _close(smtp: aiosmtplib.SMTP) -> None:
    """Close a connection and let the event loop finish closing its socket now.

    A transport's socket is released by a callback on the loop's next turns; our loop only
    turns while we send, so without this a failed login leaves the socket to the garbage
    collector (an "unclosed transport" ResourceWarning at some random later moment).
    """
    smtp.close()
    for _ in range(_CLOSE_TURNS):
        await asyncio.sleep(0)


_CLOSE_TURNS = 3


def _input_pending(smtp: aiosmtplib.SMTP) -> bool:
    transport = smtp.transport
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Certificate verification on, against ``ca_file`` when given, else the system's CAs."""
    try:
        if settings.ca_file is not None:
            return ssl.create_default_context(cafile=str(settings.ca_file))
        return ssl.create_default_context()
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"[transport] ca_file {settings.ca_file}: cannot load CA certificates: {exc}"
        ) from exc


def _reply(code: int, message: str) -> str:
    text = " ".join(message.split())
    return f"{code} {text}" if text else str(code)


def _response_subject(exc: aiosmtplib.SMTPResponseException) -> str:
    if isinstance(exc, aiosmtplib.SMTPSenderRefused):
        return f"MAIL FROM:<{exc.sender}>"
    if isinstance(exc, aiosmtplib.SMTPRecipientRefused):
        return f"RCPT TO:<{exc.recipient}>"
    if isinstance(exc, aiosmtplib.SMTPDataError):
        return "the message data"
    if isinstance(exc, aiosmtplib.SMTPHeloError):
        return "EHLO"
    if isinstance(exc, aiosmtplib.SMTPConnectResponseError):
        return "our connection"
    return "a command"


E = TypeVar("E", bound=BaseException)


def _find_cause(exc: BaseException, kind: type[E]) -> E | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
