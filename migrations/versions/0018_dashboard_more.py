"""dashboard speed (issue 17): review turnaround facts, the export from the piece-period rollup

Written by hand. ``review_turnaround``: one row per review decision with what the dashboard's
pipeline and turnaround figures need (decision time, the piece's channel and content type, the
hours since the submission it answered), written with the decision; ``flask metrics rollup``
rebuilds it. ``metric_piece_period`` gains the piece's platform id and URL of the period (the
export reads the rollup) and an index ordered by reads (top and bottom pieces).
The new rollup columns start empty: ``flask metrics rollup`` fills them (and the facts of the
decisions made before this revision).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 12:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_turnaround",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("piece_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["review_decision.id"],
            name=op.f("fk_review_turnaround_decision_id_review_decision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["piece_id"],
            ["piece.id"],
            name=op.f("fk_review_turnaround_piece_id_piece"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_review_turnaround_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("decision_id", name=op.f("pk_review_turnaround")),
    )
    op.create_index(
        "ix_review_turnaround_decided_at", "review_turnaround", ["decided_at"], unique=False
    )
    op.create_index("ix_review_turnaround_piece", "review_turnaround", ["piece_id"], unique=False)
    with op.batch_alter_table("metric_piece_period") as batch:
        batch.add_column(sa.Column("platform_id", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("url", sa.String(length=500), nullable=True))
    op.create_index(
        "ix_metric_piece_period_reads",
        "metric_piece_period",
        ["grain", "start", "reads"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_metric_piece_period_reads", table_name="metric_piece_period")
    with op.batch_alter_table("metric_piece_period") as batch:
        batch.drop_column("url")
        batch.drop_column("platform_id")
    op.drop_index("ix_review_turnaround_piece", table_name="review_turnaround")
    op.drop_index("ix_review_turnaround_decided_at", table_name="review_turnaround")
    op.drop_table("review_turnaround")
