"""dashboard rollup (issue 17): pre-aggregated figures for /dashboard

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 08:45:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
