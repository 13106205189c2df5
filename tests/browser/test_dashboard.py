"""运营数据 in a real browser: ECharts draws every chart under the CSP, at 1280 and 375 px, each
beside its table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from app.compliance import Entry
from app.extensions import db
from app.models import (
    ChannelMetricDaily,
    HitLog,
    LexiconEntry,
    Piece,
    PieceMetric,
    ReserveSnapshot,
    User,
)
from tests.browser.test_pipeline import sign_in

CHARTS = ("open_rates", "by_type", "by_weekday", "followers", "pipeline", "reserve", "compliance")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_the_dashboard_draws_its_charts_and_fits_the_screen(
    browser: Browser,
    live_server: str,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
    width: int,
) -> None:
    manager = make_user("manager")
    load_lexicon(Entry("最好", "ad_absolute", "block"))
    entry_id = db.session.query(LexiconEntry).one().entry_id
    for n, content_type in enumerate(("styling", "promotion", "brand_story")):
        piece = make_piece(title=f"看板稿件{n}", content_type=content_type)
        piece.published_at = datetime(2026, 12, 1 + n, 12, tzinfo=UTC)
        db.session.add(
            PieceMetric(
                day=date(2026, 12, 1 + n),
                channel_id=piece.channel_id,
                piece_id=piece.id,
                delivered=1000,
                reads=100 * (n + 1),
                likes=5,
            )
        )
        db.session.add(  # the account's followers (issue 17): 12-01 this week, 11-24 before
            ChannelMetricDaily(
                day=date(2026, 11, 24) + timedelta(days=7 * (n % 2) + n),
                channel_id=piece.channel_id,
                new_followers=20 + n,
                cancelled_followers=3,
                followers=5000 + n,
            )
        )
        db.session.add(  # a hit in the week: the compliance chart
            HitLog(
                entry_id=entry_id,
                revision_id=piece.current_revision_id,
                at=datetime(2026, 12, 1 + n, 4, tzinfo=UTC),
            )
        )
        db.session.add(ReserveSnapshot(day=date(2026, 12, 1 + n), total=150 + n, target=200))
    db.session.commit()
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    context.set_default_timeout(5000)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        sign_in(page, live_server, manager)
        page.goto(f"{live_server}/dashboard/?period=week&date=2026-12-02")
        expect(page.get_by_role("heading", name="内容表现")).to_be_visible()
        expect(page.locator('[data-metric="reads"]')).to_have_text("600")
        charts = page.locator("[data-chart]")
        names = [c.get_attribute("data-chart") for c in charts.all()]
        assert names == [*CHARTS], names  # every chart the dashboard has, in its order
        for name in names:
            chart = page.locator(f'[data-chart="{name}"]')
            expect(chart).to_have_attribute("data-drawn", "true")
            expect(chart.locator("canvas")).to_have_count(1)
            box = chart.bounding_box()
            assert box is not None and 0 < box["width"] <= width
            twin = chart.locator("xpath=following::table[1]")  # its numbers as a table
            expect(twin.locator("tbody tr").first).to_be_attached()
        reserve = page.locator('[data-table="reserve"]')
        for day, total in (("2026-12-01", 150), ("2026-12-02", 151), ("2026-12-03", 152)):
            expect(reserve.locator("tr", has_text=day)).to_contain_text(str(total))
        expect(page.locator("#comp-h ~ div table").first).to_contain_text("3")
        width_used = page.evaluate("document.documentElement.scrollWidth")
        assert width_used <= width, f"the dashboard scrolls sideways at {width} px ({width_used})"
        assert problems == []
    finally:
        context.close()
