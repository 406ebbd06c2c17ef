"""Staff mail in the outbox (digests, reminders) and a text excerpt per document.

A reply row may now belong to no message: ``message_id`` becomes nullable, the new unique
``period_key`` names the digest period or the reminder instead (exactly one of the two is set),
and the kind check admits ``digest`` and ``reminder``. ``documents.text_excerpt`` keeps the start
of each document's text so staff views can read the form's city and country without the file.

Revision ID: 0002
Revises: 0001
Created: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

_OLD_KINDS = "kind IN ('acknowledgement', 'incomplete', 'late')"
_NEW_KINDS = "kind IN ('acknowledgement', 'incomplete', 'late', 'digest', 'reminder')"
_ONE_OWNER = "(message_id IS NULL) <> (period_key IS NULL)"


# Names passed through op.f() are final; a bare name gets the naming convention applied, and the
# check constraints of 0001 were created that way: their names in every database are
# "ck_replies_ck_replies_kind" and the like, which is what we drop and restore here.
_OLD_KIND_CHECK = "ck_replies_ck_replies_kind"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("text_excerpt", sa.Text(), nullable=True))
    with op.batch_alter_table("replies") as batch:
        batch.add_column(sa.Column("period_key", sa.Text(), nullable=True))
        batch.alter_column("message_id", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint(op.f(_OLD_KIND_CHECK), type_="check")
        batch.create_check_constraint(op.f("ck_replies_kind"), _NEW_KINDS)
        batch.create_check_constraint(op.f("ck_replies_one_owner"), _ONE_OWNER)
        batch.create_unique_constraint(op.f("uq_replies_period_key"), ["period_key"])


def downgrade() -> None:
    # Staff mail has no message to hang on; it cannot survive the older schema.
    op.execute("DELETE FROM replies WHERE message_id IS NULL")
    with op.batch_alter_table("replies") as batch:
        batch.drop_constraint(op.f("uq_replies_period_key"), type_="unique")
        batch.drop_constraint(op.f("ck_replies_one_owner"), type_="check")
        batch.drop_constraint(op.f("ck_replies_kind"), type_="check")
        batch.create_check_constraint(op.f(_OLD_KIND_CHECK), _OLD_KINDS)
        batch.alter_column("message_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("period_key")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("text_excerpt")
