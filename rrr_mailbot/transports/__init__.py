"""Transports: how rendered replies leave the house.

Two implementations of :class:`rrr_mailbot.ports.Transport`: ``FileTransport`` (the embedded
default, one ``.eml`` file per reply) and ``SmtpTransport`` (an SMTP server). ``make_transport``
picks one from the settings; the CLI calls it once and passes the result down.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Protocol, runtime_checkable

import aiosmtplib

from rrr_mailbot.config import FileTransportSettings, SmtpSettings
from rrr_mailbot.errors import ConfigError, DeliveryError
from rrr_mailbot.ports import Transport
from rrr_mailbot.transports.file import FileTransport
from rrr_mailbot.transports.smtp import SmtpTransport

__all__ = [
    "FileTransport",
    "SessionTransport",
    "SmtpTransport",
    "is_session_failure",
    "make_transport",
    "session_of",
]


def make_transport(
    settings: FileTransportSettings | SmtpSettings,
    *,
    token_provider: Callable[[], str] | None = None,
) -> FileTransport | SmtpTransport:
    """The transport the settings ask for."""
    if isinstance(settings, SmtpSettings):
        return SmtpTransport(settings, token_provider=token_provider)
    return FileTransport(settings)


@runtime_checkable
class SessionTransport(Protocol):
    """A transport that can keep one connection open across several sends."""

    def session(self) -> contextlib.AbstractContextManager[None]: ...


def session_of(transport: Transport) -> contextlib.AbstractContextManager[None]:
    """The transport's batch session when it has one, else a block that does nothing."""
    if isinstance(transport, SessionTransport):
        return transport.session()
    return contextlib.nullcontext()


def is_session_failure(exc: DeliveryError) -> bool:
    """True when ``exc`` says the way out is blocked, not that this one reply is undeliverable.

    A refused or lost connection, a timeout, a TLS or login failure, a full disk, a missing OAuth2
    token: the next reply would meet the same wall, so a delivery pass stops there and leaves
    the reply for later rather than failing it. A 4xx/5xx answer about this reply's sender,
    recipients or data is about the reply alone (421 excepted: the server is closing on us).
    """
    for cause in _causes(exc):
        if isinstance(cause, aiosmtplib.SMTPAuthenticationError):
            return True
        if isinstance(cause, aiosmtplib.SMTPResponseException):
            return cause.code == 421
        if isinstance(cause, aiosmtplib.SMTPRecipientsRefused):
            return any(r.code == 421 for r in cause.recipients)
        if isinstance(cause, aiosmtplib.SMTPNotSupported):
            return False
        if isinstance(cause, OSError | ConfigError | aiosmtplib.SMTPException):
            return True
    return False


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current = exc.__cause__
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__
