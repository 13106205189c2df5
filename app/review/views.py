"""The review desk: the queue, the review page, decisions, claims, comments, the writer's side."""

from __future__ import annotations

from dataclasses import asdict, fields

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth import roles_required
from app.checks.reporting import current_report, marked_article
from app.content.comments import Anchor, add_comment, may_comment, threads, threads_of
from app.errors import InvalidInput
from app.extensions import db, reads_alone
from app.forms import answers_in_place, back_to, page_path, validated
from app.inputs import int_arg, safe_next
from app.models import Channel, Decision, Piece, Revision, Role, User, get_or_404
from app.rendering import DiffLine, diff_lines
from app.review import claims, services
from app.review.forms import CommentForm, DecisionForm
from app.review.queue import (
    QueueFilters,
    bulk_approvable,
    bulk_approve,
    last_reviewed_revision,
    queue_page,
)
from app.review.services import Outcome, awaiting_legal, may_decide, needs_legal
from app.templating import USER_CONTENT
from app.workflow import Status

bp = Blueprint("review", __name__, url_prefix="/review")
bp.add_app_template_global(may_decide, "may_decide")  # pages offer decisions by the one rule
bp.add_app_template_global(page_path, "page_path")  # the forms' `next`, also on a refusal
DESK = (Role.REVIEWER, Role.LEGAL)
OUTCOME_MESSAGES = {
    Outcome.APPROVED: _l("已通过：%(title)s"),
    Outcome.AWAITING_LEGAL: _l("已通过审核，等待法务会签：%(title)s"),
    Outcome.CHANGES_REQUESTED: _l("已要求修改：%(title)s"),
    Outcome.REJECTED: _l("已驳回：%(title)s"),
    Outcome.UNCHANGED: _l("该决定已记录过，无需重复提交：%(title)s"),
}


@bp.route("/")
@reads_alone
@roles_required(*DESK)
def queue() -> str:
    """Pieces in review, oldest first, with filters, SLA colours, claims and legal status."""
    filters = QueueFilters(**{f.name: request.args.get(f.name, "") for f in fields(QueueFilters)})
    page = queue_page(
        current_user,
        filters,
        request.args.get("page", 1, type=int),  # bounded (app.inputs)
        current_app.config["PAGE_SIZE"],
    )
    # The writer filter offers the writers with pieces in review (and the one chosen): not every
    # account with a writer role, which grows with the team (issue 16). Light columns only.
    in_review = select(Piece.owner_id).where(Piece.status == Status.IN_REVIEW.value)
    chosen = int_arg(filters.writer, "writer") or 0
    writers = db.session.execute(
        select(User.id, User.display_name)
        .where(or_(User.id.in_(in_review), User.id == chosen))
        .order_by(User.display_name, User.id)
    ).all()
    channels = db.session.scalars(select(Channel).order_by(Channel.id)).all()
    return render_template(
        "review/queue.html",
        items=page.items,
        page=page.pagination,
        filters=filters,
        filter_args={name: value for name, value in asdict(filters).items() if value},
        writers=writers,
        channels=channels,
        # the checkboxes of bulk approval, by the rule bulk_approve refuses by
        bulk_ids=bulk_approvable(current_user, page.items),
    )


@bp.post("/bulk-approve")
@roles_required(Role.REVIEWER)
@answers_in_place("bulk-form", "review.queue")
def bulk() -> Response:
    """Approve the selected pieces whose check passes right now (each refused one is named); a
    refusal of the whole (nothing selected) comes back on the queue by the bulk button."""
    ids = [int(value) for value in request.form.getlist("piece_id") if value.isdigit()]
    result = bulk_approve(current_user, ids)
    if result.approved:
        flash(_("已批量通过 %(count)s 篇。", count=len(result.approved)), "success")
    for piece_id, reason in result.skipped:
        flash(_("稿件 #%(id)s 未通过批量审核：%(reason)s", id=piece_id, reason=reason), "warning")
    return redirect(url_for("review.queue"))


def _reason_choice(text: str) -> SelectChoice:
    """A configured reason: the value as configured, shown in the reader's language when the
    catalog has it (the shipped ones, labels.SHIPPED_REVIEW_REASONS), else as written."""
    shown = _(text)
    return SelectChoice(text, shown, USER_CONTENT if shown == text else None)


