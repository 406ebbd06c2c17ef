"""Who holds a claim on a reply, and whether that process still lives.

A claim names its holder as ``<instance>|<space>|<pid>|<start>``: the ledger's instance name, the
process space (boot id and PID namespace: two containers on one host have different ones), the
process id and the process's start time in clock ticks since boot (a reused pid has another).
Another process in the same space can then tell at once that a holder is gone (its pid is
absent, a zombie, or now a different process) and take over its claims without waiting for a
lease. Holders in another space (another host or container) cannot be checked this way; their
claims end with their lease. Without /proc (not Linux) nothing can be checked and leases decide.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_PROC = Path("/proc")
_SEPARATOR = "|"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat from the state on (the name before it may hold spaces)."""
    text = _read(_PROC / str(pid) / "stat")
    if text is None or ")" not in text:
        return None
    return text.rpartition(")")[2].split()


@cache
def process_space() -> str | None:
    """This process's space as a claim records it, or None where it cannot be known."""
    boot = _read(_PROC / "sys" / "kernel" / "random" / "boot_id")
    try:
        namespace = os.readlink(_PROC / "self" / "ns" / "pid")
    except OSError:
        return None
    if not boot:
        return None
    digits = "".join(ch for ch in namespace if ch.isdigit())
    return f"{socket.gethostname()}/{boot[:8]}/{digits}".replace(_SEPARATOR, "_")


def _start_ticks(pid: int) -> str | None:
    fields = _stat_fields(pid)
    # Field 22 of stat is the start time; fields[0] here is field 3 (the state).
    return fields[19] if fields is not None and len(fields) > 19 else None


@dataclass(frozen=True)
class Holder:
    """A parsed claim holder; see the module docstring."""

    instance: str
    space: str
    pid: int
    start: str

    def render(self) -> str:
        return _SEPARATOR.join((self.instance, self.space, str(self.pid), self.start))

    @classmethod
    def parse(cls, claimed_by: str | None) -> Holder | None:
        """The holder named by a claim; None for a claim written without one (older versions)."""
        if not claimed_by:
            return None
        instance, *rest = claimed_by.rsplit(_SEPARATOR, 3)
        if len(rest) != 3 or not rest[1].isdigit():
            return None
        return cls(instance=instance, space=rest[0], pid=int(rest[1]), start=rest[2])


def this_process(instance: str) -> str:
    """The claim holder string for this process, or just ``instance`` where /proc is missing."""
    space, pid = process_space(), os.getpid()
    start = _start_ticks(pid)
    if space is None or start is None:
        return instance
    return Holder(instance.replace(_SEPARATOR, "_"), space, pid, start).render()


def is_gone(claimed_by: str | None) -> bool:
    """True when the claim's holder is known to be dead: same space, and its pid is absent, a
    zombie, or another process. False when it lives or cannot be checked."""
    holder = Holder.parse(claimed_by)
    if holder is None or holder.space != process_space():
        return False
    fields = _stat_fields(holder.pid)
    if fields is None:
        return True
    if fields[0] in ("Z", "X"):
        return True
    return len(fields) > 19 and fields[19] != holder.start
