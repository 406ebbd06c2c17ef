"""The live service (IMAP from Dovecot, OCR, PostgreSQL) decides every message of a blind corpus
exactly as `rrr-mailbot check` does: the same outcome and the same file for each document.

The messages are APPENDed with their arrival (the newest Received header) as INTERNALDATE, so the
deadline reads the same for both. Each has its own sender, so the service's knowledge of earlier
messages (applications across messages) plays no part: `check` judges one message alone. (The
corpus has several messages from one city; here each case gets a sender of its own.)
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from rrr_mailbot.check import check_message
from rrr_mailbot.config import data_path, load_settings
from rrr_mailbot.intake import parse_message
from rrr_mailbot.intake.ocr import TesseractOcr
from rrr_mailbot.model import IncomingMessage, Outcome
from rrr_mailbot.replies import ReplyRenderer
from tests.integration.service_helpers import ServiceStack

CORPUS = Path(__file__).parents[1] / "data" / "holdout5"
# One of each kind of evidence: fillable forms, table forms, scans and photos read by OCR,
# extras that must not fill a slot, a machine's mail, a late one, a forwarded .eml.
CASES = (
    "en_chicago_template_named_fillable_filled",
    "es_bilbao_fillable_form_empty",
    "es_malaga_docx_table_blank",
    "en_leeds_scanned_letter",
    "en_chicago_photo_letter_exif_rotated",
    "es_sevilla_photo_of_town_hall",
    "es_valencia_scan_is_budget",
    "en_chicago_form_docx_is_cv",
    "en_columbus_form_plus_cover_letter",
    "es_murcia_scan_both_in_one",
    "es_sevilla_eml_as_octet_stream",
    "bounce_exchange_undeliverable_quoting_application",
    "us_columbus_late_one_hour",
    "ca_barcelona_docx_both",
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


_FROM = re.compile(rb"^From:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.MULTILINE | re.IGNORECASE)


def _own_sender(raw: bytes, name: str) -> bytes:
    """The message with a From address of its own (the first From line of its header block)."""
    head, sep, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    address = f"From: Case <{name.replace('_', '-')}@cases.example>".encode()
    return _FROM.sub(address, head, count=1) + sep + body


def _nfc(name: str | None) -> str | None:
    return None if name is None else unicodedata.normalize("NFC", name)


def test_the_service_decides_as_check_does(stack: ServiceStack) -> None:
    config = stack.write_config()
    settings = load_settings(config, env=stack.env())
    call = settings.call
    renderer = ReplyRenderer(call, data_path("templates"))
    ocr = TesseractOcr.from_settings(settings.ocr, stack.workdir / "check", disk_cache=False)
    expected: dict[str, tuple[str, dict[str, str | None]]] = {}
    for name in CASES:
        raw = (CORPUS / f"{name}.eml").read_bytes()
        if not name.startswith("bounce_"):  # a bounce is known by its sender, among others
            raw = _own_sender(raw, name)
        arrival = parse_message(raw, call, arrival=None, size_bytes=len(raw)).arrival
        assert arrival is not None, name
        stack.servers.append(stack.mailbox, raw, when=arrival)
        message = IncomingMessage(name, raw, len(raw), arrival=arrival)
        report = check_message(message, call, renderer, NOW, ocr=ocr).as_json()
        intake = parse_message(raw, call, arrival=arrival, size_bytes=len(raw))
        key = (intake.from_address or "").lower()
        assert key not in expected, f"{name}: two cases with one sender"
        documents = {k: _nfc(v) for k, v in (report["documents"] or {}).items()}
        expected[key] = (report["decision"], documents)
    # The corpus's own judgement is not the point here, but the cases must still test something.
    decisions = {d for d, _ in expected.values()}
    assert {"accepted", "incomplete", "late", "ignored"} <= decisions

    result = stack.run_once(config, timeout_s=240)
    assert result.returncode == 0, result.stderr[-3000:]

    ledger = stack.ledger()
    try:
        recorded = ledger.recorded_messages()
    finally:
        ledger.close()
    got: dict[str, tuple[str, dict[str, str | None]]] = {}
    for row in recorded:
        roles: dict[str, str | None] = dict.fromkeys(call.document_ids)
        if row.outcome is not Outcome.IGNORED:
            for doc in row.documents:
                roles[doc.role] = _nfc(doc.filename or "")
        got[row.sender or ""] = (
            row.outcome.value,
            roles if row.outcome is not Outcome.IGNORED else {},
        )
    assert len(got) == len(CASES)
    differences = []
    for key, (decision, documents) in expected.items():
        live = got.get(key)
        want = (decision, documents if decision != "ignored" else {})
        if live != want:
            differences.append(f"{key}: check {want}, service {live}")
    assert not differences, "\n".join(differences)
