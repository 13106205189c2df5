"""notifications in the reader's language (issue 20): the notice's wording as message keys

A notice stored its title and text in Chinese when it was sent, so an English reader saw Chinese.
``notification.params`` keeps what the notice says as message keys with their parameters
(``{"title": [...], "text": [...]}``, app.notifications.events.Words) and the bell writes it in
the reader's language; rows without it (older ones) show their stored title and text.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 12:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("params")
