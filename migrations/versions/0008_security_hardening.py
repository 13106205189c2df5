"""security hardening (issue 14): sessions, passwords, API token scopes and expiry

Written by hand. Placeholder that keeps one linear head while the issue is built; it changes
nothing until its tables and columns are added here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 18:20:00

"""


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
