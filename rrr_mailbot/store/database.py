"""Engines and schema migrations for the ledger database (SQLite or PostgreSQL).

SQLite gets WAL (synchronous NORMAL, FULL for transactions marked DURABLE), a busy timeout,
foreign keys, and ``BEGIN IMMEDIATE`` for every transaction: the Python driver's own transaction
handling skips BEGIN for reads and DDL, and a deferred transaction that later writes can fail at
once with "database is locked" however long the busy timeout, so we take
the write lock up front and let concurrent writers queue behind it.

PostgreSQL commits asynchronously (synchronous_commit off) unless the transaction is marked DURABLE.

Migrations run through Alembic with the script folder inside the package, in one transaction that
on PostgreSQL holds an advisory lock: instances starting together migrate once, the others wait
and then find the schema current.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from rrr_mailbot.config import DATABASE_URL_ENV
from rrr_mailbot.errors import SchemaError, StoreError

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0
POSTGRES_CONNECT_TIMEOUT_S = 10
# Any fixed 64-bit number will do; it only has to be the same for every instance of this program.
SCHEMA_LOCK_KEY = 0x7272_725F_6C65_6467  # "rrr_ledg"

# Execution option for a transaction that must survive a power cut once committed. Other commits
# do not wait for the disk (SQLite: WAL with synchronous=NORMAL; PostgreSQL: synchronous_commit
# off), so the outbox's claims, lease renewals and "started" marks cost little: a crash of our
# process loses none of them, a power cut or a database crash may lose the last few (a claim
# then waits for its lease). Durable: a message's recording (the mailbox lets go of the message
# after it) and a reply's "sent" (lost, it would send the reply again); the WAL being written in
# order, a durable commit also makes every earlier one durable.
DURABLE = "rrr_durable"

# Alembic's ``context`` is a process-wide proxy: two threads migrating at once (even different
# databases) would run each other's env.py against the wrong connection.
_ALEMBIC_LOCK = threading.Lock()

_HINT = f"check [database] url / {DATABASE_URL_ENV}"
UPGRADE_HINT = (
    "run `rrr-mailbot db upgrade` (or `rrr-mailbot doctor --fix`) to create or upgrade it"
)


def parse_url(url: str) -> URL:
    """The database URL, with a bare ``postgresql://`` pointed at psycopg 3 (the driver we ship)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"cannot read the database url: {exc}; {_HINT}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file of an on-disk SQLite database; None for in-memory SQLite and for other databases.

    Connecting to SQLite creates the file, so commands that must create nothing (doctor, export,
    db current) look here first.
    """
    if url.get_backend_name() != "sqlite" or url.query.get("uri"):
        return None
    database = url.database or ""
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser()


def safe_url(url: URL) -> str:
    """The URL as it may appear in a log line or an error: without its password."""
    return url.render_as_string(hide_password=True)


def reason(exc: BaseException) -> str:
    """The driver's own words for a database error, on one line."""
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split()) or type(original).__name__


def database_error(doing: str, engine: Engine, exc: BaseException) -> StoreError:
    """The StoreError for a statement that failed while ``doing`` something: where (without the
    password), the driver's words, and what to check."""
    return StoreError(
        f"database error while {doing} at {safe_url(engine.url)}: {reason(exc)}; check that the "
        f"database is up and reachable ({_HINT.removeprefix('check ')})"
    )


