"""Scratch PostgreSQL databases for tests and benchmarks: created empty, dropped afterwards.

The server is the machine's PostgreSQL (127.0.0.1:5432, trust auth) unless
RRR_MAILBOT_TEST_POSTGRES_URL names another admin connection.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator

import psycopg
from sqlalchemy import make_url

ADMIN_URL = os.environ.get(
    "RRR_MAILBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _admin_conninfo() -> str:
    return make_url(ADMIN_URL).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new, empty database; yields its SQLAlchemy URL and drops it (forcefully) afterwards."""
    name = f"{prefix}_{secrets.token_hex(5)}"
    with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_admin_conninfo(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
