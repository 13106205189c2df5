"""Database tables for people, channels, topics, pieces, revisions, review and the audit log."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.workflow import Status, TopicStatus


def utcnow() -> datetime:
    """Current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as UTC and always returns them aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in_list(column: str, values: Any) -> str:
    """SQL for a check constraint that keeps `column` inside an enum's values."""
    quoted = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({quoted})"


class Role(StrEnum):
    """Roles from PRODUCT §1; one account may hold several."""

    WRITER = "writer"  # proposes topics, writes and submits drafts
    REVIEWER = "reviewer"  # works the review queue, schedules approved pieces
    LEGAL = "legal"  # edits word lists, gives the legal sign-off
    MANAGER = "manager"  # runs the topic meeting, owns calendar and policy
    ADMIN = "admin"  # users, roles, channels, tokens


ROLE_LABELS = {
    Role.WRITER: "撰稿人",
    Role.REVIEWER: "审核员",
    Role.LEGAL: "法务",
    Role.MANAGER: "运营主管",
    Role.ADMIN: "管理员",
}


class ContentType(StrEnum):
    """Content types from the brand's operating plan (PRODUCT §2)."""

    STYLING = "styling"  # 穿搭教程
    BRAND_STORY = "brand_story"  # 品牌故事
    PROMOTION = "promotion"  # 促销活动, counted against the promo share
    UGC = "ugc"  # 用户内容, needs the customer's authorisation
    INTERACTIVE = "interactive"  # 互动活动: polls, Q&A, lotteries


CONTENT_TYPE_LABELS = {
    ContentType.STYLING: "穿搭教程",
    ContentType.BRAND_STORY: "品牌故事",
    ContentType.PROMOTION: "促销活动",
    ContentType.UGC: "用户内容",
    ContentType.INTERACTIVE: "互动活动",
}


class ChannelKind(StrEnum):
    """Platforms a channel publishes to."""

    WECHAT_OA = "wechat_oa"  # 微信公众号
    CHANNELS = "channels"  # 视频号
    XIAOHONGSHU = "xiaohongshu"  # 小红书
    DOUYIN = "douyin"  # 抖音
    WEIBO = "weibo"  # 微博
    COMMUNITY = "community"  # 企业微信社群


CHANNEL_KIND_LABELS = {
    ChannelKind.WECHAT_OA: "微信公众号",
    ChannelKind.CHANNELS: "视频号",
    ChannelKind.XIAOHONGSHU: "小红书",
    ChannelKind.DOUYIN: "抖音",
    ChannelKind.WEIBO: "微博",
    ChannelKind.COMMUNITY: "企业微信社群",
}


