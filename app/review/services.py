"""Review decisions, pinned to a revision's content hash, with separation of duties."""

from __future__ import annotations

from sqlalchemy import func, select

from app import audit
from app.checks.services import (
    check_piece,
    check_revision,
    ensure_not_blocked,
    hit_key,
    hit_words,
)
from app.compliance import Report
from app.consent.services import ensure_approvable
from app.content.services import transition
from app.errors import N_, Conflict, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import (
    Category,
    ContentType,
    Decision,
    Piece,
    ReviewDecision,
    Revision,
    Role,
    User,
    UserRole,
    utcnow,
)
from app.notifications.events import Words
from app.notifications.services import notify
from app.notifications.wording import say
from app.workflow import Action, Status, advance

REASON_MAX = 5000
ACTIONS = {
    Decision.APPROVE: Action.APPROVE,
    Decision.REQUEST_CHANGES: Action.REQUEST_CHANGES,
    Decision.REJECT: Action.REJECT,
}


def review_queue() -> list[Piece]:
    """Pieces waiting for review, oldest submission first."""
    query = (
        select(Piece)
        .where(Piece.status == Status.IN_REVIEW.value)
        .order_by(Piece.submitted_at.asc(), Piece.id.asc())
    )
    return list(db.session.scalars(query))


def authors_since_approval(piece: Piece) -> set[int]:
    """The separation-of-duties rule, written once: who wrote the text now under review.

    The owner, the last editor, and the author of every revision since the last approval of an
    earlier revision (every revision when none was ever approved). A revision one approved stays
    theirs until somebody else approves a later text: a writer changing one character after a
    manager's edit does not make the manager's text approvable by that manager.
    """
    authors = {piece.owner_id, piece.last_editor_id}
    current = piece.current_revision
    if current is None:
        return authors
    approved_number = db.session.scalar(
        select(func.max(Revision.number))
        .join(ReviewDecision, ReviewDecision.revision_id == Revision.id)
        .where(
            ReviewDecision.piece_id == piece.id,
            ReviewDecision.decision.in_([Decision.APPROVE.value, Decision.LEGAL_APPROVE.value]),
            Revision.id != current.id,
            Revision.number < current.number,
        )
    )
    since = select(Revision.author_id).where(Revision.piece_id == piece.id).distinct()
    if approved_number is not None:
        since = since.where(Revision.number > approved_number)
    authors.update(db.session.scalars(since))
    authors.add(current.author_id)
    return authors


def may_review(user: User, piece: Piece) -> bool:
    """A reviewer who wrote none of the text under review (the reviewer's step)."""
    return user.has_role(Role.REVIEWER) and user.id not in authors_since_approval(piece)


def may_sign_off(user: User, piece: Piece) -> bool:
    """Legal who wrote none of the text under review and did not approve it as reviewer."""
    if not user.has_role(Role.LEGAL) or user.id in authors_since_approval(piece):
        return False
    approval = reviewer_approval(piece)
    return approval is None or approval.reviewer_id != user.id


def may_decide(user: User, piece: Piece) -> bool:
    """Whether `user` may take the decision the piece waits for now (for pages and queues)."""
    if piece.status != Status.IN_REVIEW.value:
        return False
    return may_sign_off(user, piece) if awaiting_legal(piece) else may_review(user, piece)


def ensure_can_review(reviewer: User, piece: Piece) -> None:
    """Reviewers only, and never on a piece containing text they wrote since the last approval."""
    if not reviewer.has_role(Role.REVIEWER):
        raise PermissionDenied(N_("只有审核员可以审核稿件。"))
    if not may_review(reviewer, piece):
        raise PermissionDenied(
            N_("不能审核包含自己撰写或修改内容的稿件（职责分离）：上次通过后你修改过这篇稿件。")
        )


def _check_latest(piece: Piece, revision_id: int) -> None:
    """Refuse decisions made on a revision that is no longer the latest."""
    current = piece.current_revision
    if current is None or current.id != revision_id:
        raise Conflict(
            N_("稿件已有更新的版本，请查看最新版本后再做决定。"),
            latest_revision_id=current.id if current else None,
            piece_id=piece.id,
            link={"url": f"/review/{piece.id}", "label": "查看最新版本"},
        )


class Outcome:
    """What a decision did to the piece."""

    APPROVED = "approved"
    AWAITING_LEGAL = "awaiting_legal"  # the reviewer approved; legal's sign-off is pending
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    UNCHANGED = "unchanged"  # the same decision was already recorded (double submission)


