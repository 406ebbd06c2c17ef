"""Reminders: one mail to each applicant whose application is still incomplete shortly before the
deadline, naming what is missing and the time left.

Off unless ``[staff] reminders = true``. ``due_reminders`` is pure: from ``reminder_hours_before``
hours before the deadline until the deadline, every application that has a document missing, no
message after the deadline, and a reply address we already answered. Each is queued in the outbox
under the period key ``reminder:<call>:<application>``, unique, so an applicant is reminded at most
once, whatever restarts or instances do; one that completed its application is no longer due, and
nothing is queued at or after the deadline. The reminder goes to the address our last reply went
to, in that message's language when we have templates for it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from rrr_mailbot.config import CallSettings, Settings, StaffSettings, data_path
from rrr_mailbot.errors import ConfigError
from rrr_mailbot.model import require_aware
from rrr_mailbot.ports import OutgoingMail
from rrr_mailbot.replies import single_line
from rrr_mailbot.staff.applications import Application, State, fold_all
from rrr_mailbot.staff.templates import (
    FALLBACK_LANGUAGE,
    languages_with,
    load_parts,
    staff_environment,
)
from rrr_mailbot.store.ledger import Ledger

logger = logging.getLogger(__name__)

REMINDER_KIND = "reminder"
_POLICY = SMTP.clone(max_line_length=998)
_MAX_NAME_CHARS = 120


def reminder_key(call: CallSettings, application: Application) -> str:
    """The outbox key of an application's one reminder."""
    return f"{REMINDER_KIND}:{call.id}:{application.key}"


def reminder_window(call: CallSettings, staff: StaffSettings) -> tuple[datetime, datetime]:
    """[start, end): when reminders may be queued."""
    end = call.deadline_utc
    return end - timedelta(hours=staff.reminder_hours_before), end


def due_reminders(
    applications: Sequence[Application], call: CallSettings, staff: StaffSettings, now: datetime
) -> list[Application]:
    """The applications to remind at ``now``; see the module docstring."""
    require_aware(now, "due_reminders(now)")
    start, end = reminder_window(call, staff)
    if not staff.reminders or not start <= now < end:
        return []
    return [
        a
        for a in applications
        if a.missing
        and a.state in (State.INCOMPLETE, State.NEEDS_REVIEW)
        and not a.late_documents
        and _recipient(a) is not None
    ]


def _recipient(application: Application) -> str | None:
    return next(
        (m.reply_recipient for m in reversed(application.messages) if m.reply_recipient), None
    )


def _language(application: Application) -> str | None:
    return next((m.language for m in reversed(application.messages) if m.reply_recipient), None)


class ReminderRenderer:
    """Renders reminders in every language that has ``reminder.*`` templates."""

    def __init__(self, call: CallSettings, templates_dir: Path) -> None:
        self.call = call
        self.languages = languages_with(templates_dir, REMINDER_KIND)
        if FALLBACK_LANGUAGE not in self.languages:
            raise ConfigError(
                f"no reminder templates in {templates_dir}/{FALLBACK_LANGUAGE}; reinstall "
                "rrr-mailbot or restore them"
            )
        env = staff_environment(templates_dir)
        self._templates = {
            lang: load_parts(env, templates_dir, lang, REMINDER_KIND) for lang in self.languages
        }

    def choose_language(self, hint: str | None) -> str:
        code = (hint or "").split("-")[0].split("_")[0].lower()
        if code in self.languages:
            return code
        default = self.call.default_language.split("-")[0].lower()
        return default if default in self.languages else FALLBACK_LANGUAGE

    def render(self, application: Application, *, now: datetime) -> OutgoingMail:
        """The reminder for ``application`` (which must have a reply address)."""
        require_aware(now, "ReminderRenderer.render(now)")
        to = _recipient(application)
        if to is None:
            raise ValueError(f"application {application.key} has no reply address to remind")
        call = self.call
        language = self.choose_language(_language(application))
        subject, text, html = (
            t.render(self._context(application, language, now)) for t in self._templates[language]
        )
        key = reminder_key(call, application)
        token = hashlib.sha256(key.encode()).hexdigest()
        domain = call.reply_from.rpartition("@")[2].lower() or "localhost"
        message_id = f"<reminder.{token[:24]}@{domain}>"
        mail = EmailMessage(policy=_POLICY)
        mail["From"] = Address(display_name=call.reply_from_name, addr_spec=call.reply_from)
        mail["To"] = to
        mail["Subject"] = single_line(subject, 250)
        mail["Date"] = format_datetime(now)
        mail["Message-ID"] = message_id
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Auto-Response-Suppress"] = "All"
        mail["X-RRR-Reference"] = application.references[0]
        mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
        mail.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
        mail["Content-Language"] = language
        mail.set_boundary(f"=_rrr_reminder_{token[24:52]}")
        return OutgoingMail(
            message_id=message_id,
            envelope_from=call.reply_from,
            recipients=(to,),
            data=mail.as_bytes(),
        )

    def _context(self, application: Application, language: str, now: datetime) -> dict[str, Any]:
        call = self.call
        zone = call.zone
        labels = {rule.id: rule.label for rule in call.documents}
        left_s = max((call.deadline_utc - now).total_seconds(), 0)
        name = next((m.sender_name for m in application.messages if m.sender_name), None)
        return {
            "language": language,
            "call_name": call.name,
            "call_url": call.url,
            "zone": call.timezone,
            "applicant_name": single_line(name or "", _MAX_NAME_CHARS) or None,
            "reference": application.references[0],
            "references": list(application.references),
            "deadline": call.deadline_utc.astimezone(zone),
            "hours_left": int(left_s // 3600),
            "minutes_left": int(left_s % 3600 // 60),
            "missing": [{"role": r, "label": labels.get(r, r)} for r in application.missing],
            "documents": [
                {
                    "role": role,
                    "label": labels.get(role, role),
                    "filename": single_line(version.filename or "", 200) or "(unnamed)",
                    "reference": version.reference,
                }
                for role in call.document_ids
                if (version := application.current.get(role)) is not None
            ],
        }


@dataclass(frozen=True)
class ReminderJob:
    """The scheduler's reminder job: queue every due reminder not queued before."""

    ledger: Ledger
    call: CallSettings
    staff: StaffSettings
    renderer: ReminderRenderer

    def run(self, now: datetime) -> list[str]:
        """Queue the reminders due at ``now``; the keys queued by this run."""
        start, end = reminder_window(self.call, self.staff)
        if not self.staff.reminders or not start <= now < end:
            return []
        applications = fold_all(
            self.ledger.recorded_messages(),
            required=self.call.document_ids,
            deadline=self.call.deadline_utc,
        )
        queued = []
        for application in due_reminders(applications, self.call, self.staff, now):
            key = reminder_key(self.call, application)
            if self.ledger.staff_mail(key) is not None:
                continue
            mail = self.renderer.render(application, now=now)
            if self.ledger.enqueue_staff_mail(
                period_key=key, kind=REMINDER_KIND, mail=mail, now=now
            ):
                queued.append(key)
                logger.info(
                    "reminder queued for %s (%s missing)",
                    mail.recipients[0],
                    ", ".join(application.missing),
                    extra={"action": "reminder.queued", "period": key},
                )
        return queued


def reminder_job(settings: Settings, ledger: Ledger) -> ReminderJob:
    """The scheduler's reminder job for ``settings``."""
    renderer = ReminderRenderer(settings.call, data_path("templates"))
    return ReminderJob(ledger, settings.call, settings.staff, renderer)
