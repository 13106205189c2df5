"""Calendar pages: month/week views, scheduling forms, drag and drop, policy, blackouts, feed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from app.auth import roles_required
from app.content.forms import PublishedForm
from app.errors import Conflict, DomainError, InvalidInput, wants_json
from app.extensions import db, limiter, reads_alone, statements_on_their_own
from app.forms import answers_in_place, keep_in_place, validated
from app.models import BlackoutWindow, Channel, Piece, Role, User, get_or_404, utcnow
from app.schedule import calendar as cal
from app.schedule import feed as feeds
from app.schedule import overview, services, settings, wording
from app.schedule.forms import (
    BlackoutForm,
    ConfirmForm,
    PolicyForm,
    ReserveForm,
    ScheduleForm,
    UnscheduleForm,
)
from app.schedule.policy import Verdict, day_bounds, local_day
from app.schedule.services import SCHEDULERS, PolicyViolation, brand_instant
from app.serving import remembered
from app.templating import USER_CONTENT
from app.zones import brand_zone

bp = Blueprint("schedule", __name__, url_prefix="/calendar")
NEW_FEED_SECRET = "schedule.new_feed_secret"  # session key: a rotated link, shown on the next view
bp.add_app_template_global(overview.looks_promotional, "looks_promotional")
bp.add_app_template_global(overview.promo_markers, "promo_markers")
bp.add_app_template_global(services.may_schedule, "may_schedule")  # pages offer controls by
bp.add_app_template_global(services.may_override, "may_override")  # the services' own rules


def _today() -> date:
    return local_day(utcnow(), brand_zone())


def _date_arg(value: Any) -> date | None:
    """A YYYY-MM-DD argument; None if absent or not a date, InvalidInput outside 2000–2100."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None
    return services.ensure_sane_year(day) if day else None


def _channels() -> list[Channel]:
    return list(db.session.scalars(select(Channel).where(Channel.active).order_by(Channel.id)))


def _flash_verdict(verdict: Verdict) -> None:
    for warning in verdict.warnings:
        flash(_("提醒：%(message)s", message=wording.violation(warning)), "warning")


# --- the calendar ----------------------------------------------------------------------------


@bp.route("")
@reads_alone
@login_required
def calendar() -> str:
    """Month or week view of planned and scheduled pieces, with filters and weekly progress."""
    filters = cal.Filters.from_args(request.args)
    anchor = _date_arg(request.args.get("date")) or _today()
    page = cal.build_calendar(request.args.get("view", "month"), anchor, filters, utcnow())
    can_schedule = services.may_schedule(current_user)
    return render_template(
        "schedule/calendar.html",
        cal=page,
        filters=filters,
        channels=page.channels,
        owners=cal.owner_choices(filters),
        tray=cal.tray(filters, page.channels) if can_schedule else [],
        reserve=overview.reserve(),
        can_schedule=can_schedule,
        zone=brand_zone().key,
        wording=wording,
    )


# --- scheduling ------------------------------------------------------------------------------


@bp.route("/pieces/<int:piece_id>/schedule", methods=["GET", "POST"])
@roles_required(*SCHEDULERS)
def place(piece_id: int) -> BaseResponse | tuple[str, int]:
    """Schedule an approved piece or move a scheduled one (the keyboard way to drag)."""
    piece = get_or_404(Piece, piece_id)
    form = ScheduleForm()
    if request.method == "GET":
        _prefill(form, piece)
    refusal, status = None, 200
    if form.validate_on_submit():
        assert form.day.data is not None and form.clock.data is not None
        at = brand_instant(form.day.data, form.clock.data)
        try:
            verdict = services.place(current_user, piece, at, None, _reason(form))
        except PolicyViolation as error:
            if wants_json():
                raise
            refusal, status = error.verdict, 409
        except DomainError as error:  # next to the form, the input kept (JSON callers: JSON)
            status = keep_in_place(error, "schedule-form", SCHEDULE_FIELDS).status
        else:
            flash(
                _(
                    "已排期：%(title)s（%(day)s %(clock)s）",
                    title=piece.title,
                    day=form.day.data,
                    clock=form.clock.data.strftime("%H:%M"),
                ),
                "success",
            )
            _flash_verdict(verdict)
            return redirect(url_for("schedule.calendar", view="week", date=form.day.data))
    elif request.method == "POST":
        status = 400
    return _place_page(piece, form, refusal), status


SCHEDULE_FIELDS = ("day", "clock", "override_reason")


