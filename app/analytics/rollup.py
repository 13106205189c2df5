"""The dashboard's rollups of ``piece_metric``: kept in step by every import and pull, and
rebuilt by ``flask metrics rollup [--from --to]``.

- ``metric_daily``: per day × channel × the piece's content type (totals, open rates, content
  types, this period and the previous one);
- ``metric_piece_period``: per piece × channel over a day, ISO week (Monday) or calendar month,
  with the piece's content type and publishing weekday/hour in the brand zone (top and bottom
  pieces, distinct piece counts, performance by slot).

Decisions:
- A refresh recomputes from ``piece_metric`` (never adds deltas), so it is idempotent: a
  re-import of the same rows leaves the rollups as they were. It runs in the import's
  transaction (all or nothing with the rows it follows); on PostgreSQL a transaction-scoped
  advisory lock serialises concurrent refreshes so that two imports of the same day cannot both
  insert the day's rollup row.
- Days are recomputed whole in ``metric_daily`` (a few thousand raw rows a day); weeks and
  months only for the pieces the import touched.
- The piece's content type and publish time are copied when the rollup is computed: changing
  them afterwards needs ``flask metrics rollup`` for the days concerned (so does deleting metric
  rows by hand; deleting a piece or channel cascades).
- The publishing slot (weekday, hour in the brand zone) is computed by PostgreSQL in the same
  INSERT; on other databases (SQLite) in Python afterwards, one UPDATE per slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    SmallInteger,
    and_,
    cast,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
    update,
)

from app.analytics import decisions
from app.extensions import db
from app.models import MetricDaily, MetricPiecePeriod, Piece, PieceMetric
from app.models.metrics import COUNT_COLUMNS
from app.zones import brand_zone

GRAINS = ("day", "week", "month")
CHUNK = 500
COUNTS = COUNT_COLUMNS
SUM_COLUMNS = (
    *COUNTS,
    "revenue",
    "cost",
    "interactions",
    "rate_reads",
    "rate_delivered",
    "roi_revenue",
    "roi_cost",
)
PERIOD_COLUMNS = [
    "grain",
    "start",
    "piece_id",
    "channel_id",
    "content_type",
    "weekday",
    "hour",
    *SUM_COLUMNS,
    "platform_id",
    "url",
]
LOCK_KEY = 17_0015


def bucket(grain: str, day: date) -> date:
    """The first day of the day, ISO week or month holding ``day``."""
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def bucket_end(grain: str, start: date) -> date:
    """The day after the bucket starting at ``start``."""
    if grain == "day":
        return start + timedelta(days=1)
    if grain == "week":
        return start + timedelta(days=7)
    return (start + timedelta(days=32)).replace(day=1)


def slot(published: datetime) -> tuple[int, int]:
    """The publishing slot: weekday (0 = Monday) and hour in the brand zone."""
    local = published.astimezone(brand_zone())
    return local.weekday(), local.hour


def grain_of(start: date, end: date) -> str | None:
    """Which grain the window [start, end) is exactly, if any."""
    for grain in GRAINS:
        if bucket(grain, start) == start and bucket_end(grain, start) == end:
            return grain
    return None


def sums() -> list[Any]:
    """The rollup's sums over ``piece_metric`` rows, labelled as the rollup's columns."""
    m = PieceMetric
    known_interaction = or_(
        *[getattr(m, c).is_not(None) for c in ("likes", "shares", "comments", "favorites")]
    )
    both_reads = and_(m.reads.is_not(None), m.delivered.is_not(None))
    both_money = and_(m.revenue.is_not(None), m.cost.is_not(None))
    zero = literal(0)
    return [
        *[func.sum(getattr(m, c)).label(c) for c in COUNTS],
        func.sum(m.revenue).label("revenue"),
        func.sum(m.cost).label("cost"),
        func.sum(
            func.coalesce(m.likes, 0)
            + func.coalesce(m.shares, 0)
            + func.coalesce(m.comments, 0)
            + func.coalesce(m.favorites, 0)
        )
        .filter(known_interaction)
        .label("interactions"),
        func.coalesce(func.sum(m.reads).filter(both_reads), zero).label("rate_reads"),
        func.coalesce(func.sum(m.delivered).filter(both_reads), zero).label("rate_delivered"),
        func.coalesce(func.sum(m.revenue).filter(both_money), zero).label("roi_revenue"),
        func.coalesce(func.sum(m.cost).filter(both_money), zero).label("roi_cost"),
    ]


def _texts() -> list[Any]:
    """The period's platform id and URL as the export shows them (the largest of its rows')."""
    return [func.max(PieceMetric.platform_id), func.max(PieceMetric.url)]


def _slots() -> list[Any]:
    """The piece's publishing weekday (0 = Monday) and hour in the brand zone as SQL on
    PostgreSQL (computed in the INSERT); NULL elsewhere, filled by ``_fill_slots``."""
    if db.session.get_bind().dialect.name == "postgresql":
        local = func.timezone(getattr(brand_zone(), "key", "Asia/Shanghai"), Piece.published_at)
        weekday = func.extract("isodow", local) - 1
        return [cast(weekday, SmallInteger), cast(func.extract("hour", local), SmallInteger)]
    return [null(), null()]


def _lock() -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _daily(day_filter: Any) -> None:
    """Recompute ``metric_daily`` for the days ``day_filter`` (on PieceMetric.day) selects."""
    m = PieceMetric
    db.session.execute(
        delete(MetricDaily)
        .where(day_filter(MetricDaily.day))
        .execution_options(synchronize_session=False)
    )
    query = (
        select(
            m.day,
            m.channel_id,
            Piece.content_type,
            func.count(m.id).label("rows"),
            func.count(func.distinct(m.piece_id)).label("pieces"),
            *sums(),
        )
        .join(Piece, Piece.id == m.piece_id)
        .where(day_filter(m.day))
        .group_by(m.day, m.channel_id, Piece.content_type)
    )
    columns = ["day", "channel_id", "content_type", "rows", "pieces", *SUM_COLUMNS]
    db.session.execute(insert(MetricDaily).from_select(columns, query))


def _per_piece(grain: str, start: Any, first: date, end: date) -> Any:
    """The ``metric_piece_period`` rows (``PERIOD_COLUMNS``) of the metric days [first, end)
    per piece and channel, in buckets starting at ``start`` (a date, or ``PieceMetric.day``
    for one bucket per day)."""
    m = PieceMetric
    keys = [m.piece_id, m.channel_id, Piece.content_type, Piece.published_at]
    if not isinstance(start, date):
        keys.insert(0, start)
        start_column = start
    else:
        start_column = literal(start)
    return (
        select(
            literal(grain),
            start_column,
            m.piece_id,
            m.channel_id,
            Piece.content_type,
            *_slots(),
            *sums(),
            *_texts(),
        )
        .join(Piece, Piece.id == m.piece_id)
        .where(m.day >= first, m.day < end)
        .group_by(*keys)
    )


def _piece_period(grain: str, start: date, pieces: list[int] | None) -> None:
    """Recompute one bucket of ``metric_piece_period`` (only ``pieces`` when given)."""
    m, r = PieceMetric, MetricPiecePeriod
    groups = [None] if pieces is None else list(_chunks(pieces))
    for group in groups:
        stale = delete(r).where(r.grain == grain, r.start == start)
        query = _per_piece(grain, start, start, bucket_end(grain, start))
        if group is not None:
            stale = stale.where(r.piece_id.in_(group))
            query = query.where(m.piece_id.in_(group))
        db.session.execute(stale.execution_options(synchronize_session=False))
        db.session.execute(insert(r).from_select(PERIOD_COLUMNS, query))


def _fill_slots(where: Any) -> None:
    """Copy the publishing weekday and hour (brand zone) into rows still without them."""
    if db.session.get_bind().dialect.name == "postgresql":
        return  # computed in the INSERT (_slots)
    r = MetricPiecePeriod
    found = db.session.execute(
        select(r.piece_id, Piece.published_at)
        .distinct()
        .join(Piece, Piece.id == r.piece_id)
        .where(where, r.weekday.is_(None), Piece.published_at.is_not(None))
    ).all()
    slots: dict[tuple[int, int], list[int]] = defaultdict(list)
    for piece_id, published in found:
        if published is not None:
            slots[slot(published)].append(piece_id)
    for (weekday, hour), ids in slots.items():
        for group in _chunks(sorted(ids)):
            db.session.execute(
                update(r)
                .where(where, r.weekday.is_(None), r.piece_id.in_(group))
                .values(weekday=weekday, hour=hour)
                .execution_options(synchronize_session=False)
            )


def refresh(keys: Iterable[tuple[int, date]]) -> None:
    """Bring the rollups in step after the metric rows of these (piece, day) changed; in the
    caller's transaction."""
    keys = set(keys)
    if not keys:
        return
    _lock()
    days = sorted({day for _piece, day in keys})
    for group in _chunks(days):
        _daily(lambda column, group=group: column.in_(group))
    buckets: dict[tuple[str, date], set[int]] = defaultdict(set)
    for piece_id, day in keys:
        for grain in GRAINS:
            buckets[(grain, bucket(grain, day))].add(piece_id)
    r = MetricPiecePeriod
    for (grain, start), pieces in sorted(buckets.items()):
        _piece_period(grain, start, sorted(pieces))
        _fill_slots(and_(r.grain == grain, r.start == start))