def create_ledger_engine(url: URL) -> Engine:
    """An engine configured for the ledger's transaction pattern on SQLite or PostgreSQL."""
    options: dict[str, Any] = {}
    backend = url.get_backend_name()
    if backend == "sqlite":
        database = url.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in str(url.query)
        if in_memory:
            # One shared connection, or every session would see its own empty database.
            options["poolclass"] = StaticPool
        elif not url.query.get("uri"):
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot reach the database at {safe_url(url)}: cannot create its folder "
                    f"{folder}: {exc.strerror or exc}; {_HINT}"
                ) from exc
        options["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    elif backend == "postgresql":
        options["pool_pre_ping"] = True
        if "connect_timeout" not in url.query:
            options["connect_args"] = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"cannot use the database at {safe_url(url)}: {reason(exc)}; {_HINT} "
            "(supported: sqlite:///path and postgresql+psycopg://user@host/db)"
        ) from exc
    if backend == "sqlite":
        _configure_sqlite(engine)
    elif backend == "postgresql":
        _configure_postgresql(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA journal_mode=WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # The level can only change between transactions; see DURABLE for which one is used.
        durable = connection.get_execution_options().get(DURABLE, False)
        connection.exec_driver_sql(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _configure_postgresql(engine: Engine) -> None:
    # See DURABLE: an asynchronous commit is not lost when our process dies, only when the
    # database server does, and it spares the wait for the server's WAL flush. It is the
    # connection's default, set once when it opens, so that only the durable transactions (one per
    # message) pay a statement for their level, not every read.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SET synchronous_commit TO OFF")
        finally:
            dbapi_connection.autocommit = autocommit

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(DURABLE, False):
            connection.exec_driver_sql("SET LOCAL synchronous_commit TO ON")


def check_reachable(engine: Engine) -> None:
    """Raise StoreError naming the URL (without password) when the database cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot reach the database at {safe_url(engine.url)}: {reason(exc)}; {_HINT}"
        ) from exc


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code, pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The schema revision this code needs."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the packaged migrations have no head revision"
    return head


def prepare_schema(engine: Engine, *, migrate: bool) -> None:
    """Bring the schema to this code's revision (``migrate``) or check that it is there already.

    Raises SchemaError when the database was migrated by a newer rrr-mailbot, or is behind and
    ``migrate`` is false.
    """
    where = safe_url(engine.url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Transaction-scoped: released by the commit that publishes the new schema.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY}
                )
            config = alembic_config(connection)
            script = ScriptDirectory.from_config(config)
            known = {rev.revision for rev in script.walk_revisions()}
            heads = set(script.get_heads())
            current = set(MigrationContext.configure(connection).get_current_heads())
            unknown = sorted(current - known)
            if unknown:
                raise SchemaError(
                    f"the database at {where} has schema revision {', '.join(unknown)}, which "
                    "this version of rrr-mailbot does not know (it needs "
                    f"{', '.join(sorted(heads))}): a newer rrr-mailbot has migrated it. Run that "
                    "newer version, or point "
                    f"[database] url / {DATABASE_URL_ENV} at another database"
                )
            if current == heads:
                return
            if not migrate:
                raise SchemaError(
                    f"the database at {where} is at schema revision "
                    f"{', '.join(sorted(current)) or '(empty)'} but this code needs "
                    f"{', '.join(sorted(heads))}; {UPGRADE_HINT}"
                )
            logger.info(
                "migrating the ledger at %s from %s to %s",
                where,
                ", ".join(sorted(current)) or "(empty)",
                ", ".join(sorted(heads)),
                extra={"action": "ledger_migrate"},
            )
            with _ALEMBIC_LOCK:
                command.upgrade(config, "heads")
    except SchemaError:
        raise
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot prepare the ledger schema at {where}: {reason(exc)}; {_HINT}"
        ) from exc


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands: its revisions and the ones this code needs."""

    where: str
    exists: bool
    current: tuple[str, ...]
    needed: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return self.exists and set(self.current) == set(self.needed)

    def describe(self) -> str:
        """One line for an operator, ending with what to do when something is to be done."""
        needed = ", ".join(self.needed)
        if not self.exists:
            return f"no ledger database at {self.where} yet; {UPGRADE_HINT}"
        if self.up_to_date:
            return f"{self.where}: schema revision {needed} (current)"
        current = ", ".join(self.current) or "(empty)"
        return f"{self.where}: schema revision {current}, this code needs {needed}; {UPGRADE_HINT}"


def schema_state(url: str) -> SchemaState:
    """Read the schema revision of the database at ``url``, creating nothing (not even a file).

    Raises StoreError when the database cannot be reached.
    """
    parsed = parse_url(url)
    needed = (head_revision(),)
    file = sqlite_file(parsed)
    if file is not None and not file.exists():
        return SchemaState(safe_url(parsed), False, (), needed)
    engine = create_ledger_engine(parsed)
    try:
        check_reachable(engine)
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot read the schema revision at {safe_url(parsed)}: {reason(exc)}; {_HINT}"
        ) from exc
    finally:
        engine.dispose()
    return SchemaState(safe_url(parsed), True, tuple(sorted(current)), needed)


def upgrade_schema(url: str) -> tuple[SchemaState, SchemaState]:
    """Create or upgrade the schema at ``url`` to this code's revision; (before, after).

    Raises SchemaError when a newer rrr-mailbot has migrated the database, StoreError when it
    cannot be reached.
    """
    before = schema_state(url)
    engine = create_ledger_engine(parse_url(url))
    try:
        check_reachable(engine)
        prepare_schema(engine, migrate=True)
    finally:
        engine.dispose()
    return before, schema_state(url)