def _prefill(form: ScheduleForm, piece: Piece) -> None:
    zone = brand_zone()
    if piece.publish_at is not None:
        local = piece.publish_at.astimezone(zone)
        form.day.data, form.clock.data = local.date(), local.time().replace(second=0)
        return
    form.day.data = _date_arg(request.args.get("day")) or piece.planned_date or _today()
    form.clock.data = services.DEFAULT_SEND_TIME


def _reason(form: ScheduleForm | UnscheduleForm) -> str | None:
    return (form.override_reason.data or "").strip() or None


def _place_page(piece: Piece, form: ScheduleForm, refusal: Verdict | None) -> str:
    suggested = (
        refusal.suggested_at.astimezone(brand_zone()) if refusal and refusal.suggested_at else None
    )
    return render_template(
        "schedule/place.html",
        piece=piece,
        form=form,
        unschedule_form=UnscheduleForm(),
        refusal=refusal,
        suggested=suggested,
        zone=brand_zone().key,
        wording=wording,
    )


@bp.route("/pieces/<int:piece_id>/published", methods=["POST"])
@roles_required(*SCHEDULERS)
@answers_in_place("published-form", "content.piece", fields=("url",))
def mark_published(piece_id: int) -> BaseResponse:
    """Record that a piece was posted by hand, with its URL (checked like a schedule for now);
    a refusal is shown on the piece page by the URL."""
    piece = get_or_404(Piece, piece_id)
    form = PublishedForm()
    if not form.validate_on_submit():
        raise InvalidInput(_("请填写发布链接。"), field="url")
    services.mark_published(current_user, piece, url=form.url.data or "")
    flash(_("已标记为已发布。"), "success")
    return redirect(url_for("content.piece", piece_id=piece.id))


def _unschedule_refused(piece_id: int) -> str:
    """The scheduling page as shown before, for a refused unscheduling."""
    piece = get_or_404(Piece, piece_id)
    form = ScheduleForm(formdata=None)
    _prefill(form, piece)
    return _place_page(piece, form, None)


@bp.route("/pieces/<int:piece_id>/unschedule", methods=["POST"])
@roles_required(*SCHEDULERS)
@answers_in_place("unschedule-form", _unschedule_refused, fields=("override_reason",))
def unschedule(piece_id: int) -> BaseResponse:
    """Take a piece off the calendar; it goes back to the reserve. A refusal (the posting
    policy, a missing reason) is shown on the scheduling page next to this form."""
    piece = get_or_404(Piece, piece_id)
    form = UnscheduleForm()
    validated(form)
    verdict = services.unschedule(current_user, piece, _reason(form))
    flash(_("已取消排期：%(title)s", title=piece.title), "success")
    _flash_verdict(verdict)
    return redirect(url_for("schedule.calendar"))


@bp.post("/move")
@roles_required(*SCHEDULERS)
def move() -> Response:
    """Drag and drop (JSON, CSRF token in X-CSRFToken): a piece onto a day, or to an exact time."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not str(data.get("piece", "")).isdigit():
        raise InvalidInput(_('请求格式不正确，应为 {"piece": 编号, "date": "YYYY-MM-DD"}。'))
    piece = get_or_404(Piece, int(data["piece"]))
    if data.get("at"):
        at = services.parse_instant(data["at"], "发布时间")
    else:
        day = _date_arg(data.get("date"))
        if day is None:
            raise InvalidInput(_("请提供日期（YYYY-MM-DD）或带时区的时间。"))
        at = services.slot_on_day(piece, day)
    reason = data.get("override_reason")
    reason = reason if isinstance(reason, str) and reason.strip() else None
    verdict = services.place(current_user, piece, at, None, reason)
    # TRANSLATORS: a strftime() format: month, day, hours and minutes.
    shown = at.astimezone(brand_zone()).strftime(_("%m月%d日 %H:%M"))
    return jsonify(
        {
            "ok": True,
            "message": _("已排期：%(title)s（%(at)s）", title=piece.title, at=shown),
            "publish_at": at.isoformat(),
            "warnings": [wording.violation(w) for w in verdict.warnings],
        }
    )


# --- the manager's settings ------------------------------------------------------------------


@bp.route("/policies")
@roles_required(Role.MANAGER)
def policies() -> str:
    """Each channel's posting rules and the reserve targets."""
    return _policies_page({})


def _policies_page(failed: dict[int, PolicyForm]) -> str:
    """The policies page; a form that failed keeps the manager's input and shows its errors."""
    forms = {channel.id: failed.get(channel.id) or _policy_form(channel) for channel in _channels()}
    return render_template(
        "schedule/policies.html",
        channels=_channels(),
        forms=forms,
        reserve=overview.reserve(),
        reserve_form=_reserve_form(),
    )