def decide(
    user: User,
    piece: Piece,
    revision_id: int,
    decision: Decision,
    reason: str,
    acknowledgements: dict[str, str] | None = None,
) -> str:
    """Decide on the latest revision: the reviewer's step, or legal's sign-off when it is due."""
    reason = _checked_reason(decision, reason)
    _check_latest(piece, revision_id)
    if _already_decided(user, piece, decision):
        return Outcome.UNCHANGED
    advance(piece.status, ACTIONS[decision])  # an illegal move fails before anything is recorded
    _ensure_not_claimed_by_another(user, piece)
    if awaiting_legal(piece):
        outcome = _legal_step(user, piece, decision, reason)
    else:
        outcome = _reviewer_step(user, piece, decision, reason, acknowledgements or {})
    piece.claimed_by_id = piece.claimed_until = None
    db.session.commit()
    return outcome


def active_claim(piece: Piece) -> User | None:
    """The reviewer holding an unexpired claim on the piece, if any (claims: `review.claims`)."""
    if piece.claimed_by_id is None or piece.claimed_until is None:
        return None
    return piece.claimed_by if piece.claimed_until > utcnow() else None


def _ensure_not_claimed_by_another(user: User, piece: Piece) -> None:
    """A live claim by someone else must be taken over (visibly) before deciding."""
    holder = active_claim(piece)
    if holder is not None and holder.id != user.id:
        raise Conflict(
            N_("%(display_name)s 已认领此稿件并正在审核。如需由你来决定，请先点击“接手审核”。"),
            params={"display_name": holder.display_name},
            claimed_by=holder.username,
        )


def _checked_reason(decision: Decision, reason: str) -> str:
    reason = reason.strip()
    if decision in (Decision.REQUEST_CHANGES, Decision.REJECT) and not reason:
        raise InvalidInput(N_("请填写原因。"), field="reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            N_("原因不能超过 %(reason_max)s 个字符。"),
            params={"reason_max": REASON_MAX},
            field="reason",
        )
    return reason


def _reviewer_step(
    reviewer: User, piece: Piece, decision: Decision, reason: str, given: dict[str, str]
) -> str:
    ensure_can_review(reviewer, piece)
    if decision is not Decision.APPROVE:
        return _send_back(reviewer, piece, decision, reason)
    acks = _approval_acknowledgements(piece, given)
    ensure_approvable(piece)  # UGC: a valid authorisation for its channel and day (issue 19)
    record_decision(piece, reviewer, decision, reason, acks)
    if needs_legal(piece):
        piece.approved_hash = None  # approval is complete only with legal's sign-off
        audit.record(reviewer, "piece.reviewer_approve", piece, reason=reason)
        title = Words.of("legal_signoff", piece=piece.title)
        notify(legal_users(), "legal_signoff", title, url=f"/review/{piece.id}", piece=piece)
        return Outcome.AWAITING_LEGAL
    transition(piece, Action.APPROVE, reviewer, reason=reason)
    _tell_owner(piece, decision, reason)
    return Outcome.APPROVED


def _legal_step(user: User, piece: Piece, decision: Decision, reason: str) -> str:
    ensure_can_sign_off(user, piece)
    if decision is not Decision.APPROVE:
        return _send_back(user, piece, decision, reason)
    revision = piece.current_revision
    assert revision is not None
    ensure_not_blocked(check_revision(revision), "通过法务会签")
    ensure_approvable(piece)
    record_decision(piece, user, Decision.LEGAL_APPROVE, reason)
    transition(piece, Action.APPROVE, user, reason=reason or "法务会签通过")
    _tell_owner(piece, Decision.APPROVE, reason)
    return Outcome.APPROVED


def _send_back(user: User, piece: Piece, decision: Decision, reason: str) -> str:
    action = ACTIONS[decision]
    transition(piece, action, user, reason=reason)
    record_decision(piece, user, decision, reason)
    _tell_owner(piece, decision, reason)
    return Outcome.CHANGES_REQUESTED if action is Action.REQUEST_CHANGES else Outcome.REJECTED


# The state a piece is left in by each decision; a repeat only counts while it is still there.
_RESULTING_STATES = {
    Decision.APPROVE: {Status.APPROVED.value, Status.IN_REVIEW.value},  # in review = awaiting legal
    Decision.REQUEST_CHANGES: {Status.CHANGES_REQUESTED.value},
    Decision.REJECT: {Status.REJECTED.value},
}


def _already_decided(user: User, piece: Piece, decision: Decision) -> bool:
    """True for a double post: this user's latest decision on this revision is the same one and
    the piece still stands where it left it (a resubmission makes the next decision a new one)."""
    latest = _decisions_on_current(piece)
    if not latest or latest[0].reviewer_id != user.id:
        return False
    wanted = {decision.value}
    if decision is Decision.APPROVE:
        wanted.add(Decision.LEGAL_APPROVE.value)
    if latest[0].decision not in wanted or piece.status not in _RESULTING_STATES[decision]:
        return False
    if piece.status == Status.IN_REVIEW.value:
        return latest[0].decision == Decision.APPROVE.value  # the reviewer's step, legal pending
    return not _resubmitted_since(piece, latest[0])


