"""Publishing: channel settings, one publish job per piece, shared WeChat tokens, notice routing."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from app.extensions import db
from app.models.base import UTCDateTime, in_list, utcnow
from app.models.content import Channel, Piece
from app.models.people import User


class AdapterKind(StrEnum):
    """How a channel publishes (app.channels adapters)."""

    WECHAT_OA = "wechat_oa"  # the 公众号 API flow
    WEBHOOK = "webhook"  # a signed JSON POST to one of the brand's systems
    MANUAL = "manual"  # a person posts by hand and records the URL


ADAPTER_LABELS = {
    AdapterKind.WECHAT_OA: _l("微信公众号接口"),
    AdapterKind.WEBHOOK: _l("Webhook 推送"),
    AdapterKind.MANUAL: _l("人工发布"),
}


DEFAULT_LATE_AFTER_MINUTES = 30  # also for channels without publishing settings


# db.Model is created at run time, so mypy cannot use it as a base class: hence the
# `type: ignore[name-defined]` on the model classes of this module.
class ChannelPublishing(db.Model):  # type: ignore[name-defined]
    """How one channel publishes; secrets are stored encrypted (app.channels.crypto)."""

    __tablename__ = "channel_publishing"
    __table_args__ = (CheckConstraint(in_list("adapter", AdapterKind), name="adapter_valid"),)

    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True
    )
    adapter: Mapped[str] = mapped_column(String(20))
    base_url: Mapped[str] = mapped_column(String(300), default="")  # 微信接口地址
    appid: Mapped[str] = mapped_column(String(64), default="")
    webhook_url: Mapped[str] = mapped_column(String(500), default="")
    # AppSecret (wechat_oa) or signing secret (webhook), as a Fernet token.
    secret_encrypted: Mapped[str] = mapped_column(Text, default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # A piece found more than this many minutes past its time (after an outage) is not published
    # automatically: a person decides (app.publishing.sends.hold_late).
    late_after_minutes: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_LATE_AFTER_MINUTES, server_default=str(DEFAULT_LATE_AFTER_MINUTES)
    )

    channel: Mapped[Channel] = relationship(
        backref=backref("publishing", uselist=False, passive_deletes=True)
    )
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])

    @property
    def adapter_label(self) -> str:
        """The adapter's name in the current language."""
        return str(ADAPTER_LABELS[AdapterKind(self.adapter)])


class JobState(StrEnum):
    """Where the publishing of one piece stands; the piece's own status is the workflow's."""

    PENDING = "pending"  # waiting for its next attempt (retry backoff or a status poll)
    RUNNING = "running"  # a worker holds the lease and is talking to the platform
    AWAITING_PERSON = "awaiting_person"  # manual channel: the assignee posts it by hand
    DONE = "done"  # published; platform id and URL recorded
    FAILED = "failed"  # gave up; the piece is failed and the error is shown
    STOPPED = "stopped"  # held or sent back to review before anything went out
    BLACKOUT = "blackout"  # due inside a blackout window: nothing went out; waits for a reschedule
    LATE = "late"  # found too long after its time (an outage): nothing went out; a person decides


JOB_STATE_LABELS = {
    JobState.PENDING: _l("等待重试"),
    JobState.RUNNING: _l("发布中"),
    JobState.AWAITING_PERSON: _l("等待人工发布"),
    JobState.DONE: _l("已完成"),
    JobState.FAILED: _l("已失败"),
    JobState.STOPPED: _l("已停止"),
    JobState.BLACKOUT: _l("禁发时段暂停"),
    JobState.LATE: _l("超时未发，待人工决定"),
}


