"""The review queue: filters, SLA ages, claims, legal sign-offs, and bulk approval."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    ScalarSelect,
    Select,
    and_,
    bindparam,
    exists,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased, joinedload, lazyload

from app.checks.services import check_revision
from app.errors import N_, DomainError, InvalidInput
from app.extensions import db
from app.inputs import int_arg
from app.labels import refusal
from app.models import (
    Decision,
    Piece,
    ReviewDecision,
    Revision,
    Role,
    User,
    piece_row_options,
    utcnow,
)
from app.review.claims import active_claim
from app.review.services import (
    Outcome,
    authors_since_approval,
    awaiting_legal,
    decide,
    legal_categories,
    legal_rule,
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


def queue_query(user: User, filters: QueueFilters) -> Select[Any]:
    """Pieces in review, oldest submission first, filtered in SQL (the waiting filters too)."""
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
    if filters.waiting == "legal":
        query = query.where(_legal_pending_condition())
    elif filters.waiting == "me":
        query = query.where(_waits_for_sql(user)).params(waiting_params(user))
    # one statement for the page: the claim holder joined
    return query.options(joinedload(Piece.claimed_by)).order_by(Piece.submitted_at, Piece.id)


def queue_items(user: User, filters: QueueFilters) -> list[QueueItem]:
    """Every piece of the filtered queue (unpaginated: for scripts and tests)."""
    return queue_entries(list(db.session.scalars(queue_query(user, filters)).unique()))


def reviewable(user: User, limit: int) -> tuple[list[Piece], int]:
    """The oldest `limit` pieces in review that `user` may review (may_review), and how many."""
    if not user.has_role(Role.REVIEWER):
        return [], 0
    count, oldest = _reviewable_statements(limit)
    params = {"reviewer_id": user.id}
    total = db.session.scalar(count, params) or 0
    return list(db.session.scalars(oldest, params)), total


@cache
def _reviewable_statements(limit: int) -> tuple[Select[Any], Select[Any]]:
    """reviewable()'s count and list, built once with the reviewer as a parameter: the three
    aliases and subqueries of _authored_by took ~2 ms to build on every home page (issue 16)."""
    reviewer = bindparam("reviewer_id", type_=Integer)
    query = select(Piece).where(Piece.status == Status.IN_REVIEW.value, ~_authored_by(reviewer))
    count = select(func.count()).select_from(query.subquery())
    oldest = query.options(*piece_row_options()).order_by(Piece.submitted_at, Piece.id)
    return count, oldest.limit(limit)


def queue_page(user: User, filters: QueueFilters, page: int, per_page: int) -> QueuePage:
    """One page of the filtered queue, with the same number of statements at any queue size."""
    pagination = db.paginate(
        queue_query(user, filters), page=page, per_page=per_page, error_out=False
    )
    return QueuePage(pagination, queue_entries(list(pagination.items)))


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue: the pagination (page, total …) and its items."""

    pagination: Pagination
    items: list[QueueItem]


def queue_entries(pieces: list[Piece]) -> list[QueueItem]:
    """Queue items for pieces, with two statements for the whole list (not per piece)."""
    legal = legal_categories()
    pending = _pending_legal({piece.id: piece.current_revision for piece in pieces})
    return [_item(piece, legal, piece.id in pending) for piece in pieces]


def _pending_legal(current: dict[int, Revision | None]) -> set[int]:
    """Pieces whose newest decision on the current revision is a reviewer's approval."""
    if not current:
        return set()
    newest: dict[int, ReviewDecision] = {}
    query = (
        select(ReviewDecision)
        .where(ReviewDecision.piece_id.in_(current))
        .order_by(ReviewDecision.id.desc())
        .options(lazyload("*"))
    )
    for decision in db.session.scalars(query):
        revision = current[decision.piece_id]
        if (
            revision is not None
            and decision.revision_id == revision.id
            and decision.content_hash == revision.content_hash
        ):
            newest.setdefault(decision.piece_id, decision)
    return {pid for pid, d in newest.items() if d.decision == Decision.APPROVE.value}


def _item(piece: Piece, legal: set[str], pending: bool) -> QueueItem:
    submitted = piece.submitted_at or piece.created_at
    age = (utcnow() - submitted).total_seconds() / 3600
    needed = pending or legal_rule(piece, _stored_categories(piece), legal)
    return QueueItem(piece, age, sla_hours(piece), pending, active_claim(piece), needed)


