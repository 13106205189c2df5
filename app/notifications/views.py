"""The bell: a user's notifications, opening one, marking all read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.errors import NotFound
from app.models import Notification, get_or_404
from app.notifications.events import EVENT_LABELS
from app.notifications.services import mark_read, recent
from app.notifications.wording import text, title

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.app_template_filter("event_label")
def event_label(event: str) -> str:
    """A notice event's label in the current language (the name itself for an unknown one)."""
    label = EVENT_LABELS.get(event)
    return _(label) if label else event


bp.add_app_template_filter(title, "notice_title")
bp.add_app_template_filter(text, "notice_text")


@bp.get("/")
@login_required
def index() -> str:
    """The latest notifications, unread first in bold."""
    return render_template("notifications/index.html", notices=recent(current_user))


@bp.get("/<int:notice_id>")
@login_required
def open_notice(notice_id: int) -> Response:
    """Mark one notification read and go where it points (only inside the app)."""
    notice = get_or_404(Notification, notice_id)
    if notice.user_id != current_user.id:
        raise NotFound(_("你要找的内容不存在，可能已被删除。"))
    mark_read(current_user, [notice.id])
    target = notice.url if notice.url.startswith("/") and not notice.url.startswith("//") else ""
    return redirect(target or url_for("notifications.index"))


@bp.post("/read")
@login_required
def read_all() -> Response:
    """Mark every notification read."""
    count = mark_read(current_user)
    flash(
        _("已将 %(count)s 条通知标为已读。", count=count) if count else _("没有未读通知。"), "info"
    )
    return redirect(url_for("notifications.index"))
