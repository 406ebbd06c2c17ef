"""Faults, measured: runs tests/integration/test_faults_injected.py with each fault injected
``--rounds`` times into one running service and prints the table the README quotes: fault,
injected, survived, lost, duplicates, recovery time (from the fault clearing until the last
message it held back was answered).

    python -m benchmarks.faults [--rounds 5] [-k PATTERN]
                                (as root: it starts the servers, mounts a tmpfs, runs PostgreSQL)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.fault_report import REPORT_ENV, ROUNDS_ENV

TESTS = "tests/integration/test_faults_injected.py"
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="injections per fault")
    parser.add_argument("-k", default="", help="only the faults whose test matches (pytest -k)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rrr-faults-") as tmp:
        report = Path(tmp) / "faults.jsonl"
        env = {**os.environ, REPORT_ENV: str(report), ROUNDS_ENV: str(args.rounds)}
        # -m "": the slow variants too.
        command = [sys.executable, "-m", "pytest", TESTS, "-q", "-m", "", "-p", "no:cacheprovider"]
        if args.k:
            command += ["-k", args.k]
        # Slow rounds: the suite's per-test timeout is for one round.
        command += ["--timeout", str(180 * args.rounds)]
        tests = subprocess.run(command, cwd=ROOT, env=env, check=False)
        rows = (
            [json.loads(line) for line in report.read_text().splitlines()]
            if report.exists()
            else []
        )
    print()
    print(
        f"{'fault':<52} {'injected':>8} {'survived':>8} {'lost':>5} {'dupl.':>5} "
        f"{'recovery median / max':>22}"
    )
    for row in rows:
        times = row["recovery_s"] or [0.0]
        print(
            f"{row['fault']:<52} {row['injected']:>8} {row['survived']:>8} {row['lost']:>5} "
            f"{row['duplicates']:>5} {statistics.median(times):>11.1f} s / {max(times):.1f} s"
        )
    total = {k: sum(r[k] for r in rows) for k in ("injected", "survived", "lost", "duplicates")}
    print(
        f"{'total':<52} {total['injected']:>8} {total['survived']:>8} {total['lost']:>5} "
        f"{total['duplicates']:>5}"
    )
    if tests.returncode != 0:
        sys.exit(f"pytest exited {tests.returncode}: a fault test failed (see above)")


if __name__ == "__main__":
    main()