def rebuild(first: date | None = None, last: date | None = None) -> dict[str, int]:
    """Recompute every rollup for the days first … last (default: all metric days); weeks and
    months overlapping the range are recomputed whole; the review turnaround facts are
    recomputed whole too (a few seconds at scale). Returns the rows written per table."""
    m, r = PieceMetric, MetricPiecePeriod
    facts = decisions.rebuild()
    if first is None or last is None:
        low, high = db.session.execute(select(func.min(m.day), func.max(m.day))).one()
        if low is None:
            return {"metric_daily": 0, "metric_piece_period": 0, "review_turnaround": facts}
        first, last = first or low, last or high
    assert first is not None and last is not None
    _lock()
    _daily(lambda column: and_(column >= first, column <= last))
    # Days: one statement for the whole range.
    db.session.execute(
        delete(r)
        .where(r.grain == "day", r.start >= first, r.start <= last)
        .execution_options(synchronize_session=False)
    )
    per_day = _per_piece("day", m.day, first, last + timedelta(days=1))
    db.session.execute(insert(r).from_select(PERIOD_COLUMNS, per_day))
    for grain in ("week", "month"):
        start = bucket(grain, first)
        while start <= last:
            _piece_period(grain, start, None)
            start = bucket_end(grain, start)
    earliest = min(bucket("week", first), bucket("month", first))
    _fill_slots(and_(r.start >= earliest, r.start <= last))
    daily = db.session.scalar(
        select(func.count(MetricDaily.id)).where(MetricDaily.day >= first, MetricDaily.day <= last)
    )
    periods = db.session.scalar(
        select(func.count(r.id)).where(r.start >= bucket("week", first), r.start <= last)
    )
    return {
        "metric_daily": int(daily or 0),
        "metric_piece_period": int(periods or 0),
        "review_turnaround": facts,
    }
