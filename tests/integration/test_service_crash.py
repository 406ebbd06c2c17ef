"""Crashes: `rrr-mailbot run` SIGKILLed twenty times at random points while it works through 50
applications, restarted each time, then left to finish (the rounds: tests/integration/kill_rounds).

The guarantees under test (rrr_mailbot.pipeline and rrr_mailbot.store): a message is marked
processed only after its decision and reply are committed, so a crash never loses a message nor
decides it twice; a reply is claimed and committed before it is handed to SMTP, and marked started
just before, so a crash loses no reply, a restarted service sends a killed process's claims at
once (no waiting for the five-minute lease: nothing here moves a lease), and only a reply in flight
at the kill may arrive twice (same Message-ID): at most one extra copy per crash.

The seed comes from RRR_CRASH_SEED (default: a fixed one) and is printed with every kill point.
benchmarks/crash_recovery.py repeats this with many seeds and prints the figures.
"""

from __future__ import annotations

import os

import pytest

from tests.integration.kill_rounds import kill_rounds, mixed_applications
from tests.integration.service_helpers import ServiceStack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

MESSAGES = 50
KILLS = 20
SEED = int(os.environ.get("RRR_CRASH_SEED", "20210521"))
# Receipts may wait for restarts (about a second each), never for a lease (300 s).
MAX_RECEIPT_DELAY_S = 60.0


def test_sigkill_twenty_times_loses_nothing_and_answers_once(stack: ServiceStack) -> None:
    applications = mixed_applications(stack, MESSAGES)
    print(f"\ncrash test seed {SEED} (set RRR_CRASH_SEED to replay another)")
    figures = kill_rounds(stack, applications, kills=KILLS, seed=SEED)
    print(figures.summary())
    assert figures.wrong == []
    assert figures.lost == 0
    assert figures.duplicates <= figures.resent <= KILLS
    assert len(figures.delays_s) == figures.expected_replies
    assert figures.max_delay_s < MAX_RECEIPT_DELAY_S
