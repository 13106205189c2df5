"""The publishing pages: channel settings with masked secrets, notification settings, problems."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.models import (
    AuditEvent,
    Channel,
    ChannelPublishing,
    JobState,
    NotificationRoute,
    NotificationSubscription,
    Piece,
    PublishJob,
)
from app.publishing import services
from app.runtime import secret_box
from app.workflow import Status
from tests.channels.fakes import WebhookReceiver
from tests.publishing.conftest import NOW, later

SECRET = "whsec-0123456789-abcdef"
DuePiece = Callable[..., Piece]


def settings_of(channel: Channel) -> ChannelPublishing | None:
    """The stored settings, as the database has them."""
    db.session.expire_all()
    return db.session.get(ChannelPublishing, channel.id)


def test_a_webhook_url_must_be_http_or_https(
    client: FlaskClient, login_as, make_channel: Callable[..., Channel]
) -> None:
    login_as("admin")
    channel = make_channel("weibo")
    form = {"adapter": "webhook", "webhook_url": "ftp://brand.example/in", "secret": SECRET}

    refused = client.post(f"/publishing/channels/{channel.id}", data=form)
    javascript = client.post(
        f"/publishing/channels/{channel.id}", data=form | {"webhook_url": "javascript:alert(1)"}
    )

    assert refused.status_code == javascript.status_code == 400
    assert "必须是以 http:// 或 https:// 开头的完整网址" in refused.get_data(as_text=True)
    assert settings_of(channel) is None


def test_secrets_are_stored_encrypted_and_only_shown_masked(
    client: FlaskClient, login_as, make_channel: Callable[..., Channel]
) -> None:
    login_as("admin")
    channel = make_channel("weibo")
    form = {"adapter": "webhook", "webhook_url": "https://brand.example/in", "secret": SECRET}

    saved = client.post(f"/publishing/channels/{channel.id}", data=form)

    assert saved.status_code == 302
    stored = settings_of(channel)
    assert stored is not None and SECRET not in stored.secret_encrypted
    assert secret_box().decrypt(stored.secret_encrypted) == SECRET
    for page in (f"/publishing/channels/{channel.id}", "/publishing/channels"):
        html = client.get(page).get_data(as_text=True)
        assert SECRET not in html and "****cdef" in html
    # saving again without a secret keeps the stored one
    client.post(f"/publishing/channels/{channel.id}", data=form | {"secret": ""})
    assert secret_box().decrypt(settings_of(channel).secret_encrypted) == SECRET
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "channel.publishing_settings")
    ).first()
    assert audit is not None and SECRET not in str(audit.details)


def test_wechat_settings_need_an_appid_and_a_secret(
    client: FlaskClient, login_as, make_channel: Callable[..., Channel]
) -> None:
    login_as("admin")
    channel = make_channel("wechat_oa")

    no_appid = client.post(
        f"/publishing/channels/{channel.id}", data={"adapter": "wechat_oa", "secret": SECRET}
    )
    no_secret = client.post(
        f"/publishing/channels/{channel.id}", data={"adapter": "wechat_oa", "appid": "wx1"}
    )
    saved = client.post(
        f"/publishing/channels/{channel.id}",
        data={"adapter": "wechat_oa", "appid": "wx1", "secret": SECRET},
    )

    assert "AppID" in no_appid.get_data(as_text=True) and no_appid.status_code == 400
    assert "AppSecret" in no_secret.get_data(as_text=True) and no_secret.status_code == 400
    assert saved.status_code == 302 and settings_of(channel).appid == "wx1"


def test_admins_add_and_delete_notification_routes_with_the_url_masked(
    client: FlaskClient, login_as
) -> None:
    login_as("admin")
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key-123456"

    bad = client.post(
        "/publishing/notifications",
        data={"name": "运营群", "kind": "wecom", "url": "file:///etc", "events": ["failed"]},
    )
    added = client.post(
        "/publishing/notifications",
        data={"name": "运营群", "kind": "wecom", "url": url, "events": ["failed", "missed"]},
    )

    assert bad.status_code == 400 and added.status_code == 302
    route = db.session.scalars(select(NotificationRoute)).one()
    assert route.events == ["failed", "missed"] and route.channel_id is None
    html = client.get("/publishing/notifications").get_data(as_text=True)
    assert "secret-key-123456" not in html and "qyapi.weixin.qq.com" in html
    assert client.post(f"/publishing/notifications/{route.id}/delete").status_code == 302
    assert db.session.scalars(select(NotificationRoute)).all() == []


def test_users_choose_which_alerts_they_also_get_by_e_mail(client: FlaskClient, login_as) -> None:
    user = login_as("writer")

    without_email = client.post("/settings/notifications", data={"events": ["failed"]})
    user.email = "w@brand.example"
    db.session.commit()
    saved = client.post("/settings/notifications", data={"events": ["failed", "held"]})

    assert without_email.status_code == 400 and saved.status_code == 302
    events = db.session.scalars(
        select(NotificationSubscription.event).where(NotificationSubscription.user_id == user.id)
    )
    assert sorted(events) == ["failed", "held"]
    html = client.get("/settings/notifications").get_data(as_text=True)
    checked = {tag for tag in re.findall(r"<input[^>]*>", html) if "checked" in tag}
    assert {re.search(r'value="(\w+)"', tag).group(1) for tag in checked} == {"failed", "held"}


def test_the_problems_page_lists_failed_pieces_and_retry_reschedules_them(
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
) -> None:
    receiver.status = 400
    piece = due_piece(webhook_channel, title="失败的稿件")
    services.publish_due(NOW)
    login_as("reviewer")

    page = client.get("/publishing").get_data(as_text=True)
    assert "失败的稿件" in page and "HTTP 400" in page

    retried = client.post(f"/publishing/{piece.id}/retry", follow_redirects=True)
    assert "已重新排期，发布进程将尽快发布。" in retried.get_data(as_text=True)
    assert "worker" not in retried.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.SCHEDULED
    job = db.session.get(PublishJob, piece.id)
    assert job.state == JobState.PENDING and job.last_error == ""
    receiver.status = 200
    assert services.publish_due(later(minutes=1)).outcomes == {"published": [piece.id]}


def test_a_held_piece_is_sent_back_to_review_from_the_problems_page(
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    due_piece: DuePiece,
    load_lexicon,
) -> None:
    from app.compliance import Entry

    piece = due_piece(webhook_channel, body="含有违禁词的正文")
    load_lexicon(Entry("违禁词", "sensitive", "block"))
    services.publish_due(NOW)
    login_as("manager")

    assert "违禁词" in client.get("/publishing").get_data(as_text=True)
    assert client.post(f"/publishing/{piece.id}/retry").status_code == 409
    too_long = client.post(f"/publishing/{piece.id}/send-back", data={"reason": "长" * 501})
    assert too_long.status_code == 400 and "原因" in too_long.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.HELD  # the form refused, nothing moved
    assert client.post(f"/publishing/{piece.id}/send-back").status_code == 302

    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.IN_REVIEW


def test_a_failed_piece_with_a_new_block_hit_cannot_be_retried(
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    load_lexicon,
) -> None:
    from app.compliance import Entry

    receiver.status = 400
    piece = due_piece(webhook_channel, body="正文里有个新词")
    services.publish_due(NOW)
    load_lexicon(Entry("新词", "sensitive", "block"))
    login_as("reviewer")

    response = client.post(f"/publishing/{piece.id}/retry")

    assert response.status_code == 409 and "新词" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Piece, piece.id).status == Status.FAILED


def test_the_settings_forms_need_their_csrf_token(
    csrf_client: FlaskClient, make_user, make_channel: Callable[..., Channel]
) -> None:
    from tests.test_csrf import assert_refused, sign_in, token_from

    sign_in(csrf_client, make_user("admin"))
    channel = make_channel("weibo")
    url = f"/publishing/channels/{channel.id}"
    form = {"adapter": "webhook", "webhook_url": "https://brand.example/in", "secret": SECRET}

    assert_refused(csrf_client.post(url, data=form))
    assert settings_of(channel) is None
    saved = csrf_client.post(url, data=form | {"csrf_token": token_from(csrf_client, url)})
    assert saved.status_code == 302 and settings_of(channel) is not None


def test_a_missed_piece_is_listed_for_the_reviewers(
    client: FlaskClient, login_as, webhook_channel: Channel, due_piece: DuePiece
) -> None:
    from datetime import timedelta

    from app.models import utcnow

    due_piece(webhook_channel, at=utcnow() - timedelta(minutes=10), title="没赶上的稿件")
    login_as("manager")

    page = client.get("/publishing").get_data(as_text=True)

    missed = page[page.index('id="missed"') :]
    assert "没赶上的稿件" in missed and "发布进程可能没有运行" in missed


def test_sending_a_failed_piece_back_to_review_asks_first(
    client, webhook_channel, receiver, due_piece, make_user
) -> None:
    from tests.conftest import login
    from tests.publishing.conftest import NOW

    receiver.status = 400
    piece = due_piece(webhook_channel)
    services.publish_due(NOW)
    login(client, make_user("reviewer"))

    page = client.get("/publishing").get_data(as_text=True)

    assert f"/publishing/{piece.id}/send-back" in page
    assert 'data-confirm="退回审核后需要重新审核通过才能发布' in page


def test_the_review_sla_is_set_per_channel(
    app, client: FlaskClient, login_as, make_channel: Callable[..., Channel], make_piece
) -> None:
    from datetime import timedelta

    from app.models import utcnow
    from app.review.queue import QueueFilters, queue_items

    app.config["REVIEW_SLA_HOURS"] = 12
    channel = make_channel("douyin")
    assert channel.review_sla_hours == 12  # new channels take the configured default
    login_as("admin")
    form = {"adapter": "manual", "review_sla_hours": "2"}
    assert client.post(f"/publishing/channels/{channel.id}", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Channel, channel.id).review_sla_hours == 2
    too_long = client.post(
        f"/publishing/channels/{channel.id}", data=form | {"review_sla_hours": "9999"}
    )
    assert too_long.status_code == 400 and "720" in too_long.get_data(as_text=True)
    piece = make_piece(status="in_review", channel=db.session.get(Channel, channel.id))
    piece.submitted_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    [item] = queue_items(piece.owner, QueueFilters())
    assert item.sla_hours == 2 and item.sla_state == "breach"


@pytest.mark.parametrize(
    ("adapter", "first", "moved"),
    [
        (
            "webhook",
            {"webhook_url": "https://brand.example/in"},
            {"webhook_url": "https://x.example/"},
        ),
        ("wechat_oa", {"appid": "wx1"}, {"appid": "wx1", "base_url": "https://x.example"}),
        (
            "wechat_oa",
            {"appid": "wx1", "base_url": "https://proxy.example"},
            {"appid": "wx1", "base_url": ""},
        ),
    ],
)
def test_moving_a_destination_needs_the_secret_again(
    client: FlaskClient, login_as, make_channel: Callable[..., Channel], adapter, first, moved
) -> None:
    login_as("admin")
    channel = make_channel("weibo")
    url = f"/publishing/channels/{channel.id}"
    assert client.post(url, data={"adapter": adapter, "secret": SECRET} | first).status_code == 302

    refused = client.post(url, data={"adapter": adapter, "secret": ""} | moved)

    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert re.search(r'has-error">\s*<label for="secret"', page)
    assert "请重新填写密钥" in page
    stored = settings_of(channel)
    assert (stored.webhook_url, stored.base_url) == (
        first.get("webhook_url", ""),
        first.get("base_url", ""),
    )
    # with the secret typed again, the new destination is saved
    again = client.post(url, data={"adapter": adapter, "secret": "new-" + SECRET} | moved)
    assert again.status_code == 302
    assert secret_box().decrypt(settings_of(channel).secret_encrypted) == "new-" + SECRET


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5432/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8/hook",
        "http://[::1]/hook",
        "http://localhost/hook",
    ],
)
def test_destinations_on_internal_addresses_are_refused_when_saved(
    app, client: FlaskClient, login_as, make_channel: Callable[..., Channel], monkeypatch, url
) -> None:
    monkeypatch.setitem(app.config, "OUTBOUND_ALLOW", "")
    login_as("admin")
    channel = make_channel("weibo")
    webhook = {"adapter": "webhook", "webhook_url": url, "secret": SECRET}
    wechat = {"adapter": "wechat_oa", "appid": "wx1", "base_url": url, "secret": SECRET}
    bot = {"name": "群", "kind": "wecom", "url": url, "events": ["failed"], "channel": "0"}

    for form in (webhook, wechat):
        refused = client.post(f"/publishing/channels/{channel.id}", data=form)
        assert refused.status_code == 400 and "内部网络" in refused.get_data(as_text=True)
    refused = client.post("/publishing/notifications", data=bot)

    assert refused.status_code == 400 and "内部网络" in refused.get_data(as_text=True)
    assert settings_of(channel) is None
    assert db.session.scalars(select(NotificationRoute)).all() == []


def test_a_stored_internal_destination_fails_without_a_request_or_a_remote_body(
    app,
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    monkeypatch,
) -> None:
    # stored before the check existed: the worker refuses it at connect time
    monkeypatch.setitem(app.config, "OUTBOUND_ALLOW", "")
    piece = due_piece(webhook_channel)

    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}

    assert receiver.requests == []
    job = db.session.get(PublishJob, piece.id)
    assert "内部网络" in job.last_error


def test_a_receivers_body_is_not_shown_on_the_piece_page(
    client: FlaskClient,
    login_as,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
) -> None:
    receiver.status = 403  # its body says "receiver says no"
    piece = due_piece(webhook_channel)
    services.publish_due(NOW)
    login_as("writer")

    page = client.get(f"/pieces/{piece.id}").get_data(as_text=True)

    assert "HTTP 403" in page and "receiver says no" not in page
