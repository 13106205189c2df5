"""Pages for publishing: held/failed/missed pieces with retry, channel settings, notifications."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth import roles_required
from app.errors import InvalidInput, error_response, wants_json
from app.extensions import db, reads_alone
from app.forms import answers_in_place, render_page, validated
from app.models import Channel, NotificationRoute, Piece, Role, User, get_or_404
from app.models.publishing import DEFAULT_LATE_AFTER_MINUTES
from app.notifications import routes as notice_routes
from app.publishing import job_errors, services, settings
from app.publishing.forms import (
    ChannelPublishingForm,
    DeleteForm,
    RetryForm,
    RouteForm,
    SendBackForm,
    SubscriptionForm,
)
from app.templating import USER_CONTENT

bp = Blueprint("publishing", __name__)

DISPATCHERS = (Role.REVIEWER, Role.MANAGER)


# The pages offer each action by the rule its service refuses by (issue 20).
bp.add_app_template_global(services.may_retry, "may_retry")
bp.add_app_template_global(services.may_publish_now, "may_publish_now")
bp.add_app_template_global(services.may_send_back, "may_send_back")
# A job's error in the reader's language (its stored text on older rows).
bp.add_app_template_global(job_errors.job_error, "job_error")
bp.add_app_template_global(job_errors.job_error_text, "job_error_text")  # titles, tooltips


def _piece(piece_id: int) -> Piece:
    return get_or_404(Piece, piece_id)


def _problems_or_piece(piece_id: int) -> Any:
    """The page an action was used on, for its refusal: the piece page (``back=piece``) or the
    publishing problems."""
    if request.form.get("back") == "piece":
        return render_page("content.piece", piece_id=piece_id)
    return render_page("publishing.problems")


@bp.app_template_global("manual_package")
def manual_package(piece: Piece) -> str:
    """The text an assignee copies to post a piece by hand (shown on the piece's page)."""
    return services.manual_package(piece)


@bp.route("/publishing")
@reads_alone
@roles_required(*DISPATCHERS)
def problems() -> str:
    """Held, failed and missed pieces, with retry and send-back."""
    return render_template(
        "publishing/problems.html",
        groups=services.problems(),
        retry_form=RetryForm(),
        send_back_form=SendBackForm(),
    )


@bp.route("/publishing/<int:piece_id>/retry", methods=["POST"])
@roles_required(*DISPATCHERS)
@answers_in_place("retry-{piece_id}-form", _problems_or_piece, fields=("confirmed",))
def retry(piece_id: int) -> Response:
    """Retry a failed piece after a fresh check, or bring a waiting retry forward."""
    piece = _piece(piece_id)
    form = RetryForm()
    validated(form)
    outcome = services.retry(current_user, piece, confirmed_not_published=bool(form.confirmed.data))
    message = (
        _("已安排立即重试。") if outcome == "hurried" else _("已重新排期，发布进程将尽快发布。")
    )
    flash(message, "success")
    return _after(piece)


def _after(piece: Piece) -> Response:
    """Back to the page the action was used on."""
    if request.form.get("back") == "piece":
        return redirect(url_for("content.piece", piece_id=piece.id))
    return redirect(url_for("publishing.problems"))


@bp.route("/publishing/<int:piece_id>/publish-now", methods=["POST"])
@roles_required(*DISPATCHERS)
@answers_in_place("publish-now-{piece_id}-form", _problems_or_piece)
def publish_now(piece_id: int) -> Response:
    """Publish a piece stopped as too late after all, in the worker's next pass."""
    piece = _piece(piece_id)
    validated(RetryForm())
    services.publish_now(current_user, piece)
    flash(_("已安排立即发布，发布进程将在下一轮发出。"), "success")
    return _after(piece)


@bp.route("/publishing/<int:piece_id>/send-back", methods=["POST"])
@roles_required(*DISPATCHERS)
@answers_in_place("send-back-{piece_id}-form", _problems_or_piece)
def send_back(piece_id: int) -> Response:
    """Send a held or failed piece back to review."""
    piece = _piece(piece_id)
    form = SendBackForm()
    validated(form)
    services.send_back(current_user, piece, reason=form.reason.data or "")
    flash(_("稿件已退回审核。"), "success")
    return _after(piece)


# --- channel settings (admins) ----------------------------------------------------------------


@bp.route("/publishing/channels")
@roles_required(Role.ADMIN)
def channels() -> str:
    """Every channel with how it publishes; secrets masked."""
    everything = db.session.scalars(select(Channel).order_by(Channel.id)).all()
    return render_template(
        "publishing/channels.html", channels=everything, shown_secret=settings.shown_secret
    )


@bp.route("/publishing/channels/<int:channel_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def channel_settings(channel_id: int) -> Response | tuple[str, int]:
    """Edit one channel's publishing settings."""
    channel = get_or_404(Channel, channel_id)
    form = ChannelPublishingForm(obj=channel.publishing)
    form.assignee.choices = [SelectChoice(0, _("（未指定：通知运营主管）"))] + [
        SelectChoice(user.id, user.display_name) for user in settings.assignee_candidates()
    ]
    if request.method == "GET":
        form.review_sla_hours.data = channel.review_sla_hours
    if request.method == "GET" and channel.publishing is not None:
        form.assignee.data = channel.publishing.assignee_id or 0
    if request.method == "GET" and channel.publishing is None:
        form.late_after_minutes.data = DEFAULT_LATE_AFTER_MINUTES
    if form.validate_on_submit():
        try:
            settings.save_channel_settings(current_user, channel, _channel_settings(form))
        except InvalidInput as error:
            _show_error(form, error)
        else:
            flash(_("已保存“%(name)s”的发布设置。", name=channel.name), "success")
            return redirect(url_for("publishing.channels"))
    current = channel.publishing
    return render_template(
        "publishing/channel_settings.html",
        channel=channel,
        form=form,
        secret=settings.shown_secret(current.secret_encrypted) if current else "",
    ), (400 if request.method == "POST" else 200)


def _show_error(form: FlaskForm, error: InvalidInput) -> None:
    """Next to the field the service names, else as a message at the top of the page."""
    field = form._fields.get(str(error.extra.get("field", "")))
    if field is None:
        flash(error.message, "danger")
    else:
        field.errors = [*field.errors, error.message]


def _channel_settings(form: ChannelPublishingForm) -> settings.ChannelSettings:
    assignee = db.session.get(User, form.assignee.data) if form.assignee.data else None
    return settings.ChannelSettings(
        adapter=form.adapter.data or "",
        base_url=form.base_url.data or "",
        appid=form.appid.data or "",
        webhook_url=form.webhook_url.data or "",
        secret=form.secret.data or "",
        assignee=assignee,
        review_sla_hours=form.review_sla_hours.data,
        late_after_minutes=form.late_after_minutes.data,
    )


# --- notification settings --------------------------------------------------------------------


@bp.route("/publishing/notifications", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def routes() -> Response | tuple[str, int]:
    """Group bots and mailing lists per channel, and notices that failed to go out."""
    form = RouteForm()
    form.channel.choices = [SelectChoice(0, _("全部渠道"))] + [
        SelectChoice(c.id, c.name, USER_CONTENT)
        for c in db.session.scalars(select(Channel).order_by(Channel.id))
    ]
    if form.validate_on_submit():
        try:
            notice_routes.add_route(current_user, _route_settings(form))
        except InvalidInput as error:
            _show_error(form, error)
        else:
            flash(_("已添加通知渠道。"), "success")
            return redirect(url_for("publishing.routes"))
    everything = db.session.scalars(select(NotificationRoute).order_by(NotificationRoute.id))
    return render_template(
        "publishing/routes.html",
        form=form,
        routes=everything.all(),
        failures=notice_routes.recent_failures(),
        shown_url=settings.shown_url,
    ), (400 if request.method == "POST" else 200)


def _route_settings(form: RouteForm) -> notice_routes.RouteSettings:
    channel = db.session.get(Channel, form.channel.data) if form.channel.data else None
    return notice_routes.RouteSettings(
        name=form.name.data or "",
        kind=form.kind.data or "",
        events=tuple(form.events.data or ()),
        url=form.url.data or "",
        secret=form.secret.data or "",
        recipients=form.recipients.data or "",
        channel=channel,
    )


@bp.route("/publishing/notifications/<int:route_id>/delete", methods=["POST"])
@roles_required(Role.ADMIN)
def delete_route(route_id: int) -> Response | tuple[Response | str, int]:
    """Remove a notification route; one already gone (a double click, a second tab) is said on
    the routes page (404 JSON for JSON callers), not with an error page."""
    validated(DeleteForm())
    route = db.session.get(NotificationRoute, route_id)
    if route is None:
        gone = _("该通知渠道已被删除。")
        if wants_json():
            return error_response(404, gone)
        flash(gone, "info")
        return redirect(url_for("publishing.routes"))
    notice_routes.delete_route(current_user, route)
    flash(_("已删除通知渠道。"), "success")
    return redirect(url_for("publishing.routes"))


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
def my_notifications() -> Response | tuple[str, int]:
    """The signed-in user's choice of publishing alerts by e-mail."""
    form = SubscriptionForm()
    if request.method == "GET":
        form.events.data = sorted(notice_routes.subscriptions(current_user))
    if form.validate_on_submit():
        try:
            notice_routes.save_subscriptions(current_user, list(form.events.data or []))
        except InvalidInput as error:
            flash(error.message, "danger")
        else:
            flash(_("已保存通知设置。"), "success")
            return redirect(url_for("publishing.my_notifications"))
    status = 400 if request.method == "POST" else 200
    return render_template("publishing/my_notifications.html", form=form), status
