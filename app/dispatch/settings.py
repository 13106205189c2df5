"""Publishing and notification settings: channel adapters, bot/e-mail routes, subscriptions."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select

from app import audit
from app.dispatch.adapters import secret_box
from app.dispatch.alerts import ROUTABLE_EVENTS
from app.errors import InvalidInput
from app.extensions import db
from app.models import (
    AdapterKind,
    Channel,
    ChannelPublishing,
    NotificationRoute,
    NotificationSubscription,
    OutboxMessage,
    OutboxStatus,
    Role,
    RouteKind,
    User,
    UserRole,
)
from app.publishing import require_http_url
from app.publishing.crypto import SecretDecryptError, mask

ROUTABLE = {event.value for event in ROUTABLE_EVENTS}


@dataclass(frozen=True)
class ChannelSettings:
    """What an admin asks a channel to publish with; an empty secret keeps the stored one."""

    adapter: str
    base_url: str = ""
    appid: str = ""
    webhook_url: str = ""
    secret: str = ""
    assignee: User | None = None
    review_sla_hours: int | None = None  # the channel's review SLA; None keeps it


def shown_secret(token: str) -> str:
    """A stored secret for display: masked, never in full."""
    if not token:
        return ""
    try:
        return mask(secret_box().decrypt(token))
    except SecretDecryptError:
        return "（无法解密，请重新填写）"


def shown_url(token: str) -> str:
    """A bot URL (which embeds its credential) for display: scheme and host, the rest masked."""
    if not token:
        return ""
    try:
        url = secret_box().decrypt(token)
    except SecretDecryptError:
        return "（无法解密，请重新填写）"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…{mask(url)}"


def assignee_candidates() -> list[User]:
    """People who can record a manual post (reviewers and managers), by name."""
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_([Role.REVIEWER.value, Role.MANAGER.value]), User.active)
        .order_by(User.display_name)
        .distinct()
    )
    return list(db.session.scalars(query))


def save_channel_settings(admin: User, channel: Channel, wanted: ChannelSettings) -> None:
    """Validate and store a channel's publishing settings, encrypting a new secret."""
    settings = channel.publishing
    same_adapter = settings is not None and settings.adapter == wanted.adapter
    _validate(wanted, has_secret=same_adapter and bool(settings and settings.secret_encrypted))
    if settings is None:
        settings = ChannelPublishing(channel=channel, secret_encrypted="")
    if not same_adapter:
        settings.secret_encrypted = ""  # a secret belongs to one kind of adapter
    settings.adapter = wanted.adapter
    settings.base_url = wanted.base_url.strip()
    settings.appid = wanted.appid.strip()
    settings.webhook_url = wanted.webhook_url.strip()
    settings.assignee = wanted.assignee
    settings.updated_by_id = admin.id
    if wanted.review_sla_hours is not None:
        channel.review_sla_hours = wanted.review_sla_hours
    if wanted.secret:
        settings.secret_encrypted = secret_box().encrypt(wanted.secret)
    db.session.add(settings)
    details = {
        "adapter": settings.adapter,
        "base_url": settings.base_url,
        "appid": settings.appid,
        "webhook_url": settings.webhook_url,
        "assignee_id": wanted.assignee.id if wanted.assignee else None,
        "secret_changed": bool(wanted.secret),
        "review_sla_hours": channel.review_sla_hours,
    }
    audit.record(admin, "channel.publishing_settings", channel, details=details)
    db.session.commit()


def _validate(wanted: ChannelSettings, *, has_secret: bool) -> None:
    """Raise InvalidInput for settings that could not publish."""
    if wanted.adapter not in {kind.value for kind in AdapterKind}:
        raise InvalidInput("请选择发布方式。")
    try:
        if wanted.adapter == AdapterKind.WEBHOOK:
            require_http_url(wanted.webhook_url, "Webhook 地址")
        if wanted.adapter == AdapterKind.WECHAT_OA and wanted.base_url.strip():
            require_http_url(wanted.base_url, "微信接口地址")
    except ValueError as error:
        raise InvalidInput(f"{error}。") from None
    if wanted.adapter == AdapterKind.WECHAT_OA and not wanted.appid.strip():
        raise InvalidInput("请填写公众号的 AppID。")
    if wanted.assignee is not None and not wanted.assignee.has_role(Role.REVIEWER, Role.MANAGER):
        raise InvalidInput("人工发布负责人必须是审核员或运营主管（由他们标记已发布）。")
    if wanted.adapter != AdapterKind.MANUAL and not (wanted.secret or has_secret):
        label = "AppSecret" if wanted.adapter == AdapterKind.WECHAT_OA else "签名密钥"
        raise InvalidInput(f"请填写{label}。")


# --- notification routes and subscriptions ----------------------------------------------------


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
        raise InvalidInput("请填写名称。")
    if wanted.kind not in {kind.value for kind in RouteKind}:
        raise InvalidInput("请选择通知方式。")
    events = [event for event in wanted.events if event in ROUTABLE]
    if not events:
        raise InvalidInput("请至少选择一个事件。")
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


def _route_target(wanted: RouteSettings) -> str:
    """Check the bot URL or the e-mail addresses; return the normalised recipients."""
    if wanted.kind != RouteKind.EMAIL:
        try:
            require_http_url(wanted.url, "机器人地址")
        except ValueError as error:
            raise InvalidInput(f"{error}。") from None
        if wanted.kind in (RouteKind.DINGTALK, RouteKind.FEISHU) and not wanted.secret:
            raise InvalidInput("钉钉和飞书机器人需要填写签名密钥（加签）。")
        return ""
    addresses = [a.strip() for a in wanted.recipients.replace("，", ",").split(",") if a.strip()]
    if not addresses:
        raise InvalidInput("请填写至少一个收件人邮箱。")
    return ",".join(_valid_address(address) for address in addresses)


def _valid_address(address: str) -> str:
    """The normalised address, or InvalidInput naming it (the validator's reason is English)."""
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidInput(f"邮箱地址“{address}”不正确，请检查拼写。") from None


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
        raise InvalidInput("你的账号没有邮箱地址，请先请管理员填写邮箱。")
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
