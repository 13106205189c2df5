"""Legal edits an entry in Chromium: a failing example is refused, the fix is previewed and saved,
and a writer's next live check in the editor reflects the new version."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, expect

from app.checks.store import entries_at, latest_version
from app.compliance import Entry
from app.models import Channel, User
from tests.browser.test_pipeline import sign_in, sign_out

BEST = Entry(
    "最好",
    "ad_absolute",
    "review",
    suggestion="写具体优点",
    basis="《广告法》第九条",
    examples_hit=("最好的大衣",),
    examples_pass=("很好的大衣",),
)


@pytest.mark.browser
def test_legal_fixes_an_entry_and_the_writer_sees_it(
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_piece,
    load_lexicon,
) -> None:
    load_lexicon(BEST)
    legal, writer = make_user("legal"), make_user("writer")
    channel = make_channel()
    make_piece(owner=writer, channel=channel, body="洗涤时最好手洗，不要暴晒。")
    page = browser.new_page()
    sign_in(page, live_server, legal)
    page.goto(f"{live_server}/lexicon/?text=最好")
    page.get_by_role("link", name="编辑").first.click()

    # an allowed context that swallows a must-hit example is refused, with the reason
    page.get_by_label("例外语境").fill("最好的")
    page.get_by_label("修改原因").fill("洗护建议不算绝对化用语")
    page.get_by_role("button", name="保存为新版本").click()
    beside = page.locator("#entry-form #entry-form-examples_hit-error")  # by the examples
    expect(beside).to_contain_text("示例“最好的大衣”：应命中“最好”，实际没有命中。")
    assert latest_version() == 1

    page.get_by_label("例外语境").fill("最好手洗")
    page.get_by_role("button", name="预览影响").click()
    expect(page.get_by_role("heading", name="不再被标记（1）")).to_be_visible()
    page.get_by_role("button", name="保存为新版本").click()
    expect(page.get_by_text("已保存为词库版本 2")).to_be_visible()
    assert entries_at()[0].allow_contexts == ("最好手洗",)
    sign_out(page)

    sign_in(page, live_server, writer)
    page.goto(f"{live_server}/pieces/new")
    page.get_by_label("正文").fill("洗涤时最好手洗。这是今年最好的大衣。")
    report = page.locator("#live-report")
    expect(report).to_contain_text("词库版本 2")
    expect(report).to_contain_text("1 处命中")
    expect(page.locator(".hl-layer mark")).to_have_text(["最好"])
    page.close()
