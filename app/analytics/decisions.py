"""Review turnaround facts (``review_turnaround``): one narrow row per review decision, so that
the dashboard's approvals, median and p90 turnaround and SLA breaches of a period read an index
range of one table instead of joining every decision of the period to its piece.

Decisions:
- A decision's turnaround is the time from the submission it answered to the decision. The
  review service records it with the decision (``app.review.facts.record``, same transaction)
  from the piece's ``submitted_at`` at that moment; ``rebuild`` (``flask metrics rollup``)
  recomputes it from the audit log (the piece's latest move into review at or before the
  decision, else the piece's ``submitted_at`` if not later). A decision answering no known
  submission has no turnaround. (Before these facts the dashboard took the piece's *latest*
  submission, which dropped every decision of a piece that was later resubmitted.)
- The channel and content type are the piece's when the decision was made; moving a piece to
  another channel afterwards needs ``flask metrics rollup``, like the metric rollups.
- The SLA is read at query time (the channel's current ``review_sla_hours``): a breach is a
  turnaround over it.
- Median and p90: PostgreSQL ``percentile_cont(0.5)`` and ``percentile_disc(0.9)`` (the
  nearest rank) over the index range; elsewhere (SQLite) the same in Python over the period's
  hours.
"""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, select

from app.extensions import db
from app.models import AuditEvent, Channel, Decision, Piece, ReviewDecision
from app.models.metrics import ReviewTurnaround
from app.review.facts import hours_between
from app.workflow import Status

SUBMITTED = Status.IN_REVIEW.value
CHUNK = 5000


def _submission() -> Any:
    """The piece's latest move into review at or before the decision (a correlated subquery)."""
    a = AuditEvent
    return (
        select(func.max(a.at))
        .where(
            a.object_type == "piece",
            a.object_id == ReviewDecision.piece_id,
            a.to_state == SUBMITTED,
            a.at <= ReviewDecision.created_at,
        )
        .scalar_subquery()
    )


def raw_rows(start: datetime | None = None, end: datetime | None = None) -> list[dict[str, Any]]:
    """The facts computed from the decisions, the pieces and the audit log (decisions made in
    [start, end) when given): what ``rebuild`` writes, and the dashboard's raw baseline."""
    d = ReviewDecision
    query = select(
        d.id,
        d.piece_id,
        Piece.channel_id,
        Piece.content_type,
        d.decision,
        d.created_at,
        _submission().label("submitted"),
        Piece.submitted_at,
    ).join(Piece, Piece.id == d.piece_id)
    if start is not None and end is not None:
        query = query.where(d.created_at >= start, d.created_at < end)
    rows = []
    for row in db.session.execute(query.order_by(d.id)):
        submitted = row.submitted
        if submitted is None and row.submitted_at is not None:
            submitted = row.submitted_at
        rows.append(
            {
                "decision_id": row.id,
                "piece_id": row.piece_id,
                "channel_id": row.channel_id,
                "content_type": row.content_type,
                "decision": row.decision,
                "decided_at": row.created_at,
                "hours": hours_between(submitted, row.created_at),
            }
        )
    return rows


def ready() -> bool:
    """Whether the facts are in step: the newest decision has its row (decisions written in
    bulk, as ``flask demo-scale`` does, wait for ``flask metrics rollup``)."""
    newest = db.session.scalar(select(func.max(ReviewDecision.id)))
    return newest is None or db.session.get(ReviewTurnaround, newest) is not None


def rebuild() -> int:
    """Recompute every fact row (the caller commits); returns the rows written."""
    db.session.execute(delete(ReviewTurnaround).execution_options(synchronize_session=False))
    rows = raw_rows()
    for first in range(0, len(rows), CHUNK):
        db.session.execute(insert(ReviewTurnaround), rows[first : first + CHUNK])
    return len(rows)


def _filtered(query: Any, filters: Any, table: Any) -> Any:
    if filters.channel_id is not None:
        query = query.where(table.channel_id == filters.channel_id)
    if filters.content_type:
        query = query.where(table.content_type == filters.content_type)
    if filters.owner_id is not None:
        query = query.join(Piece, Piece.id == table.piece_id).where(
            Piece.owner_id == filters.owner_id
        )
    return query


def summarise(hours: list[float], breaches: int, approved: int) -> dict[str, Any]:
    """The section's figures from a period's turnarounds (hours), in Python."""
    return {
        "decisions": len(hours),
        "median": statistics.median(hours) if hours else None,
        "p90": percentile(hours, 0.9),
        "breaches": breaches,
        "approved": approved,
    }


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (as PostgreSQL's ``percentile_disc``)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


def figures(filters: Any, start: datetime, end: datetime) -> dict[str, Any]:
    """Decisions with a turnaround, median and p90 hours, SLA breaches and approvals of the
    decisions made in [start, end), from the facts."""
    t = ReviewTurnaround
    approve = t.decision == Decision.APPROVE.value
    breach = and_(t.hours.is_not(None), t.hours > Channel.review_sla_hours)
    if db.session.get_bind().dialect.name == "postgresql":
        query = _filtered(
            select(
                func.count(t.hours),
                func.percentile_cont(0.5).within_group(t.hours),
                func.percentile_disc(0.9).within_group(t.hours),
                func.count().filter(breach),
                func.count().filter(approve),
            )
            .join(Channel, Channel.id == t.channel_id)
            .where(t.decided_at >= start, t.decided_at < end),
            filters,
            t,
        )
        decisions, median, p90, breaches, approved = db.session.execute(query).one()
        return {
            "decisions": int(decisions),
            "median": None if median is None else float(median),
            "p90": None if p90 is None else float(p90),
            "breaches": int(breaches),
            "approved": int(approved),
        }
    query = _filtered(
        select(t.hours, Channel.review_sla_hours, t.decision)
        .join(Channel, Channel.id == t.channel_id)
        .where(t.decided_at >= start, t.decided_at < end),
        filters,
        t,
    )
    return _counted(db.session.execute(query).all())


def _counted(rows: Any) -> dict[str, Any]:
    """``summarise`` over (hours, SLA hours, decision) rows."""
    hours = [h for h, _sla, _d in rows if h is not None]
    breaches = sum(1 for h, sla, _d in rows if h is not None and h > sla)
    approved = sum(1 for _h, _sla, d in rows if d == Decision.APPROVE.value)
    return summarise(hours, breaches, approved)


def figures_raw(filters: Any, start: datetime, end: datetime) -> dict[str, Any]:
    """The same figures computed from the decisions, pieces and audit log (the baseline)."""
    sla = dict(db.session.execute(select(Channel.id, Channel.review_sla_hours)).all())
    owned = None
    if filters.owner_id is not None:
        owned = set(db.session.scalars(select(Piece.id).where(Piece.owner_id == filters.owner_id)))
    rows = [
        (r["hours"], sla[r["channel_id"]], r["decision"])
        for r in raw_rows(start, end)
        if (filters.channel_id is None or r["channel_id"] == filters.channel_id)
        and (not filters.content_type or r["content_type"] == filters.content_type)
        and (owned is None or r["piece_id"] in owned)
    ]
    return _counted(rows)
