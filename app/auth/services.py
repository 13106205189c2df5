"""Use cases for accounts: create users, log in and out, passwords, roles.

Log-ins (UserSession): each log-in gets a random secret; the session cookie and the remember
cookie carry only that secret (``User.get_id()``), the database only its SHA-256. Log-out deletes
the log-in's row; a password change, an admin's reset and deactivation delete all of the user's
rows, so a copied session or remember cookie stops working at once. A log-in without "保持登录"
lasts SESSION_HOURS on the server, with it REMEMBER_DAYS.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import current_app
from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from app import audit
from app.auth.passwords import password_problem
from app.auth.throttle import throttle
from app.errors import N_, InvalidInput, TooManyRequests
from app.extensions import db
from app.models import Notification, Role, User, UserSession

_dummy_hashes: dict[str, str] = {}


def check_new_password(password: str, username: str) -> None:
    """Raise InvalidInput (in Chinese) unless `password` satisfies the password rule."""
    problem = password_problem(password, username)
    if problem:
        raise InvalidInput(problem)


def create_user(
    username: str,
    password: str,
    roles: list[str],
    *,
    display_name: str = "",
    email: str | None = None,
    actor: User | None = None,
) -> User:
    """Create an account with hashed password and roles; refuses duplicates and weak passwords."""
    username = username.strip()
    if not username:
        raise InvalidInput(N_("用户名不能为空。"))
    check_new_password(password, username)
    unknown = [r for r in roles if r not in {role.value for role in Role}]
    if unknown:
        raise InvalidInput(N_("未知角色：%(value)s。"), params={"value": ", ".join(unknown)})
    if not roles:
        raise InvalidInput(N_("至少需要一个角色。"))
    if db.session.scalar(select(User).where(User.username == username)):
        raise InvalidInput(N_("用户名“%(username)s”已存在。"), params={"username": username})
    user = User(username=username, display_name=display_name or username, email=email)
    user.set_password(password)
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, details={"username": username, "roles": sorted(roles)})
    db.session.commit()
    return user


def _dummy_hash() -> str:
    """A hash of a random password with the configured method, made once per method: unknown
    usernames cost one verification like known ones, so timing does not tell them apart."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return _dummy_hashes[method]


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None.

    Exactly one password verification whether the user exists, is inactive or not.
    """
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    stored = user.password_hash if user is not None else _dummy_hash()
    matches = check_password_hash(stored, password)
    if user is None or not matches or not user.active:
        return None
    return user


def log_in(username: str, password: str, ip: str, *, remember: bool, now: datetime) -> User:
    """Check the throttle and the credentials and start a log-in (``user.get_id()`` is set).

    Raises TooManyRequests while `username` or `ip` has too many recent failures (a correct
    password is not even tried then), InvalidInput for wrong credentials (counted).
    """
    limits = throttle()
    if limits is not None:
        wait = limits.retry_after(username, ip)
        if wait is not None:
            minutes = max(1, -(-wait // 60))
            raise TooManyRequests(
                N_("登录失败次数过多，请约 %(minutes)s 分钟后再试。"),
                params={"minutes": minutes},
                retry_after=wait,
            )
    user = authenticate(username, password)
    if user is None:
        if limits is not None:
            limits.failed(username, ip)
        raise InvalidInput(N_("用户名或密码错误。"))
    start_session(user, remember=remember, now=now)
    return user


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start_session(user: User, *, remember: bool, now: datetime) -> str:
    """Record a new log-in for `user` and return its secret (also attached to `user`)."""
    config = current_app.config
    lifetime = (
        timedelta(days=config["REMEMBER_DAYS"])
        if remember
        else timedelta(hours=config["SESSION_HOURS"])
    )
    db.session.execute(
        delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now)
    )
    secret = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            user=user,
            token_hash=_digest(secret),
            remember=remember,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    db.session.commit()
    user.attach_login(secret)
    return secret


@cache
def _session_query() -> Select[UserSession, int]:
    """Every signed-in request: the log-in, its user, the user's roles and the bell's unread
    count in one query (the roles' own selectin load and the count would be two more round trips
    on every page). Built once per process: building it (the joined loads) cost ~0.2 ms of every
    request (issue 16)."""
    unread = (
        select(func.count())
        .where(Notification.user_id == UserSession.user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )
    return (
        select(UserSession, unread)
        .where(UserSession.token_hash == bindparam("digest"))
        .options(joinedload(UserSession.user).joinedload(User.role_rows))
    )


def user_for_session(secret: str, now: datetime) -> User | None:
    """The active user of a live log-in whose secret is `secret`, or None."""
    if not secret or len(secret) > 128:
        return None
    found = db.session.execute(_session_query(), {"digest": _digest(secret)}).unique().one_or_none()
    if found is None:
        return None
    row, unread = found
    if row.expires_at <= now or not row.user.active:
        return None
    row.user.attach_login(secret, unread=unread)
    return row.user


def end_session(secret: str) -> None:
    """End one log-in (log-out): its session and remember cookies stop working."""
    db.session.execute(delete(UserSession).where(UserSession.token_hash == _digest(secret)))
    db.session.commit()


def _end_all_sessions(user: User) -> None:
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def change_password(user: User, current: str, new: str, *, now: datetime) -> str:
    """The user changes their own password; every log-in of theirs ends and a new one (this
    browser's, without "保持登录") starts. Returns its secret."""
    if not check_password_hash(user.password_hash, current):
        raise InvalidInput(N_("当前密码不正确。"), field="current")
    if current == new:
        raise InvalidInput(N_("新密码不能与当前密码相同。"))
    check_new_password(new, user.username)
    user.set_password(new)
    user.must_change_password = False
    _end_all_sessions(user)
    audit.record(user, "user.password_change", user)
    db.session.commit()
    return start_session(user, remember=False, now=now)


def reset_password(user: User, new: str, *, actor: User) -> None:
    """An admin sets a temporary password: the user's log-ins end, and the user must choose a
    new password at the next log-in."""
    check_new_password(new, user.username)
    user.set_password(new)
    user.must_change_password = True
    _end_all_sessions(user)
    audit.record(actor, "user.password_reset", user)
    db.session.commit()


def update_user(user: User, *, roles: list[str], active: bool, actor: User) -> None:
    """Change a user's roles and active flag; an admin cannot remove their own admin role.
    Deactivating an account ends its log-ins."""
    if not roles:
        raise InvalidInput(N_("至少需要一个角色。"))
    if user.id == actor.id and (Role.ADMIN.value not in roles or not active):
        raise InvalidInput(N_("不能移除自己的管理员角色或停用自己的账号。"))
    before = {"roles": sorted(user.roles), "active": user.active}
    user.set_roles(roles)
    user.active = active
    if not active:
        _end_all_sessions(user)
    after = {"roles": sorted(user.roles), "active": user.active}
    audit.record(actor, "user.update", user, details={"before": before, "after": after})
    db.session.commit()
