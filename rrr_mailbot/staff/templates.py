"""The jinja2 environment of the mail staff-side jobs write (digests, reminders).

Configured like the replies' (rrr_mailbot.replies): HTML autoescaped, undefined names an error,
templates read once; the replies' ``filesize`` filter is there so reminders can import a
language's ``_formats.j2``.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from rrr_mailbot.errors import ConfigError
from rrr_mailbot.replies import template_environment

PARTS = ("subject", "txt", "html")
FALLBACK_LANGUAGE = "en"


def staff_environment(templates_dir: Path) -> jinja2.Environment:
    """A template environment over ``templates_dir``: the replies' own settings."""
    return template_environment(templates_dir)


def languages_with(templates_dir: Path, kind: str) -> tuple[str, ...]:
    """The language folders that hold all three templates of ``kind``."""
    if not templates_dir.is_dir():
        return ()
    return tuple(
        sorted(
            folder.name
            for folder in templates_dir.iterdir()
            if all((folder / f"{kind}.{part}.j2").is_file() for part in PARTS)
        )
    )


def load_parts(
    env: jinja2.Environment, templates_dir: Path, language: str, kind: str
) -> list[jinja2.Template]:
    """The subject, text and HTML templates of ``kind`` in ``language``, compiled now."""
    try:
        return [env.get_template(f"{language}/{kind}.{part}.j2") for part in PARTS]
    except jinja2.TemplateError as exc:
        raise ConfigError(
            f"a {kind} template in {templates_dir / language} is broken: {exc}; fix it or "
            "restore the shipped one"
        ) from exc
