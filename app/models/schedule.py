"""Calendar tables: channel policy settings, blackouts, overrides, feed tokens, reserve targets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, in_list, utcnow
from app.models.content import Channel, ContentType, Piece
from app.models.people import User

DEFAULT_RESERVE_TARGET = 200  # PRODUCT §2: keep at least 200 approved pieces ready


# db.Model is created at run time, so mypy cannot use it as a base class: hence the
# `type: ignore[name-defined]` on the model classes of this module.
class ChannelPolicySetting(db.Model):  # type: ignore[name-defined]
    """A manager's posting rules for one channel; without a row the plan's defaults apply."""

    __tablename__ = "channel_policy"
    __table_args__ = (
        CheckConstraint("promo_share_max_pct BETWEEN 0 AND 100", name="promo_share_range"),
        CheckConstraint("sends_per_day >= 1", name="sends_per_day_min"),
        CheckConstraint("articles_per_send BETWEEN 1 AND 8", name="articles_per_send_range"),
        CheckConstraint("interactive_weekly_target >= 0", name="interactive_target_min"),
    )

    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True
    )
    promo_share_max_pct: Mapped[int] = mapped_column(default=20)
    sends_per_day: Mapped[int] = mapped_column(default=1)
    articles_per_send: Mapped[int] = mapped_column(default=8)
    interactive_weekly_target: Mapped[int] = mapped_column(default=3)
    daily_cadence: Mapped[bool] = mapped_column(default=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    channel: Mapped[Channel] = relationship()
    updated_by: Mapped[User | None] = relationship()


class BlackoutWindow(db.Model):  # type: ignore[name-defined]
    """A window [start_at, end_at) in which nothing goes out, on one channel or all (NULL)."""

    __tablename__ = "blackout_window"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        Index("ix_blackout_window_span", "start_at", "end_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    channel: Mapped[Channel | None] = relationship(lazy="joined")
    author: Mapped[User] = relationship(lazy="joined")


class ScheduleOverride(db.Model):  # type: ignore[name-defined]
    """A manager scheduled a piece against the policy, with a written reason."""

    __tablename__ = "schedule_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"), index=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text)
    rules: Mapped[list] = mapped_column(JSON)  # Rule codes overridden, e.g. ["promo_share"]
    messages: Mapped[list] = mapped_column(JSON)  # the Chinese refusals the manager overrode
    # The slot the override allowed (NULL for an unschedule); the calendar marks that slot.
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    piece: Mapped[Piece] = relationship()
    manager: Mapped[User] = relationship(lazy="joined")


class CalendarFeedToken(db.Model):  # type: ignore[name-defined]
    """A user's secret iCalendar feed link; only its SHA-256 is stored."""

    __tablename__ = "calendar_feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class ReserveTarget(db.Model):  # type: ignore[name-defined]
    """How many approved, unscheduled pieces to keep ready: in all, per channel or per type."""

    __tablename__ = "reserve_target"
    __table_args__ = (
        CheckConstraint("target >= 0", name="target_min"),
        CheckConstraint(
            f"content_type IS NULL OR {in_list('content_type', ContentType)}",
            name="content_type_valid",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Both NULL: the overall target (200 by default); one set: a per-channel or per-type target.
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    content_type: Mapped[str | None] = mapped_column(String(20))
    target: Mapped[int] = mapped_column(default=DEFAULT_RESERVE_TARGET)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    channel: Mapped[Channel | None] = relationship(lazy="joined")
