"""dashboard rollup (issue 17): pre-aggregated figures for /dashboard

Written by hand. ``metric_daily``: ``piece_metric`` summed per day × channel × the piece's
content type; ``metric_piece_period``: summed per piece × channel over a day, ISO week or month,
with the piece's content type and publishing weekday/hour copied in (top/bottom pieces, distinct
piece counts, performance by slot); ``reserve_snapshot``: the reserve at the end of each day;
indexes for the dashboard's period queries on piece, review_decision and hit_log.
The rollups start empty: ``flask metrics rollup`` fills them from the existing metric rows
(imports and pulls keep them in step from then on).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 08:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _sums() -> list[sa.Column]:
    counts = [
        sa.Column(name, sa.BigInteger(), nullable=True)
        for name in (
            "delivered", "reads", "likes", "shares", "comments", "favorites", "conversions",
        )
    ]
    return [
        *counts,
        sa.Column("revenue", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("cost", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("interactions", sa.BigInteger(), nullable=True),
        sa.Column("rate_reads", sa.BigInteger(), nullable=False),
        sa.Column("rate_delivered", sa.BigInteger(), nullable=False),
        sa.Column("roi_revenue", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("roi_cost", sa.Numeric(precision=16, scale=2), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "metric_daily",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("pieces", sa.Integer(), nullable=False),
        *_sums(),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"], name=op.f("fk_metric_daily_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_daily")),
        sa.UniqueConstraint("day", "channel_id", "content_type", name="uq_metric_daily_key"),
    )
    op.create_table(
        "metric_piece_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grain", sa.String(length=5), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("piece_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=True),
        sa.Column("hour", sa.SmallInteger(), nullable=True),
        *_sums(),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"],
            name=op.f("fk_metric_piece_period_channel_id_channel"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["piece_id"], ["piece.id"], name=op.f("fk_metric_piece_period_piece_id_piece"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_piece_period")),
        sa.UniqueConstraint(
            "grain", "start", "piece_id", "channel_id", name="uq_metric_piece_period"
        ),
    )
    op.create_index(
        "ix_metric_piece_period_piece", "metric_piece_period", ["piece_id"], unique=False
    )
    # The pipeline, turnaround, mix and compliance figures of a period, by index range.
    op.create_index("ix_piece_created_at", "piece", ["created_at"], unique=False)
    op.create_index("ix_piece_submitted_at", "piece", ["submitted_at"], unique=False)
    op.create_index("ix_piece_published_at", "piece", ["published_at"], unique=False)
    op.create_index(
        "ix_review_decision_created_at", "review_decision", ["created_at"], unique=False
    )
    op.create_index("ix_hit_log_at_entry", "hit_log", ["at", "entry_id"], unique=False)
    op.create_table(
        "reserve_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reserve_snapshot")),
        sa.UniqueConstraint("day", name=op.f("uq_reserve_snapshot_day")),
    )


def downgrade() -> None:
    op.drop_table("reserve_snapshot")
    op.drop_index("ix_hit_log_at_entry", table_name="hit_log")
    op.drop_index("ix_review_decision_created_at", table_name="review_decision")
    op.drop_index("ix_piece_published_at", table_name="piece")
    op.drop_index("ix_piece_submitted_at", table_name="piece")
    op.drop_index("ix_piece_created_at", table_name="piece")
    op.drop_index("ix_metric_piece_period_piece", table_name="metric_piece_period")
    op.drop_table("metric_piece_period")
    op.drop_table("metric_daily")
