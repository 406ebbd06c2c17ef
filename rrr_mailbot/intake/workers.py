"""Reading messages in worker processes with bounded work: wall time, CPU and address space.

    pool = ReaderPool(reader, WorkerLimits(...), workers=2)
    for message, read in pool.read_in_order(source.fetch_new()):
        ...  # read is an Intake, or a ReadFailure saying which limit the reading broke

Each worker is a process of its own (started by ``forkserver``: the service runs scheduler
threads, which ``fork`` would copy in whatever state they are in). On start it puts itself in a
process group of its own (so Tesseract, which it starts, dies with it) and caps its address space
(RLIMIT_AS) at its size after start-up plus ``memory_mb``; before each message it allows itself
``cpu_s`` more seconds of CPU (RLIMIT_CPU, which the kernel enforces with SIGXCPU). The parent gives
every message ``timeout_s`` of wall time and kills the worker's process group when it overruns.
A worker that dies, overruns or runs out of memory is replaced; the message it was reading comes
back as a :class:`ReadFailure`, and the pool goes on with the next.

A small pool of our own rather than a library's: concurrent.futures' ProcessPoolExecutor breaks
as a whole when one worker dies (BrokenProcessPool), multiprocessing.Pool waits forever for the
task of a dead worker, and pebble (which handles both) pickles every message into a queue through
a feeder thread. Here each worker has one pipe: the raw message goes down it with ``send_bytes``
(no pickled copy of a 40 MB message), messages are handed out and taken back in their order, and
the pool runs in the caller's thread, so nothing else touches the pipes.
"""

from __future__ import annotations

import collections
import logging
import math
import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from rrr_mailbot.errors import ReaderError
from rrr_mailbot.model import IncomingMessage, Intake

logger = logging.getLogger(__name__)

Reader = Callable[[IncomingMessage], Intake]

# Why a reading failed, as the ledger records it.
TIMEOUT = "timeout"
MEMORY = "memory"
CPU = "cpu"
CRASHED = "crashed"
ERROR = "error"
REASONS = (TIMEOUT, MEMORY, CPU, CRASHED, ERROR)

_OK = "ok"
_READY = "ready"
_STOP = None
_START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class ReadFailure:
    """A message whose reading broke a limit or failed: ``reason`` is one of REASONS, ``detail``
    says what happened in words for staff."""

    reason: str
    detail: str


ReadResult = Intake | ReadFailure


@dataclass(frozen=True)
class WorkerLimits:
    """The bounds on reading one message (see the module docstring)."""

    timeout_s: float = 30.0
    memory_mb: int = 250
    cpu_s: float = 25.0


def read_inline(
    messages: Iterable[IncomingMessage], reader: Reader
) -> Iterator[tuple[IncomingMessage, ReadResult]]:
    """Read each message in this process (``workers = 0``: tests, `check`): no limits but the
    parser's own; an exception the parser lets out is a failure, as it is in a worker."""
    for message in messages:
        yield message, read_guarded(reader, message)


def read_guarded(reader: Reader, message: IncomingMessage) -> ReadResult:
    """``reader(message)``, with an exception turned into a ReadFailure."""
    try:
        return reader(message)
    except MemoryError:
        return ReadFailure(MEMORY, "reading it needed more memory than a reader may use")
    except Exception as exc:
        logger.warning(
            "reading %s failed: %r",
            message.key,
            exc,
            exc_info=True,
            extra={"action": "intake.read_failed", "key": message.key},
        )
        return ReadFailure(ERROR, f"the reader failed with {type(exc).__name__}: {exc}"[:500])


# -- the worker's side ------------------------------------------------------------------------


def _address_space_bytes() -> int:
    """This process's virtual size (VmSize), or 0 where /proc does not tell."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cpu_used_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(conn: Connection, reader: Reader, limits: WorkerLimits) -> None:
    """A worker's life: take a message, read it, send the Intake back, until told to stop."""
    os.setpgrp()  # Tesseract and any other child die with the group when we are killed
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    base = _address_space_bytes()
    if base:
        cap = base + limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    conn.send(_READY)
    while True:
        try:
            head = conn.recv()
        except EOFError:
            return
        if head is _STOP:
            return
        key, size_bytes, arrival, truncated = head
        allowed = math.ceil(_cpu_used_s() + limits.cpu_s)
        if cpu_hard == resource.RLIM_INFINITY or allowed <= cpu_hard:
            resource.setrlimit(resource.RLIMIT_CPU, (allowed, cpu_hard))
        try:
            raw = conn.recv_bytes()
            message = IncomingMessage(key, raw, size_bytes, arrival, truncated)
            del raw
            read = read_guarded(reader, message)
            del message
            if not isinstance(read, ReadFailure):
                _send_read(conn, read)
                continue
        except MemoryError:
            read = ReadFailure(MEMORY, "reading it needed more memory than a reader may use")
        conn.send(read)
        if read.reason == MEMORY:
            return  # a fresh process rather than a heap that ran out


