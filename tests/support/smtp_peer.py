"""A capturing SMTP peer for tests: aiosmtpd's Controller on 127.0.0.1 and a free port.

The peer records every envelope it accepts and every connection that greeted it, can answer
chosen codes per recipient or for DATA (``451`` then ``250``, or ``550``), can stall after DATA
to provoke a client timeout, can require AUTH (PLAIN/LOGIN with a password, XOAUTH2 and
OAUTHBEARER with a token), and speaks STARTTLS or implicit TLS with a trustme certificate.

Use it through a factory so every peer a test starts is stopped::

    with SmtpPeerFactory(tmp_path) as make_peer:
        peer = make_peer(tls="starttls", users={"bot": "s3cret"})
        ... settings.host = peer.host, settings.port = peer.port, settings.ca_file = peer.ca_file
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import socket
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

TlsMode = Literal["none", "starttls", "implicit"]
HOST = "127.0.0.1"


def _not_login_data_deprecation(record: logging.LogRecord) -> bool:
    # aiosmtpd 1.4 warns about its own use of Session.login_data on every successful AUTH.
    return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_not_login_data_deprecation)


@dataclass(frozen=True)
class CapturedMail:
    """One message the peer accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    connection: int  # the number of the connection it came over, from 1
    auth_login: str | None
    tls: bool


