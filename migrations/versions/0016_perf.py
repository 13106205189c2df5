"""page speed (issue 16): the current word list in its display order, as a partial index

``/lexicon/`` lists the current entries (valid_to IS NULL) by category, term and entry id; with
the 64k dictionary PostgreSQL sorted every row for each page (~100 ms; IS NULL gives the plain
``(valid_to, category)`` index no order). A partial index on the order itself serves the page, the
category filter and the count; SQLite and PostgreSQL both build partial indexes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 08:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


CURRENT = sa.text("valid_to IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_lexicon_entry_current_order",
        "lexicon_entry",
        ["category", "term", "entry_id"],
        postgresql_where=CURRENT,
        sqlite_where=CURRENT,
    )


def downgrade() -> None:
    op.drop_index("ix_lexicon_entry_current_order", table_name="lexicon_entry")