def _send_read(conn: Connection, intake: Intake) -> None:
    """The Intake down the pipe with its documents' bytes apart, each sent as it is: pickling
    them with the rest would hold a second copy of every file on each side of the pipe."""
    files = [d.data for d in intake.documents] if isinstance(intake, Intake) else []
    if files:
        intake = replace(intake, documents=tuple(replace(d, data=b"") for d in intake.documents))
    payload = pickle.dumps(intake, protocol=pickle.HIGHEST_PROTOCOL)
    conn.send((_OK, len(files)))
    conn.send_bytes(payload)
    del payload, intake
    for data in files:
        conn.send_bytes(data)


def _receive_read(conn: Connection, files: int) -> Intake:
    """What _send_read sent, put back together."""
    intake: Intake = pickle.loads(conn.recv_bytes())  # noqa: S301 (our own worker)
    if files:
        data = [conn.recv_bytes() for _ in range(files)]
        documents = tuple(replace(d, data=x) for d, x in zip(intake.documents, data, strict=True))
        intake = replace(intake, documents=documents)
    return intake


# -- the parent's side ------------------------------------------------------------------------


@dataclass
class _Task:
    message: IncomingMessage
    result: ReadResult | None = None
    started: float | None = None  # monotonic time it was handed to a worker
    discarded: bool = False
    handovers: int = 0  # failed attempts to hand it to a worker


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: _Task | None = None
    deadline: float = math.inf
    tasks_done: int = field(default=0)


def _portable(arrival: datetime | None) -> datetime | None:
    """The same time with a standard-library zone: a source's own tzinfo class (imapclient's
    FixedOffset) need not unpickle."""
    if arrival is None or arrival.utcoffset() is None:
        return arrival
    return arrival.replace(tzinfo=timezone(arrival.utcoffset() or timedelta(0)))


def _why_dead(exitcode: int | None) -> ReadFailure:
    if exitcode == -signal.SIGXCPU:
        return ReadFailure(CPU, "reading it used more CPU time than a reader may")
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return ReadFailure(CRASHED, f"the reader process died of {name} while reading it")
    return ReadFailure(CRASHED, f"the reader process exited (code {exitcode}) while reading it")


