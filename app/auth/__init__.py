"""Sign-in, the current user and role checks for every route."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask
from flask_login import current_user, login_required

from app.errors import PermissionDenied
from app.extensions import db, login_manager
from app.models import User

F = TypeVar("F", bound=Callable[..., Any])


def init_login(app: Flask) -> None:
    """Configure Flask-Login: the loader, the login page and its Chinese message."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "请先登录。"
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def _load(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id))
        return user if user and user.active else None


def roles_required(*roles: str) -> Callable[[F], F]:
    """Allow the view only to signed-in users holding at least one of `roles`."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                raise PermissionDenied("你的角色无权访问此页面。")
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
