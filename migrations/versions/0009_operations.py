"""operations (issue 15): worker heartbeats, the watchdog's shared clock, incidents

Written by hand. ``worker_heartbeat`` holds each publish worker's last sign of life;
``watchdog_run`` the last run of the independent watchdog (one row per name, seeded with
'watchdog'), so that the web processes run it at most once a minute between them;
``ops_incident`` one row per alerted problem (open while ``closed_at`` is empty). Late publishing
policy: publish_job gets the state 'late' and ``late_at`` (when people were told);
channel_publishing gets ``late_after_minutes`` (30). ``lexicon_import_job``: confirmed browser
imports of word lists, run by the workers, with their progress.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 18:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD_STATES = "'pending', 'running', 'awaiting_person', 'done', 'failed', 'stopped', 'blackout'"
NEW_STATES = OLD_STATES + ", 'late'"


def _states(batch_op, states: str) -> None:
    batch_op.drop_constraint(batch_op.f("ck_publish_job_state_valid"), type_="check")
    batch_op.create_check_constraint(batch_op.f("ck_publish_job_state_valid"), f"state IN ({states})")


def upgrade() -> None:
    op.create_table(
        "worker_heartbeat",
        sa.Column("worker_id", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=100), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_worker_heartbeat")),
    )
    op.create_index(
        op.f("ix_worker_heartbeat_last_seen"), "worker_heartbeat", ["last_seen"], unique=False
    )
    watchdog_run = op.create_table(
        "watchdog_run",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_watchdog_run")),
    )
    op.bulk_insert(watchdog_run, [{"name": "watchdog", "last_run_at": None, "last_run_by": ""}])
    op.create_table(
        "ops_incident",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ops_incident")),
    )
    op.create_table(
        "lexicon_import_job",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("phase", sa.String(length=10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_lexicon_import_job_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_lexicon_import_job")),
    )
    with op.batch_alter_table("publish_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_at", sa.DateTime(timezone=True), nullable=True))
        _states(batch_op, NEW_STATES)
    with op.batch_alter_table("channel_publishing", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("late_after_minutes", sa.Integer(), server_default="30", nullable=False)
        )


def downgrade() -> None:
    op.drop_table("lexicon_import_job")
    with op.batch_alter_table("channel_publishing", schema=None) as batch_op:
        batch_op.drop_column("late_after_minutes")
    op.execute("UPDATE publish_job SET state = 'stopped' WHERE state = 'late'")
    with op.batch_alter_table("publish_job", schema=None) as batch_op:
        _states(batch_op, OLD_STATES)
        batch_op.drop_column("late_at")
    op.drop_table("ops_incident")
    op.drop_table("watchdog_run")
    op.drop_index(op.f("ix_worker_heartbeat_last_seen"), table_name="worker_heartbeat")
    op.drop_table("worker_heartbeat")
