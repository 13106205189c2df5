"""Per-user iCalendar (RFC 5545) feed behind a secret, revocable and rotatable link.

Decisions
---------
What is in a feed
    One VEVENT per piece with a publish time (scheduled, publishing or published) from 90 days ago
    on, that the user is concerned with: pieces they own (writers), pieces they made a review
    decision on (reviewers, legal), and for managers — who own the calendar — every piece.
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
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from icalendar import Calendar, Event, Timezone
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from app import audit
from app.extensions import db
from app.labels import STATUS_LABELS
from app.models import (
    CONTENT_TYPE_LABELS,
    CalendarFeedToken,
    ContentType,
    Piece,
    ReviewDecision,
    Role,
    User,
    utcnow,
)
from app.schedule.policy import COUNTED_STATUSES
from app.workflow import Status
from app.zones import display_zone

PAST_DAYS = 90
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


def user_for_feed(secret: str) -> User | None:
    """The active owner of a live feed secret, or None; notes when it was last used."""
    token = db.session.scalar(
        select(CalendarFeedToken).where(
            CalendarFeedToken.token_hash == _digest(secret), CalendarFeedToken.revoked_at.is_(None)
        )
    )
    if token is None or not token.user.active:
        return None
    now = utcnow()
    # Calendar apps poll every few minutes: note the use, but write it at most every
    # LAST_USED_EVERY instead of one UPDATE and commit per poll (issue 16).
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
        db.session.commit()
    return token.user


def feed_pieces(user: User, now: datetime) -> list[Piece]:
    """Pieces with a publish time the user is concerned with (see the module's decisions)."""
    query = select(Piece).where(
        Piece.status.in_(COUNTED_STATUSES),
        Piece.publish_at >= now - timedelta(days=PAST_DAYS),
    )
    if not user.has_role(Role.MANAGER):
        reviewed = select(ReviewDecision.piece_id).where(ReviewDecision.reviewer_id == user.id)
        query = query.where(or_(Piece.owner_id == user.id, Piece.id.in_(reviewed)))
    # Each event names the piece's channel and writer: loaded with the pieces, not one by one.
    query = query.options(selectinload(Piece.channel), selectinload(Piece.owner))
    return list(db.session.scalars(query.order_by(Piece.publish_at, Piece.id)))


def feed_ical(user: User, now: datetime | None = None) -> bytes:
    """The user's calendar as an RFC 5545 document."""
    now = now or utcnow()
    zone = display_zone(user)
    calendar = Calendar()
    calendar.add("prodid", "-//Hemline//内容日历//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Hemline 内容日历 · {user.display_name}")
    calendar.add("x-wr-timezone", zone.key)
    for piece in feed_pieces(user, now):
        calendar.add_component(_event(piece, zone, now))
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


def _event(piece: Piece, zone: ZoneInfo, now: datetime) -> Event:
    assert piece.publish_at is not None
    start = piece.publish_at.astimezone(zone)
    event = Event()
    domain = current_app.config.get("HEMLINE_ICAL_DOMAIN", "hemline.local")
    event.add("uid", f"hemline-piece-{piece.id}@{domain}")
    event.add("dtstamp", now)
    event.add("last-modified", piece.updated_at)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
    kind = CONTENT_TYPE_LABELS[ContentType(piece.content_type)]
    event.add("summary", f"[{piece.channel.name}] {piece.title}")
    event.add(
        "description",
        f"{kind} · {STATUS_LABELS[Status(piece.status)]} · 撰稿人 {piece.owner.display_name}",
    )
    event.add("url", url_for("content.piece", piece_id=piece.id, _external=True))
    event.add("categories", [kind])
    return event
