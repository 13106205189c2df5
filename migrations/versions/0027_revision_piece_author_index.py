"""page speed (issue 16): whether a user wrote a revision of a piece, from an index

The review queue's "waiting for me" and the home page's reviewable pieces leave out the pieces a
reviewer wrote text of since its last approval (authors_since_approval). For every piece in
review SQLite looked up the last approval (decisions, two revisions) before it could look for
the reviewer's revisions, which needed each revision's row. ``(piece_id, author_id)`` answers
"did this user write any revision of this piece" from the index; the approval is looked up only
where the answer is yes. The queue's count at 1,360 pieces in review, SQLite, fresh connection,
CPU: 10.7 → 5.4 ms (with the query change of the same commit).

As in 0026, a SQLite database that keeps statistics has the revisions' renewed.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 01:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

NAME = "ix_revision_piece_author"


def upgrade() -> None:
    op.create_index(NAME, "revision", ["piece_id", "author_id"])
    _renew_sqlite_statistics()


def _renew_sqlite_statistics() -> None:
    """ANALYZE the revisions where SQLite keeps statistics (their indexes only: quick)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    kept = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    if bind.execute(sa.text(kept)).first() is not None:
        op.execute("ANALYZE revision")


def downgrade() -> None:
    op.drop_index(NAME, table_name="revision")
