"""account-level daily figures per channel (issue 17): spare revision

Placeholder created so that parallel work keeps one migration head; filled by the issue's work.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 14:00:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
