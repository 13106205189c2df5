"""The dashboard's numbers: a period and filters in, each section's figures out.

Periods are counted in the brand's zone: a day, an ISO week (Monday first) or a calendar
month containing the anchor date; the previous period is the one just before, of the same
kind. Every figure is computed for both, side by side.

Decisions:
- Metrics are summed in the database over ``piece_metric`` rows of the period's days; a NULL
  (unknown) is left out of the sum, and a rate uses only rows where both of its parts are
  known (open rate: reads and delivered; ROI: revenue and cost).
- Open rate's reference: 38 % for video channels (视频号, 抖音), 15 % for the others (图文).
- Weekday/hour: the piece's publish time in the brand zone; pieces without one are left out.
- Pipeline: pieces created, submitted (their latest submission), approved (approval decisions)
  and published in the period. Turnaround: from the piece's latest submission to a decision in
  the period; a breach is a turnaround over the channel's review SLA.
- Publishing outcomes: jobs of pieces due in the period: on time (done within the channel's
  late threshold), late (done after it), held (stopped, blackout or late-held), failed, missed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Numeric, and_, case, cast, func, or_, select

from app.analytics import decisions, rollup
from app.analytics.parsing import open_rate, roi
from app.checks import store
from app.extensions import db
from app.models import (
    Channel,
    ContentType,
    FalsePositiveReport,
    HitLog,
    MetricDaily,
    MetricPiecePeriod,
    Piece,
    PieceMetric,
    PublishJob,
    Revision,
)
from app.models.publishing import DEFAULT_LATE_AFTER_MINUTES, ChannelPublishing, JobState
from app.zones import brand_zone

PERIODS = rollup.GRAINS
VIDEO_KINDS = frozenset({"channels", "douyin"})
REFERENCE_OPEN_RATE = {"article": 0.15, "video": 0.38}
PROMO_SHARE_LIMIT = 0.20
INTERACTIVE_PER_WEEK = 3
RESERVE_TARGET = 200
TOP_N = 5


@dataclass(frozen=True)
class Window:
    """Days [start, end) of one period."""

    start: date
    end: date

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def label(self) -> str:
        if self.days == 1:
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.last.isoformat()}"

    def instants(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes in the brand zone."""
        zone = brand_zone()
        return datetime.combine(self.start, time(), zone), datetime.combine(self.end, time(), zone)


def window(period: str, anchor: date) -> Window:
    """The day, ISO week or month containing ``anchor`` (the rollups' bucket)."""
    start = rollup.bucket(period, anchor)
    return Window(start, rollup.bucket_end(period, start))


def previous(period: str, current: Window) -> Window:
    """The period of the same kind just before ``current``."""
    return window(period, current.start - timedelta(days=1))


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: period, anchor day, channel, content type, one owner's pieces."""

    period: str = "week"
    anchor: date | None = None
    channel_id: int | None = None
    content_type: str | None = None
    owner_id: int | None = None  # writers see their own pieces only

    def windows(self, today: date) -> tuple[Window, Window]:
        current = window(self.period, self.anchor or today)
        return current, previous(self.period, current)


def _piece_filters(query: Any, filters: Filters) -> Any:
    if filters.channel_id is not None:
        query = query.where(Piece.channel_id == filters.channel_id)
    if filters.content_type:
        query = query.where(Piece.content_type == filters.content_type)
    if filters.owner_id is not None:
        query = query.where(Piece.owner_id == filters.owner_id)
    return query


# -- performance --------------------------------------------------------------------------

SUMMED = rollup.COUNTS


def piece_rows(filters: Filters, span: Window, piece_id: int | None = None) -> list[dict[str, Any]]:
    """One row per piece with metrics in the period: sums, rates, title, channel, publish time."""
    m = PieceMetric
    query = (
        select(
            m.piece_id,
            *rollup.sums(),
            func.max(m.platform_id).label("platform_id"),
            func.max(m.url).label("url"),
        )
        .where(m.day >= span.start, m.day < span.end)
        .group_by(m.piece_id)
    )
    if piece_id is not None:
        query = query.where(m.piece_id == piece_id)
    rows = _piece_dicts(
        {row.piece_id: row for row in db.session.execute(_metric_filters(query, filters))}
    )
    rows.sort(key=lambda r: (-(r["reads"] or 0), r["piece_id"]))
    return rows


