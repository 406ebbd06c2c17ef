"""The ledger: messages, documents, decisions and the reply outbox, in SQLite or PostgreSQL, with
raw messages and documents kept in a content-addressed folder.

Delivery guarantee: replies are claimed a few at a time and each is marked started (committed)
just before it goes to the transport; a dead process's claims are taken over at once by the next
process on the same host; only the one reply in flight may be sent twice (same bytes and
Message-ID): at most one resend per crash, never a lost reply. (Details in
``rrr_mailbot.store.ledger``.)

    ledger = open_ledger(settings.database.url.get_secret_value(), settings.storage.data_dir)
"""

from __future__ import annotations

from pathlib import Path

from rrr_mailbot.errors import SchemaError
from rrr_mailbot.store.blobs import BlobStore
from rrr_mailbot.store.database import (
    check_reachable,
    create_ledger_engine,
    head_revision,
    parse_url,
    prepare_schema,
    schema_state,
    sqlite_file,
    upgrade_schema,
)
from rrr_mailbot.store.ledger import Ledger, MessageSummary, OutboxItem

__all__ = [
    "BlobStore",
    "Ledger",
    "MessageSummary",
    "OutboxItem",
    "head_revision",
    "open_ledger",
    "schema_state",
    "upgrade_schema",
]


def open_ledger(
    url: str,
    data_dir: Path,
    *,
    instance: str = "default",
    migrate: bool = True,
    call_id: str | None = None,
) -> Ledger:
    """Connect to the ledger database, bring its schema up to date (or check it, ``migrate=False``)
    and return a Ledger whose blobs live under ``data_dir``.

    ``instance`` names this process in the rows it writes and the replies it claims (several
    instances may share one PostgreSQL); ``call_id`` is recorded with every message.
    Raises StoreError when the database cannot be reached and SchemaError when its schema is
    newer than this code (or older, with ``migrate=False``).
    """
    parsed = parse_url(url)
    file = sqlite_file(parsed)
    if not migrate and file is not None and not file.exists():
        # Connecting would create an empty file: a command that only reads creates nothing.
        raise SchemaError(schema_state(url).describe())
    engine = create_ledger_engine(parsed)
    try:
        check_reachable(engine)
        prepare_schema(engine, migrate=migrate)
    except BaseException:
        engine.dispose()
        raise
    return Ledger(engine, BlobStore(data_dir), instance=instance, call_id=call_id)
