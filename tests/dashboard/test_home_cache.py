"""The home page's shared figures are kept HOME_CACHE_SECONDS in the shared cache (issue 16):
legal's hit statistics and the admins' channel health are computed once per period for
everyone, not on every view (at scale each grouped a month or a year of rows per view)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.compliance import Entry
from app.extensions import cache, db
from app.models import (
    Channel,
    HitLog,
    LexiconEntry,
    Piece,
    PublishJob,
    User,
    utcnow,
)
from tests.conftest import login
from tests.dashboard.test_desks import automatic_channel, health_table, log_hits


@pytest.fixture
def kept(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The production setting (figures kept a minute), with a cache emptied before and after."""
    monkeypatch.setitem(app.config, "HOME_CACHE_SECONDS", 60)
    with app.app_context():
        cache.clear()
    yield
    with app.app_context():
        cache.clear()


def _hits(entry_id: int, revision_id: int, count: int) -> None:
    log_hits(entry_id, revision_id, *[1] * count)  # a day old


def test_legal_sees_the_kept_hit_figures_until_they_expire(
    app: Flask,
    kept: None,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_piece: Callable[..., Piece],
    load_lexicon: Callable[..., int],
) -> None:
    load_lexicon(Entry("最好", "ad_absolute", "review"))
    entry = db.session.query(LexiconEntry).one().entry_id
    revision = make_piece(body="普通的文字").current_revision_id
    assert revision is not None
    db.session.query(HitLog).delete()
    _hits(entry, revision, 3)
    login(client, make_user("legal"))
    assert "最近 7 天 3 次，最近 30 天 3 次。" in client.get("/").get_data(as_text=True)
    _hits(entry, revision, 2)
    # within the minute: the kept figure, whoever asks
    other = app.test_client()
    login(other, make_user("legal"))
    assert "最近 7 天 3 次，最近 30 天 3 次。" in other.get("/").get_data(as_text=True)
    cache.delete("home:hits")  # what expiry does
    assert "最近 7 天 5 次，最近 30 天 5 次。" in client.get("/").get_data(as_text=True)


def test_channel_health_figures_are_kept_and_the_channels_are_live(
    app: Flask,
    kept: None,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
) -> None:
    channel = automatic_channel(make_channel, "oa_kept")
    now = utcnow()
    db.session.add(PublishJob(piece=make_piece(channel=channel), state="failed", finished_at=now))
    db.session.commit()
    login(client, make_user("admin"))
    assert '<b class="error">1</b>' in health_table(client)
    db.session.add(PublishJob(piece=make_piece(channel=channel), state="failed", finished_at=now))
    late = make_channel("xiaohongshu", code="xhs_new")  # a channel added meanwhile
    db.session.commit()
    kept_table = health_table(client)
    assert '<b class="error">1</b>' in kept_table  # the failures: kept for the minute
    assert f'href="/publishing/channels/{late.id}"' in kept_table  # the channel list: live
    cache.delete("home:channels.2")
    assert '<b class="error">2</b>' in health_table(client)
