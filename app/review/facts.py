"""The dashboard's fact of each review decision (``review_turnaround``), written by
``record_decision`` in the decision's transaction; ``app.analytics.decisions`` reads the facts
(a period's approvals, median and p90 turnaround, SLA breaches) and rebuilds them.

A decision's turnaround is the time from the submission it answered (the piece's
``submitted_at`` when the decision is made) to the decision; none when the piece has no
submission or it is later.
"""

from __future__ import annotations

from datetime import datetime

from app.extensions import db
from app.models import Piece, ReviewDecision
from app.models.metrics import ReviewTurnaround


def hours_between(submitted: datetime | None, decided: datetime) -> float | None:
    """Hours from a submission to a decision; None when there is none or it is later."""
    if submitted is None or submitted > decided:
        return None
    return (decided - submitted).total_seconds() / 3600


def record(decision: ReviewDecision, piece: Piece, decided_at: datetime) -> None:
    """The fact row of a decision being recorded (the caller's transaction)."""
    db.session.add(
        ReviewTurnaround(
            review_decision=decision,
            piece_id=piece.id,
            channel_id=piece.channel_id,
            content_type=piece.content_type,
            decision=decision.decision,
            decided_at=decided_at,
            hours=hours_between(piece.submitted_at, decided_at),
        )
    )
