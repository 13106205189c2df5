"""Home page showing each user what waits for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app.dashboard.stats import channel_figures, channel_health, hit_stats
from app.extensions import db, reads_alone
from app.models import (
    ApiToken,
    Channel,
    FalsePositiveReport,
    LexiconVersion,
    Piece,
    ReportStatus,
    Role,
    Topic,
    User,
    piece_row_options,
    utcnow,
)
from app.review.queue import reviewable
from app.schedule.overview import reserve
from app.serving import remembered
from app.workflow import Status, TopicStatus

bp = Blueprint("dashboard", __name__)
T = TypeVar("T")
HOME_LIST = 10  # pieces per list on the home page (the full lists are paginated elsewhere)


def _shared(key: str, build: Callable[[], T]) -> T:
    """A figure every user of a desk sees the same, kept HOME_CACHE_SECONDS (60) in the shared
    cache: at scale legal's hit statistics group a month of the hit log and channel health a
    year of publish jobs, several hundred ms each on every view before (issue 16)."""
    return remembered(f"home:{key}", current_app.config["HOME_CACHE_SECONDS"], build)


def _legal_home() -> dict[str, object]:
    """Legal's desk: the false-positive inbox and the latest word-list versions (the pieces
    waiting for legal sign-off are legal's review queue, `reviewable`)."""
    open_reports = db.session.execute(
        select(func.count(FalsePositiveReport.id)).where(
            FalsePositiveReport.status == ReportStatus.OPEN
        )
    ).scalar_one()
    versions = db.session.scalars(
        select(LexiconVersion).order_by(LexiconVersion.id.desc()).limit(5)
    ).all()
    hits = _shared("hits", lambda: hit_stats(utcnow()))
    return {"open_reports": open_reports, "versions": versions, "hits": hits}


def _admin_home() -> dict[str, object]:
    """Admins' desk: users, channels and live API tokens at a glance."""
    users = db.session.execute(
        select(func.count(User.id)).where(User.active.is_(True))
    ).scalar_one()
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    tokens = db.session.execute(
        select(func.count(ApiToken.id)).where(ApiToken.revoked_at.is_(None))
    ).scalar_one()
    return {
        "users": users,
        "channels": channels,
        "tokens": tokens,
        # "channels.2": the figures carry the error's words since issue 20 (not the old tuples)
        "health": channel_health(
            utcnow(), _shared("channels.2", lambda: channel_figures(utcnow()))
        ),
    }


@bp.route("/")
@reads_alone
@login_required
def home() -> str:
    """Per-role work lists: my drafts and returned pieces, the queue, the topic meeting."""
    mine = select(Piece).where(Piece.owner_id == current_user.id).options(*piece_row_options())
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
    # count(*), not count(id): PostgreSQL answers from the status index alone
    counts = dict(
        db.session.execute(select(Piece.status, func.count()).group_by(Piece.status)).all()
    )
    return render_template(
        "dashboard/home.html",
        legal=_legal_home() if current_user.has_role(Role.LEGAL) else None,
        admin=_admin_home() if current_user.has_role(Role.ADMIN) else None,
        returned=returned,
        drafts=drafts,
        queue=queue,
        queue_total=queue_total,
        proposed=proposed,
        counts=counts,
        reserve=reserve() if current_user.has_role(Role.MANAGER, Role.REVIEWER) else None,
    )
