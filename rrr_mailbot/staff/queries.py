"""The one place that reads the ledger for what staff see: a snapshot of the applications.

The digest (and later the staff commands and the export) render a Snapshot; they never query the
ledger themselves, so every staff view counts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rrr_mailbot.config import CallSettings
from rrr_mailbot.doctor import read_heartbeat
from rrr_mailbot.model import require_aware
from rrr_mailbot.staff.applications import Application, RecordedMessage, fold_all, linked_key
from rrr_mailbot.staff.eligibility import eligibility_flags
from rrr_mailbot.staff.formtext import FormFacts, form_facts
from rrr_mailbot.store.ledger import Ledger, OutboxBacklog
from rrr_mailbot.store.quarantine import QuarantinedMessage, quarantined

DIGEST_KIND = "digest"


@dataclass(frozen=True)
class Health:
    """How the service is doing: its last passes (from the heartbeat) and the outbox backlog."""

    last_intake: datetime | None
    last_delivery: datetime | None
    backlog: OutboxBacklog


@dataclass(frozen=True)
class Snapshot:
    """Everything a staff view shows, read at ``taken_at``.

    ``since`` is when the previous digest was queued (None: there was none); ``changed`` holds the
    messages recorded since then, oldest first. ``facts`` maps an application key to the city,
    country and population its form names; ``hints`` to the eligibility flags those raise (keys
    with no flag left out).
    """

    taken_at: datetime
    applications: tuple[Application, ...]
    facts: dict[str, FormFacts]
    since: datetime | None
    changed: tuple[RecordedMessage, ...]
    failed_replies: tuple[RecordedMessage, ...]
    health: Health
    hints: dict[str, tuple[str, ...]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # staff links: address/@domain -> key
    # Messages whose reading broke a bound, kept unanswered for staff (store.quarantine).
    quarantined: tuple[QuarantinedMessage, ...] = ()

    def flags(self, application: Application) -> tuple[str, ...]:
        """What staff must look at: the application's review reasons, then its eligibility
        hints."""
        return application.review + self.hints.get(application.key, ())


def application_facts(application: Application, call: CallSettings) -> FormFacts:
    """City, country and population from the current files, in the call's document order (the
    form first): each from the first file that gives it."""
    found = FormFacts()
    for role in call.document_ids:
        version = application.current.get(role)
        facts = form_facts(version.text_excerpt if version else None)
        found = FormFacts(
            city=found.city or facts.city,
            country=found.country or facts.country,
            population=found.population or facts.population,
        )
        if found.city and found.country and found.population:
            break
    return found


def _parse_beat(value: str | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def previous_digest_at(ledger: Ledger, before: datetime) -> datetime | None:
    """When the last digest queued before ``before`` was queued, or None."""
    earlier = [m.created_at for m in ledger.staff_mails(kind=DIGEST_KIND) if m.created_at < before]
    return max(earlier, default=None)


def take_snapshot(
    ledger: Ledger,
    call: CallSettings,
    *,
    now: datetime,
    heartbeat: Path | None = None,
    since: datetime | None = None,
    since_last_digest: bool = True,
) -> Snapshot:
    """Read the ledger (and the heartbeat file) once. ``since`` given wins; else, with
    ``since_last_digest``, changes are counted from the previous digest."""
    require_aware(now, "take_snapshot(now)")
    require_aware(since, "take_snapshot(since)")
    messages = ledger.recorded_messages()
    links = ledger.links()
    applications = fold_all(
        messages, required=call.document_ids, deadline=call.deadline_utc, links=links
    )
    facts = {a.key: application_facts(a, call) for a in applications}
    hints = {key: eligibility_flags(found, call.eligibility) for key, found in facts.items()}
    if since is None and since_last_digest:
        since = previous_digest_at(ledger, now)
    changed = tuple(m for m in messages if since is None or m.recorded_at >= since)
    beats = read_heartbeat(heartbeat) if heartbeat is not None else {}
    return Snapshot(
        taken_at=now,
        applications=tuple(applications),
        facts=facts,
        since=since,
        changed=changed,
        failed_replies=tuple(m for m in messages if m.reply_status == "failed"),
        health=Health(
            last_intake=_parse_beat(beats.get("intake")),
            last_delivery=_parse_beat(beats.get("delivery")),
            backlog=ledger.outbox_backlog(),
        ),
        hints={key: flags for key, flags in hints.items() if flags},
        links=links,
        quarantined=tuple(quarantined(ledger)),
    )


def find_application(snapshot: Snapshot, wanted: str) -> Application | None:
    """The application a reference (of any of its messages) or an address names, or None.

    An address finds the application it is keyed by, else the one its messages joined, else the
    one a staff link (of the address or its domain) sends it to; letter case does not matter.
    """
    text = wanted.strip()
    upper, lower = text.upper(), text.lower()
    for application in snapshot.applications:
        if any(ref.upper() == upper for ref in application.references):
            return application
    for application in snapshot.applications:
        if application.key == lower:
            return application
    for application in snapshot.applications:
        if any((m.sender or "").lower() == lower for m in application.messages):
            return application
    if "@" in lower:
        key = linked_key(lower, snapshot.links)
        return next((a for a in snapshot.applications if a.key == key and key != lower), None)
    return None
