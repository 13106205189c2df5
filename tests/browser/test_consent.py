"""Customer authorisation in Chromium (issue 19): a writer records one with its evidence from
the UGC piece (on a 375 px phone screen), the reviewer sees it on the review page and approves."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.models import Authorisation
from tests.browser.test_pipeline import sign_in, sign_out
from tests.channels.conftest import PNG


@pytest.mark.browser
def test_writer_attaches_an_authorisation_and_the_reviewer_approves(
    browser: Browser, live_server: str, make_user, make_piece, make_channel, tmp_path
) -> None:
    channel = make_channel("xiaohongshu")
    piece = make_piece(
        status="in_review",
        channel=channel,
        content_type="ugc",
        title="衣友故事：十年的衬衫",
        body="一件穿了十年的亚麻衬衫，袖口补过两次。",
    )
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the day the review happens
    evidence = tmp_path / "授权书.png"
    evidence.write_bytes(PNG)

    page = browser.new_page(viewport={"width": 375, "height": 812})
    sign_in(page, live_server, piece.owner)
    page.goto(f"{live_server}/pieces/{piece.id}")
    expect(page.get_by_text("用户内容须先关联有效的用户授权")).to_be_visible()
    page.get_by_role("link", name="登记新的用户授权").click()
    page.get_by_label("用户姓名或昵称").fill("青柠")
    page.get_by_label("授权开始日期").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("授权截止日期").fill((today + timedelta(days=30)).isoformat())
    page.get_by_label("可以使用图片").check()
    page.get_by_label("授权凭证").set_input_files(str(evidence))
    page.get_by_role("button", name="保存授权").click()
    expect(page.get_by_text("已登记 青柠 的授权。")).to_be_visible()
    expect(page.locator("#consent").get_by_text("授权覆盖")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the piece page scrolls sideways at 375 px ({width} px)"
    page.set_viewport_size({"width": 1280, "height": 900})  # the top bar's sign-out button
    sign_out(page)

    sign_in(page, live_server, make_user("reviewer"))
    page.goto(f"{live_server}/review/{piece.id}")
    panel = page.locator("#consent")
    expect(panel.get_by_role("link", name="青柠")).to_be_visible()
    expect(panel.get_by_role("link", name="查看凭证")).to_be_visible()
    page.get_by_role("radio", name="通过").check()
    page.get_by_role("button", name="提交决定").click()
    expect(page.get_by_text("已通过：衣友故事：十年的衬衫")).to_be_visible()
    db.session.expire_all()
    assert piece.status == "approved"
    assert db.session.query(Authorisation).one().customer == "青柠"
    page.close()
