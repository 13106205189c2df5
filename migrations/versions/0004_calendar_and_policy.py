"""calendar and posting policy (issue 7): filled in by the calendar work

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 02:00:00

"""

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
