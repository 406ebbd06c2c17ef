"""Writing a web user's password hash into the config file's ``[web.users]`` table.

The file is edited as text, not re-serialised, so the operator's comments and layout stay: the
user's line is replaced where it is, or added under ``[web.users]`` (the table is appended at
the end when there is none).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from rrr_mailbot.errors import ConfigError
from rrr_mailbot.files import write_atomically

USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_TABLE = re.compile(r"^\s*\[\s*web\.users\s*\]\s*(#.*)?$")
_ANY_TABLE = re.compile(r"^\s*\[")


def with_user(text: str, user: str, hashed: str) -> str:
    """``text`` (a TOML config) with ``user = "hashed"`` in its ``[web.users]`` table."""
    if not USER_NAME.fullmatch(user):
        raise ConfigError(
            f"{user!r} is not a web user name: use lower-case letters, digits, '.', '_' and '-' "
            "(up to 64, starting with a letter or digit)"
        )
    if not hashed.startswith("$argon2") or '"' in hashed or "\\" in hashed:
        raise ValueError("expected an argon2 hash")
    entry = f'{user} = "{hashed}"'
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _TABLE.match(line)), None)
    if start is None:
        tail = [] if not lines or not lines[-1].strip() else [""]
        return "\n".join([*lines, *tail, "[web.users]", entry]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if _ANY_TABLE.match(lines[i])), len(lines))
    mine = re.compile(rf'^\s*"?{re.escape(user)}"?\s*=')
    for i in range(start + 1, end):
        if mine.match(lines[i]):
            lines[i] = entry
            break
    else:
        lines.insert(start + 1, entry)
    return "\n".join(lines) + "\n"


def set_user(path: Path, user: str, hashed: str) -> None:
    """Write ``user``'s hash into the config file at ``path`` (atomically)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the config file {path}: {exc.strerror or exc}") from exc
    updated = with_user(text, user, hashed)
    try:
        tomllib.loads(updated)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: adding [web.users] would not give valid TOML ({exc}); is there an inline "
            "`web = {{...}}` or a `users = ...` key under [web]? Move the users to a "
            "[web.users] table"
        ) from exc
    try:
        write_atomically(path, updated.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write the config file {path}: {exc.strerror or exc}") from exc
