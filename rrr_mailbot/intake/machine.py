"""Machine-sent mail that carries none of the usual headers, recognised by its subject and body.

Out-of-office replies, read receipts and bounces are often written by servers that set no
Auto-Submitted, Precedence or report content type. What still gives them away is their shape:

    subject     starts with the machine's own prefix ("Automatic reply:", "Undeliverable:",
                "Lu :"), a cue followed by ":" "-" "(" or nothing more. A cue elsewhere in the
                subject ("Application form - automatic reply requested?") says nothing.
    body        a machine's stock sentence near the top ("I am currently out of the office",
                "This is the mail system at host"), trusted ONLY when the message carries no
                candidate documents and no cloud links: a person sending an application may well
                write that they will be away.
    read        a receipt needs both its subject prefix and its stock text, and no documents.

The phrases are the call's configuration (``[call.machine_mail]``), folded once per call.
Each rule returns one short, stable signal string; the decision quotes it as a reason.
"""

from __future__ import annotations

import re

from rrr_mailbot.config import FoldedMachineCues, fold_phrase

AUTO_REPLY_SUBJECT = "auto-reply subject"
AUTO_REPLY_TEXT = "auto-reply text"
READ_RECEIPT_PART = "read receipt (message/disposition-notification)"
READ_RECEIPT_TEXT = "read receipt subject and text"
BOUNCE_SUBJECT = "bounce subject"
BOUNCE_TEXT = "bounce text"

# Machines put their sentence first; further down, a person may be quoting one.
BODY_WINDOW_CHARS = 1500
# Inbound gateways tag subjects ("[EXTERNAL] Automatic reply: ..."); the machine's prefix follows.
_GATEWAY_TAGS = re.compile(r"^(?:\s*\[[^\]]{0,40}\])+\s*")
_PREFIX_ENDS = frozenset(":-(\u2013\u2014\uff1a")  # colon, hyphen, paren, en/em dash, full-width :


def content_signals(
    subject: str,
    body: str,
    *,
    has_documents: bool,
    read_report_part: bool,
    cues: FoldedMachineCues,
) -> list[str]:
    """Why the subject and body say a machine wrote this message (empty for a person's mail).

    ``has_documents`` is true when the message holds a candidate document or a cloud link; body
    text alone then never makes a message machine-sent. ``read_report_part`` is true when the
    walk met a message/disposition-notification part at the top level.
    """
    signals: list[str] = []
    folded_subject = _GATEWAY_TAGS.sub("", fold_phrase(subject))
    top = fold_phrase(_unquoted(body[: BODY_WINDOW_CHARS * 2]))[:BODY_WINDOW_CHARS]
    if subject_prefix(folded_subject, cues.auto_reply_subjects):
        signals.append(AUTO_REPLY_SUBJECT)
    if subject_prefix(folded_subject, cues.bounce_subjects):
        signals.append(BOUNCE_SUBJECT)
    if read_report_part:
        signals.append(READ_RECEIPT_PART)
    if has_documents:
        return signals
    if any(contains_phrase(top, cue) for cue in cues.auto_reply_bodies):
        signals.append(AUTO_REPLY_TEXT)
    if any(contains_phrase(top, cue) for cue in cues.bounce_bodies):
        signals.append(BOUNCE_TEXT)
    if subject_prefix(folded_subject, cues.read_receipt_subjects) and any(
        contains_phrase(top, cue) for cue in cues.read_receipt_bodies
    ):
        signals.append(READ_RECEIPT_TEXT)
    return signals


def _unquoted(body: str) -> str:
    """The body without quoted lines ("> ..."): a machine writes its sentence, never quotes it."""
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith(">"))


def subject_prefix(folded_subject: str, cues: tuple[str, ...]) -> str | None:
    """The cue the (folded) subject starts with as a machine's prefix, or None.

    The cue must be the whole subject or be followed by one of ``: - ( – —``, spaces allowed
    before it ("Lu : ..."): "Absence: ..." is a prefix, "Absence of the mayor" is not.
    """
    for cue in cues:
        if not folded_subject.startswith(cue):
            continue
        rest = folded_subject[len(cue) :].lstrip()
        if not rest or rest[0] in _PREFIX_ENDS:
            return cue
    return None


def contains_phrase(folded_text: str, cue: str) -> bool:
    """Whether a folded text holds the folded cue as whole words (not inside a longer word)."""
    start = folded_text.find(cue)
    while start != -1:
        end = start + len(cue)
        before = folded_text[start - 1] if start else " "
        after = folded_text[end] if end < len(folded_text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = folded_text.find(cue, start + 1)
    return False