def _policy_form(channel: Channel) -> PolicyForm:
    """A channel's rules as they are stored (or the plan's defaults)."""
    rules = services.channel_policy(channel)
    form = PolicyForm(prefix=f"c{channel.id}", formdata=None)
    for name in settings.POLICY_FIELDS:
        getattr(form, name).data = getattr(rules, name)
    return form


@bp.route("/policies/<int:channel_id>", methods=["POST"])
@roles_required(Role.MANAGER)
def edit_policy(channel_id: int) -> BaseResponse | tuple[str, int]:
    """Save one channel's posting rules; errors come back on the form, in Chinese."""
    channel = get_or_404(Channel, channel_id)
    form = PolicyForm(prefix=f"c{channel.id}")
    if not form.validate_on_submit():
        flash(_("“%(name)s”的发布规则填写有误，请按提示修改。", name=channel.name), "danger")
        return _policies_page({channel.id: form}), 400
    values = {name: getattr(form, name).data for name in settings.POLICY_FIELDS}
    try:
        settings.update_policy(current_user, channel, settings.PolicyChange(**values))
    except InvalidInput as error:
        flash(error.message, "danger")
        return _policies_page({channel.id: form}), 400
    flash(_("已保存“%(name)s”的发布规则。", name=channel.name), "success")
    return redirect(url_for("schedule.policies"))


def _reserve_form() -> ReserveForm:
    form = ReserveForm()
    form.scope.choices = [SelectChoice("", _("全部渠道"))] + [
        SelectChoice(c.code, c.name, USER_CONTENT) for c in _channels()
    ]
    return form


@bp.route("/reserve", methods=["POST"])
@roles_required(Role.MANAGER)
@answers_in_place("reserve-form", "schedule.policies", fields=("scope", "target"))
def edit_reserve() -> BaseResponse:
    """Set or clear a reserve target; a refusal comes back by the reserve form, input kept."""
    form = _reserve_form()
    if not form.validate_on_submit():
        raise InvalidInput(_("储备目标填写有误：目标必须是不小于 0 的整数。"), field="target")
    channel = db.session.scalar(select(Channel).where(Channel.code == form.scope.data))
    if form.scope.data and channel is None:
        raise InvalidInput(_("未知渠道。"), field="scope")
    kind = form.content_type.data or None
    settings.set_reserve_target(current_user, form.target.data, channel, kind)
    flash(_("已更新储备目标。"), "success")
    return redirect(url_for("schedule.policies"))


