"""Fixtures for the publishing runner: configured channels, due pieces and the fake servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from flask import Flask
from sqlalchemy import select

from app.compliance import Entry
from app.extensions import db
from app.models import (
    AdapterKind,
    BlackoutWindow,
    Channel,
    ChannelPublishing,
    Notification,
    Piece,
    PublishJob,
    User,
    content_hash,
)
from app.publishing import leases
from app.runtime import secret_box
from tests.channels.conftest import (
    PNG,
    dingtalk,
    feishu,
    receiver,
    smtp,
    wechat,
    wecom,
)
from tests.channels.fakes import WebhookReceiver, WeChatFake

# The fake servers' fixtures, shared with the adapter tests.
__all__ = ["dingtalk", "feishu", "receiver", "smtp", "wechat", "wecom"]

# The instant the publishing tests happen at. The clock is frozen there (see ``frozen_clock``),
# so a code path reading the wall clock agrees with the ``now`` the tests pass in, on any date.
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
MakePiece = Callable[..., Piece]
BANNED = Entry("违禁词", "sensitive", "block", suggestion="删除", basis="平台规则")


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Coordinates]:
    """Travel to NOW; the clock ticks on from there (fake servers and timeouts keep working)."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fast_publishing(app: Flask) -> None:
    """No waiting between WeChat polls; short timeouts; small, predictable backoff."""
    app.config.update(
        WECHAT_POLL_INTERVAL=0.0,
        WECHAT_TIMEOUT_SECONDS=2.0,
        PUBLISH_BACKOFF_SECONDS=30.0,
        PUBLISH_MAX_ATTEMPTS=3,
        PUBLISH_LEASE_SECONDS=120,
        HEMLINE_BASE_URL="https://hemline.example",
    )


@pytest.fixture
def as_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Switch the identity this process uses in leases, to play several workers."""

    def switch(name: str) -> None:
        monkeypatch.setattr(leases, "worker_id", lambda: name)

    return switch


def configure(
    channel: Channel, adapter: AdapterKind, *, secret: str = "", **fields: object
) -> None:
    """Store publishing settings for ``channel`` directly (the admin page is tested apart)."""
    settings = ChannelPublishing(
        channel=channel,
        adapter=adapter.value,
        secret_encrypted=secret_box().encrypt(secret) if secret else "",
        **fields,
    )
    db.session.add(settings)
    db.session.commit()


@pytest.fixture
def webhook_channel(make_channel: Callable[..., Channel], receiver: WebhookReceiver) -> Channel:
    """A channel publishing to the running webhook receiver."""
    channel = make_channel("weibo")
    configure(channel, AdapterKind.WEBHOOK, secret=receiver.secret, webhook_url=receiver.url)
    return channel


@pytest.fixture
def wechat_channel(make_channel: Callable[..., Channel], wechat: WeChatFake) -> Channel:
    """A 公众号 publishing to the running WeChat fake."""
    channel = make_channel("wechat_oa")
    configure(
        channel,
        AdapterKind.WECHAT_OA,
        secret=wechat.secret,
        appid=wechat.appid,
        base_url=wechat.url,
    )
    return channel


@pytest.fixture
def manual_channel(make_channel: Callable[..., Channel], make_user: Callable[..., User]) -> Channel:
    """A 小红书 channel posted by hand by a reviewer."""
    channel = make_channel("xiaohongshu")
    configure(channel, AdapterKind.MANUAL, assignee=make_user("reviewer", username="poster"))
    return channel


@pytest.fixture
def due_piece(make_piece: MakePiece) -> Callable[..., Piece]:
    """A scheduled piece on ``channel`` whose publish time is ``at`` (default: NOW)."""

    def factory(channel: Channel, at: datetime = NOW, **fields: object) -> Piece:
        piece = make_piece(status="scheduled", channel=channel, **fields)
        piece.publish_at = at
        db.session.commit()
        return piece

    return factory


@pytest.fixture
def manager(make_user: Callable[..., User]) -> User:
    """The manager who is alerted about held pieces and may publish, reschedule or send back."""
    return make_user("manager")


@pytest.fixture
def webhook_piece(webhook_channel: Channel, due_piece: Callable[..., Piece]) -> Piece:
    """A piece due at NOW on the webhook channel (a worker finds it late with later(...))."""
    return due_piece(webhook_channel)


def blackout(
    author: User, start: datetime, end: datetime, channel: Channel | None = None
) -> BlackoutWindow:
    """Store a blackout window (the calendar's form is tested elsewhere)."""
    window = BlackoutWindow(
        channel=channel, start_at=start, end_at=end, reason="全国哀悼日", author_id=author.id
    )
    db.session.add(window)
    db.session.commit()
    return window


@pytest.fixture
def mourning(manager: User) -> BlackoutWindow:
    """An all-channel blackout (全国哀悼日) from an hour before NOW to six hours after it."""
    return blackout(manager, later(hours=-1), later(hours=6))


def add_cover(app: Flask, piece: Piece) -> None:
    """Give the approved revision a cover file (the WeChat flow requires one) and re-pin it."""
    folder = Path(app.config["UPLOAD_FOLDER"]) / "covers"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cover.png").write_bytes(PNG)
    revision = piece.current_revision
    assert revision is not None
    revision.cover = "cover.png"
    fields = {f: getattr(revision, f) for f in ("title", "summary", "body", "cover")}
    fields |= {"content_type": revision.content_type, "channel": revision.channel_code}
    revision.content_hash = piece.approved_hash = content_hash(fields)
    db.session.commit()


def later(**delta: float) -> datetime:
    """NOW plus a time delta."""
    return NOW + timedelta(**delta)


def job_of(piece: Piece) -> PublishJob:
    """The piece's publish job as the database has it now."""
    db.session.expire_all()
    job = db.session.get(PublishJob, piece.id)
    assert job is not None
    return job


def notices(event: str) -> list[Notification]:
    """In-app notifications of one event."""
    return list(db.session.scalars(select(Notification).where(Notification.event == event)))
