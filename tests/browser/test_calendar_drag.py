"""The calendar in a real browser: a manager drags a promo into a full week and is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.models import Channel, Piece, User
from app.schedule import services
from tests.conftest import PASSWORD
from tests.schedule.conftest import SH, brand_at

KINDS = {"S": "styling", "P": "promotion"}


@pytest.mark.browser
def test_manager_drags_a_promo_into_a_full_week_and_sees_the_refusal_and_the_slot(
    browser: Browser,
    live_server: str,
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
) -> None:
    channel = make_channel("xiaohongshu")
    manager, writer, reviewer = make_user("manager"), make_user("writer"), make_user("reviewer")

    def approved(kind: str, title: str = "常规穿搭") -> Piece:
        return make_piece(
            writer,
            status="approved",
            channel=channel,
            content_type=kind,
            reviewer=reviewer,
            title=title,
        )

    today = datetime.now(SH).date()
    monday = today - timedelta(days=today.weekday()) + timedelta(days=14)
    next_monday = monday + timedelta(days=7)
    # 1 promo in 5 pieces: that week is at its 20 % cap; the next week has room for one promo
    for first, letters in ((monday, "SSSSP"), (next_monday, "SSSS")):
        for n, letter in enumerate(letters):
            services.schedule(manager, approved(KINDS[letter]), brand_at(first + timedelta(days=n)))
    promo = approved("promotion", "双十二限时预告")
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(5000)
    page = context.new_page()
    try:
        _sign_in(page, live_server, manager)
        page.get_by_role("link", name="内容日历").click()
        page.goto(f"{live_server}/calendar?view=week&date={monday.isoformat()}")

        wednesday = page.locator(f'td[data-date="{(monday + timedelta(days=2)).isoformat()}"]')
        page.locator(f'.cal-tray [data-piece="{promo.id}"]').drag_to(wednesday)

        message = page.locator("#cal-message")
        expect(message).to_contain_text("不能排在这里")
        expect(message).to_contain_text("促销占比将达到 33.3%（2/6），上限 20%")
        expect(message).to_contain_text(
            f"最近可排的时间：{next_monday.month}月{next_monday.day}日（周一）20:00"
        )
        expect(message.get_by_label("强制排期理由（记入审计日志）")).to_be_visible()
        message.get_by_role("button", name="排到建议时间").click()
        expect(message).to_contain_text("已排期：双十二限时预告")
        expect(page.get_by_role("link", name="双十二限时预告")).to_have_count(0)  # reloaded
    finally:
        context.close()

    db.session.expire_all()
    db.session.refresh(promo)
    assert promo.status == "scheduled"
    assert promo.publish_at == brand_at(next_monday, 20)


def _sign_in(page, live_server: str, user: User) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/login")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name=f"你好，{user.display_name}")).to_be_visible()


@pytest.mark.browser
def test_a_drag_after_the_session_expired_says_so_instead_of_a_network_error(
    browser: Browser,
    live_server: str,
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
    make_user: Callable[..., User],
) -> None:
    manager = make_user("manager")
    piece = make_piece(status="approved", channel=make_channel("xiaohongshu"), title="待排期")
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(5000)
    page = context.new_page()
    try:
        _sign_in(page, live_server, manager)
        page.goto(f"{live_server}/calendar?view=week")
        context.clear_cookies()  # the session expires while the page stays open
        today = page.locator("td.today")
        page.locator(f'.cal-tray [data-piece="{piece.id}"]').drag_to(today)

        message = page.locator("#cal-message")
        expect(message).to_contain_text("登录已过期，请刷新页面后重新登录")
        expect(message).not_to_contain_text("网络错误")
    finally:
        context.close()


@pytest.mark.browser
def test_on_a_touch_screen_the_hint_points_to_the_adjust_buttons(
    browser: Browser, live_server: str, make_user: Callable[..., User]
) -> None:
    manager = make_user("manager")
    context = browser.new_context(locale="zh-CN", has_touch=True, is_mobile=True)
    context.set_default_timeout(5000)
    page = context.new_page()
    try:
        _sign_in(page, live_server, manager)
        page.goto(f"{live_server}/calendar")

        expect(page.locator(".hint-touch")).to_be_visible()
        expect(page.locator(".hint-touch")).to_contain_text("调整")
        expect(page.locator(".hint-drag")).to_be_hidden()
    finally:
        context.close()
