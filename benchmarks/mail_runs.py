"""Runs of a benchmark against a private Dovecot + Postfix on loopback (started once, as root):
each run's figures printed as it ends, with what it broke."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from tests.integration.servers import MailServers


class Figures(Protocol):
    wrong: list[str]

    def summary(self) -> str: ...


F = TypeVar("F", bound=Figures)


def mail_server_runs(
    prefix: str,
    runs: int,
    one_run: Callable[[MailServers, int, Path], F],
    label: Callable[[int], str] = lambda run: f"run {run + 1}",
) -> list[F]:
    """``one_run(servers, run, root)`` for each run, with the servers' files under a temporary
    ``root``; prints each run's summary and broken promises."""
    done: list[F] = []
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # the mail daemons run as their own users and must reach their folders
        (root / "servers").mkdir()
        servers = MailServers.start(root / "servers")
        try:
            for run in range(runs):
                figures = one_run(servers, run, root)
                done.append(figures)
                print(f"{label(run)}: {figures.summary()}", flush=True)
                if figures.wrong:
                    print("  BROKEN: " + "; ".join(figures.wrong))
        finally:
            servers.stop()
    return done
