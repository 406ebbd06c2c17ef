"""When the current delivery attempt of a reply was handed to the transport.

``replies.started_at`` is set (and committed) just before the transport is called, and cleared
when a reply is claimed. A claim whose holder died with ``started_at`` still empty never reached
the mail server, so another process sends it at once and without fear of a second copy.

Revision ID: 0005
Revises: 0004
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rrr_mailbot.store.schema import UtcDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("replies") as batch:
        batch.add_column(sa.Column("started_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("replies") as batch:
        batch.drop_column("started_at")
