"""Intake: raw RFC 5322 bytes in, a typed ``Intake`` record out.

    parse_message(raw, call, arrival=..., size_bytes=..., truncated=..., ocr=None) -> Intake
    extract_text(data, filename, content_type) -> (text, error)

Modules: ``mime`` walks the message once; ``containers`` opens zip archives, winmail.dat and
Outlook .msg items; ``headers`` reads headers leniently (addresses, dates, arrival, auto-reply
signals); ``text`` reads documents and bodies; ``ocr`` recognises scans and photos. No clock and
no I/O of its own, except what the OCR engine passed in does (Tesseract, its cache folder) and
catdoc for legacy Word files; malformed input never raises.
"""

from __future__ import annotations

from rrr_mailbot.intake.mime import parse_message
from rrr_mailbot.intake.text import extract_text

__all__ = ["extract_text", "parse_message"]
