"""publish errors in the reader's language (issue 20): the job's error as message keys

A job stored its last error in Chinese when it happened, so an English reader saw Chinese on the
publishing monitor and the piece page. ``publish_job.last_error_params`` keeps what the error
says as message keys with their parameters (app.notifications.events ``Words`` JSON, the same as
``notification.params`` of 0017) and pages write it in the reader's language; rows without it
(older ones) show their stored ``last_error``.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05 18:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("publish_job") as batch:
        batch.add_column(sa.Column("last_error_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("publish_job") as batch:
        batch.drop_column("last_error_params")
