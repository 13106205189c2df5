"""watchdog_run.name widened to 64 characters (issue 17)

Written by hand. The 公众号 pull keeps one row per channel named ``analytics:pull:<code>``
(``app/analytics/schedule.py``): with ``channel.code`` up to 32 characters the name needs up to
46, and VARCHAR(30) refused codes over 15 characters on PostgreSQL. 64 leaves room for longer
task names. SQLite rebuilds the table (batch mode); the table has no triggers.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 16:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("watchdog_run") as batch_op:
        batch_op.alter_column(
            "name",
            existing_type=sa.String(length=30),
            type_=sa.String(length=64),
            existing_nullable=False,
        )


def downgrade() -> None:
    # Names longer than 30 characters (channel codes over 15) cannot be kept: they are dropped
    # and recreated by the next pull (a channel catches up PULL_CATCH_UP_DAYS by itself).
    op.execute(sa.text("DELETE FROM watchdog_run WHERE length(name) > 30"))
    with op.batch_alter_table("watchdog_run") as batch_op:
        batch_op.alter_column(
            "name",
            existing_type=sa.String(length=64),
            type_=sa.String(length=30),
            existing_nullable=False,
        )
