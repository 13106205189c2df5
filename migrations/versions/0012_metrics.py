"""operations data (issue 17): platform metrics, import sources and mappings

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 05:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
