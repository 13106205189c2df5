"""Legal's pages: list, edit with preview, toggle, categories, versions, sandbox, reports."""

from __future__ import annotations

import re

import pytest

from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.extensions import db
from app.models import Category, FalsePositiveReport, LexiconVersion
from tests.conftest import login
from tests.in_place import refusal_in

BEST = Entry(
    "最好",
    "ad_absolute",
    "review",
    suggestion="写具体优点",
    basis="《广告法》第九条",
    examples_hit=("最好的大衣",),
    examples_pass=("很好的大衣",),
)


def _form(**changes: str) -> dict[str, str]:
    data = {
        "term": "第一",
        "category": "ad_absolute",
        "severity": "review",
        "match": "substring",
        "allow_contexts": "第一次\n第一眼",
        "suggestion": "写具体数据",
        "basis": "《广告法》第九条",
        "note": "",
        "examples_hit": "销量第一",
        "examples_pass": "第一次穿",
        "enabled": "y",
        "reason": "新增绝对化用语",
        "base_version": "1",
    }
    return data | changes


def _save(client, url: str, data: dict[str, str]):
    """Preview first (as the page requires), then save with the token the preview carried."""
    preview = client.post(url, data=data | {"action": "preview"}).get_data(as_text=True)
    token = re.search(r'name="previewed" value="([0-9a-f]+)"', preview)
    assert token, "the preview page carries no token"
    return client.post(url, data=data | {"action": "save", "previewed": token.group(1)})


@pytest.fixture
def legal(client, make_user, load_lexicon):
    load_lexicon(BEST)
    user = make_user("legal")
    login(client, user)
    return user


def test_entry_list_filters_and_empty_state(client, legal) -> None:
    page = client.get("/lexicon/?category=ad_absolute").get_data(as_text=True)
    assert "最好" in page and "写具体优点" in page and "当前版本 1" in page
    # the category's label, not its code
    assert "<td><span data-user-content>绝对化用语</span></td>" in page
    none = client.get("/lexicon/?text=不存在的词").get_data(as_text=True)
    assert "没有符合条件的词条" in none


