"""Per-user iCalendar (RFC 5545) feed behind a secret, revocable and rotatable link.

Decisions
---------
What is in a feed
    One VEVENT per piece with a publish time (scheduled, publishing or published) in the feed's
    window that the user is concerned with: pieces they own (writers), pieces they made a review
    decision on (reviewers, legal), and for managers — who own the calendar — every piece.
The window
    Days in the user's zone: from 30 days before today to 90 days after it (``PAST_DAYS``,
    ``FUTURE_DAYS``), which is what calendar apps show of a subscription. Calendar apps send no
    range of their own (RFC 5545 subscriptions are whole documents), so a link may carry one:
    ``?from=YYYY-MM-DD&to=YYYY-MM-DD`` (both days included, at most ``MAX_DAYS`` apart; a bad
    range is a 400 saying why). Without the bound a manager's feed at scale held every piece of
    the year, ~12,000 events, rebuilt on every poll (issue 16).
Polls
    Calendar apps poll every few minutes. Each answer carries an ETag and Last-Modified derived
    from one aggregate query over the window (how many events, the newest change, their ids);
    a poll with the same ``If-None-Match`` (or, without it, an ``If-Modified-Since`` not older
    than the newest change) is a 304 without a body, and nothing is built. A piece scheduled,
    moved, published or edited changes the figure; renaming a channel or a writer shows with
    the next change in the window (or the next day's window).
Times
    DTSTART carries TZID of the user's zone (their own, else the brand zone) with the matching
    VTIMEZONE, which Outlook needs; DTSTAMP and LAST-MODIFIED are UTC. An event lasts 30 minutes:
    a publish time is an instant, and a zero-length event is hidden by some calendar apps.
UIDs
    ``hemline-piece-<id>@<HEMLINE_ICAL_DOMAIN>``: stable across reschedules, so a moved piece
    moves in the subscriber's calendar instead of appearing twice.
Secrets
    ``secrets.token_urlsafe(32)``, shown once when created or rotated; only the SHA-256 is stored.
    At most one live token per user: rotating revokes the old one. A revoked or unknown token gets
    a plain 404 that says nothing about whether it ever existed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from icalendar import Calendar, Event, Timezone
from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func, or_, select
from sqlalchemy.orm import joinedload

from app import audit
from app.errors import InvalidInput
from app.extensions import db
from app.labels import STATUS_LABELS
from app.models import (
    CONTENT_TYPE_LABELS,
    CalendarFeedToken,
    Channel,
    ContentType,
    Piece,
    ReviewDecision,
    Revision,
    Role,
    User,
    utcnow,
)
from app.schedule.policy import COUNTED_STATUSES, N_
from app.workflow import Status
from app.zones import display_zone

PAST_DAYS = 30  # the default window: 30 days back …
FUTURE_DAYS = 90  # … to 90 days ahead, in the user's zone
MAX_DAYS = 366  # the longest window a link's ?from=…&to=… may ask for
FORMAT = 2  # part of every ETag: a change of what an event says invalidates the clients' copies
EVENT_MINUTES = 30
LAST_USED_EVERY = timedelta(minutes=5)  # how stale a feed link's "last read" may be


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _live(user: User) -> Select:
    return select(CalendarFeedToken).where(
        CalendarFeedToken.user_id == user.id, CalendarFeedToken.revoked_at.is_(None)
    )


def live_token(user: User) -> CalendarFeedToken | None:
    """The user's current feed token row, if any."""
    return db.session.scalars(_live(user).order_by(CalendarFeedToken.id.desc())).first()


def rotate_feed(user: User) -> str:
    """Revoke the user's feed link and create a new one; returns the secret (shown once)."""
    _revoke_all(user)
    secret = secrets.token_urlsafe(32)
    token = CalendarFeedToken(user_id=user.id, token_hash=_digest(secret), prefix=secret[:8])
    db.session.add(token)
    db.session.flush()
    audit.record(user, "calendar_feed.rotate", token)
    db.session.commit()
    return secret


