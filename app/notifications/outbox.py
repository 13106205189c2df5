"""Publishing alerts: in-app notices now, bots and e-mail through an outbox the worker drains."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from app.channels import SettingsError
from app.channels.crypto import SecretDecryptError
from app.extensions import db, rowcount
from app.models import (
    Decision,
    OutboxMessage,
    OutboxStatus,
    Piece,
    ReviewDecision,
    Role,
    RouteKind,
    User,
    utcnow,
)
from app.notifications.events import Words
from app.notifications.senders import (
    DingTalkBot,
    EmailNotifier,
    Event,
    FeishuBot,
    Notice,
    Notifier,
    NotifyError,
    SmtpConfig,
    WeComBot,
)
from app.notifications.services import notify, users_with_roles
from app.runtime import outbound_guard, secret_box, worker_id

log = logging.getLogger("hemline.dispatch")

# Every event can be routed to bots or e-mail (PRODUCT §6), in the order the forms list them.
ROUTABLE_EVENTS = tuple(Event)
OUTBOX_LEASE = timedelta(minutes=2)
OUTBOX_BACKOFF_SECONDS = 30.0
OUTBOX_BACKOFF_MAX_SECONDS = 3600.0


def approvers(piece: Piece) -> list[User]:
    """The reviewers who approved the piece, latest first."""
    query = (
        select(ReviewDecision)
        .where(
            ReviewDecision.piece_id == piece.id,
            ReviewDecision.decision == Decision.APPROVE.value,
        )
        .order_by(ReviewDecision.id.desc())
    )
    return [decision.reviewer for decision in db.session.scalars(query)]


def managers() -> list[User]:
    """Active users holding the manager role."""
    return users_with_roles(Role.MANAGER)


def alert(
    event: Event,
    piece: Piece,
    users: Iterable[User | None],
    title: Words | str,
    text: Words | str,
    at: datetime | None = None,
) -> None:
    """Notify ``users`` about a piece in the app and queue the routed bot/e-mail copies (no commit).

    The outbox rows are written in the caller's transaction, so a notice exists exactly when the
    change it reports does; sending happens later in the worker and never blocks publishing.
    """
    notify(users, event.value, title, text=text, url=f"/pieces/{piece.id}", piece=piece, at=at)


# --- the outbox -------------------------------------------------------------------------------


def process_outbox(now: Callable[[], datetime] = utcnow, limit: int = 50) -> int:
    """Send due outbox messages, each claimed like a publish job; returns how many were sent."""
    query = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING.value,
            OutboxMessage.next_attempt_at <= now(),
            or_(OutboxMessage.lease_owner.is_(None), OutboxMessage.lease_expires_at < now()),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    ids = list(db.session.scalars(query))
    db.session.commit()
    return sum(_deliver(message_id, now) for message_id in ids)


def _claim(message_id: int, now: Callable[[], datetime]) -> OutboxMessage | None:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING.value,
            or_(OutboxMessage.lease_owner.is_(None), OutboxMessage.lease_expires_at < now()),
        )
        .values(
            lease_owner=worker_id(),
            lease_expires_at=now() + OUTBOX_LEASE,
            attempts=OutboxMessage.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if rowcount(claimed) != 1:
        return None
    return db.session.get(OutboxMessage, message_id, populate_existing=True)


def _deliver(message_id: int, now: Callable[[], datetime]) -> bool:
    message = _claim(message_id, now)
    if message is None:
        return False
    try:
        notice = Notice(Event(message.event), message.title, message.text, message.url)
        notifier = _notifier(message)
        db.session.commit()  # no transaction stays open while the bot or mail server answers
        notifier.send(notice)
    except (NotifyError, ValueError, SecretDecryptError) as error:
        _record_failure(message, _failure_words(error), now())
        return False
    message.status, message.sent_at = OutboxStatus.SENT.value, now()
    message.lease_owner = message.lease_expires_at = None
    db.session.commit()
    return True


def _failure_words(error: Exception) -> Words:
    """What a failed delivery says (message keys with parameters; text we did not write, as is)."""
    if isinstance(error, NotifyError):
        return error.words
    if isinstance(error, SecretDecryptError):
        return Words.of("publish.secret_unreadable")
    if isinstance(error, SettingsError):  # a bot address that is not http(s)
        return Words(error.said)
    return Words.as_is(str(error))


def _record_failure(message: OutboxMessage, words: Words, now: datetime) -> None:
    limit = current_app.config["NOTIFY_MAX_ATTEMPTS"]
    error = str(words)  # Chinese, for the logs; the page says the words (issue 20)
    message.last_error, message.last_error_params = error[:2000], words.to_json() or None
    message.lease_owner = message.lease_expires_at = None
    if message.attempts >= limit:
        message.status = OutboxStatus.DEAD.value
        log.error("通知 #%s 发送 %s 次仍失败，放弃：%s", message.id, message.attempts, error)
    else:
        delay = min(
            OUTBOX_BACKOFF_SECONDS * 2 ** (message.attempts - 1), OUTBOX_BACKOFF_MAX_SECONDS
        )
        message.next_attempt_at = now + timedelta(seconds=delay)
        log.warning(
            "通知 #%s 发送失败（第 %s 次），稍后重试：%s", message.id, message.attempts, error
        )
    db.session.commit()


def _notifier(message: OutboxMessage) -> Notifier:
    """The notifier for one message: its route's bot or mailing list, or one subscriber's inbox."""
    guard = outbound_guard()  # bots and the mail server: checked addresses only
    route = message.route
    if route is None:
        if not message.email:
            raise NotifyError(Words.of("notify.no_route"), "no_route")
        return EmailNotifier(smtp_config(), [message.email], guard)
    box = secret_box()
    if route.kind == RouteKind.EMAIL:
        recipients = [r.strip() for r in route.recipients.split(",") if r.strip()]
        return EmailNotifier(smtp_config(), recipients, guard)
    url = box.decrypt(route.url_encrypted)
    transport = guard.transport()
    if route.kind == RouteKind.WECOM:
        return WeComBot(url, transport=transport)
    secret = box.decrypt(route.secret_encrypted) if route.secret_encrypted else ""
    if route.kind == RouteKind.DINGTALK:
        return DingTalkBot(url, secret, transport=transport)
    return FeishuBot(url, secret, transport=transport)


def smtp_config() -> SmtpConfig:
    """The SMTP server from the configuration; NotifyError when none is configured."""
    config = current_app.config
    if not config.get("SMTP_HOST"):
        raise NotifyError(Words.of("notify.no_smtp"), "no_smtp")
    return SmtpConfig(
        host=config["SMTP_HOST"],
        port=int(config["SMTP_PORT"]),
        sender=config["SMTP_SENDER"],
        security=config["SMTP_SECURITY"],
        username=config["SMTP_USERNAME"],
        password=config["SMTP_PASSWORD"],
    )
