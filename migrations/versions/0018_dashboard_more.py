"""dashboard speed and platform metrics (issue 17): spare revision

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 12:45:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
