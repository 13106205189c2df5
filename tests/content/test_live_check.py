"""The editor's live check endpoint returns the report of the unsaved text."""

from __future__ import annotations

import json
import re

from app.checks.services import check_draft
from app.compliance import Entry
from tests.english import merged_english

ABSOLUTE = Entry("最好", "ad_absolute", "review", suggestion="写具体优点")
DOUYIN_ONLY = Entry("私信领取", "inducement", "review", channels=("douyin",))


def test_returns_the_report_of_the_unsaved_fields(client, login_as, load_lexicon) -> None:
    load_lexicon(ABSOLUTE)
    login_as("writer")
    body = {"title": "最好的大衣", "summary": "最  好", "body": "今年最😀好的面料"}
    response = client.post("/pieces/check", json=body)
    assert response.status_code == 200
    report = check_draft(body["title"], body["summary"], body["body"], None).to_dict()
    assert {k: v for k, v in response.json.items() if k != "reasons"} == report
    spans = {(h["field"], h["text"]) for h in response.json["hits"]}
    assert spans == {("title", "最好"), ("summary", "最  好"), ("body", "最😀好")}


BLOCKED = Entry("第一", "ad_absolute", "block", suggestion="删除")


def test_reasons_name_the_field_and_count_each_term_once(
    client, login_as, load_lexicon, monkeypatch
) -> None:
    load_lexicon(ABSOLUTE, BLOCKED)
    login_as("writer")
    body = {"title": "最好的大衣", "summary": "", "body": "全网第一，销量第一，最好的面料"}
    data = client.post("/pieces/check", json=body).json
    assert data["verdict"] == "block"
    assert data["reasons"] == {
        "block": [{"field": "body", "label": "正文", "terms": [{"term": "第一", "count": 2}]}],
        "review": [
            {"field": "title", "label": "标题", "terms": [{"term": "最好", "count": 1}]},
            {"field": "body", "label": "正文", "terms": [{"term": "最好", "count": 1}]},
        ],
    }
    with merged_english(monkeypatch):
        english = client.post("/pieces/check?lang=en", json=body).json["reasons"]
    assert [r["label"] for r in english["review"]] == ["Title", "Body"]
    clean = client.post("/pieces/check", json={"title": "大衣", "body": "羊毛面料"}).json
    assert clean["reasons"] == {"block": [], "review": []}


def test_channel_decides_which_entries_apply(client, login_as, load_lexicon, make_channel) -> None:
    load_lexicon(DOUYIN_ONLY)
    login_as("writer")
    douyin, wechat = make_channel("douyin"), make_channel("wechat_oa")
    text = {"title": "", "body": "评论区私信领取"}
    assert (
        client.post("/pieces/check", json=text | {"channel": douyin.id}).json["verdict"] == "review"
    )
    assert (
        client.post("/pieces/check", json=text | {"channel": wechat.id}).json["verdict"] == "pass"
    )


def test_bad_input_is_refused_with_a_message(client, login_as, load_lexicon, app) -> None:
    load_lexicon(ABSOLUTE)
    login_as("writer")
    assert client.post("/pieces/check", data="x").status_code == 400
    wrong = client.post("/pieces/check", json={"body": ["最好"]})
    assert wrong.status_code == 400 and "文本" in wrong.json["message"]
    too_long = "字" * (app.config["MAX_BODY_CHARS"] + 1)
    response = client.post("/pieces/check", json={"body": too_long})
    assert response.status_code == 400 and "不能超过" in response.json["message"]


def test_editor_page_loads_the_script_and_labels(client, login_as, load_lexicon) -> None:
    load_lexicon(ABSOLUTE)
    login_as("writer")
    page = client.get("/pieces/new").get_data(as_text=True)
    assert 'data-check-url="/pieces/check"' in page
    assert "/static/js/live-check.js" in page
    labels = re.search(r'id="live-report-labels">(.*?)</script>', page).group(1)
    assert json.loads(labels)["categories"]["ad_absolute"] == "绝对化用语"
    with client.get("/static/js/live-check.js") as script:
        assert script.status_code == 200 and b"X-CSRFToken" in script.data
