"""security hardening (issue 14): sessions, passwords, API token scopes and expiry

Written by hand. ``user_session`` holds one row per log-in (the SHA-256 of the secret the session
and remember cookies carry), so that log-out and a password change end a log-in everywhere.
``user.must_change_password`` is set by an admin's reset. API tokens get ``expires_at`` and
``scopes``: tokens that exist already keep working for 90 days from the upgrade with every scope
(what they could do before; scheduling still needs a role that may schedule).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 18:20:00

"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

EXISTING_TOKENS_DAYS = 90
ALL_SCOPES = "check calendar:read schedule"


def upgrade() -> None:
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("remember", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_session_token_hash")),
    )
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_session_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )

    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("scopes", sa.String(length=100), nullable=True))
    expires = datetime.now(UTC) + timedelta(days=EXISTING_TOKENS_DAYS)
    op.execute(
        sa.text("UPDATE api_token SET expires_at = :expires, scopes = :scopes").bindparams(
            sa.bindparam("expires", expires, type_=sa.DateTime(timezone=True)),
            scopes=ALL_SCOPES,
        )
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column("scopes", existing_type=sa.String(length=100), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("scopes")
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_session_user_id"))
    op.drop_table("user_session")
