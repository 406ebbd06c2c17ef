"""The MIME corpus: each tests/data/messages/NAME.eml against a careful human's NAME.json.

Compares what `rrr-mailbot check --json` reports (decision, document assignment, missing) with the
expectation; prints the agreement figure for the whole corpus in the session summary.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from rrr_mailbot.cli import decision_json
from rrr_mailbot.config import CallSettings, load_settings
from rrr_mailbot.model import IncomingMessage
from rrr_mailbot.pipeline import evaluate

CORPUS = Path(__file__).parents[1] / "data" / "messages"
CASES = sorted(p.stem for p in CORPUS.glob("*.eml"))
NOW = datetime(2021, 6, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def call() -> CallSettings:
    return load_settings().call


def verdict(name: str, call: CallSettings) -> dict[str, Any]:
    raw = (CORPUS / f"{name}.eml").read_bytes()
    message = IncomingMessage(key=name, raw=raw, size_bytes=len(raw))
    _intake, decision, reference = evaluate(message, call, NOW)
    return decision_json(decision, reference, None, None)


def comparable(
    expected: dict[str, Any], got: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = ["decision"]
    if expected["decision"] != "ignored":
        keys += ["documents", "missing"]
    want = {k: expected[k] for k in keys}
    have = {k: got[k] for k in keys}
    if "missing" in want:
        want["missing"] = sorted(want["missing"] or [])
        have["missing"] = sorted(have["missing"] or [])
    return want, have


def test_corpus_is_present() -> None:
    assert len(CASES) >= 50, "the corpus should hold at least 50 cases"


@pytest.mark.parametrize("name", CASES)
def test_case_agrees_with_a_careful_human(name: str, call: CallSettings) -> None:
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    got = verdict(name, call)
    want, have = comparable(expected, got)
    assert have == want, f"{name}: {expected.get('why', '')}\nreasons: {got['reasons']}"
    if expected.get("review") is True:
        assert got["review"], f"{name}: a careful human would want staff to look"
