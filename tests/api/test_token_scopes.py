"""Issue 14.5: API tokens have scopes and an expiry; a writer's token cannot schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.api.services import create_token
from app.errors import PermissionDenied
from app.models import ApiToken, utcnow


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_works_only_within_its_scopes(client, make_user) -> None:
    make_user("reviewer", username="rita")
    secret, token = create_token("rita", scopes=["check"], days=90, now=utcnow())
    assert token.scope_list == ["check"]
    assert (
        client.post("/api/v1/check", json={"body": "x"}, headers=_bearer(secret)).status_code == 200
    )
    response = client.get("/api/v1/calendar", headers=_bearer(secret))
    assert response.status_code == 403
    assert response.json["error"] == "forbidden" and response.json["scope"] == "calendar:read"
    assert "calendar:read" in response.json["message"]
    response = client.post("/api/v1/pieces/1/schedule", json={}, headers=_bearer(secret))
    assert response.status_code == 403 and response.json["scope"] == "schedule"


def test_an_expired_token_is_refused(client, make_user) -> None:
    make_user("writer", username="old-token")
    long_ago = utcnow() - timedelta(days=91)
    secret, token = create_token("old-token", scopes=["check"], days=90, now=long_ago)
    assert token.expires_at < utcnow()
    response = client.post("/api/v1/check", json={"body": "x"}, headers=_bearer(secret))
    assert response.status_code == 401 and response.json["error"] == "unauthorized"


def test_a_writer_cannot_get_a_scheduling_token(app, make_user, runner) -> None:
    make_user("writer", username="wendy")
    with pytest.raises(PermissionDenied, match="不能排期"):
        create_token("wendy", scopes=["check", "schedule"], days=90, now=utcnow())
    result = runner.invoke(args=["tokens", "create", "wendy", "--scope", "schedule"])
    assert result.exit_code == 1 and "不能排期" in result.output
    assert ApiToken.query.count() == 0


def test_cli_creates_with_scopes_and_days_and_lists_them(app, make_user, runner) -> None:
    make_user("manager", username="mona")
    args = ["tokens", "create", "mona", "--scope", "calendar:read", "--scope", "schedule"]
    created = runner.invoke(args=[*args, "--days", "30", "--name", "排期脚本"])
    assert created.exit_code == 0, created.output
    token = ApiToken.query.one()
    assert token.scope_list == ["calendar:read", "schedule"]
    assert timedelta(days=29, hours=23) < token.expires_at - utcnow() <= timedelta(days=30)
    listing = runner.invoke(args=["tokens", "list"]).output
    assert "calendar:read,schedule" in listing
    assert token.expires_at.date().isoformat() in listing and "有效" in listing
    default = runner.invoke(args=["tokens", "create", "mona", "--scope", "check"])
    assert default.exit_code == 0
    newest = ApiToken.query.order_by(ApiToken.id.desc()).first()
    assert timedelta(days=89) < newest.expires_at - utcnow() <= timedelta(days=90)
    assert runner.invoke(args=["tokens", "create", "mona"]).exit_code == 2  # a scope is required
    bad = runner.invoke(args=["tokens", "create", "mona", "--scope", "admin"])
    assert bad.exit_code == 2
