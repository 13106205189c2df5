"""The calendar's day of each publish time, counted by the database (issue 16): arithmetic on whole
seconds where every day of the window has 24 hours, one comparison per day boundary across a clock
change; the same cells either way, to the second at midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import Piece
from app.schedule import calendar as cal

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def last_sunday_of_october(year: int) -> date:
    day = date(year, 10, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def place(make_piece, make_channel, instants: list[datetime]) -> list[Piece]:
    """Scheduled pieces at exactly these instants (set on the row: the rules are not the point)."""
    channel = make_channel("xiaohongshu")
    pieces = [make_piece(status="scheduled", channel=channel) for _ in instants]
    for piece, at in zip(pieces, instants, strict=True):
        piece.publish_at = at.astimezone(UTC)
    db.session.commit()
    return pieces


def cells(mode: str, anchor: date) -> dict[date, list[int]]:
    now = datetime(2026, 11, 18, 10, 0, tzinfo=SH)
    calendar = cal.build_calendar(mode, anchor, cal.Filters(), now)
    return {d.day: [e.piece.id for e in d.entries] for w in calendar.weeks for d in w.days}


def day_sql(first: date, zone: ZoneInfo) -> list[str]:
    index = cal.DayIndex(first, first + timedelta(days=6), zone)
    statement = select(index.case(Piece.publish_at))
    return [str(statement.compile(dialect=d())) for d in (sqlite.dialect, postgresql.dialect)]


def test_midnight_to_the_second_in_the_brands_zone(make_piece, make_channel) -> None:
    monday = date(2030, 3, 4)
    edges = [
        datetime.combine(monday, time(0, 0), tzinfo=SH),  # the first instant of the window
        datetime.combine(monday, time(23, 59, 59, 900_000), tzinfo=SH),  # a fraction before
        datetime.combine(monday + timedelta(days=1), time(0, 0), tzinfo=SH),
        datetime.combine(monday + timedelta(days=6), time(23, 59, 59), tzinfo=SH),  # the last
    ]
    first, late, next_day, sunday = place(make_piece, make_channel, edges)
    found = cells("week", monday)
    assert found[monday] == [first.id, late.id]
    assert found[monday + timedelta(days=1)] == [next_day.id]
    assert found[monday + timedelta(days=6)] == [sunday.id]
    assert sum(map(len, found.values())) == 4
    # The progress column counts the same days (its own statement, the same expression).
    now = datetime(2026, 11, 18, 10, 0, tzinfo=SH)
    [progress] = cal.build_calendar("week", monday, cal.Filters(), now).weeks[0].progress
    assert progress.progress.total == 4


def test_the_days_of_a_zone_without_clock_changes_are_arithmetic_one_parameter() -> None:
    for sql in day_sql(date(2030, 3, 4), SH):
        assert "CASE" not in sql
        assert "day_origin" in sql or "?" in sql


def test_across_a_clock_change_each_day_keeps_its_own_boundaries(
    app: Flask, make_piece, make_channel
) -> None:
    change = last_sunday_of_october(2030)  # 25 hours long in Berlin
    monday = change - timedelta(days=6)
    assert all("CASE" in sql for sql in day_sql(monday, BERLIN))  # not 24-hour days
    app.config["HEMLINE_TIMEZONE"] = "Europe/Berlin"
    try:
        edges = [
            datetime.combine(change, time(0, 30), tzinfo=BERLIN),
            datetime.combine(change, time(23, 30), tzinfo=BERLIN),  # 24.5 h after midnight
            datetime.combine(change + timedelta(days=1), time(0, 0), tzinfo=BERLIN),
            datetime.combine(change - timedelta(days=1), time(23, 59, 59), tzinfo=BERLIN),
        ]
        early, late, monday_after, saturday = place(make_piece, make_channel, edges)
        found = cells("week", monday)
        assert found[change] == [early.id, late.id]
        assert found[change - timedelta(days=1)] == [saturday.id]
        assert monday_after.id not in [i for ids in found.values() for i in ids]
        assert cells("week", change + timedelta(days=1))[change + timedelta(days=1)] == [
            monday_after.id
        ]
    finally:
        app.config["HEMLINE_TIMEZONE"] = "Asia/Shanghai"


@pytest.mark.parametrize("zone", [SH, BERLIN], ids=["shanghai", "berlin"])
def test_a_month_of_pieces_every_seven_hours_lands_on_the_days_python_gives(
    app: Flask, make_piece, make_channel, zone: ZoneInfo
) -> None:
    app.config["HEMLINE_TIMEZONE"] = zone.key
    try:
        anchor = date(2030, 10, 15)  # October: Berlin's clock changes inside the window
        first, last, _, _ = cal.period("month", anchor)
        start = datetime.combine(first, time(0, 0), tzinfo=zone).astimezone(UTC)
        instants = [start + timedelta(hours=7 * n, seconds=n) for n in range(0, 41 * 24 // 7)]
        pieces = place(make_piece, make_channel, instants)
        expected: dict[date, set[int]] = {}
        for piece, at in zip(pieces, instants, strict=True):
            expected.setdefault(at.astimezone(zone).date(), set()).add(piece.id)
        found = cells("month", anchor)
        per_day = cal.PER_DAY["month"]
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1)):
            shown = set(found[day])
            assert shown <= expected.get(day, set()), day
            assert len(shown) == min(per_day, len(expected.get(day, set()))), day
    finally:
        app.config["HEMLINE_TIMEZONE"] = "Asia/Shanghai"
