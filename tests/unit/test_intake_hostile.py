"""Hostile messages in CI: one cheap input of every kind of benchmarks/hostile_mail.py goes the
whole pure path (parse_message, decide, the reply renderer) without an exception escaping, and
stored documents land inside the data folder. The figures (time, memory, all 350 inputs) come
from `python -m benchmarks.hostile`; here only behaviour is asserted."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.hostile_mail import Hostile, hostile_inputs, sample
from rrr_mailbot.config import CallSettings
from rrr_mailbot.decide import decide
from rrr_mailbot.intake import parse_message
from rrr_mailbot.model import Outcome, Reading, submission_reference
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.export import safe_name
from rrr_mailbot.store.blobs import BlobStore

NOW = datetime(2021, 5, 21, 20, 0, tzinfo=UTC)
SAMPLE = sample()


def test_the_generator_covers_the_attacks_it_promises() -> None:
    inputs = hostile_inputs()
    kinds = {item.kind for item in inputs}
    assert len(inputs) >= 300 and len(kinds) >= 20
    assert len({item.name for item in inputs}) == len(inputs)  # every variant named apart
    assert {item.kind for item in SAMPLE} == kinds
    # Fixed seed: the same bytes on every run.
    first = next(i for i in inputs if i.name == "broken_encoding/b64-garbage-form.pdf")
    assert hashlib.sha256(first.build()).digest() == hashlib.sha256(first.build()).digest()


@pytest.mark.parametrize("item", SAMPLE, ids=[item.name for item in SAMPLE])
def test_a_hostile_message_is_read_decided_and_answered(
    item: Hostile, call: CallSettings, renderer: ReplyRenderer, tmp_path: Path
) -> None:
    raw = item.build()
    intake = parse_message(raw, call)
    assert intake.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert len(intake.documents) <= call.limits.max_documents
    assert all(isinstance(p, str) and p for p in intake.problems)
    for doc in intake.documents:
        # A file that could not be read safely is unread, with a reason or not at all; never text
        # from outside the message (an XML entity naming /etc/passwd).
        assert "root:x:0:0" not in (doc.text or "")
        assert doc.text is not None or doc.reading is not Reading.TEXT
    decision = decide(intake, call, NOW)
    reference = submission_reference(call.reference_prefix, intake.raw_sha256)
    rendered = renderer.render(intake, decision, reference, now=NOW)
    assert (rendered is None) == (
        decision.outcome is Outcome.IGNORED or intake.reply_address is None or rendered is None
    )
    store = BlobStore(tmp_path)
    root = tmp_path.resolve()
    for doc in intake.documents:
        stored = store.absolute(store.put(doc.data)).resolve()
        assert stored.is_relative_to(root) and stored.read_bytes() == doc.data
        exported = (root / safe_name(doc.filename, "document")).resolve()
        assert exported.parent == root, doc.filename


@pytest.mark.parametrize(
    "name",
    ["path_traversal/0-attachment", "path_traversal/2-zip-member", "path_traversal/4-attachment"],
)
def test_a_file_name_aiming_outside_the_store_is_only_a_name(name: str, call: CallSettings) -> None:
    item = next(i for i in hostile_inputs() if i.name == name)
    intake = parse_message(item.build(), call)
    assert intake.documents, intake.problems
    for doc in intake.documents:
        assert doc.filename is not None
        assert "/" not in doc.filename and "\\" not in doc.filename and "\0" not in doc.filename
