"""A refused decision answers in place on a 375 × 812 phone screen (issue 20 item 3): the
review page comes back with the reason next to the control, the choice and the words kept, and
the second try goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from app.checks.reporting import current_report
from app.compliance import Entry
from app.extensions import db
from app.lexicon import feedback
from app.review.claims import claim
from tests.browser.test_pipeline import sign_in

SHOTS = Path(__file__).parent / "screenshots"


@pytest.mark.browser
def test_a_refused_decision_shows_its_reason_on_the_form_on_a_phone(
    browser: Browser, live_server: str, make_user, make_piece
) -> None:
    piece = make_piece(status="in_review", title="羊绒围巾的五种系法")
    holder, reviewer = make_user("reviewer"), make_user("reviewer")
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    sign_in(page, live_server, reviewer)
    page.goto(f"{live_server}/review/{piece.id}")

    # 1. No reason for a rejection: said under the reason box; the choice is kept.
    page.get_by_role("radio", name="驳回").check()
    page.get_by_role("button", name="提交决定").click()
    reason = page.locator("#decision-form #decision-form-reason-error")
    expect(reason).to_have_text("请填写原因。")
    expect(reason).to_be_in_viewport()  # the page comes back where the reader can see it
    expect(page.get_by_role("radio", name="驳回")).to_be_checked()
    box = reason.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "refusal-in-place-375.png"), full_page=True)

    # 2. Someone claims it meanwhile: the conflict is said at the top of the form, words kept.
    claim(holder, piece)
    page.get_by_placeholder("要求修改或驳回时请写明原因").fill("标题与正文不符")
    page.get_by_role("button", name="提交决定").click()
    conflict = page.locator("#decision-form #decision-form-error")
    expect(conflict).to_contain_text(f"{holder.display_name} 已认领此稿件")
    expect(page.get_by_placeholder("要求修改或驳回时请写明原因")).to_have_value("标题与正文不符")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # 3. Taken over, the same form goes through.
    page.once("dialog", lambda dialog: dialog.accept())  # 确定接手…？
    page.get_by_role("button", name="接手审核").click()
    expect(page.get_by_text("已认领，其他审核员会看到你正在审核。")).to_be_visible()
    page.get_by_role("radio", name="驳回").check()
    page.get_by_placeholder("要求修改或驳回时请写明原因").fill("标题与正文不符")
    page.get_by_role("button", name="提交决定").click()
    expect(page.get_by_text("已驳回：羊绒围巾的五种系法")).to_be_visible()
    db.session.refresh(piece)
    assert piece.status == "rejected"
    page.close()


@pytest.mark.browser
def test_a_refused_false_positive_fix_is_said_by_its_field_on_a_phone(
    browser: Browser, live_server: str, make_user, make_piece, load_lexicon
) -> None:
    """Legal's inbox (one of the forms answered in place this session): an empty context is said
    next to the context box of that entry's form, the reason kept; the second try goes through."""
    load_lexicon(
        Entry("最好", "ad_absolute", "review", suggestion="删去", basis="《广告法》第九条")
    )
    piece = make_piece(status="in_review", body="这是最好的羊绒衫。")
    _report, views = current_report(piece)
    view = next(v for v in views if v.hit.entry_id is not None)
    feedback.report_false_positive(make_user("reviewer"), piece, view.key, "这里是比较级")
    db.session.commit()
    form = f"#resolve-{view.hit.entry_id}-form"
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    sign_in(page, live_server, make_user("legal"))
    page.goto(f"{live_server}/lexicon/reports")

    page.locator(f"{form} select[name=action]").select_option("add_context")
    page.locator(f"{form} input[name=value]").fill("  ")
    page.locator(f"{form} input[name=reason]").fill("法务复核：比较级")
    page.once("dialog", lambda dialog: dialog.accept())  # 确定按所选方式处理…？
    page.locator(f"{form} button[type=submit]").click()
    reason = page.locator(f"{form} {form}-value-error")
    expect(reason).to_contain_text("请填写要加入的例外语境")
    expect(page.locator(f"{form} input[name=reason]")).to_have_value("法务复核：比较级")
    box = reason.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "refusal-in-place-reports-375.png"), full_page=True)

    page.locator(f"{form} input[name=value]").fill("最好手洗")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"{form} button[type=submit]").click()
    expect(page.get_by_text("已处理，词库版本")).to_be_visible()
    page.close()
