"""ui (issue 20): spare revision for the product-as-used work

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 05:10:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
