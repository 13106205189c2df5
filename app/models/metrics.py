"""Operations data (issue 17): platform metrics per piece per day, import sources and batches.

``piece_metric`` holds one row per piece, day and channel; an empty cell of an import is NULL
(unknown), never 0, so sums and rates count only what the platform reported. A re-import of the
same piece and day replaces its row (the unique key), so importing a file twice adds nothing.
``metric_source`` keeps the column mapping of one export layout (公众号 图文分析, 小红书 …) as
data, editable in the browser; ``metric_import`` records who imported which file, when, and with
which counts.

Sizing: the dashboard reads a period (days) of one channel or all; ``(day, channel_id)`` serves
that range scan and ``(piece_id, day)`` the piece page and the export; at 1,000,000 rows a month
of data is a few tens of thousands of index-ordered rows, summed in the database.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, utcnow
from app.models.content import Channel, Piece, ReviewDecision
from app.models.people import User

COUNT_COLUMNS = (
    "delivered",
    "reads",
    "likes",
    "shares",
    "comments",
    "favorites",
    "conversions",
)
MONEY_COLUMNS = ("revenue", "cost")


class MetricSource(db.Model):  # type: ignore[name-defined]
    """One export layout: which of its columns holds which canonical column."""

    __tablename__ = "metric_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # Channel kind the layout comes from ('' = any, as in the canonical format).
    channel_kind: Mapped[str] = mapped_column(String(20), default="")
    # canonical column → the export's header text
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(String(300), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MetricImport(db.Model):  # type: ignore[name-defined]
    """One import (a file from the browser or the CLI, or a 公众号 pull) and its counts."""

    __tablename__ = "metric_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64), default="")
    filename: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_inserted: Mapped[int] = mapped_column(Integer, default=0)
    rows_replaced: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)

    user: Mapped[User | None] = relationship()


class PieceMetric(db.Model):  # type: ignore[name-defined]
    """What a platform reported for one piece on one day on one channel; NULL = not reported."""

    __tablename__ = "piece_metric"
    __table_args__ = (
        UniqueConstraint("piece_id", "day", "channel_id", name="uq_piece_metric_piece_day_channel"),
        Index("ix_piece_metric_day_channel", "day", "channel_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"))
    platform_id: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    delivered: Mapped[int | None] = mapped_column(Integer)
    reads: Mapped[int | None] = mapped_column(Integer)
    likes: Mapped[int | None] = mapped_column(Integer)
    shares: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[int | None] = mapped_column(Integer)
    favorites: Mapped[int | None] = mapped_column(Integer)
    conversions: Mapped[int | None] = mapped_column(Integer)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("metric_import.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    piece: Mapped[Piece] = relationship()
    channel: Mapped[Channel] = relationship()


ACCOUNT_COLUMNS = (
    "reads",
    "shares",
    "zaikan",
    "likes",
    "comments",
    "favorites",
    "original_page",
    "articles",
    "new_followers",
    "cancelled_followers",
    "followers",
)


class ChannelMetricDaily(db.Model):  # type: ignore[name-defined]
    """One channel's account-level figures for one day, as the 公众号 datacube reports them:
    the published content summed (getbizsummary: reads, shares, 在看 ``zaikan``, likes,
    comments, favourites, original-page clicks ``original_page``, ``articles`` sent) and the
    followers (getusersummary: new and cancelled; getusercumulate: the total). NULL = not
    reported. Written by the pull with the day's article rows; a re-pull replaces the row."""

    __tablename__ = "channel_metric_daily"
    __table_args__ = (
        UniqueConstraint("day", "channel_id", name="uq_channel_metric_daily_day_channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    reads: Mapped[int | None] = mapped_column(Integer)
    shares: Mapped[int | None] = mapped_column(Integer)
    zaikan: Mapped[int | None] = mapped_column(Integer)
    likes: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[int | None] = mapped_column(Integer)
    favorites: Mapped[int | None] = mapped_column(Integer)
    original_page: Mapped[int | None] = mapped_column(Integer)
    articles: Mapped[int | None] = mapped_column(Integer)
    new_followers: Mapped[int | None] = mapped_column(Integer)
    cancelled_followers: Mapped[int | None] = mapped_column(Integer)
    followers: Mapped[int | None] = mapped_column(Integer)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("metric_import.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    channel: Mapped[Channel] = relationship()

    @property
    def net_followers(self) -> int | None:
        """New followers minus those who left, when both are known."""
        if self.new_followers is None or self.cancelled_followers is None:
            return None
        return self.new_followers - self.cancelled_followers


class _Sums:
    """The summed columns shared by the rollups: a NULL sum means no row reported the figure;
    the rate parts count only rows where both parts are known (0 when none)."""

    delivered: Mapped[int | None] = mapped_column(BigInteger)
    reads: Mapped[int | None] = mapped_column(BigInteger)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    favorites: Mapped[int | None] = mapped_column(BigInteger)
    conversions: Mapped[int | None] = mapped_column(BigInteger)
    revenue: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    interactions: Mapped[int | None] = mapped_column(BigInteger)
    rate_reads: Mapped[int] = mapped_column(BigInteger, default=0)
    rate_delivered: Mapped[int] = mapped_column(BigInteger, default=0)
    roi_revenue: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=0)
    roi_cost: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=0)


class MetricDaily(_Sums, db.Model):  # type: ignore[name-defined]
    """``piece_metric`` summed per day, channel and the piece's content type (the dashboard's
    totals, open rates and content types, this period and the previous one).

    Kept in step by every import and pull in the same transaction (app.analytics.rollup) and
    rebuilt by ``flask metrics rollup``; ``pieces`` counts the pieces with a row that day.
    """

    __tablename__ = "metric_daily"
    __table_args__ = (
        UniqueConstraint("day", "channel_id", "content_type", name="uq_metric_daily_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    content_type: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    pieces: Mapped[int] = mapped_column(Integer, default=0)


class MetricPiecePeriod(_Sums, db.Model):  # type: ignore[name-defined]
    """``piece_metric`` summed per piece and channel over one day, ISO week or calendar month
    (``grain``, ``start``): the dashboard's top and bottom pieces, distinct piece counts and
    performance by publishing weekday and hour (brand zone, copied from the piece: NULL when it
    has no publish time) without scanning the raw rows of the period."""

    __tablename__ = "metric_piece_period"
    __table_args__ = (
        UniqueConstraint("grain", "start", "piece_id", "channel_id", name="uq_metric_piece_period"),
        Index("ix_metric_piece_period_piece", "piece_id"),
        # The period's top and bottom pieces by reads (issue 17, migration 0018).
        Index("ix_metric_piece_period_reads", "grain", "start", "reads"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grain: Mapped[str] = mapped_column(String(5))  # day | week | month
    start: Mapped[date] = mapped_column(Date)
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    content_type: Mapped[str] = mapped_column(String(20))
    weekday: Mapped[int | None] = mapped_column(SmallInteger)  # 0 = Monday
    hour: Mapped[int | None] = mapped_column(SmallInteger)
    # The period's platform id and URL (the largest of its rows', as the export shows them).
    platform_id: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(500))


class ReviewTurnaround(db.Model):  # type: ignore[name-defined]
    """One review decision as the dashboard counts it: when, on which channel and content type
    (the piece's, copied), and the hours since the submission it answered (NULL: none known).

    Written with the decision (``app.review.facts.record``, in the decision's
    transaction) and rebuilt by ``flask metrics rollup``; the period's median, p90, SLA breaches
    and approvals read it by ``decided_at`` without joining the pieces.
    """

    __tablename__ = "review_turnaround"
    __table_args__ = (
        Index("ix_review_turnaround_decided_at", "decided_at"),
        Index("ix_review_turnaround_piece", "piece_id"),
    )

    decision_id: Mapped[int] = mapped_column(
        ForeignKey("review_decision.id", ondelete="CASCADE"), primary_key=True
    )
    piece_id: Mapped[int] = mapped_column(ForeignKey("piece.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    content_type: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    hours: Mapped[float | None] = mapped_column(Float)

    review_decision: Mapped[ReviewDecision] = relationship()


class ReserveSnapshot(db.Model):  # type: ignore[name-defined]
    """The reserve (approved, not yet scheduled pieces) at the end of one day, brand zone.

    Written daily by the worker; days before the first snapshot are backfilled from the pieces'
    history (``estimated``: approved by then and not yet published — a later scheduling that
    was undone is not known)."""

    __tablename__ = "reserve_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    target: Mapped[int] = mapped_column(Integer, default=200)
    estimated: Mapped[bool] = mapped_column(default=False)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
