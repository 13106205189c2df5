"""Home page showing each user what waits for them."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app.extensions import db
from app.models import Piece, Role, Topic
from app.review.queue import reviewable
from app.schedule.overview import reserve
from app.workflow import Status, TopicStatus

bp = Blueprint("dashboard", __name__)
HOME_LIST = 10  # pieces per list on the home page (the full lists are paginated elsewhere)


@bp.route("/")
@login_required
def home() -> str:
    """Per-role work lists: my drafts and returned pieces, the queue, the topic meeting."""
    mine = select(Piece).where(Piece.owner_id == current_user.id)
    returned = db.session.scalars(
        mine.where(Piece.status == Status.CHANGES_REQUESTED.value)
        .order_by(Piece.updated_at)
        .limit(HOME_LIST)
    ).all()
    drafts = db.session.scalars(
        mine.where(Piece.status == Status.DRAFT.value).order_by(Piece.updated_at.desc()).limit(10)
    ).all()
    queue, queue_total = reviewable(current_user, HOME_LIST)
    proposed = 0
    if current_user.has_role(Role.MANAGER):
        proposed = db.session.execute(
            select(func.count(Topic.id)).where(Topic.status == TopicStatus.PROPOSED.value)
        ).scalar_one()
    counts = dict(
        db.session.execute(select(Piece.status, func.count(Piece.id)).group_by(Piece.status)).all()
    )
    return render_template(
        "dashboard/home.html",
        returned=returned,
        drafts=drafts,
        queue=queue,
        queue_total=queue_total,
        proposed=proposed,
        counts=counts,
        reserve=reserve() if current_user.has_role(Role.MANAGER, Role.REVIEWER) else None,
    )
