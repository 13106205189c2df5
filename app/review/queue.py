"""The review queue: filters, SLA ages, claims, legal sign-offs, and bulk approval."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.checks.services import check_revision
from app.errors import DomainError, InvalidInput
from app.extensions import db
from app.inputs import int_arg
from app.labels import refusal
from app.models import (
    Decision,
    Piece,
    ReviewDecision,
    Revision,
    User,
    utcnow,
)
from app.review.claims import active_claim
from app.review.services import (
    Outcome,
    awaiting_legal,
    decide,
    legal_categories,
    legal_rule,
    may_review,
    may_sign_off,
    needs_legal,
)
from app.review.sla import sla_hours
from app.workflow import IllegalTransition, Status


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters; empty strings mean “any”."""

    channel: str = ""
    content_type: str = ""
    writer: str = ""
    verdict: str = ""
    waiting: str = ""  # "me" or "legal"


@dataclass(frozen=True)
class QueueItem:
    """One piece in the queue with what the reviewer needs to decide where to start."""

    piece: Piece
    age_hours: float
    sla_hours: int
    legal_pending: bool
    claimed_by: User | None
    legal_needed: bool = False  # from the stored report: legal will have to sign off

    @property
    def sla_state(self) -> str:
        """ "breach" past the SLA, "near" in its last quarter, else "ok"."""
        if self.age_hours >= self.sla_hours:
            return "breach"
        return "near" if self.age_hours >= self.sla_hours * 0.75 else "ok"

    @property
    def verdict(self) -> str:
        """The stored verdict of the latest revision."""
        revision = self.piece.current_revision
        return (revision.verdict if revision else None) or "pass"


def queue_items(user: User, filters: QueueFilters) -> list[QueueItem]:
    """Pieces in review, oldest submission first, filtered."""
    query = select(Piece).where(Piece.status == Status.IN_REVIEW.value)
    if (channel_id := int_arg(filters.channel, "channel")) is not None:
        query = query.where(Piece.channel_id == channel_id)
    if filters.content_type:
        query = query.where(Piece.content_type == filters.content_type)
    if (writer_id := int_arg(filters.writer, "writer")) is not None:
        query = query.where(Piece.owner_id == writer_id)
    if filters.verdict:
        query = query.join(Revision, Revision.id == Piece.current_revision_id).where(
            Revision.verdict == filters.verdict
        )
    pieces = db.session.scalars(query.order_by(Piece.submitted_at, Piece.id))
    legal = legal_categories()  # once per list, not once per piece
    items = [_item(piece, legal) for piece in pieces]
    if filters.waiting == "legal":
        items = [item for item in items if item.legal_pending]
    elif filters.waiting == "me":
        items = [item for item in items if _waits_for(user, item)]
    return items


def _item(piece: Piece, legal: set[str]) -> QueueItem:
    submitted = piece.submitted_at or piece.created_at
    age = (utcnow() - submitted).total_seconds() / 3600
    pending = awaiting_legal(piece)
    needed = pending or legal_rule(piece, _stored_categories(piece), legal)
    return QueueItem(piece, age, sla_hours(piece), pending, active_claim(piece), needed)


def _stored_categories(piece: Piece) -> set[str]:
    """Hit categories of the latest stored report (the queue lists; it does not re-check)."""
    revision = piece.current_revision
    report = (revision.report if revision else None) or {}
    counted = report.get("terms") or report.get("hits", [])  # counts of every hit, when stored
    return {hit["category"] for hit in counted}


def _waits_for(user: User, item: QueueItem) -> bool:
    """Legal: pieces awaiting sign-off; reviewers: unclaimed (or own-claimed) pieces not theirs."""
    piece = item.piece
    if item.claimed_by is not None and item.claimed_by.id != user.id:
        return False
    if item.legal_pending:
        return may_sign_off(user, piece)
    return may_review(user, piece)


@dataclass
class BulkResult:
    """Pieces approved and pieces skipped, with the reason for each skip."""

    approved: list[Piece]
    skipped: list[tuple[int, str]]


def bulk_approve(reviewer: User, piece_ids: list[int]) -> BulkResult:
    """Approve pieces whose check passes right now; skip the rest, each with a reason."""
    if not piece_ids:
        raise InvalidInput("请先勾选要批量通过的稿件。")
    result = BulkResult([], [])
    for piece_id in dict.fromkeys(piece_ids):
        piece = db.session.get(Piece, piece_id)
        reason = _bulk_refusal(piece)
        if reason is None:
            # _bulk_refusal refused a missing piece and checked the piece's current revision
            assert piece is not None and piece.current_revision_id is not None
            try:
                outcome = decide(
                    reviewer, piece, piece.current_revision_id, Decision.APPROVE, "批量通过"
                )
            except IllegalTransition as error:
                db.session.rollback()
                reason = refusal(error)
            except DomainError as error:
                db.session.rollback()
                reason = getattr(error, "message", str(error))
            else:
                if outcome == Outcome.APPROVED:
                    result.approved.append(piece)
                    continue
                reason = "已处理过"
        result.skipped.append((piece_id, reason))
    return result


def _bulk_refusal(piece: Piece | None) -> str | None:
    """Why a piece cannot be bulk-approved (re-checked against the current lexicon), or None."""
    if piece is None:
        return "稿件不存在"
    if piece.status != Status.IN_REVIEW.value:
        return "不在审核中"
    revision = piece.current_revision
    assert revision is not None
    report = check_revision(revision)
    if report.verdict != "pass":
        return "检查结论不是“通过”，请逐篇审核"
    if needs_legal(piece, report):
        return "需要法务会签"
    return None


def last_reviewed_revision(piece: Piece) -> Revision | None:
    """The revision of the latest decision that is not the current one (for “what changed”)."""
    query = (
        select(ReviewDecision)
        .where(
            ReviewDecision.piece_id == piece.id,
            ReviewDecision.revision_id != piece.current_revision_id,
        )
        .order_by(ReviewDecision.id.desc())
        .limit(1)
    )
    decision = db.session.scalar(query)
    return decision.revision if decision else None
