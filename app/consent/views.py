"""用户授权 pages (issue 19): the register, recording with evidence, withdrawal, erasure,
take-downs, and the panel on the piece and review pages."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth import roles_required
from app.consent import services
from app.consent.forms import AttachForm, AuthorisationForm, ConfirmTakedownForm, ReasonForm
from app.consent.services import AuthorisationInput, Evidence
from app.errors import InvalidInput
from app.extensions import db
from app.forms import answers_in_place, back_to, page_path, validated
from app.inputs import safe_next
from app.models import (
    Authorisation,
    Channel,
    ContentType,
    Piece,
    Role,
    TakedownTask,
    get_or_404,
    utcnow,
)
from app.notifications.wording import write
from app.templating import user_content

bp = Blueprint("consent", __name__)

STAFF = (Role.WRITER, Role.REVIEWER, Role.LEGAL, Role.MANAGER, Role.ADMIN)


@bp.app_template_global()
def consent_panel(piece: Piece) -> dict[str, Any] | None:
    """What the piece and review pages show about a UGC piece's authorisations (None otherwise)."""
    if piece.content_type != ContentType.UGC.value:
        return None
    day = services.day_of(piece)
    rows = services.authorisations_of(piece)
    editable = piece.status not in ("scheduled", "publishing", "published", "archived")
    may_edit = current_user.id == piece.owner_id or current_user.has_role("reviewer", "manager")
    return {
        "rows": rows,
        "problems": [write(reason) for reason in services.reasons(piece, day)],
        "day": day,
        "uses": [_(services.USE_LABELS[use]) for use in services.uses_of(piece)],
        "attachable": services.attachable(piece) if may_edit and editable else [],
        "can_attach": may_edit and editable,
        "can_read_evidence": services.may_read_evidence(current_user),
        "attach_form": AttachForm(),
        "back": page_path(),  # the page's path, also when a refusal re-renders it
    }


