"""People: users, their roles and their API tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.base import UTCDateTime, in_list, utcnow


class Role(StrEnum):
    """Roles from PRODUCT §1; one account may hold several."""

    WRITER = "writer"  # proposes topics, writes and submits drafts
    REVIEWER = "reviewer"  # works the review queue, schedules approved pieces
    LEGAL = "legal"  # edits word lists, gives the legal sign-off
    MANAGER = "manager"  # runs the topic meeting, owns calendar and policy
    ADMIN = "admin"  # users, roles, channels, tokens


ROLE_LABELS = {
    Role.WRITER: _l("撰稿人"),
    Role.REVIEWER: _l("审核员"),
    Role.LEGAL: _l("法务"),
    Role.MANAGER: _l("运营主管"),
    Role.ADMIN: _l("管理员"),
}


# db.Model is created at run time, so mypy cannot use it as a base class: hence the
# `type: ignore[name-defined]` on the model classes of this module.
class UserRole(db.Model):  # type: ignore[name-defined]
    """One role held by one user."""

    __tablename__ = "user_role"
    __table_args__ = (CheckConstraint(in_list("role", Role), name="role_valid"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A person who signs in; roles decide what they may do."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when an admin resets the password: every page leads to the change form until done.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    # Loaded on access (or joined where a query asks for them: the log-in, API tokens, feed links,
    # the admin's list): a page that shows pieces with their owners never reads the owners'
    # roles, and a selectin load of them was one more statement on every such page (issue 16).
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan")

    @property
    def roles(self) -> set[str]:
        """The role names this user holds."""
        return {row.role for row in self.role_rows}

    def set_roles(self, roles: set[str] | list[str]) -> None:
        """Replace the user's roles."""
        wanted = {Role(r).value for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in wanted]
        for role in sorted(wanted - self.roles):
            self.role_rows.append(UserRole(role=role))

    def has_role(self, *roles: str) -> bool:
        """True if the user holds any of `roles`."""
        return bool(self.roles.intersection(roles))

    def set_password(self, password: str) -> None:
        """Hash and store a password with werkzeug's scrypt."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True if `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    def attach_login(self, token: str, *, unread: int | None = None) -> None:
        """Remember the secret of the log-in (UserSession) this object was loaded for, and the
        unread notification count read in the same query (the bell's, issue 16)."""
        self._login_token = token
        self._unread = unread

    @property
    def known_unread(self) -> int | None:
        """The unread count read with the log-in, or None once it may have changed."""
        unread: int | None = getattr(self, "_unread", None)
        return unread

    def forget_unread(self) -> None:
        """Notifications of this user changed in this request: the bell reads the count anew."""
        self._unread = None

    def get_id(self) -> str:
        """The log-in's secret: Flask-Login puts it into the session and the remember cookie,
        so neither carries the bare user id, and ending the log-in makes both worthless."""
        token: str | None = getattr(self, "_login_token", None)
        if not token:
            raise NotImplementedError("没有登录令牌：请通过 app.auth.services.start_session 登录。")
        return token

    # UserMixin compares get_id(), which is now per log-in: one person is one user row.
    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, User):
            return self.id is not None and self.id == other.id
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return NotImplemented if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return object.__hash__(self)

    @property
    def role_labels(self) -> str:
        """Roles in the current language, for display."""
        return gettext("、").join(str(ROLE_LABELS[Role(r)]) for r in sorted(self.roles))


class UserSession(db.Model):  # type: ignore[name-defined]
    """One log-in (a browser): only the SHA-256 of its secret is stored.

    The secret is what the session cookie and the remember cookie carry; deleting the row (log-out,
    a password change, an admin reset, deactivation) ends that log-in everywhere, and a row past
    ``expires_at`` no longer signs anyone in.
    """

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


# What an API token may do; chosen when it is created.
API_SCOPES = ("check", "calendar:read", "schedule")


class ApiToken(db.Model):  # type: ignore[name-defined]
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Space-separated names from API_SCOPES.
    scopes: Mapped[str] = mapped_column(String(100), default="")

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def scope_list(self) -> list[str]:
        """The scopes this token carries, in API_SCOPES order."""
        held = set(self.scopes.split())
        return [scope for scope in API_SCOPES if scope in held]
