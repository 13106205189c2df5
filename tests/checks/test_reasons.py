"""Block reasons name the field and list each term once with its count (issue 20 item 4)."""

from __future__ import annotations

import json
from collections.abc import Callable

import flask_babel
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.checks.services import FieldTerms, check_fields, ensure_not_blocked, terms_by_field
from app.compliance import Entry
from app.compliance.model import MAX_HITS_PER_TERM
from app.errors import ComplianceBlocked
from app.models import Piece
from tests.english import chinese_in, merged_english

MOST = Entry("最", "ad_absolute", "block", suggestion="写具体优点")
FIRST = Entry("第一", "ad_absolute", "block")
SOFT = Entry("爆款", "promo_marker", "review")
TITLE = "最美大衣"
BODY = "最轻、最暖、最好穿，销量第一的爆款。"


@pytest.fixture
def words(load_lexicon: Callable[..., int]) -> None:
    load_lexicon(MOST, FIRST, SOFT)


def test_each_term_once_per_field_with_its_count(app: Flask, words: None) -> None:
    report = check_fields(TITLE, BODY, None)
    assert terms_by_field(report) == [
        FieldTerms("title", (("最", 1),)),
        FieldTerms("body", (("最", 3), ("第一", 1))),
    ]
    everything = terms_by_field(report, ("block", "review"))
    assert everything[1].terms == (("最", 3), ("第一", 1), ("爆款", 1))


def test_counts_go_beyond_the_listed_hits(app: Flask, words: None) -> None:
    report = check_fields("", "这件最轻。" * (MAX_HITS_PER_TERM + 8), None)
    listed = sum(1 for hit in report.hits if hit.term == "最")
    assert listed == MAX_HITS_PER_TERM  # the report lists only the first ones …
    assert terms_by_field(report) == [FieldTerms("body", (("最", MAX_HITS_PER_TERM + 8),))]


def test_the_refusal_names_fields_and_counts(
    app: Flask, words: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check_fields(TITLE, BODY, None)
    with app.test_request_context("/?lang=zh_Hans_CN"), pytest.raises(ComplianceBlocked) as zh:
        ensure_not_blocked(report, "提交审核")
    assert "不能提交审核：标题：最（1 次）；正文：最（3 次）、第一（1 次）。" in zh.value.message
    assert zh.value.extra["reasons"][1] == {
        "field": "body",
        "terms": [{"term": "最", "count": 3}, {"term": "第一", "count": 1}],
    }
    assert len(zh.value.extra["hits"]) == 5  # the API's blocking hits are kept as they were
    with merged_english(monkeypatch), app.test_request_context("/?lang=en"):
        flask_babel.refresh()  # the Chinese request above chose its locale in this app context
        with pytest.raises(ComplianceBlocked) as en:
            ensure_not_blocked(report, "提交审核")
    message = en.value.message
    assert message.startswith("Submit for review is not possible")
    assert "Title: 最 (1×); Body: 最 (3×), 第一 (1×)." in message
    assert chinese_in(message) == ["最", "最", "第一"]  # only the terms, as legal wrote them


def test_submitting_answers_with_the_reasons(
    client: FlaskClient,
    login_as: Callable[..., object],
    make_piece: Callable[..., Piece],
    words: None,
) -> None:
    writer = login_as("writer")
    piece = make_piece(writer, title=TITLE, body=BODY)
    response = client.post(f"/pieces/{piece.id}/submit", headers={"Accept": "application/json"})
    assert response.status_code == 409 or response.status_code == 400, response.status_code
    data = json.loads(response.get_data(as_text=True))
    assert "正文：最（3 次）、第一（1 次）" in data["message"]
    assert [r["field"] for r in data["reasons"]] == ["title", "body"]


def test_review_and_piece_pages_show_the_reasons(
    client: FlaskClient,
    login_as: Callable[..., object],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> None:
    piece = make_piece(title=TITLE, body=BODY, status="in_review")  # blocked only afterwards
    load_lexicon(MOST, FIRST)
    login_as("reviewer", "writer")
    for path in (f"/review/{piece.id}", f"/pieces/{piece.id}"):
        page = client.get(path).get_data(as_text=True)
        reasons = page[page.index('class="block-reasons"') :]
        reasons = reasons[: reasons.index("</ul>")]
        assert "标题：<span data-user-content>最</span>（1 次）" in reasons, path
        assert (
            "正文：<span data-user-content>最</span>（3 次）、"
            "<span data-user-content>第一</span>（1 次）" in reasons
        ), path