def _metric_filters(query: Any, filters: Filters, table: Any = PieceMetric) -> Any:
    """The filters on a query over ``table`` (``piece_metric`` or a rollup with the piece's
    content type copied); the piece's other columns by a join."""
    if filters.channel_id is not None:
        query = query.where(table.channel_id == filters.channel_id)
    content_type = getattr(table, "content_type", None)
    if filters.owner_id is not None or (filters.content_type and content_type is None):
        query = query.join(Piece, Piece.id == table.piece_id)
    if filters.content_type:
        column = Piece.content_type if content_type is None else content_type
        query = query.where(column == filters.content_type)
    if filters.owner_id is not None:
        query = query.where(Piece.owner_id == filters.owner_id)
    return query


DETAILS = (
    Piece.content_type,
    Piece.published_at,
    Piece.post_url,
    Channel.code,
    Channel.kind,
    Revision.title,
)


def _with_details(query: Any, piece_id: Any = None) -> Any:
    """``query`` with the piece's details (``DETAILS``), the piece joined by ``piece_id``
    (``query`` selects from the piece already when None)."""
    query = query.add_columns(*DETAILS)
    if piece_id is not None:
        query = query.join(Piece, Piece.id == piece_id)
    return query.join(Channel, Channel.id == Piece.channel_id).outerjoin(
        Revision, Revision.id == Piece.current_revision_id
    )


def _piece_dicts(sums: dict[int, Any]) -> list[dict[str, Any]]:
    """Piece rows (sums, rates, title, channel, publish time) from sum rows by piece id, in
    the order given."""
    if not sums:
        return []
    details = {
        row.id: row
        for row in db.session.execute(
            _with_details(select(Piece.id)).where(Piece.id.in_(list(sums)))
        )
    }
    return [_piece_row(piece_id, s, details[piece_id]) for piece_id, s in sums.items()]


def _piece_row(piece_id: int, s: Any, d: Any) -> dict[str, Any]:
    """One piece's row from its sums ``s`` and details ``d`` (may be the same row)."""
    row = _as_row(s, 1, d.kind)
    row.update(
        piece_id=piece_id,
        title=d.title or "",
        channel=d.code,
        content_type=d.content_type,
        published_at=d.published_at,
        platform_id=getattr(s, "platform_id", "") or "",
        url=getattr(s, "url", "") or d.post_url or "",
        open_rate=open_rate(row["rate_reads"], row["rate_delivered"]),
        roi=roi(row["roi_revenue"], row["roi_cost"]),
    )
    return row


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def period_rows(filters: Filters, span: Window) -> list[dict[str, Any]]:
    """Like ``piece_rows`` but summed per channel (a dozen rows): enough for ``totals`` and
    ``open_rates_by_format``, and much cheaper than one row per piece (the previous period)."""
    m = PieceMetric
    query = (
        select(m.channel_id, func.count(func.distinct(m.piece_id)).label("pieces"), *rollup.sums())
        .where(m.day >= span.start, m.day < span.end)
        .group_by(m.channel_id)
    )
    kinds = dict(db.session.execute(select(Channel.id, Channel.kind)).all())
    return [
        _as_row(s, int(s.pieces), kinds.get(s.channel_id, ""))
        for s in db.session.execute(_metric_filters(query, filters))
    ]


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Sums and rates over piece rows (NULLs stay out; an all-unknown sum stays None)."""
    out: dict[str, Any] = {"pieces": sum(r.get("pieces", 1) for r in rows)}
    for column in (*SUMMED, "interactions", "revenue", "cost"):
        known = [r[column] for r in rows if r[column] is not None]
        out[column] = sum(known) if known else None
    out["open_rate"] = open_rate(
        sum(r["rate_reads"] for r in rows) if rows else None,
        sum(r["rate_delivered"] for r in rows),
    )
    out["roi"] = roi(
        sum((r["roi_revenue"] for r in rows), Decimal(0)) if rows else None,
        sum((r["roi_cost"] for r in rows), Decimal(0)),
    )
    return out


def open_rates_by_format(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open rate of 图文 and video against their references."""
    out = []
    for fmt, label in (("article", "图文"), ("video", "视频")):
        part = [r for r in rows if (r["kind"] in VIDEO_KINDS) == (fmt == "video")]
        rate = totals(part)["open_rate"] if part else None
        out.append(
            {"format": fmt, "label": label, "rate": rate, "reference": REFERENCE_OPEN_RATE[fmt]}
        )
    return out


