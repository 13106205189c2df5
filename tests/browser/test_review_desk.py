"""The review desk in Chromium: a two-step review of a lottery piece (reviewer, then legal),
and a review decision on a 375 × 812 phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from app.compliance import Entry
from app.content.services import submit
from app.extensions import db
from tests.browser.test_pipeline import sign_in, sign_out
from tests.conftest import edit_body

LOTTERY = Entry(
    "抽奖",
    "lottery",
    "review",
    suggestion="公示奖项、开奖时间和方式",
    basis="《反不正当竞争法》第十条",
)


@pytest.mark.browser
def test_lottery_piece_is_approved_by_the_reviewer_then_signed_off_by_legal(
    browser: Browser, live_server: str, make_user, make_piece, load_lexicon
) -> None:
    load_lexicon(LOTTERY)
    piece = make_piece(
        status="in_review",
        content_type="interactive",
        title="冬季新品抽奖",
        body="评论区抽奖，送出三件羊绒大衣。",
    )
    reviewer, legal = make_user("reviewer"), make_user("legal")
    page = browser.new_page()
    sign_in(page, live_server, reviewer)
    page.goto(f"{live_server}/review/")
    page.get_by_role("link", name="冬季新品抽奖").click()
    expect(page.get_by_text("需法务会签")).to_be_visible()
    page.get_by_role("radio", name="通过").check()
    page.get_by_role("button", name="提交决定").click()
    expect(
        page.get_by_text("以下命中需要逐条确认")
    ).to_be_visible()  # the lottery hit needs a reason
    page.go_back()
    page.get_by_role("radio", name="通过").check()
    for box in page.get_by_label("确认理由").all():  # the title and the body both say 抽奖
        box.fill("活动规则页已公示奖项与开奖时间")
    page.get_by_role("button", name="提交决定").click()
    expect(page.get_by_text("已通过审核，等待法务会签")).to_be_visible()
    page.goto(f"{live_server}/review/?waiting=legal")
    expect(page.get_by_text("审核已通过 · 待法务会签")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, legal)
    expect(page.locator(".bell .count")).to_have_text("1")
    page.goto(f"{live_server}/review/{piece.id}")
    expect(page.get_by_role("heading", name="法务会签")).to_be_visible()
    page.get_by_role("radio", name="通过").check()
    page.get_by_role("button", name="提交决定").click()
    expect(page.get_by_text("已通过：冬季新品抽奖")).to_be_visible()
    db.session.refresh(piece)
    assert piece.status == "approved"
    page.close()


@pytest.mark.browser
def test_review_on_a_phone_screen(
    browser: Browser, live_server: str, make_user, make_piece
) -> None:
    piece = make_piece(
        status="changes_requested",
        title="通勤西装的三种搭法",
        body="西装配阔腿裤，干练又舒适。" * 20,
    )
    link = "https://shop.example.com/item?id=" + "8" * 120  # one long unbroken string
    edit_body(piece.owner, piece, piece.current_revision.body + "\n\n购买：" + link)
    submit(piece.owner, piece)  # the review page now shows a diff holding the long link
    reviewer = make_user("reviewer")
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    sign_in(page, live_server, reviewer)
    page.goto(f"{live_server}/review/")
    title = page.get_by_role("link", name="通勤西装的三种搭法")
    expect(title).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    title.click()
    article = page.locator("article.article")
    assert article.bounding_box()["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the review page too
    page.get_by_role("radio", name="要求修改").check()
    page.get_by_label("常用理由").select_option(index=1)
    expect(page.get_by_placeholder("要求修改或驳回时请写明原因")).not_to_have_value("")
    page.get_by_role("button", name="提交决定").click()
    expect(page.get_by_text("已要求修改：通勤西装的三种搭法")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    db.session.refresh(piece)
    assert piece.status == "changes_requested"
    page.close()
