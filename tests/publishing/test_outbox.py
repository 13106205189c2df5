"""Alerts to group bots and e-mail go through an outbox: retried, logged, never blocking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.models import Channel, NotificationRoute, OutboxMessage, OutboxStatus, Piece, User
from app.notifications.outbox import process_outbox
from app.notifications.routes import RouteSettings, add_route, save_subscriptions
from app.publishing import services
from app.runtime import secret_box
from app.workflow import Status
from tests.channels.fakes import SmtpFake, WebhookReceiver, WeComFake
from tests.publishing.conftest import NOW, later

DuePiece = Callable[..., Piece]


def clock(at: datetime) -> Callable[[], datetime]:
    """A fixed clock."""
    return lambda: at


def route_to(admin: User, kind: str, url: str, secret: str = "", **extra: object) -> None:
    """Add a route for the failed event on every channel."""
    wanted = RouteSettings(
        name=f"{kind} 群", kind=kind, events=("failed",), url=url, secret=secret, **extra
    )
    add_route(admin, wanted)


def fail_one(receiver: WebhookReceiver, channel: Channel, due_piece: DuePiece) -> Piece:
    """Publish a piece that fails at once (the receiver says 400)."""
    receiver.status = 400
    piece = due_piece(channel)
    assert services.publish_due(NOW).outcomes == {"failed": [piece.id]}
    return piece


def outbox() -> list[OutboxMessage]:
    """Every outbox row, oldest first."""
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_a_failure_reaches_the_group_bot_signed_as_the_vendor_requires(
    request: pytest.FixtureRequest,
    kind: str,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    fake = request.getfixturevalue(kind)
    url = {
        "wecom": f"{fake.url}/cgi-bin/webhook/send?key={fake.secret}",
        "dingtalk": f"{fake.url}/robot/send?access_token=robot-token",
        "feishu": f"{fake.url}/open-apis/bot/v2/hook/hook-id",
    }[kind]
    route_to(make_user("admin"), kind, url, "" if kind == "wecom" else fake.secret)
    piece = fail_one(receiver, webhook_channel, due_piece)

    assert process_outbox() == 1

    (message,) = fake.messages
    assert piece.title in str(message) and "hemline.example/pieces/" in str(message)
    assert [m.status for m in outbox()] == [OutboxStatus.SENT]


def test_a_failed_delivery_is_retried_with_backoff_and_given_up_after_the_limit(
    app: Flask,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    wecom: WeComFake,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    app.config["NOTIFY_MAX_ATTEMPTS"] = 3
    route_to(make_user("admin"), "wecom", f"{wecom.url}/cgi-bin/webhook/send?key={wecom.secret}")
    fail_one(receiver, webhook_channel, due_piece)
    wecom.fail_with = 45009

    assert process_outbox(clock(NOW)) == 0
    (message,) = outbox()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
    assert message.next_attempt_at == later(seconds=30) and "45009" in message.last_error
    assert process_outbox(clock(later(seconds=29))) == 0 and outbox()[0].attempts == 1

    wecom.fail_with = 0
    assert process_outbox(clock(later(seconds=30))) == 1
    assert outbox()[0].status == OutboxStatus.SENT and len(wecom.messages) == 1

    wecom.fail_with = 45009
    fail_one(receiver, webhook_channel, due_piece)
    for at in (later(seconds=0), later(seconds=30), later(seconds=90)):
        process_outbox(clock(at))
    assert outbox()[1].status == OutboxStatus.DEAD and outbox()[1].attempts == 3


def test_an_unreachable_bot_never_blocks_publishing(
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    due_piece: DuePiece,
    make_user: Callable[..., User],
) -> None:
    route_to(make_user("admin"), "wecom", "http://127.0.0.1:9/cgi-bin/webhook/send?key=x")
    fail_one(receiver, webhook_channel, due_piece)
    receiver.status = 200
    piece = due_piece(webhook_channel)

    counts = services.run_pass(later(seconds=1))
    process_outbox(clock(later(seconds=1)))

    assert counts["published"] == 1
    assert db.session.get(Piece, piece.id).status == Status.PUBLISHED
    assert "无法访问" in outbox()[0].last_error


def test_subscribers_get_e_mail_through_smtp(
    app: Flask,
    smtp: SmtpFake,
    webhook_channel: Channel,
    receiver: WebhookReceiver,
    make_piece,
    make_user: Callable[..., User],
) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_SECURITY="none")
    owner = make_user("writer")
    owner.email = "writer@brand.example"
    db.session.commit()
    save_subscriptions(owner, ["failed", "not-an-event"])
    receiver.status = 400
    piece = make_piece(owner, status="scheduled", channel=webhook_channel)
    piece.publish_at = NOW
    db.session.commit()
    services.publish_due(NOW)

    assert process_outbox() == 1

    (envelope,) = smtp.messages
    assert envelope.recipients == ["writer@brand.example"]
    mail = message_from_bytes(envelope.data, policy=default_policy)
    assert mail["Subject"] == f"[Hemline] 发布失败：{piece.title}"


def test_route_urls_and_secrets_are_stored_encrypted(make_user: Callable[..., User]) -> None:
    route_to(
        make_user("admin"),
        "dingtalk",
        "https://oapi.dingtalk.com/robot/send?access_token=t0k",
        "SECabc",
    )

    route = db.session.scalars(select(NotificationRoute)).one()
    assert "t0k" not in route.url_encrypted and "SECabc" not in route.secret_encrypted
    assert secret_box().decrypt(route.url_encrypted).endswith("access_token=t0k")
