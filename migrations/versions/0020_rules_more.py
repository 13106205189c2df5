"""rules in context (issue 18): spare revision

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 12:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
