"""Review decisions, pinned to a revision's content hash, with separation of duties."""

from __future__ import annotations

from sqlalchemy import select

from app.compliance import Report
from app.content.services import transition
from app.errors import Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.lexicon.checks import (
    check_draft,
    check_revision,
    describe_hits,
    ensure_not_blocked,
    hit_key,
)
from app.lexicon.reporting import HitView, hit_views
from app.models import Decision, Piece, ReviewDecision, Role, User
from app.workflow import Action, Status

REASON_MAX = 5000


def review_queue() -> list[Piece]:
    """Pieces waiting for review, oldest submission first."""
    query = (
        select(Piece)
        .where(Piece.status == Status.IN_REVIEW.value)
        .order_by(Piece.submitted_at.asc(), Piece.id.asc())
    )
    return list(db.session.scalars(query))


def ensure_can_review(reviewer: User, piece: Piece) -> None:
    """Reviewers only, and never on a piece they wrote or last edited."""
    if not reviewer.has_role(Role.REVIEWER):
        raise PermissionDenied("只有审核员可以审核稿件。")
    authors = {piece.owner_id, piece.last_editor_id}
    if piece.current_revision is not None:
        authors.add(piece.current_revision.author_id)
    if reviewer.id in authors:
        raise PermissionDenied("不能审核自己撰写或最后修改的稿件（职责分离）。")


def _check_latest(piece: Piece, revision_id: int) -> None:
    """Refuse decisions made on a revision that is no longer the latest."""
    current = piece.current_revision
    if current is None or current.id != revision_id:
        raise Conflict(
            "稿件已有更新的版本，请查看最新版本后再做决定。",
            latest_revision_id=current.id if current else None,
            piece_id=piece.id,
        )


def decide(
    reviewer: User,
    piece: Piece,
    revision_id: int,
    decision: Decision,
    reason: str,
    acknowledgements: dict[str, str] | None = None,
) -> None:
    """Approve, request changes or reject the latest revision of a piece in review."""
    reason = reason.strip()
    if decision in (Decision.REQUEST_CHANGES, Decision.REJECT) and not reason:
        raise InvalidInput("请填写原因。")
    if len(reason) > REASON_MAX:
        raise InvalidInput(f"原因不能超过 {REASON_MAX} 个字符。")
    ensure_can_review(reviewer, piece)
    _check_latest(piece, revision_id)
    acks = None
    if decision is Decision.APPROVE:
        acks = _approval_acknowledgements(piece, acknowledgements or {})
    action = {
        Decision.APPROVE: Action.APPROVE,
        Decision.REQUEST_CHANGES: Action.REQUEST_CHANGES,
        Decision.REJECT: Action.REJECT,
    }[decision]
    transition(piece, action, reviewer, reason=reason)
    record_decision(piece, reviewer, decision, reason, acks)
    db.session.commit()


def _approval_acknowledgements(piece: Piece, given: dict[str, str]) -> dict[str, str]:
    """Re-check the revision now; refuse block hits; require a reason for every review hit."""
    revision = piece.current_revision
    assert revision is not None
    report = check_revision(revision)
    ensure_not_blocked(report, "通过审核")
    needed = {hit_key(hit): hit for hit in report.hits if hit.severity == "review"}
    unknown = sorted(set(given) - set(needed))
    if unknown:
        raise InvalidInput(
            "确认的命中不存在或已不在当前版本中，请刷新页面后重试。", unknown=unknown
        )
    acks = {key: given[key].strip() for key in needed if given.get(key, "").strip()}
    missing = [hit for key, hit in needed.items() if key not in acks]
    if missing:
        raise InvalidInput(
            f"以下命中需要逐条确认并填写理由后才能通过：{describe_hits(missing)}。",
            missing=[hit_key(hit) for hit in missing],
        )
    return acks


def record_decision(
    piece: Piece,
    reviewer: User,
    decision: Decision,
    reason: str,
    acknowledgements: dict[str, str] | None = None,
) -> None:
    """Store a decision against the current revision; an approval pins its content hash."""
    revision = piece.current_revision
    assert revision is not None
    if decision is Decision.APPROVE:
        piece.approved_hash = revision.content_hash
    db.session.add(
        ReviewDecision(
            piece_id=piece.id,
            revision_id=revision.id,
            content_hash=revision.content_hash,
            reviewer_id=reviewer.id,
            decision=decision.value,
            reason=reason,
            acknowledgements=acknowledgements or None,
            lexicon_version=revision.lexicon_version,
        )
    )


def current_report(piece: Piece) -> tuple[Report, list[HitView]]:
    """The latest revision checked against the current lexicon (not stored), with hit context."""
    revision = piece.current_revision
    assert revision is not None
    report = check_draft(revision.title, revision.summary, revision.body, revision.channel_code)
    texts = {"title": revision.title, "summary": revision.summary, "body": revision.body}
    return report, hit_views(report, texts)
