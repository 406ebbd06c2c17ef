"""The staff digest: a snapshot of the applications rendered into one email, no I/O.

``render_digest(snapshot, call, now=..., period_key=...)`` gives a multipart message::

    multipart/mixed
      multipart/alternative
        text/plain            totals, changes, every application, failed replies, health,
                              and the submissions-by-day table
        multipart/related
          text/html           the same, with the chart inline (cid:)
          image/png           submissions over time by state (matplotlib, Agg backend)
      text/csv                every application, one row each

Templates are ``templates/<language>/digest.{subject,txt,html}.j2`` in the staff language (the
``[staff] language``, else the call's default_language, else en). The same snapshot, time and
period give the same bytes (Message-ID and boundaries are derived from the period key), so the
outbox can send it again after a crash as the very same mail.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from rrr_mailbot.config import CallSettings
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import require_aware
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.staff.applications import STATES, Application, State, group_key
from rrr_mailbot.staff.queries import Snapshot
from rrr_mailbot.staff.templates import (
    FALLBACK_LANGUAGE,
    languages_with,
    load_parts,
    staff_environment,
)

_POLICY = SMTP.clone(max_line_length=998)
STATE_LABELS = {
    State.COMPLETE: "complete",
    State.INCOMPLETE: "incomplete",
    State.LATE: "late",
    State.NEEDS_REVIEW: "needs review",
}
# One colour per state, the same in every chart (colour-blind-safe Okabe-Ito hues).
STATE_COLOURS = {
    State.COMPLETE: "#009E73",
    State.INCOMPLETE: "#E69F00",
    State.LATE: "#D55E00",
    State.NEEDS_REVIEW: "#0072B2",
}
CSV_FIELDS = (
    "application",
    "state",
    "city",
    "country",
    "first_arrival_utc",
    "completed_utc",
    "missing",
    "review",
    "messages",
    "eligibility",
)


@dataclass(frozen=True)
class DayCounts:
    """Applications first received on one local day, by their state now."""

    day: date
    counts: dict[State, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def submissions_by_day(snapshot: Snapshot, call: CallSettings) -> list[DayCounts]:
    """Applications counted on the local day of their first message, by current state; the chart
    and the plain-text table both come from this, so they cannot disagree."""
    by_day: dict[date, Counter[State]] = {}
    for application in snapshot.applications:
        first = application.messages[0].when.astimezone(call.zone).date()
        by_day.setdefault(first, Counter())[application.state] += 1
    return [
        DayCounts(day, {state: counts[state] for state in STATES})
        for day, counts in sorted(by_day.items())
    ]


def chart_png(days: list[DayCounts]) -> bytes:
    """Stacked bars of ``days`` by state as a PNG (matplotlib's Agg backend: no display)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(8, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(days)))
    bottoms = [0] * len(days)
    for state in STATES:
        heights = [d.counts[state] for d in days]
        axes.bar(
            positions,
            heights,
            bottom=bottoms,
            color=STATE_COLOURS[state],
            label=STATE_LABELS[state],
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    step = max(1, len(days) // 12)
    axes.set_xticks(positions[::step], [d.day.strftime("%d %b") for d in days][::step])
    axes.set_ylabel("applications")
    axes.set_title("Applications by day of first message, by state now")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    # Below the axes, so the legend never hides a bar.
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(STATES), frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    # No software or date metadata: the same counts give the same bytes.
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def applications_csv(snapshot: Snapshot, call: CallSettings) -> bytes:
    """Every application as CSV (UTF-8 with BOM, so spreadsheet programs read accents right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    doc_ids = call.document_ids
    writer.writerow(
        [*CSV_FIELDS[:6], *(f"{d}_file" for d in doc_ids), *(f"{d}_message" for d in doc_ids),
         *CSV_FIELDS[6:]]
    )  # fmt: skip
    for application in snapshot.applications:
        facts = snapshot.facts.get(application.key)
        current = application.current
        writer.writerow(
            [
                application.key,
                application.state.value,
                (facts.city if facts else None) or "",
                (facts.country if facts else None) or "",
                _iso(application.first_arrival),
                _iso(application.completed_at),
                *((current[d].filename or "") if d in current else "" for d in doc_ids),
                *(current[d].reference if d in current else "" for d in doc_ids),
                " ".join(application.missing),
                "; ".join(application.review),
                " ".join(application.references),
                "; ".join(snapshot.hints.get(application.key, ())),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


class DigestRenderer:
    """Renders digests from the templates folder; templates are read once, when it is built."""

    def __init__(self, call: CallSettings, templates_dir: Path, language: str | None = None):
        self.call = call
        available = languages_with(templates_dir, "digest")
        wanted = (language or call.default_language).split("-")[0].lower()
        self.language = next((x for x in (wanted, FALLBACK_LANGUAGE) if x in available), "")
        if not self.language:
            raise ConfigError(
                f"no digest templates in {templates_dir}/{FALLBACK_LANGUAGE} (digest.subject.j2, "
                "digest.txt.j2, digest.html.j2); reinstall rrr-mailbot or restore them"
            )
        env = staff_environment(templates_dir)
        self._templates = load_parts(env, templates_dir, self.language, "digest")

    def render(self, snapshot: Snapshot, *, period_key: str, now: datetime) -> EmailMessage:
        """The digest for ``snapshot`` as an email to the call's staff addresses (no To header
        when the call has none: ``digest --print`` still works)."""
        require_aware(now, "DigestRenderer.render(now)")
        call = self.call
        days = submissions_by_day(snapshot, call)
        token = hashlib.sha256(period_key.encode()).hexdigest()
        domain = call.reply_from.rpartition("@")[2].lower() or "localhost"
        chart_cid = f"chart.{token[:16]}@{domain}"
        context = self._context(snapshot, days, now, chart_cid)
        subject, text, html = (template.render(context) for template in self._templates)

        mail = EmailMessage(policy=_POLICY)
        mail["From"] = Address(display_name=call.reply_from_name, addr_spec=call.reply_from)
        if call.staff:
            mail["To"] = ", ".join(call.staff)
        mail["Subject"] = " ".join(subject.split())
        mail["Date"] = format_datetime(now)
        mail["Message-ID"] = f"<digest.{token[:24]}@{domain}>"
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Auto-Response-Suppress"] = "All"
        mail["X-RRR-Digest"] = period_key
        mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
        mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
        html_part = next(p for p in mail.iter_parts() if p.get_content_type() == "text/html")
        assert isinstance(html_part, EmailMessage)
        html_part.add_related(
            chart_png(days), "image", "png", cid=f"<{chart_cid}>", filename="submissions.png"
        )
        mail.add_attachment(
            applications_csv(snapshot, call),
            "text",
            "csv",
            filename=f"{call.id}-applications-{now.astimezone(call.zone):%Y%m%d-%H%M}.csv",
        )
        mail["Content-Language"] = self.language
        # Fixed boundaries keep re-renders byte-identical (see replies.py for why "=_" is safe).
        for index, part in enumerate(p for p in mail.walk() if p.is_multipart()):
            part.set_boundary(f"=_rrr_digest_{index}_{token[24:48]}")
        return mail

    def outgoing(self, snapshot: Snapshot, *, period_key: str, now: datetime) -> OutgoingMail:
        """The rendered digest as the outbox keeps it; ConfigError when there is nobody to send
        it to."""
        if not self.call.staff:
            raise ConfigError(
                "the call has no staff addresses to send the digest to; set [call] staff"
            )
        mail = self.render(snapshot, period_key=period_key, now=now)
        return OutgoingMail(
            message_id=str(mail["Message-ID"]),
            envelope_from=self.call.reply_from,
            recipients=tuple(self.call.staff),
            data=mail.as_bytes(),
        )

    def _context(
        self, snapshot: Snapshot, days: list[DayCounts], now: datetime, chart_cid: str
    ) -> dict[str, Any]:
        call = self.call
        zone = call.zone
        labels = {rule.id: rule.label for rule in call.documents}
        by_key = {a.key: a for a in snapshot.applications}
        totals = Counter(a.state for a in snapshot.applications)
        left_s = (call.deadline_utc - now).total_seconds()
        backlog = snapshot.health.backlog

        def local(value: datetime | None) -> datetime | None:
            return value.astimezone(zone) if value else None

        def describe(application: Application) -> dict[str, Any]:
            facts = snapshot.facts.get(application.key)
            return {
                "key": application.key,
                "sender": application.sender or application.key,
                "state": application.state.value,
                "state_label": STATE_LABELS[application.state],
                "city": facts.city if facts else None,
                "country": facts.country if facts else None,
                "missing": [labels.get(m, m) for m in application.missing],
                "review": list(application.review),
                "eligibility": list(snapshot.hints.get(application.key, ())),
                "documents": [
                    {
                        "label": labels.get(role, role),
                        "filename": version.filename or "(unnamed)",
                        "reference": version.reference,
                    }
                    for role in call.document_ids
                    if (version := application.current.get(role)) is not None
                ],
                "superseded": len(application.superseded),
                "late_documents": [
                    {
                        "label": labels.get(v.role, v.role),
                        "filename": v.filename or "(unnamed)",
                        "reference": v.reference,
                    }
                    for v in application.late_documents
                ],
                "first_arrival": local(application.first_arrival),
                "references": list(application.references),
            }

        return {
            "call_name": call.name,
            "zone": call.timezone,
            "now": now.astimezone(zone),
            "deadline": call.deadline_utc.astimezone(zone),
            "closed": left_s <= 0,
            "left_days": int(abs(left_s) // 86400),
            "left_hours": int(abs(left_s) % 86400 // 3600),
            "since": local(snapshot.since),
            "total": len(snapshot.applications),
            "totals": [
                {"state": s.value, "label": STATE_LABELS[s], "count": totals[s]} for s in STATES
            ],
            "changes": [
                {
                    "reference": m.reference,
                    "sender": m.sender or "(no sender)",
                    "recorded_at": m.recorded_at.astimezone(zone),
                    "outcome": m.outcome.value,
                    "state_label": STATE_LABELS[by_key[group_key(m)].state]
                    if group_key(m) in by_key
                    else "ignored (not an application)",
                }
                for m in snapshot.changed
            ],
            "applications": [describe(a) for a in snapshot.applications],
            "failed": [
                {
                    "reference": m.reference,
                    "sender": m.sender or "(no sender)",
                    "kind": m.reply_kind or "reply",
                    "error": m.reply_error or "",
                }
                for m in snapshot.failed_replies
            ],
            "quarantined": [
                {
                    "reference": q.reference,
                    "sender": q.sender or "(no sender)",
                    "subject": q.subject or "(no subject)",
                    "reason": q.reason,
                    "detail": q.detail,
                    "attempts": q.attempts,
                    "at": local(q.quarantined_at),
                }
                for q in snapshot.quarantined
            ],
            "last_intake": local(snapshot.health.last_intake),
            "last_delivery": local(snapshot.health.last_delivery),
            "backlog": backlog.waiting,
            "oldest_waiting": local(backlog.oldest_created_at),
            "states": [{"state": s.value, "label": STATE_LABELS[s]} for s in STATES],
            "days": [
                {"day": d.day, "counts": [d.counts[s] for s in STATES], "total": d.total}
                for d in days
            ],
            "chart_cid": chart_cid,
        }
