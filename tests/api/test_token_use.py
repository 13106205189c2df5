"""Issue 16: a token's last use is noted once every few minutes, not with a write per request."""

from __future__ import annotations

from datetime import timedelta

from app.api.services import LAST_USED_EVERY, create_token, user_for_token
from app.extensions import db
from app.models import utcnow


def test_last_use_is_written_once_in_a_while(app, make_user) -> None:
    make_user("writer", username="plugin")
    start = utcnow()
    secret, token = create_token("plugin", scopes=["check"], days=90, now=start)
    assert user_for_token(secret, "check", start) is not None
    assert token.last_used_at == start
    assert user_for_token(secret, "check", start + timedelta(minutes=1)) is not None
    db.session.expire_all()
    assert token.last_used_at == start  # a minute later: not written again
    later = start + LAST_USED_EVERY
    assert user_for_token(secret, "check", later) is not None
    db.session.expire_all()
    assert token.last_used_at == later
