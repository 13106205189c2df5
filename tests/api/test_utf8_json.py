"""The JSON API answers in readable UTF-8: curl users see 全网最低价, not \\u5168\\u7f51…."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from app.api.services import create_token
from app.compliance import Entry
from app.models import utcnow

URL = "/api/v1/check"
TERM = "全网最低价"
LOWEST_PRICE = Entry(TERM, "ad_absolute", "review", suggestion="写具体的价格优势")


@pytest.fixture
def token(make_user, load_lexicon) -> str:
    load_lexicon(LOWEST_PRICE)
    make_user("writer", username="utf8-api-user")
    return create_token("utf8-api-user", "测试", scopes=["check"], days=90, now=utcnow())[0]


def test_check_answers_raw_utf8(client: FlaskClient, token: str) -> None:
    response = client.post(
        URL, json={"body": f"这件羽绒服{TERM}！"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    raw = response.get_data()
    assert TERM.encode("utf-8") in raw and "写具体的价格优势".encode() in raw
    assert b"\\u" not in raw
    assert response.json["hits"][0]["term"] == TERM


def test_errors_answer_raw_utf8_too(client: FlaskClient) -> None:
    response = client.post(URL, json={"body": TERM})
    assert response.status_code == 401 and response.mimetype == "application/json"
    assert "令牌".encode() in response.get_data() and b"\\u" not in response.get_data()