def _stored_categories(piece: Piece) -> set[str]:
    """Hit categories of the latest stored report (the queue lists; it does not re-check)."""
    revision = piece.current_revision
    report = (revision.report if revision else None) or {}
    counted = report.get("terms") or report.get("hits", [])  # counts of every hit, when stored
    return {hit["category"] for hit in counted}


# --- the waiting filters in SQL: the rules of app.review.services, as conditions on a piece ----


def _newest_decision_id() -> ScalarSelect[int]:
    """The id of the newest decision on the piece's current revision."""
    return (
        select(func.max(ReviewDecision.id))
        .where(
            ReviewDecision.piece_id == Piece.id,
            ReviewDecision.revision_id == Piece.current_revision_id,
        )
        .correlate(Piece)
        .scalar_subquery()
    )


def _legal_pending(
    *,
    approver_is_not: int | BindParameter[int] | None = None,
    approved_by: int | BindParameter[int] | None = None,
) -> ColumnElement[bool]:
    """awaiting_legal(): the newest decision on the current revision is a reviewer's approval
    (by anyone but `approver_is_not`, or by `approved_by`, when given)."""
    newest = aliased(ReviewDecision)
    query = select(newest.id).where(
        newest.id == _newest_decision_id(), newest.decision == Decision.APPROVE.value
    )
    if approver_is_not is not None:
        query = query.where(newest.reviewer_id != approver_is_not)
    if approved_by is not None:
        query = query.where(newest.reviewer_id == approved_by)
    return exists(query.correlate(Piece))


@cache
def _legal_pending_condition() -> ColumnElement[bool]:
    """_legal_pending(), built once (the ``waiting=legal`` filter)."""
    return _legal_pending()


