"""The iCal feed at scale (issue 16): a bounded window (30 days back, 90 ahead, or the link's
?from=&to=) and conditional GET — an unchanged feed is a 304 without a body, built never."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import update

from app.extensions import db
from app.models import Channel, Piece, User
from app.schedule import feed, services
from tests.schedule.conftest import TODAY, brand_at
from tests.schedule.test_feed_cache import counting_builds


def _published(approved, channel: Channel, title: str, days: int) -> Piece:  # noqa: ANN001
    """A piece published (past) or scheduled (future) `days` from TODAY at 10:00 brand time."""
    piece = approved(channel, title=title)
    at = brand_at(TODAY.date() + timedelta(days=days))
    status = "published" if days < 0 else "scheduled"
    db.session.execute(
        update(Piece).where(Piece.id == piece.id).values(status=status, publish_at=at)
    )
    db.session.commit()
    return piece


def _titles(body: bytes) -> set[str]:
    return {str(e["summary"]).split("] ", 1)[1] for e in Calendar.from_ical(body).walk("VEVENT")}


@pytest.fixture
def year(make_channel, approved) -> dict[int, Piece]:  # noqa: ANN001
    """Pieces around TODAY by day: beyond and inside both ends of the default window."""
    channel = make_channel("xiaohongshu")
    days = (-45, -31, -30, -1, 0, 90, 91, 120)
    return {day: _published(approved, channel, f"day {day}", day) for day in days}


def _get(client: FlaskClient, secret: str, query: str = "", **headers: str):  # noqa: ANN202
    response = client.get(f"/calendar/feed/{secret}.ics{query}", headers=headers)
    response.get_data()
    response.close()
    return response


def test_the_default_window_is_30_days_back_to_90_ahead(
    client: FlaskClient, year: dict[int, Piece], team: dict[str, User]
) -> None:
    response = _get(client, feed.rotate_feed(team["manager"]))
    assert response.status_code == 200
    assert _titles(response.data) == {"day -30", "day -1", "day 0", "day 90"}


def test_a_link_may_ask_for_other_days_within_a_year(
    client: FlaskClient, year: dict[int, Piece], team: dict[str, User]
) -> None:
    secret = feed.rotate_feed(team["manager"])
    first, last = TODAY.date() - timedelta(days=45), TODAY.date() + timedelta(days=120)
    response = _get(client, secret, f"?from={first}&to={last}")
    assert _titles(response.data) == {f"day {d}" for d in (-45, -31, -30, -1, 0, 90, 91, 120)}
    only_from = _get(client, secret, f"?from={TODAY.date() + timedelta(days=91)}")
    assert _titles(only_from.data) == {"day 91", "day 120"}  # from that day, 120 days on
    for query, reason in (
        ("?from=yesterday", "日期格式应为 YYYY-MM-DD"),
        (f"?from={last}&to={first}", "不能早于开始日期"),
        (f"?from={first}&to={first + timedelta(days=366)}", "最多 366 天"),
    ):
        refused = _get(client, secret, query)
        assert refused.status_code == 400, query
        assert reason in refused.get_data(as_text=True), query


def test_an_unchanged_feed_is_a_304_and_a_change_shows_at_once(
    client: FlaskClient,
    year: dict[int, Piece],
    team: dict[str, User],
    approved,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds = counting_builds(monkeypatch)
    secret = feed.rotate_feed(team["manager"])
    first = _get(client, secret)
    tag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.status_code == 200 and tag and modified and builds == [team["manager"].id]

    again = _get(client, secret, **{"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    since = _get(client, secret, **{"If-Modified-Since": modified})
    assert since.status_code == 304
    other_tag = _get(client, secret, **{"If-None-Match": '"something-else"'})
    assert other_tag.status_code == 200
    assert len(builds) == 2  # the 304s built nothing

    _published(approved, year[0].channel, "a new one", 3)  # scheduled meanwhile
    changed = _get(client, secret, **{"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert "a new one" in _titles(changed.data)
    newer = changed.headers["ETag"]
    services.reschedule(team["manager"], year[90], brand_at(TODAY.date() + timedelta(days=5)))
    moved = _get(client, secret, **{"If-None-Match": newer})
    assert moved.status_code == 200 and moved.headers["ETag"] != newer