class UserRole(db.Model):  # type: ignore[name-defined]
    """One role held by one user."""

    __tablename__ = "user_role"
    __table_args__ = (CheckConstraint(_in_list("role", Role), name="role_valid"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A person who signs in; roles decide what they may do."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> set[str]:
        """The role names this user holds."""
        return {row.role for row in self.role_rows}

    def set_roles(self, roles: set[str] | list[str]) -> None:
        """Replace the user's roles."""
        wanted = {Role(r).value for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in wanted]
        for role in sorted(wanted - self.roles):
            self.role_rows.append(UserRole(role=role))

    def has_role(self, *roles: str) -> bool:
        """True if the user holds any of `roles`."""
        return bool(self.roles.intersection(roles))

    def set_password(self, password: str) -> None:
        """Hash and store a password with werkzeug's scrypt."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True if `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    @property
    def role_labels(self) -> str:
        """Roles in Chinese, for display."""
        return "、".join(ROLE_LABELS[Role(r)] for r in sorted(self.roles))


class Channel(db.Model):  # type: ignore[name-defined]
    """A publishing destination such as the brand's 公众号 or its 小红书 account."""

    __tablename__ = "channel"
    __table_args__ = (CheckConstraint(_in_list("kind", ChannelKind), name="kind_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    review_sla_hours: Mapped[int] = mapped_column(default=24)

    @property
    def kind_label(self) -> str:
        """The platform's Chinese name."""
        return CHANNEL_KIND_LABELS[ChannelKind(self.kind)]


topic_channel = Table(
    "topic_channel",
    db.metadata,
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True),
)


class Topic(db.Model):  # type: ignore[name-defined]
    """A content idea proposed for the topic meeting."""

    __tablename__ = "topic"
    __table_args__ = (
        CheckConstraint(_in_list("status", TopicStatus), name="status_valid"),
        CheckConstraint(_in_list("content_type", ContentType), name="content_type_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    brief: Mapped[str] = mapped_column(Text, default="")
    content_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=TopicStatus.PROPOSED.value, index=True)
    target_week: Mapped[date | None] = mapped_column(Date)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    proposer: Mapped[User] = relationship(foreign_keys=[proposer_id])
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    channels: Mapped[list[Channel]] = relationship(secondary=topic_channel, lazy="selectin")
    pieces: Mapped[list[Piece]] = relationship(back_populates="topic")


class Piece(db.Model):  # type: ignore[name-defined]
    """One piece of content for one channel, moving through the pipeline."""

    __tablename__ = "piece"
    __table_args__ = (
        CheckConstraint(_in_list("status", Status), name="status_valid"),
        CheckConstraint(_in_list("content_type", ContentType), name="content_type_valid"),
        Index("ix_piece_status_submitted", "status", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"), index=True)
    content_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT.value)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    last_editor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_piece_current_revision_id_revision")
    )
    approved_hash: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[str] = mapped_column(String(200), default="")
    planned_date: Mapped[date | None] = mapped_column(Date)
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    post_url: Mapped[str] = mapped_column(String(500), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    topic: Mapped[Topic | None] = relationship(back_populates="pieces")
    channel: Mapped[Channel] = relationship(lazy="joined")
    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    last_editor: Mapped[User] = relationship(foreign_keys=[last_editor_id])
    current_revision: Mapped[Revision | None] = relationship(
        foreign_keys=[current_revision_id], post_update=True, lazy="joined"
    )
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="piece",
        foreign_keys="Revision.piece_id",
        order_by="Revision.number",
        cascade="all, delete-orphan",
    )
    decisions: Mapped[list[ReviewDecision]] = relationship(
        order_by="ReviewDecision.id.desc()", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        """Title of the current revision."""
        return self.current_revision.title if self.current_revision else ""

    @property
    def tag_list(self) -> list[str]:
        """Tags as a list."""
        return [t for t in self.tags.split(",") if t]


def content_hash(fields: dict[str, str]) -> str:
    """SHA-256 over the fields a reader sees or the rules depend on, in a stable encoding."""
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Revision(db.Model):  # type: ignore[name-defined]
    """An immutable snapshot of a piece's content, created by each save that changes it."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("piece_id", "number", name="piece_number"),)

    HASHED_FIELDS = ("title", "summary", "body", "cover", "content_type", "channel")

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    cover: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(20))
    channel_code: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    report: Mapped[dict | None] = mapped_column(JSON)
    verdict: Mapped[str | None] = mapped_column(String(10))
    lexicon_version: Mapped[int | None] = mapped_column(Integer)

    piece: Mapped[Piece] = relationship(back_populates="revisions", foreign_keys=[piece_id])
    author: Mapped[User] = relationship()


class Comment(db.Model):  # type: ignore[name-defined]
    """A comment on a piece, optionally on a span of one revision, optionally a reply."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    anchor_field: Mapped[str | None] = mapped_column(String(10))
    anchor_start: Mapped[int | None] = mapped_column(Integer)
    anchor_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")


class Decision(StrEnum):
    """What a reviewer or legal user decided about one revision."""

    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    LEGAL_APPROVE = "legal_approve"


DECISION_LABELS = {
    Decision.APPROVE: "通过",
    Decision.REQUEST_CHANGES: "要求修改",
    Decision.REJECT: "驳回",
    Decision.LEGAL_APPROVE: "法务通过",
}


class ReviewDecision(db.Model):  # type: ignore[name-defined]
    """A review decision, pinned to the revision and content hash it was made on."""

    __tablename__ = "review_decision"
    __table_args__ = (CheckConstraint(_in_list("decision", Decision), name="decision_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped[User] = relationship(lazy="joined")
    revision: Mapped[Revision] = relationship()


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """Append-only record of who did what, when and why (UPDATE/DELETE refused by triggers)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int | None] = mapped_column(Integer)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship(lazy="joined")


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit row."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_audit_change(*_args: Any) -> None:
    raise AuditLogIsAppendOnly("审计日志只能追加，不能修改或删除。")


class ApiToken(db.Model):  # type: ignore[name-defined]
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")