@dataclass
class PeerHandler:
    """aiosmtpd handler: decides replies and records what it saw."""

    users: Mapping[str, str] = field(default_factory=dict)
    tokens: Mapping[str, str] = field(default_factory=dict)
    require_auth: bool = False
    stall_data_s: float = 0.0
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)
    data_replies: list[str] = field(default_factory=list)
    mail_replies: list[str] = field(default_factory=list)
    captured: list[CapturedMail] = field(default_factory=list)
    connections: list[SMTP] = field(default_factory=list)
    auth_attempts: list[tuple[str, str, bool]] = field(default_factory=list)  # (mech, user, ok)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- bookkeeping ---------------------------------------------------------------------------

    def _connection_number(self, server: SMTP) -> int:
        with self.lock:
            for number, known in enumerate(self.connections, start=1):
                if known is server:
                    return number
            self.connections.append(server)
            return len(self.connections)

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        self._connection_number(server)
        session.host_name = hostname
        return responses

    async def handle_HELO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str
    ) -> str:
        self._connection_number(server)
        session.host_name = hostname
        return f"250 {server.hostname}"

    # -- envelope ------------------------------------------------------------------------------

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.require_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        with self.lock:
            scripted = self.mail_replies.pop(0) if self.mail_replies else None
        if scripted is not None and not scripted.startswith("250"):
            return scripted
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        with self.lock:
            queue = self.rcpt_replies.get(address.lower())
            scripted = queue.pop(0) if queue else None
        if scripted is not None and not scripted.startswith("250"):
            return scripted
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.stall_data_s:
            await asyncio.sleep(self.stall_data_s)
        with self.lock:
            scripted = self.data_replies.pop(0) if self.data_replies else None
        if scripted is not None and not scripted.startswith("250"):
            return scripted
        content = envelope.original_content or b""
        login = session.auth_data if isinstance(session.auth_data, str) else None
        if isinstance(session.auth_data, LoginPassword):
            login = session.auth_data.login.decode()
        self.captured.append(
            CapturedMail(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                data=content,
                connection=self._connection_number(server),
                auth_login=login,
                tls=_over_tls(server),
            )
        )
        return "250 2.0.0 Queued"

    # -- authentication ------------------------------------------------------------------------

    def authenticator(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        user = auth_data.login.decode()
        ok = user in self.users and self.users[user] == auth_data.password.decode()
        self.auth_attempts.append((mechanism, user, ok))
        if ok:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = await self._initial_response(server, args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
        return await self._check_token(
            server, "XOAUTH2", fields.get("user", ""), fields.get("auth", "")
        )

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = await self._initial_response(server, args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        gs2, _, rest = blob.decode().partition("\x01")
        user = next((p[2:] for p in gs2.split(",") if p.startswith("a=")), "")
        user = user.replace("=2C", ",").replace("=3D", "=")
        fields = dict(part.split("=", 1) for part in rest.split("\x01") if "=" in part)
        return await self._check_token(server, "OAUTHBEARER", user, fields.get("auth", ""))

    async def _initial_response(self, server: SMTP, args: list[str]) -> bytes | None:
        if len(args) == 2:
            try:
                return base64.b64decode(args[1], validate=True)
            except ValueError:
                await server.push("501 5.5.2 Can't decode base64")
                return None
        answer = await server.challenge_auth("")
        return answer if isinstance(answer, bytes) else None

    async def _check_token(self, server: SMTP, mech: str, user: str, auth: str) -> AuthResult:
        ok = user in self.tokens and auth == f"Bearer {self.tokens[user]}"
        self.auth_attempts.append((mech, user, ok))
        if ok:
            return AuthResult(success=True, auth_data=user)
        # Like Gmail: an error challenge, the client answers with an empty line, then 535.
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "mail"})
        await server.challenge_auth(error)
        return AuthResult(
            success=False, handled=False, message="535 5.7.8 Username and Password not accepted"
        )


class SmtpPeer:
    """A running capturing peer; read ``captured``, ``connection_count`` and ``auth_attempts``."""

    def __init__(self, controller: Controller, handler: PeerHandler, ca_file: Path | None) -> None:
        self._controller = controller
        self.handler = handler
        self.host = HOST
        self.port: int = controller.port
        self.ca_file = ca_file

    @property
    def captured(self) -> list[CapturedMail]:
        return self.handler.captured

    @property
    def connection_count(self) -> int:
        """Connections that greeted the peer (EHLO/HELO); the controller's own probe is not one."""
        return len(self.handler.connections)

    @property
    def auth_attempts(self) -> list[tuple[str, str, bool]]:
        return self.handler.auth_attempts

    def reply_rcpt(self, address: str, *replies: str) -> None:
        """Answer RCPT TO for ``address`` with these replies in turn, then accept normally."""
        with self.handler.lock:
            self.handler.rcpt_replies.setdefault(address.lower(), []).extend(replies)

    def reply_data(self, *replies: str) -> None:
        """Answer the next DATA commands with these replies in turn, then accept normally."""
        with self.handler.lock:
            self.handler.data_replies.extend(replies)

    def reply_mail(self, *replies: str) -> None:
        """Answer the next MAIL FROM commands with these replies in turn, then accept normally."""
        with self.handler.lock:
            self.handler.mail_replies.extend(replies)

    def stop(self) -> None:
        self._controller.stop()


class SmtpPeerFactory:
    """Starts peers sharing one test CA; stops them all on exit."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._peers: list[SmtpPeer] = []
        self._ca: trustme.CA | None = None

    @property
    def ca(self) -> trustme.CA:
        if self._ca is None:
            self._ca = trustme.CA()
        return self._ca

    @property
    def ca_file(self) -> Path:
        path = self._folder / "peer-ca.pem"
        if not path.exists():
            self.ca.cert_pem.write_to_path(str(path))
        return path

    def other_ca_file(self) -> Path:
        """A CA file that did NOT sign the peer's certificate: verification must fail with it."""
        path = self._folder / "other-ca.pem"
        if not path.exists():
            trustme.CA().cert_pem.write_to_path(str(path))
        return path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("localhost", HOST).configure_cert(context)
        return context

    def __call__(
        self,
        *,
        tls: TlsMode = "none",
        users: Mapping[str, str] | None = None,
        tokens: Mapping[str, str] | None = None,
        require_auth: bool | None = None,
        stall_data_s: float = 0.0,
        idle_timeout_s: float = 300.0,
    ) -> SmtpPeer:
        handler = PeerHandler(
            users=dict(users or {}),
            tokens=dict(tokens or {}),
            require_auth=bool(users or tokens) if require_auth is None else require_auth,
            stall_data_s=stall_data_s,
        )
        excluded = []
        if not users:
            excluded += ["PLAIN", "LOGIN"]
        if not tokens:
            excluded += ["XOAUTH2", "OAUTHBEARER"]
        smtp_kwargs: dict[str, Any] = {
            "authenticator": handler.authenticator,
            "auth_exclude_mechanism": excluded,
            # aiosmtpd only counts STARTTLS as encryption; over implicit TLS (and in plain-text
            # tests) AUTH must be allowed without it.
            "auth_require_tls": tls == "starttls",
            "server_hostname": "peer.test",
            "timeout": idle_timeout_s,  # the peer drops a connection idle for this long
        }
        ssl_context: ssl.SSLContext | None = None
        if tls == "starttls":
            smtp_kwargs["tls_context"] = self.server_context()
            smtp_kwargs["require_starttls"] = True
        elif tls == "implicit":
            ssl_context = self.server_context()
        controller = _start(handler, ssl_context, smtp_kwargs)
        peer = SmtpPeer(controller, handler, self.ca_file if tls != "none" else None)
        self._peers.append(peer)
        return peer

    def close(self) -> None:
        while self._peers:
            self._peers.pop().stop()

    def __enter__(self) -> SmtpPeerFactory:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _over_tls(server: SMTP) -> bool:
    transport = server.transport
    return transport is not None and transport.get_extra_info("sslcontext") is not None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _start(
    handler: PeerHandler, ssl_context: ssl.SSLContext | None, smtp_kwargs: dict[str, Any]
) -> Controller:
    # Another process may grab the port between our probe and the bind: try a few.
    last: OSError | None = None
    for _ in range(5):
        controller = Controller(
            handler, hostname=HOST, port=free_port(), ssl_context=ssl_context, **smtp_kwargs
        )
        try:
            controller.start()
        except OSError as exc:
            last = exc
            controller.loop.close()
            continue
        return controller
    raise RuntimeError(f"could not start the SMTP peer: {last}")
