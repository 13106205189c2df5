"""scheduled publishing runner (issue 8): filled in by the publishing work

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 02:00:00

"""

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
