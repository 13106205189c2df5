"""Sign-in, the current user and role checks for every route."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_login.utils import login_url

from app.auth import throttle
from app.errors import PermissionDenied, error_response, wants_json
from app.extensions import login_manager
from app.models import User, utcnow

F = TypeVar("F", bound=Callable[..., Any])
# Pages a user whose password was reset may still open.
PASSWORD_CHANGE_EXEMPT = {"auth.change_password", "auth.logout", "auth.login", "static", None}


def init_login(app: Flask) -> None:
    """Configure Flask-Login: the loader, the login page and its message."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.localize_callback = str  # flash the message in the request's language
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    throttle.init_app(app)

    @login_manager.user_loader
    def _load(login_secret: str) -> User | None:
        # The session and the remember cookie carry a log-in's secret, not the user id.
        from app.auth.services import user_for_session

        return user_for_session(login_secret, utcnow())

    @app.before_request
    def _password_change_first() -> Any:
        """After an admin's reset, every page leads to the change form until it is done."""
        if request.endpoint in PASSWORD_CHANGE_EXEMPT or request.path.startswith("/api/"):
            return None
        if current_user.is_authenticated and current_user.must_change_password:
            message = _("管理员重置了你的密码：请先设置新密码。")
            if wants_json():
                return error_response(403, message)
            flash(message, "warning")
            return redirect(url_for("auth.change_password"))
        return None

    @login_manager.unauthorized_handler
    def _unauthorized() -> Any:
        # Scripts (the calendar's drag and drop) get a 401 they can explain, not a login page.
        if wants_json():
            return error_response(401, _("登录已过期，请刷新页面后重新登录。"))
        flash(str(login_manager.login_message), login_manager.login_message_category)
        return redirect(login_url(login_manager.login_view, next_url=request.url))


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow the view only to signed-in users holding at least one of `roles`."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                raise PermissionDenied(_("你的角色无权访问此页面。"))
            return view(*args, **kwargs)

        return cast(F, wrapped)  # functools.wraps keeps the signature mypy cannot follow

    return decorator
