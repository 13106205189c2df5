"""Creating and reading in-app notifications; every event of PRODUCT §6 goes through notify()."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Notification, Piece, User, utcnow

EVENT_LABELS = {
    "submitted": "新稿件待审核",
    "changes_requested": "稿件需要修改",
    "approved": "稿件已通过",
    "rejected": "稿件被驳回",
    "needs_legal": "需要法务会签",
    "held": "发布被拦截",
    "failed": "发布失败",
    "missed": "错过发布时间",
    "sla_breach": "审核超时",
    "lexicon_changed": "词库已更新",
    "compliance_flag": "已排期稿件出现禁止词",
    "manual_ready": "请手动发布",
}


def notify(
    users: Iterable[User],
    event: str,
    title: str,
    *,
    text: str = "",
    url: str = "",
    piece: Piece | None = None,
) -> list[Notification]:
    """Add one notification per distinct user (no commit); the caller commits with its change."""
    if event not in EVENT_LABELS:
        raise ValueError(f"unknown notification event {event!r}")
    seen: set[int] = set()
    created = []
    for user in users:
        if user is None or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        notice = Notification(
            user_id=user.id,
            event=event,
            title=title[:200],
            text=text,
            url=url[:300],
            piece_id=piece.id if piece else None,
        )
        db.session.add(notice)
        created.append(notice)
    return created


def unread_count(user: User) -> int:
    """How many notifications the user has not read."""
    query = select(func.count()).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(query) or 0


def recent(user: User, limit: int = 50) -> list[Notification]:
    """The user's latest notifications, newest first."""
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of the user's notifications read; returns how many changed."""
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_ids is not None:
        query = query.where(Notification.id.in_(list(notification_ids)))
    result = db.session.execute(query.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0
