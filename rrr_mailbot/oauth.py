"""OAuth2 access tokens for the mailbox (IMAP) and the transport (SMTP).

rrr-mailbot does not run an OAuth2 flow itself: providers differ too much, and refresh tokens are
better kept by a tool made for it (``oauth2l``, ``mailctl``, a provider's CLI, a cron job writing a
file). The configuration names either a command that prints a fresh access token or a file that
holds one; this module fetches the token and builds the SASL strings the protocols need.

A token is a secret: it is never logged, and never part of an error message.
"""

from __future__ import annotations

import logging
import shlex
import subprocess

from rrr_mailbot.config import OAuth2Settings
from rrr_mailbot.errors import ConfigError

logger = logging.getLogger(__name__)


def fetch_oauth2_token(settings: OAuth2Settings, *, timeout_s: float = 30) -> str:
    """Return a current access token from the configured command or file.

    The command is split like a shell would (``shlex``) but run without one; its standard output,
    stripped, is the token. Raises ConfigError naming the command or file when no token comes out.
    """
    if settings.token_command is not None:
        return _token_from_command(settings.token_command, timeout_s)
    if settings.token_file is not None:
        return _token_from_file(settings)
    # OAuth2Settings refuses this combination; kept for type-checkers and hand-built objects.
    raise ConfigError(
        "oauth2: set token_command or token_file to say where the access token comes from"
    )


def _token_from_command(command: str, timeout_s: float) -> str:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"oauth2.token_command {command!r} cannot be parsed: {exc}") from exc
    if not argv:
        raise ConfigError("oauth2.token_command is empty: give the command that prints the token")
    try:
        completed = subprocess.run(
            argv,
            capture_output=True,
            timeout=timeout_s,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as exc:
        raise ConfigError(
            f"oauth2.token_command {command!r}: program {argv[0]!r} not found; "
            "install it or give its full path"
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise ConfigError(
            f"oauth2.token_command {command!r} did not finish within {timeout_s:g}s; "
            "run it by hand to see whether it waits for input or a network"
        ) from exc
    except OSError as exc:
        raise ConfigError(
            f"oauth2.token_command {command!r} could not be started: {exc.strerror or exc}"
        ) from exc
    if completed.returncode != 0:
        raise ConfigError(
            f"oauth2.token_command {command!r} failed with exit status {completed.returncode}: "
            f"{_first_line(completed.stderr) or '(nothing on stderr)'}; run it by hand to fix it"
        )
    token = completed.stdout.decode("utf-8", errors="replace").strip()
    if not token:
        raise ConfigError(
            f"oauth2.token_command {command!r} printed no token "
            f"(stderr: {_first_line(completed.stderr) or 'empty'}); "
            "it must print the access token on standard output"
        )
    _check_token_shape(token, f"oauth2.token_command {command!r}")
    logger.debug("OAuth2 token obtained from command %s", argv[0], extra={"action": "oauth2.token"})
    return token


def _token_from_file(settings: OAuth2Settings) -> str:
    path = settings.token_file
    assert path is not None
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(
            f"oauth2.token_file {path}: cannot read the token: {exc.strerror or exc}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"oauth2.token_file {path}: the token file is not UTF-8 text") from exc
    if not token:
        raise ConfigError(
            f"oauth2.token_file {path} is empty: whatever refreshes the token must write it there"
        )
    _check_token_shape(token, f"oauth2.token_file {path}")
    logger.debug("OAuth2 token read from %s", path, extra={"action": "oauth2.token"})
    return token


def _check_token_shape(token: str, where: str) -> None:
    # A token goes on one protocol line; a multi-line output is a helper printing more than the
    # token (a banner, JSON), and sending it would fail in a way that is much harder to read.
    if any(ch in token for ch in "\r\n\x00\x01"):
        raise ConfigError(
            f"{where} produced more than one line; it must print only the access token"
        )


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64), as Google and Microsoft define it."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauthbearer_string(
    user: str, token: str, *, host: str | None = None, port: int | None = None
) -> str:
    """The SASL OAUTHBEARER initial response (RFC 7628, before base64)."""
    gs2_user = user.replace("=", "=3D").replace(",", "=2C")
    fields = []
    if host is not None:
        fields.append(f"host={host}")
    if port is not None:
        fields.append(f"port={port}")
    fields.append(f"auth=Bearer {token}")
    return f"n,a={gs2_user}," + "".join(f"\x01{f}" for f in fields) + "\x01\x01"
