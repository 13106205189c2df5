"""page speed (issue 16): the calendar's counts read from two indexes, not from the pieces

At 50,000 pieces (``demo-scale``, ~140 a day) the calendar's month read thousands of piece rows
for one or two columns each: the planned entries' state (~4,800 pieces with a planned date in
the window, ``ix_piece_planned_date`` holds only the date), and the channel and type of the
week counts (~1,900 pieces scheduled in the window) and of the reserve (~2,100 approved pieces),
which ``ix_piece_status_publish_at`` did not hold. Both indexes are widened so that those
statements read the index alone:

- ``ix_piece_planned_date``: ``(planned_date)`` → ``(planned_date, status)``; every use of the
  old index (a planned_date range) is served by the new one.
- ``ix_piece_status_publish_at``: ``(status, publish_at, id)`` → ``(status, publish_at, id,
  channel_id, content_type)``; the same order for ``/publishing``'s lists.

On SQLite at scale, fresh connection: planned entries 18 → 6 ms, the week counts 4 → 1.3 ms,
the reserve 4 → 1.4 ms. Dropping an index drops SQLite's statistics of it, and without them
SQLite read the planned entries through the state (every planned piece, slower than before): a
SQLite database that keeps statistics (``demo-scale`` runs ANALYZE) has the piece table's
renewed. PostgreSQL keeps its statistics per column, not per index.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07 01:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

PLANNED, BY_STATE = "ix_piece_planned_date", "ix_piece_status_publish_at"


def upgrade() -> None:
    op.drop_index(PLANNED, table_name="piece")
    op.create_index(PLANNED, "piece", ["planned_date", "status"])
    op.drop_index(BY_STATE, table_name="piece")
    op.create_index(BY_STATE, "piece", ["status", "publish_at", "id", "channel_id", "content_type"])
    _renew_sqlite_statistics()


def _renew_sqlite_statistics() -> None:
    """ANALYZE the pieces where SQLite keeps statistics (and only there: a database without
    them plans without them throughout)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    kept = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    if bind.execute(sa.text(kept)).first() is not None:
        op.execute("ANALYZE piece")


def downgrade() -> None:
    op.drop_index(BY_STATE, table_name="piece")
    op.create_index(BY_STATE, "piece", ["status", "publish_at", "id"])
    op.drop_index(PLANNED, table_name="piece")
    op.create_index(PLANNED, "piece", ["planned_date"])
    _renew_sqlite_statistics()
