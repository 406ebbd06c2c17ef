"""The canary: a test message the service sends to the call's own address on a schedule, to
prove that mail sent there reaches the mailbox it reads and gets processed. When one has not come
back (been recorded in the ledger) within ``[service] canary_timeout_min``, staff get an alert
through the outbox, once per canary.

The same message is what `rrr-mailbot doctor --send-test` sends by hand. It comes from our own
address, so the service records it as ignored and never answers it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from rrr_mailbot.config import CallSettings, Settings
from rrr_mailbot.ports import OutgoingMail, Transport
from rrr_mailbot.store import Ledger

logger = logging.getLogger(__name__)

CANARY_HEADER = "X-RRR-Canary"
ALERT_KIND = "alert"


def canary_message(call: CallSettings, *, purpose: str) -> tuple[str, OutgoingMail]:
    """(token, mail): a test message from the call's address to itself, marked with a token."""
    address = call.reply_from
    token = secrets.token_hex(8)
    message = EmailMessage()
    message["From"] = address
    message["To"] = address
    message["Subject"] = f"rrr-mailbot test message {token}"
    message["Message-ID"] = make_msgid("rrr-canary", domain=address.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message[CANARY_HEADER] = token
    message.set_content(
        f"A test message from {purpose}: it checks that mail sent to this address reaches the "
        "mailbox the service reads. Nobody needs to answer it.\n"
    )
    mail = OutgoingMail(str(message["Message-ID"]), address, (address,), message.as_bytes())
    return token, mail


def alert_message(
    call: CallSettings, message_id: str, sent_at: datetime, now: datetime
) -> OutgoingMail:
    """The staff alert for a canary that did not come back."""
    local = sent_at.astimezone(call.zone)
    message = EmailMessage()
    message["From"] = call.reply_from
    message["To"] = ", ".join(call.staff)
    message["Subject"] = f"[{call.reference_prefix}] rrr-mailbot: a test message did not come back"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("rrr-alert", domain=call.reply_from.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(
        f"rrr-mailbot sent a test message {message_id} to {call.reply_from} at "
        f"{local:%Y-%m-%d %H:%M %Z}, and it has not been processed since.\n\n"
        "Applications sent to that address may not be reaching the mailbox the service reads, or "
        "the service may not be reading it. Check, in this order:\n"
        "  - the service's log (action words intake.retry, intake.reconnect);\n"
        "  - `rrr-mailbot doctor --send-test`, which sends the same message and waits for it;\n"
        "  - where mail to that address is delivered (its MX, forwarding rules, spam filters).\n"
    )
    return OutgoingMail(str(message["Message-ID"]), call.reply_from, call.staff, message.as_bytes())


class CanaryJob:
    """Sends a canary every ``interval`` and alerts staff about any not back after ``timeout``."""

    def __init__(
        self,
        ledger: Ledger,
        call: CallSettings,
        transport: Callable[[], Transport],
        *,
        interval: timedelta,
        timeout: timedelta,
    ) -> None:
        self.ledger = ledger
        self.call = call
        self.transport = transport
        self.interval = interval
        self.timeout = timeout

    def run(self, now: datetime) -> list[str]:
        """One check: alerts queued (their keys), then a new canary if one is due."""
        queued = []
        for message_id, sent_at in self.ledger.canaries_not_back(now - self.timeout):
            key = f"canary-alert:{message_id}"
            if not self.call.staff:
                logger.error(
                    "test message %s sent at %s has not come back; no staff address to tell",
                    message_id,
                    sent_at,
                    extra={"action": "canary.missing"},
                )
                continue
            mail = alert_message(self.call, message_id, sent_at, now)
            if self.ledger.enqueue_staff_mail(period_key=key, kind=ALERT_KIND, mail=mail, now=now):
                logger.warning(
                    "test message %s has not come back; staff alerted",
                    message_id,
                    extra={"action": "canary.missing", "period": key},
                )
                queued.append(key)
        last = self.ledger.last_canary_at()
        if last is None or now - last >= self.interval:
            _, mail = canary_message(self.call, purpose="the rrr-mailbot service's canary")
            sender = self.transport()
            try:
                sender.send(mail)
            finally:
                sender.close()
            self.ledger.record_canary(mail.message_id, now)
            logger.info("test message %s sent", mail.message_id, extra={"action": "canary.sent"})
        return queued


def canary_job(settings: Settings, ledger: Ledger) -> CanaryJob | None:
    """The scheduler's canary job, or None when ``[service] canary_interval_h`` is not set."""
    from rrr_mailbot.app import build_transport

    service = settings.service
    if service.canary_interval_h is None:
        return None
    return CanaryJob(
        ledger,
        settings.call,
        lambda: build_transport(settings),
        interval=timedelta(hours=service.canary_interval_h),
        timeout=timedelta(minutes=service.canary_timeout_min),
    )