def test_a_search_reads_only_the_columns_the_list_shows(client, legal) -> None:
    """The contexts, conditions and examples of the entries found stay in the database: the
    longest entries hold hundreds of contexts (issue 16)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        page = client.get("/lexicon/?text=最").get_data(as_text=True)
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    assert "最好" in page and "写具体优点" in page
    entries = [s for s in seen if s.startswith("SELECT lexicon_entry.") and "LIMIT" in s]
    assert entries and not any("allow_contexts" in s or "examples_hit" in s for s in entries)


def test_failing_example_is_refused_with_the_reason(client, legal) -> None:
    response = client.post(
        "/lexicon/entries/new", data=_form(examples_pass="第一名", action="save")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "示例“第一名”：不应命中" in refusal_in(page, "entry-form", "examples_pass")
    assert "未保存" in page
    assert latest_version() == 1


def test_preview_shows_impact_then_save_creates_a_version(client, legal, make_piece) -> None:
    piece = make_piece(body="销量第一的羽绒服")
    preview = client.post("/lexicon/entries/new", data=_form(action="preview"))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "影响预览" in page
    assert f"/pieces/{piece.id}" in page and "新增需处理" in page
    assert latest_version() == 1  # preview saves nothing

    unpreviewed = client.post("/lexicon/entries/new", data=_form(action="save"))
    assert unpreviewed.status_code == 200 and latest_version() == 1  # shown the impact instead
    saved = _save(client, "/lexicon/entries/new", _form())
    assert saved.status_code == 302
    assert latest_version() == 2
    assert db.session.get(LexiconVersion, 2).author_id == legal.id
    check = client.post("/pieces/check", json={"body": "销量第一"})  # legal may not use the editor
    assert check.status_code == 403


def test_stale_form_is_refused(client, legal, load_lexicon) -> None:
    load_lexicon(Entry("治疗", "ad_claim", "block"))  # someone else saved version 2
    response = _save(client, "/lexicon/entries/new", _form(base_version="1"))
    assert response.status_code == 409 and "重新预览" in response.get_data(as_text=True)


def test_edit_and_toggle(client, legal) -> None:
    entry_id = entries_at()[0].id
    page = client.get(f"/lexicon/entries/{entry_id}").get_data(as_text=True)
    assert 'value="最好"' in page
    data = _form(
        term="最好",
        examples_hit="最好的大衣",
        examples_pass="很好的大衣",
        allow_contexts="最好搭配",
        action="save",
        reason="加例外",
    )
    assert _save(client, f"/lexicon/entries/{entry_id}", data).status_code == 302
    assert entries_at()[0].allow_contexts == ("最好搭配",)
    confirm = client.post(f"/lexicon/entries/{entry_id}/toggle").get_data(as_text=True)
    assert "影响预览" in confirm and entries_at()  # the impact first, nothing changed
    token = re.search(r'name="previewed" value="([0-9a-f]+)"', confirm).group(1)
    refused = client.post(f"/lexicon/entries/{entry_id}/toggle", data={"previewed": token})
    assert "请填写原因" in refused.get_data(as_text=True) and entries_at()
    client.post(f"/lexicon/entries/{entry_id}/toggle", data={"reason": "暂停", "previewed": token})
    assert entries_at() == []


def test_categories_page(client, legal) -> None:
    data = {
        "name": "fabric_claim",
        "label": "面料宣称",
        "description": "",
        "default_severity": "warn",
    }
    assert client.post("/lexicon/categories", data=data).status_code == 302
    assert db.session.get(Category, "fabric_claim").label == "面料宣称"
    assert "面料宣称" in client.get("/lexicon/categories").get_data(as_text=True)


def test_versions_diff_and_rollback(client, legal) -> None:
    _save(client, "/lexicon/entries/new", _form())
    history = client.get("/lexicon/versions").get_data(as_text=True)
    assert "新增绝对化用语" in history
    diff = client.get("/lexicon/versions/diff?old=1&new=2").get_data(as_text=True)
    assert "新增（1）" in diff and "第一" in diff
    confirm = client.get("/lexicon/versions/1/rollback").get_data(as_text=True)
    assert "删除（1）" in confirm and "影响预览" in confirm
    empty = client.post("/lexicon/versions/1/rollback", data={"reason": ""})
    assert empty.status_code == 400 and 'class="error" role="alert"' in empty.get_data(as_text=True)
    assert latest_version() == 2
    client.post("/lexicon/versions/1/rollback", data={"reason": "撤销"})
    assert latest_version() == 3 and [e.term for e in entries_at()] == ["最好"]


def test_sandbox_compares_current_and_draft(client, legal) -> None:
    data = {
        "text": "销量第一，最好的大衣",
        "channel": "",
        "term": "第一",
        "category": "ad_absolute",
        "severity": "block",
        "match": "substring",
    }
    page = client.post("/lexicon/sandbox", data=data).get_data(as_text=True)
    current, draft = page.split("加入草稿词条后")
    assert "需人工审核" in current and ">第一</mark>" not in current
    assert "禁止发布" in draft and ">第一</mark>" in draft
    assert latest_version() == 1


def test_false_positive_from_review_page_to_legal_inbox(client, legal, make_piece, make_user):
    piece = make_piece(status="in_review", body="洗涤时最好手洗")
    reviewer = make_user("reviewer")
    client.post("/logout")
    login(client, reviewer)
    page = client.get(f"/review/{piece.id}").get_data(as_text=True)
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/lexicon/pieces/{piece.id}/false-positive", data={"key": key, "note": "洗护建议"}
    )
    assert response.status_code == 302 and db.session.query(FalsePositiveReport).count() == 1
    client.post("/logout")
    login(client, legal)
    inbox = client.get("/lexicon/reports").get_data(as_text=True)
    assert "洗涤时【最好】手洗" in inbox and "洗护建议" in inbox
    entry_id = entries_at()[0].id
    refused = client.post(
        f"/lexicon/reports/{entry_id}/resolve",
        data={"action": "add_context", "value": "最好手洗", "reason": ""},
        follow_redirects=True,
    )
    assert (
        "请填写处理原因" in refused.get_data(as_text=True) and entries_at()[0].allow_contexts == ()
    )
    client.post(
        f"/lexicon/reports/{entry_id}/resolve",
        data={"action": "add_context", "value": "最好手洗", "reason": "洗护建议"},
    )
    assert entries_at()[0].allow_contexts == ("最好手洗",)
    assert "没有待处理的误报" in client.get("/lexicon/reports").get_data(as_text=True)


def test_a_new_entry_starts_with_its_categorys_default_severity(client, legal) -> None:
    page = client.get("/lexicon/entries/new?category=sensitive").get_data(as_text=True)
    assert '<option selected value="block">' in page  # sensitive defaults to block
    assert '<option data-user-content selected value="sensitive">' in page
