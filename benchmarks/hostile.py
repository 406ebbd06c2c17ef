"""Hostile inputs through the real reading path, measured: crashes, seconds and peak RSS per input.

Every input of benchmarks/hostile_mail.py (350 inputs of 25 kinds) is read the way the service
reads a message: `check_message` (parse_message with the configured Tesseract OCR, `decide`,
the reply renderer), then each document is stored in a BlobStore and its export name made, and
both paths are checked to stay inside the data folder. Each input runs in its own forked process
(the parent has imported everything, so a child costs milliseconds); its peak RSS comes from
wait4. A child is stopped after --kill-after seconds and may use at most --max-mb-guard of
address space (so that a bomb cannot take the shared machine down; hitting it counts as a crash).

    python -m benchmarks.hostile [--kind KIND ...] [--match TEXT] [--kill-after 120] [--json FILE]

Limits judged: 30 s and 300 MB per message (issue 8). RSS includes the parent's own pages the
child inherits (the imported service, about 100 MB), as a worker process would.

First run, before the fixes in this branch (2 shared cores; kind: n, crashes, max s, max MB):
    FIRST-RUN-FIGURES

After the fixes:
    AFTER-FIGURES
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.hostile_mail import Hostile, hostile_inputs
from rrr_mailbot.check import check_message
from rrr_mailbot.config import Settings, data_path, default_config_path, load_settings
from rrr_mailbot.intake.ocr import OcrEngine, TesseractOcr
from rrr_mailbot.model import IncomingMessage
from rrr_mailbot.replies import ReplyRenderer
from rrr_mailbot.staff.export import safe_name
from rrr_mailbot.store.blobs import BlobStore

LIMIT_SECONDS = 30.0
LIMIT_MB = 300.0
_PASSWD_LINE = "root:x:0:0"
NOW = datetime(2021, 5, 21, 20, 0, tzinfo=UTC)


@dataclass
class Outcome:
    name: str
    kind: str
    size: int
    seconds: float
    peak_mb: float
    crash: str = ""  # an exception that escaped, or how the child died
    outcome: str = ""
    documents: int = 0
    escaped_store: str = ""  # a stored path outside the data folder, or a file read via XML

    @property
    def over(self) -> bool:
        return self.seconds > LIMIT_SECONDS or self.peak_mb > LIMIT_MB


@functools.cache
def _service() -> tuple[Settings, ReplyRenderer, OcrEngine | None]:
    """The call, the reply renderer and the OCR engine as `rrr-mailbot check` builds them."""
    settings = load_settings(default_config_path(), env={})
    renderer = ReplyRenderer(settings.call, data_path("templates"))
    ocr = TesseractOcr.from_settings(settings.ocr, settings.storage.data_dir, disk_cache=False)
    return settings, renderer, ocr


def read_one(raw: bytes, data_dir: Path) -> dict[str, object]:
    """The whole pure path for one message, in this process; returns what the parent reports."""
    settings, renderer, ocr = _service()
    call = settings.call
    truncated = len(raw) > call.limits.max_message_bytes
    if truncated:  # the source hands over only the header block, as IMAP does
        raw = raw.split(b"\r\n\r\n", 1)[0][: call.limits.max_message_bytes]
    message = IncomingMessage(key="hostile", raw=raw, size_bytes=len(raw), truncated=truncated)
    report = check_message(message, call, renderer, NOW, ocr=ocr)
    store = BlobStore(data_dir)
    root = data_dir.resolve()
    escaped = ""
    for doc in report.intake.documents:
        stored = store.absolute(store.put(doc.data)).resolve()
        exported = (root / safe_name(doc.filename, "document")).resolve()
        for path in (stored, exported):
            if not path.is_relative_to(root) or path == root:
                escaped = str(path)
    texts = [report.intake.body_text, *(d.text or "" for d in report.intake.documents)]
    if any(_PASSWD_LINE in text for text in texts):  # an external entity was resolved
        escaped = "the text of /etc/passwd"
    return {
        "outcome": report.decision.outcome.value,
        "documents": len(report.intake.documents),
        "escaped_store": escaped,
    }


def _child(path: Path, out_fd: int, guard_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (guard_mb * 1_000_000, guard_mb * 1_000_000))
    result: dict[str, object]
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            result = read_one(path.read_bytes(), Path(data_dir))
    except BaseException as exc:
        result = {
            "crash": f"{type(exc).__name__}: {exc}"[:300],
            "trace": traceback.format_exc()[-2000:],
        }
    result["seconds"] = time.perf_counter() - began
    os.write(out_fd, json.dumps(result).encode())
    os._exit(0)


def _build(item: Hostile, path: Path) -> int:
    """Build the input in a throwaway process, so that the parent never holds the big ones."""
    pid = os.fork()
    if pid == 0:
        path.write_bytes(item.build())
        os._exit(0)
    os.waitpid(pid, 0)
    return path.stat().st_size


def measure(item: Hostile, workdir: Path, kill_after: float, guard_mb: int) -> Outcome:
    path = workdir / "input.eml"
    size = _build(item, path)
    read_end, write_end = os.pipe()
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _child(path, write_end, guard_mb)
    os.close(write_end)
    os.set_blocking(read_end, False)
    chunks: list[bytes] = []
    status, usage = 0, None
    while True:
        try:
            while chunk := os.read(read_end, 65536):
                chunks.append(chunk)
        except BlockingIOError:
            pass
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - began > kill_after:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    try:
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
    except BlockingIOError:
        pass
    os.close(read_end)
    elapsed = time.perf_counter() - began
    peak_mb = usage.ru_maxrss / 1000 if usage else 0.0  # kilobytes on Linux
    outcome = Outcome(item.name, item.kind, size, elapsed, peak_mb)
    try:
        result = json.loads(b"".join(chunks) or b"{}")
    except ValueError:
        result = {}
    if not result:
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {status}"
        outcome.crash = f"killed after {elapsed:.0f} s" if elapsed > kill_after else how
        return outcome
    outcome.seconds = float(result.get("seconds", elapsed))
    outcome.crash = str(result.get("crash", ""))
    outcome.outcome = str(result.get("outcome", ""))
    outcome.documents = int(result.get("documents", 0))
    outcome.escaped_store = str(result.get("escaped_store", ""))
    return outcome


def table(outcomes: list[Outcome]) -> list[str]:
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    lines = [f"{'kind':20} {'n':>4} {'crashes':>7} {'over':>4} {'max s':>7} {'max MB':>7}"]
    for kind, rows in [*by_kind.items(), ("TOTAL", outcomes)]:
        lines.append(
            f"{kind:20} {len(rows):4} {sum(bool(r.crash) for r in rows):7} "
            f"{sum(r.over for r in rows):4} {max(r.seconds for r in rows):7.1f} "
            f"{max(r.peak_mb for r in rows):7.0f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", action="append", help="only these kinds")
    parser.add_argument("--match", default="", help="only inputs whose name contains this")
    parser.add_argument("--kill-after", type=float, default=120.0)
    parser.add_argument("--max-mb-guard", type=int, default=4000)
    parser.add_argument("--json", type=Path, help="write every outcome here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # pypdf and the walk log what they skip; figures only
    # Import the service once in the parent: every forked child starts warm.
    read_one(b"From: warm@up.test\r\n\r\nhi", Path(tempfile.mkdtemp()))
    items = [
        i
        for i in hostile_inputs()
        if (not args.kind or i.kind in args.kind) and args.match in i.name
    ]
    outcomes = []
    with tempfile.TemporaryDirectory() as workdir:
        for item in items:
            outcome = measure(item, Path(workdir), args.kill_after, args.max_mb_guard)
            outcomes.append(outcome)
            flag = " OVER" if outcome.over else ""
            flag += f" CRASH {outcome.crash}" if outcome.crash else ""
            flag += f" ESCAPED {outcome.escaped_store}" if outcome.escaped_store else ""
            print(
                f"{outcome.name:45} {outcome.size:>11,} B {outcome.seconds:6.2f} s "
                f"{outcome.peak_mb:6.0f} MB {outcome.outcome}{flag}",
                flush=True,
            )
    print()
    print("\n".join(table(outcomes)))
    crashes = sum(bool(o.crash) for o in outcomes)
    over = sum(o.over for o in outcomes)
    escaped = sum(bool(o.escaped_store) for o in outcomes)
    print(
        f"\n{len(outcomes)} inputs of {len({o.kind for o in outcomes})} kinds: {crashes} crashes, "
        f"{over} over {LIMIT_SECONDS:.0f} s or {LIMIT_MB:.0f} MB, {escaped} stored outside the "
        "data folder"
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    return 1 if crashes or over or escaped else 0


if __name__ == "__main__":
    sys.exit(main())