def _authored_by(user_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """authors_since_approval(): owner, last editor, or author of a revision since the last
    approval of an earlier revision."""
    current, earlier, revision = aliased(Revision), aliased(Revision), aliased(Revision)
    any_revision = aliased(Revision)
    approved_number = (
        select(func.max(earlier.number))
        .join(ReviewDecision, ReviewDecision.revision_id == earlier.id)
        .where(
            ReviewDecision.piece_id == Piece.id,
            ReviewDecision.decision.in_([Decision.APPROVE.value, Decision.LEGAL_APPROVE.value]),
            earlier.id != Piece.current_revision_id,
            earlier.number
            < select(current.number)
            .where(current.id == Piece.current_revision_id)
            .correlate(Piece)
            .scalar_subquery(),
        )
        .correlate(Piece)
        .scalar_subquery()
    )
    wrote = exists(
        select(revision.id)
        .where(
            revision.piece_id == Piece.id,
            revision.author_id == user_id,
            revision.number > func.coalesce(approved_number, 0),
        )
        .correlate(Piece)
    )
    # First whether the user wrote any revision of the piece (one probe of the revisions'
    # (piece_id, author_id) index, migration 0027), and only then since when: the last approval
    # was otherwise looked up for every piece in review, ~5 ms of the queue's count at 1,360
    # pieces (issue 16).
    wrote_any = exists(
        select(any_revision.id)
        .where(any_revision.piece_id == Piece.id, any_revision.author_id == user_id)
        .correlate(Piece)
    )
    return or_(Piece.owner_id == user_id, Piece.last_editor_id == user_id, and_(wrote_any, wrote))


def _waits_for_sql(user: User) -> ColumnElement[bool]:
    """Legal: pieces awaiting sign-off; reviewers: unclaimed (or own-claimed) pieces not theirs.
    Its parameters take their values from waiting_params(user)."""
    return _waits_for_condition(user.has_role(Role.LEGAL), user.has_role(Role.REVIEWER))


def waiting_params(user: User) -> dict[str, Any]:
    """The values of _waits_for_sql's parameters for `user`, now."""
    return {"waiting_user": user.id, "waiting_now": utcnow()}


@cache
def _waits_for_condition(legal: bool, reviewer: bool) -> ColumnElement[bool]:
    """_waits_for_sql for a combination of roles, built once with the user and the time as
    parameters: its five aliases and their subqueries took ~4 ms to build on every queue page
    (issue 16)."""
    user_id = bindparam("waiting_user", type_=Integer)
    unclaimed = or_(
        Piece.claimed_by_id.is_(None),
        Piece.claimed_until.is_(None),
        Piece.claimed_until <= bindparam("waiting_now"),
        Piece.claimed_by_id == user_id,
    )
    if legal and reviewer:
        # to sign off (pending, approved by another) or to review (not pending): anything but
        # a piece pending on the user's own approval — one lookup of the newest decision, not two
        turn = ~_legal_pending(approved_by=user_id)
    elif legal:
        turn = _legal_pending(approver_is_not=user_id)
    elif reviewer:
        turn = ~_legal_pending()
    else:
        turn = false()
    return and_(unclaimed, ~_authored_by(user_id), turn)


@dataclass
class BulkResult:
    """Pieces approved and pieces skipped, with the reason for each skip."""

    approved: list[Piece]
    skipped: list[tuple[int, str]]


def bulk_approve(reviewer: User, piece_ids: list[int]) -> BulkResult:
    """Approve pieces whose check passes right now; skip the rest, each with a reason."""
    if not piece_ids:
        raise InvalidInput(N_("请先勾选要批量通过的稿件。"))
    result = BulkResult([], [])
    for piece_id in dict.fromkeys(piece_ids):
        piece = db.session.get(Piece, piece_id)
        reason = _bulk_refusal(reviewer, piece)
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
                reason = N_("已处理过")
        result.skipped.append((piece_id, _(reason)))  # message ids: in the reader's language
    return result


def _bulk_refusal(reviewer: User, piece: Piece | None) -> str | None:
    """Why a piece cannot be bulk-approved (re-checked against the current lexicon), or None."""
    if piece is None:
        return N_("稿件不存在")
    if piece.status != Status.IN_REVIEW.value:
        return N_("不在审核中")
    revision = piece.current_revision
    assert revision is not None
    report = check_revision(revision)
    legal = needs_legal(piece, report) or awaiting_legal(piece)
    authored = reviewer.id in authors_since_approval(piece)
    return bulk_refusal(reviewer, piece, report.verdict, legal, authored)


def bulk_refusal(user: User, piece: Piece, verdict: str, legal: bool, authored: bool) -> str | None:
    """Why `user` may not approve `piece` in bulk, given its check verdict, whether legal must
    sign off (needed or pending) and whether `user` wrote text under review, or None: the rule
    the queue offers a piece's checkbox by (``bulk_approvable``: the stored verdict) and
    ``bulk_approve`` refuses by (a fresh check)."""
    if not user.has_role(Role.REVIEWER):
        return N_("只有审核员可以审核稿件。")
    if piece.status != Status.IN_REVIEW.value:
        return N_("不在审核中")
    if verdict != "pass":
        return N_("检查结论不是“通过”，请逐篇审核")
    if legal:
        return N_("需要法务会签")
    if authored:
        return N_("你参与了这篇稿件的撰写或修改，须由其他审核员审核（职责分离）")
    return None


def bulk_approvable(user: User, items: list[QueueItem]) -> set[int]:
    """The ids of the queue items `user` is offered to approve in bulk (two statements for the
    page, not two per piece)."""
    authored = _authored(user, [item.piece for item in items])
    return {
        item.piece.id
        for item in items
        if bulk_refusal(
            user,
            item.piece,
            item.verdict,
            item.legal_needed or item.legal_pending,
            item.piece.id in authored,
        )
        is None
    }


def _authored(user: User, pieces: list[Piece]) -> set[int]:
    """The pieces whose text under review `user` wrote: ``authors_since_approval`` for a list."""
    mine = {p.id for p in pieces if user.id in (p.owner_id, p.last_editor_id)}
    current = {p.id: p.current_revision for p in pieces if p.id not in mine}
    if not current:
        return mine
    approvals = db.session.execute(
        select(ReviewDecision.piece_id, Revision.id, Revision.number)
        .join(Revision, ReviewDecision.revision_id == Revision.id)
        .where(
            ReviewDecision.piece_id.in_(current),
            ReviewDecision.decision.in_([Decision.APPROVE.value, Decision.LEGAL_APPROVE.value]),
        )
    )
    approved: dict[int, int] = {}  # the number of the last approved earlier revision
    for piece_id, revision_id, number in approvals:
        now = current[piece_id]
        if now is not None and revision_id != now.id and number < now.number:
            approved[piece_id] = max(approved.get(piece_id, number), number)
    written = db.session.execute(
        select(Revision.piece_id, Revision.number).where(
            Revision.piece_id.in_(current), Revision.author_id == user.id
        )
    )
    mine.update(pid for pid, number in written if number > approved.get(pid, 0))
    return mine


def last_reviewed_revision(piece: Piece) -> Revision | None:
    """The revision of the latest decision that is not the current one (for “what changed”)."""
    # the piece's decisions, newest first, which the review page reads anyway (issue 16)
    earlier = (d for d in piece.decisions if d.revision_id != piece.current_revision_id)
    decision = next(earlier, None)
    return decision.revision if decision else None