class ReaderPool:
    """``workers`` reader processes with ``limits``; see the module docstring.

    Used from one thread. Workers start on the first message and stop at :meth:`close`.
    """

    def __init__(
        self,
        reader: Reader,
        limits: WorkerLimits,
        *,
        workers: int,
        start_method: str = "forkserver",
    ) -> None:
        if workers < 1:
            raise ValueError("a ReaderPool needs at least one worker; read inline for none")
        self.reader = reader
        self.limits = limits
        self.size = workers
        self.replaced = 0  # workers replaced after a death or an overrun (for tests and logs)
        self._context: Any = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._context.set_forkserver_preload(["rrr_mailbot.pipeline"])
        self._workers: list[_Worker] = []
        self._queue: collections.deque[_Task] = collections.deque()

    # -- reading --

    def read_in_order(
        self,
        messages: Iterable[IncomingMessage],
        *,
        ahead: int | None = None,
        max_bytes_ahead: int = 64 * 2**20,
    ) -> Iterator[tuple[IncomingMessage, ReadResult]]:
        """Each message with what reading it gave, in the order given, while up to ``ahead``
        messages (default twice the workers) and ``max_bytes_ahead`` bytes of them are being read
        already. Messages read ahead but not consumed (the caller stopped) are dropped."""
        window = ahead if ahead is not None else 2 * self.size
        pending: collections.deque[_Task] = collections.deque()
        queued_bytes = 0
        source = iter(messages)
        exhausted = False
        try:
            while True:
                while not exhausted and (
                    not pending or (len(pending) < window and queued_bytes < max_bytes_ahead)
                ):
                    message = next(source, None)
                    if message is None:
                        exhausted = True
                        break
                    pending.append(self.submit(message))
                    queued_bytes += len(message.raw)
                if not pending:
                    return
                task = pending.popleft()
                queued_bytes -= len(task.message.raw)
                yield task.message, self.result(task)
        finally:
            for task in pending:
                self._discard(task)

    def submit(self, message: IncomingMessage) -> _Task:
        task = _Task(message)
        self._queue.append(task)
        try:
            self._dispatch()
        except ReaderError:
            self._discard(task)
            raise
        return task

    def result(self, task: _Task) -> ReadResult:
        """Wait for ``task``, keeping every worker busy meanwhile."""
        while task.result is None:
            self._pump(block=True)
        return task.result

    def poll(self) -> None:
        """Collect what is ready and hand out work, without waiting."""
        self._pump(block=False)

    def read(self, message: IncomingMessage) -> ReadResult:
        return self.result(self.submit(message))

    # -- the machinery --

    def _discard(self, task: _Task) -> None:
        task.discarded = True
        if task in self._queue:
            self._queue.remove(task)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self.reader, self.limits), daemon=True
        )
        process.start()
        child.close()
        try:
            ready = parent.poll(_START_TIMEOUT_S) and parent.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            _kill(process)
            parent.close()
            raise ReaderError(
                f"a reader process did not start ({_why_dead(process.exitcode).detail}); no "
                "message is to blame and none was quarantined. Check the log above for its "
                "error (a broken install?), or set [workers] workers = 0 to read in-process"
            )
        return _Worker(process, parent)

    def _dispatch(self) -> None:
        while self._queue:
            worker = next((w for w in self._workers if w.task is None), None)
            if worker is None:
                if len(self._workers) >= self.size:
                    return
                worker = self._start()
                self._workers.append(worker)
            task = self._queue.popleft()
            message = task.message
            try:
                worker.conn.send(
                    (message.key, message.size_bytes, _portable(message.arrival), message.truncated)
                )
                worker.conn.send_bytes(message.raw)
            except OSError:
                # It died between two messages (a MemoryError exit): a new one takes the task,
                # once; a second death while taking it blames the message.
                worker.process.join(timeout=5)
                failure = _why_dead(worker.process.exitcode)
                self._replace(worker)
                task.handovers += 1
                if task.handovers > 1:
                    worker.task = task
                    self._finish(worker, failure)
                else:
                    self._queue.appendleft(task)
                continue
            worker.task = task
            task.started = time.monotonic()
            worker.deadline = task.started + self.limits.timeout_s

    def _pump(self, *, block: bool) -> None:
        self._dispatch()
        busy = [w for w in self._workers if w.task is not None]
        if not busy:
            return
        timeout = 0.0
        if block:
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._collect(worker)
        now = time.monotonic()
        for worker in busy:
            if worker.task is not None and worker.conn not in ready and now >= worker.deadline:
                self._finish(
                    worker,
                    ReadFailure(
                        TIMEOUT,
                        f"reading it took longer than the limit of {self.limits.timeout_s:g} s",
                    ),
                )
                self._replace(worker)
        self._dispatch()

    def _collect(self, worker: _Worker) -> None:
        try:
            head = worker.conn.recv()
            read: ReadResult = (
                _receive_read(worker.conn, head[1]) if isinstance(head, tuple) else head
            )
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            self._finish(worker, _why_dead(worker.process.exitcode))
            self._replace(worker)
            return
        self._finish(worker, read)
        worker.tasks_done += 1
        if isinstance(read, ReadFailure) and read.reason == MEMORY:
            self._replace(worker)  # it exits rather than go on with a heap that ran out

    def _finish(self, worker: _Worker, read: ReadResult) -> None:
        task = worker.task
        assert task is not None
        worker.task = None
        worker.deadline = math.inf
        task.result = read
        if isinstance(read, ReadFailure) and not task.discarded:
            logger.warning(
                "reading %s broke a limit (%s): %s",
                task.message.key,
                read.reason,
                read.detail,
                extra={"action": "intake.read_limit", "key": task.message.key},
            )

    def _replace(self, worker: _Worker) -> None:
        _kill(worker.process)
        worker.conn.close()
        self._workers.remove(worker)
        self.replaced += 1

    def close(self) -> None:
        """Stop every worker (the one reading is killed)."""
        for worker in self._workers:
            try:
                if worker.task is None:
                    worker.conn.send(_STOP)
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(timeout=2)
            _kill(worker.process)
            worker.conn.close()
        self._workers.clear()
        self._queue.clear()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _kill(process: BaseProcess) -> None:
    """Kill a worker and its process group (Tesseract with it)."""
    if process.pid is not None and process.exitcode is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()
    process.join(timeout=5)
