"""page speed (issue 16): spare revision

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 12:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
