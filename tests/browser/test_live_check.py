"""The editor's live check names the field of a block hit and counts each term once (issue 20)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from app.compliance import Entry
from tests.browser.test_pipeline import sign_in
from tests.english import merged_english

BLOCKED = Entry("第一", "ad_absolute", "block", suggestion="删除")
REVIEW = Entry("最好", "ad_absolute", "review", suggestion="写具体优点")


@pytest.mark.browser
def test_typing_a_blocked_term_twice_shows_the_field_and_the_count(
    browser: Browser,
    live_server: str,
    make_user,
    load_lexicon,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_lexicon(BLOCKED, REVIEW)
    writer = make_user("writer")
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    sign_in(page, live_server, writer)
    page.goto(f"{live_server}/pieces/new")
    page.get_by_label("标题", exact=True).fill("最好的大衣")
    page.get_by_label("正文（Markdown）").press_sequentially("全网第一，销量第一")
    report = page.locator("#live-report")
    expect(report.locator(".block-reasons li")).to_have_text(["正文：第一（2 次）"])
    expect(report.locator(".review-reasons li")).to_have_text(["标题：最好（1 次）"])
    assert report.locator(".block-reasons [data-user-content]").all_inner_texts() == ["第一"]

    with merged_english(monkeypatch):
        page.goto(f"{live_server}/pieces/new?lang=en")
        page.get_by_label("Body (Markdown)").press_sequentially("第一 and 第一")
        expect(report.locator(".block-reasons li")).to_have_text(["Body: 第一 (2×)"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