@bp.route("/<int:piece_id>")
@reads_alone
@roles_required(*DESK)
def review(piece_id: int) -> str:
    """The piece as readers see it, its report, what changed, comments, and the decision form."""
    piece = get_or_404(Piece, piece_id)
    form = DecisionForm()
    form.revision_id.data = str(piece.current_revision_id)
    form.template.choices = [SelectChoice("", _("选择常用理由…"))] + [
        _reason_choice(text) for text in current_app.config["REVIEW_REASON_TEMPLATES"]
    ]
    report, hits = current_report(piece)
    revision = piece.current_revision
    assert revision is not None  # a piece gets its first revision when it is created
    previous = last_reviewed_revision(piece)
    changes = _changes_since(previous, piece) if previous else None
    return render_template(
        "review/review.html",
        piece=piece,
        form=form,
        report=report,
        hits=hits,
        previous=previous,
        changes=changes,
        legal_needed=needs_legal(piece, report),
        legal_pending=awaiting_legal(piece),
        can_decide=may_decide(current_user, piece),
        claim=claims.active_claim(piece),
        threads=threads(piece),
        comment_form=CommentForm(),
        can_comment=may_comment(current_user, piece),
        article=marked_article(revision, report),
    )


def _changes_since(previous: Revision, piece: Piece) -> dict[str, list[DiffLine]]:
    current = piece.current_revision
    return {
        name: diff_lines(getattr(previous, name), getattr(current, name))
        for name in ("title", "summary", "body")
        if getattr(previous, name) != getattr(current, name)
    }


@bp.route("/<int:piece_id>/decide", methods=["POST"])
@roles_required(*DESK)
@answers_in_place("decision-form", "review.review", fields=("decision", "reason"))
def decide(piece_id: int) -> Response:
    """Record a decision on the revision the reviewer (or legal) saw; a refusal is shown on the
    review page next to the decision form, with what was chosen and written kept."""
    piece = get_or_404(Piece, piece_id)
    form = DecisionForm()
    form.template.choices = [SelectChoice("", "")]
    if not form.validate_on_submit() or not (form.revision_id.data or "").isdigit():
        raise InvalidInput(_("请选择决定后再提交。"), field="decision")
    acks = {key[4:]: value for key, value in request.form.items() if key.startswith("ack:")}
    outcome = services.decide(
        current_user,
        piece,
        int(form.revision_id.data),
        Decision(form.decision.data),
        form.reason.data or "",
        acks,
    )
    flash(str(OUTCOME_MESSAGES[outcome]) % {"title": piece.title}, "success")
    return redirect(url_for("review.queue"))


@bp.post("/<int:piece_id>/claim")
@roles_required(*DESK)
@answers_in_place("claim-form", "review.review")
def claim(piece_id: int) -> Response:
    """Claim the piece (or take it over from another reviewer), or release one's claim; a
    refusal is shown next to the claim button."""
    piece = get_or_404(Piece, piece_id)
    if request.form.get("release"):
        claims.release(current_user, piece)
        flash(_("已放弃认领。"), "info")
    else:
        claims.claim(current_user, piece, take_over=bool(request.form.get("take_over")))
        flash(_("已认领，其他审核员会看到你正在审核。"), "success")
    return redirect(url_for("review.review", piece_id=piece.id))


def _comment_form(piece_id: int) -> str:
    """The comment form that was used: a reply's (one per thread) or the new comment's."""
    parent = request.form.get("parent_id", "")
    return f"reply-{parent}-form" if parent.isdigit() else "comment-form"


@bp.post("/<int:piece_id>/comments")
@login_required
@answers_in_place(
    _comment_form,
    back_to(("review.review", "content.piece", "review.returned"), "content.piece"),
    fields=("body",),
)
def comment(piece_id: int) -> Response:
    """Comment on the piece, on a selected span of the current revision, or reply."""
    piece = get_or_404(Piece, piece_id)
    form = CommentForm()
    validated(form)
    anchor = None
    if form.field.data and form.start.data is not None and form.end.data is not None:
        revision_id = piece.current_revision_id
        assert revision_id is not None  # a piece gets its first revision when it is created
        anchor = Anchor(revision_id, form.field.data, form.start.data, form.end.data)
    parent = int_arg(form.parent_id.data, "parent_id")
    add_comment(current_user, piece, form.body.data or "", anchor=anchor, parent_id=parent)
    flash(_("评论已发布。"), "success")
    return redirect(
        safe_next(request.form.get("next"), url_for("content.piece", piece_id=piece.id))
    )


@bp.get("/returned")
@reads_alone
@roles_required(Role.WRITER, Role.MANAGER)
def returned() -> str:
    """The writer's side: pieces that came back, why, and the comments on their text."""
    query = select(Piece).where(
        Piece.owner_id == current_user.id,
        Piece.status.in_([Status.CHANGES_REQUESTED.value, Status.REJECTED.value]),
    )
    page = db.paginate(
        query.order_by(Piece.updated_at.desc(), Piece.id.desc()).options(
            selectinload(Piece.decisions)
        ),
        page=request.args.get("page", 1, type=int),  # bounded (app.inputs)
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    found = threads_of([p.id for p in page.items])
    return render_template(
        "review/returned.html",
        items=[(p, found[p.id]) for p in page.items],
        page=page,
        form=CommentForm(),
    )
