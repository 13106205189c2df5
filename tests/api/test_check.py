"""POST /api/v1/check: bearer tokens, the report of PRODUCT §4, and bad input."""

from __future__ import annotations

import io
import json

import pytest
from flask.testing import FlaskClient

from app.api.services import create_token, revoke_token
from app.checks.services import check_fields
from app.compliance import Entry
from app.extensions import db
from app.models import utcnow

URL = "/api/v1/check"
ABSOLUTE = Entry("最好", "ad_absolute", "review", suggestion="写具体优点", basis="《广告法》第九条")
DOUYIN_ONLY = Entry("私信领取", "inducement", "review", channels=("douyin",))


@pytest.fixture
def token(make_user, load_lexicon) -> str:
    load_lexicon(ABSOLUTE, DOUYIN_ONLY)
    make_user("writer", username="api-user")
    return create_token("api-user", "测试", scopes=["check"], days=90, now=utcnow())[0]


def _post(client: FlaskClient, token: str | None, body: object, **kwargs) -> object:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body, ensure_ascii=False)
    return client.post(URL, data=data, headers=headers, content_type="application/json", **kwargs)


def test_returns_the_report(client, token) -> None:
    body = {"title": "最好的外套", "body": "最 好 的面料", "channel": "wechat_oa"}
    response = _post(client, token, body)
    assert response.status_code == 200
    report = check_fields(body["title"], body["body"], "wechat_oa").to_dict()
    reasons = [
        {"field": "title", "terms": [{"term": "最好", "count": 1}]},
        {"field": "body", "terms": [{"term": "最好", "count": 1}]},
    ]
    assert response.json == {**report, "reasons": reasons}  # the report, and per field counts
    hits = response.json["hits"]
    assert [(h["field"], h["start"], h["end"]) for h in hits] == [("title", 0, 2), ("body", 0, 3)]
    assert hits[0]["suggestion"] == "写具体优点" and response.json["lexicon_version"] == 1


def test_channel_code_scopes_entries(client, token, make_channel) -> None:
    make_channel("douyin", code="dy_main")
    assert (
        _post(client, token, {"body": "私信领取", "channel": "dy_main"}).json["verdict"] == "review"
    )
    assert (
        _post(client, token, {"body": "私信领取", "channel": "wechat_oa"}).json["verdict"] == "pass"
    )


def test_empty_text_passes(client, token) -> None:
    assert _post(client, token, {}).json == {
        "verdict": "pass",
        "lexicon_version": 1,
        "hits": [],
        "total_hits": 0,
        "terms": [],
        "reasons": [],
    }


def test_lone_surrogates_and_controls_keep_offsets_valid(client, token) -> None:
    text = "\ud800\x00最\x07好"
    response = _post(client, token, json.dumps({"body": text}))  # ASCII-escaped surrogate
    [hit] = response.json["hits"]
    assert text[hit["start"] : hit["end"]] == "最\x07好"


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer hml_wrong", "Basic dXNlcjpwYXNz", "Token {token}"],
)
def test_401_without_a_valid_token(client, token, header) -> None:
    headers = {"Authorization": header.format(token=token)} if header else {}
    response = client.post(URL, json={"body": "最好"}, headers=headers)
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized" and "令牌" in response.json["message"]


def test_revoked_token_and_inactive_user_are_refused(client, token, make_user) -> None:
    assert _post(client, token, {"body": "x"}).status_code == 200
    revoke_token(token[:12], now=utcnow())
    assert _post(client, token, {"body": "x"}).status_code == 401
    other = make_user("writer", username="left-company")
    secret = create_token("left-company", scopes=["check"], days=90, now=utcnow())[0]
    other.active = False
    db.session.commit()
    assert _post(client, secret, {"body": "x"}).status_code == 401


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("{not json", "JSON"),
        ("[1, 2]", "JSON 对象"),
        ({"body": 5}, "body"),
        ({"title": ["最好"]}, "title"),
        ({"text": "最好"}, "text"),
        ({"body": "最好", "channel": "nosuch"}, "未知渠道"),
    ],
)
def test_400_for_malformed_input(client, token, body, fragment) -> None:
    response = _post(client, token, body)
    assert response.status_code == 400
    assert response.json["error"] == "invalid_input" and fragment in response.json["message"]


def test_400_for_a_non_json_content_type(client, token) -> None:
    response = client.post(
        URL,
        data="body=最好",
        headers={"Authorization": f"Bearer {token}"},
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400 and "JSON" in response.json["message"]


def test_413_over_one_megabyte(client, token) -> None:
    big = {"body": "羊" * 400_000}  # 1.2 MB of UTF-8
    response = _post(client, token, big)
    assert response.status_code == 413
    assert response.json["error"] == "too_large"
    small = {"body": "羊" * 300_000}  # 0.9 MB still fine
    assert _post(client, token, small).status_code == 200


def test_413_for_a_streamed_body_without_length(client, token) -> None:
    """A chunked body (no Content-Length) is cut off at the limit, as servers stream it."""
    payload = json.dumps({"body": "羊" * 400_000}, ensure_ascii=False).encode()
    response = client.post(
        URL,
        input_stream=io.BytesIO(payload),
        environ_overrides={"wsgi.input_terminated": True},
        headers={
            "Authorization": f"Bearer {token}",
            "Transfer-Encoding": "chunked",
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 413


def test_session_login_is_not_enough(client, login_as, token) -> None:
    login_as("writer")
    assert client.post(URL, json={"body": "最好"}).status_code == 401
