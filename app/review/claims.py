"""Claims on pieces in review, so that two reviewers do not work on the same piece at once."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from app import audit
from app.errors import Conflict, InvalidInput
from app.extensions import db
from app.models import Piece, User, utcnow
from app.workflow import Status
from app.zones import display_zone


def active_claim(piece: Piece) -> User | None:
    """The reviewer holding an unexpired claim on the piece, if any."""
    if piece.claimed_by_id is None or piece.claimed_until is None:
        return None
    return piece.claimed_by if piece.claimed_until > utcnow() else None


def ensure_in_review(piece: Piece) -> None:
    """Only pieces waiting in the review queue are claimed or released."""
    if piece.status != Status.IN_REVIEW.value:
        raise InvalidInput("该稿件不在审核中。")


def claim(reviewer: User, piece: Piece, *, take_over: bool = False) -> None:
    """Claim the piece for CLAIM_MINUTES; another's live claim needs an explicit take-over."""
    ensure_in_review(piece)
    holder = active_claim(piece)
    if holder is not None and holder.id != reviewer.id and not take_over:
        assert piece.claimed_until is not None  # a live claim has an end
        until = piece.claimed_until.astimezone(display_zone(reviewer)).strftime("%H:%M")
        raise Conflict(
            f"{holder.display_name} 正在审核此稿件（认领至 {until}）。如需接手，请点击“接手审核”。",
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
