"""Who may use the staff web view: argon2 password checks, a login rate limit and CSRF tokens.

Nothing here reads the configuration or the environment: the users' hashes and the limits come
in as arguments (from rrr_mailbot.config.WebSettings, loaded by the CLI).
"""

from __future__ import annotations

import hmac
import secrets
from collections import deque
from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
# Checked against when the user is unknown, so a wrong name costs as long as a wrong password
# (the response time does not tell which names exist).
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``, as ``[web.users]`` keeps it."""
    return _HASHER.hash(password)


def check_password(users: Mapping[str, str], user: str, password: str) -> bool:
    """Whether ``password`` is ``user``'s; False for unknown users and malformed hashes."""
    hashed = users.get(user)
    try:
        return _HASHER.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


class LoginLimiter:
    """At most ``attempts`` failed logins per key (a client address, a user name) within
    ``window_s`` seconds; the clock comes in with each call, so tests need no sleeping."""

    def __init__(self, attempts: int, window_s: float) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str, now_s: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now_s - self.window_s:
            failures.popleft()
        return failures

    def retry_after_s(self, keys: tuple[str, ...], now_s: float) -> float:
        """0 when a login may be tried now; else the seconds until one of ``keys`` frees up."""
        waits = []
        for key in keys:
            failures = self._recent(key, now_s)
            if len(failures) >= self.attempts:
                waits.append(failures[0] + self.window_s - now_s)
        return max(waits, default=0.0)

    def failed(self, keys: tuple[str, ...], now_s: float) -> None:
        for key in keys:
            self._recent(key, now_s).append(now_s)

    def succeeded(self, keys: tuple[str, ...]) -> None:
        for key in keys:
            self._failures.pop(key, None)


def new_csrf_token() -> str:
    """A token for one session's forms."""
    return secrets.token_urlsafe(32)


def csrf_matches(expected: object, given: object) -> bool:
    """Whether a form's token is the session's (compared in constant time)."""
    return (
        isinstance(expected, str)
        and isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(expected.encode(), given.encode())
    )
