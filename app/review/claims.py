"""Claims on pieces in review, so that two reviewers do not work on the same piece at once."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from app import audit
from app.errors import N_, Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import Piece, Role, User, utcnow
from app.review.services import active_claim as active_claim  # where the queue reads it
from app.review.services import awaiting_legal, may_decide
from app.workflow import Status
from app.zones import display_zone


def ensure_in_review(piece: Piece) -> None:
    """Only pieces waiting in the review queue are claimed or released."""
    if piece.status != Status.IN_REVIEW.value:
        raise InvalidInput(N_("该稿件不在审核中。"))


def claim(reviewer: User, piece: Piece, *, take_over: bool = False) -> None:
    """Claim the piece for CLAIM_MINUTES; another's live claim needs an explicit take-over.

    Only someone who may take the decision the piece waits for claims it (`may_decide`: the
    right role for the step, separation of duties), so a claim never blocks the people who can.
    """
    ensure_in_review(piece)
    if not may_decide(reviewer, piece):
        if awaiting_legal(piece) and not reviewer.has_role(Role.LEGAL):
            # e.g. a reviewer who opened the page before another reviewer approved it
            raise PermissionDenied(N_("该稿件已通过审核，需要法务会签，只有法务可以认领。"))
        raise PermissionDenied(
            N_("你不能对这篇稿件做当前这一步的决定（角色或职责分离），因此不能认领。")
        )
    holder = active_claim(piece)
    if holder is not None and holder.id != reviewer.id and not take_over:
        assert piece.claimed_until is not None  # a live claim has an end
        until = piece.claimed_until.astimezone(display_zone(reviewer)).strftime("%H:%M")
        raise Conflict(
            N_("%(display_name)s 正在审核此稿件（认领至 %(until)s）。如需接手，请点击“接手审核”。"),
            params={"display_name": holder.display_name, "until": until},
            claimed_by=holder.username,
        )
    minutes = current_app.config["REVIEW_CLAIM_MINUTES"]
    piece.claimed_by_id, piece.claimed_until = reviewer.id, utcnow() + timedelta(minutes=minutes)
    if holder is not None and holder.id != reviewer.id:
        audit.record(reviewer, "piece.claim_take_over", piece, reason=f"接手 {holder.display_name}")
    db.session.commit()


def release(reviewer: User, piece: Piece) -> None:
    """Give up one's own claim."""
    ensure_in_review(piece)
    if piece.claimed_by_id == reviewer.id:
        piece.claimed_by_id = piece.claimed_until = None
        db.session.commit()
