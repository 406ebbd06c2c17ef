"""Alembic's entry point for the ledger migrations.

``open_ledger`` runs it with its own connection (``config.attributes["connection"]``), already in
a transaction and, on PostgreSQL, holding the schema advisory lock. A developer may also point the
``alembic`` command at a database with ``sqlalchemy.url`` (``alembic revision --autogenerate``).
Logging is left alone: only the CLI configures it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from rrr_mailbot.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        context.configure(
            url=config.get_main_option("sqlalchemy.url"),
            target_metadata=target_metadata,
            literal_binds=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url, or run migrations through open_ledger()")
    engine = create_engine(url)
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


main()
