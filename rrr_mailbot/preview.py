"""`rrr-mailbot preview`: every reply an applicant can receive, in every language, for staff.

The demo's sample applicants (rrr_mailbot.demo) go through the same intake and decision as real
mail, timed against the call's own deadline so that each kind of reply comes out (a complete
application before it, one missing a document just before it, one a second late), and each
decision is rendered by the same ReplyRenderer in every language that has templates. Written
out as ``<language>/<kind>.eml`` (exactly what would be sent), ``.html`` and ``.txt`` (its two
parts, to open in a browser) and an ``index.html`` linking them all.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from rrr_mailbot.config import CallSettings
from rrr_mailbot.demo import SAMPLES, Sample
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.files import write_atomically
from rrr_mailbot.model import IncomingMessage
from rrr_mailbot.pipeline import evaluate
from rrr_mailbot.replies import KIND_BY_OUTCOME, KINDS, ReplyRenderer

# Which demo sample shows each kind of reply, and when it arrives relative to the deadline.
_SAMPLE_FOR_KIND = {
    "acknowledgement": ("complete", timedelta(days=-1)),
    "incomplete": ("missing letter", timedelta(hours=-2)),
    "late": ("late by one second", timedelta(seconds=1)),
}
_REPLY_DELAY = timedelta(seconds=30)  # the reply's Date: half a minute after arrival


@dataclass(frozen=True)
class Preview:
    """One rendered reply on disk."""

    language: str
    kind: str
    subject: str
    to: str
    eml: Path
    html: Path
    txt: Path


def _sample(name: str) -> Sample:
    return next(s for s in SAMPLES if s.name == name)


def render_previews(call: CallSettings, renderer: ReplyRenderer, out_dir: Path) -> list[Preview]:
    """Render every kind of reply in every language into ``out_dir``; returns what was written.

    Raises ConfigError when a sample is not decided as its kind needs under this call's rules
    (a call whose documents the demo's samples do not provide).
    """
    assert set(_SAMPLE_FOR_KIND) == set(KINDS), "a kind of reply has no preview sample"
    previews = []
    for kind, (name, offset) in _SAMPLE_FOR_KIND.items():
        raw = _sample(name).build(call).as_bytes()
        arrival = call.deadline_utc + offset
        message = IncomingMessage(key=name, raw=raw, size_bytes=len(raw), arrival=arrival)
        now = arrival + _REPLY_DELAY
        intake, decision, reference = evaluate(message, call, now)
        if KIND_BY_OUTCOME.get(decision.outcome) != kind:
            raise ConfigError(
                f"preview: the sample application {name!r} was decided {decision.outcome.value} "
                f"under this call's rules, so it cannot show the {kind!r} reply "
                f"({'; '.join(decision.reasons)}); preview needs a call whose documents the "
                "demo's samples provide"
            )
        for language in renderer.languages:
            rendered = renderer.render(intake, decision, reference, now=now, language=language)
            assert rendered is not None, "a sample with a reply address always gets a reply"
            previews.append(_write(out_dir, language, kind, rendered[1].data))
    return previews


def _write(out_dir: Path, language: str, kind: str, data: bytes) -> Preview:
    folder = out_dir / language
    folder.mkdir(parents=True, exist_ok=True)
    parsed = message_from_bytes(data, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    parts = {}
    for subtype in ("html", "plain"):
        body = parsed.get_body((subtype,))
        assert body is not None, f"the {kind} reply in {language} has no {subtype} part"
        parts[subtype] = body.get_content()
    paths = (folder / f"{kind}.eml", folder / f"{kind}.html", folder / f"{kind}.txt")
    write_atomically(paths[0], data)
    write_atomically(paths[1], parts["html"].encode("utf-8"))
    write_atomically(paths[2], parts["plain"].encode("utf-8"))
    return Preview(language, kind, str(parsed["Subject"]), str(parsed["To"]), *paths)


def write_index(previews: list[Preview], out_dir: Path, call: CallSettings, now: datetime) -> Path:
    """An index.html: one row per language, one column per kind of reply, links to each file."""
    languages = sorted({p.language for p in previews})
    by_cell = {(p.language, p.kind): p for p in previews}
    rows = []
    for language in languages:
        cells = []
        for kind in KINDS:
            found = by_cell.get((language, kind))
            if found is None:
                cells.append("<td>-</td>")
                continue
            links = " · ".join(
                f'<a href="{html.escape(path.relative_to(out_dir).as_posix())}">{label}</a>'
                for label, path in (("HTML", found.html), ("text", found.txt), (".eml", found.eml))
            )
            cells.append(f"<td>{html.escape(found.subject)}<br><small>{links}</small></td>")
        rows.append(f"<tr><th>{html.escape(language)}</th>{''.join(cells)}</tr>")
    head = "".join(f"<th>{html.escape(kind)}</th>" for kind in KINDS)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Replies of {html.escape(call.name)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.5em;vertical-align:top;text-align:left}</style>"
        f"</head><body><h1>Replies of {html.escape(call.name)}</h1>"
        f"<p>{len(previews)} replies: every kind in every language, for the demo's sample "
        f"applicants, rendered {html.escape(now.isoformat(timespec='seconds'))}. The .eml files "
        "are exactly what would be sent.</p>"
        f"<table><tr><th>language</th>{head}</tr>{''.join(rows)}</table></body></html>\n"
    )
    index = out_dir / "index.html"
    write_atomically(index, page.encode("utf-8"))
    return index
