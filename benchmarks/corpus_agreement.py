"""How often the product agrees with a careful human on a corpus of .eml + .json pairs.

    python benchmarks/corpus_agreement.py [FOLDER ...] [--config PATH] [--now ISO8601] [--json]

For each folder (default: tests/data/messages and tests/data/holdout) every NAME.eml with a
NAME.json beside it goes through the same evaluation as `rrr-mailbot check --json` (intake, decide,
reference, reply rendering) and is compared with the human's expectation:

- decision: the outcome is the same;
- documents: the same file chosen for each required document (names compared in Unicode NFC) and
  the same list of missing documents (both null for ignored messages);
- review: the product raised at least one review flag exactly when the human asked for review.

It prints, per folder and overall: cases, agreement percentages, crashes (an exception anywhere in
the evaluation), how many document agreements rest only on attachment order (the product flagged
them ambiguous_documents), mean and p95 milliseconds per message, then every disagreement with what
was expected, what came out and the product's reasons. It is a measurement: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from rrr_mailbot.check import check_message  # noqa: E402
from rrr_mailbot.config import Settings, data_path, load_settings  # noqa: E402
from rrr_mailbot.intake.ocr import OcrEngine  # noqa: E402
from rrr_mailbot.model import IncomingMessage  # noqa: E402
from rrr_mailbot.replies import ReplyRenderer  # noqa: E402

DEFAULT_FOLDERS = (ROOT / "tests/data/messages", ROOT / "tests/data/holdout")
AMBIGUOUS = "ambiguous_documents"  # the product's flag for "assigned in the order received"


@dataclass
class Outcome:
    """One case: what the human expected, what the product said, and how long it took."""

    name: str
    expected: dict[str, Any]
    got: dict[str, Any] | None
    elapsed_ms: float
    crash: str | None = None

    @property
    def decision_ok(self) -> bool:
        return self.got is not None and self.got["decision"] == self.expected["decision"]

    @property
    def documents_ok(self) -> bool:
        if self.got is None:
            return False
        return _documents(self.expected) == _documents(self.got) and _missing(
            self.expected
        ) == _missing(self.got)

    @property
    def review_ok(self) -> bool:
        return self.got is not None and bool(self.got["review"]) == bool(self.expected["review"])


@dataclass
class Tally:
    """The outcomes of one folder."""

    folder: Path
    outcomes: list[Outcome] = field(default_factory=list)


def _nfc(name: str | None) -> str | None:
    return unicodedata.normalize("NFC", name) if name is not None else None


def _documents(result: dict[str, Any]) -> dict[str, str | None] | None:
    documents = result.get("documents")
    if documents is None:
        return None
    return {key: _nfc(value) for key, value in documents.items()}


def _missing(result: dict[str, Any]) -> list[str] | None:
    missing = result.get("missing")
    return None if missing is None else sorted(missing)


def evaluate_file(
    path: Path, settings: Settings, renderer: ReplyRenderer, now: datetime | None
) -> tuple[dict[str, Any], float]:
    """The `check --json` result for one stored message, and the milliseconds it took."""
    from rrr_mailbot.app import utc_now

    raw = path.read_bytes()
    started = time.perf_counter()
    message = IncomingMessage(key=path.name, raw=raw, size_bytes=len(raw))
    result = check_message(
        message, settings.call, renderer, now or utc_now(), ocr=_ocr(settings)
    ).as_json()
    return result, (time.perf_counter() - started) * 1000


_ENGINES: dict[int, OcrEngine | None] = {}


def _ocr(settings: Settings) -> OcrEngine | None:
    """The OCR engine `rrr-mailbot check` would use (in-memory cache only), one per settings."""
    if id(settings) not in _ENGINES:
        from rrr_mailbot.intake.ocr import TesseractOcr

        data_dir = settings.storage.data_dir
        _ENGINES[id(settings)] = TesseractOcr.from_settings(
            settings.ocr, data_dir, disk_cache=False
        )
    return _ENGINES[id(settings)]


def run_folder(
    folder: Path, settings: Settings, renderer: ReplyRenderer, now: datetime | None
) -> Tally:
    tally = Tally(folder)
    for eml in sorted(folder.glob("*.eml")):
        expectation = eml.with_suffix(".json")
        if not expectation.is_file():
            continue
        expected = json.loads(expectation.read_text(encoding="utf-8"))
        started = time.perf_counter()
        try:
            got, elapsed = evaluate_file(eml, settings, renderer, now)
        except Exception as exc:  # a crash is a result to report, not a reason to stop
            elapsed = (time.perf_counter() - started) * 1000
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            crash = f"{type(exc).__name__}: {exc} ({where})"
            tally.outcomes.append(Outcome(eml.stem, expected, None, elapsed, crash))
            continue
        tally.outcomes.append(Outcome(eml.stem, expected, got, elapsed))
    return tally


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f}%" if whole else "     -"


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def summary(label: str, outcomes: list[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    times = [o.elapsed_ms for o in outcomes]
    return {
        "label": label,
        "cases": n,
        "decision": sum(o.decision_ok for o in outcomes),
        "documents": sum(o.documents_ok for o in outcomes),
        "both": sum(o.decision_ok and o.documents_ok for o in outcomes),
        "review": sum(o.review_ok for o in outcomes),
        "crashes": sum(o.crash is not None for o in outcomes),
        # right documents, but only because the product fell back on attachment order
        "by_order": sum(
            o.documents_ok and AMBIGUOUS in (o.got or {}).get("review", []) for o in outcomes
        ),
        "mean_ms": statistics.fmean(times) if times else 0.0,
        "p95_ms": _p95(times),
    }


def _short(result: dict[str, Any] | None) -> str:
    if result is None:
        return "-"
    documents = result.get("documents")
    if documents is None:
        text = str(result["decision"])
    else:
        form = documents.get("application_form")
        letter = documents.get("letter_of_intent")
        text = f"{result['decision']} form={form!r} letter={letter!r}"
    review = result.get("review")
    if review:
        flags = review if isinstance(review, list) else ["yes"]
        text += f" review={','.join(flags)}"
    return text


def print_report(tallies: list[Tally]) -> None:
    rows = [summary(t.folder.name, t.outcomes) for t in tallies]
    if len(tallies) > 1:
        rows.append(summary("all", [o for t in tallies for o in t.outcomes]))
    header = (
        f"{'corpus':<12} {'cases':>5}  {'decision':>8}  {'documents':>9}  {'both':>8}  "
        f"{'review':>8}  {'crashes':>7}  {'by order':>8}  {'mean ms':>8}  {'p95 ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        n = r["cases"]
        print(
            f"{r['label']:<12} {n:>5}  {_pct(r['decision'], n):>8}  {_pct(r['documents'], n):>9}  "
            f"{_pct(r['both'], n):>8}  {_pct(r['review'], n):>8}  {r['crashes']:>7}  "
            f"{r['by_order']:>8}  "
            f"{r['mean_ms']:>8.1f}  {r['p95_ms']:>8.1f}"
        )
    for tally in tallies:
        wrong = [
            o for o in tally.outcomes if not (o.decision_ok and o.documents_ok and o.review_ok)
        ]
        if not wrong:
            continue
        print(f"\n{tally.folder.name}: {len(wrong)} disagreement(s)")
        for o in wrong:
            kinds = [
                k
                for k, ok in (
                    ("decision", o.decision_ok),
                    ("documents", o.documents_ok),
                    ("review", o.review_ok),
                )
                if not ok
            ]
            print(f"- {o.name}  [{', '.join(kinds)}]")
            print(f"    expected: {_short(o.expected)}")
            print(f"              ({o.expected.get('why', '')})")
            if o.crash:
                print(f"    CRASH:    {o.crash}")
                continue
            print(f"    got:      {_short(o.got)}")
            for reason in (o.got or {}).get("reasons", []):
                print(f"              - {reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Agreement of rrr-mailbot with a corpus.")
    parser.add_argument("folders", nargs="*", type=Path, help="corpus folders (.eml + .json)")
    parser.add_argument("--config", type=Path, default=None, help="settings file (default: RRR)")
    parser.add_argument(
        "--now", default=None, help="the evaluation clock, ISO 8601 (default: the real clock)"
    )
    parser.add_argument("--json", action="store_true", help="print the summary rows as JSON")
    args = parser.parse_args(argv)
    # pypdf and the product log warnings about damaged files on purpose; the report says it all
    logging.basicConfig(level=logging.ERROR)
    settings = load_settings(args.config)
    renderer = ReplyRenderer(settings.call, data_path("templates"))
    now = datetime.fromisoformat(args.now) if args.now else None
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=settings.call.zone)
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    tallies = [run_folder(folder, settings, renderer, now) for folder in folders]
    if args.json:
        rows = [summary(t.folder.name, t.outcomes) for t in tallies]
        print(json.dumps(rows, indent=2))
    else:
        print_report(tallies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
