"""What our receiving server said about the sender's authentication (RFC 8601
Authentication-Results): SPF, DKIM and DMARC results, from the topmost such header.

The topmost header is the one our own server added on receipt: a receiving server removes or
renames headers that claim its own name further down, so results lower in the header block are
the sender's to forge and are not read. Never raises; a header that does not parse gives nothing.
"""

from __future__ import annotations

import re

from rrr_mailbot.intake.headers import Headers

_COMMENT = re.compile(r"\([^()]*\)")
_RESULT = re.compile(r"^\s*([a-z][a-z0-9_-]*)\s*=\s*([a-z]+)\b", re.IGNORECASE)
_METHODS = frozenset({"spf", "dkim", "dmarc", "arc", "bimi", "auth", "iprev"})
_MAX_HEADER_CHARS = 8_000


def authentication_results(headers: Headers) -> tuple[tuple[str, str], ...]:
    """(method, result) pairs of the topmost Authentication-Results header, in order, lower-case:
    e.g. (("spf", "pass"), ("dkim", "fail"), ("dmarc", "fail")). Empty when there is none."""
    raw = headers.raw_first("authentication-results")
    if not raw:
        return ()
    text = " ".join(raw[:_MAX_HEADER_CHARS].split())
    for _ in range(3):  # nested comments, innermost first
        text = _COMMENT.sub(" ", text)
    clauses = text.split(";")[1:]  # the first clause names the server (authserv-id)
    results = []
    for clause in clauses:
        match = _RESULT.match(clause)
        if match and match.group(1).lower() in _METHODS:
            results.append((match.group(1).lower(), match.group(2).lower()))
    return tuple(results)


def failed(results: tuple[tuple[str, str], ...], method: str) -> bool:
    """Whether ``method`` failed outright (fail; for DMARC also the policy-based "fail")."""
    return any(m == method and r == "fail" for m, r in results)