def _resubmitted_since(piece: Piece, decision: ReviewDecision) -> bool:
    """True when the piece was submitted again after `decision` (same content, new round)."""
    return piece.submitted_at is not None and piece.submitted_at > decision.created_at


def _decisions_on_current(piece: Piece) -> list[ReviewDecision]:
    """Decisions on the current revision's content, newest first."""
    revision = piece.current_revision
    if revision is None:
        return []
    # From the piece's decisions (newest first), loaded once per request: the review page asked
    # the database the same question three or four times (legal pending, may decide, the claim).
    return [
        decision
        for decision in piece.decisions
        if decision.revision_id == revision.id and decision.content_hash == revision.content_hash
    ]


def reviewer_approval(piece: Piece) -> ReviewDecision | None:
    """The reviewer's approval of the current revision still waiting for legal, if any."""
    if piece.status != Status.IN_REVIEW.value:
        return None
    decisions = _decisions_on_current(piece)
    if decisions and decisions[0].decision == Decision.APPROVE.value:
        return decisions[0]
    return None


def awaiting_legal(piece: Piece) -> bool:
    """True when the reviewer approved the current revision and legal must sign off."""
    return reviewer_approval(piece) is not None


def needs_legal(piece: Piece, report: Report | None = None) -> bool:
    """Hits in a category that requires legal (lottery by default), or an interactive lottery."""
    if report is None:
        report = check_piece(piece)
    return legal_rule(piece, report.categories, legal_categories())


def legal_categories() -> set[str]:
    """Categories legal has marked as needing its sign-off."""
    query = select(Category.name).where(Category.requires_legal.is_(True))
    return set(db.session.scalars(query))


def legal_rule(piece: Piece, hit_categories: set[str], legal: set[str]) -> bool:
    """PRODUCT §3: a hit in a legal category, or an interactive piece with a lottery hit."""
    interactive_lottery = (
        piece.content_type == ContentType.INTERACTIVE and "lottery" in hit_categories
    )
    return bool(hit_categories & legal) or interactive_lottery


def legal_users() -> list[User]:
    """Active users holding the legal role."""
    query = select(User).join(User.role_rows).where(UserRole.role == Role.LEGAL.value)
    return [user for user in db.session.scalars(query) if user.active]


def ensure_can_sign_off(user: User, piece: Piece) -> None:
    """Legal only; never an author of the text under review, nor the reviewer who approved it."""
    if not user.has_role(Role.LEGAL):
        raise PermissionDenied(N_("该稿件需要法务会签，只有法务可以做这一步。"))
    if not may_sign_off(user, piece):
        raise PermissionDenied(N_("法务会签须由作者和审核员以外的人完成（职责分离）。"))


def _tell_owner(piece: Piece, decision: Decision, reason: str) -> None:
    """The writer hears about every decision on their piece."""
    event = {
        Decision.APPROVE: "approved",
        Decision.REQUEST_CHANGES: "changes_requested",
        Decision.REJECT: "rejected",
    }[decision]
    title = Words.of(event, piece=piece.title)
    # What came back opens the writer's list, with the comments next to the text they refer to.
    url = f"/pieces/{piece.id}" if event == "approved" else f"/review/returned#piece-{piece.id}"
    notify([piece.owner], event, title, text=reason, url=url, piece=piece)


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
            N_("确认的命中不存在或已不在当前版本中，请刷新页面后重试。"), unknown=unknown
        )
    acks = {key: given[key].strip() for key in needed if given.get(key, "").strip()}
    missing = [hit for key, hit in needed.items() if key not in acks]
    if missing:
        words = Words.of("review.acks_missing") + hit_words(missing) + Words.of("period")
        raise InvalidInput(say(words).strip(), missing=[hit_key(hit) for hit in missing])
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
    if decision in (Decision.APPROVE, Decision.LEGAL_APPROVE):
        piece.approved_hash = revision.content_hash
        piece.compliance_flag = ""  # approved again against the current word lists
    now = utcnow()
    row = ReviewDecision(
        piece_id=piece.id,
        revision_id=revision.id,
        content_hash=revision.content_hash,
        reviewer_id=reviewer.id,
        decision=decision.value,
        reason=reason,
        acknowledgements=acknowledgements or None,
        lexicon_version=revision.lexicon_version,
        created_at=now,
    )
    piece.decisions.insert(0, row)  # newest first, as the relationship orders them
    from app.review import facts

    facts.record(row, piece, now)  # the dashboard's fact row, same transaction
