"""scale (issue 16): indexes for pages that must not grow with the data

Written by hand, from the scale data (``flask demo-scale``: 50,000 pieces, 250,000 audit rows,
90,000 notices): the piece list sorts by ``updated_at`` (an index lets it read 25 rows instead
of sorting 50,000), the calendar selects planned pieces by ``planned_date``, and the bell lists a
user's latest notices by id.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 05:10:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_piece_updated", "piece", ["updated_at", "id"])
    op.create_index("ix_piece_planned_date", "piece", ["planned_date"])
    op.create_index("ix_notification_user_id", "notification", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_notification_user_id", table_name="notification")
    op.drop_index("ix_piece_planned_date", table_name="piece")
    op.drop_index("ix_piece_updated", table_name="piece")
