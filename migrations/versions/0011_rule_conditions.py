"""rule conditions (issue 18): document and proximity conditions on lexicon entries

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 05:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
