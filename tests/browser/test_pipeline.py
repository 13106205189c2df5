"""The pipeline in a real browser: a writer submits, a reviewer approves, the writer sees it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from app.extensions import db
from app.models import Channel, Piece, User
from tests.conftest import PASSWORD

TITLE = "早春亚麻衬衫的三种穿法"
BODY = "亚麻衬衫配阔腿裤，清爽又通勤。\n\n周末换上牛仔短裤和帆布鞋，轻松出门。"


def sign_in(page: Page, base: str, user: User) -> None:
    """Sign in through the login form and land on the home page."""
    page.goto(f"{base}/login")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name=f"你好，{user.display_name}")).to_be_visible()


def sign_out(page: Page) -> None:
    """Sign out with the button in the top bar."""
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_text("你已退出登录。")).to_be_visible()


@pytest.mark.browser
def test_writer_submits_reviewer_approves_writer_sees_it(
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
) -> None:
    channel = make_channel("xiaohongshu")
    writer, reviewer = make_user("writer"), make_user("reviewer")
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(5000)
    page = context.new_page()
    try:
        sign_in(page, live_server, writer)
        page.goto(f"{live_server}/pieces/new")
        page.get_by_label("标题", exact=True).fill(TITLE)
        page.get_by_label("正文（Markdown）").fill(BODY)
        page.get_by_label("渠道").select_option(str(channel.id))
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("稿件已创建。")).to_be_visible()
        page.get_by_role("button", name="提交审核").click()
        expect(page.get_by_text("已提交审核。")).to_be_visible()
        sign_out(page)

        sign_in(page, live_server, reviewer)
        page.get_by_role("link", name="审核队列", exact=True).click()
        page.get_by_role("link", name=TITLE).click()
        expect(
            page.locator("article").get_by_text("亚麻衬衫配阔腿裤，清爽又通勤。")
        ).to_be_visible()
        page.get_by_label("通过").check()
        page.get_by_role("button", name="提交决定").click()
        expect(page.get_by_text(f"已通过：{TITLE}")).to_be_visible()
        expect(page.get_by_text("审核队列是空的")).to_be_visible()
        sign_out(page)

        sign_in(page, live_server, writer)
        page.get_by_role("link", name="稿件", exact=True).click()
        expect(page.get_by_role("row", name=re.compile(TITLE))).to_contain_text("已通过")
        page.get_by_role("link", name=TITLE).click()
        expect(page.get_by_role("heading", name=f"{TITLE} 已通过", exact=True)).to_be_visible()
    finally:
        context.close()

    db.session.expire_all()
    piece = db.session.query(Piece).one()
    assert (piece.owner_id, piece.status) == (writer.id, "approved")
    assert piece.approved_hash == piece.current_revision.content_hash
