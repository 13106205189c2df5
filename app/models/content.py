"""Content: channels, topics, pieces, their revisions, comments and review decisions."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from enum import StrEnum
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship
from sqlalchemy.sql.base import ExecutableOption

from app.extensions import db
from app.models.base import UTCDateTime, in_list, utcnow
from app.models.people import User
from app.workflow import Status, TopicStatus


class ContentType(StrEnum):
    """Content types from the brand's operating plan (PRODUCT §2)."""

    STYLING = "styling"  # 穿搭教程
    BRAND_STORY = "brand_story"  # 品牌故事
    PROMOTION = "promotion"  # 促销活动, counted against the promo share
    UGC = "ugc"  # 用户内容, needs the customer's authorisation
    INTERACTIVE = "interactive"  # 互动活动: polls, Q&A, lotteries


CONTENT_TYPE_LABELS = {
    ContentType.STYLING: _l("穿搭教程"),
    ContentType.BRAND_STORY: _l("品牌故事"),
    ContentType.PROMOTION: _l("促销活动"),
    ContentType.UGC: _l("用户内容"),
    ContentType.INTERACTIVE: _l("互动活动"),
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
    ChannelKind.WECHAT_OA: _l("微信公众号"),
    ChannelKind.CHANNELS: _l("视频号"),
    ChannelKind.XIAOHONGSHU: _l("小红书"),
    ChannelKind.DOUYIN: _l("抖音"),
    ChannelKind.WEIBO: _l("微博"),
    ChannelKind.COMMUNITY: _l("企业微信社群"),
}


def _default_sla_hours() -> int:
    """The configured default review SLA for a new channel."""
    from flask import current_app

    return int(current_app.config["REVIEW_SLA_HOURS"])


# db.Model is created at run time, so mypy cannot use it as a base class: hence the
# `type: ignore[name-defined]` on the model classes of this module.
class Channel(db.Model):  # type: ignore[name-defined]
    """A publishing destination such as the brand's 公众号 or its 小红书 account."""

    __tablename__ = "channel"
    __table_args__ = (CheckConstraint(in_list("kind", ChannelKind), name="kind_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    # Hours a piece may wait in review; new channels take HEMLINE_REVIEW_SLA_HOURS (24).
    review_sla_hours: Mapped[int] = mapped_column(default=_default_sla_hours)

    @property
    def kind_label(self) -> str:
        """The platform's name in the current language."""
        return str(CHANNEL_KIND_LABELS[ChannelKind(self.kind)])


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
        CheckConstraint(in_list("status", TopicStatus), name="status_valid"),
        CheckConstraint(in_list("content_type", ContentType), name="content_type_valid"),
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
        CheckConstraint(in_list("status", Status), name="status_valid"),
        CheckConstraint(in_list("content_type", ContentType), name="content_type_valid"),
        Index("ix_piece_status_submitted", "status", "submitted_at"),
        Index("ix_piece_updated", "updated_at", "id"),  # the piece list's order (issue 16)
        # The calendar's planned entries: their state from the index, not the rows (migration
        # 0026).
        Index("ix_piece_planned_date", "planned_date", "status"),
        # /dashboard's pipeline flow and content mix: pieces created, submitted and published
        # in a period (issue 17, migration 0015).
        Index("ix_piece_created_at", "created_at"),
        Index("ix_piece_submitted_at", "submitted_at"),
        Index("ix_piece_published_at", "published_at"),
        # /publishing's lists (one state, in publish order) and the calendar's states in a
        # publish_at range: the filter and the order in one index (issue 16, migration 0025);
        # with the channel and type, the calendar's week counts and the reserve read the index
        # alone (migration 0026).
        Index(
            "ix_piece_status_publish_at", "status", "publish_at", "id", "channel_id", "content_type"
        ),
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
    # When the review-SLA breach of the current submission was alerted (once per submission).
    sla_alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when a word-list change gives an approved or scheduled piece a block hit. Migration 0003
    # added the column with a server default (existing rows got ''); the model declares it too, as
    # SQL text: Alembic's SQLite comparison mistakes a plain "" default for a different one.
    compliance_flag: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    # A reviewer's claim, so that two reviewers do not work on one piece; it expires.
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    topic: Mapped[Topic | None] = relationship(back_populates="pieces")
    channel: Mapped[Channel] = relationship(lazy="joined")
    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    last_editor: Mapped[User] = relationship(foreign_keys=[last_editor_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
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
    __table_args__ = (
        UniqueConstraint("piece_id", "number", name="piece_number"),
        # Whether a user wrote any revision of a piece: the review queue's "waiting for me"
        # (authors_since_approval in SQL, issue 16, migration 0027).
        Index("ix_revision_piece_author", "piece_id", "author_id"),
    )

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
    Decision.APPROVE: _l("通过"),
    Decision.REQUEST_CHANGES: _l("要求修改"),
    Decision.REJECT: _l("驳回"),
    Decision.LEGAL_APPROVE: _l("法务通过"),
}


class ReviewDecision(db.Model):  # type: ignore[name-defined]
    """A review decision, pinned to the revision and content hash it was made on."""

    __tablename__ = "review_decision"
    __table_args__ = (
        CheckConstraint(in_list("decision", Decision), name="decision_valid"),
        # /dashboard's approvals and review turnaround of a period (issue 17, migration 0015).
        Index("ix_review_decision_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    # Approvals of pieces with review-severity hits: {hit key: the reviewer's reason}.
    acknowledgements: Mapped[dict | None] = mapped_column(JSON)
    lexicon_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped[User] = relationship(lazy="joined")
    revision: Mapped[Revision] = relationship()


@cache
def piece_row_options() -> tuple[ExecutableOption, ...]:
    """Loader options for lists of pieces (macros.html ``piece_rows``: title, channel, type,
    state, writer, dates): of the current revision its title only, not its body, summary and
    stored report, and of the writer the name. Loading whole revisions cost the list pages most
    of their ORM time (issue 16). Built once."""
    return (
        joinedload(Piece.current_revision).load_only(Revision.title),
        joinedload(Piece.owner).load_only(User.display_name),
    )
