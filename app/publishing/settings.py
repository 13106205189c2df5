"""Publishing settings of each channel: its adapter, credentials, assignee and review SLA."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select

from app import audit
from app.channels import require_http_url
from app.channels.crypto import SecretDecryptError, mask
from app.channels.outbound import BlockedDestination, OutboundGuard
from app.channels.wechat_oa import DEFAULT_BASE_URL
from app.errors import N_, InvalidInput, MessageId
from app.extensions import db
from app.models import (
    AdapterKind,
    Channel,
    ChannelPublishing,
    Role,
    User,
    UserRole,
)
from app.models.publishing import DEFAULT_LATE_AFTER_MINUTES
from app.notifications.outbox import ROUTABLE_EVENTS
from app.runtime import outbound_guard, secret_box

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
    late_after_minutes: int | None = None  # the late-publishing limit; None keeps it (30)


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
    has_secret = same_adapter and bool(settings and settings.secret_encrypted)
    _validate(wanted, has_secret=has_secret)
    if has_secret and not wanted.secret and _destination_changed(settings, wanted):
        # The stored secret was given for the old address: it never follows a new one unasked.
        raise InvalidInput(
            N_("更改接口地址或 Webhook 地址后，请重新填写密钥（已保存的密钥不会发送到新地址）。"),
            field="secret",
        )
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
    if wanted.late_after_minutes is not None:
        if not 1 <= wanted.late_after_minutes <= 1440:
            raise InvalidInput(N_("超时上限须在 1 到 1440 分钟之间。"), field="late_after_minutes")
        settings.late_after_minutes = wanted.late_after_minutes
    elif settings.late_after_minutes is None:
        settings.late_after_minutes = DEFAULT_LATE_AFTER_MINUTES
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
        "late_after_minutes": settings.late_after_minutes,
    }
    audit.record(admin, "channel.publishing_settings", channel, details=details)
    db.session.commit()


# require_http_url's refusal as a message id (app.channels may not import app.errors); the
# Chinese is the same as its. OutboundGuard.check_url refuses with one (BlockedDestination).
NOT_A_URL = N_("%(what)s必须是以 http:// 或 https:// 开头的完整网址。")


def _check_destination(guard: OutboundGuard, url: str, what: str, field: str) -> None:
    """InvalidInput next to ``field`` unless ``url`` is http(s) and not an internal address."""
    try:
        require_http_url(url, what)
    except ValueError:
        raise InvalidInput(NOT_A_URL, params={"what": MessageId(what)}, field=field) from None
    try:
        guard.check_url(url, what)
    except BlockedDestination as error:  # a message id naming the address and its host
        raise InvalidInput(error.message, field=field) from None


def _destination(adapter: str, base_url: str, webhook_url: str) -> str:
    """Where a channel's secret is sent."""
    if adapter == AdapterKind.WEBHOOK:
        return webhook_url.strip()
    if adapter == AdapterKind.WECHAT_OA:
        return base_url.strip().rstrip("/") or DEFAULT_BASE_URL
    return ""


def _destination_changed(settings: ChannelPublishing | None, wanted: ChannelSettings) -> bool:
    """True if ``wanted`` sends the channel's secret somewhere else than the stored settings."""
    if settings is None:
        return False
    old = _destination(settings.adapter, settings.base_url, settings.webhook_url)
    return old != _destination(wanted.adapter, wanted.base_url, wanted.webhook_url)


def _validate(wanted: ChannelSettings, *, has_secret: bool) -> None:
    """Raise InvalidInput for settings that could not publish."""
    if wanted.adapter not in {kind.value for kind in AdapterKind}:
        raise InvalidInput(N_("请选择发布方式。"))
    guard = outbound_guard()
    if wanted.adapter == AdapterKind.WEBHOOK:
        _check_destination(guard, wanted.webhook_url, N_("Webhook 地址"), "webhook_url")
    if wanted.adapter == AdapterKind.WECHAT_OA and wanted.base_url.strip():
        _check_destination(guard, wanted.base_url, N_("微信接口地址"), "base_url")
    if wanted.adapter == AdapterKind.WECHAT_OA and not wanted.appid.strip():
        raise InvalidInput(N_("请填写公众号的 AppID。"))
    if wanted.assignee is not None and not wanted.assignee.has_role(Role.REVIEWER, Role.MANAGER):
        raise InvalidInput(N_("人工发布负责人必须是审核员或运营主管（由他们标记已发布）。"))
    if wanted.adapter != AdapterKind.MANUAL and not (wanted.secret or has_secret):
        label = "AppSecret" if wanted.adapter == AdapterKind.WECHAT_OA else N_("签名密钥")
        raise InvalidInput(N_("请填写%(label)s。"), params={"label": MessageId(label)})
