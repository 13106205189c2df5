"""Sign-in, sign-out and the user's own password."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import ChangePasswordForm, LoginForm
from app.auth.services import change_password as change_own_password
from app.auth.services import end_session, log_in
from app.errors import InvalidInput, TooManyRequests
from app.inputs import safe_next
from app.models import utcnow

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int, dict[str, str]]:
    """Show the sign-in form and sign the user in (throttled: app/auth/throttle.py)."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.home"))
    form = LoginForm()
    if form.validate_on_submit():
        remember = bool(form.remember.data)
        try:
            user = log_in(
                form.username.data or "",
                form.password.data or "",
                request.remote_addr or "-",
                remember=remember,
                now=utcnow(),
            )
        except TooManyRequests as error:
            flash(_(error.message), "danger")
            page = render_template("auth/login.html", form=form)
            return page, 429, {"Retry-After": str(error.retry_after)}
        except InvalidInput:
            flash(_("用户名或密码错误。"), "danger")
        else:
            _fresh_session()  # nothing of the anonymous session survives the log-in (fixation)
            login_user(user, remember=remember)
            if user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


def _fresh_session() -> None:
    """Empty the session, the CSRF token with it (also the one Flask-WTF cached for this
    request), so that nothing chosen before the log-in is valid after it."""
    session.clear()
    g.pop("csrf_token", None)


def _safe_next(target: str | None) -> str:
    """Only follow same-site relative redirects after login (app.inputs.safe_next)."""
    return safe_next(target, url_for("dashboard.home"))


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (POST only, so a link cannot sign someone out); the log-in ends on the server,
    so a copy of the session or remember cookie no longer works either."""
    end_session(current_user.get_id())
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for deletion in the session
    flash(_("你已退出登录。"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str | tuple[str, int]:
    """The user changes their own password; every other log-in of theirs ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_own_password(
                current_user, form.current.data or "", form.new.data or "", now=utcnow()
            )
        except InvalidInput as error:
            field = form.current if error.extra.get("field") == "current" else form.new
            field.errors = [*field.errors, _(error.message)]
        else:
            user = current_user._get_current_object()
            _fresh_session()
            login_user(user)  # the new log-in change_password started for this browser
            flash(_("密码已修改，其他设备上的登录已退出。"), "success")
            return redirect(url_for("dashboard.home"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/change_password.html", form=form), status
