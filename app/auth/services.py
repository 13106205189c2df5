"""Use cases for accounts: create users, authenticate, change roles."""

from __future__ import annotations

from sqlalchemy import select

from app import audit
from app.errors import InvalidInput
from app.extensions import db
from app.models import Role, User

MIN_PASSWORD_LENGTH = 8


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
        raise InvalidInput("用户名不能为空。")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    unknown = [r for r in roles if r not in {role.value for role in Role}]
    if unknown:
        raise InvalidInput(f"未知角色：{', '.join(unknown)}。")
    if not roles:
        raise InvalidInput("至少需要一个角色。")
    if db.session.scalar(select(User).where(User.username == username)):
        raise InvalidInput(f"用户名“{username}”已存在。")
    user = User(username=username, display_name=display_name or username, email=email)
    user.set_password(password)
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, details={"username": username, "roles": sorted(roles)})
    db.session.commit()
    return user


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def update_user(user: User, *, roles: list[str], active: bool, actor: User) -> None:
    """Change a user's roles and active flag; an admin cannot remove their own admin role."""
    if not roles:
        raise InvalidInput("至少需要一个角色。")
    if user.id == actor.id and (Role.ADMIN.value not in roles or not active):
        raise InvalidInput("不能移除自己的管理员角色或停用自己的账号。")
    before = {"roles": sorted(user.roles), "active": user.active}
    user.set_roles(roles)
    user.active = active
    after = {"roles": sorted(user.roles), "active": user.active}
    audit.record(actor, "user.update", user, details={"before": before, "after": after})
    db.session.commit()
