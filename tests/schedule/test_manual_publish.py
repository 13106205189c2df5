"""Marking a piece published by hand meets the posting policy, as a schedule for now would."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.schedule import services, settings
from app.schedule.services import PolicyViolation
from tests.conftest import login
from tests.schedule.conftest import TODAY, brand_at

URL = "https://weibo.example/p/1"


def test_an_unscheduled_promo_cannot_be_marked_published_past_the_promo_share(
    client, make_channel, approved, team
) -> None:
    channel = make_channel("xiaohongshu")  # nothing else this week: one promo would be 100 %
    promo = approved(channel, "promotion")
    login(client, team["manager"])
    response = client.post(f"/calendar/pieces/{promo.id}/published", data={"url": URL})
    assert response.status_code == 409
    assert "促销占比" in response.get_data(as_text=True)
    db.session.refresh(promo)
    assert (promo.status, promo.published_at) == ("approved", None)


def test_a_second_group_send_today_is_refused(make_channel, approved, team) -> None:
    channel = make_channel("wechat_oa")
    tonight = approved(channel)
    services.schedule(team["manager"], tonight, TODAY.replace(hour=20))
    other = approved(channel)
    with pytest.raises(PolicyViolation, match="每天最多群发 1 次"):
        services.mark_published(team["manager"], other, url=URL)
    assert other.status == "approved"


def test_no_manual_post_inside_a_blackout(make_channel, approved, team) -> None:
    start = TODAY - timedelta(hours=1)
    settings.add_blackout(team["manager"], start, start + timedelta(days=1), None, "全国哀悼日")
    piece = approved(make_channel("xiaohongshu"))
    with pytest.raises(PolicyViolation, match="全国哀悼日"):
        services.mark_published(team["manager"], piece, url=URL)
    assert piece.status == "approved"


def test_a_piece_the_policy_allows_is_recorded(make_channel, approved, team, monday) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["reviewer"], piece, brand_at(monday, 20))
    assert services.mark_published(team["reviewer"], piece, url=URL).ok
    assert (piece.status, piece.post_url) == ("published", URL)
