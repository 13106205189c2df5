"""API bearer tokens: created for a user with scopes and an expiry, shown once, stored only as a
SHA-256.

Scopes (``API_SCOPES``): ``check`` (POST /api/v1/check), ``calendar:read`` (GET /api/v1/calendar)
and ``schedule`` (POST /api/v1/pieces/<id>/schedule). ``schedule`` is given only to users who may
schedule (reviewers and managers), and scheduling still checks the role on every call. A token
stops working at ``expires_at`` (default API_TOKEN_DAYS, 90 days), when revoked, or when its user
is deactivated.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from app import audit
from app.errors import N_, InvalidInput, NotFound, PermissionDenied
from app.extensions import db
from app.models import API_SCOPES, ApiToken, User
from app.schedule.services import SCHEDULERS

TOKEN_PREFIX = "hml_"
MAX_TOKEN_DAYS = 366
LAST_USED_EVERY = timedelta(minutes=5)  # how stale a token's "last used" may be


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    username: str,
    name: str = "",
    *,
    scopes: Iterable[str],
    days: int,
    now: datetime,
    actor: User | None = None,
) -> tuple[str, ApiToken]:
    """Create a token for an active user; return the secret (shown once) and its row."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(N_("用户“%(username)s”不存在。"), params={"username": username})
    if not user.active:
        raise InvalidInput(
            N_("用户“%(username)s”已停用，不能创建令牌。"), params={"username": username}
        )
    wanted = set(scopes)
    if not wanted:
        raise InvalidInput(
            N_("请至少选择一个权限范围（%(value)s）。"), params={"value": "、".join(API_SCOPES)}
        )
    unknown = sorted(wanted - set(API_SCOPES))
    if unknown:
        raise InvalidInput(
            N_("未知的权限范围：%(value)s（可用 %(value2)s）。"),
            params={"value": ", ".join(unknown), "value2": "、".join(API_SCOPES)},
        )
    if "schedule" in wanted and not user.has_role(*SCHEDULERS):
        raise PermissionDenied(
            N_(
                "用户“%(username)s”不能排期（只有审核员和运营主管可以），令牌不能带 schedule 权限。"
            ),
            params={"username": username},
        )
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise InvalidInput(
            N_("有效期必须在 1 到 %(max_token_days)s 天之间。"),
            params={"max_token_days": MAX_TOKEN_DAYS},
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        token_hash=_digest(secret),
        prefix=secret[:12],
        created_at=now,
        expires_at=now + timedelta(days=days),
        scopes=" ".join(scope for scope in API_SCOPES if scope in wanted),
    )
    db.session.add(token)
    db.session.flush()
    details = {"user": username, "name": name, "scopes": token.scope_list, "days": days}
    audit.record(actor, "api_token.create", token, details=details)
    db.session.commit()
    return secret, token


def revoke_token(prefix: str, actor: User | None = None, *, now: datetime) -> ApiToken:
    """Revoke the live token whose visible prefix is `prefix`."""
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.prefix == prefix, ApiToken.revoked_at.is_(None))
    )
    if token is None:
        raise NotFound(N_("没有以“%(prefix)s”开头的有效令牌。"), params={"prefix": prefix})
    token.revoked_at = now
    audit.record(actor, "api_token.revoke", token)
    db.session.commit()
    return token


def list_tokens() -> list[ApiToken]:
    """Every token, newest first."""
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def token_state(token: ApiToken, now: datetime) -> str:
    """有效, 已过期 or 已吊销, for the token list."""
    if token.revoked_at is not None:
        return "已吊销"
    if token.expires_at <= now:
        return "已过期"
    return "有效"


@cache
def _token_query() -> Select[ApiToken]:
    """Every API call: the live token, its user and the user's roles in one query; built once per
    process (building it cost ~0.2 ms of every call; issue 16)."""
    return (
        select(ApiToken)
        .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None))
        .options(joinedload(ApiToken.user).joinedload(User.role_rows))
    )


def user_for_token(secret: str, scope: str, now: datetime) -> User | None:
    """The active user a live, unexpired token belongs to, or None; notes when it was last used.

    Raises PermissionDenied when the token is good but lacks `scope`.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalars(_token_query(), {"digest": _digest(secret)}).unique().one_or_none()
    if token is None or token.expires_at <= now or not token.user.active:
        return None
    if scope not in token.scope_list:
        raise PermissionDenied(
            N_("该 API 令牌没有“%(scope)s”权限（它有：%(value)s）；请创建带有该权限的令牌。"),
            params={"scope": scope, "value": "、".join(token.scope_list)},
            scope=scope,
        )
    # Noted at most every LAST_USED_EVERY: an API client checking copy several times a minute
    # does not pay an UPDATE and a commit per request (issue 16).
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
        db.session.commit()
    return token.user
