"""What `rrr-mailbot check` reports for one message: decision, documents, reply; no side effects.

The JSON shape (``CheckReport.as_json``) is a stable interface that tests and tooling rely on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from typing import Any

from rrr_mailbot.config import CallSettings
from rrr_mailbot.intake.ocr import OcrEngine
from rrr_mailbot.model import Decision, IncomingMessage, Intake, Outcome
from rrr_mailbot.pipeline import evaluate
from rrr_mailbot.replies import ReplyRenderer


@dataclass(frozen=True)
class CheckReport:
    """One message's intake, decision and the reply it would get."""

    intake: Intake
    decision: Decision
    reference: str
    reply_to: str | None
    reply_subject: str | None

    def as_json(self) -> dict[str, Any]:
        """The stable `check --json` object."""
        return decision_json(self.decision, self.reference, self.reply_to, self.reply_subject)


def decision_json(
    decision: Decision, reference: str, reply_to: str | None, subject: str | None
) -> dict[str, Any]:
    """The stable `check --json` shape."""
    ignored = decision.outcome is Outcome.IGNORED
    return {
        "decision": decision.outcome.value,
        "documents": None
        if ignored
        else {k: (v.display_name if v else None) for k, v in decision.documents.items()},
        "missing": None if ignored else list(decision.missing),
        "reasons": list(decision.reasons),
        "review": list(decision.review),
        "uncertain": None if ignored else list(decision.uncertain),
        "reply": {"to": reply_to, "subject": subject} if reply_to else None,
        "reference": reference,
    }


def check_message(
    message: IncomingMessage,
    call: CallSettings,
    renderer: ReplyRenderer,
    now: datetime,
    *,
    ocr: OcrEngine | None = None,
) -> CheckReport:
    """Decide ``message`` and render (but not send) its reply; ``ocr`` reads scans and photos."""
    intake, decision, reference = evaluate(message, call, now, ocr=ocr)
    rendered = renderer.render(intake, decision, reference, now=now, language=intake.language)
    if rendered is None:
        return CheckReport(intake, decision, reference, None, None)
    headers = BytesHeaderParser(policy=default_policy).parsebytes(rendered[1].data)
    return CheckReport(intake, decision, reference, intake.reply_address, str(headers["Subject"]))
