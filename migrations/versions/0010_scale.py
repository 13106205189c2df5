"""scale (issue 16): indexes for pages that must not grow with the data

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 05:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
