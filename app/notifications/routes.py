"""Who gets which notices besides the bell: group-bot and e-mail routes, personal subscriptions."""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select

from app import audit
from app.channels import require_http_url
from app.channels.outbound import BlockedDestination
from app.errors import N_, InvalidInput, MessageId
from app.extensions import db
from app.models import (
    Channel,
    NotificationRoute,
    NotificationSubscription,
    OutboxMessage,
    OutboxStatus,
    RouteKind,
    User,
)
from app.notifications.outbox import ROUTABLE_EVENTS
from app.runtime import outbound_guard, secret_box

ROUTABLE = {event.value for event in ROUTABLE_EVENTS}


@dataclass(frozen=True)
class RouteSettings:
    """A bot or mailing list and the events it gets, for one channel (None = all)."""

    name: str
    kind: str
    events: tuple[str, ...]
    url: str = ""
    secret: str = ""
    recipients: str = ""
    channel: Channel | None = None


def add_route(admin: User, wanted: RouteSettings) -> NotificationRoute:
    """Validate and store a notification route; URL and secret are stored encrypted."""
    if not wanted.name.strip():
        raise InvalidInput(N_("请填写名称。"))
    if wanted.kind not in {kind.value for kind in RouteKind}:
        raise InvalidInput(N_("请选择通知方式。"))
    events = [event for event in wanted.events if event in ROUTABLE]
    if not events:
        raise InvalidInput(N_("请至少选择一个事件。"))
    box = secret_box()
    route = NotificationRoute(
        name=wanted.name.strip()[:64],
        kind=wanted.kind,
        events=events,
        channel=wanted.channel,
        recipients=_route_target(wanted),
        url_encrypted="",
        secret_encrypted=box.encrypt(wanted.secret) if wanted.secret else "",
    )
    if wanted.kind != RouteKind.EMAIL:
        route.url_encrypted = box.encrypt(wanted.url.strip())
    db.session.add(route)
    db.session.flush()
    details = {"kind": route.kind, "events": events, "channel_id": route.channel_id}
    audit.record(admin, "notification_route.create", route, details=details)
    db.session.commit()
    return route


# require_http_url's refusal as a message id (app.channels may not import app.errors); the
# Chinese is the same as its. OutboundGuard.check_url refuses with one (BlockedDestination).
NOT_A_URL = N_("%(what)s必须是以 http:// 或 https:// 开头的完整网址。")


def _route_target(wanted: RouteSettings) -> str:
    """Check the bot URL or the e-mail addresses; return the normalised recipients."""
    if wanted.kind != RouteKind.EMAIL:
        what = N_("机器人地址")
        try:
            require_http_url(wanted.url, what)
        except ValueError:
            raise InvalidInput(NOT_A_URL, params={"what": MessageId(what)}, field="url") from None
        try:
            outbound_guard().check_url(wanted.url, what)
        except BlockedDestination as error:  # a message id naming the address and its host
            raise InvalidInput(error.message, field="url") from None
        if wanted.kind in (RouteKind.DINGTALK, RouteKind.FEISHU) and not wanted.secret:
            raise InvalidInput(N_("钉钉和飞书机器人需要填写签名密钥（加签）。"))
        return ""
    addresses = [a.strip() for a in wanted.recipients.replace("，", ",").split(",") if a.strip()]
    if not addresses:
        raise InvalidInput(N_("请填写至少一个收件人邮箱。"))
    return ",".join(_valid_address(address) for address in addresses)


def _valid_address(address: str) -> str:
    """The normalised address, or InvalidInput naming it (the validator's reason is English)."""
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidInput(
            N_("邮箱地址“%(address)s”不正确，请检查拼写。"), params={"address": address}
        ) from None


def delete_route(admin: User, route: NotificationRoute) -> None:
    """Remove a route; its unsent messages go with it."""
    audit.record(admin, "notification_route.delete", route, details={"name": route.name})
    db.session.delete(route)
    db.session.commit()


def subscriptions(user: User) -> set[str]:
    """The events ``user`` also gets by e-mail."""
    query = select(NotificationSubscription.event).where(
        NotificationSubscription.user_id == user.id
    )
    return set(db.session.scalars(query))


def save_subscriptions(user: User, events: list[str]) -> None:
    """Replace the events ``user`` gets by e-mail; an e-mail address is required for any."""
    wanted = sorted(set(events) & ROUTABLE)
    if wanted and not user.email:
        raise InvalidInput(N_("你的账号没有邮箱地址，请先请管理员填写邮箱。"))
    db.session.execute(
        delete(NotificationSubscription).where(NotificationSubscription.user_id == user.id)
    )
    db.session.add_all(NotificationSubscription(user_id=user.id, event=e) for e in wanted)
    db.session.commit()


def recent_failures(limit: int = 20) -> list[OutboxMessage]:
    """Outgoing notices that failed at least once and are not sent, newest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status != OutboxStatus.SENT.value, OutboxMessage.last_error != "")
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
