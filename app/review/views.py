"""The review queue and the review page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import roles_required
from app.content.services import get_or_404
from app.errors import InvalidInput
from app.models import DECISION_LABELS, Decision, Piece, Role
from app.review import services
from app.review.forms import DecisionForm
from app.review.services import current_report

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/")
@roles_required(Role.REVIEWER)
def queue() -> str:
    """Pieces waiting for review, oldest first, with their age against the SLA."""
    return render_template("review/queue.html", pieces=services.review_queue())


@bp.route("/<int:piece_id>")
@roles_required(Role.REVIEWER, Role.LEGAL)
def review(piece_id: int) -> str:
    """The review page: the piece as readers see it and the decision form."""
    piece: Piece = get_or_404(Piece, piece_id)  # type: ignore[assignment]
    form = DecisionForm()
    form.revision_id.data = str(piece.current_revision_id)
    report, hits = current_report(piece)
    return render_template("review/review.html", piece=piece, form=form, report=report, hits=hits)


@bp.route("/<int:piece_id>/decide", methods=["POST"])
@roles_required(Role.REVIEWER)
def decide(piece_id: int) -> Response:
    """Record a decision on the revision the reviewer saw."""
    piece: Piece = get_or_404(Piece, piece_id)  # type: ignore[assignment]
    form = DecisionForm()
    if not form.validate_on_submit() or not (form.revision_id.data or "").isdigit():
        raise InvalidInput("请选择决定后再提交。")
    decision = Decision(form.decision.data)
    acks = {key[4:]: value for key, value in request.form.items() if key.startswith("ack:")}
    services.decide(
        current_user, piece, int(form.revision_id.data), decision, form.reason.data or "", acks
    )
    flash(f"已{DECISION_LABELS[decision]}：{piece.title}", "success")
    return redirect(url_for("review.queue"))
