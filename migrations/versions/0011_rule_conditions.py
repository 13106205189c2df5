"""rule conditions (issue 18): document and proximity conditions on lexicon entries

Adds lexicon_entry.conditions: the entry's condition items (JSON list of strings, empty for
every existing entry; see app/compliance/conditions.py).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 05:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The server default fills the existing rows, then goes: the model sets the value (a JSON
    # default would make PostgreSQL's schema comparison fail, json having no = operator).
    with op.batch_alter_table("lexicon_entry") as batch:
        batch.add_column(
            sa.Column("conditions", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("lexicon_entry") as batch:
        batch.alter_column("conditions", existing_type=sa.JSON(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("lexicon_entry") as batch:
        batch.drop_column("conditions")
