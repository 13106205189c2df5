"""account-level daily figures per channel (issue 17): channel_metric_daily

Written by hand. One row per channel and day with what the 公众号 datacube reports for the whole
account: the published content summed (getbizsummary: reads, shares, 在看, likes, comments,
favourites, original-page clicks, articles sent) and the followers (getusersummary: new and
cancelled; getusercumulate: the total). NULL = not reported. Written by ``flask metrics pull``
in the transaction of the day's article rows, replaced by a re-pull of the same day (the unique
key); the dashboard reads a period of days by that key.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 14:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

FIGURES = (
    "reads",
    "shares",
    "zaikan",
    "likes",
    "comments",
    "favorites",
    "original_page",
    "articles",
    "new_followers",
    "cancelled_followers",
    "followers",
)


def upgrade() -> None:
    op.create_table(
        "channel_metric_daily",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in FIGURES),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_channel_metric_daily_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["metric_import.id"],
            name=op.f("fk_channel_metric_daily_import_id_metric_import"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_metric_daily")),
        sa.UniqueConstraint("day", "channel_id", name="uq_channel_metric_daily_day_channel"),
    )
    with op.batch_alter_table("channel_metric_daily") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_channel_metric_daily_import_id"), ["import_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("channel_metric_daily") as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_metric_daily_import_id"))
    op.drop_table("channel_metric_daily")
