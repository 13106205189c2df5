"""Notices: in-app notifications, and their bot/e-mail copies queued per the routing settings.

Every event of PRODUCT §6 goes through ``notify()``: it adds the in-app notifications and, in the
same transaction, one outbox row per group-bot route and per e-mail subscriber that wants the
event (app.notifications.outbox sends them from the worker). Event names are the one vocabulary
of ``app.notifications.events.Event``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypedDict, Unpack

from flask import current_app
from sqlalchemy import ColumnElement, Integer, bindparam, func, insert, or_, select, update

from app.extensions import db, rowcount
from app.models import (
    Notification,
    NotificationRoute,
    NotificationSubscription,
    OutboxMessage,
    Piece,
    Role,
    User,
    UserRole,
    utcnow,
)
from app.notifications.events import Event, Words


def users_with_roles(*roles: Role) -> list[User]:
    """Active users holding any of ``roles``, by id."""
    query = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_([role.value for role in roles]), User.active)
        .order_by(User.id)
        .distinct()
    )
    return list(db.session.scalars(query))


def ids_with_roles(*roles: Role) -> list[int]:
    """Ids of the active users holding any of ``roles``, by id: what ``notify_ids`` takes, without
    loading the users (a submit tells every reviewer; issue 16)."""
    query = (
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_([role.value for role in roles]), User.active)
        .order_by(User.id)
        .distinct()
    )
    return list(db.session.scalars(query))


class NoticeDetails(TypedDict, total=False):
    """The optional parts of a notice, shared by ``notify`` and ``notify_ids``."""

    text: Words | str
    url: str
    piece: Piece | None
    at: datetime | None


def notify(
    users: Iterable[User | None], event: str, title: Words | str, **details: Unpack[NoticeDetails]
) -> list[int]:
    """Notify each distinct active user in the app and queue the routed copies (no commit);
    returns the ids of the users notified.

    ``title`` and ``text`` are ``Words``: stored as message keys with parameters, so each reader
    sees them in their language (app.notifications.wording); a plain string is kept as written.
    The stored ``title``/``text`` columns and the bot and e-mail copies read in Chinese (users
    have no language setting; the group bots speak to a team).
    ``at`` is the caller's clock (a worker pass decides by one ``now``): the notices are dated
    then and the copies are due then, so a pass never mixes its ``now`` with the wall clock.
    """
    ids = [user.id for user in users if user is not None and user.active]
    return notify_ids(ids, event, title, **details)


def notify_ids(
    user_ids: Iterable[int],
    event: str,
    title: Words | str,
    *,
    text: Words | str = "",
    url: str = "",
    piece: Piece | None = None,
    at: datetime | None = None,
) -> list[int]:
    """``notify`` for users known by id (the caller vouches that they are active): the notices
    are inserted in one statement, without an object each (issue 16: a submit tells every
    reviewer). Returns the distinct ids notified."""
    at = at or utcnow()
    title_words = title if isinstance(title, Words) else Words.as_is(title)
    text_words = text if isinstance(text, Words) else Words.as_is(text)
    params = {"title": title_words.to_json(), "text": text_words.to_json()}
    title, text = str(title_words), str(text_words)
    try:
        kind = Event(event)
    except ValueError:
        raise ValueError(f"unknown notification event {event!r}") from None
    ids = list(dict.fromkeys(user_ids))
    if ids:
        notice: dict[str, object] = {"event": kind.value, "title": title[:200], "text": text}
        notice |= {"params": params}
        notice |= {"url": url[:300], "piece_id": piece.id if piece else None, "created_at": at}
        db.session.execute(insert(Notification), [{"user_id": i, **notice} for i in ids])
        db.session.info.setdefault(_NOTIFIED, set()).update(ids)
    queue_copies(kind, title, text, url, piece, ids, at)
    return ids


# The session's record of users notified in it: their bell count is read anew (unread_count).
_NOTIFIED = "hemline.notified_users"


def queue_copies(
    event: Event,
    title: str,
    text: str,
    url: str,
    piece: Piece | None,
    user_ids: list[int],
    at: datetime,
) -> int:
    """Outbox rows, due ``at``, for the routes that take ``event`` and its subscribers."""
    link = current_app.config["HEMLINE_BASE_URL"].rstrip("/") + url if url.startswith("/") else url
    message: dict[str, object] = {"event": event.value, "title": title[:200], "text": text}
    message |= {"url": link[:500]}
    message |= {"created_at": at, "next_attempt_at": at}
    piece_id = piece.id if piece else None
    rows = [
        OutboxMessage(piece_id=piece_id, route_id=route.id, **message)
        for route in _routes_for(event, piece.channel_id if piece else None)
    ]
    rows += [
        OutboxMessage(piece_id=piece_id, email=address, **message)
        for address in _subscribed_addresses(event, user_ids)
    ]
    db.session.add_all(rows)
    return len(rows)


def _routes_for(event: Event, channel_id: int | None) -> list[NotificationRoute]:
    """Active routes for all channels or for the piece's channel that take ``event``."""
    scope: ColumnElement[bool] = NotificationRoute.channel_id.is_(None)
    if channel_id is not None:
        scope = or_(scope, NotificationRoute.channel_id == channel_id)
    query = select(NotificationRoute).where(NotificationRoute.active, scope)
    return [route for route in db.session.scalars(query) if event.value in (route.events or [])]


def _subscribed_addresses(event: Event, user_ids: list[int]) -> list[str]:
    """E-mail addresses of the given users who asked for ``event`` by e-mail too."""
    if not user_ids:
        return []
    query = (
        select(User.email)
        .join(NotificationSubscription, NotificationSubscription.user_id == User.id)
        .where(
            NotificationSubscription.event == event.value,
            User.id.in_(user_ids),
            User.active,
            User.email.is_not(None),
            User.email != "",
        )
    )
    return sorted(set(db.session.scalars(query)))


def unread_count(user: User) -> int:
    """How many notifications the user has not read: the count read with the log-in unless the
    user's notifications changed since (auth.services.user_for_session)."""
    if user.known_unread is not None and user.id not in db.session.info.get(_NOTIFIED, ()):
        return user.known_unread
    return db.session.scalar(_UNREAD, {"user_id": user.id}) or 0


# The bell's count on every page, built once with the user as a parameter (issue 16).
_UNREAD = select(func.count()).where(
    Notification.user_id == bindparam("user_id", type_=Integer), Notification.read_at.is_(None)
)


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
    user.forget_unread()
    return rowcount(result) or 0
