"""A delivery pass while the database goes away for a moment (a PostgreSQL restart): a reply the
server took is recorded as sent once the database is back, not sent again after its lease; replies
claimed but not yet handed over go back to the queue at once. The live version, against a real
PostgreSQL restarted mid-delivery, is tests/integration/test_faults_injected.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from rrr_mailbot.config import FileTransportSettings
from rrr_mailbot.delivery import RetryPolicy, deliver_due
from rrr_mailbot.errors import StoreError
from rrr_mailbot.store import Ledger, open_ledger
from rrr_mailbot.transports.file import FileTransport
from tests.unit.test_store import record_one

NOW = datetime(2021, 5, 22, 8, 0, tzinfo=UTC)
RETRY = RetryPolicy(max_attempts=3, base_s=1, cap_s=10)


class DatabaseAway:
    """The ledger, with the first ``failures`` calls of one method failing as a restarting
    database makes them fail."""

    def __init__(self, inner: Ledger, method: str, failures: int, after: int = 0) -> None:
        self.inner, self.method = inner, method
        self.failures, self.after = failures, after

    def __getattr__(self, name: str) -> Any:
        real = getattr(self.inner, name)
        if name != self.method:
            return real

        def flaky(*args: Any, **kwargs: Any) -> Any:
            if self.after > 0:
                self.after -= 1
            elif self.failures > 0:
                self.failures -= 1
                raise StoreError("database error while testing: the server restarted")
            return real(*args, **kwargs)

        return flaky


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "store")
    for n in range(4):
        record_one(ledger, f"r{n}", now=NOW)
    yield ledger
    ledger.close()


def _outbox(tmp_path: Path) -> FileTransport:
    return FileTransport(FileTransportSettings(outbox_dir=tmp_path / "outbox"))


def test_a_sent_reply_is_recorded_once_the_database_is_back(
    tmp_path: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    away: Any = DatabaseAway(ledger, "mark_sent", failures=2, after=1)
    with caplog.at_level(logging.WARNING, logger="rrr_mailbot.delivery"):
        report = deliver_due(away, _outbox(tmp_path), now=NOW, policy=RETRY, lease_s=30)
    assert report.sent == 4
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 4  # none sent twice
    assert ledger.outbox_counts() == {"sent": 4}
    assert "was sent, but the database cannot record it" in caplog.text


def test_a_sent_reply_the_database_never_takes_is_left_to_its_lease(
    tmp_path: Path, ledger: Ledger
) -> None:
    away: Any = DatabaseAway(ledger, "mark_sent", failures=100)
    with pytest.raises(StoreError, match="the server restarted"):
        deliver_due(away, _outbox(tmp_path), now=NOW, policy=RETRY, lease_s=1)
    # The one with the server may be out: its lease decides; the others never left.
    assert ledger.outbox_counts() == {"sending": 1, "pending": 3}


def test_claimed_replies_go_back_at_once_when_the_database_fails_before_a_send(
    tmp_path: Path, ledger: Ledger
) -> None:
    away: Any = DatabaseAway(ledger, "mark_started", failures=1, after=1)
    with pytest.raises(StoreError, match="the server restarted"):
        deliver_due(away, _outbox(tmp_path), now=NOW, policy=RETRY, lease_s=300)
    # Not held for the 300 s lease: due again now, with no copy of anything sent.
    assert ledger.outbox_counts() == {"sent": 1, "pending": 3}
    report = deliver_due(ledger, _outbox(tmp_path), now=NOW, policy=RETRY)
    assert report.sent == 3
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 4
