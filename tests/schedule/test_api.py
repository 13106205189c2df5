"""JSON API of the calendar: GET /api/v1/calendar and POST /api/v1/pieces/<id>/schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.api.services import create_token
from app.models import utcnow
from app.schedule import services
from tests.schedule.conftest import brand_at


def bearer(user) -> dict[str, str]:
    scopes = (
        ["calendar:read", "schedule"] if user.has_role("reviewer", "manager") else ["calendar:read"]
    )
    secret, _ = create_token(user.username, scopes=scopes, days=90, now=utcnow())
    return {"Authorization": f"Bearer {secret}"}


def call(client, method: str, url: str, headers: dict[str, str], **kwargs):
    response = client.open(url, method=method, headers=headers, **kwargs)
    body = response.get_json()
    response.close()
    return response.status_code, body


def test_schedule_returns_201_with_the_piece(client, make_channel, approved, team, monday):
    channel = make_channel("xiaohongshu")
    piece = approved(channel, title="API 排期稿")
    at = brand_at(monday, 20).astimezone().isoformat()
    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{piece.id}/schedule",
        bearer(team["reviewer"]),
        json={"at": at, "channel": channel.code},
    )
    assert status == 201
    assert body["id"] == piece.id and body["status"] == "scheduled"
    assert body["publish_at"] == brand_at(monday, 20).isoformat()
    assert body["channel"] == channel.code and body["title"] == "API 排期稿"
    # the channel has no publishing settings: the answer says a person will be asked
    assert [warning["code"] for warning in body["warnings"]] == ["manual_publish"]
    assert body["publishing"] == {
        "adapter": None,
        "automatic": False,
        "notice": body["warnings"][0]["message"],
    }


def test_policy_refusal_is_409_with_violations_and_suggested_at(
    client, make_channel, approved, crowd, team, monday
):
    channel = make_channel("xiaohongshu")
    crowd(channel, monday)
    promo = approved(channel, "promotion")
    at = brand_at(monday + timedelta(days=2), 10).isoformat()
    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{promo.id}/schedule",
        bearer(team["reviewer"]),
        json={"at": at, "channel": channel.code},
    )
    assert status == 409
    assert body["error"] == "policy" and body["status"] == 409
    [violation] = body["violations"]
    assert violation["code"] == "promo_share" and "促销占比" in violation["message"]
    assert violation["details"]["promos"] == 2 and violation["details"]["total"] == 6
    assert body["suggested_at"] == brand_at(monday + timedelta(days=7), 10).isoformat()
    assert "促销占比" in body["message"] and "最近可排的时间" in body["suggestion"]
    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{promo.id}/schedule",
        bearer(team["manager"]),
        json={"at": at, "override_reason": "大促档期"},
    )
    assert status == 201 and body["status"] == "scheduled"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"at": "2030-01-01T10:00:00"}, "没有时区"),
        ({"at": "next tuesday"}, "不是合法的 ISO-8601"),
        ({"at": 1700000000}, "请提供"),
        ({}, "请提供"),
        ({"at": "2030-01-01T10:00:00+08:00", "when": "x"}, "不认识的字段"),
        ({"at": "2020-01-01T10:00:00+08:00"}, "不能排在过去的时间"),
        ({"at": "2030-01-01T10:00:00Z", "channel": "nope"}, "未知渠道"),
    ],
)
def test_bad_input_is_400_with_a_message(client, make_channel, approved, team, payload, message):
    piece = approved(make_channel("xiaohongshu"))
    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{piece.id}/schedule",
        bearer(team["reviewer"]),
        json=payload,
    )
    assert status == 400 and body["error"] == "invalid_input"
    assert message in body["message"]


def test_not_json_is_400(client, make_channel, approved, team):
    piece = approved(make_channel("xiaohongshu"))
    status, body = call(
        client, "POST", f"/api/v1/pieces/{piece.id}/schedule", bearer(team["reviewer"]), data="at"
    )
    assert status == 400 and "JSON" in body["message"]


def test_401_403_404_409(client, make_channel, make_piece, approved, team, monday):
    piece = approved(make_channel("xiaohongshu"))
    url = f"/api/v1/pieces/{piece.id}/schedule"
    payload = {"at": brand_at(monday).isoformat()}
    assert call(client, "POST", url, {}, json=payload)[0] == 401
    assert call(client, "POST", url, {"Authorization": "Bearer hml_nope"}, json=payload)[0] == 401
    status, body = call(client, "POST", url, bearer(team["writer"]), json=payload)
    assert status == 403 and body["error"] == "forbidden"
    status, body = call(
        client, "POST", "/api/v1/pieces/99999/schedule", bearer(team["reviewer"]), json=payload
    )
    assert status == 404 and body["error"] == "not_found"
    draft = make_piece(team["writer"])
    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{draft.id}/schedule",
        bearer(team["reviewer"]),
        json=payload,
    )
    assert status == 409 and body["error"] == "conflict" and "草稿" in body["message"]


def test_calendar_lists_pieces_in_the_range(client, make_channel, approved, team, monday):
    xhs, oa = make_channel("xiaohongshu"), make_channel("wechat_oa")
    first = approved(xhs, title="第一周")
    services.schedule(team["manager"], first, brand_at(monday, 9))
    later = approved(oa, title="第二周")
    services.schedule(team["manager"], later, brand_at(monday + timedelta(days=8), 9))
    headers = bearer(team["writer"])
    sunday = (monday + timedelta(days=6)).isoformat()
    status, body = call(client, "GET", f"/api/v1/calendar?from={monday}&to={sunday}", headers)
    assert status == 200
    assert [item["title"] for item in body["items"]] == ["第一周"]
    [item] = body["items"]
    assert item["kind"] == "scheduled" and item["publish_at"] == brand_at(monday, 9).isoformat()
    assert item["day"] == monday.isoformat() and item["override"] is False
    assert body["from"] == brand_at(monday, 0).isoformat()
    assert body["to"] == brand_at(monday + timedelta(days=7), 0).isoformat()
    status, body = call(
        client, "GET", f"/api/v1/calendar?from={monday}&to=2099-01-01&channel={oa.code}", headers
    )
    assert status == 400 and "最多查询" in body["message"]
    end = (monday + timedelta(days=20)).isoformat()
    status, body = call(
        client, "GET", f"/api/v1/calendar?from={monday}&to={end}&channel={oa.code}", headers
    )
    assert [item["title"] for item in body["items"]] == ["第二周"]


@pytest.mark.parametrize(
    "query", ["from=2026-13-01", "from=2030-01-02&to=2030-01-01", "from=2030-01-01T00:00:00"]
)
def test_calendar_bad_ranges_are_400(client, team, query):
    status, body = call(client, "GET", f"/api/v1/calendar?{query}", bearer(team["writer"]))
    assert status == 400 and body["message"]


def test_calendar_needs_a_token(client, login_as):
    login_as("manager")
    assert call(client, "GET", "/api/v1/calendar", {})[0] == 401
