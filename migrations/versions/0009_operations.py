"""operations (issue 15): worker heartbeats, incidents, late-publishing policy, word-list jobs

Written by hand. Placeholder that keeps one linear head while the issue is built; it changes
nothing until its tables and columns are added here.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 18:20:00

"""


# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
