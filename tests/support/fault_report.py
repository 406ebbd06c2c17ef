"""Figures of the fault tests (tests/integration/test_faults_injected.py) for benchmarks/faults.py.

Each test injects its fault ``rounds()`` times (RRR_FAULT_ROUNDS, 1 by default) into one running
service and reports one row: fault, injected, survived, lost, duplicates, recovery time. Rows are
printed, and appended as JSON lines to the file RRR_FAULT_REPORT names, when it is set.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPORT_ENV = "RRR_FAULT_REPORT"
ROUNDS_ENV = "RRR_FAULT_ROUNDS"


def rounds() -> int:
    """How many times a fault test injects its fault (benchmarks/faults.py asks for more)."""
    return max(1, int(os.environ.get(ROUNDS_ENV, "1")))


@dataclass
class FaultRow:
    """One fault's tally. ``recovery_s``: from the fault clearing until the last message it held
    back was answered, one figure per round."""

    fault: str
    injected: int = 0
    survived: int = 0
    lost: int = 0
    duplicates: int = 0
    recovery_s: list[float] = field(default_factory=list)

    def report(self) -> None:
        worst = max(self.recovery_s, default=0.0)
        print(
            f"\nfault {self.fault}: injected {self.injected}, survived {self.survived}, "
            f"lost {self.lost}, duplicates {self.duplicates}, recovery <= {worst:.1f} s"
        )
        target = os.environ.get(REPORT_ENV)
        if target:
            with Path(target).open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(self)) + "\n")
