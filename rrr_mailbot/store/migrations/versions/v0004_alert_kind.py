"""Staff alerts in the outbox: the reply kind check admits ``alert`` (a canary that did not come
back, see rrr_mailbot/staff/canary.py).

Revision ID: 0004
Revises: 0003
Created: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_KINDS = "kind IN ('acknowledgement', 'incomplete', 'late', 'digest', 'reminder'{extra})"


def _kind_check(extra: str) -> None:
    with op.batch_alter_table("replies") as batch:
        batch.drop_constraint(op.f("ck_replies_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_replies_kind"), _KINDS.format(extra=extra))


def upgrade() -> None:
    _kind_check(", 'alert'")


def downgrade() -> None:
    op.execute("DELETE FROM replies WHERE kind = 'alert'")
    _kind_check("")
