"""stored errors in the reader's language (issue 20): take-down tasks and outbox messages

As ``publish_job.last_error_params`` (0023) for publish jobs: ``takedown_task.last_error`` (a
公众号 deletion that failed) and ``notification_outbox.last_error`` (a bot message or e-mail not
delivered) were Chinese text shown as stored, so an English reader saw Chinese on the consent
pages and the notification routes page. ``last_error_params`` keeps what the error says as
message keys with their parameters (app.notifications.events ``Words`` JSON) and pages write it
in the reader's language; rows without it (older ones) show their stored ``last_error``.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 03:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

TABLES = ("takedown_task", "notification_outbox")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("last_error_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("last_error_params")
