"""review desk (issue 6): a reviewer's expiring claim on a piece

Written by hand: it touches only piece.claimed_by_id and piece.claimed_until.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 02:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("piece", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_piece_claimed_by_id_user"), "user", ["claimed_by_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("piece", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_piece_claimed_by_id_user"), type_="foreignkey")
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by_id")
