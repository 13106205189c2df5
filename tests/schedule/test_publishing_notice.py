"""Channels that cannot publish say so: scheduling onto one tells that a person will be asked."""

from __future__ import annotations

import pytest

from app import MissingConfiguration, create_app
from app.extensions import db
from app.models import AdapterKind, ChannelPublishing
from app.schedule import services
from config import TestConfig
from tests.conftest import login
from tests.schedule.conftest import brand_at
from tests.schedule.test_api import bearer, call


def test_the_schedule_api_says_a_channel_without_settings_publishes_by_hand(
    client, make_channel, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")  # no publishing settings
    piece = approved(channel)
    at = brand_at(monday, 20).isoformat()

    status, body = call(
        client,
        "POST",
        f"/api/v1/pieces/{piece.id}/schedule",
        bearer(team["reviewer"]),
        json={"at": at, "channel": channel.code},
    )

    assert status == 201
    assert body["publishing"]["automatic"] is False and body["publishing"]["adapter"] is None
    (warning,) = body["warnings"]
    assert warning["code"] == "manual_publish" and "没有配置发布设置" in warning["message"]
    assert "运营主管" in warning["message"]


def test_a_manual_channel_names_its_assignee_and_an_automatic_one_says_nothing(
    make_channel, approved, team, monday
) -> None:
    manual, webhook = make_channel("xiaohongshu"), make_channel("weibo")
    db.session.add_all(
        [
            ChannelPublishing(
                channel=manual, adapter=AdapterKind.MANUAL.value, assignee=team["reviewer"]
            ),
            ChannelPublishing(
                channel=webhook, adapter=AdapterKind.WEBHOOK.value, webhook_url="https://x.example"
            ),
        ]
    )
    db.session.commit()

    by_hand = services.schedule(team["manager"], approved(manual), brand_at(monday, 20))
    automatic = services.schedule(team["manager"], approved(webhook), brand_at(monday, 21))

    (warning,) = by_hand.warnings
    assert team["reviewer"].display_name in warning.message and "人工发布" in warning.message
    assert automatic.warnings == ()


def test_the_calendar_and_the_drag_and_drop_answer_show_it(
    client, make_channel, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    piece = approved(channel, title="手动渠道的稿件")
    login(client, team["manager"])

    moved = client.post("/calendar/move", json={"piece": piece.id, "date": monday.isoformat()})
    assert moved.status_code == 200
    assert any("没有配置发布设置" in w for w in moved.get_json()["warnings"])

    page = client.get(f"/calendar?view=week&date={monday.isoformat()}").get_data(as_text=True)
    entry = page[page.index("手动渠道的稿件") :][:2000]
    assert 'class="badge manual-flag"' in entry and "将通知运营主管手动发布" in entry


def test_production_refuses_to_start_without_hemline_base_url() -> None:
    class NoBaseUrl(TestConfig):
        ENV_NAME = "production"
        BASE_URL_CONFIGURED = False
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    class WithBaseUrl(NoBaseUrl):
        BASE_URL_CONFIGURED = True
        HEMLINE_BASE_URL = "https://hemline.example.com"

    with pytest.raises(MissingConfiguration, match="HEMLINE_BASE_URL"):
        create_app(NoBaseUrl)
    assert create_app(WithBaseUrl).config["HEMLINE_BASE_URL"] == "https://hemline.example.com"
