"""The last stored errors in the reader's language (issue 20): the calendar's blackout badge,
the channel-health panel, take-down tasks and the notification outbox say what went wrong in
English to an English reader; Chinese pages are unchanged; older rows show their stored text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from app.channels.wechat_oa import error_for
from app.extensions import db
from app.models import BlackoutWindow, Channel, OutboxMessage, Piece, PublishJob, User
from app.notifications.events import Words
from app.notifications.outbox import process_outbox
from app.publishing import services
from app.publishing.job_errors import record_error
from tests.channels.fakes import WebhookReceiver, WeComFake
from tests.conftest import login
from tests.dashboard.test_desks import automatic_channel, health_table
from tests.english import merged_english
from tests.publishing.conftest import NOW
from tests.publishing.test_outbox import clock, fail_one, outbox, route_to

DuePiece = Callable[..., Piece]
CHINESE_40125 = "AppSecret 无效，请在公众平台核对或重置（错误码 40125）"
ENGLISH_40125 = (
    "Invalid AppSecret; check or reset it on the WeChat Official Accounts Platform "
    "(error code 40125)"
)
CHINESE_BLACKOUT = "处于禁发时段（12-01 07:00 至 12-01 14:00，全部渠道，全国哀悼日）"
ENGLISH_BLACKOUT = "In a blackout (12-01 07:00 to 12-01 14:00, all channels, 全国哀悼日)"


def _get(client: FlaskClient, monkeypatch: pytest.MonkeyPatch, url: str, lang: str) -> str:
    with merged_english(monkeypatch):
        joiner = "&" if "?" in url else "?"
        return client.get(f"{url}{joiner}lang={lang}").get_data(as_text=True)


def _titles(page: str, css_class: str) -> list[str]:
    """The (unescaped) title attributes of the badges with ``css_class``."""
    found = re.findall(rf'<span class="badge {css_class}" title="([^"]*)"', page)
    return [html.unescape(title) for title in found]


# --- 1. the calendar's blackout badge ----------------------------------------------------------


def test_the_calendar_blackout_badge_says_why_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    mourning: BlackoutWindow,
    webhook_piece: Piece,
    manager: User,
) -> None:
    assert services.publish_due(NOW).outcomes == {"blackout": [webhook_piece.id]}
    login(client, manager)
    week = f"/calendar?view=week&date={NOW.date().isoformat()}"

    [english] = _titles(_get(client, monkeypatch, week, "en"), "overdue-flag")
    [chinese] = _titles(_get(client, monkeypatch, week, "zh_Hans_CN"), "overdue-flag")

    assert english.startswith(ENGLISH_BLACKOUT) and "禁发时段" not in english
    assert chinese.startswith(CHINESE_BLACKOUT)


# --- 4. the channel-health panel of the admins' home page ----------------------------------------


def test_the_channel_health_panel_says_the_latest_failure_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    make_user: Callable[..., User],
    make_channel: Callable[..., Channel],
    make_piece: Callable[..., Piece],
) -> None:
    failing = automatic_channel(make_channel, "oa_failing")
    older = automatic_channel(make_channel, "oa_older")
    failed, failed_before = make_piece(channel=failing), make_piece(channel=older)
    job = PublishJob(piece=failed, state="failed", finished_at=NOW)
    record_error(job, Words(error_for(40125).said), "40125")
    stored = "旧版本保存的错误（错误码 45028）"  # a row from before the words were stored
    old = PublishJob(piece=failed_before, state="failed", finished_at=NOW, last_error=stored)
    db.session.add_all([job, old])
    db.session.commit()
    login(client, make_user("admin"))

    with merged_english(monkeypatch):
        client.get("/?lang=en")  # the language is remembered in the session
        english = health_table(client)
    client.get("/?lang=zh_Hans_CN")
    chinese = health_table(client)

    assert ENGLISH_40125 in english and "AppSecret 无效" not in english
    assert f"<span data-user-content>{stored}</span>" in english
    assert CHINESE_40125 in chinese and stored in chinese


# --- 2. the notification outbox on the routes page ------------------------------------------------


def test_an_undelivered_bot_message_says_why_in_the_readers_language(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    wecom: WeComFake,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    admin = make_user("admin")
    route_to(admin, "wecom", f"{wecom.url}/cgi-bin/webhook/send?key={wecom.secret}")
    fail_one(receiver, webhook_channel, due_piece)
    wecom.fail_with = 45009

    assert process_outbox(clock(NOW)) == 0

    (message,) = outbox()
    assert message.last_error == "机器人拒绝了消息（错误码 45009）"  # Chinese, for the logs
    assert message.last_error_params == [["notify.refused", {"code": 45009}]]
    login(client, admin)
    english = _get(client, monkeypatch, "/publishing/notifications", "en")
    chinese = _get(client, monkeypatch, "/publishing/notifications", "zh_Hans_CN")
    assert "The bot refused the message (error code 45009)" in english
    assert "机器人拒绝了消息" not in english
    assert "机器人拒绝了消息（错误码 45009）" in chinese


def test_an_unreachable_bot_and_an_older_row_on_the_routes_page(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    admin = make_user("admin")
    route_to(admin, "wecom", "http://127.0.0.1:9/cgi-bin/webhook/send?key=x")
    fail_one(receiver, webhook_channel, due_piece)
    process_outbox(clock(NOW))
    (message,) = outbox()
    assert message.last_error == "机器人地址无法访问（无法建立连接）"
    older = OutboxMessage(
        event="failed", title="旧通知", status="dead", attempts=3, last_error="旧版本保存的原因"
    )
    db.session.add(older)
    db.session.commit()
    login(client, admin)

    english = _get(client, monkeypatch, "/publishing/notifications", "en")

    assert "The bot address cannot be reached (could not connect)" in english
    assert "无法访问" not in english
    assert "<span data-user-content>旧版本保存的原因</span>" in english
