"""page speed (issue 16): pieces by state in publish order, one index

``/publishing`` lists the pieces of one state ordered by publish time, and the calendar counts
the pieces of some states in a publish_at range. With only ``(status, submitted_at)`` and
``(publish_at)`` to choose from, SQLite with statistics (``demo-scale`` runs ANALYZE) walked
every piece in publish order to find the few of one state: ~55 ms a list at 50,000 pieces,
three lists a page. ``(status, publish_at, id)`` is the filter and the order at once, on
SQLite and PostgreSQL alike.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 23:50:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_piece_status_publish_at", "piece", ["status", "publish_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_piece_status_publish_at", table_name="piece")
