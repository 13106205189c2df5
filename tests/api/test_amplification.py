"""Report amplification (issue 14 item 12): capped hit lists, exact verdicts, a rate per token."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask

from app.api.services import create_token
from app.api.views import CHECK_RATE
from app.compliance import Entry
from app.compliance.model import MAX_HITS, MAX_HITS_PER_TERM
from app.extensions import limiter
from app.models import utcnow
from tests.conftest import _serving, login

URL = "/api/v1/check"
BEST = Entry("最好", "ad_absolute", "review", suggestion="写具体优点")
CURE = Entry("治疗", "ad_claim", "block", suggestion="删去功效宣称")


def _token(username: str) -> str:
    return create_token(username, "测试", scopes=["check"], days=90, now=utcnow())[0]


def _check(client, token: str, body: str):
    return client.post(
        URL,
        data=json.dumps({"body": body}, ensure_ascii=False),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )


def test_a_megabyte_of_hits_is_a_small_report_with_an_exact_verdict(
    client, load_lexicon, make_user
) -> None:
    load_lexicon(BEST, CURE)
    make_user("writer", username="api-amplifier")
    body = "最好" * 170_000 + "治疗"  # one block hit after 170,000 review hits
    response = _check(client, _token("api-amplifier"), body)
    assert response.status_code == 200
    data = response.get_json()
    assert data["verdict"] == "block"  # the hit beyond the cap still blocks
    assert data["total_hits"] == 170_001
    counts = {term["term"]: term["count"] for term in data["terms"]}
    assert counts == {"最好": 170_000, "治疗": 1}
    assert len(data["hits"]) <= MAX_HITS and "治疗" in {hit["term"] for hit in data["hits"]}
    assert sum(hit["term"] == "最好" for hit in data["hits"]) == MAX_HITS_PER_TERM
    assert len(response.data) < 50_000  # was 64.9 MB for a body like this one


def test_a_long_body_stores_a_small_report_and_a_small_review_page(
    client, load_lexicon, make_piece, make_user
) -> None:
    load_lexicon(BEST)
    piece = make_piece(status="in_review", body="最好" * 25_000)
    stored = piece.current_revision.report
    assert stored["total_hits"] == 25_000 and len(stored["hits"]) == MAX_HITS_PER_TERM
    assert len(json.dumps(stored, ensure_ascii=False)) < 20_000  # was 9.9 MB
    login(client, make_user("reviewer"))
    page = client.get(f"/review/{piece.id}")
    assert page.status_code == 200 and len(page.data) < 1_000_000  # was 43.6 MB
    assert "25000 处命中" in page.get_data(as_text=True)


@pytest.fixture
def limited_client(app: Flask, session_apps, database_url: str) -> Iterator:
    """A client of the application with rate limits on, as in production. Flask-Limiter is one
    object for every app: the test config's "off" is put back afterwards."""
    application = session_apps(RATELIMIT_ENABLED=True)
    limiter.enabled = True
    try:
        with _serving(application, database_url, app.config["UPLOAD_FOLDER"]) as application:
            yield application.test_client()
            limiter.reset()
    finally:
        limiter.enabled = False


def test_the_check_is_rate_limited_per_token(limited_client, load_lexicon, make_user) -> None:
    load_lexicon(BEST)
    make_user("writer", username="api-busy")
    make_user("writer", username="api-quiet")
    busy, quiet = _token("api-busy"), _token("api-quiet")
    allowed = int(CHECK_RATE.split()[0])
    statuses = [_check(limited_client, busy, "最好").status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [200] * allowed and statuses[-1] == 429
    assert _check(limited_client, quiet, "最好").status_code == 200  # same address, own budget
