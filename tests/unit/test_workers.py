"""The reader pool: every way a reading can break a bound comes back as a failure with its reason,
in the order the messages were given, and the pool goes on reading the next."""

from __future__ import annotations

import ctypes
import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from imapclient.fixed_offset import FixedOffset

from rrr_mailbot.config import CallSettings
from rrr_mailbot.demo import SAMPLES
from rrr_mailbot.errors import ReaderError
from rrr_mailbot.intake.ocr import BudgetedOcr, OcrResult
from rrr_mailbot.intake.workers import (
    CPU,
    CRASHED,
    ERROR,
    MEMORY,
    TIMEOUT,
    ReaderPool,
    ReadFailure,
    WorkerLimits,
    read_inline,
)
from rrr_mailbot.model import IncomingMessage, Intake, Reading
from rrr_mailbot.pipeline import MessageReader

LIMITS = WorkerLimits(timeout_s=2.0, memory_mb=100, cpu_s=1.0)


@dataclass(frozen=True)
class Hostile:
    """Reads a message by doing what its key says; a good one reads as its key in capitals."""

    def __call__(self, message: IncomingMessage) -> Intake:
        match message.key:
            case "sleep":
                time.sleep(60)
            case "allocate":
                bytearray(2**30)
            case "exit":
                os._exit(3)
            case "segfault":
                ctypes.string_at(0)
            case "spin":
                while True:
                    pass
            case "raise":
                raise ValueError("the parser tripped")
            case "arrival":
                assert message.arrival is not None
                return message.arrival.isoformat()  # type: ignore[return-value]
        return message.key.upper()  # type: ignore[return-value]  # tests need no real Intake


def message(key: str) -> IncomingMessage:
    return IncomingMessage(key, f"Subject: {key}\r\n\r\nbody".encode(), 20)


@pytest.fixture
def pool() -> Iterator[ReaderPool]:
    with ReaderPool(Hostile(), LIMITS, workers=2) as pool:
        yield pool


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("sleep", TIMEOUT),
        ("allocate", MEMORY),
        ("exit", CRASHED),
        ("segfault", CRASHED),
        ("spin", CPU),
        ("raise", ERROR),
    ],
)
def test_a_broken_bound_is_a_failure_with_its_reason_and_the_pool_reads_on(
    pool: ReaderPool, key: str, reason: str
) -> None:
    if key == "spin":  # the CPU limit, not the wall time, must stop it on a busy machine
        pool.limits = WorkerLimits(timeout_s=60, memory_mb=100, cpu_s=1.0)
    keys = ["before", key, "after", "last"]
    read = list(pool.read_in_order(message(k) for k in keys))
    assert [m.key for m, _ in read] == keys  # in order, none lost
    results = [r for _, r in read]
    assert results[0] == "BEFORE" and results[2:] == ["AFTER", "LAST"]
    failure = results[1]
    assert isinstance(failure, ReadFailure)
    assert failure.reason == reason, failure
    assert pool.read(message("again")) == "AGAIN"


def test_a_dead_worker_is_replaced_and_order_holds_across_many(pool: ReaderPool) -> None:
    keys = [f"m{n}" if n % 4 else "exit" for n in range(12)]
    read = list(pool.read_in_order(message(k) for k in keys))
    assert [m.key for m, _ in read] == keys
    for key, (_, result) in zip(keys, read, strict=True):
        if key == "exit":
            assert isinstance(result, ReadFailure) and result.reason == CRASHED
        else:
            assert result == key.upper()
    assert pool.replaced == 3


def test_an_arrival_in_a_zone_class_that_does_not_pickle_reaches_the_reader(
    pool: ReaderPool,
) -> None:
    arrival = datetime(2021, 5, 20, 8, 30, tzinfo=FixedOffset(120))  # as imapclient gives it
    incoming = IncomingMessage("arrival", b"Subject: x\r\n\r\n", 16, arrival)
    assert pool.read(incoming) == "2021-05-20T08:30:00+02:00"


def test_reading_stopped_early_leaves_the_pool_usable(pool: ReaderPool) -> None:
    reads = pool.read_in_order(message(f"m{n}") for n in range(8))
    assert next(reads)[1] == "M0"
    reads.close()  # the caller stopped (a stop event): the messages read ahead are dropped
    assert pool.read(message("next")) == "NEXT"


class DiesOnArrival:
    """A reader whose unpickling in the worker ends the process: a reader that cannot start."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (5,)

    def __call__(self, message: IncomingMessage) -> Intake:
        raise AssertionError("never called")


def test_a_reader_that_cannot_start_is_an_error_not_a_quarantine() -> None:
    with ReaderPool(DiesOnArrival(), LIMITS, workers=1) as pool:
        reads = pool.read_in_order([message("innocent")])
        with pytest.raises(ReaderError, match="no message is to blame"):
            next(reads)


def test_inline_reading_turns_an_exception_into_a_failure() -> None:
    [(_, failure)] = read_inline([message("raise")], Hostile())
    assert isinstance(failure, ReadFailure) and failure.reason == ERROR
    assert "the parser tripped" in failure.detail


def test_a_real_message_reads_the_same_in_a_worker_and_inline(call: CallSettings) -> None:
    raw = SAMPLES[0].build(call).as_bytes()
    incoming = IncomingMessage("k1", raw, len(raw))
    reader = MessageReader(call)
    assert pickle.loads(pickle.dumps(reader)) == reader
    with ReaderPool(reader, WorkerLimits(), workers=1) as pool:
        in_worker = pool.read(incoming)
    assert in_worker == reader(incoming)


class SlowOcr:
    """An OCR engine that takes its time over every file and always reads it."""

    def recognise(self, data: bytes, content_type: str) -> OcrResult:
        time.sleep(0.05)
        return OcrResult(Reading.OCR, text="Letter of intent")


def test_scans_beyond_a_messages_ocr_budget_are_unread_not_a_crash() -> None:
    budgeted = BudgetedOcr(SlowOcr(), budget_s=0.01)
    first = budgeted.recognise(b"scan 1", "image/png")
    second = budgeted.recognise(b"scan 2", "image/png")
    assert first.reading is Reading.OCR  # started within the budget
    assert second.reading is Reading.UNREAD
    assert second.note is not None and "OCR time" in second.note
