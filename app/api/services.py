"""API bearer tokens: created for a user, shown once, stored only as a SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from app import audit
from app.errors import InvalidInput, NotFound
from app.extensions import db
from app.models import ApiToken, User, utcnow

TOKEN_PREFIX = "hml_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(username: str, name: str = "", actor: User | None = None) -> tuple[str, ApiToken]:
    """Create a token for an active user; return the secret (shown once) and its row."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"用户“{username}”不存在。")
    if not user.active:
        raise InvalidInput(f"用户“{username}”已停用，不能创建令牌。")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=_digest(secret), prefix=secret[:12])
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "api_token.create", token, details={"user": username, "name": name})
    db.session.commit()
    return secret, token


def revoke_token(prefix: str, actor: User | None = None) -> ApiToken:
    """Revoke the live token whose visible prefix is `prefix`."""
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.prefix == prefix, ApiToken.revoked_at.is_(None))
    )
    if token is None:
        raise NotFound(f"没有以“{prefix}”开头的有效令牌。")
    token.revoked_at = utcnow()
    audit.record(actor, "api_token.revoke", token)
    db.session.commit()
    return token


def list_tokens() -> list[ApiToken]:
    """Every token, newest first."""
    return list(db.session.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def user_for_token(secret: str) -> User | None:
    """The active user a live token belongs to, or None; notes when it was last used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == _digest(secret), ApiToken.revoked_at.is_(None)
        )
    )
    if token is None or not token.user.active:
        return None
    token.last_used_at = utcnow()
    db.session.commit()
    return token.user
