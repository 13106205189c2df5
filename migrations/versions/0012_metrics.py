"""operations data (issue 17): platform metrics, import sources and mappings

Written by hand. ``piece_metric``: one row per piece per day per channel, every count nullable
(an empty cell is unknown, not 0), unique on (piece_id, day, channel_id) so that a re-import
replaces; indexed by (day, channel_id) for the dashboard's period scans. ``metric_source``: the
saved column mappings of the platforms' exports (seeded by app.analytics at first use, not
here, so that the mappings stay data). ``metric_import``: who imported what, when, with counts.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 05:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "metric_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("channel_kind", sa.String(length=20), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["user.id"], name=op.f("fk_metric_source_updated_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_source")),
        sa.UniqueConstraint("name", name=op.f("uq_metric_source_name")),
    )
    op.create_table(
        "metric_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_inserted", sa.Integer(), nullable=False),
        sa.Column("rows_replaced", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_metric_import_user_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_import")),
    )
    op.create_index(
        op.f("ix_metric_import_created_at"), "metric_import", ["created_at"], unique=False
    )
    op.create_table(
        "piece_metric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("piece_id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("delivered", sa.Integer(), nullable=True),
        sa.Column("reads", sa.Integer(), nullable=True),
        sa.Column("likes", sa.Integer(), nullable=True),
        sa.Column("shares", sa.Integer(), nullable=True),
        sa.Column("comments", sa.Integer(), nullable=True),
        sa.Column("favorites", sa.Integer(), nullable=True),
        sa.Column("conversions", sa.Integer(), nullable=True),
        sa.Column("revenue", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("cost", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channel.id"], name=op.f("fk_piece_metric_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["metric_import.id"],
            name=op.f("fk_piece_metric_import_id_metric_import"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["piece_id"], ["piece.id"], name=op.f("fk_piece_metric_piece_id_piece"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_piece_metric")),
        sa.UniqueConstraint(
            "piece_id", "day", "channel_id", name=op.f("uq_piece_metric_piece_day_channel")
        ),
    )
    op.create_index(
        "ix_piece_metric_day_channel", "piece_metric", ["day", "channel_id"], unique=False
    )
    op.create_index(
        op.f("ix_piece_metric_import_id"), "piece_metric", ["import_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_piece_metric_import_id"), table_name="piece_metric")
    op.drop_index("ix_piece_metric_day_channel", table_name="piece_metric")
    op.drop_table("piece_metric")
    op.drop_index(op.f("ix_metric_import_created_at"), table_name="metric_import")
    op.drop_table("metric_import")
    op.drop_table("metric_source")
