"""Legal's hit statistics and the admins' channel health on the home page (issue 20 item 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from app.compliance import Entry
from app.dashboard.stats import channel_health, hit_stats
from app.extensions import db
from app.models import (
    Channel,
    ChannelPublishing,
    HitLog,
    LexiconEntry,
    Piece,
    PublishJob,
    User,
    utcnow,
)
from tests.conftest import login


def log_hits(entry_id: int, revision_id: int, *ages_in_days: float) -> None:
    """Hits of the entry in the revision, each so many days ago."""
    now = utcnow()
    db.session.add_all(
        HitLog(entry_id=entry_id, revision_id=revision_id, at=now - timedelta(days=age))
        for age in ages_in_days
    )
    db.session.commit()


def automatic_channel(make_channel: Callable[..., Channel], code: str) -> Channel:
    """A 公众号 channel the worker publishes (through a webhook)."""
    channel = make_channel("wechat_oa", code=code)
    db.session.add(ChannelPublishing(channel=channel, adapter="webhook", webhook_url="http://x"))
    return channel


def health_table(client: FlaskClient) -> str:
    """The home page's channel-health table (and what follows it)."""
    page = client.get("/").get_data(as_text=True)
    return page[page.index('class="list compact channel-health"') :]


def test_hits_per_category_and_top_entries_in_7_and_30_days(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"), Entry("秒杀", "promo_marker", "warn"))
    ids = {e.term: e.entry_id for e in db.session.query(LexiconEntry).all()}
    revision = make_piece(body="普通的文字").current_revision_id
    db.session.query(HitLog).delete()
    log_hits(ids["最好"], revision, 1, 2, 3, 10, 40)  # 3 in 7 days, 4 in 30, one too old
    log_hits(ids["秒杀"], revision, 20, 25)  # 0 in 7 days, 2 in 30
    stats = hit_stats(utcnow())
    assert (stats.recent, stats.total) == (3, 6)
    assert [(e.term, e.recent, e.total) for e in stats.top] == [("最好", 3, 4), ("秒杀", 0, 2)]
    assert {(c.recent, c.total) for c in stats.categories} == {(3, 4), (0, 2)}
    login(client, make_user("legal"))
    page = client.get("/").get_data(as_text=True)
    assert "最近 7 天 3 次，最近 30 天 6 次。" in page
    link = f'href="/lexicon/entries/{ids["最好"]}"><span data-user-content>最好</span></a>'
    assert link in page


def test_no_hits_is_an_empty_state(client: FlaskClient, make_user: Callable[..., User]) -> None:
    login(client, make_user("legal"))
    assert "最近 30 天没有命中。" in client.get("/").get_data(as_text=True)


def test_admins_see_each_channel_with_its_health(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
) -> None:
    automatic = automatic_channel(make_channel, "oa_auto")
    manual = make_channel("xiaohongshu", code="xhs_hand")
    now = utcnow()
    for hours, state in ((30, "done"), (5, "failed"), (3, "failed"), (1, "done")):
        piece = make_piece(channel=automatic)
        db.session.add(
            PublishJob(piece=piece, state=state, finished_at=now - timedelta(hours=hours))
        )
    db.session.commit()
    rows = {h.channel.code: h for h in channel_health(now)}
    auto = rows["oa_auto"]
    assert auto.automatic and auto.last_state == "done" and auto.failures == 2
    assert auto.last_at is not None and abs(auto.last_at - (now - timedelta(hours=1))) < timedelta(
        seconds=1
    )
    hand = rows["xhs_hand"]
    assert hand.settings is None and not hand.automatic and hand.last_state is None
    login(client, make_user("admin"))
    table = health_table(client)
    assert f'href="/publishing/channels/{manual.id}"' in table and "未配置（人工发布）" in table
    assert '<b class="error">2</b>' in table