@bp.route("/blackouts", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def blackouts() -> BaseResponse | tuple[str, int]:
    """Blackout windows (e.g. days of national mourning): list and add."""
    form = _blackout_form()
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            _add_blackout(form)
        except InvalidInput as error:  # by the add form, its input kept (JSON callers: JSON)
            db.session.rollback()
            status = keep_in_place(error, "blackout-form", BLACKOUT_FIELDS).status
        else:
            return redirect(url_for("schedule.blackouts"))
    return _blackouts_page(form), status


BLACKOUT_FIELDS = ("channel", "reason", "start_day", "start_clock", "end_day", "end_clock")


def _blackout_form(posted: bool = True) -> BlackoutForm:
    form = BlackoutForm() if posted else BlackoutForm(formdata=None)
    form.channel.choices = [SelectChoice("", _("全部渠道"))] + [
        SelectChoice(c.code, c.name, USER_CONTENT) for c in _channels()
    ]
    return form


def _blackouts_page(form: BlackoutForm | None = None) -> str:
    """The blackouts page (also for a refused removal: the add form as new)."""
    form = form or _blackout_form(posted=False)
    windows = settings.upcoming_blackouts(utcnow())
    return render_template(
        "schedule/blackouts.html", form=form, windows=windows, confirm=ConfirmForm()
    )


def _add_blackout(form: BlackoutForm) -> None:
    assert form.start_day.data is not None and form.end_day.data is not None
    services.ensure_sane_year(form.end_day.data)
    channel = db.session.scalar(select(Channel).where(Channel.code == form.channel.data))
    start = brand_instant(form.start_day.data, form.start_clock.data or time(0))
    if form.end_clock.data is None:
        end = day_bounds(form.end_day.data, brand_zone())[1]
    else:
        end = brand_instant(form.end_day.data, form.end_clock.data)
    window, inside = settings.add_blackout(
        current_user, start, end, channel, form.reason.data or ""
    )
    flash(_("已添加禁发时段：%(reason)s", reason=window.reason), "success")
    if inside:
        titles = _("、").join(p.title for p in inside[:5])
        message = _(
            "有 %(count)s 篇已排期稿件落在该时段内，请调整：%(titles)s",
            count=len(inside),
            titles=titles,
        )
        flash(message, "warning")


@bp.route("/blackouts/<int:blackout_id>/delete", methods=["POST"])
@roles_required(Role.MANAGER)
@answers_in_place("blackout-{blackout_id}-form", lambda blackout_id: _blackouts_page())
def delete_blackout(blackout_id: int) -> BaseResponse:
    """Remove a blackout window; one removed meanwhile is said on the blackouts page."""
    window = db.session.get(BlackoutWindow, blackout_id)
    if window is None:
        raise Conflict(_("这个禁发时段已不存在（可能已被其他人删除）。"))
    settings.remove_blackout(current_user, window)
    flash(_("已删除禁发时段。"), "success")
    return redirect(url_for("schedule.blackouts"))


# --- the iCalendar feed ----------------------------------------------------------------------


@bp.route("/feed")
@login_required
def feed_page() -> str:
    """The user's calendar subscription link: status, rotate and revoke; a new link once."""
    return _feed_page(session.pop(NEW_FEED_SECRET, None))


def _feed_page(secret: str | None) -> Any:
    url = url_for("schedule.feed", token=secret, _external=True) if secret else None
    page = render_template(
        "schedule/feed.html",
        token=feeds.live_token(current_user),
        url=url,
        webcal=url.replace("https://", "webcal://").replace("http://", "webcal://")
        if url
        else None,
        confirm=ConfirmForm(),
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/feed/rotate", methods=["POST"])
@login_required
def rotate_feed() -> BaseResponse:
    """Create a new secret link (the old one stops working), then redirect (POST-redirect-GET).

    The secret rides in the session to the next page view only, which shows it once: a refresh
    shows the link's status, never rotates again, never shows the secret again.
    """
    session[NEW_FEED_SECRET] = feeds.rotate_feed(current_user)
    return redirect(url_for("schedule.feed_page"))


@bp.route("/feed/revoke", methods=["POST"])
@login_required
def revoke_feed() -> BaseResponse:
    """Turn the subscription link off."""
    done = feeds.revoke_feed(current_user)
    flash(_("订阅链接已停用。") if done else _("你还没有订阅链接。"), "success" if done else "info")
    return redirect(url_for("schedule.feed_page"))


@bp.route("/feed/<token>.ics")
@limiter.limit("60 per minute")
def feed(token: str) -> Response:
    """The iCalendar feed behind a secret link (no sign-in); 404 for revoked or unknown links.
    The window is the default one or the link's ``?from=&to=``; an unchanged feed is a 304
    (ETag / Last-Modified, see app/schedule/feed.py)."""
    statements_on_their_own()  # a poll only reads: no BEGIN / ROLLBACK round trips
    user = feeds.user_for_feed(token)  # every poll: a revoked link is 404 at once
    if user is None:
        abort(404)
    span = feeds.window(user, utcnow(), request.args.get("from"), request.args.get("to"))
    tag, changed = feeds.feed_version(user, span)
    response = Response(mimetype="text/calendar")
    response.set_etag(tag)
    response.last_modified = changed
    response.headers["Cache-Control"] = "private, max-age=300"
    if _unchanged(tag, changed):
        response.status_code = 304
        return response
    response.set_data(_feed_body(user, span, tag))
    response.headers["Content-Disposition"] = 'inline; filename="hemline.ics"'
    return response


def _unchanged(tag: str, changed: datetime | None) -> bool:
    """The poller holds this version: its If-None-Match names the ETag, or (without one) its
    If-Modified-Since is not older than the newest change (HTTP dates have whole seconds)."""
    if request.if_none_match:
        return request.if_none_match.contains(tag)
    since = request.if_modified_since
    return since is not None and changed is not None and changed.replace(microsecond=0) <= since


def _feed_body(user: User, span: feeds.Window, tag: str) -> bytes:
    """The person's feed in that version, built at most every FEED_CACHE_SECONDS (the shared
    cache: Redis when configured; the key holds the version, so a change shows at once)."""
    return remembered(
        f"calendar-feed:{user.id}:{tag}",
        current_app.config["FEED_CACHE_SECONDS"],
        lambda: feeds.feed_ical(user, span=span),
    )
