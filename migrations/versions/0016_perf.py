"""page speed (issue 16): spare revision for denormalised columns or indexes

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 08:45:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
