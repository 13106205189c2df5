"""Feed polls under load (issue 16): the VTIMEZONE built once, one write per link every few
minutes rather than one per poll, the same document as icalendar's own assembly."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from icalendar import Calendar

from app.extensions import db
from app.models import CalendarFeedToken, utcnow
from app.schedule import feed, services
from tests.schedule.conftest import brand_at


def _token(secret: str) -> CalendarFeedToken:
    [token] = [t for t in db.session.query(CalendarFeedToken) if t.revoked_at is None]
    assert feed.user_for_feed(secret) is not None
    return token


def test_a_poll_notes_its_use_once_in_a_while_not_every_time(
    app, make_channel, approved, team, monday
) -> None:
    secret = feed.rotate_feed(team["writer"])
    start = utcnow()
    with time_machine.travel(start, tick=False):
        token = _token(secret)
        assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert feed.user_for_feed(secret) is not None
        db.session.expire_all()
        assert _token(secret).last_used_at == start  # no write a minute later
    later = start + feed.LAST_USED_EVERY + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert feed.user_for_feed(secret) is not None
        db.session.expire_all()
        assert _token(secret).last_used_at == later


def test_the_feed_carries_the_same_vtimezone_as_icalendar_builds(
    app, make_channel, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    services.schedule(team["reviewer"], approved(channel, title="早春"), brand_at(monday, 9))
    with app.test_request_context():
        body = feed.feed_ical(team["writer"])
        again = feed.feed_ical(team["writer"])
    ours = Calendar.from_ical(body)
    [zone] = ours.walk("VTIMEZONE")
    reference = Calendar()
    for event in ours.walk("VEVENT"):
        reference.add_component(event)
    reference.add_missing_timezones()
    [expected] = reference.walk("VTIMEZONE")
    assert zone.to_ical() == expected.to_ical()
    assert body.index(b"BEGIN:VTIMEZONE") < body.index(b"BEGIN:VEVENT")
    assert again == body  # the cached component serialises the same every time