@bp.route("/consent/")
@roles_required(*STAFF)
def index() -> str:
    """Every authorisation, newest first, one page at a time."""
    page = db.paginate(
        select(Authorisation).order_by(Authorisation.id.desc()),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    open_tasks = len(services.open_takedowns())
    return render_template("consent/index.html", page=page, open_tasks=open_tasks)


def _channel_choices() -> list[SelectChoice]:
    channels = db.session.scalars(select(Channel).where(Channel.active).order_by(Channel.id))
    label = Markup(_("%(name)s（%(platform)s）"))
    return [
        SelectChoice(c.code, label % {"name": user_content(c.name), "platform": c.kind_label})
        for c in channels
    ]


@bp.route("/consent/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new() -> Response | tuple[str, int]:
    """Record an authorisation; with ?piece=N it is attached to that piece afterwards."""
    form = AuthorisationForm()
    form.channels.choices = _channel_choices()
    piece_id = request.args.get("piece", type=int) or None
    piece = get_or_404(Piece, piece_id) if piece_id else None
    if request.method == "GET" and piece is not None:
        form.channels.data = [piece.channel.code]
    if form.validate_on_submit():
        upload = form.evidence.data
        data = AuthorisationInput(
            customer=form.customer.data or "",
            contact=form.contact.data or "",
            channel_codes=list(form.channels.data or []),
            valid_from=form.valid_from.data,
            valid_until=form.valid_until.data,
            how_given=form.how_given.data or "",
            allow_text=bool(form.allow_text.data),
            allow_photos=bool(form.allow_photos.data),
            allow_video=bool(form.allow_video.data),
            show_name=bool(form.show_name.data),
            minor=bool(form.minor.data),
            guardian=form.guardian.data or "",
            note=form.note.data or "",
        )
        try:
            row = services.record_authorisation(
                current_user, data, Evidence(upload.filename or "", upload.read())
            )
            if piece is not None:
                services.attach(current_user, piece, row)
        except InvalidInput as error:
            db.session.rollback()
            target = getattr(form, str(error.extra.get("field", "")), None)
            if target is not None:
                target.errors = [*target.errors, error.message]
            else:
                flash(error.message, "danger")
        else:
            flash(_("已登记 %(name)s 的授权。", name=row.customer), "success")
            if piece is not None:
                return redirect(url_for("content.piece", piece_id=piece.id) + "#consent")
            return redirect(url_for("consent.show", authorisation_id=row.id))
    status = 400 if request.method == "POST" else 200
    return render_template("consent/new.html", form=form, piece=piece), status


@bp.route("/consent/<int:authorisation_id>")
@roles_required(*STAFF)
def show(authorisation_id: int) -> str:
    """One authorisation: what it allows, the pieces using it, withdrawal and erasure."""
    row = get_or_404(Authorisation, authorisation_id)
    tasks = db.session.scalars(
        select(TakedownTask)
        .where(TakedownTask.authorisation_id == row.id)
        .order_by(TakedownTask.id)
    ).all()
    return render_template(
        "consent/show.html",
        row=row,
        pieces=services.pieces_using(row),
        tasks=tasks,
        contact=services.contact_of(current_user, row),
        can_read_evidence=services.may_read_evidence(current_user),
        can_withdraw=current_user.has_role(*services.WITHDRAWERS),
        can_erase=current_user.has_role(*services.ERASERS),
        reason_form=ReasonForm(),
        today=utcnow().date(),
    )


@bp.route("/consent/<int:authorisation_id>/evidence")
@roles_required(Role.REVIEWER, Role.LEGAL, Role.ADMIN)
def evidence(authorisation_id: int) -> Response:
    """The evidence file, for reviewers, legal and admins only; never cached."""
    row = get_or_404(Authorisation, authorisation_id)
    path, content_type, name = services.evidence_path(current_user, row)
    response = send_file(path, mimetype=content_type, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/consent/<int:authorisation_id>/withdraw")
@roles_required(*services.WITHDRAWERS)
@answers_in_place("withdraw-form", "consent.show", fields=("reason",))
def withdraw(authorisation_id: int) -> Response:
    """The customer withdrew consent: hold, send back or take down every piece using it."""
    row = get_or_404(Authorisation, authorisation_id)
    form = ReasonForm()
    validated(form)
    report = services.withdraw(current_user, row, form.reason.data or "")
    flash(
        _(
            "已撤回授权：拦截 %(held)s 篇，退回审核 %(back)s 篇，待下架 %(down)s 篇。",
            held=len(report.held),
            back=len(report.back_to_review),
            down=len(report.takedowns),
        ),
        "success",
    )
    return redirect(url_for("consent.show", authorisation_id=row.id))


@bp.post("/consent/<int:authorisation_id>/erase")
@roles_required(*services.ERASERS)
@answers_in_place("erase-form", "consent.show", fields=("reason",))
def erase(authorisation_id: int) -> Response:
    """A PIPL deletion request: contact, evidence and name go, a tombstone stays."""
    row = get_or_404(Authorisation, authorisation_id)
    form = ReasonForm()
    validated(form)
    services.erase(current_user, row, form.reason.data or "")
    flash(_("已删除该用户的个人信息，保留了不含个人信息的记录。"), "success")
    return redirect(url_for("consent.show", authorisation_id=row.id))


@bp.route("/consent/takedowns")
@roles_required(*STAFF)
def takedowns() -> str:
    """Take-down tasks still open, oldest first."""
    return render_template(
        "consent/takedowns.html",
        tasks=services.open_takedowns(),
        form=ConfirmTakedownForm(),
        can_confirm=current_user.has_role(*services.TAKEDOWN_CONFIRMERS),
    )


@bp.post("/consent/takedowns/<int:task_id>/confirm")
@roles_required(*services.TAKEDOWN_CONFIRMERS)
@answers_in_place("takedown-{task_id}-form", "consent.takedowns", fields=("note",))
def confirm_takedown(task_id: int) -> Response:
    """A person confirms the post is gone."""
    task = get_or_404(TakedownTask, task_id)
    form = ConfirmTakedownForm()
    validated(form)
    services.confirm_takedown(current_user, task, form.note.data or "")
    flash(_("已确认下架。"), "success")
    return redirect(url_for("consent.takedowns"))


# The consent panel is on the piece page and the review page: a refusal comes back on the one
# the form was sent from (its `next`).
PANEL_PAGES = back_to(("content.piece", "review.review"), "content.piece")


@bp.post("/pieces/<int:piece_id>/authorisations")
@roles_required(Role.WRITER, Role.REVIEWER, Role.MANAGER)
@answers_in_place("attach-form", PANEL_PAGES, fields=("authorisation_id",))
def attach(piece_id: int) -> Response:
    """Attach an authorisation to a UGC piece."""
    piece = get_or_404(Piece, piece_id)
    form = AttachForm()
    validated(form)
    row = get_or_404(Authorisation, int(form.authorisation_id.data or 0))
    services.attach(current_user, piece, row)
    flash(_("已关联 %(name)s 的授权。", name=row.customer), "success")
    return redirect(_back(piece))


@bp.post("/pieces/<int:piece_id>/authorisations/<int:authorisation_id>/detach")
@roles_required(Role.WRITER, Role.REVIEWER, Role.MANAGER)
@answers_in_place("detach-{authorisation_id}-form", PANEL_PAGES)
def detach(piece_id: int, authorisation_id: int) -> Response:
    """Remove an attached authorisation."""
    piece = get_or_404(Piece, piece_id)
    row = get_or_404(Authorisation, authorisation_id)
    validated(AttachForm())
    services.detach(current_user, piece, row)
    flash(_("已取消关联。"), "success")
    return redirect(_back(piece))


def _back(piece: Piece) -> str:
    """Back to the review page when the form came from there, else the piece page."""
    fallback = url_for("content.piece", piece_id=piece.id)
    return safe_next(request.form.get("next"), fallback) + "#consent"