def revoke_feed(user: User) -> bool:
    """Revoke the user's feed link; False if there was none."""
    revoked = _revoke_all(user)
    db.session.commit()
    return revoked


def _revoke_all(user: User) -> bool:
    tokens = list(db.session.scalars(_live(user)))
    for token in tokens:
        token.revoked_at = utcnow()
        audit.record(user, "calendar_feed.revoke", token)
    return bool(tokens)


@cache
def _link_query() -> Select[CalendarFeedToken]:
    """Every poll: the live link, its user and the user's roles in one query; built once per
    process (building it cost ~0.2 ms of every poll; issue 16)."""
    return (
        select(CalendarFeedToken)
        .where(
            CalendarFeedToken.token_hash == bindparam("digest"),
            CalendarFeedToken.revoked_at.is_(None),
        )
        .options(joinedload(CalendarFeedToken.user).joinedload(User.role_rows))
    )


def user_for_feed(secret: str) -> User | None:
    """The active owner of a live feed secret, or None; notes when it was last used."""
    token = db.session.scalars(_link_query(), {"digest": _digest(secret)}).unique().one_or_none()
    if token is None or not token.user.active:
        return None
    now = utcnow()
    # Calendar apps poll every few minutes: note the use, but write it at most every
    # LAST_USED_EVERY instead of one UPDATE and commit per poll (issue 16).
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
        db.session.commit()
    return token.user


@dataclass(frozen=True)
class Window:
    """The days a feed covers, both included, in the zone the feed is written in."""

    first: date
    last: date
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), self.zone)

    @property
    def end(self) -> datetime:  # exclusive
        return datetime.combine(self.last + timedelta(days=1), time(), self.zone)


def window(user: User, now: datetime, first: str | None = None, last: str | None = None) -> Window:
    """The feed's window: PAST_DAYS before today to FUTURE_DAYS after it in the user's zone,
    or the days a link asks for (``?from=`` / ``?to=``, ISO dates, at most MAX_DAYS)."""
    zone = display_zone(user)
    today = now.astimezone(zone).date()
    try:
        start = date.fromisoformat(first) if first else today - timedelta(days=PAST_DAYS)
        end = date.fromisoformat(last) if last else start + timedelta(days=PAST_DAYS + FUTURE_DAYS)
    except ValueError:
        raise InvalidInput(N_("日期格式应为 YYYY-MM-DD，例如 2026-12-01。")) from None
    if end < start:
        raise InvalidInput(N_("结束日期（to）不能早于开始日期（from）。"))
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(N_("订阅范围最多 366 天。"))  # MAX_DAYS
    return Window(start, end, zone)


