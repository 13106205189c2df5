"""The manager's calendar settings: channel policies, blackout windows and reserve targets."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from app import audit
from app.errors import N_, InvalidInput, PermissionDenied
from app.extensions import db
from app.models import (
    CONTENT_TYPE_LABELS,
    BlackoutWindow,
    Channel,
    ChannelPolicySetting,
    ContentType,
    Piece,
    ReserveTarget,
    Role,
    User,
)
from app.schedule.policy import COUNTED_STATUSES, ChannelPolicy, NaiveDatetime, aware_utc
from app.schedule.services import channel_policy

POLICY_FIELDS = (
    "promo_share_max_pct",
    "sends_per_day",
    "articles_per_send",
    "interactive_weekly_target",
    "daily_cadence",
)


@dataclass(frozen=True)
class PolicyChange:
    """The values a manager types into a channel's policy form."""

    promo_share_max_pct: int
    sends_per_day: int
    articles_per_send: int
    interactive_weekly_target: int
    daily_cadence: bool


def ensure_manager(user: User) -> None:
    """Raise PermissionDenied unless `user` is a manager (owner of the calendar and policy)."""
    if not user.has_role(Role.MANAGER):
        raise PermissionDenied(N_("只有运营主管可以修改日历规则。"))


# --- channel policy --------------------------------------------------------------------------


def update_policy(user: User, channel: Channel, change: PolicyChange) -> ChannelPolicySetting:
    """Store a channel's posting rules (validated by the policy module) with an audit row."""
    ensure_manager(user)
    before = channel_policy(channel)
    try:
        ChannelPolicy(channel.code, channel.kind, **asdict(change))
    except ValueError:
        raise InvalidInput(
            N_(
                "规则无效：促销占比须在 0–100% 之间，每天群发至少 1 次，"
                "每次群发 1–8 篇，互动目标不能为负数。"
            )
        ) from None
    row = db.session.get(ChannelPolicySetting, channel.id) or ChannelPolicySetting(
        channel_id=channel.id
    )
    for name, value in asdict(change).items():
        setattr(row, name, value)
    row.updated_by_id = user.id
    db.session.add(row)
    audit.record(
        user,
        "channel_policy.update",
        channel,
        details={
            "before": {name: getattr(before, name) for name in POLICY_FIELDS},
            "after": asdict(change),
        },
    )
    db.session.commit()
    return row


# --- blackouts -------------------------------------------------------------------------------


def add_blackout(
    user: User, start: datetime, end: datetime, channel: Channel | None, reason: str
) -> tuple[BlackoutWindow, list[Piece]]:
    """Add a blackout window; returns it and the scheduled pieces that now fall inside it."""
    ensure_manager(user)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(N_("请写明禁发原因（例如全国哀悼日）。"), field="reason")
    try:
        start, end = aware_utc(start, "start"), aware_utc(end, "end")
    except NaiveDatetime:
        raise InvalidInput(N_("禁发时段的开始和结束时间必须带时区。")) from None
    if end <= start:
        raise InvalidInput(N_("禁发时段的结束时间必须晚于开始时间。"), field="end_day")
    window = BlackoutWindow(
        channel=channel, start_at=start, end_at=end, reason=reason, author_id=user.id
    )
    db.session.add(window)
    db.session.flush()
    audit.record(user, "blackout.add", window, reason=reason, details=_blackout_details(window))
    db.session.commit()
    return window, pieces_inside(window)


def remove_blackout(user: User, window: BlackoutWindow) -> None:
    """Delete a blackout window; the audit row keeps what it was."""
    ensure_manager(user)
    audit.record(user, "blackout.remove", window, details=_blackout_details(window))
    db.session.delete(window)
    db.session.commit()


def pieces_inside(window: BlackoutWindow) -> list[Piece]:
    """Scheduled (or publishing/published) pieces whose time falls inside the window."""
    query = select(Piece).where(
        Piece.status.in_(COUNTED_STATUSES),
        Piece.publish_at >= window.start_at,
        Piece.publish_at < window.end_at,
    )
    if window.channel_id is not None:
        query = query.where(Piece.channel_id == window.channel_id)
    return list(db.session.scalars(query.order_by(Piece.publish_at)))


def upcoming_blackouts(now: datetime) -> list[BlackoutWindow]:
    """Blackout windows that have not ended yet, earliest first."""
    query = select(BlackoutWindow).where(BlackoutWindow.end_at > now)
    return list(db.session.scalars(query.order_by(BlackoutWindow.start_at)))


def _blackout_details(window: BlackoutWindow) -> dict[str, object]:
    return {
        "start": window.start_at.isoformat(),
        "end": window.end_at.isoformat(),
        "channel": window.channel.code if window.channel else None,
        "reason": window.reason,
    }


# --- reserve targets -------------------------------------------------------------------------


def set_reserve_target(
    user: User,
    target: int | None,
    channel: Channel | None = None,
    content_type: str | None = None,
) -> ReserveTarget | None:
    """Set (or with None clear) the overall, per-channel or per-type reserve target."""
    ensure_manager(user)
    if content_type is not None and content_type not in {t.value for t in ContentType}:
        raise InvalidInput(N_("未知的内容类型。"))
    if target is not None and not 0 <= target <= 100_000:
        raise InvalidInput(N_("储备目标必须是 0 到 100000 之间的整数。"), field="target")
    if target is None and channel is None and content_type is None:
        raise InvalidInput(N_("总储备目标不能取消，请填写篇数。"), field="target")
    row = reserve_target_row(channel, content_type)
    before = row.target if row else None
    if target is None:
        if row is not None:
            db.session.delete(row)
        row = None
    else:
        row = row or ReserveTarget(channel=channel, content_type=content_type)
        row.target, row.updated_by_id = target, user.id
        db.session.add(row)
    details = {"channel": channel.code if channel else None, "content_type": content_type}
    audit.record(
        user, "reserve_target.set", None, details={**details, "before": before, "after": target}
    )
    db.session.commit()
    return row


def reserve_target_row(channel: Channel | None, content_type: str | None) -> ReserveTarget | None:
    """The stored target for exactly this channel/type combination (None, None = overall)."""
    query = select(ReserveTarget).where(
        ReserveTarget.channel_id.is_(None)
        if channel is None
        else ReserveTarget.channel_id == channel.id,
        ReserveTarget.content_type.is_(None)
        if content_type is None
        else ReserveTarget.content_type == content_type,
    )
    return db.session.scalars(query).first()


def type_label(content_type: str | None) -> str:
    """The Chinese name of a content type, or 全部类型."""
    return CONTENT_TYPE_LABELS[ContentType(content_type)] if content_type else "全部类型"
