"""The review SLA: pieces waiting in review longer than their channel allows are alerted, once.

The worker (and ``publish-due``) calls ``alert_sla_breaches`` every pass. A piece is alerted at
most once per submission: ``piece.sla_alerted_at`` is set with a conditional UPDATE (so two
workers cannot both alert it) and a new submission (a later ``submitted_at``) arms it again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, or_, select, update

from app.extensions import db, rowcount
from app.models import Piece, Role, utcnow
from app.notifications.events import Words
from app.notifications.services import notify, users_with_roles
from app.workflow import Status


def sla_hours(piece: Piece) -> int:
    """How many hours a piece may wait in review on its channel."""
    return piece.channel.review_sla_hours or current_app.config["REVIEW_SLA_HOURS"]


def _not_alerted_yet() -> ColumnElement[bool]:
    """SQL: the current submission's breach has not been alerted."""
    return or_(Piece.sla_alerted_at.is_(None), Piece.sla_alerted_at < Piece.submitted_at)


def breached(now: datetime) -> list[Piece]:
    """Pieces in review past their SLA whose current submission was not alerted yet."""
    query = select(Piece).where(
        Piece.status == Status.IN_REVIEW.value,
        Piece.submitted_at.is_not(None),
        _not_alerted_yet(),
    )
    pieces = db.session.scalars(query.order_by(Piece.submitted_at, Piece.id))
    return [
        p
        for p in pieces
        if p.submitted_at is not None  # always: the query asks for a submission time
        and p.submitted_at + timedelta(hours=sla_hours(p)) <= now
    ]


def alert_sla_breaches(now: datetime | None = None) -> int:
    """Notify reviewers and managers (in the app and routed) of each new breach; how many."""
    at = now or utcnow()
    raised = 0
    for piece in breached(at):
        if _claim_alert(piece.id, at):
            _alert(piece, at)
            db.session.commit()
            raised += 1
    db.session.rollback()
    return raised


def _claim_alert(piece_id: int, at: datetime) -> bool:
    """Mark the breach alerted unless another worker just did."""
    marked = db.session.execute(
        update(Piece)
        .where(Piece.id == piece_id, Piece.status == Status.IN_REVIEW.value, _not_alerted_yet())
        .values(sla_alerted_at=at)
        .execution_options(synchronize_session=False)
    )
    if rowcount(marked) != 1:
        db.session.rollback()
        return False
    return True


def _alert(piece: Piece, at: datetime) -> None:
    assert piece.submitted_at is not None
    waited = int((at - piece.submitted_at).total_seconds() // 3600)
    text = Words.of(
        "sla_breach.text", hours=waited, channel=piece.channel.name, limit=sla_hours(piece)
    )
    notify(
        users_with_roles(Role.REVIEWER, Role.MANAGER),
        "sla_breach",
        Words.of("sla_breach", piece=piece.title),
        text=text,
        url=f"/review/{piece.id}",
        piece=piece,
        at=at,
    )
