"""Who may do the service's work: the leader lease on a shared database, the lock on a SQLite file.

Several `rrr-mailbot run` may share one PostgreSQL database for availability. They take turns
through one row of ``leader_leases``: the process named in ``holder`` (an owner id,
rrr_mailbot.store.owner) polls the mailbox, sends replies and runs the staff jobs until
``expires_at``; the others stand by and try again every few seconds. Taking the lease is one
atomic statement, ``UPDATE ... WHERE holder = me OR expires_at <= now`` (an ``INSERT ... ON
CONFLICT DO NOTHING`` the first time), so two contenders cannot both win: on PostgreSQL the second
UPDATE waits for the first's row lock and then finds the row no longer expired; on SQLite every
transaction takes the write lock up front. A holder that died on this host (same PID namespace)
is replaced at once, without waiting for its lease, the way a dead process's reply claims are.

A process paused inside a transaction (SIGSTOP, a stalled VM) would hold its row locks - the lease
row mid-renewal, a message it was recording - and keep the next leader waiting until it woke, so
on PostgreSQL the service's sessions are ended by the server when they sit idle inside a
transaction for a lease (``bound_idle_transactions``); the paused process's next statement fails.

Times come from the callers' clocks (the hosts must keep them in step, as NTP does); the leader
counts its own term on a monotonic clock from *before* it asked (rrr_mailbot.leadership), so a
paused or slow leader stops its work before any other process can take over.

SQLite serves one instance: ``SingleInstanceLock`` holds an exclusive ``flock`` on a file beside
the database for as long as a `run` lives (the kernel releases it when the process dies, even on
SIGKILL), and a second `run` refuses to start, naming the pid that holds it. Commands that only
read take no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, case, event, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from rrr_mailbot.errors import StoreError
from rrr_mailbot.model import require_aware
from rrr_mailbot.store.database import database_error
from rrr_mailbot.store.owner import is_gone
from rrr_mailbot.store.schema import LeaderLeaseRow

SERVICE_LEASE = "service"
_ROW = LeaderLeaseRow


@dataclass(frozen=True)
class LeaseState:
    """The lease row as it stands: who holds it, since when and until when."""

    holder: str
    acquired_at: datetime
    expires_at: datetime


class LeaderLease:
    """One named lease in the ledger database, taken and renewed for ``holder``."""

    def __init__(self, engine: Engine, holder: str, name: str = SERVICE_LEASE) -> None:
        self.engine = engine
        self.holder = holder
        self.name = name

    @contextlib.contextmanager
    def _transaction(self, doing: str) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise database_error(doing, self.engine, exc) from exc

    def acquire(self, now: datetime, lease_s: float) -> bool:
        """Take the lease or renew it until ``now + lease_s``; True when this holder now leads.

        Taken when it is free, expired, already ours, or held by a process known to be dead.
        Raises StoreError when the database cannot be reached (the caller must then stop leading).
        """
        require_aware(now, "now")
        expires_at = now + timedelta(seconds=lease_s)
        with self._transaction("taking the leader lease") as connection:
            free = or_(_ROW.holder == self.holder, _ROW.expires_at <= now)
            if self._take(connection, free, now, expires_at):
                return True
            values = {
                "name": self.name,
                "holder": self.holder,
                "acquired_at": now,
                "expires_at": expires_at,
            }
            insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
            # RETURNING, not rowcount: the driver reports -1 for an INSERT it did not count.
            statement = insert(_ROW).values(values).on_conflict_do_nothing().returning(_ROW.name)
            if connection.execute(statement).first() is not None:
                return True
            current = connection.scalar(select(_ROW.holder).where(_ROW.name == self.name))
            # Only the same dead holder is replaced: another standby may have taken it meanwhile.
            return is_gone(current) and self._take(
                connection, _ROW.holder == current, now, expires_at
            )

    def _take(
        self, connection: Connection, allowed: ColumnElement[bool], now: datetime, until: datetime
    ) -> bool:
        renewing = _ROW.holder == self.holder
        statement = (
            update(_ROW)
            .where(_ROW.name == self.name, allowed)
            .values(
                holder=self.holder,
                expires_at=until,
                acquired_at=case((renewing, _ROW.acquired_at), else_=now),
            )
        )
        return bool(connection.execute(statement).rowcount)

    def release(self, now: datetime) -> bool:
        """Give the lease up (the service stops): a standby takes it at its next try instead of
        waiting for the lease to run out. True when this holder still held it."""
        require_aware(now, "now")
        with self._transaction("releasing the leader lease") as connection:
            statement = (
                update(_ROW)
                .where(_ROW.name == self.name, _ROW.holder == self.holder)
                .values(expires_at=now)
            )
            return bool(connection.execute(statement).rowcount)

    def current(self) -> LeaseState | None:
        """The lease row, or None when no process has taken it yet."""
        with self._transaction("reading the leader lease") as connection:
            row = connection.execute(
                select(_ROW.holder, _ROW.acquired_at, _ROW.expires_at).where(_ROW.name == self.name)
            ).one_or_none()
        return None if row is None else LeaseState(row.holder, row.acquired_at, row.expires_at)


def bound_idle_transactions(engine: Engine, seconds: float) -> None:
    """On PostgreSQL, have the server end any session of ``engine`` that sits idle inside a
    transaction for ``seconds`` (see the module docstring); nothing elsewhere."""
    if engine.dialect.name != "postgresql":
        return
    millis = max(int(seconds * 1000), 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"SET idle_in_transaction_session_timeout = {millis}")
        finally:
            cursor.close()
        dbapi_connection.commit()

    engine.dispose()  # connections opened before (the schema check) get it too, when reopened


class SingleInstanceLock:
    """An exclusive lock on ``<database file>.lock`` held while one `run` uses a SQLite ledger."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock and write our pid into the file.

        Raises StoreError naming the pid that holds it when another process does.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(
                f"cannot open the lock file {self.path}: {exc.strerror or exc}; check that the "
                "database's folder is writable"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise StoreError(
                f"another rrr-mailbot (pid {holder}) is already running on the SQLite database "
                f"{self.database} (lock file {self.path}); SQLite serves one instance: stop that "
                "one first, or move the ledger to PostgreSQL to run several"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Let go of the lock (closing the file releases it; the file itself stays)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
