"""The iCalendar feed: parsed back with icalendar, correct zones, stable UIDs, secret links."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import func, select

from app.extensions import db
from app.models import CalendarFeedToken
from app.schedule import feed, services
from tests.conftest import login
from tests.schedule.conftest import brand_at


def fetch(client, secret: str):
    response = client.get(f"/calendar/feed/{secret}.ics")
    body = response.get_data()
    response.close()
    return response, body


def events(body: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(body)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_feed_is_rfc5545_with_the_zone_and_stable_uids(
    client, make_channel, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    piece = approved(channel, title="周末通勤穿搭")
    services.schedule(team["reviewer"], piece, brand_at(monday, 20, 30))
    secret = feed.rotate_feed(team["writer"])
    response, body = fetch(client, secret)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(body)
    assert calendar["version"] == "2.0" and "Hemline" in str(calendar["prodid"])
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == brand_at(monday, 20, 30)  # the same instant …
    assert (start.hour, start.minute, str(start.tzinfo)) == (20, 30, "Asia/Shanghai")  # … local
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert "周末通勤穿搭" in str(event["summary"]) and channel.name in str(event["summary"])
    assert str(event["uid"]) == f"hemline-piece-{piece.id}@hemline.local"
    assert f"/pieces/{piece.id}" in str(event["url"])
    services.reschedule(team["reviewer"], piece, brand_at(monday + timedelta(days=1), 8))
    _, again = fetch(client, secret)
    moved = events(again)[f"hemline-piece-{piece.id}@hemline.local"]
    assert moved.decoded("dtstart") == brand_at(monday + timedelta(days=1), 8)


def test_a_user_in_another_zone_gets_their_zone(
    client, make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"))
    services.schedule(team["reviewer"], piece, brand_at(monday, 20))
    writer = team["writer"]
    writer.timezone = "Europe/London"
    db.session.commit()
    _, body = fetch(client, feed.rotate_feed(writer))
    calendar = Calendar.from_ical(body)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    start = calendar.walk("VEVENT")[0].decoded("dtstart")
    assert start == brand_at(monday, 20)
    assert start.utcoffset() == ZoneInfo("Europe/London").utcoffset(start.replace(tzinfo=None))
    assert b"DTSTART;TZID=Europe/London:" in body


def test_whose_pieces_are_in_a_feed(
    client, make_channel, make_user, approved, team, monday
) -> None:
    channel = make_channel("xiaohongshu")
    mine = approved(channel, title="我的稿件")
    services.schedule(team["manager"], mine, brand_at(monday))
    other_reviewer = make_user("reviewer")
    stranger = make_user("writer")
    titles = {}
    for who in (team["writer"], team["reviewer"], team["manager"], other_reviewer, stranger):
        _, body = fetch(client, feed.rotate_feed(who))
        titles[who.id] = [str(e["summary"]) for e in Calendar.from_ical(body).walk("VEVENT")]
    assert len(titles[team["writer"].id]) == 1  # owner
    assert len(titles[team["reviewer"].id]) == 1  # made the review decision
    assert len(titles[team["manager"].id]) == 1  # managers see the whole calendar
    assert titles[other_reviewer.id] == [] and titles[stranger.id] == []


def test_rotated_revoked_and_unknown_links_are_404_without_data(
    client, make_channel, approved, team, monday
) -> None:
    piece = approved(make_channel("xiaohongshu"), title="不可泄露的标题")
    services.schedule(team["reviewer"], piece, brand_at(monday))
    first = feed.rotate_feed(team["writer"])
    second = feed.rotate_feed(team["writer"])
    for secret in (first, "made-up-token", ""):
        response, body = fetch(client, secret)
        assert response.status_code == 404
        assert "不可泄露的标题".encode() not in body and b"VCALENDAR" not in body
    assert fetch(client, second)[0].status_code == 200
    assert feed.revoke_feed(team["writer"]) is True
    response, body = fetch(client, second)
    assert response.status_code == 404 and b"VEVENT" not in body
    stored = db.session.scalars(select(CalendarFeedToken.token_hash)).all()
    assert first not in stored and second not in stored and len(stored[0]) == 64


def test_feed_page_shows_the_link_once_and_revokes_it(client, team) -> None:
    login(client, team["writer"])
    empty = client.get("/calendar/feed")
    assert "你还没有订阅链接" in empty.get_data(as_text=True)
    empty.close()
    created = client.post("/calendar/feed/rotate")
    assert created.status_code == 302 and created.headers["Location"].endswith("/calendar/feed")
    created.close()
    landed = client.get("/calendar/feed")  # POST-redirect-GET: the new link, shown once
    page = landed.get_data(as_text=True)
    landed.close()
    assert landed.headers["Cache-Control"] == "no-store"
    url = re.search(r'value="(http://localhost/calendar/feed/[^"]+\.ics)"', page).group(1)
    assert "webcal://localhost/calendar/feed/" in page
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert fetch(client, secret)[0].status_code == 200
    shown = client.get("/calendar/feed")  # a refresh neither rotates nor shows the secret again
    assert secret not in shown.get_data(as_text=True) and "订阅链接已启用" in shown.get_data(
        as_text=True
    )
    shown.close()
    assert fetch(client, secret)[0].status_code == 200
    assert db.session.scalar(select(func.count()).select_from(CalendarFeedToken)) == 1
    revoked = client.post("/calendar/feed/revoke", follow_redirects=True)
    assert "订阅链接已停用" in revoked.get_data(as_text=True)
    revoked.close()
    assert fetch(client, secret)[0].status_code == 404