def grouped(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Totals per value of ``key`` (content_type, weekday, hour) in the key's order."""
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if key in ("weekday", "hour"):
            if row["published_at"] is None:
                continue
            weekday, hour = rollup.slot(row["published_at"])
            value: Any = weekday if key == "weekday" else hour
        else:
            value = row[key]
        groups[value].append(row)
    return _group_totals(groups)


# -- pipeline, review, publishing ---------------------------------------------------------


def pipeline(filters: Filters, span: Window, fast: bool = True) -> dict[str, int]:
    """Pieces created, submitted, approved and published in the period."""
    start, end = span.instants()

    def within(column: Any) -> Any:
        return func.count(Piece.id).filter(column >= start, column < end)

    def inside(column: Any) -> Any:
        return and_(column >= start, column < end)

    created, submitted, published = db.session.execute(
        _piece_filters(
            select(
                within(Piece.created_at), within(Piece.submitted_at), within(Piece.published_at)
            ).where(  # only the pieces of the period, by the three columns' indexes
                or_(
                    inside(Piece.created_at), inside(Piece.submitted_at), inside(Piece.published_at)
                )
            ),
            filters,
        )
    ).one()

    return {
        "created": int(created or 0),
        "submitted": int(submitted or 0),
        "approved": int(review_figures(filters, span, fast)["approved"]),
        "published": int(published or 0),
    }


def review_figures(filters: Filters, span: Window, fast: bool = True) -> dict[str, Any]:
    """The period's decisions: approvals, and hours from submission to decision (median, p90,
    SLA breaches) — from the facts (``review_turnaround``) when ``fast`` and they are in step,
    else computed from the decisions, pieces and audit log. Memoised per request."""
    start, end = span.instants()
    fast = fast and decisions.ready()
    key = ("review_figures", filters, span, fast)
    memo = _request_memo()
    if key not in memo:
        compute = decisions.figures if fast else decisions.figures_raw
        memo[key] = compute(filters, start, end)
    return memo[key]


def _request_memo() -> dict[Any, Any]:
    """A dict living as long as the request (or app context): pipeline and turnaround share
    one read of the period's decisions."""
    from flask import g

    if "analytics_memo" not in g:
        g.analytics_memo = {}
    memo: dict[Any, Any] = g.analytics_memo
    return memo


def turnaround(filters: Filters, span: Window, fast: bool = True) -> dict[str, Any]:
    """Hours from submission to decision: median, p90, decisions, SLA breaches."""
    figures = review_figures(filters, span, fast)
    return {k: figures[k] for k in ("decisions", "median", "p90", "breaches")}


OUTCOMES = ("on_time", "late", "held", "failed", "missed")


def outcomes(filters: Filters, span: Window, fast: bool = True) -> dict[str, int]:
    """Publishing outcomes of pieces due in the period (counted by PostgreSQL when ``fast``)."""
    start, end = span.instants()
    late_after = func.coalesce(
        func.nullif(ChannelPublishing.late_after_minutes, 0), DEFAULT_LATE_AFTER_MINUTES
    )
    joined = (
        select(PublishJob.state)
        .join(Piece, Piece.id == PublishJob.piece_id)
        .outerjoin(ChannelPublishing, ChannelPublishing.channel_id == Piece.channel_id)
        .where(Piece.publish_at >= start, Piece.publish_at < end)
    )
    counts = dict.fromkeys(OUTCOMES, 0)
    if fast and db.session.get_bind().dialect.name == "postgresql":
        on_time = or_(
            PublishJob.finished_at.is_(None),
            PublishJob.finished_at
            <= Piece.publish_at + func.make_interval(0, 0, 0, 0, 0, late_after),
        )
        outcome = case(
            (PublishJob.missed_at.is_not(None), "missed"),
            (and_(PublishJob.state == JobState.DONE.value, on_time), "on_time"),
            (PublishJob.state == JobState.DONE.value, "late"),
            (PublishJob.state.in_(HELD_STATES), "held"),
            (PublishJob.state == JobState.FAILED.value, "failed"),
            else_="",
        )
        query = _piece_filters(joined.with_only_columns(outcome, func.count()), filters)
        for name, n in db.session.execute(query.group_by(outcome)):
            if name:
                counts[name] = int(n)
        return counts
    query = _piece_filters(
        joined.add_columns(
            PublishJob.finished_at, PublishJob.missed_at, Piece.publish_at, late_after
        ),
        filters,
    )
    for state, finished, missed, due, minutes in db.session.execute(query):
        if missed is not None:
            counts["missed"] += 1
        elif state == JobState.DONE.value:
            late = finished is not None and due is not None
            late = late and finished > due + timedelta(minutes=minutes)
            counts["late" if late else "on_time"] += 1
        elif state in HELD_STATES:
            counts["held"] += 1
        elif state == JobState.FAILED.value:
            counts["failed"] += 1
    return counts


HELD_STATES = (JobState.STOPPED.value, JobState.BLACKOUT.value, JobState.LATE.value)


def mix(filters: Filters, span: Window) -> list[dict[str, Any]]:
    """Per channel: published pieces by type, promo share vs 20 %, interactive per week vs 3."""
    start, end = span.instants()
    query = _piece_filters(
        select(Channel.code, Channel.name, Piece.content_type, func.count(Piece.id))
        .join(Channel, Channel.id == Piece.channel_id)
        .where(Piece.published_at >= start, Piece.published_at < end)
        .group_by(Channel.code, Channel.name, Piece.content_type),
        filters,
    )
    per: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for code, name, kind, n in db.session.execute(query):
        per[(code, name)][kind] = int(n)
    weeks = max(span.days / 7, 1 / 7)
    out = []
    for (code, name), kinds in sorted(per.items()):
        figures, interactive = _kinds(kinds)
        per_week = interactive / weeks
        out.append(
            {
                "channel": code,
                "name": name,
                "kinds": kinds,
                **figures,
                "interactive_per_week": per_week,
                "interactive_under": span.days >= 7 and per_week < INTERACTIVE_PER_WEEK,
            }
        )
    return out


def _kinds(kinds: dict[str, int]) -> tuple[dict[str, Any], int]:
    """Of a count of published pieces per content type: the total and the promo share against
    20 % (``total``, ``promo_share``, ``promo_over``), and the interactive posts."""
    total = sum(kinds.values())
    share = kinds.get(ContentType.PROMOTION.value, 0) / total if total else None
    figures = {
        "total": total,
        "promo_share": share,
        "promo_over": share is not None and share > PROMO_SHARE_LIMIT,
    }
    return figures, kinds.get(ContentType.INTERACTIVE.value, 0)


# -- compliance ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryLabel:
    """A word-list entry as the figures name it: its current term and category."""

    term: str  # "#<id>" for an entry deleted since
    category: str  # the category's name ("" for a deleted entry)
    label: str  # the category's label (legal's own words)
    severity: str
    deleted: bool


def entry_labels(entry_ids: Iterable[int]) -> dict[int, EntryLabel]:
    """Term, category and severity of these entries by id (the home page's hit statistics
    and the dashboard's compliance section)."""
    ids = set(entry_ids)
    entries = store.current_rows(ids)
    labels = store.category_labels()
    out = {}
    for entry_id in ids:
        entry = entries.get(entry_id)
        if entry is None:
            out[entry_id] = EntryLabel(f"#{entry_id}", "", labels.get("", ""), "", True)
        else:
            label = labels.get(entry.category, entry.category)
            out[entry_id] = EntryLabel(entry.term, entry.category, label, entry.severity, False)
    return out


def compliance(span: Window, limit: int = 10) -> dict[str, Any]:
    """Hits per category and per entry, false-positive reports per entry, in the period."""
    start, end = span.instants()
    hits = dict(
        db.session.execute(
            select(HitLog.entry_id, func.count())
            .where(HitLog.at >= start, HitLog.at < end)
            .group_by(HitLog.entry_id)
        ).all()
    )
    reports = dict(
        db.session.execute(
            select(FalsePositiveReport.entry_id, func.count(FalsePositiveReport.id))
            .where(FalsePositiveReport.created_at >= start, FalsePositiveReport.created_at < end)
            .group_by(FalsePositiveReport.entry_id)
        ).all()
    )
    entries = entry_labels(set(hits) | set(reports))
    labels = {entry.category: entry.label for entry in entries.values()}
    per_entry: list[dict[str, Any]] = []
    by_category: dict[str, int] = defaultdict(int)
    for entry_id, entry in entries.items():
        n_hits = int(hits.get(entry_id, 0))
        n_reports = int(reports.get(entry_id, 0))
        by_category[entry.category] += n_hits
        per_entry.append(
            {
                "entry_id": entry_id,
                "term": entry.term,
                "category": entry.label,
                "severity": entry.severity,
                "hits": n_hits,
                "reports": n_reports,
                "fp_rate": n_reports / n_hits if n_hits else None,
            }
        )
    per_entry.sort(key=lambda e: (-e["hits"], e["term"]))
    blocking = [e for e in per_entry if e["severity"] == "block"][:limit]
    reported = sorted(
        (e for e in per_entry if e["reports"]), key=lambda e: (-e["reports"], e["term"])
    )[:limit]
    return {
        "by_category": [
            {"category": labels.get(c, c) or "—", "hits": n}
            for c, n in sorted(by_category.items(), key=lambda kv: -kv[1])
        ],
        "entries": per_entry[: limit * 3],
        "blocking": blocking,
        "reported": reported,
        "hits": sum(e["hits"] for e in per_entry),
    }


def piece_summary(piece_id: int, days: int = 30) -> dict[str, Any]:
    """One piece's totals over all its metrics and its last ``days`` days, newest first."""
    mine = piece_rows(Filters(), Window(date(1970, 1, 1), date(9999, 1, 1)), piece_id)
    recent = db.session.scalars(
        select(PieceMetric)
        .where(PieceMetric.piece_id == piece_id)
        .order_by(PieceMetric.day.desc())
        .limit(days)
    ).all()
    return {"totals": totals(mine), "days": recent}


def hit_count(span: Window) -> int:
    """Word-list hits logged in the period (the previous period's total)."""
    start, end = span.instants()
    query = select(func.count()).where(HitLog.at >= start, HitLog.at < end)
    return int(db.session.scalar(query) or 0)


def weekly_mix(filters: Filters, span: Window) -> list[dict[str, Any]]:
    """Per channel and ISO week (Monday, brand zone) of the period: published pieces, promo
    share against 20 % and interactive posts against 3."""
    start, end = span.instants()
    query = _piece_filters(
        select(Channel.name, Piece.content_type, Piece.published_at)
        .join(Channel, Channel.id == Piece.channel_id)
        .where(Piece.published_at >= start, Piece.published_at < end),
        filters,
    )
    zone = brand_zone()
    cells: dict[tuple[str, date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, kind, published in db.session.execute(query):
        cells[(name, rollup.bucket("week", published.astimezone(zone).date()))][kind] += 1
    out = []
    for (name, monday), kinds in sorted(cells.items()):
        figures, interactive = _kinds(kinds)
        out.append(
            {
                "name": name,
                "week": monday,
                **figures,
                "interactive": interactive,
                "interactive_under": interactive < INTERACTIVE_PER_WEEK,
            }
        )
    return out


# -- performance from the rollups ---------------------------------------------------------


def _rollup_sums(table: Any) -> list[Any]:
    return [func.sum(getattr(table, c)).label(c) for c in rollup.SUM_COLUMNS]


def _as_row(s: Any, pieces: int, kind: str = "") -> dict[str, Any]:
    """A rollup sum row in the shape of ``period_rows`` (for ``totals`` and the rates)."""
    row: dict[str, Any] = {c: _int(getattr(s, c)) for c in SUMMED}
    row.update(
        kind=kind,
        pieces=pieces,
        interactions=_int(s.interactions),
        revenue=_money(s.revenue),
        cost=_money(s.cost),
        rate_reads=_int(s.rate_reads) or 0,
        rate_delivered=_int(s.rate_delivered) or 0,
        roi_revenue=_money(s.roi_revenue) or Decimal(0),
        roi_cost=_money(s.roi_cost) or Decimal(0),
    )
    return row


def _period_query(filters: Filters, grain: str, span: Window, *columns: Any) -> Any:
    """A query over ``metric_piece_period`` rows of one bucket, with the filters."""
    r = MetricPiecePeriod
    query = select(*columns).where(r.grain == grain, r.start == span.start)
    return _metric_filters(query, filters, r)


def _bucket_groups(
    filters: Filters, span: Window, keys: tuple[str, ...]
) -> dict[str, dict[Any, dict[str, Any]]]:
    """Per key (channel_id, content_type, weekday, hour): the period's distinct pieces and sums
    per value of the key, from the period's ``metric_piece_period`` bucket — on PostgreSQL in
    one pass (GROUPING SETS), elsewhere one grouped query per key. Pieces without a publishing
    slot are left out of weekday and hour."""
    grain = rollup.grain_of(span.start, span.end)
    assert grain is not None
    r = MetricPiecePeriod
    columns = [getattr(r, key) for key in keys]
    measures = [func.count(func.distinct(r.piece_id)).label("pieces"), *_rollup_sums(r)]
    out: dict[str, dict[Any, dict[str, Any]]] = {key: {} for key in keys}
    if db.session.get_bind().dialect.name == "postgresql" and len(keys) > 1:
        flags = [func.grouping(column) for column in columns]
        query = _period_query(filters, grain, span, *columns, *flags, *measures).group_by(
            func.grouping_sets(*columns)
        )
        for s in db.session.execute(query):
            index = [flag for flag in s[len(keys) : 2 * len(keys)]].index(0)
            out[keys[index]][s[index]] = _as_row(s, int(s.pieces))
    else:
        for key, column in zip(keys, columns, strict=True):
            query = _period_query(filters, grain, span, column, *measures).group_by(column)
            out[key] = {s[0]: _as_row(s, int(s.pieces)) for s in db.session.execute(query)}
    for key in ("weekday", "hour"):
        out.get(key, {}).pop(None, None)
    if "channel_id" in out:
        kinds = dict(db.session.execute(select(Channel.id, Channel.kind)).all())
        for channel_id, row in out["channel_id"].items():
            row["kind"] = kinds.get(channel_id, "")
    return out


def _group_totals(groups: dict[Any, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Totals of each value's rows (per content type, weekday, hour), in the values' order."""
    out = []
    for value in sorted(groups):
        t = totals(groups[value])
        t["key"] = value
        t["reads_per_piece"] = (t["reads"] or 0) / t["pieces"] if t["pieces"] else None
        out.append(t)
    return out


def _ranked(filters: Filters, span: Window) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The TOP_N pieces with the most reads and the TOP_N with the fewest, in ``piece_rows``'
    shape: one ranking pass over the bucket (reads alone, both orders by window functions),
    then the sums of those few pieces."""
    grain = rollup.grain_of(span.start, span.end)
    assert grain is not None
    r = MetricPiecePeriod
    reads = func.coalesce(func.sum(r.reads), 0)
    per_piece = (
        _period_query(filters, grain, span, r.piece_id, reads.label("reads"))
        .group_by(r.piece_id)
        .subquery()
    )
    best = func.row_number().over(order_by=(per_piece.c.reads.desc(), per_piece.c.piece_id))
    worst = func.row_number().over(order_by=(per_piece.c.reads, per_piece.c.piece_id.desc()))
    ranks = select(per_piece.c.piece_id, best.label("best"), worst.label("worst")).subquery()
    found = db.session.execute(
        select(ranks.c.piece_id, ranks.c.best, ranks.c.worst).where(
            or_(ranks.c.best <= TOP_N, ranks.c.worst <= TOP_N)
        )
    ).all()
    if not found:
        return [], []
    sums = {
        s.piece_id: s
        for s in db.session.execute(
            _period_query(filters, grain, span, r.piece_id, *_rollup_sums(r))
            .where(r.piece_id.in_([row.piece_id for row in found]))
            .group_by(r.piece_id)
        )
    }
    rows = {row["piece_id"]: row for row in _piece_dicts(sums)}
    top = [rows[f.piece_id] for f in sorted(found, key=lambda f: f.best) if f.best <= TOP_N]
    bottom = [rows[f.piece_id] for f in sorted(found, key=lambda f: f.worst) if f.worst <= TOP_N]
    return top, bottom


MONEY = frozenset({"revenue", "cost", "roi_revenue", "roi_cost"})


def _typed_sums(table: Any) -> list[Any]:
    """The rollup's sums cast to what the rows hold (whole numbers, yuan with cents), so that
    each export row is the database's row as it comes."""
    return [
        cast(func.sum(getattr(table, c)), Numeric(16, 2) if c in MONEY else BigInteger).label(c)
        for c in rollup.SUM_COLUMNS
    ]


def export_rows(filters: Filters, span: Window) -> list[dict[str, Any]]:
    """The export's rows (``piece_rows``' shape, ordered by piece) from ``metric_piece_period``
    when the rollups are built, else summed from the raw metric rows. Thousands of rows: each
    is made from the database row with as little Python as possible."""
    grain = rollup.grain_of(span.start, span.end)
    if grain is None or not rollup_ready():
        return sorted(piece_rows(filters, span), key=lambda row: row["piece_id"])
    r = MetricPiecePeriod
    sums = (
        _period_query(
            filters,
            grain,
            span,
            r.piece_id,
            *_typed_sums(r),
            func.max(r.platform_id).label("platform_id"),
            func.max(r.url).label("url"),
        )
        .group_by(r.piece_id)
        .subquery()
    )
    query = _with_details(select(sums), sums.c.piece_id).order_by(sums.c.piece_id)
    rows = []
    for found in db.session.execute(query):
        row = found._asdict()
        row["channel"] = row.pop("code")
        post_url = row.pop("post_url")
        row["url"] = row["url"] or post_url or ""
        row["platform_id"] = row["platform_id"] or ""
        row["title"] = row["title"] or ""
        row["pieces"] = 1
        row["open_rate"] = open_rate(row["rate_reads"], row["rate_delivered"])
        row["roi"] = roi(row["roi_revenue"], row["roi_cost"])
        rows.append(row)
    return rows


def rollup_ready() -> bool:
    """Whether the rollups hold the metric rows (empty rollups beside metric rows: the
    migration ran but ``flask metrics rollup`` not yet — the dashboard then sums the raw rows)."""
    has_rollup = db.session.scalar(select(MetricDaily.id).limit(1)) is not None
    return has_rollup or db.session.scalar(select(PieceMetric.id).limit(1)) is None


def performance(filters: Filters, current: Window, before: Window) -> dict[str, Any]:
    """The performance section (totals, open rates, top/bottom, by type, weekday and hour) of
    the period beside the previous one's totals, from ``metric_piece_period``: three passes
    over the period's bucket (the groups, the ranking, the previous period's channels)."""
    groups = _bucket_groups(filters, current, ("channel_id", "content_type", "weekday", "hour"))
    old = _bucket_groups(filters, before, ("channel_id",))
    per_channel = list(groups["channel_id"].values())
    old_per_channel = list(old["channel_id"].values())
    data: dict[str, Any] = {
        "totals": totals(per_channel),
        "old_totals": totals(old_per_channel),
        "open_rates": open_rates_by_format(per_channel),
        "old_open_rates": open_rates_by_format(old_per_channel),
    }
    top, bottom = _ranked(filters, current)
    data["top"] = top
    data["bottom"] = bottom if data["totals"]["pieces"] > 1 else []
    for name, key in (("by_type", "content_type"), ("by_weekday", "weekday"), ("by_hour", "hour")):
        data[name] = _group_totals({value: [row] for value, row in groups[key].items()})
    return data


def performance_raw(filters: Filters, current: Window, before: Window) -> dict[str, Any]:
    """The same figures summed from the raw metric rows (before the rollups; the bench's
    baseline and the fallback while the rollups are empty)."""
    rows = piece_rows(filters, current)
    old_rows = period_rows(filters, before)  # totals only: one row a channel
    return {
        "totals": totals(rows),
        "old_totals": totals(old_rows),
        "open_rates": open_rates_by_format(rows),
        "old_open_rates": open_rates_by_format(old_rows),
        "top": rows[:TOP_N],
        "bottom": list(reversed(rows[-TOP_N:])) if len(rows) > 1 else [],
        "by_type": grouped(rows, "content_type"),
        "by_weekday": grouped(rows, "weekday"),
        "by_hour": grouped(rows, "hour"),
    }
