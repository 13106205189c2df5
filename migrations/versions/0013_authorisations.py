"""customer content (issue 19): authorisations, evidence, take-down tasks

Written by hand. ``authorisation`` holds one customer's consent (contact encrypted, the
evidence file's stored name; withdrawal and PIPL erasure leave the row as a tombstone);
``piece_authorisation`` attaches authorisations to UGC pieces; ``takedown_task`` one task per
published piece whose authorisation was withdrawn, open until the post is confirmed gone (its
people are reminded daily, ``alerted_at``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 05:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authorisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer", sa.String(length=80), nullable=False),
        sa.Column("contact_encrypted", sa.Text(), nullable=False),
        sa.Column("allow_text", sa.Boolean(), nullable=False),
        sa.Column("allow_photos", sa.Boolean(), nullable=False),
        sa.Column("allow_video", sa.Boolean(), nullable=False),
        sa.Column("show_name", sa.Boolean(), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("guardian", sa.String(length=80), nullable=False),
        sa.Column("channel_codes", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("how_given", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence_file", sa.String(length=80), nullable=False),
        sa.Column("evidence_name", sa.String(length=200), nullable=False),
        sa.Column("evidence_type", sa.String(length=40), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "how_given IN ('signed_form', 'screenshot', 'other')",
            name=op.f("ck_authorisation_how_given_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_authorisation_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["user.id"],
            name=op.f("fk_authorisation_withdrawn_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorisation")),
    )
    op.create_table(
        "piece_authorisation",
        sa.Column("piece_id", sa.Integer(), nullable=False),
        sa.Column("authorisation_id", sa.Integer(), nullable=False),
        sa.Column("attached_by_id", sa.Integer(), nullable=True),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["piece_id"],
            ["piece.id"],
            name=op.f("fk_piece_authorisation_piece_id_piece"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["authorisation_id"],
            ["authorisation.id"],
            name=op.f("fk_piece_authorisation_authorisation_id_authorisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attached_by_id"],
            ["user.id"],
            name=op.f("fk_piece_authorisation_attached_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint(
            "piece_id", "authorisation_id", name=op.f("pk_piece_authorisation")
        ),
    )
    op.create_index(
        op.f("ix_piece_authorisation_authorisation_id"),
        "piece_authorisation",
        ["authorisation_id"],
        unique=False,
    )
    op.create_table(
        "takedown_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("piece_id", sa.Integer(), nullable=False),
        sa.Column("authorisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("article_id", sa.String(length=100), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("alerted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("state IN ('open', 'done')", name=op.f("ck_takedown_task_state_valid")),
        sa.CheckConstraint(
            "kind IN ('manual', 'wechat')", name=op.f("ck_takedown_task_kind_valid")
        ),
        sa.ForeignKeyConstraint(
            ["piece_id"],
            ["piece.id"],
            name=op.f("fk_takedown_task_piece_id_piece"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["authorisation_id"],
            ["authorisation.id"],
            name=op.f("fk_takedown_task_authorisation_id_authorisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"],
            ["user.id"],
            name=op.f("fk_takedown_task_done_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_takedown_task")),
    )
    op.create_index(op.f("ix_takedown_task_piece_id"), "takedown_task", ["piece_id"], unique=False)
    op.create_index(
        op.f("ix_takedown_task_authorisation_id"),
        "takedown_task",
        ["authorisation_id"],
        unique=False,
    )
    op.create_index(op.f("ix_takedown_task_state"), "takedown_task", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_takedown_task_state"), table_name="takedown_task")
    op.drop_index(op.f("ix_takedown_task_authorisation_id"), table_name="takedown_task")
    op.drop_index(op.f("ix_takedown_task_piece_id"), table_name="takedown_task")
    op.drop_table("takedown_task")
    op.drop_index(op.f("ix_piece_authorisation_authorisation_id"), table_name="piece_authorisation")
    op.drop_table("piece_authorisation")
    op.drop_table("authorisation")