@cache
def _conditions(everyone: bool) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a feed's pieces, with the window (``start``, ``end``) and the user
    (``user_id``) as parameters (see the module's decisions); built once per process per kind,
    as are the queries below (building them cost a good part of a poll; issue 16)."""
    conditions = [
        Piece.status.in_(COUNTED_STATUSES),
        Piece.publish_at >= bindparam("start"),
        Piece.publish_at < bindparam("end"),
    ]
    if not everyone:
        user: BindParameter[int] = bindparam("user_id")
        reviewed = select(ReviewDecision.piece_id).where(ReviewDecision.reviewer_id == user)
        conditions.append(or_(Piece.owner_id == user, Piece.id.in_(reviewed)))
    return tuple(conditions)


def _concerns(user: User, span: Window) -> tuple[tuple[ColumnElement[bool], ...], dict]:
    """The conditions of the user's pieces in the window, and their parameters."""
    everyone = user.has_role(Role.MANAGER)
    params: dict[str, object] = {"start": span.start, "end": span.end}
    if not everyone:
        params["user_id"] = user.id
    return _conditions(everyone), params


@dataclass(frozen=True)
class FeedRow:
    """What one event says: light columns, not whole pieces (a manager's window at scale holds
    thousands)."""

    id: int
    title: str
    status: str
    content_type: str
    publish_at: datetime | None  # never None in a feed (the window's condition)
    updated_at: datetime
    channel: str
    writer: str


def feed_rows(user: User, span: Window) -> list[FeedRow]:
    """The events of the user's feed in the window, by publish time."""
    conditions, params = _concerns(user, span)
    return [FeedRow(*row) for row in db.session.execute(_rows_query(conditions), params)]


@cache
def _rows_query(conditions: tuple[ColumnElement[bool], ...]) -> Select:
    return (
        select(
            Piece.id,
            func.coalesce(Revision.title, ""),
            Piece.status,
            Piece.content_type,
            Piece.publish_at,
            Piece.updated_at,
            Channel.name,
            User.display_name,
        )
        .join(Channel, Channel.id == Piece.channel_id)
        .join(User, User.id == Piece.owner_id)
        .outerjoin(Revision, Revision.id == Piece.current_revision_id)
        .where(*conditions)
        .order_by(Piece.publish_at, Piece.id)
    )


def feed_version(user: User, span: Window) -> tuple[str, datetime | None]:
    """(ETag, Last-Modified) of the user's feed in the window, from one aggregate query: the
    number of events, the newest change among them and the sum of their ids; with the window,
    the zone, the feed's name and FORMAT. Last-Modified is None for an empty feed."""
    conditions, params = _concerns(user, span)
    count, newest, ids = db.session.execute(_version_query(conditions), params).one()
    stamp = newest.isoformat() if newest else "-"
    parts = (FORMAT, user.id, user.display_name, span.first, span.last, span.zone.key)
    tag = hashlib.sha256(f"{parts}|{count}|{stamp}|{ids or 0}".encode()).hexdigest()[:32]
    return tag, newest


@cache
def _version_query(conditions: tuple[ColumnElement[bool], ...]) -> Select:
    return select(func.count(), func.max(Piece.updated_at), func.sum(Piece.id)).where(*conditions)


def feed_ical(user: User, now: datetime | None = None, span: Window | None = None) -> bytes:
    """The user's calendar as an RFC 5545 document (the default window unless `span`)."""
    now = now or utcnow()
    span = span or window(user, now)
    calendar = Calendar()
    calendar.add("prodid", "-//Hemline//内容日历//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Hemline 内容日历 · {user.display_name}")
    calendar.add("x-wr-timezone", span.zone.key)
    domain = current_app.config.get("HEMLINE_ICAL_DOMAIN", "hemline.local")
    for row in feed_rows(user, span):
        calendar.add_component(_event(row, span.zone, now, domain))
    _add_timezones(calendar)
    return calendar.to_ical()


def _add_timezones(calendar: Calendar) -> None:
    """Calendar.add_missing_timezones with each VTIMEZONE built once per process."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        try:
            timezone = _vtimezone(tzid)
        except ValueError:  # a zone icalendar does not know is left out, as it does
            continue
        calendar.subcomponents.insert(position, timezone)
        position += 1


@lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE of a zone: icalendar derives it from the zone's transitions over decades,
    which was most of a feed request's time under load (issue 16); read-only once built."""
    return Timezone.from_tzid(tzid)


def _event(row: FeedRow, zone: ZoneInfo, now: datetime, domain: str) -> Event:
    assert row.publish_at is not None
    start = row.publish_at.astimezone(zone)
    event = Event()
    event.add("uid", f"hemline-piece-{row.id}@{domain}")
    event.add("dtstamp", now)
    event.add("last-modified", row.updated_at)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
    kind = CONTENT_TYPE_LABELS[ContentType(row.content_type)]
    event.add("summary", f"[{row.channel}] {row.title}")
    event.add(
        "description",
        f"{kind} · {STATUS_LABELS[Status(row.status)]} · 撰稿人 {row.writer}",
    )
    event.add("url", url_for("content.piece", piece_id=row.id, _external=True))
    event.add("categories", [kind])
    return event
