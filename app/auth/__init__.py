"""Sign-in, the current user and role checks for every route."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, flash, redirect, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_login.utils import login_url

from app.errors import PermissionDenied, error_response, wants_json
from app.extensions import db, login_manager
from app.models import User

F = TypeVar("F", bound=Callable[..., Any])


def init_login(app: Flask) -> None:
    """Configure Flask-Login: the loader, the login page and its message."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.localize_callback = str  # flash the message in the request's language
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def _load(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id))
        return user if user and user.active else None

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