class PublishJob(db.Model):  # type: ignore[name-defined]
    """The publishing of one piece: lease, attempts, the platform checkpoint and the outcome."""

    __tablename__ = "publish_job"
    __table_args__ = (
        CheckConstraint(in_list("state", JobState), name="state_valid"),
        Index("ix_publish_job_state_next", "state", "next_attempt_at"),
    )

    piece_id: Mapped[int] = mapped_column(
        ForeignKey("piece.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(20), default=JobState.RUNNING.value)
    adapter: Mapped[str] = mapped_column(String(20), default="")
    # The approved content hash the checkpoint belongs to; a new approval starts afresh.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # attempts started
    failures: Mapped[int] = mapped_column(Integer, default=0)  # transient failures in a row
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checkpoint: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    platform_id: Mapped[str] = mapped_column(String(200), default="")
    platform_url: Mapped[str] = mapped_column(String(500), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")  # Chinese, as it was said
    last_error_code: Mapped[str] = mapped_column(String(64), default="")
    # What ``last_error`` says as message keys with parameters (app.notifications.events.Words
    # JSON), written in the reader's language (app.publishing.job_errors); None on older rows
    # and for texts nobody can translate, which show ``last_error`` as stored.
    last_error_params: Mapped[list[Any] | None] = mapped_column(JSON)
    outcome_unknown: Mapped[bool] = mapped_column(default=False)
    missed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a blackout window stopped (or delayed) this publish and the managers were told.
    blackout_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the late-publishing policy stopped this publish and people were told.
    late_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 公众号 group send: the piece whose job leads the send (its own id on the leader's job).
    batch_id: Mapped[int | None] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    piece: Mapped[Piece] = relationship(
        backref=backref("publish_job", uselist=False, passive_deletes=True)
    )

    @property
    def state_label(self) -> str:
        """The state in the current language."""
        return str(JOB_STATE_LABELS[JobState(self.state)])

    def clear_alert_markers(self) -> None:
        """Forget missed, escalation, blackout and late alerts: the next one is alerted again."""
        self.missed_at = self.escalated_at = self.blackout_at = self.late_at = None


class WeChatToken(db.Model):  # type: ignore[name-defined]
    """A 公众号 access token shared by every worker (the stable-token API is rate-limited)."""

    __tablename__ = "wechat_token"

    appid: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_encrypted: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class RouteKind(StrEnum):
    """Where a notification route delivers."""

    WECOM = "wecom"  # 企业微信群机器人
    DINGTALK = "dingtalk"  # 钉钉群机器人（加签）
    FEISHU = "feishu"  # 飞书群机器人（签名校验）
    EMAIL = "email"  # e-mail over the configured SMTP server


ROUTE_KIND_LABELS = {
    RouteKind.WECOM: _l("企业微信群机器人"),
    RouteKind.DINGTALK: _l("钉钉群机器人"),
    RouteKind.FEISHU: _l("飞书群机器人"),
    RouteKind.EMAIL: _l("邮件"),
}


class NotificationRoute(db.Model):  # type: ignore[name-defined]
    """A group bot or mailing list that receives some events, for one channel or for all."""

    __tablename__ = "notification_route"
    __table_args__ = (CheckConstraint(in_list("kind", RouteKind), name="kind_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10))
    # Bot webhook URLs carry the bot's credential (key / access_token), so they are encrypted.
    url_encrypted: Mapped[str] = mapped_column(Text, default="")
    secret_encrypted: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")  # e-mail addresses, comma-separated
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channel.id", ondelete="CASCADE"))
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    channel: Mapped[Channel | None] = relationship()

    @property
    def kind_label(self) -> str:
        """The kind in the current language."""
        return str(ROUTE_KIND_LABELS[RouteKind(self.kind)])


class NotificationSubscription(db.Model):  # type: ignore[name-defined]
    """A user's choice to get one event by e-mail too (in-app notices always arrive)."""

    __tablename__ = "notification_subscription"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    event: Mapped[str] = mapped_column(String(30), primary_key=True)


class OutboxStatus(StrEnum):
    """Delivery state of one outgoing notice."""

    PENDING = "pending"  # to be sent at next_attempt_at (first try or a retry)
    SENT = "sent"  # delivered
    DEAD = "dead"  # gave up after the retry limit; the error is kept


class OutboxMessage(db.Model):  # type: ignore[name-defined]
    """A notice for a bot or a mailbox, written with the change it reports, sent by the worker."""

    __tablename__ = "notification_outbox"
    __table_args__ = (
        CheckConstraint(in_list("status", OutboxStatus), name="status_valid"),
        Index("ix_notification_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    piece_id: Mapped[int | None] = mapped_column(ForeignKey("piece.id", ondelete="SET NULL"))
    route_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification_route.id", ondelete="CASCADE")
    )
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")  # Chinese, as it was said
    # …as message keys with parameters (Words JSON, like PublishJob's), shown in the reader's
    # language on the routes page; None on older rows, which show ``last_error`` (issue 20)
    last_error_params: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    route: Mapped[NotificationRoute | None] = relationship()
