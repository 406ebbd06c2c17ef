"""A private PostgreSQL server for tests that stop and restart the database.

The machine's shared PostgreSQL (tests/support/postgres.py) must stay up for the other tests, so a
test that restarts the database gets a cluster of its own: ``initdb`` into a temporary folder and
``postgres -D folder -p PORT -k folder`` on a free loopback port, trust authentication. PostgreSQL
refuses to run as root; run as root, the cluster runs as the ``postgres`` account the Debian
package creates. Stopping is by signal to the server's own pid (SIGINT is ``pg_ctl -m fast``,
SIGQUIT is ``-m immediate``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import psycopg

HOST = "127.0.0.1"
StopMode = Literal["fast", "immediate"]
_STOP_SIGNALS = {"fast": signal.SIGINT, "immediate": signal.SIGQUIT}
_INSTALL = "apt-get install postgresql (or .ci/install-packages.sh postgresql)"


def _bindir() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("postgres")
    return Path(on_path).parent if on_path else None


def missing_requirements() -> str | None:
    """What is missing to run a private cluster, in words; None when nothing is."""
    bindir = _bindir()
    if bindir is None or not (bindir / "initdb").exists():
        return "PostgreSQL's server programs (postgres, initdb) are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, a private PostgreSQL needs the 'postgres' account"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    """One PostgreSQL server in a temporary folder; ``url()`` names a database on it."""

    install_hint = _INSTALL

    def __init__(self, root: Path, bindir: Path, port: int, user: str | None) -> None:
        self.root = root
        self.data = root / "data"
        self.bindir = bindir
        self.port = port
        self.user = user  # the account the server runs as; None: this process's
        self.log_path = root / "postgres.log"
        self._process: subprocess.Popen[bytes] | None = None

    @classmethod
    @contextlib.contextmanager
    def running(cls) -> Iterator[PrivateCluster]:
        """A started cluster, stopped and removed afterwards."""
        bindir = _bindir()
        assert bindir is not None, missing_requirements()
        # Not under pytest's tmp_path: that is root's 0700 folder, which 'postgres' cannot enter.
        root = Path(tempfile.mkdtemp(prefix="rrr-private-pg-"))
        user = "postgres" if os.geteuid() == 0 else None
        if user is not None:
            account = pwd.getpwnam(user)
            os.chown(root, account.pw_uid, account.pw_gid)
        cluster = cls(root, bindir, _free_port(), user)
        try:
            cluster._initdb()
            cluster.start()
            yield cluster
        finally:
            cluster.stop("immediate")
            shutil.rmtree(root, ignore_errors=True)

    def _initdb(self) -> None:
        subprocess.run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            user=self.user,
            cwd=self.root,
            check=True,
            capture_output=True,
        )

    @property
    def running_now(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout_s: float = 30.0) -> None:
        """Start the server and wait until it accepts connections."""
        if self.running_now:
            return
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    str(self.bindir / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.root),
                    "-c",
                    f"listen_addresses={HOST}",
                    "-c",
                    "fsync=off",
                ],
                user=self.user,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with psycopg.connect(self.conninfo("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the private PostgreSQL did not start:\n{self.log_tail()}"
                    ) from None
                time.sleep(0.1)

    def stop(self, mode: StopMode = "fast", timeout_s: float = 30.0) -> None:
        """Stop the server: ``fast`` ends sessions and checkpoints, ``immediate`` just quits
        (recovery from the WAL at the next start), as a crash of the server would."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(_STOP_SIGNALS[mode])
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def conninfo(self, database: str) -> str:
        return f"host={HOST} port={self.port} user=postgres dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])
