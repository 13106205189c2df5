"""publishing hardening: blackout holds, 公众号 group sends, SLA alerts, one event vocabulary

Written by hand. publish_job gets the state 'blackout' (a blackout window covers the send; the
piece waits until someone reschedules it), ``blackout_at`` (when that was alerted) and
``batch_id`` (the piece whose job leads a 公众号 group send); piece gets ``sla_alerted_at`` (the
review-SLA alert of the current submission). In-app notifications stored under the old event
names are renamed to the one vocabulary of app.publishing.notify.Event.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_STATES = "'pending', 'running', 'awaiting_person', 'done', 'failed', 'stopped'"
NEW_STATES = OLD_STATES + ", 'blackout'"
RENAMED_EVENTS = {"needs_legal": "legal_signoff", "lexicon_changed": "wordlist_changed"}


def _states(batch_op, states: str) -> None:
    batch_op.drop_constraint(batch_op.f("ck_publish_job_state_valid"), type_="check")
    batch_op.create_check_constraint(batch_op.f("ck_publish_job_state_valid"), f"state IN ({states})")


def _rename_events(renames: dict[str, str]) -> None:
    for old, new in renames.items():
        op.execute(
            sa.text("UPDATE notification SET event = :new WHERE event = :old").bindparams(
                new=new, old=old
            )
        )


def upgrade():
    with op.batch_alter_table("publish_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("blackout_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_publish_job_batch_id", ["batch_id"], unique=False)
        _states(batch_op, NEW_STATES)
    with op.batch_alter_table("piece", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_alerted_at", sa.DateTime(timezone=True), nullable=True))
    _rename_events(RENAMED_EVENTS)


def downgrade():
    _rename_events({new: old for old, new in RENAMED_EVENTS.items()})
    op.execute("UPDATE publish_job SET state = 'stopped' WHERE state = 'blackout'")
    with op.batch_alter_table("piece", schema=None) as batch_op:
        batch_op.drop_column("sla_alerted_at")
    with op.batch_alter_table("publish_job", schema=None) as batch_op:
        _states(batch_op, OLD_STATES)
        batch_op.drop_index("ix_publish_job_batch_id")
        batch_op.drop_column("blackout_at")
        batch_op.drop_column("batch_id")
